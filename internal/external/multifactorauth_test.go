package external

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// mfaSpec is a MultiFactorAuth in namespace team whose secrets come from the Secret "secrets".
func mfaSpec(set func(*v1alpha1.MultiFactorAuthSpec)) *v1alpha1.MultiFactorAuth {
	m := &v1alpha1.MultiFactorAuth{}
	m.Name, m.Namespace = "mfa", "team"
	set(&m.Spec)
	return m
}

func secretRef(key string) v1alpha1.SecretValueSource {
	return v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "secrets", Key: key}}
}

// guardian is the simulator's stored Guardian setting id ("factor/sms", "duo-settings", ...).
func (f *simTenant) guardian(id string) map[string]any {
	o, _ := f.sim.Object("guardian", id)
	return o
}

// The first sync writes what the spec sets and nothing else: factors it leaves out are not
// written, the template it leaves out keeps Auth0's text, and Duo's secret key goes with the
// first configuration of Duo.
func TestMultiFactorAuthWritesOnlyWhatTheSpecSets(t *testing.T) {
	f := newSimTenant(t)
	ctx := context.Background()
	kube := secretsReader(t, map[string]string{"duo.skey": "duo-secret"})
	x := NewMultiFactorAuth(kube)
	m := mfaSpec(func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Policy = "all-applications"
		s.Factors = &v1alpha1.MFAFactors{Phone: ptr(true), OTP: ptr(true), RecoveryCode: ptr(true), Email: ptr(false)}
		s.Phone = &v1alpha1.MFAPhone{Provider: "phone-message-hook", MessageTypes: []string{"sms"},
			Templates: &v1alpha1.MFAPhoneTemplates{VerificationMessage: "{{code}} is your code for {{application.name}}"}}
		s.Duo = &v1alpha1.MFADuo{IntegrationKey: "DIXXX", Hostname: "api-1.duosecurity.com", SecretKey: secretRef("duo.skey")}
	})

	obs, err := x.Observe(ctx, f.c, m, multiFactorAuthID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"duo.host", "duo.ikey", "duo.skey", "factors.otp", "factors.recovery-code", "factors.sms",
		"phone.provider", "phone.templates.verification_message", "policies"}
	if d := cmp.Diff(want, obs.Diff); d != "" {
		t.Fatalf("diff of a new tenant (-want +got):\n%s", d)
	}
	if !cmp.Equal(obs.Changed, []string{"duo.skey"}) {
		t.Errorf("changed %v: Duo's key is due (Auth0 has no Duo yet), and is not drift", obs.Changed)
	}
	if _, shown := obs.Values["duo.skey"]; shown || obs.Values["phone.provider"].Want != "phone-message-hook" {
		t.Errorf("values %v: the secret is never shown, the provider is", obs.Values)
	}
	if err := x.Update(ctx, f.c, m, multiFactorAuthID, obs); err != nil {
		t.Fatal(err)
	}
	if n := f.count("PUT /api/v2/guardian/factors/{name}"); n != 3 {
		t.Errorf("%d factor writes; want 3 (email already disabled, the others not in the spec)", n)
	}
	for _, name := range []string{"push-notification", "webauthn-roaming", "duo", "email"} {
		if o := f.guardian("factor/" + name); o != nil {
			t.Errorf("factor %s written: %v", name, o)
		}
	}
	if tpl := f.guardian("phone-templates"); !strings.HasPrefix(tpl["enrollment_message"].(string), "{{code}} is your verification code") ||
		tpl["verification_message"] != "{{code}} is your code for {{application.name}}" {
		t.Errorf("templates %v: the unset one keeps Auth0's text", tpl)
	}
	if d := f.guardian("duo-settings"); d["skey"] != "duo-secret" || d["ikey"] != "DIXXX" {
		t.Errorf("duo settings %v", d)
	}
	if p := f.guardian("policies"); !cmp.Equal(p["policies"], []any{"all-applications"}) {
		t.Errorf("policies %v", p)
	}
	obs, err = x.Observe(ctx, f.c, m, multiFactorAuthID)
	if err != nil || !obs.UpToDate {
		t.Fatalf("after the update: diff %v, err %v", obs.Diff, err)
	}
}

