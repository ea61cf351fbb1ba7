package auth0sim

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
)

func TestNewTenantConnection(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := sim.MintToken("read:connections", "read:clients")
	_, _, list := rawCall(t, sim, "GET", "/api/v2/connections", tok, nil)
	conns := list.([]any)
	if len(conns) != 1 {
		t.Fatalf("connections = %v", conns)
	}
	c := conns[0].(map[string]any)
	_, _, clients := rawCall(t, sim, "GET", "/api/v2/clients?fields=client_id,name", tok, nil)
	var defaultApp string
	for _, cl := range clients.([]any) {
		if cl.(map[string]any)["name"] == "Default App" {
			defaultApp = str(cl.(map[string]any), "client_id")
		}
	}
	if c["name"] != "Username-Password-Authentication" || c["strategy"] != "auth0" ||
		!cmp.Equal(c["enabled_clients"], []any{defaultApp}) || c["options"].(map[string]any)["password_options"] == nil {
		t.Errorf("default connection = %v", c)
	}
}

func TestConnectionsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	c, err := m.Connections.Create(ctx, &management.CreateConnectionRequestContent{Name: "Acceptance-Test-Connection", Strategy: "auth0"})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^con_[A-Za-z0-9]{16}$`).MatchString(c.GetID()) {
		t.Errorf("id %q", c.GetID())
	}
	tok := sim.MintToken("read:connections", "update:connections", "create:connections", "delete:connections")
	_, _, body := rawCall(t, sim, "GET", "/api/v2/connections/"+c.GetID(), tok, nil)
	want := map[string]any{"id": c.GetID(), "name": "Acceptance-Test-Connection", "strategy": "auth0",
		"is_domain_connection": false, "authentication": map[string]any{"active": true}, "connected_accounts": map[string]any{"active": false},
		"enabled_clients": []any{}, "realms": []any{"Acceptance-Test-Connection"},
		"options": map[string]any{"mfa": map[string]any{"active": true, "return_enroll_settings": true}, "strategy_version": 2.0,
			// The newest recordings' password defaults (2026-08-07).
			"password_options": map[string]any{
				"complexity": map[string]any{"character_type_rule": "all", "character_types": []any{}, "identical_characters": "allow",
					"max_length_exceeded": "error", "min_length": 15.0, "sequential_characters": "allow"},
				"dictionary": map[string]any{"active": false, "custom": []any{}, "default": "en_100k"},
				"history":    map[string]any{"active": false, "size": 3.0},
				"profile_data": map[string]any{"active": false, "blocked_fields": []any{"name", "username", "nickname", "email",
					"phone_number", "user_metadata.name", "user_metadata.first", "user_metadata.last"}}}, "brute_force_protection": true,
			"authentication_methods": map[string]any{"password": map[string]any{"enabled": true, "api_behavior": "required", "signup_behavior": "allow"},
				"passkey": map[string]any{"enabled": false}},
			"passkey_options": map[string]any{"challenge_ui": "both", "progressive_enrollment_enabled": true, "local_enrollment_enabled": true}}}
	if d := cmp.Diff(want, body); d != "" {
		t.Errorf("defaults (-want +got):\n%s", d)
	}
	// Projection keeps id, is_domain_connection, authentication, connected_accounts.
	_, _, body = rawCall(t, sim, "GET", "/api/v2/connections/"+c.GetID()+"?fields=strategy,name&include_fields=true", tok, nil)
	if len(body.(map[string]any)) != 6 {
		t.Errorf("projection = %v", body)
	}
	// Secret configuration comes back encrypted, anew after each write.
	code, _, body := rawCall(t, sim, "PATCH", "/api/v2/connections/"+c.GetID(), tok,
		map[string]any{"options": map[string]any{"configuration": map[string]any{"foo": "bar"}, "passwordPolicy": "fair"}})
	opts := body.(map[string]any)["options"].(map[string]any)
	sealed := str(opts["configuration"].(map[string]any), "foo")
	if code != 200 || sealed == "" || sealed == "bar" || opts["mfa"] != nil || opts["passkey_options"] == nil {
		t.Errorf("patch options: %d %v", code, opts)
	}
	if stored, _ := sim.Object(connectionsColl, c.GetID()); stored["options"].(map[string]any)["configuration"].(map[string]any)["foo"] != "bar" {
		t.Errorf("the store lost the configuration value")
	}
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/connections/"+c.GetID(), tok, map[string]any{"strategy": "google-oauth2"})
	if code != 400 || body.(map[string]any)["message"] != "Payload validation error: 'Additional properties not allowed: strategy'." {
		t.Errorf("strategy on patch: %d %v", code, body)
	}
	if _, err := m.Connections.Create(ctx, &management.CreateConnectionRequestContent{Name: "Acceptance-Test-Connection", Strategy: "auth0"}); statusOf(err) != 409 {
		t.Errorf("duplicate name: %v", err)
	}
	if _, err := m.Connections.Create(ctx, &management.CreateConnectionRequestContent{Name: "bad name!", Strategy: "auth0"}); statusOf(err) != 400 {
		t.Errorf("bad name: %v", err)
	}

	// Enabled clients.
	app, _ := m.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "app"})
	if err := m.Connections.Clients.Update(ctx, c.GetID(), management.UpdateEnabledClientConnectionsRequestContent{
		{ClientID: app.GetClientID(), Status: true}}); err != nil {
		t.Fatal(err)
	}
	page, err := m.Connections.Clients.Get(ctx, c.GetID(), &management.GetConnectionEnabledClientsRequestParameters{Take: ptr(50)})
	if err != nil || len(page.Results) != 1 || page.Results[0].GetClientID() != app.GetClientID() {
		t.Errorf("enabled clients: %v %v", page, err)
	}
	got, _ := m.Connections.Get(ctx, c.GetID(), &management.GetConnectionRequestParameters{})
	if !cmp.Equal(got.GetEnabledClients(), []string{app.GetClientID()}) {
		t.Errorf("enabled_clients = %v", got.GetEnabledClients())
	}
	// A deleted client drops out.
	if err := m.Clients.Delete(ctx, app.GetClientID()); err != nil {
		t.Fatal(err)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/connections/"+c.GetID()+"/clients", tok, nil)
	if d := cmp.Diff(map[string]any{"clients": []any{}}, body); d != "" {
		t.Errorf("after client delete (-want +got):\n%s", d)
	}
	if code, _, _ := rawCall(t, sim, "PATCH", "/api/v2/connections/"+c.GetID()+"/clients", tok, map[string]any{"client_id": "x"}); code != 400 {
		t.Errorf("object body: %d", code)
	}
	// Checkpoint paging over enabled clients: "next" while more remain.
	var enable management.UpdateEnabledClientConnectionsRequestContent
	for i := 0; i < 3; i++ {
		cl, err := m.Clients.Create(ctx, &management.CreateClientRequestContent{Name: fmt.Sprintf("app-%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		enable = append(enable, &management.UpdateEnabledClientConnectionsRequestContentItem{ClientID: cl.GetClientID(), Status: true})
	}
	if err := m.Connections.Clients.Update(ctx, c.GetID(), enable); err != nil {
		t.Fatal(err)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/connections/"+c.GetID()+"/clients?take=2", tok, nil)
	if env := body.(map[string]any); len(env["clients"].([]any)) != 2 || env["next"] != enable[2].ClientID {
		t.Errorf("first page: %v", env)
	}
	cp, err := m.Connections.Clients.Get(ctx, c.GetID(), &management.GetConnectionEnabledClientsRequestParameters{Take: ptr(1)})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for it := cp.Iterator(); it.Next(ctx); {
		seen++
	}
	if seen != 3 {
		t.Errorf("paged through %d enabled clients, want 3", seen)
	}
	if err := m.Connections.Clients.Update(ctx, c.GetID(), management.UpdateEnabledClientConnectionsRequestContent{
		{ClientID: enable[0].ClientID, Status: false}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Connections.Get(ctx, c.GetID(), &management.GetConnectionRequestParameters{}); len(got.GetEnabledClients()) != 2 {
		t.Errorf("after disabling one: %v", got.GetEnabledClients())
	}

	// Listing: checkpoint (what the SDK sends) and offset, strategy and name filters.
	for i := 0; i < 3; i++ {
		if _, err := m.Connections.Create(ctx, &management.CreateConnectionRequestContent{Name: fmt.Sprintf("google-%d", i), Strategy: "google-oauth2"}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := m.Connections.List(ctx, &management.ListConnectionsQueryParameters{Take: ptr(2)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it := all.Iterator(); it.Next(ctx); {
		n++
	}
	if n != 5 {
		t.Errorf("listed %d connections, want 5", n)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/connections?strategy=google-oauth2&include_totals=true&per_page=2&page=1", tok, nil)
	env := body.(map[string]any)
	if env["total"] != 3.0 || len(env["connections"].([]any)) != 1 {
		t.Errorf("offset page: %v", env)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/connections?name=google-1", tok, nil)
	if l := body.([]any); len(l) != 1 || l[0].(map[string]any)["name"] != "google-1" {
		t.Errorf("by name: %v", body)
	}
	// DELETE answers 202 with deleted_at.
	code, _, body = rawCall(t, sim, "DELETE", "/api/v2/connections/"+c.GetID(), tok, nil)
	if code != 202 || body.(map[string]any)["deleted_at"] == nil {
		t.Errorf("delete: %d %v", code, body)
	}
	if _, err := m.Connections.Get(ctx, c.GetID(), &management.GetConnectionRequestParameters{}); statusOf(err) != 404 || errorBody(t, err)["errorCode"] != "inexistent_connection" {
		t.Errorf("deleted: %v", err)
	}
}

func TestOrganizationsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	o, err := m.Organizations.Create(ctx, &management.CreateOrganizationRequestContent{Name: "acme", DisplayName: ptr("Acme Inc.")})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^org_[A-Za-z0-9]{16}$`).MatchString(o.GetID()) {
		t.Errorf("id %q", o.GetID())
	}
	if _, err := m.Organizations.Create(ctx, &management.CreateOrganizationRequestContent{Name: "acme"}); statusOf(err) != 409 {
		t.Errorf("duplicate name: %v, want 409", err)
	}
	if _, err := m.Organizations.Create(ctx, &management.CreateOrganizationRequestContent{Name: "Acme Inc"}); statusOf(err) != 400 {
		t.Errorf("bad name: %v, want 400", err)
	}
	byName, err := m.Organizations.GetByName(ctx, "acme")
	if err != nil || byName.GetID() != o.GetID() {
		t.Errorf("by name: %v %v", byName, err)
	}
	if _, err := m.Organizations.GetByName(ctx, "nobody"); statusOf(err) != 404 {
		t.Errorf("unknown name: %v", err)
	}
	tok := sim.MintToken("read:organizations", "update:organizations", "create:organization_connections",
		"read:organization_connections", "update:organization_connections", "delete:organization_connections")
	// PATCH replaces metadata as a whole; empty metadata is not shown.
	rawCall(t, sim, "PATCH", "/api/v2/organizations/"+o.GetID(), tok, map[string]any{"metadata": map[string]any{"a": "1", "b": "2"},
		"branding": map[string]any{"logo_url": "https://acme.com/logo.svg"}})
	_, _, body := rawCall(t, sim, "PATCH", "/api/v2/organizations/"+o.GetID(), tok, map[string]any{"metadata": map[string]any{"a": "1"}})
	if d := cmp.Diff(map[string]any{"a": "1"}, body.(map[string]any)["metadata"]); d != "" {
		t.Errorf("metadata (-want +got):\n%s", d)
	}
	_, _, body = rawCall(t, sim, "PATCH", "/api/v2/organizations/"+o.GetID(), tok, map[string]any{"metadata": map[string]any{}})
	if got := body.(map[string]any); got["metadata"] != nil || got["branding"] == nil {
		t.Errorf("empty metadata: %v", got)
	}

	// Enabled connections.
	conn, _ := m.Connections.Create(ctx, &management.CreateConnectionRequestContent{Name: "org-db", Strategy: "auth0"})
	ec, err := m.Organizations.EnabledConnections.Add(ctx, o.GetID(), &management.AddOrganizationConnectionRequestContent{ConnectionID: conn.GetID(), AssignMembershipOnLogin: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	if !ec.GetAssignMembershipOnLogin() || !ec.GetShowAsButton() || ec.Connection.GetName() != "org-db" {
		t.Errorf("enabled connection %+v", ec)
	}
	if _, err := m.Organizations.EnabledConnections.Add(ctx, o.GetID(), &management.AddOrganizationConnectionRequestContent{ConnectionID: conn.GetID()}); statusOf(err) != 409 {
		t.Errorf("enable twice: %v", err)
	}
	upd, err := m.Organizations.EnabledConnections.Update(ctx, o.GetID(), conn.GetID(), &management.UpdateOrganizationConnectionRequestContent{ShowAsButton: ptr(false)})
	if err != nil || upd.GetShowAsButton() {
		t.Errorf("update: %+v %v", upd, err)
	}
	list, err := m.Organizations.EnabledConnections.List(ctx, o.GetID(), &management.ListOrganizationConnectionsRequestParameters{})
	if err != nil || len(list.Results) != 1 {
		t.Errorf("list: %v %v", list, err)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/organizations/"+o.GetID()+"/enabled_connections?include_totals=true", tok, nil)
	if env := body.(map[string]any); env["total"] != 1.0 {
		t.Errorf("envelope: %v", env)
	}
	// A deleted connection drops out.
	if err := m.Connections.Delete(ctx, conn.GetID()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Organizations.EnabledConnections.Get(ctx, o.GetID(), conn.GetID()); statusOf(err) != 404 {
		t.Errorf("enabled connection of a deleted connection: %v", err)
	}

	// Listing: the SDK pages by checkpoint.
	for i := 0; i < 3; i++ {
		if _, err := m.Organizations.Create(ctx, &management.CreateOrganizationRequestContent{Name: fmt.Sprintf("org-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := m.Organizations.List(ctx, &management.ListOrganizationsRequestParameters{Take: ptr(3)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it := page.Iterator(); it.Next(ctx); {
		n++
	}
	if n != 4 {
		t.Errorf("listed %d organizations, want 4", n)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/organizations?include_totals=true&per_page=2&page=1", tok, nil)
	if env := body.(map[string]any); env["total"] != 4.0 || len(env["organizations"].([]any)) != 2 {
		t.Errorf("offset page: %v", env)
	}
	if err := m.Organizations.Delete(ctx, o.GetID()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Organizations.Get(ctx, o.GetID()); statusOf(err) != 404 || errorBody(t, err)["errorCode"] != "inexistent_organization" {
		t.Errorf("deleted: %v", err)
	}
}

func TestRolesWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	tok := sim.MintToken("read:roles", "create:roles", "update:roles", "delete:roles")
	code, _, body := rawCall(t, sim, "POST", "/api/v2/roles", tok, map[string]any{"name": "admin"})
	role := body.(map[string]any)
	id := str(role, "id")
	if code != 200 || !regexp.MustCompile(`^rol_[A-Za-z0-9]{16}$`).MatchString(id) || role["type"] != "tenant" || role["description"] != nil {
		t.Fatalf("create: %d %v", code, body)
	}
	got, err := m.Roles.Get(ctx, id)
	if err != nil || got.GetDescription() != "" || got.GetName() != "admin" {
		t.Errorf("get: %+v %v", got, err)
	}
	if _, err := m.Roles.Create(ctx, &management.CreateRoleRequestContent{Name: "admin"}); statusOf(err) != 409 {
		t.Errorf("duplicate: %v", err)
	}
	upd, err := m.Roles.Update(ctx, id, &management.UpdateRoleRequestContent{Description: ptr("Admins")})
	if err != nil || upd.GetDescription() != "Admins" {
		t.Errorf("update: %+v %v", upd, err)
	}
	for _, n := range []string{"Editor", "viewer", "editor-in-chief"} {
		if _, err := m.Roles.Create(ctx, &management.CreateRoleRequestContent{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := m.Roles.List(ctx, &management.ListRolesRequestParameters{NameFilter: ptr("editor"), PerPage: ptr(1)})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for it := page.Iterator(); it.Next(ctx); {
		names = append(names, it.Current().GetName())
	}
	if !cmp.Equal(names, []string{"Editor", "editor-in-chief"}) {
		t.Errorf("name_filter: %v", names)
	}

	// Permissions: the resource server must exist and define the scope.
	api, err := m.ResourceServers.Create(ctx, &management.CreateResourceServerRequestContent{Identifier: "https://api.example.com/",
		Name: ptr("Example"), Scopes: []*management.ResourceServerScope{{Value: "read:foo", Description: ptr("Can read Foo")}, {Value: "create:foo"}}})
	if err != nil {
		t.Fatal(err)
	}
	perm := func(name string) *management.PermissionRequestPayload {
		return &management.PermissionRequestPayload{ResourceServerIdentifier: api.GetIdentifier(), PermissionName: name}
	}
	if err := m.Roles.Permissions.Add(ctx, id, &management.AddRolePermissionsRequestContent{Permissions: []*management.PermissionRequestPayload{perm("read:foo"), perm("create:foo")}}); err != nil {
		t.Fatal(err)
	}
	if err := m.Roles.Permissions.Add(ctx, id, &management.AddRolePermissionsRequestContent{Permissions: []*management.PermissionRequestPayload{perm("delete:foo")}}); statusOf(err) != 400 {
		t.Errorf("undefined scope: %v, want 400", err)
	}
	if err := m.Roles.Permissions.Add(ctx, id, &management.AddRolePermissionsRequestContent{Permissions: []*management.PermissionRequestPayload{
		{ResourceServerIdentifier: "https://nowhere/", PermissionName: "read:foo"}}}); statusOf(err) != 404 {
		t.Errorf("unknown resource server: %v, want 404", err)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/roles/"+id+"/permissions?include_totals=true&page=0&per_page=100", tok, nil)
	want := map[string]any{"start": 0.0, "limit": 100.0, "total": 2.0, "permissions": []any{
		map[string]any{"permission_name": "create:foo", "description": "", "resource_server_name": "Example", "resource_server_identifier": "https://api.example.com/"},
		map[string]any{"permission_name": "read:foo", "description": "Can read Foo", "resource_server_name": "Example", "resource_server_identifier": "https://api.example.com/"},
	}}
	if d := cmp.Diff(want, body); d != "" {
		t.Errorf("permissions (-want +got):\n%s", d)
	}
	if err := m.Roles.Permissions.Delete(ctx, id, &management.DeleteRolePermissionsRequestContent{Permissions: []*management.PermissionRequestPayload{perm("read:foo")}}); err != nil {
		t.Fatal(err)
	}
	perms, err := m.Roles.Permissions.List(ctx, id, &management.ListRolePermissionsRequestParameters{})
	if err != nil || len(perms.Results) != 1 || perms.Results[0].GetPermissionName() != "create:foo" {
		t.Errorf("after delete: %v %v", perms, err)
	}
	users, err := m.Roles.Users.List(ctx, id, &management.ListRoleUsersRequestParameters{Take: ptr(50)})
	if err != nil || len(users.Results) != 0 {
		t.Errorf("users: %v %v", users, err)
	}
	// Deleting the resource server forgets its permissions; DELETE answers 200 {}.
	if err := m.ResourceServers.Delete(ctx, api.GetID()); err != nil {
		t.Fatal(err)
	}
	_, _, body = rawCall(t, sim, "GET", "/api/v2/roles/"+id+"/permissions", tok, nil)
	if len(body.([]any)) != 0 {
		t.Errorf("permissions of a deleted API: %v", body)
	}
	code, _, body = rawCall(t, sim, "DELETE", "/api/v2/roles/"+id, tok, nil)
	if d := cmp.Diff(map[string]any{}, body); code != 200 || d != "" {
		t.Errorf("delete: %d %v", code, body)
	}
	if _, err := m.Roles.Get(ctx, id); statusOf(err) != 404 {
		t.Errorf("deleted: %v", err)
	}
}
