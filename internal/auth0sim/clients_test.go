package auth0sim

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"
)

// Defaults of POST /clients, as the recordings show them (client_id,
// client_secret and signing_keys checked separately).
func TestClientCreateDefaults(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := fetchToken(t, sim)
	firstPartyRT := map[string]any{"rotation_type": "non-rotating", "expiration_type": "non-expiring", "leeway": 0.0,
		"token_lifetime": 2592000.0, "infinite_token_lifetime": true, "infinite_idle_token_lifetime": true, "idle_token_lifetime": 1296000.0}
	m2mRT := map[string]any{"rotation_type": "non-rotating", "expiration_type": "non-expiring", "leeway": 0.0,
		"token_lifetime": 31557600.0, "infinite_token_lifetime": true, "infinite_idle_token_lifetime": true, "idle_token_lifetime": 2592000.0}
	jwt := map[string]any{"secret_encoded": false, "lifetime_in_seconds": 36000.0}
	four := []any{"authorization_code", "implicit", "refresh_token", "client_credentials"}
	three := []any{"authorization_code", "implicit", "refresh_token"}
	tests := []struct {
		name string
		body map[string]any
		want map[string]any
	}{
		{"name only (TestAccClientConfig)", map[string]any{"name": "A"}, map[string]any{
			"name": "A", "is_first_party": true, "is_token_endpoint_ip_header_trusted": false, "oidc_conformant": false,
			"jwt_configuration": jwt, "sso_disabled": false, "cross_origin_authentication": false, "grant_types": four,
			"custom_login_page_on": true, "refresh_token": firstPartyRT}},
		{"m2m (TestAccAllowUpdatingTheClientSecret)", map[string]any{"name": "B", "app_type": "non_interactive", "token_endpoint_auth_method": "client_secret_post"}, map[string]any{
			"name": "B", "app_type": "non_interactive", "token_endpoint_auth_method": "client_secret_post", "is_first_party": true,
			"is_token_endpoint_ip_header_trusted": false, "oidc_conformant": false, "jwt_configuration": jwt, "sso_disabled": false,
			"cross_origin_authentication": false, "grant_types": four, "custom_login_page_on": true, "refresh_token": m2mRT}},
		{"third-party spa (TestAccDataClients)", map[string]any{"name": "C", "app_type": "spa", "is_first_party": false, "token_endpoint_auth_method": "none"}, map[string]any{
			"name": "C", "app_type": "spa", "token_endpoint_auth_method": "none", "is_first_party": false,
			"is_token_endpoint_ip_header_trusted": false, "oidc_conformant": true, "jwt_configuration": jwt, "sso_disabled": false,
			"cross_origin_authentication": false, "grant_types": three, "custom_login_page_on": true,
			"third_party_security_mode": "permissive",
			"refresh_token": map[string]any{"rotation_type": "rotating", "expiration_type": "expiring", "leeway": 0.0, "token_lifetime": 2592000.0,
				"infinite_token_lifetime": false, "infinite_idle_token_lifetime": false, "idle_token_lifetime": 1296000.0}}},
		{"oidc logout mirror (TestAccClientOIDCLogout)", map[string]any{"name": "D", "app_type": "spa", "token_endpoint_auth_method": "none",
			"oidc_logout": map[string]any{"backchannel_logout_urls": []any{"https://x/logout"}, "backchannel_logout_initiators": map[string]any{"mode": "all"}}}, map[string]any{
			"name": "D", "app_type": "spa", "token_endpoint_auth_method": "none", "is_first_party": true,
			"is_token_endpoint_ip_header_trusted": false, "oidc_conformant": false, "jwt_configuration": jwt, "sso_disabled": false,
			"cross_origin_authentication": false, "grant_types": three, "custom_login_page_on": true, "refresh_token": firstPartyRT,
			"oidc_logout":             map[string]any{"backchannel_logout_urls": []any{"https://x/logout"}, "backchannel_logout_initiators": map[string]any{"mode": "all"}},
			"oidc_backchannel_logout": map[string]any{"backchannel_logout_urls": []any{"https://x/logout"}}}},
	}
	idRe := regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	secretRe := regexp.MustCompile(`^[A-Za-z0-9_-]{64}$`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := rawCall(t, sim, "POST", "/api/v2/clients", tok, tc.body)
			if code != http.StatusCreated {
				t.Fatalf("status %d, want 201: %v", code, body)
			}
			got := body.(map[string]any)
			if !idRe.MatchString(str(got, "client_id")) || !secretRe.MatchString(str(got, "client_secret")) {
				t.Errorf("client_id %q / client_secret %q not in Auth0's format", got["client_id"], got["client_secret"])
			}
			if keys, _ := got["signing_keys"].([]any); len(keys) != 1 {
				t.Errorf("signing_keys = %v", got["signing_keys"])
			}
			got = withoutKeys(got, "client_id", "client_secret", "signing_keys")
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("create answer (-want +got):\n%s", d)
			}
		})
	}
}

func TestClientsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{TLS: true})
	m := newMgmt(t, sim)

	created, err := m.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "app", AppType: ptr(management.ClientAppTypeEnumNonInteractive),
		ClientMetadata: &management.ClientMetadata{"team": "a", "env": "dev"}})
	if err != nil {
		t.Fatal(err)
	}
	id := created.GetClientID()
	got, err := m.Clients.Get(ctx, id, &management.GetClientRequestParameters{})
	if err != nil {
		t.Fatal(err)
	}
	if got.GetName() != "app" || got.GetClientSecret() != created.GetClientSecret() {
		t.Errorf("get = %q / secret match %v", got.GetName(), got.GetClientSecret() == created.GetClientSecret())
	}

	// Update: client_metadata is merged, null removes a key (TestAccClientConfig).
	upd, err := m.Clients.Update(ctx, id, &management.UpdateClientRequestContent{Description: ptr("d"),
		ClientMetadata: &management.ClientMetadata{"env": nil, "owner": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]any{"team": "a", "owner": "b"}, map[string]any(upd.GetClientMetadata())); d != "" {
		t.Errorf("client_metadata after merge (-want +got):\n%s", d)
	}
	if upd.GetDescription() != "d" {
		t.Errorf("description = %q", upd.GetDescription())
	}

	// Rotate: new secret returned and stored.
	rot, err := m.Clients.RotateSecret(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if rot.GetClientSecret() == created.GetClientSecret() || len(rot.GetClientSecret()) != 64 {
		t.Errorf("rotate-secret did not give a new 64-char secret")
	}

	// List with paging: 3 seeded clients + the configured one... count them.
	for i := 0; i < 4; i++ {
		if _, err := m.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "bulk"}); err != nil {
			t.Fatal(err)
		}
	}
	want := len(sim.Objects("clients")) // Default App, All Applications, configured client, 5 created
	if want != 8 {
		t.Fatalf("stored clients = %d, want 8", want)
	}
	page, err := m.Clients.List(ctx, &management.ListClientsRequestParameters{PerPage: ptr(3), IncludeTotals: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	var last string
	for it := page.Iterator(); it.Next(ctx); {
		seen++
		last = it.Current().GetName()
	}
	if seen != want {
		t.Errorf("iterated %d clients, want %d", seen, want)
	}
	if last != "All Applications" {
		t.Errorf("last listed client = %q, want the global client last", last)
	}
	globals, err := m.Clients.List(ctx, &management.ListClientsRequestParameters{IsGlobal: ptr(true), Fields: ptr("client_id"), IncludeFields: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(globals.Results) != 1 || globals.Results[0].GetTenant() == "" {
		t.Errorf("is_global=true: %d results, tenant %q", len(globals.Results), globals.Results[0].GetTenant())
	}

	// Errors.
	if _, err := m.Clients.Update(ctx, id, &management.UpdateClientRequestContent{}, option.WithBodyProperties(map[string]any{"client_id": "x"})); statusOf(err) != 400 {
		t.Errorf("PATCH client_id: err %v, want 400", err)
	} else if d := cmp.Diff(map[string]any{"statusCode": 400.0, "error": "Bad Request", "errorCode": "invalid_body",
		"message": "Payload validation error: 'Additional properties not allowed: client_id'."}, errorBody(t, err)); d != "" {
		t.Errorf("400 body (-want +got):\n%s", d)
	}
	if err := m.Clients.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err = m.Clients.Get(ctx, id, &management.GetClientRequestParameters{})
	if statusOf(err) != 404 {
		t.Fatalf("get deleted: %v, want 404", err)
	}
	if d := cmp.Diff(map[string]any{"statusCode": 404.0, "error": "Not Found", "message": "The client does not exist", "errorCode": "inexistent_client"}, errorBody(t, err)); d != "" {
		t.Errorf("404 body (-want +got):\n%s", d)
	}
	if err := m.Clients.Delete(ctx, id); statusOf(err) != 404 {
		t.Errorf("delete twice: %v, want 404", err)
	}
}

// Rotating the configured client's secret locks the old secret out of /oauth/token.
func TestRotateOwnSecretInvalidatesOldSecret(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := fetchToken(t, sim)
	code, _, body := rawCall(t, sim, "POST", "/api/v2/clients/"+sim.ClientID()+"/rotate-secret", tok, nil)
	if code != 200 {
		t.Fatalf("rotate: %d %v", code, body)
	}
	resp, err := sim.HTTPClient().PostForm(sim.URL()+"/oauth/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {sim.ClientID()}, "client_secret": {sim.ClientSecret()}, "audience": {sim.Audience()}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("old secret: status %d, want 401", resp.StatusCode)
	}
}
