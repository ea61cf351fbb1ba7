package auth0sim

import "fmt"

// PopulateIdentity fills the tenant, as people do in the dashboard, with about scale
// connections (databases with their own password rules, social and enterprise connections,
// passwordless SMS), organizations (branding, metadata, enabled connections with their flags)
// and roles (permissions on APIs), plus the few "identity-" applications and APIs they
// reference. Connections enable those applications and the Default App; organizations enable
// those connections and Username-Password-Authentication; one role has a permission on the
// Auth0 Management API. It returns the secret option values it used, by option name (one value
// per name): client_secret, app_secret and twilio_token.
func (s *Server) PopulateIdentity(scale int) map[string]string {
	secrets := map[string]string{"client_secret": "identity-oauth-client-secret", "app_secret": "identity-apple-signing-key",
		"twilio_token": "identity-twilio-token"}
	must := func(o Object, aerr *APIError) Object {
		if aerr != nil {
			panic(fmt.Sprintf("PopulateIdentity: %s", aerr.Message))
		}
		return o
	}
	byName := func(coll, name string) Object {
		for _, o := range s.Objects(coll) {
			if str(o, "name") == name {
				return o
			}
		}
		panic("PopulateIdentity: no " + name)
	}

	clients := []string{str(byName("clients", "Default App"), "client_id")}
	for _, c := range []Object{
		{"name": "identity-portal", "app_type": "spa", "token_endpoint_auth_method": "none",
			"callbacks": anyList("https://portal.example.com/callback"), "web_origins": anyList("https://portal.example.com")},
		{"name": "identity-admin", "app_type": "regular_web", "callbacks": anyList("https://admin.example.com/callback")},
		{"name": "identity-mobile", "app_type": "native", "callbacks": anyList("com.example.identity://callback")},
	} {
		clients = append(clients, str(must(s.CreateObject("clients", c)), "client_id"))
	}
	var apis []string
	for i, area := range []string{"accounts", "billing", "reports"} {
		identifier := "https://identity-" + area + ".example.com"
		must(s.CreateObject("resource-servers", Object{"name": fmt.Sprintf("identity-%s", area), "identifier": identifier,
			"scopes": []any{Object{"value": "read:" + area, "description": "Read " + area}, Object{"value": "write:" + area, "description": "Change " + area},
				Object{"value": "delete:" + area}, Object{"value": "admin:" + area, "description": "Administer " + area}},
			"token_lifetime": float64(3600 * (i + 1))}))
		apis = append(apis, identifier)
	}

	var conns []Object
	for i := range scale {
		c := identityConnection(i, secrets)
		enabled := []any{}
		for k := range i % 3 {
			enabled = append(enabled, clients[(i+k)%len(clients)])
		}
		c["enabled_clients"] = enabled
		if i%3 == 0 {
			c["metadata"] = Object{"team": "identity", "ticket": fmt.Sprintf("IAM-%d", 100+i)}
		}
		if i%5 == 4 {
			c["realms"] = anyList(str(c, "name") + "-realm")
		}
		conns = append(conns, must(s.CreateObject(connectionsColl, c)))
	}
	userPass := byName(connectionsColl, defaultConnectionName)

	for i := range scale {
		o := Object{"name": fmt.Sprintf("identity-org-%02d", i)}
		if i%4 != 3 {
			o["display_name"] = fmt.Sprintf("Identity Customer %02d", i)
		}
		switch i % 3 {
		case 0:
			o["branding"] = Object{"logo_url": fmt.Sprintf("https://cdn.example.com/org-%02d.svg", i),
				"colors": Object{"primary": "#0059d6", "page_background": "#ffffff"}}
		case 1:
			o["branding"] = Object{"logo_url": fmt.Sprintf("https://cdn.example.com/org-%02d.png", i)}
		}
		if i%2 == 0 {
			o["metadata"] = Object{"plan": []string{"free", "team", "enterprise"}[i%3], "region": "eu"}
		}
		org := must(s.CreateObject(organizationsColl, o))
		enable := []Object{}
		if i%2 == 0 {
			enable = append(enable, Object{"connection_id": str(userPass, "id"), "assign_membership_on_login": true, "is_signup_enabled": i%4 == 0})
		}
		if len(conns) > 0 && i%5 != 1 {
			ec := Object{"connection_id": str(conns[i%len(conns)], "id")}
			if i%3 == 0 {
				ec["show_as_button"] = false
			}
			enable = append(enable, ec)
		}
		_ = s.store.Update(func(tx *Tx) error {
			for _, ec := range enable {
				must(s.enableOrgConnection(tx, str(org, "id"), ec))
			}
			return nil
		})
	}

	mgmtScope := s.AllScopes()[0]
	for i := range scale {
		r := Object{"name": fmt.Sprintf("Identity Role %02d", i)}
		if i%3 != 0 {
			r["description"] = fmt.Sprintf("Grants the identity team's permissions, set %d", i)
		}
		role := must(s.CreateObject(rolesColl, r))
		area := []string{"accounts", "billing", "reports"}
		var perms [][2]string
		if i%7 != 6 {
			for _, verb := range []string{"read", "write", "delete", "admin"}[:i%4+1] {
				perms = append(perms, [2]string{apis[i%3], verb + ":" + area[i%3]})
			}
		}
		if i%5 == 0 {
			perms = append(perms, [2]string{apis[(i+1)%3], "read:" + area[(i+1)%3]})
		}
		if i == 1 {
			perms = append(perms, [2]string{s.Audience(), mgmtScope})
		}
		_ = s.store.Update(func(tx *Tx) error {
			for _, p := range perms {
				key := permissionKey(str(role, "id"), p[0], p[1])
				tx.Put(rolePermissionsColl, key, Object{"id": key, "role_id": str(role, "id"),
					"resource_server_identifier": p[0], "permission_name": p[1]})
			}
			return nil
		})
	}
	populateSelfServiceProfiles(s)
	return secrets
}

