package external

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// populatedScale is how many objects of each kind PopulateAutomation makes here.
const populatedScale = 24

// populatedAutomation is a simulator filled by PopulateAutomation, a client of it, and a
// Kubernetes API holding the export's Secret "secrets" filled with the values it used.
func populatedAutomation(t *testing.T) (*auth0sim.Server, *auth0.Client, client.Client) {
	t.Helper()
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true, ActionBuildDelay: 5 * time.Second})
	values := sim.PopulateAutomation(populatedScale)
	scheme := runtime.NewScheme()
	if err := corev1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	if err := v1alpha1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "secrets", Namespace: "team"}, Data: map[string][]byte{}}
	for k, v := range values {
		sec.Data[k] = []byte(v)
	}
	return sim, simClient(t, sim), fake.NewClientBuilder().WithScheme(scheme).WithObjects(sec).Build()
}

// checkSecretKeys fails unless every secret key the export references is one the Secret has.
func checkSecretKeys(t *testing.T, ctx context.Context, kube client.Client, objs map[string]exportedObject) {
	t.Helper()
	sec := &corev1.Secret{}
	if err := kube.Get(ctx, client.ObjectKey{Namespace: "team", Name: "secrets"}, sec); err != nil {
		t.Fatal(err)
	}
	for id, e := range objs {
		for k, hint := range e.SecretKeys {
			if _, ok := sec.Data[k]; !ok || hint == "" {
				t.Errorf("%s references secret key %q (hint %q), which Populate did not fill", id, k, hint)
			}
		}
	}
}

// exportActions exports the populated tenant's actions and stores them (the Action reads
// itself back when its digest changes).
func exportActions(t *testing.T, ctx context.Context, c *auth0.Client, kube client.Client) map[string]exportedObject {
	t.Helper()
	acts := exportKind(t, c, actionExporter)
	for _, e := range acts {
		if err := kube.Create(ctx, e.Object); err != nil {
			t.Fatal(err)
		}
	}
	return acts
}

func TestExportActionsFromPopulatedTenant(t *testing.T) {
	_, c, kube := populatedAutomation(t)
	ctx := context.Background()
	acts := exportActions(t, ctx, c, kube)
	if len(acts) != populatedScale+1 {
		t.Fatalf("%d actions exported, want %d and the marketplace one", len(acts), populatedScale)
	}
	checkSecretKeys(t, ctx, kube, acts)
	var runtimes, undeployed, withSecrets int
	for id, e := range acts {
		s := e.Object.(*v1alpha1.Action).Spec
		if !slices.Contains(e.Keys, e.Name) {
			t.Errorf("%s: keys %v lack the name %q the bindings may use", id, e.Keys, e.Name)
		}
		if e.Name == "Onfido Identity Verification" {
			if e.Skip != SkipSystem {
				t.Errorf("the marketplace action: skip %q, want %q", e.Skip, SkipSystem)
			}
			delete(acts, id)
			continue
		}
		if e.Skip != "" {
			t.Errorf("%s: skip %q", id, e.Skip)
		}
		if s.Name != e.Name || s.Trigger.ID == "" || s.Trigger.Version == "" || s.Code.Inline == nil || !strings.Contains(*s.Code.Inline, "exports.") {
			t.Errorf("%s: spec %+v", id, s)
		}
		switch s.Runtime {
		case "":
		case "node18-actions":
			runtimes++
		default:
			t.Errorf("%s: runtime %q: Auth0's default (node22) is not left out", id, s.Runtime)
		}
		if s.Deploy != nil {
			if *s.Deploy {
				t.Errorf("%s: deploy: true is the default", id)
			}
			undeployed++
		}
		for _, sec := range s.Secrets {
			if sec.ValueFrom.SecretKeyRef != (v1alpha1.SecretKeySelector{Name: "secrets", Key: sec.Name}) {
				t.Errorf("%s: secret %s from %+v", id, sec.Name, sec.ValueFrom.SecretKeyRef)
			}
		}
		if len(s.Secrets) > 0 {
			withSecrets++
		}
	}
	if runtimes == 0 || undeployed == 0 || withSecrets == 0 {
		t.Errorf("populated variety lost: %d with another runtime, %d with an undeployed draft, %d with secrets", runtimes, undeployed, withSecrets)
	}

	observeExported(t, c, NewAction(kube), acts)
	for id, e := range acts {
		st := e.Object.(*v1alpha1.Action).Status
		if st.Build != v1alpha1.ActionBuildBuilt || st.DeployedVersion == 0 {
			t.Errorf("%s: not Ready after adoption: %+v", id, st)
		}
	}
}

