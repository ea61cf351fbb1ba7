package reconcile

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	ctrlreconcile "sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

const (
	tenantIndex = "auth0.a0ops.dev/tenant"
	refIndex    = "auth0.a0ops.dev/references"
)

// Ref names an object in the same namespace that a managed object depends on.
type Ref struct {
	Kind string // Secret, ConfigMap, or a managed kind such as Application
	Name string
}

// Deps are the shared parts every managed kind's reconciler needs.
type Deps struct {
	Tenants   *Tenants
	APIReader client.Reader
	Events    EventRecorder
	// MaxConcurrentReconciles per kind (1 when zero).
	MaxConcurrentReconciles int
}

// Kind describes one managed kind to Setup.
type Kind[O Object] struct {
	Name     string
	New      func() O
	NewList  func() client.ObjectList
	External External[O]
	// References lists the objects obj depends on; a change to any of them reconciles obj.
	References func(obj O) []Ref
	// Watched are the kinds References may name (e.g. &corev1.Secret{}, &v1alpha1.Application{}).
	Watched []client.Object
	// Owns are kinds the reconciler creates and owns (e.g. the credentials Secret).
	Owns []client.Object
	// Singleton kinds manage one thing per tenant: the oldest object owns it (singleton.go).
	// Their External.Find returns the singleton's fixed ID, so nothing is ever created, and
	// deleting the object never touches Auth0.
	Singleton bool
	// Exclusive, when set, keys what an object manages (a trigger, a template name): among the
	// objects of one tenant with the same key, the oldest owns it and newer ones are Stalled
	// with AlreadyManaged (singleton.go). Deletion goes through External.Delete as usual.
	Exclusive func(O) string
	// TenantWide kinds act on the whole tenant (log streams, custom domains; singletons and
	// exclusive kinds always do): a ClusterTenant grants them to a namespace only explicitly.
	TenantWide bool
	// Requests returns the spec's request tokens by name (see Requested).
	Requests func(O) map[string]string
}

