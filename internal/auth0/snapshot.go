package auth0

import (
	"context"
	"fmt"
	"sync"
	"time"

	mgmt "github.com/auth0/go-auth0/v3/management/client"
)

const (
	snapshotPerPage  = 100 // the Management API's maximum
	snapshotMaxPages = 1000
	snapshotTimeout  = 2 * time.Minute
)

// Snapshot batches observation of one kind: per tenant, the whole paginated
// list is fetched (per_page=100, LaneObserve) and served for the tenant's
// SnapshotTTL, so that observing N unchanged objects costs ceil(N/100) calls.
// Kind must be unique per item type T within a Client.
type Snapshot[T any] struct {
	Kind string
	// List fetches one page (0-based). total is Auth0's include_totals count,
	// or 0 if unknown (paging then stops at the first short page).
	List func(ctx context.Context, api *mgmt.Management, page, perPage int) (items []T, total int, err error)
	ID   func(T) string
	// Fetch, when set, reads one object directly. Get uses it to confirm a miss: a snapshot
	// may predate an object (one adopted by ID, or created by someone else), and a miss must
	// not be taken for a deletion.
	Fetch func(ctx context.Context, api *mgmt.Management, id string) (T, error)
}

type freshSinceKey struct{}

// WithFreshSince makes snapshot reads in ctx refresh any snapshot fetched before t. The
// reconciler uses it when it resolves an interrupted create: the object may have been made
// after the cached list was taken.
func WithFreshSince(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, freshSinceKey{}, t)
}

func freshSince(ctx context.Context) time.Time {
	t, _ := ctx.Value(freshSinceKey{}).(time.Time)
	return t
}

// Get returns the object with id from the snapshot, refreshing the snapshot
// first when it is older than the TTL. A miss is confirmed with Fetch when it
// is set. (zero, false, nil) means Auth0 does not have it. Errors are *Error.
func (s Snapshot[T]) Get(ctx context.Context, c *Client, id string) (T, bool, error) {
	var zero T
	st, err := s.fresh(ctx, c)
	if err != nil {
		return zero, false, err
	}
	st.mu.Lock()
	v, ok := st.items[id]
	st.mu.Unlock()
	if ok {
		return v.(T), true, nil
	}
	if s.Fetch == nil {
		return zero, false, nil
	}
	obj, err := s.Fetch(ctx, c.api, id)
	if err != nil {
		if IsNotFound(err) {
			return zero, false, nil
		}
		return zero, false, Classify(err)
	}
	s.Put(c, obj)
	return obj, true, nil
}

// All returns every object of the kind, in Auth0's order, from the snapshot.
func (s Snapshot[T]) All(ctx context.Context, c *Client) ([]T, error) {
	st, err := s.fresh(ctx, c)
	if err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]T, 0, len(st.order))
	for _, id := range st.order {
		out = append(out, st.items[id].(T))
	}
	return out, nil
}

// Put records what Auth0 returned after a write, so the next observation
// sees it without a call.
func (s Snapshot[T]) Put(c *Client, obj T) {
	c.snapshot(s.Kind).write(s.ID(obj), obj, false)
}

// Delete records that the object is gone.
func (s Snapshot[T]) Delete(c *Client, id string) {
	c.snapshot(s.Kind).write(id, nil, true)
}

// Invalidate makes the next Get or All refresh the list.
func (s Snapshot[T]) Invalidate(c *Client) {
	st := c.snapshot(s.Kind)
	st.mu.Lock()
	st.valid = false
	st.gen++
	st.mu.Unlock()
}

func (s Snapshot[T]) fresh(ctx context.Context, c *Client) (*snapshotCache, error) {
	st := c.snapshot(s.Kind)
	since := freshSince(ctx)
	if st.isFresh(c, since) {
		return st, nil
	}
	// One refresh per kind at a time; it outlives a caller that gives up.
	ch := c.snapFlight.DoChan(s.Kind, func() (any, error) {
		if st.isFresh(c, since) {
			return nil, nil
		}
		rctx, cancel := context.WithTimeout(WithLane(context.WithoutCancel(ctx), LaneObserve), snapshotTimeout)
		defer cancel()
		return nil, s.refresh(rctx, c, st)
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return st, nil
	case <-ctx.Done():
		return nil, Classify(ctx.Err())
	}
}

func (s Snapshot[T]) refresh(ctx context.Context, c *Client, st *snapshotCache) error {
	started := c.clock.Now()
	st.mu.Lock()
	st.refreshing, st.overlay, st.gen = true, nil, st.gen+1
	gen := st.gen
	st.mu.Unlock()

	var all []T
	var err error
	for page := 0; ; page++ {
		if page == snapshotMaxPages {
			err = fmt.Errorf("%s: more than %d pages", s.Kind, snapshotMaxPages)
			break
		}
		items, total, lerr := s.List(ctx, c.api, page, snapshotPerPage)
		if lerr != nil {
			err = lerr
			break
		}
		all = append(all, items...)
		if len(items) < snapshotPerPage || (total > 0 && len(all) >= total) {
			break
		}
	}

	st.mu.Lock()
	defer st.mu.Unlock()
	overlay := st.overlay
	st.refreshing, st.overlay = false, nil
	if err != nil {
		return Classify(err)
	}
	st.items = make(map[string]any, len(all))
	st.order = st.order[:0]
	for _, obj := range all {
		st.set(s.ID(obj), obj)
	}
	for _, w := range overlay { // writes that raced with the list win
		if w.deleted {
			st.remove(w.id)
		} else {
			st.set(w.id, w.obj)
		}
	}
	st.fetchedAt = started
	st.valid = st.gen == gen // an Invalidate during the refresh keeps it stale
	return nil
}

// snapshotCache is one kind's list for one tenant.
type snapshotCache struct {
	mu         sync.Mutex
	valid      bool
	fetchedAt  time.Time
	order      []string
	items      map[string]any
	refreshing bool
	overlay    []snapshotWrite
	gen        int
}

type snapshotWrite struct {
	id      string
	obj     any
	deleted bool
}

func (c *Client) snapshot(kind string) *snapshotCache {
	c.snapMu.Lock()
	defer c.snapMu.Unlock()
	st := c.snapshots[kind]
	if st == nil {
		st = &snapshotCache{items: map[string]any{}}
		c.snapshots[kind] = st
	}
	return st
}

func (st *snapshotCache) isFresh(c *Client, since time.Time) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.valid && c.clock.Now().Sub(st.fetchedAt) < c.snapshotTTL && !st.fetchedAt.Before(since)
}

func (st *snapshotCache) write(id string, obj any, deleted bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if deleted {
		st.remove(id)
	} else {
		st.set(id, obj)
	}
	if st.refreshing {
		st.overlay = append(st.overlay, snapshotWrite{id: id, obj: obj, deleted: deleted})
	}
}

func (st *snapshotCache) set(id string, obj any) {
	if _, ok := st.items[id]; !ok {
		st.order = append(st.order, id)
	}
	st.items[id] = obj
}

func (st *snapshotCache) remove(id string) {
	if _, ok := st.items[id]; !ok {
		return
	}
	delete(st.items, id)
	for i, o := range st.order {
		if o == id {
			st.order = append(st.order[:i], st.order[i+1:]...)
			break
		}
	}
}
