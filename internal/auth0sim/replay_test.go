package auth0sim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"
)

// TestReplayRecordings replays the real Management API traffic in
// shared/auth0-recordings (go-vcr "version: 2" cassettes recorded by
// terraform-provider-auth0's acceptance tests) against the simulator and
// checks that it answers like Auth0 did.
//
// Interactions of a family the operator does not manage (replayOutOfScope,
// each with its reason) are counted, not replayed.
//
// Each cassette runs against a fresh simulator on a fake clock that moves one
// second per interaction (Options.ActionBuildDelay is one second, so an
// action created in one interaction is built by the next). Interactions are
// skipped, and counted, when they are /oauth/token calls or when no
// simulator route serves their method and path.
//
// Requests are rewritten before they are sent: every id the recording got
// from Auth0 is replaced by the id the simulator gave for the same object
// (learned from the answers, see learnable), and the recorded tenant's host
// and name by the simulator's. The comparison then follows these rules:
//
//  1. The status code must be the recorded one.
//  2. Every key of a recorded JSON object must be in the simulator's object,
//     recursively. Keys only the simulator has are allowed.
//  3. Scalars must be equal (after the rewriting above) except:
//     - "[REDACTED]" (the recorder's mask) and secret keys (looseSecretKeys):
//     present, any value;
//     - timestamps: the simulator's must be a timestamp too;
//     - server-generated opaque values (looseGeneratedKeys: a CNAME target,
//     an EventBridge source, encrypted connection configuration): present,
//     same JSON type;
//     - lists Auth0 treats as sets (attack-protection shields and
//     notification frequencies, setKeys) are compared as sets;
//     - an action's build status while it is still building: Auth0's build
//     takes as long as it takes, the simulator's one second, so pending,
//     building, retrying and built are interchangeable (looseActionStatus).
//  4. Arrays of objects that carry an id are matched by (rewritten) id.
//     Recorded elements whose id the recording never saw created are
//     objects the real tenant already had (left by other tests); they are
//     ignored unless the two lists pair up one to one, and counts in the
//     envelope ("total", "length") are then not compared. Other arrays
//     are compared element by element.
//  5. Singletons carry state left by earlier tests in the real tenant
//     (tenant settings, branding, attack protection, prompts, email
//     templates and provider, the Universal Login template). Before the
//     first interaction that touches one, the simulator's copy is set to
//     what the recording first shows (primeSingleton), keeping keys that
//     answer lacks. Their defaults are checked by the family tests instead.
//  6. State the real tenant had and the recording relies on without showing
//     it (a custom domain's DNS record) is set up by replayPreconditions.
//  7. Objects the real tenant had before the recording (an import test
//     reads objects created outside it): an object the recording reads by
//     an id no create of the recording answered is put into the simulator,
//     under that id, as its first 200 answer shows (seedPreexisting).
//
// Differences that are intended or unavoidable are listed in
// replayAllowlist with the reason; any other difference makes its
// interaction unmatched and is logged. The test fails when an in-scope
// family's share of matched interactions is below minFamilyShare (98%,
// replay_families_test.go); the summary line prints every family's figures.
func TestReplayRecordings(t *testing.T) {
	dir := recordingsDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Skipf("no recordings in %s", dir)
	}
	total := newReplayStats()
	var failures []replayDiff
	for _, f := range files {
		st, diffs := replayCassette(t, f)
		total.add(st)
		failures = append(failures, diffs...)
		t.Logf("%-58s interactions=%3d replayed=%3d matched=%3d allowlisted=%2d differing=%2d",
			filepath.Base(f), st.interactions, st.replayed, st.matched, st.allowlisted, st.differing)
	}
	var reasons []string
	for r, n := range total.reasons {
		reasons = append(reasons, fmt.Sprintf("%s=%d", r, n))
	}
	sort.Strings(reasons)
	var allowed []string
	for r, n := range total.allowReasons {
		allowed = append(allowed, fmt.Sprintf("%s=%d", r, n))
	}
	sort.Strings(allowed)
	var unsupported []string
	for r, n := range total.unsupported {
		unsupported = append(unsupported, fmt.Sprintf("%s (%d)", r, n))
	}
	sort.Strings(unsupported)
	t.Logf("skipped, no simulator route: %s", strings.Join(unsupported, ", "))
	for i, d := range failures {
		if i == 60 && os.Getenv("REPLAY_VERBOSE") == "" {
			t.Logf("... and %d more differences (REPLAY_VERBOSE=1 lists them all)", len(failures)-i)
			break
		}
		t.Logf("%s #%d %s %s: %s at %s: %s", d.file, d.interaction, d.method, d.path, d.reason, d.at, d.detail)
	}
	var outOfScope []string
	outN := 0
	for f, n := range total.outOfScope {
		outOfScope = append(outOfScope, fmt.Sprintf("%s %d", f, n))
		outN += n
	}
	sort.Strings(outOfScope)
	t.Logf("REPLAY SUMMARY: files=%d interactions=%d replayed=%d matched=%d (of which with allowlisted differences=%d) differing=%d [%s] allowlisted differences [%s] skipped: oauth/token=%d no-route=%d out-of-scope=%d (%s); per in-scope family matched/replayed/interactions: %s",
		len(files), total.interactions, total.replayed, total.matched, total.allowlisted, total.differing,
		strings.Join(reasons, " "), strings.Join(allowed, " "), total.token, total.unsupportedN, outN,
		strings.Join(outOfScope, ", "), total.familySummary())
	checkFamilyShares(t, total.families)
}

