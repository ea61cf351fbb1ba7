package auth0sim

import "fmt"

// PopulateCore fills the tenant the way years of dashboard work would, without the operator:
// 3×scale applications of every type with non-default settings (a few sharing a name, as Auth0
// allows), scale APIs with scopes, a grant for every machine-to-machine application, a
// third-party application. It needs no secret values; it returns none.
func (s *Server) PopulateCore(scale int) map[string]string {
	must := func(o Object, err *APIError) Object {
		if err != nil {
			panic(fmt.Sprintf("auth0sim: populate: %s", err.Message))
		}
		return o
	}
	var apis []Object
	for i := range scale {
		apis = append(apis, must(s.CreateObject("resource-servers", Object{
			"name": fmt.Sprintf("Orders API %d", i), "identifier": fmt.Sprintf("https://api.example.com/orders-%d", i),
			"scopes": []any{
				Object{"value": "read:orders", "description": "Read orders"},
				Object{"value": "write:orders", "description": "Write orders"},
			},
			"token_lifetime": float64(3600 + i), "allow_offline_access": i%2 == 0, "signing_alg": []string{"RS256", "HS256"}[i%2],
			"token_dialect": "access_token_authz", "enforce_policies": i%3 == 0,
		})))
	}
	types := []string{"spa", "regular_web", "non_interactive", "native"}
	for i := range 3 * scale {
		typ := types[i%len(types)]
		name := fmt.Sprintf("%s app %d", typ, i)
		if i%25 == 24 {
			name = fmt.Sprintf("%s app %d", typ, i-4) // the same name as another: Auth0 allows it
		}
		body := Object{"name": name, "app_type": typ, "description": "made in the dashboard",
			"callbacks":       []any{fmt.Sprintf("https://app%d.example.com/callback", i)},
			"client_metadata": Object{"team": fmt.Sprintf("team-%d", i%7)}}
		switch typ {
		case "spa":
			body["token_endpoint_auth_method"] = "none"
			body["web_origins"] = []any{fmt.Sprintf("https://app%d.example.com", i)}
			body["refresh_token"] = Object{"rotation_type": "rotating", "expiration_type": "expiring", "leeway": float64(10),
				"token_lifetime": float64(604800), "idle_token_lifetime": float64(86400),
				"infinite_token_lifetime": false, "infinite_idle_token_lifetime": false}
		case "non_interactive":
			body["grant_types"] = []any{"client_credentials"}
			body["jwt_configuration"] = Object{"alg": "RS256", "lifetime_in_seconds": float64(600)}
		case "regular_web":
			body["allowed_logout_urls"] = []any{fmt.Sprintf("https://app%d.example.com/", i)}
			body["oidc_conformant"] = true
			body["organization_usage"] = "allow"
		}
		app := must(s.CreateObject("clients", body))
		if typ == "non_interactive" {
			api := apis[i%len(apis)]
			must(s.CreateObject("client-grants", Object{"client_id": app["client_id"], "audience": api["identifier"],
				"scope": []any{"read:orders"}}))
		}
	}
	must(s.CreateObject("clients", Object{"name": "partner portal", "app_type": "regular_web", "is_first_party": false}))
	return nil
}

// Populate fills the tenant with objects of every kind the operator manages (see the
// Populate* methods) and returns the secret values used, by the secret keys the export's
// skeleton Secrets name.
func (s *Server) Populate(scale int) map[string]string {
	values := map[string]string{}
	for _, populate := range []func(int) map[string]string{s.PopulateCore, s.PopulateIdentity, s.PopulateAutomation, s.PopulateTenantWide} {
		for k, v := range populate(scale) {
			values[k] = v
		}
	}
	return values
}
