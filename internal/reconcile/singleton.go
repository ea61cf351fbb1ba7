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

// Exclusive kinds manage something a tenant has at most one of per key: one TriggerBinding per
// trigger, one EmailTemplate per template name, and the singletons (Branding, TenantSettings,
// EmailProvider, ...), whose key is the tenant itself. Among the objects of one tenant with the
// same key, the oldest (then by namespace and name) owns it; a newer one is Stalled with
// AlreadyManaged naming the owner, and takes over by itself when the owner is deleted.
// Deleting a singleton object stops management and never resets the tenant.

// exclusiveKey is obj's key ("" for a singleton, whose key is its tenant).
func (r *Reconciler[O]) exclusiveKey(obj O) string {
	if r.Exclusive == nil {
		return ""
	}
	return r.Exclusive(obj)
}

// owner returns the object of the kind that owns obj's key in obj's tenant.
func (r *Reconciler[O]) owner(ctx context.Context, obj O) (client.Object, error) {
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
		o := it.(O)
		if !o.GetDeletionTimestamp().IsZero() || tenantKey(o.GetManagedSpec().TenantRef, o.GetNamespace()) != key ||
			r.exclusiveKey(o) != r.exclusiveKey(obj) {
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

// claim returns a *Stall when another object owns obj's key.
func (r *Reconciler[O]) claim(ctx context.Context, obj O) error {
	owner, err := r.owner(ctx, obj)
	if err != nil || owner == nil || owner.GetUID() == obj.GetUID() {
		return err
	}
	what := "this tenant's " + r.Kind + " (one per tenant)"
	if k := r.exclusiveKey(obj); k != "" {
		what = fmt.Sprintf("%s %s of this tenant (one %s per %s)", r.Kind, k, r.Kind, k)
	}
	return &Stall{Reason: v1alpha1.ReasonAlreadyManaged, Message: fmt.Sprintf(
		"%s %s/%s already manages %s; delete one of them", r.Kind, owner.GetNamespace(), owner.GetName(), what)}
}

// releaseSingleton lets a deleted singleton object go without touching Auth0.
func (r *Reconciler[O]) releaseSingleton(ctx context.Context, obj O) (ctrl.Result, error) {
	if obj.GetManagedStatus().ID != "" {
		r.event(obj, corev1.EventTypeNormal, "Released", "Delete",
			"stopped managing the tenant's %s; Auth0 keeps its current settings", r.Kind)
	}
	return ctrl.Result{}, r.removeFinalizer(ctx, obj)
}
