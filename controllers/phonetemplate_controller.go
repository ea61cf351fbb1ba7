package controllers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=phonetemplates,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=phonetemplates/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=phonetemplates/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=configmaps,verbs=get;list;watch

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.PhoneTemplate]{
			Name:      "PhoneTemplate",
			New:       func() *v1alpha1.PhoneTemplate { return &v1alpha1.PhoneTemplate{} },
			NewList:   func() client.ObjectList { return &v1alpha1.PhoneTemplateList{} },
			External:  external.NewPhoneTemplate(mgr.GetAPIReader()),
			Exclusive: func(t *v1alpha1.PhoneTemplate) string { return t.Spec.Type },
			References: func(t *v1alpha1.PhoneTemplate) []reconcile.Ref {
				return append(reconcile.TextRefs(t.Spec.Content.Body.Text), reconcile.TextRefs(t.Spec.Content.Body.Voice)...)
			},
			Watched: []client.Object{&corev1.ConfigMap{}},
		})
	})
}
