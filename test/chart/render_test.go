package chart

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/a0ops/auth0-operator/internal/testenv"
)

func TestChartLints(t *testing.T) {
	for _, file := range []string{"", "values-dev.yaml", "values-prod.yaml"} {
		t.Run(name(file), func(t *testing.T) {
			args := append([]string{"lint", "--strict", chartDir, "--namespace", releaseNamespace}, valuesArgs(file, nil)...)
			if _, err := helm(t, args...); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestRenderRefusesUnsafeValues(t *testing.T) {
	cases := []struct {
		name string
		sets []string
		want string
	}{
		{"two replicas without leader election", []string{"replicaCount=2", "leaderElection.enabled=false"}, "needs leaderElection.enabled"},
		{"tenant without domain", []string{"tenant.create=true", "tenant.credentials.secretName=s"}, "tenant.domain is required"},
		{"tenant without credentials", []string{"tenant.create=true", "tenant.domain=a.auth0.com"}, "tenant.credentials.secretName is required"},
		{"tenant of an unknown kind", []string{"tenant.create=true", "tenant.kind=Org", "tenant.domain=a.auth0.com", "tenant.credentials.secretName=s"}, "must be Tenant or ClusterTenant"},
		{"ServiceMonitor without Service", []string{"metrics.serviceMonitor.enabled=true", "metrics.service.enabled=false"}, "needs metrics.service.enabled"},
		{"ClusterTenant without allowedNamespaces", []string{"tenant.create=true", "tenant.domain=a.auth0.com", "tenant.credentials.secretName=s"}, "tenant.allowedNamespaces is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := renderErr(t, "", c.sets...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want a render error containing %q, got %v", c.want, err)
			}
		})
	}
}

// TestCRDsAreTheGeneratedOnes: the chart's CRDs are config/crd/bases, spec for spec, kept on
// uninstall, and left out entirely with crds.install=false.
func TestCRDsAreTheGeneratedOnes(t *testing.T) {
	want := map[string]map[string]any{} // name -> spec
	files, _ := filepath.Glob(filepath.Join(testenv.Root(), "config", "crd", "bases", "*.yaml"))
	for _, f := range files {
		rel, _ := filepath.Rel(testenv.Root(), f)
		crd := readYAML(t, rel)
		want[crd["metadata"].(map[string]any)["name"].(string)] = crd["spec"].(map[string]any)
	}

	crds := ofKind(render(t, ""), "CustomResourceDefinition")
	got := map[string]map[string]any{}
	for _, c := range crds {
		got[c.GetName()] = c.Object["spec"].(map[string]any)
		if p := c.GetAnnotations()["helm.sh/resource-policy"]; p != "keep" {
			t.Errorf("CRD %s: helm.sh/resource-policy = %q, want keep", c.GetName(), p)
		}
	}
	if d := cmp.Diff(normalize(t, want), normalize(t, got)); d != "" {
		t.Errorf("rendered CRDs differ from config/crd/bases (-generated +rendered):\n%s", d)
	}

	for _, c := range ofKind(render(t, "", "crds.keep=false"), "CustomResourceDefinition") {
		if _, ok := c.GetAnnotations()["helm.sh/resource-policy"]; ok {
			t.Errorf("crds.keep=false: CRD %s still has helm.sh/resource-policy", c.GetName())
		}
	}
	if n := len(ofKind(render(t, "", "crds.install=false"), "CustomResourceDefinition")); n != 0 {
		t.Errorf("crds.install=false rendered %d CRDs", n)
	}
}

// TestDefaultRender checks what a plain `helm install` creates.
func TestDefaultRender(t *testing.T) {
	objs := render(t, "")
	for _, k := range []string{"ServiceMonitor", "PrometheusRule", "ConfigMap", "NetworkPolicy", "ClusterTenant", "Tenant"} {
		if n := kinds(objs)[k]; n != 0 {
			t.Errorf("default values rendered %d %s; it is opt-in", n, k)
		}
	}
	dep := deployment(t, objs)
	if *dep.Spec.Replicas != 1 {
		t.Errorf("replicas = %d, want 1", *dep.Spec.Replicas)
	}
	c := dep.Spec.Template.Spec.Containers[0]
	for _, a := range []string{"--leader-elect", "--leader-election-namespace=" + releaseNamespace, "--health-probe-bind-address=:8081",
		"--metrics-bind-address=:8443", "--metrics-secure=true", "--min-drift-interval=30s"} {
		if !contains(c.Args, a) {
			t.Errorf("args %v lack %s", c.Args, a)
		}
	}
	for _, a := range c.Args {
		if strings.HasPrefix(a, "--namespaces") {
			t.Errorf("cluster mode passes %s", a)
		}
	}
	probePort := map[string]int32{}
	for _, p := range c.Ports {
		probePort[p.Name] = p.ContainerPort
	}
	for probe, path := range map[*corev1.Probe]string{c.LivenessProbe: "/healthz", c.ReadinessProbe: "/readyz"} {
		if probe == nil || probe.HTTPGet == nil {
			t.Fatalf("missing HTTP probe for %s", path)
		}
		if probe.HTTPGet.Path != path || probePort[probe.HTTPGet.Port.String()] != 8081 {
			t.Errorf("probe %s:%s, want %s on the 8081 port", probe.HTTPGet.Path, probe.HTTPGet.Port.String(), path)
		}
	}
	sc := c.SecurityContext
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
		sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
		sc.Capabilities == nil || !cmp.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) {
		t.Errorf("container securityContext is not restricted: %+v", sc)
	}
	if ps := dep.Spec.Template.Spec.SecurityContext; ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot ||
		ps.SeccompProfile == nil || ps.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("pod securityContext is not restricted: %+v", ps)
	}
	if c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Errorf("resources: %+v", c.Resources)
	}

	// Cluster mode: one ClusterRole with exactly the generated rules; leases only in the release namespace.
	cr := one(t, objs, "ClusterRole")
	if d := cmp.Diff(generatedPermissions(t), permissions(t, cr)); d != "" {
		t.Errorf("ClusterRole differs from config/rbac/role.yaml (-generated +rendered):\n%s", d)
	}
	le := ofKind(objs, "Role")
	if len(le) != 1 || le[0].GetNamespace() != releaseNamespace {
		t.Fatalf("want one Role (leader election) in %s, got %d", releaseNamespace, len(le))
	}
	if p := permissions(t, le[0]); !p["coordination.k8s.io|leases|update"] || !p["|events|create"] {
		t.Errorf("leader-election Role lacks leases update or events create: %v", p)
	}
	assertNoWildcards(t, objs)

	if n := len(ofKind(render(t, "", "leaderElection.enabled=false"), "Role")); n != 0 {
		t.Errorf("leaderElection.enabled=false still renders %d Roles", n)
	}
	for _, a := range deployment(t, render(t, "", "leaderElection.enabled=false")).Spec.Template.Spec.Containers[0].Args {
		if strings.HasPrefix(a, "--leader-elect") {
			t.Errorf("leaderElection.enabled=false still passes %s", a)
		}
	}
}

