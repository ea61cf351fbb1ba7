// Package stack starts the whole product as processes on this machine: a local control plane
// (envtest's kube-apiserver and etcd), the Auth0 simulator, and the operator binary, wired
// together as a user would wire them. `make demo`, the end-to-end tests and the benchmarks
// run on it. It is not part of the operator.
package stack

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	ctrllog "sigs.k8s.io/controller-runtime/pkg/log"
)

// Options shape a stack.
type Options struct {
	// Root is the repository root: binaries are taken from Root/bin.
	Root string
	// Dir receives the kubeconfig, the simulator's certificate and state, and the logs.
	Dir string
	// Domain of the simulated tenant.
	Domain string
	// ClientID and ClientSecret of the simulator's Management API client.
	ClientID, ClientSecret string
	// SimArgs are extra simulator flags (e.g. --profile enterprise-production).
	SimArgs []string
	// OperatorArgs are extra operator flags.
	OperatorArgs []string
	// Log receives one line per lifecycle step (nil: discarded).
	Log io.Writer
}

// Stack is a running control plane, simulator and operator.
type Stack struct {
	Options
	Config     *rest.Config
	Kubeconfig string // path of a kubeconfig with cluster-admin rights
	SimURL     string // the simulator's base URL (https)
	SimCAFile  string // PEM of the certificate the simulator serves
	MetricsURL string // the operator's /metrics

	env         *envtest.Environment
	mu          sync.Mutex
	sim, op     *exec.Cmd
	simDone     chan struct{}
	opDone      chan struct{}
	metricsAddr string
	probeAddr   string
}

func (o *Options) defaults() {
	if o.Domain == "" {
		o.Domain = "demo.auth0sim.local"
	}
	if o.ClientID == "" {
		o.ClientID = "operator-client"
	}
	if o.ClientSecret == "" {
		o.ClientSecret = "operator-secret-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Start starts the control plane with the project's CRDs and the simulator. The operator is
// started separately (StartOperator), so that callers can prepare the cluster first.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	opts.defaults()
	// envtest logs through controller-runtime; the processes' own logs are in Dir.
	ctrllog.SetLogger(logr.Discard())
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	s := &Stack{Options: opts}
	if err := s.startControlPlane(); err != nil {
		return nil, err
	}
	if err := s.StartSimulator(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Stack) logf(format string, args ...any) {
	fmt.Fprintf(s.Log, format+"\n", args...)
}

func (s *Stack) startControlPlane() error {
	s.logf("starting the local control plane (kube-apiserver, etcd)")
	s.env = &envtest.Environment{
		BinaryAssetsDirectory:    filepath.Join(s.Root, "bin", "k8s"),
		CRDDirectoryPaths:        []string{filepath.Join(s.Root, "config", "crd", "bases")},
		ErrorIfCRDPathMissing:    true,
		ControlPlaneStartTimeout: 2 * time.Minute,
		ControlPlaneStopTimeout:  time.Minute,
	}
	// A certificate directory of our own survives RestartAPIServer, so that the restarted
	// server keeps its serving certificate and every kubeconfig stays valid.
	// It starts empty: envtest learns the serving CA only when it makes the certificate.
	certDir := filepath.Join(s.Dir, "kube-apiserver")
	if err := os.RemoveAll(certDir); err != nil {
		return err
	}
	if err := os.MkdirAll(certDir, 0o700); err != nil {
		return err
	}
	s.env.ControlPlane.APIServer = &envtest.APIServer{CertDir: certDir}
	cfg, err := s.env.Start()
	if err != nil {
		return fmt.Errorf("starting the control plane: %w", err)
	}
	s.Config = cfg
	user, err := s.env.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return err
	}
	kc, err := user.KubeConfig()
	if err != nil {
		return err
	}
	s.Kubeconfig = filepath.Join(s.Dir, "kubeconfig")
	return os.WriteFile(s.Kubeconfig, kc, 0o600)
}

// StartSimulator starts (or restarts, keeping its state file) the simulator over HTTPS.
func (s *Stack) StartSimulator(ctx context.Context) error {
	port := "0"
	if s.SimURL != "" { // a restart keeps the address the tenant points at
		port = s.SimURL[strings.LastIndex(s.SimURL, ":")+1:]
	}
	s.SimCAFile = filepath.Join(s.Dir, "auth0-sim.crt")
	args := append([]string{"--addr", "127.0.0.1:" + port, "--domain", s.Domain, "--client-id", s.ClientID,
		"--client-secret", s.ClientSecret, "--tls-cert-out", s.SimCAFile, "--state", filepath.Join(s.Dir, "auth0-sim.state.json")},
		s.SimArgs...)
	cmd, done, lines, err := s.spawn("auth0-sim", args)
	if err != nil {
		return err
	}
	url, err := waitForLine(ctx, lines, done, "auth0-sim listening on ", 30*time.Second)
	if err != nil {
		return fmt.Errorf("auth0-sim: %w (see %s)", err, s.logPath("auth0-sim"))
	}
	s.mu.Lock()
	s.sim, s.simDone, s.SimURL = cmd, done, url
	s.mu.Unlock()
	s.logf("auth0-sim listening on %s", url)
	return nil
}

// StopSimulator stops the simulator with SIGTERM (it saves its state).
func (s *Stack) StopSimulator() {
	s.mu.Lock()
	cmd, done := s.sim, s.simDone
	s.sim = nil
	s.mu.Unlock()
	stop(cmd, done, syscall.SIGTERM)
}

// StartOperator starts the operator binary against the control plane.
func (s *Stack) StartOperator(ctx context.Context) error {
	if s.metricsAddr == "" {
		s.metricsAddr, s.probeAddr = freeAddr(), freeAddr()
		s.MetricsURL = "http://" + s.metricsAddr + "/metrics"
	}
	args := append([]string{"--kubeconfig", s.Kubeconfig, "--metrics-bind-address", s.metricsAddr,
		"--health-probe-bind-address", s.probeAddr}, s.OperatorArgs...)
	cmd, done, lines, err := s.spawn("auth0-operator", args)
	if err != nil {
		return err
	}
	go drain(lines)
	s.mu.Lock()
	s.op, s.opDone = cmd, done
	s.mu.Unlock()
	s.logf("auth0-operator started (pid %d, metrics %s)", cmd.Process.Pid, s.MetricsURL)
	return waitHTTP(ctx, "http://"+s.probeAddr+"/readyz", done, time.Minute)
}

// StopOperator stops the operator with sig: SIGTERM for a clean stop, SIGKILL for a crash.
func (s *Stack) StopOperator(sig syscall.Signal) {
	s.mu.Lock()
	cmd, done := s.op, s.opDone
	s.op = nil
	s.mu.Unlock()
	stop(cmd, done, sig)
}

// RestartAPIServer stops the kube-apiserver and starts it again on the same address, keeping
// etcd (and so every object): what a control-plane upgrade or crash looks like to the operator.
func (s *Stack) RestartAPIServer() error {
	api := s.env.ControlPlane.APIServer
	// A crash, not a graceful stop: the graceful one waits for the operator's watches to end
	// and can outlast any sensible timeout.
	if pid := findProcess("kube-apiserver", api.CertDir); pid > 0 {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	if err := api.Stop(); err != nil {
		return fmt.Errorf("stopping the kube-apiserver: %w", err)
	}
	if err := api.Start(); err != nil {
		return fmt.Errorf("starting the kube-apiserver again: %w", err)
	}
	s.logf("kube-apiserver restarted")
	return nil
}

// findProcess returns the PID of a running process whose command line has both name and
// marker (0 when there is none).
func findProcess(name, marker string) int {
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", d.Name(), "cmdline"))
		if err == nil && strings.Contains(string(cmdline), name) && strings.Contains(string(cmdline), marker) {
			return pid
		}
	}
	return 0
}

// OperatorPID is the running operator's process ID (0 when it is not running).
func (s *Stack) OperatorPID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.op == nil || s.op.Process == nil {
		return 0
	}
	return s.op.Process.Pid
}

