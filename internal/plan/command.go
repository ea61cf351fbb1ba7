package plan

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/scheme"
)

// Exit codes, as terraform plan -detailed-exitcode.
const (
	ExitNoChanges = 0
	ExitError     = 1
	ExitChanges   = 2
)

// Command is `auth0-operator plan`.
type Command struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// KubeConfig returns the cluster's configuration; an error means no cluster is reachable.
	KubeConfig func() (*rest.Config, error)
	// Terminal tells whether Stdout is a terminal, where the text is coloured.
	Terminal bool
	// Flags, when set, registers extra flags (the binary's --kubeconfig).
	Flags func(*flag.FlagSet)
	// Pool, when set, is the pool the clients come from (tests).
	Pool *auth0.Pool
	// Rules are the operator's rules the kinds apply (its DNS zones for custom domains).
	Rules reconcile.Options
}

const usage = `Usage: auth0-operator plan -f PATH [flags]

Tells what applying manifests would do to Auth0, before they are applied: per object create,
update (each field before → after), adopt, unchanged, conflict or invalid. It only reads, through
the operator's rate-limited client; any call that would write fails the plan.

  kustomize build overlays/prod | auth0-operator plan -f - -o markdown > plan.md

Each object reaches its tenant through its Tenant or ClusterTenant in the cluster, or directly:
  AUTH0_CLIENT_ID=... AUTH0_CLIENT_SECRET=... auth0-operator plan -f auth0/ \
      --tenant-domain acme.eu.auth0.com --credentials-from-env

Exit status: 0 no changes, 2 changes, 1 an error or an object in conflict or invalid.

Flags:
`

// Run runs the command with args (those after "plan") and returns the exit status.
func (cmd *Command) Run(ctx context.Context, args []string) int {
	p, err := cmd.run(ctx, args)
	if err != nil {
		fmt.Fprintln(cmd.Stderr, "auth0-operator plan:", err)
		return ExitError
	}
	switch {
	case p == nil:
		return ExitNoChanges // -h
	case p.Refused():
		fmt.Fprintln(cmd.Stderr, "auth0-operator plan: some objects cannot be applied as they are (conflict or invalid, see above)")
		return ExitError
	case p.Changes():
		return ExitChanges
	}
	return ExitNoChanges
}

func (cmd *Command) run(ctx context.Context, args []string) (*Plan, error) {
	fs := flag.NewFlagSet("auth0-operator plan", flag.ContinueOnError)
	fs.SetOutput(cmd.Stderr)
	var (
		path      = fs.String("f", "", "the manifests: a file, a directory (recursively, *.yaml and *.yml) or - for stdin (required)")
		output    = fs.String("o", "text", "output: text, json or markdown")
		namespace = fs.String("namespace", "default", "the namespace of objects that name none")
		scope     = fs.String("prune-scope", "", "a namespace, or a label selector, that the manifests fully describe: also list the cluster's objects there that they no longer hold")
		noCluster = fs.Bool("no-cluster", false, "do not read the cluster (with --tenant-domain): no status, ownership or dry run")
		conn      export.Connection
	)
	conn.Flags(fs, "plan")
	if cmd.Flags != nil {
		cmd.Flags(fs)
	}
	fs.Usage = func() {
		fmt.Fprint(cmd.Stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil
		}
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case *path == "":
		return nil, errors.New("-f is required: a file, a directory, or - for stdin")
	case *output != "text" && *output != "json" && *output != "markdown":
		return nil, fmt.Errorf("-o %q: want text, json or markdown", *output)
	case *noCluster && !conn.Direct():
		return nil, errors.New("--no-cluster needs --tenant-domain and --credentials-from-env: without the cluster, the tenant is reached directly")
	}
	if err := conn.Check(); err != nil {
		return nil, err
	}
	stdin := cmd.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	objs, err := Read(*path, stdin)
	if err != nil {
		return nil, err
	}
	opts := Options{Namespace: *namespace, Connection: conn, PruneScope: *scope, Pool: cmd.Pool, Rules: cmd.Rules}
	if !*noCluster {
		if opts.Cluster, err = cmd.cluster(conn.Direct()); err != nil {
			return nil, err
		}
	}
	p, err := Run(ctx, objs, opts)
	if err != nil {
		return nil, err
	}
	switch *output {
	case "json":
		err = WriteJSON(cmd.Stdout, p)
	case "markdown":
		err = WriteMarkdown(cmd.Stdout, p)
	default:
		err = WriteText(cmd.Stdout, p, cmd.Terminal)
	}
	return p, err
}

// cluster is a client of the cluster; with a direct connection, no cluster configuration
// means none (nil).
func (cmd *Command) cluster(direct bool) (client.WithWatch, error) {
	if cmd.KubeConfig == nil {
		return nil, nil
	}
	cfg, err := cmd.KubeConfig()
	if err != nil {
		if direct {
			return nil, nil
		}
		return nil, fmt.Errorf("no cluster to read the tenants from (%v): connect with --tenant-domain and --credentials-from-env", err)
	}
	cfg = rest.CopyConfig(cfg)
	cfg.QPS, cfg.Burst = 100, 200 // one read and one dry run per object
	return client.NewWithWatch(cfg, client.Options{Scheme: scheme.New()})
}
