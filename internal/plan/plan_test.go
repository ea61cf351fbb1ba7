package plan_test

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/a0ops/auth0-operator/internal/plan"
)

// singletons are managed in place: applying one updates the tenant's setting, never creates.
// (The email provider is a singleton too, but a new tenant has none: it is created.)
var singletons = map[string]bool{"TenantSettings": true, "AttackProtection": true, "UniversalLogin": true, "Branding": true, "MultiFactorAuth": true}

// A plan of the samples against an empty tenant lists every object as a create (the tenant's
// singletons as updates), exits 2, and makes no write.
func TestPlanOfSamplesAgainstEmptyTenantCreatesEverything(t *testing.T) {
	f := newFixture(t)
	objs := f.samples()
	p := f.plan(objs, plan.ExitChanges)
	managed := 0
	for _, u := range objs {
		if u.GetAPIVersion() == "auth0.a0ops.dev/v1alpha1" {
			managed++
		}
	}
	if len(p.Objects) != managed || managed < 20 {
		t.Fatalf("%d objects planned, the samples hold %d managed objects", len(p.Objects), managed)
	}
	for _, e := range p.Objects {
		want := plan.Create
		if singletons[e.Kind] {
			want = plan.Update
		}
		if e.Action != want {
			t.Errorf("%s %s: %s (%s), want %s", e.Kind, e.Name, e.Action, e.Message, want)
		}
	}
	if p.Skipped["Secret"] == 0 || p.Skipped["ConfigMap"] == 0 {
		t.Errorf("the samples' Secrets and ConfigMaps are not counted as skipped: %v", p.Skipped)
	}
}

