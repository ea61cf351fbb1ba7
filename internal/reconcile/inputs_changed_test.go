package reconcile_test

import (
	"context"
	"testing"
	"time"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// inputsFake is the fake Auth0 with what an Action's External adds to an observation: inputs
// that changed in Kubernetes, and an object that exists but is not usable yet.
type inputsFake struct {
	*fakeAuth0
	changed  bool
	notReady *reconcile.Waiting
}

func (f *inputsFake) Observe(ctx context.Context, c *auth0.Client, obj *v1alpha1.Application, id string) (reconcile.Observation, error) {
	obs, err := f.fakeAuth0.Observe(ctx, c, obj, id)
	if f.changed {
		obs.Changed = obs.Diff
	}
	if obs.Exists && obs.UpToDate {
		obs.NotReady = f.notReady
	}
	return obs, err
}

// A difference that comes from a changed ConfigMap or Secret value is written as an update,
// never reported as drift.
func TestChangedInputsAreAnUpdateNotDrift(t *testing.T) {
	h := newHarness(t, nil)
	fake := &inputsFake{fakeAuth0: h.fake}
	h.r.External = fake
	h.app("web")
	h.mustReconcile("web")
	id := h.get("web").Status.ID

	fake.changed = true
	h.fake.dashboardEdit(id, "secrets")
	h.mustReconcile("web")
	a := h.expectConds("web", want("True/Available", "True/UpToDate", "False/NotStalled"))
	if a.Status.Drift != nil || contains(h.events.reasons(), "DriftDetected") {
		t.Fatalf("a changed input counted as drift: drift %+v, events %v", a.Status.Drift, h.events.reasons())
	}
	if h.fake.count("Update") != 1 || !contains(h.events.reasons(), "Updated") {
		t.Fatalf("updates %d, events %v", h.fake.count("Update"), h.events.reasons())
	}

	// The same difference from Auth0 alone is drift.
	fake.changed = false
	h.fake.dashboardEdit(id, "code")
	h.mustReconcile("web")
	if !contains(h.events.reasons(), "DriftDetected") {
		t.Fatalf("events %v, want DriftDetected", h.events.reasons())
	}
}

// An object that exists but is not usable yet (an Action building) is looked at again after
// the wait it names, as is a waiting reference that names one; without one, after a minute.
func TestWaitsRequeueAfterTheirRetry(t *testing.T) {
	h := newHarness(t, nil)
	fake := &inputsFake{fakeAuth0: h.fake, notReady: &reconcile.Waiting{Reason: "Building", Message: "building", RetryAfter: 3 * time.Second}}
	h.r.External = fake
	h.app("web")
	if res := h.mustReconcile("web"); res.RequeueAfter != 3*time.Second {
		t.Fatalf("requeue after %s while building, want 3s", res.RequeueAfter)
	}
	h.expectConds("web", want("False/Building", "True/UpToDate", "False/NotStalled"))

	h.fake.fail["Observe"] = &reconcile.Waiting{Reason: v1alpha1.ReasonReferenceNotReady, Message: "still building", RetryAfter: 5 * time.Second}
	if res := h.mustReconcile("web"); res.RequeueAfter != 5*time.Second {
		t.Fatalf("requeue after %s, want 5s", res.RequeueAfter)
	}
	h.fake.fail["Observe"] = reconcile.WaitFor("something")
	if res := h.mustReconcile("web"); res.RequeueAfter != time.Minute {
		t.Fatalf("requeue after %s, want the default minute", res.RequeueAfter)
	}
}
