package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/external"
)

func customDomain(f *fixture, name, domain string) *v1alpha1.CustomDomain {
	return &v1alpha1.CustomDomain{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.CustomDomainSpec{ManagedSpec: f.ref(), Domain: domain}}
}

// dnsEndpoint reads the DNSEndpoint named name; nil when there is none.
func (f *fixture) dnsEndpoint(name string) *unstructured.Unstructured {
	f.t.Helper()
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(external.DNSEndpointGVK)
	err := env.Client.Get(f.ctx, client.ObjectKey{Namespace: f.ns, Name: name}, u)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// The life of a custom domain: pending, its record in status, DNS published, verified by the
// operator's own schedule and Ready, with verify calls well inside the endpoint's bucket
// (enterprise plan: burst 5, 5 a minute) and no DNSEndpoint since none was asked for.
func TestCustomDomainPendingThenVerifiedReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{Sim: auth0sim.Options{Profile: auth0sim.ProfileEnterpriseProduction}})
	cd := customDomain(f, "login", "login.example.com")
	cd.Spec.TLSPolicy = "recommended"
	yes := true
	cd.Spec.Default = &yes // taken once verified: Auth0 refuses a pending domain as default
	f.create(cd)

	c := f.waitCondition(cd, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonPendingVerification)
	if cd.Status.State != "pending_verification" || cd.Status.ID == "" {
		t.Fatalf("status: state %q, id %q", cd.Status.State, cd.Status.ID)
	}
	if len(cd.Status.Verification) != 1 {
		t.Fatalf("status.verification = %+v", cd.Status.Verification)
	}
	rec := cd.Status.Verification[0]
	if rec.Type != "CNAME" || rec.Name != "login.example.com" || !strings.Contains(rec.Value, ".edge.tenants.") {
		t.Errorf("verification record %+v", rec)
	}
	if !strings.Contains(c.Message, rec.Value) {
		t.Errorf("Ready message %q does not say what to publish", c.Message)
	}
	if s := f.kstatus(cd); s != status.InProgressStatus {
		t.Errorf("kstatus while pending = %s", s)
	}
	if f.dnsEndpoint("login") != nil || cd.Status.DNSEndpoint != "" {
		t.Error("a DNSEndpoint was written without spec.dnsEndpoint")
	}

	start := time.Now()
	f.sim.SetCustomDomainDNS("login.example.com", true)
	f.waitReady(cd)
	t.Logf("ready %s after DNS was published; %d verify calls", time.Since(start).Round(time.Second), f.calls("POST /api/v2/custom-domains/{id}/verify"))
	if cd.Status.State != "ready" || cd.Status.OriginDomainName == "" {
		t.Errorf("status: state %q, origin %q", cd.Status.State, cd.Status.OriginDomainName)
	}
	if got := f.simObject("custom-domains", cd.Status.ID)["is_default"]; got != true || !cd.Status.Default {
		t.Errorf("default domain: Auth0 is_default %v, status.default %v", got, cd.Status.Default)
	}
	if n := f.calls("PATCH /api/v2/custom-domains/default"); n != 1 {
		t.Errorf("%d calls to set the default domain", n)
	}
	if n := f.calls("POST /api/v2/custom-domains/{id}/verify"); n < 1 || n > 4 {
		t.Errorf("%d verify calls", n)
	}
	if n := f.sim.Stats().RateLimited; n != 0 {
		t.Errorf("%d answers were 429", n)
	}
	if s := f.kstatus(cd); s != status.CurrentStatus {
		t.Errorf("kstatus when ready = %s", s)
	}

	// Ready, the domain is not verified again.
	verifies := f.calls("POST /api/v2/custom-domains/{id}/verify")
	f.nudge(cd, 0)
	if n := f.calls("POST /api/v2/custom-domains/{id}/verify"); n != verifies {
		t.Errorf("a ready domain was verified again (%d calls)", n-verifies)
	}

	// An updatable field is written in place; deletion removes the domain from Auth0.
	no := false
	f.update(cd, func() { cd.Spec.CustomClientIPHeader = "cf-connecting-ip"; cd.Spec.Default = &no })
	f.waitReady(cd)
	if got := f.simObject("custom-domains", cd.Status.ID); got["custom_client_ip_header"] != "cf-connecting-ip" || got["is_default"] != false {
		t.Errorf("after update: custom_client_ip_header %v, is_default %v", got["custom_client_ip_header"], got["is_default"])
	}
	id := cd.Status.ID
	f.delete(cd)
	f.waitGone(cd)
	if _, ok := f.sim.Object("custom-domains", id); ok {
		t.Error("the custom domain is still in Auth0")
	}
}

// Many pending domains share the tenant's verify budget: the operator never makes Auth0
// answer 429 on the verify endpoint's tight bucket, and spreads its calls.
func TestCustomDomainVerifyStaysInBudget(t *testing.T) {
	f := newFixture(t, fixtureOptions{Sim: auth0sim.Options{Profile: auth0sim.ProfileEnterpriseProduction}})
	start := time.Now()
	var domains []*v1alpha1.CustomDomain
	for i := range 6 {
		cd := customDomain(f, fmt.Sprintf("d%d", i), fmt.Sprintf("login%d.example.com", i))
		f.create(cd)
		domains = append(domains, cd)
	}
	for _, cd := range domains {
		f.waitCondition(cd, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonPendingVerification)
	}
	// Over 35 seconds, each domain would want 3 attempts (at 0, 15s and 45s... of its own
	// schedule): 18 calls. The budget is 3 at once and 3 a minute per tenant.
	f.eventually(func() (bool, string) {
		return time.Since(start) > 35*time.Second, ""
	})
	elapsed := time.Since(start)
	n := f.calls("POST /api/v2/custom-domains/{id}/verify")
	allowed := 3 + int(3*elapsed.Minutes()) + 1
	t.Logf("%d verify calls in %s for 6 pending domains (allowed %d)", n, elapsed.Round(time.Second), allowed)
	if n < 3 || n > allowed {
		t.Errorf("%d verify calls in %s, want 3..%d", n, elapsed, allowed)
	}
	if r := f.sim.Stats().RateLimited; r != 0 {
		t.Errorf("%d answers were 429", r)
	}
	for _, cd := range domains {
		f.get(cd)
		if c := readyOf(cd); c.Reason != v1alpha1.ReasonPendingVerification || !strings.Contains(c.Message, "next verification in") {
			t.Errorf("%s: Ready %s: %s", cd.Name, c.Reason, c.Message)
		}
	}
}

