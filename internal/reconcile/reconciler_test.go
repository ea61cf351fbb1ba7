package reconcile_test

import (
	"context"
	"errors"
	"fmt"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	kstatus "sigs.k8s.io/cli-utils/pkg/kstatus/status"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

var env *testenv.Env

func TestMain(m *testing.M) { testenv.Main(m, &env) }

// fakeAuth0 is an External whose Auth0 is a map, with knobs to inject what Auth0 can do.
type fakeAuth0 struct {
	mu      sync.Mutex
	objects map[string]string // id -> name
	drift   map[string][]string
	changed map[string][]string // fields of drift caused by a changed input (Observation.Changed)
	next    int
	calls   map[string]int
	fail    map[string]error // method -> error returned once
	// also adds to each observation (actions, events, outputs).
	also func(*reconcile.Observation)
	// deadline is the deadline of the last Observe's context.
	deadline time.Time
}

func newFake() *fakeAuth0 {
	return &fakeAuth0{objects: map[string]string{}, drift: map[string][]string{}, changed: map[string][]string{}, calls: map[string]int{}, fail: map[string]error{}}
}

func (f *fakeAuth0) call(method string) error {
	f.calls[method]++
	if err, ok := f.fail[method]; ok {
		delete(f.fail, method)
		return err
	}
	return nil
}

func (f *fakeAuth0) Observe(ctx context.Context, _ *auth0.Client, obj *v1alpha1.Application, id string) (reconcile.Observation, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deadline, _ = ctx.Deadline()
	if err := f.call("Observe"); err != nil {
		return reconcile.Observation{}, err
	}
	if _, ok := f.objects[id]; !ok {
		return reconcile.Observation{}, nil
	}
	obs := reconcile.Observation{Exists: true, UpToDate: len(f.drift[id]) == 0, Diff: f.drift[id], Changed: f.changed[id]}
	if obj.Spec.CredentialsSecretRef != nil {
		obs.Connection = map[string][]byte{"clientID": []byte(id)}
	}
	if f.also != nil {
		f.also(&obs)
	}
	return obs, nil
}

func (f *fakeAuth0) Find(_ context.Context, _ *auth0.Client, obj *v1alpha1.Application) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Find"); err != nil {
		return "", err
	}
	for id, name := range f.objects {
		if name == auth0Name(obj) {
			return id, nil
		}
	}
	return "", nil
}

// auth0Name is the name the Application gives its client.
func auth0Name(obj *v1alpha1.Application) string {
	if obj.Spec.Name != "" {
		return obj.Spec.Name
	}
	return obj.Name
}

func (f *fakeAuth0) Create(_ context.Context, _ *auth0.Client, obj *v1alpha1.Application) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Create"); err != nil {
		return "", err
	}
	f.next++
	id := fmt.Sprintf("client%03d", f.next)
	f.objects[id] = auth0Name(obj)
	return id, nil
}

func (f *fakeAuth0) Update(_ context.Context, _ *auth0.Client, _ *v1alpha1.Application, id string, _ reconcile.Observation) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Update"); err != nil {
		return err
	}
	delete(f.drift, id)
	delete(f.changed, id)
	return nil
}

func (f *fakeAuth0) Delete(_ context.Context, _ *auth0.Client, _ *v1alpha1.Application, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Delete"); err != nil {
		return err
	}
	delete(f.objects, id)
	return nil
}

// dashboardEdit makes id differ from the spec in fields, as a person in the dashboard would.
func (f *fakeAuth0) dashboardEdit(id string, fields ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drift[id] = fields
}

func (f *fakeAuth0) dashboardDelete(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.objects, id)
}

func (f *fakeAuth0) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

type recordedEvent struct{ Type, Reason, Note string }

type events struct {
	mu   sync.Mutex
	list []recordedEvent
}

func (e *events) Eventf(_ runtime.Object, _ runtime.Object, typ, reason, _ string, note string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, recordedEvent{typ, reason, fmt.Sprintf(note, args...)})
}

