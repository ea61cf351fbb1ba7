package external

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// identityKube is a cluster with the Secret "secrets" of namespace team holding values, plus,
// when refs is set, what exportKind's references name: every client as an Application, every
// connection and API as a Ready Connection and ResourceServer.
func identityKube(t *testing.T, sim *auth0sim.Server, values map[string]string, refs bool) client.Reader {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := v1alpha1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	if err := corev1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	team := func(name string) metav1.ObjectMeta { return metav1.ObjectMeta{Name: name, Namespace: "team"} }
	sec := &corev1.Secret{ObjectMeta: team("secrets"), Data: map[string][]byte{}}
	for k, v := range values {
		sec.Data[k] = []byte(v)
	}
	objs := []client.Object{sec}
	if !refs {
		return fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).Build()
	}
	ready := func(st *v1alpha1.ManagedStatus, id string) {
		st.ID = id
		st.Conditions = []metav1.Condition{{Type: v1alpha1.ConditionReady, Status: metav1.ConditionTrue, Reason: "Available", LastTransitionTime: metav1.Now()}}
	}
	for _, o := range sim.Objects("clients") {
		app := &v1alpha1.Application{ObjectMeta: team("ref-Application-" + stringOf(o, "client_id"))}
		ready(&app.Status.ManagedStatus, stringOf(o, "client_id"))
		objs = append(objs, app)
	}
	for _, o := range sim.Objects("connections") {
		conn := &v1alpha1.Connection{ObjectMeta: team("ref-Connection-" + idOf(o))}
		ready(&conn.Status.ManagedStatus, idOf(o))
		objs = append(objs, conn)
	}
	for _, o := range sim.Objects("resource-servers") {
		rs := &v1alpha1.ResourceServer{ObjectMeta: team("ref-ResourceServer-" + stringOf(o, "identifier")),
			Spec: v1alpha1.ResourceServerSpec{Identifier: stringOf(o, "identifier")}}
		ready(&rs.Status.ManagedStatus, idOf(o))
		objs = append(objs, rs)
	}
	return fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).Build()
}

