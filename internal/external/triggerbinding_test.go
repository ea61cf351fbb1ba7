package external

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Auth0 refuses to bind an action whose first build is still running with a 409: that is a
// short wait (retried in seconds, no Warning), unlike the 400 for an action built but never
// deployed, which Auth0's message explains.
func TestBindingAnActionStillBuildingIsAWait(t *testing.T) {
	clock := auth0sim.NewFakeClock(time.Now())
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true, Clock: clock, ActionBuildDelay: 10 * time.Second})
	c := simClient(t, sim)
	a, apiErr := sim.CreateObject("actions", auth0sim.Object{"name": "slow",
		"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	bind := []v1alpha1.BoundAction{{Name: "slow", ID: a["id"].(string), DisplayName: "slow"}}

	err := (&TriggerBinding{}).write(context.Background(), c, "post-login", bind)
	var w *reconcile.Waiting
	if !errors.As(err, &w) || w.RetryAfter != bindingConflictRetry || !strings.Contains(w.Message, "not been deployed") {
		t.Fatalf("binding while building: %v (%#v), want a Waiting carrying Auth0's message", err, w)
	}

	clock.Advance(11 * time.Second)
	err = (&TriggerBinding{}).write(context.Background(), c, "post-login", bind)
	if e := auth0.Classify(err); errors.As(err, &w) || e == nil || e.Class != auth0.ClassInvalid {
		t.Fatalf("binding a built, never deployed action: %v, want Auth0's 400", err)
	}
}
