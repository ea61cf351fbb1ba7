package auth0sim

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

func TestBearerChecks(t *testing.T) {
	clock := NewFakeClock(time.Unix(1_800_000_000, 0))
	sim := NewServer(t, Options{Clock: clock, TokenLifetime: time.Hour})
	good := fetchToken(t, sim)
	tests := []struct {
		name  string
		token string
		path  string
		code  int
		body  map[string]any
	}{
		{"no token", "", "/api/v2/clients", 401, map[string]any{"statusCode": 401.0, "error": "Unauthorized", "message": "Missing authentication"}},
		{"bad token", "abc.def.ghi", "/api/v2/clients", 401, map[string]any{"statusCode": 401.0, "error": "Unauthorized", "message": "Invalid token",
			"attributes": map[string]any{"error": "Invalid token"}}},
		{"missing scope", sim.MintToken("read:clients"), "/api/v2/client-grants", 403, map[string]any{"statusCode": 403.0, "error": "Forbidden",
			"message": "Insufficient scope, expected any of: read:client_grants", "errorCode": "insufficient_scope"}},
		{"good", good, "/api/v2/client-grants", 200, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := rawCall(t, sim, "GET", tc.path, tc.token, nil)
			if code != tc.code {
				t.Fatalf("status %d, want %d: %v", code, tc.code, body)
			}
			if tc.body != nil {
				if d := cmp.Diff(any(tc.body), body); d != "" {
					t.Errorf("body (-want +got):\n%s", d)
				}
			}
		})
	}
	clock.Advance(time.Hour)
	if code, _, body := rawCall(t, sim, "GET", "/api/v2/clients", good, nil); code != 401 ||
		body.(map[string]any)["message"] != "Expired token received for JSON Web Token validation" {
		t.Errorf("expired token: %d %v", code, body)
	}
	if got := sim.Stats().TokensIssued; got != 1 {
		t.Errorf("tokensIssued = %d, want 1", got)
	}
}

