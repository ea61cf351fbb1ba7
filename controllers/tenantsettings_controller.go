package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=tenantsettings,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=tenantsettings/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=tenantsettings/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.TenantSettings]{
			Name:      "TenantSettings",
			New:       func() *v1alpha1.TenantSettings { return &v1alpha1.TenantSettings{} },
			NewList:   func() client.ObjectList { return &v1alpha1.TenantSettingsList{} },
			External:  external.NewTenantSettings(deps.APIReader),
			Singleton: true,
			// The classic pages' HTML may come from ConfigMaps: a change is reconciled at once.
			References: func(ts *v1alpha1.TenantSettings) []reconcile.Ref {
				var refs []reconcile.Ref
				for _, src := range []*v1alpha1.TextSource{htmlOf(ts.Spec.ErrorPage), pageHTML(ts.Spec.ChangePassword), pageHTML(ts.Spec.GuardianMFAPage)} {
					refs = append(refs, reconcile.TextRefs(src)...)
				}
				return refs
			},
			Watched: []client.Object{&corev1.ConfigMap{}},
		})
	})
}

func htmlOf(p *v1alpha1.TenantErrorPage) *v1alpha1.TextSource {
	if p == nil {
		return nil
	}
	return p.HTML
}

func pageHTML(p *v1alpha1.TenantClassicPage) *v1alpha1.TextSource {
	if p == nil {
		return nil
	}
	return p.HTML
}
