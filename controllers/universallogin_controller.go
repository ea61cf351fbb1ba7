package controllers

import (
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=universallogins,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=universallogins/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=universallogins/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=configmaps,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.UniversalLogin]{
			Name:      "UniversalLogin",
			New:       func() *v1alpha1.UniversalLogin { return &v1alpha1.UniversalLogin{} },
			NewList:   func() client.ObjectList { return &v1alpha1.UniversalLoginList{} },
			External:  external.NewUniversalLogin(deps.APIReader),
			Singleton: true,
			// The partials' texts may come from ConfigMaps: a change is reconciled at once.
			References: func(ul *v1alpha1.UniversalLogin) []reconcile.Ref {
				var refs []reconcile.Ref
				for _, p := range ul.Spec.Partials {
					for _, k := range slices.Sorted(maps.Keys(p.InsertionPoints)) {
						src := p.InsertionPoints[k]
						refs = append(refs, reconcile.TextRefs(&src)...)
					}
				}
				return refs
			},
			Watched: []client.Object{&corev1.ConfigMap{}},
		})
	})
}
