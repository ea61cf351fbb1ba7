package external

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

func TestVerifyPauseGrowsToTenMinutes(t *testing.T) {
	want := []time.Duration{15 * time.Second, 15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute,
		4 * time.Minute, 8 * time.Minute, 10 * time.Minute, 10 * time.Minute}
	for n, w := range want {
		if got := verifyPause(int32(n)); got != w {
			t.Errorf("verifyPause(%d) = %s, want %s", n, got, w)
		}
	}
}

// Observe only reads: a pending domain's verification is an action for the reconciler, and
// its DNSEndpoint an output the reconciler publishes.
func TestCustomDomainObserveAsksForVerifyAndDNSEndpoint(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	d := NewCustomDomain(nil, reconcile.Options{AllowedDNSZones: []string{"example.com"}})
	cd := &v1alpha1.CustomDomain{ObjectMeta: metav1.ObjectMeta{Name: "login", Namespace: "team"}, Spec: v1alpha1.CustomDomainSpec{
		Domain: "login.example.com", DNSEndpoint: &v1alpha1.CustomDomainDNSEndpoint{Enabled: true}}}
	ctx := context.Background()
	id, err := d.Create(ctx, c, cd)
	if err != nil {
		t.Fatal(err)
	}
	verifies := sim.Stats().Calls["POST /api/v2/custom-domains/{id}/verify"]
	var obs reconcile.Observation
	readOnly(t, c, func() { obs, err = d.Observe(ctx, c, cd, id) })
	if err != nil {
		t.Fatal(err)
	}
	if n := sim.Stats().Calls["POST /api/v2/custom-domains/{id}/verify"]; n != verifies {
		t.Fatalf("Observe wrote to Auth0 (%d verify calls)", n-verifies)
	}
	if !obs.Exists || !obs.UpToDate || obs.NotReady == nil || obs.NotReady.Reason != v1alpha1.ReasonPendingVerification || len(obs.Act) != 1 {
		t.Fatalf("observation %+v, not ready %+v", obs, obs.NotReady)
	}
	if len(obs.Publish) != 1 || obs.Publish[0].Absent || obs.Publish[0].Unavailable == nil {
		t.Fatalf("outputs %+v", obs.Publish)
	}
	eps, _, _ := unstructured.NestedSlice(obs.Publish[0].Object.Object, "spec", "endpoints")
	if len(eps) != 1 || len(cd.Status.Verification) != 1 {
		t.Fatalf("endpoints %v, verification %+v", eps, cd.Status.Verification)
	}
	if err := obs.Act[0].Do(ctx); err != nil {
		t.Fatal(err)
	}
	if cd.Status.VerifyAttempts != 1 || sim.Stats().Calls["POST /api/v2/custom-domains/{id}/verify"] != verifies+1 {
		t.Errorf("after the action: status %+v", cd.Status)
	}
}

// If Auth0 stops returning a secret sink value (the recordings show it returned today), the
// keyed digest of what was last written stands in for it: unchanged Secret, no drift; rotated
// Secret, drift on that field.
func TestLogStreamSecretNotReturnedComparedByDigest(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "dd", Namespace: "team"}, Data: map[string][]byte{"k": []byte("key-1")}}
	kube := fake.NewClientBuilder().WithScheme(scheme).WithObjects(sec).Build()
	l := NewLogStream(kube)
	ls := &v1alpha1.LogStream{ObjectMeta: metav1.ObjectMeta{Name: "dd", Namespace: "team"}, Spec: v1alpha1.LogStreamSpec{
		Datadog: &v1alpha1.LogStreamDatadog{Region: "eu", APIKey: v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "dd", Key: "k"}}}}}
	ctx := context.Background()
	id, err := l.Create(ctx, c, ls)
	if err != nil {
		t.Fatal(err)
	}
	obs, err := l.Observe(ctx, c, ls, id)
	if err != nil || !obs.UpToDate || len(obs.Inputs) != 1 {
		t.Fatalf("after create: %v, diff %v, inputs %v", err, obs.Diff, obs.Inputs)
	}
	recordInputs(ls, obs) // as the reconciler does under Manage
	// Auth0 hides the key from now on.
	sim.PatchObject("log-streams", id, auth0sim.Object{"sink": map[string]any{"datadogApiKey": nil}})
	if o, _ := sim.Object("log-streams", id); o["sink"].(map[string]any)["datadogApiKey"] != nil {
		t.Fatalf("the simulator still shows the key: %v", o["sink"])
	}
	logStreams.Invalidate(c)
	obs, err = l.Observe(ctx, c, ls, id)
	if err != nil {
		t.Fatal(err)
	}
	if !obs.UpToDate {
		t.Fatalf("unchanged Secret, hidden value: diff %v", obs.Diff)
	}
	sec.Data["k"] = []byte("key-2")
	if err := kube.Update(ctx, sec); err != nil {
		t.Fatal(err)
	}
	obs, err = l.Observe(ctx, c, ls, id)
	if err != nil {
		t.Fatal(err)
	}
	if obs.UpToDate || len(obs.Diff) != 1 || obs.Diff[0] != "sink.datadogApiKey" {
		t.Fatalf("rotated Secret, hidden value: diff %v", obs.Diff)
	}
}

// A suspended stream with a new resumeRequest asks the reconciler to resume it: Observe only
// reads, the action writes.
func TestLogStreamResumeIsAnActionNotAWrite(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	l := NewLogStream(nil)
	ls := &v1alpha1.LogStream{ObjectMeta: metav1.ObjectMeta{Name: "hook", Namespace: "team"}, Spec: v1alpha1.LogStreamSpec{
		HTTP: &v1alpha1.LogStreamHTTP{Endpoint: "https://logs.example.com/auth0"}, ResumeRequest: "first"}}
	ctx := context.Background()
	id, err := l.Create(ctx, c, ls)
	if err != nil {
		t.Fatal(err)
	}
	ls.Status.Requests = LogStreamRequests(ls) // as the reconciler records them
	if !sim.SuspendLogStream(id) {
		t.Fatal("the simulator did not suspend the stream")
	}
	logStreams.Invalidate(c)
	ls.Spec.ResumeRequest = "second"
	var obs reconcile.Observation
	readOnly(t, c, func() { obs, err = l.Observe(ctx, c, ls, id) })
	if err != nil || len(obs.Act) != 1 || ls.Status.State != "suspended" {
		t.Fatalf("suspended, new resumeRequest: %v, %d actions, state %q", err, len(obs.Act), ls.Status.State)
	}
	if err := obs.Act[0].Do(ctx); err != nil {
		t.Fatal(err)
	}
	if o, _ := sim.Object("log-streams", id); o["status"] != "active" {
		t.Errorf("after the action: status %v", o["status"])
	}
}
