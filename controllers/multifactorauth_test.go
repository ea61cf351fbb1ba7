package controllers_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func multiFactorAuth(f *fixture, name string, set func(*v1alpha1.MultiFactorAuthSpec)) *v1alpha1.MultiFactorAuth {
	m := &v1alpha1.MultiFactorAuth{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.MultiFactorAuthSpec{ManagedSpec: f.ref()}}
	if set != nil {
		set(&m.Spec)
	}
	return m
}

// guardian is the simulator's stored Guardian setting ("factor/otp", "policies", ...); nil
// until written.
func guardian(f *fixture, id string) auth0sim.Object {
	o, _ := f.sim.Object("guardian", id)
	return o
}

// guardianAll is every stored Guardian setting, to compare before and after.
func guardianAll(f *fixture) []auth0sim.Object { return f.sim.Objects("guardian") }

// The seed scenario: SMS through the custom provider (the send-phone-message Action), for
// all applications, with OTP and recovery codes. MFA writes only what it sets, corrects the
// dashboard's changes, writes a rotated Duo key as an update (not drift, never shown), and
// leaves MFA as it is when deleted; a new object equal to Auth0 adopts with no write.
func TestMultiFactorAuthLifecycle(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "duo", Namespace: f.ns},
		StringData: map[string]string{"skey": "duo-first-secret-value"}})
	m := multiFactorAuth(f, "prod", func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Policy = "all-applications"
		s.Factors = &v1alpha1.MFAFactors{Phone: valPtr(true), OTP: valPtr(true), RecoveryCode: valPtr(true)}
		s.Phone = &v1alpha1.MFAPhone{Provider: "phone-message-hook", MessageTypes: []string{"sms"},
			Templates: &v1alpha1.MFAPhoneTemplates{VerificationMessage: "{{code}} is your code for {{application.name}}"}}
		s.Duo = &v1alpha1.MFADuo{IntegrationKey: "DIXXX", Hostname: "api-1.duosecurity.com",
			SecretKey: v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "duo", Key: "skey"}}}
	})
	f.create(m)
	f.waitReady(m)
	if m.Status.ID != "guardian" {
		t.Errorf("status.id = %q", m.Status.ID)
	}
	for id, want := range map[string]any{"factor/sms": true, "factor/otp": true, "factor/recovery-code": true} {
		if guardian(f, id)["enabled"] != want {
			t.Errorf("%s = %v", id, guardian(f, id))
		}
	}
	if o := guardian(f, "factor/email"); o != nil {
		t.Errorf("a factor the spec leaves out was written: %v", o)
	}
	if p := guardian(f, "phone-selected-provider"); p["provider"] != "phone-message-hook" {
		t.Errorf("phone provider %v", p)
	}
	if d := guardian(f, "duo-settings"); d["skey"] != "duo-first-secret-value" {
		t.Errorf("duo key not written with Duo's first configuration: %v", d)
	}

	// The dashboard disables OTP: drift, reported and corrected.
	f.sim.PatchObject("guardian", "factor/otp", auth0sim.Object{"enabled": false})
	if note := f.waitEvent("prod", "DriftDetected"); !strings.Contains(note, "factors.otp") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		return guardian(f, "factor/otp")["enabled"] == true, "factors.otp not corrected"
	})

	// A rotated Duo key is an update made in Kubernetes: written, never shown, not drift.
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "duo", Namespace: f.ns}}
	f.update(sec, func() { sec.Data = map[string][]byte{"skey": []byte("duo-rotated-secret-value")} })
	f.eventually(func() (bool, string) {
		return guardian(f, "duo-settings")["skey"] == "duo-rotated-secret-value", "rotated Duo key not written"
	})
	f.waitReady(m)
	raw, _ := json.Marshal(m.Status)
	for _, s := range append(f.events(), string(raw)) {
		if strings.Contains(s, "duo-first-secret-value") || strings.Contains(s, "duo-rotated-secret-value") {
			t.Errorf("a secret value reached status or an Event: %s", s)
		}
		if strings.Contains(s, "DriftDetected") && strings.Contains(s, "skey") {
			t.Errorf("the Secret change was reported as drift: %s", s)
		}
	}

	// Deleting the object writes nothing: MFA stays as it is.
	before, writes := guardianAll(f), f.writes()
	f.get(m)
	f.delete(m)
	f.waitGone(m)
	if w := f.writes(); w != writes {
		t.Errorf("deleting MultiFactorAuth wrote %d times", w-writes)
	}
	if after := guardianAll(f); !reflect.DeepEqual(before, after) {
		t.Errorf("MFA changed by the deletion:\nbefore %v\nafter  %v", before, after)
	}

	// A new object whose spec is what Auth0 has adopts with no write.
	again := multiFactorAuth(f, "again", func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Policy = "all-applications"
		s.Factors = &v1alpha1.MFAFactors{Phone: valPtr(true), Email: valPtr(false)}
		s.Phone = &v1alpha1.MFAPhone{Provider: "phone-message-hook"}
	})
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes {
		t.Errorf("adopting MFA equal to the spec wrote %d times", w-writes)
	}
}