func TestExportTriggerBindingsFromPopulatedTenant(t *testing.T) {
	_, c, kube := populatedAutomation(t)
	ctx := context.Background()
	acts := exportKind(t, c, actionExporter)
	// The Actions the bindings reference, as the operator reports them once adopted.
	var market string
	for id, e := range acts {
		a := e.Object.(*v1alpha1.Action)
		ref := &v1alpha1.Action{ObjectMeta: metav1.ObjectMeta{Name: "ref-Action-" + id, Namespace: "team"}, Spec: a.Spec,
			Status: v1alpha1.ActionStatus{ManagedStatus: v1alpha1.ManagedStatus{ID: id}, DeployedVersion: 1}}
		ref.Spec.Name = e.Name
		if err := kube.Create(ctx, ref); err != nil {
			t.Fatal(err)
		}
		if e.Skip != "" {
			market = id
		}
	}

	tbs := exportKind(t, c, triggerBindingExporter)
	if len(tbs) != 7 {
		t.Errorf("%d triggers with bindings exported, want the 7 Populate binds", len(tbs))
	}
	tb := NewTriggerBinding(kube)
	var named int
	for id, e := range tbs {
		s := e.Object.(*v1alpha1.TriggerBinding).Spec
		if e.Name != id || s.Trigger != id {
			t.Errorf("%s: name %q, trigger %q", id, e.Name, s.Trigger)
		}
		for _, b := range s.Actions {
			if b.ActionRef == nil || !strings.HasPrefix(b.ActionRef.Name, "ref-Action-") || b.ActionName != "" {
				t.Errorf("%s: binding %+v does not reference an exported Action", id, b)
				continue
			}
			if b.DisplayName != "" {
				named++
				if b.DisplayName == acts[strings.TrimPrefix(b.ActionRef.Name, "ref-Action-")].Name {
					t.Errorf("%s: display name %q is the action's name (the default)", id, b.DisplayName)
				}
			}
		}
		if err := tb.Resolve(ctx, e.Object.(*v1alpha1.TriggerBinding)); err != nil {
			t.Fatalf("%s: resolve: %v", id, err)
		}
	}
	if named == 0 {
		t.Error("no binding kept its own display name")
	}
	observeExported(t, c, tb, tbs)

	// An action the export leaves out (the marketplace one) is bound by its name.
	x := &ExportContext{Name: "post-login", Refs: func(kind, id string) string {
		if id == market {
			return ""
		}
		return "ref-" + kind + "-" + id
	}}
	obj, err := tbs["post-login"].Build(x)
	if err != nil {
		t.Fatal(err)
	}
	first := obj.(*v1alpha1.TriggerBinding).Spec.Actions[0]
	if first.ActionRef != nil || first.ActionName != "Onfido Identity Verification" || first.DisplayName != "Onfido" {
		t.Errorf("the marketplace action's binding: %+v", first)
	}
}