func (e *events) reasons() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, ev := range e.list {
		out = append(out, ev.Reason)
	}
	return out
}

// harness is one test's namespace, tenant, fake Auth0 and reconciler, driven by direct
// Reconcile calls so that every step is deterministic.
type harness struct {
	t      *testing.T
	ctx    context.Context
	ns     string
	fake   *fakeAuth0
	events *events
	r      *reconcile.Reconciler[*v1alpha1.Application]
	now    time.Time
}

func newHarness(t *testing.T, kube client.Client) *harness {
	t.Helper()
	ctx := testenv.Ctx(t)
	ns := env.Namespace(t, nil)
	h := &harness{t: t, ctx: ctx, ns: ns, fake: newFake(), events: &events{}, now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	if kube == nil {
		kube = env.Client
	}
	h.mustCreate(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "creds", Namespace: ns},
		StringData: map[string]string{"clientID": "id", "clientSecret": "s3cr3t-value"}})
	h.readyTenant(ns, "main")
	h.r = &reconcile.Reconciler[*v1alpha1.Application]{
		Kind: "Application", New: func() *v1alpha1.Application { return &v1alpha1.Application{} }, External: h.fake,
		NewList: func() client.ObjectList { return &v1alpha1.ApplicationList{} },
		Kube:    kube, APIReader: env.Client, Events: h.events, Now: func() time.Time { return h.now },
		Tenants: &reconcile.Tenants{Kube: env.Client, Secrets: env.Client, Pool: auth0.NewPool(prometheus.NewRegistry())},
	}
	return h
}

func (h *harness) mustCreate(o client.Object) {
	h.t.Helper()
	if err := env.Client.Create(h.ctx, o); err != nil {
		h.t.Fatalf("creating %T: %v", o, err)
	}
}

// readyTenant creates a Tenant and marks it Ready, as its own controller would.
func (h *harness) readyTenant(ns, name string) {
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns}, Spec: v1alpha1.TenantSpec{
		Domain: "acme.example.com", Credentials: v1alpha1.TenantCredentials{SecretRef: v1alpha1.SecretReference{Name: "creds"}}}}
	h.mustCreate(tn)
	tn.Status.Conditions = []metav1.Condition{{Type: "Ready", Status: metav1.ConditionTrue, Reason: "Connected", LastTransitionTime: metav1.Now()}}
	if err := env.Client.Status().Update(h.ctx, tn); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) app(name string, mutate ...func(*v1alpha1.Application)) *v1alpha1.Application {
	a := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: h.ns}, Spec: v1alpha1.ApplicationSpec{
		ManagedSpec: v1alpha1.ManagedSpec{TenantRef: v1alpha1.TenantReference{Name: "main"}}, AppType: "spa"}}
	for _, m := range mutate {
		m(a)
	}
	h.mustCreate(a)
	return a
}

func (h *harness) reconcile(name string) (ctrl.Result, error) {
	return h.r.Reconcile(h.ctx, ctrl.Request{NamespacedName: types.NamespacedName{Namespace: h.ns, Name: name}})
}

func (h *harness) mustReconcile(name string) ctrl.Result {
	h.t.Helper()
	res, err := h.reconcile(name)
	if err != nil {
		h.t.Fatalf("reconcile %s: %v", name, err)
	}
	return res
}

func (h *harness) get(name string) *v1alpha1.Application {
	h.t.Helper()
	a := &v1alpha1.Application{}
	if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: name}, a); err != nil {
		h.t.Fatalf("get %s: %v", name, err)
	}
	return a
}

// conds summarises the three conditions as "status/reason".
func conds(a *v1alpha1.Application) map[string]string {
	out := map[string]string{}
	for _, c := range a.Status.Conditions {
		out[c.Type] = string(c.Status) + "/" + c.Reason
	}
	return out
}

func want(ready, synced, stalled string) map[string]string {
	return map[string]string{"Ready": ready, "Synced": synced, "Stalled": stalled}
}

