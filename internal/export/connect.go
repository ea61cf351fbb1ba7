package export

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Connection says how a command outside the operator (export, plan) reaches a tenant: through
// a Tenant or ClusterTenant in the cluster (its domain, credentials Secret and rate limit), or
// directly with --tenant-domain and credentials from the environment.
type Connection struct {
	Domain, BaseURL, CAFile string
	FromEnv                 bool
	RequestsPerSecond       float64
	Burst, BudgetShare      int
}

// Flags registers the connection's flags on fs.
func (cn *Connection) Flags(fs *flag.FlagSet, what string) {
	fs.StringVar(&cn.Domain, "tenant-domain", "", "connect to this tenant directly (e.g. acme.eu.auth0.com) instead of through the Tenant or ClusterTenant in the cluster")
	fs.BoolVar(&cn.FromEnv, "credentials-from-env", false, "with --tenant-domain: read AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET")
	fs.StringVar(&cn.BaseURL, "base-url", "", "with --tenant-domain: send the calls elsewhere than https://DOMAIN (a custom domain, the simulator)")
	fs.StringVar(&cn.CAFile, "ca-file", "", "with --tenant-domain: a PEM file of extra certificate authorities to trust")
	fs.Float64Var(&cn.RequestsPerSecond, "requests-per-second", 0, "the "+what+"'s rate limit (default: the Tenant's, else 2)")
	fs.IntVar(&cn.Burst, "burst", 0, "the "+what+"'s burst (default: the Tenant's, else 10)")
	fs.IntVar(&cn.BudgetShare, "budget-share", 0, "percent of the rate limit the "+what+" may use (default: the Tenant's, else 50)")
}

// Check tells whether the flags go together.
func (cn *Connection) Check() error {
	switch {
	case cn.Domain == "" && (cn.FromEnv || cn.BaseURL != "" || cn.CAFile != ""):
		return errors.New("--credentials-from-env, --base-url and --ca-file go with --tenant-domain")
	case cn.Domain != "" && !cn.FromEnv:
		return errors.New("--tenant-domain needs --credentials-from-env (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET)")
	}
	return nil
}

// Direct tells whether the connection bypasses the cluster's tenants.
func (cn *Connection) Direct() bool { return cn.Domain != "" }

// Config is the client configuration for the tenant ref names, as seen from namespace: the
// direct connection's when there is one, else the Tenant's or ClusterTenant's read through
// kube. Errors name the tenant and the missing setting, never a credential.
func (cn *Connection) Config(ctx context.Context, kube client.Client, ref v1alpha1.TenantReference, namespace string) (auth0.TenantConfig, error) {
	var cfg auth0.TenantConfig
	if cn.Direct() {
		cfg = auth0.TenantConfig{Domain: cn.Domain, BaseURL: cn.BaseURL, RateLimit: auth0.DefaultRateLimit,
			Credentials: auth0.Credentials{ClientID: os.Getenv("AUTH0_CLIENT_ID"), ClientSecret: os.Getenv("AUTH0_CLIENT_SECRET")}}
		if cfg.Credentials.ClientID == "" || cfg.Credentials.ClientSecret == "" {
			return cfg, errors.New("--credentials-from-env: AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET must both be set")
		}
		if cn.CAFile != "" {
			pem, err := os.ReadFile(cn.CAFile)
			if err != nil {
				return cfg, err
			}
			cfg.CACertPEM = pem
		}
	} else {
		if kube == nil {
			return cfg, errors.New("no cluster to read the tenant from: connect with --tenant-domain and --credentials-from-env")
		}
		tenants := &reconcile.Tenants{Kube: kube, Secrets: kube}
		info, err := tenants.Get(ctx, ref, namespace)
		if err != nil {
			return cfg, fmt.Errorf("reading %s %s: %w", refKind(ref), ref.Name, err)
		}
		if cfg, err = tenants.Config(ctx, info); err != nil {
			return cfg, fmt.Errorf("connecting through %s %s: %w", refKind(ref), ref.Name, err)
		}
	}
	if cn.RequestsPerSecond > 0 {
		cfg.RateLimit.RequestsPerSecond = cn.RequestsPerSecond
	}
	if cn.Burst > 0 {
		cfg.RateLimit.Burst = cn.Burst
	}
	if cn.BudgetShare > 0 {
		cfg.RateLimit.BudgetSharePercent = cn.BudgetShare
	}
	return cfg, nil
}

func refKind(ref v1alpha1.TenantReference) string {
	if ref.Kind == "" {
		return "Tenant"
	}
	return ref.Kind
}
