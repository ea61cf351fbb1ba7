package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=connections,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=connections/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=connections/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.Connection]{
			Name:     "Connection",
			New:      func() *v1alpha1.Connection { return &v1alpha1.Connection{} },
			NewList:  func() client.ObjectList { return &v1alpha1.ConnectionList{} },
			External: external.NewConnection(mgr.GetClient(), deps.APIReader),
			// A connection waits for the Applications it enables, the Secrets of its secret
			// options and typed sections, and the ConfigMaps of its scripts and certificates, and
			// is reconciled again when they change.
			References: func(c *v1alpha1.Connection) []reconcile.Ref {
				var refs []reconcile.Ref
				for _, e := range c.Spec.EnabledClients {
					if e.ApplicationRef != nil {
						refs = append(refs, reconcile.Ref{Kind: "Application", Name: e.ApplicationRef.Name})
					}
				}
				for _, s := range c.Spec.SecretOptions {
					refs = append(refs, reconcile.SecretRefs(&s)...)
				}
				refs = append(refs, external.ConnectionScriptRefs(c)...)
				return append(refs, external.EnterpriseRefs(c)...)
			},
			Watched: []client.Object{&v1alpha1.Application{}, &corev1.Secret{}, &corev1.ConfigMap{}},
		})
	})
}
