package external

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// laterPageFails serves sim and turns on its error fault (every call answers 503) at the first
// request for a page after the first (checkpoint: from; offset: page > 0), so that the read
// that asked for it fails on its second page. It returns a client of the served simulator and
// how many later pages were asked for.
func laterPageFails(t *testing.T, sim *auth0sim.Server) (*auth0.Client, *atomic.Int32) {
	t.Helper()
	var later atomic.Int32
	c := clientVia(t, sim, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("from") != "" || (q.Get("page") != "" && q.Get("page") != "0") {
			if later.Add(1) == 1 {
				sim.SetFaults(auth0sim.Faults{ErrorRate: 1, ErrorStatus: http.StatusServiceUnavailable})
			}
		}
		sim.ServeHTTP(w, r)
	})
	return c, &later
}

func newSim(t *testing.T) *auth0sim.Server {
	t.Helper()
	sim, err := auth0sim.New(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

func mustCreate(t *testing.T, sim *auth0sim.Server, collection string, body auth0sim.Object) auth0sim.Object {
	t.Helper()
	o, aerr := sim.CreateObject(collection, body)
	if aerr != nil {
		t.Fatalf("creating %s: %v", collection, aerr)
	}
	return o
}

// A failure on any page of a set's list fails the observation: the first page is never taken
// for the whole set (an update would then remove or disable what the other pages hold).
func TestObserveFailsWhenALaterPageOfASetFails(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func(t *testing.T, sim *auth0sim.Server) func(c *auth0.Client) error{
		"connection enabled clients (checkpoint)": func(t *testing.T, sim *auth0sim.Server) func(*auth0.Client) error {
			var ids []any
			for i := range 150 {
				ids = append(ids, mustCreate(t, sim, "clients", auth0sim.Object{"name": fmt.Sprintf("app-%d", i)})["client_id"])
			}
			conn := mustCreate(t, sim, "connections", auth0sim.Object{"name": "db", "strategy": "auth0", "enabled_clients": ids})
			k := &v1alpha1.Connection{}
			k.Name, k.Spec.Strategy, k.Spec.EnabledClients = "db", "auth0", []v1alpha1.ApplicationReference{}
			return func(c *auth0.Client) error {
				_, err := NewConnection(nil, nil).Observe(ctx, c, k, idOf(conn))
				return err
			}
		},
		"role permissions (offset)": func(t *testing.T, sim *auth0sim.Server) func(*auth0.Client) error {
			var scopes []any
			for i := range 101 {
				scopes = append(scopes, map[string]any{"value": fmt.Sprintf("read:thing-%03d", i)})
			}
			mustCreate(t, sim, "resource-servers", auth0sim.Object{"name": "api", "identifier": "https://api", "scopes": scopes})
			role := mustCreate(t, sim, "roles", auth0sim.Object{"name": "reader"})
			for _, s := range scopes {
				mustCreate(t, sim, "role-permissions", auth0sim.Object{"role_id": idOf(role),
					"resource_server_identifier": "https://api", "permission_name": s.(map[string]any)["value"]})
			}
			k := &v1alpha1.Role{}
			k.Name, k.Spec.Permissions = "reader", []v1alpha1.RolePermissions{}
			return func(c *auth0.Client) error {
				_, err := NewRole(nil).Observe(ctx, c, k, idOf(role))
				return err
			}
		},
		"organization connections (offset)": func(t *testing.T, sim *auth0sim.Server) func(*auth0.Client) error {
			org := mustCreate(t, sim, "organizations", auth0sim.Object{"name": "acme"})
			for i := range 101 {
				conn := mustCreate(t, sim, "connections", auth0sim.Object{"name": fmt.Sprintf("conn-%d", i), "strategy": "auth0"})
				mustCreate(t, sim, "organization-connections", auth0sim.Object{"id": idOf(org) + "/" + idOf(conn),
					"organization_id": idOf(org), "connection_id": idOf(conn), "assign_membership_on_login": false})
			}
			k := &v1alpha1.Organization{}
			k.Name, k.Spec.EnabledConnections = "acme", []v1alpha1.OrganizationConnection{}
			return func(c *auth0.Client) error {
				_, err := NewOrganization(nil).Observe(ctx, c, k, idOf(org))
				return err
			}
		},
		"trigger bindings (offset)": func(t *testing.T, sim *auth0sim.Server) func(*auth0.Client) error {
			a := mustCreate(t, sim, "actions", auth0sim.Object{"name": "step",
				"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}}})
			var bs []any
			for i := range 101 {
				bs = append(bs, map[string]any{"id": fmt.Sprintf("b%d", i), "action_id": idOf(a), "display_name": fmt.Sprintf("step %d", i)})
			}
			mustCreate(t, sim, "trigger-bindings", auth0sim.Object{"trigger_id": "post-login", "bindings": bs})
			k := &v1alpha1.TriggerBinding{}
			k.Spec.Trigger, k.Spec.Actions = "post-login", []v1alpha1.TriggerBindingAction{}
			return func(c *auth0.Client) error {
				_, err := (&TriggerBinding{}).Observe(ctx, c, k, "post-login")
				return err
			}
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			sim := newSim(t)
			observe := setup(t, sim)
			c, later := laterPageFails(t, sim)
			err := observe(c)
			if later.Load() == 0 {
				t.Fatal("the set was read without asking for a second page")
			}
			if err == nil {
				t.Fatal("the observation succeeded though a later page of the set failed")
			}
		})
	}
}

// An export reads each connection's enabled clients to the end or fails: an exported
// connection that lists 100 of its 150 applications would disable the other 50 when applied.
func TestConnectionExportFailsWhenALaterPageOfEnabledClientsFails(t *testing.T) {
	sim := newSim(t)
	var ids []any
	for i := range 150 {
		ids = append(ids, mustCreate(t, sim, "clients", auth0sim.Object{"name": fmt.Sprintf("app-%d", i)})["client_id"])
	}
	mustCreate(t, sim, "connections", auth0sim.Object{"name": "partners", "strategy": "auth0", "enabled_clients": ids})
	c, later := laterPageFails(t, sim)
	found, err := connectionExporter.Read(context.Background(), c)
	if later.Load() == 0 {
		t.Fatal("no later page was asked for")
	}
	if err == nil {
		t.Fatalf("the export read %d connections though a later page of enabled clients failed", len(found))
	}
}
