package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=actions,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=actions/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=actions/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets;configmaps,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.Action]{
			Name:     "Action",
			New:      func() *v1alpha1.Action { return &v1alpha1.Action{} },
			NewList:  func() client.ObjectList { return &v1alpha1.ActionList{} },
			External: external.NewAction(mgr.GetAPIReader()),
			// A change of the code's ConfigMap or of a secret's Secret rewrites and redeploys
			// the action (when the digest of the values says they changed).
			References: func(a *v1alpha1.Action) []reconcile.Ref {
				refs := reconcile.TextRefs(&a.Spec.Code)
				for _, s := range a.Spec.Secrets {
					refs = append(refs, reconcile.SecretRefs(&s.ValueFrom)...)
				}
				return refs
			},
			Watched: []client.Object{&corev1.ConfigMap{}, &corev1.Secret{}},
		})
	})
}
