package auth0sim

import (
	"context"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
)

func TestClientGrantsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	api, err := m.ResourceServers.Create(ctx, &management.CreateResourceServerRequestContent{Identifier: "https://api.example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	app, err := m.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "app"})
	if err != nil {
		t.Fatal(err)
	}
	req := &management.CreateClientGrantRequestContent{ClientID: ptr(app.GetClientID()), Audience: api.GetIdentifier(), Scope: []string{"read:x"}}
	g, err := m.ClientGrants.Create(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.GetID()) != 20 || g.GetID()[:4] != "cgr_" {
		t.Errorf("grant id %q not in Auth0's format", g.GetID())
	}
	if _, err := m.ClientGrants.Create(ctx, req); statusOf(err) != 409 {
		t.Errorf("duplicate grant: %v, want 409", err)
	}
	upd, err := m.ClientGrants.Update(ctx, g.GetID(), &management.UpdateClientGrantRequestContent{Scope: []string{"read:x", "write:x"}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"read:x", "write:x"}, upd.GetScope()); d != "" {
		t.Errorf("scope (-want +got):\n%s", d)
	}
	// Checkpoint paging (what go-auth0 v3 uses): 1 seeded grant + 1, take 1.
	page, err := m.ClientGrants.List(ctx, &management.ListClientGrantsRequestParameters{Take: ptr(1)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it := page.Iterator(); it.Next(ctx); {
		n++
	}
	if n != 2 {
		t.Errorf("listed %d grants, want 2", n)
	}
	// Offset paging with filters, as Terraform does (TestAccClientGrant).
	q := "/api/v2/client-grants?include_totals=true&per_page=50&audience=" + url.QueryEscape(api.GetIdentifier()) + "&client_id=" + app.GetClientID()
	_, _, body := rawCall(t, sim, "GET", q, sim.MintToken("read:client_grants"), nil)
	env := body.(map[string]any)
	if env["total"] != 1.0 || env["start"] != 0.0 || env["limit"] != 50.0 {
		t.Errorf("envelope = %v", env)
	}
	if _, err := m.ClientGrants.Update(ctx, g.GetID(), &management.UpdateClientGrantRequestContent{}, optionBody(map[string]any{"audience": "x", "client_id": "y"})); statusOf(err) != 400 ||
		errorBody(t, err)["message"] != "Payload validation error: 'Additional properties not allowed: audience,client_id'." {
		t.Errorf("create-only fields on PATCH: %v", err)
	}
	// Deleting the client deletes its grants, as on Auth0.
	if err := m.Clients.Delete(ctx, app.GetClientID()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.ClientGrants.Get(ctx, g.GetID()); statusOf(err) != 404 {
		t.Errorf("grant of deleted client: %v, want 404", err)
	}
	// Deleting a grant that is already gone succeeds, as on Auth0.
	if err := m.ClientGrants.Delete(ctx, g.GetID()); err != nil {
		t.Errorf("delete of a deleted grant: %v, want 204", err)
	}
}

func TestResourceServersWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	tok := sim.MintToken("read:resource_servers", "update:resource_servers", "create:resource_servers")
	const ident = "https://uat.api.example.com/TestAccResourceServer"
	code, _, body := rawCall(t, sim, "POST", "/api/v2/resource-servers", tok, map[string]any{"identifier": ident})
	if code != 201 {
		t.Fatalf("create: %d %v", code, body)
	}
	rs := body.(map[string]any)
	want := map[string]any{"identifier": ident, "allow_offline_access": false, "skip_consent_for_verifiable_first_party_clients": false,
		"subject_type_authorization": map[string]any{"client": map[string]any{"policy": "require_client_grant"}, "user": map[string]any{"policy": "allow_all"}},
		"token_lifetime":             86400.0, "token_lifetime_for_web": 7200.0, "signing_alg": "RS256"}
	if d := cmp.Diff(want, withoutKeys(rs, "id")); d != "" {
		t.Errorf("create answer (-want +got):\n%s", d)
	}
	// By URL-encoded identifier, as Terraform does.
	byIdent, err := m.ResourceServers.Get(ctx, ident, nil) // the SDK URL-encodes it: https:%2F%2F...
	if err != nil {
		t.Fatal(err)
	}
	if byIdent.GetID() != rs["id"] {
		t.Errorf("by identifier got id %q, want %q", byIdent.GetID(), rs["id"])
	}
	upd, err := m.ResourceServers.Update(ctx, str(rs, "id"), &management.UpdateResourceServerRequestContent{
		Scopes: []*management.ResourceServerScope{{Value: "read:posts", Description: ptr("Can read posts")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(upd.GetScopes()) != 1 || upd.GetScopes()[0].Value != "read:posts" {
		t.Errorf("scopes = %v", upd.GetScopes())
	}
	code, _, body = rawCall(t, sim, "PATCH", "/api/v2/resource-servers/"+str(rs, "id"), tok, map[string]any{"identifier": "https://other"})
	if d := cmp.Diff(map[string]any{"statusCode": 400.0, "error": "Bad Request", "errorCode": "invalid_body",
		"message": "Payload validation error: 'Additional properties not allowed: identifier'."}, body); code != 400 || d != "" {
		t.Errorf("PATCH identifier: %d (-want +got):\n%s", code, d)
	}
	// Paging: Management API (seeded) + 1 created + 3.
	for i := 0; i < 3; i++ {
		if _, err := m.ResourceServers.Create(ctx, &management.CreateResourceServerRequestContent{Identifier: "https://x/" + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := m.ResourceServers.List(ctx, &management.ListResourceServerRequestParameters{PerPage: ptr(2)})
	if err != nil {
		t.Fatal(err)
	}
	n, system := 0, 0
	for it := page.Iterator(); it.Next(ctx); {
		n++
		if it.Current().GetIsSystem() {
			system++
		}
	}
	if n != 5 || system != 1 {
		t.Errorf("listed %d (system %d), want 5 (1)", n, system)
	}
	if err := m.ResourceServers.Delete(ctx, str(rs, "id")); err != nil {
		t.Fatal(err)
	}
	_, err = m.ResourceServers.Get(ctx, str(rs, "id"), nil)
	if statusOf(err) != 404 || errorBody(t, err)["errorCode"] != "inexistent_resource_server" {
		t.Errorf("get deleted: %v", err)
	}
}

func TestTenantSettingsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	got, err := m.Tenants.Settings.Get(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.GetSessionLifetime() != 720 || got.GetIdleSessionLifetime() != 72 {
		t.Errorf("defaults: session %v idle %v", got.GetSessionLifetime(), got.GetIdleSessionLifetime())
	}
	upd, err := m.Tenants.Settings.Update(ctx, &management.UpdateTenantSettingsRequestContent{SessionLifetime: ptr(168), FriendlyName: ptr("Acme")})
	if err != nil {
		t.Fatal(err)
	}
	if upd.GetSessionLifetime() != 168 || upd.GetFriendlyName() != "Acme" || upd.GetIdleSessionLifetime() != 72 {
		t.Errorf("after patch: %v %q %v", upd.GetSessionLifetime(), upd.GetFriendlyName(), upd.GetIdleSessionLifetime())
	}
}
