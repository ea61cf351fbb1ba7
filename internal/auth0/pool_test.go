package auth0

import (
	"context"
	"net/http"
	"sync"
	"testing"
)

func TestPoolCachesOneClientPerTenantVersion(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{})

	a := mustClient(t, p, cfg)
	if b := mustClient(t, p, cfg); b != a {
		t.Error("same Key and Version: a different client")
	}
	cfg.Version = "2"
	b := mustClient(t, p, cfg)
	if b == a {
		t.Error("new Version: the same client")
	}
	if c := mustClient(t, p, cfg); c != b {
		t.Error("the rebuilt client is not cached")
	}
	other := cfg
	other.Key = "uid-2"
	if c := mustClient(t, p, other); c == b {
		t.Error("another tenant shares a client")
	}
	p.Forget(cfg.Key)
	if c := mustClient(t, p, cfg); c == b {
		t.Error("after Forget: the forgotten client")
	}
}

func TestPoolRejectsIncompleteConfig(t *testing.T) {
	p, _ := newTestPool(t, newManualClock())
	for name, cfg := range map[string]TenantConfig{
		"no key":     {Domain: testDomain, Credentials: Credentials{ClientID: "a", ClientSecret: "b"}},
		"no domain":  {Key: "k", Credentials: Credentials{ClientID: "a", ClientSecret: "b"}},
		"bad CA PEM": {Key: "k", Domain: testDomain, CACertPEM: []byte("nope"), Credentials: Credentials{ClientID: "a", ClientSecret: "b"}},
	} {
		if _, err := p.Client(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestClientTrustsOnlyTheGivenCA(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{})
	cfg.CACertPEM = nil
	c := mustClient(t, p, cfg)
	if e := Classify(c.Ping(context.Background())); e == nil || e.Class != ClassTransient {
		t.Errorf("Ping to a self-signed server without its CA: %+v, want a Transient TLS failure", e)
	}
}

func TestDigestIsKeyedByCredentials(t *testing.T) {
	p := NewPool(nil)
	mk := func(key, secret string) *Client {
		c, err := p.Client(TenantConfig{Key: key, Version: "1", Domain: "a.example.com", Credentials: Credentials{ClientID: "id", ClientSecret: secret}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := mk("a", "s1"), mk("b", "s2")
	if a.Digest([]byte("x")) != a.Digest([]byte("x")) {
		t.Fatal("digest not stable")
	}
	if a.Digest([]byte("x")) == b.Digest([]byte("x")) {
		t.Fatal("digest not keyed by the credentials")
	}
	if a.Digest([]byte("ab"), []byte("c")) == a.Digest([]byte("a"), []byte("bc")) {
		t.Fatal("parts run together")
	}
	if a.Digest([]byte("x")) == a.Digest([]byte("y")) {
		t.Fatal("digest ignores the value")
	}
}

// Rotating the credentials rebuilds the tenant's client; what the tenant did so far still counts.
func TestPoolKeepsCountersAcrossARebuild(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100})
	a := mustClient(t, p, cfg)
	for range 3 {
		if err := a.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	cfg.Version = "2"
	b := mustClient(t, p, cfg)
	if err := b.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := b.Stats()
	if got.Calls != 4 || got.TokenFetches != 2 {
		t.Errorf("after a rebuild: calls %d, token fetches %d; want 4 and 2 (3+1 calls, one token per client)", got.Calls, got.TokenFetches)
	}
}

// The pool tells its listeners which tenant's credentials Auth0 refused (a refused token request
// or a 401 answer), and only then: a missing scope is not a credentials problem.
func TestPoolTellsWhenCredentialsAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name       string
		token, api int // status codes to answer with; 0: the fake's normal answer
		want       bool
	}{
		{"token request refused", http.StatusUnauthorized, 0, true},
		{"application not authorised for the API", http.StatusForbidden, 0, true},
		{"token refused by the API", 0, http.StatusUnauthorized, true},
		{"missing scope", 0, http.StatusForbidden, false},
		{"token endpoint down", http.StatusServiceUnavailable, 0, false},
		{"success", 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newManualClock()
			f := newFakeAuth0(t, clock)
			if tc.token != 0 {
				f.tokenReply = func(w http.ResponseWriter) {
					writeJSON(w, tc.token, map[string]any{"error": "access_denied", "error_description": "Unauthorized"})
				}
			}
			if tc.api != 0 {
				f.reply = func(w http.ResponseWriter, r *http.Request) bool {
					writeJSON(w, tc.api, map[string]any{"statusCode": tc.api, "error": "x", "message": "Invalid token"})
					return true
				}
			}
			p, _ := newTestPool(t, clock)
			var mu sync.Mutex
			var told []string
			p.OnCredentialsRefused(func(key string) {
				mu.Lock()
				told = append(told, key)
				mu.Unlock()
			})
			cfg := f.config(RateLimit{})
			c := mustClient(t, p, cfg)
			_ = c.Ping(context.Background())
			mu.Lock()
			defer mu.Unlock()
			if got := len(told) > 0; got != tc.want {
				t.Fatalf("listener told %q, want told: %v", told, tc.want)
			}
			for _, k := range told {
				if k != cfg.Key {
					t.Errorf("told key %q, want %q", k, cfg.Key)
				}
			}
		})
	}
}
