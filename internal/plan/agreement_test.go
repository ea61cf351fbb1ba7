package plan_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/plan"
)

// routes are the simulator's collection routes of the kinds the agreement test changes.
var routes = map[string]string{"Application": "/api/v2/clients", "LogStream": "/api/v2/log-streams", "ResourceServer": "/api/v2/resource-servers"}

// A plan of a changed manifest set against a converged tenant, then the set applied: the
// operator's writes are exactly the plan's creates and updates, nothing more, nothing less.
func TestPlanThenApplyAgreement(t *testing.T) {
	f := newFixture(t)
	objs := f.samples()
	f.apply(objs)
	f.converge(objs)

	changed := clone(objs)
	_ = unstructured.SetNestedField(named(changed, "Application", "order-worker").Object, "Processes and refunds orders", "spec", "description")
	_ = unstructured.SetNestedField(named(changed, "ResourceServer", "orders-api").Object, "12h", "spec", "tokenLifetime")
	extra := named(changed, "Application", "storefront").DeepCopy()
	extra.SetName("backoffice")
	_ = unstructured.SetNestedField(extra.Object, "Backoffice", "spec", "name")
	_ = unstructured.SetNestedField(extra.Object, "backoffice-auth0", "spec", "credentialsSecretRef", "name")
	changed = append(changed, extra)
	ls := named(changed, "LogStream", "siem-webhook")
	_ = unstructured.SetNestedField(ls.Object, "log-webhook-v2", "spec", "http", "authorization", "secretKeyRef", "name")
	sec := named(changed, "Secret", "log-webhook").DeepCopy()
	sec.SetName("log-webhook-v2")
	unstructured.RemoveNestedField(sec.Object, "stringData")
	_ = unstructured.SetNestedStringMap(sec.Object, map[string]string{"authorization": base64.StdEncoding.EncodeToString([]byte("Bearer rotated-token"))}, "data")
	changed = append(changed, sec)

	p := f.plan(changed, plan.ExitChanges)
	want := map[string]int{}
	for _, e := range p.Objects {
		switch e.Action {
		case plan.Create:
			want["POST "+routes[e.Kind]]++
		case plan.Update:
			want["PATCH "+routes[e.Kind]+"/{id}"]++
		case plan.Unchanged:
		default:
			t.Errorf("%s %s: %s %s", e.Kind, e.Name, e.Action, e.Message)
		}
	}
	t.Logf("plan: %v", p.Summary)

	before := f.sim.Stats()
	f.apply(changed)
	f.converge(changed)
	got := writesSince(before, f.sim.Stats())
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("the operator's writes differ from the plan's creates and updates (-plan +operator):\n%s", d)
	}
	if len(want) != 4 || want["PATCH /api/v2/clients/{id}"] != 1 || want["POST /api/v2/clients"] != 1 {
		t.Errorf("the plan's writes %v: want a client created, a client, an API and a log stream updated", want)
	}
}

// The client a plan reads through refuses to send anything but a GET, before it leaves the
// process.
func TestPlanClientRefusesWrites(t *testing.T) {
	f := newFixture(t)
	c, err := auth0.NewPool(nil).Client(auth0.TenantConfig{Key: t.Name(), Domain: f.sim.Domain(), BaseURL: f.sim.URL(), CACertPEM: f.sim.CertPEM(),
		Credentials: auth0.Credentials{ClientID: f.sim.ClientID(), ClientSecret: f.sim.ClientSecret()},
		RateLimit:   auth0.RateLimit{RequestsPerSecond: 100, Burst: 100}, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	before := f.sim.Stats()
	err = c.API().Clients.Delete(context.Background(), "some-client-id")
	var ro *auth0.ErrReadOnly
	if !errors.As(err, &ro) || !strings.Contains(err.Error(), "DELETE /clients/{id}") {
		t.Errorf("a DELETE through the plan's client: %v", err)
	}
	if w := writesSince(before, f.sim.Stats()); len(w) > 0 {
		t.Errorf("the write reached Auth0: %v", w)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Errorf("a GET through the plan's client: %v", err)
	}
}

// Without a cluster (--no-cluster, credentials from the environment), the samples against an
// empty tenant are all creates too.
func TestPlanWithoutCluster(t *testing.T) {
	f := newFixture(t)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, f.sim.CertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AUTH0_CLIENT_ID", f.sim.ClientID())
	t.Setenv("AUTH0_CLIENT_SECRET", f.sim.ClientSecret())
	p := f.plan(f.samples(), plan.ExitChanges, "--no-cluster", "--tenant-domain", f.sim.Domain(), "--credentials-from-env", "--base-url", f.sim.URL(), "--ca-file", ca)
	for _, e := range p.Objects {
		if want := map[bool]plan.Action{true: plan.Update, false: plan.Create}[singletons[e.Kind]]; e.Action != want {
			t.Errorf("%s %s: %s %s, want %s", e.Kind, e.Name, e.Action, e.Message, want)
		}
	}
	if len(p.Notes) == 0 || !strings.Contains(p.Notes[0], "no cluster") {
		t.Errorf("no note says the cluster was not read: %v", p.Notes)
	}
}

// Every kind an export writes, a plan knows.
func TestPlanKnowsEveryKind(t *testing.T) {
	if d := cmp.Diff(sorted(export.Kinds()), plan.Kinds()); d != "" {
		t.Errorf("kinds (-export +plan):\n%s", d)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// A directory is read recursively (*.yaml, *.yml, several documents a file); a kustomization
// is refused with how to render it.
func TestReadManifests(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
	write("sub/c.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
	write("sub/notes.txt", "not a manifest")
	objs, err := plan.Read(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range objs {
		names = append(names, u.GetName())
	}
	if d := cmp.Diff([]string{"a", "b", "c"}, names); d != "" {
		t.Errorf("read (-want +got):\n%s", d)
	}
	write("sub/kustomization.yaml", "resources: [c.yml]\n")
	if _, err := plan.Read(dir, nil); err == nil || !strings.Contains(err.Error(), "kustomize build") {
		t.Errorf("a kustomization: %v", err)
	}
	if _, err := plan.Read("-", bytes.NewReader([]byte("kind: [unclosed"))); err == nil || strings.Contains(err.Error(), "unclosed") {
		t.Errorf("invalid YAML must fail without quoting it: %v", err)
	}
}
