package reconcile_test

import (
	"context"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

// An object that names an Auth0 object another object holds is refused: it neither writes
// to it nor deletes it, and the owner goes on as before.
func TestExternalIDOfAnotherObjectsAuth0ObjectIsRefused(t *testing.T) {
	h := newHarness(t, nil)
	h.app("owner")
	h.mustReconcile("owner")
	id := h.get("owner").Status.ID
	h.app("intruder", func(a *v1alpha1.Application) { a.Spec.ExternalID = id; a.Spec.DeletionPolicy = v1alpha1.DeletionDelete })
	h.fake.dashboardEdit(id, "callbacks") // a difference the intruder would "correct"
	h.mustReconcile("intruder")
	a := h.expectConds("intruder", want("False/AlreadyManaged", "False/AlreadyManaged", "True/AlreadyManaged"))
	if a.Status.ID != "" || h.fake.count("Update") != 0 {
		t.Fatalf("the intruder took %q and updated %d times", a.Status.ID, h.fake.count("Update"))
	}
	if err := env.Client.Delete(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("intruder")
	if h.fake.count("Delete") != 0 || h.fake.objects[id] == "" {
		t.Fatalf("deleting the intruder deleted the owner's Auth0 object (deletes %d)", h.fake.count("Delete"))
	}
	h.mustReconcile("owner")
	h.expectConds("owner", want("True/Available", "False/DriftDetected", "False/NotStalled"))
}

// Adoption by name and an ObserveOnly lookup by name never take what another object holds,
// and the refusal names no ID the user did not give.
func TestLookupByNameNeverTakesAnotherObjectsAuth0Object(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*v1alpha1.Application)
	}{
		{"no adoption (AlreadyExists would show the ID)", func(*v1alpha1.Application) {}},
		{"AdoptByName", func(a *v1alpha1.Application) { a.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName }},
		{"ObserveOnly", func(a *v1alpha1.Application) { a.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.app("owner", func(a *v1alpha1.Application) { a.Spec.Name = "checkout" })
			h.mustReconcile("owner")
			id := h.get("owner").Status.ID
			h.app("intruder", func(a *v1alpha1.Application) {
				a.Spec.Name = "checkout"
				a.Spec.CredentialsSecretRef = &v1alpha1.LocalObjectReference{Name: "stolen"}
				tc.mutate(a)
			})
			h.mustReconcile("intruder")
			a := h.expectConds("intruder", want("False/AlreadyManaged", "False/AlreadyManaged", "True/AlreadyManaged"))
			if msg := testenv.Condition(a.Status.Conditions, "Stalled").Message; a.Status.ID != "" || strings.Contains(msg, id) {
				t.Fatalf("id %q, message %q (names the owner's ID?)", a.Status.ID, msg)
			}
			if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: "stolen"}, &corev1.Secret{}); err == nil {
				t.Fatal("the owner's credentials were written to the intruder's Secret")
			}
		})
	}
}

// Only what the operator created is deleted unless the spec says Delete.
func TestAdoptedObjectsAreOrphanedByDefault(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mutate  func(*v1alpha1.Application)
		origin  v1alpha1.Origin
		deletes int
	}{
		{"created", func(*v1alpha1.Application) {}, v1alpha1.OriginCreated, 1},
		{"externalID", func(a *v1alpha1.Application) { a.Spec.ExternalID = "theirs1" }, v1alpha1.OriginAdopted, 0},
		{"AdoptByName", func(a *v1alpha1.Application) { a.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName }, v1alpha1.OriginAdopted, 0},
		{"externalID with explicit Delete", func(a *v1alpha1.Application) {
			a.Spec.ExternalID, a.Spec.DeletionPolicy = "theirs1", v1alpha1.DeletionDelete
		}, v1alpha1.OriginAdopted, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			if tc.origin == v1alpha1.OriginAdopted {
				h.fake.objects["theirs1"] = "web"
			}
			h.app("web", tc.mutate)
			h.mustReconcile("web")
			a := h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
			if a.Status.Origin != tc.origin {
				t.Fatalf("status.origin %q, want %q", a.Status.Origin, tc.origin)
			}
			if err := env.Client.Delete(h.ctx, a); err != nil {
				t.Fatal(err)
			}
			h.mustReconcile("web")
			if h.fake.count("Delete") != tc.deletes {
				t.Fatalf("deletes %d, want %d", h.fake.count("Delete"), tc.deletes)
			}
			if err := env.Client.Get(h.ctx, client.ObjectKeyFromObject(a), a); err == nil {
				t.Fatalf("the object is still there, finalizers %v", a.Finalizers)
			}
		})
	}
}