func TestTokenEndpoint(t *testing.T) {
	sim := NewServer(t, Options{Scopes: []string{"read:clients"}})
	post := func(v url.Values) (int, map[string]any) {
		resp, err := sim.HTTPClient().PostForm(sim.URL()+"/oauth/token", v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	base := url.Values{"grant_type": {"client_credentials"}, "client_id": {sim.ClientID()}, "client_secret": {sim.ClientSecret()}, "audience": {sim.Audience()}}
	code, m := post(base)
	if code != 200 || m["scope"] != "read:clients" || m["expires_in"] != 86400.0 || m["token_type"] != "Bearer" {
		t.Errorf("token: %d %v", code, m)
	}
	bad := url.Values{}
	for k, v := range base {
		bad[k] = v
	}
	bad.Set("client_secret", "wrong")
	if code, m := post(bad); code != 401 || m["error"] != "access_denied" {
		t.Errorf("wrong secret: %d %v", code, m)
	}
	bad.Set("client_secret", sim.ClientSecret())
	bad.Set("audience", "https://elsewhere/api/v2/")
	if code, m := post(bad); code != 403 || m["error"] != "access_denied" {
		t.Errorf("wrong audience: %d %v", code, m)
	}
	// Token endpoint failure until cleared, then for N seconds of sim time.
	sim.SetFaults(Faults{TokenFailureUntilCleared: true})
	if code, _ := post(base); code != 503 {
		t.Errorf("token failure: %d, want 503", code)
	}
	sim.ClearFaults()
	if code, _ := post(base); code != 200 {
		t.Errorf("after clear: %d", code)
	}
}

func TestPrivateKeyJWT(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	sim := NewServer(t, Options{ClientPublicKeyPEM: pub})
	assertion := func(aud string) string {
		tok, _ := jwt.NewBuilder().Issuer(sim.ClientID()).Subject(sim.ClientID()).Audience([]string{aud}).
			Expiration(time.Now().Add(time.Minute)).JwtID("j1").Build()
		b, err := jwt.Sign(tok, jwt.WithKey(jwa.ES256, key))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		aud  string
		code int
	}{{"https://" + sim.Domain() + "/", 200}, {"https://evil/", 401}} {
		resp, err := sim.HTTPClient().PostForm(sim.URL()+"/oauth/token", url.Values{"grant_type": {"client_credentials"},
			"client_assertion_type": {clientAssertionType}, "client_assertion": {assertion(tc.aud)}, "audience": {sim.Audience()}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("aud %s: %d, want %d", tc.aud, resp.StatusCode, tc.code)
		}
	}
}

func TestFaults(t *testing.T) {
	clock := NewFakeClock(time.Unix(1_800_000_000, 0))
	sim := NewServer(t, Options{Clock: clock, Profile: ProfileFree})
	tok := sim.MintToken("read:clients")

	sim.SetFaults(Faults{RateLimitStorm: Duration(10 * time.Second)})
	code, h, _ := rawCall(t, sim, "GET", "/api/v2/clients", tok, nil)
	if code != 429 || h.Get("X-Ratelimit-Remaining") != "0" || h.Get("X-Ratelimit-Reset") != "1800000010" {
		t.Errorf("storm: %d %v", code, h)
	}
	clock.Advance(10 * time.Second)
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/clients", tok, nil); code != 200 {
		t.Errorf("after storm: %d", code)
	}

	sim.SetFaults(Faults{ErrorRate: 1, ErrorStatus: 502})
	if code, _, body := rawCall(t, sim, "GET", "/api/v2/clients", tok, nil); code != 502 || body.(map[string]any)["statusCode"] != 502.0 {
		t.Errorf("error rate 1: %d %v", code, body)
	}

	sim.SetFaults(Faults{DropRate: 1})
	req, _ := http.NewRequest("GET", sim.URL()+"/api/v2/clients", nil)
	if resp, err := sim.HTTPClient().Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("drop rate 1: got an answer %d", resp.StatusCode)
	}

	// Faults over the admin API, and a share of errors with a fixed seed.
	resp, err := sim.HTTPClient().Post(sim.URL()+"/_sim/faults", "application/json", strings.NewReader(`{"errorRate":0.5}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	failed := 0
	for i := 0; i < 200; i++ {
		clock.Advance(time.Second)
		if code, _, _ := rawCall(t, sim, "GET", "/api/v2/clients", tok, nil); code == 503 {
			failed++
		}
	}
	if failed < 70 || failed > 130 {
		t.Errorf("errorRate 0.5 failed %d of 200", failed)
	}
	req, _ = http.NewRequest("DELETE", sim.URL()+"/_sim/faults", nil)
	if resp, err := sim.HTTPClient().Do(req); err != nil || resp.StatusCode != 204 {
		t.Fatalf("clear faults: %v", err)
	}
}

func TestAdminAPI(t *testing.T) {
	sim := NewServer(t, Options{})
	do := func(method, path, body string) (int, any) {
		req, _ := http.NewRequest(method, sim.URL()+path, strings.NewReader(body))
		resp, err := sim.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	// A new tenant.
	_, st := do("GET", "/_sim/stats", "")
	wantObjects := map[string]any{"clients": 3.0, "client-grants": 1.0, "connections": 1.0, "resource-servers": 1.0,
		"tenants": 1.0, "branding": 1.0, "attack-protection": 5.0, "prompts": 1.0, "triggers": 12.0}
	if d := cmp.Diff(wantObjects, st.(map[string]any)["objects"]); d != "" {
		t.Errorf("new tenant objects (-want +got):\n%s", d)
	}
	// Create as a person, edit as in the dashboard, see it through the API.
	code, created := do("POST", "/_sim/objects/clients", `{"name":"made by hand"}`)
	id := str(created.(map[string]any), "client_id")
	if code != 201 || created.(map[string]any)["refresh_token"] == nil {
		t.Fatalf("admin create: %d %v", code, created)
	}
	if code, _ := do("PATCH", "/_sim/objects/clients/"+id, `{"description":"drifted","client_metadata":{"a":"b"}}`); code != 200 {
		t.Fatalf("admin patch: %d", code)
	}
	tok := fetchToken(t, sim)
	_, _, got := rawCall(t, sim, "GET", "/api/v2/clients/"+id, tok, nil)
	if got.(map[string]any)["description"] != "drifted" {
		t.Errorf("API does not see the dashboard edit: %v", got)
	}
	_, st = do("GET", "/_sim/stats", "")
	if calls := st.(map[string]any)["calls"].(map[string]any); calls["GET /api/v2/clients/{id}"] != 1.0 {
		t.Errorf("calls = %v", calls)
	}
	if code, _ := do("DELETE", "/_sim/objects/clients/"+id, ""); code != 204 {
		t.Errorf("admin delete: %d", code)
	}
	// Reset counters and the tenant.
	do("POST", "/_sim/objects/resource-servers", `{"identifier":"https://x"}`)
	do("POST", "/_sim/reset?tenant=true", "")
	_, st = do("GET", "/_sim/stats", "")
	if d := cmp.Diff(wantObjects, st.(map[string]any)["objects"]); d != "" || st.(map[string]any)["tokensIssued"] != 0.0 {
		t.Errorf("after reset (-want +got):\n%s %v", d, st)
	}
	// Terraform's encoding of an identifier in the path.
	_, _, list := rawCall(t, sim, "GET", "/api/v2/resource-servers", fetchToken(t, sim), nil)
	ident := str(list.([]any)[0].(map[string]any), "identifier")
	path := "/api/v2/resource-servers/" + strings.ReplaceAll(ident, "/", "%2F")
	if code, _, body := rawCall(t, sim, "GET", path, fetchToken(t, sim), nil); code != 200 || str(body.(map[string]any), "name") != "Auth0 Management API" {
		t.Errorf("GET %s: %d %v", path, code, body)
	}
}

func TestStatePersistence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	opts := Options{StateFile: file, ClientID: "cid", ClientSecret: "secret"}
	sim, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	tok := fetchToken(t, sim)
	code, _, body := rawCall(t, sim, "POST", "/api/v2/clients", tok, map[string]any{"name": "survives"})
	if code != 201 {
		t.Fatal(code)
	}
	id := str(body.(map[string]any), "client_id")
	// No Close: the state file is written on every change (a crash loses nothing acknowledged).
	again := NewServer(t, opts)
	if code, _, body := rawCall(t, again, "GET", "/api/v2/clients/"+id, tok, nil); code != 200 || str(body.(map[string]any), "name") != "survives" {
		t.Errorf("after restart with the old token: %d %v", code, body)
	}
	sim.Close()
}

// A restart from the state file serves the same TLS certificate, so clients that trusted it
// (a Tenant's caBundle) still do.
func TestStateKeepsTheServingCertificate(t *testing.T) {
	opts := Options{StateFile: filepath.Join(t.TempDir(), "state.json"), TLS: true}
	first := NewServer(t, opts)
	cert := string(first.CertPEM())
	first.Close()
	again := NewServer(t, opts)
	if string(again.CertPEM()) != cert {
		t.Fatal("a restart made a new certificate")
	}
	resp, err := first.HTTPClient().Get(again.URL() + "/_sim/stats")
	if err != nil {
		t.Fatalf("the old trust does not reach the restarted simulator: %v", err)
	}
	resp.Body.Close()
}
