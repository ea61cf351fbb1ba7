package auth0sim

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
)

// The phone factor's settings through go-auth0 v3: defaults before any
// write, the Twilio token never answered, and the older /sms paths reading
// and writing the same settings as /phone.
func TestGuardianPhoneSettingsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	phone, sms := newMgmt(t, sim).Guardian.Factors.Phone, newMgmt(t, sim).Guardian.Factors.Sms

	p, err := phone.GetSelectedProvider(ctx)
	if err != nil || p.GetProvider() != management.GuardianFactorsProviderSmsProviderEnumAuth0 {
		t.Fatalf("default provider = %v, %v", p, err)
	}
	tpl, err := sms.GetTemplates(ctx)
	if err != nil || tpl.GetVerificationMessage() != "{{code}} is your verification code for {{tenant.friendly_name}}" {
		t.Fatalf("default templates = %v, %v", tpl, err)
	}
	if tw, err := phone.GetTwilioProvider(ctx); err != nil || tw.GetSid() != "" {
		t.Fatalf("twilio before any write = %v, %v", tw, err)
	}

	if _, err := phone.SetProvider(ctx, &management.SetGuardianFactorsProviderPhoneRequestContent{
		Provider: management.GuardianFactorsProviderSmsProviderEnumPhoneMessageHook}); err != nil {
		t.Fatal(err)
	}
	if p, err := sms.GetSelectedProvider(ctx); err != nil || p.GetProvider() != management.GuardianFactorsProviderSmsProviderEnumPhoneMessageHook {
		t.Errorf("provider read under /sms = %v, %v", p, err)
	}
	set, err := sms.SetTwilioProvider(ctx, &management.SetGuardianFactorsProviderSmsTwilioRequestContent{
		Sid: ptr("AC1"), From: ptr("+15550100"), AuthToken: ptr("token")})
	if err != nil || set.AuthToken != nil || set.GetSid() != "AC1" {
		t.Fatalf("twilio PUT answer = %v, %v", set, err)
	}
	if tw, err := phone.GetTwilioProvider(ctx); err != nil || tw.AuthToken != nil || tw.GetFrom() != "+15550100" {
		t.Errorf("twilio read under /phone = %v, %v", tw, err)
	}
	if _, err := phone.SetTemplates(ctx, &management.SetGuardianFactorPhoneTemplatesRequestContent{
		EnrollmentMessage: "enroll {{code}}", VerificationMessage: "verify {{code}}"}); err != nil {
		t.Fatal(err)
	}
	if tpl, err := sms.GetTemplates(ctx); err != nil || tpl.GetEnrollmentMessage() != "enroll {{code}}" {
		t.Errorf("templates read under /sms = %v, %v", tpl, err)
	}
}

// Duo settings: PUT replaces, PATCH merges, skey never answered.
func TestGuardianDuoSettingsWithSDK(t *testing.T) {
	ctx := context.Background()
	duo := newMgmt(t, NewServer(t, Options{})).Guardian.Factors.Duo.Settings
	if d, err := duo.Get(ctx); err != nil || d.Ikey != nil || d.Host != nil {
		t.Fatalf("before any write = %v, %v", d, err)
	}
	set, err := duo.Set(ctx, &management.SetGuardianFactorDuoSettingsRequestContent{Ikey: ptr("DIX"), Skey: ptr("s"), Host: ptr("api-1.duosecurity.com")})
	if err != nil || set.Skey != nil || set.GetIkey() != "DIX" {
		t.Fatalf("PUT answer = %v, %v", set, err)
	}
	upd, err := duo.Update(ctx, &management.UpdateGuardianFactorDuoSettingsRequestContent{Host: ptr("api-2.duosecurity.com")})
	if err != nil || upd.Skey != nil || upd.GetIkey() != "DIX" || upd.GetHost() != "api-2.duosecurity.com" {
		t.Fatalf("PATCH answer = %v, %v", upd, err)
	}
	if d, err := duo.Get(ctx); err != nil || d.Skey != nil || d.GetHost() != "api-2.duosecurity.com" {
		t.Errorf("GET after PATCH = %v, %v", d, err)
	}
}

// Push providers' PATCH merges into what a PUT stored and answers like the
// PUT, without the secrets (SNS's PUT alone echoes its secret).
func TestGuardianPushProviderPatch(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := "/api/v2/guardian/factors/push-notification/providers/"
	for _, tc := range []struct {
		method, provider, body string
		want                   map[string]any
	}{
		{"PUT", "sns", `{"aws_access_key_id":"id","aws_secret_access_key":"k","aws_region":"us-west-1"}`,
			map[string]any{"aws_access_key_id": "id", "aws_secret_access_key": "k", "aws_region": "us-west-1"}},
		{"PATCH", "sns", `{"aws_region":"eu-west-1","aws_secret_access_key":"k2"}`,
			map[string]any{"aws_access_key_id": "id", "aws_region": "eu-west-1"}},
		{"GET", "sns", ``, map[string]any{"aws_access_key_id": "id", "aws_region": "eu-west-1"}},
		{"PATCH", "apns", `{"bundle_id":"com.example","p12":"p"}`, map[string]any{"bundle_id": "com.example"}},
		{"GET", "apns", ``, map[string]any{"bundle_id": "com.example", "enabled": true}},
		{"PATCH", "fcm", `{"server_key":"k"}`, map[string]any{}},
		{"PUT", "fcmv1", `{"server_credentials":"c"}`, map[string]any{}},
		{"PATCH", "fcmv1", `{"server_credentials":"c2"}`, map[string]any{}},
	} {
		code, got := callSim(t, s, tc.method, base+tc.provider, tc.body)
		if code != http.StatusOK {
			t.Errorf("%s %s: %d %v", tc.method, tc.provider, code, got)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s %s (-want +got):\n%s", tc.method, tc.provider, d)
		}
	}
}
