package controllers

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	ctrlreconcile "sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=tenants;clustertenants,verbs=get;list;watch
// +kubebuilder:rbac:groups=auth0.a0ops.dev,resources=tenants/status;clustertenants/status,verbs=get;update;patch
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch
// +kubebuilder:rbac:groups="",resources=namespaces,verbs=get;list;watch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

const (
	secretRefIndex = "auth0.a0ops.dev/credentials-secret"
	// statusRefresh is how often a tenant's status shows the budget and counters. It costs no
	// Management API call.
	statusRefresh = 30 * time.Second
	// credentialsRetry is how often rejected credentials are tried again without a change of
	// the Secret.
	credentialsRetry = 5 * time.Minute
)

// TenantReconciler connects Tenants (Cluster false) or ClusterTenants (Cluster true) to Auth0
// and reports the connection, the budget and the call counters.
type TenantReconciler struct {
	Cluster bool
	Kube    client.Client
	Tenants *reconcile.Tenants

	mu     sync.Mutex
	pinged map[types.UID]string // the config version that last pinged successfully
	uids   map[types.NamespacedName]types.UID
	queue  workqueue.TypedRateLimitingInterface[ctrlreconcile.Request] // set when the controller starts
}

func (r *TenantReconciler) newObject() client.Object {
	if r.Cluster {
		return &v1alpha1.ClusterTenant{}
	}
	return &v1alpha1.Tenant{}
}

