package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=phoneproviders,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=phoneproviders/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=phoneproviders/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.PhoneProvider]{
			Name:     "PhoneProvider",
			New:      func() *v1alpha1.PhoneProvider { return &v1alpha1.PhoneProvider{} },
			NewList:  func() client.ObjectList { return &v1alpha1.PhoneProviderList{} },
			External: external.NewPhoneProvider(mgr.GetAPIReader()),
			// A tenant has at most one provider, which Auth0 can delete: one object per tenant
			// (the key is the tenant itself), deleted per deletionPolicy like any object.
			Exclusive: func(*v1alpha1.PhoneProvider) string { return "" },
			References: func(p *v1alpha1.PhoneProvider) []reconcile.Ref {
				if cr := p.Spec.Credentials; cr != nil {
					return reconcile.SecretRefs(cr.AuthToken)
				}
				return nil
			},
			Watched: []client.Object{&corev1.Secret{}},
		})
	})
}
