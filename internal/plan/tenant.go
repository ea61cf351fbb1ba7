package plan

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// tenant is one tenant as a plan reaches it, seen from one namespace.
type tenant struct {
	name   string // "ClusterTenant/prod"
	key    string // the reconciler's tenant key, "ClusterTenant/prod" or "Tenant/ns/prod"
	client *auth0.Client
	info   *reconcile.TenantInfo
	direct bool // connected with credentials from the environment, not through the cluster
	view   *view
	// cluster reads the cluster's managed objects (ownership); nil when none is reachable.
	cluster client.Reader
	*shared
}

// shared is what the views of one tenant from several namespaces share.
type shared struct {
	// lists caches the cluster's objects by kind, for ownership.
	lists map[string][]unstructured.Unstructured
	// claimed are the Auth0 IDs the manifests' objects of this tenant take, by kind.
	claimed map[string]string
}

// live is the cluster's copy of obj (nil when the cluster has none, or there is no cluster).
func (t *tenant) live(ctx context.Context, k interface{ name() string }, obj reconcile.Object) (reconcile.Object, error) {
	if t.cluster == nil {
		return nil, nil
	}
	live := obj.DeepCopyObject().(reconcile.Object)
	if err := t.cluster.Get(ctx, client.ObjectKeyFromObject(obj), live); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("reading %s %s/%s: %w", k.name(), obj.GetNamespace(), obj.GetName(), err)
	}
	return live, nil
}

// permitted is the reconciler's check of what obj's namespace may do through the tenant: a
// refusal's message, or "".
func (t *tenant) permitted(k interface{ name() string }, obj reconcile.Object) string {
	kd := kindFlags(k)
	g, spec := t.info.Grant, obj.GetManagedSpec()
	refuse := func(what string) string {
		return fmt.Sprintf("refused by the tenant's policy: namespace %s may not %s through %s (see its spec.namespacePolicies)", obj.GetNamespace(), what, t.name)
	}
	switch {
	case !g.MayManage(k.name()):
		return refuse("manage " + k.name() + " objects")
	case kd.tenantWide && !g.TenantWide:
		return refuse("manage " + k.name() + ", which acts on the whole tenant,")
	case g.Adopt || kd.singleton:
		return ""
	case spec.ExternalID != "":
		return refuse("adopt existing Auth0 objects (spec.externalID)")
	case spec.AdoptionPolicy == v1alpha1.AdoptionAdoptByName:
		return refuse("adopt existing Auth0 objects (adoptionPolicy: AdoptByName)")
	case spec.ManagementPolicy == v1alpha1.ManagementObserveOnly:
		return refuse("observe existing Auth0 objects (managementPolicy: ObserveOnly)")
	}
	return ""
}

type flags struct{ singleton, tenantWide bool }

func kindFlags(k any) flags {
	type flagged interface{ flags() flags }
	if f, ok := k.(flagged); ok {
		return f.flags()
	}
	return flags{}
}

func (k *kindDef[O]) flags() flags {
	return flags{singleton: k.singleton, tenantWide: k.tenantWide || k.singleton || k.exclusive != nil}
}

// ownedByAnother tells (as a conflict's message) whether another object of kind in the
// tenant holds the Auth0 object id: in the cluster (its status.id), or earlier in the
// manifests. Like the reconciler, it names neither the other object nor, unless given, the ID.
func (t *tenant) ownedByAnother(ctx context.Context, kind string, obj reconcile.Object, id string, given bool) (string, error) {
	self := obj.GetNamespace() + "/" + obj.GetName()
	what := "the Auth0 object with this " + kind + "'s name"
	if given {
		what = "Auth0 object " + id
	}
	msg := fmt.Sprintf("%s is already managed by another %s of this tenant; an Auth0 object has one owner", what, kind)
	if o, ok := t.claimed[kind+"/"+id]; ok && o != self {
		return msg, nil
	}
	items, err := t.list(ctx, kind, obj)
	if err != nil {
		return "", err
	}
	for _, it := range items {
		held, _, _ := unstructured.NestedString(it.Object, "status", "id")
		if held == id && it.GetNamespace()+"/"+it.GetName() != self && it.GetDeletionTimestamp() == nil {
			return msg, nil
		}
	}
	t.claimed[kind+"/"+id] = self
	return "", nil
}

// ownerOfSingleton tells (as a conflict's message) whether an older object of the kind (with
// the same key, for an exclusive kind) in the tenant owns what obj would manage.
func (k *kindDef[O]) ownerOfSingletonIn(ctx context.Context, t *tenant, obj O) (string, error) {
	items, err := t.list(ctx, k.kind, obj)
	if err != nil {
		return "", err
	}
	key := ""
	if k.exclusive != nil {
		key = k.exclusive(obj)
	}
	self := obj.GetNamespace() + "/" + obj.GetName()
	for i := range items {
		other, err := k.typed(&items[i])
		if err != nil || other.GetNamespace()+"/"+other.GetName() == self || other.GetDeletionTimestamp() != nil {
			continue
		}
		if k.exclusive != nil && k.exclusive(other) != key {
			continue
		}
		// The oldest owns it; an object not yet in the cluster is the newest.
		if ct, oc := obj.GetCreationTimestamp(), other.GetCreationTimestamp(); obj.GetUID() == "" || oc.Before(&ct) {
			return fmt.Sprintf("another %s of this tenant already manages it (the oldest object owns a tenant-wide setting)", k.kind), nil
		}
	}
	if o, ok := t.claimed[k.kind+"#"+key]; ok && o != self {
		return fmt.Sprintf("another %s of the manifests already manages it", k.kind), nil
	}
	t.claimed[k.kind+"#"+key] = self
	return "", nil
}

// list is the cluster's objects of kind that use the tenant (nil without a cluster).
func (t *tenant) list(ctx context.Context, kind string, obj reconcile.Object) ([]unstructured.Unstructured, error) {
	if t.cluster == nil {
		return nil, nil
	}
	if items, ok := t.lists[kind]; ok {
		return items, nil
	}
	l := &unstructured.UnstructuredList{}
	l.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind(kind + "List"))
	var opts []client.ListOption
	if obj.GetManagedSpec().TenantRef.Kind != "ClusterTenant" {
		opts = append(opts, client.InNamespace(obj.GetNamespace()))
	}
	if err := t.cluster.List(ctx, l, opts...); err != nil {
		return nil, fmt.Errorf("listing the cluster's %s objects: %w", kind, err)
	}
	var items []unstructured.Unstructured
	for _, it := range l.Items {
		if tenantKeyOf(&it) == t.key {
			items = append(items, it)
		}
	}
	t.lists[kind] = items
	return items, nil
}

// tenantKeyOf is the reconciler's tenant key of a managed object.
func tenantKeyOf(u *unstructured.Unstructured) string {
	kind, _, _ := unstructured.NestedString(u.Object, "spec", "tenantRef", "kind")
	name, _, _ := unstructured.NestedString(u.Object, "spec", "tenantRef", "name")
	if kind == "ClusterTenant" {
		return "ClusterTenant/" + name
	}
	return "Tenant/" + u.GetNamespace() + "/" + name
}