// TestNamespacedMode: Roles per watched namespace with the namespaced part of the generated
// rules, a ClusterRole with only the cluster-scoped part, and nothing lost between the two.
func TestNamespacedMode(t *testing.T) {
	objs := render(t, "", "watchNamespaces={team-a,team-b}")
	args := deployment(t, objs).Spec.Template.Spec.Containers[0].Args
	if !contains(args, "--namespaces=team-a,team-b") {
		t.Errorf("args %v lack --namespaces=team-a,team-b", args)
	}
	roles := map[string]map[string]bool{}
	for _, r := range ofKind(objs, "Role") {
		if strings.HasSuffix(r.GetName(), "-leader-election") {
			continue
		}
		roles[r.GetNamespace()] = permissions(t, r)
	}
	if len(roles) != 2 || roles["team-a"] == nil || roles["team-b"] == nil {
		t.Fatalf("want one Role in each of team-a and team-b besides leader election, got %d: %v", len(roles), roles)
	}
	if d := cmp.Diff(roles["team-a"], roles["team-b"]); d != "" {
		t.Errorf("Roles differ between namespaces:\n%s", d)
	}
	bindings := map[string]bool{}
	for _, b := range ofKind(objs, "RoleBinding") {
		bindings[b.GetNamespace()+"/"+b.GetName()] = true
	}
	for _, ns := range []string{"team-a", "team-b"} {
		if !bindings[ns+"/auth0-operator"] {
			t.Errorf("no RoleBinding in %s (have %v)", ns, bindings)
		}
	}

	clusterScoped := clusterScopedResources(t)
	cr := one(t, objs, "ClusterRole")
	union := map[string]bool{}
	for p := range permissions(t, cr) {
		union[p] = true
		parts := strings.Split(p, "|")
		if !clusterScoped[parts[0]+"|"+strings.Split(parts[1], "/")[0]] {
			t.Errorf("namespaced mode grants %s cluster-wide", p)
		}
	}
	for p := range roles["team-a"] {
		union[p] = true
		parts := strings.Split(p, "|")
		if clusterScoped[parts[0]+"|"+strings.Split(parts[1], "/")[0]] {
			t.Errorf("Role grants cluster-scoped %s, which a Role cannot", p)
		}
	}
	if d := cmp.Diff(generatedPermissions(t), union); d != "" {
		t.Errorf("ClusterRole + Role differ from config/rbac/role.yaml (-generated +rendered):\n%s", d)
	}
	assertNoWildcards(t, objs)
}

