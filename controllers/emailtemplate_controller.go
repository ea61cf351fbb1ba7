package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=emailtemplates,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=emailtemplates/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=emailtemplates/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=configmaps,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.EmailTemplate]{
			Name:      "EmailTemplate",
			New:       func() *v1alpha1.EmailTemplate { return &v1alpha1.EmailTemplate{} },
			NewList:   func() client.ObjectList { return &v1alpha1.EmailTemplateList{} },
			External:  external.NewEmailTemplate(mgr.GetAPIReader()),
			Exclusive: func(t *v1alpha1.EmailTemplate) string { return t.Spec.Template },
			References: func(t *v1alpha1.EmailTemplate) []reconcile.Ref {
				return reconcile.TextRefs(&t.Spec.Body)
			},
			Watched: []client.Object{&corev1.ConfigMap{}},
		})
	})
}
