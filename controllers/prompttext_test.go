package controllers_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func promptText(f *fixture, name, prompt, language string, screens map[string]map[string]string) *v1alpha1.PromptText {
	return &v1alpha1.PromptText{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec:       v1alpha1.PromptTextSpec{ManagedSpec: f.ref(), Prompt: prompt, Language: language, Screens: screens},
	}
}

// customText reads a prompt's custom text through the Management API, as Auth0 answers it.
func (f *fixture) customText(prompt, language string) map[string]any {
	f.t.Helper()
	tok := f.sim.MintToken("read:prompts")
	req, _ := http.NewRequestWithContext(f.ctx, http.MethodGet, f.sim.URL()+"/api/v2/prompts/"+prompt+"/custom-text/"+language, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := f.sim.HTTPClient().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		f.t.Fatalf("custom text %s: %v", raw, err)
	}
	return doc
}

func TestPromptTextJapaneseRoundTripDriftAndDeletion(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	screens := map[string]map[string]string{
		"login": {"title": "ようこそ", "description": "${companyName} にログインして続行してください", "buttonText": "続ける"},
	}
	pt := promptText(f, "login-ja", "login", "ja", screens)
	f.create(pt)
	f.waitReady(pt)
	if pt.Status.ID != "login/ja" {
		t.Errorf("status.id = %q", pt.Status.ID)
	}
	want := map[string]any{"login": map[string]any{"title": "ようこそ", "description": "${companyName} にログインして続行してください", "buttonText": "続ける"}}
	if d := cmp.Diff(want, f.customText("login", "ja")); d != "" {
		t.Errorf("custom text in Auth0 (-want +got):\n%s", d)
	}
	// The text round-trips: observing it again finds nothing to write.
	puts := f.calls("PUT /api/v2/prompts/{prompt}/custom-text/{language}")
	f.waitObservedAgain(pt, 2*time.Second)
	if n := f.calls("PUT /api/v2/prompts/{prompt}/custom-text/{language}"); n != puts {
		t.Errorf("unchanged Japanese text written again %d times", n-puts)
	}
	f.get(pt)
	if d := cmp.Diff(screens, pt.Spec.Screens); d != "" {
		t.Errorf("spec changed (-want +got):\n%s", d)
	}

	// An update replaces the whole document.
	f.update(pt, func() { pt.Spec.Screens = map[string]map[string]string{"login": {"title": "おかえりなさい"}} })
	f.waitReady(pt)
	if d := cmp.Diff(map[string]any{"login": map[string]any{"title": "おかえりなさい"}}, f.customText("login", "ja")); d != "" {
		t.Errorf("custom text after update (-want +got):\n%s", d)
	}

	// Text added in the dashboard is drift too: the spec is the whole document.
	f.sim.PatchObject("prompts-custom-text", "login/ja", auth0sim.Object{"login": map[string]any{"title": "変更", "footerText": "追加"}})
	f.eventually(func() (bool, string) {
		got := f.customText("login", "ja")
		return cmp.Equal(map[string]any{"login": map[string]any{"title": "おかえりなさい"}}, got), "not corrected"
	})
	f.eventually(func() (bool, string) {
		f.get(pt)
		d := pt.Status.Drift
		return d != nil && d.Corrected && cmp.Equal(d.Fields, []string{"login.footerText", "login.title"}), "status.drift not recorded"
	})

	// ObserveOnly reports and writes nothing.
	f.update(pt, func() { pt.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly })
	f.waitReady(pt)
	writes := f.writes()
	f.sim.PatchObject("prompts-custom-text", "login/ja", auth0sim.Object{"login": map[string]any{"title": "手動"}})
	c := f.waitCondition(pt, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "login.title") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	// Deletion (Manage, policy Delete) removes the custom text: Auth0's own text shows again,
	// as before the PromptText existed.
	f.update(pt, func() { pt.Spec.ManagementPolicy = v1alpha1.ManagementManage })
	f.waitReady(pt)
	f.delete(pt)
	f.waitGone(pt)
	if got := f.customText("login", "ja"); len(got) != 0 {
		t.Errorf("custom text after deletion: %v", got)
	}
}

func TestPromptTextOnePerPromptAndLanguage(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	first := promptText(f, "login-ja", "login", "ja", map[string]map[string]string{"login": {"title": "ようこそ"}})
	f.create(first)
	f.waitReady(first)

	dup := promptText(f, "login-ja-2", "login", "ja", map[string]map[string]string{"login": {"title": "別"}})
	f.create(dup)
	c := f.waitCondition(dup, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, f.ns+"/login-ja") || !strings.Contains(c.Message, "login/ja") {
		t.Errorf("Stalled message %q", c.Message)
	}
	en := promptText(f, "login-en", "login", "en", map[string]map[string]string{"login": {"title": "Welcome"}})
	f.create(en)
	f.waitReady(en)
	if got := f.customText("login", "ja"); !cmp.Equal(got, map[string]any{"login": map[string]any{"title": "ようこそ"}}) {
		t.Errorf("the refused PromptText wrote to Auth0: %v", got)
	}

	err := f.refusedUpdate(first, func() { first.Spec.Language = "en" })
	if !strings.Contains(err.Error(), "language cannot be changed") {
		t.Errorf("refusal %v", err)
	}

	// The owner goes (deleting its text); the other one takes over and writes its own.
	f.delete(first)
	f.waitGone(first)
	f.waitReady(dup)
	if got := f.customText("login", "ja"); !cmp.Equal(got, map[string]any{"login": map[string]any{"title": "別"}}) {
		t.Errorf("custom text after takeover: %v", got)
	}
}
