package reconcile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/log"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
)

const (
	// Finalizer keeps a managed object until its Auth0 object is deleted or orphaned.
	Finalizer = "auth0.a0ops.dev/finalizer"
	// AnnotationCreatePending records that a create was sent to Auth0 and its ID is not saved
	// yet. An interrupted create is resolved by a natural-key lookup, never by a second create.
	AnnotationCreatePending = "auth0.a0ops.dev/create-pending"

	// ManagedByLabel marks the Secrets the operator writes; its cache sees only those.
	ManagedByLabel = "app.kubernetes.io/managed-by"
	ManagedByValue = "auth0-operator"

	// waitingRetry is how often an object waiting for something that no watch reports is
	// looked at again.
	waitingRetry = time.Minute
	// conflictRetry is how soon a 409 (a concurrent change in Auth0) is retried.
	conflictRetry = 5 * time.Second
)

// EventRecorder is the part of the events.k8s.io recorder the reconciler uses.
type EventRecorder interface {
	Eventf(regarding runtime.Object, related runtime.Object, eventtype, reason, action, note string, args ...any)
}

// Reconciler runs one managed kind on its External.
type Reconciler[O Object] struct {
	// Kind is the kind's name, for Events, metrics and messages.
	Kind string
	// New returns an empty object of the kind.
	New func() O
	// NewList returns an empty list of the kind (needed for Singleton kinds).
	NewList func() client.ObjectList
	// Singleton kinds manage one thing per tenant (see singleton.go).
	Singleton bool
	// Exclusive, when set, keys what an object manages: one object per tenant and key.
	Exclusive func(O) string
	// TenantWide kinds act on the whole tenant (singletons, trigger bindings, log streams,
	// custom domains): a ClusterTenant grants them to a namespace only explicitly.
	TenantWide bool
	// Requests returns the spec's request tokens by name (see Requested).
	Requests func(O) map[string]string
	// External maps the kind to Auth0.
	External External[O]

	// Kube is the manager's client; APIReader reads past the cache where freshness matters.
	Kube      client.Client
	APIReader client.Reader
	Tenants   *Tenants
	Events    EventRecorder
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Deadline bounds one reconcile (DefaultDeadline when 0): a call that hangs, or a budget
	// wait that would outlast it, ends the reconcile with an error and a retry instead of
	// holding a worker. The status is still written.
	Deadline time.Duration

	// indexed is set when Kube's cache has the ownerIndex (Setup registers it).
	indexed bool
	// written is, per object, the resourceVersion this reconciler last wrote or read: a cached
	// copy with another one is older (or newer) than what the last reconcile decided from.
	written sync.Map // types.UID -> string
}

// DefaultDeadline is a reconcile's deadline unless Reconciler.Deadline says otherwise: far
// longer than a reconcile's calls with their budget waits (each call waits at most the pool's
// max wait, then is refused), so that only a call that hangs meets it.
const DefaultDeadline = 5 * time.Minute

func (r *Reconciler[O]) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Reconcile implements reconcile.Reconciler.
func (r *Reconciler[O]) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	obj, err := r.get(ctx, req.NamespacedName)
	if err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	before := obj.DeepCopyObject().(O)
	defer func() { r.written.Store(obj.GetUID(), obj.GetResourceVersion()) }()

	deadline := r.Deadline
	if deadline <= 0 {
		deadline = DefaultDeadline
	}
	rctx, cancel := context.WithTimeout(withSecrets(ctx), deadline)
	res, err := r.reconcile(rctx, obj)
	cancel()

	if controllerutil.ContainsFinalizer(obj, Finalizer) || obj.GetDeletionTimestamp().IsZero() {
		if perr := r.patchStatus(ctx, before, obj); perr != nil {
			return ctrl.Result{}, errors.Join(err, perr)
		}
		ready, reason := string(metav1.ConditionUnknown), ""
		if c := meta.FindStatusCondition(obj.GetManagedStatus().Conditions, v1alpha1.ConditionReady); c != nil {
			ready, reason = string(c.Status), c.Reason
		}
		objects.set(r.Kind, req.String(), ready, reason)
	} else {
		objects.forget(r.Kind, req.String())
	}
	return res, err
}

// get reads the object from the cache, or past it when the cached copy is not the one this
// reconciler last wrote: decisions that depend on status (drift or update? rotated already?)
// must never be made from a copy older than the last status write.
func (r *Reconciler[O]) get(ctx context.Context, key types.NamespacedName) (O, error) {
	obj := r.New()
	err := r.Kube.Get(ctx, key, obj)
	if err == nil {
		if rv, ok := r.written.Load(obj.GetUID()); ok && rv.(string) != obj.GetResourceVersion() {
			err = r.APIReader.Get(ctx, key, obj)
		}
	}
	if apierrors.IsNotFound(err) {
		objects.forget(r.Kind, key.String())
	}
	return obj, err
}

