package external

import (
	"context"
	"slices"
	"testing"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// A set-valued field left out of the spec is not managed: whatever Auth0 holds is up to date.
// The same field given as an empty list is the empty set: what Auth0 holds differs.
func TestAbsentSetIsNotManagedEmptySetIs(t *testing.T) {
	ctx := context.Background()
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)

	rs := mustCreate(t, sim, "resource-servers", auth0sim.Object{"name": "api", "identifier": "https://api",
		"scopes": []any{map[string]any{"value": "read:things"}}})
	role := mustCreate(t, sim, "roles", auth0sim.Object{"name": "reader"})
	mustCreate(t, sim, "role-permissions", auth0sim.Object{"role_id": idOf(role),
		"resource_server_identifier": rs["identifier"], "permission_name": "read:things"})

	org := mustCreate(t, sim, "organizations", auth0sim.Object{"name": "acme"})
	conn := mustCreate(t, sim, "connections", auth0sim.Object{"name": "db", "strategy": "auth0"})
	mustCreate(t, sim, "organization-connections", auth0sim.Object{"id": idOf(org) + "/" + idOf(conn),
		"organization_id": idOf(org), "connection_id": idOf(conn), "assign_membership_on_login": false})

	a := mustCreate(t, sim, "actions", auth0sim.Object{"name": "step",
		"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}}})
	mustCreate(t, sim, "trigger-bindings", auth0sim.Object{"trigger_id": "post-login",
		"bindings": []any{map[string]any{"id": "b1", "action_id": idOf(a), "display_name": "step"}}})

	cases := []struct {
		name    string
		observe func(empty bool) (reconcile.Observation, error)
		field   string
	}{
		{"role permissions", func(empty bool) (reconcile.Observation, error) {
			r := &v1alpha1.Role{}
			r.Name = "reader"
			if empty {
				r.Spec.Permissions = []v1alpha1.RolePermissions{}
			}
			return NewRole(nil).Observe(ctx, c, r, idOf(role))
		}, permissionsDiff},
		{"organization connections", func(empty bool) (reconcile.Observation, error) {
			o := &v1alpha1.Organization{}
			o.Name = "acme"
			if empty {
				o.Spec.EnabledConnections = []v1alpha1.OrganizationConnection{}
			}
			return NewOrganization(nil).Observe(ctx, c, o, idOf(org))
		}, enabledConnectionsDiff},
		{"trigger bindings", func(empty bool) (reconcile.Observation, error) {
			tb := &v1alpha1.TriggerBinding{}
			tb.Spec.Trigger = "post-login"
			if empty {
				tb.Spec.Actions = []v1alpha1.TriggerBindingAction{}
			}
			return (&TriggerBinding{}).Observe(ctx, c, tb, "post-login")
		}, "bindings[0]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obs, err := tc.observe(false)
			if err != nil {
				t.Fatal(err)
			}
			if !obs.Exists || !obs.UpToDate {
				t.Errorf("left out: %+v, want up to date (not managed)", obs)
			}
			if obs, err = tc.observe(true); err != nil {
				t.Fatal(err)
			}
			if obs.UpToDate || !slices.Contains(obs.Diff, tc.field) {
				t.Errorf("empty list: %+v, want %s to differ", obs, tc.field)
			}
		})
	}
}

// Deleting a TriggerBinding that leaves its actions out unbinds nothing: it never managed them.
func TestDeletingTriggerBindingWithoutActionsUnbindsNothing(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	a := mustCreate(t, sim, "actions", auth0sim.Object{"name": "step",
		"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}}})
	mustCreate(t, sim, "trigger-bindings", auth0sim.Object{"trigger_id": "post-login",
		"bindings": []any{map[string]any{"id": "b1", "action_id": idOf(a), "display_name": "step"}}})
	tb := &v1alpha1.TriggerBinding{}
	tb.Spec.Trigger = "post-login"
	if err := (&TriggerBinding{}).Delete(context.Background(), c, tb, "post-login"); err != nil {
		t.Fatal(err)
	}
	if n := sim.Stats().Calls["PATCH /api/v2/actions/triggers/{trigger}/bindings"]; n != 0 {
		t.Errorf("%d binding writes", n)
	}
	got, err := bindings(context.Background(), c, "post-login")
	if err != nil || len(got) != 1 {
		t.Errorf("bindings after delete: %d (%v), want the one Auth0 had", len(got), err)
	}
}
