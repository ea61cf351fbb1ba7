// Command bench measures the operator against the simulator at a chosen tenant size: time to
// converge against the floor the rate limit allows, Management API calls by route, 429s,
// tokens, steady-state calls per drift interval, drift detection and correction time, a 10%
// change, and the operator's peak memory and CPU. `make bench` runs it; see docs/performance.md.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/controllers"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/stack"
)

type config struct {
	Apps, APIs, Grants  int
	Actions, Triggers   int // Actions spread over Triggers TriggerBindings
	LogStreams, Domains int
	Singletons          bool // Branding, TenantSettings, AttackProtection
	Profile             string
	Share               int
	Drift               time.Duration
}

// Result is what one run prints as JSON.
type Result struct {
	Machine          string         `json:"machine"`
	Config           config         `json:"config"`
	Objects          int            `json:"objects"`
	ConvergeSeconds  float64        `json:"convergeSeconds"`
	FloorSeconds     float64        `json:"floorSeconds"`
	FloorRatio       float64        `json:"floorRatio"`
	UnavoidableCalls int            `json:"unavoidableCalls"`
	Calls            map[string]int `json:"calls"`
	TotalCalls       int            `json:"totalCalls"`
	RateLimited      int            `json:"rateLimited"`
	TokensIssued     int            `json:"tokensIssued"`
	Steady           struct {
		Intervals        int            `json:"intervals"`
		CallsPerInterval float64        `json:"callsPerInterval"`
		Target           int            `json:"targetPerInterval"`
		Writes           int            `json:"writes"`
		Calls            map[string]int `json:"calls"`
	} `json:"steadyState"`
	DriftCorrectedSeconds float64 `json:"driftCorrectedSeconds"`
	Change10Pct           struct {
		Objects int            `json:"objects"`
		Seconds float64        `json:"seconds"`
		Calls   map[string]int `json:"calls"`
	} `json:"change10pct"`
	OtherClient struct {
		RPS         float64 `json:"rps"`
		Calls       int     `json:"calls"`
		RateLimited int     `json:"rateLimited"`
	} `json:"otherClient"`
	PeakRSSMiB float64  `json:"peakRSSMiB"`
	CPUSeconds float64  `json:"cpuSeconds"`
	Samples    []sample `json:"callsPerSecond"`
}

type sample struct {
	T     float64 `json:"t"`
	Calls int     `json:"calls"` // Management API calls in the second ending at T
}

