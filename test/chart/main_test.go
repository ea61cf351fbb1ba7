package chart

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"

	"github.com/a0ops/auth0-operator/internal/testenv"
)

const releaseNamespace = "auth0-system"

var (
	env      *testenv.Env
	helmBin  string
	chartDir = filepath.Join(testenv.Root(), "charts", "auth0-operator")
)

// TestMain builds the helm CLI pinned by hack/helm/go.mod (cached by the Go build cache after
// the first time) and starts one control plane for the package.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "chart-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	helmBin = filepath.Join(dir, "helm")
	build := exec.Command(filepath.Join(testenv.Root(), "hack", "helm", "build.sh"), helmBin)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building helm:", err)
		return 1
	}
	e, err := testenv.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	env = e
	defer func() { _ = e.Stop() }()
	// The release namespace warns on workloads that break the restricted Pod Security Standard,
	// as a production namespace should: a Deployment applied there draws a warning, which
	// TestAPIServerAcceptsRenderedManifests fails on.
	for name, labels := range map[string]map[string]string{
		releaseNamespace: {"pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted"},
		"team-a":         nil,
		"team-b":         nil,
	} {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
		if err := e.Client.Create(context.Background(), ns); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return m.Run()
}

// helm runs the helm CLI with a private home, so that no user configuration leaks in.
func helm(t *testing.T, args ...string) (string, error) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(helmBin, args...)
	cmd.Env = append(os.Environ(),
		"HELM_CACHE_HOME="+filepath.Join(home, "cache"),
		"HELM_CONFIG_HOME="+filepath.Join(home, "config"),
		"HELM_DATA_HOME="+filepath.Join(home, "data"),
	)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("helm %s: %w\n%s%s", strings.Join(args, " "), err, out.String(), stderr.String())
	}
	return out.String(), nil
}

// values names a values file of charts/auth0-operator/examples, or "" for the defaults.
func valuesArgs(file string, sets []string) []string {
	var args []string
	if file != "" {
		args = append(args, "-f", filepath.Join(chartDir, "examples", file))
	}
	for _, s := range sets {
		args = append(args, "--set", s)
	}
	return args
}

// render runs helm template for release "auth0-operator" in releaseNamespace and parses every
// document it prints.
func render(t *testing.T, file string, sets ...string) []*unstructured.Unstructured {
	t.Helper()
	out, err := renderErr(t, file, sets...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func renderErr(t *testing.T, file string, sets ...string) ([]*unstructured.Unstructured, error) {
	t.Helper()
	args := append([]string{"template", "auth0-operator", chartDir, "--namespace", releaseNamespace}, valuesArgs(file, sets)...)
	out, err := helm(t, args...)
	if err != nil {
		return nil, err
	}
	objs, err := parseYAML(out)
	if err != nil {
		t.Fatalf("parsing helm template output: %v", err)
	}
	return objs, nil
}

func parseYAML(s string) ([]*unstructured.Unstructured, error) {
	dec := utilyaml.NewYAMLOrJSONDecoder(strings.NewReader(s), 4096)
	var objs []*unstructured.Unstructured
	for {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return objs, nil
			}
			return nil, err
		}
		if len(m) == 0 {
			continue
		}
		objs = append(objs, &unstructured.Unstructured{Object: m})
	}
}

// readYAML parses one YAML file of the repository.
func readYAML(t *testing.T, rel string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.Root(), rel))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := utilyaml.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return m
}

func ofKind(objs []*unstructured.Unstructured, kind string) []*unstructured.Unstructured {
	var out []*unstructured.Unstructured
	for _, o := range objs {
		if o.GetKind() == kind {
			out = append(out, o)
		}
	}
	return out
}

func one(t *testing.T, objs []*unstructured.Unstructured, kind string) *unstructured.Unstructured {
	t.Helper()
	found := ofKind(objs, kind)
	if len(found) != 1 {
		t.Fatalf("want exactly one %s, rendered %d", kind, len(found))
	}
	return found[0]
}

func kinds(objs []*unstructured.Unstructured) map[string]int {
	m := map[string]int{}
	for _, o := range objs {
		m[o.GetKind()]++
	}
	return m
}