func TestExportLogStreamsFromPopulatedTenant(t *testing.T) {
	sim, c, kube := populatedAutomation(t)
	ctx := context.Background()
	// Auth0 suspended one stream: it is exported all the same, and reported.
	var suspended string
	for _, o := range sim.Objects("log-streams") {
		if o["type"] == "segment" {
			suspended = o["id"].(string)
			sim.SuspendLogStream(suspended)
			break
		}
	}
	lss := exportKind(t, c, logStreamExporter)
	if len(lss) != populatedScale {
		t.Fatalf("%d streams exported, want %d", len(lss), populatedScale)
	}
	checkSecretKeys(t, ctx, kube, lss)
	types := map[string]bool{}
	var paused, filtered int
	for id, e := range lss {
		s := e.Object.(*v1alpha1.LogStream).Spec
		if s.Name != e.Name {
			t.Errorf("%s: name %q, want %q", id, s.Name, e.Name)
		}
		for _, sec := range LogStreamSecrets(e.Object.(*v1alpha1.LogStream)) {
			if sec != nil && (sec.SecretKeyRef.Name != "secrets" || e.SecretKeys[sec.SecretKeyRef.Key] == "") {
				t.Errorf("%s: sink secret from %+v", id, sec.SecretKeyRef)
			}
		}
		for _, f := range s.Filters {
			if f.Type != "" {
				t.Errorf("%s: filter type %q is the default", id, f.Type)
			}
		}
		switch {
		case s.HTTP != nil:
			types["http"] = true
			if p := s.PIIConfig; p == nil || p.Method != "" || p.Algorithm != "" || len(p.LogFields) != 2 {
				t.Errorf("%s: pii config %+v: Auth0's hash/xxhash are not left out", id, p)
			}
		case s.Datadog != nil:
			types["datadog"] = true
			if p := s.PIIConfig; p == nil || p.Method != "mask" {
				t.Errorf("%s: pii config %+v lost its method", id, p)
			}
		case s.Splunk != nil:
			types["splunk"] = s.Splunk.Port == 8088 && s.Splunk.Secure != nil
		case s.EventBridge != nil, s.EventGrid != nil, s.Sumo != nil, s.Segment != nil, s.Mixpanel != nil:
			types[strings.ToLower(strings.Fields(e.Name)[0])] = true
		}
		if s.Paused {
			paused++
		}
		if len(s.Filters) > 0 {
			filtered++
		}
	}
	if len(types) != 8 || paused == 0 || filtered == 0 {
		t.Errorf("populated variety lost: sink types %v, %d paused, %d filtered", types, paused, filtered)
	}

	observeExported(t, c, NewLogStream(kube), lss)
	for id, e := range lss {
		st := e.Object.(*v1alpha1.LogStream).Status
		want := map[bool]string{true: "paused", false: "active"}[e.Object.(*v1alpha1.LogStream).Spec.Paused]
		if id == suspended {
			want = "suspended"
		}
		if st.State != want {
			t.Errorf("%s: status %+v, want state %s", id, st, want)
		}
	}
}

func TestExportCustomDomainsFromPopulatedTenant(t *testing.T) {
	_, c, kube := populatedAutomation(t)
	cds := exportKind(t, c, customDomainExporter)
	if len(cds) != populatedScale {
		t.Fatalf("%d domains exported, want %d", len(cds), populatedScale)
	}
	var defaults, selfManaged, headers int
	for id, e := range cds {
		s := e.Object.(*v1alpha1.CustomDomain).Spec
		if e.Name != s.Domain || s.Domain == "" {
			t.Errorf("%s: name %q, domain %q", id, e.Name, s.Domain)
		}
		switch s.Type {
		case "":
			if s.TLSPolicy != "" {
				t.Errorf("%s: tls policy %q is Auth0's default", id, s.TLSPolicy)
			}
		case "self_managed_certs":
			selfManaged++
		default:
			t.Errorf("%s: type %q", id, s.Type)
		}
		if s.CustomClientIPHeader != "" {
			headers++
		}
		if s.Default != nil {
			defaults++
		}
		if s.DNSEndpoint != nil {
			t.Errorf("%s: dnsEndpoint %+v", id, s.DNSEndpoint)
		}
	}
	if defaults != 1 || selfManaged == 0 || headers == 0 {
		t.Errorf("%d default domains (want 1), %d self-managed, %d with a client IP header", defaults, selfManaged, headers)
	}
	observeExported(t, c, NewCustomDomain(kube, reconcile.Options{AllowedDNSZones: []string{"example.com"}}), cds)
	for id, e := range cds {
		cd := e.Object.(*v1alpha1.CustomDomain)
		if cd.Status.State != "ready" || cd.Status.VerifyAttempts != 0 || cd.Status.Default != (cd.Spec.Default != nil) {
			t.Errorf("%s: status %+v: not ready without a verify call", id, cd.Status)
		}
	}
}