func (h *harness) expectConds(name string, w map[string]string) *v1alpha1.Application {
	h.t.Helper()
	a := h.get(name)
	if d := cmp.Diff(w, conds(a)); d != "" {
		h.t.Fatalf("conditions of %s (-want +got):\n%s\nfull: %+v", name, d, a.Status.Conditions)
	}
	return a
}

func TestCreateThenNoWriteWhileUnchanged(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web")
	res := h.mustReconcile("web")
	a := h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if a.Status.ID != "client001" || a.Status.ObservedGeneration != a.Generation {
		t.Fatalf("status: id %q observedGeneration %d generation %d", a.Status.ID, a.Status.ObservedGeneration, a.Generation)
	}
	if !controllerutil.ContainsFinalizer(a, reconcile.Finalizer) {
		t.Fatal("no finalizer")
	}
	if _, pending := a.Annotations[reconcile.AnnotationCreatePending]; pending {
		t.Fatal("create-pending annotation left behind")
	}
	if res.RequeueAfter < 10*time.Minute || res.RequeueAfter > 11*time.Minute {
		t.Fatalf("requeue after %s, want the drift interval (10m) plus at most 10%% jitter", res.RequeueAfter)
	}
	for range 3 {
		h.mustReconcile("web")
	}
	got := map[string]int{"Create": h.fake.count("Create"), "Update": h.fake.count("Update"), "Delete": h.fake.count("Delete")}
	if d := cmp.Diff(map[string]int{"Create": 1, "Update": 0, "Delete": 0}, got); d != "" {
		t.Fatalf("writes (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"Created"}, h.events.reasons()); d != "" {
		t.Fatalf("events (-want +got):\n%s", d)
	}
}

func TestSpecChangeIsAnUpdateNotDrift(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web")
	h.mustReconcile("web")
	a := h.get("web")
	a.Spec.Callbacks = []string{"https://new.example.com/cb"}
	if err := env.Client.Update(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	h.fake.dashboardEdit("client001", "callbacks") // what the new spec makes differ
	h.mustReconcile("web")
	a = h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if a.Status.Drift != nil {
		t.Fatalf("a spec change was reported as drift: %+v", a.Status.Drift)
	}
	if d := cmp.Diff([]string{"Created", "Updated"}, h.events.reasons()); d != "" {
		t.Fatalf("events (-want +got):\n%s", d)
	}
}

func TestInputChangeIsAnUpdateNotDrift(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web")
	h.mustReconcile("web")
	// A referenced ConfigMap or Secret changed: Auth0 holds what was last written.
	h.fake.dashboardEdit("client001", "body")
	h.fake.changed["client001"] = []string{"body"}
	h.mustReconcile("web")
	a := h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if a.Status.Drift != nil {
		t.Fatalf("an input change was reported as drift: %+v", a.Status.Drift)
	}
	// With a dashboard edit at the same time, only the edited field is drift.
	h.fake.dashboardEdit("client001", "body", "callbacks")
	h.fake.changed["client001"] = []string{"body"}
	h.mustReconcile("web")
	a = h.expectConds("web", want("True/Available", "False/DriftDetected", "False/NotStalled"))
	if a.Status.Drift == nil || !cmp.Equal(a.Status.Drift.Fields, []string{"callbacks"}) {
		t.Fatalf("drift status %+v", a.Status.Drift)
	}
	if d := cmp.Diff([]string{"Created", "Updated", "DriftDetected", "DriftCorrected"}, h.events.reasons()); d != "" {
		t.Fatalf("events (-want +got):\n%s", d)
	}
	if h.fake.count("Update") != 2 {
		t.Fatalf("updates: %d, want 2", h.fake.count("Update"))
	}
}

func TestDriftIsCorrectedUnderManage(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web")
	h.mustReconcile("web")
	h.fake.dashboardEdit("client001", "callbacks", "web_origins")
	h.mustReconcile("web")
	a := h.expectConds("web", want("True/Available", "False/DriftDetected", "False/NotStalled"))
	synced := testenv.Condition(a.Status.Conditions, "Synced")
	if synced.Message != "callbacks, web_origins changed outside Kubernetes; corrected" {
		t.Fatalf("Synced message %q", synced.Message)
	}
	if a.Status.Drift == nil || !cmp.Equal(a.Status.Drift.Fields, []string{"callbacks", "web_origins"}) || !a.Status.Drift.Corrected {
		t.Fatalf("drift status %+v", a.Status.Drift)
	}
	if h.fake.count("Update") != 1 {
		t.Fatalf("updates: %d, want 1", h.fake.count("Update"))
	}
	// The next observation finds Auth0 as the spec says again.
	h.mustReconcile("web")
	h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if d := cmp.Diff([]string{"Created", "DriftDetected", "DriftCorrected"}, h.events.reasons()); d != "" {
		t.Fatalf("events (-want +got):\n%s", d)
	}
}

func TestDriftIsOnlyReportedUnderObserveOnly(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.objects["existing1"] = "web"
	h.app("web", func(a *v1alpha1.Application) {
		a.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
		a.Spec.ExternalID = "existing1"
	})
	h.mustReconcile("web")
	h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	h.fake.dashboardEdit("existing1", "callbacks")
	for range 3 {
		h.mustReconcile("web")
	}
	a := h.expectConds("web", want("True/Available", "False/DriftDetected", "False/NotStalled"))
	if msg := testenv.Condition(a.Status.Conditions, "Synced").Message; msg != "callbacks changed outside Kubernetes (ObserveOnly: not corrected)" {
		t.Fatalf("Synced message %q", msg)
	}
	if n := h.fake.count("Update") + h.fake.count("Create"); n != 0 {
		t.Fatalf("ObserveOnly wrote %d times", n)
	}
	if d := cmp.Diff([]string{"DriftDetected"}, h.events.reasons()); d != "" {
		t.Fatalf("one Event per drift episode (-want +got):\n%s", d)
	}
}

func TestExistingNameIsNotAdoptedOrDuplicated(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.objects["theirs1"] = "web"
	h.app("web")
	res := h.mustReconcile("web")
	a := h.expectConds("web", want("False/AlreadyExists", "False/AlreadyExists", "True/AlreadyExists"))
	if res.RequeueAfter != 0 {
		t.Fatalf("a stalled object is requeued after %s; it should wait for a spec change", res.RequeueAfter)
	}
	if msg := testenv.Condition(a.Status.Conditions, "Stalled").Message; msg == "" || h.fake.count("Create") != 0 {
		t.Fatalf("message %q, creates %d", msg, h.fake.count("Create"))
	}
	// The user opts in to adoption.
	a.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName
	if err := env.Client.Update(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("web")
	a = h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if a.Status.ID != "theirs1" || h.fake.count("Create") != 0 {
		t.Fatalf("id %q creates %d", a.Status.ID, h.fake.count("Create"))
	}
}

func TestExternalIDThatDoesNotExistStalls(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web", func(a *v1alpha1.Application) { a.Spec.ExternalID = "nope" })
	h.mustReconcile("web")
	h.expectConds("web", want("False/NotFound", "False/NotFound", "True/NotFound"))
	if h.fake.count("Create") != 0 {
		t.Fatal("created an object for a missing externalID")
	}
}

func TestOutOfBandDeletion(t *testing.T) {
	for _, tc := range []struct {
		name    string
		policy  v1alpha1.ManagementPolicy
		creates int
		conds   map[string]string
	}{
		{"Manage recreates", v1alpha1.ManagementManage, 2, want("True/Available", "True/UpToDate", "False/NotStalled")},
		{"ObserveOnly reports", v1alpha1.ManagementObserveOnly, 1, want("False/NotFound", "False/NotFound", "False/NotStalled")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.app("web")
			h.mustReconcile("web")
			a := h.get("web")
			a.Spec.ManagementPolicy = tc.policy
			if err := env.Client.Update(h.ctx, a); err != nil {
				t.Fatal(err)
			}
			h.mustReconcile("web")
			h.fake.dashboardDelete("client001")
			h.mustReconcile("web")
			h.expectConds("web", tc.conds)
			if h.fake.count("Create") != tc.creates {
				t.Fatalf("creates %d, want %d", h.fake.count("Create"), tc.creates)
			}
			if rs := h.events.reasons(); !contains(rs, "DeletedOutsideKubernetes") {
				t.Fatalf("no DeletedOutsideKubernetes event: %v", rs)
			}
		})
	}
}

func TestDeletionPolicies(t *testing.T) {
	for _, tc := range []struct {
		policy  v1alpha1.DeletionPolicy
		deletes int
		left    int
	}{
		{v1alpha1.DeletionDelete, 1, 0},
		{v1alpha1.DeletionOrphan, 0, 1},
	} {
		t.Run(string(tc.policy), func(t *testing.T) {
			h := newHarness(t, nil)
			h.app("web", func(a *v1alpha1.Application) { a.Spec.DeletionPolicy = tc.policy })
			h.mustReconcile("web")
			if err := env.Client.Delete(h.ctx, h.get("web")); err != nil {
				t.Fatal(err)
			}
			h.mustReconcile("web")
			a := &v1alpha1.Application{}
			if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: "web"}, a); err == nil {
				t.Fatalf("object still there with finalizers %v", a.Finalizers)
			}
			if h.fake.count("Delete") != tc.deletes || len(h.fake.objects) != tc.left {
				t.Fatalf("deletes %d (want %d), objects left %d (want %d)", h.fake.count("Delete"), tc.deletes, len(h.fake.objects), tc.left)
			}
		})
	}
}

