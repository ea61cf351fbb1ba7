package auth0

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

var clientsSnapshot = Snapshot[*management.Client]{
	Kind: "clients",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]*management.Client, int, error) {
		p, err := api.Clients.List(ctx, &management.ListClientsRequestParameters{
			Page: &page, PerPage: &perPage, IncludeTotals: management.Bool(true),
		})
		if err != nil {
			return nil, 0, err
		}
		total := 0
		if p.Response != nil && p.Response.Total != nil {
			total = int(*p.Response.Total)
		}
		return p.Results, total, nil
	},
	ID: func(c *management.Client) string { return c.GetClientID() },
}

func seedClients(f *fakeAuth0, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.clients = nil
	for i := 0; i < n; i++ {
		f.clients = append(f.clients, map[string]any{"client_id": fmt.Sprintf("client%03d", i), "name": fmt.Sprintf("app %d", i)})
	}
}

func listCalls(f *fakeAuth0) int {
	_, calls := f.counts()
	return calls["GET /api/v2/clients"]
}

func TestSnapshotObservesManyObjectsWithFewCalls(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	seedClients(f, 250)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100})
	cfg.SnapshotTTL = 10 * time.Minute
	c := mustClient(t, p, cfg)
	ctx := context.Background()

	for i := 0; i < 250; i++ {
		id := fmt.Sprintf("client%03d", i)
		got, ok, err := clientsSnapshot.Get(ctx, c, id)
		if err != nil || !ok || got.GetName() != fmt.Sprintf("app %d", i) {
			t.Fatalf("Get(%s) = %v, %v, %v", id, got.GetName(), ok, err)
		}
	}
	t.Logf("250 objects observed with %d list calls (per_page=100)", listCalls(f))
	if n := listCalls(f); n != 3 {
		t.Errorf("list calls = %d, want 3", n)
	}
	if n := f.totalCalls(); n != 3 {
		t.Errorf("API calls = %d, want 3 (no per-object GET)", n)
	}
	if _, ok, _ := clientsSnapshot.Get(ctx, c, "nope"); ok {
		t.Error("Get of an unknown ID found something")
	}
	all, err := clientsSnapshot.All(ctx, c)
	if err != nil || len(all) != 250 || all[0].GetClientID() != "client000" || all[249].GetClientID() != "client249" {
		t.Errorf("All = %d items, %v", len(all), err)
	}
	// The list went through the observe lane.
	if n := testutil.CollectAndCount(p.metrics.budgetWait); n != 1 {
		t.Errorf("budget wait series = %d, want 1", n)
	}
	if h := testutil.ToFloat64(p.metrics.refused.WithLabelValues("Tenant/test", "observe")); h != 0 {
		t.Errorf("observe refusals = %v", h)
	}

	// Within the TTL, nothing more; after it, one refresh of 3 pages.
	clock.Advance(10*time.Minute - time.Second)
	_, _, _ = clientsSnapshot.Get(ctx, c, "client000")
	if n := listCalls(f); n != 3 {
		t.Errorf("list calls before TTL = %d, want 3", n)
	}
	clock.Advance(time.Second)
	_, _, _ = clientsSnapshot.Get(ctx, c, "client000")
	if n := listCalls(f); n != 6 {
		t.Errorf("list calls after TTL = %d, want 6", n)
	}
}

func TestSnapshotReflectsWrites(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	seedClients(f, 2)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	ctx := context.Background()
	if _, _, err := clientsSnapshot.Get(ctx, c, "client000"); err != nil {
		t.Fatal(err)
	}

	clientsSnapshot.Put(c, &management.Client{ClientID: management.String("client000"), Name: management.String("renamed")})
	clientsSnapshot.Put(c, &management.Client{ClientID: management.String("new"), Name: management.String("created")})
	clientsSnapshot.Delete(c, "client001")

	got, ok, _ := clientsSnapshot.Get(ctx, c, "client000")
	if !ok || got.GetName() != "renamed" {
		t.Errorf("after Put: %q %v", got.GetName(), ok)
	}
	if got, ok, _ := clientsSnapshot.Get(ctx, c, "new"); !ok || got.GetName() != "created" {
		t.Errorf("after Put of a new object: %v", ok)
	}
	if _, ok, _ := clientsSnapshot.Get(ctx, c, "client001"); ok {
		t.Error("deleted object still observed")
	}
	if n := listCalls(f); n != 1 {
		t.Errorf("list calls = %d, want 1: writes must not refresh the list", n)
	}
	clientsSnapshot.Invalidate(c)
	if _, ok, _ := clientsSnapshot.Get(ctx, c, "client001"); !ok {
		t.Error("after Invalidate the list was not read again")
	}
	if n := listCalls(f); n != 2 {
		t.Errorf("list calls after Invalidate = %d, want 2", n)
	}
}

