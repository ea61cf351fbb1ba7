package controllers_test

// Integration tests: a real API server (envtest), the operator's manager exactly as the binary
// builds it (controllers.NewManager), and one Auth0 simulator per test behind a Tenant of its
// own, so that tests run side by side like the tenants of one operator.

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

var env *testenv.Env

func TestMain(m *testing.M) {
	testenv.MainWithOperator(m, &env, filepath.Join(testenv.Root(), "test", "crds"))
}

const wait = 60 * time.Second

// fixture is one test's namespace, simulator and Tenant.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	ns     string
	sim    *auth0sim.Server
	tenant string
}

type fixtureOptions struct {
	DriftInterval time.Duration // default one hour: no periodic observation unless a test wants it
	Sim           auth0sim.Options
	NSLabels      map[string]string
}

func newFixture(t *testing.T, o fixtureOptions) *fixture {
	t.Helper()
	if o.DriftInterval == 0 {
		o.DriftInterval = time.Hour
	}
	o.Sim.TLS = true
	if o.Sim.Profile == "" && o.Sim.RateLimit == nil {
		o.Sim.Profile = auth0sim.ProfileUnlimited
	}
	f := &fixture{t: t, ctx: testenv.Ctx(t), ns: env.Namespace(t, o.NSLabels), sim: auth0sim.NewServer(t, o.Sim), tenant: "auth0"}
	f.create(&corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: "auth0-credentials", Namespace: f.ns},
		StringData: map[string]string{"clientID": f.sim.ClientID(), "clientSecret": f.sim.ClientSecret()},
	})
	rps := resource.MustParse("100")
	f.create(&v1alpha1.Tenant{
		ObjectMeta: metav1.ObjectMeta{Name: f.tenant, Namespace: f.ns},
		Spec:       f.tenantSpec(&rps, o.DriftInterval),
	})
	f.waitTenantReady(f.tenant)
	return f
}

func (f *fixture) tenantSpec(rps *resource.Quantity, drift time.Duration) v1alpha1.TenantSpec {
	return v1alpha1.TenantSpec{
		Domain:        f.sim.Domain(),
		BaseURL:       f.sim.URL(),
		CABundle:      string(f.sim.CertPEM()),
		Credentials:   v1alpha1.TenantCredentials{SecretRef: v1alpha1.SecretReference{Name: "auth0-credentials"}},
		RateLimit:     v1alpha1.RateLimitSpec{RequestsPerSecond: rps, Burst: 100, BudgetShare: 100},
		DriftInterval: &metav1.Duration{Duration: drift},
	}
}

func (f *fixture) waitTenantReady(name string) {
	f.t.Helper()
	tn := &v1alpha1.Tenant{}
	f.eventually(func() (bool, string) {
		if err := env.Client.Get(f.ctx, client.ObjectKey{Namespace: f.ns, Name: name}, tn); err != nil {
			return false, err.Error()
		}
		c := meta.FindStatusCondition(tn.Status.Conditions, v1alpha1.ConditionReady)
		return c != nil && c.Status == metav1.ConditionTrue, fmt.Sprintf("tenant conditions: %+v", tn.Status.Conditions)
	})
}

// ref is the tenantRef every managed object of the fixture uses.
func (f *fixture) ref() v1alpha1.ManagedSpec {
	return v1alpha1.ManagedSpec{TenantRef: v1alpha1.TenantReference{Name: f.tenant}}
}

func (f *fixture) create(o client.Object) {
	f.t.Helper()
	if o.GetNamespace() == "" && o.GetObjectKind() != nil {
		if _, cluster := o.(*v1alpha1.ClusterTenant); !cluster {
			o.SetNamespace(f.ns)
		}
	}
	if err := env.Client.Create(f.ctx, o); err != nil {
		f.t.Fatalf("creating %T %s: %v", o, o.GetName(), err)
	}
}

func (f *fixture) get(o client.Object) {
	f.t.Helper()
	if err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), o); err != nil {
		f.t.Fatalf("reading %T %s: %v", o, o.GetName(), err)
	}
}

// update applies change to the latest version of o, retrying on conflicts.
func (f *fixture) update(o client.Object, change func()) {
	f.t.Helper()
	f.eventually(func() (bool, string) {
		if err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), o); err != nil {
			return false, err.Error()
		}
		change()
		if err := env.Client.Update(f.ctx, o); err != nil {
			return false, err.Error()
		}
		return true, ""
	})
}

// refusedUpdate applies change to the latest version of o and returns the API server's
// refusal (retrying on conflicts); it fails the test when the update is accepted.
func (f *fixture) refusedUpdate(o client.Object, change func()) error {
	f.t.Helper()
	for {
		if err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), o); err != nil {
			f.t.Fatal(err)
		}
		change()
		err := env.Client.Update(f.ctx, o)
		if err == nil {
			f.t.Fatalf("update of %s accepted", o.GetName())
		}
		if !apierrors.IsConflict(err) {
			return err
		}
	}
}

