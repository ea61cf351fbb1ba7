package external

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// recordInputs records obs's input digests in obj's status, as the reconciler does under
// Manage once Auth0 holds the values.
func recordInputs(obj reconcile.Object, obs reconcile.Observation) {
	obj.GetManagedStatus().Inputs = &v1alpha1.InputDigests{Digests: obs.Inputs}
}

// front is what stands between a test's client and the simulator: it records the bodies of the
// writes it passes, and while readOnly is on it refuses any Management API call but a GET
// (405), so that a test sees an Observe that tries to write.
type front struct {
	readOnly atomic.Bool
	// checkpoint drops the offset parameters of list calls, so that the tenant answers them by
	// checkpoint (from/take and a next cursor), as Auth0 may.
	checkpoint atomic.Bool
	mu         sync.Mutex
	refused    []string
	bodies     []map[string]any
}

var fronts sync.Map // *auth0.Client -> *front

// simClient is a client of sim's tenant, through a front (see readOnly).
func simClient(t *testing.T, sim *auth0sim.Server) *auth0.Client {
	t.Helper()
	f := &front{}
	c := clientVia(t, sim, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v2/") {
			if f.readOnly.Load() {
				f.mu.Lock()
				f.refused = append(f.refused, r.Method+" "+r.URL.Path)
				f.mu.Unlock()
				http.Error(w, `{"statusCode":405,"error":"Method Not Allowed","message":"this test allows only reads"}`, http.StatusMethodNotAllowed)
				return
			}
			raw, _ := io.ReadAll(r.Body)
			var body map[string]any
			_ = json.Unmarshal(raw, &body)
			f.mu.Lock()
			f.bodies = append(f.bodies, body)
			f.mu.Unlock()
			r.Body = io.NopCloser(bytes.NewReader(raw))
		}
		if f.checkpoint.Load() && r.Method == http.MethodGet {
			q := r.URL.Query()
			q.Del("page")
			q.Del("per_page")
			q.Del("include_totals")
			r.URL.RawQuery = q.Encode()
		}
		sim.ServeHTTP(w, r)
	})
	fronts.Store(c, f)
	return c
}

// clientVia is a client of sim's tenant whose calls h serves (h passes them on to sim).
func clientVia(t *testing.T, sim *auth0sim.Server, h http.HandlerFunc) *auth0.Client {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	c, err := auth0.NewPool(nil).Client(auth0.TenantConfig{
		Key: t.Name(), Version: "1", Domain: sim.Domain(), BaseURL: srv.URL,
		CACertPEM:   pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}),
		Credentials: auth0.Credentials{ClientID: sim.ClientID(), ClientSecret: sim.ClientSecret()},
		RateLimit:   auth0.RateLimit{RequestsPerSecond: 1000, Burst: 1000},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// readOnly runs f with every write of c (a simClient) refused, and fails t for each write f
// tried: Observe only reads; a write it finds due is an Action for the reconciler.
func readOnly(t *testing.T, c *auth0.Client, f func()) {
	t.Helper()
	v, ok := fronts.Load(c)
	if !ok {
		t.Fatal("readOnly needs a client from simClient")
	}
	fr := v.(*front)
	fr.readOnly.Store(true)
	defer fr.readOnly.Store(false)
	f()
	fr.mu.Lock()
	defer fr.mu.Unlock()
	for _, call := range fr.refused {
		t.Errorf("a read-only step tried %s", call)
	}
	fr.refused = nil
}

// lastBody is the body of the last write c (a simClient) sent.
func lastBody(t *testing.T, c *auth0.Client) map[string]any {
	t.Helper()
	v, _ := fronts.Load(c)
	fr := v.(*front)
	fr.mu.Lock()
	defer fr.mu.Unlock()
	if len(fr.bodies) == 0 {
		t.Fatal("no write sent")
	}
	return fr.bodies[len(fr.bodies)-1]
}

const testDomain = "acme.eu.auth0.com"

// simTenant is a simulator tenant on testDomain and a client of it, for the lifecycle tests.
type simTenant struct {
	sim *auth0sim.Server
	c   *auth0.Client
}

func newSimTenant(t *testing.T) *simTenant {
	t.Helper()
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true, Domain: testDomain})
	return &simTenant{sim: sim, c: simClient(t, sim)}
}

func (f *simTenant) client(*testing.T) *auth0.Client { return f.c }

// pageByCheckpoint makes the tenant answer lists by checkpoint only.
func (f *simTenant) pageByCheckpoint(on bool) {
	v, _ := fronts.Load(f.c)
	v.(*front).checkpoint.Store(on)
}

// count is how many calls the tenant answered for a route ("GET /api/v2/clients/{id}").
func (f *simTenant) count(route string) int { return f.sim.Stats().Calls[route] }

func (f *simTenant) lastBody(t *testing.T) map[string]any { return lastBody(t, f.c) }

// edit changes an object the way someone in the dashboard would.
func (f *simTenant) edit(coll, id string, change func(map[string]any)) {
	o, _ := f.sim.Object(coll, id)
	change(o)
	f.sim.PatchObject(coll, id, o)
}

// add creates an object as someone outside Kubernetes would, and returns its ID.
func (f *simTenant) add(t *testing.T, coll string, obj map[string]any) string {
	t.Helper()
	o, err := f.sim.CreateObject(coll, obj)
	if err != nil {
		t.Fatalf("creating %s: %v", coll, err)
	}
	if id, ok := o["client_id"].(string); ok && coll == "clients" {
		return id
	}
	return o["id"].(string)
}

// app creates a client named name and returns its ID.
func (f *simTenant) app(t *testing.T, name string) string {
	return f.add(t, "clients", map[string]any{"name": name})
}

// api creates an API with identifier.
func (f *simTenant) api(t *testing.T, identifier string) string {
	return f.add(t, "resource-servers", map[string]any{"name": identifier, "identifier": identifier})
}
