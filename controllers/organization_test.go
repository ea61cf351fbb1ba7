package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// orgConnections reads an organization's enabled connections from the simulator, by
// connection ID.
func orgConnections(f *fixture, orgID string) map[string]auth0sim.Object {
	out := map[string]auth0sim.Object{}
	for _, ec := range f.sim.Objects("organization-connections") {
		if ec["organization_id"] == orgID {
			out[fmt.Sprint(ec["connection_id"])] = ec
		}
	}
	return out
}

// An organization enabling a Connection that does not exist yet (by reference) and the
// tenant's default database (by name): it waits, then gets both with their flags; changes in
// Git and in the dashboard are applied one enabled connection at a time.
func TestOrganizationLifecycleConnectionsAndDrift(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	var defaultDB string
	for _, c := range f.sim.Objects("connections") {
		if c["name"] == "Username-Password-Authentication" {
			defaultDB = c["id"].(string)
		}
	}
	org := &v1alpha1.Organization{
		ObjectMeta: metav1.ObjectMeta{Name: "acme", Namespace: f.ns},
		Spec: v1alpha1.OrganizationSpec{ManagedSpec: f.ref(), DisplayName: "Acme Corp",
			Branding: &v1alpha1.OrganizationBranding{LogoURL: "https://cdn.example.com/acme.svg",
				Colors: &v1alpha1.OrganizationColors{Primary: "#0059d6", PageBackground: "#ffffff"}},
			Metadata: map[string]string{"plan": "enterprise"},
			EnabledConnections: []v1alpha1.OrganizationConnection{
				{ConnectionRef: &v1alpha1.LocalObjectReference{Name: "acme-users"}, AssignMembershipOnLogin: valPtr(true), IsSignupEnabled: valPtr(true)},
				{ConnectionName: "Username-Password-Authentication", ShowAsButton: valPtr(false)},
			}},
	}
	f.create(org)
	c := f.waitCondition(org, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "Connection acme-users") {
		t.Errorf("waiting message %q", c.Message)
	}
	if n := f.calls("POST /api/v2/organizations"); n != 0 {
		t.Fatalf("%d creates before the Connection exists", n)
	}
	conn := strictDatabase(f, "acme-users")
	f.create(conn)
	f.waitReady(org)
	f.get(conn)

	got := f.simObject("organizations", org.Status.ID)
	if got["name"] != "acme" || got["display_name"] != "Acme Corp" || fmt.Sprint(got["branding"]) !=
		"map[colors:map[page_background:#ffffff primary:#0059d6] logo_url:https://cdn.example.com/acme.svg]" ||
		fmt.Sprint(got["metadata"]) != "map[plan:enterprise]" {
		t.Fatalf("organization in Auth0: %v", got)
	}
	conns := orgConnections(f, org.Status.ID)
	if len(conns) != 2 || conns[conn.Status.ID]["assign_membership_on_login"] != true || conns[conn.Status.ID]["is_signup_enabled"] != true ||
		conns[defaultDB]["show_as_button"] != false {
		t.Fatalf("enabled connections: %v", conns)
	}

	// A flag changed and a connection dropped in Git: one PATCH and one DELETE of enabled
	// connections, the organization itself untouched.
	patches, orgPatches := f.calls("PATCH /api/v2/organizations/{id}/enabled_connections/{cid}"), f.calls("PATCH /api/v2/organizations/{id}")
	deletes := f.calls("DELETE /api/v2/organizations/{id}/enabled_connections/{cid}")
	f.update(org, func() {
		org.Spec.EnabledConnections = []v1alpha1.OrganizationConnection{
			{ConnectionRef: &v1alpha1.LocalObjectReference{Name: "acme-users"}, AssignMembershipOnLogin: valPtr(true), IsSignupEnabled: valPtr(false)}}
	})
	f.waitReady(org)
	conns = orgConnections(f, org.Status.ID)
	if len(conns) != 1 || conns[conn.Status.ID]["is_signup_enabled"] != false {
		t.Fatalf("enabled connections after update: %v", conns)
	}
	if p, d, o := f.calls("PATCH /api/v2/organizations/{id}/enabled_connections/{cid}")-patches,
		f.calls("DELETE /api/v2/organizations/{id}/enabled_connections/{cid}")-deletes, f.calls("PATCH /api/v2/organizations/{id}")-orgPatches; p != 1 || d != 1 || o != 0 {
		t.Errorf("update: %d connection PATCHes, %d DELETEs, %d organization PATCHes; want 1, 1, 0", p, d, o)
	}

	// The dashboard removes the connection and renames the organization: drift, corrected.
	f.sim.DeleteObject("organization-connections", org.Status.ID+"/"+conn.Status.ID)
	f.sim.PatchObject("organizations", org.Status.ID, auth0sim.Object{"display_name": "Hacked"})
	if note := f.waitEvent("acme", "DriftDetected"); !strings.Contains(note, "display_name") || !strings.Contains(note, "enabled_connections") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		conns := orgConnections(f, org.Status.ID)
		o := f.simObject("organizations", org.Status.ID)
		return len(conns) == 1 && o["display_name"] == "Acme Corp", fmt.Sprintf("connections %v, organization %v", conns, o)
	})

	// Auth0's name rules are checked at apply time.
	bad := &v1alpha1.Organization{ObjectMeta: metav1.ObjectMeta{Name: "bad", Namespace: f.ns},
		Spec: v1alpha1.OrganizationSpec{ManagedSpec: f.ref(), Name: "Acme Corp"}}
	if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "spec.name") {
		t.Errorf("organization named %q: err = %v", bad.Spec.Name, err)
	}

	id := org.Status.ID
	f.get(org)
	f.delete(org)
	f.waitGone(org)
	if _, ok := f.sim.Object("organizations", id); ok {
		t.Error("organization still in Auth0")
	}
}

