package controllers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// The Application's settings beyond the basics: nested objects, addons with a secret from a
// Secret, and a login page from a ConfigMap.

const (
	sasKey       = "sas-key-0f3c9a"
	sasKeyNext   = "sas-key-rotated-7d21"
	appLoginPage = "<html><body>login v1</body></html>"
)

func ptrTo[T any](v T) *T { return &v }

// settingsSpec is an Application with one or more settings of each new group.
func settingsSpec(f *fixture, name string) *v1alpha1.Application {
	return &v1alpha1.Application{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "regular_web",
			Callbacks:        []string{"https://settings.example.com/cb"},
			SSO:              ptrTo(true),
			InitiateLoginURI: "https://settings.example.com/login",
			ClientAliases:    []string{"urn:settings"},
			CrossOriginLoc:   "https://settings.example.com/co",
			Mobile: &v1alpha1.ApplicationMobile{IOS: &v1alpha1.MobileIOS{TeamID: "TEAM1", AppBundleIdentifier: "com.example.settings"},
				Android: &v1alpha1.MobileAndroid{AppPackageName: "com.example.settings", SHA256CertFingerprints: []string{"AA:BB"}}},
			NativeSocialLogin: &v1alpha1.NativeSocialLogin{Apple: &v1alpha1.Toggle{Enabled: ptrTo(true)}},
			OIDCLogout: &v1alpha1.OIDCLogout{BackchannelLogoutURLs: []string{"https://settings.example.com/bcl"},
				BackchannelLogoutInitiators: &v1alpha1.LogoutInitiators{Mode: "custom", SelectedInitiators: []string{"rp-logout", "idp-logout"}}},
			RequirePushedAuthorizationRequests: ptrTo(true),
			PARRequestExpiry:                   ptrTo(int32(30)),
			TokenQuota:                         &v1alpha1.TokenQuota{ClientCredentials: &v1alpha1.TokenQuotaLimits{Enforce: ptrTo(true), PerHour: ptrTo(int32(10))}},
			SessionTransfer:                    &v1alpha1.SessionTransfer{CanCreateSessionTransferToken: ptrTo(true), AllowedAuthenticationMethods: []string{"cookie"}},
			ComplianceLevel:                    "none",
			CustomLoginPageOn:                  ptrTo(true),
			CustomLoginPage:                    &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: name + "-login", Key: "page.html"}},
			Addons: &v1alpha1.ApplicationAddons{
				SAMLP: &v1alpha1.SAMLPAddon{Audience: "urn:sp", Mappings: map[string]string{"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"}},
				WSFed: &v1alpha1.EnabledAddon{},
				AzureSB: &v1alpha1.AzureSBAddon{Namespace: "acme", SASKeyName: "policy",
					SASKey: &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: name + "-addons", Key: "sasKey"}}},
			},
		},
	}
}

func settingsInputs(f *fixture, name string) (*corev1.ConfigMap, *corev1.Secret) {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name + "-login", Namespace: f.ns}, Data: map[string]string{"page.html": appLoginPage}}
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name + "-addons", Namespace: f.ns}, Data: map[string][]byte{"sasKey": []byte(sasKey)}}
	f.create(cm)
	f.create(sec)
	return cm, sec
}

