package external

import (
	"context"
	"fmt"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Singleton is what the kinds that manage one set of settings every tenant has (its settings,
// branding, attack protection) share: the settings exist under a fixed ID, so Find always finds
// them and nothing creates them; deleting the Kubernetes object stops management and leaves
// Auth0 as it is (the reconciler releases a singleton without calling Delete). A kind embeds it
// and gives Observe and Update.
type Singleton[O reconcile.Object] struct {
	// ID is the settings' fixed ID, the object's status.id.
	ID string
}

// Find returns the fixed ID: the settings always exist.
func (s Singleton[O]) Find(context.Context, *auth0.Client, O) (string, error) { return s.ID, nil }

// Create is never called: Find always finds the settings.
func (s Singleton[O]) Create(context.Context, *auth0.Client, O) (string, error) {
	return "", fmt.Errorf("the tenant's %s always exists and is never created", s.ID)
}

// Delete is never called: deleting a singleton leaves the tenant's settings as they are.
func (s Singleton[O]) Delete(context.Context, *auth0.Client, O, string) error { return nil }
