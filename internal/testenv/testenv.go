// Package testenv starts what integration tests run on: a real kube-apiserver and etcd
// (envtest, built by hack/envtest.sh into bin/k8s) with the project's CRDs installed. It is for
// tests only.
package testenv

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	kruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/a0ops/auth0-operator/internal/scheme"
)

// Env is a running control plane.
type Env struct {
	Config *rest.Config
	Client client.WithWatch
	Scheme *kruntime.Scheme
	env    *envtest.Environment
}

// Root is the repository's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Scheme has the core kinds and this project's kinds.
func Scheme() *kruntime.Scheme { return scheme.New() }

// Start starts a control plane with the CRDs from config/crd/bases and any extra CRD
// directories. Call Stop when done (typically from TestMain).
func Start(extraCRDDirs ...string) (*Env, error) {
	assets := os.Getenv("KUBEBUILDER_ASSETS")
	if assets == "" {
		assets = filepath.Join(Root(), "bin", "k8s")
	}
	if _, err := os.Stat(filepath.Join(assets, "kube-apiserver")); err != nil {
		return nil, fmt.Errorf("no kube-apiserver in %s: run `make envtest` (or `make test`, which does)", assets)
	}
	scheme := Scheme()
	e := &envtest.Environment{
		BinaryAssetsDirectory:    assets,
		CRDDirectoryPaths:        append([]string{filepath.Join(Root(), "config", "crd", "bases")}, extraCRDDirs...),
		ErrorIfCRDPathMissing:    true,
		Scheme:                   scheme,
		ControlPlaneStartTimeout: 2 * time.Minute,
		ControlPlaneStopTimeout:  time.Minute,
	}
	cfg, err := e.Start()
	if err != nil {
		return nil, fmt.Errorf("starting envtest: %w", err)
	}
	c, err := client.NewWithWatch(cfg, client.Options{Scheme: scheme})
	if err != nil {
		_ = e.Stop()
		return nil, err
	}
	return &Env{Config: cfg, Client: c, Scheme: scheme, env: e}, nil
}

// Stop stops the control plane.
func (e *Env) Stop() error { return e.env.Stop() }

// Main runs a package's tests on one shared control plane and stops it afterwards.
func Main(m *testing.M, env **Env) {
	e, err := Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*env = e
	code := m.Run()
	_ = e.Stop()
	os.Exit(code)
}

// Eventually polls cond until it returns true or the deadline passes; it fails the test with
// the last message cond gave. It never sleeps longer than the poll interval.
func Eventually(t testing.TB, timeout time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	msg := ""
	for {
		ok, m := cond()
		if ok {
			return
		}
		msg = m
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s: %s", timeout, msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Condition returns the condition of type typ of a managed or tenant object, or nil.
func Condition(conds []metav1.Condition, typ string) *metav1.Condition {
	return meta.FindStatusCondition(conds, typ)
}

// Namespace creates a namespace with a unique name for one test and deletes it afterwards.
func (e *Env) Namespace(t testing.TB, labels map[string]string) string {
	t.Helper()
	return e.namespace(t, labels)
}

// Ctx returns a context cancelled at the end of the test.
func Ctx(t testing.TB) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx
}
