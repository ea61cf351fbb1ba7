package external

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// The verify schedule: each pending domain waits longer between attempts the longer its DNS
// stays unpublished. The tenant's share of Auth0's verify bucket is the client's (Reserve).
const (
	verifyFirstPause = 15 * time.Second
	verifyMaxPause   = 10 * time.Minute
)

// customDomains is the tenant's custom-domain list (Auth0 does not page it).
var customDomains = auth0.Snapshot[object]{
	Kind: "custom-domains",
	List: func(ctx context.Context, api *mgmt.Management, page, _ int) ([]object, int, error) {
		if page > 0 {
			return nil, 0, nil
		}
		all, err := api.CustomDomains.List(ctx, &management.ListCustomDomainsRequestParameters{})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(all)
		return items, len(items), err
	},
	ID: func(o object) string { return stringOf(o, "custom_domain_id") },
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return decoded(api.CustomDomains.Get(ctx, id))
	},
}

// CustomDomain maps a CustomDomain to an Auth0 custom domain, and its verification record to
// an external-dns DNSEndpoint when the spec asks for one.
type CustomDomain struct {
	Collection[*v1alpha1.CustomDomain]
	// Kube writes DNSEndpoints (unstructured, so read past the cache: no informer, and the
	// operator works without external-dns' CRD).
	Kube client.Client
	// Rules say which DNS zones the operator may publish records in, and with which labels:
	// the operator's configuration, never a namespace's spec.
	Rules reconcile.Options
	Now   func() time.Time
}

// NewCustomDomain returns the CustomDomain mapping.
func NewCustomDomain(kube client.Client, rules reconcile.Options) *CustomDomain {
	return &CustomDomain{Kube: kube, Rules: rules, Now: time.Now, Collection: Collection[*v1alpha1.CustomDomain]{
		List: customDomains,
		Key:  func(cd *v1alpha1.CustomDomain) object { return object{"domain": cd.Spec.Domain} },
		Body: func(_ context.Context, _ *auth0.Client, cd *v1alpha1.CustomDomain) (object, error) {
			return customDomainBody(cd)
		},
		Fixed: []string{"domain", "type"},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.CustomDomains.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.CustomDomains.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.CustomDomains.Delete(ctx, id)
		},
	}}
}

var _ reconcile.External[*v1alpha1.CustomDomain] = (*CustomDomain)(nil)

func customDomainBody(cd *v1alpha1.CustomDomain) (object, error) {
	s := cd.Spec
	b := toAuth0(s)
	b["type"] = nameOr(s.Type, "auth0_managed_certs") // required on create
	if err := withPassthrough(b, cd.Spec, cd.Spec.Passthrough, "is_default"); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// Observe compares the domain with the spec, reports its verification records and state,
// asks Auth0 to verify it when the schedule says so, and keeps the DNSEndpoint in step.
func (d *CustomDomain) Observe(ctx context.Context, c *auth0.Client, cd *v1alpha1.CustomDomain, id string) (reconcile.Observation, error) {
	dom, ok, err := customDomains.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	if stringOf(dom, "domain") != cd.Spec.Domain {
		return reconcile.Observation{}, reconcile.InvalidSpec("Auth0 custom domain %s is %s, not %s", id, stringOf(dom, "domain"), cd.Spec.Domain)
	}
	want, err := customDomainBody(cd)
	if err != nil {
		return reconcile.Observation{}, err
	}
	diff := drift(want, dom)
	manage := cd.Spec.ManagementPolicy != v1alpha1.ManagementObserveOnly
	d.report(cd, dom)
	// Auth0 takes only a verified domain as the default.
	isDefault, _ := dom["is_default"].(bool)
	if p := cd.Spec.Default; p != nil && (stringOf(dom, "status") == "ready" || !*p) && isDefault != *p {
		diff = append(diff, "is_default")
	}
	obs := reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff, Publish: []reconcile.Output{d.dnsEndpoint(cd)}}
	var next time.Duration
	if stringOf(dom, "status") != "ready" && manage {
		var verify *reconcile.Action
		if verify, next = d.verify(c, cd, id); verify != nil {
			obs.Act = append(obs.Act, *verify)
		}
	}
	if cd.Status.State != "ready" {
		msg := fmt.Sprintf("Auth0 is waiting for DNS (state %s): publish %s", cd.Status.State, records(cd.Status.Verification))
		if !manage {
			msg += " (ObserveOnly: the operator does not ask Auth0 to verify)"
		} else if next > 0 {
			msg += fmt.Sprintf("; next verification in %s", next.Round(time.Second))
		}
		obs.NotReady = &reconcile.Waiting{Reason: v1alpha1.ReasonPendingVerification, Message: msg, RetryAfter: next}
	}
	return withValues(obs, want, dom), nil
}

