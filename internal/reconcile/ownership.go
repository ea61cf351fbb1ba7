package reconcile

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
)

// One owner per Auth0 object. Per kind and tenant, an Auth0 ID belongs to at most one
// Kubernetes object: the one whose status holds it. Another object that names it (externalID)
// or finds it (AdoptByName, an ObserveOnly lookup, a recovered create) is Stalled with
// AlreadyManaged, and the message names neither the owner nor an ID the claimant did not give.
// The cache shows status.id a moment after it is written; claims records, in this process,
// what was taken in that moment, so that two claimants racing for one ID cannot both win.

// ownerIndex keys each managed object by the Auth0 objects it holds or names.
const ownerIndex = "auth0.a0ops.dev/owns"

// ownerKeys are obj's ownerIndex keys: its tenant with its status.id and its spec.externalID.
func ownerKeys(obj Object) []string {
	key := tenantKey(obj.GetManagedSpec().TenantRef, obj.GetNamespace())
	var keys []string
	for _, id := range []string{obj.GetManagedStatus().ID, obj.GetManagedSpec().ExternalID} {
		if k := key + "/" + id; id != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

type claimKey struct{ kind, id string } // id is tenantKey + "/" + Auth0 ID

// claims are the Auth0 objects taken by this process, by kind.
var claims = struct {
	sync.Mutex
	owner map[claimKey]types.UID
}{owner: map[claimKey]types.UID{}}

// take makes obj the owner of the Auth0 object id, or returns a *Stall when another object of
// the kind owns it in obj's tenant. given tells whether the user wrote id (spec.externalID),
// so that the message may repeat it.
func (r *Reconciler[O]) take(ctx context.Context, obj O, id string, given bool) error {
	return r.claimID(ctx, obj, id, given, true)
}

// refuseOwned returns the *Stall take would, without taking id.
func (r *Reconciler[O]) refuseOwned(ctx context.Context, obj O, id string) error {
	return r.claimID(ctx, obj, id, false, false)
}

func (r *Reconciler[O]) claimID(ctx context.Context, obj O, id string, given, keep bool) error {
	key := claimKey{r.Kind, tenantKey(obj.GetManagedSpec().TenantRef, obj.GetNamespace()) + "/" + id}
	claims.Lock()
	defer claims.Unlock()
	other, err := r.holder(ctx, obj, key.id)
	if err != nil {
		return err
	}
	if uid, ok := claims.owner[key]; !other && ok && uid != obj.GetUID() {
		other, err = r.exists(ctx, uid)
		if err != nil {
			return err
		}
	}
	if other {
		what := fmt.Sprintf("the Auth0 %s with this %s's name", auth0Noun(r.Kind), r.Kind)
		if given {
			what = fmt.Sprintf("Auth0 %s %s", auth0Noun(r.Kind), id)
		}
		return &Stall{Reason: v1alpha1.ReasonAlreadyManaged, Message: fmt.Sprintf(
			"%s is already managed by another %s of this tenant; an Auth0 object has one owner", what, r.Kind)}
	}
	if keep {
		claims.owner[key] = obj.GetUID()
	}
	return nil
}

// holder tells whether another object of the kind holds key (its status.id): naming an ID
// in spec.externalID claims it, holding it in status owns it.
func (r *Reconciler[O]) holder(ctx context.Context, obj O, key string) (bool, error) {
	list := r.NewList()
	opts := []client.ListOption{}
	if obj.GetManagedSpec().TenantRef.Kind != "ClusterTenant" {
		opts = append(opts, client.InNamespace(obj.GetNamespace()))
	}
	if r.indexed {
		opts = append(opts, client.MatchingFields{ownerIndex: key})
	}
	if err := r.Kube.List(ctx, list, opts...); err != nil {
		return false, err
	}
	items, err := meta.ExtractList(list)
	if err != nil {
		return false, err
	}
	for _, it := range items {
		o := it.(O)
		held := tenantKey(o.GetManagedSpec().TenantRef, o.GetNamespace()) + "/" + o.GetManagedStatus().ID
		if o.GetUID() != obj.GetUID() && o.GetManagedStatus().ID != "" && held == key {
			return true, nil
		}
	}
	return false, nil
}

// exists tells whether the object of the kind with uid is still there and not being deleted.
func (r *Reconciler[O]) exists(ctx context.Context, uid types.UID) (bool, error) {
	list := r.NewList()
	if err := r.Kube.List(ctx, list); err != nil {
		return false, err
	}
	items, err := meta.ExtractList(list)
	if err != nil {
		return false, err
	}
	for _, it := range items {
		if o := it.(O); o.GetUID() == uid && o.GetDeletionTimestamp().IsZero() {
			return true, nil
		}
	}
	return false, nil
}

// release forgets what obj took in this process.
func release(kind string, uid types.UID) {
	claims.Lock()
	defer claims.Unlock()
	for k, u := range claims.owner {
		if k.kind == kind && u == uid {
			delete(claims.owner, k)
		}
	}
}

// auth0Noun is what Auth0 calls the object a kind manages.
func auth0Noun(kind string) string {
	switch kind {
	case "Application":
		return "client"
	case "ResourceServer":
		return "API"
	case "ClientGrant":
		return "client grant"
	}
	return kind
}

// Guard is implemented by kinds some of whose Auth0 objects no Kubernetes object may manage
// (the operator's own client, the tenant's global client) or need the tenant's explicit
// permission (a grant to the tenant's Management API). id is "" before a create.
type Guard[O Object] interface {
	Guard(ctx context.Context, c *auth0.Client, obj O, id string, tenant *TenantInfo) error
}

// Protected returns the *Stall a Guard returns.
func Protected(format string, args ...any) error {
	return &Stall{Reason: v1alpha1.ReasonProtected, Message: fmt.Sprintf(format, args...)}
}

func (r *Reconciler[O]) guard(ctx context.Context, c *auth0.Client, obj O, id string, tenant *TenantInfo) error {
	if g, ok := r.External.(Guard[O]); ok {
		return g.Guard(ctx, c, obj, id, tenant)
	}
	return nil
}

// permitted returns a *Stall when obj's namespace may not do what obj asks through tenant.
func (r *Reconciler[O]) permitted(obj O, tenant *TenantInfo) error {
	g, spec := tenant.Grant, obj.GetManagedSpec()
	refuse := func(what string) error {
		return &Stall{Reason: v1alpha1.ReasonTenantNotAllowed, Message: fmt.Sprintf(
			"namespace %s may not %s through %s %s (see its spec.namespacePolicies)", obj.GetNamespace(), what, tenant.Kind, tenant.Name)}
	}
	switch {
	case !g.MayManage(r.Kind):
		return refuse("manage " + r.Kind + " objects")
	case r.TenantWide && !g.TenantWide:
		return refuse("manage " + r.Kind + ", which acts on the whole tenant,")
	case g.Adopt || r.Singleton:
		return nil
	case spec.ExternalID != "":
		return refuse("adopt existing Auth0 objects (spec.externalID)")
	case spec.AdoptionPolicy == v1alpha1.AdoptionAdoptByName:
		return refuse("adopt existing Auth0 objects (adoptionPolicy: AdoptByName)")
	case spec.ManagementPolicy == v1alpha1.ManagementObserveOnly:
		return refuse("observe existing Auth0 objects (managementPolicy: ObserveOnly)")
	}
	return nil
}

// deletesInAuth0 tells whether deleting obj deletes its Auth0 object: an explicit
// deletionPolicy decides; unset, only what the operator created is deleted.
func deletesInAuth0(obj Object) bool {
	spec := obj.GetManagedSpec()
	if spec.ManagementPolicy == v1alpha1.ManagementObserveOnly {
		return false
	}
	switch spec.DeletionPolicy {
	case v1alpha1.DeletionDelete:
		return true
	case v1alpha1.DeletionOrphan:
		return false
	}
	return origin(obj) == v1alpha1.OriginCreated
}

// origin is how the operator came to manage obj's Auth0 object. An object from before origins
// were recorded counts as adopted when its spec adopts, else as created.
func origin(obj Object) v1alpha1.Origin {
	st, spec := obj.GetManagedStatus(), obj.GetManagedSpec()
	switch {
	case st.Origin != "":
		return st.Origin
	case spec.ExternalID != "" || spec.AdoptionPolicy == v1alpha1.AdoptionAdoptByName || spec.ManagementPolicy == v1alpha1.ManagementObserveOnly:
		return v1alpha1.OriginAdopted
	}
	return v1alpha1.OriginCreated
}

// orphanRefused lets a deleting object go without touching Auth0 when the operator may no
// longer act for it (its namespace lost the tenant's permission, the object is protected):
// a namespace's deletion must never hang on a policy.
func (r *Reconciler[O]) orphanRefused(ctx context.Context, obj O, why string) (ctrl.Result, error) {
	msg := "left the Auth0 object in place: " + why
	if id := obj.GetManagedStatus().ID; id != "" {
		msg = fmt.Sprintf("left Auth0 object %s in place: %s", id, why)
	}
	r.event(obj, corev1.EventTypeWarning, "Orphaned", "Delete", "%s", msg)
	return ctrl.Result{}, r.removeFinalizer(ctx, obj)
}

// recoveryWindow bounds how old a create-pending marker may be for an object found by name to
// count as the one that create made. Past it the match is ambiguous: someone may have created
// an object with that name since.
const recoveryWindow = 15 * time.Minute

// CreatedAt is implemented by kinds whose Auth0 objects say when they were created; a
// recovery then accepts only an object created after its create-pending marker.
type CreatedAt[O Object] interface {
	CreatedAt(ctx context.Context, c *auth0.Client, obj O, id string) (time.Time, bool, error)
}

// recoverable tells whether found, looked up by name for a create whose marker was written at
// marked, is the object that create made.
func (r *Reconciler[O]) recoverable(ctx context.Context, c *auth0.Client, obj O, found string, marked time.Time) (bool, error) {
	if ca, ok := r.External.(CreatedAt[O]); ok {
		at, known, err := ca.CreatedAt(ctx, c, obj, found)
		if err != nil || known {
			// Auth0's clock and ours differ a little: a second of slack.
			return known && !at.Before(marked.Add(-time.Second)), err
		}
	}
	return !marked.IsZero() && r.now().Sub(marked) <= recoveryWindow, nil
}

// pendingSince is when obj's create-pending marker was written (zero when unreadable).
func pendingSince(obj client.Object) (time.Time, bool) {
	v, ok := obj.GetAnnotations()[AnnotationCreatePending]
	if !ok {
		return time.Time{}, false
	}
	t, _ := time.Parse(time.RFC3339, v)
	return t, true
}

// DeletesInAuth0 tells whether deleting obj deletes its Auth0 object (for a plan's pruning
// list: the reconciler's own rule).
func DeletesInAuth0(obj Object) bool { return deletesInAuth0(obj) }
