package auth0sim

import (
	"strings"
)

// Well-known objects of a new tenant.
const (
	defaultConnectionName = "Username-Password-Authentication"
	// SingletonID is the id under which a family stores a singleton whose
	// Management API path has no id of its own (e.g. "branding"/"settings").
	SingletonID = "settings"
)

// seedTenant fills an empty store the way Auth0 fills a new tenant: the
// Default App, the global "All Applications" client, the
// Username-Password-Authentication database connection, the Auth0 Management
// API (is_system), default tenant settings, branding, prompt settings and
// attack protection, and the Actions triggers; plus the configured
// machine-to-machine client and its grant.
func (s *Server) seedTenant() {
	_ = s.store.Update(func(tx *Tx) error {
		defaultApp, _ := s.createObject(tx, "clients", Object{"name": "Default App"})
		global := Object{
			"name": "All Applications", "client_id": newClientID(), "client_secret": newClientSecret(),
			"tenant": s.tenantName(), "global": true, "is_first_party": true,
			"is_token_endpoint_ip_header_trusted": false, "oidc_conformant": true, "callbacks": []any{},
			"jwt_configuration": Object{"alg": "RS256"}, "signing_keys": s.clientSigningKeys(),
			"sso": false, "sso_disabled": false, "cross_origin_auth": false, "cross_origin_authentication": false,
			"custom_login_page_on": false, "refresh_token": defaultRefreshToken(false, false, false),
		}
		tx.Put("clients", str(global, "client_id"), global)

		// The database connection every tenant starts with, enabled for the
		// Default App, with the defaults any new auth0 connection gets.
		_, _ = createConnection(s, tx, Object{
			"name": defaultConnectionName, "display_name": defaultConnectionName, "strategy": "auth0",
			"enabled_clients": anyList(str(defaultApp, "client_id")),
		})

		mgmt := Object{
			"id": newObjectID(), "name": "Auth0 Management API", "identifier": s.Audience(),
			"allow_offline_access": false, "skip_consent_for_verifiable_first_party_clients": false,
			"token_lifetime": float64(86400), "token_lifetime_for_web": float64(7200), "signing_alg": "RS256",
			"scopes": scopeObjects(s.AllScopes()), "is_system": true,
		}
		tx.Put("resource-servers", str(mgmt, "id"), mgmt)

		tx.Put("tenants", SingletonID, defaultTenantSettings())
		tx.Put(brandingColl, SingletonID, defaultBranding())
		tx.Put(promptsColl, SingletonID, defaultPromptSettings())
		seedAttackProtection(tx)
		seedActionTriggers(tx)
		return nil
	})
	s.ensureConfiguredClient()
}

// ensureConfiguredClient makes sure the client given in Options exists with
// its grant on the Management API and its registered public key.
func (s *Server) ensureConfiguredClient() {
	_ = s.store.Update(func(tx *Tx) error {
		if _, ok := tx.Get("clients", s.clientID); ok {
			return nil
		}
		_, _ = s.createObject(tx, "clients", Object{
			"name": "auth0-sim Management Client", "app_type": "non_interactive",
			"client_id": s.clientID, "client_secret": s.secret,
			"grant_types": anyList("client_credentials"), "token_endpoint_auth_method": "client_secret_post",
		})
		scopes := s.opts.Scopes
		if scopes == nil {
			scopes = s.AllScopes()
		}
		grant := Object{"id": newID("cgr_", 16), "client_id": s.clientID, "audience": s.Audience(),
			"scope": anyList(scopes...), "subject_type": "client"}
		tx.Put("client-grants", str(grant, "id"), grant)
		if s.opts.ClientPublicKeyPEM != "" {
			cred := Object{"id": newID("cred_", 22), "client_id": s.clientID, "name": "auth0-sim key",
				"credential_type": "public_key", "pem": s.opts.ClientPublicKeyPEM}
			tx.Put(credentialsColl, str(cred, "id"), cred)
		}
		return nil
	})
}

// tenantName is the tenant's name: the domain's first label.
func (s *Server) tenantName() string {
	name, _, _ := strings.Cut(s.domain, ".")
	return name
}

// clientSigningKeys is the signing_keys value every client shows.
func (s *Server) clientSigningKeys() []any {
	return []any{Object{"cert": s.keys.certPEM, "subject": "/CN=" + s.domain}}
}

// scopeObjects turns scope names into resource-server scopes with a
// description ("read:client_grants" -> "Read Client Grants").
func scopeObjects(scopes []string) []any {
	out := make([]any, 0, len(scopes))
	for _, sc := range scopes {
		verb, noun, _ := strings.Cut(sc, ":")
		words := strings.Fields(strings.ReplaceAll(noun, "_", " "))
		for i, w := range words {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		desc := strings.ToUpper(verb[:1]) + verb[1:] + " " + strings.Join(words, " ")
		out = append(out, Object{"value": sc, "description": desc})
	}
	return out
}

// defaultTenantSettings is GET /tenants/settings on a new tenant; the keys
// and defaults are those the recordings show.
func defaultTenantSettings() Object {
	return Object{
		"allowed_logout_urls":  []any{},
		"acr_values_supported": []any{},
		"change_password":      Object{"enabled": false},
		"default_audience":     "",
		"default_directory":    "",
		"enabled_locales":      anyList("en"),
		"flags": Object{
			"allow_changing_enable_sso":                                         false,
			"allow_legacy_delegation_grant_types":                               false,
			"allow_legacy_ro_grant_types":                                       false,
			"allow_other_legacy_grant_types":                                    false,
			"cannot_change_enforce_client_authentication_on_passwordless_start": true,
			"disable_impersonation":                                             true,
			"disable_management_api_sms_obfuscation":                            false,
			"enable_dynamic_client_registration":                                false,
			"enable_public_signup_user_exists_error":                            false,
			"enable_sso":                                                        true,
			"enforce_client_authentication_on_passwordless_start":               true,
			"universal_login":                                                   true,
			"use_scope_descriptions_for_consent":                                false,
			"no_disclose_enterprise_connections":                                false,
			"revoke_refresh_token_grant":                                        false,
			"disable_fields_map_fix":                                            false,
			"mfa_show_factor_list_on_enrollment":                                false,
			"remove_alg_from_jwks":                                              false,
			"disable_clickjack_protection_headers":                              false,
		},
		"friendly_name":                   "",
		"guardian_mfa_page":               Object{"enabled": false},
		"idle_session_lifetime":           float64(72),
		"ephemeral_session_lifetime":      float64(72),
		"idle_ephemeral_session_lifetime": float64(24),
		"picture_url":                     "",
		"sandbox_version":                 "22",
		"sandbox_versions_available":      anyList("22", "18"),
		"session_lifetime":                float64(720),
		"support_email":                   "",
		"support_url":                     "",
		"sessions":                        Object{"oidc_logout_prompt_enabled": true},
		"oidc_logout":                     Object{"rp_logout_end_session_endpoint_discovery": true},
		"allow_organization_name_in_authentication_api": false,
		"customize_mfa_in_postlogin_action":             false,
		"pushed_authorization_requests_supported":       false,
		"mtls":                                      Object{"enable_endpoint_aliases": false},
		"resource_parameter_profile":                "audience",
		"phone_consolidated_experience":             false,
		"client_id_metadata_document_supported":     false,
		"dynamic_client_registration_security_mode": "strict",
		"session_cookie":                            Object{"mode": "persistent"},
	}
}
