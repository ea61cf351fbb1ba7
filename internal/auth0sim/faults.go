package auth0sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults make the simulator misbehave the ways the real API can. ErrorRate,
// DropRate, Latency and RateLimitStorm act on /api/v2 calls; Latency also
// delays /oauth/token; TokenFailure makes /oauth/token fail; CommitThenDrop
// and CommitDropRate serve a write and then lose its answer.
type Faults struct {
	// ErrorRate is the share (0..1) of /api/v2 calls answered with ErrorStatus.
	ErrorRate float64 `json:"errorRate,omitempty"`
	// ErrorStatus is the 5xx status used by ErrorRate (default 503).
	ErrorStatus int `json:"errorStatus,omitempty"`
	// Latency is added before every answer (real time, not the sim clock).
	Latency Duration `json:"latency,omitempty"`
	// DropRate is the share (0..1) of /api/v2 calls whose connection is
	// closed without an answer.
	DropRate float64 `json:"dropRate,omitempty"`
	// RateLimitStorm answers every /api/v2 call with 429 for this long
	// (sim clock) from the moment the faults are set.
	RateLimitStorm Duration `json:"rateLimitStorm,omitempty"`
	// TokenFailure makes /oauth/token answer 503 for this long (sim clock)
	// from the moment the faults are set.
	TokenFailure Duration `json:"tokenFailure,omitempty"`
	// TokenFailureUntilCleared makes /oauth/token fail until the faults are
	// cleared or replaced.
	TokenFailureUntilCleared bool `json:"tokenFailureUntilCleared,omitempty"`
	// CommitThenDrop rules: a call a rule matches is served in full (a
	// create is stored, an update applied) and then its answer is lost: the
	// connection is closed without a response, as when a network path or a
	// proxy fails after Auth0 committed. Only calls the simulator answered
	// with a 2xx count against a rule; any other answer is delivered.
	CommitThenDrop []CommitThenDrop `json:"commitThenDrop,omitempty"`
	// CommitDropRate is the share (0..1) of write calls (POST, PUT, PATCH,
	// DELETE) that succeed and are then dropped the same way: the random
	// version of CommitThenDrop, for chaos runs.
	CommitDropRate float64 `json:"commitDropRate,omitempty"`
}

// CommitThenDrop arms the commit-then-drop fault for calls matching Method
// and Path, Count times.
type CommitThenDrop struct {
	// Method is the HTTP method ("POST"); empty matches any.
	Method string `json:"method,omitempty"`
	// Path is a path.Match pattern over the request path
	// ("/api/v2/clients", "/api/v2/clients/*"), or a route's path as
	// registered ("/api/v2/clients/{id}").
	Path string `json:"path"`
	// Count is how many committed calls are dropped; 0 drops every
	// matching call until the faults are cleared. GET /_sim/faults (and
	// Server.Faults) show the count left.
	Count int `json:"count,omitempty"`
	// Dropped counts the calls this rule has dropped (read-only).
	Dropped int `json:"dropped,omitempty"`
}

func (c CommitThenDrop) matches(r *http.Request, routePattern string) bool {
	if c.Method != "" && !strings.EqualFold(c.Method, r.Method) {
		return false
	}
	if ok, _ := path.Match(c.Path, r.URL.Path); ok {
		return true
	}
	_, routePath, _ := strings.Cut(routePattern, " ")
	return c.Path == routePath
}

// Duration is a time.Duration that reads and writes JSON as "1.5s" (a bare
// number is taken as seconds).
type Duration time.Duration

// MarshalJSON writes the duration as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "250ms", "10s" or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch t := v.(type) {
	case float64:
		*d = Duration(t * float64(time.Second))
	case string:
		pd, err := time.ParseDuration(t)
		if err != nil {
			return err
		}
		*d = Duration(pd)
	case nil:
		*d = 0
	default:
		return fmt.Errorf("duration: want a string like \"10s\" or seconds, got %s", b)
	}
	return nil
}

