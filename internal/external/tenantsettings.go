package external

import (
	"context"
	"fmt"
	"sort"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// tenantSettingsID is the fixed ID of the tenant's settings, the singleton's natural key.
const tenantSettingsID = "settings"

// TenantSettings maps TenantSettings to the tenant's settings: a singleton that always exists,
// read and patched, never created or deleted.
type TenantSettings struct{}

// NewTenantSettings returns the TenantSettings mapping.
func NewTenantSettings() *TenantSettings { return &TenantSettings{} }

var _ reconcile.External[*v1alpha1.TenantSettings] = (*TenantSettings)(nil)

// tenantSettingsBody is what the spec sets, in Auth0's JSON. Lifetimes are hours.
func tenantSettingsBody(ts *v1alpha1.TenantSettings) (object, error) {
	s := ts.Spec
	b := object{}
	setString(b, "friendly_name", s.FriendlyName)
	setString(b, "picture_url", s.PictureURL)
	setString(b, "support_email", s.SupportEmail)
	setString(b, "support_url", s.SupportURL)
	setList(b, "allowed_logout_urls", s.AllowedLogoutURLs)
	setHours(b, "session_lifetime", s.SessionLifetime)
	setHours(b, "idle_session_lifetime", s.IdleSessionLifetime)
	setHours(b, "ephemeral_session_lifetime", s.EphemeralSessionLifetime)
	setHours(b, "idle_ephemeral_session_lifetime", s.IdleEphemeralSessionLifetime)
	setString(b, "default_audience", s.DefaultAudience)
	setString(b, "default_directory", s.DefaultDirectory)
	setString(b, "default_redirection_uri", s.DefaultRedirectionURI)
	setList(b, "enabled_locales", s.EnabledLocales)
	setString(b, "sandbox_version", s.SandboxVersion)
	if f := s.Flags; f != nil {
		flags := object{}
		for k, v := range f.Passthrough {
			flags[k] = v
		}
		setPtr(flags, "disable_impersonation", f.DisableImpersonation)
		setPtr(flags, "enable_public_signup_user_exists_error", f.EnablePublicSignupUserExistsError)
		setPtr(flags, "no_disclose_enterprise_connections", f.NoDiscloseEnterpriseConnections)
		setPtr(flags, "revoke_refresh_token_grant", f.RevokeRefreshTokenGrant)
		setPtr(flags, "disable_clickjack_protection_headers", f.DisableClickjackProtectionHeaders)
		setPtr(flags, "enable_dynamic_client_registration", f.EnableDynamicClientRegistration)
		setPtr(flags, "use_scope_descriptions_for_consent", f.UseScopeDescriptionsForConsent)
		setPtr(flags, "mfa_show_factor_list_on_enrollment", f.MFAShowFactorListOnEnrollment)
		setObject(b, "flags", flags)
	}
	if c := s.SessionCookie; c != nil {
		b["session_cookie"] = object{"mode": c.Mode}
	}
	if ss := s.Sessions; ss != nil && ss.OIDCLogoutPromptEnabled != nil {
		b["sessions"] = object{"oidc_logout_prompt_enabled": *ss.OIDCLogoutPromptEnabled}
	}
	setPtr(b, "customize_mfa_in_postlogin_action", s.CustomizeMFAInPostLoginAction)
	setPtr(b, "allow_organization_name_in_authentication_api", s.AllowOrganizationNameInAuthenticationAPI)
	return jsonObject(b)
}

func setHours(b object, key string, d *metav1.Duration) {
	if d != nil {
		b[key] = d.Duration.Hours()
	}
}

// Observe compares the tenant's settings with the spec. enabled_locales is compared in order:
// the first locale is the default.
func (x *TenantSettings) Observe(ctx context.Context, c *auth0.Client, ts *v1alpha1.TenantSettings, _ string) (reconcile.Observation, error) {
	want, err := tenantSettingsBody(ts)
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
	return reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, nil
}

// Find returns the settings' fixed ID: they always exist.
func (x *TenantSettings) Find(context.Context, *auth0.Client, *v1alpha1.TenantSettings) (string, error) {
	return tenantSettingsID, nil
}

// Create is never called for a singleton (Find always finds it).
func (x *TenantSettings) Create(context.Context, *auth0.Client, *v1alpha1.TenantSettings) (string, error) {
	return "", fmt.Errorf("the tenant's settings cannot be created")
}

// Update patches what the spec sets.
func (x *TenantSettings) Update(ctx context.Context, c *auth0.Client, ts *v1alpha1.TenantSettings, _ string, obs reconcile.Observation) error {
	body, err := tenantSettingsBody(ts)
	if err != nil {
		return err
	}
	_, err = c.API().Tenants.Settings.Update(ctx, nil, option.WithBodyProperties(body))
	return err
}

// Delete is never called for a singleton: deleting the object leaves the settings as they are.
func (x *TenantSettings) Delete(context.Context, *auth0.Client, *v1alpha1.TenantSettings, string) error {
	return nil
}