func main() {
	var c config
	var jsonOut, plot string
	flag.IntVar(&c.Apps, "apps", 1000, "Applications")
	flag.IntVar(&c.APIs, "apis", 100, "ResourceServers")
	flag.IntVar(&c.Grants, "grants", 200, "ClientGrants (each from an Application to the first API)")
	flag.IntVar(&c.Actions, "actions", 20, "Actions (post-login and friends), bound by -triggers TriggerBindings")
	flag.IntVar(&c.Triggers, "triggers", 3, "TriggerBindings (one per trigger, at most 3)")
	flag.IntVar(&c.LogStreams, "logstreams", 5, "LogStreams (HTTP)")
	flag.IntVar(&c.Domains, "domains", 3, "CustomDomains (their DNS published through the simulator)")
	flag.BoolVar(&c.Singletons, "singletons", true, "Branding, TenantSettings and AttackProtection")
	flag.StringVar(&c.Profile, "profile", auth0sim.ProfileEnterpriseProduction, "the simulator's plan profile")
	flag.IntVar(&c.Share, "share", 50, "the tenant's budgetShare (percent)")
	flag.DurationVar(&c.Drift, "drift", time.Minute, "the tenant's driftInterval")
	flag.StringVar(&jsonOut, "json", "", "write the result as JSON to this file too")
	flag.StringVar(&plot, "plot", "", "write a PNG of calls/s against the budget to this file")
	flag.Parse()
	if err := run(c, jsonOut, plot); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(c config, jsonOut, plot string) error {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	root, _ := os.Getwd()
	dir, err := os.MkdirTemp("", "auth0-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	prof, err := auth0sim.ProfileByName(c.Profile)
	if err != nil {
		return err
	}
	s, err := stack.Start(ctx, stack.Options{Root: root, Dir: dir, Log: os.Stderr, SimArgs: []string{"--profile", c.Profile}})
	if err != nil {
		return err
	}
	defer s.Stop()
	b := &bench{s: s, ctx: ctx}
	if err := b.init(); err != nil {
		return err
	}

	rate, burst := prof.Global.PerSecond, prof.Global.Burst
	if prof.Unlimited {
		rate, burst = 1000, 1000
	}
	tenant, err := s.TenantManifest("prod", fmt.Sprintf("{requestsPerSecond: %q, burst: %d, budgetShare: %d}",
		strconv.FormatFloat(rate, 'f', -1, 64), burst, c.Share), c.Drift)
	if err != nil {
		return err
	}
	if _, err := s.Kubectl(tenant, "apply", "-f", "-"); err != nil {
		return err
	}
	if err := s.StartOperator(ctx); err != nil {
		return err
	}
	if _, err := s.Kubectl("", "wait", "--for=condition=Ready", "clustertenant/prod", "--timeout=2m"); err != nil {
		return err
	}

	res := &Result{Machine: machine(), Config: c}
	mark := b.stats()
	stopSampling := b.sample(&res.Samples)
	// Another client of the same tenant, calling steadily within the share the operator leaves.
	res.OtherClient.RPS = 0.8 * rate * (1 - share(c))
	stopOther := b.otherClient(res.OtherClient.RPS, &res.OtherClient.Calls, &res.OtherClient.RateLimited)
	start := time.Now()
	if err := b.apply(c); err != nil {
		return err
	}
	if err := b.publishDNS(c); err != nil {
		return err
	}
	bindings := 0
	if c.Actions > 0 {
		bindings = min(max(c.Triggers, 0), len(triggers), c.Actions)
	}
	singletons := map[bool]int{true: 3}[c.Singletons]
	res.Objects = c.Apps + c.APIs + c.Grants + c.Actions + bindings + c.LogStreams + c.Domains + singletons
	if err := b.waitConverged(res.Objects, 0); err != nil {
		return err
	}
	res.ConvergeSeconds = time.Since(start).Seconds()
	stopOther()
	st := b.since(mark)
	delete(st.Calls, otherRoute)
	stopSampling()
	res.Calls, res.TokensIssued = st.Calls, st.TokensIssued
	res.RateLimited = st.RateLimited - res.OtherClient.RateLimited // the operator's own
	for _, n := range st.Calls {
		res.TotalCalls += n
	}
	// The calls no design can avoid: one create per object, and the list reads that look
	// each kind up by name first (ceil(N/100) pages of a tenant that holds them all at the end).
	pages := func(n int) int { return int(math.Ceil(float64(n+2) / 100)) }
	// Actions: create, one read that sees the build done, deploy. Bindings: read, replace.
	// Custom domains: create, one verify. Singletons: read, write (AttackProtection two sections).
	lists := func(n int) int {
		if n == 0 {
			return 0
		}
		return pages(n)
	}
	res.UnavoidableCalls = c.Apps + c.APIs + c.Grants + pages(c.Apps) + pages(c.APIs) + pages(c.Grants) +
		3*c.Actions + lists(c.Actions) + 2*bindings + c.LogStreams + lists(c.LogStreams) + 2*c.Domains + lists(c.Domains) +
		map[bool]int{true: 2 + 2 + 4}[c.Singletons]
	share := share(c)
	res.FloorSeconds = math.Max(0, float64(res.UnavoidableCalls)-float64(burst)*share) / (rate * share)
	if res.FloorSeconds > 0 {
		res.FloorRatio = res.ConvergeSeconds / res.FloorSeconds
	}

	// Steady state: two drift intervals with nothing changed.
	mark = b.stats()
	steadyStart := time.Now()
	if err := b.waitObservedSince(steadyStart.Add(c.Drift + time.Second)); err != nil {
		return err
	}
	elapsed := time.Since(steadyStart)
	st = b.since(mark)
	res.Steady.Calls = st.Calls
	res.Steady.Intervals = int(math.Ceil(elapsed.Seconds() / c.Drift.Seconds()))
	n := 0
	for k, v := range st.Calls {
		n += v
		if !strings.HasPrefix(k, "GET ") {
			res.Steady.Writes += v
		}
	}
	res.Steady.CallsPerInterval = float64(n) / float64(res.Steady.Intervals)
	// ceil(N/100) list calls per kind, one read per trigger (Auth0 lists bindings per trigger) and
	// per singleton part (Branding settings and template, TenantSettings, two AttackProtection sections).
	res.Steady.Target = pages(c.Apps) + pages(c.APIs) + pages(c.Grants) + lists(c.Actions) + bindings +
		lists(c.LogStreams) + lists(c.Domains) + map[bool]int{true: 2 + 1 + 2}[c.Singletons]

	// One dashboard edit: how long until it is seen and corrected.
	if c.Apps > 0 {
		secs, err := b.dashboardEdit()
		if err != nil {
			return err
		}
		res.DriftCorrectedSeconds = secs
	}

	// A change to 10% of the Applications in Git.
	if c.Apps > 0 {
		mark = b.stats()
		t0 := time.Now()
		changed, err := b.change10(c.Apps)
		if err != nil {
			return err
		}
		if err := b.waitConverged(res.Objects, 0); err != nil {
			return err
		}
		res.Change10Pct.Objects, res.Change10Pct.Seconds, res.Change10Pct.Calls = changed, time.Since(t0).Seconds(), b.since(mark).Calls
	}

	res.PeakRSSMiB, res.CPUSeconds = procUsage(s.OperatorPID())
	report(os.Stdout, res, rate*share)
	out, _ := json.MarshalIndent(res, "", "  ")
	fmt.Println(string(out))
	if jsonOut != "" {
		if err := os.WriteFile(jsonOut, out, 0o644); err != nil {
			return err
		}
	}
	if plot != "" {
		if err := writePlot(plot, res.Samples, rate*share, rate); err != nil {
			return err
		}
	}
	return nil
}

func share(c config) float64 { return float64(c.Share) / 100 }

// otherRoute is what the other client calls: a route the bench's tenant gives the operator no
// reason to call, so that the two are told apart in the simulator's counters.
const otherRoute = "GET /api/v2/organizations"

// otherClient calls GET /api/v2/organizations at rps with its own token until stopped,
// counting calls and 429s: the operator's budget share must leave it room.
func (b *bench) otherClient(rps float64, calls, limited *int) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	if rps <= 0 {
		close(finished)
		return func() {}
	}
	go func() {
		defer close(finished)
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {b.s.ClientID},
			"client_secret": {b.s.ClientSecret}, "audience": {"https://" + b.s.Domain + "/api/v2/"}}
		resp, err := b.admin.PostForm(b.s.SimURL+"/oauth/token", form)
		if err != nil {
			return
		}
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&tok)
		resp.Body.Close()
		tick := time.NewTicker(time.Duration(float64(time.Second) / rps))
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				req, _ := http.NewRequest("GET", b.s.SimURL+"/api/v2/organizations?per_page=1", nil)
				req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
				if resp, err := b.admin.Do(req); err == nil {
					*calls++
					if resp.StatusCode == http.StatusTooManyRequests {
						*limited++
					}
					resp.Body.Close()
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

type bench struct {
	s     *stack.Stack
	ctx   context.Context
	kube  client.Client
	admin *http.Client
}

func (b *bench) init() error {
	kube, err := client.New(b.s.Config, client.Options{Scheme: controllers.Scheme()})
	if err != nil {
		return err
	}
	ca, err := os.ReadFile(b.s.SimCAFile)
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	b.kube = kube
	b.admin = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	return nil
}

func (b *bench) sim(method, path string, body, out any) error {
	var r io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(b.ctx, method, b.s.SimURL+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.admin.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

func (b *bench) stats() auth0sim.Stats {
	var st auth0sim.Stats
	_ = b.sim("GET", "/_sim/stats", nil, &st)
	return st
}

// since returns the simulator's counters minus those of mark.
func (b *bench) since(mark auth0sim.Stats) auth0sim.Stats {
	st := b.stats()
	for k, v := range mark.Calls {
		if st.Calls[k] -= v; st.Calls[k] == 0 {
			delete(st.Calls, k)
		}
	}
	st.RateLimited -= mark.RateLimited
	st.TokensIssued -= mark.TokensIssued
	return st
}

// sample records the Management API calls of every second until stopped.
func (b *bench) sample(into *[]sample) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t0, last := time.Now(), 0
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				total := 0
				for route, n := range b.stats().Calls {
					if route != otherRoute {
						total += n
					}
				}
				*into = append(*into, sample{T: now.Sub(t0).Seconds(), Calls: total - last})
				last = total
			}
		}
	}()
	return func() { close(done); <-finished }
}