// ParseFault applies one --fault flag value to f: error-rate=0.1,
// error-status=500, latency=200ms, drop-rate=0.05, storm=30s,
// token-failure=30s, token-failure=on (until cleared),
// commit-then-drop=POST:/api/v2/clients:1 (method:path[:count], repeatable),
// commit-drop-rate=0.1.
func ParseFault(f *Faults, spec string) error {
	key, val, ok := strings.Cut(spec, "=")
	if !ok {
		return fmt.Errorf("fault %q: want key=value", spec)
	}
	var err error
	switch key {
	case "error-rate":
		f.ErrorRate, err = parseRate(val)
	case "error-status":
		f.ErrorStatus, err = strconv.Atoi(val)
	case "drop-rate":
		f.DropRate, err = parseRate(val)
	case "latency":
		var d time.Duration
		d, err = time.ParseDuration(val)
		f.Latency = Duration(d)
	case "storm", "rate-limit-storm":
		var d time.Duration
		d, err = time.ParseDuration(val)
		f.RateLimitStorm = Duration(d)
	case "token-failure":
		if val == "on" || val == "true" {
			f.TokenFailureUntilCleared = true
			break
		}
		var d time.Duration
		d, err = time.ParseDuration(val)
		f.TokenFailure = Duration(d)
	case "commit-then-drop":
		var rule CommitThenDrop
		rule, err = parseCommitThenDrop(val)
		f.CommitThenDrop = append(f.CommitThenDrop, rule)
	case "commit-drop-rate":
		f.CommitDropRate, err = parseRate(val)
	default:
		return fmt.Errorf("fault %q: unknown kind (error-rate, error-status, latency, drop-rate, storm, token-failure, commit-then-drop, commit-drop-rate)", spec)
	}
	if err != nil {
		return fmt.Errorf("fault %q: %w", spec, err)
	}
	return nil
}

// parseCommitThenDrop reads METHOD:PATH[:COUNT] (METHOD may be empty).
func parseCommitThenDrop(v string) (CommitThenDrop, error) {
	method, rest, ok := strings.Cut(v, ":")
	if !ok || !strings.HasPrefix(rest, "/") {
		return CommitThenDrop{}, fmt.Errorf("want METHOD:PATH[:COUNT], e.g. POST:/api/v2/clients:1")
	}
	rule := CommitThenDrop{Method: strings.ToUpper(method), Path: rest}
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil || n < 0 {
			return CommitThenDrop{}, fmt.Errorf("count must be a number >= 0")
		}
		rule.Path, rule.Count = rest[:i], n
	}
	if _, err := path.Match(rule.Path, "/"); err != nil {
		return CommitThenDrop{}, err
	}
	return rule, nil
}

func parseRate(v string) (float64, error) {
	r, err := strconv.ParseFloat(v, 64)
	if err != nil || r < 0 || r > 1 {
		return 0, fmt.Errorf("rate must be between 0 and 1")
	}
	return r, nil
}

// faultState is the active faults with their deadlines on the sim clock.
type faultState struct {
	mu             sync.Mutex
	f              Faults
	stormUntil     time.Time
	tokenFailUntil time.Time
	rng            *rand.Rand
}

func newFaultState(seed uint64) *faultState {
	return &faultState{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (fs *faultState) set(f Faults, now time.Time) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.f = f
	fs.f.CommitThenDrop = append([]CommitThenDrop(nil), f.CommitThenDrop...) // counts change as rules fire
	fs.stormUntil, fs.tokenFailUntil = time.Time{}, time.Time{}
	if f.RateLimitStorm > 0 {
		fs.stormUntil = now.Add(time.Duration(f.RateLimitStorm))
	}
	if f.TokenFailure > 0 {
		fs.tokenFailUntil = now.Add(time.Duration(f.TokenFailure))
	}
}

// FaultStatus is the active faults and when the timed ones end.
type FaultStatus struct {
	Faults
	StormUntil        *time.Time `json:"stormUntil,omitempty"`
	TokenFailureUntil *time.Time `json:"tokenFailureUntil,omitempty"`
}

func (fs *faultState) status() FaultStatus {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	st := FaultStatus{Faults: fs.f}
	st.CommitThenDrop = append([]CommitThenDrop(nil), fs.f.CommitThenDrop...)
	if !fs.stormUntil.IsZero() {
		t := fs.stormUntil
		st.StormUntil = &t
	}
	if !fs.tokenFailUntil.IsZero() {
		t := fs.tokenFailUntil
		st.TokenFailureUntil = &t
	}
	return st
}

// apiFault is what happens to one /api/v2 call.
type apiFault struct {
	latency    time.Duration
	drop       bool
	errStatus  int
	stormUntil time.Time
}

func (fs *faultState) forAPI(now time.Time) apiFault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	af := apiFault{latency: time.Duration(fs.f.Latency)}
	if fs.f.DropRate > 0 && fs.rng.Float64() < fs.f.DropRate {
		af.drop = true
		return af
	}
	if now.Before(fs.stormUntil) {
		af.stormUntil = fs.stormUntil
		return af
	}
	if fs.f.ErrorRate > 0 && fs.rng.Float64() < fs.f.ErrorRate {
		af.errStatus = fs.f.ErrorStatus
		if af.errStatus < 500 {
			af.errStatus = http.StatusServiceUnavailable
		}
	}
	return af
}

