package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

const loginPage = `<!DOCTYPE html><html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>`

func branding(f *fixture, name, primary string) *v1alpha1.Branding {
	return &v1alpha1.Branding{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.BrandingSpec{ManagedSpec: f.ref(),
			Colors: &v1alpha1.BrandingColors{Primary: primary, PageBackground: "#ffffff"}},
	}
}

func TestBrandingConfigMapTemplateThemeDriftAndRelease(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "login-page", Namespace: f.ns},
		Data: map[string]string{"template.html": loginPage}}
	f.create(cm)
	b := branding(f, "prod", "#0059d6")
	b.Spec.LogoURL = "https://cdn.example.com/logo.svg"
	b.Spec.FontURL = "https://cdn.example.com/font.woff2"
	b.Spec.UniversalLoginTemplate = &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "login-page", Key: "template.html"}}
	b.Spec.Theme = &apiextensionsv1.JSON{Raw: []byte(`{"displayName":"Acme","borders":{"button_border_radius":4},
		"colors":{"primary_button":"#0059d6"},"fonts":{"font_url":"https://cdn.example.com/font.woff2"},
		"page_background":{"background_color":"#ffffff"},"widget":{"logo_position":"center"}}`)}
	f.create(b)
	f.waitReady(b)

	if b.Status.ID != "branding" {
		t.Errorf("status.id = %q", b.Status.ID)
	}
	settings := f.simObject("branding", auth0sim.SingletonID)
	colors, _ := settings["colors"].(map[string]any)
	font, _ := settings["font"].(map[string]any)
	if colors["primary"] != "#0059d6" || colors["page_background"] != "#ffffff" ||
		settings["logo_url"] != "https://cdn.example.com/logo.svg" || font["url"] != "https://cdn.example.com/font.woff2" {
		t.Errorf("branding in Auth0: %v", settings)
	}
	if got := f.simObject("branding", "universal-login")["body"]; got != loginPage {
		t.Errorf("template in Auth0 = %v", got)
	}
	themes := f.sim.Objects("branding-themes")
	if len(themes) != 1 || themes[0]["displayName"] != "Acme" || b.Status.ThemeID != themes[0]["themeId"] {
		t.Errorf("themes in Auth0 %v, status.themeID %q", themes, b.Status.ThemeID)
	}
	if s := f.kstatus(b); s != status.CurrentStatus {
		t.Errorf("kstatus = %s, want Current", s)
	}

	// A new version of the template file in Git reaches Auth0 through the ConfigMap.
	firstDigest := inputDigest(b, "template")
	newPage := strings.Replace(loginPage, "<body>", `<body class="acme">`, 1)
	f.update(cm, func() { cm.Data["template.html"] = newPage })
	f.eventually(func() (bool, string) {
		got := f.simObject("branding", "universal-login")["body"]
		return got == newPage, "template not updated"
	})
	// A new version of an input is a change made in Kubernetes, not drift.
	f.eventually(func() (bool, string) {
		f.get(b)
		return inputDigest(b, "template") != firstDigest, "the template's input digest not updated"
	})
	if b.Status.Drift != nil || firstDigest == "" {
		t.Errorf("after the ConfigMap change: status.drift %+v, first template digest %q", b.Status.Drift, firstDigest)
	}

	// Dashboard edits of the settings, the template and the theme are corrected.
	f.waitReady(b)
	f.sim.PatchObject("branding", auth0sim.SingletonID, auth0sim.Object{"logo_url": "https://evil.example.com/logo.png"})
	f.sim.PatchObject("branding", "universal-login", auth0sim.Object{"body": "<html>defaced</html>"})
	f.sim.PatchObject("branding-themes", b.Status.ThemeID, auth0sim.Object{"displayName": "Evil"})
	note := f.waitEvent("prod", "DriftCorrected")
	if !strings.Contains(note, "template") && !strings.Contains(note, "logo_url") && !strings.Contains(note, "theme") {
		t.Errorf("DriftCorrected note %q", note)
	}
	f.eventually(func() (bool, string) {
		s := f.simObject("branding", auth0sim.SingletonID)
		tpl := f.simObject("branding", "universal-login")
		th := f.simObject("branding-themes", b.Status.ThemeID)
		return s["logo_url"] == "https://cdn.example.com/logo.svg" && tpl["body"] == newPage && th["displayName"] == "Acme",
			"not corrected: " + note
	})
	f.eventually(func() (bool, string) {
		f.get(b)
		d := b.Status.Drift
		return d != nil && d.Corrected, fmt.Sprintf("status.drift = %+v", d)
	})

	// ObserveOnly reports a dashboard edit and writes nothing.
	f.update(b, func() { b.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly })
	f.waitReady(b)
	writes := f.writes()
	f.sim.PatchObject("branding", auth0sim.SingletonID, auth0sim.Object{"colors": map[string]any{"primary": "#ff0000"}})
	c := f.waitCondition(b, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "colors.primary") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	// Deleting the Branding stops management and leaves the tenant's branding as it is.
	before := f.simObject("branding", auth0sim.SingletonID)
	writes = f.writes()
	f.delete(b)
	f.waitGone(b)
	after := f.simObject("branding", auth0sim.SingletonID)
	if after["logo_url"] != before["logo_url"] || after["colors"].(map[string]any)["primary"] != "#ff0000" {
		t.Errorf("branding changed by deletion: %v", after)
	}
	if _, ok := f.sim.Object("branding", "universal-login"); !ok {
		t.Error("deletion removed the Universal Login template")
	}
	if len(f.sim.Objects("branding-themes")) != 1 {
		t.Error("deletion removed the theme")
	}
	if w := f.writes(); w != writes {
		t.Errorf("deletion wrote %d times", w-writes)
	}
}

func TestBrandingSecondObjectRefusedThenTakesOver(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	first := branding(f, "first", "#111111")
	f.create(first)
	f.waitReady(first)

	second := branding(f, "second", "#222222")
	f.create(second)
	c := f.waitCondition(second, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, f.ns+"/first") {
		t.Errorf("Stalled message %q does not name the owner", c.Message)
	}
	if s := f.kstatus(second); s != status.FailedStatus {
		t.Errorf("kstatus of the refused Branding = %s, want Failed", s)
	}
	if got := f.simObject("branding", auth0sim.SingletonID)["colors"].(map[string]any)["primary"]; got != "#111111" {
		t.Errorf("the refused Branding wrote to Auth0: primary %v", got)
	}

	// When the owner goes, the other one takes over.
	f.delete(first)
	f.waitGone(first)
	f.waitReady(second)
	if got := f.simObject("branding", auth0sim.SingletonID)["colors"].(map[string]any)["primary"]; got != "#222222" {
		t.Errorf("primary after takeover = %v", got)
	}
}

func TestBrandingAuth0RefusalIsShownVerbatim(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := branding(f, "prod", "#0059d6")
	b.Spec.Theme = &apiextensionsv1.JSON{Raw: []byte(`{"borders":{},"colors":{"primary_button":"#0059d6"},"fonts":{},"page_background":{}}`)}
	f.create(b)
	c := f.waitCondition(b, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "Payload validation error: 'Missing required property: widget'.") {
		t.Errorf("Stalled message %q does not carry Auth0's message", c.Message)
	}
	if len(f.sim.Objects("branding-themes")) != 0 {
		t.Error("a theme was created")
	}
}