func (b *bench) apply(c config) error {
	objs := make([]client.Object, 0, c.Apps+c.APIs+c.Grants)
	ref := v1alpha1.ManagedSpec{TenantRef: v1alpha1.TenantReference{Kind: "ClusterTenant", Name: "prod"}}
	for i := range c.APIs {
		objs = append(objs, &v1alpha1.ResourceServer{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("api-%04d", i), Namespace: "default"},
			Spec: v1alpha1.ResourceServerSpec{ManagedSpec: ref, Identifier: fmt.Sprintf("https://api-%d.bench.example.com", i),
				Scopes: []v1alpha1.ResourceServerScope{{Value: "read:things"}, {Value: "write:things"}}}})
	}
	for i := range c.Apps {
		objs = append(objs, &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("app-%05d", i), Namespace: "default"},
			Spec: v1alpha1.ApplicationSpec{ManagedSpec: ref, AppType: "regular_web",
				Callbacks: []string{fmt.Sprintf("https://app-%d.bench.example.com/callback", i)}}})
	}
	for i := range c.Grants {
		objs = append(objs, &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("grant-%04d", i), Namespace: "default"},
			Spec: v1alpha1.ClientGrantSpec{ManagedSpec: ref, ApplicationRef: &v1alpha1.LocalObjectReference{Name: fmt.Sprintf("app-%05d", i%max(c.Apps, 1))},
				ResourceServerRef: &v1alpha1.LocalObjectReference{Name: fmt.Sprintf("api-%04d", i/max(c.Apps, 1))}, Scopes: []string{"read:things"}}})
	}
	for _, o := range objs {
		if err := b.kube.Create(b.ctx, o); err != nil {
			return err
		}
	}
	return b.applyYAML(extras(c))
}

