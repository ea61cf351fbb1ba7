package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=multifactorauths,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=multifactorauths/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=multifactorauths/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.MultiFactorAuth]{
			Name:      "MultiFactorAuth",
			New:       func() *v1alpha1.MultiFactorAuth { return &v1alpha1.MultiFactorAuth{} },
			NewList:   func() client.ObjectList { return &v1alpha1.MultiFactorAuthList{} },
			External:  external.NewMultiFactorAuth(mgr.GetAPIReader()),
			Singleton: true,
			References: func(m *v1alpha1.MultiFactorAuth) []reconcile.Ref {
				return reconcile.SecretRefs(external.MFASecrets(m)...)
			},
			Watched: []client.Object{&corev1.Secret{}},
		})
	})
}
