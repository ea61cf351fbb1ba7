package external

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

const testDomain = "acme.eu.auth0.com"

// fakeAuth0 is a small Management API for /clients, /resource-servers and /client-grants: it
// stores what is posted, fills a few server defaults the way Auth0 does, merges PATCHes,
// and counts and records the requests it gets.
type fakeAuth0 struct {
	srv *httptest.Server

	mu     sync.Mutex
	seq    int
	items  map[string][]map[string]any // collection -> objects, in creation order
	calls  map[string]int              // "GET /api/v2/clients" -> n
	bodies []map[string]any            // bodies of POST and PATCH requests, in order
	// checkpoint makes /client-grants page by from/take with a next cursor, ignoring page.
	checkpoint bool
}

var defaults = map[string]map[string]any{
	"clients": {"grant_types": []any{"authorization_code", "implicit", "refresh_token", "client_credentials"},
		"token_endpoint_auth_method": "client_secret_post", "oidc_conformant": true, "is_first_party": true,
		"callbacks": []any{}, "jwt_configuration": map[string]any{"alg": "RS256", "lifetime_in_seconds": 36000.0, "secret_encoded": false}},
	"resource-servers": {"signing_alg": "RS256", "token_lifetime": 86400.0, "token_lifetime_for_web": 7200.0,
		"allow_offline_access": false, "skip_consent_for_verifiable_first_party_clients": true},
	"client-grants": {},
}

var idKey = map[string]string{"clients": "client_id", "resource-servers": "id", "client-grants": "id"}

func newFakeAuth0(t *testing.T) *fakeAuth0 {
	f := &fakeAuth0{items: map[string][]map[string]any{}, calls: map[string]int{}}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// client is a client of the fake through a real auth0.Pool (limiter, token, snapshots).
func (f *fakeAuth0) client(t *testing.T) *auth0.Client {
	t.Helper()
	c, err := auth0.NewPool(nil).Client(auth0.TenantConfig{
		Key: t.Name(), Version: "1", Domain: testDomain, BaseURL: f.srv.URL,
		CACertPEM:   pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw}),
		Credentials: auth0.Credentials{ClientID: "operator", ClientSecret: "operator-secret"},
		RateLimit:   auth0.RateLimit{RequestsPerSecond: 1000, Burst: 1000},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fakeAuth0) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[call]
}

func (f *fakeAuth0) lastBody() map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bodies[len(f.bodies)-1]
}

// edit changes an object the way someone in the dashboard would.
func (f *fakeAuth0) edit(coll, id string, change func(map[string]any)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f.find(coll, id))
}

func (f *fakeAuth0) add(coll string, obj map[string]any) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	id := fmt.Sprintf("%s-%d", coll, f.seq)
	obj[idKey[coll]] = id
	f.items[coll] = append(f.items[coll], obj)
	return id
}

func (f *fakeAuth0) find(coll, id string) map[string]any {
	for _, o := range f.items[coll] {
		if o[idKey[coll]] == id {
			return o
		}
	}
	return nil
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeAuth0) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth/token" {
		reply(w, 200, map[string]any{"access_token": "tok", "expires_in": 86400, "token_type": "Bearer"})
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v2/"), "/")
	coll, id := parts[0], ""
	if len(parts) > 1 {
		id = parts[1]
	}
	var body map[string]any
	if raw, _ := io.ReadAll(r.Body); len(raw) > 0 {
		if err := json.Unmarshal(raw, &body); err != nil {
			reply(w, 400, map[string]any{"statusCode": 400, "error": "Bad Request", "message": err.Error()})
			return
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	route := r.Method + " /api/v2/" + coll
	if id != "" {
		route += "/{id}"
	}
	if len(parts) > 2 {
		route += "/" + strings.Join(parts[2:], "/")
	}
	f.calls[route]++
	if body != nil {
		f.bodies = append(f.bodies, body)
	}
	obj := f.find(coll, id)
	if id != "" && obj == nil {
		reply(w, 404, map[string]any{"statusCode": 404, "error": "Not Found", "message": "not found"})
		return
	}
	switch {
	case r.Method == http.MethodGet && id == "" && coll == "client-grants" && f.checkpoint:
		from, _ := strconv.Atoi(r.URL.Query().Get("from"))
		take, _ := strconv.Atoi(r.URL.Query().Get("take"))
		all := f.items[coll]
		hi := min(from+take, len(all))
		answer := map[string]any{"client_grants": all[from:hi]}
		if hi < len(all) {
			answer["next"] = strconv.Itoa(hi)
		}
		reply(w, 200, answer)
	case r.Method == http.MethodGet && id == "":
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		all := f.items[coll]
		lo, hi := min(page*per, len(all)), min((page+1)*per, len(all))
		key := strings.ReplaceAll(coll, "-", "_")
		reply(w, 200, map[string]any{"start": lo, "limit": per, "total": len(all), key: all[lo:hi]})
	case r.Method == http.MethodGet:
		reply(w, 200, obj)
	case r.Method == http.MethodPost && id == "":
		if coll == "client-grants" && slices.ContainsFunc(f.items[coll], func(g map[string]any) bool {
			return g["client_id"] == body["client_id"] && g["audience"] == body["audience"]
		}) {
			reply(w, 409, map[string]any{"statusCode": 409, "error": "Conflict", "message": "A client grant for this client and audience already exists"})
			return
		}
		obj := maps.Clone(defaults[coll])
		maps.Copy(obj, body)
		f.seq++
		obj[idKey[coll]] = fmt.Sprintf("%s-%d", coll, f.seq)
		if coll == "clients" {
			obj["client_secret"] = fmt.Sprintf("secret-%d", f.seq)
		}
		f.items[coll] = append(f.items[coll], obj)
		reply(w, 201, obj)
	case r.Method == http.MethodPost && parts[len(parts)-1] == "rotate-secret":
		f.seq++
		obj["client_secret"] = fmt.Sprintf("secret-%d", f.seq)
		reply(w, 200, obj)
	case r.Method == http.MethodPatch:
		maps.Copy(obj, body)
		reply(w, 200, obj)
	case r.Method == http.MethodDelete:
		f.items[coll] = slices.DeleteFunc(f.items[coll], func(o map[string]any) bool { return o[idKey[coll]] == id })
		w.WriteHeader(http.StatusNoContent)
	default:
		reply(w, 404, map[string]any{"statusCode": 404, "error": "Not Found", "message": "no route"})
	}
}

// simClient is a client of an Auth0 simulator through a real auth0.Pool.
func simClient(t *testing.T, sim *auth0sim.Server) *auth0.Client {
	t.Helper()
	c, err := auth0.NewPool(nil).Client(auth0.TenantConfig{
		Key: t.Name(), Version: "1", Domain: sim.Domain(), BaseURL: sim.URL(), CACertPEM: sim.CertPEM(),
		Credentials: auth0.Credentials{ClientID: sim.ClientID(), ClientSecret: sim.ClientSecret()},
		RateLimit:   auth0.RateLimit{RequestsPerSecond: 1000, Burst: 1000},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
