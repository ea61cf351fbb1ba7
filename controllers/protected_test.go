package controllers_test

import (
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// No Application may manage the client the operator connects as, or the tenant's global
// client, whatever it names: externalID, adoption by name, ObserveOnly. Nothing is written to
// Auth0 and no credentials reach a Secret.
func TestProtectedClientsCannotBeManaged(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	var global, ownName string
	for _, c := range f.sim.Objects("clients") {
		if c["global"] == true {
			global, _ = c["client_id"].(string)
		}
		if c["client_id"] == f.sim.ClientID() {
			ownName, _ = c["name"].(string)
		}
	}
	if global == "" || ownName == "" {
		t.Fatalf("the simulator has no global client (%q) or no client of its own (%q)", global, ownName)
	}
	cases := map[string]func(*v1alpha1.Application){
		"own-by-id":    func(a *v1alpha1.Application) { a.Spec.ExternalID = f.sim.ClientID() },
		"global-by-id": func(a *v1alpha1.Application) { a.Spec.ExternalID = global },
		"own-by-name": func(a *v1alpha1.Application) {
			a.Spec.Name = ownName
			a.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName
		},
		"own-observing": func(a *v1alpha1.Application) {
			a.Spec.Name = ownName
			a.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
		},
	}
	writes := f.writes()
	for name, mutate := range cases {
		app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1alpha1.ApplicationSpec{
			ManagedSpec: f.ref(), AppType: "non_interactive", Callbacks: []string{"https://evil.example.com/cb"},
			CredentialsSecretRef: &v1alpha1.LocalObjectReference{Name: name + "-creds"}}}
		mutate(app)
		f.create(app)
		c := f.waitCondition(app, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonProtected)
		if strings.Contains(c.Message, f.sim.ClientSecret()) {
			t.Fatalf("%s: the message carries a secret: %q", name, c.Message)
		}
		if app.Status.ID != "" {
			t.Fatalf("%s: took %q", name, app.Status.ID)
		}
		if err := env.Client.Get(f.ctx, client.ObjectKey{Namespace: f.ns, Name: name + "-creds"}, &corev1.Secret{}); err == nil {
			t.Fatalf("%s: credentials were published", name)
		}
	}
	if n := f.writes() - writes; n != 0 {
		t.Fatalf("%d writes to Auth0", n)
	}
}

// A grant to the tenant's own Management API hands an application the tenant: refused unless
// the tenant allows it; and the operator's own client's grants are never managed.
func TestManagementAPIGrantsNeedTheTenantsPermission(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "robot"}, Spec: v1alpha1.ApplicationSpec{
		ManagedSpec: f.ref(), AppType: "non_interactive"}}
	f.create(app)
	f.waitReady(app)
	grant := &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "robot-mgmt"}, Spec: v1alpha1.ClientGrantSpec{
		ManagedSpec: f.ref(), ApplicationRef: &v1alpha1.LocalObjectReference{Name: "robot"},
		Audience: f.sim.Audience(), Scopes: []string{"read:users"}}}
	f.create(grant)
	c := f.waitCondition(grant, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonProtected)
	if !strings.Contains(c.Message, "allowManagementAPIGrants") {
		t.Fatalf("the message does not say how to allow it: %q", c.Message)
	}
	if grants := f.sim.Objects("client-grants"); len(grants) != 0 {
		for _, g := range grants {
			if g["client_id"] == app.Status.ID {
				t.Fatalf("a grant was created: %v", g)
			}
		}
	}
	own := &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "own"}, Spec: v1alpha1.ClientGrantSpec{
		ManagedSpec: f.ref(), ClientID: f.sim.ClientID(), Audience: "https://api.example.com/", Scopes: []string{}}}
	f.create(own)
	f.waitCondition(own, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonProtected)

	// The tenant allows it: the same grant is made.
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: f.tenant, Namespace: f.ns}}
	f.update(tn, func() { tn.Spec.AllowManagementAPIGrants = true })
	f.update(grant, func() { grant.Spec.Scopes = []string{"read:users", "read:clients"} })
	f.waitReady(grant)
}
