package controllers_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func botAndCaptcha(f *fixture, name string) *v1alpha1.AttackProtection {
	return &v1alpha1.AttackProtection{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.AttackProtectionSpec{ManagedSpec: f.ref(),
			BotDetection: &v1alpha1.BotDetection{BotDetectionLevel: "high", ChallengePasswordPolicy: "when_risky",
				ChallengePasswordlessPolicy: "always", AllowList: []string{"192.0.2.0/24"}, MonitoringModeEnabled: valPtr(true)},
			Captcha: &v1alpha1.Captcha{ActiveProviderID: "recaptcha_v2",
				RecaptchaV2: &v1alpha1.CaptchaSiteSecret{SiteKey: "site-key-v2",
					SecretRef: v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "captcha", Key: "v2"}}}},
			BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{PreChangePasswordShields: []string{"block"}}},
	}
}

// Bot detection and CAPTCHA reach Auth0, the provider's secret only from its Secret: written
// with the provider, never shown; a rotated Secret is written as an update (not drift); a
// changed level in the dashboard is drift, corrected; a new object equal to Auth0 adopts
// without a write.
func TestAttackProtectionBotDetectionAndCaptcha(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "captcha", Namespace: f.ns},
		StringData: map[string]string{"v2": "recaptcha-first-secret"}})
	ap := botAndCaptcha(f, "bots")
	f.create(ap)
	f.waitReady(ap)

	bd := protectionSetting(f, "bot-detection")
	if bd["bot_detection_level"] != "high" || bd["challenge_passwordless_policy"] != "always" ||
		bd["challenge_password_reset_policy"] != "never" || bd["monitoring_mode_enabled"] != true {
		t.Errorf("bot detection: %v", bd)
	}
	captcha := protectionSetting(f, "captcha")
	if v2, _ := captcha["recaptcha_v2"].(map[string]any); captcha["active_provider_id"] != "recaptcha_v2" ||
		v2["site_key"] != "site-key-v2" || v2["secret"] != "recaptcha-first-secret" {
		t.Errorf("captcha: %v", captcha)
	}
	bp := protectionSetting(f, "breached-password-detection")
	if stage := bp["stage"].(map[string]any); fmt.Sprint(stage["pre-change-password"]) != "map[shields:[block]]" {
		t.Errorf("pre-change-password stage: %v", stage)
	}

	// The dashboard lowers the level: drift, reported and corrected.
	f.sim.PatchObject("attack-protection", "bot-detection", auth0sim.Object{"bot_detection_level": "low"})
	if note := f.waitEvent("bots", "DriftDetected"); !strings.Contains(note, "bot-detection.bot_detection_level") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		l := protectionSetting(f, "bot-detection")["bot_detection_level"]
		return l == "high", fmt.Sprintf("level %v", l)
	})

	// A rotated secret is written, as an update.
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "captcha", Namespace: f.ns}}
	f.update(sec, func() { sec.Data = map[string][]byte{"v2": []byte("recaptcha-rotated-secret")} })
	f.eventually(func() (bool, string) {
		v2, _ := protectionSetting(f, "captcha")["recaptcha_v2"].(map[string]any)
		return v2["secret"] == "recaptcha-rotated-secret", "rotated secret not written"
	})
	f.waitReady(ap)
	f.get(ap)
	raw, _ := json.Marshal(ap)
	for _, s := range append(f.events(), string(raw)) {
		if strings.Contains(s, "recaptcha-first-secret") || strings.Contains(s, "recaptcha-rotated-secret") {
			t.Errorf("a secret value reached the object or an Event: %s", s)
		}
		if strings.Contains(s, "DriftDetected") && strings.Contains(s, "secret") {
			t.Errorf("the Secret change was reported as drift: %s", s)
		}
	}

	// A new object equal to Auth0 adopts with no write.
	f.delete(ap)
	f.waitGone(ap)
	writes := f.writes()
	again := botAndCaptcha(f, "again")
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes {
		t.Errorf("adopting bot detection and CAPTCHA as they are wrote %d times", w-writes)
	}
}

// A plan without bot detection: Auth0's answer in a Stalled condition, no retry loop, and the
// other sections untouched by the refusal.
func TestAttackProtectionWithoutEntitlementStalls(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	f.sim.SetBotDetectionEntitled(false)
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "captcha", Namespace: f.ns},
		StringData: map[string]string{"v2": "recaptcha-secret"}})
	ap := botAndCaptcha(f, "unentitled")
	f.create(ap)
	c := f.waitCondition(ap, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInsufficientEntitlement)
	if !strings.Contains(c.Message, "Please upgrade your subscription to use bot detection") || !strings.Contains(c.Message, "bot-detection") {
		t.Errorf("Stalled message %q", c.Message)
	}
	// No retry: the reads stop once stalled. Wait past several drift intervals by watching the
	// status stay put while another object of the tenant is reconciled twice.
	reads := f.calls("GET /api/v2/attack-protection/bot-detection")
	other := &v1alpha1.TenantSettings{ObjectMeta: metav1.ObjectMeta{Name: "clock", Namespace: f.ns},
		Spec: v1alpha1.TenantSettingsSpec{ManagedSpec: f.ref(), FriendlyName: "Clock"}}
	f.create(other)
	f.waitReady(other)
	f.waitObservedAgain(other, 2*time.Second)
	f.waitObservedAgain(other, 2*time.Second)
	if n := f.calls("GET /api/v2/attack-protection/bot-detection") - reads; n != 0 {
		t.Errorf("a stalled object read bot detection %d more times", n)
	}
	if n := f.calls("PATCH /api/v2/attack-protection/captcha"); n != 0 {
		t.Errorf("captcha patched %d times on a plan without it", n)
	}
	f.noLeak(ap, "recaptcha-secret")
}
