package controllers_test

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// Auth0 commits a create and the answer is lost on the way back: the operator finds the object
// it made instead of making a second one.
func TestCreateWhoseAnswerWasLostIsRecovered(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.sim.AddCommitThenDrop("POST", "/api/v2/clients", 1)
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "lost-answer"}, Spec: v1alpha1.ApplicationSpec{
		ManagedSpec: f.ref(), AppType: "spa", Callbacks: []string{"https://lost.example.com/cb"}}}
	f.create(app)
	f.waitReady(app)
	if dropped := f.sim.Faults().CommitThenDrop[0].Dropped; dropped != 1 {
		t.Fatalf("the fault dropped %d answers, want 1", dropped)
	}
	f.waitEvent("lost-answer", "CreateRecovered")
	n := 0
	for _, c := range f.sim.Objects("clients") {
		if c["name"] == "lost-answer" {
			n++
		}
	}
	if n != 1 || f.calls("POST /api/v2/clients") != 1 {
		t.Fatalf("%d clients named lost-answer after %d creates; want exactly one of each", n, f.calls("POST /api/v2/clients"))
	}
	if app.Status.Origin != v1alpha1.OriginCreated {
		t.Fatalf("status.origin %q: a recovered create is the operator's own", app.Status.Origin)
	}
}
