package controllers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

func ordersAPI(f *fixture, name, identifier string, scopes ...string) *v1alpha1.ResourceServer {
	rs := &v1alpha1.ResourceServer{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec:       v1alpha1.ResourceServerSpec{ManagedSpec: f.ref(), Identifier: identifier, Name: "Orders API"},
	}
	for _, s := range scopes {
		rs.Spec.Scopes = append(rs.Spec.Scopes, v1alpha1.ResourceServerScope{Value: s, Description: "can " + s})
	}
	return rs
}

func scopeValues(o auth0sim.Object) []string {
	var out []string
	l, _ := o["scopes"].([]any)
	for _, s := range l {
		out = append(out, fmt.Sprint(s.(map[string]any)["value"]))
	}
	slices.Sort(out)
	return out
}

func TestResourceServerLifecycleAndDrift(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	rs := ordersAPI(f, "orders", "https://orders.example.com", "read:orders", "write:orders")
	f.create(rs)
	f.waitReady(rs)
	got := f.simObject("resource-servers", rs.Status.ID)
	if got["identifier"] != "https://orders.example.com" || got["name"] != "Orders API" {
		t.Fatalf("resource server in Auth0: %v", got)
	}
	if s := scopeValues(got); !slices.Equal(s, []string{"read:orders", "write:orders"}) {
		t.Fatalf("scopes = %v", s)
	}

	// Scopes reordered in the dashboard are not drift.
	updates := f.calls("PATCH /api/v2/resource-servers/{id}")
	l := got["scopes"].([]any)
	f.sim.PatchObject("resource-servers", rs.Status.ID, auth0sim.Object{"scopes": []any{l[1], l[0]}})
	f.waitObservedAgain(rs, 2*time.Second)
	if n := f.calls("PATCH /api/v2/resource-servers/{id}"); n != updates {
		t.Fatalf("reordered scopes caused %d updates", n-updates)
	}

	// A scope removed in the dashboard is drift, reported and corrected.
	f.sim.PatchObject("resource-servers", rs.Status.ID, auth0sim.Object{"scopes": []any{l[0]}})
	if note := f.waitEvent("orders", "DriftDetected"); !strings.Contains(note, "scopes") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.waitEvent("orders", "DriftCorrected")
	if s := scopeValues(f.simObject("resource-servers", rs.Status.ID)); len(s) != 2 {
		t.Errorf("scopes not corrected: %v", s)
	}

	// The identifier is create-only: refused at apply time.
	err := f.refusedUpdate(rs, func() { rs.Spec.Identifier = "https://other.example.com" })
	if !strings.Contains(err.Error(), "identifier") {
		t.Fatalf("identifier change: err = %v", err)
	}

	id := rs.Status.ID
	f.get(rs)
	f.delete(rs)
	f.waitGone(rs)
	if _, ok := f.sim.Object("resource-servers", id); ok {
		t.Error("resource server still in Auth0")
	}
}

func TestResourceServerObserveOnlyDriftAndAdoption(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	if _, apiErr := f.sim.CreateObject("resource-servers", auth0sim.Object{"identifier": "https://billing.example.com",
		"name": "Orders API", "scopes": []any{map[string]any{"value": "read:bills", "description": "can read:bills"}}}); apiErr != nil {
		t.Fatal(apiErr)
	}
	// Same identifier: AlreadyExists until adopted by name.
	rs := ordersAPI(f, "billing", "https://billing.example.com", "read:bills")
	f.create(rs)
	f.waitCondition(rs, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	f.update(rs, func() {
		rs.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName
		rs.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	})
	f.waitReady(rs)
	if n := f.calls("POST /api/v2/resource-servers"); n != 0 {
		t.Fatalf("%d creates", n)
	}

	writes := f.writes()
	f.sim.PatchObject("resource-servers", rs.Status.ID, auth0sim.Object{"scopes": []any{}})
	c := f.waitCondition(rs, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "scopes") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}
}

func TestResourceServerManagementAPIRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	rs := ordersAPI(f, "mgmt", "https://"+f.sim.Domain()+"/api/v2/")
	f.create(rs)
	c := f.waitCondition(rs, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "Management API") {
		t.Errorf("message %q", c.Message)
	}
}