// Setup registers a managed kind's controller with the manager: the object itself, its tenant,
// the objects it references and the objects it owns.
func Setup[O Object](mgr ctrl.Manager, deps Deps, k Kind[O]) error {
	ctx := context.Background()
	idx := mgr.GetFieldIndexer()
	if err := idx.IndexField(ctx, k.New(), tenantIndex, func(o client.Object) []string {
		return []string{tenantKey(o.(Object).GetManagedSpec().TenantRef, o.GetNamespace())}
	}); err != nil {
		return fmt.Errorf("indexing %s by tenant: %w", k.Name, err)
	}
	if err := idx.IndexField(ctx, k.New(), ownerIndex, func(o client.Object) []string {
		return ownerKeys(o.(Object))
	}); err != nil {
		return fmt.Errorf("indexing %s by Auth0 object: %w", k.Name, err)
	}
	if k.References != nil {
		if err := idx.IndexField(ctx, k.New(), refIndex, func(o client.Object) []string {
			var keys []string
			for _, r := range k.References(o.(O)) {
				keys = append(keys, r.Kind+"/"+r.Name)
			}
			return keys
		}); err != nil {
			return fmt.Errorf("indexing %s by reference: %w", k.Name, err)
		}
	}

	// Zero series from the start, so that dashboards and alerts see the kind before it drifts.
	driftTotal.WithLabelValues(k.Name)
	for _, op := range []string{"create", "update", "delete"} {
		writesTotal.WithLabelValues(k.Name, op)
	}

	r := &Reconciler[O]{
		Kind: k.Name, New: k.New, NewList: k.NewList, Singleton: k.Singleton, Exclusive: k.Exclusive, External: k.External,
		TenantWide: k.TenantWide || k.Singleton || k.Exclusive != nil, Requests: k.Requests,
		Kube: mgr.GetClient(), APIReader: deps.APIReader, Tenants: deps.Tenants, Events: deps.Events, indexed: true,
	}
	workers := deps.MaxConcurrentReconciles
	if workers < 1 {
		workers = 1
	}
	b := ctrl.NewControllerManagedBy(mgr).
		Named(k.Name).
		For(k.New(), builder.WithPredicates(specOrMetadataChanged())).
		WithOptions(controller.Options{MaxConcurrentReconciles: workers}).
		Watches(&v1alpha1.Tenant{}, r.byTenant(mgr.GetClient(), k.NewList), builder.WithPredicates(tenantReadinessChanged())).
		Watches(&v1alpha1.ClusterTenant{}, r.byTenant(mgr.GetClient(), k.NewList), builder.WithPredicates(tenantReadinessChanged())).
		// A namespace's labels decide whether it may use a ClusterTenant.
		Watches(&corev1.Namespace{}, byNamespace(mgr.GetClient(), k.NewList), builder.WithPredicates(predicate.LabelChangedPredicate{}))
	if k.Singleton || k.Exclusive != nil {
		// When the owner goes, the next object of its tenant (and key) takes over.
		b = b.Watches(k.New(), r.sameTenant(mgr.GetClient(), k.NewList), builder.WithPredicates(predicate.Funcs{
			CreateFunc:  func(event.CreateEvent) bool { return false },
			GenericFunc: func(event.GenericEvent) bool { return false },
			UpdateFunc: func(e event.UpdateEvent) bool {
				return e.ObjectOld.GetDeletionTimestamp().IsZero() && !e.ObjectNew.GetDeletionTimestamp().IsZero()
			},
		}))
	}
	// When an object that holds an Auth0 object goes, the objects refused because they name
	// it (AlreadyManaged) try again.
	b = b.Watches(k.New(), byOwnedID(mgr.GetClient(), k.NewList), builder.WithPredicates(predicate.Funcs{
		CreateFunc:  func(event.CreateEvent) bool { return false },
		GenericFunc: func(event.GenericEvent) bool { return false },
		UpdateFunc: func(e event.UpdateEvent) bool {
			return e.ObjectOld.GetDeletionTimestamp().IsZero() && !e.ObjectNew.GetDeletionTimestamp().IsZero()
		},
	}))
	for _, o := range k.Owns {
		// Metadata only, so that owning a Secret does not cache the cluster's Secrets.
		b = b.Owns(o, builder.OnlyMetadata)
	}
	for _, w := range k.Watched {
		kind, err := kindOf(mgr, w)
		if err != nil {
			return err
		}
		h := byReference(mgr.GetClient(), k.NewList, kind)
		switch w.(type) {
		case *corev1.Secret, *corev1.ConfigMap:
			// Metadata only: the operator must not cache the cluster's Secrets and ConfigMaps.
			pom := &metav1.PartialObjectMetadata{}
			pom.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind(kind))
			b = b.WatchesMetadata(pom, h, builder.WithPredicates(predicate.ResourceVersionChangedPredicate{}))
		default:
			b = b.Watches(w, h, builder.WithPredicates(referenceChanged()))
		}
	}
	return b.Complete(r)
}

func kindOf(mgr ctrl.Manager, o client.Object) (string, error) {
	gvk, err := mgr.GetClient().GroupVersionKindFor(o)
	if err != nil {
		return "", err
	}
	return gvk.Kind, nil
}

func tenantKey(ref v1alpha1.TenantReference, namespace string) string {
	if ref.Kind == "ClusterTenant" {
		return "ClusterTenant/" + ref.Name
	}
	return "Tenant/" + namespace + "/" + ref.Name
}

// byTenant enqueues every object of the kind that uses the changed tenant.
func (r *Reconciler[O]) byTenant(c client.Client, newList func() client.ObjectList) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, t client.Object) []ctrlreconcile.Request {
		key := "ClusterTenant/" + t.GetName()
		if _, ok := t.(*v1alpha1.Tenant); ok {
			key = "Tenant/" + t.GetNamespace() + "/" + t.GetName()
		}
		return listRequests(ctx, c, newList(), client.MatchingFields{tenantIndex: key})
	})
}

// sameTenant enqueues every object of the kind that uses the changed object's tenant.
func (r *Reconciler[O]) sameTenant(c client.Client, newList func() client.ObjectList) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []ctrlreconcile.Request {
		m, ok := o.(Object)
		if !ok {
			return nil
		}
		key := tenantKey(m.GetManagedSpec().TenantRef, o.GetNamespace())
		return listRequests(ctx, c, newList(), client.MatchingFields{tenantIndex: key})
	})
}

