package controllers_test

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// Two app-team namespaces share one ClusterTenant. Namespace B, even when its policy lets it
// adopt, cannot take over A's client: not by ID, not by name, not to read its secret, not to
// delete it. Namespace C, on the default policy, manages its own Applications and nothing
// tenant-wide, and adopts nothing.
func TestSharedClusterTenantKeepsTeamsApart(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	nsA, nsB, nsC := env.Namespace(t, nil), env.Namespace(t, nil), env.Namespace(t, nil)
	byName := func(names ...string) *metav1.LabelSelector {
		return &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{
			Key: "kubernetes.io/metadata.name", Operator: metav1.LabelSelectorOpIn, Values: names}}}
	}
	ct := &v1alpha1.ClusterTenant{ObjectMeta: metav1.ObjectMeta{Name: f.ns + "-shared"}, Spec: v1alpha1.ClusterTenantSpec{
		TenantSpec:        f.tenantSpec(nil, time.Hour),
		AllowedNamespaces: byName(nsA, nsB, nsC),
		NamespacePolicies: []v1alpha1.NamespacePolicy{{Namespaces: byName(nsB),
			Kinds: []v1alpha1.ManagedKindName{"Application"}, AllowAdoption: true}},
	}}
	ct.Spec.Credentials.SecretRef.Namespace = f.ns
	if err := env.Client.Create(f.ctx, ct); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.Client.Delete(f.ctx, ct) })
	ref := v1alpha1.ManagedSpec{TenantRef: v1alpha1.TenantReference{Kind: "ClusterTenant", Name: ct.Name}}
	app := func(ns, name string, mutate func(*v1alpha1.Application)) *v1alpha1.Application {
		a := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns}, Spec: v1alpha1.ApplicationSpec{
			ManagedSpec: ref, AppType: "regular_web", Callbacks: []string{"https://" + name + ".example.com/cb"},
			CredentialsSecretRef: &v1alpha1.LocalObjectReference{Name: name + "-auth0"}}}
		mutate(a)
		f.create(a)
		return a
	}

	owner := app(nsA, "checkout", func(*v1alpha1.Application) {})
	f.waitReady(owner)
	id := owner.Status.ID
	callbacks := strs(f.simObject("clients", id)["callbacks"])
	writes := f.writes()

	byID := app(nsB, "by-id", func(a *v1alpha1.Application) {
		a.Spec.ExternalID, a.Spec.DeletionPolicy = id, v1alpha1.DeletionDelete
		a.Spec.Callbacks = []string{"https://evil.example.com/cb"}
	})
	byNameApp := app(nsB, "by-name", func(a *v1alpha1.Application) {
		a.Spec.Name, a.Spec.ManagementPolicy = "checkout", v1alpha1.ManagementObserveOnly
	})
	for _, a := range []*v1alpha1.Application{byID, byNameApp} {
		c := f.waitCondition(a, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
		if strings.Contains(c.Message, nsA) {
			t.Errorf("%s: the refusal names the owner's namespace: %q", a.Name, c.Message)
		}
		if a == byNameApp && strings.Contains(c.Message, id) {
			t.Errorf("the refusal names an ID namespace B did not give: %q", c.Message)
		}
		if err := env.Client.Get(f.ctx, client.ObjectKey{Namespace: nsB, Name: a.Name + "-auth0"}, &corev1.Secret{}); err == nil {
			t.Errorf("%s: A's credentials reached namespace B", a.Name)
		}
	}
	f.delete(byID)
	f.waitGone(byID)
	if got := strs(f.simObject("clients", id)["callbacks"]); strings.Join(got, ",") != strings.Join(callbacks, ",") || f.writes() != writes {
		t.Fatalf("B changed A's client: callbacks %v, %d writes", got, f.writes()-writes)
	}

	// Namespace C: its own Application yes; adoption and tenant-wide kinds no.
	own := app(nsC, "reports", func(*v1alpha1.Application) {})
	f.waitReady(own)
	adopting := app(nsC, "adopting", func(a *v1alpha1.Application) { a.Spec.ExternalID = id })
	c := f.waitCondition(adopting, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonTenantNotAllowed)
	if !strings.Contains(c.Message, "adopt") {
		t.Errorf("message %q", c.Message)
	}
	ts := &v1alpha1.TenantSettings{ObjectMeta: metav1.ObjectMeta{Name: "settings", Namespace: nsC}, Spec: v1alpha1.TenantSettingsSpec{
		ManagedSpec: ref, FriendlyName: "taken over"}}
	f.create(ts)
	f.waitCondition(ts, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonTenantNotAllowed)
	if f.simObject("clients", id) == nil {
		t.Fatal("A's client is gone")
	}
}
