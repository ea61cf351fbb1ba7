package auth0sim

import (
	"sort"
	"strings"
	"testing"
)

// The replay test requires, for each Management API family the operator
// manages (every family replayFamily names that is not in
// replayOutOfScope), that at least minFamilyShare percent of its recorded
// interactions are answered like Auth0 did. An interaction no simulator
// route serves counts as not matched, so a family cannot pass by dropping
// a route.
const minFamilyShare = 98.0

// familyCount is one family's figures in a replay.
type familyCount struct {
	interactions int // recorded /api/v2 interactions of the family
	replayed     int // of which a simulator route served
	matched      int // of which the answer matched (rules of TestReplayRecordings)
}

func (fc familyCount) percent() float64 {
	if fc.interactions == 0 {
		return 100
	}
	return 100 * float64(fc.matched) / float64(fc.interactions)
}

// below reports whether fc's matched share is under share percent.
func (fc familyCount) below(share float64) bool {
	return float64(fc.matched)*100 < share*float64(fc.interactions)
}

// replayGrouped are path segments whose next segment names a family of its
// own (actions/modules, attack-protection/captcha, guardian/factors...).
var replayGrouped = map[string]bool{"actions": true, "attack-protection": true, "guardian": true,
	"keys": true, "branding": true, "emails": true, "tenants": true, "risk-assessments": true}

// replayFamily names the Management API family of a recorded path:
// /api/v2/clients/ID/credentials -> "clients", /api/v2/guardian/factors/sms
// -> "guardian/factors", /api/v2/branding -> "branding".
func replayFamily(path string) string {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(path, "/api/v2/"), "/"), "/")
	if len(parts) > 1 && replayGrouped[parts[0]] && !learnable.MatchString(parts[1]) {
		return parts[0] + "/" + parts[1]
	}
	if len(parts) > 2 && parts[0] == "connections" && connectionSubFamilies[parts[2]] {
		return "connections/" + parts[2]
	}
	return parts[0]
}

// connectionSubFamilies are the parts of a connection that are families of
// their own (and out of scope, see replayOutOfScope).
var connectionSubFamilies = map[string]bool{"directory-provisioning": true, "scim-configuration": true, "keys": true}

// replayOutOfScope are the Management API families the operator does not
// manage and the simulator does not serve, with the reason. Their
// interactions are counted, not replayed. Every other family the recordings
// show is in scope and held to minFamilyShare.
var replayOutOfScope = map[string]string{
	"users":                              "users are a tenant's data, not its configuration: no kind manages them",
	"connections/directory-provisioning": "provisioning users from a directory is user data, not configuration",
	"connections/scim-configuration":     "SCIM provisioning of users, as directory provisioning",
	"connections/keys":                   "a connection's signing keys are Auth0's to rotate; no kind manages them",
	"network-acls":                       "tenant network ACLs: no kind manages them (no issue asks for one)",
	"event-streams":                      "event streams: no kind manages them yet",
	"flows":                              "Forms and Flows: no kind manages them",
	"forms":                              "Forms and Flows: no kind manages them",
	"hooks":                              "hooks are deprecated in favour of actions; no kind manages them",
	"rules":                              "rules are deprecated in favour of actions; no kind manages them",
	"rules-configs":                      "rules are deprecated in favour of actions; no kind manages them",
	"keys/encryption":                    "tenant encryption keys (BYOK): no kind manages them",
	"keys/signing":                       "tenant signing keys are Auth0's to rotate; no kind manages them",
	"connection-profiles":                "connection profiles (self-service SSO templates, early access): no kind manages them",
	"user-attribute-profiles":            "user attribute profiles (early access): no kind manages them",
	"rate-limit-policies":                "rate-limit policies (early access): no kind manages them",
	"token-exchange-profiles":            "custom token exchange profiles: no kind manages them",
	"risk-assessments/settings":          "risk assessment settings (early access): no kind manages them",
	"supplemental-signals":               "supplemental signals (early access): no kind manages them",
}

// checkFamilyShares fails the test for every in-scope family below
// minFamilyShare.
func checkFamilyShares(t *testing.T, measured map[string]*familyCount) {
	t.Helper()
	names := make([]string, 0, len(measured))
	for n := range measured {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if fc := *measured[n]; fc.below(minFamilyShare) {
			t.Errorf("family %s: %d/%d interactions matched (%.1f%%), below %.0f%%", n, fc.matched, fc.interactions, fc.percent(), minFamilyShare)
		}
	}
}

func TestReplayFamily(t *testing.T) {
	for path, want := range map[string]string{
		"/api/v2/clients":                                              "clients",
		"/api/v2/clients/abc/credentials":                              "clients",
		"/api/v2/guardian/factors/sms/providers/twilio":                "guardian/factors",
		"/api/v2/branding":                                             "branding",
		"/api/v2/branding/templates/universal-login":                   "branding/templates",
		"/api/v2/attack-protection/captcha":                            "attack-protection/captcha",
		"/api/v2/actions/actions/5e34493d-1a6b-4f98-a441-87094fff14f7": "actions/actions",
		"/api/v2/prompts/login/custom-text/en":                         "prompts",
	} {
		if got := replayFamily(path); got != want {
			t.Errorf("replayFamily(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestFamilyShareBar(t *testing.T) {
	if !(familyCount{matched: 97, interactions: 99}).below(98) {
		t.Error("97/99 (97.98%) is below 98%")
	}
	if (familyCount{matched: 49, interactions: 50}).below(98) {
		t.Error("49/50 (98%) is not below 98%")
	}
}