// A grant whose Application and API do not exist yet waits with a clear reason and proceeds
// by itself when they appear.
func TestClientGrantReferencesArriveLate(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	grant := &v1alpha1.ClientGrant{
		ObjectMeta: metav1.ObjectMeta{Name: "worker-orders", Namespace: f.ns},
		Spec: v1alpha1.ClientGrantSpec{ManagedSpec: f.ref(),
			ApplicationRef:    &v1alpha1.LocalObjectReference{Name: "worker"},
			ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"},
			Scopes:            []string{"read:orders"}},
	}
	f.create(grant)
	c := f.waitCondition(grant, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "worker") {
		t.Errorf("waiting message %q does not name the Application", c.Message)
	}
	if s := f.kstatus(grant); s != status.InProgressStatus {
		t.Errorf("kstatus while waiting = %s, want InProgress", s)
	}

	f.create(&v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "worker", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "non_interactive"}})
	f.eventually(func() (bool, string) {
		f.get(grant)
		c := meta.FindStatusCondition(grant.Status.Conditions, v1alpha1.ConditionReady)
		return c != nil && strings.Contains(c.Message, "orders"), fmt.Sprintf("want a wait for the ResourceServer: %+v", c)
	})
	f.create(ordersAPI(f, "orders", "https://orders.example.com", "read:orders", "write:orders"))
	f.waitReady(grant)
	if s := f.kstatus(grant); s != status.CurrentStatus {
		t.Errorf("kstatus = %s, want Current", s)
	}

	g := f.simObject("client-grants", grant.Status.ID)
	if g["audience"] != "https://orders.example.com" || g["client_id"] != grant.Status.ClientID || grant.Status.ClientID == "" {
		t.Fatalf("grant in Auth0: %v (status %+v)", g, grant.Status)
	}
	if s := strs(g["scope"]); !slices.Equal(s, []string{"read:orders"}) {
		t.Fatalf("scope = %v", s)
	}

	// More scopes in Git reach Auth0; a scope added in the dashboard is drift, corrected.
	f.update(grant, func() { grant.Spec.Scopes = []string{"read:orders", "write:orders"} })
	f.waitReady(grant)
	if s := strs(f.simObject("client-grants", grant.Status.ID)["scope"]); len(s) != 2 {
		t.Fatalf("scope after update = %v", s)
	}
	f.sim.PatchObject("client-grants", grant.Status.ID, auth0sim.Object{"scope": []any{"read:orders"}})
	if note := f.waitEvent("worker-orders", "DriftDetected"); !strings.Contains(note, "scope") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.waitEvent("worker-orders", "DriftCorrected")
	f.eventually(func() (bool, string) {
		s := strs(f.simObject("client-grants", grant.Status.ID)["scope"])
		return len(s) == 2, fmt.Sprintf("scope = %v", s)
	})

	// The application and API of a grant are create-only.
	if err := f.refusedUpdate(grant, func() { grant.Spec.ApplicationRef.Name = "other" }); !strings.Contains(err.Error(), "applicationRef cannot be changed") {
		t.Fatalf("changing applicationRef: err = %v", err)
	}

	id := grant.Status.ID
	f.get(grant)
	f.delete(grant)
	f.waitGone(grant)
	if _, ok := f.sim.Object("client-grants", id); ok {
		t.Error("grant still in Auth0")
	}
}

// A grant by client ID and audience to objects not managed here.
func TestClientGrantByIDs(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	cl, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "external-worker", "app_type": "non_interactive"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	if _, apiErr := f.sim.CreateObject("resource-servers", auth0sim.Object{"identifier": "https://ext.example.com", "name": "ext",
		"scopes": []any{map[string]any{"value": "read:ext"}}}); apiErr != nil {
		t.Fatal(apiErr)
	}
	grant := &v1alpha1.ClientGrant{
		ObjectMeta: metav1.ObjectMeta{Name: "by-ids", Namespace: f.ns},
		Spec: v1alpha1.ClientGrantSpec{ManagedSpec: f.ref(), ClientID: cl["client_id"].(string),
			Audience: "https://ext.example.com", Scopes: []string{"read:ext"}},
	}
	f.create(grant)
	f.waitReady(grant)
	if g := f.simObject("client-grants", grant.Status.ID); g["client_id"] != cl["client_id"] {
		t.Fatalf("grant = %v", g)
	}
}

func TestPrinterColumns(t *testing.T) {
	for _, kind := range []string{"applications", "resourceservers", "clientgrants"} {
		crd := crdColumns(t, kind+".auth0.a0ops.dev")
		for _, want := range []string{"Ready", "Synced", "Reason", "ID"} {
			if !slices.Contains(crd, want) {
				t.Errorf("%s: no %s column (columns %v)", kind, want, crd)
			}
		}
	}
}

