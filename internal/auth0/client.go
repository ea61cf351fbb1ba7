package auth0

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"golang.org/x/sync/singleflight"
)

// Budget is the tenant's rate-limit budget as Auth0 last reported it.
type Budget struct {
	Limit     int       // x-ratelimit-limit: the bucket size
	Remaining int       // x-ratelimit-remaining
	Reset     time.Time // x-ratelimit-reset
	Seen      time.Time // when these were seen; zero if never
}

// counters are a tenant's Stats, kept across rebuilds of its client.
type counters struct {
	calls, rateLimited, refused, tokenFetches, budgetWaits, budgetWaited atomic.Int64
}

// Stats counts what a tenant's Client, and the clients it replaced, did.
type Stats struct {
	Calls        int64         // requests sent to the Management API (any outcome)
	RateLimited  int64         // 429 responses received
	Refused      int64         // calls not sent: no budget within the max wait, or the gate was closed
	TokenFetches int64         // requests sent to /oauth/token
	BudgetWaits  int64         // calls that waited for rate-limit budget before they were sent
	BudgetWaited time.Duration // how long they waited in all
}

// Client is one tenant's door to the Management API. It is safe for
// concurrent use; get it from a Pool.
type Client struct {
	cfg         TenantConfig
	name        string
	clock       Clock
	snapshotTTL time.Duration

	api     *mgmt.Management
	limiter *limiter
	tokens  *tokenSource
	metrics *metrics
	idle    func() // closes the idle connections of a dropped client
	refused func() // tells the pool's listeners that Auth0 refused the credentials

	stats *counters // shared with the client this one replaced

	mu           sync.Mutex
	budget       Budget
	tenantBucket int // the tenant bucket's size, from an answer without an endpoint bucket

	snapMu     sync.Mutex
	snapshots  map[string]*snapshotCache
	snapFlight singleflight.Group
}

// API is the go-auth0 SDK client. Every call it makes goes through the
// tenant's limiter and token source; errors it returns go to Classify.
// Use WithLane(ctx, LaneObserve) for drift observation.
func (c *Client) API() *mgmt.Management { return c.api }

// Name is the tenant's label, e.g. "ClusterTenant/prod".
func (c *Client) Name() string { return c.name }

// Digest is a keyed digest of values (HMAC-SHA256, keyed by the tenant's credentials), for
// status fields that must change when secret inputs change without revealing anything about
// them: unlike a plain hash, it cannot be used to guess a short secret by trying values. It
// changes when the tenant's credentials change. Parts are length-prefixed.
func (c *Client) Digest(parts ...[]byte) string {
	key := sha256.Sum256([]byte("auth0-operator digest\x00" + c.cfg.Credentials.ClientSecret + c.cfg.Credentials.PrivateKey))
	m := hmac.New(sha256.New, key[:])
	for _, p := range parts {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		m.Write(n[:])
		m.Write(p)
	}
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// ClientID is the ID of the application the client connects as.
func (c *Client) ClientID() string { return c.cfg.Credentials.ClientID }

// Domain is the tenant's domain as configured, e.g. acme.eu.auth0.com (no scheme, no slash).
func (c *Client) Domain() string {
	return strings.TrimSuffix(strings.TrimPrefix(c.cfg.Domain, "https://"), "/")
}

// Ping proves that a token can be obtained and a cheap call succeeds. The
// error, if any, is an *Error.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.api.Tenants.Settings.Get(ctx, &management.GetTenantSettingsRequestParameters{
		Fields:        management.String("friendly_name"),
		IncludeFields: management.Bool(true),
	})
	if err != nil {
		return Classify(err)
	}
	return nil
}

// Budget is the last x-ratelimit-limit/remaining/reset seen (zero if none).
func (c *Client) Budget() Budget {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.budget
}

// Stats returns the client's counters.
func (c *Client) Stats() Stats {
	return Stats{
		Calls:        c.stats.calls.Load(),
		RateLimited:  c.stats.rateLimited.Load(),
		Refused:      c.stats.refused.Load(),
		TokenFetches: c.stats.tokenFetches.Load(),
		BudgetWaits:  c.stats.budgetWaits.Load(),
		BudgetWaited: time.Duration(c.stats.budgetWaited.Load()),
	}
}

// RetryAt is when the tenant's gate opens again after a 429 or remaining=0;
// zero when it is open.
func (c *Client) RetryAt() time.Time { return c.limiter.gateClosedUntil() }

// Reserve takes one call of the operator's share of the endpoint bucket of method and path
// (a route such as "/custom-domains/{id}/verify" or a real path) and returns zero; or, when the
// bucket is closed after a 429 or the share is spent, takes nothing and returns how long until
// a call may go. Call it before asking for such a call: the transport does not take the share
// again, it only refuses calls while the bucket is closed. Zero for endpoints without one.
func (c *Client) Reserve(method, path string) time.Duration {
	bucket := endpointBucket(method, operation(method, path))
	if bucket == "" {
		return 0
	}
	return c.limiter.reserveEndpoint(bucket)
}

func (c *Client) tokenFetched(err error) {
	c.stats.tokenFetches.Add(1)
	result := "ok"
	if err != nil {
		result = "error"
	}
	c.metrics.tokenFetches.WithLabelValues(c.name, result).Inc()
	var te *tokenError
	if errors.As(err, &te) && te.StatusCode >= 400 && te.StatusCode < 500 && te.StatusCode != http.StatusTooManyRequests {
		c.refused()
	}
}

var _ http.RoundTripper = (*transport)(nil)
