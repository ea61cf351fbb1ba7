package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=logstreams,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=logstreams/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=logstreams/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.LogStream]{
			Name:       "LogStream",
			TenantWide: true,
			New:        func() *v1alpha1.LogStream { return &v1alpha1.LogStream{} },
			NewList:    func() client.ObjectList { return &v1alpha1.LogStreamList{} },
			External:   external.NewLogStream(deps.APIReader),
			Requests:   external.LogStreamRequests,
			// A rotated Secret is written to Auth0 at once.
			References: func(ls *v1alpha1.LogStream) []reconcile.Ref {
				return reconcile.SecretRefs(external.LogStreamSecrets(ls)...)
			},
			Watched: []client.Object{&corev1.Secret{}},
		})
	})
}
