package reconcile

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// Singleton kinds (Branding, TenantSettings, EmailProvider, ...) manage something every tenant
// has exactly one of. One object per tenant owns it: the oldest (then by namespace and name);
// a newer one is Stalled with AlreadyManaged naming the owner, and takes over by itself when the
// owner is deleted. Deleting a singleton object stops management and never resets the tenant.

// singletonOwner returns the object of the kind that owns obj's tenant's singleton.
func (r *Reconciler[O]) singletonOwner(ctx context.Context, obj O) (client.Object, error) {
	list := r.NewList()
	var opts []client.ListOption
	if ref := obj.GetManagedSpec().TenantRef; ref.Kind != "ClusterTenant" {
		opts = append(opts, client.InNamespace(obj.GetNamespace()))
	}
	if err := r.Kube.List(ctx, list, opts...); err != nil {
		return nil, err
	}
	items, err := meta.ExtractList(list)
	if err != nil {
		return nil, err
	}
	key := tenantKey(obj.GetManagedSpec().TenantRef, obj.GetNamespace())
	var owner client.Object
	for _, it := range items {
		o := it.(Object)
		if !o.GetDeletionTimestamp().IsZero() || tenantKey(o.GetManagedSpec().TenantRef, o.GetNamespace()) != key {
			continue
		}
		if owner == nil || older(o, owner) {
			owner = o
		}
	}
	return owner, nil
}

func older(a, b client.Object) bool {
	ta, tb := a.GetCreationTimestamp(), b.GetCreationTimestamp()
	if !ta.Equal(&tb) {
		return ta.Before(&tb)
	}
	if a.GetNamespace() != b.GetNamespace() {
		return a.GetNamespace() < b.GetNamespace()
	}
	return a.GetName() < b.GetName()
}

// claimSingleton returns a *Stall when another object owns the singleton.
func (r *Reconciler[O]) claimSingleton(ctx context.Context, obj O) error {
	owner, err := r.singletonOwner(ctx, obj)
	if err != nil || owner == nil || owner.GetUID() == obj.GetUID() {
		return err
	}
	return &Stall{Reason: v1alpha1.ReasonAlreadyManaged, Message: fmt.Sprintf(
		"%s %s/%s already manages this tenant's %s (one per tenant); delete one of them",
		r.Kind, owner.GetNamespace(), owner.GetName(), r.Kind)}
}

// releaseSingleton lets a deleted singleton object go without touching Auth0.
func (r *Reconciler[O]) releaseSingleton(ctx context.Context, obj O) (ctrl.Result, error) {
	if obj.GetManagedStatus().ID != "" {
		r.event(obj, corev1.EventTypeNormal, "Released", "Delete",
			"stopped managing the tenant's %s; Auth0 keeps its current settings", r.Kind)
	}
	return ctrl.Result{}, r.removeFinalizer(ctx, obj)
}
