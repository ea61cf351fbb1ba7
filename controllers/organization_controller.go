package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=organizations,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=organizations/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=organizations/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.Organization]{
			Name:     "Organization",
			New:      func() *v1alpha1.Organization { return &v1alpha1.Organization{} },
			NewList:  func() client.ObjectList { return &v1alpha1.OrganizationList{} },
			External: external.NewOrganization(mgr.GetClient()),
			// An organization waits for the Connections it enables.
			References: func(o *v1alpha1.Organization) []reconcile.Ref {
				var refs []reconcile.Ref
				for _, ec := range o.Spec.EnabledConnections {
					if ec.ConnectionRef != nil {
						refs = append(refs, reconcile.Ref{Kind: "Connection", Name: ec.ConnectionRef.Name})
					}
				}
				return refs
			},
			Watched: []client.Object{&v1alpha1.Connection{}},
		})
	})
}