func records(rs []v1alpha1.CustomDomainVerificationRecord) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %s %s", r.Type, r.Name, r.Value)
	}
	return s
}

func (d *CustomDomain) report(cd *v1alpha1.CustomDomain, dom object) {
	cd.Status.State = stringOf(dom, "status")
	cd.Status.OriginDomainName = stringOf(dom, "origin_domain_name")
	cd.Status.Default, _ = dom["is_default"].(bool)
	cd.Status.Verification = nil
	for _, e := range anyList(objectField(dom, "verification"), "methods") {
		m, _ := e.(map[string]any)
		cd.Status.Verification = append(cd.Status.Verification, v1alpha1.CustomDomainVerificationRecord{
			Type: stringOf(m, "name"), Name: nameOr(stringOf(m, "domain"), stringOf(dom, "domain")), Value: stringOf(m, "record")})
	}
}

// verifyPause is the wait after the n-th attempt: 15s, 30s, 1m... up to 10m.
func verifyPause(attempts int32) time.Duration {
	p := verifyFirstPause
	for i := int32(1); i < attempts && p < verifyMaxPause; i++ {
		p *= 2
	}
	return min(p, verifyMaxPause)
}

// verify returns the verification Auth0 should be asked for now, if the domain's schedule and
// the tenant's verify budget allow one, and else when to look again.
func (d *CustomDomain) verify(c *auth0.Client, cd *v1alpha1.CustomDomain, id string) (*reconcile.Action, time.Duration) {
	now := d.Now()
	st := &cd.Status
	if st.LastVerifyTime != nil {
		if due := st.LastVerifyTime.Add(verifyPause(st.VerifyAttempts)); now.Before(due) {
			return nil, due.Sub(now)
		}
	}
	if wait := c.Reserve("POST", "/custom-domains/{id}/verify"); wait > 0 {
		return nil, wait
	}
	return &reconcile.Action{Name: "asked Auth0 to verify the domain", Do: func(ctx context.Context) error {
		v, err := decoded(c.API().CustomDomains.Verify(ctx, id))
		t := metav1.NewTime(now)
		st.LastVerifyTime = &t
		st.VerifyAttempts++
		if err == nil {
			customDomains.Put(c, v)
		}
		return err
	}}, verifyPause(st.VerifyAttempts + 1)
}

// Create creates the custom domain; its verification starts over.
func (d *CustomDomain) Create(ctx context.Context, c *auth0.Client, cd *v1alpha1.CustomDomain) (string, error) {
	cd.Status.VerifyAttempts, cd.Status.LastVerifyTime = 0, nil
	return d.Collection.Create(ctx, c, cd)
}

// Update writes the spec over the domain, then makes it the tenant's default (or the canonical
// domain, when the spec says false) if that differs.
func (d *CustomDomain) Update(ctx context.Context, c *auth0.Client, cd *v1alpha1.CustomDomain, id string, obs reconcile.Observation) error {
	if err := d.Collection.Update(ctx, c, cd, id, obs); err != nil {
		return err
	}
	if p := cd.Spec.Default; p != nil && slices.Contains(obs.Diff, "is_default") {
		target := cd.Spec.Domain
		if !*p {
			target = c.Domain() // the canonical domain
		}
		if _, err := c.API().CustomDomains.SetDefault(ctx, &management.SetDefaultCustomDomainRequestContent{Domain: target}); err != nil {
			return err
		}
		customDomains.Invalidate(c) // the previous default changed too
	}
	return nil
}

// Delete deletes the custom domain and the DNSEndpoint written for it.
func (d *CustomDomain) Delete(ctx context.Context, c *auth0.Client, cd *v1alpha1.CustomDomain, id string) error {
	err := d.Collection.Delete(ctx, c, cd, id)
	if err == nil || auth0.IsNotFound(err) {
		if derr := d.deleteDNSEndpoint(ctx, cd); derr != nil && !meta.IsNoMatchError(derr) {
			return derr
		}
	}
	return err
}

// customDomainExporter reads every custom domain, named by its domain. The tenant's default
// domain is exported with default: true; the others leave the choice alone.
var customDomainExporter = Exporter{Kind: "CustomDomain", Read: eachOf(customDomains, func(_ context.Context, _ *auth0.Client, dom object) (Found, error) {
	return Found{ID: customDomains.ID(dom), Name: stringOf(dom, "domain"), Build: func(x *ExportContext) (reconcile.Object, error) {
		if p := stringOf(dom, "tls_policy"); p != "" && p != "recommended" {
			return nil, fmt.Errorf("TLS policy %q is not one the CustomDomain kind manages (recommended)", p)
		}
		var s v1alpha1.CustomDomainSpec
		fromAuth0(dom, &s)
		if dom["is_default"] == true {
			s.Default = ptr(true)
		}
		return &v1alpha1.CustomDomain{Spec: s}, nil
	}}, nil
})}
