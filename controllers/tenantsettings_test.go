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

func productionSettings(f *fixture, name string) *v1alpha1.TenantSettings {
	return &v1alpha1.TenantSettings{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.TenantSettingsSpec{ManagedSpec: f.ref(),
			FriendlyName: "Acme", SupportEmail: "support@example.com", SupportURL: "https://help.example.com",
			SessionLifetime: &metav1.Duration{Duration: 168 * time.Hour}, IdleSessionLifetime: &metav1.Duration{Duration: 72 * time.Hour},
			EnabledLocales: []string{"ja", "en"},
			Flags: &v1alpha1.TenantFlags{DisableClickjackProtectionHeaders: valPtr(false), RevokeRefreshTokenGrant: valPtr(true),
				EnableSSO: valPtr(true)},
			SessionCookie: &v1alpha1.SessionCookie{Mode: "non-persistent"},
			Sessions:      &v1alpha1.TenantSessions{OIDCLogoutPromptEnabled: valPtr(false)}},
	}
}

func tenantSettings(f *fixture) auth0sim.Object {
	f.t.Helper()
	if s, ok := f.sim.Object("tenants", "settings"); ok {
		return s
	}
	return nil
}

// TenantSettings patches only what it sets, corrects the dashboard's changes, admits one
// object per tenant, and leaves the settings as they are when deleted.
func TestTenantSettingsSingleton(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ts := productionSettings(f, "prod")
	f.create(ts)
	f.waitReady(ts)
	if ts.Status.ID != "settings" {
		t.Errorf("status.id = %q", ts.Status.ID)
	}
	s := tenantSettings(f)
	for k, want := range map[string]string{"friendly_name": "Acme", "support_email": "support@example.com",
		"session_lifetime": "168", "idle_session_lifetime": "72", "enabled_locales": "[ja en]",
		"session_cookie": "map[mode:non-persistent]", "sessions": "map[oidc_logout_prompt_enabled:false]",
		"sandbox_version": "22"} {
		if got := fmt.Sprint(s[k]); got != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	flags := s["flags"].(map[string]any)
	if flags["revoke_refresh_token_grant"] != true || flags["enable_sso"] != true || flags["disable_impersonation"] != true {
		t.Errorf("flags = %v (unset flags must keep Auth0's values)", flags)
	}

	// The dashboard changes the support email and the default locale: drift, corrected.
	f.sim.PatchObject("tenants", "settings", auth0sim.Object{"support_email": "x@evil.example.com", "enabled_locales": []any{"en", "ja"}})
	if note := f.waitEvent("prod", "DriftDetected"); !strings.Contains(note, "support_email") || !strings.Contains(note, "enabled_locales") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		s := tenantSettings(f)
		return s["support_email"] == "support@example.com" && fmt.Sprint(s["enabled_locales"]) == "[ja en]", fmt.Sprintf("settings %v", s)
	})

	// A second object for the same tenant is refused, naming the owner.
	second := productionSettings(f, "other")
	second.Spec.FriendlyName = "Other"
	f.create(second)
	c := f.waitCondition(second, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, f.ns+"/prod") {
		t.Errorf("AlreadyManaged message %q", c.Message)
	}
	if s := f.kstatus(second); s != "Failed" {
		t.Errorf("kstatus of the second = %s, want Failed", s)
	}

	// The owner goes: Auth0 keeps its settings; the second takes over.
	f.get(ts)
	f.delete(ts)
	f.waitGone(ts)
	f.waitEvent("prod", "Released")
	f.waitReady(second)
	if s := tenantSettings(f); s["friendly_name"] != "Other" {
		t.Errorf("friendly_name after takeover = %v", s["friendly_name"])
	}

	// The last object goes: nothing is written, the tenant stays as it was.
	before := tenantSettings(f)
	writes := f.writes()
	f.get(second)
	f.delete(second)
	f.waitGone(second)
	if w := f.writes(); w != writes {
		t.Errorf("deleting TenantSettings wrote %d times to Auth0", w-writes)
	}
	if after := tenantSettings(f); !reflect.DeepEqual(before, after) {
		t.Errorf("settings changed by the deletion:\nbefore %v\nafter  %v", before, after)
	}
}

func TestTenantSettingsValidationAndObserveOnly(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	bad := productionSettings(f, "bad")
	for _, typed := range []string{"revoke_refresh_token_grant", "enable_sso", "custom_domains_provisioning"} {
		bad.Spec.Flags.Passthrough = map[string]bool{typed: false}
		if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "typed field") {
			t.Errorf("typed flag %s in passthrough: err = %v", typed, err)
		}
	}

	ts := productionSettings(f, "observe")
	ts.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	writes := f.writes()
	f.create(ts)
	c := f.waitCondition(ts, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "friendly_name") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}
}
