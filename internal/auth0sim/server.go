package auth0sim

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Options configure a simulated tenant. The zero value is usable: a tenant
// "tenant.auth0sim.test" with a generated client that has every scope, no
// rate limit, no faults and the real clock.
type Options struct {
	// Domain is the tenant's domain; tokens are for https://Domain/api/v2/.
	Domain string
	// ClientID and ClientSecret are the machine-to-machine application the
	// simulator starts with (generated when empty). It is a real client of
	// the tenant, granted the Management API.
	ClientID     string
	ClientSecret string
	// Scopes granted to that client on the Management API (nil: all scopes
	// any registered route needs).
	Scopes []string
	// ClientPublicKeyPEM registers a public key (PEM: PKIX public key or
	// certificate) for the client, so it may authenticate with a
	// private_key_jwt client_assertion instead of its secret.
	ClientPublicKeyPEM string

	// Profile is an Auth0 plan name (see ProfileByName; default unlimited).
	Profile string
	// RateLimit, when set, replaces the profile's global bucket.
	RateLimit *Limit
	// EndpointLimits add or replace the profile's endpoint buckets.
	EndpointLimits map[string]Limit

	// TokenLifetime is the access tokens' expires_in (default 86400s).
	TokenLifetime time.Duration
	// OpaqueTokens issues random opaque tokens instead of RS256 JWTs
	// (opaque tokens do not survive a restart).
	OpaqueTokens bool

	// ActionBuildDelay is how long a created action stays "pending" before
	// it is "built" (used by the actions family).
	ActionBuildDelay time.Duration

	// Faults are active from the start (see SetFaults for run time).
	Faults Faults
	// FaultSeed seeds the random choice of which calls fail (default 1), so
	// a run with the same calls fails the same ones.
	FaultSeed uint64

	// Clock drives rate limits, token expiry, storms and build delays.
	Clock Clock

	// Addr is where Start listens (default 127.0.0.1:0).
	Addr string
	// TLS serves https with a self-signed certificate valid for localhost,
	// 127.0.0.1 and Domain (see CertPEM and HTTPClient).
	TLS bool
	// StateFile, when set, is loaded at start (if it exists) and rewritten
	// after every change and at Close.
	StateFile string

	// Logf receives the simulator's log lines (default: none).
	Logf func(format string, args ...any)
}

// Server is a simulated Auth0 tenant's Management API. It is an
// http.Handler; Start or NewServer also run it on a listener.
type Server struct {
	opts     Options
	clock    Clock
	domain   string
	clientID string
	secret   string

	mux     *http.ServeMux
	store   *Store
	limiter *rateLimiter
	faults  *faultState
	stats   *stats
	keys    *signingKeys
	opaque  *opaqueTokens

	routes      map[string]Route
	collections map[string]Collection

	saveMu sync.Mutex

	// Set by Start.
	httpServer *http.Server
	url        string
	certPEM    []byte
	keyPEM     []byte // with certPEM, kept in the state file: a restart serves the same certificate
	certPool   *x509.CertPool
	tlsCert    *tls.Certificate
	closeOnce  sync.Once
}

// New builds a simulated tenant without listening: use it as an
// http.Handler (e.g. with httptest), or call Start instead.
func New(opts Options) (*Server, error) {
	if opts.Domain == "" {
		opts.Domain = "tenant.auth0sim.test"
	}
	if opts.ClientID == "" {
		opts.ClientID = newClientID()
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = newClientSecret()
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = 24 * time.Hour
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	if opts.FaultSeed == 0 {
		opts.FaultSeed = 1
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	profile, err := resolveProfile(opts.Profile, opts.RateLimit, opts.EndpointLimits)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:        opts,
		clock:       opts.Clock,
		domain:      opts.Domain,
		clientID:    opts.ClientID,
		secret:      opts.ClientSecret,
		mux:         http.NewServeMux(),
		store:       newStore(),
		limiter:     newRateLimiter(profile, opts.Clock.Now()),
		faults:      newFaultState(opts.FaultSeed),
		stats:       newStats(),
		opaque:      newOpaqueTokens(),
		routes:      map[string]Route{},
		collections: map[string]Collection{},
	}
	s.faults.set(opts.Faults, s.clock.Now())
	s.registerCore()
	for _, f := range registeredFamilies() {
		for _, c := range f.Collections {
			s.collections[c.Name] = c
		}
		f.Register(s)
	}
	s.mux.HandleFunc("/api/v2/", s.wrapAPI(Route{Pattern: "/api/v2/", Handler: func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errNotFound("Not Found", ""))
	}}))

	loaded, err := s.loadState()
	if err != nil {
		return nil, err
	}
	if !loaded {
		if s.keys, err = newSigningKeys(s.domain); err != nil {
			return nil, err
		}
		s.seedTenant()
	} else {
		s.ensureConfiguredClient()
	}
	if opts.StateFile != "" {
		s.store.dirty = s.saveStateLogged
		s.saveStateLogged()
	}
	return s, nil
}

