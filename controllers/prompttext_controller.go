package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=prompttexts,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=prompttexts/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=prompttexts/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.PromptText]{
			Name:      "PromptText",
			New:       func() *v1alpha1.PromptText { return &v1alpha1.PromptText{} },
			NewList:   func() client.ObjectList { return &v1alpha1.PromptTextList{} },
			External:  external.NewPromptText(),
			Exclusive: func(p *v1alpha1.PromptText) string { return p.Spec.Prompt + "/" + p.Spec.Language },
		})
	})
}
