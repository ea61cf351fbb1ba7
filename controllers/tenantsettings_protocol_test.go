package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func protocolSettings(f *fixture, name string) *v1alpha1.TenantSettings {
	return &v1alpha1.TenantSettings{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.TenantSettingsSpec{ManagedSpec: f.ref(),
			ErrorPage:                             &v1alpha1.TenantErrorPage{URL: "https://acme.example/error", ShowLogLink: valPtr(true)},
			DeviceFlow:                            &v1alpha1.TenantDeviceFlow{Charset: "digits", Mask: "****-****"},
			OIDCLogout:                            &v1alpha1.TenantOIDCLogout{RPLogoutEndSessionEndpointDiscovery: valPtr(false)},
			PushedAuthorizationRequestsSupported:  valPtr(true),
			MTLS:                                  &v1alpha1.TenantMTLS{EnableEndpointAliases: valPtr(true)},
			ACRValuesSupported:                    []string{"urn:acme:loa:2"},
			DynamicClientRegistrationSecurityMode: "permissive",
			DefaultTokenQuota: &v1alpha1.DefaultTokenQuota{Organizations: &v1alpha1.TokenQuotaDefault{
				ClientCredentials: v1alpha1.TenantClientCredentialsQuota{Enforce: valPtr(true), PerHour: valPtr[int32](100)}}},
			CountryCodes: &v1alpha1.TenantCountryCodes{Mode: "allow", List: []string{"DE", "FR"}},
			Flags:        &v1alpha1.TenantFlags{EnableSSO: valPtr(false), AllowLegacyTokeninfoEndpoint: valPtr(true)},
		},
	}
}

// The protocol settings and the newly typed flags reach Auth0; a setting changed in the
// dashboard is drift, corrected; a new object equal to Auth0 adopts without a write.
func TestTenantSettingsProtocolSettingsAndFlags(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ts := protocolSettings(f, "protocol")
	f.create(ts)
	f.waitReady(ts)

	s := tenantSettings(f)
	for path, want := range map[string]string{
		"error_page":  "map[show_log_link:true url:https://acme.example/error]",
		"device_flow": "map[charset:digits mask:****-****]",
		"oidc_logout": "map[rp_logout_end_session_endpoint_discovery:false]",
		"pushed_authorization_requests_supported": "true",
		"mtls":                 "map[enable_endpoint_aliases:true]",
		"acr_values_supported": "[urn:acme:loa:2]",
		"dynamic_client_registration_security_mode": "permissive",
		"default_token_quota":                       "map[organizations:map[client_credentials:map[enforce:true per_hour:100]]]",
		"country_codes":                             "map[list:[DE FR] mode:allow]",
	} {
		if got := fmt.Sprint(s[path]); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	if flags := s["flags"].(map[string]any); flags["enable_sso"] != false || flags["allow_legacy_tokeninfo_endpoint"] != true {
		t.Errorf("flags: %v", flags)
	}

	// The dashboard turns PAR off and changes the device codes: drift, reported and corrected.
	f.sim.PatchObject("tenants", "settings", auth0sim.Object{"pushed_authorization_requests_supported": false,
		"device_flow": auth0sim.Object{"charset": "base20", "mask": "****-****"}})
	note := f.waitEvent("protocol", "DriftDetected")
	for _, field := range []string{"pushed_authorization_requests_supported", "device_flow.charset"} {
		if !strings.Contains(note, field) {
			t.Errorf("DriftDetected note %q lacks %s", note, field)
		}
	}
	f.eventually(func() (bool, string) {
		s := tenantSettings(f)
		return s["pushed_authorization_requests_supported"] == true && fmt.Sprint(s["device_flow"]) == "map[charset:digits mask:****-****]",
			fmt.Sprintf("not corrected: %v %v", s["pushed_authorization_requests_supported"], s["device_flow"])
	})
	f.waitReady(ts)

	// A new object equal to Auth0 adopts with no write.
	f.delete(ts)
	f.waitGone(ts)
	writes := f.writes()
	again := protocolSettings(f, "again")
	again.Spec.CountryCodes.List = []string{"FR", "DE"} // a set: Auth0's order is not drift
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes {
		t.Errorf("adopting the settings as they are wrote %d times", w-writes)
	}
}
