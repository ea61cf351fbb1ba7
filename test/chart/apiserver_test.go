package chart

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	authorizationv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Kinds whose CRDs a real cluster gets from the Prometheus Operator, which envtest does not
// have; they are checked by rendering (TestProdRender) instead.
var notOnEnvtest = map[string]bool{"monitoring.coreos.com": true}

// warnings collects the warnings the API server sends back (deprecated APIs, unknown fields,
// PodSecurity "would violate"): a rendered manifest must draw none.
type warnings struct {
	mu   sync.Mutex
	list []string
}

func (w *warnings) HandleWarningHeader(_ int, _ string, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.list = append(w.list, text)
}

func (w *warnings) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	l := w.list
	w.list = nil
	return l
}

func warningClient(t *testing.T) (client.Client, *warnings) {
	t.Helper()
	w := &warnings{}
	cfg := rest.CopyConfig(env.Config)
	cfg.WarningHandler = w
	c, err := client.New(cfg, client.Options{Scheme: env.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	return c, w
}

func ensureNamespace(t *testing.T, name string, labels map[string]string) {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
	if err := env.Client.Create(context.Background(), ns); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
}

// TestAPIServerAcceptsRenderedManifests applies every rendered object with server-side apply
// and dry-run=All: the API server validates each against its schema (CRDs included, with
// strict field validation), runs admission, and persists nothing.
func TestAPIServerAcceptsRenderedManifests(t *testing.T) {
	cases := []struct {
		name string
		file string
		sets []string
	}{
		{"default", "", nil},
		{"dev", "values-dev.yaml", nil},
		{"prod", "values-prod.yaml", nil},
		{"namespaced with a Tenant", "", []string{"watchNamespaces={team-a,team-b}", "tenant.create=true", "tenant.kind=Tenant",
			"tenant.domain=t.eu.auth0.com", "tenant.credentials.secretName=s", "tenant.rateLimit.requestsPerSecond=2.5", "networkPolicy.enabled=true"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl, warn := warningClient(t)
			objs := render(t, c.file, c.sets...)
			applied := 0
			for _, o := range objs {
				id := fmt.Sprintf("%s %s/%s", o.GetKind(), o.GetNamespace(), o.GetName())
				err := cl.Apply(context.Background(), client.ApplyConfigurationFromUnstructured(o.DeepCopy()),
					client.FieldOwner("chart-test"), client.ForceOwnership, client.DryRunAll)
				if meta.IsNoMatchError(err) && notOnEnvtest[o.GroupVersionKind().Group] {
					continue
				}
				if err != nil {
					t.Errorf("%s: rejected: %v", id, err)
					continue
				}
				applied++
				for _, w := range warn.take() {
					t.Errorf("%s: API server warning: %s", id, w)
				}
			}
			if applied < len(objs)-2 || applied < 8 {
				t.Errorf("only %d of %d rendered objects were applied", applied, len(objs))
			}
		})
	}
}

// TestPodMeetsRestrictedPodSecurity creates (dry-run) the Deployment's pod in a namespace that
// enforces the restricted Pod Security Standard; a pod without the chart's securityContext is
// rejected there, which shows the check is live.
func TestPodMeetsRestrictedPodSecurity(t *testing.T) {
	const ns = "restricted-pss"
	ensureNamespace(t, ns, map[string]string{
		"pod-security.kubernetes.io/enforce":         "restricted",
		"pod-security.kubernetes.io/enforce-version": "latest",
	})
	podFrom := func(t *testing.T, file string) *corev1.Pod {
		tmpl := deployment(t, render(t, file)).Spec.Template
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{GenerateName: "auth0-operator-", Namespace: ns, Labels: tmpl.Labels}, Spec: tmpl.Spec}
	}
	for _, file := range []string{"", "values-dev.yaml", "values-prod.yaml"} {
		t.Run(name(file), func(t *testing.T) {
			if err := env.Client.Create(context.Background(), podFrom(t, file), client.DryRunAll); err != nil {
				t.Fatalf("restricted namespace rejected the operator's pod: %v", err)
			}
		})
	}
	t.Run("control: a pod without the securityContext is rejected", func(t *testing.T) {
		pod := podFrom(t, "")
		pod.Spec.SecurityContext = nil
		pod.Spec.Containers[0].SecurityContext = nil
		err := env.Client.Create(context.Background(), pod, client.DryRunAll)
		if err == nil || !strings.Contains(err.Error(), "PodSecurity") {
			t.Fatalf("want a PodSecurity rejection, got %v", err)
		}
	})
}

type access struct {
	namespace, group, resource, verb string
	allowed                          bool
	name                             string // for rules with resourceNames
}

// accessTo turns a "group|resource|verb[|name]" permission into an access in namespace ns.
func accessTo(ns, permission string, allowed bool) access {
	parts := append(strings.Split(permission, "|"), "")
	return access{namespace: ns, group: parts[0], resource: parts[1], verb: parts[2], allowed: allowed, name: parts[3]}
}

// TestServiceAccountCanDoWhatTheOperatorNeedsAndNoMore installs the chart's RBAC for real and
// asks the API server's RBAC authorizer (SubjectAccessReview) what the operator's
// ServiceAccount may do: every generated permission, where the mode says, and nothing else.
func TestServiceAccountCanDoWhatTheOperatorNeedsAndNoMore(t *testing.T) {
	generated := generatedPermissions(t)
	clusterScoped := clusterScopedResources(t)

	t.Run("cluster mode", func(t *testing.T) {
		sa := installRBAC(t, "sar-cluster")
		var cases []access
		for p := range generated {
			cases = append(cases, accessTo("", p, true))
		}
		cases = append(cases, notGenerated(generated,
			access{namespace: "team-a", group: "", resource: "secrets", verb: "delete", allowed: false},
			access{namespace: "", group: "", resource: "secrets", verb: "create", allowed: false},
			access{namespace: "", group: "rbac.authorization.k8s.io", resource: "clusterroles", verb: "create", allowed: false},
			access{namespace: "", group: "auth0.a0ops.dev", resource: "tenants", verb: "deletecollection", allowed: false},
			access{namespace: "default", group: "coordination.k8s.io", resource: "leases", verb: "update", allowed: false},
		)...)
		cases = append(cases, access{namespace: releaseNamespace, group: "coordination.k8s.io", resource: "leases", verb: "update", allowed: true})
		checkAccess(t, sa, cases)
	})

	t.Run("namespaced mode", func(t *testing.T) {
		sa := installRBAC(t, "sar-ns", "watchNamespaces={team-a,team-b}")
		var cases []access
		for p := range generated {
			parts := strings.Split(p, "|")
			if clusterScoped[parts[0]+"|"+strings.Split(parts[1], "/")[0]] {
				cases = append(cases, accessTo("", p, true))
				continue
			}
			cases = append(cases,
				accessTo("team-a", p, true),
				accessTo("team-b", p, true),
				accessTo("team-c", p, false),
				accessTo("", p, false), // not across all namespaces
			)
		}
		cases = append(cases, notGenerated(generated,
			access{namespace: "team-a", group: "", resource: "secrets", verb: "delete", allowed: false},
			access{namespace: "team-a", group: "coordination.k8s.io", resource: "leases", verb: "update", allowed: false},
		)...)
		cases = append(cases, access{namespace: releaseNamespace, group: "coordination.k8s.io", resource: "leases", verb: "update", allowed: true})
		checkAccess(t, sa, cases)
	})
}

// notGenerated keeps the denials whose permission the markers do not grant: a later marker
// may legitimately add one, which must not turn this test red.
func notGenerated(generated map[string]bool, denials ...access) []access {
	var out []access
	for _, d := range denials {
		if !generated[d.group+"|"+d.resource+"|"+d.verb] {
			out = append(out, d)
		}
	}
	return out
}

// installRBAC creates the ServiceAccount and RBAC objects the chart renders under a distinct
// full name, and returns the ServiceAccount's user name.
func installRBAC(t *testing.T, fullname string, sets ...string) string {
	t.Helper()
	objs := render(t, "", append(sets, "fullnameOverride="+fullname)...)
	n := 0
	for _, o := range objs {
		switch o.GetKind() {
		case "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding":
		default:
			continue
		}
		if err := env.Client.Apply(context.Background(), client.ApplyConfigurationFromUnstructured(o.DeepCopy()),
			client.FieldOwner("chart-test"), client.ForceOwnership); err != nil {
			t.Fatalf("%s %s: %v", o.GetKind(), o.GetName(), err)
		}
		obj := o.DeepCopy()
		t.Cleanup(func() { _ = env.Client.Delete(context.Background(), obj) })
		n++
	}
	if n < 4 {
		t.Fatalf("only %d RBAC objects rendered", n)
	}
	return "system:serviceaccount:" + releaseNamespace + ":" + fullname
}

func checkAccess(t *testing.T, user string, cases []access) {
	t.Helper()
	for _, c := range cases {
		res, sub, _ := strings.Cut(c.resource, "/")
		sar := &authorizationv1.SubjectAccessReview{Spec: authorizationv1.SubjectAccessReviewSpec{
			User:   user,
			Groups: []string{"system:serviceaccounts", "system:serviceaccounts:" + releaseNamespace, "system:authenticated"},
			ResourceAttributes: &authorizationv1.ResourceAttributes{
				Namespace: c.namespace, Group: c.group, Resource: res, Subresource: sub, Verb: c.verb, Name: c.name,
			},
		}}
		if err := env.Client.Create(context.Background(), sar); err != nil {
			t.Fatal(err)
		}
		if sar.Status.Allowed != c.allowed {
			where := c.namespace
			if where == "" {
				where = "all namespaces / cluster"
			}
			t.Errorf("%s %s.%s in %s: allowed=%v, want %v (%s)", c.verb, c.resource, c.group, where, sar.Status.Allowed, c.allowed, sar.Status.Reason)
		}
	}
}