// A crash after Auth0 created the object and before its ID was saved must not create it twice.
func TestInterruptedCreateCreatesNoDuplicate(t *testing.T) {
	var failNext sync.Once
	crash := errors.New("injected: the operator died before saving the ID")
	kube := interceptor.NewClient(env.Client, interceptor.Funcs{
		SubResourcePatch: func(ctx context.Context, c client.Client, sub string, obj client.Object, patch client.Patch, opts ...client.SubResourcePatchOption) error {
			var err error
			failNext.Do(func() { err = crash })
			if err != nil {
				return err
			}
			return c.SubResource(sub).Patch(ctx, obj, patch, opts...)
		},
	})
	h := newHarness(t, kube)
	h.app("web")
	if _, err := h.reconcile("web"); !errors.Is(err, crash) {
		t.Fatalf("first reconcile: %v, want the injected crash", err)
	}
	if a := h.get("web"); a.Status.ID != "" || a.Annotations[reconcile.AnnotationCreatePending] == "" {
		t.Fatalf("after the crash: id %q, annotations %v", a.Status.ID, a.Annotations)
	}
	h.mustReconcile("web")
	a := h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if h.fake.count("Create") != 1 || len(h.fake.objects) != 1 || a.Status.ID != "client001" {
		t.Fatalf("creates %d, objects %v, id %q: want exactly one", h.fake.count("Create"), h.fake.objects, a.Status.ID)
	}
	if !contains(h.events.reasons(), "CreateRecovered") {
		t.Fatalf("events %v", h.events.reasons())
	}
}