// recordingsDir finds shared/auth0-recordings: $AUTH0_RECORDINGS, or the
// first ancestor of the working directory that has shared/auth0-recordings
// (the repository sits next to shared/).
func recordingsDir(t *testing.T) string {
	if d := os.Getenv("AUTH0_RECORDINGS"); d != "" {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("AUTH0_RECORDINGS=%s: %v", d, err)
		}
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared", "auth0-recordings")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	t.Skip("recordings not found: set AUTH0_RECORDINGS or place shared/auth0-recordings next to the repository")
	return ""
}

// vcrCassette is the part of a go-vcr v2 cassette the replay reads.
type vcrCassette struct {
	Interactions []struct {
		ID      int `json:"id"`
		Request struct {
			Body    string              `json:"body"`
			URL     string              `json:"url"`
			Method  string              `json:"method"`
			Headers map[string][]string `json:"headers"`
		} `json:"request"`
		Response struct {
			Body string `json:"body"`
			Code int    `json:"code"`
		} `json:"response"`
	} `json:"interactions"`
}

type replayStats struct {
	interactions, replayed, matched, allowlisted, differing, token, unsupportedN int
	unsupported                                                                  map[string]int
	reasons, allowReasons                                                        map[string]int
	families                                                                     map[string]*familyCount
	outOfScope                                                                   map[string]int
}

func newReplayStats() *replayStats {
	return &replayStats{unsupported: map[string]int{}, reasons: map[string]int{}, allowReasons: map[string]int{},
		families: map[string]*familyCount{}, outOfScope: map[string]int{}}
}

func (a *replayStats) family(name string) *familyCount {
	fc := a.families[name]
	if fc == nil {
		fc = &familyCount{}
		a.families[name] = fc
	}
	return fc
}

func (a *replayStats) familySummary() string {
	names := make([]string, 0, len(a.families))
	for n := range a.families {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		fc := a.families[n]
		parts = append(parts, fmt.Sprintf("%s %d/%d/%d %.1f%%", n, fc.matched, fc.replayed, fc.interactions, fc.percent()))
	}
	return strings.Join(parts, ", ")
}

func (a *replayStats) add(b *replayStats) {
	a.interactions += b.interactions
	a.replayed += b.replayed
	a.matched += b.matched
	a.allowlisted += b.allowlisted
	a.differing += b.differing
	a.token += b.token
	a.unsupportedN += b.unsupportedN
	for k, v := range b.unsupported {
		a.unsupported[k] += v
	}
	for k, v := range b.reasons {
		a.reasons[k] += v
	}
	for k, v := range b.allowReasons {
		a.allowReasons[k] += v
	}
	for k, v := range b.outOfScope {
		a.outOfScope[k] += v
	}
	for k, v := range b.families {
		fc := a.family(k)
		fc.interactions += v.interactions
		fc.replayed += v.replayed
		fc.matched += v.matched
	}
}

