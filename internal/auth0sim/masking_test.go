package auth0sim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// What Auth0 hides, as the recordings show it (a secret written and never
// seen again in any later answer of the same recording):
//
//   - action and action module secrets' values (TestAccAction*,
//     TestAccActionModule*: answers carry name and updated_at);
//   - captcha providers' secret and api_key (TestAccAttackProtection*Captcha);
//   - the email provider's credentials (TestAccEmailProvider*);
//   - a phone provider's credentials (TestAccCheckPhoneProvider);
//   - connection options.configuration values (answered encrypted);
//   - MFA push credentials: the APNs p12, the FCM server key, and the SNS
//     secret key in reads (TestAccGuardianPush; its PUT answer echoes it);
//   - MFA credentials no recording writes, hidden like those (guardian.go):
//     the phone factor's Twilio auth_token (under /phone and /sms), Duo's
//     skey, FCM v1 server_credentials, and the SNS secret in a PATCH answer;
//   - a client's client_secret to a token without read:client_keys (the
//     create answer shows it; the simulator also shows it in a PATCH answer
//     to a token with update:client_keys, which may set it).
//
// What Auth0 answers as written, so the simulator does too (a consumer must
// not rely on it being hidden): log-stream sink credentials
// (TestAccLogStreamDatadog: datadogApiKey "wo-secret-key-v1" comes back in
// every GET; httpAuthorization, splunkToken, segmentWriteKey alike),
// connection options other than configuration (client_secret of social
// connections, the SAML decryptionKey and signing_key: TestAccConnectionSAML)
// and client addon settings (firebase secret and private_key).
//
// TestSecretsNeverEchoed writes a known value into each hidden secret of
// every family, then reads every GET route the simulator serves, with
// every id it has learned, and fails on any answer carrying one.
func TestSecretsNeverEchoed(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var scopes []string
	for _, sc := range s.AllScopes() {
		if sc != "read:client_keys" && sc != "update:client_keys" {
			scopes = append(scopes, sc)
		}
	}
	token := s.MintToken(scopes...)
	call := func(method, path, body string) (int, string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}

	secrets := map[string]string{} // value -> where it was written
	ids := map[string]bool{}
	learn := func(answer string) {
		var v any
		_ = json.Unmarshal([]byte(answer), &v)
		collectIDs(v, ids)
	}
	write := func(where, method, path, body string, values ...string) {
		t.Helper()
		for _, v := range values {
			secrets[v] = where
		}
		code, answer := call(method, path, body)
		if code >= 300 {
			t.Fatalf("%s: %s %s: %d %s", where, method, path, code, answer)
		}
		learn(answer)
		checkNoSecret(t, method+" "+path, answer, secrets)
	}

	write("client secret", "POST", "/api/v2/clients", `{"name":"masked-client","app_type":"regular_web"}`)
	var clientID string
	for id := range ids {
		if c, ok := s.Object("clients", id); ok && c["name"] == "masked-client" {
			clientID = id
			secrets[str(c, "client_secret")] = "client secret (generated)"
		}
	}
	write("client secret", "PATCH", "/api/v2/clients/"+clientID, `{"description":"patched"}`)
	write("action secret", "POST", "/api/v2/actions/actions",
		`{"name":"masked-action","supported_triggers":[{"id":"post-login","version":"v3"}],"code":"exports.onExecutePostLogin = async () => {};","secrets":[{"name":"KEY","value":"sekrit-action-value-1"}]}`,
		"sekrit-action-value-1")
	var actionID string
	for id := range ids {
		if a, ok := s.Object(actionsColl, id); ok && a["name"] == "masked-action" {
			actionID = id
		}
	}
	write("action secret", "PATCH", "/api/v2/actions/actions/"+actionID, `{"secrets":[{"name":"KEY","value":"sekrit-action-value-2"}]}`,
		"sekrit-action-value-2")
	write("action secret", "POST", "/api/v2/actions/actions/"+actionID+"/deploy", "")
	write("action module secret", "POST", "/api/v2/actions/modules",
		`{"name":"masked-module","code":"module.exports = {};","secrets":[{"name":"K","value":"sekrit-module-value"}]}`,
		"sekrit-module-value")
	for id := range ids {
		if _, ok := s.Object(actionModulesColl, id); ok {
			write("action module secret", "POST", "/api/v2/actions/modules/"+id+"/versions", "")
		}
	}
	write("phone provider credentials", "POST", "/api/v2/branding/phone/providers",
		`{"name":"twilio","configuration":{"sid":"s","default_from":"+15550100","delivery_methods":["text"]},"credentials":{"auth_token":"sekrit-twilio-token"}}`,
		"sekrit-twilio-token")
	write("captcha secrets", "PATCH", "/api/v2/attack-protection/captcha",
		`{"active_provider_id":"recaptcha_v2","recaptcha_v2":{"site_key":"s","secret":"sekrit-recaptcha-v2"},"hcaptcha":{"site_key":"h","secret":"sekrit-hcaptcha"},"friendly_captcha":{"site_key":"f","secret":"sekrit-friendly"},"arkose":{"site_key":"a","secret":"sekrit-arkose"},"recaptcha_enterprise":{"site_key":"e","api_key":"sekrit-recaptcha-enterprise","project_id":"p"}}`,
		"sekrit-recaptcha-v2", "sekrit-hcaptcha", "sekrit-friendly", "sekrit-arkose", "sekrit-recaptcha-enterprise")
	write("email provider credentials", "POST", "/api/v2/emails/provider",
		`{"name":"sendgrid","enabled":true,"default_from_address":"a@example.com","credentials":{"api_key":"sekrit-sendgrid-key"}}`,
		"sekrit-sendgrid-key")
	write("email provider credentials", "PATCH", "/api/v2/emails/provider",
		`{"name":"ses","credentials":{"accessKeyId":"sekrit-ses-id","secretAccessKey":"sekrit-ses-key","region":"eu-west-1"}}`,
		"sekrit-ses-id", "sekrit-ses-key")
	write("email provider credentials", "PATCH", "/api/v2/emails/provider",
		`{"name":"smtp","credentials":{"smtp_host":"smtp.example.com","smtp_port":587,"smtp_user":"u","smtp_pass":"sekrit-smtp-pass"}}`,
		"sekrit-smtp-pass")
	write("MFA push APNs p12", "PUT", "/api/v2/guardian/factors/push-notification/providers/apns",
		`{"sandbox":false,"bundle_id":"com.example","p12":"sekrit-apns-p12"}`, "sekrit-apns-p12")
	write("MFA push FCM server key", "PUT", "/api/v2/guardian/factors/push-notification/providers/fcm",
		`{"server_key":"sekrit-fcm-key"}`, "sekrit-fcm-key")
	// The SNS PUT answer echoes the secret (TestAccGuardianPush); only reads hide it.
	write("MFA push SNS secret", "PUT", "/api/v2/guardian/factors/push-notification/providers/sns",
		`{"aws_access_key_id":"id","aws_secret_access_key":"sekrit-sns-key","aws_region":"us-west-1"}`)
	secrets["sekrit-sns-key"] = "MFA push SNS secret"
	write("MFA push APNs p12", "PATCH", "/api/v2/guardian/factors/push-notification/providers/apns",
		`{"p12":"sekrit-apns-p12-patched"}`, "sekrit-apns-p12-patched")
	write("MFA push FCM server key", "PATCH", "/api/v2/guardian/factors/push-notification/providers/fcm",
		`{"server_key":"sekrit-fcm-key-patched"}`, "sekrit-fcm-key-patched")
	write("MFA push FCM v1 credentials", "PUT", "/api/v2/guardian/factors/push-notification/providers/fcmv1",
		`{"server_credentials":"sekrit-fcmv1-credentials"}`, "sekrit-fcmv1-credentials")
	write("MFA push FCM v1 credentials", "PATCH", "/api/v2/guardian/factors/push-notification/providers/fcmv1",
		`{"server_credentials":"sekrit-fcmv1-credentials-patched"}`, "sekrit-fcmv1-credentials-patched")
	write("MFA push SNS secret", "PATCH", "/api/v2/guardian/factors/push-notification/providers/sns",
		`{"aws_secret_access_key":"sekrit-sns-key-patched"}`, "sekrit-sns-key-patched")
	write("MFA phone Twilio token", "PUT", "/api/v2/guardian/factors/phone/providers/twilio",
		`{"sid":"AC1","from":"+15550100","auth_token":"sekrit-phone-twilio-token"}`, "sekrit-phone-twilio-token")
	write("MFA SMS Twilio token", "PUT", "/api/v2/guardian/factors/sms/providers/twilio",
		`{"sid":"AC2","messaging_service_sid":"MG1","auth_token":"sekrit-sms-twilio-token"}`, "sekrit-sms-twilio-token")
	write("MFA Duo secret key", "PUT", "/api/v2/guardian/factors/duo/settings",
		`{"ikey":"DIX","skey":"sekrit-duo-skey","host":"api-x.duosecurity.com"}`, "sekrit-duo-skey")
	write("MFA Duo secret key", "PATCH", "/api/v2/guardian/factors/duo/settings",
		`{"skey":"sekrit-duo-skey-patched"}`, "sekrit-duo-skey-patched")
	write("connection configuration", "POST", "/api/v2/connections",
		`{"name":"masked-conn","strategy":"auth0","options":{"configuration":{"API_KEY":"sekrit-connection-config"}}}`,
		"sekrit-connection-config")

	// Every GET route, with every id learned so far in each path parameter
	// (and the names a route takes); ids found in answers feed the next
	// round.
	names := []string{"post-login", "login", "en", "verify_email", "universal-login", "default"}
	var gets []string
	for p := range s.routes {
		if strings.HasPrefix(p, "GET ") {
			gets = append(gets, strings.TrimPrefix(p, "GET "))
		}
	}
	sort.Strings(gets)
	seen := map[string]bool{}
	for round := 0; round < 2; round++ {
		var values []string
		for id := range ids {
			values = append(values, id)
		}
		values = append(values, names...)
		sort.Strings(values)
		for _, pattern := range gets {
			for _, path := range expandPath(pattern, values) {
				if seen[path] {
					continue
				}
				seen[path] = true
				code, answer := call("GET", path, "")
				if code == http.StatusOK {
					learn(answer)
				}
				checkNoSecret(t, "GET "+path, answer, secrets)
			}
		}
	}
	if len(seen) < len(gets) {
		t.Fatalf("read %d paths for %d GET routes", len(seen), len(gets))
	}
	t.Logf("%d secrets written, %d GET answers read over %d routes", len(secrets), len(seen), len(gets))
}

func checkNoSecret(t *testing.T, call, answer string, secrets map[string]string) {
	t.Helper()
	for v, where := range secrets {
		if v != "" && strings.Contains(answer, v) {
			t.Errorf("%s echoes the %s written earlier", call, where)
		}
	}
}

var pathParamRe = regexp.MustCompile(`\{[^}]+\}`)

// expandPath fills each {param} of a route pattern with each value; with
// two parameters, every pair.
func expandPath(pattern string, values []string) []string {
	loc := pathParamRe.FindStringIndex(pattern)
	if loc == nil {
		return []string{pattern}
	}
	var out []string
	for _, v := range values {
		out = append(out, expandPath(pattern[:loc[0]]+v+pattern[loc[1]:], values)...)
	}
	return out
}

// collectIDs gathers the id-like values of an answer.
func collectIDs(v any, ids map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && (k == "id" || strings.HasSuffix(k, "_id")) && s != "" && !strings.Contains(s, "/") {
				ids[s] = true
			}
			collectIDs(val, ids)
		}
	case []any:
		for _, it := range x {
			collectIDs(it, ids)
		}
	}
}