// patchStatus writes the status once, as a merge patch of what changed, and only if it did.
func (r *Reconciler[O]) patchStatus(ctx context.Context, before, obj O) error {
	obj.GetManagedStatus().ObservedGeneration = obj.GetGeneration()
	// The base carries the object's current metadata so that only status is in the patch.
	before.SetResourceVersion(obj.GetResourceVersion())
	before.SetAnnotations(obj.GetAnnotations())
	before.SetFinalizers(obj.GetFinalizers())
	patch := client.MergeFrom(before)
	data, err := patch.Data(obj)
	if err != nil {
		return err
	}
	if string(data) == "{}" {
		return nil
	}
	return client.IgnoreNotFound(r.Kube.Status().Patch(ctx, obj, patch))
}

// patchMeta changes the object's metadata on a copy (so that the in-memory status survives
// the server's answer) and copies the new metadata back.
func (r *Reconciler[O]) patchMeta(ctx context.Context, obj O, mutate func(client.Object)) error {
	cp := obj.DeepCopyObject().(O)
	base := obj.DeepCopyObject().(O)
	mutate(cp)
	if err := r.Kube.Patch(ctx, cp, client.MergeFrom(base)); err != nil {
		return err
	}
	obj.SetResourceVersion(cp.GetResourceVersion())
	obj.SetAnnotations(cp.GetAnnotations())
	obj.SetFinalizers(cp.GetFinalizers())
	return nil
}

// saveID writes status.id at once, outside the single end-of-reconcile write: after a create,
// losing the ID would mean losing track of an object that exists.
func (r *Reconciler[O]) saveID(ctx context.Context, obj O, id string) error {
	cp := obj.DeepCopyObject().(O)
	base := obj.DeepCopyObject().(O)
	cp.GetManagedStatus().ID = id
	if err := r.Kube.Status().Patch(ctx, cp, client.MergeFrom(base)); err != nil {
		return err
	}
	obj.GetManagedStatus().ID = id
	obj.SetResourceVersion(cp.GetResourceVersion())
	return nil
}

// converged tells whether this generation of the spec was already applied and seen Ready.
func converged(obj Object) bool {
	c := meta.FindStatusCondition(obj.GetManagedStatus().Conditions, v1alpha1.ConditionReady)
	return c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == obj.GetGeneration()
}

func (r *Reconciler[O]) reconcile(ctx context.Context, obj O) (ctrl.Result, error) {
	spec := obj.GetManagedSpec()
	deleting := !obj.GetDeletionTimestamp().IsZero()
	if deleting && !controllerutil.ContainsFinalizer(obj, Finalizer) {
		return ctrl.Result{}, nil
	}
	if deleting && r.Singleton {
		return r.releaseSingleton(ctx, obj)
	}
	if deleting && !deletesInAuth0(obj) {
		// Nothing to do in Auth0: a tenant that is gone or not Ready must not block it.
		return r.orphan(ctx, obj)
	}

	tenant, err := r.Tenants.Get(ctx, spec.TenantRef, obj.GetNamespace())
	if err == nil {
		err = r.permitted(obj, tenant)
	}
	if err != nil {
		if _, waiting := asWaiting(err); waiting && deleting {
			// The tenant is gone: Auth0 cannot be reached through it any more. Keeping the
			// finalizer would block the deletion forever.
			return r.orphanRefused(ctx, obj, tenantName(spec.TenantRef)+" is gone")
		}
		if s, stalled := asStall(err); stalled && deleting {
			return r.orphanRefused(ctx, obj, s.Message)
		}
		return r.fail(ctx, obj, tenant, err)
	}
	if !tenant.Ready() {
		msg := tenantName(spec.TenantRef) + " is not Ready"
		if c := meta.FindStatusCondition(tenant.Status.Conditions, v1alpha1.ConditionReady); c != nil && c.Message != "" {
			msg += ": " + c.Message
		}
		return r.fail(ctx, obj, tenant, &Waiting{Reason: v1alpha1.ReasonTenantNotReady, Message: msg})
	}
	c, err := r.Tenants.Client(ctx, tenant)
	if err != nil {
		return r.fail(ctx, obj, tenant, err)
	}

	if deleting {
		return r.delete(ctx, c, obj, tenant)
	}
	if r.Singleton || r.Exclusive != nil {
		if err := r.claim(ctx, obj); err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
	}
	if !controllerutil.ContainsFinalizer(obj, Finalizer) {
		if err := r.patchMeta(ctx, obj, func(o client.Object) { controllerutil.AddFinalizer(o, Finalizer) }); err != nil {
			return ctrl.Result{}, err
		}
	}
	if rs, ok := r.External.(Resolver[O]); ok {
		if err := rs.Resolve(ctx, obj); err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
	}

	// User changes go before periodic observation in the tenant's budget.
	lane := auth0.LaneObserve
	if !converged(obj) {
		lane = auth0.LaneChange
	}
	ctx = auth0.WithLane(ctx, lane)
	return r.sync(ctx, c, obj, tenant)
}

