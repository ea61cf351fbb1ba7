package reconcile

import (
	"context"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
)

// DefaultDriftInterval is used when a tenant does not set spec.driftInterval.
const DefaultDriftInterval = 10 * time.Minute

// Tenants turns Tenant and ClusterTenant objects into Management API clients from the shared
// pool, and decides whether a namespace may use them.
type Tenants struct {
	// Kube reads tenants and namespaces (the manager's cached client).
	Kube client.Reader
	// Secrets reads credentials Secrets. It should be an uncached reader, so that the operator
	// does not cache every Secret of the cluster.
	Secrets client.Reader
	Pool    *auth0.Pool
}

// TenantInfo is what a managed object needs to know about its tenant.
type TenantInfo struct {
	Kind, Name    string
	Object        client.Object
	Spec          *v1alpha1.TenantSpec
	Status        *v1alpha1.TenantStatus
	DriftInterval time.Duration
	// Grant is what the object's namespace may do through this tenant.
	Grant Grant
}

// Get reads the tenant a reference names, as seen from namespace.
func (t *Tenants) Get(ctx context.Context, ref v1alpha1.TenantReference, namespace string) (*TenantInfo, error) {
	kind := ref.Kind
	if kind == "" {
		kind = "Tenant"
	}
	switch kind {
	case "ClusterTenant":
		ct := &v1alpha1.ClusterTenant{}
		if err := t.Kube.Get(ctx, types.NamespacedName{Name: ref.Name}, ct); err != nil {
			return nil, tenantGetError(err, kind, ref.Name)
		}
		allowed, err := t.namespaceAllowed(ctx, ct.Spec.AllowedNamespaces, namespace)
		if err != nil {
			return nil, err
		}
		if !allowed {
			return nil, &Stall{Reason: v1alpha1.ReasonTenantNotAllowed, Message: fmt.Sprintf(
				"namespace %s is not allowed to use ClusterTenant %s (see its spec.allowedNamespaces)", namespace, ref.Name)}
		}
		return InfoOf(ct), nil
	default:
		tn := &v1alpha1.Tenant{}
		if err := t.Kube.Get(ctx, types.NamespacedName{Namespace: namespace, Name: ref.Name}, tn); err != nil {
			return nil, tenantGetError(err, kind, ref.Name)
		}
		return InfoOf(tn), nil
	}
}

// InfoOf describes a *v1alpha1.Tenant or *v1alpha1.ClusterTenant.
func InfoOf(o client.Object) *TenantInfo {
	info := &TenantInfo{Name: o.GetName(), Object: o, DriftInterval: DefaultDriftInterval, Grant: FullGrant}
	switch t := o.(type) {
	case *v1alpha1.ClusterTenant:
		info.Kind, info.Spec, info.Status = "ClusterTenant", &t.Spec.TenantSpec, &t.Status
	case *v1alpha1.Tenant:
		info.Kind, info.Spec, info.Status = "Tenant", &t.Spec, &t.Status
	default:
		panic(fmt.Sprintf("not a tenant: %T", o))
	}
	if d := info.Spec.DriftInterval; d != nil && d.Duration > 0 {
		info.DriftInterval = d.Duration
	}
	return info
}

func tenantGetError(err error, kind, name string) error {
	if apierrors.IsNotFound(err) {
		return &Waiting{Reason: v1alpha1.ReasonTenantNotReady, Message: fmt.Sprintf("%s %s not found", kind, name)}
	}
	return err
}

func (t *Tenants) namespaceAllowed(ctx context.Context, sel *metav1.LabelSelector, namespace string) (bool, error) {
	if sel == nil {
		return true, nil
	}
	selector, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return false, &Stall{Reason: v1alpha1.ReasonTenantNotAllowed, Message: "the ClusterTenant's allowedNamespaces is not a valid selector: " + err.Error()}
	}
	ns := &corev1.Namespace{}
	if err := t.Kube.Get(ctx, types.NamespacedName{Name: namespace}, ns); err != nil {
		return false, err
	}
	return selector.Matches(labels.Set(ns.Labels)), nil
}

