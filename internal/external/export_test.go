package external

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// exportedObject is one object an exporter built in a test, with the secret keys it listed.
type exportedObject struct {
	Found
	Object     reconcile.Object
	SecretKeys map[string]string
}

// exportKind runs ex against c and builds every object it finds, keyed by Found.ID (Found.Name
// for singletons). Each is named "x-" + its ID and references resolve to "ref-" + kind + "-" +
// the referenced ID; secrets go to the Secret "secrets".
func exportKind(t *testing.T, c *auth0.Client, ex Exporter) map[string]exportedObject {
	t.Helper()
	found, err := ex.Read(context.Background(), c)
	if err != nil {
		t.Fatalf("%s export: %v", ex.Kind, err)
	}
	out := map[string]exportedObject{}
	for _, f := range found {
		key := f.ID
		if key == "" {
			key = f.Name
		}
		x := &ExportContext{Name: "x-" + key, SecretName: "secrets",
			Refs: func(kind, id string) string { return "ref-" + kind + "-" + id }}
		obj, err := f.Build(x)
		if err != nil {
			t.Fatalf("%s %s: %v", ex.Kind, key, err)
		}
		obj.SetName(x.Name)
		obj.SetNamespace("team")
		obj.GetManagedSpec().ExternalID = f.ID
		out[key] = exportedObject{Found: f, Object: obj, SecretKeys: x.SecretKeys}
	}
	return out
}

// observeExported observes each exported object with ext and fails on any difference: the
// export must adopt without a write.
func observeExported[O reconcile.Object](t *testing.T, c *auth0.Client, ext reconcile.External[O], objs map[string]exportedObject) {
	t.Helper()
	for key, e := range objs {
		var obs reconcile.Observation
		var err error
		readOnly(t, c, func() { obs, err = ext.Observe(context.Background(), c, e.Object.(O), e.ID) })
		if err != nil {
			t.Errorf("%s: observe: %v", key, err)
			continue
		}
		if !obs.Exists || !obs.UpToDate || len(obs.Diff) > 0 {
			t.Errorf("%s: the exported spec differs from Auth0: exists %v, diff %v", key, obs.Exists, obs.Diff)
		}
	}
}

func TestExportApplicationsAdoptWithoutChangeAndOmitDefaults(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	mk := func(body map[string]any) string {
		o, err := sim.CreateObject("clients", body)
		if err != nil {
			t.Fatal(err)
		}
		return o["client_id"].(string)
	}
	plain := mk(map[string]any{"name": "Plain App", "app_type": "regular_web"})
	rich := mk(map[string]any{"name": "storefront", "app_type": "spa", "token_endpoint_auth_method": "none",
		"callbacks": []any{"https://shop.example.com/cb"}, "web_origins": []any{"https://shop.example.com"},
		"allowed_logout_urls": []any{"https://shop.example.com"}, "oidc_conformant": true,
		"jwt_configuration": map[string]any{"alg": "HS256", "lifetime_in_seconds": 600.0},
		"refresh_token": map[string]any{"rotation_type": "rotating", "expiration_type": "expiring", "leeway": 5.0,
			"token_lifetime": 86400.0, "idle_token_lifetime": 3600.0, "infinite_token_lifetime": false, "infinite_idle_token_lifetime": false},
		"client_metadata": map[string]any{"team": "shop"}, "description": "the shop", "logo_uri": "https://shop.example.com/logo.png",
		"organization_usage": "allow", "cross_origin_authentication": true})
	third := mk(map[string]any{"name": "partner", "app_type": "regular_web", "is_first_party": false})
	global := mk(map[string]any{"name": "All Applications", "global": true})

	objs := exportKind(t, c, applicationExporter)
	if got := objs[third].Skip; got != SkipThirdParty {
		t.Errorf("third-party client: skip %q, want %q", got, SkipThirdParty)
	}
	if got := objs[global].Skip; got != SkipSystem {
		t.Errorf("global client: skip %q, want %q", got, SkipSystem)
	}
	if got := objs[sim.ClientID()].Skip; got != SkipSystem {
		t.Errorf("the client the export connects as: skip %q, want %q", got, SkipSystem)
	}
	want := v1alpha1.ApplicationSpec{Name: "Plain App", AppType: "regular_web"}
	got := objs[plain].Object.(*v1alpha1.Application).Spec
	got.ManagedSpec = v1alpha1.ManagedSpec{}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("a client with Auth0's defaults exports more than its name and type (-want +got):\n%s", d)
	}
	spa := objs[rich].Object.(*v1alpha1.Application).Spec
	if spa.RefreshToken == nil || spa.RefreshToken.RotationType != "rotating" || spa.JWTConfiguration.Alg != "HS256" || spa.ClientMetadata["team"] != "shop" {
		t.Errorf("non-default settings lost: %+v", spa)
	}
	delete(objs, global)
	observeExported(t, c, NewApplication(anyInput{}), objs)
}

// A client of a type the kind does not manage (Auth0 makes some for itself) cannot be written
// as a manifest the API server accepts: Build says so, and the export names it.
func TestExportApplicationOfAnotherTypeIsRefused(t *testing.T) {
	_, err := exportApplication(object{"name": "api", "app_type": "resource_server"}, &ExportContext{Name: "api"})
	if err == nil || !strings.Contains(err.Error(), `app_type "resource_server"`) {
		t.Errorf("err = %v", err)
	}
}

func TestHoldsSecret(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want bool
	}{
		{"client_secret", "x", true}, {"app_secret", "x", true}, {"twilio_token", "x", true},
		{"admin_refresh_token", "x", true}, {"api_key", "x", true}, {"X-Api-Key", "x", true},
		{"signingKey", "x", true}, {"signing_key", "x", true}, {"smtpPassword", "x", true},
		{"token_endpoint", "https://idp/token", false}, {"tokenEndpoint", "https://idp/token", false},
		{"client_secret", "", false}, {"domain", "acme.com", false}, {"scope", []any{"openid"}, false},
		{"gateway_authentication", map[string]any{"method": "bearer", "secret": "s3"}, true},
		{"gateway_authentication", map[string]any{"method": "bearer", "audience": "x"}, false},
		{"upstream_params", map[string]any{"screen_name": map[string]any{"alias": "login_hint"}}, false},
	} {
		if got := holdsSecret(tc.name, tc.v); got != tc.want {
			t.Errorf("holdsSecret(%q, %v) = %v, want %v", tc.name, tc.v, got, tc.want)
		}
	}
}
