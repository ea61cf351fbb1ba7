package controllers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// rolePermissions lists a role's permissions in the simulator as "identifier scope".
func rolePermissions(f *fixture, roleID string) []string {
	var out []string
	for _, p := range f.sim.Objects("role-permissions") {
		if p["role_id"] == roleID {
			out = append(out, fmt.Sprint(p["resource_server_identifier"], " ", p["permission_name"]))
		}
	}
	slices.Sort(out)
	return out
}

// A role whose ResourceServer does not exist yet waits, then gets its permissions; changes in
// Git reach Auth0 through the permissions endpoints, and the dashboard's changes are drift.
func TestRoleLifecycleReferencesAndDrift(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	if _, apiErr := f.sim.CreateObject("resource-servers", auth0sim.Object{"identifier": "https://billing.example.com",
		"name": "Billing", "scopes": []any{map[string]any{"value": "read:bills"}}}); apiErr != nil {
		t.Fatal(apiErr)
	}
	role := &v1alpha1.Role{
		ObjectMeta: metav1.ObjectMeta{Name: "order-clerk", Namespace: f.ns},
		Spec: v1alpha1.RoleSpec{ManagedSpec: f.ref(), Description: "Reads orders and bills",
			Permissions: []v1alpha1.RolePermissions{
				{ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"}, Scopes: []string{"read:orders"}},
				{ResourceServerIdentifier: "https://billing.example.com", Scopes: []string{"read:bills"}},
			}},
	}
	f.create(role)
	c := f.waitCondition(role, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "ResourceServer orders") {
		t.Errorf("waiting message %q", c.Message)
	}
	if n := f.calls("POST /api/v2/roles"); n != 0 {
		t.Fatalf("role created before its references resolved (%d creates)", n)
	}
	f.create(ordersAPI(f, "orders", "https://orders.example.com", "read:orders", "write:orders"))
	f.waitReady(role)

	got := f.simObject("roles", role.Status.ID)
	if got["name"] != "order-clerk" || got["description"] != "Reads orders and bills" {
		t.Fatalf("role in Auth0: %v", got)
	}
	want := []string{"https://billing.example.com read:bills", "https://orders.example.com read:orders"}
	if p := rolePermissions(f, role.Status.ID); !slices.Equal(p, want) {
		t.Fatalf("permissions = %v, want %v", p, want)
	}

	// A scope added and one removed in Git: one POST and one DELETE of permissions.
	adds, removes := f.calls("POST /api/v2/roles/{id}/permissions"), f.calls("DELETE /api/v2/roles/{id}/permissions")
	f.update(role, func() {
		role.Spec.Permissions = []v1alpha1.RolePermissions{
			{ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"}, Scopes: []string{"read:orders", "write:orders"}}}
		role.Spec.Description = "Handles orders"
	})
	f.waitReady(role)
	want = []string{"https://orders.example.com read:orders", "https://orders.example.com write:orders"}
	if p := rolePermissions(f, role.Status.ID); !slices.Equal(p, want) {
		t.Fatalf("permissions after update = %v, want %v", p, want)
	}
	if a, r := f.calls("POST /api/v2/roles/{id}/permissions")-adds, f.calls("DELETE /api/v2/roles/{id}/permissions")-removes; a != 1 || r != 1 {
		t.Errorf("update used %d adds and %d removes, want 1 and 1", a, r)
	}
	if d := f.simObject("roles", role.Status.ID)["description"]; d != "Handles orders" {
		t.Errorf("description = %v", d)
	}

	// A permission removed in the dashboard is drift, reported and corrected.
	f.sim.DeleteObject("role-permissions", role.Status.ID+"|https://orders.example.com|write:orders")
	if note := f.waitEvent("order-clerk", "DriftDetected"); !strings.Contains(note, "permissions") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.waitEvent("order-clerk", "DriftCorrected")
	f.eventually(func() (bool, string) {
		p := rolePermissions(f, role.Status.ID)
		return slices.Equal(p, want), fmt.Sprintf("permissions = %v", p)
	})

	id := role.Status.ID
	f.get(role)
	f.delete(role)
	f.waitGone(role)
	if _, ok := f.sim.Object("roles", id); ok {
		t.Error("role still in Auth0")
	}
}

// ObserveOnly reports a renamed description and a missing permission without writing; a scope
// the API does not define is Auth0's 400, shown as it is.
func TestRoleObserveOnlyAndInvalidScope(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	existing, apiErr := f.sim.CreateObject("roles", auth0sim.Object{"name": "auditor", "description": "Reads everything"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	role := &v1alpha1.Role{
		ObjectMeta: metav1.ObjectMeta{Name: "auditor", Namespace: f.ns},
		Spec:       v1alpha1.RoleSpec{ManagedSpec: f.ref(), Description: "Reads everything"},
	}
	role.Spec.ExternalID = existing["id"].(string)
	role.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	f.create(role)
	f.waitReady(role)
	writes := f.writes()
	f.sim.PatchObject("roles", role.Status.ID, auth0sim.Object{"description": "changed by hand"})
	c := f.waitCondition(role, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "description") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	f.create(ordersAPI(f, "orders", "https://orders.example.com", "read:orders"))
	bad := &v1alpha1.Role{
		ObjectMeta: metav1.ObjectMeta{Name: "bad", Namespace: f.ns},
		Spec: v1alpha1.RoleSpec{ManagedSpec: f.ref(), Permissions: []v1alpha1.RolePermissions{
			{ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"}, Scopes: []string{"delete:orders"}}}},
	}
	f.create(bad)
	c = f.waitCondition(bad, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "delete:orders is not defined") {
		t.Errorf("Stalled message %q", c.Message)
	}

	// Exactly one way to name the API, checked at apply time.
	both := &v1alpha1.Role{
		ObjectMeta: metav1.ObjectMeta{Name: "both", Namespace: f.ns},
		Spec: v1alpha1.RoleSpec{ManagedSpec: f.ref(), Permissions: []v1alpha1.RolePermissions{
			{ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"}, ResourceServerIdentifier: "https://x", Scopes: []string{"a"}}}},
	}
	both.SetNamespace(f.ns)
	if err := env.Client.Create(f.ctx, both); err == nil || !strings.Contains(err.Error(), "exactly one of resourceServerRef and resourceServerIdentifier") {
		t.Errorf("role with both: err = %v", err)
	}
}

// A role with 101 permissions whose second page fails: the Role reports the error and no
// permission is added or removed; once Auth0 answers again it converges without a write.
func TestRolePermissionsLaterPageErrorChangesNothing(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	var scopes []any
	var names []string
	for i := range 101 {
		names = append(names, fmt.Sprintf("read:thing-%03d", i))
		scopes = append(scopes, map[string]any{"value": names[i]})
	}
	if _, apiErr := f.sim.CreateObject("resource-servers", auth0sim.Object{"name": "api", "identifier": "https://api", "scopes": scopes}); apiErr != nil {
		t.Fatal(apiErr)
	}
	existing, apiErr := f.sim.CreateObject("roles", auth0sim.Object{"name": "reader"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	id := existing["id"].(string)
	for _, n := range names {
		if _, apiErr := f.sim.CreateObject("role-permissions", auth0sim.Object{"role_id": id,
			"resource_server_identifier": "https://api", "permission_name": n}); apiErr != nil {
			t.Fatal(apiErr)
		}
	}
	stop := laterPageFails(f)

	role := &v1alpha1.Role{ObjectMeta: metav1.ObjectMeta{Name: "reader", Namespace: f.ns},
		Spec: v1alpha1.RoleSpec{ManagedSpec: f.ref(), Permissions: []v1alpha1.RolePermissions{
			{ResourceServerIdentifier: "https://api", Scopes: names}}}}
	role.Spec.ExternalID = id
	f.create(role)
	f.waitCondition(role, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonAuth0Error)
	if w := f.writes(); w != 0 {
		t.Fatalf("%d writes from a partial read", w)
	}
	if n := len(rolePermissions(f, id)); n != 101 {
		t.Fatalf("%d permissions in Auth0, want 101", n)
	}
	stop()
	f.waitReady(role)
	if w := f.writes(); w != 0 {
		t.Errorf("%d writes once the whole set was read", w)
	}
}
