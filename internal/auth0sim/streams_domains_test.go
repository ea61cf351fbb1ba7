package auth0sim

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
)

func TestLogStreamsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	dd, err := m.LogStreams.Create(ctx, &management.CreateLogStreamRequestContent{CreateLogStreamDatadogRequestBody: &management.CreateLogStreamDatadogRequestBody{
		Name: ptr("dd"), Type: "datadog",
		PiiConfig: &management.LogStreamPiiConfig{LogFields: []management.LogStreamPiiLogFieldsEnum{"first_name", "email"}},
		Sink:      &management.LogStreamDatadogSink{DatadogAPIKey: "121233123455", DatadogRegion: "us"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// The answer is a union the SDK decodes into the first schema that fits;
	// read the id from its JSON.
	raw, _ := json.Marshal(dd)
	var created map[string]any
	_ = json.Unmarshal(raw, &created)
	id := str(created, "id")
	if !regexp.MustCompile(`^lst_\d{16}$`).MatchString(id) {
		t.Errorf("id %q not in Auth0's format", id)
	}
	tok := sim.MintToken("read:log_streams", "create:log_streams", "update:log_streams", "delete:log_streams")
	_, _, body := rawCall(t, sim, "GET", "/api/v2/log-streams/"+id, tok, nil)
	want := map[string]any{"id": id, "name": "dd", "type": "datadog", "status": "active", "isPriority": false,
		"sink":       map[string]any{"datadogApiKey": "121233123455", "datadogRegion": "us"},
		"pii_config": map[string]any{"log_fields": []any{"first_name", "email"}, "method": "hash", "algorithm": "xxhash"}}
	if d := cmp.Diff(want, body); d != "" {
		t.Errorf("datadog stream (-want +got):\n%s", d)
	}
	// POST answers 200, an eventbridge sink gets its partner event source.
	code, _, body := rawCall(t, sim, "POST", "/api/v2/log-streams", tok, map[string]any{"name": "aws", "type": "eventbridge",
		"sink": map[string]any{"awsAccountId": "999999999999", "awsRegion": "us-west-2"}})
	eb := body.(map[string]any)
	src := str(eb["sink"].(map[string]any), "awsPartnerEventSource")
	if code != 200 || !strings.HasPrefix(src, "aws.partner/auth0.com/tenant-") || !strings.HasSuffix(src, "/auth0.logs") || eb["isPriority"] != nil {
		t.Errorf("eventbridge: %d %v", code, body)
	}
	// PATCH: status, sink merge, filters [] are not shown, no pii_config drops it.
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/log-streams/"+id, tok, map[string]any{"status": "paused",
		"sink": map[string]any{"datadogRegion": "eu"}, "filters": []any{}})
	got := body.(map[string]any)
	if code != 200 || got["status"] != "paused" || got["sink"].(map[string]any)["datadogApiKey"] != "121233123455" ||
		got["sink"].(map[string]any)["datadogRegion"] != "eu" || got["filters"] != nil || got["pii_config"] != nil {
		t.Errorf("patch: %d %v", code, body)
	}
	if code, _, body := rawCall(t, sim, "PATCH", "/api/v2/log-streams/"+id, tok, map[string]any{"type": "http"}); code != 400 ||
		body.(map[string]any)["message"] != "Payload validation error: 'Additional properties not allowed: type'." {
		t.Errorf("type is create-only: %d %v", code, body)
	}
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/log-streams/"+id, tok, map[string]any{"status": "suspended"}); code != 400 {
		t.Errorf("only Auth0 suspends: %d", code)
	}
	// Auth0 suspends a failing stream; a PATCH to active resumes it.
	if !sim.SuspendLogStream(id) {
		t.Fatal("suspend")
	}
	resp, err := sim.HTTPClient().Post(sim.URL()+"/_sim/log-streams/"+str(eb, "id")+"/suspend", "application/json", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("admin suspend: %v %v", resp, err)
	}
	resp.Body.Close()
	list, err := m.LogStreams.List(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %v %v", list, err)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/log-streams", tok, nil)
	for _, ls := range body.([]any) {
		if ls.(map[string]any)["status"] != "suspended" {
			t.Errorf("not suspended: %v", ls)
		}
	}
	if _, err := m.LogStreams.Update(ctx, id, &management.UpdateLogStreamRequestContent{Status: ptr(management.LogStreamStatusEnum("active"))}); err != nil {
		t.Fatal(err)
	}
	if err := m.LogStreams.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := m.LogStreams.Get(ctx, id); statusOf(err) != 404 || errorBody(t, err)["errorCode"] != "inexistent_log_stream" {
		t.Errorf("deleted: %v", err)
	}
	if code, _, _ := rawCall(t, sim, "POST", "/api/v2/log-streams", tok, map[string]any{"type": "carrier-pigeon", "sink": map[string]any{}}); code != 400 {
		t.Errorf("unknown type: %d", code)
	}
}