// spec.dnsEndpoint writes the verification record for external-dns, keeps it in step, and
// removes it when no longer asked for.
func TestCustomDomainDNSEndpoint(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ttl := int64(300)
	cd := customDomain(f, "auth", "auth.example.com")
	cd.Spec.Type = "self_managed_certs"
	cd.Spec.DNSEndpoint = &v1alpha1.CustomDomainDNSEndpoint{Enabled: true, RecordTTL: &ttl, Labels: map[string]string{"dns": "from-the-spec"}}
	f.create(cd)
	f.waitCondition(cd, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonPendingVerification)
	f.eventually(func() (bool, string) {
		f.get(cd)
		return cd.Status.DNSEndpoint == "auth", fmt.Sprintf("status.dnsEndpoint %q", cd.Status.DNSEndpoint)
	})
	rec := cd.Status.Verification[0]
	if rec.Type != "TXT" || rec.Name != "_cf-custom-hostname.auth.example.com" {
		t.Errorf("record %+v", rec)
	}
	ep := f.dnsEndpoint("auth")
	if ep == nil {
		t.Fatal("no DNSEndpoint")
	}
	eps, _, _ := unstructured.NestedSlice(ep.Object, "spec", "endpoints")
	want := fmt.Sprintf("map[dnsName:%s recordTTL:300 recordType:TXT targets:[%s]]", rec.Name, rec.Value)
	if len(eps) != 1 || fmt.Sprint(eps[0]) != want {
		t.Errorf("endpoints %v, want [%s]", eps, want)
	}
	if l := ep.GetLabels(); l["dns"] != "public" || l["app.kubernetes.io/managed-by"] != "auth0-operator" {
		t.Errorf("labels %v: want the operator's configured labels, never the spec's", l)
	}

	// What external-dns would publish makes the domain verifiable.
	f.sim.SetCustomDomainDNS("auth.example.com", true)
	f.waitReady(cd)
	if f.dnsEndpoint("auth") == nil {
		t.Error("the DNSEndpoint was removed once the domain was ready")
	}

	// Edited by hand: put back at the next observation.
	f.update(ep, func() { _ = unstructured.SetNestedSlice(ep.Object, []any{}, "spec", "endpoints") })
	f.nudge(cd, 0)
	eps, _, _ = unstructured.NestedSlice(f.dnsEndpoint("auth").Object, "spec", "endpoints")
	if len(eps) != 1 {
		t.Errorf("endpoints after a manual edit: %v", eps)
	}

	f.update(cd, func() { cd.Spec.DNSEndpoint.Enabled = false })
	f.eventually(func() (bool, string) { return f.dnsEndpoint("auth") == nil, "DNSEndpoint still there" })
	f.waitReady(cd)
	if cd.Status.DNSEndpoint != "" {
		t.Errorf("status.dnsEndpoint = %q", cd.Status.DNSEndpoint)
	}

	// A DNSEndpoint the operator did not write is not taken over.
	foreign := &unstructured.Unstructured{Object: map[string]any{"spec": map[string]any{"endpoints": []any{}}}}
	foreign.SetGroupVersionKind(external.DNSEndpointGVK)
	foreign.SetNamespace(f.ns)
	foreign.SetName("other")
	f.create(foreign)
	other := customDomain(f, "other", "other.example.com")
	other.Spec.DNSEndpoint = &v1alpha1.CustomDomainDNSEndpoint{Enabled: true}
	f.create(other)
	c := f.waitCondition(other, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	if !strings.Contains(c.Message, "DNSEndpoint other") {
		t.Errorf("Stalled message %q", c.Message)
	}

	// A hostname outside the operator's zones is never published, whatever the namespace asks.
	outside := customDomain(f, "company", "login.company.test")
	outside.Spec.DNSEndpoint = &v1alpha1.CustomDomainDNSEndpoint{Enabled: true}
	f.create(outside)
	c = f.waitCondition(outside, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "dns-endpoint-allowed-zones") || f.dnsEndpoint("company") != nil {
		t.Errorf("Stalled message %q, DNSEndpoint written %v", c.Message, f.dnsEndpoint("company") != nil)
	}
}

// domain and type are create-only: a change is refused at apply time.
func TestCustomDomainCreateOnlyFieldsRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	cd := customDomain(f, "fixed", "fixed.example.com")
	f.create(cd)
	if err := f.refusedUpdate(cd, func() { cd.Spec.Domain = "other.example.com" }); !strings.Contains(err.Error(), "domain cannot be changed") {
		t.Errorf("domain change: %v", err)
	}
	if err := f.refusedUpdate(cd, func() { cd.Spec.Type = "self_managed_certs" }); !strings.Contains(err.Error(), "type cannot be changed") {
		t.Errorf("type change: %v", err)
	}
	bad := customDomain(f, "bad", "Not A Domain")
	if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "spec.domain") {
		t.Errorf("invalid domain: %v", err)
	}
}