// TestProdRender checks the production example: HA, budget, network policy, monitoring.
func TestProdRender(t *testing.T) {
	objs := render(t, "values-prod.yaml")
	dep := deployment(t, objs)
	if *dep.Spec.Replicas != 2 || !contains(dep.Spec.Template.Spec.Containers[0].Args, "--leader-elect") {
		t.Errorf("prod: replicas %d, args %v; want 2 with --leader-elect", *dep.Spec.Replicas, dep.Spec.Template.Spec.Containers[0].Args)
	}
	pdb := one(t, objs, "PodDisruptionBudget")
	if d := cmp.Diff(dep.Spec.Selector.MatchLabels, stringMap(pdb, "spec", "selector", "matchLabels")); d != "" {
		t.Errorf("PDB selector differs from the Deployment's:\n%s", d)
	}

	np := one(t, objs, "NetworkPolicy")
	if d := cmp.Diff(dep.Spec.Selector.MatchLabels, stringMap(np, "spec", "podSelector", "matchLabels")); d != "" {
		t.Errorf("NetworkPolicy selects other pods than the Deployment's:\n%s", d)
	}
	egressPorts := map[string]bool{}
	egress, _, _ := unstructured.NestedSlice(np.Object, "spec", "egress")
	for _, e := range egress {
		ports, _, _ := unstructured.NestedSlice(e.(map[string]any), "ports")
		for _, p := range ports {
			p := p.(map[string]any)
			egressPorts[toString(p["protocol"])+"/"+toString(p["port"])] = true
		}
	}
	if d := cmp.Diff(map[string]bool{"UDP/53": true, "TCP/53": true, "TCP/443": true, "TCP/6443": true}, egressPorts); d != "" {
		t.Errorf("egress ports (-want +got):\n%s", d)
	}

	svc := one(t, objs, "Service")
	sm := one(t, objs, "ServiceMonitor")
	svcLabels := svc.GetLabels()
	for k, v := range stringMap(sm, "spec", "selector", "matchLabels") {
		if svcLabels[k] != v {
			t.Errorf("ServiceMonitor selects %s=%s, the metrics Service has %q", k, v, svcLabels[k])
		}
	}
	smPort, _, _ := unstructured.NestedSlice(sm.Object, "spec", "endpoints")
	svcPorts, _, _ := unstructured.NestedSlice(svc.Object, "spec", "ports")
	if smPort[0].(map[string]any)["port"] != svcPorts[0].(map[string]any)["name"] {
		t.Errorf("ServiceMonitor scrapes port %v, the Service's port is named %v", smPort[0].(map[string]any)["port"], svcPorts[0].(map[string]any)["name"])
	}
	if ep := smPort[0].(map[string]any); ep["scheme"] != "https" || ep["bearerTokenFile"] == nil {
		t.Errorf("ServiceMonitor endpoint %v: want https with the scraper's token (metrics are authenticated by default)", ep)
	}
	if sm.GetLabels()["release"] != "kube-prometheus-stack" {
		t.Errorf("ServiceMonitor labels %v lack the example's release label", sm.GetLabels())
	}

	pr := one(t, objs, "PrometheusRule")
	if d := cmp.Diff(normalize(t, readYAML(t, "config/prometheus/alerts.yaml")["spec"]), normalize(t, pr.Object["spec"])); d != "" {
		t.Errorf("PrometheusRule differs from config/prometheus/alerts.yaml:\n%s", d)
	}

	cm := one(t, objs, "ConfigMap")
	if cm.GetLabels()["grafana_dashboard"] != "1" {
		t.Errorf("dashboard ConfigMap labels %v lack grafana_dashboard", cm.GetLabels())
	}
	var got, want any
	data := stringMap(cm, "data")
	if err := json.Unmarshal([]byte(data["auth0-operator.json"]), &got); err != nil {
		t.Fatalf("dashboard in the ConfigMap is not JSON: %v", err)
	}
	b, _ := os.ReadFile(filepath.Join(testenv.Root(), "config", "grafana", "auth0-operator.json"))
	_ = json.Unmarshal(b, &want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("dashboard ConfigMap differs from config/grafana/auth0-operator.json:\n%s", d)
	}

	ct := one(t, objs, "ClusterTenant")
	if ct.GetAnnotations()["helm.sh/hook"] != "post-install,post-upgrade" {
		t.Errorf("ClusterTenant annotations %v: want a post-install,post-upgrade hook", ct.GetAnnotations())
	}
	if ns, _, _ := unstructured.NestedString(ct.Object, "spec", "credentials", "secretRef", "namespace"); ns != releaseNamespace {
		t.Errorf("ClusterTenant secretRef namespace %q, want %q", ns, releaseNamespace)
	}
	// A shared tenant: two app-team namespaces and a platform namespace, chosen by name.
	allowed, _, _ := unstructured.NestedSlice(ct.Object, "spec", "allowedNamespaces", "matchExpressions")
	if len(allowed) != 1 || allowed[0].(map[string]any)["key"] != "kubernetes.io/metadata.name" || len(strs(allowed[0].(map[string]any)["values"])) != 3 {
		t.Errorf("ClusterTenant allowedNamespaces %v: want three namespaces by kubernetes.io/metadata.name", allowed)
	}
	policies, _, _ := unstructured.NestedSlice(ct.Object, "spec", "namespacePolicies")
	if len(policies) == 0 || policies[0].(map[string]any)["allowTenantWide"] != true {
		t.Errorf("ClusterTenant namespacePolicies %v: want the platform namespace's tenant-wide policy first", policies)
	}
	args := dep.Spec.Template.Spec.Containers[0].Args
	for _, a := range []string{"--dns-endpoint-allowed-zones=acme.com", "--dns-endpoint-labels=external-dns=public"} {
		if !contains(args, a) {
			t.Errorf("args %v lack %s", args, a)
		}
	}
	assertNoWildcards(t, objs)
}