func (f *fixture) delete(o client.Object) {
	f.t.Helper()
	if err := env.Client.Delete(f.ctx, o); err != nil {
		f.t.Fatalf("deleting %T %s: %v", o, o.GetName(), err)
	}
}

// waitGone waits until o no longer exists in the API server (its finalizer has run).
func (f *fixture) waitGone(o client.Object) {
	f.t.Helper()
	f.eventually(func() (bool, string) {
		err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), o)
		return apierrors.IsNotFound(err), fmt.Sprintf("%s still exists (err %v)", o.GetName(), err)
	})
}

func (f *fixture) eventually(cond func() (bool, string)) {
	f.t.Helper()
	testenv.Eventually(f.t, wait, cond)
}

// managed is what the tests read of any managed object.
type managed interface {
	client.Object
	v1alpha1.ManagedObject
}

// waitCondition waits until o's condition typ has status s (and reason, when not empty).
func (f *fixture) waitCondition(o managed, typ string, s metav1.ConditionStatus, reason string) *metav1.Condition {
	f.t.Helper()
	var got *metav1.Condition
	f.eventually(func() (bool, string) {
		if err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), o); err != nil {
			return false, err.Error()
		}
		got = meta.FindStatusCondition(o.GetManagedStatus().Conditions, typ)
		ok := got != nil && got.Status == s && (reason == "" || got.Reason == reason)
		return ok, fmt.Sprintf("%s %s: want %s=%s/%s, conditions %+v", o.GetObjectKind().GroupVersionKind().Kind, o.GetName(), typ, s, reason, o.GetManagedStatus().Conditions)
	})
	return got
}

// waitReady waits until o is Ready and Synced for its current generation.
func (f *fixture) waitReady(o managed) {
	f.t.Helper()
	f.eventually(func() (bool, string) {
		if err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), o); err != nil {
			return false, err.Error()
		}
		st := o.GetManagedStatus()
		ok := meta.IsStatusConditionTrue(st.Conditions, v1alpha1.ConditionReady) &&
			meta.IsStatusConditionTrue(st.Conditions, v1alpha1.ConditionSynced) &&
			st.ObservedGeneration == o.GetGeneration()
		return ok, fmt.Sprintf("%s: generation %d, observed %d, conditions %+v", o.GetName(), o.GetGeneration(), st.ObservedGeneration, st.Conditions)
	})
}

// simObject reads an object from the simulator, failing the test when it is missing.
func (f *fixture) simObject(collection, id string) auth0sim.Object {
	f.t.Helper()
	o, ok := f.sim.Object(collection, id)
	if !ok {
		f.t.Fatalf("simulator has no %s %s", collection, id)
	}
	return o
}

// calls returns the simulator's call count for "METHOD /api/v2/route".
func (f *fixture) calls(route string) int { return f.sim.Stats().Calls[route] }

// writes sums the simulator's POST, PATCH, PUT and DELETE calls.
func (f *fixture) writes() int {
	n := 0
	for k, v := range f.sim.Stats().Calls {
		if strings.HasPrefix(k, "POST ") || strings.HasPrefix(k, "PATCH ") || strings.HasPrefix(k, "PUT ") || strings.HasPrefix(k, "DELETE ") {
			n += v
		}
	}
	return n
}

// waitEvent waits for an Event with reason about the object named name and returns its note.
func (f *fixture) waitEvent(name, reason string) string {
	f.t.Helper()
	note := ""
	f.eventually(func() (bool, string) {
		list := &eventsv1.EventList{}
		if err := env.Client.List(f.ctx, list, client.InNamespace(f.ns)); err != nil {
			return false, err.Error()
		}
		var seen []string
		for _, e := range list.Items {
			if e.Regarding.Name == name && e.Reason == reason {
				note = e.Note
				return true, ""
			}
			seen = append(seen, e.Regarding.Name+"/"+e.Reason)
		}
		return false, fmt.Sprintf("no %s event for %s; events: %v", reason, name, seen)
	})
	return note
}

// events returns every Event note in the fixture's namespace (for secret-leak checks).
func (f *fixture) events() []string {
	list := &eventsv1.EventList{}
	if err := env.Client.List(f.ctx, list, client.InNamespace(f.ns)); err != nil {
		f.t.Fatal(err)
	}
	var notes []string
	for _, e := range list.Items {
		notes = append(notes, e.Reason+": "+e.Note)
	}
	return notes
}

// kstatus computes the status Flux and kubectl wait would see.
func (f *fixture) kstatus(o client.Object) status.Status {
	f.t.Helper()
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind(kindOf(o)))
	if err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(o), u); err != nil {
		f.t.Fatal(err)
	}
	res, err := status.Compute(u)
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Status
}

func kindOf(o client.Object) string {
	gvks, _, err := env.Scheme.ObjectKinds(o)
	if err != nil || len(gvks) == 0 {
		panic(fmt.Sprintf("no kind for %T", o))
	}
	return gvks[0].Kind
}

func strs(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
	}
	slices.Sort(out)
	return out
}
