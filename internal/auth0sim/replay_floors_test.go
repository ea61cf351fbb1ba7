package auth0sim

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The replay test is a ratchet per Management API family: for each family
// (replayFamily), the share of its recorded interactions the simulator
// answers like Auth0 did may not fall below the share checked in to
// replayFloorsFile. An interaction no simulator route serves counts as not
// matched, so a family cannot rise by dropping a route.
//
// After an improvement, REPLAY_UPDATE_FLOORS=1 rewrites the file with the
// measured figures; it never lowers a floor (a family below its floor keeps
// its old line and the test still fails). Commit the file with the change
// that raised it.
const replayFloorsFile = "testdata/replay_floors.txt"

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

// below reports whether fc's matched share is under floor's.
func (fc familyCount) below(floor familyCount) bool {
	return fc.matched*floor.interactions < floor.matched*fc.interactions
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
// interactions are counted, not replayed. Every family the recordings show
// is either here or has a floor in replayFloorsFile.
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

func readReplayFloors() (map[string]familyCount, error) {
	f, err := os.Open(replayFloorsFile)
	if os.IsNotExist(err) {
		return map[string]familyCount{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	floors := map[string]familyCount{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want \"family matched interactions\", got %q", replayFloorsFile, n, line)
		}
		m, err1 := strconv.Atoi(fields[1])
		i, err2 := strconv.Atoi(fields[2])
		if err1 != nil || err2 != nil || m < 0 || m > i {
			return nil, fmt.Errorf("%s:%d: bad counts in %q", replayFloorsFile, n, line)
		}
		floors[fields[0]] = familyCount{matched: m, interactions: i}
	}
	return floors, sc.Err()
}

func writeReplayFloors(floors map[string]familyCount) error {
	names := make([]string, 0, len(floors))
	for n := range floors {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# Replay ratchet (see replay_floors_test.go): per Management API family, the\n")
	b.WriteString("# matched interactions and the family's interactions when the floor was set.\n")
	b.WriteString("# A family whose matched share falls below matched/interactions fails the test.\n")
	b.WriteString("# family matched interactions\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s %d %d\n", n, floors[n].matched, floors[n].interactions)
	}
	if err := os.MkdirAll(filepath.Dir(replayFloorsFile), 0o755); err != nil {
		return err
	}
	return os.WriteFile(replayFloorsFile, []byte(b.String()), 0o644)
}

// checkReplayFloors fails the test for every family below its floor, and
// with REPLAY_UPDATE_FLOORS=1 raises the floors to the measured figures.
func checkReplayFloors(t *testing.T, measured map[string]*familyCount) {
	t.Helper()
	floors, err := readReplayFloors()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(measured))
	for n := range measured {
		names = append(names, n)
	}
	sort.Strings(names)
	next := map[string]familyCount{}
	for n, f := range floors {
		next[n] = f
	}
	var raised []string
	for _, n := range names {
		got := *measured[n]
		floor, ok := floors[n]
		switch {
		case !ok:
			t.Errorf("family %s (%d/%d matched) has no floor and is not out of scope: add it to replayOutOfScope with the reason, or give it a floor (REPLAY_UPDATE_FLOORS=1)",
				n, got.matched, got.interactions)
			next[n] = familyCount{matched: got.matched, interactions: got.interactions}
		case got.below(floor):
			t.Errorf("family %s fell below its floor: %d/%d matched (%.1f%%), floor %d/%d (%.1f%%)",
				n, got.matched, got.interactions, got.percent(), floor.matched, floor.interactions, floor.percent())
		case floor.below(got):
			raised = append(raised, fmt.Sprintf("%s %.1f%%->%.1f%%", n, floor.percent(), got.percent()))
			next[n] = familyCount{matched: got.matched, interactions: got.interactions}
		}
	}
	for n := range floors {
		if _, out := replayOutOfScope[n]; out {
			t.Errorf("family %s is out of scope and has a floor: remove one", n)
			delete(next, n)
		} else if measured[n] == nil {
			t.Logf("family %s has a floor but no recorded interactions now", n)
		}
	}
	if len(raised) > 0 {
		t.Logf("above the floor (REPLAY_UPDATE_FLOORS=1 raises it): %s", strings.Join(raised, ", "))
	}
	if os.Getenv("REPLAY_UPDATE_FLOORS") != "" {
		if err := writeReplayFloors(next); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", replayFloorsFile)
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

func TestReplayFloorsRatchet(t *testing.T) {
	floor := familyCount{matched: 90, interactions: 100}
	if !(familyCount{matched: 89, interactions: 100}).below(floor) {
		t.Error("89/100 should be below a 90/100 floor")
	}
	if (familyCount{matched: 180, interactions: 200}).below(floor) {
		t.Error("180/200 is not below a 90/100 floor")
	}
	if !(familyCount{matched: 100, interactions: 120}).below(floor) {
		t.Error("100/120 (more interactions recorded, same matches) should be below a 90/100 floor")
	}
}