func (r *Reconciler[O]) sync(ctx context.Context, c *auth0.Client, obj O, tenant *TenantInfo) (ctrl.Result, error) {
	spec, st := obj.GetManagedSpec(), obj.GetManagedStatus()
	observeOnly := spec.ManagementPolicy == v1alpha1.ManagementObserveOnly
	wasConverged := converged(obj)

	id := st.ID
	if spec.ExternalID != "" {
		id = spec.ExternalID
	}
	if err := r.guard(ctx, c, obj, id, tenant); err != nil {
		return r.fail(ctx, obj, tenant, err)
	}
	if id != st.ID && !r.Singleton && r.Exclusive == nil {
		if err := r.take(ctx, obj, id, true); err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
		st.Origin = v1alpha1.OriginAdopted
	}
	var obs Observation
	if id != "" {
		var err error
		if obs, err = r.External.Observe(ctx, c, obj, id); err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
		if !obs.Exists {
			if spec.ExternalID != "" {
				return r.fail(ctx, obj, tenant, &Stall{Reason: v1alpha1.ReasonNotFound,
					Message: fmt.Sprintf("spec.externalID %s does not exist in Auth0", spec.ExternalID)})
			}
			r.event(obj, corev1.EventTypeWarning, "DeletedOutsideKubernetes", "Observe",
				"Auth0 object %s was deleted outside Kubernetes%s", id, map[bool]string{true: "", false: "; recreating it"}[observeOnly])
			st.ID, id = "", ""
		}
	}

	created := false
	if id == "" {
		if observeOnly {
			found, err := r.External.Find(ctx, c, obj)
			if err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
			if found == "" {
				r.setReady(obj, metav1.ConditionFalse, v1alpha1.ReasonNotFound, "no such object in Auth0; ObserveOnly does not create it")
				r.setSynced(obj, metav1.ConditionFalse, v1alpha1.ReasonNotFound, "no such object in Auth0")
				r.clearStalled(obj)
				reconcileTotal.WithLabelValues(r.Kind, v1alpha1.ReasonNotFound).Inc()
				return ctrl.Result{RequeueAfter: jitter(tenant.DriftInterval)}, nil
			}
			if err := r.adopt(ctx, c, obj, found, tenant); err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
			id = found
		} else {
			var err error
			if id, err = r.create(ctx, c, obj, tenant); err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
			created = true
		}
		st.ID = id
		var err error
		if obs, err = r.External.Observe(ctx, c, obj, id); err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
		if !obs.Exists {
			return r.fail(ctx, obj, tenant, &Waiting{Reason: v1alpha1.ReasonCreating, Message: "created in Auth0, not visible yet"})
		}
	}
	st.ID = id
	if st.Origin == "" {
		st.Origin = origin(obj)
	}

	// What the observation asked for first (a verified domain may then take its default; a
	// rotated secret is in the re-observation), then the spec's fields.
	if len(obs.Act) > 0 && !observeOnly {
		for _, a := range obs.Act {
			if err := a.Do(ctx); err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
			writesTotal.WithLabelValues(r.Kind, "action").Inc()
			if a.Reason != "" {
				r.event(obj, corev1.EventTypeNormal, a.Reason, "Act", "%s", a.Name)
			}
		}
		r.recordRequests(obj)
		var err error
		if obs, err = r.External.Observe(ctx, c, obj, id); err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
	}
	syncedReason, syncedMsg := v1alpha1.ReasonUpToDate, ""
	syncedStatus := metav1.ConditionTrue
	if !obs.UpToDate {
		fields := strings.Join(obs.Diff, ", ")
		// Fields that differ because an input changed are not drift.
		outside := slices.DeleteFunc(slices.Clone(obs.Diff), func(f string) bool { return slices.Contains(obs.Changed, f) })
		drifted := wasConverged && !created && len(outside) > 0
		if drifted {
			r.recordDrift(obj, outside, !observeOnly)
			syncedStatus, syncedReason = metav1.ConditionFalse, v1alpha1.ReasonDriftDetected
			syncedMsg = strings.Join(outside, ", ") + " changed outside Kubernetes"
		}
		if observeOnly {
			if !drifted {
				syncedStatus, syncedReason = metav1.ConditionFalse, v1alpha1.ReasonDriftDetected
				syncedMsg = fields + " differ from the spec"
			}
			syncedMsg += " (ObserveOnly: not corrected)"
		} else {
			if err := r.External.Update(ctx, c, obj, id, obs); err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
			writesTotal.WithLabelValues(r.Kind, "update").Inc()
			r.recordRequests(obj)
			recordInputs(obj, obs)
			if drifted {
				syncedMsg += "; corrected"
				r.event(obj, corev1.EventTypeNormal, "DriftCorrected", "Update", "corrected %s", strings.Join(outside, ", "))
			} else {
				r.event(obj, corev1.EventTypeNormal, "Updated", "Update", "updated %s", fields)
			}
			var err error
			if obs, err = r.External.Observe(ctx, c, obj, id); err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
			if obs.Exists && !obs.UpToDate {
				return r.fail(ctx, obj, tenant, &Stall{Reason: v1alpha1.ReasonAuth0Error, Message: fmt.Sprintf(
					"Auth0 accepted the update but still differs in %s", strings.Join(obs.Diff, ", "))})
			}
		}
	}

	for _, e := range obs.Events {
		r.event(obj, e.Type, e.Reason, "Observe", "%s", e.Message)
	}
	if !observeOnly {
		for _, out := range obs.Publish {
			err := r.publishOutput(ctx, obj, out)
			if w, ok := asWaiting(err); ok && obs.NotReady == nil {
				obs.NotReady, err = w, nil
			}
			if err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
		}
	}

	// Credentials go out only for what this object created, or adopted with the tenant's
	// permission to adopt (which a namespace may lose).
	if obs.Connection != nil && (st.Origin == v1alpha1.OriginCreated || tenant.Grant.Adopt) {
		if owner, ok := any(obj).(CredentialsSecretOwner); ok && owner.CredentialsSecretName() != "" {
			if err := r.publish(ctx, obj, owner.CredentialsSecretName(), obs.Connection); err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
		}
	}

	now := metav1.NewTime(r.now())
	st.LastSyncTime = &now
	if !observeOnly || len(obs.Act) == 0 { // a request ObserveOnly did not act on stays pending
		r.recordRequests(obj)
	}
	if !observeOnly { // Auth0 holds the inputs' values now (ObserveOnly never wrote them)
		recordInputs(obj, obs)
	}
	r.setSynced(obj, syncedStatus, syncedReason, syncedMsg)
	r.clearStalled(obj)
	if obs.NotReady != nil {
		r.setReady(obj, metav1.ConditionFalse, obs.NotReady.Reason, obs.NotReady.Message)
		reconcileTotal.WithLabelValues(r.Kind, obs.NotReady.Reason).Inc()
		return ctrl.Result{RequeueAfter: retryAfter(obs.NotReady)}, nil
	}
	r.setReady(obj, metav1.ConditionTrue, v1alpha1.ReasonAvailable, "")
	reconcileTotal.WithLabelValues(r.Kind, syncedReason).Inc()
	return ctrl.Result{RequeueAfter: jitter(tenant.DriftInterval)}, nil
}

