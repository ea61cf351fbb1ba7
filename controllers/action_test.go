package controllers_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// buildDelay is how long the simulator takes to build an action draft, on its own clock: the
// tests advance that clock, so a build never finishes before a test has seen it running.
const buildDelay = 10 * time.Second

// actionFixture is a fixture whose simulator builds actions on a clock the test advances.
func actionFixture(t *testing.T, drift time.Duration) (*fixture, *auth0sim.FakeClock) {
	clock := auth0sim.NewFakeClock(time.Now())
	f := newFixture(t, fixtureOptions{DriftInterval: drift, Sim: auth0sim.Options{Clock: clock, ActionBuildDelay: buildDelay}})
	return f, clock
}

func postLoginAction(f *fixture, name string, code v1alpha1.TextSource) *v1alpha1.Action {
	return &v1alpha1.Action{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.ActionSpec{ManagedSpec: f.ref(), Trigger: v1alpha1.ActionTrigger{ID: "post-login", Version: "v3"},
			Code: code},
	}
}

func inline(s string) v1alpha1.TextSource { return v1alpha1.TextSource{Inline: &s} }

// waitBuilding waits until a's draft is in Auth0 and being built (Ready=False, Building).
func (f *fixture) waitBuilding(a *v1alpha1.Action) {
	f.t.Helper()
	f.waitCondition(a, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonBuilding)
	if a.Status.ID == "" || (a.Status.Build != v1alpha1.ActionBuildPending && a.Status.Build != v1alpha1.ActionBuildBuilding) {
		f.t.Fatalf("while building: id %q build %q", a.Status.ID, a.Status.Build)
	}
}

// waitDeployed waits until a is Ready with deployed version n.
func (f *fixture) waitDeployed(a *v1alpha1.Action, n int) {
	f.t.Helper()
	f.eventually(func() (bool, string) {
		f.get(a)
		ok := a.Status.DeployedVersion == n && a.Status.Build == v1alpha1.ActionBuildBuilt &&
			meta.IsStatusConditionTrue(a.Status.Conditions, v1alpha1.ConditionReady) && a.Status.ObservedGeneration == a.Generation
		return ok, fmt.Sprintf("want version %d deployed: build %q version %d conditions %+v", n, a.Status.Build, a.Status.DeployedVersion, a.Status.Conditions)
	})
}

// waitEventNote waits for an Event with reason about the object named name whose note contains
// text (an object gets several Events of one reason).
func (f *fixture) waitEventNote(name, reason, text string) {
	f.t.Helper()
	f.eventually(func() (bool, string) {
		list := &eventsv1.EventList{}
		if err := env.Client.List(f.ctx, list, client.InNamespace(f.ns)); err != nil {
			return false, err.Error()
		}
		var seen []string
		for _, e := range list.Items {
			if e.Regarding.Name == name && e.Reason == reason {
				if strings.Contains(e.Note, text) {
					return true, ""
				}
				seen = append(seen, e.Note)
			}
		}
		return false, fmt.Sprintf("no %s event for %s with %q; notes: %q", reason, name, text, seen)
	})
}

// versions returns the numbers of the action's versions in the simulator, and the deployed one.
func (f *fixture) versions(actionID string) (all []int, deployed int) {
	for _, v := range f.sim.Objects("action-versions") {
		if v["action_id"] != actionID {
			continue
		}
		n := int(v["number"].(float64))
		all = append(all, n)
		if v["deployed"] == true {
			deployed = n
		}
	}
	return all, deployed
}

