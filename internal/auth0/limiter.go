package auth0

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit is the tenant's Management API budget as the user configured it. A field left zero
// takes DefaultRateLimit's value.
type RateLimit struct {
	RequestsPerSecond  float64 // the plan's refill rate (e.g. 16)
	Burst              int     // the plan's bucket size (e.g. 50)
	BudgetSharePercent int     // share of that the operator may use (1..100)
}

// DefaultRateLimit is the operator's one definition of a tenant's rate limit when the user
// sets none: Essentials/Professional's published global limit (a bucket of 10 refilled at
// about 2 requests/s), of which the operator takes half, leaving the rest to the tenant's
// other Management API users. The Tenant CRD's defaults say the same (a test checks it).
var DefaultRateLimit = RateLimit{RequestsPerSecond: 2, Burst: 10, BudgetSharePercent: 50}

// effective returns the refill rate and bucket size the operator may use:
// the plan's numbers times the budget share, and a bucket of at least 1.
func (r RateLimit) effective() (rate.Limit, int) {
	r = r.withDefaults()
	b := r.Burst * r.BudgetSharePercent / 100
	if b < 1 {
		b = 1
	}
	return rate.Limit(r.RequestsPerSecond * float64(r.BudgetSharePercent) / 100), b
}

// withDefaults fills the fields left zero (or out of range) from DefaultRateLimit.
func (r RateLimit) withDefaults() RateLimit {
	if r.RequestsPerSecond <= 0 {
		r.RequestsPerSecond = DefaultRateLimit.RequestsPerSecond
	}
	if r.Burst <= 0 {
		r.Burst = DefaultRateLimit.Burst
	}
	if r.BudgetSharePercent <= 0 || r.BudgetSharePercent > 100 {
		r.BudgetSharePercent = DefaultRateLimit.BudgetSharePercent
	}
	return r
}

// Lane orders calls that compete for the same budget.
type Lane int

const (
	// LaneChange is for creates, updates and deletes the user asked for, and
	// the reads that decide them. It is the default.
	LaneChange Lane = iota
	// LaneObserve is for periodic drift observation: it only uses budget the
	// changes leave.
	LaneObserve
)

func (l Lane) String() string {
	if l == LaneObserve {
		return "observe"
	}
	return "change"
}

type laneKey struct{}

// WithLane marks the calls made with ctx as belonging to lane l.
func WithLane(ctx context.Context, l Lane) context.Context {
	return context.WithValue(ctx, laneKey{}, l)
}

func laneFrom(ctx context.Context) Lane {
	if l, ok := ctx.Value(laneKey{}).(Lane); ok && l == LaneObserve {
		return LaneObserve
	}
	return LaneChange
}

// ErrRateLimited is returned instead of sending a request when the tenant's
// budget cannot be had within the pool's short maximum wait, or when the
// tenant's gate is closed after a 429 or remaining=0. Nothing was sent.
type ErrRateLimited struct {
	RetryAt time.Time
	// Endpoint names the endpoint bucket that is empty; "" for the tenant's budget.
	Endpoint string
}

