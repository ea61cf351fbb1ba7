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
	cfg := f.config(RateLimit{RequestsPerSecond: 100, Burst: 100})
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
	if s.Calls != 1 || s.RateLimited != 1 || s.Refused != callers {
		t.Errorf("stats = %+v, want 1 call, 1 429, %d refused", s, callers)
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
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100}))
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
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 0.001, Burst: 10}))
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
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100}))
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
