// Command demo runs the operator on an embedded default: a local control plane, the Auth0
// simulator and the operator binary as processes, with the samples applied. `make demo` runs
// it; Ctrl-C stops everything it started.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/a0ops/auth0-operator/internal/stack"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	dir := filepath.Join(root, ".demo")
	_ = os.RemoveAll(dir) // a demo starts from a new tenant
	s, err := stack.Start(ctx, stack.Options{Root: root, Dir: dir, Log: os.Stdout,
		SimArgs: []string{"--profile", "enterprise-production"}})
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("stopping the operator, the simulator and the control plane")
		s.Stop()
	}()

	// A short drift interval, so that a dashboard edit is seen and corrected while you watch.
	tenant, err := s.TenantManifest("prod", "", 30*time.Second)
	if err != nil {
		return err
	}
	steps := []struct {
		what  string
		stdin string
		args  []string
	}{
		{"creating ClusterTenant prod (pointing at the simulator)", tenant, []string{"apply", "-f", "-"}},
	}
	for _, st := range steps {
		fmt.Println(st.what)
		if _, err := s.Kubectl(st.stdin, st.args...); err != nil {
			return err
		}
	}
	if err := s.StartOperator(ctx); err != nil {
		return fmt.Errorf("%w (log: %s)", err, s.OperatorLog())
	}
	for _, st := range []struct {
		what string
		args []string
	}{
		{"waiting for the tenant to connect", []string{"wait", "--for=condition=Ready", "clustertenant/prod", "--timeout=2m"}},
		{"applying config/samples", []string{"apply", "-n", "default", "-k", filepath.Join(root, "config", "samples")}},
	} {
		fmt.Println(st.what)
		if _, err := s.Kubectl("", st.args...); err != nil {
			return fmt.Errorf("%w (operator log: %s)", err, s.OperatorLog())
		}
	}
	// The custom domain sample needs its DNS record published, which a person (or external-dns)
	// does outside Auth0: the simulator's admin API says it is.
	fmt.Println("publishing the custom domain's DNS record (simulated)")
	if _, err := s.SimAdmin("POST", "/_sim/custom-domains/login.example.com/dns", `{"ok":true}`); err != nil {
		return err
	}
	fmt.Println("waiting for the samples to be Ready")
	if _, err := s.Kubectl("", "wait", "-n", "default", "--for=condition=Ready", stack.ManagedKinds, "--all", "--timeout=5m"); err != nil {
		return fmt.Errorf("%w (operator log: %s)", err, s.OperatorLog())
	}
	out, err := s.Kubectl("", "get", "auth0", "-A")
	if err != nil {
		return err
	}
	fmt.Print(out)
	env := fmt.Sprintf("export KUBECONFIG=%s\nexport AUTH0_SIM_URL=%s\nexport AUTH0_SIM_CA=%s\n", s.Kubeconfig, s.SimURL, s.SimCAFile)
	if err := os.WriteFile(filepath.Join(dir, "env"), []byte(env), 0o644); err != nil {
		return err
	}
	fmt.Printf("\nTry it (in another terminal):\n  source .demo/env\n  kubectl get auth0 -A\n" +
		"  # a dashboard edit, as a person would make it: change the SPA's callbacks in the simulator\n" +
		"  ID=$(kubectl get application storefront -o jsonpath='{.status.id}')\n" +
		"  curl -s --cacert $AUTH0_SIM_CA -X PATCH $AUTH0_SIM_URL/_sim/objects/clients/$ID -H 'content-type: application/json' -d '{\"callbacks\":[\"https://evil.example.com\"]}'\n" +
		"  # within the demo tenant's drift interval (30s):\n" +
		"  kubectl get application storefront -w   # SYNCED False, DriftDetected (callbacks ... corrected), then True\n" +
		"  kubectl events -n default --for application/storefront\n\n")
	fmt.Println("demo ready")
	<-ctx.Done()
	return nil
}
