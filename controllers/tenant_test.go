package controllers_test

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

func TestTenantWrongCredentialsThenFixed(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const wrong = "not-the-secret-3f9c1a"
	f.create(&corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: "wrong", Namespace: f.ns},
		StringData: map[string]string{"clientID": f.sim.ClientID(), "clientSecret": wrong},
	})
	spec := f.tenantSpec(resource.NewQuantity(10, resource.DecimalSI), time.Hour)
	spec.Credentials.SecretRef.Name = "wrong"
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "wrong", Namespace: f.ns}, Spec: spec}
	f.create(tn)

	var ready *metav1.Condition
	f.eventually(func() (bool, string) {
		f.get(tn)
		ready = meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionReady)
		return ready != nil && ready.Status == metav1.ConditionFalse, "waiting for Ready=False"
	})
	if ready.Reason != v1alpha1.ReasonCredentialsError {
		t.Errorf("reason = %s, want %s (message %q)", ready.Reason, v1alpha1.ReasonCredentialsError, ready.Message)
	}
	if !strings.Contains(ready.Message, "401") && !strings.Contains(strings.ToLower(ready.Message), "unauthorized") &&
		!strings.Contains(strings.ToLower(ready.Message), "credentials") {
		t.Errorf("message does not say what is wrong: %q", ready.Message)
	}
	for _, s := range append([]string{ready.Message}, f.events()...) {
		if strings.Contains(s, wrong) || strings.Contains(s, f.sim.ClientSecret()) {
			t.Fatalf("a secret value leaked: %q", s)
		}
	}

	// Fixing the Secret rebuilds the tenant's client and the Tenant becomes Ready by itself.
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "wrong", Namespace: f.ns}}
	f.update(sec, func() {
		sec.Data = map[string][]byte{"clientID": []byte(f.sim.ClientID()), "clientSecret": []byte(f.sim.ClientSecret())}
	})
	f.waitTenantReady("wrong")
}

func TestTenantMissingSecret(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	spec := f.tenantSpec(nil, time.Hour)
	spec.Credentials.SecretRef.Name = "absent"
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "nosecret", Namespace: f.ns}, Spec: spec}
	f.create(tn)
	f.eventually(func() (bool, string) {
		f.get(tn)
		c := meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionReady)
		return c != nil && c.Status == metav1.ConditionFalse && strings.Contains(c.Message, "absent"),
			"want Ready=False naming the missing Secret"
	})
	// The Secret appearing later is enough.
	f.create(&corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: "absent", Namespace: f.ns},
		StringData: map[string]string{"clientID": f.sim.ClientID(), "clientSecret": f.sim.ClientSecret()},
	})
	f.waitTenantReady("nosecret")
}

func TestTenantStatusShowsBudgetAndCalls(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "budget", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "spa"}}
	f.create(app)
	f.waitReady(app)
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: f.tenant, Namespace: f.ns}}
	f.eventually(func() (bool, string) {
		f.get(tn)
		st := tn.Status
		return st.Calls >= 2 && st.TokenFetches >= 1 && st.RateLimit != nil && st.RateLimit.Limit > 0,
			"want calls, token fetches and the budget in status"
	})
}

// A ClusterTenant refuses objects in namespaces outside allowedNamespaces, and accepts them as
// soon as the namespace's labels match.
func TestClusterTenantAllowedNamespaces(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ctName := f.ns + "-shared"
	ct := &v1alpha1.ClusterTenant{
		ObjectMeta: metav1.ObjectMeta{Name: ctName},
		Spec: v1alpha1.ClusterTenantSpec{
			TenantSpec:        f.tenantSpec(nil, time.Hour),
			AllowedNamespaces: &metav1.LabelSelector{MatchLabels: map[string]string{"auth0/" + "allowed": "yes"}},
		},
	}
	ct.Spec.Credentials.SecretRef.Namespace = f.ns
	if err := env.Client.Create(f.ctx, ct); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.Client.Delete(f.ctx, ct) })

	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "outside", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: v1alpha1.ManagedSpec{
			TenantRef: v1alpha1.TenantReference{Kind: "ClusterTenant", Name: ctName}}, AppType: "spa"}}
	f.create(app)
	c := f.waitCondition(app, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonTenantNotAllowed)
	if !strings.Contains(c.Message, f.ns) {
		t.Errorf("message should name the namespace: %q", c.Message)
	}
	if n := f.calls("POST /api/v2/clients"); n != 0 {
		t.Fatalf("%d creates for a refused object", n)
	}

	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: f.ns}}
	f.update(ns, func() { ns.Labels["auth0/allowed"] = "yes" })
	f.waitReady(app)
	testenv.Eventually(t, wait, func() (bool, string) {
		return f.calls("POST /api/v2/clients") == 1, "want exactly one create"
	})
}
