package controllers_test

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func strictDatabase(f *fixture, name string) *v1alpha1.Connection {
	return &v1alpha1.Connection{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "auth0", DisplayName: "Customers",
			Database: &v1alpha1.DatabaseOptions{
				PasswordPolicy:         "excellent",
				PasswordComplexity:     &v1alpha1.PasswordComplexity{MinLength: 14},
				PasswordHistory:        &v1alpha1.PasswordHistory{Enabled: true, Size: valPtr[int32](5)},
				PasswordDictionary:     &v1alpha1.PasswordDictionary{Enabled: true, Dictionary: []string{"acme"}},
				PasswordNoPersonalInfo: valPtr(true),
				BruteForceProtection:   valPtr(true),
				RequiresUsername:       valPtr(true),
				UsernameLength:         &v1alpha1.UsernameLength{Min: 3, Max: 20},
				DisableSignup:          valPtr(false),
			},
			Metadata: map[string]string{"team": "identity"}},
	}
}

// connectionClients reads a connection's enabled clients through the endpoint Auth0 manages
// them at, as the simulator stores them.
func connectionClients(f *fixture, id string) []string {
	return strs(f.simObject("connections", id)["enabled_clients"])
}

// A database connection with a strict password policy, enabled for an Application that does
// not exist yet: it waits, then is created with its options, and its clients are managed
// through /connections/{id}/clients, never through the connection's enabled_clients.
func TestConnectionDatabaseEnabledClientsAndDrift(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	conn := strictDatabase(f, "customers")
	conn.Spec.EnabledClients = []v1alpha1.ApplicationReference{{ApplicationRef: &v1alpha1.LocalObjectReference{Name: "storefront"}}}
	f.create(conn)
	c := f.waitCondition(conn, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "Application storefront") {
		t.Errorf("waiting message %q", c.Message)
	}
	if n := f.calls("POST /api/v2/connections"); n != 0 {
		t.Fatalf("%d creates before the Application exists", n)
	}
	app := spa(f, "storefront", "https://shop.example.com/callback")
	f.create(app)
	f.waitReady(conn)
	f.get(app)

	got := f.simObject("connections", conn.Status.ID)
	opts := got["options"].(map[string]any)
	if got["name"] != "customers" || got["strategy"] != "auth0" || got["display_name"] != "Customers" {
		t.Fatalf("connection in Auth0: %v", got)
	}
	for k, want := range map[string]string{
		"passwordPolicy": `"excellent"`, "password_complexity_options": `{"min_length":14}`,
		"password_history": `{"enable":true,"size":5}`, "password_dictionary": `{"dictionary":["acme"],"enable":true}`,
		"password_no_personal_info": `{"enable":true}`, "brute_force_protection": `true`, "requires_username": `true`,
		"validation": `{"username":{"max":20,"min":3}}`, "disable_signup": `false`,
	} {
		if b, _ := json.Marshal(opts[k]); string(b) != want {
			t.Errorf("options.%s = %s, want %s", k, b, want)
		}
	}
	if cl := connectionClients(f, conn.Status.ID); !slices.Equal(cl, []string{app.Status.ID}) {
		t.Fatalf("enabled clients = %v, want [%s]", cl, app.Status.ID)
	}
	if n := f.calls("PATCH /api/v2/connections/{id}/clients"); n != 1 {
		t.Errorf("%d calls to PATCH /connections/{id}/clients, want 1", n)
	}

	// An option changed in Git is sent with the options Auth0 filled in (Auth0 replaces the
	// options as a whole): the server's mfa and strategy_version survive.
	f.update(conn, func() { conn.Spec.Database.PasswordPolicy = "good" })
	f.waitReady(conn)
	opts = f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	if opts["passwordPolicy"] != "good" || opts["mfa"] == nil || opts["strategy_version"] == nil || opts["password_history"] == nil {
		t.Errorf("options after update: %v", opts)
	}

	// A client added in Git: one more connection-clients call, no connection PATCH.
	other, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "back-office", "app_type": "regular_web"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	patches, clientCalls := f.calls("PATCH /api/v2/connections/{id}"), f.calls("PATCH /api/v2/connections/{id}/clients")
	f.update(conn, func() {
		conn.Spec.EnabledClients = append(conn.Spec.EnabledClients, v1alpha1.ApplicationReference{ClientID: other["client_id"].(string)})
	})
	f.waitReady(conn)
	want := []string{app.Status.ID, other["client_id"].(string)}
	slices.Sort(want)
	if cl := connectionClients(f, conn.Status.ID); !slices.Equal(cl, want) {
		t.Fatalf("enabled clients = %v, want %v", cl, want)
	}
	if n := f.calls("PATCH /api/v2/connections/{id}/clients") - clientCalls; n != 1 {
		t.Errorf("%d connection-clients calls for one added client", n)
	}
	if n := f.calls("PATCH /api/v2/connections/{id}") - patches; n != 0 {
		t.Errorf("adding a client patched the connection %d times", n)
	}

	// The dashboard disables a client and changes the policy: drift, corrected.
	f.sim.PatchObject("connections", conn.Status.ID, auth0sim.Object{"enabled_clients": []any{app.Status.ID}})
	if note := f.waitEvent("customers", "DriftDetected"); !strings.Contains(note, "enabled_clients") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		cl := connectionClients(f, conn.Status.ID)
		return slices.Equal(cl, want), fmt.Sprintf("enabled clients = %v", cl)
	})
	opts = f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	opts["passwordPolicy"] = "low"
	f.sim.PatchObject("connections", conn.Status.ID, auth0sim.Object{"options": opts})
	f.eventually(func() (bool, string) {
		p := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)["passwordPolicy"]
		f.get(conn)
		return p == "good" && conn.Status.Drift != nil && slices.Contains(conn.Status.Drift.Fields, "options.passwordPolicy"),
			fmt.Sprintf("passwordPolicy %v, drift %+v", p, conn.Status.Drift)
	})

	// Name and strategy are create-only: refused at apply time.
	if err := f.refusedUpdate(conn, func() { conn.Spec.Strategy = "google-oauth2" }); !strings.Contains(err.Error(), "strategy cannot be changed") {
		t.Errorf("strategy change: err = %v", err)
	}
	if err := f.refusedUpdate(conn, func() { conn.Spec.Name = "renamed" }); !strings.Contains(err.Error(), "name cannot be") {
		t.Errorf("name change: err = %v", err)
	}

	id := conn.Status.ID
	f.get(conn)
	f.delete(conn)
	f.waitGone(conn)
	if _, ok := f.sim.Object("connections", id); ok {
		t.Error("connection still in Auth0")
	}
}

