// Command auth0-operator runs the controllers that make an Auth0 tenant match its Kubernetes
// resources.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/config"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	"github.com/a0ops/auth0-operator/controllers"
	"github.com/a0ops/auth0-operator/internal/export"
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
	fs := flag.NewFlagSet("auth0-operator", flag.ContinueOnError)
	var (
		metricsAddr   = fs.String("metrics-bind-address", ":8080", "address of the /metrics endpoint (0 to disable)")
		probeAddr     = fs.String("health-probe-bind-address", ":8081", "address of the /healthz and /readyz endpoints")
		leaderElect   = fs.Bool("leader-elect", false, "elect a leader, so that only one replica reconciles")
		leaderNS      = fs.String("leader-election-namespace", "", "namespace of the leader-election Lease (default: the pod's namespace)")
		concurrency   = fs.Int("max-concurrent-reconciles", 4, "reconciles run at once per kind; the tenant's rate limit, not this, bounds Auth0 calls")
		namespaces    = fs.String("namespaces", "", "comma-separated namespaces to watch (default: all)")
		budgetMaxWait = fs.Duration("budget-max-wait", 0, "how long a call may wait for rate-limit budget before the object is requeued (default 1s)")
	)
	config.RegisterFlags(fs) // --kubeconfig, for running outside a cluster
	zapOpts := zap.Options{}
	zapOpts.BindFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctrl.SetLogger(zap.New(zap.UseFlagOptions(&zapOpts)))

	var nss []string
	for _, ns := range strings.Split(*namespaces, ",") {
		if ns = strings.TrimSpace(ns); ns != "" {
			nss = append(nss, ns)
		}
	}
	mgr, err := controllers.NewManager(ctrl.GetConfigOrDie(), controllers.Options{
		MetricsAddr: *metricsAddr, ProbeAddr: *probeAddr,
		LeaderElect: *leaderElect, LeaderNamespace: *leaderNS,
		Namespaces: nss, MaxConcurrentReconciles: *concurrency, BudgetMaxWait: *budgetMaxWait,
	})
	if err != nil {
		return err
	}
	ctrl.Log.WithName("setup").Info("starting auth0-operator", "namespaces", *namespaces, "leaderElection", *leaderElect)
	return mgr.Start(ctrl.SetupSignalHandler())
}
