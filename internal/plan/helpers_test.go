package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/plan"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

var env *testenv.Env

func TestMain(m *testing.M) {
	testenv.MainWithOperator(m, &env, filepath.Join(testenv.Root(), "test", "crds"))
}

// fixture is one test's tenant: a simulator, a namespace with a Tenant "prod" connected to it.
type fixture struct {
	t   *testing.T
	sim *auth0sim.Server
	ns  string
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, sim: auth0sim.NewServer(t, auth0sim.Options{TLS: true, Profile: auth0sim.ProfileUnlimited}), ns: env.Namespace(t, nil)}
	f.sim.SetCustomDomainDNS("login.example.com", true) // the sample's record is already published
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "auth0-credentials", Namespace: f.ns},
		StringData: map[string]string{"clientID": f.sim.ClientID(), "clientSecret": f.sim.ClientSecret()}})
	rps := resource.MustParse("100")
	f.create(&v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "prod", Namespace: f.ns}, Spec: v1alpha1.TenantSpec{
		Domain: f.sim.Domain(), BaseURL: f.sim.URL(), CABundle: string(f.sim.CertPEM()),
		Credentials:   v1alpha1.TenantCredentials{SecretRef: v1alpha1.SecretReference{Name: "auth0-credentials"}},
		RateLimit:     v1alpha1.RateLimitSpec{RequestsPerSecond: &rps, Burst: 100, BudgetShare: 100},
		DriftInterval: &metav1.Duration{Duration: time.Hour},
	}})
	return f
}

// with is the fixture for a subtest.
func (f *fixture) with(t *testing.T) *fixture {
	c := *f
	c.t = t
	return &c
}

func (f *fixture) create(o client.Object) {
	f.t.Helper()
	if err := env.Client.Create(context.Background(), o); err != nil {
		f.t.Fatalf("creating %s %s: %v", o.GetObjectKind().GroupVersionKind().Kind, o.GetName(), err)
	}
}

var (
	samplesOnce sync.Once
	samplesYAML []byte
	samplesErr  error
)

// samples are config/samples as `kubectl kustomize` renders them, in the fixture's namespace,
// each managed object on its Tenant "prod".
func (f *fixture) samples() []*unstructured.Unstructured {
	f.t.Helper()
	samplesOnce.Do(func() {
		samplesYAML, samplesErr = exec.Command("kubectl", "kustomize", filepath.Join(testenv.Root(), "config", "samples")).Output()
	})
	if samplesErr != nil {
		f.t.Fatalf("kubectl kustomize config/samples: %v", samplesErr)
	}
	objs, err := plan.Read("-", bytes.NewReader(samplesYAML))
	if err != nil {
		f.t.Fatal(err)
	}
	for _, u := range objs {
		u.SetNamespace(f.ns)
		if u.GetAPIVersion() == v1alpha1.GroupVersion.String() {
			_ = unstructured.SetNestedMap(u.Object, map[string]any{"kind": "Tenant", "name": "prod"}, "spec", "tenantRef")
		}
	}
	return objs
}

// stream is objs as one YAML stream, as `kustomize build` prints it.
func stream(t *testing.T, objs []*unstructured.Unstructured) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, u := range objs {
		y, err := yaml.Marshal(u.Object)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("---\n")
		b.Write(y)
	}
	return b.Bytes()
}

// run runs `auth0-operator plan -f - args...` on objs; it returns the exit status and output.
func (f *fixture) run(objs []*unstructured.Unstructured, args ...string) (int, string, string) {
	f.t.Helper()
	var out, errOut bytes.Buffer
	cmd := &plan.Command{Stdin: bytes.NewReader(stream(f.t, objs)), Stdout: &out, Stderr: &errOut,
		KubeConfig: func() (*rest.Config, error) { return env.Config, nil },
		Rules:      reconcile.Options{AllowedDNSZones: []string{"example.com"}, DNSEndpointLabels: map[string]string{"dns": "public"}}}
	before := f.sim.Stats()
	code := cmd.Run(testenv.Ctx(f.t), append([]string{"-f", "-", "--namespace", f.ns}, args...))
	if w := writesSince(before, f.sim.Stats()); len(w) > 0 {
		f.t.Fatalf("the plan wrote to Auth0: %v", w)
	}
	return code, out.String(), errOut.String()
}

// plan runs the plan with -o json and decodes it; it fails unless the exit status is want.
func (f *fixture) plan(objs []*unstructured.Unstructured, want int, args ...string) *plan.Plan {
	f.t.Helper()
	code, out, errOut := f.run(objs, append([]string{"-o", "json"}, args...)...)
	if code != want {
		f.t.Fatalf("exit status %d, want %d; stderr: %s\nstdout: %s", code, want, errOut, out)
	}
	p := &plan.Plan{}
	if err := json.Unmarshal([]byte(out), p); err != nil {
		f.t.Fatalf("decoding the JSON plan: %v\n%s", err, out)
	}
	if p.Version != plan.Version {
		f.t.Errorf("version %d, want %d", p.Version, plan.Version)
	}
	return p
}

