package export_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

var env *testenv.Env

func TestMain(m *testing.M) {
	testenv.MainWithOperator(m, &env, filepath.Join(testenv.Root(), "test", "crds"))
}

// A tenant made by hand (hundreds of objects of every kind, through the simulator's admin
// API, never through the operator) is exported; the export is built with kustomize and applied
// to the cluster with its Secrets filled in; the operator adopts every object, all Ready and
// Synced, with not one write to Auth0. A second export compared with the cluster changes
// nothing.
func TestExportRoundTripAdoptsEveryObjectWithoutAWrite(t *testing.T) {
	ctx := testenv.Ctx(t)
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true, Profile: auth0sim.ProfileUnlimited})
	secretValues := sim.Populate(40)
	ns := env.Namespace(t, nil)
	create(t, &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "auth0-credentials", Namespace: ns},
		StringData: map[string]string{"clientID": sim.ClientID(), "clientSecret": sim.ClientSecret()}})
	rps := resource.MustParse("100")
	create(t, &v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "prod", Namespace: ns}, Spec: v1alpha1.TenantSpec{
		Domain: sim.Domain(), BaseURL: sim.URL(), CABundle: string(sim.CertPEM()),
		Credentials:   v1alpha1.TenantCredentials{SecretRef: v1alpha1.SecretReference{Name: "auth0-credentials"}},
		RateLimit:     v1alpha1.RateLimitSpec{RequestsPerSecond: &rps, Burst: 100, BudgetShare: 100},
		DriftInterval: &metav1.Duration{Duration: time.Hour},
	}})
	objects := sim.Stats().Objects

	dir := filepath.Join(t.TempDir(), "export")
	var stderr bytes.Buffer
	run(t, &stderr, "--namespace", ns, "--tenant", "prod", "-o", dir)
	t.Logf("export: %s", strings.TrimSpace(stderr.String()))
	exportCalls := sim.Stats().Calls
	if w := writes(sim.Stats()); len(w) > 0 {
		t.Fatalf("the export wrote to Auth0: %v", w)
	}
	t.Logf("export calls by route: %v", exportCalls)
	// No secret value in any file: not the Secrets' (the populated ones), not a client's.
	var secrets []string
	for _, v := range secretValues {
		secrets = append(secrets, v)
	}
	for _, cl := range sim.Objects("clients") {
		if s, _ := cl["client_secret"].(string); s != "" {
			secrets = append(secrets, s)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds a secret value", f)
			}
		}
	}
	if len(secrets) < 10 || len(files) < 400 {
		t.Fatalf("searched %d files for %d secret values: too few to mean anything", len(files), len(secrets))
	}

	// Build the export as a user would (kubectl kustomize), fill in the skeleton Secrets, apply.
	built, err := exec.Command("kubectl", "kustomize", dir).Output()
	if err != nil {
		t.Fatalf("kubectl kustomize %s: %v", dir, err)
	}
	applied := decode(t, built)
	skeletons, _ := filepath.Glob(filepath.Join(dir, "secrets", "*.yaml"))
	for _, f := range skeletons {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := &corev1.Secret{}
		if err := yaml.Unmarshal(b, s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range s.StringData {
			if v != "" {
				t.Errorf("%s: the skeleton holds a value for %s", f, k)
			}
			s.StringData[k] = secretValues[k]
			if s.StringData[k] == "" {
				s.StringData[k] = "filled-in-by-the-user"
			}
		}
		create(t, s)
	}
	sim.ResetStats()
	for _, u := range applied {
		create(t, u)
	}
	counts := map[string]int{}
	for _, u := range applied {
		counts[u.GetKind()]++
	}
	t.Logf("applied %d objects: %v (tenant held %v)", len(applied), counts, objects)
	for _, kind := range export.Kinds() {
		if counts[kind] == 0 {
			t.Errorf("the export has no %s", kind)
		}
	}

	testenv.Eventually(t, 5*time.Minute, func() (bool, string) {
		var pending []string
		for _, u := range applied {
			live := &unstructured.Unstructured{}
			live.SetGroupVersionKind(u.GroupVersionKind())
			if err := env.Client.Get(ctx, client.ObjectKeyFromObject(u), live); err != nil {
				return false, err.Error()
			}
			if !condition(live, v1alpha1.ConditionReady) || !condition(live, v1alpha1.ConditionSynced) {
				conds, _, _ := unstructured.NestedSlice(live.Object, "status", "conditions")
				pending = append(pending, fmt.Sprintf("%s/%s %v", u.GetKind(), u.GetName(), conds))
			}
		}
		sort.Strings(pending)
		return len(pending) == 0, fmt.Sprintf("%d not Ready and Synced, e.g. %v", len(pending), pending[:min(3, len(pending))])
	})
	st := sim.Stats()
	if w := writes(st); len(w) > 0 {
		t.Errorf("adopting the export wrote to Auth0: %v", w)
	}
	t.Logf("adoption: %d Management API calls, none a write", total(st.Calls))
	for _, u := range applied {
		live := &unstructured.Unstructured{}
		live.SetGroupVersionKind(u.GroupVersionKind())
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(u), live); err != nil {
			t.Fatal(err)
		}
		if d, ok, _ := unstructured.NestedMap(live.Object, "status", "drift"); ok {
			t.Errorf("%s/%s reports drift: %v", u.GetKind(), u.GetName(), d)
		}
	}

	// A fresh export compared with the cluster: nothing to change.
	var out bytes.Buffer
	stderr.Reset()
	runTo(t, &out, &stderr, "--namespace", ns, "--tenant", "prod", "--diff")
	want := fmt.Sprintf("0 to create, 0 to update, %d unchanged, 0 in conflict, 0 invalid\n", len(applied))
	if out.String() != want {
		t.Errorf("--diff after applying the export:\n%s\nwant only: %s", out.String(), want)
	}
}

func run(t *testing.T, stderr io.Writer, args ...string) {
	t.Helper()
	runTo(t, io.Discard, stderr, args...)
}

func runTo(t *testing.T, stdout, stderr io.Writer, args ...string) {
	t.Helper()
	cmd := &export.Command{Stdout: stdout, Stderr: stderr, KubeConfig: func() (*rest.Config, error) { return env.Config, nil }}
	if err := cmd.Run(testenv.Ctx(t), args); err != nil {
		t.Fatalf("export %s: %v", strings.Join(args, " "), err)
	}
}

func create(t *testing.T, o client.Object) {
	t.Helper()
	if err := env.Client.Create(context.Background(), o); err != nil {
		t.Fatalf("creating %s %s: %v", o.GetObjectKind().GroupVersionKind().Kind, o.GetName(), err)
	}
}

// decode splits a YAML stream into objects.
func decode(t *testing.T, stream []byte) []*unstructured.Unstructured {
	t.Helper()
	var out []*unstructured.Unstructured
	d := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(stream), 4096)
	for {
		u := &unstructured.Unstructured{}
		if err := d.Decode(&u.Object); err == io.EOF {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		if len(u.Object) > 0 {
			out = append(out, u)
		}
	}
}

func condition(u *unstructured.Unstructured, typ string) bool {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] == typ {
			return m["status"] == "True"
		}
	}
	return false
}

// writes are the Management API calls in st that change something.
func writes(st auth0sim.Stats) []string {
	var out []string
	for call, n := range st.Calls {
		if !strings.HasPrefix(call, "GET ") && n > 0 {
			out = append(out, fmt.Sprintf("%s ×%d", call, n))
		}
	}
	slices.Sort(out)
	return out
}

func total(calls map[string]int) int {
	n := 0
	for _, v := range calls {
		n += v
	}
	return n
}
