// Package controllers wires each kind into the manager: its watches and its RBAC. The behaviour
// lives in internal/reconcile (shared) and internal/external (per kind).
package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Setup registers every controller with the manager.
func Setup(mgr ctrl.Manager, deps reconcile.Deps) error {
	for _, cluster := range []bool{false, true} {
		if err := (&TenantReconciler{Cluster: cluster, Kube: mgr.GetClient(), Tenants: deps.Tenants}).SetupWithManager(mgr); err != nil {
			return err
		}
	}
	for _, setup := range managedKinds {
		if err := setup(mgr, deps); err != nil {
			return err
		}
	}
	return nil
}

// managedKinds are the managed kinds' setup functions; each kind's file adds its own.
var managedKinds []func(ctrl.Manager, reconcile.Deps) error
