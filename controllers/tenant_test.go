package controllers_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	authenticationv1 "k8s.io/api/authentication/v1"
	rbacv1 "k8s.io/api/rbac/v1"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/controllers"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
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
	// Rejected credentials need a human: Stalled, which GitOps tools report as Failed at once.
	if c := meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionStalled); c == nil || c.Status != metav1.ConditionTrue ||
		c.Reason != v1alpha1.ReasonCredentialsError {
		t.Errorf("Stalled = %+v, want True/%s", c, v1alpha1.ReasonCredentialsError)
	}
	if st := f.kstatus(tn); st != status.FailedStatus {
		t.Errorf("kstatus = %s, want %s", st, status.FailedStatus)
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
	f.get(tn)
	if c := meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionStalled); c != nil && c.Status == metav1.ConditionTrue {
		t.Errorf("still Stalled once connected: %+v", c)
	}
	if st := f.kstatus(tn); st != status.CurrentStatus {
		t.Errorf("kstatus = %s, want %s", st, status.CurrentStatus)
	}
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
			// Explicit: this namespace may manage every kind (the default grant is narrower).
			NamespacePolicies: []v1alpha1.NamespacePolicy{{Namespaces: &metav1.LabelSelector{},
				Kinds: []v1alpha1.ManagedKindName{"*"}, AllowAdoption: true, AllowTenantWide: true}},
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

// What a ClusterTenant may say is checked when it is applied: allowedNamespaces must be explicit,
// kinds are the managed kinds' names, and every tenant's baseURL is https.
func TestTenantSchemaRefusesUnsafeSpecs(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	base := func() *v1alpha1.ClusterTenant {
		ct := &v1alpha1.ClusterTenant{ObjectMeta: metav1.ObjectMeta{Name: f.ns + "-refused"},
			Spec: v1alpha1.ClusterTenantSpec{TenantSpec: f.tenantSpec(nil, time.Hour), AllowedNamespaces: &metav1.LabelSelector{}}}
		ct.Spec.Credentials.SecretRef.Namespace = f.ns
		return ct
	}
	for _, tc := range []struct {
		name   string
		change func(ct *v1alpha1.ClusterTenant)
		want   string // in the API server's refusal
	}{
		{"no allowedNamespaces", func(ct *v1alpha1.ClusterTenant) { ct.Spec.AllowedNamespaces = nil }, "allowedNamespaces"},
		{"a misspelled kind", func(ct *v1alpha1.ClusterTenant) {
			ct.Spec.NamespacePolicies = []v1alpha1.NamespacePolicy{{Namespaces: &metav1.LabelSelector{}, Kinds: []v1alpha1.ManagedKindName{"Applications"}}}
		}, `Unsupported value: "Applications"`},
		{"a star with other kinds", func(ct *v1alpha1.ClusterTenant) {
			ct.Spec.NamespacePolicies = []v1alpha1.NamespacePolicy{{Namespaces: &metav1.LabelSelector{}, Kinds: []v1alpha1.ManagedKindName{"*", "Role"}}}
		}, "list it alone"},
		{"a policy without a selector", func(ct *v1alpha1.ClusterTenant) {
			ct.Spec.NamespacePolicies = []v1alpha1.NamespacePolicy{{Kinds: []v1alpha1.ManagedKindName{"Role"}}}
		}, "namespaces"},
		{"an http baseURL", func(ct *v1alpha1.ClusterTenant) { ct.Spec.BaseURL = "http://auth0.internal.example" }, "baseURL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := base()
			tc.change(ct)
			err := env.Client.Create(f.ctx, ct)
			if err == nil {
				_ = env.Client.Delete(f.ctx, ct)
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("refusal %q does not mention %q", err, tc.want)
			}
		})
	}
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "plain", Namespace: f.ns}, Spec: f.tenantSpec(nil, time.Hour)}
	tn.Spec.BaseURL = strings.Replace(tn.Spec.BaseURL, "https://", "http://", 1)
	if err := env.Client.Create(f.ctx, tn); err == nil || !strings.Contains(err.Error(), "baseURL") {
		t.Errorf("a Tenant with an http baseURL: %v, want a refusal naming baseURL", err)
	}
}

