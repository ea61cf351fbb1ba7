package external

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

func newApp(mutate func(*v1alpha1.ApplicationSpec)) *v1alpha1.Application {
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "team"},
		Spec: v1alpha1.ApplicationSpec{AppType: "regular_web"}}
	if mutate != nil {
		mutate(&app.Spec)
	}
	return app
}

func raw(s string) apiextensionsv1.JSON { return apiextensionsv1.JSON{Raw: []byte(s)} }

// obj decodes a JSON object literal (numbers become float64, as from Auth0).
func obj(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return m
}

func stallMessage(err error) string {
	var s *reconcile.Stall
	if errors.As(err, &s) {
		return s.Reason + ": " + s.Message
	}
	return fmt.Sprint(err)
}

func TestApplicationBodySendsOnlyWhatTheSpecSets(t *testing.T) {
	cases := []struct {
		name string
		app  *v1alpha1.Application
		want string
	}{
		{"name defaults to metadata.name", newApp(nil), `{"name":"web","app_type":"regular_web"}`},
		{"every modelled field", newApp(func(s *v1alpha1.ApplicationSpec) {
			s.Name, s.Description, s.LogoURI = "Web", "the web app", "https://x/logo.png"
			s.Callbacks, s.AllowedLogoutURLs = []string{"https://x/cb"}, []string{"https://x/"}
			s.WebOrigins, s.AllowedOrigins = []string{"https://x"}, []string{"https://y"}
			s.GrantTypes, s.TokenEndpointAuthMethod = []string{"authorization_code"}, "client_secret_basic"
			s.JWTConfiguration = &v1alpha1.JWTConfiguration{LifetimeInSeconds: ptr(int32(600)), Alg: "RS256"}
			s.RefreshToken = &v1alpha1.RefreshTokenSettings{RotationType: "rotating", ExpirationType: "expiring",
				Leeway: ptr(int32(0)), TokenLifetime: ptr(int32(3600)), IdleTokenLifetime: ptr(int32(60)),
				InfiniteTokenLifetime: ptr(false), InfiniteIdleTokenLifetime: ptr(false)}
			s.OIDCConformant, s.CrossOriginAuthentication, s.IsFirstParty = ptr(true), ptr(false), ptr(true)
			s.ClientMetadata = map[string]string{"team": "a"}
			s.OrganizationUsage, s.OrganizationRequireBehavior = "require", "pre_login_prompt"
		}), `{"name":"Web","description":"the web app","app_type":"regular_web","logo_uri":"https://x/logo.png",
			"callbacks":["https://x/cb"],"allowed_logout_urls":["https://x/"],"web_origins":["https://x"],
			"allowed_origins":["https://y"],"grant_types":["authorization_code"],"token_endpoint_auth_method":"client_secret_basic",
			"jwt_configuration":{"lifetime_in_seconds":600,"alg":"RS256"},
			"refresh_token":{"rotation_type":"rotating","expiration_type":"expiring","leeway":0,"token_lifetime":3600,
				"idle_token_lifetime":60,"infinite_token_lifetime":false,"infinite_idle_token_lifetime":false},
			"oidc_conformant":true,"cross_origin_authentication":false,"is_first_party":true,
			"client_metadata":{"team":"a"},"organization_usage":"require","organization_require_behavior":"pre_login_prompt"}`},
		{"an empty JWT configuration sends nothing", newApp(func(s *v1alpha1.ApplicationSpec) {
			s.JWTConfiguration = &v1alpha1.JWTConfiguration{}
		}), `{"name":"web","app_type":"regular_web"}`},
		{"passthrough merged as JSON", newApp(func(s *v1alpha1.ApplicationSpec) {
			s.Passthrough = map[string]apiextensionsv1.JSON{"identity_assertion_authorization_grant": raw(`{"active":true}`), "signed_request_object": raw(`{"required":true}`)}
		}), `{"name":"web","app_type":"regular_web","identity_assertion_authorization_grant":{"active":true},"signed_request_object":{"required":true}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := applicationBody(tc.app)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(obj(t, tc.want), got); d != "" {
				t.Errorf("body (-want +got):\n%s", d)
			}
		})
	}
}

func TestApplicationPassthroughRefusesModelledFieldsAndCredentials(t *testing.T) {
	cases := map[string]struct {
		key, value, want string
	}{
		"modelled": {"callbacks", `["https://x"]`, "InvalidSpec: spec.passthrough.callbacks: the field is modelled by the spec or managed by the operator; set it there, not in passthrough"},
		"secret":   {"client_secret", `"s3cr3t"`, "InvalidSpec: spec.passthrough.client_secret: the field is modelled by the spec or managed by the operator; set it there, not in passthrough"},
		"not JSON": {"identity_assertion_authorization_grant", `tru`, "InvalidSpec: spec.passthrough.identity_assertion_authorization_grant is not valid JSON"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := applicationBody(newApp(func(s *v1alpha1.ApplicationSpec) {
				s.Passthrough = map[string]apiextensionsv1.JSON{tc.key: raw(tc.value)}
			}))
			if d := cmp.Diff(tc.want, stallMessage(err)); d != "" {
				t.Errorf("error (-want +got):\n%s", d)
			}
		})
	}
}

// An Auth0 client as the server returns it: defaults filled in, lists in its own order.
const observedClient = `{"client_id":"c1","client_secret":"s3cr3t","name":"web","app_type":"regular_web",
	"callbacks":["https://b/cb","https://a/cb"],"grant_types":["refresh_token","authorization_code"],
	"token_endpoint_auth_method":"client_secret_post","oidc_conformant":true,"identity_assertion_authorization_grant":{"active":true},"signed_request_object":{"required":true},"allowed_origins":[],
	"jwt_configuration":{"alg":"RS256","lifetime_in_seconds":36000,"secret_encoded":false},
	"mobile":{"ios":{"team_id":"T","app_bundle_identifier":"x"}},"client_metadata":{"team":"a","other":"b"}}`

func TestApplicationDriftIgnoresDefaultsAndOrder(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*v1alpha1.ApplicationSpec)
		want   []string
	}{
		{"unset fields take the server's defaults", nil, nil},
		{"callbacks and grant types reordered", func(s *v1alpha1.ApplicationSpec) {
			s.Callbacks = []string{"https://a/cb", "https://b/cb"}
			s.GrantTypes = []string{"authorization_code", "refresh_token"}
		}, nil},
		{"a changed callback", func(s *v1alpha1.ApplicationSpec) {
			s.Callbacks = []string{"https://a/cb", "https://c/cb"}
		}, []string{"callbacks"}},
		{"an empty list equals a missing one", func(s *v1alpha1.ApplicationSpec) {
			s.AllowedOrigins, s.WebOrigins = nil, []string{}
		}, nil},
		{"a list the server lacks", func(s *v1alpha1.ApplicationSpec) {
			s.WebOrigins = []string{"https://a"}
		}, []string{"web_origins"}},
		{"nested fields by path, server's other nested fields ignored", func(s *v1alpha1.ApplicationSpec) {
			s.JWTConfiguration = &v1alpha1.JWTConfiguration{Alg: "HS256", LifetimeInSeconds: ptr(int32(36000))}
		}, []string{"jwt_configuration.alg"}},
		{"metadata keys the spec does not set are ignored", func(s *v1alpha1.ApplicationSpec) {
			s.ClientMetadata = map[string]string{"team": "a"}
		}, nil},
		{"a changed metadata value", func(s *v1alpha1.ApplicationSpec) {
			s.ClientMetadata = map[string]string{"team": "z"}
		}, []string{"client_metadata.team"}},
		{"several fields, sorted", func(s *v1alpha1.ApplicationSpec) {
			s.OIDCConformant, s.Description = ptr(false), "new"
		}, []string{"description", "oidc_conformant"}},
		{"passthrough equal as JSON", func(s *v1alpha1.ApplicationSpec) {
			s.Passthrough = map[string]apiextensionsv1.JSON{"identity_assertion_authorization_grant": raw(`{"active":true}`), "signed_request_object": raw(`{"required":true}`)}
		}, nil},
		{"passthrough changed", func(s *v1alpha1.ApplicationSpec) {
			s.Passthrough = map[string]apiextensionsv1.JSON{"identity_assertion_authorization_grant": raw(`{"active":false}`), "signed_request_object": raw(`{"required":false}`)}
		}, []string{"identity_assertion_authorization_grant.active", "signed_request_object.required"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want, err := applicationBody(newApp(tc.mutate))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, drift(want, obj(t, observedClient))); d != "" {
				t.Errorf("diff (-want +got):\n%s", d)
			}
		})
	}
}

func TestConnectionHasASecretOnlyForConfidentialClients(t *testing.T) {
	base := map[string]string{"domain": testDomain, "clientID": "c1", "issuer": "https://" + testDomain + "/"}
	with := func(extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name   string
		client string
		want   map[string]string
	}{
		{"regular web app", `{"client_id":"c1","client_secret":"s3cr3t","token_endpoint_auth_method":"client_secret_post"}`,
			with(map[string]string{"clientSecret": "s3cr3t"})},
		{"single-page app", `{"client_id":"c1","client_secret":"s3cr3t","app_type":"spa","token_endpoint_auth_method":"none"}`, base},
		{"single-page app with the API's default auth method", `{"client_id":"c1","client_secret":"s3cr3t","app_type":"spa"}`, base},
		// A nil value tells the reconciler to keep what the Secret holds.
		{"secret not readable (no read:client_keys)", `{"client_id":"c1","token_endpoint_auth_method":"client_secret_basic"}`,
			with(map[string]string{"clientSecret": ""})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cl object
			if err := json.Unmarshal([]byte(tc.client), &cl); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for k, v := range connection(testDomain, cl) {
				got[k] = string(v)
				if k == "clientSecret" && len(v) == 0 && v != nil {
					t.Error("an unknown secret must be nil (keep), not empty")
				}
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("connection (-want +got):\n%s", d)
			}
		})
	}
}

func TestApplicationLifecycle(t *testing.T) {
	f := newSimTenant(t)
	c := f.client(t)
	ctx := context.Background()
	a := NewApplication(anyInput{})
	app := newApp(func(s *v1alpha1.ApplicationSpec) {
		s.Callbacks = []string{"https://a/cb", "https://b/cb"}
		s.ClientSecretRotation = "r1"
		s.Passthrough = map[string]apiextensionsv1.JSON{"identity_assertion_authorization_grant": raw(`{"active":true}`)}
	})

	// Another app is not this one. The tenant's global client, named like this one here, is
	// not marked in Auth0's list: Find may name it, and the Guard refuses it.
	var global string
	for _, o := range f.sim.Objects("clients") {
		if o["global"] == true {
			global = o["client_id"].(string)
			f.sim.PatchObject("clients", global, map[string]any{"name": "web"})
		}
	}
	f.add(t, "clients", map[string]any{"name": "api"})
	if id, err := a.Find(ctx, c, app); err != nil || id != global {
		t.Fatalf("Find before create = %q, %v; want only the global client %q", id, err, global)
	}
	if err := a.Guard(ctx, c, app, global, nil); !strings.Contains(stallMessage(err), "Protected: the Auth0 client is the tenant's global client") {
		t.Fatalf("Guard of the global client = %v", err)
	}
	f.sim.PatchObject("clients", global, map[string]any{"name": "All Applications"})
	clients.Invalidate(c)

	id, err := a.Create(ctx, c, app)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(obj(t, `{"name":"web","app_type":"regular_web","callbacks":["https://a/cb","https://b/cb"],"identity_assertion_authorization_grant":{"active":true}}`), f.lastBody(t)); d != "" {
		t.Errorf("create body (-want +got):\n%s", d)
	}
	if obs := observe(t, a, c, app, id); len(obs.Act) != 0 {
		t.Errorf("a new client's secret satisfies the rotation token; asked for %d actions", len(obs.Act))
	}
	app.Status.Requests = ApplicationRequests(app) // as the reconciler records them
	if found, _ := a.Find(ctx, c, app); found != id {
		t.Errorf("Find after create = %q, want %q", found, id)
	}

	lists := f.count("GET /api/v2/clients")
	obs := observe(t, a, c, app, id)
	if !obs.UpToDate || app.Status.ClientID != id {
		t.Errorf("after create: UpToDate %v diff %v clientID %q", obs.UpToDate, obs.Diff, app.Status.ClientID)
	}
	secret := string(obs.Connection["clientSecret"])
	if secret == "" || string(obs.Connection["clientID"]) != id || string(obs.Connection["issuer"]) != "https://"+testDomain+"/" {
		t.Errorf("connection after create: clientID %q issuer %q secret set %v", obs.Connection["clientID"], obs.Connection["issuer"], secret != "")
	}

	// Someone reorders the callbacks and changes one in the dashboard.
	f.edit("clients", id, func(o map[string]any) { o["callbacks"] = []any{"https://b/cb", "https://z/cb"} })
	obs = observe(t, a, c, app, id, fresh)
	if d := cmp.Diff([]string{"callbacks"}, obs.Diff); d != "" {
		t.Errorf("drift (-want +got):\n%s", d)
	}
	if err := a.Update(ctx, c, app, id, obs); err != nil {
		t.Fatal(err)
	}
	if got := f.lastBody(t)["callbacks"]; !equal(got, []any{"https://a/cb", "https://b/cb"}) {
		t.Errorf("update sent callbacks %v", got)
	}
	if obs = observe(t, a, c, app, id); !obs.UpToDate || string(obs.Connection["clientSecret"]) != secret {
		t.Errorf("after update: UpToDate %v diff %v, secret kept %v", obs.UpToDate, obs.Diff, string(obs.Connection["clientSecret"]) == secret)
	}

	// A new rotation token rotates the secret, and only that.
	app.Spec.ClientSecretRotation = "r2"
	obs = observe(t, a, c, app, id)
	if len(obs.Diff) != 0 || len(obs.Act) != 1 {
		t.Fatalf("rotation: diff %v, %d actions; want none and one", obs.Diff, len(obs.Act))
	}
	patches := f.count("PATCH /api/v2/clients/{id}")
	if err := obs.Act[0].Do(ctx); err != nil {
		t.Fatal(err)
	}
	app.Status.Requests = ApplicationRequests(app)
	if f.count("POST /api/v2/clients/{id}/rotate-secret") != 1 || f.count("PATCH /api/v2/clients/{id}") != patches {
		t.Errorf("rotation: %d rotate calls, %d new PATCHes; want 1 and 0",
			f.count("POST /api/v2/clients/{id}/rotate-secret"), f.count("PATCH /api/v2/clients/{id}")-patches)
	}
	obs = observe(t, a, c, app, id)
	if !obs.UpToDate || len(obs.Act) != 0 {
		t.Errorf("after rotation: UpToDate %v, %d actions", obs.UpToDate, len(obs.Act))
	}
	if got := string(obs.Connection["clientSecret"]); got == "" || got == secret {
		t.Errorf("the same reconcile must publish the new secret; changed %v", got != secret)
	}
	if n := f.count("GET /api/v2/clients") - lists; n != 1 {
		t.Errorf("observations made %d list calls; want 1 (the forced refresh); writes feed the snapshot", n)
	}
	if n := f.count("GET /api/v2/clients/{id}"); n != 0 {
		t.Errorf("%d direct reads; want 0", n)
	}

	if err := a.Delete(ctx, c, app, id); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(ctx, c, app, id); !auth0.IsNotFound(err) {
		t.Errorf("second delete = %v; want a NotFound error (the reconciler ignores it)", err)
	}
	if obs = observe(t, a, c, app, id); obs.Exists {
		t.Error("deleted client still observed")
	}
}

// fresh makes an observation list again, as one drift interval later.
func fresh(ctx context.Context) context.Context { return auth0.WithFreshSince(ctx, time.Now()) }

func observe[O reconcile.Object](t *testing.T, e reconcile.External[O], c *auth0.Client, o O, id string, opts ...func(context.Context) context.Context) reconcile.Observation {
	t.Helper()
	ctx := context.Background()
	for _, opt := range opts {
		ctx = opt(ctx)
	}
	var obs reconcile.Observation
	var err error
	readOnly(t, c, func() { obs, err = e.Observe(ctx, c, o, id) })
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range obs.Diff {
		if strings.Contains(field, "secret-") {
			t.Errorf("diff %q holds a secret value", field)
		}
	}
	return obs
}

func TestObservingManyApplicationsCostsOneListCallPerHundred(t *testing.T) {
	f := newSimTenant(t)
	c := f.client(t)
	var ids []string
	for i := range 250 {
		ids = append(ids, f.add(t, "clients", map[string]any{"name": fmt.Sprintf("app-%d", i), "app_type": "spa"}))
	}
	for i, id := range ids {
		app := newApp(func(s *v1alpha1.ApplicationSpec) { s.AppType = "spa" })
		app.Name = fmt.Sprintf("app-%d", i)
		if obs := observe(t, NewApplication(anyInput{}), c, app, id); !obs.UpToDate {
			t.Fatalf("%s: diff %v", id, obs.Diff)
		}
	}
	if lists, gets := f.count("GET /api/v2/clients"), f.count("GET /api/v2/clients/{id}"); lists != 3 || gets != 0 {
		t.Errorf("250 observations: %d list calls and %d reads; want 3 and 0", lists, gets)
	}
}

// applicationBody is the body an Application sends, its inputs read from anyInput.
func applicationBody(app *v1alpha1.Application) (object, error) {
	return NewApplication(anyInput{}).body(context.Background(), app)
}