// An adopted action's secret values were never written by the operator: the first observation
// takes the Secrets' values as Auth0's (no write), and a later change of them is written.
func TestAdoptedActionTakesSecretDigestAsBaseline(t *testing.T) {
	_, c, kube := populatedAutomation(t)
	ctx := context.Background()
	acts := exportActions(t, ctx, c, kube)
	var act *v1alpha1.Action
	var id string
	for k, e := range acts {
		if a := e.Object.(*v1alpha1.Action); len(a.Spec.Secrets) > 0 && e.Skip == "" {
			act, id = a, k
			break
		}
	}
	ext := NewAction(kube)
	obs, err := ext.Observe(ctx, c, act, id)
	if err != nil {
		t.Fatal(err)
	}
	if !obs.UpToDate || len(obs.Diff) > 0 || len(obs.Inputs) != len(act.Spec.Secrets)+1 { // and the code
		t.Fatalf("first observation of an adopted action: diff %v, inputs %v", obs.Diff, obs.Inputs)
	}
	recordInputs(act, obs) // up to date: the reconciler records the baseline

	obs, err = ext.Observe(ctx, c, act, id)
	if err != nil || !obs.UpToDate {
		t.Fatalf("second observation: %v, diff %v", err, obs.Diff)
	}

	sec := &corev1.Secret{}
	if err := kube.Get(ctx, client.ObjectKey{Namespace: "team", Name: "secrets"}, sec); err != nil {
		t.Fatal(err)
	}
	sec.Data[act.Spec.Secrets[0].ValueFrom.SecretKeyRef.Key] = []byte("rotated")
	if err := kube.Update(ctx, sec); err != nil {
		t.Fatal(err)
	}
	obs, err = ext.Observe(ctx, c, act, id)
	if err != nil {
		t.Fatal(err)
	}
	rotated := "secrets." + act.Spec.Secrets[0].Name
	if obs.UpToDate || !slices.Equal(obs.Diff, []string{"secrets"}) || !slices.Equal(obs.Changed, []string{"secrets", rotated}) {
		t.Fatalf("a rotated Secret after adoption: diff %v, changed %v; want that secret's value written", obs.Diff, obs.Changed)
	}
}

// If Auth0 hides a sink secret of an adopted stream, the first observation takes the Secret's
// value as the baseline (no write); a later change of it is still seen.
func TestAdoptedLogStreamHiddenSecretTakesDigestAsBaseline(t *testing.T) {
	sim, c, kube := populatedAutomation(t)
	ctx := context.Background()
	var id string
	for _, o := range sim.Objects("log-streams") {
		if o["type"] == "datadog" {
			id = o["id"].(string)
			sim.PatchObject("log-streams", id, auth0sim.Object{"sink": map[string]any{"datadogApiKey": nil}})
			break
		}
	}
	e := exportKind(t, c, logStreamExporter)[id]
	ls := e.Object.(*v1alpha1.LogStream)
	if ls.Spec.Datadog == nil || ls.Spec.Datadog.APIKey.SecretKeyRef.Key != "datadogApiKey" {
		t.Fatalf("a hidden key is still referenced: %+v", ls.Spec.Datadog)
	}
	l := NewLogStream(kube)
	obs, err := l.Observe(ctx, c, ls, id)
	if err != nil {
		t.Fatal(err)
	}
	if !obs.UpToDate || len(obs.Inputs) != 1 {
		t.Fatalf("first observation of an adopted stream with a hidden key: diff %v, inputs %v", obs.Diff, obs.Inputs)
	}
	recordInputs(ls, obs) // as the reconciler does under Manage
	sec := &corev1.Secret{}
	if err := kube.Get(ctx, client.ObjectKey{Namespace: "team", Name: "secrets"}, sec); err != nil {
		t.Fatal(err)
	}
	sec.Data["datadogApiKey"] = []byte("rotated")
	if err := kube.Update(ctx, sec); err != nil {
		t.Fatal(err)
	}
	obs, err = l.Observe(ctx, c, ls, id)
	if err != nil {
		t.Fatal(err)
	}
	if obs.UpToDate || !slices.Equal(obs.Diff, []string{"sink.datadogApiKey"}) || !slices.Equal(obs.Changed, obs.Diff) {
		t.Fatalf("a rotated Secret after adoption: diff %v, changed %v", obs.Diff, obs.Changed)
	}
}
