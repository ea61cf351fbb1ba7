package controllers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func emailTemplate(f *fixture, name, template string, body v1alpha1.TextSource) *v1alpha1.EmailTemplate {
	return &v1alpha1.EmailTemplate{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.EmailTemplateSpec{ManagedSpec: f.ref(), Template: template, Body: body,
			From: "Acme <no-reply@example.com>", Subject: "Welcome to Acme"},
	}
}

func TestEmailTemplateConfigMapBodyDriftAndDeletion(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "emails", Namespace: f.ns},
		Data: map[string]string{"welcome.html": "<html><body><h1>Welcome, {{ user.name }}!</h1></body></html>"}}
	f.create(cm)
	et := emailTemplate(f, "welcome", "welcome_email", v1alpha1.TextSource{
		ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "emails", Key: "welcome.html"}})
	et.Spec.ResultURL = "https://shop.example.com/welcome"
	et.Spec.URLLifetimeInSeconds = ptr.To[int64](3600)
	et.Spec.IncludeEmailInRedirect = ptr.To(false)
	f.create(et)
	f.waitReady(et)

	if et.Status.ID != "welcome_email" {
		t.Errorf("status.id = %q", et.Status.ID)
	}
	tpl := f.simObject("email-templates", "welcome_email")
	if tpl["body"] != cm.Data["welcome.html"] || tpl["from"] != "Acme <no-reply@example.com>" || tpl["subject"] != "Welcome to Acme" ||
		tpl["syntax"] != "liquid" || tpl["resultUrl"] != "https://shop.example.com/welcome" || tpl["urlLifetimeInSeconds"] != float64(3600) ||
		tpl["includeEmailInRedirect"] != false || tpl["enabled"] != true {
		t.Errorf("template in Auth0: %v", tpl)
	}

	// The body follows its ConfigMap; the subject follows the spec.
	f.update(cm, func() { cm.Data["welcome.html"] = "<html><body>Hello {{ user.email }}</body></html>" })
	f.update(et, func() { et.Spec.Subject = "Welcome!" })
	f.eventually(func() (bool, string) {
		tpl = f.simObject("email-templates", "welcome_email")
		return tpl["body"] == "<html><body>Hello {{ user.email }}</body></html>" && tpl["subject"] == "Welcome!", "template not updated"
	})
	f.waitReady(et)
	// The ConfigMap's new version is a change made in Kubernetes, not drift.
	if et.Status.Drift != nil {
		t.Errorf("ConfigMap change reported as drift: %+v", et.Status.Drift)
	}
	for _, e := range f.events() {
		if strings.HasPrefix(e, "DriftDetected") {
			t.Errorf("ConfigMap change reported as drift: %s", e)
		}
	}

	// A dashboard edit is corrected and recorded.
	f.sim.PatchObject("email-templates", "welcome_email", auth0sim.Object{"subject": "Edited", "enabled": false})
	f.eventually(func() (bool, string) {
		tpl = f.simObject("email-templates", "welcome_email")
		return tpl["subject"] == "Welcome!" && tpl["enabled"] == true, "not corrected"
	})
	f.eventually(func() (bool, string) {
		f.get(et)
		d := et.Status.Drift
		return d != nil && d.Corrected && slices.Equal(d.Fields, []string{"enabled", "subject"}), fmt.Sprintf("status.drift %+v", d)
	})

	// ObserveOnly reports and writes nothing.
	f.update(et, func() { et.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly })
	f.waitReady(et)
	writes := f.writes()
	f.sim.PatchObject("email-templates", "welcome_email", auth0sim.Object{"from": "other@example.com"})
	c := f.waitCondition(et, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "from") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	// Back to Manage; deletion (policy Delete) disables the template, which Auth0 cannot delete.
	f.update(et, func() { et.Spec.ManagementPolicy = v1alpha1.ManagementManage })
	f.waitReady(et)
	f.delete(et)
	f.waitGone(et)
	tpl = f.simObject("email-templates", "welcome_email")
	if tpl["enabled"] != false || tpl["subject"] != "Welcome!" {
		t.Errorf("template after deletion: %v", tpl)
	}
}

func TestEmailTemplateOnePerName(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	inline := func(s string) v1alpha1.TextSource { return v1alpha1.TextSource{Inline: &s} }
	first := emailTemplate(f, "verify", "verify_email", inline("<p>Verify {{ url }}</p>"))
	f.create(first)
	f.waitReady(first)

	// The template exists in Auth0 once the first object made it: the second may take it over
	// (AdoptByName) when the first goes; it must not write while the first manages it.
	dup := emailTemplate(f, "verify-again", "verify_email", inline("<p>Other</p>"))
	dup.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName
	f.create(dup)
	c := f.waitCondition(dup, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, f.ns+"/verify") || !strings.Contains(c.Message, "verify_email") {
		t.Errorf("Stalled message %q", c.Message)
	}
	other := emailTemplate(f, "reset", "reset_email", inline("<p>Reset {{ url }}</p>"))
	f.create(other)
	f.waitReady(other)
	if got := f.simObject("email-templates", "verify_email")["body"]; got != "<p>Verify {{ url }}</p>" {
		t.Errorf("the refused template wrote to Auth0: %v", got)
	}

	// The template name cannot change: the API server refuses it.
	err := f.refusedUpdate(first, func() { first.Spec.Template = "welcome_email" })
	if !strings.Contains(err.Error(), "template cannot be changed") {
		t.Errorf("refusal %v", err)
	}

	// Orphan leaves the template as it is; the refused object then takes over.
	f.update(first, func() { first.Spec.DeletionPolicy = v1alpha1.DeletionOrphan })
	f.waitReady(first)
	f.delete(first)
	f.waitGone(first)
	f.waitReady(dup)
	if got := f.simObject("email-templates", "verify_email")["body"]; got != "<p>Other</p>" {
		t.Errorf("body after takeover: %v", got)
	}
}

func TestEmailTemplateExistingIsNotSilentlyAdopted(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	if _, aerr := f.sim.CreateObject("email-templates", auth0sim.Object{"template": "blocked_account",
		"body": "<p>dashboard</p>", "from": "a@example.com", "subject": "Blocked", "enabled": true}); aerr != nil {
		t.Fatal(aerr)
	}
	body := "<p>from Git</p>"
	et := emailTemplate(f, "blocked", "blocked_account", v1alpha1.TextSource{Inline: &body})
	f.create(et)
	c := f.waitCondition(et, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	if !strings.Contains(c.Message, "blocked_account") {
		t.Errorf("Stalled message %q", c.Message)
	}
	if got := f.simObject("email-templates", "blocked_account")["body"]; got != "<p>dashboard</p>" {
		t.Errorf("template overwritten before adoption: %v", got)
	}
	f.update(et, func() { et.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName })
	f.waitReady(et)
	if got := f.simObject("email-templates", "blocked_account")["body"]; got != body {
		t.Errorf("body after adoption: %v", got)
	}
}
