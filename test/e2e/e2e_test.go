// Package e2e drives the built binaries exactly as a user would: a local control plane, the
// simulator over HTTPS (its self-signed CA trusted through the tenant's caBundle), and the
// operator as a process, all through kubectl and the simulator's admin API.
package e2e

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/a0ops/auth0-operator/internal/stack"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

const deadline = 3 * time.Minute

// e2e is one running product.
type e2e struct {
	t     *testing.T
	ctx   context.Context
	s     *stack.Stack
	admin *http.Client
}

func start(t *testing.T) *e2e {
	t.Helper()
	root := testenv.Root()
	// The binaries under test are the current source's.
	for _, b := range []string{"auth0-operator", "auth0-sim"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(root, "bin", b), "./cmd/"+b)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("building %s: %v\n%s", b, err, out)
		}
	}
	ctx := testenv.Ctx(t)
	s, err := stack.Start(ctx, stack.Options{Root: root, Dir: t.TempDir(), SimArgs: []string{"--profile", "enterprise-production"},
		// The tests use drift intervals of seconds; the operator's floor (30s by default) allows them.
		OperatorArgs: []string{"--min-drift-interval=1s"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	ca, err := os.ReadFile(s.SimCAFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	e := &e2e{t: t, ctx: ctx, s: s, admin: &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}}
	t.Cleanup(func() {
		if t.Failed() {
			if b, err := os.ReadFile(s.OperatorLog()); err == nil {
				t.Logf("operator log (last 4 KiB):\n%s", tail(b, 4096))
			}
		}
	})
	return e
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func (e *e2e) kubectl(stdin string, args ...string) string {
	e.t.Helper()
	out, err := e.s.Kubectl(stdin, args...)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// eventually polls kubectl (or anything) until cond holds.
func (e *e2e) eventually(what string, cond func() bool) {
	e.t.Helper()
	testenv.Eventually(e.t, deadline, func() (bool, string) { return cond(), what })
}

// sim calls the simulator's admin API and decodes the JSON answer into out (may be nil).
func (e *e2e) sim(method, path string, body any, out any) {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequestWithContext(e.ctx, method, e.s.SimURL+path, r)
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.admin.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		e.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			e.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// clients returns the simulator's clients by name (a name seen twice is a duplicate).
func (e *e2e) clients() map[string][]map[string]any {
	var list []map[string]any
	e.sim("GET", "/_sim/objects/clients", nil, &list)
	by := map[string][]map[string]any{}
	for _, c := range list {
		n, _ := c["name"].(string)
		by[n] = append(by[n], c)
	}
	return by
}

func (e *e2e) stats() (st struct {
	Calls       map[string]int `json:"calls"`
	RateLimited int            `json:"rateLimited"`
}) {
	e.sim("GET", "/_sim/stats", nil, &st)
	return st
}

func TestEndToEnd(t *testing.T) {
	e := start(t)
	root := testenv.Root()
	tenant, err := e.s.TenantManifest("prod", "{requestsPerSecond: 20, burst: 20, budgetShare: 50}", 3*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e.kubectl(tenant, "apply", "-f", "-")
	if err := e.s.StartOperator(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.kubectl("", "wait", "--for=condition=Ready", "clustertenant/prod", "--timeout=2m")

	// The samples, as a user applies them.
	e.kubectl("", "apply", "-n", "default", "-k", filepath.Join(root, "config", "samples"))
	// The custom domain's DNS record, published as a person or external-dns would.
	if _, err := e.s.SimAdmin("POST", "/_sim/custom-domains/login.example.com/dns", `{"ok":true}`); err != nil {
		t.Fatal(err)
	}
	e.kubectl("", "wait", "-n", "default", "--for=condition=Ready", stack.ManagedKinds, "--all", "--timeout=3m")
	table := e.kubectl("", "get", stack.ManagedKinds, "-n", "default")
	for _, col := range []string{"READY", "SYNCED", "REASON", "ID"} {
		if !strings.Contains(table, col) {
			t.Errorf("kubectl get has no %s column:\n%s", col, table)
		}
	}
	if n := len(strings.Fields(e.kubectl("", "get", "applications", "-n", "default", "-o", "name"))); n < 2 {
		t.Fatalf("%d sample Applications", n)
	}

	// A dashboard edit: reported and corrected.
	id := e.kubectl("", "get", "application", "storefront", "-n", "default", "-o", "jsonpath={.status.id}")
	var before map[string]any
	e.sim("GET", "/_sim/objects/clients/"+id, nil, &before)
	e.sim("PATCH", "/_sim/objects/clients/"+id, map[string]any{"callbacks": []string{"https://evil.example.com"}}, nil)
	e.eventually("drift reported on storefront", func() bool {
		out, _ := e.s.Kubectl("", "get", "events", "-n", "default", "--field-selector", "reason=DriftCorrected", "-o", "name")
		return strings.TrimSpace(out) != ""
	})
	e.eventually("callbacks corrected in Auth0", func() bool {
		var now map[string]any
		e.sim("GET", "/_sim/objects/clients/"+id, nil, &now)
		return fmt.Sprint(now["callbacks"]) == fmt.Sprint(before["callbacks"])
	})
	drift := e.kubectl("", "get", "application", "storefront", "-n", "default", "-o", "jsonpath={.status.drift.fields}")
	if !strings.Contains(drift, "callbacks") {
		t.Errorf("status.drift.fields = %q", drift)
	}

	// Restart mid-way: 30 new Applications, the operator killed while it creates them and
	// started again. Each ends up in Auth0 exactly once.
	var batch strings.Builder
	for i := range 30 {
		fmt.Fprintf(&batch, `---
apiVersion: auth0.a0ops.dev/v1alpha1
kind: Application
metadata: {name: batch-%02d, namespace: default}
spec:
  tenantRef: {kind: ClusterTenant, name: prod}
  appType: regular_web
  callbacks: ["https://batch-%02d.example.com/cb"]
  credentialsSecretRef: {name: batch-%02d-auth0}
`, i, i, i)
	}
	e.kubectl(batch.String(), "apply", "-f", "-")
	e.eventually("some batch clients created", func() bool {
		n := 0
		for name := range e.clients() {
			if strings.HasPrefix(name, "batch-") {
				n++
			}
		}
		return n >= 3
	})
	e.s.StopOperator(syscall.SIGKILL)
	if err := e.s.StartOperator(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.kubectl("", "wait", "-n", "default", "--for=condition=Ready", "applications", "--all", "--timeout=3m")
	for name, cs := range e.clients() {
		if len(cs) > 1 {
			t.Errorf("client %q exists %d times in Auth0", name, len(cs))
		}
	}
	for i := range 30 {
		if len(e.clients()[fmt.Sprintf("batch-%02d", i)]) != 1 {
			t.Errorf("batch-%02d not in Auth0", i)
		}
	}
	// Each batch Secret holds its client's current secret.
	all := e.clients()
	for i := range 30 {
		name := fmt.Sprintf("batch-%02d", i)
		got := e.kubectl("", "get", "secret", name+"-auth0", "-n", "default", "-o", "jsonpath={.data.clientID}")
		if dec := decode(t, got); dec != all[name][0]["client_id"] {
			t.Errorf("Secret %s-auth0 has client ID %q, Auth0 %v", name, dec, all[name][0]["client_id"])
		}
	}

	// Metrics are served and count the Management API calls.
	metrics := e.get(e.s.MetricsURL)
	for _, m := range []string{"auth0_management_api_calls_total", "auth0_management_api_budget_remaining",
		"auth0_management_api_token_fetches_total", "auth0_operator_reconcile_total", "auth0_operator_drift_total",
		`auth0_operator_objects{kind="Application",ready="True",reason="Available"}`} {
		if !strings.Contains(metrics, m) {
			t.Errorf("/metrics has no %s", m)
		}
	}
	if st := e.stats(); st.RateLimited != 0 {
		t.Errorf("the simulator sent %d 429s", st.RateLimited)
	}

	// The sample Actions are deployed, and bound in order.
	var bindings []map[string]any
	e.sim("GET", "/_sim/objects/trigger-bindings", nil, &bindings)
	bound := map[string]int{}
	for _, tb := range bindings {
		l, _ := tb["bindings"].([]any)
		bound[fmt.Sprint(tb["trigger_id"])] = len(l)
	}
	if bound["post-login"] != 1 || bound["send-phone-message"] != 2 {
		t.Errorf("bindings per trigger: %v", bound)
	}
	if v := e.kubectl("", "get", "action", "send-sms-via-provider", "-n", "default", "-o", "jsonpath={.status.deployedVersion}"); v != "1" {
		t.Errorf("send-sms-via-provider deployed version %q", v)
	}

	// No secret value in the operator's log or in Events.
	secrets := []string{e.s.ClientSecret, "sample-sms-api-key-replace-me", "replace-with-your-datadog-api-key", "SG.replace-me"}
	for _, cs := range e.clients() {
		for _, c := range cs {
			if s, _ := c["client_secret"].(string); s != "" {
				secrets = append(secrets, s)
			}
		}
	}
	logb, err := os.ReadFile(e.s.OperatorLog())
	if err != nil {
		t.Fatal(err)
	}
	events := e.kubectl("", "get", "events", "-A", "-o", "json")

	// The binary's export through the ClusterTenant: the files hold no secret value, and
	// --diff tells what applying them over the samples would do.
	dir := filepath.Join(t.TempDir(), "export")
	bin := filepath.Join(root, "bin", "auth0-operator")
	exportArgs := []string{"export", "--kubeconfig", e.s.Kubeconfig, "--namespace", "default", "--cluster-tenant", "prod"}
	if out, err := exec.Command(bin, append(exportArgs, "-o", dir)...).CombinedOutput(); err != nil {
		t.Fatalf("auth0-operator export: %v\n%s", err, out)
	}
	var exported bytes.Buffer
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.yaml"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		exported.Write(b)
	}
	if !strings.Contains(exported.String(), "kind: Application") || !strings.Contains(exported.String(), "externalID: "+id) {
		t.Errorf("the export has no Application for storefront's client %s (%d files)", id, len(files))
	}
	diffCmd := exec.Command(bin, append(exportArgs, "--diff")...)
	var diffErr bytes.Buffer
	diffCmd.Stderr = &diffErr
	diff, err := diffCmd.Output()
	// storefront has its Auth0 name: the export's file is the same object, adopted by ID from
	// now on; the sample grant has another name than the export gives it: two objects would
	// manage one grant, which fails the command.
	for _, want := range []string{"update    Application/storefront\n", `spec.externalID: (unset) → "` + id + `"`,
		"is already managed by ClientGrant default/order-worker-to-orders"} {
		if err == nil || !strings.Contains(string(diff), want) {
			t.Errorf("export --diff against the samples: %v; want %q in:\n%s%s", err, want, diff, diffErr.String())
		}
	}

	for _, s := range secrets {
		if bytes.Contains(logb, []byte(s)) {
			t.Errorf("a client secret appears in the operator log")
		}
		if strings.Contains(events, s) {
			t.Errorf("a client secret appears in an Event")
		}
		if strings.Contains(exported.String(), s) || strings.Contains(string(diff), s) {
			t.Errorf("a client secret appears in the export")
		}
	}

	// Deleting everything removes every client, API, grant and action the operator made, and
	// empties the triggers' bindings.
	ids := map[string]string{}
	kinds := "applications,resourceservers,clientgrants,actions,triggerbindings"
	for _, kind := range strings.Split(kinds, ",") {
		for _, id := range strings.Fields(e.kubectl("", "get", kind, "-n", "default", "-o", "jsonpath={.items[*].status.id}")) {
			ids[id] = kind
		}
	}
	e.kubectl("", "delete", kinds, "-n", "default", "--all", "--wait=false")
	e.kubectl("", "wait", "-n", "default", "--for=delete", kinds, "--all", "--timeout=3m")
	collections := map[string]string{"applications": "clients", "resourceservers": "resource-servers", "clientgrants": "client-grants",
		"actions": "actions", "triggerbindings": "trigger-bindings"}
	for id, kind := range ids {
		var list []map[string]any
		e.sim("GET", "/_sim/objects/"+collections[kind], nil, &list)
		for _, o := range list {
			if o["id"] == id || o["client_id"] == id {
				t.Errorf("%s %s left in Auth0 after deletion", kind, id)
			}
			if l, _ := o["bindings"].([]any); o["trigger_id"] == id && len(l) != 0 {
				t.Errorf("trigger %s still has %d bindings after deletion", id, len(l))
			}
		}
	}
}

func (e *e2e) get(url string) string {
	e.t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func decode(t *testing.T, b64 string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("decoding %q: %v", b64, err)
	}
	return string(b)
}