type replayDiff struct {
	file        string
	interaction int
	method      string
	path        string
	at          string // JSON path in the answer ("$" for the status)
	reason      string // status, missing-key, value, type, missing-element, length
	detail      string
}

// replayAllow is one intended or unavoidable difference.
type replayAllow struct {
	file        string // cassette name without .yaml (a regular expression, anchored)
	interaction int    // -1: any
	at          string // regular expression for the JSON path, anchored ("" any)
	reason      string
	why         string
}

var replayAllowlist = []replayAllow{
	{"TestAccAction", 44, `\$\.status`, "value", "as #43"},
	{"TestAccAction", 43, `\$\.status`, "value",
		"Auth0 failed to build the action (runtime node22 with the dependency crypto@17.7.1); the simulator builds whatever it is given unless a test asks for a failure (SetActionBuildFailure)"},
	{"TestAccAction", 45, `\$\.total`, "missing-key",
		"the real tenant had a binding left by another test (TestAccAction_DeleteWithUnbind); the simulator's tenant has none, so its page of bindings is empty and, like Auth0, carries no total"},
	{"TestAccOrganization", 39, `\$`, "status",
		"an older recording: Auth0 then answered a connection DELETE with 204; the newer recordings (TestAccConnection*, 2026) show 202 {\"deleted_at\"}, which the simulator follows"},
	{"TestAccCustomDomainVerificationWithAuth0ManagedCerts", -1, `\$\.verification\.methods\[0\]\.name`, "value",
		"a hand-written cassette (ids like cd_auth0managed, pretty-printed bodies) spells the method \"cname\"; the real recordings (TestAccBranding, TestAccCustomDomain) show \"CNAME\""},
	{"TestAccBranding|TestAccCustomDomainVerificationWithAuth0ManagedCerts|TestAccPromptPartials|TestAccDataPromptScreenPartials|TestAccPromptScreenPartials?",
		-1, `\$(\[\d+\])?\.primary`, "value",
		"custom domains \"primary\": an older generation of the API (answers without is_default) made a tenant's only domain primary; the newest recording (TestAccCustomDomain) shows primary and is_default false, which the simulator follows"},
	{".*", -1, `\$\.options\.oidc_metadata`, "missing-key",
		"Auth0 fetches an OIDC connection's discovery document from the identity provider (paypal.com, yahoo.com, okta.com in the recordings) and answers it as oidc_metadata; the simulator has no internet to fetch it from"},
	{".*", -1, `\$\.options\.(authorization_endpoint|token_endpoint|userinfo_endpoint|jwks_uri|issuer)`, "type",
		"endpoints Auth0 fills from the fetched discovery document (see oidc_metadata) where the request sent none"},
	{"TestAccOrganizationConnection|TestAccConnectionClients?|TestAccConnectionClientsPreventErasingEnabledClientsOnCreate|TestAccConnectionConfiguration|TestAccConnectionOptionsAttr(Email|PhoneNumber|UserName)|TestAccOrganization|TestAccSCIMConfiguration",
		-1, `\$(\.connections\[\d+\])?\.options\.passwordPolicy`, "missing-key",
		"recorded before 2026-08 (TestAccConnectionOptionsAttrEmail 2026-03-09 ... TestAccOrganizationConnection 2026-04-22): Auth0 then gave a database connection created without a password policy passwordPolicy \"good\"; the newest recordings (TestAccConnectionOptionsAttrEmailNonUnique, TestAccConnectionAddEmailAttribute*, 2026-08-07) show password_options' defaults instead, which the simulator follows"},
	{"TestAccClientSSOIntegrationWithSAML", -1, `\$\.cross_origin_auth`, "missing-key",
		"this recording's answers spell the property cross_origin_auth (its deprecated name) where TestAccClientAddons, creating an sso_integration client with addons by the same request shape, and every other recording answer cross_origin_authentication, which the simulator follows"},
	{"TestAccPages", -1, `\$\.sandbox_versions_available`, "length",
		"recorded when Auth0 offered only Node 16 to rules and hooks; the newer TestAccTenant_Main shows [\"22\",\"18\"], which the simulator answers"},
	{"TestAccEncryptionKeyManagerRotation", -1, `\$\.sandbox_versions_available\[\d\]`, "value",
		"recorded when Auth0 offered Node [\"18\",\"16\"] to rules and hooks; the newer TestAccTenant_Main shows [\"22\",\"18\"], which the simulator answers"},
}