// at is the value at a dot-separated path of a simulator object.
func at(o map[string]any, path string) any {
	var v any = o
	for _, k := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// noSecretIn fails when a secret value shows in the object's status or in any Event.
func (f *fixture) noSecretIn(o client.Object, secrets ...string) {
	f.t.Helper()
	f.get(o)
	st, _ := json.Marshal(o)
	for _, s := range secrets {
		if strings.Contains(string(st), s) {
			f.t.Errorf("secret value in the object (status): %s", st)
		}
		for _, e := range f.events() {
			if strings.Contains(e, s) {
				f.t.Errorf("secret value in an Event: %s", e)
			}
		}
	}
}

func TestApplicationSettingsCreateUpdateDriftAndInputs(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	cm, sec := settingsInputs(f, "settings")
	app := settingsSpec(f, "settings")
	f.create(app)
	f.waitReady(app)

	cl := f.simObject("clients", app.Status.ID)
	for path, want := range map[string]any{
		"sso": true, "initiate_login_uri": "https://settings.example.com/login", "cross_origin_loc": "https://settings.example.com/co",
		"mobile.ios.team_id": "TEAM1", "mobile.android.app_package_name": "com.example.settings",
		"native_social_login.apple.enabled": true, "oidc_logout.backchannel_logout_initiators.mode": "custom",
		"require_pushed_authorization_requests": true, "par_request_expiry": 30.0,
		"token_quota.client_credentials.per_hour": 10.0, "token_quota.client_credentials.enforce": true,
		"session_transfer.can_create_session_transfer_token": true, "compliance_level": "none",
		"custom_login_page_on": true, "custom_login_page": appLoginPage,
		"addons.samlp.audience": "urn:sp", "addons.azure_sb.sasKeyName": "policy", "addons.azure_sb.sasKey": sasKey,
	} {
		if got := at(cl, path); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s in Auth0 = %v, want %v", path, got, want)
		}
	}
	if _, ok := at(cl, "addons").(map[string]any)["wsfed"]; !ok {
		t.Error("the WS-Fed addon is not enabled")
	}
	if got := strs(at(cl, "oidc_logout.backchannel_logout_initiators.selected_initiators")); !slices.Equal(got, []string{"idp-logout", "rp-logout"}) {
		t.Errorf("selected initiators = %v", got)
	}

	// An update in Git.
	f.update(app, func() { app.Spec.PARRequestExpiry = ptrTo(int32(60)) })
	f.eventually(func() (bool, string) {
		v := f.simObject("clients", app.Status.ID)["par_request_expiry"]
		return v == 60.0, fmt.Sprintf("par_request_expiry = %v", v)
	})

	// A rotated Secret and an edited ConfigMap reach Auth0 at once, as updates, not drift.
	f.update(sec, func() { sec.Data["sasKey"] = []byte(sasKeyNext) })
	f.eventually(func() (bool, string) {
		v := at(f.simObject("clients", app.Status.ID), "addons.azure_sb.sasKey")
		return v == sasKeyNext, "the rotated addon secret has not reached Auth0"
	})
	f.update(cm, func() { cm.Data["page.html"] = "<html>login v2</html>" })
	f.eventually(func() (bool, string) {
		v := f.simObject("clients", app.Status.ID)["custom_login_page"]
		return v == "<html>login v2</html>", fmt.Sprintf("custom_login_page = %v", v)
	})
	f.waitReady(app)
	for _, e := range f.events() {
		if strings.HasPrefix(e, "DriftDetected") {
			t.Errorf("a changed input was taken for drift: %s", e)
		}
	}

	// Dashboard edits of nested settings, of the secret and of a settings-less addon are
	// reported and corrected.
	f.sim.PatchObject("clients", app.Status.ID, auth0sim.Object{"mobile": auth0sim.Object{"ios": auth0sim.Object{"team_id": "EVIL"}},
		"addons": auth0sim.Object{"wsfed": nil, "azure_sb": auth0sim.Object{"sasKey": "typed-in-the-dashboard"}}})
	note := f.waitEvent("settings", "DriftDetected")
	for _, field := range []string{"mobile.ios.team_id", "addons.wsfed", "addons.azure_sb.sasKey"} {
		if !strings.Contains(note, field) {
			t.Errorf("DriftDetected note %q does not name %s", note, field)
		}
	}
	f.waitEvent("settings", "DriftCorrected")
	f.eventually(func() (bool, string) {
		cl := f.simObject("clients", app.Status.ID)
		_, wsfed := at(cl, "addons").(map[string]any)["wsfed"]
		ok := at(cl, "mobile.ios.team_id") == "TEAM1" && wsfed && at(cl, "addons.azure_sb.sasKey") == sasKeyNext
		return ok, fmt.Sprintf("not corrected: mobile %v, addons %v", cl["mobile"], keysOf(at(cl, "addons")))
	})
	f.waitReady(app)
	f.noSecretIn(app, sasKey, sasKeyNext, "typed-in-the-dashboard")
}

