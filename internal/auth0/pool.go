package auth0

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"github.com/prometheus/client_golang/prometheus"
)

// TenantConfig configures one tenant's client.
type TenantConfig struct {
	Key         string // stable identity of the tenant object (its UID): one client per Key
	Version     string // changes when credentials or settings change: the client is rebuilt
	Name        string // label for metrics, e.g. "ClusterTenant/prod"
	Domain      string // acme.eu.auth0.com; the token audience is https://Domain/api/v2/
	BaseURL     string // optional, e.g. https://127.0.0.1:8443: where /oauth/token and /api/v2 calls go
	CACertPEM   []byte // optional extra CA to trust (the simulator's self-signed certificate)
	Credentials Credentials
	RateLimit   RateLimit
	SnapshotTTL time.Duration // how long a list snapshot serves observations (default 10m)
	// ReadOnly refuses, before sending, every Management API call but a GET (with
	// *ErrReadOnly): a plan reads through the operator's own client and must never write.
	ReadOnly bool
}

const (
	defaultMaxWait     = time.Second
	defaultSnapshotTTL = 10 * time.Minute
	httpTimeout        = 30 * time.Second
)

// Pool holds one Client per tenant, shared by every controller.
type Pool struct {
	clock   Clock
	maxWait time.Duration
	metrics *metrics

	mu               sync.Mutex
	clients          map[string]*Client
	refusedListeners []func(key string)
}

// PoolOption adjusts a Pool.
type PoolOption func(*Pool)

// WithClock replaces the real clock (tests).
func WithClock(c Clock) PoolOption { return func(p *Pool) { p.clock = c } }

// WithMaxWait sets how long a call may wait for budget before it is refused
// with *ErrRateLimited (default 1s).
func WithMaxWait(d time.Duration) PoolOption { return func(p *Pool) { p.maxWait = d } }

// NewPool returns an empty pool whose metrics are registered on reg (nil: not
// registered).
func NewPool(reg prometheus.Registerer, opts ...PoolOption) *Pool {
	p := &Pool{clock: realClock{}, maxWait: defaultMaxWait, clients: map[string]*Client{}}
	for _, o := range opts {
		o(p)
	}
	p.metrics = newMetrics(reg)
	return p
}

// Client returns the tenant's client, building it on first use and again
// whenever cfg.Version changes (the old one is dropped; a closed gate, the endpoint budgets
// and the counters carry over, since Auth0's budget is the tenant's, not the
// credentials').
func (p *Pool) Client(cfg TenantConfig) (*Client, error) {
	if cfg.Key == "" {
		return nil, errors.New("tenant config: key is empty")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.clients[cfg.Key]
	if old != nil && old.cfg.Version == cfg.Version {
		return old, nil
	}
	c, err := p.build(cfg)
	if err != nil {
		return nil, err
	}
	if old != nil {
		c.limiter.closeGate(old.limiter.gateClosedUntil())
		for _, b := range endpointBuckets {
			c.limiter.closeEndpoint(b.bucket, old.limiter.endpointClosedUntil(b.bucket))
		}
		c.limiter.endpointBudget = old.limiter.endpointBudget // c is not shared yet
		c.stats = old.stats
		old.idle()
	}
	p.clients[cfg.Key] = c
	return c, nil
}

// Forget drops the tenant's client (the tenant object is gone).
func (p *Pool) Forget(key string) {
	p.mu.Lock()
	c := p.clients[key]
	delete(p.clients, key)
	p.mu.Unlock()
	if c != nil {
		c.idle()
		p.metrics.forget(c.name)
	}
}

func (p *Pool) build(cfg TenantConfig) (*Client, error) {
	domain := strings.TrimSuffix(strings.TrimPrefix(cfg.Domain, "https://"), "/")
	if domain == "" {
		return nil, errors.New("tenant config: domain is empty")
	}
	base := strings.TrimSuffix(cfg.BaseURL, "/")
	if base == "" {
		base = "https://" + domain
	}
	if !strings.HasPrefix(base, "https://") {
		// Every call carries the operator's access token, every token request its credentials.
		return nil, errors.New("tenant config: the base URL must be https")
	}
	name := cfg.Name
	if name == "" {
		name = cfg.Key
	}
	ttl := cfg.SnapshotTTL
	if ttl <= 0 {
		ttl = defaultSnapshotTTL
	}

	rt := http.DefaultTransport.(*http.Transport).Clone()
	if len(cfg.CACertPEM) > 0 {
		roots, err := x509.SystemCertPool()
		if err != nil || roots == nil {
			roots = x509.NewCertPool()
		}
		if !roots.AppendCertsFromPEM(cfg.CACertPEM) {
			return nil, errors.New("tenant config: the CA bundle holds no PEM certificate")
		}
		rt.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	}

	c := &Client{
		cfg:         cfg,
		name:        name,
		clock:       p.clock,
		snapshotTTL: ttl,
		limiter:     newLimiter(cfg.RateLimit, p.clock, p.maxWait),
		metrics:     p.metrics,
		idle:        rt.CloseIdleConnections,
		snapshots:   map[string]*snapshotCache{},
		stats:       &counters{},
		refused:     func() { p.credentialsRefused(cfg.Key) },
	}
	tokens, err := newTokenSource(p.clock, &http.Client{Transport: rt, Timeout: httpTimeout, CheckRedirect: noRedirects}, base, domain, cfg.Credentials, c.tokenFetched)
	if err != nil {
		return nil, err
	}
	c.tokens = tokens
	c.api = mgmt.NewWithOptions(
		option.WithBaseURL(base+"/api/v2"),
		option.WithHTTPClient(&http.Client{Transport: &transport{c: c, base: rt}, Timeout: httpTimeout, CheckRedirect: noRedirects}),
		// The SDK would sleep in the caller and retry 429s and 5xx. Its
		// client-level WithoutRetries is not honoured by v3.0.0's retrier
		// (only per-call), so one attempt is also set explicitly.
		option.WithoutRetries(),
		option.WithMaxAttempts(1),
		option.WithUserAgent("auth0-operator"),
	)
	return c, nil
}

// noRedirects hands a redirect back as the answer: following it would send the access token
// (which the transport adds to every request it sends) or the credentials to another address.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// OnCredentialsRefused registers f to be told the Key of a tenant whose credentials Auth0
// refused: a token request answered 4xx (other than 429), or an API call answered 401. The
// tenant's controller re-checks the connection, so that a revoked credential does not leave
// the tenant Ready. f is called in the caller's goroutine and must not block.
func (p *Pool) OnCredentialsRefused(f func(key string)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refusedListeners = append(p.refusedListeners, f)
}

func (p *Pool) credentialsRefused(key string) {
	p.mu.Lock()
	ls := p.refusedListeners
	p.mu.Unlock()
	for _, f := range ls {
		f(key)
	}
}