func TestTenantFromValues(t *testing.T) {
	objs := render(t, "", "tenant.create=true", "tenant.kind=Tenant", "tenant.name=dev", "tenant.domain=dev.eu.auth0.com",
		"tenant.credentials.secretName=auth0-dev", "tenant.hook=false", "tenant.driftInterval=5m")
	tn := one(t, objs, "Tenant")
	if tn.GetNamespace() != releaseNamespace || tn.GetName() != "dev" {
		t.Errorf("Tenant %s/%s, want %s/dev", tn.GetNamespace(), tn.GetName(), releaseNamespace)
	}
	if _, ok := tn.GetAnnotations()["helm.sh/hook"]; ok {
		t.Errorf("tenant.hook=false still renders a hook")
	}
	want := map[string]any{
		"domain":        "dev.eu.auth0.com",
		"credentials":   map[string]any{"secretRef": map[string]any{"name": "auth0-dev"}},
		"driftInterval": "5m",
	}
	if d := cmp.Diff(want, tn.Object["spec"]); d != "" {
		t.Errorf("Tenant spec (-want +got):\n%s", d)
	}
}

// normalize turns a decoded YAML value into JSON values with numbers as their exact text, so
// that two decoders (int64 vs float64) compare equal and a number that lost precision does not.
func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func deployment(t *testing.T, objs []*unstructured.Unstructured) *appsv1.Deployment {
	t.Helper()
	var d appsv1.Deployment
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(one(t, objs, "Deployment").Object, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// permissions expands the rules of a Role or ClusterRole (or the generated role.yaml) into
// "group|resource|verb" entries ("|name" appended for resourceNames), so that rules grouped differently compare equal.
func permissions(t *testing.T, role *unstructured.Unstructured) map[string]bool {
	t.Helper()
	rules, _, err := unstructured.NestedSlice(role.Object, "rules")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range rules {
		r := r.(map[string]any)
		if r["nonResourceURLs"] != nil {
			t.Fatalf("%s: rules with nonResourceURLs are not compared by this test: %v", role.GetName(), r)
		}
		names := []string{""}
		if r["resourceNames"] != nil {
			names = strs(r["resourceNames"])
		}
		for _, g := range strs(r["apiGroups"]) {
			for _, res := range strs(r["resources"]) {
				for _, v := range strs(r["verbs"]) {
					for _, n := range names {
						key := g + "|" + res + "|" + v
						if n != "" {
							key += "|" + n
						}
						out[key] = true
					}
				}
			}
		}
	}
	return out
}

func generatedPermissions(t *testing.T) map[string]bool {
	t.Helper()
	p := permissions(t, &unstructured.Unstructured{Object: readYAML(t, "config/rbac/role.yaml")})
	if len(p) == 0 {
		t.Fatal("config/rbac/role.yaml grants nothing")
	}
	return p
}

// clusterScopedResources: "group|plural" of the cluster-scoped CRDs, and namespaces.
func clusterScopedResources(t *testing.T) map[string]bool {
	t.Helper()
	// Namespaces, and the reviews the authenticated /metrics endpoint creates, as the chart's
	// auth0-operator.clusterScopedResources lists them.
	out := map[string]bool{"|namespaces": true, "authentication.k8s.io|tokenreviews": true, "authorization.k8s.io|subjectaccessreviews": true}
	files, _ := filepath.Glob(filepath.Join(testenv.Root(), "config", "crd", "bases", "*.yaml"))
	for _, f := range files {
		rel, _ := filepath.Rel(testenv.Root(), f)
		crd := &unstructured.Unstructured{Object: readYAML(t, rel)}
		scope, _, _ := unstructured.NestedString(crd.Object, "spec", "scope")
		group, _, _ := unstructured.NestedString(crd.Object, "spec", "group")
		plural, _, _ := unstructured.NestedString(crd.Object, "spec", "names", "plural")
		if scope == "Cluster" {
			out[group+"|"+plural] = true
		}
	}
	return out
}

func assertNoWildcards(t *testing.T, objs []*unstructured.Unstructured) {
	t.Helper()
	for _, o := range objs {
		if o.GetKind() != "Role" && o.GetKind() != "ClusterRole" {
			continue
		}
		for p := range permissions(t, o) {
			for _, part := range strings.Split(p, "|") {
				if part == "*" {
					t.Errorf("%s %s grants a wildcard: %s", o.GetKind(), o.GetName(), p)
				}
			}
		}
	}
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	sort.Strings(out)
	return out
}

func stringMap(o *unstructured.Unstructured, path ...string) map[string]string {
	m, _, _ := unstructured.NestedStringMap(o.Object, path...)
	return m
}

func toString(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

func name(file string) string {
	if file == "" {
		return "default"
	}
	return strings.TrimSuffix(file, ".yaml")
}
