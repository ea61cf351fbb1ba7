package auth0

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func rateHeaders(limit, remaining int, reset time.Time) http.Header {
	return http.Header{
		"X-Ratelimit-Limit":     {strconv.Itoa(limit)},
		"X-Ratelimit-Remaining": {strconv.Itoa(remaining)},
		"X-Ratelimit-Reset":     {strconv.FormatInt(reset.Unix(), 10)},
	}
}

func TestA429ClosesTheGateForTheWholeTenantUntilReset(t *testing.T) {
	// Real wall-clock seconds, so that an SDK sleeping until the reset would
	// run into the context deadline below instead of returning RateLimited.
	clock := newManualClock()
	clock.now = time.Now().Truncate(time.Second)
	reset := clock.now.Add(30 * time.Second)
	f := newFakeAuth0(t, clock)
	served := 0
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		served++
		if served == 1 {
			for k, v := range rateHeaders(50, 0, reset) {
				w.Header()[k] = v
			}
			writeJSON(w, 429, map[string]any{"statusCode": 429, "error": "Too Many Requests", "message": "Global limit has been reached", "errorCode": "too_many_requests"})
			return true
		}
		return false
	}
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100})
	c := mustClient(t, p, cfg)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	e := Classify(c.Ping(ctx))
	if e == nil || e.Class != ClassRateLimited || !e.RetryAt.Equal(reset) {
		t.Fatalf("first call: %+v, want RateLimited until %v", e, reset)
	}

	// Every caller, in both lanes, is refused without a request being sent.
	const callers = 20
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for i := 0; i < callers; i++ {
		lane := LaneChange
		if i%2 == 1 {
			lane = LaneObserve
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.API().Clients.Get(WithLane(ctx, lane), "AbCdEf0123456789AbCdEf0123456789", &management.GetClientRequestParameters{})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		var rl *ErrRateLimited
		if !errors.As(err, &rl) || !rl.RetryAt.Equal(reset) {
			t.Errorf("err = %v, want *ErrRateLimited{RetryAt: reset}", err)
		}
	}
	// A rebuilt client (new credentials) of the same tenant stays closed.
	cfg.Version = "2"
	c2 := mustClient(t, p, cfg)
	var rl *ErrRateLimited
	if err := c2.Ping(ctx); !errors.As(err, &rl) {
		t.Errorf("rebuilt client: %v, want *ErrRateLimited", err)
	}
	s := c.Stats()
	t.Logf("after one 429: server saw %d call(s), %d callers refused locally until reset; stats %+v", f.totalCalls(), callers, s)
	if n := f.totalCalls(); n != 1 {
		t.Errorf("server saw %d calls, want 1", n)
	}
	// The tenant's counters include the rebuilt client's refused ping.
	if s.Calls != 1 || s.RateLimited != 1 || s.Refused != callers+1 {
		t.Errorf("stats = %+v, want 1 call, 1 429, %d refused", s, callers+1)
	}

	clock.Advance(30 * time.Second)
	if err := c2.Ping(ctx); err != nil {
		t.Fatalf("after reset: %v", err)
	}
	if n := f.totalCalls(); n != 2 {
		t.Errorf("server saw %d calls after reset, want 2", n)
	}
}

func TestRemainingZeroClosesTheGateAndBudgetIsReported(t *testing.T) {
	clock := newManualClock()
	reset := epoch.Add(5 * time.Second)
	f := newFakeAuth0(t, clock)
	f.headers = func() http.Header { return rateHeaders(50, 0, reset) }
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	if c.Budget() != (Budget{}) {
		t.Errorf("budget before any call = %+v, want zero", c.Budget())
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := Budget{Limit: 50, Remaining: 0, Reset: reset, Seen: epoch}
	if got := c.Budget(); got != want {
		t.Errorf("Budget() = %+v, want %+v", got, want)
	}
	var rl *ErrRateLimited
	if err := c.Ping(context.Background()); !errors.As(err, &rl) || !rl.RetryAt.Equal(reset) {
		t.Errorf("second call: %v, want ErrRateLimited until %v", err, reset)
	}
	if !c.RetryAt().Equal(reset) {
		t.Errorf("RetryAt() = %v", c.RetryAt())
	}
	if n := f.totalCalls(); n != 1 {
		t.Errorf("server saw %d calls, want 1", n)
	}
}

func TestRemainingHeaderLimitsWhatTheOperatorSends(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	first := true
	f.headers = func() http.Header {
		if first { // other users of the tenant left only 3
			first = false
			return rateHeaders(50, 3, epoch.Add(time.Minute))
		}
		return nil
	}
	p, _ := newTestPool(t, clock, WithMaxWait(0))
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 0.001, Burst: 10, BudgetSharePercent: 100}))
	sent := 0
	for i := 0; i < 10; i++ {
		if err := c.Ping(context.Background()); err != nil {
			break
		}
		sent++
	}
	t.Logf("bucket of 10, remaining=3 after the first call: %d calls sent in all", sent)
	if sent != 4 {
		t.Errorf("sent %d calls, want 4 (1, then the 3 Auth0 said remain)", sent)
	}
}

