package v1alpha1_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The CRDs, the RBAC role and the DeepCopy code are generated from markers; a change to the
// markers without `make manifests generate` must fail here, not in a cluster.
func TestGeneratedFilesUpToDate(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", append([]string{"tool", "-modfile=hack/tools/go.mod", "controller-gen"}, args...)...)
		cmd.Dir = root
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("controller-gen %v: %v\n%s", args, err, b)
		}
	}
	run("rbac:roleName=auth0-operator", "crd:maxDescLen=512", "paths=./api/...;./controllers/...",
		"output:crd:artifacts:config="+filepath.Join(out, "crd"), "output:rbac:artifacts:config="+filepath.Join(out, "rbac"))
	compareDirs(t, filepath.Join(out, "crd"), filepath.Join(root, "config", "crd", "bases"))
	compareDirs(t, filepath.Join(out, "rbac"), filepath.Join(root, "config", "rbac"), "role.yaml")

	gen := filepath.Join(root, "api", "v1alpha1", "zz_generated.deepcopy.go")
	before, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(out, "deepcopy")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	run(`object:headerFile=hack/boilerplate.go.txt`, "paths=./api/...", "output:object:dir="+tmp)
	after, err := os.ReadFile(filepath.Join(tmp, "zz_generated.deepcopy.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("api/v1alpha1/zz_generated.deepcopy.go is out of date: run `make generate`")
	}
}

// compareDirs checks that every generated file is committed unchanged (only the named files
// when names are given) and that no stale generated file is left.
func compareDirs(t *testing.T, generated, committed string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(generated)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Name()] = true
		want, _ := os.ReadFile(filepath.Join(generated, e.Name()))
		got, err := os.ReadFile(filepath.Join(committed, e.Name()))
		if err != nil || !bytes.Equal(want, got) {
			t.Errorf("%s is out of date: run `make manifests`", filepath.Join(committed, e.Name()))
		}
	}
	if len(names) > 0 {
		return
	}
	committedEntries, _ := os.ReadDir(committed)
	for _, e := range committedEntries {
		if !seen[e.Name()] {
			t.Errorf("%s is no longer generated: delete it", filepath.Join(committed, e.Name()))
		}
	}
}
