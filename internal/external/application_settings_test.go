package external

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// A client with the settings beyond the basics exports them, refers to its addon secrets by
// key of the object's Secret (never by value), and is adopted without a difference.
func TestExportApplicationSettingsAndAddonSecretsByReference(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	o, err := sim.CreateObject("clients", map[string]any{"name": "sso", "app_type": "regular_web",
		"sso": true, "initiate_login_uri": "https://sso.example.com/login", "allowed_clients": []any{"b", "a"},
		"mobile":               map[string]any{"ios": map[string]any{"team_id": "T1", "app_bundle_identifier": "com.example"}},
		"oidc_logout":          map[string]any{"backchannel_logout_urls": []any{"https://sso.example.com/bcl"}},
		"default_organization": map[string]any{"organization_id": "org_1", "flows": []any{"client_credentials"}},
		"token_quota":          map[string]any{"client_credentials": map[string]any{"per_day": 100.0}},
		"jwt_configuration":    map[string]any{"alg": "RS256", "secret_encoded": true},
		"refresh_token": map[string]any{"rotation_type": "non-rotating", "expiration_type": "non-expiring",
			"policies": []any{map[string]any{"audience": "https://api", "scope": []any{"write", "read"}}}},
		"custom_login_page": "<html>custom</html>", "custom_login_page_on": false,
		"addons": map[string]any{"wsfed": map[string]any{}, "samlp": map[string]any{"audience": "urn:sp"},
			"azure_sb": map[string]any{"namespace": "n", "sasKeyName": "k", "sasKey": "secret value"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := o["client_id"].(string)
	objs := exportKind(t, c, applicationExporter)
	e := objs[id]
	s := e.Object.(*v1alpha1.Application).Spec
	if s.SSO == nil || !*s.SSO || s.InitiateLoginURI == "" || s.Mobile == nil || s.Mobile.IOS.TeamID != "T1" ||
		s.OIDCLogout == nil || s.DefaultOrganization == nil || s.TokenQuota.ClientCredentials.PerDay == nil ||
		s.JWTConfiguration.SecretEncoded == nil || len(s.RefreshToken.Policies) != 1 || s.CustomLoginPageOn == nil {
		t.Errorf("settings lost in the export: %+v", s)
	}
	if s.CustomLoginPage == nil || s.CustomLoginPage.Inline == nil || *s.CustomLoginPage.Inline != "<html>custom</html>" {
		t.Errorf("custom login page = %+v", s.CustomLoginPage)
	}
	if s.Addons == nil || s.Addons.WSFed == nil || s.Addons.SAMLP == nil || s.Addons.AzureSB == nil {
		t.Fatalf("addons lost: %+v", s.Addons)
	}
	want := &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "secrets", Key: "azure_sb.sasKey"}}
	if d := cmp.Diff(want, s.Addons.AzureSB.SASKey); d != "" {
		t.Errorf("addon secret reference (-want +got):\n%s", d)
	}
	if _, ok := e.SecretKeys["azure_sb.sasKey"]; !ok {
		t.Errorf("the export does not list the addon secret for the user to fill: %v", e.SecretKeys)
	}
	b, _ := json.Marshal(e.Object)
	if strings.Contains(string(b), "secret value") {
		t.Errorf("the addon secret's value is in the exported object: %s", b)
	}
	// The user fills the Secret; anyInput holds "secret value" at key x of any Secret.
	s.Addons.AzureSB.SASKey.SecretKeyRef = v1alpha1.SecretKeySelector{Name: filledValue, Key: filledValue}
	observeExported(t, c, NewApplication(anyInput{}), map[string]exportedObject{id: e})
}

// Addon secrets and settings-less addons go into the body; texts come from their sources.
func TestApplicationBodyResolvesInputs(t *testing.T) {
	page := "<html>inline</html>"
	got, err := applicationBody(newApp(func(s *v1alpha1.ApplicationSpec) {
		s.CustomLoginPage = &v1alpha1.TextSource{Inline: &page}
		s.FormTemplate = &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "x", Key: "x"}}
		s.Addons = &v1alpha1.ApplicationAddons{WSFed: &v1alpha1.EnabledAddon{},
			WAMS: &v1alpha1.WAMSAddon{MasterKey: &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "x", Key: "x"}}}}
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := obj(t, `{"name":"web","app_type":"regular_web","custom_login_page":"<html>inline</html>","form_template":"text",
		"addons":{"wsfed":{},"wams":{"masterkey":"secret value"}}}`)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("body (-want +got):\n%s", d)
	}
}