// replayPreconditions set up, before a cassette is replayed, state the real
// tenant had that the recording depends on and cannot show.
var replayPreconditions = map[string]func(s *Server){
	// The recording verifies its domain successfully: its DNS record was
	// published.
	"TestAccCustomDomainVerificationWithAuth0ManagedCerts": func(s *Server) { s.SetCustomDomainDNS("terraform-provider.auth0.com", true) },
	// These two were recorded on a tenant whose plan lacked bot detection;
	// the other attack-protection recordings on one that had it.
	"TestAccAttackProtectionBotDetectionInsufficientEntitlement": func(s *Server) { s.SetBotDetectionEntitled(false) },
	"TestAccAttackProtectionMultipleInsufficientEntitlements":    func(s *Server) { s.SetBotDetectionEntitled(false) },
}

// replayer holds one cassette's replay state.
type replayer struct {
	t      *testing.T
	file   string
	sim    *Server
	clock  *FakeClock
	token  string
	ids    map[string]string // recorded id -> simulator id
	hosts  [][2]string       // recorded host/tenant -> simulator's
	primed map[string]bool
	diffs  []replayDiff
	cur    struct {
		id           int
		method, path string
		leftovers    bool
	}
}

func replayCassette(t *testing.T, file string) (*replayStats, []replayDiff) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cas vcrCassette
	if err := yaml.Unmarshal(data, &cas); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	clock := NewFakeClock(time.Date(2026, 5, 29, 10, 0, 0, 0, time.UTC))
	sim, err := New(Options{Clock: clock, ActionBuildDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	rp := &replayer{t: t, file: strings.TrimSuffix(filepath.Base(file), ".yaml"), sim: sim, clock: clock,
		token: sim.MintToken(sim.AllScopes()...), ids: map[string]string{}, primed: map[string]bool{}}
	if pre := replayPreconditions[rp.file]; pre != nil {
		pre(sim)
	}
	rp.seedPreexisting(&cas)
	st := newReplayStats()
	var failures []replayDiff
	for _, it := range cas.Interactions {
		st.interactions++
		clock.Advance(time.Second)
		u, err := url.Parse(it.Request.URL)
		if err != nil {
			t.Fatalf("%s #%d: %v", rp.file, it.ID, err)
		}
		if rp.hosts == nil {
			tenant, _, _ := strings.Cut(u.Host, ".")
			rp.hosts = [][2]string{{u.Host, sim.Domain()}, {tenant, sim.tenantName()}}
		}
		if !strings.HasPrefix(u.Path, "/api/v2/") {
			st.token++
			continue
		}
		famName := replayFamily(u.Path)
		if _, out := replayOutOfScope[famName]; out {
			st.outOfScope[famName]++
			continue
		}
		fam := st.family(famName)
		fam.interactions++
		path, query := rp.rewrite(u.EscapedPath()), rp.rewrite(u.RawQuery)
		target := path
		if query != "" {
			target += "?" + query
		}
		body := rp.rewrite(strings.TrimSpace(it.Request.Body))
		req := httptest.NewRequest(it.Request.Method, target, strings.NewReader(body))
		if _, pattern := sim.mux.Handler(req); pattern == "/api/v2/" {
			st.unsupportedN++
			st.unsupported[it.Request.Method+" "+templatePath(u.Path)]++
			continue
		}
		rp.cur.id, rp.cur.method, rp.cur.path, rp.cur.leftovers = it.ID, it.Request.Method, u.Path, false
		rp.primeSingleton(it.Request.Method, u.Path, it.Response.Code, it.Response.Body)
		req.Header.Set("Authorization", "Bearer "+rp.token)
		if ct := it.Request.Headers["Content-Type"]; len(ct) > 0 {
			req.Header.Set("Content-Type", ct[0])
		} else if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, req)
		st.replayed++
		fam.replayed++
		rp.diffs = nil
		if rec.Code != it.Response.Code {
			rp.diff("$", "status", fmt.Sprintf("recorded %d, simulator %d: %s", it.Response.Code, rec.Code, strings.TrimSpace(rec.Body.String())))
		}
		var want, got any
		if json.Unmarshal([]byte(it.Response.Body), &want) == nil && want != nil {
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				rp.diff("$", "type", "simulator answer is not JSON: "+rec.Body.String())
			} else {
				rp.compare("$", "", want, got)
			}
		}
		allowedHere, failing := 0, 0
		for _, d := range rp.diffs {
			if a, ok := rp.allowed(d); ok {
				allowedHere++
				st.allowReasons[d.reason]++
				_ = a
				continue
			}
			failing++
			st.reasons[d.reason]++
			failures = append(failures, d)
		}
		switch {
		case failing > 0:
			st.differing++
		case allowedHere > 0:
			st.matched++
			fam.matched++
			st.allowlisted++
		default:
			st.matched++
			fam.matched++
		}
	}
	return st, failures
}