// create makes the Auth0 object, at most once across crashes and restarts.
func (r *Reconciler[O]) create(ctx context.Context, c *auth0.Client, obj O, tenant *TenantInfo) (string, error) {
	spec := obj.GetManagedSpec()
	marked, pending := pendingSince(obj)
	if pending {
		// An earlier create may have reached Auth0 after the cached list was taken.
		ctx = auth0.WithFreshSince(ctx, r.now())
	} else {
		// The lookup must see every Auth0 object that existed when the user applied this one
		// (Auth0 allows two clients with one name): a list taken before that is too old. One
		// refresh serves a whole batch applied together.
		ctx = auth0.WithFreshSince(ctx, appliedAt(obj, r.now()))
	}

	found, err := r.External.Find(ctx, c, obj)
	if err != nil {
		return "", err
	}
	if found != "" {
		recovered := false
		if pending {
			if recovered, err = r.recoverable(ctx, c, obj, found, marked); err != nil {
				return "", err
			}
			if !recovered && spec.AdoptionPolicy != v1alpha1.AdoptionAdoptByName {
				return "", &Stall{Reason: v1alpha1.ReasonAlreadyExists, Message: fmt.Sprintf(
					"an interrupted create of this %s cannot be told apart from an Auth0 %s with the same name created since; "+
						"set spec.externalID to the object to manage, or remove the %s annotation to create a new one",
					r.Kind, auth0Noun(r.Kind), AnnotationCreatePending)}
			}
		}
		// A singleton always exists: managing it is never a duplicate.
		if !recovered && !r.Singleton && spec.AdoptionPolicy != v1alpha1.AdoptionAdoptByName {
			if r.Exclusive == nil {
				// Another object's Auth0 object is not this one's to name, nor its ID to show.
				if err := r.refuseOwned(ctx, obj, found); err != nil {
					return "", err
				}
			}
			return "", &Stall{Reason: v1alpha1.ReasonAlreadyExists, Message: fmt.Sprintf(
				"an Auth0 %s with the same name already exists (id %s): set spec.externalID to %s to manage it, or spec.adoptionPolicy: AdoptByName",
				auth0Noun(r.Kind), found, found)}
		}
		if recovered {
			if err := r.take(ctx, obj, found, false); err != nil {
				return "", err
			}
			obj.GetManagedStatus().Origin = v1alpha1.OriginCreated
		} else if err := r.adopt(ctx, c, obj, found, tenant); err != nil {
			return "", err
		}
		if err := r.saveID(ctx, obj, found); err != nil {
			return "", err
		}
		if recovered {
			r.event(obj, corev1.EventTypeNormal, "CreateRecovered", "Create", "found %s created by an interrupted create; not creating it again", found)
		} else {
			r.event(obj, corev1.EventTypeNormal, "Adopted", "Adopt", "adopted the existing Auth0 object %s by name", found)
		}
		return found, r.clearPending(ctx, obj)
	}

	if !pending {
		if err := r.patchMeta(ctx, obj, func(o client.Object) {
			a := o.GetAnnotations()
			if a == nil {
				a = map[string]string{}
			}
			a[AnnotationCreatePending] = r.now().UTC().Format(time.RFC3339)
			o.SetAnnotations(a)
		}); err != nil {
			return "", err
		}
	}
	id, err := r.External.Create(ctx, c, obj)
	if err != nil {
		if refusedForGood(err) {
			// Auth0 answered and created nothing: no create is in flight any more, and a later
			// lookup by name must not take someone else's object for this one's.
			return "", errors.Join(err, r.clearPending(ctx, obj))
		}
		return "", err
	}
	writesTotal.WithLabelValues(r.Kind, "create").Inc()
	obj.GetManagedStatus().Origin = v1alpha1.OriginCreated
	if err := r.take(ctx, obj, id, false); err != nil {
		return "", err
	}
	if err := r.saveID(ctx, obj, id); err != nil {
		return "", fmt.Errorf("created Auth0 object %s but could not save its ID (it will be found by name): %w", id, err)
	}
	r.event(obj, corev1.EventTypeNormal, "Created", "Create", "created Auth0 object %s", id)
	return id, r.clearPending(ctx, obj)
}

