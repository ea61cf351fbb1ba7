package testenv

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/go-logr/logr"
	"github.com/prometheus/client_golang/prometheus"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	"github.com/a0ops/auth0-operator/controllers"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// MainWithOperator runs a package's tests on one shared control plane (with the CRDs of
// extraCRDDirs too) and the operator's manager, built as the binary builds it, running against
// it; both stop afterwards. TEST_OPERATOR_LOG=1 shows the operator's log.
func MainWithOperator(m *testing.M, env **Env, extraCRDDirs ...string) {
	e, err := Start(extraCRDDirs...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*env = e
	ctrl.SetLogger(logr.Discard())
	if os.Getenv("TEST_OPERATOR_LOG") != "" {
		ctrl.SetLogger(zap.New(zap.UseDevMode(true)))
	}
	mgr, err := controllers.NewManager(e.Config, controllers.Options{
		MetricsAddr: "0", ProbeAddr: "0", MaxConcurrentReconciles: 4,
		Registry: prometheus.NewRegistry(), SkipNameValidation: true,
		// The zones the tests' custom domains live in, and the labels external-dns filters on.
		Rules: reconcile.Options{AllowedDNSZones: []string{"example.com"}, DNSEndpointLabels: map[string]string{"dns": "public"}},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		_ = e.Stop()
		os.Exit(1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	code := m.Run()
	cancel()
	if err := <-done; err != nil {
		fmt.Fprintln(os.Stderr, "manager:", err)
	}
	_ = e.Stop()
	os.Exit(code)
}
