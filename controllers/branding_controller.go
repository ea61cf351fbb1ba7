package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=brandings,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=brandings/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=brandings/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=configmaps,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.Branding]{
			Name:      "Branding",
			New:       func() *v1alpha1.Branding { return &v1alpha1.Branding{} },
			NewList:   func() client.ObjectList { return &v1alpha1.BrandingList{} },
			External:  external.NewBranding(mgr.GetAPIReader()),
			Singleton: true,
			References: func(b *v1alpha1.Branding) []reconcile.Ref {
				return reconcile.TextRefs(b.Spec.UniversalLoginTemplate)
			},
			Watched: []client.Object{&corev1.ConfigMap{}},
		})
	})
}