func TestCustomDomainsWithSDK(t *testing.T) {
	ctx := context.Background()
	clock := NewFakeClock(time.Date(2026, 5, 29, 10, 0, 0, 0, time.UTC))
	sim := NewServer(t, Options{Clock: clock, Profile: ProfileEnterpriseProduction})
	m := newMgmt(t, sim)
	cd, err := m.CustomDomains.Create(ctx, &management.CreateCustomDomainRequestContent{Domain: "login.example.com", Type: "auth0_managed_certs"})
	if err != nil {
		t.Fatal(err)
	}
	id := cd.GetCustomDomainID()
	if !regexp.MustCompile(`^cd_[A-Za-z0-9]{16}$`).MatchString(id) || cd.GetStatus() != "pending_verification" || cd.GetPrimary() {
		t.Errorf("create: id %q status %q primary %v", id, cd.GetStatus(), cd.GetPrimary())
	}
	methods := cd.GetVerification().GetMethods()
	if len(methods) != 1 || methods[0].GetName() != "CNAME" ||
		methods[0].GetRecord() != "tenant-cd-"+strings.ToLower(strings.TrimPrefix(id, "cd_"))+".edge.tenants.auth0sim.test" {
		t.Errorf("verification = %+v", methods)
	}
	if _, err := m.CustomDomains.Create(ctx, &management.CreateCustomDomainRequestContent{Domain: "LOGIN.example.com", Type: "self_managed_certs"}); statusOf(err) != 409 {
		t.Errorf("same domain: %v, want 409", err)
	}
	self, err := m.CustomDomains.Create(ctx, &management.CreateCustomDomainRequestContent{Domain: "id.example.org", Type: "self_managed_certs"})
	if err != nil {
		t.Fatal(err)
	}
	if v := self.GetVerification().GetMethods()[0]; v.GetName() != "TXT" || v.GetDomain() != "_cf-custom-hostname.id.example.org" {
		t.Errorf("self managed verification %+v", v)
	}
	tok := sim.MintToken("read:custom_domains", "update:custom_domains", "create:custom_domains")
	code, _, body := rawCall(t, sim, "PATCH", "/api/v2/custom-domains/"+id, tok, map[string]any{"domain": "x.example.com", "type": "self_managed_certs"})
	if d := cmp.Diff(map[string]any{"statusCode": 400.0, "error": "Bad Request", "errorCode": "invalid_body",
		"message": "Payload validation error: 'Additional properties not allowed: domain,type'."}, body); code != 400 || d != "" {
		t.Errorf("create-only fields (-want +got):\n%s", d)
	}
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/custom-domains/"+id, tok, map[string]any{"domain_metadata": map[string]any{"k1": "v1", "k2": "v2"}})
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/custom-domains/"+id, tok, map[string]any{"domain_metadata": map[string]any{"k1": "v3", "k2": nil}})
	if d := cmp.Diff(map[string]any{"k1": "v3"}, body.(map[string]any)["domain_metadata"]); code != 200 || d != "" {
		t.Errorf("metadata merge (-want +got):\n%s", d)
	}
	// Verify while DNS is not published: still pending.
	v, err := m.CustomDomains.Verify(ctx, id)
	if err != nil || v.GetStatus() != "pending_verification" {
		t.Errorf("verify without DNS: %v %v", v.GetStatus(), err)
	}
	// The record is published: the next verify makes it ready.
	resp, err := sim.HTTPClient().Post(sim.URL()+"/_sim/custom-domains/"+id+"/dns", "application/json", stringsReader(`{"ok":true}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("admin dns: %v %v", resp, err)
	}
	resp.Body.Close()
	if got, _ := m.CustomDomains.Get(ctx, id); got.GetStatus() != "pending_verification" {
		t.Errorf("ready before verify: %q", got.GetStatus())
	}
	v, err = m.CustomDomains.Verify(ctx, id)
	if err != nil || v.GetStatus() != "ready" || v.GetOriginDomainName() == "" {
		t.Errorf("verify with DNS: %v %v", v, err)
	}
	// Verify has its own bucket: burst 5, 5 a minute.
	for i := 0; i < 3; i++ {
		if code, _, _ := rawCall(t, sim, "POST", "/api/v2/custom-domains/"+id+"/verify", tok, nil); code != http.StatusCreated {
			t.Fatalf("verify %d: %d", i, code)
		}
	}
	if code, h, _ := rawCall(t, sim, "POST", "/api/v2/custom-domains/"+id+"/verify", tok, nil); code != http.StatusTooManyRequests || h.Get("X-Ratelimit-Limit") != "5" {
		t.Errorf("sixth verify: %d", code)
	}
	list, err := m.CustomDomains.List(ctx, &management.ListCustomDomainsRequestParameters{})
	if err != nil || len(list) != 2 {
		t.Errorf("list: %v %v", list, err)
	}
	if err := m.CustomDomains.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := m.CustomDomains.Get(ctx, id); statusOf(err) != 404 {
		t.Errorf("deleted: %v", err)
	}
}

func TestAttackProtectionWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	bf, err := m.AttackProtection.BruteForceProtection.Get(ctx)
	if err != nil || !bf.GetEnabled() || bf.GetMaxAttempts() != 10 || string(bf.GetMode()) != "count_per_identifier_and_ip" {
		t.Fatalf("brute force defaults: %+v %v", bf, err)
	}
	tok := sim.MintToken("read:attack_protection", "update:attack_protection")
	defaults := map[string]map[string]any{
		"brute-force-protection": {"enabled": true, "shields": []any{"block", "user_notification"},
			"mode": "count_per_identifier_and_ip", "allowlist": []any{}, "max_attempts": 10.0},
		"suspicious-ip-throttling": {"enabled": true, "shields": []any{"admin_notification", "block"}, "allowlist": []any{},
			"stage": map[string]any{"pre-login": map[string]any{"max_attempts": 100.0, "rate": 864000.0},
				"pre-user-registration":     map[string]any{"max_attempts": 50.0, "rate": 1200.0},
				"pre-custom-token-exchange": map[string]any{"max_attempts": 10.0, "rate": 600000.0}}},
		"breached-password-detection": {"enabled": false, "shields": []any{}, "admin_notification_frequency": []any{}, "method": "standard",
			"stage": map[string]any{"pre-user-registration": map[string]any{"shields": []any{}}, "pre-change-password": map[string]any{"shields": []any{}}}},
	}
	for name, want := range defaults {
		_, _, got := rawCall(t, sim, "GET", "/api/v2/attack-protection/"+name, tok, nil)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s defaults (-want +got):\n%s", name, d)
		}
	}
	// A stage limit patched alone keeps its rate (TestAccAttackProtectionSuspiciousIPThrottling).
	code, _, got := rawCall(t, sim, "PATCH", "/api/v2/attack-protection/suspicious-ip-throttling", tok,
		map[string]any{"shields": []any{"block"}, "stage": map[string]any{"pre-login": map[string]any{"max_attempts": 5}}})
	stage := got.(map[string]any)["stage"].(map[string]any)
	if code != 200 || stage["pre-login"].(map[string]any)["rate"] != 864000.0 || stage["pre-login"].(map[string]any)["max_attempts"] != 5.0 {
		t.Errorf("stage merge: %d %v", code, got)
	}
	upd, err := m.AttackProtection.BreachedPasswordDetection.Update(ctx, &management.UpdateBreachedPasswordDetectionSettingsRequestContent{Enabled: ptr(true)})
	if err != nil || !upd.GetEnabled() || upd.GetMethod() != "standard" {
		t.Errorf("breached: %+v %v", upd, err)
	}
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/attack-protection/brute-force-protection", tok, map[string]any{"colour": "red"}); code != 400 {
		t.Errorf("unknown field: %d", code)
	}
	if _, _, got := rawCall(t, sim, "GET", "/api/v2/attack-protection/bot-detection", tok, nil); got.(map[string]any)["bot_detection_level"] != "medium" {
		t.Errorf("bot detection: %v", got)
	}
}

func TestCustomDomainDefault(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := sim.MintToken("read:custom_domains", "update:custom_domains", "create:custom_domains")
	_, _, body := rawCall(t, sim, "POST", "/api/v2/custom-domains", tok, map[string]any{"domain": "login.example.com", "type": "auth0_managed_certs"})
	id := str(body.(map[string]any), "custom_domain_id")

	if code, _, body := rawCall(t, sim, "GET", "/api/v2/custom-domains/default", tok, nil); code != 200 || str(body.(map[string]any), "domain") != sim.Domain() {
		t.Errorf("default before any is set: %d %v", code, body)
	}
	code, _, body := rawCall(t, sim, "PATCH", "/api/v2/custom-domains/default", tok, map[string]any{"domain": "login.example.com"})
	if d := cmp.Diff(map[string]any{"statusCode": 400.0, "error": "Bad Request", "errorCode": "invalid_body",
		"message": "The domain must be verified before it can be set as default."}, body); code != 400 || d != "" {
		t.Errorf("pending domain as default (-want +got):\n%s", d)
	}
	sim.SetCustomDomainDNS(id, true)
	rawCall(t, sim, "POST", "/api/v2/custom-domains/"+id+"/verify", tok, nil)
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/custom-domains/default", tok, map[string]any{"domain": "login.example.com"})
	if code != 200 || body.(map[string]any)["is_default"] != true {
		t.Errorf("ready domain as default: %d %v", code, body)
	}
	if _, _, body := rawCall(t, sim, "GET", "/api/v2/custom-domains/"+id, tok, nil); body.(map[string]any)["is_default"] != true {
		t.Errorf("is_default not kept: %v", body)
	}
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/custom-domains/default", tok, map[string]any{"domain": sim.Domain()})
	if code != 200 || str(body.(map[string]any), "domain") != sim.Domain() {
		t.Errorf("canonical as default: %d %v", code, body)
	}
	if _, _, body := rawCall(t, sim, "GET", "/api/v2/custom-domains/"+id, tok, nil); body.(map[string]any)["is_default"] != false {
		t.Errorf("is_default after the canonical domain became default: %v", body)
	}
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/custom-domains/default", tok, map[string]any{"domain": "nope.example.com"}); code != 404 {
		t.Errorf("unknown domain: %d", code)
	}
}