// crdColumns returns the printer columns the API server serves for a CRD.
func crdColumns(t *testing.T, name string) []string {
	t.Helper()
	u := &unstructured.Unstructured{}
	u.SetAPIVersion("apiextensions.k8s.io/v1")
	u.SetKind("CustomResourceDefinition")
	if err := env.Client.Get(testenv.Ctx(t), client.ObjectKey{Name: name}, u); err != nil {
		t.Fatal(err)
	}
	versions, _, _ := unstructured.NestedSlice(u.Object, "spec", "versions")
	var cols []string
	for _, v := range versions {
		pcs, _, _ := unstructured.NestedSlice(v.(map[string]any), "additionalPrinterColumns")
		for _, pc := range pcs {
			cols = append(cols, pc.(map[string]any)["name"].(string))
		}
	}
	return cols
}

// A grant's organization settings and subject type reach Auth0, a dashboard edit of them is
// corrected, the create-only ones cannot change, and a grant for every third-party client
// (defaultFor) has no client. An existing grant with the same settings is adopted with no write.
func TestClientGrantOrganizationsSubjectAndDefaultFor(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	f.create(&v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "worker", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "non_interactive"}})
	f.create(ordersAPI(f, "orders", "https://orders.example.com", "read:orders"))
	grant := &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "worker-orders", Namespace: f.ns},
		Spec: v1alpha1.ClientGrantSpec{ManagedSpec: f.ref(), ApplicationRef: &v1alpha1.LocalObjectReference{Name: "worker"},
			ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"}, Scopes: []string{"read:orders"},
			OrganizationUsage: "allow", AllowAnyOrganization: valPtr(true), SubjectType: "user"}}
	f.create(grant)
	f.waitReady(grant)
	g := f.simObject("client-grants", grant.Status.ID)
	if g["organization_usage"] != "allow" || g["allow_any_organization"] != true || g["subject_type"] != "user" {
		t.Fatalf("grant in Auth0: %v", g)
	}

	f.update(grant, func() { grant.Spec.OrganizationUsage = "require" })
	f.eventually(func() (bool, string) {
		g := f.simObject("client-grants", grant.Status.ID)
		return g["organization_usage"] == "require", fmt.Sprintf("organization_usage = %v", g["organization_usage"])
	})
	f.sim.PatchObject("client-grants", grant.Status.ID, auth0sim.Object{"allow_any_organization": false})
	if note := f.waitEvent("worker-orders", "DriftDetected"); !strings.Contains(note, "allow_any_organization") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		return f.simObject("client-grants", grant.Status.ID)["allow_any_organization"] == true, "allow_any_organization not corrected"
	})
	if err := f.refusedUpdate(grant, func() { grant.Spec.SubjectType = "client" }); !strings.Contains(err.Error(), "subjectType cannot be changed") {
		t.Errorf("changing subjectType: err = %v", err)
	}
	if err := f.refusedUpdate(grant, func() { grant.Spec.AllowAllScopes = valPtr(true) }); !strings.Contains(err.Error(), "leave scopes out") {
		t.Errorf("scopes with allowAllScopes: err = %v", err)
	}

	// The default grant of every third-party client: no client_id in Auth0.
	third := &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "third-party-orders", Namespace: f.ns},
		Spec: v1alpha1.ClientGrantSpec{ManagedSpec: f.ref(), DefaultFor: "third_party_clients",
			ResourceServerRef: &v1alpha1.LocalObjectReference{Name: "orders"}, AllowAllScopes: valPtr(true)}}
	f.create(third)
	f.waitReady(third)
	if g := f.simObject("client-grants", third.Status.ID); g["default_for"] != "third_party_clients" || g["client_id"] != nil || g["allow_all_scopes"] != true {
		t.Fatalf("default grant in Auth0: %v", g)
	}
	both := third.DeepCopy()
	both.ObjectMeta = metav1.ObjectMeta{Name: "both", Namespace: f.ns}
	both.Spec.ClientID = "abc"
	if err := env.Client.Create(f.ctx, both); err == nil || !strings.Contains(err.Error(), "exactly one of applicationRef, clientID and defaultFor") {
		t.Errorf("defaultFor with clientID: err = %v", err)
	}

	// Adoption: the same grant in a new object (the first one released with its Auth0 grant
	// kept) is taken over with no write.
	id := grant.Status.ID
	f.update(grant, func() { grant.Spec.DeletionPolicy = v1alpha1.DeletionOrphan })
	f.waitReady(grant)
	f.delete(grant)
	f.waitGone(grant)
	writes := f.writes()
	again := &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "again", Namespace: f.ns}, Spec: grant.Spec}
	again.Spec.ExternalID = id
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes || again.Status.ID != id {
		t.Errorf("adopting an equal grant wrote %d times (id %s, want %s)", w-writes, again.Status.ID, id)
	}
}
