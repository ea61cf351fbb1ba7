package auth0

import (
	"crypto"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwt"
	"github.com/prometheus/client_golang/prometheus"
)

const (
	testDomain = "acme.eu.auth0.com"
	testID     = "op-client-id"
	testSecret = "s3cr3t-never-in-messages"
)

// fakeAuth0 is a minimal Management API: /oauth/token, a paged /clients
// list, /clients/{id} and /tenants/settings, with hooks for failures and
// rate-limit headers. It counts what it receives.
type fakeAuth0 struct {
	t     *testing.T
	srv   *httptest.Server
	clock Clock

	mu           sync.Mutex
	tokenFetches int
	apiCalls     map[string]int // "GET /api/v2/clients" -> n
	clients      []map[string]any
	badAuth      int // API calls without a token the server issued
	// tokenReply, if set, answers /oauth/token instead of issuing a token.
	tokenReply func(w http.ResponseWriter)
	// reply, if set and returning true, has answered an API call.
	reply func(w http.ResponseWriter, r *http.Request) bool
	// headers are added to every API response.
	headers func() http.Header
	// verifyKey checks a private-key JWT client assertion when set.
	verifyKey crypto.PublicKey
	verifyAlg jwa.SignatureAlgorithm
}

func newFakeAuth0(t *testing.T, clock Clock) *fakeAuth0 {
	f := &fakeAuth0{t: t, clock: clock, apiCalls: map[string]int{}}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAuth0) caPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})
}

func (f *fakeAuth0) config(rl RateLimit) TenantConfig {
	return TenantConfig{
		Key: "uid-1", Version: "1", Name: "Tenant/test", Domain: testDomain,
		BaseURL: f.srv.URL, CACertPEM: f.caPEM(),
		Credentials: Credentials{ClientID: testID, ClientSecret: testSecret},
		RateLimit:   rl,
	}
}

func (f *fakeAuth0) counts() (tokens int, calls map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	calls = map[string]int{}
	for k, v := range f.apiCalls {
		calls[k] = v
	}
	return f.tokenFetches, calls
}

func (f *fakeAuth0) totalCalls() int {
	_, calls := f.counts()
	n := 0
	for _, v := range calls {
		n += v
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeAuth0) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth/token" {
		f.serveToken(w, r)
		return
	}
	f.mu.Lock()
	f.apiCalls[r.Method+" "+r.URL.Path]++
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") {
		f.badAuth++
	}
	reply, headers := f.reply, f.headers
	f.mu.Unlock()
	if headers != nil {
		for k, vs := range headers() {
			w.Header()[k] = vs
		}
	}
	if reply != nil && reply(w, r) {
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v2/tenants/settings":
		writeJSON(w, 200, map[string]any{"friendly_name": "Acme"})
	case r.Method == http.MethodGet && r.URL.Path == "/api/v2/clients":
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		f.mu.Lock()
		all := f.clients
		f.mu.Unlock()
		lo, hi := min(page*per, len(all)), min((page+1)*per, len(all))
		writeJSON(w, 200, map[string]any{"start": lo, "limit": per, "total": len(all), "clients": all[lo:hi]})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v2/clients/"):
		id := strings.TrimPrefix(r.URL.Path, "/api/v2/clients/")
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, c := range f.clients {
			if c["client_id"] == id {
				writeJSON(w, 200, c)
				return
			}
		}
		writeJSON(w, 404, map[string]any{"statusCode": 404, "error": "Not Found", "message": "The client does not exist", "errorCode": "inexistent_client"})
	default:
		writeJSON(w, 404, map[string]any{"statusCode": 404, "error": "Not Found", "message": "Not Found"})
	}
}

func (f *fakeAuth0) serveToken(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.tokenFetches++
	n := f.tokenFetches
	reply, key, alg := f.tokenReply, f.verifyKey, f.verifyAlg
	f.mu.Unlock()
	if reply != nil {
		reply(w)
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, 400, map[string]any{"error": "invalid_request", "error_description": err.Error()})
		return
	}
	deny := func(why string) {
		f.t.Errorf("token request refused: %s", why)
		writeJSON(w, 401, map[string]any{"error": "access_denied", "error_description": "Unauthorized"})
	}
	switch {
	case r.PostForm.Get("grant_type") != "client_credentials":
		deny("grant_type " + r.PostForm.Get("grant_type"))
		return
	case r.PostForm.Get("audience") != "https://"+testDomain+"/api/v2/":
		deny("audience " + r.PostForm.Get("audience"))
		return
	case r.PostForm.Get("client_id") != testID:
		deny("client_id")
		return
	}
	if key != nil {
		tok, err := jwt.Parse([]byte(r.PostForm.Get("client_assertion")), jwt.WithKey(alg, key),
			jwt.WithIssuer(testID), jwt.WithSubject(testID), jwt.WithAudience("https://"+testDomain+"/"))
		if err != nil || r.PostForm.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || r.PostForm.Has("client_secret") {
			deny(fmt.Sprintf("client assertion: %v", err))
			return
		}
		_ = tok
	} else if r.PostForm.Get("client_secret") != testSecret {
		deny("client_secret")
		return
	}
	writeJSON(w, 200, map[string]any{"access_token": fmt.Sprintf("tok-%d", n), "expires_in": 86400, "token_type": "Bearer"})
}

func newTestPool(t *testing.T, clock Clock, opts ...PoolOption) (*Pool, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	return NewPool(reg, append([]PoolOption{WithClock(clock)}, opts...)...), reg
}

func mustClient(t *testing.T, p *Pool, cfg TenantConfig) *Client {
	t.Helper()
	c, err := p.Client(cfg)
	if err != nil {
		t.Fatalf("Pool.Client: %v", err)
	}
	return c
}