// adopt takes over found, an existing Auth0 object found by name, for obj.
func (r *Reconciler[O]) adopt(ctx context.Context, c *auth0.Client, obj O, found string, tenant *TenantInfo) error {
	if err := r.guard(ctx, c, obj, found, tenant); err != nil {
		return err
	}
	if !r.Singleton && r.Exclusive == nil {
		if err := r.take(ctx, obj, found, false); err != nil {
			return err
		}
	}
	obj.GetManagedStatus().Origin = v1alpha1.OriginAdopted
	return nil
}

// refusedForGood tells whether a create's error is Auth0's definitive answer that it created
// nothing (400, 401, 403, 409, 422), as opposed to an outcome that is unknown (5xx, timeouts).
func refusedForGood(err error) bool {
	switch auth0.Classify(err).Class {
	case auth0.ClassInvalid, auth0.ClassForbidden, auth0.ClassUnauthorized, auth0.ClassConflict:
		return true
	}
	return false
}

// recordRequests records the spec's request tokens as handled (see Requested).
func (r *Reconciler[O]) recordRequests(obj O) {
	if r.Requests != nil {
		obj.GetManagedStatus().Requests = r.Requests(obj)
	}
}

// appliedAt is when obj was created in Kubernetes, rounded up to the second (the timestamp's
// resolution), and never in the future.
func appliedAt(obj client.Object, now time.Time) time.Time {
	t := obj.GetCreationTimestamp().Add(time.Second)
	if t.After(now) {
		return now
	}
	return t
}