// Ready tells whether the tenant's own controller has connected to Auth0.
func (i *TenantInfo) Ready() bool {
	return meta.IsStatusConditionTrue(i.Status.Conditions, v1alpha1.ConditionReady)
}

// Client returns the tenant's shared Management API client, building it when the tenant or
// its credentials changed.
func (t *Tenants) Client(ctx context.Context, info *TenantInfo) (*auth0.Client, error) {
	cfg, err := t.Config(ctx, info)
	if err != nil {
		return nil, err
	}
	return t.Pool.Client(cfg)
}

// Config reads the credentials Secret and builds the pool's configuration for the tenant. Errors
// name the Secret and the missing key, never a value.
func (t *Tenants) Config(ctx context.Context, info *TenantInfo) (auth0.TenantConfig, error) {
	spec := info.Spec
	ref := spec.Credentials.SecretRef
	ns := ref.Namespace
	if info.Kind != "ClusterTenant" {
		ns = info.Object.GetNamespace()
	}
	sec := &corev1.Secret{}
	if err := t.Secrets.Get(ctx, types.NamespacedName{Namespace: ns, Name: ref.Name}, sec); err != nil {
		if apierrors.IsNotFound(err) {
			return auth0.TenantConfig{}, &Waiting{Reason: v1alpha1.ReasonCredentialsError,
				Message: fmt.Sprintf("credentials Secret %s/%s not found", ns, ref.Name)}
		}
		return auth0.TenantConfig{}, err
	}
	creds := auth0.Credentials{
		ClientID:      strings.TrimSpace(string(sec.Data["clientID"])),
		ClientSecret:  string(sec.Data["clientSecret"]),
		PrivateKey:    string(sec.Data["privateKey"]),
		PrivateKeyAlg: strings.TrimSpace(string(sec.Data["privateKeyAlg"])),
	}
	switch {
	case creds.ClientID == "":
		return auth0.TenantConfig{}, &Waiting{Reason: v1alpha1.ReasonCredentialsError,
			Message: fmt.Sprintf("credentials Secret %s/%s has no clientID key", ns, ref.Name)}
	case creds.ClientSecret == "" && creds.PrivateKey == "":
		return auth0.TenantConfig{}, &Waiting{Reason: v1alpha1.ReasonCredentialsError,
			Message: fmt.Sprintf("credentials Secret %s/%s has neither a clientSecret nor a privateKey key", ns, ref.Name)}
	}
	rl := auth0.RateLimit{RequestsPerSecond: 2, Burst: 10, BudgetSharePercent: 50}
	if q := spec.RateLimit.RequestsPerSecond; q != nil && q.AsApproximateFloat64() > 0 {
		rl.RequestsPerSecond = q.AsApproximateFloat64()
	}
	if spec.RateLimit.Burst > 0 {
		rl.Burst = int(spec.RateLimit.Burst)
	}
	if spec.RateLimit.BudgetShare > 0 {
		rl.BudgetSharePercent = int(spec.RateLimit.BudgetShare)
	}
	return auth0.TenantConfig{
		Key:         string(info.Object.GetUID()),
		Version:     fmt.Sprintf("%d/%s", info.Object.GetGeneration(), sec.ResourceVersion),
		Name:        info.Kind + "/" + tenantDisplayName(info.Object),
		Domain:      spec.Domain,
		BaseURL:     spec.BaseURL,
		CACertPEM:   []byte(spec.CABundle),
		Credentials: creds,
		RateLimit:   rl,
		SnapshotTTL: info.DriftInterval,
	}, nil
}

func tenantDisplayName(o client.Object) string {
	if o.GetNamespace() == "" {
		return o.GetName()
	}
	return o.GetNamespace() + "/" + o.GetName()
}
