package auth0sim

import (
	"net/http"
	"strings"
)

// Clients (applications): /api/v2/clients, with rotate-secret and the
// (read-only here) credentials list. Defaults follow the recordings
// TestAccClient*, TestAccDataClient*, TestAccGlobalClient and
// TestAccAllowUpdatingTheClientSecret.

func init() {
	registerFamily(Family{
		Name:     "clients",
		Register: registerClients,
		Collections: []Collection{
			{Name: "clients", IDKey: "client_id", Create: createClient, OnDelete: cascadeClientDelete},
			{Name: credentialsColl},
		},
	})
}

func registerClients(s *Server) {
	read := []string{"read:clients", "read:client_keys"}
	s.Handle(Route{Pattern: "GET /api/v2/clients", Scopes: read, Bucket: BucketClientsRead, Handler: s.listClients})
	s.Handle(Route{Pattern: "GET /api/v2/clients/{id}", Scopes: read, Bucket: BucketClientsRead, Handler: s.getClient})
	s.Handle(Route{Pattern: "POST /api/v2/clients", Scopes: []string{"create:clients"}, Handler: s.postClient})
	s.Handle(Route{Pattern: "PATCH /api/v2/clients/{id}", Scopes: []string{"update:clients", "update:client_keys"}, Handler: s.patchClient})
	s.Handle(Route{Pattern: "DELETE /api/v2/clients/{id}", Scopes: []string{"delete:clients"}, Handler: s.deleteClient})
	s.Handle(Route{Pattern: "POST /api/v2/clients/{id}/rotate-secret", Scopes: []string{"update:client_keys"}, Handler: s.rotateClientSecret})
	s.Handle(Route{Pattern: "GET /api/v2/clients/{id}/credentials", Scopes: []string{"read:client_credentials"}, Handler: s.listClientCredentials})
}

func errNoClient() *APIError { return errNotFound("The client does not exist", "inexistent_client") }

// defaultRefreshToken is the refresh_token block Auth0 gives a new client:
// a client created to post its secret (token_endpoint_auth_method
// client_secret_post) gets the longer lifetimes, whatever its app type
// (TestAccClientCanSetDefaultAuthMethodOnCreate #0 without an app type,
// TestAccDataClientHideClientSecret #0: non_interactive without it gets the
// shorter). A third-party client's tokens expire (no infinite idle
// lifetime); a public one's also rotate and have a finite lifetime
// (TestAccDataClients #4, TestAccClient_ThirdPartySecurityMode #0).
func defaultRefreshToken(longLived, thirdParty, public bool) Object {
	lifetime, idle := 2592000.0, 1296000.0
	if longLived {
		lifetime, idle = 31557600, 2592000
	}
	rt := Object{"rotation_type": "non-rotating", "expiration_type": "non-expiring", "leeway": float64(0),
		"token_lifetime": lifetime, "infinite_token_lifetime": true,
		"infinite_idle_token_lifetime": true, "idle_token_lifetime": idle}
	if thirdParty {
		rt["expiration_type"], rt["infinite_idle_token_lifetime"] = "expiring", false
		if public {
			rt["rotation_type"], rt["infinite_token_lifetime"] = "rotating", false
		}
	}
	return rt
}

// appTypeDefaults are the defaults of the app types that differ from the
// rest (TestAccClientExpressApp*, TestAccClientResourceServer,
// TestAccClientOnBehalfOfTokenExchange): an Okta express configuration
// app has Okta's callback, no secret and private-key-JWT credentials; a
// resource server's client has no grant types.
var appTypeDefaults = map[string]Object{
	"express_configuration": {
		"callbacks":   anyList("https://system-admin.okta.com/admin/app/generic/oauth20redirect"),
		"grant_types": anyList("authorization_code", "client_credentials"), "oidc_conformant": true,
		"jwt_configuration":  Object{"secret_encoded": false, "alg": "RS256"},
		"organization_usage": "require", "organization_require_behavior": "pre_login_prompt",
		"client_authentication_methods": Object{"private_key_jwt": Object{"credentials": []any{}}},
	},
	"resource_server": {"grant_types": []any{}, "oidc_conformant": true,
		"jwt_configuration": Object{"secret_encoded": false, "alg": "RS256"}},
}

