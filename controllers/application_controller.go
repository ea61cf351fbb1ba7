package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=applications,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=applications/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=applications/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch;create;update
// +kubebuilder:rbac:groups="",resources=configmaps,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.Application]{
			Name:     "Application",
			New:      func() *v1alpha1.Application { return &v1alpha1.Application{} },
			NewList:  func() client.ObjectList { return &v1alpha1.ApplicationList{} },
			External: external.NewApplication(mgr.GetAPIReader()),
			Requests: external.ApplicationRequests,
			// The credentials Secret is the Application's own: deleting or editing it restores it.
			Owns: []client.Object{&corev1.Secret{}},
			// A changed login page text or addon secret is written to Auth0 at once.
			References: external.ApplicationReferences,
			Watched:    []client.Object{&corev1.ConfigMap{}, &corev1.Secret{}},
		})
	})
}
