// Command auth0-operator runs the controllers that make an Auth0 tenant match its Kubernetes
// resources.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/controllers"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "auth0-operator:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
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
	zapOpts := zap.Options{}
	zapOpts.BindFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctrl.SetLogger(zap.New(zap.UseFlagOptions(&zapOpts)))

	scheme := runtime.NewScheme()
	utilruntime.Must(clientgoscheme.AddToScheme(scheme))
	utilruntime.Must(v1alpha1.AddToScheme(scheme))

	cacheOpts := cache.Options{}
	if *namespaces != "" {
		cacheOpts.DefaultNamespaces = map[string]cache.Config{}
		for _, ns := range strings.Split(*namespaces, ",") {
			if ns = strings.TrimSpace(ns); ns != "" {
				cacheOpts.DefaultNamespaces[ns] = cache.Config{}
			}
		}
	}
	mgr, err := ctrl.NewManager(ctrl.GetConfigOrDie(), ctrl.Options{
		Scheme:                  scheme,
		Cache:                   cacheOpts,
		Metrics:                 metricsserver.Options{BindAddress: *metricsAddr},
		HealthProbeBindAddress:  *probeAddr,
		LeaderElection:          *leaderElect,
		LeaderElectionID:        "auth0-operator.auth0.a0ops.dev",
		LeaderElectionNamespace: *leaderNS,
		// Stop at once on SIGTERM when leading, so that the next leader does not wait out the lease.
		LeaderElectionReleaseOnCancel: true,
	})
	if err != nil {
		return fmt.Errorf("creating the manager: %w", err)
	}
	var poolOpts []auth0.PoolOption
	if *budgetMaxWait > 0 {
		poolOpts = append(poolOpts, auth0.WithMaxWait(*budgetMaxWait))
	}
	deps := reconcile.Deps{
		Tenants: &reconcile.Tenants{
			Kube:    mgr.GetClient(),
			Secrets: mgr.GetAPIReader(),
			Pool:    auth0.NewPool(metrics.Registry, poolOpts...),
		},
		APIReader:               mgr.GetAPIReader(),
		Events:                  mgr.GetEventRecorder("auth0-operator"),
		MaxConcurrentReconciles: *concurrency,
	}
	if err := controllers.Setup(mgr, deps); err != nil {
		return fmt.Errorf("setting up the controllers: %w", err)
	}
	if err := mgr.AddHealthzCheck("healthz", healthz.Ping); err != nil {
		return err
	}
	if err := mgr.AddReadyzCheck("readyz", healthz.Ping); err != nil {
		return err
	}
	ctrl.Log.WithName("setup").Info("starting auth0-operator", "namespaces", *namespaces, "leaderElection", *leaderElect)
	return mgr.Start(ctrl.SetupSignalHandler())
}
