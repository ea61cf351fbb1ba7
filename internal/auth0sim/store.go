package auth0sim

import (
	"encoding/json"
	"sort"
	"sync"
)

// Object is one stored Management API object, kept as decoded JSON
// (map[string]any, []any, string, float64, bool, nil). The store always holds
// the whole truth, write-only secrets included; families decide what an API
// response shows.
type Object = map[string]any

// record is an object plus its insertion order, which list endpoints use.
type record struct {
	Seq  int64  `json:"seq"`
	Data Object `json:"data"`
}

// Store holds every object of the simulated tenant, by collection (the
// Management API path segment, e.g. "clients", "client-grants") and id.
// Singletons live in a collection under a fixed id ("tenants"/"settings").
// It is safe for concurrent use: all access goes through View or Update, and
// objects are deep-copied in and out so callers never share maps.
type Store struct {
	mu    sync.RWMutex
	seq   int64
	cols  map[string]map[string]*record
	dirty func() // called after every Update that changed something
}

func newStore() *Store {
	return &Store{cols: map[string]map[string]*record{}}
}

// Tx is a view of the store inside one View or Update call. Its methods must
// not be used after the call returns.
type Tx struct {
	s        *Store
	writable bool
	changed  bool
}

// View runs fn with a read-only transaction.
func (s *Store) View(fn func(tx *Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(&Tx{s: s})
}

// Update runs fn with a read-write transaction; all of fn's changes are
// atomic with respect to other transactions. Changes are kept even if fn
// returns an error, so check before you write.
func (s *Store) Update(fn func(tx *Tx) error) error {
	s.mu.Lock()
	tx := &Tx{s: s, writable: true}
	err := fn(tx)
	s.mu.Unlock()
	if tx.changed && s.dirty != nil {
		s.dirty()
	}
	return err
}

// Get returns a copy of the object, or false.
func (tx *Tx) Get(collection, id string) (Object, bool) {
	rec, ok := tx.s.cols[collection][id]
	if !ok {
		return nil, false
	}
	return deepCopy(rec.Data), true
}

// List returns copies of every object of a collection in insertion order.
func (tx *Tx) List(collection string) []Object {
	recs := make([]*record, 0, len(tx.s.cols[collection]))
	for _, r := range tx.s.cols[collection] {
		recs = append(recs, r)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Seq < recs[j].Seq })
	out := make([]Object, len(recs))
	for i, r := range recs {
		out[i] = deepCopy(r.Data)
	}
	return out
}

// Find returns a copy of the first object (in insertion order) for which
// match is true.
func (tx *Tx) Find(collection string, match func(Object) bool) (Object, bool) {
	for _, o := range tx.List(collection) {
		if match(o) {
			return o, true
		}
	}
	return nil, false
}

// Count returns the number of objects in a collection.
func (tx *Tx) Count(collection string) int { return len(tx.s.cols[collection]) }

// Put stores a copy of obj under id, creating or replacing it. A replaced
// object keeps its place in list order.
func (tx *Tx) Put(collection, id string, obj Object) {
	tx.mustWrite()
	col := tx.s.cols[collection]
	if col == nil {
		col = map[string]*record{}
		tx.s.cols[collection] = col
	}
	if rec, ok := col[id]; ok {
		rec.Data = deepCopy(obj)
	} else {
		tx.s.seq++
		col[id] = &record{Seq: tx.s.seq, Data: deepCopy(obj)}
	}
	tx.changed = true
}

// Delete removes an object and reports whether it existed.
func (tx *Tx) Delete(collection, id string) bool {
	tx.mustWrite()
	if _, ok := tx.s.cols[collection][id]; !ok {
		return false
	}
	delete(tx.s.cols[collection], id)
	tx.changed = true
	return true
}

func (tx *Tx) mustWrite() {
	if !tx.writable {
		panic("auth0sim: write in a read-only transaction")
	}
}

// counts returns the number of objects per collection.
func (s *Store) counts() map[string]int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]int, len(s.cols))
	for name, col := range s.cols {
		out[name] = len(col)
	}
	return out
}

// clear drops every object (used when the tenant is reset).
func (s *Store) clear() {
	s.mu.Lock()
	s.cols = map[string]map[string]*record{}
	s.seq = 0
	s.mu.Unlock()
}

// snapshot is the store's persisted form.
type storeSnapshot struct {
	Seq         int64                         `json:"seq"`
	Collections map[string]map[string]*record `json:"collections"`
}

func (s *Store) snapshot() storeSnapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	cols := make(map[string]map[string]*record, len(s.cols))
	for name, col := range s.cols {
		c := make(map[string]*record, len(col))
		for id, r := range col {
			c[id] = &record{Seq: r.Seq, Data: deepCopy(r.Data)}
		}
		cols[name] = c
	}
	return storeSnapshot{Seq: s.seq, Collections: cols}
}

func (s *Store) restore(snap storeSnapshot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq = snap.Seq
	s.cols = snap.Collections
	if s.cols == nil {
		s.cols = map[string]map[string]*record{}
	}
}

// deepCopy copies a JSON-shaped value. Values that are not JSON-shaped (a
// typed struct or slice put there by mistake) are normalised through
// encoding/json so the store only ever holds plain JSON values.
func deepCopy(o Object) Object {
	if o == nil {
		return nil
	}
	return copyValue(o).(Object)
}

func copyValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = copyValue(e)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, e := range t {
			s[i] = copyValue(e)
		}
		return s
	case string, float64, bool, nil:
		return t
	case int:
		return float64(t)
	case int64:
		return float64(t)
	default:
		b, err := json.Marshal(t)
		if err != nil {
			panic("auth0sim: value is not JSON: " + err.Error())
		}
		var out any
		if err := json.Unmarshal(b, &out); err != nil {
			panic(err)
		}
		return out
	}
}
