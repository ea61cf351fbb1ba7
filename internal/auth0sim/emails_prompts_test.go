package auth0sim

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
)

func TestEmailTemplatesWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	welcome := management.EmailTemplateNameEnumWelcomeEmail
	// Never created: 404 on read and on PATCH.
	if _, err := m.EmailTemplates.Get(ctx, &welcome); statusOf(err) != 404 || errorBody(t, err)["errorCode"] != "inexistent_email_template" {
		t.Errorf("get before create: %v", err)
	}
	if _, err := m.EmailTemplates.Update(ctx, &welcome, &management.UpdateEmailTemplateRequestContent{Enabled: ptr(true)}); statusOf(err) != 404 {
		t.Errorf("patch before create: %v", err)
	}
	created, err := m.EmailTemplates.Create(ctx, &management.CreateEmailTemplateRequestContent{Template: welcome,
		Body: ptr("<html><body><h1>Welcome!</h1></body></html>"), From: ptr("welcome@example.com"), Subject: ptr("Welcome"),
		URLLifetimeInSeconds: ptr(3600.0), Enabled: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	if created.GetSyntax() != "liquid" || !created.GetIncludeEmailInRedirect() {
		t.Errorf("defaults: syntax %q includeEmailInRedirect %v", created.GetSyntax(), created.GetIncludeEmailInRedirect())
	}
	if _, err := m.EmailTemplates.Create(ctx, &management.CreateEmailTemplateRequestContent{Template: welcome}); statusOf(err) != 409 {
		t.Errorf("second create: %v, want 409", err)
	}
	upd, err := m.EmailTemplates.Update(ctx, &welcome, &management.UpdateEmailTemplateRequestContent{Template: &welcome, Enabled: ptr(false)})
	if err != nil || upd.GetEnabled() || upd.GetSubject() != "Welcome" {
		t.Errorf("patch: %+v %v", upd, err)
	}
	// PUT replaces the whole template (and creates one that is missing).
	reset := management.EmailTemplateNameEnumResetEmail
	set, err := m.EmailTemplates.Set(ctx, &reset, &management.SetEmailTemplateRequestContent{Template: reset, Body: ptr("b"), From: ptr("f@x"), Subject: ptr("s")})
	if err != nil || set.GetBody() != "b" {
		t.Fatalf("put: %v %v", set, err)
	}
	set, _ = m.EmailTemplates.Set(ctx, &reset, &management.SetEmailTemplateRequestContent{Template: reset, Body: ptr("b2")})
	if set.GetSubject() != "" || set.GetBody() != "b2" {
		t.Errorf("put did not replace: %+v", set)
	}
	tok := sim.MintToken("read:email_templates", "update:email_templates", "create:email_templates")
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/email-templates/no_such_template", tok, nil); code != 400 {
		t.Errorf("unknown template name: %d, want 400", code)
	}
	code, _, body := rawCall(t, sim, "PATCH", "/api/v2/email-templates/welcome_email", tok, map[string]any{"template": "reset_email"})
	if code != 400 {
		t.Errorf("template mismatch: %d %v", code, body)
	}
}

// Email-template writes draw from their own bucket (burst 5, 25/min on paid
// plans); reads only from the global one.
func TestEmailTemplateWriteBucket(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 5, 29, 10, 0, 0, 0, time.UTC))
	sim := NewServer(t, Options{Clock: clock, Profile: ProfileEnterpriseProduction})
	tok := sim.MintToken("read:email_templates", "update:email_templates", "create:email_templates")
	body := map[string]any{"template": "verify_email", "body": "x", "from": "a@b", "subject": "s", "syntax": "liquid"}
	for i := 0; i < 5; i++ {
		if code, _, b := rawCall(t, sim, "PUT", "/api/v2/email-templates/verify_email", tok, body); code != 200 {
			t.Fatalf("write %d: %d %v", i, code, b)
		}
	}
	code, h, _ := rawCall(t, sim, "PATCH", "/api/v2/email-templates/verify_email", tok, map[string]any{"enabled": true})
	if code != http.StatusTooManyRequests || h.Get("X-Ratelimit-Limit") != "5" {
		t.Errorf("sixth write: %d limit %s, want 429 from the bucket of 5", code, h.Get("X-Ratelimit-Limit"))
	}
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/email-templates/verify_email", tok, nil); code != 200 {
		t.Errorf("read after the write bucket is empty: %d", code)
	}
	clock.Advance(3 * time.Second) // 25/min: one token every 2.4s
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/email-templates/verify_email", tok, map[string]any{"enabled": true}); code != 200 {
		t.Errorf("write after refill: %d", code)
	}
}

func TestEmailProviderWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	fields := &management.GetEmailProviderRequestParameters{Fields: ptr("name,enabled,default_from_address,credentials,settings"), IncludeFields: ptr(true)}
	_, err := m.Emails.Provider.Get(ctx, fields)
	if d := cmp.Diff(map[string]any{"statusCode": 404.0, "error": "Not Found", "message": "There is not a configured email provider",
		"errorCode": "inexistent_email_provider"}, errorBody(t, err)); d != "" {
		t.Errorf("no provider (-want +got):\n%s", d)
	}
	p, err := m.Emails.Provider.Create(ctx, &management.CreateEmailProviderRequestContent{Name: "ses", Enabled: ptr(true),
		DefaultFromAddress: ptr("accounts@example.com"), Credentials: &management.EmailProviderCredentialsSchema{
			EmailProviderCredentialsSchemaAccessKeyID: &management.EmailProviderCredentialsSchemaAccessKeyID{
				AccessKeyID: ptr("AKIAXXXX"), SecretAccessKey: ptr("very-secret"), Region: ptr("us-east-1")}}})
	if err != nil {
		t.Fatal(err)
	}
	// Credentials are write-only: only the region comes back (TestAccEmail).
	tok := sim.MintToken("read:email_provider", "update:email_provider", "create:email_provider")
	_, _, body := rawCall(t, sim, "GET", "/api/v2/emails/provider", tok, nil)
	if d := cmp.Diff(map[string]any{"name": "ses", "enabled": true, "default_from_address": "accounts@example.com",
		"credentials": map[string]any{"region": "us-east-1"}}, body); d != "" {
		t.Errorf("provider (-want +got):\n%s", d)
	}
	if p.GetName() != "ses" {
		t.Errorf("create answer name %q", p.GetName())
	}
	if _, err := m.Emails.Provider.Create(ctx, &management.CreateEmailProviderRequestContent{Name: "mandrill",
		Credentials: &management.EmailProviderCredentialsSchema{EmailProviderCredentialsSchemaZero: &management.EmailProviderCredentialsSchemaZero{APIKey: "k"}}}); statusOf(err) != 409 {
		t.Errorf("second provider: %v, want 409", err)
	}
	// Switching provider replaces the credentials; smtp shows host, port, user.
	code, _, body := rawCall(t, sim, "PATCH", "/api/v2/emails/provider", tok, map[string]any{"name": "smtp",
		"credentials": map[string]any{"smtp_host": "example.com", "smtp_port": 984, "smtp_user": "bob", "smtp_pass": "secret"}})
	if d := cmp.Diff(map[string]any{"smtp_host": "example.com", "smtp_port": 984.0, "smtp_user": "bob"}, body.(map[string]any)["credentials"]); code != 200 || d != "" {
		t.Errorf("smtp credentials %d (-want +got):\n%s", code, d)
	}
	if stored, _ := sim.Object(emailsColl, emailProviderID); stored["credentials"].(map[string]any)["smtp_pass"] != "secret" {
		t.Errorf("the store lost the secret: %v", stored)
	}
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/emails/provider", tok, map[string]any{"name": "pigeon"}); code != 400 {
		t.Errorf("unknown provider: %d", code)
	}
	if err := m.Emails.Provider.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Emails.Provider.Delete(ctx); err != nil {
		t.Errorf("second delete: %v (Auth0 answers 204)", err)
	}
	if _, err := m.Emails.Provider.Update(ctx, &management.UpdateEmailProviderRequestContent{Enabled: ptr(false)}); statusOf(err) != 404 {
		t.Errorf("patch without provider: %v", err)
	}
}

func TestPromptsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	s, err := m.Prompts.GetSettings(ctx)
	if err != nil || s.GetUniversalLoginExperience() != "new" || s.GetIdentifierFirst() {
		t.Fatalf("settings: %+v %v", s, err)
	}
	upd, err := m.Prompts.UpdateSettings(ctx, &management.UpdateSettingsRequestContent{IdentifierFirst: ptr(true)})
	if err != nil || !upd.GetIdentifierFirst() || upd.GetUniversalLoginExperience() != "new" {
		t.Errorf("update: %+v %v", upd, err)
	}
	login, en := management.PromptGroupNameEnum("login"), management.PromptLanguageEnum("en")
	if got, err := m.Prompts.CustomText.Get(ctx, &login, &en); err != nil || len(got) != 0 {
		t.Errorf("unset text: %v %v", got, err)
	}
	doc := map[string]any{"login": map[string]any{"title": "Willkommen bei ${companyName} — schön, dass du da bist", "buttonText": "Weiter ✓"}}
	if err := m.Prompts.CustomText.Set(ctx, &login, &en, doc); err != nil {
		t.Fatal(err)
	}
	got, err := m.Prompts.CustomText.Get(ctx, &login, &en)
	if d := cmp.Diff(doc, map[string]any(got)); err != nil || d != "" {
		t.Errorf("round trip (-want +got):\n%s %v", d, err)
	}
	// PUT replaces the whole document.
	if err := m.Prompts.CustomText.Set(ctx, &login, &en, map[string]any{"login": map[string]any{"title": "Hi"}}); err != nil {
		t.Fatal(err)
	}
	got, _ = m.Prompts.CustomText.Get(ctx, &login, &en)
	if d := cmp.Diff(map[string]any{"login": map[string]any{"title": "Hi"}}, map[string]any(got)); d != "" {
		t.Errorf("after replace (-want +got):\n%s", d)
	}
	tok := sim.MintToken("read:prompts", "update:prompts")
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/prompts/nope/custom-text/en", tok, nil); code != 400 {
		t.Errorf("unknown prompt: %d", code)
	}
	if code, _, _ := rawCall(t, sim, "PUT", "/api/v2/prompts/login/custom-text/xx-XX", tok, map[string]any{}); code != 400 {
		t.Errorf("unknown language: %d", code)
	}
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/prompts", tok, map[string]any{"universal_login_experience": "old"}); code != 400 {
		t.Errorf("bad experience: %d", code)
	}
}