// A create Auth0 refused leaves no marker behind: an object someone names the same later is
// neither adopted as "recovered" nor deleted with this one.
func TestRefusedCreateLeavesNoTrap(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.fail["Create"] = &auth0.Error{Class: auth0.ClassInvalid, StatusCode: 400, Message: "Payload validation error"}
	h.app("checkout")
	h.mustReconcile("checkout")
	a := h.expectConds("checkout", want("False/InvalidSpec", "False/InvalidSpec", "True/InvalidSpec"))
	if _, pending := a.Annotations[reconcile.AnnotationCreatePending]; pending {
		t.Fatal("the create-pending marker survived a create Auth0 refused")
	}
	h.fake.objects["someone-elses"] = "checkout" // made in the dashboard later
	a.Spec.Description = "fixed"
	if err := env.Client.Update(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("checkout")
	a = h.expectConds("checkout", want("False/AlreadyExists", "False/AlreadyExists", "True/AlreadyExists"))
	if a.Status.ID != "" || contains(h.events.reasons(), "CreateRecovered") {
		t.Fatalf("took %q (events %v)", a.Status.ID, h.events.reasons())
	}
	if err := env.Client.Delete(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("checkout")
	if h.fake.count("Delete") != 0 || h.fake.objects["someone-elses"] == "" {
		t.Fatal("deleting the refused object deleted someone else's Auth0 object")
	}
}

// A marker whose create's fate is unknown is resolved by name only while it is recent; an old
// one is ambiguous and stalls, and deleting the object then leaves the Auth0 object alone.
func TestStaleCreateMarkerIsAmbiguous(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.objects["someone-elses"] = "checkout"
	h.app("checkout", func(a *v1alpha1.Application) {
		a.Annotations = map[string]string{reconcile.AnnotationCreatePending: h.now.Add(-time.Hour).Format(time.RFC3339)}
	})
	h.mustReconcile("checkout")
	a := h.expectConds("checkout", want("False/AlreadyExists", "False/AlreadyExists", "True/AlreadyExists"))
	if a.Status.ID != "" {
		t.Fatalf("took %q", a.Status.ID)
	}
	if err := env.Client.Delete(h.ctx, a); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("checkout")
	if h.fake.count("Delete") != 0 {
		t.Fatal("deleted an Auth0 object an old marker cannot prove to be ours")
	}
	if !contains(h.events.reasons(), "Orphaned") {
		t.Fatalf("events %v", h.events.reasons())
	}
}

// A reconcile that starts from a cached copy older than the last status write still tells a
// dashboard edit from a spec change: the copy is re-read past the cache.
func TestStaleCachedCopyStillReportsDrift(t *testing.T) {
	var stale client.Object
	kube := interceptor.NewClient(env.Client, interceptor.Funcs{
		Get: func(ctx context.Context, c client.WithWatch, key client.ObjectKey, obj client.Object, opts ...client.GetOption) error {
			if a, ok := obj.(*v1alpha1.Application); ok && stale != nil {
				stale.(*v1alpha1.Application).DeepCopyInto(a)
				return nil
			}
			return c.Get(ctx, key, obj, opts...)
		},
	})
	h := newHarness(t, kube)
	h.app("web")
	old := h.get("web") // the copy a lagging cache still serves: before the object converged
	h.mustReconcile("web")
	h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	h.fake.dashboardEdit("client001", "callbacks")
	stale = old
	h.mustReconcile("web")
	stale = nil
	a := h.expectConds("web", want("True/Available", "False/DriftDetected", "False/NotStalled"))
	if !contains(h.events.reasons(), "DriftDetected") || contains(h.events.reasons(), "Updated") || a.Status.Drift == nil {
		t.Fatalf("a dashboard edit seen from a stale copy: events %v, drift %+v", h.events.reasons(), a.Status.Drift)
	}
}

// echoingAuth0 resolves a secret input and has Auth0 repeat it in its refusal.
type echoingAuth0 struct {
	*fakeAuth0
	ns string
}

func (e echoingAuth0) Resolve(ctx context.Context, obj *v1alpha1.Application) error {
	v, err := reconcile.Inputs{Reader: env.Client}.Secret(ctx, e.ns, v1alpha1.SecretKeySelector{Name: "creds", Key: "clientSecret"})
	if err == nil {
		e.fail["Create"] = &auth0.Error{Class: auth0.ClassInvalid, StatusCode: 400, Message: "Invalid value '" + string(v) + "' for signing_secret"}
	}
	return err
}

// Auth0's message reaches status and Events without the secret values the reconcile sent.
func TestAuth0MessagesAreRedacted(t *testing.T) {
	h := newHarness(t, nil)
	h.r.External = echoingAuth0{h.fake, h.ns}
	h.app("web")
	h.mustReconcile("web")
	a := h.expectConds("web", want("False/InvalidSpec", "False/InvalidSpec", "True/InvalidSpec"))
	for _, c := range a.Status.Conditions {
		if strings.Contains(c.Message, "s3cr3t-value") {
			t.Fatalf("condition %s carries the secret: %q", c.Type, c.Message)
		}
	}
	if msg := testenv.Condition(a.Status.Conditions, "Stalled").Message; !strings.Contains(msg, "Invalid value '[redacted]'") {
		t.Fatalf("Auth0's message is not kept around the redaction: %q", msg)
	}
	for _, ev := range h.events.list {
		if strings.Contains(ev.Note, "s3cr3t-value") {
			t.Fatalf("event %s carries the secret: %q", ev.Reason, ev.Note)
		}
	}
}

// Deleting an object whose namespace may no longer use its ClusterTenant orphans it with a
// Warning: a namespace's deletion never hangs on a policy.
func TestDeletionNeverHangsOnPolicy(t *testing.T) {
	h := newHarness(t, nil)
	ns := &corev1.Namespace{}
	if err := env.Client.Get(h.ctx, types.NamespacedName{Name: h.ns}, ns); err != nil {
		t.Fatal(err)
	}
	label := map[string]string{"team.example.com/" + h.ns: "auth0"}
	ns.Labels = label
	if err := env.Client.Update(h.ctx, ns); err != nil {
		t.Fatal(err)
	}
	ct := &v1alpha1.ClusterTenant{ObjectMeta: metav1.ObjectMeta{GenerateName: "shared-"}, Spec: v1alpha1.ClusterTenantSpec{
		TenantSpec: v1alpha1.TenantSpec{Domain: "acme.example.com", Credentials: v1alpha1.TenantCredentials{
			SecretRef: v1alpha1.SecretReference{Name: "creds", Namespace: h.ns}}},
		AllowedNamespaces: &metav1.LabelSelector{MatchLabels: label},
	}}
	h.mustCreate(ct)
	t.Cleanup(func() { _ = env.Client.Delete(context.Background(), ct) })
	ct.Status.Conditions = []metav1.Condition{{Type: "Ready", Status: metav1.ConditionTrue, Reason: "Connected", LastTransitionTime: metav1.Now()}}
	if err := env.Client.Status().Update(h.ctx, ct); err != nil {
		t.Fatal(err)
	}
	h.app("web", func(a *v1alpha1.Application) {
		a.Spec.TenantRef = v1alpha1.TenantReference{Kind: "ClusterTenant", Name: ct.Name}
		a.Spec.DeletionPolicy = v1alpha1.DeletionDelete
	})
	h.mustReconcile("web")
	h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))

	ns.Labels = nil // the platform team takes the namespace's permission away
	if err := env.Client.Update(h.ctx, ns); err != nil {
		t.Fatal(err)
	}
	if err := env.Client.Delete(h.ctx, h.get("web")); err != nil {
		t.Fatal(err)
	}
	h.mustReconcile("web")
	if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: "web"}, &v1alpha1.Application{}); err == nil {
		t.Fatal("the object is still there: its deletion hangs on the policy")
	}
	if h.fake.count("Delete") != 0 {
		t.Fatal("Auth0 was written for a namespace no longer allowed")
	}
	if !contains(h.events.reasons(), "Orphaned") {
		t.Fatalf("events %v", h.events.reasons())
	}
}