// A social connection's client secret comes from a Secret: the connection waits for it, Auth0
// gets the value, status and Events never do, and a changed Secret is sent again.
func TestConnectionSecretOptions(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const secret, rotated = "gsecret-0123456789-abcdef", "gsecret-rotated-9876543210"
	conn := &v1alpha1.Connection{
		ObjectMeta: metav1.ObjectMeta{Name: "google", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "google-oauth2",
			Options: map[string]apiextensionsv1.JSON{"client_id": {Raw: []byte(`"google-client"`)},
				"email": {Raw: []byte(`true`)}, "profile": {Raw: []byte(`true`)}},
			SecretOptions: map[string]v1alpha1.SecretValueSource{
				"client_secret": {SecretKeyRef: v1alpha1.SecretKeySelector{Name: "google-oauth", Key: "clientSecret"}}}},
	}
	f.create(conn)
	c := f.waitCondition(conn, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "Secret google-oauth") {
		t.Errorf("waiting message %q", c.Message)
	}
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "google-oauth", Namespace: f.ns},
		StringData: map[string]string{"clientSecret": secret}}
	f.create(sec)
	f.waitReady(conn)
	opts := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	if opts["client_secret"] != secret || opts["client_id"] != "google-client" {
		t.Fatalf("options in Auth0: %v", opts)
	}
	digest := inputDigest(conn, "secretOptions.client_secret")
	if digest == "" {
		t.Fatal("no digest of the secret option in status.inputs")
	}

	f.update(sec, func() { sec.Data = map[string][]byte{"clientSecret": []byte(rotated)} })
	f.eventually(func() (bool, string) {
		o := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
		return o["client_secret"] == rotated, "client_secret not resent"
	})
	// A changed Secret is an update, not drift.
	f.waitReady(conn)
	if note := f.waitEvent("google", "Updated"); !strings.Contains(note, "secretOptions") {
		t.Errorf("Updated note %q", note)
	}
	for _, e := range f.events() {
		if strings.HasPrefix(e, "DriftDetected") {
			t.Errorf("a Secret change reported as drift: %s", e)
		}
	}
	f.eventually(func() (bool, string) {
		f.get(conn)
		return inputDigest(conn, "secretOptions.client_secret") != digest, "digest unchanged"
	})
	if o := f.simObject("connections", conn.Status.ID)["options"].(map[string]any); o["client_id"] != "google-client" {
		t.Errorf("options after the secret change: %v", o)
	}

	b, _ := json.Marshal(conn)
	for _, v := range []string{secret, rotated} {
		if strings.Contains(string(b), v) {
			t.Errorf("secret in the object: %s", b)
		}
		for _, e := range f.events() {
			if strings.Contains(e, v) {
				t.Errorf("secret in an Event: %s", e)
			}
		}
	}

	// A secret option given inline is refused before anything reaches Auth0.
	creates := f.calls("POST /api/v2/connections")
	bad := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "inline", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "oidc",
			Options: map[string]apiextensionsv1.JSON{"client_secret": {Raw: []byte(`"x"`)}}}}
	f.create(bad)
	c = f.waitCondition(bad, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "spec.secretOptions") {
		t.Errorf("Stalled message %q", c.Message)
	}
	if n := f.calls("POST /api/v2/connections") - creates; n != 0 {
		t.Errorf("%d creates of an invalid connection", n)
	}
	// Database options on another strategy are refused at apply time.
	bad = &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "db-on-oidc", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "oidc", Database: &v1alpha1.DatabaseOptions{PasswordPolicy: "good"}}}
	if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "auth0 strategy only") {
		t.Errorf("database options on oidc: err = %v", err)
	}
}