func (fs *faultState) forToken(now time.Time) (latency time.Duration, fail bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return time.Duration(fs.f.Latency), fs.f.TokenFailureUntilCleared || now.Before(fs.tokenFailUntil)
}

// commitDrop decides whether a call that is about to be served is to be
// dropped once committed, and reserves the matching rule's count. The
// returned undo gives the reservation back (the call was not committed).
func (fs *faultState) commitDrop(r *http.Request, routePattern string) (drop bool, undo func()) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i := range fs.f.CommitThenDrop {
		rule := &fs.f.CommitThenDrop[i]
		if !rule.matches(r, routePattern) {
			continue
		}
		if rule.Count > 0 && rule.Dropped >= rule.Count {
			continue
		}
		rule.Dropped++
		return true, func() {
			fs.mu.Lock()
			defer fs.mu.Unlock()
			if i < len(fs.f.CommitThenDrop) && fs.f.CommitThenDrop[i].Path == rule.Path {
				fs.f.CommitThenDrop[i].Dropped--
			}
		}
	}
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		if fs.f.CommitDropRate > 0 && fs.rng.Float64() < fs.f.CommitDropRate {
			return true, func() {}
		}
	}
	return false, nil
}

// AddCommitThenDrop arms one more commit-then-drop rule, keeping the other
// active faults: the next count calls matching method and path pattern
// (see CommitThenDrop) are served and then their answer is lost.
func (s *Server) AddCommitThenDrop(method, pattern string, count int) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.f.CommitThenDrop = append(s.faults.f.CommitThenDrop, CommitThenDrop{Method: method, Path: pattern, Count: count})
}

// SetFaults replaces the active faults; timed faults start now (sim clock).
func (s *Server) SetFaults(f Faults) { s.faults.set(f, s.clock.Now()) }

// ClearFaults ends every fault.
func (s *Server) ClearFaults() { s.faults.set(Faults{}, s.clock.Now()) }

// Faults returns the active faults.
func (s *Server) Faults() FaultStatus { return s.faults.status() }

// sleep waits d of real time, or until the request is cancelled.
func sleep(r *http.Request, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// applyFaults acts out the faults on an /api/v2 call and reports whether
// the call has been answered (or dropped).
func (s *Server) applyFaults(w http.ResponseWriter, r *http.Request, now time.Time) bool {
	af := s.faults.forAPI(now)
	sleep(r, af.latency)
	switch {
	case af.drop:
		dropConnection(w)
		return true
	case !af.stormUntil.IsZero():
		s.stats.rateLimited()
		limit := s.limiter.burst()
		setRateHeaders(w.Header(), limit, 0, ceilUnix(af.stormUntil))
		writeError(w, errTooManyRequests(false))
		return true
	case af.errStatus != 0:
		writeError(w, NewAPIError(af.errStatus, http.StatusText(af.errStatus), ""))
		return true
	}
	return false
}

// dropConnection closes the call's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // closes the connection / resets the stream
}

// serveThenDrop serves a call into a buffer; a committed (2xx) answer is
// then lost with the connection, any other answer is delivered and undo
// runs.
func serveThenDrop(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, undo func()) {
	buf := &bufferedAnswer{header: http.Header{}}
	h(buf, r)
	if buf.code == 0 {
		buf.code = http.StatusOK
	}
	if buf.code >= 200 && buf.code < 300 {
		dropConnection(w)
		return
	}
	undo()
	for k, v := range buf.header {
		w.Header()[k] = v
	}
	w.WriteHeader(buf.code)
	_, _ = w.Write(buf.body.Bytes())
}

// bufferedAnswer is an http.ResponseWriter that keeps the answer.
type bufferedAnswer struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *bufferedAnswer) Header() http.Header { return b.header }

func (b *bufferedAnswer) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}

func (b *bufferedAnswer) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	return b.body.Write(p)
}

func ceilUnix(t time.Time) int64 {
	u := t.Unix()
	if t.Nanosecond() != 0 {
		u++
	}
	return u
}
