package controllers

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	"sigs.k8s.io/controller-runtime/pkg/metrics/filters"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/scheme"
)

// The secure /metrics endpoint asks the API server who the caller is and whether it may get
// /metrics (controller-runtime's filters.WithAuthenticationAndAuthorization).
// +kubebuilder:rbac:groups=authentication.k8s.io,resources=tokenreviews,verbs=create
// +kubebuilder:rbac:groups=authorization.k8s.io,resources=subjectaccessreviews,verbs=create

// Options configure the operator. The binary sets them from flags; tests set them directly.
type Options struct {
	MetricsAddr, ProbeAddr string // "0" disables
	// MetricsSecure serves /metrics over HTTPS to callers the API server authenticates and
	// authorises (get on the non-resource URL /metrics).
	MetricsSecure   bool
	LeaderElect     bool
	LeaderNamespace string
	// Namespaces to watch; empty watches all.
	Namespaces []string
	// MaxConcurrentReconciles per kind.
	MaxConcurrentReconciles int
	// BudgetMaxWait is how long a call may wait for rate-limit budget before the object is
	// requeued (0: the pool's default).
	BudgetMaxWait time.Duration
	// Registry receives the Management API metrics (default: controller-runtime's registry,
	// which /metrics serves).
	Registry prometheus.Registerer
	// SkipNameValidation allows several managers in one process (tests).
	SkipNameValidation bool
	// Rules are the operator-wide rules: the drift interval's floor, the DNS zones a
	// CustomDomain may publish records for and the labels of those records.
	Rules reconcile.Options
}

// Scheme has the core kinds and this project's kinds (scheme.New).
func Scheme() *runtime.Scheme { return scheme.New() }

// NewManager builds the manager with every controller, the shared Management API client pool
// and the health checks. Start it with mgr.Start.
func NewManager(cfg *rest.Config, o Options) (ctrl.Manager, error) {
	// Secrets are read past the cache (the API reader) and watched by metadata only: the
	// operator never holds the cluster's Secret values in memory.
	cacheOpts := cache.Options{}
	if len(o.Namespaces) > 0 {
		cacheOpts.DefaultNamespaces = map[string]cache.Config{}
		for _, ns := range o.Namespaces {
			cacheOpts.DefaultNamespaces[ns] = cache.Config{}
		}
	}
	metricsOpts := metricsserver.Options{BindAddress: o.MetricsAddr}
	if o.MetricsSecure {
		metricsOpts.SecureServing = true
		metricsOpts.FilterProvider = filters.WithAuthenticationAndAuthorization
	}
	skip := o.SkipNameValidation
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme:                  Scheme(),
		Cache:                   cacheOpts,
		Client:                  client.Options{Cache: &client.CacheOptions{DisableFor: []client.Object{&corev1.Secret{}, &corev1.ConfigMap{}}}},
		Metrics:                 metricsOpts,
		HealthProbeBindAddress:  o.ProbeAddr,
		LeaderElection:          o.LeaderElect,
		LeaderElectionID:        "auth0-operator.auth0.a0ops.dev",
		LeaderElectionNamespace: o.LeaderNamespace,
		// Stop at once on SIGTERM when leading, so that the next leader does not wait out the lease.
		LeaderElectionReleaseOnCancel: true,
		Controller:                    config.Controller{SkipNameValidation: &skip},
	})
	if err != nil {
		return nil, fmt.Errorf("creating the manager: %w", err)
	}
	reg := o.Registry
	if reg == nil {
		reg = metrics.Registry
	}
	var poolOpts []auth0.PoolOption
	if o.BudgetMaxWait > 0 {
		poolOpts = append(poolOpts, auth0.WithMaxWait(o.BudgetMaxWait))
	}
	deps := reconcile.Deps{
		Tenants: &reconcile.Tenants{
			Kube:    mgr.GetClient(),
			Secrets: mgr.GetAPIReader(),
			Pool:    auth0.NewPool(reg, poolOpts...),
			Options: o.Rules,
		},
		APIReader:               mgr.GetAPIReader(),
		Events:                  mgr.GetEventRecorder("auth0-operator"),
		MaxConcurrentReconciles: o.MaxConcurrentReconciles,
	}
	if err := Setup(mgr, deps); err != nil {
		return nil, fmt.Errorf("setting up the controllers: %w", err)
	}
	if err := mgr.AddHealthzCheck("healthz", healthz.Ping); err != nil {
		return nil, err
	}
	if err := mgr.AddReadyzCheck("readyz", healthz.Ping); err != nil {
		return nil, err
	}
	return mgr, nil
}