// ObserveOnly adopts the tenant's default database connection by name and reports, never
// corrects, what differs.
func TestConnectionObserveOnly(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	conn := &v1alpha1.Connection{
		ObjectMeta: metav1.ObjectMeta{Name: "default-db", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Name: "Username-Password-Authentication", Strategy: "auth0",
			Database: &v1alpha1.DatabaseOptions{PasswordPolicy: "excellent"}},
	}
	conn.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	writes := f.writes()
	f.create(conn)
	c := f.waitCondition(conn, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "options.passwordPolicy") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}
}

// valPtr returns a pointer to a copy of v.
func valPtr[T any](v T) *T { return &v }

// simConnectionNamed is the simulator's connection with name.
func simConnectionNamed(f *fixture, name string) auth0sim.Object {
	f.t.Helper()
	for _, o := range f.sim.Objects("connections") {
		if o["name"] == name {
			return o
		}
	}
	f.t.Fatalf("simulator has no connection %s", name)
	return nil
}

// Adopting the tenant's Username-Password-Authentication with a spec that only sets its password
// policy leaves the applications that use it alone (enabledClients left out is not managed);
// an explicit enabledClients: [] applied later survives the API server and disables them all.
func TestConnectionWithoutEnabledClientsLeavesThemAlone(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	other, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "back-office", "app_type": "regular_web"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	upa := simConnectionNamed(f, "Username-Password-Authentication")
	id := upa["id"].(string)
	clients := append(strs(upa["enabled_clients"]), other["client_id"].(string))
	slices.Sort(clients)
	f.sim.PatchObject("connections", id, auth0sim.Object{"enabled_clients": clients})

	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "database", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Name: "Username-Password-Authentication", Strategy: "auth0",
			Database: &v1alpha1.DatabaseOptions{PasswordPolicy: "excellent"}}}
	conn.Spec.ExternalID = id
	f.create(conn)
	f.waitReady(conn)
	if p := f.simObject("connections", id)["options"].(map[string]any)["passwordPolicy"]; p != "excellent" {
		t.Errorf("passwordPolicy = %v, want excellent", p)
	}
	if cl := connectionClients(f, id); !slices.Equal(cl, clients) {
		t.Fatalf("enabled clients after adoption = %v, want %v (untouched)", cl, clients)
	}
	if n := f.calls("PATCH /api/v2/connections/{id}/clients"); n != 0 {
		t.Errorf("%d calls to PATCH /connections/{id}/clients for a spec that leaves them out", n)
	}

	// kubectl apply of enabledClients: [] (a merge patch, as YAML gives it).
	if err := env.Client.Patch(f.ctx, conn, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"enabledClients":[]}}`))); err != nil {
		t.Fatal(err)
	}
	f.waitReady(conn)
	if conn.Spec.EnabledClients == nil {
		t.Fatal("enabledClients: [] came back from the API server as left out")
	}
	if cl := connectionClients(f, id); len(cl) != 0 {
		t.Errorf("enabled clients after enabledClients: [] = %v, want none", cl)
	}
}

// An adopted social connection whose Secret holds a placeholder: a change of the display name
// keeps the client secret Auth0 has; a change of the Secret's value is written once; a later
// display name change does not send the (unchanged) Secret's value again.
func TestConnectionWritesSecretOptionsOnlyWhenTheyChanged(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const real, placeholder, rotated, edited = "gsecret-production-71c2", "REPLACE-ME", "gsecret-rotated-05ad", "gsecret-dashboard-e3b9"
	existing, apiErr := f.sim.CreateObject("connections", auth0sim.Object{"name": "google", "strategy": "google-oauth2",
		"display_name": "Google", "options": map[string]any{"client_id": "google-client", "client_secret": real}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	id := existing["id"].(string)
	clientSecret := func() any { return f.simObject("connections", id)["options"].(map[string]any)["client_secret"] }
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "google-oauth", Namespace: f.ns},
		StringData: map[string]string{"clientSecret": placeholder}}
	f.create(sec)
	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "google", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "google-oauth2", DisplayName: "Google",
			Options: map[string]apiextensionsv1.JSON{"client_id": {Raw: []byte(`"google-client"`)}},
			SecretOptions: map[string]v1alpha1.SecretValueSource{
				"client_secret": {SecretKeyRef: v1alpha1.SecretKeySelector{Name: "google-oauth", Key: "clientSecret"}}}}}
	conn.Spec.ExternalID = id
	f.create(conn)
	f.waitReady(conn)
	if w := f.writes(); w != 0 {
		t.Fatalf("adoption wrote %d times", w)
	}

	displayName := func(name string) {
		t.Helper()
		f.update(conn, func() { conn.Spec.DisplayName = name })
		f.eventually(func() (bool, string) {
			return f.simObject("connections", id)["display_name"] == name, "display name not written"
		})
		f.waitReady(conn)
	}
	displayName("Google accounts")
	if s := clientSecret(); s != real {
		t.Fatalf("after a display name change Auth0's client_secret is %q, want the one it had", s)
	}

	patches := f.calls("PATCH /api/v2/connections/{id}")
	f.update(sec, func() { sec.Data = map[string][]byte{"clientSecret": []byte(rotated)} })
	f.eventually(func() (bool, string) { s := clientSecret(); return s == rotated, fmt.Sprintf("client_secret %v", s) })
	f.waitReady(conn)
	if n := f.calls("PATCH /api/v2/connections/{id}") - patches; n != 1 {
		t.Errorf("%d writes for one changed secret, want 1", n)
	}

	f.sim.PatchObject("connections", id, auth0sim.Object{"options": map[string]any{"client_secret": edited}})
	displayName("Google (work)")
	if s := clientSecret(); s != edited {
		t.Errorf("a display name change sent the unchanged Secret again: Auth0 has %q", s)
	}
	for _, v := range []string{real, placeholder, rotated, edited} {
		f.noLeak(conn, v)
	}
}

// laterPageFails points a new Tenant of f at f's simulator through a server that, until the
// returned function is called, serves every request for a later page (checkpoint: from;
// offset: page > 0) under the simulator's error fault (503), and makes it the fixture's tenant.
// First pages are answered: a read that stops at page 1 sees a plausible, partial list.
func laterPageFails(f *fixture) (stop func()) {
	f.t.Helper()
	var failing atomic.Bool
	var mu sync.Mutex
	failing.Store(true)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if failing.Load() && (q.Get("from") != "" || (q.Get("page") != "" && q.Get("page") != "0")) {
			mu.Lock()
			defer mu.Unlock()
			f.sim.SetFaults(auth0sim.Faults{ErrorRate: 1, ErrorStatus: http.StatusServiceUnavailable})
			defer f.sim.ClearFaults()
		}
		f.sim.ServeHTTP(w, r)
	}))
	f.t.Cleanup(srv.Close)
	rps := resource.MustParse("100")
	spec := f.tenantSpec(&rps, time.Hour)
	spec.BaseURL = srv.URL
	spec.CABundle = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}))
	f.create(&v1alpha1.Tenant{ObjectMeta: metav1.ObjectMeta{Name: "paged", Namespace: f.ns}, Spec: spec})
	f.waitTenantReady("paged")
	f.tenant = "paged"
	return func() { failing.Store(false) }
}

// A connection used by 150 applications, whose second page of enabled clients fails: the
// Connection reports the error and nothing is enabled or disabled (page 1 is not the whole
// set); once Auth0 answers again it converges without a write.
func TestConnectionEnabledClientsLaterPageErrorChangesNothing(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	var ids []any
	var refs []v1alpha1.ApplicationReference
	for i := range 150 {
		cl, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": fmt.Sprintf("partner-%03d", i)})
		if apiErr != nil {
			t.Fatal(apiErr)
		}
		ids = append(ids, cl["client_id"])
		refs = append(refs, v1alpha1.ApplicationReference{ClientID: cl["client_id"].(string)})
	}
	existing, apiErr := f.sim.CreateObject("connections", auth0sim.Object{"name": "partners", "strategy": "auth0", "enabled_clients": ids})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	id := existing["id"].(string)
	stop := laterPageFails(f)

	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "partners", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "auth0", EnabledClients: refs}}
	conn.Spec.ExternalID = id
	f.create(conn)
	f.waitCondition(conn, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonAuth0Error)
	if n := f.calls("PATCH /api/v2/connections/{id}/clients"); n != 0 {
		t.Fatalf("%d enabled-clients writes from a partial read", n)
	}
	if cl := connectionClients(f, id); len(cl) != 150 {
		t.Fatalf("%d enabled clients in Auth0, want 150", len(cl))
	}
	if meta.IsStatusConditionTrue(conn.Status.Conditions, v1alpha1.ConditionReady) {
		t.Errorf("Ready after a failed read: %+v", conn.Status.Conditions)
	}

	stop()
	f.waitReady(conn)
	if n := f.writes(); n != 0 {
		t.Errorf("%d writes once the whole set was read", n)
	}
}

// More enabled clients than the CRD allows are refused when applied, with the limit named:
// the operator never takes the first N.
func TestConnectionMoreEnabledClientsThanTheLimitIsRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	refs := make([]v1alpha1.ApplicationReference, 501)
	for i := range refs {
		refs[i].ClientID = fmt.Sprintf("client-%03d", i)
	}
	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "big", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "auth0", EnabledClients: refs}}
	err := env.Client.Create(f.ctx, conn)
	if err == nil || !strings.Contains(err.Error(), "spec.enabledClients") || !strings.Contains(err.Error(), "500") {
		t.Fatalf("501 enabled clients: %v, want a refusal naming spec.enabledClients and its limit", err)
	}
}