// Against the tenant the operator converged on the samples, the plan is empty; then it shows a
// dashboard edit as an update back to the spec, a manifest change as that change, a change
// of a Secret's value as "changes" with no value anywhere in any output, a Secret it cannot
// read as "from Secret ns/name", the pruning list, conflicts and refusals with exit status 1.
func TestPlanAgainstConvergedTenant(t *testing.T) {
	f := newFixture(t)
	objs := f.samples()
	// One object pruning would orphan rather than delete.
	_ = unstructured.SetNestedField(named(objs, "Organization", "acme").Object, "Orphan", "spec", "deletionPolicy")
	f.apply(objs)
	f.converge(objs)

	t.Run("nothing to do", func(t *testing.T) {
		f := f.with(t)
		p := f.plan(objs, plan.ExitNoChanges)
		for _, e := range p.Objects {
			if e.Action != plan.Unchanged || e.Message != "" {
				t.Errorf("%s %s: %s %v %s", e.Kind, e.Name, e.Action, e.Fields, e.Message)
			}
		}
		code, out, _ := f.run(objs)
		if code != plan.ExitNoChanges || !strings.Contains(out, "No changes.") {
			t.Errorf("text output (exit %d):\n%s", code, out)
		}
	})

	t.Run("a dashboard edit is an update back to the spec", func(t *testing.T) {
		f := f.with(t)
		app := liveID(t, f.ns, "Application", "storefront")
		f.sim.PatchObject("clients", app, map[string]any{"callbacks": []any{"https://evil.example.com/callback"}})
		defer f.sim.PatchObject("clients", app, map[string]any{"callbacks": specOf(named(objs, "Application", "storefront"), "callbacks")})
		p := f.plan(objs, plan.ExitChanges)
		e := find(t, p.Objects, "Application", "storefront")
		want := []plan.Field{{Path: "callbacks", Before: []any{"https://evil.example.com/callback"}, After: specOf(named(objs, "Application", "storefront"), "callbacks")}}
		if e.Action != plan.Update || !cmp.Equal(e.Fields, want) {
			t.Errorf("storefront: %s %+v, want update %+v", e.Action, e.Fields, want)
		}
		if p.Summary[plan.Update] != 1 || p.Summary[plan.Unchanged] != len(p.Objects)-1 {
			t.Errorf("summary %v: only the edited object should change", p.Summary)
		}
	})

	t.Run("a manifest change is that change", func(t *testing.T) {
		f := f.with(t)
		changed := clone(objs)
		_ = unstructured.SetNestedField(named(changed, "Application", "order-worker").Object, "Processes and refunds orders", "spec", "description")
		p := f.plan(changed, plan.ExitChanges)
		e := find(t, p.Objects, "Application", "order-worker")
		want := []plan.Field{{Path: "description", Before: "Processes orders in the background", After: "Processes and refunds orders"}}
		if e.Action != plan.Update || !cmp.Equal(e.Fields, want) {
			t.Errorf("order-worker: %s %+v, want update %+v", e.Action, e.Fields, want)
		}
	})

	// As kustomize's secretGenerator does, a new value comes as a new Secret name (the
	// cluster's Secrets stay as they are: the operator would act on a change at once).
	webhookSecret := func(name, value string) []*unstructured.Unstructured {
		changed := clone(objs)
		ls := named(changed, "LogStream", "siem-webhook")
		_ = unstructured.SetNestedField(ls.Object, name, "spec", "http", "authorization", "secretKeyRef", "name")
		if value == "" {
			return changed
		}
		sec := named(changed, "Secret", "log-webhook").DeepCopy()
		sec.SetName(name)
		unstructured.RemoveNestedField(sec.Object, "stringData")
		_ = unstructured.SetNestedStringMap(sec.Object, map[string]string{"authorization": base64.StdEncoding.EncodeToString([]byte(value))}, "data")
		return append(changed, sec)
	}

	t.Run("a Secret-backed field shows no value", func(t *testing.T) {
		f := f.with(t)
		const fresh = "Bearer a-new-webhook-token-4711"
		changed := webhookSecret("log-webhook-v2", fresh)
		p := f.plan(changed, plan.ExitChanges)
		e := find(t, p.Objects, "LogStream", "siem-webhook")
		if e.Action != plan.Update || len(e.Fields) != 1 || e.Fields[0].Note != "changes" || e.Fields[0].Before != nil || e.Fields[0].After != nil {
			t.Errorf("siem-webhook: %s %+v, want one field that only \"changes\"", e.Action, e.Fields)
		}
		old := string(secretValue(t, f.ns, "log-webhook", "authorization"))
		for _, o := range []string{"text", "json", "markdown"} {
			_, out, errOut := f.run(changed, "-o", o)
			for _, v := range []string{fresh, old, "a-new-webhook-token", "sample-sms-api-key-replace-me"} {
				if strings.Contains(out+errOut, v) {
					t.Errorf("-o %s shows the secret value %q:\n%s", o, v, out)
				}
			}
		}
	})

	t.Run("a Secret the runner cannot read", func(t *testing.T) {
		f := f.with(t)
		p := f.plan(webhookSecret("log-webhook-elsewhere", ""), plan.ExitChanges)
		e := find(t, p.Objects, "LogStream", "siem-webhook")
		want := "from Secret " + f.ns + "/log-webhook-elsewhere"
		if len(e.Fields) != 1 || e.Fields[0].Note != want {
			t.Errorf("siem-webhook: %s %+v, want one field %q", e.Action, e.Fields, want)
		}
		if !slices.ContainsFunc(p.Notes, func(n string) bool { return strings.Contains(n, "log-webhook-elsewhere could not be read") }) {
			t.Errorf("no note says the Secret could not be read: %v", p.Notes)
		}
	})

	t.Run("pruning", func(t *testing.T) {
		f := f.with(t)
		gone := without(without(objs, "Role", "order-viewer"), "Organization", "acme")
		p := f.plan(gone, plan.ExitChanges, "--prune-scope", f.ns)
		got := map[string]plan.Action{}
		for _, e := range p.Prune {
			got[e.Kind+"/"+e.Name] = e.Action
		}
		// The operator created both; the Organization says deletionPolicy: Orphan.
		want := map[string]plan.Action{"Role/order-viewer": plan.Delete, "Organization/acme": plan.Orphan}
		if !cmp.Equal(got, want) {
			t.Errorf("pruned %v, want %v", got, want)
		}
		if p := f.plan(objs, plan.ExitNoChanges, "--prune-scope", f.ns); len(p.Prune) != 0 {
			t.Errorf("the whole set prunes %+v", p.Prune)
		}
	})

	t.Run("conflict and invalid exit 1", func(t *testing.T) {
		f := f.with(t)
		dup := named(objs, "Application", "storefront").DeepCopy()
		dup.SetName("storefront-copy")
		_ = unstructured.SetNestedField(dup.Object, liveID(t, f.ns, "Application", "storefront"), "spec", "externalID")
		bad := named(objs, "Application", "order-worker").DeepCopy()
		bad.SetName("bad-app")
		_ = unstructured.SetNestedField(bad.Object, "not-an-app-type", "spec", "appType")
		p := f.plan(append(clone(objs), dup, bad), plan.ExitError)
		if e := find(t, p.Objects, "Application", "storefront-copy"); e.Action != plan.Conflict {
			t.Errorf("a second owner of storefront's client: %s %s", e.Action, e.Message)
		}
		if e := find(t, p.Objects, "Application", "bad-app"); e.Action != plan.Invalid || !strings.Contains(e.Message, "appType") {
			t.Errorf("an invalid appType: %s %s", e.Action, e.Message)
		}
	})

	t.Run("markdown is a table with details", func(t *testing.T) {
		f := f.with(t)
		changed := clone(objs)
		_ = unstructured.SetNestedField(named(changed, "Application", "order-worker").Object, "Refunds", "spec", "description")
		code, out, _ := f.run(changed, "-o", "markdown")
		for _, want := range []string{"| action | kind | object | tenant | Auth0 ID |\n|---|---|---|---|---|\n",
			"| update | Application | " + f.ns + "/order-worker |", "<details><summary>", "| `description` | \"Processes orders in the background\" | \"Refunds\" |"} {
			if !strings.Contains(out, want) {
				t.Errorf("markdown lacks %q:\n%s", want, out)
			}
		}
		if code != plan.ExitChanges {
			t.Errorf("exit %d", code)
		}
	})
}
