package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=roles,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=roles/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=roles/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.Role]{
			Name:     "Role",
			New:      func() *v1alpha1.Role { return &v1alpha1.Role{} },
			NewList:  func() client.ObjectList { return &v1alpha1.RoleList{} },
			External: external.NewRole(mgr.GetClient()),
			// A role waits for the ResourceServers its permissions name.
			References: func(r *v1alpha1.Role) []reconcile.Ref {
				var refs []reconcile.Ref
				for _, p := range r.Spec.Permissions {
					if p.ResourceServerRef != nil {
						refs = append(refs, reconcile.Ref{Kind: "ResourceServer", Name: p.ResourceServerRef.Name})
					}
				}
				return refs
			},
			Watched: []client.Object{&v1alpha1.ResourceServer{}},
		})
	})
}
