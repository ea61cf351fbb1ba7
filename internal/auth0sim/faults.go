package auth0sim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults make the simulator misbehave the ways the real API can. ErrorRate,
// DropRate, Latency and RateLimitStorm act on /api/v2 calls; Latency also
// delays /oauth/token; TokenFailure makes /oauth/token fail.
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
// token-failure=30s, token-failure=on (until cleared).
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
	default:
		return fmt.Errorf("fault %q: unknown kind (error-rate, error-status, latency, drop-rate, storm, token-failure)", spec)
	}
	if err != nil {
		return fmt.Errorf("fault %q: %w", spec, err)
	}
	return nil
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
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler) // closes the connection / resets the stream
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

func ceilUnix(t time.Time) int64 {
	u := t.Unix()
	if t.Nanosecond() != 0 {
		u++
	}
	return u
}