func (r *Reconciler[O]) clearPending(ctx context.Context, obj O) error {
	if _, ok := obj.GetAnnotations()[AnnotationCreatePending]; !ok {
		return nil
	}
	return r.patchMeta(ctx, obj, func(o client.Object) {
		a := o.GetAnnotations()
		delete(a, AnnotationCreatePending)
		o.SetAnnotations(a)
	})
}

func (r *Reconciler[O]) delete(ctx context.Context, c *auth0.Client, obj O, tenant *TenantInfo) (ctrl.Result, error) {
	st := obj.GetManagedStatus()
	ctx = auth0.WithLane(ctx, auth0.LaneChange)
	// Only what this object holds is its to delete: an externalID it was refused, or never
	// reached, is not.
	id := st.ID
	if marked, pending := pendingSince(obj); pending && id == "" {
		found, err := r.External.Find(auth0.WithFreshSince(ctx, r.now()), c, obj)
		if err != nil {
			return r.fail(ctx, obj, tenant, err)
		}
		if found != "" {
			ours, err := r.recoverable(ctx, c, obj, found, marked)
			if err == nil && ours {
				err = r.take(ctx, obj, found, false)
			}
			if _, stalled := asStall(err); stalled || (err == nil && !ours) {
				// Never delete what cannot be shown to be this object's.
				return r.orphanRefused(ctx, obj, "an interrupted create cannot be told apart from an Auth0 object with the same name")
			}
			if err != nil {
				return r.fail(ctx, obj, tenant, err)
			}
		}
		id = found
	}
	if id != "" {
		if err := r.guard(ctx, c, obj, id, tenant); err != nil {
			if s, stalled := asStall(err); stalled {
				return r.orphanRefused(ctx, obj, s.Message)
			}
			return r.fail(ctx, obj, tenant, err)
		}
		r.setReady(obj, metav1.ConditionFalse, v1alpha1.ReasonDeleting, "deleting the Auth0 object")
		if err := r.External.Delete(ctx, c, obj, id); err != nil && !auth0.IsNotFound(err) {
			return r.fail(ctx, obj, tenant, err)
		}
		writesTotal.WithLabelValues(r.Kind, "delete").Inc()
		r.event(obj, corev1.EventTypeNormal, "Deleted", "Delete", "deleted Auth0 object %s", id)
	}
	return ctrl.Result{}, r.removeFinalizer(ctx, obj)
}

// orphan lets the object go and leaves its Auth0 object in place.
func (r *Reconciler[O]) orphan(ctx context.Context, obj O) (ctrl.Result, error) {
	spec := obj.GetManagedSpec()
	id := obj.GetManagedStatus().ID
	if id == "" {
		id = spec.ExternalID
	}
	if id != "" {
		r.event(obj, corev1.EventTypeNormal, "Orphaned", "Delete", "left Auth0 object %s in place (deletionPolicy %s, managementPolicy %s)",
			id, spec.DeletionPolicy, spec.ManagementPolicy)
	}
	return ctrl.Result{}, r.removeFinalizer(ctx, obj)
}

func (r *Reconciler[O]) removeFinalizer(ctx context.Context, obj O) error {
	release(r.Kind, obj.GetUID())
	return client.IgnoreNotFound(r.patchMeta(ctx, obj, func(o client.Object) { controllerutil.RemoveFinalizer(o, Finalizer) }))
}

// recordDrift starts or continues a drift episode: one Event and one count per episode.
func (r *Reconciler[O]) recordDrift(obj O, fields []string, corrected bool) {
	st := obj.GetManagedStatus()
	synced := meta.FindStatusCondition(st.Conditions, v1alpha1.ConditionSynced)
	sameEpisode := synced != nil && synced.Reason == v1alpha1.ReasonDriftDetected && st.Drift != nil &&
		slices.Equal(st.Drift.Fields, fields) && !corrected
	if sameEpisode {
		return
	}
	st.Drift = &v1alpha1.DriftStatus{Fields: fields, DetectedAt: metav1.NewTime(r.now()), Corrected: corrected}
	driftTotal.WithLabelValues(r.Kind).Inc()
	r.event(obj, corev1.EventTypeWarning, "DriftDetected", "Observe", "%s changed outside Kubernetes", strings.Join(fields, ", "))
}