func TestAuth0ErrorsMeetTheirPolicy(t *testing.T) {
	retryAt := time.Date(2026, 11, 28, 12, 0, 30, 0, time.UTC)
	for _, tc := range []struct {
		name      string
		err       error
		conds     map[string]string
		requeue   time.Duration // minimum
		wantError bool
	}{
		{"invalid spec stalls with Auth0's message", &auth0.Error{Class: auth0.ClassInvalid, StatusCode: 400, Message: "Payload validation error: 'Invalid uri'"},
			want("False/InvalidSpec", "False/InvalidSpec", "True/InvalidSpec"), 0, false},
		{"missing scope stalls", &auth0.Error{Class: auth0.ClassForbidden, StatusCode: 403, Message: "Insufficient scope, expected any of: create:clients"},
			want("False/Forbidden", "False/Forbidden", "True/Forbidden"), 0, false},
		{"rate limit waits until the reset", &auth0.ErrRateLimited{RetryAt: retryAt},
			want("False/RateLimited", "False/RateLimited", "False/NotStalled"), 30 * time.Second, false},
		{"transient error backs off", &auth0.Error{Class: auth0.ClassTransient, StatusCode: 503, Message: "Service Unavailable"},
			want("False/Auth0Error", "False/Auth0Error", "False/NotStalled"), 0, true},
		{"conflict retries soon without an error", &auth0.Error{Class: auth0.ClassConflict, StatusCode: 409, Message: "conflict"},
			want("False/Auth0Error", "False/Auth0Error", "False/NotStalled"), 5 * time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.fake.fail["Create"] = tc.err
			h.app("web")
			res, err := h.reconcile("web")
			if (err != nil) != tc.wantError {
				t.Fatalf("error %v, want error: %v", err, tc.wantError)
			}
			if res.RequeueAfter < tc.requeue {
				t.Fatalf("requeue after %s, want at least %s", res.RequeueAfter, tc.requeue)
			}
			a := h.expectConds("web", tc.conds)
			if e := auth0.Classify(tc.err); e.Class == auth0.ClassInvalid {
				if msg := testenv.Condition(a.Status.Conditions, "Stalled").Message; msg != "Auth0 rejected the request: Payload validation error: 'Invalid uri'" {
					t.Fatalf("Stalled message %q", msg)
				}
			}
			// Once the cause is gone, the next attempt converges with one create in all.
			h.mustReconcile("web")
			h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
			if n := h.fake.count("Create"); n != 2 || len(h.fake.objects) != 1 {
				t.Fatalf("create calls %d (one failed), objects %d", n, len(h.fake.objects))
			}
		})
	}
}

