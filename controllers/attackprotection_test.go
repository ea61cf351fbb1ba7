package controllers_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func fullAttackProtection(f *fixture, name string) *v1alpha1.AttackProtection {
	return &v1alpha1.AttackProtection{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.AttackProtectionSpec{ManagedSpec: f.ref(),
			BruteForceProtection: &v1alpha1.BruteForceProtection{Enabled: valPtr(true), Shields: []string{"block", "user_notification"},
				Mode: "count_per_identifier", MaxAttempts: valPtr[int32](5), AllowList: []string{"10.0.0.0/8"}},
			SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{Enabled: valPtr(true), Shields: []string{"block", "admin_notification"},
				AllowList:           []string{"192.0.2.10"},
				PreLogin:            &v1alpha1.ThrottleStage{MaxAttempts: valPtr[int32](50), Rate: &metav1.Duration{Duration: 30 * time.Minute}},
				PreUserRegistration: &v1alpha1.ThrottleStage{MaxAttempts: valPtr[int32](20), Rate: &metav1.Duration{Duration: 2 * time.Second}}},
			BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{Enabled: valPtr(true), Method: "standard",
				Shields: []string{"block", "admin_notification"}, AdminNotificationFrequency: []string{"daily", "weekly"},
				PreUserRegistrationShields: []string{"block"}}},
	}
}

func protectionSetting(f *fixture, name string) auth0sim.Object {
	f.t.Helper()
	return f.simObject("attack-protection", name)
}

// All three sections reach Auth0; shields Auth0 reorders are not drift, a shield removed in
// the dashboard is; deleting the object leaves the tenant's protection as it is.
func TestAttackProtectionAllSections(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ap := fullAttackProtection(f, "prod")
	f.create(ap)
	f.waitReady(ap)

	bf := protectionSetting(f, "brute-force-protection")
	if bf["mode"] != "count_per_identifier" || bf["max_attempts"] != float64(5) || fmt.Sprint(bf["allowlist"]) != "[10.0.0.0/8]" {
		t.Errorf("brute-force protection: %v", bf)
	}
	ip := protectionSetting(f, "suspicious-ip-throttling")
	stage := ip["stage"].(map[string]any)
	if fmt.Sprint(stage["pre-login"]) != "map[max_attempts:50 rate:1.8e+06]" ||
		fmt.Sprint(stage["pre-user-registration"]) != "map[max_attempts:20 rate:2000]" || stage["pre-custom-token-exchange"] == nil {
		t.Errorf("suspicious IP throttling stages: %v", stage)
	}
	bp := protectionSetting(f, "breached-password-detection")
	if bp["enabled"] != true || strs(bp["admin_notification_frequency"])[0] != "daily" ||
		fmt.Sprint(bp["stage"].(map[string]any)["pre-user-registration"]) != "map[shields:[block]]" {
		t.Errorf("breached password detection: %v", bp)
	}

	// Auth0 answers shields in any order: not drift.
	patches := f.calls("PATCH /api/v2/attack-protection/brute-force-protection")
	f.sim.PatchObject("attack-protection", "brute-force-protection", auth0sim.Object{"shields": []any{"user_notification", "block"}})
	f.waitObservedAgain(ap, 2*time.Second)
	if n := f.calls("PATCH /api/v2/attack-protection/brute-force-protection"); n != patches {
		t.Errorf("reordered shields caused %d patches", n-patches)
	}

	// A shield removed in the dashboard is drift: only its section is patched back.
	others := f.calls("PATCH /api/v2/attack-protection/suspicious-ip-throttling")
	f.sim.PatchObject("attack-protection", "brute-force-protection", auth0sim.Object{"shields": []any{"block"}})
	if note := f.waitEvent("prod", "DriftDetected"); !strings.Contains(note, "brute-force-protection.shields") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		s := strs(protectionSetting(f, "brute-force-protection")["shields"])
		return len(s) == 2, fmt.Sprintf("shields = %v", s)
	})
	if n := f.calls("PATCH /api/v2/attack-protection/suspicious-ip-throttling"); n != others {
		t.Errorf("correcting brute-force protection patched suspicious-IP throttling %d times", n-others)
	}

	// A second object for the tenant waits for a human.
	second := fullAttackProtection(f, "second")
	f.create(second)
	f.waitCondition(second, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	f.delete(second)
	f.waitGone(second)

	before := map[string]auth0sim.Object{}
	for _, n := range []string{"brute-force-protection", "suspicious-ip-throttling", "breached-password-detection"} {
		before[n] = protectionSetting(f, n)
	}
	writes := f.writes()
	f.get(ap)
	f.delete(ap)
	f.waitGone(ap)
	if w := f.writes(); w != writes {
		t.Errorf("deleting AttackProtection wrote %d times", w-writes)
	}
	for n, b := range before {
		if a := protectionSetting(f, n); !reflect.DeepEqual(a, b) {
			t.Errorf("%s changed by the deletion:\nbefore %v\nafter  %v", n, b, a)
		}
	}
}

// A section that is not set is neither read nor written.
func TestAttackProtectionUnsetSectionsLeftAlone(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ip := protectionSetting(f, "suspicious-ip-throttling")
	ap := &v1alpha1.AttackProtection{
		ObjectMeta: metav1.ObjectMeta{Name: "bf-only", Namespace: f.ns},
		Spec: v1alpha1.AttackProtectionSpec{ManagedSpec: f.ref(),
			BruteForceProtection: &v1alpha1.BruteForceProtection{MaxAttempts: valPtr[int32](3)}},
	}
	f.create(ap)
	f.waitReady(ap)
	if bf := protectionSetting(f, "brute-force-protection"); bf["max_attempts"] != float64(3) || bf["mode"] != "count_per_identifier_and_ip" {
		t.Errorf("brute-force protection: %v", bf)
	}
	for _, n := range []string{"suspicious-ip-throttling", "breached-password-detection"} {
		if c := f.calls("GET /api/v2/attack-protection/"+n) + f.calls("PATCH /api/v2/attack-protection/"+n); c != 0 {
			t.Errorf("%s: %d calls for a section not set", n, c)
		}
	}
	if now := protectionSetting(f, "suspicious-ip-throttling"); !reflect.DeepEqual(now, ip) {
		t.Errorf("suspicious-IP throttling changed: %v", now)
	}

	// Invalid shields are refused at apply time.
	bad := &v1alpha1.AttackProtection{ObjectMeta: metav1.ObjectMeta{Name: "bad", Namespace: f.ns},
		Spec: v1alpha1.AttackProtectionSpec{ManagedSpec: f.ref(),
			BruteForceProtection: &v1alpha1.BruteForceProtection{Shields: []string{"admin_notification"}}}}
	if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "shields") {
		t.Errorf("brute-force admin_notification shield: err = %v", err)
	}
}

// ObserveOnly reports a section that differs and writes nothing.
func TestAttackProtectionObserveOnly(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ap := &v1alpha1.AttackProtection{
		ObjectMeta: metav1.ObjectMeta{Name: "observe", Namespace: f.ns},
		Spec: v1alpha1.AttackProtectionSpec{ManagedSpec: f.ref(),
			BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{Method: "standard"}},
	}
	ap.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	f.create(ap)
	f.waitReady(ap)
	writes := f.writes()
	f.sim.PatchObject("attack-protection", "breached-password-detection", auth0sim.Object{"method": "enhanced"})
	c := f.waitCondition(ap, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "breached-password-detection.method") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}
}