var triggers = []string{"post-login", "credentials-exchange", "pre-user-registration"}

// extras are the other kinds of the generated tenant, as YAML a user would write.
func extras(c config) string {
	var y strings.Builder
	const ref = "  tenantRef: {kind: ClusterTenant, name: prod}\n"
	nt := min(max(c.Triggers, 1), len(triggers))
	bound := make([][]string, nt)
	for i := range c.Actions {
		t := i % nt
		name := fmt.Sprintf("action-%03d", i)
		bound[t] = append(bound[t], name)
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: Action\nmetadata: {name: %s, namespace: default}\nspec:\n%s"+
			"  trigger: {id: %s, version: v3}\n  runtime: node22\n  code: {inline: \"exports.handler = async () => { /* %d */ };\"}\n", name, ref, triggers[t], i)
	}
	for t := range nt {
		if c.Triggers == 0 || len(bound[t]) == 0 {
			continue
		}
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: TriggerBinding\nmetadata: {name: %s, namespace: default}\nspec:\n%s  trigger: %s\n  actions:\n", triggers[t], ref, triggers[t])
		for _, a := range bound[t] {
			fmt.Fprintf(&y, "  - {actionRef: {name: %s}}\n", a)
		}
	}
	for i := range c.LogStreams {
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: LogStream\nmetadata: {name: stream-%d, namespace: default}\nspec:\n%s"+
			"  http: {endpoint: \"https://logs-%d.bench.example.com/in\", contentType: application/json, contentFormat: JSONLINES}\n", i, ref, i)
	}
	for i := range c.Domains {
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: CustomDomain\nmetadata: {name: domain-%d, namespace: default}\nspec:\n%s"+
			"  domain: login-%d.bench.example.com\n  type: auth0_managed_certs\n", i, ref, i)
	}
	if c.Singletons {
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: Branding\nmetadata: {name: prod, namespace: default}\nspec:\n%s"+
			"  colors: {primary: \"#0059d6\", pageBackground: \"#f5f5f5\"}\n  logoURL: https://cdn.bench.example.com/logo.svg\n", ref)
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: TenantSettings\nmetadata: {name: prod, namespace: default}\nspec:\n%s"+
			"  friendlyName: Bench\n  supportEmail: support@bench.example.com\n  enabledLocales: [en, ja]\n", ref)
		fmt.Fprintf(&y, "---\napiVersion: auth0.a0ops.dev/v1alpha1\nkind: AttackProtection\nmetadata: {name: prod, namespace: default}\nspec:\n%s"+
			"  bruteForceProtection: {enabled: true, shields: [block], mode: count_per_identifier_and_ip, maxAttempts: 10}\n"+
			"  breachedPasswordDetection: {enabled: true, method: standard, shields: [block]}\n", ref)
	}
	return y.String()
}