// OperatorLog is the path of the operator's log (all runs appended).
func (s *Stack) OperatorLog() string { return s.logPath("auth0-operator") }

// Stop stops everything it started and leaves no process behind.
func (s *Stack) Stop() {
	s.StopOperator(syscall.SIGTERM)
	s.StopSimulator()
	if s.env != nil {
		if err := s.env.Stop(); err != nil {
			s.logf("stopping the control plane: %v", err)
		}
	}
}

func (s *Stack) logPath(name string) string { return filepath.Join(s.Dir, name+".log") }

// spawn starts bin/name with its output appended to Dir/name.log; lines carries its stdout.
func (s *Stack) spawn(name string, args []string) (*exec.Cmd, chan struct{}, <-chan string, error) {
	logf, err := os.OpenFile(s.logPath(name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, nil, err
	}
	cmd := exec.Command(filepath.Join(s.Root, "bin", name), args...)
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err != nil {
		logf.Close()
		return nil, nil, nil, err
	}
	// Its own process group, so that a Ctrl-C at the terminal reaches only the launcher,
	// which then stops the children in order.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, nil, nil, fmt.Errorf("starting %s: %w (run `make build`)", name, err)
	}
	lines := make(chan string, 64)
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			fmt.Fprintln(logf, sc.Text())
			select {
			case lines <- sc.Text():
			default:
			}
		}
		close(lines)
		_ = cmd.Wait()
		logf.Close()
		close(done)
	}()
	return cmd, done, lines, nil
}

func drain(lines <-chan string) {
	for range lines {
	}
}

func stop(cmd *exec.Cmd, done chan struct{}, sig syscall.Signal) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(sig)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

func waitForLine(ctx context.Context, lines <-chan string, done chan struct{}, prefix string, timeout time.Duration) (string, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return "", errors.New("exited before it was ready")
			}
			if rest, found := strings.CutPrefix(l, prefix); found {
				go drain(lines)
				return strings.TrimSpace(rest), nil
			}
		case <-deadline.C:
			return "", fmt.Errorf("not ready within %s", timeout)
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

func waitHTTP(ctx context.Context, url string, done chan struct{}, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			return errors.New("the operator exited while starting")
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if resp, err := httpGet(url); err == nil && resp == 200 {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready within %s", url, timeout)
}

// freeAddr returns a loopback address with a port nothing listens on now.
func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "127.0.0.1:0"
	}
	defer l.Close()
	return l.Addr().String()
}
