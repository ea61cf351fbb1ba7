package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func phoneTemplate(f *fixture, name, typ string) *v1alpha1.PhoneTemplate {
	return &v1alpha1.PhoneTemplate{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.PhoneTemplateSpec{ManagedSpec: f.ref(), Type: typ, Content: v1alpha1.PhoneTemplateContent{
			From: "+15550100",
			Body: v1alpha1.PhoneTemplateBody{
				Text:  &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "sms-texts", Key: "verify.txt"}},
				Voice: &v1alpha1.TextSource{Inline: ptr.To("Your code is {{ code }}")},
			}}},
	}
}

func (f *fixture) phoneBody(id, method string) any {
	c, _ := f.simObject("phone-templates", id)["content"].(map[string]any)
	b, _ := c["body"].(map[string]any)
	return b[method]
}

func TestPhoneTemplateConfigMapUpdateDriftDelete(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "sms-texts", Namespace: f.ns},
		Data: map[string]string{"verify.txt": "{{ code }} is your sign-in code"}}
	f.create(cm)
	pt := phoneTemplate(f, "verify", "otp_verify")
	pt.Spec.DeletionPolicy = v1alpha1.DeletionDelete
	f.create(pt)
	f.waitReady(pt)
	got := f.simObject("phone-templates", pt.Status.ID)
	if got["type"] != "otp_verify" || f.phoneBody(pt.Status.ID, "text") != "{{ code }} is your sign-in code" ||
		f.phoneBody(pt.Status.ID, "voice") != "Your code is {{ code }}" {
		t.Errorf("template in Auth0: %v", got)
	}

	// A ConfigMap change is an update, not drift.
	f.update(cm, func() { cm.Data["verify.txt"] = "{{ code }} is your new code" })
	f.eventually(func() (bool, string) {
		f.get(pt)
		return f.phoneBody(pt.Status.ID, "text") == "{{ code }} is your new code", fmt.Sprintf("new text not in Auth0: %v %+v %v", f.simObject("phone-templates", pt.Status.ID), pt.Status, f.events())
	})
	f.waitReady(pt)
	if pt.Status.Drift != nil {
		t.Errorf("a ConfigMap change was reported as drift: %+v", pt.Status.Drift)
	}
	for _, e := range f.events() {
		if strings.Contains(e, "DriftCorrected") {
			t.Errorf("drift event for a ConfigMap change: %s", e)
		}
	}

	// A spec change is written (type is create-only and never sent on update).
	f.update(pt, func() { pt.Spec.Disabled = ptr.To(true) })
	f.eventually(func() (bool, string) {
		return f.simObject("phone-templates", pt.Status.ID)["disabled"] == true, "disabled not written"
	})

	// An edit in Auth0 is drift, corrected.
	f.sim.PatchObject("phone-templates", pt.Status.ID, auth0sim.Object{"content": map[string]any{"from": "+19990000"}})
	f.eventually(func() (bool, string) {
		c, _ := f.simObject("phone-templates", pt.Status.ID)["content"].(map[string]any)
		return c["from"] == "+15550100", "from not corrected"
	})
	if note := f.waitEvent("verify", "DriftCorrected"); !strings.Contains(note, "content.from") {
		t.Errorf("DriftCorrected note %q", note)
	}

	// deletionPolicy Delete deletes the template (Auth0 answers 204).
	id := pt.Status.ID
	f.delete(pt)
	f.waitGone(pt)
	if _, ok := f.sim.Object("phone-templates", id); ok {
		t.Error("template still in Auth0 after deleting with deletionPolicy Delete")
	}
}

// An existing template of a type is adopted only when asked, without a write; a second
// object for the type is refused; deleting the adopted one leaves the template.
func TestPhoneTemplateAdoptionAndOnePerType(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	if _, apiErr := f.sim.CreateObject("phone-templates", auth0sim.Object{"id": "tem_existing", "type": "otp_enroll",
		"channel": "phone", "disabled": false, "content": map[string]any{"syntax": "liquid",
			"body": map[string]any{"text": "Enroll: {{ code }}"}}}); apiErr != nil {
		t.Fatal(apiErr)
	}
	pt := phoneTemplate(f, "enroll", "otp_enroll")
	pt.Spec.Content = v1alpha1.PhoneTemplateContent{Body: v1alpha1.PhoneTemplateBody{Text: &v1alpha1.TextSource{Inline: ptr.To("Enroll: {{ code }}")}}}
	f.create(pt)
	f.waitCondition(pt, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	f.update(pt, func() { pt.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName })
	f.waitReady(pt)
	if pt.Status.ID != "tem_existing" || f.writes() != 0 {
		t.Fatalf("status id %q, %d writes", pt.Status.ID, f.writes())
	}

	second := phoneTemplate(f, "enroll-2", "otp_enroll")
	second.Spec.Content.Body.Text = &v1alpha1.TextSource{Inline: ptr.To("other")}
	f.create(second)
	c := f.waitCondition(second, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, "otp_enroll") {
		t.Errorf("AlreadyManaged message %q", c.Message)
	}
	f.delete(second)
	f.waitGone(second)
	f.delete(pt)
	f.waitGone(pt)
	if _, ok := f.sim.Object("phone-templates", "tem_existing"); !ok || f.writes() != 0 {
		t.Errorf("adopted template deleted (%v) or written (%d)", !ok, f.writes())
	}
}

func TestPhoneTemplateInvalidSpecsRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	for name, c := range map[string]struct {
		set func(*v1alpha1.PhoneTemplateSpec)
		msg string
	}{
		"unknown-type": {func(s *v1alpha1.PhoneTemplateSpec) { s.Type = "welcome" }, "spec.type"},
		"no-body":      {func(s *v1alpha1.PhoneTemplateSpec) { s.Content.Body = v1alpha1.PhoneTemplateBody{} }, "content.body needs text, voice or both"},
		"both-sources": {func(s *v1alpha1.PhoneTemplateSpec) {
			s.Content.Body.Voice.ConfigMapKeyRef = s.Content.Body.Text.ConfigMapKeyRef
		},
			"set exactly one of inline and configMapKeyRef"},
		"long-from": {func(s *v1alpha1.PhoneTemplateSpec) { s.Content.From = "+1555010012345678" }, "spec.content.from"},
	} {
		pt := phoneTemplate(f, name, "otp_verify")
		c.set(&pt.Spec)
		if err := env.Client.Create(f.ctx, pt, client.DryRunAll); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err = %v; want %q", name, err, c.msg)
		}
	}
	pt := phoneTemplate(f, "typed", "password_breach")
	f.create(pt)
	if err := f.refusedUpdate(pt, func() { pt.Spec.Type = "otp_verify" }); err == nil || !strings.Contains(err.Error(), "type cannot be changed") {
		t.Errorf("changing the type: %v", err)
	}
}