// Duo's secret key goes out when its Secret changes, and only then: a host edited in the
// dashboard is corrected with a PATCH that carries the host alone.
func TestMultiFactorAuthSecretsOnlyWhenChanged(t *testing.T) {
	f := newSimTenant(t)
	ctx := context.Background()
	m := mfaSpec(func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Duo = &v1alpha1.MFADuo{IntegrationKey: "DIXXX", Hostname: "api-1.duosecurity.com", SecretKey: secretRef("duo.skey")}
	})
	kube := secretsReader(t, map[string]string{"duo.skey": "first"})
	x := NewMultiFactorAuth(kube)
	sync := func() []string {
		t.Helper()
		obs, err := x.Observe(ctx, f.c, m, multiFactorAuthID)
		if err != nil {
			t.Fatal(err)
		}
		if !obs.UpToDate {
			if err := x.Update(ctx, f.c, m, multiFactorAuthID, obs); err != nil {
				t.Fatal(err)
			}
		}
		recordInputs(m, obs)
		return obs.Diff
	}
	sync()
	if d := sync(); d != nil {
		t.Fatalf("second sync: diff %v", d)
	}

	sec := &corev1.Secret{}
	if err := kube.Get(ctx, client.ObjectKey{Namespace: "team", Name: "secrets"}, sec); err != nil {
		t.Fatal(err)
	}
	sec.Data["duo.skey"] = []byte("rotated")
	if err := kube.Update(ctx, sec); err != nil {
		t.Fatal(err)
	}
	if d := sync(); !cmp.Equal(d, []string{"duo.skey"}) {
		t.Errorf("rotated Secret: diff %v", d)
	}
	if d := cmp.Diff(map[string]any{"skey": "rotated"}, f.lastBody(t)); d != "" {
		t.Errorf("rotation PATCH (-want +got):\n%s", d)
	}

	f.sim.PatchObject("guardian", "duo-settings", map[string]any{"host": "api-2.duosecurity.com"})
	if d := sync(); !cmp.Equal(d, []string{"duo.host"}) {
		t.Errorf("dashboard edit: diff %v", d)
	}
	if d := cmp.Diff(map[string]any{"host": "api-1.duosecurity.com"}, f.lastBody(t)); d != "" {
		t.Errorf("correction PATCH carries a secret that did not change (-want +got):\n%s", d)
	}
}

// Twilio's settings are replaced as a whole (PUT only): a write carries the auth token too.
// The policy "never" is Auth0's empty list.
func TestMultiFactorAuthTwilioAndNever(t *testing.T) {
	f := newSimTenant(t)
	ctx := context.Background()
	x := NewMultiFactorAuth(secretsReader(t, map[string]string{"twilio": "tok"}))
	m := mfaSpec(func(s *v1alpha1.MultiFactorAuthSpec) {
		s.Policy = "never"
		s.Phone = &v1alpha1.MFAPhone{Provider: "twilio", Twilio: &v1alpha1.MFATwilio{SID: "AC1", From: "+15550100", AuthToken: secretRef("twilio")}}
	})
	if _, err := f.c.API().Guardian.Policies.Set(ctx, management.SetGuardianPoliciesRequestContent{management.MfaPolicyEnumAllApplications}); err != nil {
		t.Fatal(err)
	}
	obs, err := x.Observe(ctx, f.c, m, multiFactorAuthID)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Update(ctx, f.c, m, multiFactorAuthID, obs); err != nil {
		t.Fatal(err)
	}
	if tw := f.guardian("phone-twilio"); tw["auth_token"] != "tok" || tw["sid"] != "AC1" {
		t.Errorf("twilio %v", tw)
	}
	if p := f.guardian("policies"); !cmp.Equal(p["policies"], []any{}) {
		t.Errorf("policies %v; want [] for never", p)
	}
	if p := f.guardian("phone-selected-provider"); p["provider"] != "twilio" {
		t.Errorf("provider %v", p)
	}
}

// A spec that sets only the policy reads only the policy: the factors are not managed.
func TestMultiFactorAuthReadsOnlyWhatTheSpecSets(t *testing.T) {
	f := newSimTenant(t)
	x := NewMultiFactorAuth(secretsReader(t, nil))
	m := mfaSpec(func(s *v1alpha1.MultiFactorAuthSpec) { s.Policy = "all-applications" })
	var err error
	readOnly(t, f.c, func() { _, err = x.Observe(context.Background(), f.c, m, multiFactorAuthID) })
	if err != nil {
		t.Fatal(err)
	}
	var reads []string
	for route, n := range f.sim.Stats().Calls {
		if strings.Contains(route, "guardian") && n > 0 {
			reads = append(reads, route)
		}
	}
	if !slices.Equal(reads, []string{"GET /api/v2/guardian/policies"}) {
		t.Errorf("reads %v", reads)
	}
}