func TestConcurrentGetsShareOneRefresh(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	seedClients(f, 250)
	// Hold the first page until every getter has started.
	release := make(chan struct{})
	var once sync.Once
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/v2/clients" {
			once.Do(func() { <-release })
		}
		return false
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	if err := c.Ping(context.Background()); err != nil { // token first
		t.Fatal(err)
	}

	const getters = 50
	var started, done sync.WaitGroup
	started.Add(getters)
	errs := make(chan error, getters)
	for i := 0; i < getters; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			_, ok, err := clientsSnapshot.Get(context.Background(), c, fmt.Sprintf("client%03d", i*5))
			if err == nil && !ok {
				err = fmt.Errorf("client%03d not found", i*5)
			}
			errs <- err
		}()
	}
	started.Wait()
	close(release)
	done.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	t.Logf("%d concurrent Gets on a cold snapshot: %d list calls", getters, listCalls(f))
	if n := listCalls(f); n != 3 {
		t.Errorf("list calls = %d, want 3", n)
	}
}

func TestSnapshotRefreshFailureIsClassified(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 403, map[string]any{"statusCode": 403, "error": "Forbidden", "message": "Insufficient scope, expected any of: read:clients", "errorCode": "insufficient_scope"})
		return true
	}
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{}))
	_, _, err := clientsSnapshot.Get(context.Background(), c, "x")
	e := Classify(err)
	if e == nil || e.Class != ClassForbidden || e.Message != "Insufficient scope, expected any of: read:clients" || e.Op != "GET /clients" {
		t.Errorf("Classify = %+v", e)
	}
}

func TestWriteDuringRefreshIsNotLost(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	seedClients(f, 1)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	// The list the server returns is older than a write made while it was in flight.
	f.reply = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/v2/clients" {
			clientsSnapshot.Put(c, &management.Client{ClientID: management.String("client000"), Name: management.String("written")})
		}
		return false
	}
	got, ok, err := clientsSnapshot.Get(context.Background(), c, "client000")
	if err != nil || !ok || got.GetName() != "written" {
		t.Errorf("Get = %q, %v, %v; want the write made during the refresh", got.GetName(), ok, err)
	}
}

func TestSnapshotMissIsConfirmedBeforeItCountsAsGone(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	seedClients(f, 3)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	ctx := context.Background()
	snap := clientsSnapshot
	snap.Fetch = func(ctx context.Context, api *mgmt.Management, id string) (*management.Client, error) {
		resp, err := api.Clients.Get(ctx, id, &management.GetClientRequestParameters{})
		if err != nil {
			return nil, err
		}
		return &management.Client{ClientID: resp.ClientID, Name: resp.Name}, nil
	}
	if _, ok, err := snap.Get(ctx, c, "client000"); !ok || err != nil {
		t.Fatalf("seeded client: %v %v", ok, err)
	}
	// Created after the snapshot was taken (adopted by ID, say): found with one GET, then cached.
	f.mu.Lock()
	f.clients = append(f.clients, map[string]any{"client_id": "later", "name": "later"})
	f.mu.Unlock()
	for range 3 {
		got, ok, err := snap.Get(ctx, c, "later")
		if !ok || err != nil || got.GetName() != "later" {
			t.Fatalf("late object: %v %v %v", got, ok, err)
		}
	}
	_, calls := f.counts()
	if calls["GET /api/v2/clients/later"] != 1 || calls["GET /api/v2/clients"] != 1 {
		t.Fatalf("calls %v: want one list and one confirming GET", calls)
	}
	// Truly gone: the confirming GET's 404 says so, without an error.
	if _, ok, err := snap.Get(ctx, c, "gone"); ok || err != nil {
		t.Fatalf("gone object: %v %v", ok, err)
	}
}

func TestFreshSinceRefreshesAnOlderSnapshot(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	seedClients(f, 3)
	p, _ := newTestPool(t, clock)
	c := mustClient(t, p, f.config(RateLimit{RequestsPerSecond: 100, Burst: 100, BudgetSharePercent: 100}))
	ctx := context.Background()
	if _, err := clientsSnapshot.All(ctx, c); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	since := clock.Now()
	if _, err := clientsSnapshot.All(ctx, c); err != nil || listCalls(f) != 1 {
		t.Fatalf("within the TTL: %d list calls, %v", listCalls(f), err)
	}
	if _, err := clientsSnapshot.All(WithFreshSince(ctx, since), c); err != nil || listCalls(f) != 2 {
		t.Fatalf("fresh since a later time: %d list calls, want 2 (%v)", listCalls(f), err)
	}
	if _, err := clientsSnapshot.All(WithFreshSince(ctx, since), c); err != nil || listCalls(f) != 2 {
		t.Fatalf("the refreshed snapshot satisfies the same bound: %d list calls", listCalls(f))
	}
}