// The code lives in a ConfigMap (as kustomize's configMapGenerator makes it): the Action is
// created, built without blocking a worker, deployed; a change of the file redeploys it as an
// update; code and a dependency changed in the dashboard are drift, corrected and redeployed.
func TestActionFromConfigMapBuildsDeploysAndRedeploys(t *testing.T) {
	f, clock := actionFixture(t, 2*time.Second)
	codeV1 := "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('https://acme/plan', 'gold'); };"
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "login-actions", Namespace: f.ns},
		Data: map[string]string{"add-claim.js": codeV1}}
	f.create(cm)
	act := postLoginAction(f, "add-claim", v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "login-actions", Key: "add-claim.js"}})
	act.Spec.Dependencies = []v1alpha1.ActionDependency{{Name: "lodash", Version: "4.17.21"}}
	f.create(act)

	// Pending: Ready=False/Building, InProgress for Flux, no deploy attempted yet.
	f.waitBuilding(act)
	if s := f.kstatus(act); s != status.InProgressStatus {
		t.Errorf("kstatus while building = %s, want InProgress", s)
	}
	got := f.simObject("actions", act.Status.ID)
	if got["code"] != codeV1 || got["name"] != "add-claim" || fmt.Sprint(got["dependencies"]) != "[map[name:lodash version:4.17.21]]" {
		t.Fatalf("draft in Auth0: %v", got)
	}
	if n := f.calls("POST /api/v2/actions/actions/{id}/deploy"); n != 0 {
		t.Fatalf("%d deploys before the build finished", n)
	}

	clock.Advance(buildDelay)
	f.waitDeployed(act, 1)
	if s := f.kstatus(act); s != status.CurrentStatus {
		t.Errorf("kstatus when deployed = %s, want Current", s)
	}
	if all, dep := f.versions(act.Status.ID); len(all) != 1 || dep != 1 {
		t.Fatalf("versions %v, deployed %d", all, dep)
	}
	if act.Status.Inputs == nil {
		t.Error("no inputs recorded in status")
	}
	creates := f.calls("POST /api/v2/actions/actions")

	// The file changes in Git: the draft is rewritten, rebuilt and deployed as version 2.
	codeV2 := strings.Replace(codeV1, "gold", "platinum", 1)
	f.update(cm, func() { cm.Data["add-claim.js"] = codeV2 })
	f.eventually(func() (bool, string) {
		c := f.simObject("actions", act.Status.ID)["code"]
		return c == codeV2, fmt.Sprintf("code in Auth0 %v", c)
	})
	f.waitBuilding(act)
	clock.Advance(buildDelay)
	f.waitDeployed(act, 2)
	f.waitEventNote("add-claim", "Updated", "updated code")

	// Code and a dependency changed in the dashboard: drift, corrected, rebuilt and redeployed.
	f.sim.PatchObject("actions", act.Status.ID, auth0sim.Object{"code": "exports.onExecutePostLogin = async () => {};",
		"dependencies": []any{map[string]any{"name": "lodash", "version": "4.17.0"}}})
	if note := f.waitEvent("add-claim", "DriftDetected"); !strings.Contains(note, "code") || !strings.Contains(note, "dependencies") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.waitEvent("add-claim", "DriftCorrected")
	f.waitBuilding(act)
	clock.Advance(buildDelay)
	f.waitDeployed(act, 3)
	got = f.simObject("actions", act.Status.ID)
	if got["code"] != codeV2 || fmt.Sprint(got["dependencies"]) != "[map[name:lodash version:4.17.21]]" {
		t.Fatalf("draft after correction: %v", got)
	}
	if act.Status.Drift == nil || !strings.Contains(strings.Join(act.Status.Drift.Fields, ","), "code") {
		t.Errorf("status.drift = %+v", act.Status.Drift)
	}

	// A version rolled back in the dashboard is drift too: the spec's version is deployed again.
	var v1 string
	for _, v := range f.sim.Objects("action-versions") {
		if v["action_id"] == act.Status.ID && v["number"] == float64(1) {
			v1 = v["id"].(string)
		}
	}
	for _, v := range f.sim.Objects("action-versions") {
		if v["action_id"] == act.Status.ID {
			f.sim.PatchObject("action-versions", v["id"].(string), auth0sim.Object{"deployed": v["id"] == v1})
		}
	}
	f.waitDeployed(act, 4)
	if n := f.calls("POST /api/v2/actions/actions"); n != creates {
		t.Errorf("%d more creates", n-creates)
	}

	// Deletion removes the action and its versions.
	id := act.Status.ID
	f.delete(act)
	f.waitGone(act)
	if _, ok := f.sim.Object("actions", id); ok {
		t.Error("action still in Auth0")
	}
	if all, _ := f.versions(id); len(all) != 0 {
		t.Errorf("versions left: %v", all)
	}
}

// A failed build is Stalled with Auth0's message (Failed for Flux) and nothing is deployed;
// fixing the code builds and deploys it.
func TestActionBuildFailureIsStalledWithAuth0Message(t *testing.T) {
	f, clock := actionFixture(t, time.Hour)
	act := postLoginAction(f, "broken", inline("exports.onExecutePostLogin = async (event, api) => { api.( };"))
	f.create(act)
	f.waitBuilding(act)
	f.sim.SetActionBuildFailure(act.Status.ID, "SyntaxError: Unexpected token ')' (1:58)")
	clock.Advance(buildDelay)
	c := f.waitCondition(act, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonBuildFailed)
	if !strings.Contains(c.Message, "SyntaxError: Unexpected token ')' (1:58)") {
		t.Errorf("Stalled message %q does not carry Auth0's message", c.Message)
	}
	if act.Status.Build != v1alpha1.ActionBuildFailed || act.Status.DeployedVersion != 0 {
		t.Errorf("status: build %q version %d", act.Status.Build, act.Status.DeployedVersion)
	}
	if s := f.kstatus(act); s != status.FailedStatus {
		t.Errorf("kstatus = %s, want Failed", s)
	}
	if note := f.waitEvent("broken", v1alpha1.ReasonBuildFailed); !strings.Contains(note, "SyntaxError") {
		t.Errorf("BuildFailed event %q", note)
	}
	if n := f.calls("POST /api/v2/actions/actions/{id}/deploy"); n != 0 {
		t.Errorf("%d deploys of a failed build", n)
	}

	f.sim.SetActionBuildFailure(act.Status.ID, "")
	f.update(act, func() { act.Spec.Code = inline("exports.onExecutePostLogin = async (event, api) => {};") })
	f.waitBuilding(act)
	clock.Advance(buildDelay)
	f.waitDeployed(act, 1)
	if c := meta.FindStatusCondition(act.Status.Conditions, v1alpha1.ConditionStalled); c.Status != metav1.ConditionFalse {
		t.Errorf("still Stalled: %+v", c)
	}
}

