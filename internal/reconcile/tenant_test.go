package reconcile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

func byName(names ...string) *metav1.LabelSelector {
	return &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
		{Key: "kubernetes.io/metadata.name", Operator: metav1.LabelSelectorOpIn, Values: names}}}
}

// What a namespace may do through a ClusterTenant: its allowedNamespaces decide whether it may
// use it at all, the first namespacePolicy that selects it what it may do, and the safe default
// when none does.
func TestNamespaceGrant(t *testing.T) {
	shared := v1alpha1.ClusterTenantSpec{
		AllowedNamespaces: &metav1.LabelSelector{MatchLabels: map[string]string{"auth0.a0ops.dev/tenant": "shared"}},
		NamespacePolicies: []v1alpha1.NamespacePolicy{
			{Namespaces: byName("platform"), Kinds: []v1alpha1.ManagedKindName{"*"}, AllowAdoption: true, AllowTenantWide: true},
			{Namespaces: byName("team-a"), Kinds: []v1alpha1.ManagedKindName{"Application", "Action"}},
			// Never reached for team-a: the first matching policy wins.
			{Namespaces: &metav1.LabelSelector{}, Kinds: []v1alpha1.ManagedKindName{"Role"}, AllowAdoption: true},
		},
	}
	noPolicies := shared
	noPolicies.NamespacePolicies = nil
	everyNamespace := v1alpha1.ClusterTenantSpec{AllowedNamespaces: &metav1.LabelSelector{}}
	unset := v1alpha1.ClusterTenantSpec{}

	ns := func(name string, labels map[string]string) *corev1.Namespace {
		l := map[string]string{"kubernetes.io/metadata.name": name}
		for k, v := range labels {
			l[k] = v
		}
		return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: l}}
	}
	member := map[string]string{"auth0.a0ops.dev/tenant": "shared"}

	for _, tc := range []struct {
		name    string
		spec    v1alpha1.ClusterTenantSpec
		ns      *corev1.Namespace
		want    reconcile.Grant
		refused bool
	}{
		{"platform namespace gets everything", shared, ns("platform", member), reconcile.Grant{Kinds: []string{"*"}, Adopt: true, TenantWide: true}, false},
		{"first matching policy wins", shared, ns("team-a", member), reconcile.Grant{Kinds: []string{"Application", "Action"}}, false},
		{"a later catch-all policy", shared, ns("team-b", member), reconcile.Grant{Kinds: []string{"Role"}, Adopt: true}, false},
		{"no policy matches: the safe default", noPolicies, ns("team-b", member), reconcile.DefaultNamespaceGrant, false},
		{"a policy does not widen allowedNamespaces", shared, ns("platform", nil), reconcile.Grant{}, true},
		{"explicit {} allows every namespace, safely", everyNamespace, ns("anything", nil), reconcile.DefaultNamespaceGrant, false},
		{"unset allowedNamespaces allows none", unset, ns("anything", nil), reconcile.Grant{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := &v1alpha1.ClusterTenant{ObjectMeta: metav1.ObjectMeta{Name: "shared"}, Spec: tc.spec}
			got, err := reconcile.NamespaceGrant(ct, tc.ns)
			var stall *reconcile.Stall
			if tc.refused {
				if !errors.As(err, &stall) || stall.Reason != v1alpha1.ReasonTenantNotAllowed {
					t.Fatalf("got grant %+v, err %v; want a TenantNotAllowed stall", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("grant (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDefaultNamespaceGrantIsAnAppTeams(t *testing.T) {
	g := reconcile.DefaultNamespaceGrant
	if g.Adopt || g.TenantWide || g.MayManage("TenantSettings") || g.MayManage("Action") || !g.MayManage("Application") {
		t.Errorf("default grant %+v is not an app team's: no adoption, nothing tenant-wide, no actions", g)
	}
	// A namespaced Tenant still grants its own namespace everything.
	tn := &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "t", Namespace: "n"}}
	if diff := cmp.Diff(reconcile.FullGrant, (&reconcile.Tenants{}).Info(tn).Grant); diff != "" {
		t.Errorf("Tenant grant (-want +got):\n%s", diff)
	}
}

func TestDriftIntervalHasAFloor(t *testing.T) {
	spec := func(d time.Duration) v1alpha1.TenantSpec {
		return v1alpha1.TenantSpec{DriftInterval: &metav1.Duration{Duration: d}}
	}
	for _, tc := range []struct {
		name   string
		floor  time.Duration
		spec   v1alpha1.TenantSpec
		want   time.Duration
		raised bool
	}{
		{"below the floor", 30 * time.Second, spec(2 * time.Second), 30 * time.Second, true},
		{"above the floor", 30 * time.Second, spec(5 * time.Minute), 5 * time.Minute, false},
		{"unset: the default", 30 * time.Second, v1alpha1.TenantSpec{}, reconcile.DefaultDriftInterval, false},
		{"unset, the default below the floor", 15 * time.Minute, v1alpha1.TenantSpec{}, 15 * time.Minute, true},
		{"no floor (tests)", 0, spec(2 * time.Second), 2 * time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := &reconcile.Tenants{Options: reconcile.Options{MinDriftInterval: tc.floor}}
			info := ts.Info(&v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "t", Namespace: "n"}, Spec: tc.spec})
			if info.DriftInterval != tc.want || info.DriftIntervalRaised != tc.raised {
				t.Errorf("drift interval %s (raised %v), want %s (raised %v)", info.DriftInterval, info.DriftIntervalRaised, tc.want, tc.raised)
			}
		})
	}
}

// The rate limit the CRD fills in for an empty spec.rateLimit is the one internal/auth0 applies
// to an empty RateLimit: the defaults are defined once (auth0.DefaultRateLimit) and the schema
// must say the same.
func TestCRDRateLimitDefaultsAreTheOperators(t *testing.T) {
	for _, file := range []string{"auth0.a0ops.dev_tenants.yaml", "auth0.a0ops.dev_clustertenants.yaml"} {
		raw, err := os.ReadFile(filepath.Join(testenv.Root(), "config", "crd", "bases", file))
		if err != nil {
			t.Fatal(err)
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(raw, crd); err != nil {
			t.Fatal(err)
		}
		props := crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties["rateLimit"].Properties
		got := map[string]string{}
		for _, k := range []string{"requestsPerSecond", "burst", "budgetShare"} {
			if d := props[k].Default; d != nil {
				got[k] = string(d.Raw)
			}
		}
		d := auth0.DefaultRateLimit
		want := map[string]string{
			"requestsPerSecond": `"` + trimFloat(d.RequestsPerSecond) + `"`,
			"burst":             itoa(d.Burst),
			"budgetShare":       itoa(d.BudgetSharePercent),
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: spec.rateLimit defaults (-auth0.DefaultRateLimit +CRD):\n%s", file, diff)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
