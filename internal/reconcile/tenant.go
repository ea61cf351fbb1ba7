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

// DefaultNamespaceGrant is what a namespace allowed by a ClusterTenant may do when none of the
// ClusterTenant's namespacePolicies matches it: an app team's kinds, only objects it created,
// nothing tenant-wide.
var DefaultNamespaceGrant = Grant{Kinds: []string{"Application", "ResourceServer", "ClientGrant", "Role", "Organization"}}

// Tenants turns Tenant and ClusterTenant objects into Management API clients from the shared
// pool, and decides whether a namespace may use them.
type Tenants struct {
	// Kube reads tenants and namespaces (the manager's cached client).
	Kube client.Reader
	// Secrets reads credentials Secrets. It should be an uncached reader, so that the operator
	// does not cache every Secret of the cluster.
	Secrets client.Reader
	Pool    *auth0.Pool
	// Options are the operator-wide rules (drift floor, DNS zones).
	Options Options
}

// TenantInfo is what a managed object needs to know about its tenant.
type TenantInfo struct {
	Kind, Name string
	Object     client.Object
	Spec       *v1alpha1.TenantSpec
	Status     *v1alpha1.TenantStatus
	// DriftInterval is the interval in effect: the spec's, raised to the operator's minimum.
	DriftInterval time.Duration
	// DriftIntervalRaised is true when the spec asked for less than the operator's minimum.
	DriftIntervalRaised bool
	// Grant is what the object's namespace may do through this tenant.
	Grant Grant
}

// Get reads the tenant a reference names, as seen from namespace, with what namespace may do
// through it.
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
		ns := &corev1.Namespace{}
		if err := t.Kube.Get(ctx, types.NamespacedName{Name: namespace}, ns); err != nil {
			return nil, err
		}
		grant, err := NamespaceGrant(ct, ns)
		if err != nil {
			return nil, err
		}
		info := t.Info(ct)
		info.Grant = grant
		return info, nil
	default:
		tn := &v1alpha1.Tenant{}
		if err := t.Kube.Get(ctx, types.NamespacedName{Namespace: namespace, Name: ref.Name}, tn); err != nil {
			return nil, tenantGetError(err, kind, ref.Name)
		}
		return t.Info(tn), nil
	}
}

// NamespaceGrant decides what the objects of ns may do through ct: refused (a *Stall with
// reason TenantNotAllowed) outside spec.allowedNamespaces, which must be set; else the grant
// of the first namespacePolicy that selects ns, or DefaultNamespaceGrant when none does.
func NamespaceGrant(ct *v1alpha1.ClusterTenant, ns *corev1.Namespace) (Grant, error) {
	refused := func(format string, args ...any) (Grant, error) {
		return Grant{}, &Stall{Reason: v1alpha1.ReasonTenantNotAllowed, Message: fmt.Sprintf(format, args...)}
	}
	set := labels.Set(ns.Labels)
	if ct.Spec.AllowedNamespaces == nil {
		return refused("ClusterTenant %s allows no namespace: its spec.allowedNamespaces is not set ({} allows every namespace)", ct.Name)
	}
	allowed, err := metav1.LabelSelectorAsSelector(ct.Spec.AllowedNamespaces)
	if err != nil {
		return refused("ClusterTenant %s: spec.allowedNamespaces is not a valid selector: %v", ct.Name, err)
	}
	if !allowed.Matches(set) {
		return refused("namespace %s is not allowed to use ClusterTenant %s (see its spec.allowedNamespaces)", ns.Name, ct.Name)
	}
	for i, p := range ct.Spec.NamespacePolicies {
		if p.Namespaces == nil {
			return refused("ClusterTenant %s: spec.namespacePolicies[%d].namespaces is not set", ct.Name, i)
		}
		sel, err := metav1.LabelSelectorAsSelector(p.Namespaces)
		if err != nil {
			return refused("ClusterTenant %s: spec.namespacePolicies[%d].namespaces is not a valid selector: %v", ct.Name, i, err)
		}
		if !sel.Matches(set) {
			continue
		}
		g := Grant{Kinds: make([]string, 0, len(p.Kinds)), Adopt: p.AllowAdoption, TenantWide: p.AllowTenantWide}
		for _, k := range p.Kinds {
			g.Kinds = append(g.Kinds, string(k))
		}
		return g, nil
	}
	return DefaultNamespaceGrant, nil
}

// Info describes a *v1alpha1.Tenant or *v1alpha1.ClusterTenant, with the drift interval the
// operator's minimum allows. Its Grant is FullGrant: Get narrows it for a ClusterTenant.
func (t *Tenants) Info(o client.Object) *TenantInfo {
	info := &TenantInfo{Name: o.GetName(), Object: o, DriftInterval: DefaultDriftInterval, Grant: FullGrant}
	switch tn := o.(type) {
	case *v1alpha1.ClusterTenant:
		info.Kind, info.Spec, info.Status = "ClusterTenant", &tn.Spec.TenantSpec, &tn.Status
	case *v1alpha1.Tenant:
		info.Kind, info.Spec, info.Status = "Tenant", &tn.Spec, &tn.Status
	default:
		panic(fmt.Sprintf("not a tenant: %T", o))
	}
	if d := info.Spec.DriftInterval; d != nil && d.Duration > 0 {
		info.DriftInterval = d.Duration
	}
	if info.DriftInterval < t.Options.MinDriftInterval {
		info.DriftInterval, info.DriftIntervalRaised = t.Options.MinDriftInterval, true
	}
	return info
}

func tenantGetError(err error, kind, name string) error {
	if apierrors.IsNotFound(err) {
		return &Waiting{Reason: v1alpha1.ReasonTenantNotReady, Message: fmt.Sprintf("%s %s not found", kind, name)}
	}
	return err
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
	rl := auth0.DefaultRateLimit
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
