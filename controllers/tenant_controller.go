package controllers

import (
	"context"
	"errors"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	ctrlreconcile "sigs.k8s.io/controller-runtime/pkg/reconcile"

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
	info := reconcile.InfoOf(obj)
	res, rerr := r.connect(ctx, info)
	info.Status.ObservedGeneration = obj.GetGeneration()
	patch := client.MergeFrom(before)
	if data, err := patch.Data(obj); err == nil && string(data) != "{}" {
		if err := r.Kube.Status().Patch(ctx, obj, patch); err != nil {
			return ctrl.Result{}, errors.Join(rerr, client.IgnoreNotFound(err))
		}
	}
	return res, rerr
}

func (r *TenantReconciler) connect(ctx context.Context, info *reconcile.TenantInfo) (ctrl.Result, error) {
	setReady := func(status metav1.ConditionStatus, reason, msg string) {
		meta.SetStatusCondition(&info.Status.Conditions, metav1.Condition{Type: v1alpha1.ConditionReady, Status: status,
			Reason: reason, Message: msg, ObservedGeneration: info.Object.GetGeneration()})
	}
	cfg, err := r.Tenants.Config(ctx, info)
	if err != nil {
		var w *reconcile.Waiting
		if errors.As(err, &w) {
			setReady(metav1.ConditionFalse, w.Reason, w.Message)
			return ctrl.Result{}, nil // the Secret watch brings the next attempt
		}
		return ctrl.Result{}, err
	}
	c, err := r.Tenants.Pool.Client(cfg)
	if err != nil {
		setReady(metav1.ConditionFalse, v1alpha1.ReasonCredentialsError, err.Error())
		return ctrl.Result{}, nil
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
		var rl *auth0.ErrRateLimited
		if errors.As(err, &rl) {
			setReady(metav1.ConditionFalse, v1alpha1.ReasonRateLimited, "waiting for the Management API budget until "+rl.RetryAt.UTC().Format(time.RFC3339))
			return ctrl.Result{RequeueAfter: time.Until(rl.RetryAt) + time.Second}, nil
		}
		e := auth0.Classify(err)
		switch e.Class {
		case auth0.ClassUnauthorized, auth0.ClassForbidden, auth0.ClassInvalid:
			setReady(metav1.ConditionFalse, v1alpha1.ReasonCredentialsError, "Auth0 rejected the credentials: "+e.Message)
			return ctrl.Result{RequeueAfter: 5 * time.Minute}, nil
		case auth0.ClassRateLimited:
			setReady(metav1.ConditionFalse, v1alpha1.ReasonRateLimited, "waiting for the Management API budget until "+e.RetryAt.UTC().Format(time.RFC3339))
			return ctrl.Result{RequeueAfter: time.Until(e.RetryAt) + time.Second}, nil
		default:
			setReady(metav1.ConditionFalse, v1alpha1.ReasonAuth0Error, e.Message)
			return ctrl.Result{}, err
		}
	}
	r.mu.Lock()
	r.pinged[uid] = cfg.Version
	r.mu.Unlock()
	setReady(metav1.ConditionTrue, v1alpha1.ReasonConnected, "connected to "+cfg.Domain)
	return ctrl.Result{RequeueAfter: statusRefresh}, nil
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
	name := "tenant"
	if r.Cluster {
		name = "clustertenant"
	}
	if err := mgr.GetFieldIndexer().IndexField(context.Background(), r.newObject(), secretRefIndex, func(o client.Object) []string {
		info := reconcile.InfoOf(o)
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