func TestTenantNotReadyWaits(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web", func(a *v1alpha1.Application) { a.Spec.TenantRef.Name = "absent" })
	h.mustReconcile("web")
	a := h.expectConds("web", want("False/TenantNotReady", "False/TenantNotReady", "False/NotStalled"))
	if msg := testenv.Condition(a.Status.Conditions, "Ready").Message; msg != "Tenant absent not found" {
		t.Fatalf("message %q", msg)
	}
	if h.fake.count("Find")+h.fake.count("Create") != 0 {
		t.Fatal("called Auth0 without a tenant")
	}
}

func TestClusterTenantRefusesNamespacesOutsideAllowed(t *testing.T) {
	h := newHarness(t, nil)
	ct := &v1alpha1.ClusterTenant{ObjectMeta: metav1.ObjectMeta{GenerateName: "prod-"}, Spec: v1alpha1.ClusterTenantSpec{
		TenantSpec: v1alpha1.TenantSpec{Domain: "acme.example.com", Credentials: v1alpha1.TenantCredentials{
			SecretRef: v1alpha1.SecretReference{Name: "creds", Namespace: h.ns}}},
		AllowedNamespaces: &metav1.LabelSelector{MatchLabels: map[string]string{"auth0.a0ops.dev/tenant": "prod"}},
	}}
	h.mustCreate(ct)
	t.Cleanup(func() { _ = env.Client.Delete(context.Background(), ct) })
	h.app("web", func(a *v1alpha1.Application) {
		a.Spec.TenantRef = v1alpha1.TenantReference{Kind: "ClusterTenant", Name: ct.Name}
	})
	h.mustReconcile("web")
	a := h.expectConds("web", want("False/TenantNotAllowed", "False/TenantNotAllowed", "True/TenantNotAllowed"))
	if msg := testenv.Condition(a.Status.Conditions, "Stalled").Message; msg != fmt.Sprintf(
		"namespace %s is not allowed to use ClusterTenant %s (see its spec.allowedNamespaces)", h.ns, ct.Name) {
		t.Fatalf("message %q", msg)
	}
	if h.fake.count("Find")+h.fake.count("Create") != 0 {
		t.Fatal("called Auth0 for a refused namespace")
	}
}

