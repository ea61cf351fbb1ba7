package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=resourceservers,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=resourceservers/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=resourceservers/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.ResourceServer]{
			Name:     "ResourceServer",
			New:      func() *v1alpha1.ResourceServer { return &v1alpha1.ResourceServer{} },
			NewList:  func() client.ObjectList { return &v1alpha1.ResourceServerList{} },
			External: external.NewResourceServer(deps.APIReader),
			// An API waits for the Secret of its signing secret and the ConfigMap of its
			// encryption key, and is reconciled again when they change.
			References: func(rs *v1alpha1.ResourceServer) []reconcile.Ref {
				refs := reconcile.SecretRefs(rs.Spec.SigningSecret)
				if te := rs.Spec.TokenEncryption; te != nil {
					refs = append(refs, reconcile.TextRefs(&te.EncryptionKey.PEM)...)
				}
				return refs
			},
			Watched: []client.Object{&corev1.Secret{}, &corev1.ConfigMap{}},
		})
	})
}