// Impossible combinations are refused at apply time; a provider without its factor is not.
// ObserveOnly reports without writing. Auth0's refusal reaches Stalled verbatim.
func TestMultiFactorAuthValidationObserveOnlyAndAuth0Error(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	for name, c := range map[string]struct {
		set func(*v1alpha1.MultiFactorAuthSpec)
		msg string
	}{
		"twilio-without-secret": {func(s *v1alpha1.MultiFactorAuthSpec) { s.Phone = &v1alpha1.MFAPhone{Provider: "twilio"} },
			"spec.phone.provider twilio needs spec.phone.twilio"},
		"sns-without-secret": {func(s *v1alpha1.MultiFactorAuthSpec) { s.Push = &v1alpha1.MFAPush{Provider: "sns"} },
			"spec.push.provider sns needs spec.push.sns"},
		"confidence-without-factor": {func(s *v1alpha1.MultiFactorAuthSpec) {
			s.Policy, s.Factors = "confidence-score", &v1alpha1.MFAFactors{Email: valPtr(false)}
		}, "confidence-score needs spec.factors to enable at least one factor"},
		"unknown-policy": {func(s *v1alpha1.MultiFactorAuthSpec) { s.Policy = "sometimes" }, "spec.policy"},
		"fax":            {func(s *v1alpha1.MultiFactorAuthSpec) { s.Phone = &v1alpha1.MFAPhone{MessageTypes: []string{"fax"}} }, "spec.phone.messageTypes"},
	} {
		err := env.Client.Create(f.ctx, multiFactorAuth(f, name, c.set), client.DryRunAll)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err = %v; want %q", name, err, c.msg)
		}
	}
	fine := multiFactorAuth(f, "provider-only", func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Phone, s.Policy = &v1alpha1.MFAPhone{Provider: "phone-message-hook"}, "confidence-score"
	})
	if err := env.Client.Create(f.ctx, fine, client.DryRunAll); err != nil {
		t.Errorf("a provider without the phone factor, confidence-score without a factor list: %v", err)
	}

	m := multiFactorAuth(f, "observe", func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Policy, s.ManagementPolicy = "all-applications", v1alpha1.ManagementObserveOnly
	})
	writes := f.writes()
	f.create(m)
	c := f.waitCondition(m, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "policies") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	// Under Manage, Auth0 refuses the template: its message, verbatim, in Stalled.
	const refusal = "Payload validation error: the verification_message must contain {{code}}"
	f.sim.RefuseGuardianWrites("phone-templates", refusal)
	f.update(m, func() {
		m.Spec.ManagementPolicy = v1alpha1.ManagementManage
		m.Spec.Phone = &v1alpha1.MFAPhone{Templates: &v1alpha1.MFAPhoneTemplates{VerificationMessage: "no code here"}}
	})
	stalled := f.waitCondition(m, v1alpha1.ConditionStalled, metav1.ConditionTrue, "")
	if !strings.Contains(stalled.Message, refusal) {
		t.Errorf("Stalled message %q does not carry Auth0's message", stalled.Message)
	}
	if s := f.kstatus(m); s != status.FailedStatus {
		t.Errorf("kstatus = %s, want Failed", s)
	}
	// Fixing the spec recovers.
	f.sim.RefuseGuardianWrites("phone-templates", "")
	f.update(m, func() { m.Spec.Phone.Templates.VerificationMessage = "{{code}} is your code" })
	f.waitReady(m)
	if tpl := guardian(f, "phone-templates"); tpl["verification_message"] != "{{code}} is your code" {
		t.Errorf("templates %v", tpl)
	}
}