func keysOf(v any) []string {
	m, _ := v.(map[string]any)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// A client made by hand with these settings is adopted by the spec that describes it (what
// an export writes) without a single write, and its addon secret stays out of status.
func TestApplicationSettingsAdoptedWithoutAWrite(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	settingsInputs(f, "legacy")
	existing, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "legacy", "app_type": "regular_web",
		"callbacks": []any{"https://settings.example.com/cb"}, "sso": true, "initiate_login_uri": "https://settings.example.com/login",
		"client_aliases": []any{"urn:settings"}, "cross_origin_loc": "https://settings.example.com/co",
		"mobile": auth0sim.Object{"android": auth0sim.Object{"sha256_cert_fingerprints": []any{"AA:BB"}, "app_package_name": "com.example.settings"},
			"ios": auth0sim.Object{"app_bundle_identifier": "com.example.settings", "team_id": "TEAM1"}},
		"native_social_login": auth0sim.Object{"apple": auth0sim.Object{"enabled": true}},
		"oidc_logout": auth0sim.Object{"backchannel_logout_urls": []any{"https://settings.example.com/bcl"},
			"backchannel_logout_initiators": auth0sim.Object{"mode": "custom", "selected_initiators": []any{"idp-logout", "rp-logout"}}},
		"require_pushed_authorization_requests": true, "par_request_expiry": 30.0,
		"token_quota":      auth0sim.Object{"client_credentials": auth0sim.Object{"enforce": true, "per_hour": 10.0}},
		"session_transfer": auth0sim.Object{"can_create_session_transfer_token": true, "allowed_authentication_methods": []any{"cookie"}},
		"compliance_level": "none", "custom_login_page_on": true, "custom_login_page": appLoginPage,
		"addons": auth0sim.Object{"samlp": auth0sim.Object{"audience": "urn:sp", "mappings": auth0sim.Object{"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"}},
			"wsfed": auth0sim.Object{}, "azure_sb": auth0sim.Object{"namespace": "acme", "sasKeyName": "policy", "sasKey": sasKey}},
	})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	writes := f.writes()
	app := settingsSpec(f, "legacy")
	app.Spec.ExternalID = existing["client_id"].(string)
	f.create(app)
	f.waitReady(app)
	f.waitObservedAgain(app, 2*time.Second)
	if w := f.writes(); w != writes {
		t.Errorf("adopting an identical client wrote %d times: %v", w-writes, f.sim.Stats().Calls)
	}
	f.noSecretIn(app, sasKey)
}

func TestApplicationSettingsImpossibleCombinationsRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := func(name string, change func(s *v1alpha1.ApplicationSpec)) *v1alpha1.Application {
		a := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
			Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "regular_web"}}
		change(&a.Spec)
		return a
	}
	cases := []struct {
		name string
		obj  client.Object
		want string
	}{
		{"resource server identifier on a web app", app("c1", func(s *v1alpha1.ApplicationSpec) { s.ResourceServerIdentifier = "https://api" }),
			"resourceServerIdentifier goes with appType resource_server"},
		{"resource server app without its API", app("c2", func(s *v1alpha1.ApplicationSpec) { s.AppType = "resource_server" }),
			"resourceServerIdentifier goes with appType resource_server"},
		{"FAPI without PAR", app("c3", func(s *v1alpha1.ApplicationSpec) {
			s.ComplianceLevel, s.RequirePushedAuthorizationRequests = "fapi1_adv_pkj_par", ptrTo(false)
		}), "a FAPI complianceLevel needs pushed authorization requests"},
		{"initiators listed with mode all", app("c4", func(s *v1alpha1.ApplicationSpec) {
			s.OIDCLogout = &v1alpha1.OIDCLogout{BackchannelLogoutURLs: []string{"https://x/bcl"},
				BackchannelLogoutInitiators: &v1alpha1.LogoutInitiators{Mode: "all", SelectedInitiators: []string{"rp-logout"}}}
		}), "selectedInitiators goes with mode custom"},
		{"a token quota without a limit", app("c5", func(s *v1alpha1.ApplicationSpec) {
			s.TokenQuota = &v1alpha1.TokenQuota{ClientCredentials: &v1alpha1.TokenQuotaLimits{Enforce: ptrTo(true)}}
		}), "a token quota needs perHour, perDay or both"},
		{"firebase without a key", app("c6", func(s *v1alpha1.ApplicationSpec) {
			s.Addons = &v1alpha1.ApplicationAddons{Firebase: &v1alpha1.FirebaseAddon{ClientEmail: "a@b"}}
		}), "firebase needs secret"},
		{"an http login URI", app("c7", func(s *v1alpha1.ApplicationSpec) { s.InitiateLoginURI = "http://x/login" }),
			"spec.initiateLoginURI"},
		{"PAR expiry out of range", app("c8", func(s *v1alpha1.ApplicationSpec) { s.PARRequestExpiry = ptrTo(int32(3600)) }),
			"spec.parRequestExpiry"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := env.Client.Create(f.ctx, tc.obj)
			if err == nil {
				t.Fatalf("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}
