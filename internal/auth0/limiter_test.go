package auth0

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// maxOverWindow checks the token-bucket bound on a list of grant times: in
// every window [t_i, t_j], at most burst + rate*(t_j-t_i) calls went through.
// It returns the largest number granted at one instant and the worst excess
// over the bound (<= 0 when the bound holds).
func maxOverWindow(grants []time.Time, rps float64, burst int) (sameInstant int, worstExcess float64) {
	sort.Slice(grants, func(i, j int) bool { return grants[i].Before(grants[j]) })
	worstExcess = -1e9
	for i := range grants {
		for j := i; j < len(grants); j++ {
			n := float64(j - i + 1)
			bound := float64(burst) + rps*grants[j].Sub(grants[i]).Seconds()
			worstExcess = max(worstExcess, n-bound)
			if grants[j].Equal(grants[i]) {
				sameInstant = max(sameInstant, j-i+1)
			}
		}
	}
	return sameInstant, worstExcess
}

func TestLimiterKeepsToTheBudgetShare(t *testing.T) {
	// Plan: 10 requests/s, burst 20; the operator may use 50%: 5/s, burst 10.
	rl := RateLimit{RequestsPerSecond: 10, Burst: 20, BudgetSharePercent: 50}
	r, b := rl.effective()
	if r != 5 || b != 10 {
		t.Fatalf("effective rate/burst = %v/%d, want 5/10", r, b)
	}
	clock := &virtualClock{now: epoch}
	l := newLimiter(rl, clock, time.Second)

	const n = 1000
	grants := make([]time.Time, 0, n)
	for i := 0; i < n; i++ {
		if _, err := l.acquire(context.Background(), LaneChange); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		grants = append(grants, clock.Now())
	}
	elapsed := grants[n-1].Sub(epoch)
	floor := time.Duration(float64(n-b) / float64(r) * float64(time.Second)) // (1000-10)/5 = 198s
	same, excess := maxOverWindow(grants, float64(r), b)
	t.Logf("%d calls at 10 rps/burst 20/share 50%%: took %v of virtual time (floor %v), at most %d at one instant, worst window excess %.6f",
		n, elapsed, floor, same, excess)
	if elapsed < floor {
		t.Errorf("took %v, less than the bucket's floor %v", elapsed, floor)
	}
	if elapsed > floor+time.Second {
		t.Errorf("took %v, much more than the floor %v: the limiter wastes budget", elapsed, floor)
	}
	if same > b {
		t.Errorf("%d calls at one instant, burst is %d", same, b)
	}
	if excess > 1e-6 {
		t.Errorf("a window exceeded burst + rate*window by %.6f calls", excess)
	}
}

func TestLimiterKeepsToTheBudgetShareUnderConcurrency(t *testing.T) {
	rl := RateLimit{RequestsPerSecond: 10, Burst: 20, BudgetSharePercent: 50}
	clock := &virtualClock{now: epoch}
	// Every waiter's wait moves the virtual clock, so time runs faster than
	// the bucket needs; the bound must hold anyway. No refusals: each call
	// must eventually pass.
	l := newLimiter(rl, clock, 10*365*24*time.Hour)

	const workers, perWorker = 20, 50
	var grants []time.Time // appended under the limiter's lock
	l.onGrant = func(now time.Time, _ Lane) { grants = append(grants, now) }
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				if _, err := l.acquire(context.Background(), LaneChange); err != nil {
					t.Errorf("acquire: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	same, excess := maxOverWindow(grants, 5, 10)
	t.Logf("%d concurrent calls from %d goroutines: at most %d at one instant, worst window excess %.6f",
		len(grants), workers, same, excess)
	if len(grants) != workers*perWorker {
		t.Fatalf("granted %d, want %d", len(grants), workers*perWorker)
	}
	if excess > 1e-6 {
		t.Errorf("a window exceeded burst + rate*window by %.6f calls", excess)
	}
}

func TestLimiterRefusesInsteadOfWaitingLong(t *testing.T) {
	clock := newManualClock()
	l := newLimiter(RateLimit{RequestsPerSecond: 0.5, Burst: 2, BudgetSharePercent: 100}, clock, time.Second)
	for i := 0; i < 2; i++ {
		if _, err := l.acquire(context.Background(), LaneChange); err != nil {
			t.Fatalf("burst call %d: %v", i, err)
		}
	}
	waited, err := l.acquire(context.Background(), LaneChange)
	var rl *ErrRateLimited
	if !errors.As(err, &rl) {
		t.Fatalf("err = %v, want *ErrRateLimited", err)
	}
	// The next token is 2s away at 0.5/s: beyond the 1s max wait.
	if got := rl.RetryAt.Sub(epoch); got < 2*time.Second || got > 2*time.Second+time.Millisecond {
		t.Errorf("RetryAt = epoch+%v, want epoch+2s", got)
	}
	if waited != 0 {
		t.Errorf("waited %v before refusing, want 0", waited)
	}
}

func TestGateClosedRefusesEveryLaneUntilReset(t *testing.T) {
	clock := newManualClock()
	l := newLimiter(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}, clock, time.Second)
	reset := epoch.Add(30 * time.Second)
	l.closeGate(reset)
	for _, lane := range []Lane{LaneChange, LaneObserve, LaneChange, LaneObserve} {
		_, err := l.acquire(context.Background(), lane)
		var rl *ErrRateLimited
		if !errors.As(err, &rl) || !rl.RetryAt.Equal(reset) {
			t.Fatalf("%s lane: err = %v, want ErrRateLimited{RetryAt: reset}", lane, err)
		}
	}
	clock.Advance(30 * time.Second)
	for _, lane := range []Lane{LaneChange, LaneObserve} {
		if _, err := l.acquire(context.Background(), lane); err != nil {
			t.Errorf("%s lane after reset: %v", lane, err)
		}
	}
}

// waitQueued yields until n callers of lane are queued in l.
func waitQueued(t *testing.T, l *limiter, lane Lane, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		l.mu.Lock()
		got := len(l.queues[lane])
		l.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d %s callers queued, want %d", got, lane, n)
		}
		runtime.Gosched()
	}
}

