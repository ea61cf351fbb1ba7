package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=attackprotections,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=attackprotections/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=attackprotections/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.AttackProtection]{
			Name:      "AttackProtection",
			New:       func() *v1alpha1.AttackProtection { return &v1alpha1.AttackProtection{} },
			NewList:   func() client.ObjectList { return &v1alpha1.AttackProtectionList{} },
			External:  external.NewAttackProtection(mgr.GetAPIReader()),
			Singleton: true,
			References: func(ap *v1alpha1.AttackProtection) []reconcile.Ref {
				return reconcile.SecretRefs(external.AttackProtectionSecrets(ap)...)
			},
			Watched: []client.Object{&corev1.Secret{}},
		})
	})
}