const generatedID = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z]{2,4}_[A-Za-z0-9]{8,}|[0-9a-f]{24}|[A-Za-z0-9]{32}`

var (
	idSegment  = regexp.MustCompile(`/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z]{2,4}_[A-Za-z0-9]+|[0-9a-f]{24}|[A-Za-z0-9]{32}|https:[^/]+)(/|$)`)
	timestampR = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	// learnable are values that look like ids Auth0 generates;
	// learnableInBody finds them quoted in a JSON text.
	learnable       = regexp.MustCompile(`^(?:` + generatedID + `)$`)
	learnableInBody = regexp.MustCompile(`"(?:` + generatedID + `)"`)
)

// templatePath replaces ids in a path by {id} (for the unsupported counts).
func templatePath(p string) string {
	for {
		q := idSegment.ReplaceAllString(p, "/{id}$1")
		if q == p {
			return p
		}
		p = q
	}
}

// rewrite substitutes recorded ids, host and tenant name by the simulator's.
func (rp *replayer) rewrite(s string) string {
	if s == "" {
		return s
	}
	var pairs [][2]string
	for k, v := range rp.ids {
		if k != v {
			pairs = append(pairs, [2]string{k, v}, [2]string{url.PathEscape(k), url.PathEscape(v)})
		}
	}
	pairs = append(pairs, rp.hosts...)
	sort.Slice(pairs, func(i, j int) bool { return len(pairs[i][0]) > len(pairs[j][0]) })
	var args []string
	for _, p := range pairs {
		args = append(args, p[0], p[1])
	}
	return strings.NewReplacer(args...).Replace(s)
}

func (rp *replayer) diff(at, reason, detail string) {
	rp.diffs = append(rp.diffs, replayDiff{file: rp.file, interaction: rp.cur.id, method: rp.cur.method,
		path: rp.cur.path, at: at, reason: reason, detail: detail})
}

func (rp *replayer) allowed(d replayDiff) (replayAllow, bool) {
	for _, a := range replayAllowlist {
		if regexp.MustCompile(`^(?:`+a.file+`)$`).MatchString(rp.file) && (a.interaction < 0 || a.interaction == d.interaction) &&
			regexp.MustCompile(`^(?:`+a.at+`)$`).MatchString(d.at) && a.reason == d.reason {
			return a, true
		}
	}
	return replayAllow{}, false
}

// Keys compared loosely (rule 3).
var (
	looseSecretKeys = map[string]bool{"client_secret": true, "cert": true, "pkcs7": true}
	// next: a checkpoint cursor is opaque (members answer base64 of a time
	// and an id); verification_txt: a discovery domain's random TXT value;
	// provisioning_ticket_url: a connection's URL with a random ticket.
	looseGeneratedKeys = map[string]bool{"record": true, "awsPartnerEventSource": true, "azurePartnerTopic": true,
		"origin_domain_name": true, "thumbprint_sha256": true, "next": true, "verification_txt": true,
		"provisioning_ticket_url": true}
	looseActionStatus = map[string]bool{"pending": true, "building": true, "retrying": true, "built": true}
	countKeys         = map[string]bool{"total": true, "length": true}
	// setKeys are lists Auth0 treats as sets and answers in no fixed order
	// (consecutive GETs of an unchanged setting differ): compared as sets.
	setKeys = map[string]bool{"shields": true, "admin_notification_frequency": true}
	idKeys  = []string{"id", "client_id", "custom_domain_id", "themeId", "permission_name", "connection_id"}
)

// compare checks got against the recorded want (see TestReplayRecordings).
func (rp *replayer) compare(at, key string, want, got any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			rp.diff(at, "type", fmt.Sprintf("want object, got %s", jsonType(got)))
			return
		}
		rp.learnPair(w, g)
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		// Arrays first, so leftovers are known before counts are compared.
		sort.SliceStable(keys, func(i, j int) bool { return isArray(w[keys[i]]) && !isArray(w[keys[j]]) })
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				rp.diff(at+"."+k, "missing-key", fmt.Sprintf("recorded %s", short(w[k])))
				continue
			}
			if countKeys[k] && rp.cur.leftovers {
				continue
			}
			if k == "configuration" && strings.HasSuffix(at, ".options") {
				rp.compareKeysOnly(at+"."+k, w[k], gv)
				continue
			}
			rp.compare(at+"."+k, k, w[k], gv)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			rp.diff(at, "type", fmt.Sprintf("want array, got %s", jsonType(got)))
			return
		}
		if setKeys[key] {
			if !sameStringSet(w, g) {
				rp.diff(at, "value", fmt.Sprintf("want the set %s, got %s", short(w), short(g)))
			}
			return
		}
		rp.compareArray(at, w, g)
	case string:
		gs, ok := got.(string)
		switch {
		case w == "[REDACTED]" || looseSecretKeys[key]:
			return
		case !ok:
			rp.diff(at, "type", fmt.Sprintf("want string %q, got %s", w, short(got)))
		case looseGeneratedKeys[key]:
		case timestampR.MatchString(w):
			if !timestampR.MatchString(gs) {
				rp.diff(at, "value", fmt.Sprintf("want a timestamp, got %q", gs))
			}
		case key == "status" && strings.HasPrefix(rp.cur.path, "/api/v2/actions/") && looseActionStatus[w] && looseActionStatus[gs]:
		default:
			if learnable.MatchString(w) {
				if _, known := rp.ids[w]; !known && idKeyOrRef(key) {
					rp.ids[w] = gs
					return
				}
			}
			if exp := rp.rewrite(w); exp != gs {
				rp.diff(at, "value", fmt.Sprintf("want %q, got %q", exp, gs))
			}
		}
	default:
		if !jsonEqual(want, got) {
			rp.diff(at, "value", fmt.Sprintf("want %s, got %s", short(want), short(got)))
		}
	}
}

func idKeyOrRef(key string) bool {
	return key == "" || contains(idKeys, key) || strings.HasSuffix(key, "_id") || key == "value"
}

func sameStringSet(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, x := range a {
		count[fmt.Sprint(x)]++
	}
	for _, y := range b {
		count[fmt.Sprint(y)]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

func isArray(v any) bool { _, ok := v.([]any); return ok }

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 160 {
		return string(b[:160]) + "..."
	}
	return string(b)
}

// compareKeysOnly checks that every recorded key is there (values are
// write-only secrets shown encrypted).
func (rp *replayer) compareKeysOnly(at string, want, got any) {
	w, _ := want.(map[string]any)
	g, _ := got.(map[string]any)
	for k := range w {
		if _, ok := g[k]; !ok {
			rp.diff(at+"."+k, "missing-key", "recorded "+short(w[k]))
		}
	}
}

// identity returns the id of an array element (object with an id key).
func identity(v any) (string, string, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", "", false
	}
	for _, k := range idKeys {
		if s, ok := m[k].(string); ok && s != "" {
			return k, s, true
		}
	}
	return "", "", false
}

func (rp *replayer) compareArray(at string, want, got []any) {
	_, _, withIDs := identity(first(want))
	if !withIDs || (len(want) > 0 && !allLearnableIDs(want)) {
		if len(want) != len(got) {
			rp.diff(at, "length", fmt.Sprintf("recorded %d items, simulator %d: want %s got %s", len(want), len(got), short(want), short(got)))
			return
		}
		for i := range want {
			rp.compare(fmt.Sprintf("%s[%d]", at, i), "", want[i], got[i])
		}
		return
	}
	used := make([]bool, len(got))
	var unknown []int
	for i, w := range want {
		key, id, _ := identity(w)
		simID, known := rp.ids[id]
		if !known {
			unknown = append(unknown, i)
			continue
		}
		j := indexByID(got, key, simID, used)
		if j < 0 {
			rp.diff(fmt.Sprintf("%s[%s=%s]", at, key, id), "missing-element", "recorded "+short(w))
			continue
		}
		used[j] = true
		rp.compare(fmt.Sprintf("%s[%d]", at, i), "", w, got[j])
	}
	var free []int
	for j := range got {
		if !used[j] {
			free = append(free, j)
		}
	}
	if len(unknown) > 0 && len(unknown) == len(free) {
		for n, i := range unknown {
			rp.compare(fmt.Sprintf("%s[%d]", at, i), "", want[i], got[free[n]])
		}
		return
	}
	if len(unknown) > 0 {
		rp.cur.leftovers = true // objects the real tenant had before the recording
	}
}

func first(v []any) any {
	if len(v) == 0 {
		return nil
	}
	return v[0]
}

func allLearnableIDs(items []any) bool {
	for _, it := range items {
		_, id, ok := identity(it)
		if !ok || !learnable.MatchString(id) {
			return false
		}
	}
	return true
}

func indexByID(items []any, key, id string, used []bool) int {
	for j, it := range items {
		if m, ok := it.(map[string]any); ok && !used[j] && m[key] == id {
			return j
		}
	}
	return -1
}

// learnPair maps the ids of a recorded object to the simulator's before
// its keys are compared (so ids nested deeper resolve).
func (rp *replayer) learnPair(want, got map[string]any) {
	for _, k := range idKeys {
		w, ok1 := want[k].(string)
		g, ok2 := got[k].(string)
		if ok1 && ok2 && learnable.MatchString(w) {
			if _, known := rp.ids[w]; !known {
				rp.ids[w] = g
			}
		}
	}
}

// seedPreexisting puts into the simulator the objects the real tenant had
// before the recording (rule 7): an object read at /api/v2/{collection}/{id}
// whose id (an Auth0-generated one) no POST the simulator serves answered,
// stored as the first 200 answer of that path shows it. (An object created
// by a route the simulator does not serve, such as a client registered from
// a metadata document Auth0 fetches, is set up the same way; the creating
// interaction still counts as not matched.)
func (rp *replayer) seedPreexisting(cas *vcrCassette) {
	created := map[string]bool{}
	for _, it := range cas.Interactions {
		if it.Request.Method == http.MethodPost && rp.served(it.Request.Method, it.Request.URL) {
			for _, m := range learnableInBody.FindAllString(it.Response.Body, -1) {
				created[strings.Trim(m, `"`)] = true
			}
		}
	}
	seen := map[string]bool{}
	for _, it := range cas.Interactions {
		u, err := url.Parse(it.Request.URL)
		if err != nil {
			continue
		}
		if rp.hosts == nil {
			tenant, _, _ := strings.Cut(u.Host, ".")
			rp.hosts = [][2]string{{u.Host, rp.sim.Domain()}, {tenant, rp.sim.tenantName()}}
		}
		parts := strings.Split(strings.TrimPrefix(u.Path, "/api/v2/"), "/")
		if len(parts) != 2 || !learnable.MatchString(parts[1]) || created[parts[1]] || seen[u.Path] {
			continue
		}
		seen[u.Path] = true
		coll, ok := rp.sim.collections[parts[0]]
		var obj Object
		if !ok || it.Request.Method != http.MethodGet || it.Response.Code != http.StatusOK ||
			json.Unmarshal([]byte(rp.rewrite(it.Response.Body)), &obj) != nil || str(obj, coll.idKey()) != parts[1] {
			continue
		}
		_ = rp.sim.store.Update(func(tx *Tx) error {
			if _, exists := tx.Get(coll.Name, parts[1]); !exists {
				tx.Put(coll.Name, parts[1], obj)
				rp.ids[parts[1]] = parts[1]
			}
			return nil
		})
	}
}