func resolveProfile(name string, global *Limit, endpoints map[string]Limit) (Profile, error) {
	p, err := ProfileByName(name)
	if err != nil {
		return p, err
	}
	if global != nil {
		if global.Burst < 1 || global.PerSecond <= 0 {
			return p, fmt.Errorf("custom rate limit needs burst >= 1 and a positive refill rate, got %+v", *global)
		}
		p.Unlimited = false
		p.Global = *global
		if name == "" {
			p.Name = "custom"
		}
	}
	if len(endpoints) > 0 {
		m := map[string]Limit{}
		for k, v := range p.Endpoints {
			m[k] = v
		}
		for k, v := range endpoints {
			m[k] = v
		}
		p.Endpoints = m
	}
	return p, nil
}

// Start builds a simulated tenant and serves it on opts.Addr
// (127.0.0.1:0 by default), over TLS when opts.TLS is set.
func Start(opts Options) (*Server, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	scheme := "http"
	if opts.TLS {
		cert, certPEM, keyPEM, err := s.servingCert()
		if err != nil {
			ln.Close()
			return nil, err
		}
		s.tlsCert, s.certPEM, s.keyPEM = cert, certPEM, keyPEM
		if err := s.saveState(); err != nil { // the certificate, before any client trusts it
			ln.Close()
			return nil, err
		}
		s.certPool = x509.NewCertPool()
		s.certPool.AppendCertsFromPEM(certPEM)
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12})
		scheme = "https"
	}
	s.url = scheme + "://" + ln.Addr().String()
	s.httpServer = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(logWriter(s.opts.Logf), "", 0)}
	go func() {
		if err := s.httpServer.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.opts.Logf("auth0-sim: serve: %v", err)
		}
	}()
	return s, nil
}