// apply creates or updates objs in the cluster (spec, labels, data), as kubectl apply would.
func (f *fixture) apply(objs []*unstructured.Unstructured) {
	f.t.Helper()
	ctx := context.Background()
	for _, u := range objs {
		live := &unstructured.Unstructured{}
		live.SetGroupVersionKind(u.GroupVersionKind())
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(u), live); err != nil {
			if err := env.Client.Create(ctx, u.DeepCopy()); err != nil {
				f.t.Fatalf("creating %s %s: %v", u.GetKind(), u.GetName(), err)
			}
			continue
		}
		for _, k := range []string{"spec", "data", "stringData"} {
			if v, ok := u.Object[k]; ok {
				live.Object[k] = v
			}
		}
		if err := env.Client.Update(ctx, live); err != nil {
			f.t.Fatalf("updating %s %s: %v", u.GetKind(), u.GetName(), err)
		}
	}
}

// converge waits until every managed object of objs is Ready and Synced for its generation.
func (f *fixture) converge(objs []*unstructured.Unstructured) {
	f.t.Helper()
	testenv.Eventually(f.t, 3*time.Minute, func() (bool, string) {
		var pending []string
		for _, u := range objs {
			if u.GetAPIVersion() != v1alpha1.GroupVersion.String() {
				continue
			}
			live := &unstructured.Unstructured{}
			live.SetGroupVersionKind(u.GroupVersionKind())
			if err := env.Client.Get(context.Background(), client.ObjectKeyFromObject(u), live); err != nil {
				return false, err.Error()
			}
			if !current(live, v1alpha1.ConditionReady) || !current(live, v1alpha1.ConditionSynced) {
				conds, _, _ := unstructured.NestedSlice(live.Object, "status", "conditions")
				pending = append(pending, fmt.Sprintf("%s/%s %v", u.GetKind(), u.GetName(), conds))
			}
		}
		return len(pending) == 0, fmt.Sprintf("%d not converged, e.g. %v", len(pending), pending[:min(2, len(pending))])
	})
}

func current(u *unstructured.Unstructured, typ string) bool {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] == typ {
			g, _ := m["observedGeneration"].(int64)
			return m["status"] == "True" && g == u.GetGeneration()
		}
	}
	return false
}

// writesSince are the Management API calls that change something, made between two stats.
func writesSince(before, after auth0sim.Stats) map[string]int {
	out := map[string]int{}
	for call, n := range after.Calls {
		if !strings.HasPrefix(call, "GET ") && n > before.Calls[call] {
			out[call] = n - before.Calls[call]
		}
	}
	return out
}

func find(t *testing.T, entries []plan.Entry, kind, name string) plan.Entry {
	t.Helper()
	i := slices.IndexFunc(entries, func(e plan.Entry) bool { return e.Kind == kind && e.Name == name })
	if i < 0 {
		t.Fatalf("the plan has no %s %s: %+v", kind, name, entries)
	}
	return entries[i]
}

func named(objs []*unstructured.Unstructured, kind, name string) *unstructured.Unstructured {
	for _, u := range objs {
		if u.GetKind() == kind && u.GetName() == name {
			return u
		}
	}
	panic(kind + " " + name + " is not in the samples")
}

func without(objs []*unstructured.Unstructured, kind, name string) []*unstructured.Unstructured {
	return slices.DeleteFunc(slices.Clone(objs), func(u *unstructured.Unstructured) bool { return u.GetKind() == kind && u.GetName() == name })
}

func liveID(t *testing.T, ns, kind, name string) string {
	t.Helper()
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind(kind))
	if err := env.Client.Get(context.Background(), client.ObjectKey{Namespace: ns, Name: name}, u); err != nil {
		t.Fatal(err)
	}
	id, _, _ := unstructured.NestedString(u.Object, "status", "id")
	if id == "" {
		t.Fatalf("%s %s has no status.id", kind, name)
	}
	return id
}

func specOf(u *unstructured.Unstructured, field string) any {
	v, _, _ := unstructured.NestedFieldCopy(u.Object, "spec", field)
	return v
}

func clone(objs []*unstructured.Unstructured) []*unstructured.Unstructured {
	out := make([]*unstructured.Unstructured, len(objs))
	for i, u := range objs {
		out[i] = u.DeepCopy()
	}
	return out
}

func secretValue(t *testing.T, ns, name, key string) []byte {
	t.Helper()
	s := &corev1.Secret{}
	if err := env.Client.Get(context.Background(), client.ObjectKey{Namespace: ns, Name: name}, s); err != nil {
		t.Fatal(err)
	}
	return s.Data[key]
}

func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o600) }