// byName finds an exported object by its Auth0 name.
func byName(t *testing.T, objs map[string]exportedObject, name string) exportedObject {
	t.Helper()
	for _, e := range objs {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("%s not exported", name)
	return exportedObject{}
}

func rawJSON(t *testing.T, v apiextensionsv1.JSON) any {
	t.Helper()
	var out any
	if err := json.Unmarshal(v.Raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExportIdentityAdoptsWithoutChange(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	values := sim.PopulateIdentity(16)
	c := simClient(t, sim)
	conns := exportKind(t, c, connectionExporter)
	orgs := exportKind(t, c, organizationExporter)
	roles := exportKind(t, c, roleExporter)
	if len(conns) != 17 || len(orgs) != 16 || len(roles) != 16 {
		t.Fatalf("exported %d connections, %d organizations, %d roles; want 17, 16, 16", len(conns), len(orgs), len(roles))
	}
	keys := map[string]bool{}
	for _, objs := range []map[string]exportedObject{conns, orgs, roles} {
		for id, e := range objs {
			if e.Skip != "" {
				t.Errorf("%s: skip %q", id, e.Skip)
			}
			for k := range e.SecretKeys {
				keys[k] = true
			}
		}
	}
	if got, want := slices.Sorted(maps.Keys(keys)), slices.Sorted(maps.Keys(values)); !slices.Equal(got, want) {
		t.Errorf("secret keys %v, Populate's %v", got, want)
	}

	kube := identityKube(t, sim, values, true)
	observeExported(t, c, NewConnection(kube, kube), conns)
	observeExported(t, c, NewOrganization(kube), orgs)
	observeExported(t, c, NewRole(kube), roles)

	connSpec := func(name string) v1alpha1.ConnectionSpec {
		s := byName(t, conns, name).Object.(*v1alpha1.Connection).Spec
		s.ManagedSpec = v1alpha1.ManagedSpec{}
		return s
	}
	ref := func(kind, id string) *v1alpha1.LocalObjectReference {
		return &v1alpha1.LocalObjectReference{Name: "ref-" + kind + "-" + id}
	}
	clientID := func(name string) string {
		for _, o := range sim.Objects("clients") {
			if o["name"] == name {
				return o["client_id"].(string)
			}
		}
		t.Fatalf("no client %s", name)
		return ""
	}
	defaultApp := clientID("Default App")

	userPass := byName(t, conns, "Username-Password-Authentication")
	if d := cmp.Diff(v1alpha1.ConnectionSpec{Name: "Username-Password-Authentication", Strategy: "auth0",
		DisplayName: "Username-Password-Authentication", EnabledClients: []v1alpha1.ApplicationReference{{ApplicationRef: ref("Application", defaultApp)}}},
		connSpec(userPass.Name)); d != "" {
		t.Errorf("a new tenant's database connection exports more than Auth0 gave it (-want +got):\n%s", d)
	}

	strict := byName(t, conns, "identity-db-00")
	if d := cmp.Diff(v1alpha1.ConnectionSpec{Name: "identity-db-00", Strategy: "auth0", DisplayName: "Identity customers 00",
		Database: &v1alpha1.DatabaseOptions{PasswordPolicy: "excellent", PasswordComplexity: &v1alpha1.PasswordComplexity{MinLength: 12},
			PasswordHistory: &v1alpha1.PasswordHistory{Enabled: true, Size: ptr(int32(5))}, PasswordNoPersonalInfo: ptr(true),
			PasswordDictionary: &v1alpha1.PasswordDictionary{Enabled: true, Dictionary: []string{"acme", "identity"}}, DisableSignup: ptr(true)},
		EnabledClients: []v1alpha1.ApplicationReference{}, // no client: the empty set is managed too
		Metadata:       map[string]string{"team": "identity", "ticket": "IAM-100"}}, connSpec(strict.Name)); d != "" {
		t.Errorf("database options (-want +got):\n%s", d)
	}
	custom := connSpec("identity-db-04")
	if len(custom.Options) != 0 {
		t.Errorf("options beside the database section: %s", asJSON(t, custom.Options))
	}
	if db := custom.Database; db == nil || !cmp.Equal(db.MFA, &v1alpha1.DatabaseMFA{Active: ptr(false)}) ||
		!cmp.Equal(db.AuthenticationMethods, &v1alpha1.AuthenticationMethods{Passkey: &v1alpha1.EnabledMethod{Enabled: true}}) ||
		!slices.Equal(db.NonPersistentAttrs, []string{"ssn"}) || !cmp.Equal(db.DisableSelfServiceChangePassword, ptr(true)) ||
		db.PasskeyOptions != nil || db.PasswordOptions != nil || db.PasswordPolicy != "fair" || db.UsernameLength == nil || *db.UsernameLength != (v1alpha1.UsernameLength{Min: 3, Max: 20}) ||
		db.BruteForceProtection == nil || *db.BruteForceProtection || !slices.Equal(custom.Realms, []string{"identity-db-04-realm"}) {
		t.Errorf("database section %+v, realms %v", db, custom.Realms)
	}

	google := byName(t, conns, "identity-google-01")
	gs := connSpec(google.Name)
	if got := gs.SecretOptions["client_secret"].SecretKeyRef; got != (v1alpha1.SecretKeySelector{Name: "secrets", Key: "client_secret"}) || len(gs.SecretOptions) != 1 {
		t.Errorf("client_secret: %+v", gs.SecretOptions)
	}
	if _, leaked := gs.Options["client_secret"]; leaked || gs.Options["client_id"].Raw == nil || google.SecretKeys["client_secret"] == "" {
		t.Errorf("options %v, secret keys %v", slices.Sorted(maps.Keys(gs.Options)), google.SecretKeys)
	}
	if ec := gs.EnabledClients; len(ec) != 1 || ec[0].ApplicationRef == nil {
		t.Errorf("enabled clients %+v", ec)
	}

	org := byName(t, orgs, "identity-org-00").Object.(*v1alpha1.Organization).Spec
	org.ManagedSpec = v1alpha1.ManagedSpec{}
	wantOrg := v1alpha1.OrganizationSpec{Name: "identity-org-00", DisplayName: "Identity Customer 00",
		Branding: &v1alpha1.OrganizationBranding{LogoURL: "https://cdn.example.com/org-00.svg",
			Colors: &v1alpha1.OrganizationColors{Primary: "#0059d6", PageBackground: "#ffffff"}},
		Metadata: map[string]string{"plan": "free", "region": "eu"},
		EnabledConnections: []v1alpha1.OrganizationConnection{
			{ConnectionRef: ref("Connection", userPass.ID), AssignMembershipOnLogin: ptr(true), IsSignupEnabled: ptr(true)},
			{ConnectionRef: ref("Connection", strict.ID), ShowAsButton: ptr(false)},
		}}
	if d := cmp.Diff(wantOrg, org); d != "" {
		t.Errorf("organization (-want +got):\n%s", d)
	}

	role := byName(t, roles, "Identity Role 01").Object.(*v1alpha1.Role).Spec
	role.ManagedSpec = v1alpha1.ManagedSpec{}
	wantRole := v1alpha1.RoleSpec{Name: "Identity Role 01", Description: "Grants the identity team's permissions, set 1",
		Permissions: []v1alpha1.RolePermissions{
			{ResourceServerRef: ref("ResourceServer", "https://identity-billing.example.com"), Scopes: []string{"read:billing", "write:billing"}},
			{ResourceServerRef: ref("ResourceServer", sim.Audience()), Scopes: []string{sim.AllScopes()[0]}},
		}}
	if sim.Audience() < "https://identity-billing.example.com" { // APIs in identifier order
		slices.Reverse(wantRole.Permissions)
	}
	if d := cmp.Diff(wantRole, role); d != "" {
		t.Errorf("role (-want +got):\n%s", d)
	}
}

// unreferenced is ex as if none of the objects its objects reference were exported.
func unreferenced(ex Exporter) Exporter {
	read := ex.Read
	ex.Read = func(ctx context.Context, c *auth0.Client) ([]Found, error) {
		found, err := read(ctx, c)
		for i := range found {
			build := found[i].Build
			found[i].Build = func(x *ExportContext) (reconcile.Object, error) {
				x.Refs = nil
				return build(x)
			}
		}
		return found, err
	}
	return ex
}

// References to objects left out of the export keep Auth0's client IDs, connection names and
// API identifiers, and adopt without a change too.
func TestExportIdentityUnexportedReferencesUseAuth0Keys(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	values := sim.PopulateIdentity(8)
	c := simClient(t, sim)
	conns := exportKind(t, c, unreferenced(connectionExporter))
	orgs := exportKind(t, c, unreferenced(organizationExporter))
	roles := exportKind(t, c, unreferenced(roleExporter))
	kube := identityKube(t, sim, values, false)
	observeExported(t, c, NewConnection(kube, kube), conns)
	observeExported(t, c, NewOrganization(kube), orgs)
	observeExported(t, c, NewRole(kube), roles)

	ec := conns[byName(t, conns, "Username-Password-Authentication").ID].Object.(*v1alpha1.Connection).Spec.EnabledClients
	if len(ec) != 1 || ec[0].ApplicationRef != nil || ec[0].ClientID == "" {
		t.Errorf("enabled clients %+v", ec)
	}
	oc := byName(t, orgs, "identity-org-00").Object.(*v1alpha1.Organization).Spec.EnabledConnections
	if len(oc) != 2 || oc[0].ConnectionRef != nil || oc[0].ConnectionName != "Username-Password-Authentication" || oc[1].ConnectionName != "identity-db-00" {
		t.Errorf("enabled connections %+v", oc)
	}
	perms := byName(t, roles, "Identity Role 00").Object.(*v1alpha1.Role).Spec.Permissions
	if len(perms) != 2 || perms[0].ResourceServerRef != nil || perms[0].ResourceServerIdentifier != "https://identity-accounts.example.com" {
		t.Errorf("permissions %+v", perms)
	}
}

// options.configuration holds values Auth0 shows only encrypted: the export leaves it out (a
// later update of such a connection stalls, as for any Connection that does not give it).
func TestExportConnectionLeavesOutConfiguration(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	if _, err := sim.CreateObject("connections", map[string]any{"name": "legacy-users", "strategy": "auth0", "options": map[string]any{
		"enabledDatabaseCustomization": true, "customScripts": map[string]any{"login": "function login() {}"},
		"configuration": map[string]any{"db_password": "hunter2"}}}); err != nil {
		t.Fatal(err)
	}
	c := simClient(t, sim)
	conns := exportKind(t, c, connectionExporter)
	e := byName(t, conns, "legacy-users")
	s := e.Object.(*v1alpha1.Connection).Spec
	if _, ok := s.Options["configuration"]; ok || s.SecretOptions != nil || len(e.SecretKeys) > 0 || s.Database == nil ||
		s.Database.CustomScripts == nil || s.Database.CustomScripts.Login == nil || *s.Database.CustomScripts.Login.Inline != "function login() {}" ||
		!cmp.Equal(s.Database.EnabledDatabaseCustomization, ptr(true)) {
		t.Errorf("options %s, secret options %v", asJSON(t, s.Options), s.SecretOptions)
	}
	kube := identityKube(t, sim, nil, true)
	observeExported(t, c, NewConnection(kube, kube), map[string]exportedObject{e.ID: e})
}

// A connection adopted (by spec.externalID or by name) takes the digest of its secret options
// as the baseline on its first observation, unless Auth0 shows a different value; a later
// change of the Secret is sent, and so is a secret option added after an adoption without any.
func TestConnectionAdoptionTakesSecretOptionsAsBaseline(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	shown, err := sim.CreateObject("connections", map[string]any{"name": "google", "strategy": "google-oauth2",
		"options": map[string]any{"client_id": "abc.apps.googleusercontent.com", "client_secret": "s1"}})
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := sim.CreateObject("connections", map[string]any{"name": "apple", "strategy": "apple",
		"options": map[string]any{"client_id": "com.example"}})
	if err != nil {
		t.Fatal(err)
	}
	c := simClient(t, sim)
	conn := func(id, strategy, key string) *v1alpha1.Connection {
		return &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: strategy, Namespace: "team"}, Spec: v1alpha1.ConnectionSpec{
			ManagedSpec: v1alpha1.ManagedSpec{ExternalID: id}, Name: map[string]string{"google-oauth2": "google", "apple": "apple"}[strategy], Strategy: strategy,
			SecretOptions: map[string]v1alpha1.SecretValueSource{key: {SecretKeyRef: v1alpha1.SecretKeySelector{Name: "secrets", Key: key}}}}}
	}
	check := func(what string, x *Connection, o *v1alpha1.Connection, wantChange bool) {
		t.Helper()
		obs := observe(t, x, c, o, o.Spec.ExternalID)
		changed := false
		for k := range o.Spec.SecretOptions {
			changed = slices.Contains(obs.Diff, secretOptionDiff(k)) && slices.Contains(obs.Changed, secretOptionDiff(k))
		}
		if changed != wantChange || len(obs.Diff) > 1 || len(obs.Inputs) != len(o.Spec.SecretOptions) {
			t.Errorf("%s: diff %v, changed %v, inputs %v", what, obs.Diff, obs.Changed, obs.Inputs)
		}
		if !wantChange {
			recordInputs(o, obs) // up to date: the reconciler records the baseline
		}
	}
	same := identityKube(t, sim, map[string]string{"client_secret": "s1", "app_secret": "k1"}, false)
	adopted := conn(idOf(shown), "google-oauth2", "client_secret")
	check("adopted, the value Auth0 shows", NewConnection(same, same), adopted, false)
	check("adopted, a value Auth0 hides", NewConnection(same, same), conn(idOf(hidden), "apple", "app_secret"), false)

	// Exported without its secret option (Auth0 hides it), then given one: that is a change
	// to send, not a new baseline.
	bare := conn(idOf(hidden), "apple", "app_secret")
	bare.Spec.SecretOptions = nil
	check("adopted without secret options", NewConnection(same, same), bare, false)
	bare.Spec.SecretOptions = conn(idOf(hidden), "apple", "app_secret").Spec.SecretOptions
	check("a secret option added after adoption", NewConnection(same, same), bare, true)

	rotated := identityKube(t, sim, map[string]string{"client_secret": "s2"}, false)
	adopted.Status.ID = idOf(shown)
	check("Secret changed after adoption", NewConnection(rotated, rotated), adopted, true)
	// The Secret may hold an export skeleton's placeholder: what Auth0 shows is kept, the
	// Secret's value is the baseline, sent only when it changes.
	check("adopted while Auth0 shows another value", NewConnection(rotated, rotated), conn(idOf(shown), "google-oauth2", "client_secret"), false)
	byNameAdopted := conn(idOf(shown), "google-oauth2", "client_secret")
	byNameAdopted.Status.ID = idOf(shown) // adopted by name: status.id known before the first observation
	check("adopted by name", NewConnection(same, same), byNameAdopted, false)
}

// Organizations and connections page by checkpoint (the SDK always sends take, and Auth0
// serves organizations by offset only up to 1,000): the snapshots follow the cursor to the end,
// 100 at a time.
func TestCheckpointListsAreReadToTheEnd(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	for i := range 1050 {
		if _, err := sim.CreateObject("organizations", map[string]any{"name": fmt.Sprintf("org-%04d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 250 {
		if _, err := sim.CreateObject("connections", map[string]any{"name": fmt.Sprintf("c-%04d", i), "strategy": "auth0"}); err != nil {
			t.Fatal(err)
		}
	}
	c := simClient(t, sim)
	orgs, err := organizations.All(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	conns, err := connections.All(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 1050 || len(conns) != 251 { // and Username-Password-Authentication
		t.Errorf("read %d organizations and %d connections, want 1050 and 251", len(orgs), len(conns))
	}
	calls := sim.Stats().Calls
	if calls["GET /api/v2/organizations"] != 11 || calls["GET /api/v2/connections"] != 3 {
		t.Errorf("list calls: %d organizations, %d connections; want 11 and 3", calls["GET /api/v2/organizations"], calls["GET /api/v2/connections"])
	}
}
