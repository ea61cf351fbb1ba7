// Command auth0-operator runs the controllers that make an Auth0 tenant match its Kubernetes
// resources.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/config"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	"github.com/a0ops/auth0-operator/controllers"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/plan"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "auth0-operator:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "export" {
		st, _ := os.Stderr.Stat()
		cmd := &export.Command{Stdout: os.Stdout, Stderr: os.Stderr, Terminal: st != nil && st.Mode()&os.ModeCharDevice != 0,
			KubeConfig: config.GetConfig, Flags: config.RegisterFlags}
		return cmd.Run(ctrl.SetupSignalHandler(), args[1:])
	}
	if len(args) > 0 && args[0] == "plan" {
		st, _ := os.Stdout.Stat()
		cmd := &plan.Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Terminal: st != nil && st.Mode()&os.ModeCharDevice != 0,
			KubeConfig: config.GetConfig, Flags: config.RegisterFlags}
		os.Exit(cmd.Run(ctrl.SetupSignalHandler(), args[1:]))
	}
	fs := flag.NewFlagSet("auth0-operator", flag.ContinueOnError)
	var (
		metricsAddr   = fs.String("metrics-bind-address", ":8080", "address of the /metrics endpoint (0 to disable)")
		metricsSecure = fs.Bool("metrics-secure", false, "serve /metrics over HTTPS, only to callers the API server authenticates and authorises (get on /metrics); without it, plain HTTP to anyone who can reach it (the Helm chart sets it)")
		probeAddr     = fs.String("health-probe-bind-address", ":8081", "address of the /healthz and /readyz endpoints")
		leaderElect   = fs.Bool("leader-elect", false, "elect a leader, so that only one replica reconciles")
		leaderNS      = fs.String("leader-election-namespace", "", "namespace of the leader-election Lease (default: the pod's namespace)")
		concurrency   = fs.Int("max-concurrent-reconciles", 4, "reconciles run at once per kind; the tenant's rate limit, not this, bounds Auth0 calls")
		namespaces    = fs.String("namespaces", "", "comma-separated namespaces to watch (default: all)")
		budgetMaxWait = fs.Duration("budget-max-wait", 0, "how long a call may wait for rate-limit budget before the object is requeued (default 1s)")
		minDrift      = fs.Duration("min-drift-interval", 30*time.Second, "the shortest drift interval a tenant may ask for; a shorter spec.driftInterval is raised to it")
		dnsZones      = fs.String("dns-endpoint-allowed-zones", "", "comma-separated DNS zones a CustomDomain may publish a DNSEndpoint for (default: none)")
		dnsLabels     = fs.String("dns-endpoint-labels", "", "comma-separated key=value labels put on every DNSEndpoint the operator publishes")
	)
	config.RegisterFlags(fs) // --kubeconfig, for running outside a cluster
	zapOpts := zap.Options{}
	zapOpts.BindFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctrl.SetLogger(zap.New(zap.UseFlagOptions(&zapOpts)))

	labels := map[string]string{}
	for _, kv := range list(*dnsLabels) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return fmt.Errorf("--dns-endpoint-labels: %q is not key=value", kv)
		}
		labels[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	if *minDrift < 0 {
		return fmt.Errorf("--min-drift-interval must not be negative")
	}
	mgr, err := controllers.NewManager(ctrl.GetConfigOrDie(), controllers.Options{
		MetricsAddr: *metricsAddr, ProbeAddr: *probeAddr,
		LeaderElect: *leaderElect, LeaderNamespace: *leaderNS,
		MetricsSecure: *metricsSecure,
		Namespaces:    list(*namespaces), MaxConcurrentReconciles: *concurrency, BudgetMaxWait: *budgetMaxWait,
		Rules: reconcile.Options{MinDriftInterval: *minDrift, AllowedDNSZones: list(*dnsZones), DNSEndpointLabels: labels},
	})
	if err != nil {
		return err
	}
	ctrl.Log.WithName("setup").Info("starting auth0-operator", "namespaces", *namespaces, "leaderElection", *leaderElect,
		"minDriftInterval", minDrift.String(), "dnsEndpointAllowedZones", *dnsZones)
	return mgr.Start(ctrl.SetupSignalHandler())
}

// list splits a comma-separated flag value, dropping empty items.
func list(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