// served reports whether a simulator route serves the method and URL.
func (rp *replayer) served(method, rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	_, pattern := rp.sim.mux.Handler(httptest.NewRequest(method, u.Path, nil))
	return pattern != "/api/v2/"
}

// singletonOf names the store object behind a singleton path.
func singletonOf(path string) (coll, id string, ok bool) {
	p := strings.TrimPrefix(path, "/api/v2/")
	parts := strings.Split(p, "/")
	switch {
	case p == "tenants/settings":
		return "tenants", SingletonID, true
	case p == "branding":
		return brandingColl, SingletonID, true
	case p == "prompts":
		return promptsColl, SingletonID, true
	case p == "prompts/mfa-push":
		return promptsColl, mfaPushID, true
	case p == "emails/provider":
		return emailsColl, emailProviderID, true
	case p == "branding/templates/universal-login":
		return brandingColl, universalLoginID, true
	case len(parts) == 2 && parts[0] == "attack-protection":
		return attackProtectionColl, parts[1], true
	case len(parts) == 2 && parts[0] == "email-templates":
		return emailTemplatesColl, parts[1], true
	case len(parts) == 4 && parts[0] == "prompts" && parts[2] == "custom-text":
		return customTextColl, parts[1] + "/" + parts[3], true
	case len(parts) == 3 && parts[0] == "prompts" && parts[2] == "partials":
		return promptPartialsColl, parts[1], true
	case p == "guardian/factors" || p == "guardian/policies":
		return guardianColl, parts[1], true
	case p == "guardian/factors/phone/message-types":
		return guardianColl, "message-types", true
	case p == "guardian/factors/push-notification/selected-provider":
		return guardianColl, "push-selected-provider", true
	case strings.HasPrefix(p, "guardian/factors/push-notification/providers/"):
		return guardianColl, "push-" + parts[4], true
	}
	return "", "", false
}

