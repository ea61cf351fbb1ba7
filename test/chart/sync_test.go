package chart

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/a0ops/auth0-operator/internal/testenv"
)

// TestChartCopiesAreUpToDate fails when a generated file changed and `make chart-sync` was not
// run: the chart ships copies of the CRDs, RBAC rules, alert rules and dashboard.
func TestChartCopiesAreUpToDate(t *testing.T) {
	root := testenv.Root()
	pairs := map[string]string{ // chart copy -> source
		"files/rbac/role.yaml":              "config/rbac/role.yaml",
		"files/prometheus/alerts.yaml":      "config/prometheus/alerts.yaml",
		"files/grafana/auth0-operator.json": "config/grafana/auth0-operator.json",
	}
	src, _ := filepath.Glob(filepath.Join(root, "config", "crd", "bases", "*.yaml"))
	if len(src) == 0 {
		t.Fatal("no CRDs in config/crd/bases")
	}
	for _, s := range src {
		pairs["files/crds/"+filepath.Base(s)] = "config/crd/bases/" + filepath.Base(s)
	}
	for copyPath, srcPath := range pairs {
		want, err := os.ReadFile(filepath.Join(root, srcPath))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(chartDir, copyPath))
		if err != nil {
			t.Errorf("%s: %v; run `make chart-sync`", copyPath, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("charts/auth0-operator/%s differs from %s; run `make chart-sync`", copyPath, srcPath)
		}
	}
	// A CRD removed from config/crd/bases must leave the chart too.
	copies, _ := filepath.Glob(filepath.Join(chartDir, "files", "crds", "*"))
	var stale []string
	for _, c := range copies {
		if _, ok := pairs["files/crds/"+filepath.Base(c)]; !ok {
			stale = append(stale, filepath.Base(c))
		}
	}
	if len(stale) > 0 {
		t.Errorf("charts/auth0-operator/files/crds has CRDs that config/crd/bases no longer has: %v; run `make chart-sync`", stale)
	}
}

var metricName = regexp.MustCompile(`\b(auth0_[a-z0-9_]+)`)

// TestAlertsAndDashboardUseExistingMetrics fails when an alert or a panel queries a metric the
// operator does not export (a typo, or a metric renamed in the code).
func TestAlertsAndDashboardUseExistingMetrics(t *testing.T) {
	defined := definedMetrics(t)
	if len(defined) < 5 {
		t.Fatalf("found only %d metric definitions in internal/: %v", len(defined), defined)
	}

	var exprs []string
	rule := readYAML(t, "config/prometheus/alerts.yaml")
	var alerts []string
	for _, g := range rule["spec"].(map[string]any)["groups"].([]any) {
		for _, r := range g.(map[string]any)["rules"].([]any) {
			r := r.(map[string]any)
			alerts = append(alerts, r["alert"].(string))
			exprs = append(exprs, r["expr"].(string))
			if ann, _ := r["annotations"].(map[string]any); ann["summary"] == nil || ann["description"] == nil {
				t.Errorf("alert %s: needs a summary and a description", r["alert"])
			}
		}
	}
	for _, want := range []string{"Auth0BudgetNearlyExhausted", "Auth0ObjectsStalled", "Auth0DriftRecurring", "Auth0RateLimited"} {
		if !contains(alerts, want) {
			t.Errorf("alerts.yaml has no alert %s (has %v)", want, alerts)
		}
	}

	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	b, err := os.ReadFile(filepath.Join(testenv.Root(), "config", "grafana", "auth0-operator.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &dash); err != nil {
		t.Fatalf("dashboard is not valid JSON: %v", err)
	}
	var titles []string
	for _, p := range dash.Panels {
		titles = append(titles, p.Title)
		for _, tg := range p.Targets {
			exprs = append(exprs, tg.Expr)
		}
	}
	for _, want := range []string{"Rate-limit budget remaining", "Calls by operation", "429 responses", "Drift events by kind", "Reconciles not ending Ready, by reason"} {
		if !contains(titles, want) {
			t.Errorf("dashboard has no panel %q (has %v)", want, titles)
		}
	}

	used := map[string]bool{}
	for _, e := range exprs {
		for _, m := range metricName.FindAllStringSubmatch(e, -1) {
			used[m[1]] = true
		}
	}
	if len(used) == 0 {
		t.Fatal("no auth0_* metric found in any alert or panel")
	}
	for name := range used {
		base := name
		for _, suffix := range []string{"_bucket", "_count", "_sum"} {
			if strings.HasSuffix(name, suffix) && defined[strings.TrimSuffix(name, suffix)] {
				base = strings.TrimSuffix(name, suffix)
			}
		}
		if !defined[base] {
			t.Errorf("%s is queried by an alert or panel but not defined in internal/ (defined: %v)", name, keys(defined))
		}
	}
}

// definedMetrics finds `Name: "auth0_..."` in the operator's non-test Go sources.
func definedMetrics(t *testing.T) map[string]bool {
	t.Helper()
	re := regexp.MustCompile(`(?:Name:\s*|NewDesc\(\s*)"(auth0_[a-z0-9_]+)"`)
	found := map[string]bool{}
	err := filepath.Walk(filepath.Join(testenv.Root(), "internal"), func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			found[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestReadmeDescribesEveryValue fails when values.yaml gains a key the chart README's values
// table does not name (a key is covered by itself or by a parent documented as a whole).
func TestReadmeDescribesEveryValue(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(chartDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	values := readYAML(t, "charts/auth0-operator/values.yaml")
	var missing []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := prefix + k
			if bytes.Contains(readme, []byte("`"+key+"`")) {
				continue
			}
			if sub, ok := v.(map[string]any); ok && len(sub) > 0 {
				walk(key+".", sub)
				continue
			}
			missing = append(missing, key)
		}
	}
	walk("", values)
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("charts/auth0-operator/README.md does not describe: %v", missing)
	}
}