// A connection named but not in Auth0 is waited for, not an error.
func TestOrganizationWaitsForConnectionByName(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	org := &v1alpha1.Organization{
		ObjectMeta: metav1.ObjectMeta{Name: "globex", Namespace: f.ns},
		Spec: v1alpha1.OrganizationSpec{ManagedSpec: f.ref(),
			EnabledConnections: []v1alpha1.OrganizationConnection{{ConnectionName: "globex-sso"}}},
	}
	f.create(org)
	c := f.waitCondition(org, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "globex-sso") {
		t.Errorf("waiting message %q", c.Message)
	}
	if s := f.kstatus(org); s != "InProgress" {
		t.Errorf("kstatus while waiting = %s", s)
	}
}

// ObserveOnly adopts an organization by name and reports a dashboard change without writing.
func TestOrganizationObserveOnly(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	if _, apiErr := f.sim.CreateObject("organizations", auth0sim.Object{"name": "initech", "display_name": "Initech"}); apiErr != nil {
		t.Fatal(apiErr)
	}
	org := &v1alpha1.Organization{
		ObjectMeta: metav1.ObjectMeta{Name: "initech", Namespace: f.ns},
		Spec:       v1alpha1.OrganizationSpec{ManagedSpec: f.ref(), DisplayName: "Initech"},
	}
	org.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	f.create(org)
	f.waitReady(org)
	writes := f.writes()
	f.sim.PatchObject("organizations", org.Status.ID, auth0sim.Object{"display_name": "Initrode"})
	c := f.waitCondition(org, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "display_name") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}
	if o := f.simObject("organizations", org.Status.ID); o["display_name"] != "Initrode" {
		t.Errorf("display_name = %v", o["display_name"])
	}
}

// An organization with 101 connections, managed as the empty set, whose second page of
// connections fails: the Organization reports the error and removes nothing until the whole
// set has been read.
func TestOrganizationConnectionsLaterPageErrorRemovesNothing(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	org, apiErr := f.sim.CreateObject("organizations", auth0sim.Object{"name": "acme"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	id := org["id"].(string)
	for i := range 101 {
		conn, apiErr := f.sim.CreateObject("connections", auth0sim.Object{"name": fmt.Sprintf("conn-%03d", i), "strategy": "auth0"})
		if apiErr != nil {
			t.Fatal(apiErr)
		}
		if _, apiErr := f.sim.CreateObject("organization-connections", auth0sim.Object{"id": id + "/" + conn["id"].(string),
			"organization_id": id, "connection_id": conn["id"], "assign_membership_on_login": false}); apiErr != nil {
			t.Fatal(apiErr)
		}
	}
	stop := laterPageFails(f)

	o := &v1alpha1.Organization{ObjectMeta: metav1.ObjectMeta{Name: "acme", Namespace: f.ns},
		Spec: v1alpha1.OrganizationSpec{ManagedSpec: f.ref(), EnabledConnections: []v1alpha1.OrganizationConnection{}}}
	o.Spec.ExternalID = id
	f.create(o)
	f.waitCondition(o, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonAuth0Error)
	if w := f.writes(); w != 0 {
		t.Fatalf("%d writes from a partial read", w)
	}
	if n := len(orgConnections(f, id)); n != 101 {
		t.Fatalf("%d connections in Auth0, want 101", n)
	}
	stop()
	f.waitReady(o)
	if n := len(orgConnections(f, id)); n != 0 {
		t.Errorf("%d connections left once the whole set was read, want none (enabledConnections: [])", n)
	}
}

// An organization's token quota and third-party access reach Auth0, a dashboard edit of them
// is corrected, and an equal organization is adopted with no write.
func TestOrganizationTokenQuotaAndThirdPartyAccess(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	org := &v1alpha1.Organization{ObjectMeta: metav1.ObjectMeta{Name: "globex", Namespace: f.ns},
		Spec: v1alpha1.OrganizationSpec{ManagedSpec: f.ref(), Name: "globex", ThirdPartyClientAccess: "allow",
			TokenQuota: &v1alpha1.TokenQuota{ClientCredentials: &v1alpha1.TokenQuotaLimits{PerHour: valPtr[int32](100), Enforce: valPtr(true)}}}}
	f.create(org)
	f.waitReady(org)
	o := f.simObject("organizations", org.Status.ID)
	if o["third_party_client_access"] != "allow" || fmt.Sprint(o["token_quota"]) != "map[client_credentials:map[enforce:true per_hour:100]]" {
		t.Fatalf("organization in Auth0: %v", o)
	}
	f.sim.PatchObject("organizations", org.Status.ID, auth0sim.Object{"third_party_client_access": "block"})
	if note := f.waitEvent("globex", "DriftDetected"); !strings.Contains(note, "third_party_client_access") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		return f.simObject("organizations", org.Status.ID)["third_party_client_access"] == "allow", "third_party_client_access not corrected"
	})

	id := org.Status.ID
	f.update(org, func() { org.Spec.DeletionPolicy = v1alpha1.DeletionOrphan })
	f.waitReady(org)
	f.delete(org)
	f.waitGone(org)
	writes := f.writes()
	again := &v1alpha1.Organization{ObjectMeta: metav1.ObjectMeta{Name: "again", Namespace: f.ns}, Spec: org.Spec}
	again.Spec.ExternalID = id
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes || again.Status.ID != id {
		t.Errorf("adopting an equal organization wrote %d times", w-writes)
	}
}
