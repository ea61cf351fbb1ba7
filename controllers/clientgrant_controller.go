package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=clientgrants,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=clientgrants/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=clientgrants/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.ClientGrant]{
			Name:     "ClientGrant",
			New:      func() *v1alpha1.ClientGrant { return &v1alpha1.ClientGrant{} },
			NewList:  func() client.ObjectList { return &v1alpha1.ClientGrantList{} },
			External: external.NewClientGrant(mgr.GetClient()),
			// A grant waits for its Application and ResourceServer and proceeds when they appear.
			References: func(g *v1alpha1.ClientGrant) []reconcile.Ref {
				var refs []reconcile.Ref
				if g.Spec.ApplicationRef != nil {
					refs = append(refs, reconcile.Ref{Kind: "Application", Name: g.Spec.ApplicationRef.Name})
				}
				if g.Spec.ResourceServerRef != nil {
					refs = append(refs, reconcile.Ref{Kind: "ResourceServer", Name: g.Spec.ResourceServerRef.Name})
				}
				return refs
			},
			Watched: []client.Object{&v1alpha1.Application{}, &v1alpha1.ResourceServer{}},
		})
	})
}
