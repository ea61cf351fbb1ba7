package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=selfserviceprofiles,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=selfserviceprofiles/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=selfserviceprofiles/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.SelfServiceProfile]{
			Name:     "SelfServiceProfile",
			New:      func() *v1alpha1.SelfServiceProfile { return &v1alpha1.SelfServiceProfile{} },
			NewList:  func() client.ObjectList { return &v1alpha1.SelfServiceProfileList{} },
			External: external.NewSelfServiceProfile(),
		})
	})
}
