package external

import (
	"context"
	"fmt"
	"sort"
	"time"

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
type TenantSettings struct {
	Singleton[*v1alpha1.TenantSettings]
}

// NewTenantSettings returns the TenantSettings mapping.
func NewTenantSettings() *TenantSettings {
	return &TenantSettings{Singleton[*v1alpha1.TenantSettings]{ID: tenantSettingsID}}
}

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
	want["enabled_locales"] = locales
	return withValues(reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, want, got), nil
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

var tenantFlagDefaults = map[string]bool{
	"allow_legacy_delegation_grant_types": false, "allow_legacy_ro_grant_types": false,
	"allow_other_legacy_grant_types": false, "disable_management_api_sms_obfuscation": false,
	"enable_sso": true, "enforce_client_authentication_on_passwordless_start": true,
	"disable_fields_map_fix": false, "remove_alg_from_jwks": false,
}

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
	flags := objectField(o, "flags")
	s := v1alpha1.TenantSettingsSpec{
		FriendlyName: stringOf(o, "friendly_name"), PictureURL: stringOf(o, "picture_url"), SupportEmail: stringOf(o, "support_email"),
		SupportURL: stringOf(o, "support_url"), AllowedLogoutURLs: stringsField(o, "allowed_logout_urls"),
		SessionLifetime: hours(o, "session_lifetime"), IdleSessionLifetime: hours(o, "idle_session_lifetime"),
		EphemeralSessionLifetime: hours(o, "ephemeral_session_lifetime"), IdleEphemeralSessionLifetime: hours(o, "idle_ephemeral_session_lifetime"),
		DefaultAudience: stringOf(o, "default_audience"), DefaultDirectory: stringOf(o, "default_directory"),
		DefaultRedirectionURI: stringOf(o, "default_redirection_uri"), EnabledLocales: stringsField(o, "enabled_locales"),
		SandboxVersion: stringOf(o, "sandbox_version"),
		Flags: &v1alpha1.TenantFlags{
			DisableImpersonation: boolField(flags, "disable_impersonation"), EnablePublicSignupUserExistsError: boolField(flags, "enable_public_signup_user_exists_error"),
			NoDiscloseEnterpriseConnections: boolField(flags, "no_disclose_enterprise_connections"), RevokeRefreshTokenGrant: boolField(flags, "revoke_refresh_token_grant"),
			DisableClickjackProtectionHeaders: boolField(flags, "disable_clickjack_protection_headers"),
			EnableDynamicClientRegistration:   boolField(flags, "enable_dynamic_client_registration"),
			UseScopeDescriptionsForConsent:    boolField(flags, "use_scope_descriptions_for_consent"),
			MFAShowFactorListOnEnrollment:     boolField(flags, "mfa_show_factor_list_on_enrollment"),
		},
		CustomizeMFAInPostLoginAction:            boolField(o, "customize_mfa_in_postlogin_action"),
		AllowOrganizationNameInAuthenticationAPI: boolField(o, "allow_organization_name_in_authentication_api"),
	}
	for name, def := range tenantFlagDefaults {
		if v, ok := flags[name].(bool); ok && v != def {
			if s.Flags.Passthrough == nil {
				s.Flags.Passthrough = map[string]bool{}
			}
			s.Flags.Passthrough[name] = v
		}
	}
	if mode := stringOf(objectField(o, "session_cookie"), "mode"); mode != "" {
		s.SessionCookie = &v1alpha1.SessionCookie{Mode: mode}
	}
	if p := boolField(objectField(o, "sessions"), "oidc_logout_prompt_enabled"); p != nil {
		s.Sessions = &v1alpha1.TenantSessions{OIDCLogoutPromptEnabled: p}
	}
	h := func(n time.Duration) *metav1.Duration { return &metav1.Duration{Duration: n * time.Hour} }
	d := v1alpha1.TenantSettingsSpec{
		SessionLifetime: h(720), IdleSessionLifetime: h(72), EphemeralSessionLifetime: h(72), IdleEphemeralSessionLifetime: h(24),
		EnabledLocales: []string{"en"}, SandboxVersion: "22",
		Flags: &v1alpha1.TenantFlags{DisableImpersonation: ptr(true), EnablePublicSignupUserExistsError: ptr(false),
			NoDiscloseEnterpriseConnections: ptr(false), RevokeRefreshTokenGrant: ptr(false), DisableClickjackProtectionHeaders: ptr(false),
			EnableDynamicClientRegistration: ptr(false), UseScopeDescriptionsForConsent: ptr(false), MFAShowFactorListOnEnrollment: ptr(false)},
		SessionCookie: &v1alpha1.SessionCookie{Mode: "persistent"}, Sessions: &v1alpha1.TenantSessions{OIDCLogoutPromptEnabled: ptr(true)},
		CustomizeMFAInPostLoginAction: ptr(false), AllowOrganizationNameInAuthenticationAPI: ptr(false),
	}
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	return singleton("tenant-settings", &v1alpha1.TenantSettings{Spec: s}, s), nil
}}

// hours is o[key], a number of hours, as a Duration.
func hours(o object, key string) *metav1.Duration {
	if f, ok := o[key].(float64); ok {
		return &metav1.Duration{Duration: time.Duration(f * float64(time.Hour))}
	}
	return nil
}
