package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=emailproviders,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=emailproviders/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=emailproviders/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.EmailProvider]{
			Name:      "EmailProvider",
			New:       func() *v1alpha1.EmailProvider { return &v1alpha1.EmailProvider{} },
			NewList:   func() client.ObjectList { return &v1alpha1.EmailProviderList{} },
			External:  external.NewEmailProvider(mgr.GetAPIReader()),
			Singleton: true,
			References: func(p *v1alpha1.EmailProvider) []reconcile.Ref {
				var srcs []*v1alpha1.SecretValueSource
				if cr := p.Spec.Credentials; cr != nil {
					srcs = []*v1alpha1.SecretValueSource{cr.APIKey, cr.AccessKeyID, cr.SecretAccessKey, cr.SMTPPass,
						cr.ConnectionString, cr.TenantID, cr.ClientID, cr.ClientSecret}
				}
				return reconcile.SecretRefs(srcs...)
			},
			Watched: []client.Object{&corev1.Secret{}},
		})
	})
}
