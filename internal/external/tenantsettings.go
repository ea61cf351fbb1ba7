package external

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// tenantSettingsID is the fixed ID of the tenant's settings, the singleton's natural key.
const tenantSettingsID = "settings"

// TenantSettings maps TenantSettings to the tenant's settings: a singleton that always exists,
// read and patched, never created or deleted.
type TenantSettings struct {
	Singleton[*v1alpha1.TenantSettings]
	// In reads the classic pages' HTML from ConfigMaps.
	In reconcile.Inputs
}

// NewTenantSettings returns the TenantSettings mapping.
func NewTenantSettings(fresh client.Reader) *TenantSettings {
	return &TenantSettings{Singleton: Singleton[*v1alpha1.TenantSettings]{ID: tenantSettingsID}, In: reconcile.Inputs{Reader: fresh}}
}

// tenantPages are the classic pages whose HTML the spec may give, by Auth0 field.
func tenantPages(s v1alpha1.TenantSettingsSpec) map[string]*v1alpha1.TextSource {
	out := map[string]*v1alpha1.TextSource{}
	if s.ErrorPage != nil && s.ErrorPage.HTML != nil {
		out["error_page"] = s.ErrorPage.HTML
	}
	if s.ChangePassword != nil && s.ChangePassword.HTML != nil {
		out["change_password"] = s.ChangePassword.HTML
	}
	if s.GuardianMFAPage != nil && s.GuardianMFAPage.HTML != nil {
		out["guardian_mfa_page"] = s.GuardianMFAPage.HTML
	}
	return out
}

// body is what the spec sets, in Auth0's JSON, the pages' HTML read.
func (x *TenantSettings) body(ctx context.Context, ts *v1alpha1.TenantSettings) (object, error) {
	b, err := tenantSettingsBody(ts)
	if err != nil {
		return nil, err
	}
	for page, src := range tenantPages(ts.Spec) {
		html, err := x.In.Text(ctx, ts.Namespace, src)
		if err != nil {
			return nil, err
		}
		putPath(b, page+".html", html)
	}
	return b, nil
}

var _ reconcile.External[*v1alpha1.TenantSettings] = (*TenantSettings)(nil)

// tenantSettingsBody is what the spec sets, in Auth0's JSON.
func tenantSettingsBody(ts *v1alpha1.TenantSettings) (object, error) {
	b := toAuth0(ts.Spec)
	if f := ts.Spec.Flags; f != nil && len(f.Passthrough) > 0 {
		flags, _ := b["flags"].(object)
		if flags == nil {
			flags = object{}
		}
		for k, v := range f.Passthrough { // CEL keeps them apart from the typed flags
			flags[k] = v
		}
		b["flags"] = flags
	}
	return jsonObject(b)
}

// Observe compares the tenant's settings with the spec. enabled_locales is compared in order:
// the first locale is the default.
func (x *TenantSettings) Observe(ctx context.Context, c *auth0.Client, ts *v1alpha1.TenantSettings, _ string) (reconcile.Observation, error) {
	want, err := x.body(ctx, ts)
	if err != nil {
		return reconcile.Observation{}, err
	}
	res, err := c.API().Tenants.Settings.Get(ctx, &management.GetTenantSettingsRequestParameters{})
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, err := answer(res)
	if err != nil {
		return reconcile.Observation{}, err
	}
	locales := want["enabled_locales"]
	delete(want, "enabled_locales")
	diff := drift(want, got)
	if locales != nil && fmt.Sprint(locales) != fmt.Sprint(got["enabled_locales"]) {
		diff = append(diff, "enabled_locales")
		sort.Strings(diff)
	}
	want["enabled_locales"] = locales
	obs := reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}
	for _, page := range slices.Sorted(maps.Keys(tenantPages(ts.Spec))) {
		w, _ := at(want, page+".html")
		h, _ := at(got, page+".html")
		textInput(c, ts, &obs, page+".html", w, h)
	}
	return withValues(obs, want, got), nil
}

// Update patches what the spec sets.
func (x *TenantSettings) Update(ctx context.Context, c *auth0.Client, ts *v1alpha1.TenantSettings, _ string, obs reconcile.Observation) error {
	body, err := x.body(ctx, ts)
	if err != nil {
		return err
	}
	_, err = c.API().Tenants.Settings.Update(ctx, nil, option.WithBodyProperties(body))
	return err
}

// untypedFlagDefaults are the flags a new tenant answers that no typed field names (go-auth0's
// TenantSettingsFlags lacks them), with their values there: an export writes the others through
// passthrough.
var untypedFlagDefaults = map[string]bool{"allow_other_legacy_grant_types": false}

// tenantSettingsExporter reads the tenant's settings; none are exported when every field the
// kind manages is as on a new tenant.
var tenantSettingsExporter = Exporter{Kind: "TenantSettings", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	res, err := c.API().Tenants.Settings.Get(ctx, &management.GetTenantSettingsRequestParameters{})
	if err != nil {
		return nil, err
	}
	o, err := answer(res)
	if err != nil {
		return nil, err
	}
	var s v1alpha1.TenantSettingsSpec
	fromAuth0(o, &s)
	exportPages(o, &s)
	flags := objectField(o, "flags")
	for name, def := range untypedFlagDefaults {
		if v, ok := flags[name].(bool); ok && v != def {
			if s.Flags == nil {
				s.Flags = &v1alpha1.TenantFlags{}
			}
			if s.Flags.Passthrough == nil {
				s.Flags.Passthrough = map[string]bool{}
			}
			s.Flags.Passthrough[name] = v
		}
	}
	return singleton("tenant-settings", &v1alpha1.TenantSettings{Spec: s}, s), nil
}}

// exportPages writes the classic pages' HTML Auth0 holds inline.
func exportPages(o object, s *v1alpha1.TenantSettingsSpec) {
	html := func(page string) *v1alpha1.TextSource {
		if h, _ := at(o, page+".html"); h != nil && h != "" {
			text, _ := h.(string)
			return &v1alpha1.TextSource{Inline: &text}
		}
		return nil
	}
	if h := html("error_page"); h != nil {
		if s.ErrorPage == nil {
			s.ErrorPage = &v1alpha1.TenantErrorPage{}
		}
		s.ErrorPage.HTML = h
	}
	if h := html("change_password"); h != nil {
		if s.ChangePassword == nil {
			s.ChangePassword = &v1alpha1.TenantClassicPage{}
		}
		s.ChangePassword.HTML = h
	}
	if h := html("guardian_mfa_page"); h != nil {
		if s.GuardianMFAPage == nil {
			s.GuardianMFAPage = &v1alpha1.TenantClassicPage{}
		}
		s.GuardianMFAPage.HTML = h
	}
}
