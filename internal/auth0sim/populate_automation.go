package auth0sim

import (
	"fmt"
	"strings"
	"time"
)

// PopulateAutomation fills the tenant the way people do in the dashboard (not through the
// Management API's validation of a client): about scale actions across the triggers, built
// and deployed (every tenth with a newer draft not deployed yet, some with secrets,
// dependencies or an older runtime), a marketplace action, the bindings of each trigger (most
// actions bound, some under another display name), about scale log streams of every sink
// type (some paused, filtered or hashing personal data) and about scale custom domains, all
// verified, one the tenant's default. Every object ends as the operator reports Ready.
//
// It returns the secret values it used, keyed by the Secret keys an export references them by:
// an action secret's name (API_KEY, SLACK_WEBHOOK_URL, TWILIO_AUTH_TOKEN) and a log stream
// sink's secret field (httpAuthorization, datadogApiKey, splunkToken, sumoSourceAddress,
// segmentWriteKey, mixpanelServiceAccountPassword); one value per key. Call it once per tenant
// (a second call would repeat the action names).
func (s *Server) PopulateAutomation(scale int) map[string]string {
	secrets := map[string]string{
		"API_KEY":                        "populate-api-key-6f1d",
		"SLACK_WEBHOOK_URL":              "https://hooks.slack.example.com/services/T000/B000/populate",
		"TWILIO_AUTH_TOKEN":              "populate-twilio-token-93ac",
		"httpAuthorization":              "Bearer populate-http-token",
		"datadogApiKey":                  "populate-datadog-key-0c4e",
		"splunkToken":                    "12a34ab5-c6d7-8901-23ef-456b7c89d0c1",
		"sumoSourceAddress":              "https://endpoint1.collection.sumologic.example.com/receiver/v1/http/populate",
		"segmentWriteKey":                "populate-segment-write-key",
		"mixpanelServiceAccountPassword": "populate-mixpanel-password",
	}
	_ = s.store.Update(func(tx *Tx) error {
		s.populateActions(tx, scale, secrets)
		s.populateLogStreams(tx, scale)
		s.populateCustomDomains(tx, scale)
		return nil
	})
	return secrets
}

// populateTrigger is a trigger actions are made for, with its handler and what they do there.
type populateTrigger struct {
	id, version, handler string
	purposes             []string
}

var populateTriggers = []populateTrigger{
	{"post-login", "v3", "onExecutePostLogin", []string{"Add roles to tokens", "Enrich profile", "Require MFA for admins", "Deny blocked countries", "Link accounts"}},
	{"credentials-exchange", "v2", "onExecuteCredentialsExchange", []string{"Add tenant claim", "Limit partner scopes"}},
	{"pre-user-registration", "v2", "onExecutePreUserRegistration", []string{"Block disposable emails", "Set signup metadata"}},
	{"post-user-registration", "v2", "onExecutePostUserRegistration", []string{"Notify Slack", "Sync to CRM"}},
	{"post-change-password", "v2", "onExecutePostChangePassword", []string{"Revoke sessions"}},
	{"send-phone-message", "v2", "onExecuteSendPhoneMessage", []string{"Send SMS with Twilio"}},
	{"password-reset-post-challenge", "v1", "onExecutePostChallenge", []string{"Check reset risk"}},
}

func (s *Server) populateActions(tx *Tx, scale int, secrets map[string]string) {
	now := s.clock.Now()
	built := isoNanos(now.Add(-s.opts.ActionBuildDelay)) // the build is over
	bound := map[string][]any{}
	bind := func(a Object, displayName string) {
		t := str(objectList(a["supported_triggers"])[0], "id")
		bound[t] = append(bound[t], newBinding(a, displayName, isoNanos(now)))
	}
	mk := func(body Object, integration Object) Object {
		a, aerr := createAction(s, tx, body)
		if aerr != nil {
			panic("PopulateAutomation: " + aerr.Message) // the bodies below are valid
		}
		a["_build_started"] = built
		for k, v := range integration {
			a[k] = v
		}
		deployDraft(tx, a, now)
		return a
	}

	// A marketplace integration, installed from the catalog: Auth0's, first in the flow.
	integration := newUUID()
	market := mk(Object{"name": "Onfido Identity Verification", "runtime": "node22",
		"supported_triggers": []any{Object{"id": "post-login", "version": "v3"}},
		"code":               "exports.onExecutePostLogin = async (event, api) => { /* installed integration */ };\n"},
		Object{"installed_integration_id": integration, "integration": Object{"id": newUUID(), "catalog_id": "onfido-identity-verification",
			"url_slug": "onfido-identity-verification", "partner_id": newUUID(), "name": "Onfido Identity Verification", "feature_type": "action"}})
	bind(market, "Onfido")

	for i := range scale {
		t := populateTriggers[0] // half of them run at login
		if i%2 == 1 {
			t = populateTriggers[1+(i/2)%(len(populateTriggers)-1)]
		}
		purpose := t.purposes[(i/len(populateTriggers))%len(t.purposes)]
		name := fmt.Sprintf("%s %d", purpose, i)
		if i%3 == 1 { // a Kubernetes-style name, as some teams write them
			name = strings.ReplaceAll(strings.ToLower(name), " ", "-")
		}
		var code strings.Builder
		fmt.Fprintf(&code, "// %s\nexports.%s = async (event, api) => {\n", purpose, t.handler)
		deps, secs := []any{}, []any{}
		addSecret := func(n string) {
			secs = append(secs, Object{"name": n, "value": secrets[n]})
			fmt.Fprintf(&code, "  const %s = event.secrets.%s;\n", strings.ToLower(n), n)
		}
		addDep := func(n, v string) {
			deps = append(deps, Object{"name": n, "version": v})
			fmt.Fprintf(&code, "  const %s = require('%s');\n", n, n)
		}
		if i%3 == 0 {
			addSecret("API_KEY")
		}
		if i%5 == 0 {
			addSecret("SLACK_WEBHOOK_URL")
		}
		if t.id == "send-phone-message" {
			addSecret("TWILIO_AUTH_TOKEN")
		}
		if i%4 == 1 {
			addDep("axios", "1.7.9")
		}
		if i%6 == 2 {
			addDep("lodash", "4.17.21")
		}
		code.WriteString("};\n")
		body := Object{"name": name, "supported_triggers": []any{Object{"id": t.id, "version": t.version}},
			"code": code.String(), "dependencies": deps, "secrets": secs}
		if i%7 == 3 {
			body["runtime"] = "node18-actions"
		}
		a := mk(body, nil)
		if i%10 == 9 { // edited in the editor since, not deployed yet
			a["code"] = code.String() + "// TODO: log the outcome\n"
			a["updated_at"] = isoNanos(now.Add(time.Millisecond))
			tx.Put(actionsColl, str(a, "id"), a)
		}
		switch {
		case i%8 == 7: // written, not in a flow
		case i%4 == 0:
			bind(a, fmt.Sprintf("%s (step %d)", purpose, len(bound[t.id])+1))
		default:
			bind(a, "")
		}
	}
	for trigger, list := range bound {
		tx.Put(bindingsColl, trigger, Object{"trigger_id": trigger, "bindings": list})
	}
}