// A credential revoked in Auth0 while the Tenant is connected: the first managed object whose
// call Auth0 refuses makes the Tenant check its connection again, and it reports Stalled/
// CredentialsError instead of staying Connected. Fixing the Secret reconnects it, and the
// tenant's counters carry over to the rebuilt client.
func TestTenantNoticesRevokedCredentials(t *testing.T) {
	clock := auth0sim.NewFakeClock(time.Now())
	f := newFixture(t, fixtureOptions{Sim: auth0sim.Options{Clock: clock}})
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "spa"}}
	f.create(app)
	f.waitReady(app)
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: f.tenant, Namespace: f.ns}}
	f.get(tn)
	before := tn.Status

	// The operator's secret is rotated in the dashboard, and the token it holds expires.
	const rotated = "rotated-in-the-dashboard-7d1e"
	if _, ok := f.sim.PatchObject("clients", f.sim.ClientID(), auth0sim.Object{"client_secret": rotated}); !ok {
		t.Fatal("no operator client in the simulator")
	}
	clock.Advance(48 * time.Hour)
	f.update(app, func() { app.Spec.Description = "after the rotation" })

	var ready *metav1.Condition
	f.eventually(func() (bool, string) {
		f.get(tn)
		ready = meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionReady)
		stalled := meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionStalled)
		return ready != nil && ready.Status == metav1.ConditionFalse && ready.Reason == v1alpha1.ReasonCredentialsError &&
				stalled != nil && stalled.Status == metav1.ConditionTrue,
			fmt.Sprintf("want Ready=False/CredentialsError and Stalled=True; conditions %+v", tn.Status.Conditions)
	})
	for _, s := range append([]string{ready.Message}, f.events()...) {
		if strings.Contains(s, rotated) || strings.Contains(s, f.sim.ClientSecret()) {
			t.Fatalf("a secret value leaked: %q", s)
		}
	}

	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "auth0-credentials", Namespace: f.ns}}
	f.update(sec, func() {
		sec.Data = map[string][]byte{"clientID": []byte(f.sim.ClientID()), "clientSecret": []byte(rotated)}
	})
	f.waitTenantReady(f.tenant)
	f.get(tn)
	after := tn.Status
	// One token before, one refused, one after the fix: the rebuilt client counts on.
	if after.TokenFetches < before.TokenFetches+2 || after.Calls <= before.Calls {
		t.Errorf("counters after the credentials changed: calls %d -> %d, token fetches %d -> %d; want both to carry over and grow",
			before.Calls, after.Calls, before.TokenFetches, after.TokenFetches)
	}
	f.waitReady(app)
}

// One tenant cannot starve another: with tenant A's tiny budget saturated by many objects, a
// change to an object of tenant B is applied within seconds.
func TestSaturatedTenantDoesNotDelayAnother(t *testing.T) {
	a := newFixture(t, fixtureOptions{})
	b := newFixture(t, fixtureOptions{})
	slow := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "slow", Namespace: a.ns}, Spec: a.tenantSpec(resource.NewMilliQuantity(100, resource.DecimalSI), time.Hour)}
	slow.Spec.RateLimit.Burst = 1
	a.create(slow)
	a.waitTenantReady("slow")
	const many = 24
	var apps []*v1alpha1.Application
	for i := range many {
		app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("a-%02d", i), Namespace: a.ns},
			Spec: v1alpha1.ApplicationSpec{ManagedSpec: v1alpha1.ManagedSpec{TenantRef: v1alpha1.TenantReference{Name: "slow"}}, AppType: "spa"}}
		a.create(app)
		apps = append(apps, app)
	}
	// A is saturated: it has spent its budget and most of its objects wait for more.
	a.eventually(func() (bool, string) {
		waiting := 0
		for _, app := range apps {
			if err := env.Client.Get(a.ctx, client.ObjectKeyFromObject(app), app); err != nil {
				return false, err.Error()
			}
			if !meta.IsStatusConditionTrue(app.Status.Conditions, v1alpha1.ConditionReady) {
				waiting++
			}
		}
		sent := 0 // calls for A's objects, not the tenants' pings
		for route, n := range a.sim.Stats().Calls {
			if route != "GET /api/v2/tenants/settings" {
				sent += n
			}
		}
		return sent >= 1 && waiting >= many/2, fmt.Sprintf("tenant A: %d calls sent for its objects, %d of %d objects not Ready", sent, waiting, many)
	})

	start := time.Now()
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "b", Namespace: b.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: b.ref(), AppType: "spa"}}
	b.create(app)
	testenv.Eventually(t, 10*time.Second, func() (bool, string) {
		if err := env.Client.Get(b.ctx, client.ObjectKeyFromObject(app), app); err != nil {
			return false, err.Error()
		}
		return meta.IsStatusConditionTrue(app.Status.Conditions, v1alpha1.ConditionReady),
			fmt.Sprintf("tenant B's object after %s: %+v", time.Since(start).Round(time.Millisecond), app.Status.Conditions)
	})
	t.Logf("tenant B's object was Ready %s after its creation, with tenant A saturated", time.Since(start).Round(time.Millisecond))
}