// strictThirdPartyDefaults are the defaults of a third-party client in
// strict security mode (TestAccClient_ThirdPartySecurityMode #0; the
// clients TestAccClientCIMD registers show the same).
var strictThirdPartyDefaults = Object{"grant_types": anyList("authorization_code"),
	"jwt_configuration": Object{"secret_encoded": false, "alg": "RS256", "lifetime_in_seconds": float64(3600)}}

// createClient stores a new client with Auth0's server-side defaults. The
// admin API may pass client_id and client_secret; the API refuses client_id.
func createClient(s *Server, tx *Tx, body Object) (Object, *APIError) {
	if str(body, "name") == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: name'.")
	}
	obj := deepCopy(body)
	if str(obj, "client_id") == "" {
		obj["client_id"] = newClientID()
	}
	if _, taken := tx.Get("clients", str(obj, "client_id")); taken {
		return nil, errConflict("A client with this client_id already exists", "client_conflict")
	}
	appType := str(obj, "app_type")
	if str(obj, "client_secret") == "" && appType != "express_configuration" {
		obj["client_secret"] = newClientSecret()
	}
	thirdParty := false
	if v, ok := obj["is_first_party"].(bool); ok && !v {
		thirdParty = true
	}
	authMethod := str(obj, "token_endpoint_auth_method")
	grants := anyList("authorization_code", "implicit", "refresh_token", "client_credentials")
	if authMethod == "none" {
		grants = anyList("authorization_code", "implicit", "refresh_token")
	}
	if str(obj, "third_party_security_mode") == "strict" {
		applyDefaults(obj, deepCopy(strictThirdPartyDefaults))
	}
	applyDefaults(obj, deepCopy(appTypeDefaults[appType]))
	defaults := Object{
		"is_first_party":                      true,
		"is_token_endpoint_ip_header_trusted": false,
		"oidc_conformant":                     thirdParty,
		"jwt_configuration":                   Object{"secret_encoded": false, "lifetime_in_seconds": float64(36000)},
		"signing_keys":                        s.clientSigningKeys(),
		"sso_disabled":                        false,
		"cross_origin_authentication":         false,
		"grant_types":                         grants,
		"custom_login_page_on":                true,
		"refresh_token":                       defaultRefreshToken(authMethod == "client_secret_post", thirdParty, authMethod == "none"),
	}
	if thirdParty {
		defaults["third_party_security_mode"] = "permissive"
	}
	applyDefaults(obj, defaults)
	syncBackchannelLogout(obj, nil)
	if appType == "resource_server" { // the API shows its client (TestAccClientResourceServer #4)
		if rs, ok := findResourceServer(tx, str(obj, "resource_server_identifier")); ok {
			rs["client_id"] = obj["client_id"]
			tx.Put("resource-servers", str(rs, "id"), rs)
		}
	}
	tx.Put("clients", str(obj, "client_id"), obj)
	return obj, nil
}

// syncBackchannelLogout keeps the legacy oidc_backchannel_logout mirror of
// oidc_logout.backchannel_logout_urls, as Auth0 does; a patch setting
// oidc_backchannel_logout to null drops both.
func syncBackchannelLogout(obj, patch Object) {
	if patch != nil {
		if v, ok := patch["oidc_backchannel_logout"]; ok && v == nil {
			delete(obj, "oidc_logout")
			delete(obj, "oidc_backchannel_logout")
			return
		}
	}
	if ol, ok := obj["oidc_logout"].(map[string]any); ok {
		if urls, ok := ol["backchannel_logout_urls"]; ok {
			obj["oidc_backchannel_logout"] = Object{"backchannel_logout_urls": copyValue(urls)}
		}
	}
}

func cascadeClientDelete(s *Server, tx *Tx, client Object) {
	id := str(client, "client_id")
	for _, coll := range []string{"client-grants", credentialsColl, orgClientsColl} {
		for _, o := range tx.List(coll) {
			if str(o, "client_id") == id {
				tx.Delete(coll, str(o, "id"))
			}
		}
	}
}