// byOwnedID enqueues the objects of the kind that name an Auth0 object the changed object holds.
func byOwnedID(c client.Client, newList func() client.ObjectList) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []ctrlreconcile.Request {
		m, ok := o.(Object)
		if !ok || m.GetManagedStatus().ID == "" {
			return nil
		}
		key := tenantKey(m.GetManagedSpec().TenantRef, o.GetNamespace()) + "/" + m.GetManagedStatus().ID
		return listRequests(ctx, c, newList(), client.MatchingFields{ownerIndex: key})
	})
}

// byNamespace enqueues every object of the kind in the changed namespace.
func byNamespace(c client.Client, newList func() client.ObjectList) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, ns client.Object) []ctrlreconcile.Request {
		return listRequests(ctx, c, newList(), client.InNamespace(ns.GetName()))
	})
}

// byReference enqueues the objects in the changed object's namespace that reference it.
func byReference(c client.Client, newList func() client.ObjectList, kind string) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []ctrlreconcile.Request {
		return listRequests(ctx, c, newList(), client.InNamespace(o.GetNamespace()),
			client.MatchingFields{refIndex: kind + "/" + o.GetName()})
	})
}

func listRequests(ctx context.Context, c client.Client, list client.ObjectList, opts ...client.ListOption) []ctrlreconcile.Request {
	if err := c.List(ctx, list, opts...); err != nil {
		return nil
	}
	items, err := meta.ExtractList(list)
	if err != nil {
		return nil
	}
	reqs := make([]ctrlreconcile.Request, 0, len(items))
	for _, it := range items {
		o := it.(client.Object)
		reqs = append(reqs, ctrlreconcile.Request{NamespacedName: types.NamespacedName{Namespace: o.GetNamespace(), Name: o.GetName()}})
	}
	return reqs
}

// specOrMetadataChanged ignores the operator's own status writes, which would otherwise make
// every reconcile trigger the next.
func specOrMetadataChanged() predicate.Predicate {
	return predicate.Or(
		predicate.GenerationChangedPredicate{},
		predicate.AnnotationChangedPredicate{},
		predicate.LabelChangedPredicate{},
		predicate.Funcs{UpdateFunc: func(e event.UpdateEvent) bool {
			return e.ObjectOld.GetDeletionTimestamp().IsZero() != e.ObjectNew.GetDeletionTimestamp().IsZero()
		}},
	)
}

// referenceChanged passes the events of a referenced managed object that can change what its
// referrers resolve: creation, deletion, a spec change, a new Auth0 ID, a change of readiness.
// Its routine status writes (lastSyncTime after each observation) do not: each would cost
// every referrer an observation.
func referenceChanged() predicate.Predicate {
	return predicate.Funcs{UpdateFunc: func(e event.UpdateEvent) bool {
		o, okOld := e.ObjectOld.(Object)
		n, okNew := e.ObjectNew.(Object)
		if !okOld || !okNew {
			return true
		}
		return o.GetGeneration() != n.GetGeneration() || o.GetManagedStatus().ID != n.GetManagedStatus().ID ||
			managedReady(o) != managedReady(n) || o.GetDeletionTimestamp().IsZero() != n.GetDeletionTimestamp().IsZero()
	}}
}

func managedReady(o Object) metav1.ConditionStatus {
	if c := meta.FindStatusCondition(o.GetManagedStatus().Conditions, v1alpha1.ConditionReady); c != nil {
		return c.Status
	}
	return metav1.ConditionUnknown
}

// tenantReadinessChanged passes tenant events that matter to managed objects: creation,
// deletion, and a change of readiness. The tenant's periodic budget updates do not.
func tenantReadinessChanged() predicate.Predicate {
	return predicate.Funcs{UpdateFunc: func(e event.UpdateEvent) bool {
		return readyOf(e.ObjectOld) != readyOf(e.ObjectNew) || e.ObjectOld.GetGeneration() != e.ObjectNew.GetGeneration()
	}}
}

func readyOf(o client.Object) metav1.ConditionStatus {
	var conds []metav1.Condition
	switch t := o.(type) {
	case *v1alpha1.Tenant:
		conds = t.Status.Conditions
	case *v1alpha1.ClusterTenant:
		conds = t.Status.Conditions
	}
	if c := meta.FindStatusCondition(conds, v1alpha1.ConditionReady); c != nil {
		return c.Status
	}
	return metav1.ConditionUnknown
}