func TestCredentialsAreDeliveredToAnOwnedSecret(t *testing.T) {
	h := newHarness(t, nil)
	h.app("web", func(a *v1alpha1.Application) {
		a.Spec.CredentialsSecretRef = &v1alpha1.LocalObjectReference{Name: "web-auth0"}
	})
	h.mustReconcile("web")
	sec := &corev1.Secret{}
	if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: "web-auth0"}, sec); err != nil {
		t.Fatal(err)
	}
	if string(sec.Data["clientID"]) != "client001" || metav1.GetControllerOf(sec) == nil || metav1.GetControllerOf(sec).Name != "web" {
		t.Fatalf("secret data %v owner %v", sec.Data, metav1.GetControllerOf(sec))
	}
	rv := sec.ResourceVersion
	h.mustReconcile("web")
	if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: "web-auth0"}, sec); err != nil || sec.ResourceVersion != rv {
		t.Fatalf("an unchanged secret was rewritten (%v)", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// kstatus (what Flux and Argo CD's health rely on) must read the conditions right.
func TestKstatusReadsTheConditions(t *testing.T) {
	h := newHarness(t, nil)
	compute := func(name string) kstatus.Status {
		t.Helper()
		// Read as Flux does: unstructured, straight from the API server.
		u := &unstructured.Unstructured{}
		u.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind("Application"))
		if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: name}, u); err != nil {
			t.Fatal(err)
		}
		res, err := kstatus.Compute(u)
		if err != nil {
			t.Fatal(err)
		}
		return res.Status
	}
	h.app("web", func(a *v1alpha1.Application) { a.Spec.TenantRef.Name = "later" })
	if s := compute("web"); s != kstatus.InProgressStatus {
		t.Fatalf("never reconciled: %s, want InProgress", s)
	}
	h.mustReconcile("web")
	if s := compute("web"); s != kstatus.InProgressStatus {
		t.Fatalf("waiting for its tenant: %s, want InProgress", s)
	}
	h.readyTenant(h.ns, "later")
	h.mustReconcile("web")
	if s := compute("web"); s != kstatus.CurrentStatus {
		t.Fatalf("converged: %s, want Current", s)
	}
	a := h.get("web")
	a.Spec.Description = "changed"
	if err := env.Client.Update(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	if s := compute("web"); s != kstatus.InProgressStatus {
		t.Fatalf("spec changed, not reconciled yet: %s, want InProgress", s)
	}
	h.fake.fail["Observe"] = &auth0.ErrRateLimited{RetryAt: h.now.Add(time.Minute)}
	h.mustReconcile("web")
	if s := compute("web"); s != kstatus.InProgressStatus {
		t.Fatalf("spec change waiting for budget: %s, want InProgress", s)
	}
	h.fake.fail["Observe"] = &auth0.Error{Class: auth0.ClassInvalid, StatusCode: 400, Message: "bad"}
	h.mustReconcile("web")
	if s := compute("web"); s != kstatus.FailedStatus {
		t.Fatalf("invalid spec: %s, want Failed", s)
	}
}

// A singleton kind: the oldest object owns the tenant's singleton, a newer one is Stalled
// naming it and takes over when it is deleted; deletion never touches Auth0.
func TestSingletonOwnershipAndRelease(t *testing.T) {
	h := newHarness(t, nil)
	h.r.Singleton = true
	h.r.NewList = func() client.ObjectList { return &v1alpha1.ApplicationList{} }
	h.app("first")
	h.mustReconcile("first")
	h.expectConds("first", want("True/Available", "True/UpToDate", "False/NotStalled"))
	h.app("second")
	h.mustReconcile("second")
	a := h.expectConds("second", want("False/AlreadyManaged", "False/AlreadyManaged", "True/AlreadyManaged"))
	if c := testenv.Condition(a.Status.Conditions, "Stalled"); !strings.Contains(c.Message, h.ns+"/first") {
		t.Fatalf("Stalled message %q does not name the owner", c.Message)
	}

	if err := env.Client.Delete(h.ctx, h.get("first")); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("first")
	if h.fake.count("Delete") != 0 {
		t.Fatal("deleting a singleton object deleted in Auth0")
	}
	if !contains(h.events.reasons(), "Released") {
		t.Fatalf("events %v, want Released", h.events.reasons())
	}
	h.mustReconcile("second")
	h.expectConds("second", want("True/Available", "True/UpToDate", "False/NotStalled"))
}

