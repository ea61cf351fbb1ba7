package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=customdomains,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=customdomains/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=customdomains/finalizers,verbs=update
// +kubebuilder:rbac:groups=externaldns.k8s.io,resources=dnsendpoints,verbs=get;create;update;delete

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		// DNSEndpoints are written, not watched: the operator must run where external-dns' CRD
		// is not installed, and a changed record is put back at the next verification or drift
		// observation.
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.CustomDomain]{
			Name:       "CustomDomain",
			TenantWide: true,
			New:        func() *v1alpha1.CustomDomain { return &v1alpha1.CustomDomain{} },
			NewList:    func() client.ObjectList { return &v1alpha1.CustomDomainList{} },
			External:   external.NewCustomDomain(mgr.GetClient(), deps.Tenants.Options),
		})
	})
}