func TestMetrics(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	f.headers = func() http.Header { return rateHeaders(50, 42, epoch.Add(time.Minute)) }
	p, reg := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	for i := 0; i < 3; i++ {
		_ = c.Ping(context.Background())
	}
	_, _ = c.API().Clients.Get(context.Background(), "AbCdEf0123456789AbCdEf0123456789", &management.GetClientRequestParameters{})
	_ = c.Ping(WithLane(context.Background(), LaneObserve))

	m := p.metrics
	for _, tc := range []struct {
		name string
		got  float64
		want float64
	}{
		{"calls GET /tenants/settings 200", testutil.ToFloat64(m.calls.WithLabelValues("Tenant/test", "GET /tenants/settings", "200")), 4},
		{"calls GET /clients/{id} 404", testutil.ToFloat64(m.calls.WithLabelValues("Tenant/test", "GET /clients/{id}", "404")), 1},
		{"token fetches ok", testutil.ToFloat64(m.tokenFetches.WithLabelValues("Tenant/test", "ok")), 1},
		{"budget remaining", testutil.ToFloat64(m.budgetRemain.WithLabelValues("Tenant/test")), 42},
		{"429s", testutil.ToFloat64(m.rateLimited.WithLabelValues("Tenant/test")), 0},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if n := testutil.CollectAndCount(m.budgetWait); n != 2 {
		t.Errorf("budget wait series = %d, want 2 (change and observe lanes)", n)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if strings.Contains(mf.String(), testSecret) || strings.Contains(mf.String(), "AbCdEf0123456789") {
			t.Errorf("metric mentions the secret or an ID: %s", mf.String())
		}
	}
	// A second pool on the same registry shares the collectors.
	_ = NewPool(reg)
	p.Forget("uid-1")
	if n := testutil.CollectAndCount(m.calls); n != 0 {
		t.Errorf("series left after Forget: %d", n)
	}
}

// An endpoint with a bucket of its own (custom-domain verify: 5 a minute) that reports it
// empty closes that endpoint only: the tenant's calls go on, its budget is not taken from
// those headers, and the endpoint is tried again after its reset.
func TestAnEndpointBucketClosesOnlyItsEndpoint(t *testing.T) {
	clock := newManualClock()
	clock.now = time.Now().Truncate(time.Second)
	reset := clock.now.Add(60 * time.Second)
	f := newFakeAuth0(t, clock)
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case strings.HasSuffix(r.URL.Path, "/verify"):
			for k, v := range rateHeaders(5, 0, reset) {
				w.Header()[k] = v
			}
			writeJSON(w, 429, map[string]any{"statusCode": 429, "error": "Too Many Requests", "message": "Too many requests", "errorCode": "too_many_requests"})
			return true
		case r.URL.Path == "/api/v2/tenants/settings":
			for k, v := range rateHeaders(50, 49, clock.Now().Add(time.Second)) {
				w.Header()[k] = v
			}
		}
		return false
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 16, Burst: 50, BudgetSharePercent: 100}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	verify := func() error {
		_, err := c.API().CustomDomains.Verify(ctx, "cd_0123456789abcdef")
		return err
	}

	if err := c.Ping(ctx); err != nil { // the tenant's bucket size: 50
		t.Fatal(err)
	}
	if e := Classify(verify()); e == nil || e.Class != ClassRateLimited || !e.RetryAt.Equal(reset) {
		t.Fatalf("verify: %+v, want RateLimited until %v", e, reset)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatalf("the tenant's gate closed for an endpoint's bucket: %v", err)
	}
	if got := c.Budget(); got.Limit != 50 || got.Remaining != 49 {
		t.Errorf("budget %+v, want the tenant's (50, 49), not the endpoint's", got)
	}
	var rl *ErrRateLimited
	if err := verify(); !errors.As(err, &rl) || !rl.RetryAt.Equal(reset) || !strings.Contains(err.Error(), "exhausted for custom-domains:verify") {
		t.Errorf("verify again before the reset: %v, want refused until %v for the endpoint", err, reset)
	}
	if n := f.apiCalls["POST /api/v2/custom-domains/cd_0123456789abcdef/verify"]; n != 1 {
		t.Errorf("the server saw %d verify calls, want 1 (the second refused locally)", n)
	}
	clock.Advance(61 * time.Second)
	_ = verify()
	if n := f.apiCalls["POST /api/v2/custom-domains/cd_0123456789abcdef/verify"]; n != 2 {
		t.Errorf("after the reset the server saw %d verify calls, want 2", n)
	}
	if s := c.Stats(); s.RateLimited != 2 || s.Refused != 1 {
		t.Errorf("stats %+v, want 2 429s, 1 refused", s)
	}
}