// Secrets come from Secrets and go only to Auth0. A changed value redeploys the action (an
// update, not drift); a Secret that changes without its value changing does not, and neither
// does periodic observation. No value appears in status or Events.
func TestActionSecretChangeRedeploysUnchangedDoesNot(t *testing.T) {
	f, clock := actionFixture(t, 2*time.Second)
	const one, two = "sms-key-0n3-7f3a9c", "sms-key-tw0-4b8e1d"
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "sms-provider", Namespace: f.ns},
		StringData: map[string]string{"apiKey": one}}
	f.create(sec)
	act := &v1alpha1.Action{
		ObjectMeta: metav1.ObjectMeta{Name: "send-sms", Namespace: f.ns},
		Spec: v1alpha1.ActionSpec{ManagedSpec: f.ref(), Trigger: v1alpha1.ActionTrigger{ID: "send-phone-message", Version: "v2"},
			Runtime: "node22", Code: inline("exports.onExecuteSendPhoneMessage = async (event) => { /* uses event.secrets.API_KEY */ };"),
			Secrets: []v1alpha1.ActionSecret{{Name: "API_KEY", ValueFrom: v1alpha1.SecretValueSource{
				SecretKeyRef: v1alpha1.SecretKeySelector{Name: "sms-provider", Key: "apiKey"}}}}},
	}
	f.create(act)
	f.waitBuilding(act)
	clock.Advance(buildDelay)
	f.waitDeployed(act, 1)
	secretValue := func() any {
		l, _ := f.simObject("actions", act.Status.ID)["secrets"].([]any)
		if len(l) != 1 {
			t.Fatalf("secrets in Auth0: %v", l)
		}
		return l[0].(map[string]any)["value"]
	}
	if v := secretValue(); v != one {
		t.Fatalf("secret in Auth0 = %v", v)
	}
	digest := inputDigest(act, "secrets.API_KEY")

	// The Secret changes, its value does not: observed again, never rewritten.
	patches := f.calls("PATCH /api/v2/actions/actions/{id}")
	f.update(sec, func() { sec.Labels = map[string]string{"rotated-by": "nobody"} })
	f.waitObservedAgain(act, 2*time.Second)
	f.waitObservedAgain(act, 2*time.Second)
	if n := f.calls("PATCH /api/v2/actions/actions/{id}"); n != patches {
		t.Fatalf("an unchanged Secret caused %d action updates", n-patches)
	}
	if n := f.calls("POST /api/v2/actions/actions/{id}/deploy"); n != 1 {
		t.Fatalf("%d deploys, want 1", n)
	}
	f.get(act)
	if got := inputDigest(act, "secrets.API_KEY"); got != digest || digest == "" || act.Status.DeployedVersion != 1 {
		t.Fatalf("digest %q -> %q, version %d", digest, got, act.Status.DeployedVersion)
	}

	// The value changes: rewritten, rebuilt, deployed as version 2; an update, not drift.
	f.update(sec, func() { sec.Data["apiKey"] = []byte(two) })
	f.eventually(func() (bool, string) { v := secretValue(); return v == two, "secret not rewritten yet" })
	f.waitBuilding(act)
	clock.Advance(buildDelay)
	f.waitDeployed(act, 2)
	if got := inputDigest(act, "secrets.API_KEY"); got == digest || got == "" {
		t.Errorf("digest did not change: %q", got)
	}
	f.waitEventNote("send-sms", "Updated", "updated secrets")

	// No value anywhere the user or a log collector can read.
	for _, e := range f.events() {
		if strings.Contains(e, one) || strings.Contains(e, two) {
			t.Errorf("a secret value in an Event: %s", e)
		}
		if strings.Contains(e, "DriftDetected") {
			t.Errorf("a Secret change reported as drift: %s", e)
		}
	}
	raw, err := json.Marshal(act)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), one) || strings.Contains(string(raw), two) {
		t.Errorf("a secret value in the Action: %s", raw)
	}
}