func TestChangesAreServedBeforeObservations(t *testing.T) {
	clock := newManualClock()
	l := newLimiter(RateLimit{RequestsPerSecond: 1, Burst: 1, BudgetSharePercent: 100}, clock, time.Hour)
	if _, err := l.acquire(context.Background(), LaneChange); err != nil { // empty the bucket
		t.Fatal(err)
	}

	type grant struct {
		lane Lane
		i    int
	}
	served := make(chan grant, 6)
	start := func(lane Lane, i int) {
		go func() {
			if _, err := l.acquire(context.Background(), lane); err != nil {
				t.Errorf("%s %d: %v", lane, i, err)
			}
			served <- grant{lane, i}
		}()
	}
	// Observations queue first, then changes arrive.
	for i := 0; i < 3; i++ {
		start(LaneObserve, i)
		waitQueued(t, l, LaneObserve, i+1)
	}
	for i := 0; i < 3; i++ {
		start(LaneChange, i)
		waitQueued(t, l, LaneChange, i+1)
	}

	var order []grant
	for len(order) < 6 {
		clock.Advance(1100 * time.Millisecond) // one token per step (burst 1)
		order = append(order, <-served)
	}
	want := []grant{{LaneChange, 0}, {LaneChange, 1}, {LaneChange, 2}, {LaneObserve, 0}, {LaneObserve, 1}, {LaneObserve, 2}}
	if diff := cmp.Diff(want, order, cmp.AllowUnexported(grant{})); diff != "" {
		t.Errorf("service order (-want +got):\n%s", diff)
	}
}

func TestObservationLeavesAReserveForChanges(t *testing.T) {
	clock := newManualClock()
	// Burst 10: observation must leave 10/5 = 2 tokens; no refill in the test.
	l := newLimiter(RateLimit{RequestsPerSecond: 0.001, Burst: 10, BudgetSharePercent: 100}, clock, 0)
	observed := 0
	for {
		if _, err := l.acquire(context.Background(), LaneObserve); err != nil {
			break
		}
		observed++
	}
	changed := 0
	for {
		if _, err := l.acquire(context.Background(), LaneChange); err != nil {
			break
		}
		changed++
	}
	t.Logf("bucket of 10: observation took %d, changes then still had %d", observed, changed)
	if observed != 8 || changed != 2 {
		t.Errorf("observed %d, changed %d; want 8 and 2", observed, changed)
	}
}

func TestRemainingHeaderTightensTheBucket(t *testing.T) {
	clock := newManualClock()
	l := newLimiter(RateLimit{RequestsPerSecond: 0.001, Burst: 10, BudgetSharePercent: 50}, clock, 0)
	// Our share: burst 5. Auth0 says 4 remain for the whole tenant: we may use 2.
	l.tighten(4, 50)
	n := 0
	for {
		if _, err := l.acquire(context.Background(), LaneChange); err != nil {
			break
		}
		n++
	}
	if n != 2 {
		t.Errorf("after remaining=4 at share 50%%, %d calls went through, want 2", n)
	}
}

func TestWaitingCallerGivesUpWithItsContext(t *testing.T) {
	clock := newManualClock()
	l := newLimiter(RateLimit{RequestsPerSecond: 1, Burst: 1, BudgetSharePercent: 100}, clock, time.Hour)
	_, _ = l.acquire(context.Background(), LaneChange)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := l.acquire(ctx, LaneChange); done <- err }()
	waitQueued(t, l, LaneChange, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	waitQueued(t, l, LaneChange, 0)
}

// The operator's share of the verify bucket (3 at once, 3 a minute per tenant) is the
// client's: a call is reserved now or told how long to wait, a refusal takes nothing, a real
// path and its route share the bucket, the share survives a rebuild of the client, and a
// closed bucket refuses until it reopens.
func TestReserveKeepsToTheOperatorsShareOfAnEndpointBucket(t *testing.T) {
	clock := newManualClock()
	p, _ := newTestPool(t, clock)
	f := newFakeAuth0(t, clock)
	cfg := f.config(RateLimit{})
	c := mustClient(t, p, cfg)
	const route, path = "/custom-domains/{id}/verify", "/custom-domains/cd_0123456789abcdef/verify"

	var got []time.Duration
	reserve := func(c *Client, method, path string) { got = append(got, c.Reserve(method, path)) }
	for range 3 {
		reserve(c, "POST", path)
	}
	reserve(c, "POST", route)                 // the share is spent: one comes back every 20s
	reserve(c, "POST", route)                 // the refusal took nothing
	reserve(c, "GET", "/custom-domains/cd_1") // no bucket of its own
	reserve(c, "GET", "/clients/abc")         // a bucket without a share the operator reserves
	clock.Advance(20 * time.Second)
	cfg.Version = "2"
	c = mustClient(t, p, cfg) // new credentials, the same tenant's bucket
	reserve(c, "POST", route)
	reserve(c, "POST", route)
	c.limiter.closeEndpoint("custom-domains:verify", clock.Now().Add(time.Minute)) // as a 429 does
	clock.Advance(20 * time.Second)
	reserve(c, "POST", route)
	clock.Advance(time.Minute)
	reserve(c, "POST", route)

	want := []time.Duration{0, 0, 0, 20 * time.Second, 20 * time.Second, 0, 0, 0, 20 * time.Second, 40 * time.Second, 0}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("waits (-want +got):\n%s", d)
	}
}