// The same endpoint answering with the tenant's bucket size speaks for the tenant: its 429
// closes the whole gate.
func TestAnEndpointReportingTheTenantsBucketClosesTheTenant(t *testing.T) {
	clock := newManualClock()
	clock.now = time.Now().Truncate(time.Second)
	reset := clock.now.Add(30 * time.Second)
	f := newFakeAuth0(t, clock)
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet && r.URL.Path == "/api/v2/clients" {
			for k, v := range rateHeaders(50, 0, reset) {
				w.Header()[k] = v
			}
			writeJSON(w, 429, map[string]any{"statusCode": 429, "error": "Too Many Requests", "message": "Global limit has been reached", "errorCode": "too_many_requests"})
			return true
		}
		return false
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 16, Burst: 50, BudgetSharePercent: 100}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.API().Clients.List(ctx, &management.ListClientsRequestParameters{}); Classify(err) == nil || Classify(err).Class != ClassRateLimited {
		t.Fatalf("list: %v, want RateLimited", err)
	}
	var rl *ErrRateLimited
	if err := c.Ping(ctx); !errors.As(err, &rl) || !rl.RetryAt.Equal(reset) {
		t.Errorf("ping after the tenant's 429: %v, want refused until %v", err, reset)
	}
}

func TestEndpointBucket(t *testing.T) {
	for op, want := range map[string]string{
		"GET /clients":                        "clients:read",
		"GET /clients/{id}":                   "clients:read",
		"PATCH /clients/{id}":                 "",
		"GET /client-grants":                  "",
		"PATCH /email-templates/verify_email": "email-templates:write",
		"GET /email-templates/verify_email":   "",
		"POST /custom-domains/{id}/verify":    "custom-domains:verify",
		"GET /custom-domains/{id}":            "",
	} {
		method, _, _ := strings.Cut(op, " ")
		if got := endpointBucket(method, op); got != want {
			t.Errorf("endpointBucket(%q) = %q, want %q", op, got, want)
		}
	}
}

// Before any answer told the tenant's bucket size, an endpoint's headers cannot be told from
// the tenant's: they count as the tenant's (the cautious reading).
func TestAnEndpointAnsweringFirstCountsAsTheTenant(t *testing.T) {
	clock := newManualClock()
	clock.now = time.Now().Truncate(time.Second)
	reset := clock.now.Add(60 * time.Second)
	f := newFakeAuth0(t, clock)
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/verify") {
			for k, v := range rateHeaders(5, 0, reset) {
				w.Header()[k] = v
			}
			writeJSON(w, 429, map[string]any{"statusCode": 429, "error": "Too Many Requests", "message": "Too many requests"})
			return true
		}
		return false
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 16, Burst: 50, BudgetSharePercent: 100}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, _ = c.API().CustomDomains.Verify(ctx, "cd_0123456789abcdef")
	var rl *ErrRateLimited
	if err := c.Ping(ctx); !errors.As(err, &rl) || !rl.RetryAt.Equal(reset) {
		t.Errorf("ping: %v, want the tenant's gate closed until %v", err, reset)
	}
}