// A missing ConfigMap or Secret is a wait naming it, and the Action proceeds when it appears.
func TestActionWaitsForItsInputs(t *testing.T) {
	f, clock := actionFixture(t, time.Hour)
	act := postLoginAction(f, "late", v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "late-code", Key: "late.js"}})
	f.create(act)
	c := f.waitCondition(act, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "late-code") {
		t.Errorf("message %q does not name the ConfigMap", c.Message)
	}
	if n := f.calls("POST /api/v2/actions/actions"); n != 0 {
		t.Fatalf("%d creates without code", n)
	}
	f.create(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "late-code", Namespace: f.ns},
		Data: map[string]string{"late.js": "exports.onExecutePostLogin = async () => {};"}})
	f.waitBuilding(act)
	clock.Advance(buildDelay)
	f.waitDeployed(act, 1)
}

// An adopted action whose Secret holds a placeholder: the code changes, the real value in Auth0
// stays (the code's write carries no unchanged secret value); the Secret's value changes, it
// is written once; the code changes again, the value is not sent again.
func TestActionWritesASecretValueOnlyWhenItChanged(t *testing.T) {
	f, clock := actionFixture(t, time.Hour)
	const real, placeholder, rotated, edited = "prod-key-9f2c71", "REPLACE-ME", "prod-key-rotated-41b0", "set-in-dashboard-77a3"
	const code = "exports.onExecutePostLogin = async (event) => { /* event.secrets.API_KEY */ };"
	existing, apiErr := f.sim.CreateObject("actions", auth0sim.Object{"name": "enrich",
		"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}}, "code": code,
		"secrets": []any{map[string]any{"name": "API_KEY", "value": real}}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	clock.Advance(buildDelay)
	id := existing["id"].(string)
	secretValue := func() any {
		l, _ := f.simObject("actions", id)["secrets"].([]any)
		if len(l) != 1 {
			t.Fatalf("secrets in Auth0: %v", l)
		}
		return l[0].(map[string]any)["value"]
	}

	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "enrich", Namespace: f.ns},
		StringData: map[string]string{"apiKey": placeholder}}
	f.create(sec)
	act := postLoginAction(f, "enrich", inline(code))
	act.Spec.ExternalID, act.Spec.Deploy = id, valPtr(false)
	act.Spec.Secrets = []v1alpha1.ActionSecret{{Name: "API_KEY", ValueFrom: v1alpha1.SecretValueSource{
		SecretKeyRef: v1alpha1.SecretKeySelector{Name: "enrich", Key: "apiKey"}}}}
	f.create(act)
	f.waitReady(act)
	if w := f.writes(); w != 0 {
		t.Fatalf("adoption wrote %d times", w)
	}

	f.update(act, func() { act.Spec.Code = inline(code + "\n// v2") })
	// Wait for the write to be committed (its build scheduled), not only for the request to
	// arrive, before the simulator's clock finishes the build.
	f.eventually(func() (bool, string) {
		return strings.HasSuffix(fmt.Sprint(f.simObject("actions", id)["code"]), "// v2"), "code not written"
	})
	clock.Advance(buildDelay)
	f.waitReady(act)
	if v := secretValue(); v != real {
		t.Fatalf("after a code change Auth0's secret is %q, want the value it had (%q)", v, real)
	}

	patches := f.calls("PATCH /api/v2/actions/actions/{id}")
	f.update(sec, func() { sec.Data["apiKey"] = []byte(rotated) })
	f.eventually(func() (bool, string) { v := secretValue(); return v == rotated, fmt.Sprintf("secret is %v", v) })
	clock.Advance(buildDelay)
	f.waitReady(act)
	if n := f.calls("PATCH /api/v2/actions/actions/{id}") - patches; n != 1 {
		t.Errorf("%d writes for one changed secret value, want 1", n)
	}

	// The value is changed in the dashboard; a later code change must not send the Secret's
	// (unchanged) value again.
	f.sim.PatchObject("actions", id, auth0sim.Object{"secrets": []any{map[string]any{"name": "API_KEY", "value": edited}}})
	f.update(act, func() { act.Spec.Code = inline(code + "\n// v3") })
	f.eventually(func() (bool, string) {
		return strings.HasSuffix(fmt.Sprint(f.simObject("actions", id)["code"]), "// v3"), "code not written"
	})
	clock.Advance(buildDelay)
	f.waitReady(act)
	if v := secretValue(); v != edited {
		t.Errorf("a code change sent the unchanged secret again: Auth0 has %q", v)
	}
	for _, v := range []string{real, placeholder, rotated, edited} {
		f.noLeak(act, v)
	}
}