// primeList primes the tenant-wide state answered as a bare list: the MFA
// factors' enabled flags and the MFA policies.
func (rp *replayer) primeList(path string, code int, body string) bool {
	var list []any
	if code != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil {
		return path == "/api/v2/guardian/factors" || path == "/api/v2/guardian/policies"
	}
	_ = rp.sim.store.Update(func(tx *Tx) error {
		switch path {
		case "/api/v2/guardian/factors":
			for _, f := range list {
				if m, ok := f.(map[string]any); ok {
					tx.Put(guardianColl, "factor/"+str(m, "name"), Object{"id": "factor/" + str(m, "name"), "enabled": m["enabled"]})
				}
			}
		case "/api/v2/guardian/policies":
			tx.Put(guardianColl, "policies", Object{"id": "policies", "policies": list})
		}
		return nil
	})
	return path == "/api/v2/guardian/factors" || path == "/api/v2/guardian/policies"
}

// primeSingleton sets a singleton to the state the recording first shows
// (rule 5): a 200 answer's body (the template's body for the Universal
// Login page), or absent for a 404 or a successful create.
func (rp *replayer) primeSingleton(method, path string, code int, body string) {
	coll, id, ok := singletonOf(path)
	if !ok || rp.primed[coll+"/"+id] {
		return
	}
	rp.primed[coll+"/"+id] = true
	if rp.primeList(path, code, body) {
		return
	}
	var obj Object
	_ = json.Unmarshal([]byte(rp.rewrite(body)), &obj)
	_ = rp.sim.store.Update(func(tx *Tx) error {
		switch {
		case code == http.StatusNotFound || (method == http.MethodPost && code < 300):
			tx.Delete(coll, id)
		case method == http.MethodPut || method == http.MethodDelete || code >= 300 || obj == nil:
		case coll == brandingColl && id == universalLoginID:
			tx.Put(coll, id, Object{"body": obj["body"]})
		default:
			// Keys the simulator has and the answer lacks stay (Auth0's
			// PATCH and GET answers of tenant settings differ in a few keys).
			if cur, ok := tx.Get(coll, id); ok {
				applyDefaults(obj, cur)
			}
			tx.Put(coll, id, obj)
		}
		return nil
	})
}
