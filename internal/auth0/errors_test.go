package auth0

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/core"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Every case goes through the real SDK and our transport; the bodies are
// Auth0's (see guide/auth0-facts.md and the recordings).
func TestClassifyAuth0Responses(t *testing.T) {
	reset := epoch.Add(42 * time.Second)
	for _, tc := range []struct {
		name   string
		status int
		body   string
		header http.Header
		want   Error
	}{
		{"not found with errorCode", 404,
			`{"statusCode":404,"error":"Not Found","message":"There is not a configured email provider","errorCode":"inexistent_email_provider"}`, nil,
			Error{Class: ClassNotFound, StatusCode: 404, ErrorCode: "inexistent_email_provider", Message: "There is not a configured email provider"}},
		{"not found without errorCode", 404,
			`{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`, nil,
			Error{Class: ClassNotFound, StatusCode: 404, Message: "That action does not exist."}},
		{"invalid body", 400,
			`{"statusCode":400,"error":"Bad Request","message":"The domain must be verified before it can be set as default.","errorCode":"invalid_body"}`, nil,
			Error{Class: ClassInvalid, StatusCode: 400, ErrorCode: "invalid_body", Message: "The domain must be verified before it can be set as default."}},
		{"payload validation", 400,
			`{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'Additional properties not allowed: foo'.","errorCode":"invalid_body"}`, nil,
			Error{Class: ClassInvalid, StatusCode: 400, ErrorCode: "invalid_body", Message: "Payload validation error: 'Additional properties not allowed: foo'."}},
		{"unprocessable", 422,
			`{"statusCode":422,"error":"Unprocessable Entity","message":"Action is not built yet"}`, nil,
			Error{Class: ClassInvalid, StatusCode: 422, Message: "Action is not built yet"}},
		{"conflict", 409,
			`{"statusCode":409,"error":"Conflict","message":"The action is still being built","errorCode":"conflict"}`, nil,
			Error{Class: ClassConflict, StatusCode: 409, ErrorCode: "conflict", Message: "The action is still being built"}},
		{"bad token", 401,
			`{"statusCode":401,"error":"Unauthorized","message":"Invalid token","attributes":{"error":"Invalid token"}}`, nil,
			Error{Class: ClassUnauthorized, StatusCode: 401, Message: "Invalid token"}},
		{"missing scope", 403,
			`{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:clients","errorCode":"insufficient_scope"}`, nil,
			Error{Class: ClassForbidden, StatusCode: 403, ErrorCode: "insufficient_scope", Message: "Insufficient scope, expected any of: read:clients"}},
		{"rate limited", 429,
			`{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}`,
			http.Header{"X-Ratelimit-Limit": {"50"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {strconv.FormatInt(reset.Unix(), 10)}},
			Error{Class: ClassRateLimited, StatusCode: 429, ErrorCode: "too_many_requests", Message: "Global limit has been reached", RetryAt: reset}},
		{"server error", 500,
			`{"statusCode":500,"error":"Internal Server Error","message":"An internal server error occurred"}`, nil,
			Error{Class: ClassTransient, StatusCode: 500, Message: "An internal server error occurred"}},
		{"gateway with HTML", 502, `<html><body>Bad Gateway</body></html>`, nil,
			Error{Class: ClassTransient, StatusCode: 502, Message: "HTTP 502 from {host}"}},
		{"unavailable without body", 503, ``, nil,
			Error{Class: ClassTransient, StatusCode: 503, Message: "HTTP 503 from {host}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newManualClock()
			f := newFakeAuth0(t, clock)
			f.reply = func(w http.ResponseWriter, r *http.Request) bool {
				for k, v := range tc.header {
					w.Header()[k] = v
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
				return true
			}
			p, _ := newTestPool(t, clock)
			c := mustClient(t, p, f.config(RateLimit{}))
			_, err := c.API().Clients.Get(context.Background(), "AbCdEf0123456789AbCdEf0123456789", &management.GetClientRequestParameters{})
			got := Classify(err)
			if got == nil {
				t.Fatal("Classify returned nil for an error response")
			}
			want := tc.want
			want.Op = "GET /clients/{id}"
			want.Message = strings.Replace(want.Message, "{host}", strings.TrimPrefix(f.srv.URL, "https://"), 1)
			if diff := cmp.Diff(want, *got, cmpopts.IgnoreUnexported(Error{})); diff != "" {
				t.Errorf("Classify (-want +got):\n%s", diff)
			}
			// 4xx: the SDK's typed errors unwrap to *core.APIError. 429, 408
			// and 5xx are turned into *Error by the transport so that the SDK
			// has nothing to sleep on.
			var api *core.APIError
			if sdkWouldRetry(tc.status) {
				var e *Error
				if !errors.As(err, &e) || errors.As(err, &api) {
					t.Errorf("want an *Error from the transport, got %T %v", err, err)
				}
			} else if !errors.As(err, &api) || api.StatusCode != tc.status {
				t.Errorf("errors.As(*core.APIError) through the SDK failed: %T %v", err, err)
			}
			if IsNotFound(err) != (tc.want.Class == ClassNotFound) {
				t.Errorf("IsNotFound = %v", IsNotFound(err))
			}
			if n := f.totalCalls(); n != 1 {
				t.Errorf("server saw %d requests, want 1: the SDK must not retry", n)
			}
		})
	}
}

func TestClassifyFailuresWithoutResponse(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{}))
	if err := c.Ping(context.Background()); err != nil { // token cached
		t.Fatal(err)
	}

	t.Run("closed gate: errors.As finds *ErrRateLimited through the SDK", func(t *testing.T) {
		retry := epoch.Add(time.Minute)
		c.limiter.closeGate(retry)
		defer func() { c.limiter.closedUntil = time.Time{} }()
		_, err := c.API().Clients.Get(context.Background(), "abc", &management.GetClientRequestParameters{})
		var rl *ErrRateLimited
		if !errors.As(err, &rl) || !rl.RetryAt.Equal(retry) {
			t.Fatalf("err = %v, want *ErrRateLimited{RetryAt: %v}", err, retry)
		}
		e := Classify(err)
		if e.Class != ClassRateLimited || !e.RetryAt.Equal(retry) || e.Op != "GET /clients/{id}" {
			t.Errorf("Classify = %+v", e)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.API().Clients.Get(ctx, "abc", &management.GetClientRequestParameters{})
		if e := Classify(err); e.Class != ClassTransient || !errors.Is(e, context.Canceled) {
			t.Errorf("Classify(%v) = %+v, want Transient wrapping context.Canceled", err, e)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		f.srv.Close()
		_, err := c.API().Clients.Get(context.Background(), "abc", &management.GetClientRequestParameters{})
		e := Classify(err)
		if e.Class != ClassTransient || e.StatusCode != 0 || e.Op != "GET /clients/{id}" {
			t.Errorf("Classify(%v) = %+v, want Transient for GET /clients/{id}", err, e)
		}
	})
	t.Run("nil", func(t *testing.T) {
		if Classify(nil) != nil {
			t.Error("Classify(nil) != nil")
		}
	})
	t.Run("already classified", func(t *testing.T) {
		e := &Error{Class: ClassConflict}
		if Classify(e) != e {
			t.Error("Classify re-classified an *Error")
		}
	})
}

func TestOperationNamesRouteTemplates(t *testing.T) {
	for path, want := range map[string]string{
		"/api/v2/clients": "GET /clients",
		"/api/v2/clients/AbCdEf0123456789AbCdEf0123456789":                    "GET /clients/{id}",
		"/api/v2/clients/abcdefghijklmnopqrstuvwxyzABCDEF":                    "GET /clients/{id}",
		"/api/v2/actions/actions/0f2f1c4e-5f7e-4e7a-9a59-1b2c3d4e5f60/deploy": "GET /actions/actions/{id}/deploy",
		"/api/v2/actions/triggers/post-login/bindings":                        "GET /actions/triggers/post-login/bindings",
		"/api/v2/resource-servers/https%3A%2F%2Fapi.example.com":              "GET /resource-servers/{id}",
		"/api/v2/roles/rol_Ab12Cd34/permissions":                              "GET /roles/{id}/permissions",
		"/api/v2/email-templates/verify_email":                                "GET /email-templates/verify_email",
		"/api/v2/prompts/login/custom-text/en":                                "GET /prompts/login/custom-text/en",
		"/api/v2/users/auth0|abc":                                             "GET /users/{id}",
		"/api/v2/tenants/settings":                                            "GET /tenants/settings",
	} {
		if got := operation("GET", path); got != want {
			t.Errorf("operation(%q) = %q, want %q", path, got, want)
		}
	}
}
