package auth0sim

import (
	"context"
	"regexp"
	"testing"
	"time"

	management "github.com/auth0/go-auth0/v3/management"
)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func postLogin() []*management.ActionTrigger {
	return []*management.ActionTrigger{{ID: "post-login", Version: ptr("v3")}}
}

func TestActionsLifecycleWithSDK(t *testing.T) {
	ctx := context.Background()
	clock := NewFakeClock(time.Date(2026, 5, 29, 10, 0, 0, 0, time.UTC))
	sim := NewServer(t, Options{Clock: clock, ActionBuildDelay: 10 * time.Second})
	m := newMgmt(t, sim)

	a, err := m.Actions.Create(ctx, &management.CreateActionRequestContent{
		Name: "greet", SupportedTriggers: postLogin(), Code: ptr("exports.onExecutePostLogin = async () => {};"),
		Secrets: []*management.ActionSecretRequest{{Name: ptr("API_KEY"), Value: ptr("s3cret")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !uuidRe.MatchString(a.GetID()) || a.GetStatus() != "pending" || a.GetRuntime() != "node22" || a.GetAllChangesDeployed() {
		t.Errorf("create: id %q status %q runtime %q all_changes_deployed %v", a.GetID(), a.GetStatus(), a.GetRuntime(), a.GetAllChangesDeployed())
	}
	// Secrets are write-only: names and updated_at only.
	_, _, raw := rawCall(t, sim, "GET", "/api/v2/actions/actions/"+a.GetID(), sim.MintToken("read:actions"), nil)
	secrets := raw.(map[string]any)["secrets"].([]any)
	if sec := secrets[0].(map[string]any); len(secrets) != 1 || sec["name"] != "API_KEY" || sec["value"] != nil || sec["updated_at"] == nil {
		t.Errorf("secrets = %v", secrets)
	}
	// Not built yet: deploy is refused, binding is a conflict.
	if _, err := m.Actions.Deploy(ctx, a.GetID()); statusOf(err) != 400 ||
		errorBody(t, err)["message"] != "A draft must be in the 'built' state before it can be deployed." {
		t.Errorf("deploy while pending: %v", err)
	}
	bind := func(ids ...string) (*management.UpdateActionBindingsResponseContent, error) {
		var bs []*management.ActionBindingWithRef
		for _, id := range ids {
			typ := management.ActionBindingRefTypeEnumActionID
			bs = append(bs, &management.ActionBindingWithRef{Ref: &management.ActionBindingRef{Type: &typ, Value: ptr(id)}})
		}
		trigger := management.ActionTriggerTypeEnum("post-login")
		return m.Actions.Triggers.Bindings.UpdateMany(ctx, &trigger, &management.UpdateActionBindingsRequestContent{Bindings: bs})
	}
	if _, err := bind(a.GetID()); statusOf(err) != 409 {
		t.Errorf("bind while building: %v, want 409", err)
	}
	clock.Advance(6 * time.Second)
	if got, _ := m.Actions.Get(ctx, a.GetID()); got.GetStatus() != "building" {
		t.Errorf("status after 6s = %q, want building", got.GetStatus())
	}
	clock.Advance(5 * time.Second)
	if got, _ := m.Actions.Get(ctx, a.GetID()); got.GetStatus() != "built" {
		t.Errorf("status after 11s = %q, want built", got.GetStatus())
	}
	if _, err := bind(a.GetID()); statusOf(err) != 400 {
		t.Errorf("bind built but never deployed: %v, want 400", err)
	}

	// Deploy: numbered versions.
	v1, err := m.Actions.Deploy(ctx, a.GetID())
	if err != nil {
		t.Fatal(err)
	}
	act := v1.GetAction()
	if v1.GetNumber() != 1 || v1.GetDeployed() || v1.GetStatus() != "built" || act.GetID() != a.GetID() {
		t.Errorf("deploy answer: number %v deployed %v status %q", v1.GetNumber(), v1.GetDeployed(), v1.GetStatus())
	}
	got, _ := m.Actions.Get(ctx, a.GetID())
	dv := got.GetDeployedVersion()
	if dv.GetNumber() != 1 || !dv.GetDeployed() || !got.GetAllChangesDeployed() {
		t.Errorf("after deploy: deployed_version %v all_changes_deployed %v", dv, got.GetAllChangesDeployed())
	}
	upd, err := m.Actions.Update(ctx, a.GetID(), &management.UpdateActionRequestContent{Code: ptr("exports.onExecutePostLogin = async () => { /* v2 */ };")})
	if err != nil {
		t.Fatal(err)
	}
	if upd.GetStatus() != "pending" || upd.GetAllChangesDeployed() || len(upd.GetSecrets()) != 1 {
		t.Errorf("patch: status %q all_changes_deployed %v secrets %v", upd.GetStatus(), upd.GetAllChangesDeployed(), upd.GetSecrets())
	}
	clock.Advance(11 * time.Second)
	v2, err := m.Actions.Deploy(ctx, a.GetID())
	if err != nil || v2.GetNumber() != 2 {
		t.Fatalf("second deploy: %v %v", v2.GetNumber(), err)
	}
	versions, err := m.Actions.Versions.List(ctx, a.GetID(), &management.ListActionVersionsRequestParameters{PerPage: ptr(1)})
	if err != nil {
		t.Fatal(err)
	}
	var numbers []float64
	for it := versions.Iterator(); it.Next(ctx); {
		numbers = append(numbers, it.Current().GetNumber())
	}
	if len(numbers) != 2 || numbers[0] != 2 || numbers[1] != 1 {
		t.Errorf("versions listed %v, want [2 1]", numbers)
	}
	old, err := m.Actions.Versions.Get(ctx, a.GetID(), v1.GetID())
	if err != nil || old.GetDeployed() || old.GetNumber() != 1 {
		t.Errorf("version 1: deployed %v number %v err %v", old.GetDeployed(), old.GetNumber(), err)
	}

	// Bindings: replaced as a whole, new ids every time.
	b1, err := bind(a.GetID())
	if err != nil {
		t.Fatal(err)
	}
	if len(b1.GetBindings()) != 1 || b1.GetBindings()[0].GetDisplayName() != "greet" || b1.GetBindings()[0].Action.GetID() != a.GetID() {
		t.Fatalf("bindings = %v", b1.GetBindings())
	}
	b2, _ := bind(a.GetID())
	if b2.GetBindings()[0].GetID() == b1.GetBindings()[0].GetID() {
		t.Errorf("a replaced binding kept its id")
	}
	trigger := management.ActionTriggerTypeEnum("post-login")
	page, err := m.Actions.Triggers.Bindings.List(ctx, &trigger, &management.ListActionTriggerBindingsRequestParameters{PerPage: ptr(50)})
	if err != nil || len(page.Results) != 1 {
		t.Fatalf("list bindings: %v %v", page, err)
	}
	// A bound action is only deleted with force=true.
	if err := m.Actions.Delete(ctx, a.GetID(), &management.DeleteActionRequestParameters{}); statusOf(err) != 409 {
		t.Errorf("delete bound action: %v, want 409", err)
	}
	if err := m.Actions.Delete(ctx, a.GetID(), &management.DeleteActionRequestParameters{Force: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Actions.Get(ctx, a.GetID()); statusOf(err) != 404 {
		t.Errorf("get deleted action: %v", err)
	}
	code, _, body := rawCall(t, sim, "GET", "/api/v2/actions/triggers/post-login/bindings", sim.MintToken("read:actions"), nil)
	if env := body.(map[string]any); code != 200 || len(env["bindings"].([]any)) != 0 || env["total"] != nil {
		t.Errorf("bindings after forced delete: %d %v", code, body)
	}
}

func TestActionsListTriggersAndErrors(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	triggers, err := m.Actions.Triggers.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tr := range triggers.GetTriggers() {
		if tr.GetID() == "post-login" && tr.GetVersion() == "v3" && tr.GetStatus() == "CURRENT" {
			found = true
		}
	}
	if !found {
		t.Errorf("post-login v3 missing from %v", triggers.GetTriggers())
	}
	for i := 0; i < 5; i++ {
		if _, err := m.Actions.Create(ctx, &management.CreateActionRequestContent{Name: "a" + string(rune('0'+i)), SupportedTriggers: postLogin()}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := m.Actions.List(ctx, &management.ListActionsRequestParameters{PerPage: ptr(2)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it := page.Iterator(); it.Next(ctx); {
		n++
	}
	if n != 5 || page.Response.GetTotal() != 5 || page.Response.GetPerPage() != 2 {
		t.Errorf("listed %d (total %v per_page %v), want 5", n, page.Response.GetTotal(), page.Response.GetPerPage())
	}
	byName, err := m.Actions.List(ctx, &management.ListActionsRequestParameters{ActionName: ptr("a3")})
	if err != nil || len(byName.Results) != 1 || byName.Results[0].GetName() != "a3" {
		t.Errorf("by name: %v %v", byName, err)
	}
	tok := sim.MintToken("read:actions", "create:actions", "update:actions")
	if code, _, body := rawCall(t, sim, "GET", "/api/v2/actions/actions?per_page=101", tok, nil); code != 400 {
		t.Errorf("per_page 101: %d %v", code, body)
	}
	if _, err := m.Actions.Create(ctx, &management.CreateActionRequestContent{Name: "a1", SupportedTriggers: postLogin()}); statusOf(err) != 409 {
		t.Errorf("duplicate name: %v, want 409", err)
	}
	code, _, body := rawCall(t, sim, "POST", "/api/v2/actions/actions", tok, map[string]any{"name": "x"})
	if code != 400 || body.(map[string]any)["message"] != "Payload validation error: 'Missing required property: supported_triggers'." {
		t.Errorf("missing triggers: %d %v", code, body)
	}
	code, _, body = rawCall(t, sim, "GET", "/api/v2/actions/actions/0b9f0b9e-0000-4000-8000-000000000000", tok, nil)
	if e := body.(map[string]any); code != 404 || e["errorCode"] != nil || e["error"] != "Not Found" {
		t.Errorf("unknown action: %d %v", code, body)
	}
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/actions/triggers/no-such-trigger/bindings", tok, nil); code != 400 {
		t.Errorf("unknown trigger: %d", code)
	}
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/actions/triggers/post-login/bindings", tok,
		map[string]any{"bindings": []any{map[string]any{"display_name": "x"}}})
	if code != 400 {
		t.Errorf("binding without ref: %d %v", code, body)
	}
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/actions/actions", sim.MintToken("read:clients"), nil); code != 403 {
		t.Errorf("without read:actions: %d", code)
	}
}

func TestActionBuildFailureSwitch(t *testing.T) {
	ctx := context.Background()
	clock := NewFakeClock(time.Date(2026, 5, 29, 10, 0, 0, 0, time.UTC))
	sim := NewServer(t, Options{Clock: clock, ActionBuildDelay: 2 * time.Second})
	m := newMgmt(t, sim)
	a, err := m.Actions.Create(ctx, &management.CreateActionRequestContent{Name: "broken", SupportedTriggers: postLogin()})
	if err != nil {
		t.Fatal(err)
	}
	// Over the admin API, as a script would.
	resp, err := sim.HTTPClient().Post(sim.URL()+"/_sim/actions/"+a.GetID()+"/build", "application/json",
		stringsReader(`{"fail":true,"message":"npm install failed: crypto@17.7.1"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("admin switch: %v %v", resp, err)
	}
	resp.Body.Close()
	clock.Advance(3 * time.Second)
	got, _ := m.Actions.Get(ctx, a.GetID())
	if got.GetStatus() != "failed" {
		t.Errorf("status = %q, want failed", got.GetStatus())
	}
	if stored, _ := sim.Object(actionsColl, a.GetID()); stored["_build_error"] != "npm install failed: crypto@17.7.1" {
		t.Errorf("build error kept as %v", stored["_build_error"])
	}
	// The failed draft carries the build's message, in a version's errors shape.
	_, _, raw := rawCall(t, sim, "GET", "/api/v2/actions/actions/"+a.GetID(), sim.MintToken("read:actions"), nil)
	if errs, _ := raw.(map[string]any)["errors"].([]any); len(errs) != 1 ||
		errs[0].(map[string]any)["msg"] != "npm install failed: crypto@17.7.1" {
		t.Errorf("errors of a failed draft = %v", raw.(map[string]any)["errors"])
	}
	if _, err := m.Actions.Deploy(ctx, a.GetID()); statusOf(err) != 400 {
		t.Errorf("deploy a failed build: %v", err)
	}
	sim.SetActionBuildFailure(a.GetID(), "")
	_, _, raw = rawCall(t, sim, "GET", "/api/v2/actions/actions/"+a.GetID(), sim.MintToken("read:actions"), nil)
	if errs, ok := raw.(map[string]any)["errors"]; ok {
		t.Errorf("errors of a built draft = %v", errs)
	}
	if _, err := m.Actions.Deploy(ctx, a.GetID()); err != nil {
		t.Errorf("deploy after the switch is off: %v", err)
	}
}

// A tenant restored from a state file written before triggers were seeded
// still knows Auth0's triggers.
func TestActionTriggersWithoutSeededTriggers(t *testing.T) {
	sim := NewServer(t, Options{})
	for _, tr := range sim.Objects(triggersColl) {
		sim.DeleteObject(triggersColl, str(tr, "id")+"/"+str(tr, "version"))
	}
	if n := len(sim.Objects(triggersColl)); n != 0 {
		t.Fatalf("%d triggers left", n)
	}
	tok := sim.MintToken("read:actions", "create:actions")
	if code, _, body := rawCall(t, sim, "POST", "/api/v2/actions/actions", tok, map[string]any{"name": "a",
		"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}}}); code != 201 {
		t.Errorf("create: %d %v", code, body)
	}
	_, _, body := rawCall(t, sim, "GET", "/api/v2/actions/triggers", tok, nil)
	if len(body.(map[string]any)["triggers"].([]any)) == 0 {
		t.Errorf("triggers = %v", body)
	}
}
