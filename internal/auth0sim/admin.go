package auth0sim

import (
	"encoding/json"
	"net/http"
)

// The admin API lives under /_sim/, outside the Management API's auth, rate
// limits and counters. Tests, benchmarks and scripts use it; the operator
// never does. Families add their own switches with s.HandleAdmin.
//
//	GET    /_sim/stats                         counters (Stats)
//	POST   /_sim/reset                         zero the counters; ?tenant=true also
//	                                           replaces the state with a new tenant
//	GET    /_sim/objects/{collection}          every stored object (raw: secrets included)
//	POST   /_sim/objects/{collection}          create as a person would (server defaults)
//	GET    /_sim/objects/{collection}/{id}     one object
//	PATCH  /_sim/objects/{collection}/{id}     JSON merge patch (a dashboard edit)
//	DELETE /_sim/objects/{collection}/{id}     delete (with the collection's cascade)
//	GET    /_sim/faults                        active faults
//	POST   /_sim/faults                        replace the faults (Faults JSON)
//	DELETE /_sim/faults                        clear the faults
//	POST   /_sim/faults/commit-then-drop       arm one more rule, other faults kept
//	                                           ({"method":"POST","path":"/api/v2/clients","count":1})
//	GET    /_sim/ratelimit                     active rate-limit profile
//	PUT    /_sim/ratelimit                     {"name":"free"} or a full Profile
func (s *Server) registerAdmin() {
	s.mux.HandleFunc("GET /_sim/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Stats())
	})
	s.mux.HandleFunc("POST /_sim/reset", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("tenant") == "true" {
			s.ResetTenant()
		}
		s.ResetStats()
		writeJSON(w, http.StatusOK, s.Stats())
	})
	s.mux.HandleFunc("GET /_sim/objects/{collection}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Objects(r.PathValue("collection")))
	})
	s.mux.HandleFunc("POST /_sim/objects/{collection}", func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		obj, aerr := s.CreateObject(r.PathValue("collection"), body)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		writeJSON(w, http.StatusCreated, obj)
	})
	s.mux.HandleFunc("GET /_sim/objects/{collection}/{id}", func(w http.ResponseWriter, r *http.Request) {
		obj, ok := s.Object(r.PathValue("collection"), r.PathValue("id"))
		if !ok {
			writeError(w, errNotFound("No such object", "not_found"))
			return
		}
		writeJSON(w, http.StatusOK, obj)
	})
	s.mux.HandleFunc("PATCH /_sim/objects/{collection}/{id}", func(w http.ResponseWriter, r *http.Request) {
		patch, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		obj, ok := s.PatchObject(r.PathValue("collection"), r.PathValue("id"), patch)
		if !ok {
			writeError(w, errNotFound("No such object", "not_found"))
			return
		}
		writeJSON(w, http.StatusOK, obj)
	})
	s.mux.HandleFunc("DELETE /_sim/objects/{collection}/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !s.DeleteObject(r.PathValue("collection"), r.PathValue("id")) {
			writeError(w, errNotFound("No such object", "not_found"))
			return
		}
		writeNoContent(w)
	})
	s.mux.HandleFunc("GET /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Faults())
	})
	s.mux.HandleFunc("POST /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Faults
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			writeError(w, errInvalidBody(err.Error()))
			return
		}
		s.SetFaults(f)
		writeJSON(w, http.StatusOK, s.Faults())
	})
	s.mux.HandleFunc("POST /_sim/faults/commit-then-drop", func(w http.ResponseWriter, r *http.Request) {
		var rule CommitThenDrop
		if err := json.NewDecoder(r.Body).Decode(&rule); err != nil || rule.Path == "" || rule.Count < 0 {
			writeError(w, errInvalidBody("want {\"method\":\"POST\",\"path\":\"/api/v2/clients\",\"count\":1}"))
			return
		}
		s.AddCommitThenDrop(rule.Method, rule.Path, rule.Count)
		writeJSON(w, http.StatusOK, s.Faults())
	})
	s.mux.HandleFunc("DELETE /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		writeNoContent(w)
	})
	s.mux.HandleFunc("GET /_sim/ratelimit", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.RateLimitProfile())
	})
	s.mux.HandleFunc("PUT /_sim/ratelimit", func(w http.ResponseWriter, r *http.Request) {
		var p Profile
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			writeError(w, errInvalidBody(err.Error()))
			return
		}
		if p.Global.Burst == 0 && !p.Unlimited {
			named, err := ProfileByName(p.Name)
			if err != nil {
				writeError(w, errInvalidBody(err.Error()))
				return
			}
			p = named
		}
		s.SetRateLimit(p)
		writeJSON(w, http.StatusOK, s.RateLimitProfile())
	})
}

// Objects returns every stored object of a collection, raw (secrets
// included), in insertion order.
func (s *Server) Objects(collection string) []Object {
	var out []Object
	_ = s.store.View(func(tx *Tx) error { out = tx.List(collection); return nil })
	if out == nil {
		out = []Object{}
	}
	return out
}

// Object returns one stored object, raw.
func (s *Server) Object(collection, id string) (Object, bool) {
	var obj Object
	var ok bool
	_ = s.store.View(func(tx *Tx) error { obj, ok = tx.Get(collection, id); return nil })
	return obj, ok
}

// PatchObject applies a JSON merge patch to a stored object, as an edit in
// the dashboard would (no validation), and returns the result.
func (s *Server) PatchObject(collection, id string, patch Object) (Object, bool) {
	var obj Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if obj, ok = tx.Get(collection, id); ok {
			mergePatch(obj, patch)
			tx.Put(collection, id, obj)
		}
		return nil
	})
	return obj, ok
}

// DeleteObject deletes a stored object (and what its collection cascades).
func (s *Server) DeleteObject(collection, id string) bool {
	var ok bool
	_ = s.store.Update(func(tx *Tx) error { ok = s.deleteObject(tx, collection, id); return nil })
	return ok
}

// CreateObject creates an object as a person would, with the server-side
// defaults of the collection's family, and returns it raw.
func (s *Server) CreateObject(collection string, body Object) (Object, *APIError) {
	var obj Object
	var aerr *APIError
	_ = s.store.Update(func(tx *Tx) error {
		obj, aerr = s.createObject(tx, collection, body)
		return nil
	})
	return obj, aerr
}

// ResetTenant replaces every object with a new tenant's (the configured
// client, its grant, the seeded defaults). Counters are kept; see ResetStats.
func (s *Server) ResetTenant() {
	s.store.clear()
	s.opaque.mu.Lock()
	s.opaque.tokens = map[string]*Token{}
	s.opaque.mu.Unlock()
	s.seedTenant()
}