func (e *ErrRateLimited) Error() string {
	if e.Endpoint != "" {
		return fmt.Sprintf("auth0 management API budget exhausted for %s (an endpoint's own limit); retry at %s", e.Endpoint, e.RetryAt.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("auth0 management API budget exhausted for this tenant; retry at %s", e.RetryAt.UTC().Format(time.RFC3339))
}

// limiter is one tenant's token bucket with two priority lanes and a gate.
//
// Callers queue per lane; the head of the change queue is served first, and
// the observe lane is served only when no change is queued and the bucket
// holds more than observeReserve tokens, so that a change arriving next finds
// budget. A caller whose turn is further away than maxWait is refused with
// *ErrRateLimited at once instead of blocking.
type limiter struct {
	clock   Clock
	maxWait time.Duration

	mu             sync.Mutex
	bucket         *rate.Limiter // only ever used with explicit times
	observeReserve float64
	closedUntil    time.Time
	endpointClosed map[string]time.Time     // an endpoint bucket's name -> until when it refuses
	endpointBudget map[string]*rate.Limiter // an endpoint bucket's name -> the operator's share; never changed once shared
	queues         [2][]*waiter
	changed        chan struct{} // closed and replaced whenever a queue or the gate changes

	onGrant func(now time.Time, lane Lane) // tests: sees every grant, under the lock
}

type waiter struct{ lane Lane }

func newLimiter(rl RateLimit, clock Clock, maxWait time.Duration) *limiter {
	r, b := rl.effective()
	l := &limiter{
		clock:          clock,
		maxWait:        maxWait,
		bucket:         rate.NewLimiter(r, b),
		observeReserve: float64(b / 5),
		changed:        make(chan struct{}),
		endpointBudget: map[string]*rate.Limiter{},
	}
	for _, e := range endpointBuckets {
		if e.perMinute > 0 {
			l.endpointBudget[e.bucket] = rate.NewLimiter(rate.Every(time.Minute/time.Duration(e.perMinute)), e.perMinute)
		}
	}
	return l
}

// acquire takes one token for a call in lane, waiting at most maxWait. It
// returns how long the caller waited.
func (l *limiter) acquire(ctx context.Context, lane Lane) (time.Duration, error) {
	start := l.clock.Now()
	deadline := start.Add(l.maxWait)
	w := &waiter{lane: lane}

	l.mu.Lock()
	l.queues[lane] = append(l.queues[lane], w)
	for {
		now := l.clock.Now()
		if now.Before(l.closedUntil) {
			retryAt := l.closedUntil
			l.leave(w)
			l.mu.Unlock()
			return now.Sub(start), &ErrRateLimited{RetryAt: retryAt}
		}
		ahead := l.ahead(w)
		need := float64(ahead+1) + l.reserve(lane)
		have := l.bucket.TokensAt(now)
		if ahead == 0 && have >= need {
			l.bucket.AllowN(now, 1)
			if l.onGrant != nil {
				l.onGrant(now, lane)
			}
			l.leave(w)
			l.mu.Unlock()
			return now.Sub(start), nil
		}
		eta := now.Add(durationFor(need-have, l.bucket.Limit()))
		if eta.After(deadline) {
			l.leave(w)
			l.mu.Unlock()
			return now.Sub(start), &ErrRateLimited{RetryAt: eta}
		}
		changed := l.changed
		l.mu.Unlock()

		timer, stop := l.clock.Until(eta)
		select {
		case <-timer:
		case <-changed:
		case <-ctx.Done():
			stop()
			l.mu.Lock()
			l.leave(w)
			l.mu.Unlock()
			return l.clock.Now().Sub(start), ctx.Err()
		}
		stop()
		l.mu.Lock()
	}
}

// ahead counts the callers that will be served before w: those queued before
// it in its lane and, for an observation, every queued change.
func (l *limiter) ahead(w *waiter) int {
	n := 0
	if w.lane == LaneObserve {
		n = len(l.queues[LaneChange])
	}
	for _, o := range l.queues[w.lane] {
		if o == w {
			break
		}
		n++
	}
	return n
}

func (l *limiter) reserve(lane Lane) float64 {
	if lane == LaneObserve {
		return l.observeReserve
	}
	return 0
}

// leave removes w from its queue and wakes the others: their turn moved.
func (l *limiter) leave(w *waiter) {
	q := l.queues[w.lane]
	for i, o := range q {
		if o == w {
			l.queues[w.lane] = append(q[:i:i], q[i+1:]...)
			break
		}
	}
	l.wake()
}

func (l *limiter) wake() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// closeGate refuses every call of the tenant, in every lane, until t.
func (l *limiter) closeGate(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.After(l.closedUntil) {
		l.closedUntil = t
		l.wake()
	}
}

// tighten lowers the bucket to the operator's share of what Auth0 says is
// left: the tenant's other users spend from the same budget.
func (l *limiter) tighten(remaining int, sharePercent int) {
	allowed := remaining * sharePercent / 100
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if excess := int(l.bucket.TokensAt(now)) - allowed; excess > 0 {
		l.bucket.ReserveN(now, excess) // consumes the tokens; never waited on
	}
}

// closeEndpoint refuses the calls of one endpoint bucket (see endpointBucket) until t; the
// rest of the tenant's calls go on.
func (l *limiter) closeEndpoint(bucket string, t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.endpointClosed == nil {
		l.endpointClosed = map[string]time.Time{}
	}
	if t.After(l.endpointClosed[bucket]) {
		l.endpointClosed[bucket] = t
	}
}

// endpointClosedUntil reports until when an endpoint bucket refuses calls (zero if open).
func (l *limiter) endpointClosedUntil(bucket string) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t := l.endpointClosed[bucket]; l.clock.Now().Before(t) {
		return t
	}
	return time.Time{}
}

// reserveEndpoint takes one call of the operator's share of an endpoint bucket and returns
// zero, or, when the bucket is closed or the share spent, takes nothing and returns how long
// until a call may go.
func (l *limiter) reserveEndpoint(bucket string) time.Duration {
	now := l.clock.Now()
	if until := l.endpointClosedUntil(bucket); !until.IsZero() {
		return until.Sub(now)
	}
	b := l.endpointBudget[bucket]
	if b == nil {
		return 0
	}
	r := b.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	if wait > 0 {
		r.CancelAt(now)
	}
	return wait
}

// gateClosedUntil reports until when the gate is closed (zero if open).
func (l *limiter) gateClosedUntil() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.clock.Now().Before(l.closedUntil) {
		return l.closedUntil
	}
	return time.Time{}
}

// durationFor is how long the bucket takes to refill tokens, rounded up so
// that a waiter never wakes a hair too early and spins.
func durationFor(tokens float64, r rate.Limit) time.Duration {
	if tokens <= 0 {
		return 0
	}
	d := math.Ceil(tokens/float64(r)*1e9) + float64(time.Microsecond)
	if d > float64(24*time.Hour) {
		return 24 * time.Hour
	}
	return time.Duration(d)
}