// applyYAML creates the objects of a multi-document YAML stream.
func (b *bench) applyYAML(stream string) error {
	for _, doc := range strings.Split(stream, "\n---\n") {
		doc = strings.TrimPrefix(strings.TrimSpace(doc), "---")
		if strings.TrimSpace(doc) == "" {
			continue
		}
		u := &unstructured.Unstructured{}
		if err := yaml.Unmarshal([]byte(doc), &u.Object); err != nil {
			return fmt.Errorf("%w in\n%s", err, doc)
		}
		if err := b.kube.Create(b.ctx, u); err != nil {
			return fmt.Errorf("creating %s %s: %w", u.GetKind(), u.GetName(), err)
		}
	}
	return nil
}

// publishDNS says every generated custom domain's record is published, as a person would.
func (b *bench) publishDNS(c config) error {
	for i := range c.Domains {
		if err := b.sim("POST", fmt.Sprintf("/_sim/custom-domains/login-%d.bench.example.com/dns", i), map[string]any{"ok": true}, nil); err != nil {
			return err
		}
	}
	return nil
}

// waitConverged waits until n objects are Ready and Synced for their generation.
func (b *bench) waitConverged(n int, _ int) error {
	deadline := time.Now().Add(2 * time.Hour)
	for time.Now().Before(deadline) {
		done, err := b.count(func(o client.Object, st *v1alpha1.ManagedStatus) bool {
			return st.ObservedGeneration == o.GetGeneration() &&
				meta.IsStatusConditionTrue(st.Conditions, v1alpha1.ConditionReady) &&
				meta.IsStatusConditionTrue(st.Conditions, v1alpha1.ConditionSynced)
		})
		if err != nil {
			return err
		}
		if done == n {
			return nil
		}
		select {
		case <-b.ctx.Done():
			return b.ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	return fmt.Errorf("not converged within 2h")
}

// waitObservedSince waits until every object was observed after t.
func (b *bench) waitObservedSince(t time.Time) error {
	total, _ := b.count(func(client.Object, *v1alpha1.ManagedStatus) bool { return true })
	for {
		n, err := b.count(func(_ client.Object, st *v1alpha1.ManagedStatus) bool {
			return st.LastSyncTime != nil && !st.LastSyncTime.Time.Before(t)
		})
		if err != nil {
			return err
		}
		if n == total {
			return nil
		}
		select {
		case <-b.ctx.Done():
			return b.ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// kinds are the lists of every managed kind the bench creates.
var kinds = []func() client.ObjectList{
	func() client.ObjectList { return &v1alpha1.ApplicationList{} },
	func() client.ObjectList { return &v1alpha1.ResourceServerList{} },
	func() client.ObjectList { return &v1alpha1.ClientGrantList{} },
	func() client.ObjectList { return &v1alpha1.ActionList{} },
	func() client.ObjectList { return &v1alpha1.TriggerBindingList{} },
	func() client.ObjectList { return &v1alpha1.LogStreamList{} },
	func() client.ObjectList { return &v1alpha1.CustomDomainList{} },
	func() client.ObjectList { return &v1alpha1.BrandingList{} },
	func() client.ObjectList { return &v1alpha1.TenantSettingsList{} },
	func() client.ObjectList { return &v1alpha1.AttackProtectionList{} },
}

func (b *bench) count(ok func(client.Object, *v1alpha1.ManagedStatus) bool) (int, error) {
	n := 0
	for _, newList := range kinds {
		list := newList()
		if err := b.kube.List(b.ctx, list, client.InNamespace("default")); err != nil {
			return 0, err
		}
		items, _ := meta.ExtractList(list)
		for _, it := range items {
			o := it.(interface {
				client.Object
				v1alpha1.ManagedObject
			})
			if ok(o, o.GetManagedStatus()) {
				n++
			}
		}
	}
	return n, nil
}

// dashboardEdit changes one client's callbacks in the simulator and returns the seconds until
// the operator has put them back.
func (b *bench) dashboardEdit() (float64, error) {
	app := &v1alpha1.Application{}
	if err := b.kube.Get(b.ctx, client.ObjectKey{Namespace: "default", Name: "app-00000"}, app); err != nil {
		return 0, err
	}
	t0 := time.Now()
	if err := b.sim("PATCH", "/_sim/objects/clients/"+app.Status.ID, map[string]any{"callbacks": []string{"https://evil.example.com"}}, nil); err != nil {
		return 0, err
	}
	for {
		var cl map[string]any
		if err := b.sim("GET", "/_sim/objects/clients/"+app.Status.ID, nil, &cl); err != nil {
			return 0, err
		}
		if fmt.Sprint(cl["callbacks"]) == fmt.Sprint(app.Spec.Callbacks) {
			return time.Since(t0).Seconds(), nil
		}
		select {
		case <-b.ctx.Done():
			return 0, b.ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// change10 adds a callback to every tenth Application.
func (b *bench) change10(apps int) (int, error) {
	n := 0
	for i := 0; i < apps; i += 10 {
		app := &v1alpha1.Application{}
		if err := b.kube.Get(b.ctx, client.ObjectKey{Namespace: "default", Name: fmt.Sprintf("app-%05d", i)}, app); err != nil {
			return n, err
		}
		app.Spec.Callbacks = append(app.Spec.Callbacks, fmt.Sprintf("https://app-%d.bench.example.com/v2/callback", i))
		if err := b.kube.Update(b.ctx, app); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// procUsage reads a process's peak resident memory (MiB) and CPU seconds from /proc.
func procUsage(pid int) (rssMiB, cpu float64) {
	if pid == 0 {
		return 0, 0
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				rssMiB = kb / 1024
			}
		}
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		s := string(b)
		f := strings.Fields(s[strings.LastIndex(s, ")")+2:])
		if len(f) > 12 {
			ut, _ := strconv.ParseFloat(f[11], 64)
			st, _ := strconv.ParseFloat(f[12], 64)
			cpu = (ut + st) / 100 // USER_HZ
		}
	}
	return rssMiB, cpu
}

func machine() string {
	m := fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v) + ", " + m
			}
		}
	}
	return m
}

func report(w io.Writer, r *Result, budget float64) {
	fmt.Fprintf(w, "\nmachine: %s\n", r.Machine)
	fmt.Fprintf(w, "tenant: %d objects: %d Applications, %d ResourceServers, %d ClientGrants, %d Actions in %d TriggerBindings, %d LogStreams, %d CustomDomains, singletons %v\n",
		r.Objects, r.Config.Apps, r.Config.APIs, r.Config.Grants, r.Config.Actions, r.Config.Triggers, r.Config.LogStreams, r.Config.Domains, r.Config.Singletons)
	fmt.Fprintf(w, "profile %s, share %d%% (%.1f calls/s), drift %s\n", r.Config.Profile, r.Config.Share, budget, r.Config.Drift)
	fmt.Fprintf(w, "%-44s %s\n", "converged (all Ready and Synced)", fmt.Sprintf("%.1fs", r.ConvergeSeconds))
	fmt.Fprintf(w, "%-44s %s\n", "floor (unavoidable calls / budget)", fmt.Sprintf("%.1fs (%d calls), ratio %.2f", r.FloorSeconds, r.UnavoidableCalls, r.FloorRatio))
	fmt.Fprintf(w, "%-44s %d (429s %d, tokens %d)\n", "Management API calls", r.TotalCalls, r.RateLimited, r.TokensIssued)
	keys := make([]string, 0, len(r.Calls))
	for k := range r.Calls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "    %-40s %d\n", k, r.Calls[k])
	}
	fmt.Fprintf(w, "%-44s %.1f (target %d), writes %d\n", "steady state: calls per drift interval", r.Steady.CallsPerInterval, r.Steady.Target, r.Steady.Writes)
	fmt.Fprintf(w, "%-44s %.1fs\n", "dashboard edit seen and corrected", r.DriftCorrectedSeconds)
	total := 0
	for _, n := range r.Change10Pct.Calls {
		total += n
	}
	fmt.Fprintf(w, "%-44s %d objects, %.1fs, %d calls\n", "10% of Applications changed in Git", r.Change10Pct.Objects, r.Change10Pct.Seconds, total)
	fmt.Fprintf(w, "%-44s %.1f calls/s: %d calls, %d 429s\n", "another client of the tenant meanwhile", r.OtherClient.RPS, r.OtherClient.Calls, r.OtherClient.RateLimited)
	fmt.Fprintf(w, "%-44s %.0f MiB peak RSS, %.1f CPU seconds\n\n", "operator", r.PeakRSSMiB, r.CPUSeconds)
}