// fail turns an error into conditions and a requeue decision. Errors are classified once, by
// internal/auth0; here each class meets its policy.
func (r *Reconciler[O]) fail(ctx context.Context, obj O, tenant *TenantInfo, err error) (ctrl.Result, error) {
	// A spec change that is not applied yet must not look Ready (kstatus reads Ready).
	keepReady := converged(obj)
	notReady := func(reason, msg string) {
		if !keepReady {
			r.setReady(obj, metav1.ConditionFalse, reason, msg)
		}
	}
	result := func(reason string) { reconcileTotal.WithLabelValues(r.Kind, reason).Inc() }
	r.clearStalled(obj) // stall() sets it again when a human is needed

	if w, ok := asWaiting(err); ok {
		msg := redact(ctx, w.Message)
		r.setReady(obj, metav1.ConditionFalse, w.Reason, msg)
		r.setSynced(obj, metav1.ConditionFalse, w.Reason, msg)
		r.clearStalled(obj)
		result(w.Reason)
		return ctrl.Result{RequeueAfter: retryAfter(w)}, nil
	}
	if s, ok := asStall(err); ok {
		return r.stall(obj, s.Reason, redact(ctx, s.Message)), nil
	}
	var rl *auth0.ErrRateLimited
	if errors.As(err, &rl) {
		return r.rateLimited(obj, rl.RetryAt, rl.Endpoint, notReady), nil
	}
	if _, fromKube := err.(apierrors.APIStatus); fromKube || errors.As(err, new(apierrors.APIStatus)) {
		// The Kubernetes API server, not Auth0: the workqueue backs off; conditions stay.
		result("KubernetesError")
		return ctrl.Result{}, err
	}
	e := *auth0.Classify(err) // a copy: the message is redacted here only
	e.Message = redact(ctx, e.Message)
	switch e.Class {
	case auth0.ClassRateLimited:
		return r.rateLimited(obj, e.RetryAt, "", notReady), nil
	case auth0.ClassInvalid:
		return r.stall(obj, v1alpha1.ReasonInvalidSpec, "Auth0 rejected the request: "+e.Message), nil
	case auth0.ClassForbidden:
		return r.stall(obj, v1alpha1.ReasonForbidden, "Auth0 refused the request: "+e.Message), nil
	case auth0.ClassUnauthorized:
		msg := "Auth0 rejected the tenant's credentials: " + e.Message
		r.setSynced(obj, metav1.ConditionFalse, v1alpha1.ReasonTenantNotReady, msg)
		notReady(v1alpha1.ReasonTenantNotReady, msg)
		r.clearStalled(obj)
		result(v1alpha1.ReasonTenantNotReady)
		return ctrl.Result{RequeueAfter: waitingRetry}, nil
	case auth0.ClassConflict:
		msg := "Auth0 reported a conflicting change, retrying: " + e.Message
		r.setSynced(obj, metav1.ConditionFalse, v1alpha1.ReasonAuth0Error, msg)
		notReady(v1alpha1.ReasonAuth0Error, msg)
		result("Conflict")
		return ctrl.Result{RequeueAfter: conflictRetry}, nil
	default:
		msg := e.Message
		if msg == "" {
			msg = redact(ctx, err.Error())
		}
		r.setSynced(obj, metav1.ConditionFalse, v1alpha1.ReasonAuth0Error, msg)
		notReady(v1alpha1.ReasonAuth0Error, msg)
		result(v1alpha1.ReasonAuth0Error)
		log.FromContext(ctx).V(1).Info("transient Auth0 error; backing off", "class", e.Class, "status", e.StatusCode)
		return ctrl.Result{}, err
	}
}

func (r *Reconciler[O]) rateLimited(obj O, retryAt time.Time, endpoint string, notReady func(reason, msg string)) ctrl.Result {
	wait := retryAt.Sub(r.now())
	if wait < time.Second {
		wait = time.Second
	}
	msg := "waiting for the tenant's Management API budget until " + retryAt.UTC().Format(time.RFC3339)
	if endpoint != "" {
		msg = "waiting for the Management API's own limit of " + endpoint + " until " + retryAt.UTC().Format(time.RFC3339)
	}
	r.setSynced(obj, metav1.ConditionFalse, v1alpha1.ReasonRateLimited, msg)
	notReady(v1alpha1.ReasonRateLimited, msg)
	reconcileTotal.WithLabelValues(r.Kind, v1alpha1.ReasonRateLimited).Inc()
	// Spread the wake-ups of everything that waited, so they do not all arrive at once.
	return ctrl.Result{RequeueAfter: wait + time.Duration(rand.Int64N(int64(time.Second)))}
}

