package external

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// protocolSettings sets one field of each new group of tenant settings.
func protocolSettings() *v1alpha1.TenantSettings {
	return &v1alpha1.TenantSettings{Spec: v1alpha1.TenantSettingsSpec{
		ErrorPage:                             &v1alpha1.TenantErrorPage{HTML: &v1alpha1.TextSource{Inline: ptr("<html></html>")}, ShowLogLink: bp(true), URL: "https://acme.example/error"},
		GuardianMFAPage:                       &v1alpha1.TenantClassicPage{Enabled: bp(true), HTML: &v1alpha1.TextSource{Inline: ptr("<html>mfa</html>")}},
		DeviceFlow:                            &v1alpha1.TenantDeviceFlow{Charset: "digits", Mask: "****-****"},
		OIDCLogout:                            &v1alpha1.TenantOIDCLogout{RPLogoutEndSessionEndpointDiscovery: bp(false)},
		PushedAuthorizationRequestsSupported:  bp(true),
		MTLS:                                  &v1alpha1.TenantMTLS{EnableEndpointAliases: bp(true)},
		ACRValuesSupported:                    []string{"urn:mace:incommon:iap:silver"},
		ResourceParameterProfile:              "compatibility",
		DynamicClientRegistrationSecurityMode: "permissive",
		DefaultTokenQuota: &v1alpha1.DefaultTokenQuota{Clients: &v1alpha1.TokenQuotaDefault{
			ClientCredentials: v1alpha1.TenantClientCredentialsQuota{Enforce: bp(true), PerDay: i32(1000)}}},
		CountryCodes: &v1alpha1.TenantCountryCodes{Mode: "deny", List: []string{"US", "CA"}},
		Flags: &v1alpha1.TenantFlags{EnableSSO: bp(false), RemoveAlgFromJWKS: bp(true),
			Passthrough: map[string]bool{"a_flag_of_tomorrow": true}},
	}}
}

func TestTenantSettingsBodyMapsEveryGroupToAuth0Names(t *testing.T) {
	got, err := NewTenantSettings(nil).body(context.Background(), protocolSettings())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"acr_values_supported":["urn:mace:incommon:iap:silver"],"country_codes":{"list":["US","CA"],"mode":"deny"},` +
		`"default_token_quota":{"clients":{"client_credentials":{"enforce":true,"per_day":1000}}},` +
		`"device_flow":{"charset":"digits","mask":"****-****"},"dynamic_client_registration_security_mode":"permissive",` +
		`"error_page":{"html":"\u003chtml\u003e\u003c/html\u003e","show_log_link":true,"url":"https://acme.example/error"},` +
		`"flags":{"a_flag_of_tomorrow":true,"enable_sso":false,"remove_alg_from_jwks":true},` +
		`"guardian_mfa_page":{"enabled":true,"html":"\u003chtml\u003emfa\u003c/html\u003e"},"mtls":{"enable_endpoint_aliases":true},` +
		`"oidc_logout":{"rp_logout_end_session_endpoint_discovery":false},"pushed_authorization_requests_supported":true,` +
		`"resource_parameter_profile":"compatibility"}`
	if d := cmp.Diff(want, asJSON(t, got)); d != "" {
		t.Errorf("body (-want +got):\n%s", d)
	}
}

// The simulator takes the body (it refuses what go-auth0's request type does not name), and an
// export of the tenant gives the spec back: what it set, and nothing a new tenant has.
func TestTenantSettingsExportWritesNewFieldsAndOmitsDefaults(t *testing.T) {
	ctx := context.Background()
	tn := newSimTenant(t)
	x := NewTenantSettings(nil)
	found, err := tenantSettingsExporter.Read(ctx, tn.c)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 0 {
		t.Fatalf("a new tenant's settings exported: %+v", built(t, found[0]))
	}

	ts := protocolSettings()
	ts.Spec.Flags.Passthrough = nil // not exported: an export cannot know a flag it has no name for
	if err := x.Update(ctx, tn.c, ts, tenantSettingsID, reconcile.Observation{}); err != nil {
		t.Fatalf("Auth0 refused the body: %v", err)
	}
	found, err = tenantSettingsExporter.Read(ctx, tn.c)
	if err != nil || len(found) != 1 {
		t.Fatalf("export: %v, %d objects", err, len(found))
	}
	got := built(t, found[0]).(*v1alpha1.TenantSettings).Spec
	want := ts.Spec
	want.CountryCodes.List = []string{"CA", "US"} // a set: exported sorted
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("exported spec (-want +got):\n%s", d)
	}

	obs, err := x.Observe(ctx, tn.c, &v1alpha1.TenantSettings{Spec: got}, tenantSettingsID)
	if err != nil || !obs.UpToDate {
		t.Errorf("the exported spec is not up to date: %v, diff %v", err, obs.Diff)
	}
}

// built is the object an export makes of f.
func built(t *testing.T, f Found) reconcile.Object {
	t.Helper()
	o, err := f.Build(&ExportContext{Name: f.Name, Refs: func(string, string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	return o
}