func (s *Server) populateLogStreams(tx *Tx, scale int) {
	for i := range scale {
		typ := logStreamTypes[i%len(logStreamTypes)]
		var sink Object
		switch typ {
		case "http":
			sink = Object{"httpEndpoint": fmt.Sprintf("https://logs.example.com/auth0/%d", i), "httpContentType": "application/json",
				"httpContentFormat": []string{"JSONLINES", "JSONARRAY", "JSONOBJECT"}[(i/8)%3]}
			if (i/8)%2 == 0 {
				sink["httpAuthorization"] = "Bearer populate-http-token"
			} else {
				sink["httpCustomHeaders"] = []any{Object{"header": "X-Team", "value": "identity"}}
			}
		case "eventbridge":
			sink = Object{"awsAccountId": fmt.Sprintf("%012d", 123456789000+i), "awsRegion": []string{"eu-west-1", "us-east-1"}[(i/8)%2]}
		case "eventgrid":
			sink = Object{"azureSubscriptionId": newUUID(), "azureRegion": "westeurope", "azureResourceGroup": fmt.Sprintf("auth0-logs-%d", i)}
		case "datadog":
			sink = Object{"datadogRegion": []string{"us", "eu", "us3", "us5", "ap1"}[(i/8)%5], "datadogApiKey": "populate-datadog-key-0c4e"}
		case "splunk":
			sink = Object{"splunkDomain": fmt.Sprintf("splunk-%d.example.com", i), "splunkPort": "8088",
				"splunkSecure": (i/8)%2 == 0, "splunkToken": "12a34ab5-c6d7-8901-23ef-456b7c89d0c1"}
		case "sumo":
			sink = Object{"sumoSourceAddress": "https://endpoint1.collection.sumologic.example.com/receiver/v1/http/populate"}
		case "segment":
			sink = Object{"segmentWriteKey": "populate-segment-write-key"}
		case "mixpanel":
			sink = Object{"mixpanelRegion": []string{"us", "eu"}[(i/8)%2], "mixpanelProjectId": fmt.Sprintf("31415%d", i),
				"mixpanelServiceAccountUsername": fmt.Sprintf("auth0-logs.%d.mp-service-account", i),
				"mixpanelServiceAccountPassword": "populate-mixpanel-password"}
		}
		body := Object{"name": fmt.Sprintf("%s logs %d", typ, i), "type": typ, "sink": sink}
		if i%3 == 1 {
			body["filters"] = []any{Object{"type": "category", "name": "auth.login.fail"}, Object{"type": "category", "name": "auth.signup.fail"}}
		}
		if typ == "datadog" || typ == "http" {
			pii := Object{"log_fields": []any{"email", "phone"}}
			if typ == "datadog" {
				pii["method"] = "mask"
			}
			body["pii_config"] = pii
		}
		if i%5 == 4 {
			body["status"] = "paused"
		}
		if _, aerr := createLogStream(s, tx, body); aerr != nil {
			panic("PopulateAutomation: " + aerr.Message)
		}
	}
}

func (s *Server) populateCustomDomains(tx *Tx, scale int) {
	headers := []any{"cf-connecting-ip", "x-forwarded-for", "true-client-ip", nil}
	for i := range scale {
		domain := fmt.Sprintf("login.brand-%02d.example.com", i)
		body := Object{"domain": domain, "type": "auth0_managed_certs"}
		if i%3 == 2 { // behind the company's own proxy
			body = Object{"domain": domain, "type": "self_managed_certs", "custom_client_ip_header": headers[(i/3)%len(headers)]}
		}
		cd, aerr := createCustomDomain(s, tx, body)
		if aerr != nil {
			panic("PopulateAutomation: " + aerr.Message)
		}
		// Its record was published and Auth0 verified it.
		tx.Put(customDomainDNSColl, domain, Object{"domain": domain, "ok": true})
		cd = s.verified(tx, cd)
		if i == 0 {
			cd["is_default"] = true
			tx.Put(customDomainsColl, str(cd, "custom_domain_id"), cd)
		}
	}
}
