package auth0

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"
)

func TestHundredsOfCallsShareOneToken(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 1e6, Burst: 1000, BudgetSharePercent: 100}))

	const goroutines, each = 30, 10
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := c.Ping(context.Background()); err != nil {
					t.Errorf("Ping: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	tokens, _ := f.counts()
	s := c.Stats()
	t.Logf("%d calls from %d goroutines: %d token fetch(es) at the server, stats %+v", f.totalCalls(), goroutines, tokens, s)
	if tokens != 1 || s.TokenFetches != 1 {
		t.Errorf("token fetches: server %d, stats %d; want 1", tokens, s.TokenFetches)
	}
	if got := f.totalCalls(); got != goroutines*each || s.Calls != goroutines*each {
		t.Errorf("calls: server %d, stats %d; want %d", got, s.Calls, goroutines*each)
	}
	if f.badAuth != 0 {
		t.Errorf("%d calls without a valid bearer token", f.badAuth)
	}

	// The 24h token is reused until 5 minutes before it expires.
	clock.Advance(24*time.Hour - 5*time.Minute - time.Second)
	_ = c.Ping(context.Background())
	if tokens, _ := f.counts(); tokens != 1 {
		t.Errorf("token refetched %v before expiry; fetches %d", 5*time.Minute+time.Second, tokens)
	}
	clock.Advance(2 * time.Second)
	_ = c.Ping(context.Background())
	if tokens, _ := f.counts(); tokens != 2 {
		t.Errorf("fetches after the refresh point = %d, want 2", tokens)
	}
}

func TestTokenRefusedByAuth0IsUnauthorizedWithoutTheSecret(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		status     int
		class      Class
		wantInMsg  string
	}{
		{"wrong secret", `{"error":"access_denied","error_description":"Unauthorized"}`, 401, ClassUnauthorized, "access token request rejected: Unauthorized"},
		{"no client grant", `{"error":"access_denied","error_description":"Client is not authorized to access \"https://acme.eu.auth0.com/api/v2/\". You need to create a \"client-grant\" associated to this API."}`, 403, ClassUnauthorized, "You need to create a \"client-grant\""},
		{"server echoes the secret", `{"error":"invalid_client","error_description":"bad secret ` + testSecret + `"}`, 401, ClassUnauthorized, "bad secret [redacted]"},
		{"token endpoint rate limited", `{"error":"too_many_requests","error_description":"Too many requests"}`, 429, ClassRateLimited, "Too many requests"},
		{"token endpoint down", `upstream connect error`, 503, ClassTransient, "HTTP 503"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newManualClock()
			f := newFakeAuth0(t, clock)
			f.tokenReply = func(w http.ResponseWriter) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}
			p, _ := newTestPool(t, clock)
			c := mustClient(t, p, f.config(RateLimit{}))
			err := c.Ping(context.Background())
			e := Classify(err)
			if e == nil || e.Class != tc.class {
				t.Fatalf("Classify(%v) = %+v, want class %s", err, e, tc.class)
			}
			for _, s := range []string{err.Error(), e.Message} {
				if strings.Contains(s, testSecret) {
					t.Errorf("message contains the client secret: %q", s)
				}
			}
			if !strings.Contains(e.Message, tc.wantInMsg) {
				t.Errorf("message %q does not contain %q", e.Message, tc.wantInMsg)
			}
			if f.totalCalls() != 0 {
				t.Errorf("%d API calls sent without a token", f.totalCalls())
			}
			t.Logf("%s -> %s: %s", tc.name, e.Class, e.Error())
		})
	}
}

func TestTokenFetchFailureIsRetriedOnTheNextCall(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	f.tokenReply = func(w http.ResponseWriter) { writeJSON(w, 503, map[string]any{}) }
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{}))
	if err := c.Ping(context.Background()); err == nil {
		t.Fatal("Ping succeeded with the token endpoint down")
	}
	f.mu.Lock()
	f.tokenReply = nil
	f.mu.Unlock()
	if err := c.Ping(context.Background()); err != nil {
		t.Fatalf("Ping after recovery: %v", err)
	}
	if s := c.Stats(); s.TokenFetches != 2 {
		t.Errorf("token fetches = %d, want 2 (failed, then ok)", s.TokenFetches)
	}
}

func TestAPIUnauthorizedDropsTheCachedToken(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{Burst: 10}))
	first := true
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		if first {
			first = false
			writeJSON(w, 401, map[string]any{"statusCode": 401, "error": "Unauthorized", "message": "Invalid token", "attributes": map[string]any{"error": "Invalid token"}})
			return true
		}
		return false
	}
	if e := Classify(c.Ping(context.Background())); e == nil || e.Class != ClassUnauthorized || e.Message != "Invalid token" {
		t.Fatalf("first Ping: %+v, want Unauthorized \"Invalid token\"", e)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatalf("second Ping: %v", err)
	}
	if tokens, _ := f.counts(); tokens != 2 {
		t.Errorf("token fetches = %d, want 2: a refused token must not be reused", tokens)
	}
}

func pemKey(t *testing.T, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func TestPrivateKeyJWTCredentials(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		alg    string
		jwa    jwa.SignatureAlgorithm
		key    any
		public any
	}{
		{"", jwa.RS256, rsaKey, &rsaKey.PublicKey}, // default RS256
		{"PS256", jwa.PS256, rsaKey, &rsaKey.PublicKey},
		{"ES256", jwa.ES256, ecKey, &ecKey.PublicKey},
	} {
		t.Run("alg="+string(tc.jwa), func(t *testing.T) {
			clock := newManualClock()
			f := newFakeAuth0(t, clock)
			f.verifyKey, f.verifyAlg = tc.public, tc.jwa
			cfg := f.config(RateLimit{})
			cfg.Credentials = Credentials{ClientID: testID, PrivateKey: pemKey(t, tc.key), PrivateKeyAlg: tc.alg}
			p, _ := newTestPool(t, clock)
			c := mustClient(t, p, cfg)
			if err := c.Ping(context.Background()); err != nil {
				t.Fatalf("Ping: %v", err)
			}
		})
	}
}

func TestBadCredentialConfigIsRefusedAtBuild(t *testing.T) {
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	for name, creds := range map[string]Credentials{
		"no client id":      {ClientSecret: "x"},
		"no secret, no key": {ClientID: "x"},
		"key is not PEM":    {ClientID: "x", PrivateKey: "not a key"},
		"unknown algorithm": {ClientID: "x", PrivateKey: pemKey(t, ecKey), PrivateKeyAlg: "HS256"},
	} {
		t.Run(name, func(t *testing.T) {
			p, _ := newTestPool(t, newManualClock())
			_, err := p.Client(TenantConfig{Key: "k", Domain: testDomain, Credentials: creds})
			if err == nil {
				t.Fatal("no error")
			}
			if creds.PrivateKey != "" && strings.Contains(err.Error(), creds.PrivateKey) {
				t.Errorf("error contains the key: %v", err)
			}
		})
	}
}