// clientView renders a stored client for the API: the internal "global"
// flag is hidden, and client_secret only shows to a token that may read
// client keys (or on create and rotate, where Auth0 always returns it).
func clientView(obj Object, showSecret bool, fields []string, include bool) Object {
	hidden := []string{"global", "tenant"}
	if !showSecret {
		hidden = append(hidden, "client_secret")
	}
	if len(fields) == 0 {
		return withoutKeys(obj, hidden...)
	}
	// A projection still carries signing_keys (the global client: tenant),
	// as the recordings show.
	always := "signing_keys"
	if boolean(obj, "global") {
		always = "tenant"
		hidden = hidden[:0]
		if !showSecret {
			hidden = append(hidden, "client_secret")
		}
	}
	return selectFields(withoutKeys(obj, append(hidden, "global")...), fields, include, always)
}

func canSeeSecrets(r *http.Request) bool { return tokenFrom(r).HasScope("read:client_keys") }

func (s *Server) listClients(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	q := r.URL.Query()
	var all []Object
	_ = s.store.View(func(tx *Tx) error { all = tx.List("clients"); return nil })
	var items, globals []Object
	for _, c := range all {
		if v := q.Get("is_global"); v != "" && (v == "true") != boolean(c, "global") {
			continue
		}
		if v := q.Get("is_first_party"); v != "" && (v == "true") != boolean(c, "is_first_party") {
			continue
		}
		if v := q.Get("app_type"); v != "" && !contains(strings.Split(v, ","), str(c, "app_type")) {
			continue
		}
		view := clientView(c, canSeeSecrets(r), lq.Fields, lq.IncludeFields)
		if boolean(c, "global") {
			globals = append(globals, view) // Auth0 lists the global client last
		} else {
			items = append(items, view)
		}
	}
	// The views are already projected; writeList must not project again.
	lq.Fields = nil
	writeList(w, lq, ListPage{Key: "clients", Items: append(items, globals...),
		Extra: Object{"length": 0, "next": ""}})
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func (s *Server) getClient(w http.ResponseWriter, r *http.Request) {
	c, ok := s.Object("clients", r.PathValue("id"))
	if !ok {
		writeError(w, errNoClient())
		return
	}
	fields, include := parseFields(r)
	writeJSON(w, http.StatusOK, clientView(c, canSeeSecrets(r), fields, include))
}

func (s *Server) postClient(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var c Object
	_ = s.store.Update(func(tx *Tx) error { c, aerr = createClient(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, clientView(c, true, nil, true))
}

func (s *Server) patchClient(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var c Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if c, ok = tx.Get("clients", id); ok {
			mergePatch(c, patch)
			syncBackchannelLogout(c, patch)
			tx.Put("clients", id, c)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoClient())
		return
	}
	writeJSON(w, http.StatusOK, clientView(c, canSeeSecrets(r) || tokenFrom(r).HasScope("update:client_keys"), nil, true))
}

func (s *Server) deleteClient(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject("clients", r.PathValue("id")) {
		writeError(w, errNoClient())
		return
	}
	writeNoContent(w)
}

func (s *Server) rotateClientSecret(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var c Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if c, ok = tx.Get("clients", id); ok {
			c["client_secret"] = newClientSecret()
			tx.Put("clients", id, c)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoClient())
		return
	}
	writeJSON(w, http.StatusOK, clientView(c, true, nil, true))
}

func (s *Server) listClientCredentials(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var creds []Object
	var ok bool
	_ = s.store.View(func(tx *Tx) error {
		_, ok = tx.Get("clients", id)
		for _, c := range tx.List(credentialsColl) {
			if str(c, "client_id") == id {
				creds = append(creds, credentialView(c))
			}
		}
		return nil
	})
	if !ok {
		writeError(w, errNoClient())
		return
	}
	if creds == nil {
		creds = []Object{}
	}
	writeJSON(w, http.StatusOK, creds)
}