// An observation's actions run under Manage only, once per reconcile, and record the spec's
// request tokens; ObserveOnly leaves a request pending.
func TestObservationActionsAndRequests(t *testing.T) {
	for _, policy := range []v1alpha1.ManagementPolicy{v1alpha1.ManagementManage, v1alpha1.ManagementObserveOnly} {
		t.Run(string(policy), func(t *testing.T) {
			h := newHarness(t, nil)
			h.r.Requests = func(a *v1alpha1.Application) map[string]string {
				return map[string]string{"clientSecretRotation": a.Spec.ClientSecretRotation}
			}
			acted := 0
			h.fake.also = func(obs *reconcile.Observation) {
				obs.Events = append(obs.Events, reconcile.Event{Type: corev1.EventTypeNormal, Reason: "Observed", Message: "seen"})
			}
			h.fake.objects["theirs1"] = "web"
			h.app("web", func(a *v1alpha1.Application) {
				a.Spec.ExternalID, a.Spec.ClientSecretRotation, a.Spec.ManagementPolicy = "theirs1", "r1", policy
			})
			h.mustReconcile("web")
			if got := h.get("web").Status.Requests["clientSecretRotation"]; got != "r1" {
				t.Fatalf("the first token is the baseline: recorded %q", got)
			}
			a := h.get("web")
			a.Spec.ClientSecretRotation = "r2"
			if err := env.Client.Update(h.ctx, a); err != nil {
				t.Fatal(err)
			}
			h.fake.also = func(obs *reconcile.Observation) {
				if reconcile.Requested(a, "clientSecretRotation", "r2") {
					obs.Act = append(obs.Act, reconcile.Action{Name: "rotated", Reason: "SecretRotated", Do: func(context.Context) error { acted++; return nil }})
				}
			}
			h.mustReconcile("web")
			a = h.get("web")
			wantActed, wantRecorded := 1, "r2"
			if policy == v1alpha1.ManagementObserveOnly {
				wantActed, wantRecorded = 0, "r1"
			}
			if acted != wantActed || a.Status.Requests["clientSecretRotation"] != wantRecorded {
				t.Fatalf("acted %d (want %d), recorded %q (want %q)", acted, wantActed, a.Status.Requests["clientSecretRotation"], wantRecorded)
			}
			if contains(h.events.reasons(), "SecretRotated") != (wantActed == 1) || !contains(h.events.reasons(), "Observed") {
				t.Fatalf("events %v", h.events.reasons())
			}
		})
	}
}

