package export

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/scheme"
)

// Command is `auth0-operator export`.
type Command struct {
	Stdout, Stderr io.Writer
	// KubeConfig returns the cluster's configuration; it is called only when the export
	// connects through a Tenant or compares with the cluster.
	KubeConfig func() (*rest.Config, error)
	// Terminal tells whether Stderr is a terminal, where a progress line is shown.
	Terminal bool
	// Flags, when set, registers extra flags (the binary's --kubeconfig).
	Flags func(*flag.FlagSet)
}

const usage = `Usage: auth0-operator export [flags]

Reads a whole Auth0 tenant through the operator's rate-limited client and writes it as
manifests that adopt every object in place (spec.externalID): one file per object, grouped by
kind, a skeleton Secret for each object with secret fields, and a kustomization.yaml.

Connect either through a Tenant or ClusterTenant in the cluster (its domain, credentials
Secret and rate limit are used):
  auth0-operator export --namespace auth0 --tenant prod -o prod-export
or directly, with the credentials in AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET:
  auth0-operator export --tenant-domain acme.eu.auth0.com --credentials-from-env \
      --namespace auth0 --tenant prod -o prod-export
Compare with the cluster instead of writing files (a dry run; it writes nothing):
  auth0-operator export --namespace auth0 --tenant prod --diff

Flags:
`

// Run runs the command with args (those after "export").
func (cmd *Command) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("auth0-operator export", flag.ContinueOnError)
	fs.SetOutput(cmd.Stderr)
	var (
		namespace     = fs.String("namespace", "", "namespace of the exported objects, and of --tenant (required)")
		tenantName    = fs.String("tenant", "", "the Tenant (in --namespace) the objects reference; without --tenant-domain, the export also connects through it")
		clusterTenant = fs.String("cluster-tenant", "", "the ClusterTenant the objects reference, instead of --tenant")
		kinds         = fs.String("kinds", "", "comma-separated kinds to export (default: all of "+strings.Join(Kinds(), ", ")+")")
		names         = fs.String("names", "", "comma-separated shell patterns; only objects whose Auth0 name matches one are exported")
		withSystem    = fs.Bool("include-system", false, "also export Auth0's own objects (the global client, the Management API)")
		withThird     = fs.Bool("include-third-party", false, "also export third-party applications")
		output        = fs.String("o", "auth0-export", "directory to write (must not exist or be empty); - writes one YAML stream to stdout")
		deletion      = fs.String("deletion-policy", string(v1alpha1.DeletionOrphan), "spec.deletionPolicy of every object: Orphan (deleting an object leaves Auth0 alone) or Delete")
		management    = fs.String("management-policy", string(v1alpha1.ManagementManage), "spec.managementPolicy of every object: Manage or ObserveOnly")
		diff          = fs.Bool("diff", false, "compare the export with the cluster instead of writing it")
		conn          Connection
	)
	conn.Flags(fs, "export")
	if cmd.Flags != nil {
		cmd.Flags(fs)
	}
	fs.Usage = func() {
		fmt.Fprint(cmd.Stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	opts := Options{Namespace: *namespace, Kinds: list(*kinds), Names: list(*names),
		DeletionPolicy: v1alpha1.DeletionPolicy(*deletion), ManagementPolicy: v1alpha1.ManagementPolicy(*management)}
	switch {
	case *namespace == "":
		return errors.New("--namespace is required")
	case (*tenantName == "") == (*clusterTenant == ""):
		return errors.New("name the tenant the objects reference: exactly one of --tenant and --cluster-tenant")
	case opts.DeletionPolicy != v1alpha1.DeletionOrphan && opts.DeletionPolicy != v1alpha1.DeletionDelete:
		return fmt.Errorf("--deletion-policy %q: want Orphan or Delete", *deletion)
	case opts.ManagementPolicy != v1alpha1.ManagementManage && opts.ManagementPolicy != v1alpha1.ManagementObserveOnly:
		return fmt.Errorf("--management-policy %q: want Manage or ObserveOnly", *management)
	}
	if err := conn.Check(); err != nil {
		return err
	}
	opts.TenantRef = v1alpha1.TenantReference{Kind: "Tenant", Name: *tenantName}
	if *clusterTenant != "" {
		opts.TenantRef = v1alpha1.TenantReference{Kind: "ClusterTenant", Name: *clusterTenant}
	}
	if *withSystem {
		opts.Include = append(opts.Include, external.SkipSystem)
	}
	if *withThird {
		opts.Include = append(opts.Include, external.SkipThirdParty)
	}

	var kube client.Client
	if !conn.Direct() || *diff {
		cfg, err := cmd.KubeConfig()
		if err != nil {
			return err
		}
		cfg = rest.CopyConfig(cfg)
		cfg.QPS, cfg.Burst = 100, 200 // --diff reads and dry-runs every object
		if kube, err = client.New(cfg, client.Options{Scheme: scheme.New()}); err != nil {
			return err
		}
	}
	cfg, err := conn.Config(ctx, kube, opts.TenantRef, *namespace)
	if err != nil {
		return err
	}
	cfg.Key, cfg.Version, cfg.Name = "export", "1", "export"
	// An export waits for budget as long as it takes rather than failing a call.
	c, err := auth0.NewPool(nil, auth0.WithMaxWait(time.Hour)).Client(cfg)
	if err != nil {
		return err
	}

	var read atomic.Int64
	opts.Read = &read
	stop := cmd.progress(c, &read)
	res, err := Run(ctx, c, opts)
	stop()
	if err != nil {
		return err
	}
	st := c.Stats()
	skipped := ""
	for reason, n := range res.Skipped {
		skipped += fmt.Sprintf(", %d %s left out", n, reason)
	}
	fmt.Fprintf(cmd.Stderr, "read %d objects of %s in %d calls (%d waited for budget, %s in all)%s\n",
		read.Load(), cfg.Domain, st.Calls, st.BudgetWaits, st.BudgetWaited.Round(time.Millisecond), skipped)
	for _, u := range res.Unexportable {
		fmt.Fprintf(cmd.Stderr, "left out, not expressible as a manifest: %s\n", u)
	}
	for _, om := range res.Omitted {
		fmt.Fprintf(cmd.Stderr, "left out of the manifest (stays as it is in Auth0, unmanaged): %s\n", om)
	}

	switch {
	case *diff:
		changes, err := Diff(ctx, kube, res)
		if err != nil {
			return err
		}
		counts, err := PrintDiff(cmd.Stdout, changes)
		if err != nil {
			return err
		}
		if counts[ActionConflict]+counts[ActionInvalid] > 0 {
			return errors.New("some objects cannot be applied as exported (see above)")
		}
		return nil
	case *output == "-":
		return res.WriteStream(cmd.Stdout)
	default:
		if err := res.WriteDir(*output, cfg.Domain); err != nil {
			return err
		}
		fmt.Fprintf(cmd.Stderr, "wrote %d objects to %s; apply with: kubectl apply -k %s\n", len(res.Objects), *output, *output)
		return nil
	}
}

// progress shows, on a terminal, a line with what the export has read and spent; the returned
// func clears it.
func (cmd *Command) progress(c *auth0.Client, read *atomic.Int64) func() {
	if !cmd.Terminal {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			st := c.Stats()
			fmt.Fprintf(cmd.Stderr, "\r\033[Kexporting: %d objects read, %d calls, %d budget waits (%s)",
				read.Load(), st.Calls, st.BudgetWaits, st.BudgetWaited.Round(100*time.Millisecond))
			select {
			case <-done:
				fmt.Fprint(cmd.Stderr, "\r\033[K")
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

func list(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}
