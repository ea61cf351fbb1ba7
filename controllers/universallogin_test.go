package controllers_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func universalLogin(f *fixture, name string, set func(*v1alpha1.UniversalLoginSpec)) *v1alpha1.UniversalLogin {
	ul := &v1alpha1.UniversalLogin{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.UniversalLoginSpec{ManagedSpec: f.ref()}}
	if set != nil {
		set(&ul.Spec)
	}
	return ul
}

// promptSettings is the tenant's prompt settings in the simulator (nil until first written).
func promptSettings(f *fixture) auth0sim.Object {
	o, _ := f.sim.Object("prompts", auth0sim.SingletonID)
	return o
}

// UniversalLogin patches only what it sets, corrects the dashboard's changes, and leaves the
// settings as they are when deleted.
func TestUniversalLoginSettings(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ul := universalLogin(f, "prod", func(s *v1alpha1.UniversalLoginSpec) { s.Experience, s.IdentifierFirst = "new", valPtr(true) })
	f.create(ul)
	f.waitReady(ul)
	if ul.Status.ID != "prompts" {
		t.Errorf("status.id = %q", ul.Status.ID)
	}
	if p := promptSettings(f); p["identifier_first"] != true || p["universal_login_experience"] != "new" || p["webauthn_platform_first_factor"] != false {
		t.Fatalf("prompt settings %v (the unset WebAuthn option keeps Auth0's value)", p)
	}

	// The dashboard turns identifier first off: drift, corrected.
	f.sim.PatchObject("prompts", auth0sim.SingletonID, auth0sim.Object{"identifier_first": false})
	if note := f.waitEvent("prod", "DriftDetected"); !strings.Contains(note, "identifier_first") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		return promptSettings(f)["identifier_first"] == true, "identifier_first not corrected"
	})

	// Deleting the object writes nothing: the tenant keeps its login settings.
	before, writes := promptSettings(f), f.writes()
	f.get(ul)
	f.delete(ul)
	f.waitGone(ul)
	if w := f.writes(); w != writes {
		t.Errorf("deleting UniversalLogin wrote %d times", w-writes)
	}
	if after := promptSettings(f); !reflect.DeepEqual(before, after) {
		t.Errorf("settings changed by the deletion:\nbefore %v\nafter  %v", before, after)
	}

	// A new object whose spec is what Auth0 has adopts with no write.
	again := universalLogin(f, "again", func(s *v1alpha1.UniversalLoginSpec) { s.IdentifierFirst = valPtr(true) })
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes {
		t.Errorf("adopting settings equal to the spec wrote %d times", w-writes)
	}
}

func TestUniversalLoginValidationAndObserveOnly(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	bad := universalLogin(f, "bad", func(s *v1alpha1.UniversalLoginSpec) { s.WebAuthnPlatformFirstFactor = valPtr(true) })
	if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "needs spec.identifierFirst: true") {
		t.Errorf("WebAuthn first factor without identifier first: err = %v", err)
	}
	odd := universalLogin(f, "odd", func(s *v1alpha1.UniversalLoginSpec) { s.Experience = "modern" })
	if err := env.Client.Create(f.ctx, odd); err == nil || !strings.Contains(err.Error(), "spec.experience") {
		t.Errorf("unknown experience: err = %v", err)
	}

	ul := universalLogin(f, "observe", func(s *v1alpha1.UniversalLoginSpec) {
		s.Experience, s.ManagementPolicy = "classic", v1alpha1.ManagementObserveOnly
	})
	writes := f.writes()
	f.create(ul)
	c := f.waitCondition(ul, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "universal_login_experience") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}
}

// Prompt partials wait for a verified custom domain (the settings are written meanwhile),
// are written once there is one, a dashboard edit of them is corrected, and a change of their
// ConfigMap is an update, not drift.
func TestUniversalLoginPartialsWaitForCustomDomain(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	f.create(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "login-partials", Namespace: f.ns},
		Data: map[string]string{"footer.html": "<p>Need help? support@example.com</p>"}})
	ul := universalLogin(f, "prod", func(s *v1alpha1.UniversalLoginSpec) {
		s.IdentifierFirst = valPtr(true)
		s.Partials = []v1alpha1.UniversalLoginPartial{{Prompt: "login", Screen: "login", InsertionPoints: map[string]v1alpha1.TextSource{
			"form-content-start": {Inline: valPtr("<div>Welcome back</div>")},
			"form-footer-end":    {ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "login-partials", Key: "footer.html"}}}}}
	})
	f.create(ul)
	c := f.waitCondition(ul, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonWaitingForCustomDomain)
	if !strings.Contains(c.Message, "custom domain") {
		t.Errorf("waiting message %q", c.Message)
	}
	f.eventually(func() (bool, string) {
		return promptSettings(f)["identifier_first"] == true, "settings not written while waiting"
	})
	if n := f.calls("PUT /api/v2/prompts/{prompt}/partials"); n != 0 {
		t.Fatalf("partials written without a custom domain (%d PUTs)", n)
	}

	dom, apiErr := f.sim.CreateObject("custom-domains", auth0sim.Object{"domain": "login.example.com", "type": "auth0_managed_certs"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	f.sim.PatchObject("custom-domains", dom["custom_domain_id"].(string), auth0sim.Object{"status": "ready"})
	f.waitReady(ul)
	partial := func(point string) any {
		p, _ := f.sim.Object("prompt-partials", "login")
		screen, _ := p["login"].(map[string]any)
		return screen[point]
	}
	if partial("form-content-start") != "<div>Welcome back</div>" || partial("form-footer-end") != "<p>Need help? support@example.com</p>" {
		t.Fatalf("partials in Auth0: %v", f.sim.Objects("prompt-partials"))
	}

	driftEvents := func() int { return strings.Count(strings.Join(f.events(), "\n"), "DriftDetected") }
	if n := driftEvents(); n != 0 {
		t.Errorf("writing the partials once a domain is ready was reported as drift: %v", f.events())
	}

	// The dashboard edits a partial: drift, corrected.
	f.sim.PatchObject("prompt-partials", "login", auth0sim.Object{"login": map[string]any{"form-content-start": "<div>Hi</div>",
		"form-footer-end": "<p>Need help? support@example.com</p>"}})
	if note := f.waitEvent("prod", "DriftDetected"); !strings.Contains(note, "partials.login.login.form-content-start") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		return partial("form-content-start") == "<div>Welcome back</div>", fmt.Sprintf("form-content-start = %v", partial("form-content-start"))
	})

	// The ConfigMap changes: an update.
	drifts := driftEvents()
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "login-partials", Namespace: f.ns}}
	f.update(cm, func() { cm.Data["footer.html"] = "<p>Call us</p>" })
	f.eventually(func() (bool, string) {
		return partial("form-footer-end") == "<p>Call us</p>", fmt.Sprintf("form-footer-end = %v", partial("form-footer-end"))
	})
	if n := driftEvents(); n != drifts {
		t.Errorf("a ConfigMap change was reported as drift (%d more DriftDetected)", n-drifts)
	}
}