// An exclusive kind: one object per tenant and key; other keys are independent.
func TestExclusiveKeys(t *testing.T) {
	h := newHarness(t, nil)
	h.r.Exclusive = func(a *v1alpha1.Application) string { return a.Spec.Description }
	h.r.NewList = func() client.ObjectList { return &v1alpha1.ApplicationList{} }
	key := func(k string) func(*v1alpha1.Application) {
		return func(a *v1alpha1.Application) { a.Spec.Description = k }
	}
	h.app("a1", key("post-login"))
	h.app("a2", key("post-login"))
	h.app("b1", key("send-phone-message"))
	for _, n := range []string{"a1", "a2", "b1"} {
		h.mustReconcile(n)
	}
	h.expectConds("a1", want("True/Available", "True/UpToDate", "False/NotStalled"))
	h.expectConds("b1", want("True/Available", "True/UpToDate", "False/NotStalled"))
	a := h.expectConds("a2", want("False/AlreadyManaged", "False/AlreadyManaged", "True/AlreadyManaged"))
	if c := testenv.Condition(a.Status.Conditions, "Stalled"); !strings.Contains(c.Message, "post-login") || !strings.Contains(c.Message, h.ns+"/a1") {
		t.Fatalf("Stalled message %q", c.Message)
	}
	// Not a singleton: deleting the owner deletes its Auth0 object as usual, and a2 takes over.
	if err := env.Client.Delete(h.ctx, h.get("a1")); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("a1")
	if h.fake.count("Delete") != 1 {
		t.Fatalf("deletes = %d, want 1", h.fake.count("Delete"))
	}
	h.mustReconcile("a2")
	h.expectConds("a2", want("True/Available", "True/UpToDate", "False/NotStalled"))
}

// The objects gauge counts objects by Ready status and reason, and forgets deleted ones.
func TestObjectsGauge(t *testing.T) {
	h := newHarness(t, nil)
	h.app("gauged")
	h.mustReconcile("gauged")
	count := func(ready, reason string) float64 {
		fams, err := metrics.Registry.Gather()
		if err != nil {
			t.Fatal(err)
		}
		n := 0.0
		for _, f := range fams {
			if f.GetName() != "auth0_operator_objects" {
				continue
			}
			for _, m := range f.GetMetric() {
				l := map[string]string{}
				for _, p := range m.GetLabel() {
					l[p.GetName()] = p.GetValue()
				}
				if l["kind"] == "Application" && l["ready"] == ready && l["reason"] == reason {
					n += m.GetGauge().GetValue()
				}
			}
		}
		return n
	}
	before := count("True", "Available")
	if before < 1 {
		t.Fatalf("gauge has %v Ready Applications", before)
	}
	if err := env.Client.Delete(h.ctx, h.get("gauged")); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("gauged") // removes the finalizer
	h.mustReconcile("gauged") // sees it gone
	if after := count("True", "Available"); after != before-1 {
		t.Fatalf("gauge after deletion = %v, want %v", after, before-1)
	}
}

// Each reconcile runs under a deadline, so that a call that hangs frees its worker.
func TestReconcileHasADeadline(t *testing.T) {
	h := newHarness(t, nil)
	h.r.Deadline = time.Minute
	h.app("web")
	h.mustReconcile("web") // creates
	h.mustReconcile("web") // observes
	if h.fake.deadline.IsZero() {
		t.Fatal("Observe ran without a deadline")
	}
	if left := time.Until(h.fake.deadline); left <= 0 || left > time.Minute {
		t.Errorf("deadline %s away, want within the reconciler's minute", left)
	}
}
