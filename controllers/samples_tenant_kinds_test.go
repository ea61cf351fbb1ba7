package controllers_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The samples of TenantSettings, AttackProtection, UniversalLogin, MultiFactorAuth, PhoneProvider,
// SelfServiceProfile, Connection, Organization and Role (with the
// Application and ResourceServer they reference) are valid and become Ready against the
// simulator, in the order a user might apply them: the referencing objects first.
func TestSamplesTenantKindsReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	files := []string{"organization_acme.yaml", "role_order_viewer.yaml", "role_order_manager.yaml", "connection_customers.yaml",
		"tenantsettings_prod.yaml", "attackprotection_prod.yaml", "universallogin_prod.yaml", "mfa_prod.yaml", "phoneprovider_prod.yaml", "selfserviceprofile_partners.yaml", "application_spa.yaml", "resourceserver_orders.yaml"}
	objs := f.applySamples(files...)
	start := time.Now()
	for _, o := range objs {
		f.waitReady(o)
	}
	total := 0
	for _, n := range f.sim.Stats().Calls {
		total += n
	}
	t.Logf("all %d samples Ready %v after the last was applied; %d Management API calls, %d writes", len(objs),
		time.Since(start).Round(100*time.Millisecond), total, f.writes())

	// What one observation of every unchanged sample costs: each object is reconciled once
	// (an annotation change); the lists come from the snapshots (one call per 100 objects per
	// drift interval), so what remains is each kind's own per-object reads.
	// Status times have whole seconds: let the last sync be a second old, so that a sync after
	// the touch is told apart from the ones before.
	var last time.Time
	for _, o := range objs {
		if ls := o.GetManagedStatus().LastSyncTime; ls != nil && ls.Time.After(last) {
			last = ls.Time
		}
	}
	f.eventually(func() (bool, string) { return time.Since(last) > 2*time.Second, "waiting for the clock" })
	before := f.sim.Stats().Calls
	touched := time.Now().Truncate(time.Second)
	for _, o := range objs {
		f.update(o, func() { o.SetAnnotations(map[string]string{"example.com/touched": touched.String()}) })
	}
	for _, o := range objs {
		f.eventually(func() (bool, string) {
			f.get(o)
			last := o.GetManagedStatus().LastSyncTime
			return last != nil && !last.Time.Before(touched), o.GetName() + " not observed again"
		})
	}
	after := f.sim.Stats().Calls
	var routes []string
	for k, v := range after {
		if d := v - before[k]; d > 0 {
			routes = append(routes, k+": "+strconv.Itoa(d))
			if !strings.HasPrefix(k, "GET ") {
				t.Errorf("an idle observation wrote: %s %d times", k, d)
			}
		}
	}
	slices.Sort(routes)
	// One read of each per-object part: a referenced object's routine status writes (its own
	// touch here) must not make its referrers observe again.
	for route, want := range map[string]int{
		"GET /api/v2/roles/{id}/permissions":                   2, // two roles
		"GET /api/v2/connections/{id}/clients":                 1,
		"GET /api/v2/organizations/{id}/{sub}":                 1, // enabled_connections
		"GET /api/v2/tenants/settings":                         1,
		"GET /api/v2/attack-protection/brute-force-protection": 1,
	} {
		if got := after[route] - before[route]; got != want {
			t.Errorf("%s: %d calls for one observation, want %d", route, got, want)
		}
	}
	t.Logf("calls for one observation of each of the %d samples: %v", len(objs), routes)
}

func TestPrinterColumnsTenantKinds(t *testing.T) {
	for _, kind := range []string{"tenantsettings", "attackprotections", "connections", "organizations", "roles"} {
		crd := crdColumns(t, kind+".auth0.a0ops.dev")
		for _, want := range []string{"Ready", "Synced", "Reason", "ID"} {
			if !slices.Contains(crd, want) {
				t.Errorf("%s: no %s column (columns %v)", kind, want, crd)
			}
		}
	}
}
