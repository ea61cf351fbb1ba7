package external

import (
	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// recordInputs records obs's input digests in obj's status, as the reconciler does under
// Manage once Auth0 holds the values.
func recordInputs(obj reconcile.Object, obs reconcile.Observation) {
	obj.GetManagedStatus().Inputs = &v1alpha1.InputDigests{Digests: obs.Inputs}
}