// populateSelfServiceProfiles makes the self-service SSO profiles a B2B tenant has: one for
// partners, with a page of custom text, and a bare one.
func populateSelfServiceProfiles(s *Server) {
	must := func(o Object, aerr *APIError) Object {
		if aerr != nil {
			panic(fmt.Sprintf("PopulateIdentity: self-service profiles: %s", aerr.Message))
		}
		return o
	}
	partners := must(s.CreateObject(selfServiceProfilesColl, Object{"name": "partners", "description": "SSO for partner companies",
		"allowed_strategies": anyList("samlp", "oidc", "okta"), "branding": Object{"logo_url": "https://cdn.example.com/logo.svg",
			"colors": Object{"primary": "#0059d6"}},
		"user_attributes": []any{Object{"name": "email", "description": "Work email", "is_optional": false}}}))
	must(s.CreateObject(selfServiceProfilesColl, Object{"name": "contractors"}))
	_ = s.store.Update(func(tx *Tx) error {
		key := str(partners, "id") + "/en/get-started"
		tx.Put(sspCustomTextColl, key, Object{"id": key, "profile_id": str(partners, "id"),
			"introduction": "Connect your company's identity provider."})
		return nil
	})
}

// identityConnection is the i-th connection PopulateIdentity makes, cycling through the
// strategies people use, each with settings of its own.
func identityConnection(i int, secrets map[string]string) Object {
	n := fmt.Sprintf("%02d", i)
	switch i % 8 {
	case 0, 4:
		opts := Object{"passwordPolicy": "excellent", "password_complexity_options": Object{"min_length": float64(12 + i%5)},
			"password_history": Object{"enable": true, "size": float64(5)}, "password_no_personal_info": Object{"enable": true},
			"password_dictionary": Object{"enable": true, "dictionary": anyList("acme", "identity")}, "disable_signup": i%3 == 0}
		if i%8 == 4 {
			opts = Object{"passwordPolicy": "fair", "requires_username": true, "validation": Object{"username": Object{"min": float64(3), "max": float64(20)}},
				"brute_force_protection": false, "non_persistent_attrs": anyList("ssn"), "disable_self_service_change_password": true,
				"mfa": Object{"active": false, "return_enroll_settings": true}, "authentication_methods": Object{"passkey": Object{"enabled": true}}}
		}
		return Object{"name": "identity-db-" + n, "strategy": "auth0", "display_name": "Identity customers " + n, "options": opts}
	case 1:
		return Object{"name": "identity-google-" + n, "strategy": "google-oauth2", "options": Object{
			"client_id": "identity-" + n + ".apps.googleusercontent.com", "client_secret": secrets["client_secret"],
			"email": true, "profile": true, "scope": anyList("email", "profile"), "allowed_audiences": anyList("example.com")}}
	case 2:
		return Object{"name": "identity-oidc-" + n, "strategy": "oidc", "display_name": "Partner SSO " + n, "options": Object{
			"type": "back_channel", "client_id": "identity-oidc-" + n, "client_secret": secrets["client_secret"],
			"discovery_url": "https://sso" + n + ".partner.example.com/.well-known/openid-configuration",
			"issuer":        "https://sso" + n + ".partner.example.com/", "scope": "openid profile email",
			"domain_aliases": anyList("partner" + n + ".example.com")}}
	case 3:
		return Object{"name": "identity-saml-" + n, "strategy": "samlp", "display_name": "Corporate SAML " + n, "options": Object{
			"signInEndpoint": "https://idp" + n + ".example.com/saml/sso", "signOutEndpoint": "https://idp" + n + ".example.com/saml/slo",
			"signingCert": "MIIC8jCCAdqgAwIBAgIQidentity" + n, "signatureAlgorithm": "rsa-sha256", "digestAlgorithm": "sha256",
			"debug": false, "fieldsMap": Object{"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"}}}
	case 5:
		return Object{"name": "identity-azure-" + n, "strategy": "waad", "display_name": "Staff " + n, "options": Object{
			"client_id": "0f1e2d3c-identity-" + n, "client_secret": secrets["client_secret"], "tenant_domain": "staff" + n + ".example.com",
			"domain": "staff" + n + ".example.com", "waad_protocol": "openid-connect", "identity_api": "microsoft-identity-platform-v2.0",
			"use_wsfed": false, "ext_groups": true, "domain_aliases": anyList("staff" + n + ".example.com")}}
	case 6:
		return Object{"name": "identity-apple-" + n, "strategy": "apple", "options": Object{
			"client_id": "com.example.identity" + n, "team_id": "TEAM" + n, "kid": "KEY" + n, "app_secret": secrets["app_secret"],
			"scope": "name email"}}
	default:
		return Object{"name": "identity-sms-" + n, "strategy": "sms", "options": Object{
			"from": "+15550100" + n, "syntax": "md_with_macros", "template": "Your code is @@password@@",
			"totp": Object{"time_step": float64(300), "length": float64(6)}, "twilio_sid": "AC" + n + "identity",
			"twilio_token": secrets["twilio_token"], "disable_signup": false, "brute_force_protection": true}}
	}
}