// Reconcile implements reconcile.Reconciler.
func (r *TenantReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	obj := r.newObject()
	if err := r.Kube.Get(ctx, req.NamespacedName, obj); err != nil {
		if client.IgnoreNotFound(err) == nil {
			r.forget(req.NamespacedName)
		}
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	r.remember(req.NamespacedName, obj.GetUID())
	before := obj.DeepCopyObject().(client.Object)
	info := r.Tenants.Info(obj)
	res, rerr := r.connect(ctx, info)
	info.Status.ObservedGeneration = obj.GetGeneration()
	info.Status.DriftInterval = &metav1.Duration{Duration: info.DriftInterval}
	patch := client.MergeFrom(before)
	if data, err := patch.Data(obj); err == nil && string(data) != "{}" {
		if err := r.Kube.Status().Patch(ctx, obj, patch); err != nil {
			return ctrl.Result{}, errors.Join(rerr, client.IgnoreNotFound(err))
		}
	}
	return res, rerr
}

func (r *TenantReconciler) connect(ctx context.Context, info *reconcile.TenantInfo) (ctrl.Result, error) {
	cfg, err := r.Tenants.Config(ctx, info)
	if err != nil {
		return r.fail(info, err)
	}
	c, err := r.Tenants.Pool.Client(cfg)
	if err != nil {
		return r.fail(info, &reconcile.Stall{Reason: v1alpha1.ReasonInvalidSpec, Message: "the tenant's configuration is not usable: " + err.Error()})
	}
	defer r.report(info, c)

	uid := info.Object.GetUID()
	r.mu.Lock()
	fresh := r.pinged[uid] == cfg.Version
	r.mu.Unlock()
	if fresh && meta.IsStatusConditionTrue(info.Status.Conditions, v1alpha1.ConditionReady) {
		return ctrl.Result{RequeueAfter: statusRefresh}, nil
	}
	if err := c.Ping(auth0.WithLane(ctx, auth0.LaneChange)); err != nil {
		return r.fail(info, err)
	}
	r.mu.Lock()
	r.pinged[uid] = cfg.Version
	r.mu.Unlock()
	msg := "connected to " + cfg.Domain
	if info.DriftIntervalRaised {
		msg += fmt.Sprintf("; the drift interval asked for is below the operator's minimum, %s is used", info.DriftInterval)
	}
	r.setReady(info, metav1.ConditionTrue, v1alpha1.ReasonConnected, msg)
	meta.RemoveStatusCondition(&info.Status.Conditions, v1alpha1.ConditionStalled)
	return ctrl.Result{RequeueAfter: statusRefresh}, nil
}

// fail turns an error into the tenant's conditions and a requeue decision, in the terms the
// managed kinds use (internal/reconcile's fail): Waiting resolves by itself, Stalled needs a
// human (rejected credentials, an unusable configuration), rate limits wait for their reset,
// anything else backs off.
func (r *TenantReconciler) fail(info *reconcile.TenantInfo, err error) (ctrl.Result, error) {
	var (
		w  *reconcile.Waiting
		s  *reconcile.Stall
		rl *auth0.ErrRateLimited
	)
	switch {
	case errors.As(err, &w):
		r.setReady(info, metav1.ConditionFalse, w.Reason, w.Message)
		meta.RemoveStatusCondition(&info.Status.Conditions, v1alpha1.ConditionStalled)
		return ctrl.Result{}, nil // the Secret watch brings the next attempt
	case errors.As(err, &s):
		return r.stall(info, s.Reason, s.Message, 0), nil
	case errors.As(err, &rl):
		return r.rateLimited(info, rl.RetryAt), nil
	}
	e := auth0.Classify(err)
	switch e.Class {
	case auth0.ClassUnauthorized, auth0.ClassForbidden, auth0.ClassInvalid:
		// Fixing the Secret brings the next attempt at once; a fix on Auth0's side (a grant
		// restored) is noticed within credentialsRetry.
		return r.stall(info, v1alpha1.ReasonCredentialsError, "Auth0 rejected the credentials: "+e.Message, credentialsRetry), nil
	case auth0.ClassRateLimited:
		return r.rateLimited(info, e.RetryAt), nil
	default:
		r.setReady(info, metav1.ConditionFalse, v1alpha1.ReasonAuth0Error, e.Message)
		meta.RemoveStatusCondition(&info.Status.Conditions, v1alpha1.ConditionStalled)
		return ctrl.Result{}, err
	}
}

func (r *TenantReconciler) stall(info *reconcile.TenantInfo, reason, msg string, retry time.Duration) ctrl.Result {
	meta.SetStatusCondition(&info.Status.Conditions, metav1.Condition{Type: v1alpha1.ConditionStalled, Status: metav1.ConditionTrue,
		Reason: reason, Message: msg, ObservedGeneration: info.Object.GetGeneration()})
	r.setReady(info, metav1.ConditionFalse, reason, msg)
	return ctrl.Result{RequeueAfter: retry}
}

func (r *TenantReconciler) rateLimited(info *reconcile.TenantInfo, retryAt time.Time) ctrl.Result {
	r.setReady(info, metav1.ConditionFalse, v1alpha1.ReasonRateLimited, "waiting for the Management API budget until "+retryAt.UTC().Format(time.RFC3339))
	meta.RemoveStatusCondition(&info.Status.Conditions, v1alpha1.ConditionStalled)
	return ctrl.Result{RequeueAfter: time.Until(retryAt) + time.Second}
}

func (r *TenantReconciler) setReady(info *reconcile.TenantInfo, status metav1.ConditionStatus, reason, msg string) {
	meta.SetStatusCondition(&info.Status.Conditions, metav1.Condition{Type: v1alpha1.ConditionReady, Status: status,
		Reason: reason, Message: msg, ObservedGeneration: info.Object.GetGeneration()})
}

// credentialsRefused is told by the pool that Auth0 refused a tenant's credentials (a managed
// object's call saw it): a tenant that looked connected is checked again at once.
func (r *TenantReconciler) credentialsRefused(key string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	uid := types.UID(key)
	if _, connected := r.pinged[uid]; !connected || r.queue == nil {
		return // not ours, or already known not to be connected (its own ping is failing)
	}
	delete(r.pinged, uid)
	for nn, u := range r.uids {
		if u == uid {
			r.queue.Add(ctrlreconcile.Request{NamespacedName: nn})
		}
	}
}

// report copies the client's budget and counters into the status.
func (r *TenantReconciler) report(info *reconcile.TenantInfo, c *auth0.Client) {
	b := c.Budget()
	if b.Limit > 0 {
		rs := &v1alpha1.RateLimitStatus{Limit: int64(b.Limit), Remaining: int64(b.Remaining)}
		if !b.Reset.IsZero() {
			t := metav1.NewTime(b.Reset.Truncate(time.Second))
			rs.ResetAt = &t
		}
		info.Status.RateLimit = rs
	}
	s := c.Stats()
	info.Status.Calls, info.Status.RateLimitedCalls, info.Status.TokenFetches = int64(s.Calls), int64(s.RateLimited), int64(s.TokenFetches)
}

func (r *TenantReconciler) remember(key types.NamespacedName, uid types.UID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.uids[key] = uid
}

func (r *TenantReconciler) forget(key types.NamespacedName) {
	r.mu.Lock()
	uid, ok := r.uids[key]
	delete(r.uids, key)
	delete(r.pinged, uid)
	r.mu.Unlock()
	if ok {
		r.Tenants.Pool.Forget(string(uid))
	}
}

// SetupWithManager registers the controller, watching the credentials Secrets by metadata only.
func (r *TenantReconciler) SetupWithManager(mgr ctrl.Manager) error {
	r.pinged = map[types.UID]string{}
	r.uids = map[types.NamespacedName]types.UID{}
	r.Tenants.Pool.OnCredentialsRefused(r.credentialsRefused)
	name := "tenant"
	if r.Cluster {
		name = "clustertenant"
	}
	if err := mgr.GetFieldIndexer().IndexField(context.Background(), r.newObject(), secretRefIndex, func(o client.Object) []string {
		info := r.Tenants.Info(o)
		ns := info.Spec.Credentials.SecretRef.Namespace
		if !r.Cluster {
			ns = o.GetNamespace()
		}
		return []string{ns + "/" + info.Spec.Credentials.SecretRef.Name}
	}); err != nil {
		return err
	}
	secret := &metav1.PartialObjectMetadata{}
	secret.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("Secret"))
	return ctrl.NewControllerManagedBy(mgr).
		Named(name).
		For(r.newObject(), builder.WithPredicates(predicate.GenerationChangedPredicate{})).
		WatchesMetadata(secret, handler.EnqueueRequestsFromMapFunc(r.bySecret), builder.WithPredicates(predicate.ResourceVersionChangedPredicate{})).
		// The pool's notices of refused credentials (see credentialsRefused) go to this queue.
		WatchesRawSource(source.Func(func(_ context.Context, q workqueue.TypedRateLimitingInterface[ctrlreconcile.Request]) error {
			r.mu.Lock()
			r.queue = q
			r.mu.Unlock()
			return nil
		})).
		Complete(r)
}

func (r *TenantReconciler) bySecret(ctx context.Context, s client.Object) []ctrlreconcile.Request {
	var list client.ObjectList = &v1alpha1.TenantList{}
	if r.Cluster {
		list = &v1alpha1.ClusterTenantList{}
	}
	if err := r.Kube.List(ctx, list, client.MatchingFields{secretRefIndex: s.GetNamespace() + "/" + s.GetName()}); err != nil {
		return nil
	}
	items, _ := meta.ExtractList(list)
	reqs := make([]ctrlreconcile.Request, 0, len(items))
	for _, it := range items {
		o := it.(client.Object)
		reqs = append(reqs, ctrlreconcile.Request{NamespacedName: client.ObjectKeyFromObject(o)})
	}
	return reqs
}
