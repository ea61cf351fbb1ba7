package controllers

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=triggerbindings,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=triggerbindings/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=triggerbindings/finalizers,verbs=update

func init() {
	managedKinds = append(managedKinds, func(mgr ctrl.Manager, deps reconcile.Deps) error {
		return reconcile.Setup(mgr, deps, reconcile.Kind[*v1alpha1.TriggerBinding]{
			Name:     "TriggerBinding",
			New:      func() *v1alpha1.TriggerBinding { return &v1alpha1.TriggerBinding{} },
			NewList:  func() client.ObjectList { return &v1alpha1.TriggerBindingList{} },
			External: external.NewTriggerBinding(mgr.GetClient()),
			// One TriggerBinding per trigger and tenant: a second one is Stalled AlreadyManaged.
			Exclusive: func(tb *v1alpha1.TriggerBinding) string { return tb.Spec.Trigger },
			// The bindings wait for their Actions to be deployed and proceed when they are.
			References: func(tb *v1alpha1.TriggerBinding) []reconcile.Ref {
				var refs []reconcile.Ref
				for _, a := range tb.Spec.Actions {
					if a.ActionRef != nil {
						refs = append(refs, reconcile.Ref{Kind: "Action", Name: a.ActionRef.Name})
					}
				}
				return refs
			},
			Watched: []client.Object{&v1alpha1.Action{}},
		})
	})
}
