package auth0sim

import "sync"

// Stats are the simulator's counters, as GET /_sim/stats shows them.
type Stats struct {
	// Calls counts /api/v2 calls by "METHOD /route pattern", e.g.
	// "GET /api/v2/clients/{id}" (unmatched paths count under "METHOD /api/v2/").
	Calls map[string]int `json:"calls"`
	// RateLimited counts 429 answers (storms included).
	RateLimited int `json:"rateLimited"`
	// TokensIssued counts access tokens handed out by /oauth/token.
	TokensIssued int `json:"tokensIssued"`
	// Objects counts stored objects by collection.
	Objects map[string]int `json:"objects"`
}

type stats struct {
	mu           sync.Mutex
	calls        map[string]int
	limited      int
	tokensIssued int
}

func newStats() *stats { return &stats{calls: map[string]int{}} }

func (st *stats) call(method, pattern string) {
	key := pattern
	if len(pattern) > 0 && pattern[0] == '/' {
		key = method + " " + pattern
	}
	st.mu.Lock()
	st.calls[key]++
	st.mu.Unlock()
}

func (st *stats) rateLimited() {
	st.mu.Lock()
	st.limited++
	st.mu.Unlock()
}

func (st *stats) tokenIssued() {
	st.mu.Lock()
	st.tokensIssued++
	st.mu.Unlock()
}

func (st *stats) reset() {
	st.mu.Lock()
	st.calls = map[string]int{}
	st.limited, st.tokensIssued = 0, 0
	st.mu.Unlock()
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.stats.mu.Lock()
	calls := make(map[string]int, len(s.stats.calls))
	for k, v := range s.stats.calls {
		calls[k] = v
	}
	out := Stats{Calls: calls, RateLimited: s.stats.limited, TokensIssued: s.stats.tokensIssued}
	s.stats.mu.Unlock()
	out.Objects = s.store.counts()
	return out
}

// ResetStats zeroes the counters.
func (s *Server) ResetStats() { s.stats.reset() }