// The manager built with MetricsSecure (what the chart runs) serves /metrics only to callers the
// API server authenticates and authorises: nobody without a token, not a ServiceAccount without
// `get /metrics`, and a ServiceAccount bound to it.
func TestSecureMetricsNeedAuthorisedCallers(t *testing.T) {
	ctx := testenv.Ctx(t)
	ns := env.Namespace(t, nil) // the second manager watches only this empty namespace
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	mgr, err := controllers.NewManager(env.Config, controllers.Options{
		MetricsAddr: addr, MetricsSecure: true, ProbeAddr: "0", Namespaces: []string{ns},
		Registry: prometheus.NewRegistry(), SkipNameValidation: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	mctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- mgr.Start(mctx) }()
	t.Cleanup(func() { cancel(); <-done })

	token := func(sa string) string {
		t.Helper()
		acct := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: sa, Namespace: ns}}
		if err := env.Client.Create(ctx, acct); err != nil {
			t.Fatal(err)
		}
		tr := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: ptrInt64(600)}}
		if err := env.Client.SubResource("token").Create(ctx, acct, tr); err != nil {
			t.Fatal(err)
		}
		return tr.Status.Token
	}
	reader, stranger := token("scraper"), token("stranger")
	cr := &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: ns + "-metrics-reader"},
		Rules: []rbacv1.PolicyRule{{NonResourceURLs: []string{"/metrics"}, Verbs: []string{"get"}}}}
	crb := &rbacv1.ClusterRoleBinding{ObjectMeta: metav1.ObjectMeta{Name: ns + "-metrics-reader"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: cr.Name},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: "scraper", Namespace: ns}}}
	for _, o := range []client.Object{cr, crb} {
		if err := env.Client.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = env.Client.Delete(context.Background(), o) })
	}

	// The serving certificate is self-signed, as in the chart: the test trusts it blindly, the
	// way the chart's ServiceMonitor does.
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} //nolint:gosec
	get := func(bearer string) (int, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+addr+"/metrics", nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := hc.Do(req)
		if err != nil {
			return 0, err
		}
		_ = resp.Body.Close()
		return resp.StatusCode, nil
	}
	for _, tc := range []struct {
		who, token string
		want       int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"a ServiceAccount without get /metrics", stranger, http.StatusForbidden},
		{"a ServiceAccount bound to get /metrics", reader, http.StatusOK},
	} {
		// RBAC caches in the API server settle within moments of the binding; wait for the answer.
		testenv.Eventually(t, wait, func() (bool, string) {
			code, err := get(tc.token)
			if err != nil {
				return false, err.Error()
			}
			return code == tc.want, fmt.Sprintf("%s: HTTP %d, want %d", tc.who, code, tc.want)
		})
	}
}

func ptrInt64(v int64) *int64 { return &v }
