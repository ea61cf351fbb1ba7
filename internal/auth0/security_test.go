package auth0

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// elsewhere is a server a redirect could point at; it records what reaches it. Its certificate
// is trusted by the client under test, so that only the refusal to follow a redirect keeps the
// request away from it.
type elsewhere struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []string // "METHOD PATH auth=... body-has-secret=..."
}

func newElsewhere(t *testing.T) *elsewhere {
	e := &elsewhere{}
	e.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		e.mu.Lock()
		e.seen = append(e.seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization")+" secret="+r.PostForm.Get("client_secret"))
		e.mu.Unlock()
		writeJSON(w, 200, map[string]any{"friendly_name": "elsewhere", "access_token": "tok-elsewhere", "expires_in": 86400})
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *elsewhere) requests() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.seen...)
}

func trustBoth(f *fakeAuth0, e *elsewhere) TenantConfig {
	cfg := f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100})
	cfg.CACertPEM = append(f.caPEM(), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: e.srv.Certificate().Raw})...)
	return cfg
}

func TestAPICallsFollowNoRedirect(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	e := newElsewhere(t)
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		http.Redirect(w, r, e.srv.URL+r.URL.Path, http.StatusTemporaryRedirect)
		return true
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, trustBoth(f, e))
	err := c.Ping(context.Background())
	if got := e.requests(); len(got) != 0 {
		t.Fatalf("the redirect target received %q", got)
	}
	if err == nil {
		t.Fatal("a redirect answered the call: no error")
	}
	if msg := err.Error(); strings.Contains(msg, e.srv.URL) || strings.Contains(msg, "tok-") {
		t.Errorf("error names the redirect target or the token: %q", msg)
	}
}

func TestTokenRequestsFollowNoRedirect(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	e := newElsewhere(t)
	f.tokenReply = func(w http.ResponseWriter) {
		w.Header().Set("Location", e.srv.URL+"/oauth/token")
		w.WriteHeader(http.StatusTemporaryRedirect)
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, trustBoth(f, e))
	err := c.Ping(context.Background())
	if got := e.requests(); len(got) != 0 {
		t.Fatalf("the redirect target received %q", got)
	}
	if err == nil {
		t.Fatal("a redirected token request succeeded")
	}
	if strings.Contains(err.Error(), testSecret) {
		t.Errorf("error holds the client secret: %q", err)
	}
}

// A body that is not Auth0's error JSON (a proxy's or an internal page's) is never copied into
// the error: status, Events and logs show only the status code and the host.
func TestErrorKeepsOnlyAuth0Messages(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		class                   Class
		want                    string // "" for the generic message
		leak                    string // what must not appear in the error
	}{
		{"internal HTML page", "text/html", `<html><body>Intranet: payroll 2026, call Bob on 555-0100</body></html>`, 403, ClassForbidden, "", "payroll"},
		{"proxy HTML on 502", "text/html", `<html><body>nginx upstream 10.1.2.3:8080 failed</body></html>`, 502, ClassTransient, "", "10.1.2.3"},
		{"unknown JSON", "application/json", `{"detail":"token abc123 for user bob is invalid","trace":"x"}`, 404, ClassNotFound, "", "abc123"},
		{"JSON with a message but not Auth0's shape", "application/json", `{"message":"db password is hunter2"}`, 400, ClassInvalid, "", "hunter2"},
		{"plain text", "text/plain", `upstream connect error`, 503, ClassTransient, "", "upstream"},
		{"Auth0's error", "application/json", `{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'Too short'.","errorCode":"invalid_body"}`, 400, ClassInvalid, "Payload validation error: 'Too short'.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newManualClock()
			f := newFakeAuth0(t, clock)
			f.reply = func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
				return true
			}
			p, _ := newTestPool(t, clock)
			c := mustClient(t, p, f.config(RateLimit{}))
			e := Classify(c.Ping(context.Background()))
			if e == nil {
				t.Fatal("no error")
			}
			u, _ := url.Parse(f.srv.URL)
			want := tc.want
			if want == "" {
				want = "HTTP " + strconv.Itoa(tc.status) + " from " + u.Host
			}
			if e.Class != tc.class || e.Message != want {
				t.Errorf("got class %s message %q, want %s %q", e.Class, e.Message, tc.class, want)
			}
			if tc.leak != "" && strings.Contains(e.Error(), tc.leak) {
				t.Errorf("error copies the body: %q", e.Error())
			}
		})
	}
}

func TestPoolRefusesAPlainHTTPBaseURL(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{})
	cfg.BaseURL = strings.Replace(f.srv.URL, "https://", "http://", 1)
	if _, err := p.Client(cfg); err == nil || !strings.Contains(err.Error(), "https") {
		t.Fatalf("an http base URL: err %v, want a refusal that says https", err)
	}
}