// An output whose kind is not installed makes the object not Ready with the kind's reason; an
// object of its name the operator did not write is never touched.
func TestOutputsArePublishedOnlyOverTheirOwn(t *testing.T) {
	h := newHarness(t, nil)
	out := func() reconcile.Output {
		o := &unstructured.Unstructured{}
		o.SetAPIVersion("v1")
		o.SetKind("ConfigMap")
		o.SetName("web-record")
		o.Object["spec"] = map[string]any{"x": "y"}
		return reconcile.Output{Object: o}
	}
	h.fake.also = func(obs *reconcile.Observation) {
		o := out()
		o.Object.SetAPIVersion("externaldns.k8s.io/v1alpha1")
		o.Object.SetKind("DNSEndpoint")
		o.Unavailable = &reconcile.Waiting{Reason: "DNSEndpointUnavailable", Message: "no CRD"}
		obs.Publish = append(obs.Publish, o)
	}
	h.app("web")
	h.mustReconcile("web")
	h.expectConds("web", want("False/DNSEndpointUnavailable", "True/UpToDate", "False/NotStalled"))

	h.mustCreate(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "web-record", Namespace: h.ns}, Data: map[string]string{"mine": "yes"}})
	h.fake.also = func(obs *reconcile.Observation) { obs.Publish = append(obs.Publish, out()) }
	h.mustReconcile("web")
	h.expectConds("web", want("False/AlreadyExists", "False/AlreadyExists", "True/AlreadyExists"))
	cm := &corev1.ConfigMap{}
	if err := env.Client.Get(h.ctx, types.NamespacedName{Namespace: h.ns, Name: "web-record"}, cm); err != nil || cm.Data["mine"] != "yes" {
		t.Fatalf("someone else's object was changed: %v %v", cm.Data, err)
	}
}