// TB is the part of testing.TB that NewServer needs.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// NewServer starts a simulated tenant for a test and stops it when the test
// ends: sim := auth0sim.NewServer(t, auth0sim.Options{Profile: "free"}).
func NewServer(t TB, opts Options) *Server {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatalf("auth0sim: start: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Close stops serving at once (open connections are closed) and saves the
// state file if there is one.
func (s *Server) Close() error {
	return s.stop(func(hs *http.Server) error { return hs.Close() })
}

// Shutdown stops serving gracefully and saves the state file if there is one.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.stop(func(hs *http.Server) error { return hs.Shutdown(ctx) })
}

func (s *Server) stop(how func(*http.Server) error) error {
	var err error
	s.closeOnce.Do(func() {
		if s.httpServer != nil {
			err = how(s.httpServer)
		}
		if serr := s.saveState(); serr != nil && err == nil {
			err = serr
		}
	})
	return err
}

// ServeHTTP serves the Management API, /oauth/token and the /_sim/ admin API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// URL is the base URL the server listens on (empty before Start), e.g.
// https://127.0.0.1:40123. The Management API is at URL()+"/api/v2".
func (s *Server) URL() string { return s.url }

// Domain is the tenant's domain.
func (s *Server) Domain() string { return s.domain }

// Audience is the Management API audience, https://DOMAIN/api/v2/.
func (s *Server) Audience() string { return "https://" + s.domain + "/api/v2/" }

// ClientID is the configured machine-to-machine client's id.
func (s *Server) ClientID() string { return s.clientID }

// ClientSecret is the configured client's secret as given at start (a
// rotation through the API changes the stored one, as on Auth0).
func (s *Server) ClientSecret() string { return s.secret }

// CertPEM is the TLS certificate in PEM (nil without TLS).
func (s *Server) CertPEM() []byte { return s.certPEM }

// servingCert is the certificate a state file kept, or a new self-signed one.
func (s *Server) servingCert() (*tls.Certificate, []byte, []byte, error) {
	if s.certPEM != nil && s.keyPEM != nil {
		if pair, err := tls.X509KeyPair(s.certPEM, s.keyPEM); err == nil {
			return &pair, s.certPEM, s.keyPEM, nil
		}
	}
	return selfSignedCert(s.domain)
}

// HTTPClient returns a new *http.Client that trusts the server's TLS
// certificate (a plain client without TLS).
func (s *Server) HTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if s.certPool != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: s.certPool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// Now is the simulator's clock reading.
func (s *Server) Now() time.Time { return s.clock.Now() }

// Route is one Management API endpoint.
type Route struct {
	// Pattern is a net/http pattern with method, e.g. "GET /api/v2/clients/{id}".
	// It is also the route's name in Stats.Calls.
	Pattern string
	// Scopes: a token with any one of them may call the route (Auth0's
	// "Insufficient scope, expected any of: ..."). Empty: any valid token.
	Scopes []string
	// Bucket names the endpoint rate-limit bucket the route also draws from
	// (e.g. BucketEmailTemplatesWrite); empty: only the global bucket.
	Bucket string
	// Handler serves the call once auth, rate limit and faults let it through.
	Handler http.HandlerFunc
}

// Handle registers a Management API route behind the shared chain: call
// counting, faults, rate limiting (headers on every answer), bearer token
// and scope check.
func (s *Server) Handle(rt Route) {
	if _, dup := s.routes[rt.Pattern]; dup {
		panic("auth0sim: route registered twice: " + rt.Pattern)
	}
	s.routes[rt.Pattern] = rt
	s.mux.HandleFunc(rt.Pattern, s.wrapAPI(rt))
}

// HandleAdmin registers a route of the /_sim/ admin API (no auth, no rate
// limit, not counted), e.g. "POST /_sim/custom-domains/{id}/dns".
func (s *Server) HandleAdmin(pattern string, h http.HandlerFunc) {
	if !strings.Contains(pattern, " /_sim/") {
		panic("auth0sim: admin routes live under /_sim/: " + pattern)
	}
	s.mux.HandleFunc(pattern, h)
}

// AllScopes lists every scope some registered route needs, sorted: what the
// configured client gets when Options.Scopes is nil.
func (s *Server) AllScopes() []string {
	set := map[string]bool{"read:client_keys": true}
	for _, rt := range s.routes {
		for _, sc := range rt.Scopes {
			set[sc] = true
		}
	}
	out := make([]string, 0, len(set))
	for sc := range set {
		out = append(out, sc)
	}
	sort.Strings(out)
	return out
}

// RouteScopes returns the scopes (any of) a registered route needs.
func (s *Server) RouteScopes(pattern string) []string {
	return append([]string(nil), s.routes[pattern].Scopes...)
}

const maxBody = 1 << 20 // Auth0's 1 MB request payload limit

// wrapAPI is the chain every /api/v2 route runs through.
func (s *Server) wrapAPI(rt Route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.stats.call(r.Method, rt.Pattern)
		now := s.clock.Now()
		if s.applyFaults(w, r, now) {
			return
		}
		d := s.limiter.take(rt.Bucket, now)
		setRateHeaders(w.Header(), d.limit, d.remaining, d.reset)
		if !d.allowed {
			s.stats.rateLimited()
			writeError(w, errTooManyRequests(d.endpoint))
			return
		}
		tok, aerr := s.authenticate(r, now)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		if len(rt.Scopes) > 0 && !tok.hasAny(rt.Scopes) {
			writeError(w, NewAPIError(http.StatusForbidden,
				"Insufficient scope, expected any of: "+strings.Join(rt.Scopes, ","), "insufficient_scope"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		r = r.WithContext(context.WithValue(r.Context(), tokenKey{}, tok))
		if aerr := checkBody(rt.Pattern, r); aerr != nil {
			writeError(w, aerr)
			return
		}
		if drop, undo := s.faults.commitDrop(r, rt.Pattern); drop {
			serveThenDrop(w, r, rt.Handler, undo)
			return
		}
		rt.Handler(w, r)
	}
}

// logWriter adapts Logf to an io.Writer for http.Server's error log.
type logWriter func(format string, args ...any)

func (l logWriter) Write(p []byte) (int, error) {
	l("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
