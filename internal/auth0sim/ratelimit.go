package auth0sim

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Limit is one token bucket: Burst requests at once (x-ratelimit-limit),
// refilled at PerSecond.
type Limit struct {
	Burst     int     `json:"burst"`
	PerSecond float64 `json:"perSecond"`
}

// PerMinute is a Limit refilled at n requests a minute.
func PerMinute(burst int, n float64) Limit { return Limit{Burst: burst, PerSecond: n / 60} }

// Names of the per-endpoint buckets Auth0 publishes. A route joins one with
// WithBucket; a profile gives it numbers. A route whose bucket the active
// profile does not list only uses the global bucket.
const (
	BucketClientsRead         = "clients:read"
	BucketEmailTemplatesWrite = "email-templates:write"
	BucketCustomDomainVerify  = "custom-domains:verify"
)

// Profile is a plan's Management API rate limits: the tenant's global bucket
// and the endpoint buckets it adds.
type Profile struct {
	Name      string           `json:"name"`
	Unlimited bool             `json:"unlimited,omitempty"`
	Global    Limit            `json:"global"`
	Endpoints map[string]Limit `json:"endpoints,omitempty"`
}

// Plan names accepted by ProfileByName and --profile.
const (
	ProfileFree                    = "free"
	ProfileEssentials              = "essentials"
	ProfileProfessional            = "professional"
	ProfileEnterpriseProduction    = "enterprise-production"
	ProfileEnterpriseNonProduction = "enterprise-nonproduction"
	ProfileUnlimited               = "unlimited"
)

