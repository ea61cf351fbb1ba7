package auth0sim

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// Drives each profile past its published limit on a frozen clock, then lets
// it refill, checking x-ratelimit-* on every answer and the 429s exactly.
func TestRateLimitProfiles(t *testing.T) {
	t0 := time.Unix(1_800_000_000, 0)
	tests := []struct {
		profile string
		burst   int
		refill  time.Duration // time for one token
	}{
		{ProfileFree, 2, 500 * time.Millisecond},
		{ProfileEssentials, 10, 400 * time.Millisecond},
		{ProfileProfessional, 10, 400 * time.Millisecond},
		{ProfileEnterpriseProduction, 50, time.Second / 16},
		{ProfileEnterpriseNonProduction, 10, 500 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.profile, func(t *testing.T) {
			clock := NewFakeClock(t0)
			sim := NewServer(t, Options{Profile: tc.profile, Clock: clock})
			tok := sim.MintToken("read:resource_servers")
			call := func() (int, int, int, int64) {
				code, h, _ := rawCall(t, sim, "GET", "/api/v2/resource-servers", tok, nil)
				limit, _ := strconv.Atoi(h.Get("X-Ratelimit-Limit"))
				rem, _ := strconv.Atoi(h.Get("X-Ratelimit-Remaining"))
				reset, _ := strconv.ParseInt(h.Get("X-Ratelimit-Reset"), 10, 64)
				return code, limit, rem, reset
			}
			for i := 1; i <= tc.burst; i++ {
				code, limit, rem, reset := call()
				used := time.Duration(i) * tc.refill
				wantReset := t0.Add(used).Unix()
				if t0.Add(used).Nanosecond() != 0 {
					wantReset++
				}
				if code != 200 || limit != tc.burst || rem != tc.burst-i || reset != wantReset {
					t.Fatalf("call %d: status %d limit %d remaining %d reset %d; want 200 %d %d %d",
						i, code, limit, rem, reset, tc.burst, tc.burst-i, wantReset)
				}
			}
			for i := 0; i < 3; i++ {
				if code, _, rem, _ := call(); code != http.StatusTooManyRequests || rem != 0 {
					t.Fatalf("call past the burst: status %d remaining %d, want 429 0", code, rem)
				}
			}
			code, _, body := rawCall(t, sim, "GET", "/api/v2/resource-servers", tok, nil)
			want := `map[error:Too Many Requests errorCode:too_many_requests message:Global limit has been reached statusCode:429]`
			if code != 429 || fmt.Sprint(body) != want {
				t.Errorf("429 body = %v", body)
			}
			if got := sim.Stats().RateLimited; got != 4 {
				t.Errorf("rateLimited = %d, want 4", got)
			}
			// One refill interval later exactly one more call passes.
			clock.Advance(tc.refill)
			if code, _, rem, _ := call(); code != 200 || rem != 0 {
				t.Errorf("after one refill: status %d remaining %d, want 200 0", code, rem)
			}
			if code, _, _, _ := call(); code != 429 {
				t.Errorf("second call after one refill: %d, want 429", code)
			}
			// A full bucket's time later, the whole burst is back.
			clock.Advance(time.Duration(tc.burst) * tc.refill)
			if _, _, rem, reset := call(); rem != tc.burst-1 {
				t.Errorf("after full refill: remaining %d (reset %d), want %d", rem, reset, tc.burst-1)
			}
		})
	}
}

// Essentials' clients-read endpoint bucket (burst 5, 100/min) bites before
// the global one (burst 10), and its headers are the ones reported.
func TestEndpointBucket(t *testing.T) {
	clock := NewFakeClock(time.Unix(1_800_000_000, 0))
	sim := NewServer(t, Options{Profile: ProfileEssentials, Clock: clock})
	tok := sim.MintToken("read:clients")
	for i := 1; i <= 5; i++ {
		code, h, _ := rawCall(t, sim, "GET", "/api/v2/clients", tok, nil)
		if code != 200 || h.Get("X-Ratelimit-Limit") != "5" || h.Get("X-Ratelimit-Remaining") != strconv.Itoa(5-i) {
			t.Fatalf("call %d: %d limit %s remaining %s", i, code, h.Get("X-Ratelimit-Limit"), h.Get("X-Ratelimit-Remaining"))
		}
	}
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/clients", tok, nil); code != 429 {
		t.Fatalf("6th clients read: %d, want 429", code)
	}
	// The global bucket still has 5 of 10 for other endpoints.
	code, h, _ := rawCall(t, sim, "GET", "/api/v2/tenants/settings", sim.MintToken("read:tenant_settings"), nil)
	if code != 200 || h.Get("X-Ratelimit-Limit") != "10" || h.Get("X-Ratelimit-Remaining") != "4" {
		t.Errorf("other endpoint: %d limit %s remaining %s, want 200 10 4", code, h.Get("X-Ratelimit-Limit"), h.Get("X-Ratelimit-Remaining"))
	}
}

// Custom numbers, and headers on every answer including 401 and 404.
func TestCustomLimitAndHeadersEverywhere(t *testing.T) {
	clock := NewFakeClock(time.Unix(1_800_000_000, 0))
	sim := NewServer(t, Options{RateLimit: &Limit{Burst: 3, PerSecond: 1}, Clock: clock})
	for _, path := range []string{"/api/v2/clients", "/api/v2/nope", "/api/v2/clients/x"} {
		_, h, _ := rawCall(t, sim, "GET", path, "", nil)
		if h.Get("X-Ratelimit-Limit") != "3" || h.Get("X-Ratelimit-Reset") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/clients", "", nil); code != 429 {
		t.Errorf("4th call: %d, want 429", code)
	}
}