func (r *Reconciler[O]) stall(obj O, reason, msg string) ctrl.Result {
	gen := obj.GetGeneration()
	st := obj.GetManagedStatus()
	meta.SetStatusCondition(&st.Conditions, metav1.Condition{Type: v1alpha1.ConditionStalled, Status: metav1.ConditionTrue,
		Reason: reason, Message: msg, ObservedGeneration: gen})
	r.setReady(obj, metav1.ConditionFalse, reason, msg)
	r.setSynced(obj, metav1.ConditionFalse, reason, msg)
	reconcileTotal.WithLabelValues(r.Kind, reason).Inc()
	r.event(obj, corev1.EventTypeWarning, reason, "Reconcile", "%s", msg)
	// No retry: a change of the spec or of a referenced object starts the next attempt.
	return ctrl.Result{}
}

func (r *Reconciler[O]) setReady(obj O, status metav1.ConditionStatus, reason, msg string) {
	setCondition(obj, v1alpha1.ConditionReady, status, reason, msg)
}

func (r *Reconciler[O]) setSynced(obj O, status metav1.ConditionStatus, reason, msg string) {
	setCondition(obj, v1alpha1.ConditionSynced, status, reason, msg)
}

func (r *Reconciler[O]) clearStalled(obj O) {
	setCondition(obj, v1alpha1.ConditionStalled, metav1.ConditionFalse, "NotStalled", "")
}

func setCondition(obj Object, typ string, status metav1.ConditionStatus, reason, msg string) {
	meta.SetStatusCondition(&obj.GetManagedStatus().Conditions, metav1.Condition{
		Type: typ, Status: status, Reason: reason, Message: msg, ObservedGeneration: obj.GetGeneration(),
	})
}

func (r *Reconciler[O]) event(obj O, typ, reason, action, note string, args ...any) {
	if r.Events != nil {
		r.Events.Eventf(obj, nil, typ, reason, action, note, args...)
	}
}

// publish writes values to the named Secret, owned by obj, when they differ from what it holds.
// It reads through the API reader: the operator caches no Secret.
func (r *Reconciler[O]) publish(ctx context.Context, obj O, name string, data map[string][]byte) error {
	sec := &corev1.Secret{}
	err := r.APIReader.Get(ctx, types.NamespacedName{Namespace: obj.GetNamespace(), Name: name}, sec)
	if err != nil && !apierrors.IsNotFound(err) {
		return err
	}
	exists := err == nil
	if owner := metav1.GetControllerOf(sec); exists && (owner == nil || owner.UID != obj.GetUID()) {
		return &Stall{Reason: v1alpha1.ReasonAlreadyExists, Message: fmt.Sprintf(
			"Secret %s exists and is not owned by this %s; choose another credentialsSecretRef or delete it", name, r.Kind)}
	}
	// A nil value means "unknown now, keep what the Secret holds".
	want := map[string][]byte{}
	for k, v := range data {
		if v != nil {
			want[k] = v
		} else if old, ok := sec.Data[k]; ok {
			want[k] = old
		}
	}
	data = want
	if exists && maps.EqualFunc(sec.Data, data, bytes.Equal) && sec.Labels[ManagedByLabel] == ManagedByValue {
		return nil
	}
	sec.Name, sec.Namespace, sec.Type, sec.Data = name, obj.GetNamespace(), corev1.SecretTypeOpaque, data
	if sec.Labels == nil {
		sec.Labels = map[string]string{}
	}
	sec.Labels[ManagedByLabel] = ManagedByValue
	if err := controllerutil.SetControllerReference(obj, sec, r.Kube.Scheme()); err != nil {
		return err
	}
	if exists {
		err = r.Kube.Update(ctx, sec)
	} else {
		err = r.Kube.Create(ctx, sec)
	}
	if err != nil {
		return err
	}
	r.event(obj, corev1.EventTypeNormal, "CredentialsPublished", "Publish", "wrote Secret %s", name)
	return nil
}

func retryAfter(w *Waiting) time.Duration {
	if w.RetryAfter > 0 {
		return w.RetryAfter
	}
	return waitingRetry
}

func tenantName(ref v1alpha1.TenantReference) string {
	kind := ref.Kind
	if kind == "" {
		kind = "Tenant"
	}
	return kind + " " + ref.Name
}

// jitter spreads periodic observations by up to a tenth of the interval.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return d
	}
	return d + time.Duration(rand.Int64N(int64(d)/10+1))
}