// ProfileByName returns the published limits of an Auth0 plan.
func ProfileByName(name string) (Profile, error) {
	paidEndpoints := func(extra map[string]Limit) map[string]Limit {
		m := map[string]Limit{
			BucketEmailTemplatesWrite: PerMinute(5, 25),
			BucketCustomDomainVerify:  PerMinute(5, 5),
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	switch name {
	case ProfileFree:
		return Profile{Name: name, Global: Limit{Burst: 2, PerSecond: 2},
			Endpoints: map[string]Limit{BucketCustomDomainVerify: PerMinute(5, 5)}}, nil
	case ProfileEssentials, ProfileProfessional:
		return Profile{Name: name, Global: PerMinute(10, 150),
			Endpoints: paidEndpoints(map[string]Limit{BucketClientsRead: PerMinute(5, 100)})}, nil
	case ProfileEnterpriseProduction:
		return Profile{Name: name, Global: Limit{Burst: 50, PerSecond: 16}, Endpoints: paidEndpoints(nil)}, nil
	case ProfileEnterpriseNonProduction:
		return Profile{Name: name, Global: Limit{Burst: 10, PerSecond: 2}, Endpoints: paidEndpoints(nil)}, nil
	case ProfileUnlimited, "":
		return Profile{Name: ProfileUnlimited, Unlimited: true}, nil
	}
	return Profile{}, fmt.Errorf("unknown rate-limit profile %q (want free, essentials, professional, enterprise-production, enterprise-nonproduction or unlimited)", name)
}

// ProfileNames lists the plan names ProfileByName knows.
func ProfileNames() []string {
	return []string{ProfileFree, ProfileEssentials, ProfileProfessional, ProfileEnterpriseProduction, ProfileEnterpriseNonProduction, ProfileUnlimited}
}

// bucket is a token bucket read against the simulator's clock.
type bucket struct {
	limit  Limit
	tokens float64
	last   time.Time
}

func newBucket(l Limit, now time.Time) *bucket {
	return &bucket{limit: l, tokens: float64(l.Burst), last: now}
}

func (b *bucket) refill(now time.Time) {
	if now.After(b.last) {
		b.tokens = math.Min(float64(b.limit.Burst), b.tokens+now.Sub(b.last).Seconds()*b.limit.PerSecond)
		b.last = now
	}
}

// state reports what the headers say: calls left and the UNIX second at
// which the bucket is full again (rounded up).
func (b *bucket) state(now time.Time) (remaining int, reset int64) {
	remaining = int(math.Floor(b.tokens + 1e-9))
	missing := float64(b.limit.Burst) - b.tokens
	if missing <= 1e-9 || b.limit.PerSecond <= 0 {
		return remaining, now.Unix()
	}
	full := now.Add(time.Duration(missing / b.limit.PerSecond * float64(time.Second)))
	reset = full.Unix()
	if full.Nanosecond() != 0 {
		reset++
	}
	return remaining, reset
}

// rateLimiter holds the tenant's global bucket and its endpoint buckets.
type rateLimiter struct {
	mu      sync.Mutex
	profile Profile
	global  *bucket
	byName  map[string]*bucket
}

func newRateLimiter(p Profile, now time.Time) *rateLimiter {
	rl := &rateLimiter{}
	rl.setProfile(p, now)
	return rl
}

func (rl *rateLimiter) setProfile(p Profile, now time.Time) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.profile = p
	rl.global = newBucket(p.Global, now)
	rl.byName = map[string]*bucket{}
	names := make([]string, 0, len(p.Endpoints))
	for name := range p.Endpoints {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rl.byName[name] = newBucket(p.Endpoints[name], now)
	}
}

// rateDecision is the outcome of one request against the buckets.
type rateDecision struct {
	allowed   bool
	endpoint  bool // the endpoint bucket, not the global one, refused or reports
	limit     int
	remaining int
	reset     int64
}

// take spends one token from the global bucket and, if the route has one,
// its endpoint bucket; nothing is spent unless both have a token. The headers
// report the tighter of the two buckets.
func (rl *rateLimiter) take(bucketName string, now time.Time) rateDecision {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.profile.Unlimited {
		return rateDecision{allowed: true, limit: unlimitedHeader, remaining: unlimitedHeader, reset: now.Unix()}
	}
	buckets := []*bucket{rl.global}
	if eb := rl.byName[bucketName]; eb != nil && bucketName != "" {
		buckets = append(buckets, eb)
	}
	allowed := true
	for _, b := range buckets {
		b.refill(now)
		if b.tokens < 1-1e-9 {
			allowed = false
		}
	}
	if allowed {
		for _, b := range buckets {
			b.tokens--
		}
	}
	// Report the bucket with the fewest calls left (the endpoint bucket on a tie).
	d := rateDecision{allowed: allowed, remaining: math.MaxInt}
	for i, b := range buckets {
		rem, reset := b.state(now)
		if rem <= d.remaining {
			d.remaining, d.reset, d.limit, d.endpoint = rem, reset, b.limit.Burst, i > 0
		}
	}
	return d
}

// unlimitedHeader is what the unlimited profile reports in x-ratelimit-limit
// and x-ratelimit-remaining, so clients that expect the headers still find them.
const unlimitedHeader = 1000000

func setRateHeaders(h http.Header, limit, remaining int, reset int64) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(limit))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
}

// errTooManyRequests is Auth0's 429 body.
func errTooManyRequests(endpoint bool) *APIError {
	e := NewAPIError(http.StatusTooManyRequests, "Global limit has been reached", "too_many_requests")
	if endpoint {
		e.Message = "Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers."
	}
	return e
}

// burst is the global bucket's size (what x-ratelimit-limit reports).
func (rl *rateLimiter) burst() int {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.profile.Unlimited {
		return unlimitedHeader
	}
	return rl.profile.Global.Burst
}

// SetRateLimit switches the tenant to another profile at run time; the
// buckets start full.
func (s *Server) SetRateLimit(p Profile) { s.limiter.setProfile(p, s.clock.Now()) }

// RateLimitProfile returns the active profile.
func (s *Server) RateLimitProfile() Profile {
	s.limiter.mu.Lock()
	defer s.limiter.mu.Unlock()
	return s.limiter.profile
}
