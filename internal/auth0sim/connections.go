package auth0sim

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// Connections: /api/v2/connections and the clients enabled on each
// (/connections/{id}/clients). Shapes follow TestAccConnection,
// TestAccConnectionClient(s), TestAccConnectionPasswordOptions and
// TestAccOrganization:
//
//   - POST answers 201; strategy and name are create-only (PATCH carrying
//     them answers Auth0's 400). A database (auth0) connection gets the
//     newest recordings' option defaults: mfa, passwordPolicy "good"
//     (unless password_options are given), strategy_version 2,
//     authentication_methods, passkey_options, brute_force_protection, and
//     password_options sub-defaults.
//   - PATCH replaces options as a whole (what a PATCH leaves out is gone),
//     except authentication_methods and passkey_options, which Auth0 keeps.
//   - options.configuration values are write-only: Auth0 answers them
//     encrypted, a new ciphertext after each write.
//   - DELETE answers 202 {"deleted_at": ...}.
//   - enabled clients: GET /connections/{id}/clients answers
//     {"clients":[{"client_id"}]} (checkpoint paging, "next" while more);
//     PATCH takes [{"client_id","status"}] and answers 204. The
//     connection's enabled_clients shows the same list. A deleted client
//     drops out of it.
//   - the list pages by offset (page/per_page/include_totals) or by
//     checkpoint (from/take, what go-auth0 v3 sends) and filters by
//     strategy (repeatable) and name.

const connectionsColl = "connections"

var connectionStrategies = []string{"ad", "adfs", "amazon", "apple", "dropbox", "bitbucket", "auth0-oidc", "auth0", "baidu",
	"bitly", "box", "custom", "daccount", "dwolla", "email", "evernote-sandbox", "evernote", "exact", "facebook", "fitbit",
	"github", "google-apps", "google-oauth2", "instagram", "ip", "line", "linkedin", "oauth1", "oauth2", "office365", "oidc",
	"okta", "paypal", "paypal-sandbox", "pingfederate", "planningcenter", "salesforce-community", "salesforce-sandbox",
	"salesforce", "samlp", "sharepoint", "shopify", "shop", "sms", "soundcloud", "thirtysevensignals", "twitter", "untappd",
	"vkontakte", "waad", "weibo", "windowslive", "wordpress", "yahoo", "yandex", "auth0-adldap"}

var connectionNamePattern = regexp.MustCompile(`^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$`)

func init() {
	registerFamily(Family{
		Name:        "connections",
		Register:    registerConnections,
		Collections: []Collection{{Name: connectionsColl, Create: createConnection}},
	})
}

func registerConnections(s *Server) {
	read := []string{"read:connections"}
	s.Handle(Route{Pattern: "GET /api/v2/connections", Scopes: read, Handler: s.listConnections})
	s.Handle(Route{Pattern: "POST /api/v2/connections", Scopes: []string{"create:connections"}, Handler: s.postConnection})
	s.Handle(Route{Pattern: "GET /api/v2/connections/{id}", Scopes: read, Handler: s.getConnection})
	s.Handle(Route{Pattern: "PATCH /api/v2/connections/{id}", Scopes: []string{"update:connections"}, Handler: s.patchConnection})
	s.Handle(Route{Pattern: "DELETE /api/v2/connections/{id}", Scopes: []string{"delete:connections"}, Handler: s.deleteConnection})
	s.Handle(Route{Pattern: "GET /api/v2/connections/{id}/clients", Scopes: read, Handler: s.getConnectionClients})
	s.Handle(Route{Pattern: "PATCH /api/v2/connections/{id}/clients", Scopes: []string{"update:connections"}, Handler: s.patchConnectionClients})
}

func errNoConnection() *APIError {
	return errNotFound("The connection does not exist", "inexistent_connection")
}

// strategyOptionDefaults are the options Auth0 fills per strategy when a
// create or a PATCH of options leaves them out (GET answers of
// TestAccConnectionGoogleApps*/TestAccDirectory*, TestAccConnectionOIDC,
// TestAccConnectionOkta, TestAccOrganizationConnection). An OIDC
// connection's oidc_metadata, fetched from its discovery URL, is not
// modelled.
var strategyOptionDefaults = map[string]Object{
	"google-apps": {"email": true, "profile": true, "scope": anyList("email", "profile"), "handle_login_from_social": true},
	"oidc": {"schema_version": "oidc-V4", "attribute_map": Object{"mapping_mode": "bind_all"},
		"connection_settings": Object{"pkce": "auto"}},
	"okta": {"schema_version": "oidc-V4", "attribute_map": Object{"mapping_mode": "basic_profile"},
		"connection_settings": Object{"pkce": "auto"}, "type": "back_channel"},
	"line":  {"profile": true},
	"waad":  {"waad_common_endpoint": false},
	"adfs":  {"thumbprints": []any{}},
	"samlp": {"bindingMethod": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
}

// socialScopes are the scopes a social connection derives from its boolean
// options on every write (a given scope is replaced): each true option adds
// its scope, in the table's order; always come first. sep joins them into
// one string (Facebook's commas, Apple's spaces); "" answers a list.
// From the POST and PATCH answers of TestAccConnectionFacebook, -GitHub,
// -GoogleOAuth2, -Linkedin, -Windowslive, -Salesforce, -Line and -Apple.
var socialScopes = map[string]struct {
	sep     string
	always  []string
	options [][2]string // option, scope
}{
	"facebook": {sep: ",", options: [][2]string{{"email", "email"}, {"groups_access_member_info", "groups_access_member_info"},
		{"user_birthday", "user_birthday"}, {"public_profile", "public_profile"}}},
	"github": {options: [][2]string{{"email", "user:email"}, {"read_user", "read:user"}, {"follow", "user:follow"},
		{"public_repo", "public_repo"}, {"repo", "repo"}, {"repo_deployment", "repo_deployment"}, {"repo_status", "repo:status"},
		{"delete_repo", "delete_repo"}, {"notifications", "notifications"}, {"gist", "gist"}, {"read_repo_hook", "read:repo_hook"},
		{"write_repo_hook", "write:repo_hook"}, {"admin_repo_hook", "admin:repo_hook"}, {"read_org", "read:org"},
		{"admin_org", "admin:org"}, {"read_public_key", "read:public_key"}, {"write_public_key", "write:public_key"},
		{"admin_public_key", "admin:public_key"}, {"write_org", "write:org"}}},
	"google-oauth2": {options: [][2]string{{"email", "email"}, {"profile", "profile"},
		{"gmail", "https://mail.google.com/mail/feed/atom"}, {"youtube", "https://gdata.youtube.com"}}},
	"linkedin":             {options: [][2]string{{"email", "r_emailaddress"}, {"profile", "r_liteprofile"}, {"basic_profile", "r_basicprofile"}}},
	"windowslive":          {options: [][2]string{{"graph_user", "https://graph.microsoft.com/User.Read"}}},
	"salesforce":           {},
	"salesforce-community": {},
	"salesforce-sandbox":   {},
	"line":                 {always: []string{"openid"}, options: [][2]string{{"email", "email"}, {"profile", "profile"}}},
	"apple":                {sep: " ", options: [][2]string{{"name", "name"}, {"email", "email"}}},
}

// deriveSocialScope sets a social connection's options.scope from its
// boolean options (socialScopes).
func deriveSocialScope(strategy string, opts Object) {
	rule, ok := socialScopes[strategy]
	if !ok {
		return
	}
	scopes := append([]string{}, rule.always...)
	for _, o := range rule.options {
		if boolean(opts, o[0]) {
			scopes = append(scopes, o[1])
		}
	}
	if rule.sep != "" {
		opts["scope"] = strings.Join(scopes, rule.sep)
		return
	}
	opts["scope"] = anyList(scopes...)
}

// provisioningStrategies get a provisioning_ticket_url (enterprise
// connections with an on-premises or IdP-initiated setup).
var provisioningStrategies = []string{"ad", "adfs", "samlp", "google-apps"}

// applyStrategyDefaults fills a connection's per-strategy defaults.
func (s *Server) applyStrategyDefaults(c Object) {
	strategy := str(c, "strategy")
	opts, _ := c["options"].(map[string]any)
	if opts != nil {
		applyDefaults(opts, deepCopy(strategyOptionDefaults[strategy]))
		deriveSocialScope(strategy, opts)
	}
	if strategy == "oidc" || strategy == "okta" {
		applyDefaults(c, Object{"show_as_button": false})
	}
	if strategy == "oidc" || strategy == "waad" { // their display_name defaults to the name
		applyDefaults(c, Object{"display_name": c["name"]})
	}
	if contains(provisioningStrategies, strategy) {
		applyDefaults(c, Object{"provisioning_ticket_url": "https://" + s.domain + "/p/" + strategy + "/" + randomString(alnum, 8)})
	}
}

// databaseOptionDefaults fills the options of an auth0-strategy connection
// on create.
//
// A connection given neither passwordPolicy nor password_options gets
// password_options' defaults: the newest recordings (2026-08-07,
// TestAccConnectionAddEmailAttribute*, TestAccConnectionOptionsAttrEmailNonUnique)
// show them where older ones showed passwordPolicy "good" (see the replay's
// allowlist).
func databaseOptionDefaults(opts Object) {
	_, policy := opts["passwordPolicy"]
	if _, has := opts["password_options"]; !has && !policy {
		opts["password_options"] = Object{
			"complexity": Object{"min_length": float64(15)},
			"profile_data": Object{"active": false, "blocked_fields": anyList("name", "username", "nickname", "email",
				"phone_number", "user_metadata.name", "user_metadata.first", "user_metadata.last")},
			"history":    Object{"active": false, "size": float64(3)},
			"dictionary": Object{"active": false, "default": "en_100k"},
		}
	}
	applyDefaults(opts, Object{
		"mfa":                    Object{"active": true, "return_enroll_settings": true},
		"strategy_version":       float64(2),
		"brute_force_protection": true,
	})
	databaseKeptDefaults(opts, nil)
}

// keptOptions are, per strategy, the options a PATCH of options that leaves
// them out keeps (every other option goes): TestAccConnection*,
// TestAccConnectionOptionsAttrEmailNonUnique #5 (brute_force_protection),
// TestAccConnectionGoogleApps #5 (map_user_id_to_id).
var keptOptions = map[string][]string{
	"auth0":       {"authentication_methods", "passkey_options", "brute_force_protection"},
	"google-apps": {"map_user_id_to_id"},
}

// keepOptions copies into opts the kept options old has and opts lacks.
func keepOptions(strategy string, opts, old Object) {
	for _, k := range keptOptions[strategy] {
		if _, ok := opts[k]; !ok && old != nil && old[k] != nil {
			opts[k] = copyValue(old[k])
		}
	}
}

// databaseKeptDefaults fills authentication_methods, passkey_options and
// password_options sub-defaults, keeping old's kept options (a PATCH), and
// gives an email attribute unique true unless told
// (TestAccConnectionOptionsAttrEmail #0).
func databaseKeptDefaults(opts, old Object) {
	keepOptions("auth0", opts, old)
	methods := Object{"password": Object{"enabled": true, "api_behavior": "required", "signup_behavior": "allow"},
		"passkey": Object{"enabled": false}}
	if am, given := opts["authentication_methods"].(map[string]any); given {
		methods["email_otp"] = Object{"enabled": false}
		methods["phone_otp"] = Object{"enabled": false}
		applyDefaults(am, methods)
	} else {
		opts["authentication_methods"] = methods
	}
	applyDefaults(opts, Object{"passkey_options": Object{"challenge_ui": "both", "progressive_enrollment_enabled": true, "local_enrollment_enabled": true}})
	if attrs, ok := opts["attributes"].(map[string]any); ok {
		if email, ok := attrs["email"].(map[string]any); ok {
			applyDefaults(email, Object{"unique": true})
		}
	}
	if po, ok := opts["password_options"].(map[string]any); ok {
		if c, ok := po["complexity"].(map[string]any); ok {
			applyDefaults(c, Object{"character_type_rule": "all", "identical_characters": "allow", "sequential_characters": "allow",
				"max_length_exceeded": "error", "character_types": []any{}})
		}
		if d, ok := po["dictionary"].(map[string]any); ok {
			applyDefaults(d, Object{"custom": []any{}})
		}
	}
}

// checkConnectionOptions answers Auth0's 400 for options a database
// connection refuses (messages from TestAccConnectionOptionsAttr*Negative
// and TestAccConnectionAddEmailAttributeNonUnique #5); old is the stored
// options on a PATCH.
func checkConnectionOptions(opts, old Object) *APIError {
	if aerr := checkPasswordOptions(opts); aerr != nil {
		return aerr
	}
	attrs, ok := opts["attributes"].(map[string]any)
	if !ok {
		return nil
	}
	switch {
	case boolean(opts, "requires_username"):
		return errInvalidBody("Cannot set both options.attributes and options.requires_username")
	case opts["validation"] != nil:
		return errInvalidBody("Cannot set both options.attributes and options.validation")
	}
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	sort.Strings(names)
	active := false
	for _, name := range names {
		a, _ := attrs[name].(map[string]any)
		id, _ := a["identifier"].(map[string]any)
		signup, _ := a["signup"].(map[string]any)
		if boolean(id, "active") {
			active = true
			if str(signup, "status") != "required" {
				return errInvalidBody("attribute " + name + " must also be required on signup")
			}
		}
	}
	if !active {
		return errInvalidBody("attributes must contain one active identifier")
	}
	if email, ok := attrs["email"].(map[string]any); ok && email["unique"] == false && old != nil {
		oldAttrs, _ := old["attributes"].(map[string]any)
		oldEmail, _ := oldAttrs["email"].(map[string]any)
		if oldEmail == nil || oldEmail["unique"] != false {
			return errInvalidBody("cannot add non-unique email attribute")
		}
	}
	return nil
}

// legacyPasswordOptions are the password settings password_options replaces.
var legacyPasswordOptions = []string{"passwordPolicy", "password_complexity_options", "password_history",
	"password_dictionary", "password_no_personal_info"}

// checkPasswordOptions refuses password_options beside a legacy password setting: the
// Management API rejects the combination (auth0-deploy-cli #1362 checks it before deploying
// for that reason; terraform-provider-auth0 #1544 calls the two mutually exclusive). No
// recording holds the refusal, so the message follows the recorded "Cannot set both" ones.
func checkPasswordOptions(opts Object) *APIError {
	if _, ok := opts["password_options"]; !ok {
		return nil
	}
	for _, k := range legacyPasswordOptions {
		if _, ok := opts[k]; ok {
			return errInvalidBody("Cannot set both options.password_options and options." + k)
		}
	}
	return nil
}

// crossAppRequestingStrategies may be a Cross App Access requesting app
// (TestAccConnectionCrossAppAccessRequestingApp: oidc; -Negative: auth0
// refused).
var crossAppRequestingStrategies = []string{"oidc", "okta"}

func checkCrossAppAccess(c Object) *APIError {
	if xaa, ok := c["cross_app_access_requesting_app"].(map[string]any); ok && boolean(xaa, "active") &&
		!contains(crossAppRequestingStrategies, str(c, "strategy")) {
		return NewAPIError(http.StatusBadRequest, "Cross App Access Requesting App is not supported for this connection.", "operation_not_supported")
	}
	return nil
}

// sealConfiguration replaces the stored ciphertexts of options.configuration
// (each write encrypts anew).
func sealConfiguration(c Object) {
	opts, _ := c["options"].(map[string]any)
	cfg, _ := opts["configuration"].(map[string]any)
	if len(cfg) == 0 {
		delete(c, "_sealed_configuration")
		return
	}
	sealed := Object{}
	for k := range cfg {
		b := make([]byte, 96)
		_, _ = rand.Read(b)
		sealed[k] = base64.StdEncoding.EncodeToString(b)
	}
	c["_sealed_configuration"] = sealed
}

// connectionView renders a stored connection: configuration sealed,
// enabled_clients limited to clients that still exist.
func connectionView(tx *Tx, c Object) Object {
	out := publicView(c)
	if sealed, ok := c["_sealed_configuration"].(map[string]any); ok {
		opts := deepCopy(out["options"].(map[string]any))
		opts["configuration"] = sealed
		out["options"] = opts
	}
	if _, ok := c["enabled_clients"]; ok {
		clients := []any{}
		for _, id := range stringList(c, "enabled_clients") {
			if _, exists := tx.Get("clients", id); exists {
				clients = append(clients, id)
			}
		}
		out["enabled_clients"] = clients
	}
	return out
}

func createConnection(s *Server, tx *Tx, body Object) (Object, *APIError) {
	name, strategy := str(body, "name"), str(body, "strategy")
	if name == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: name'.")
	}
	if !connectionNamePattern.MatchString(name) || len(name) > 128 {
		return nil, errInvalidBody("Payload validation error: 'String does not match pattern ^[a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?$: " + name + "' on property name (The name of the connection. Must start and end with an alphanumeric character and can only contain alphanumeric characters and '-'. Max length 128).")
	}
	if strategy == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: strategy'.")
	}
	if !contains(connectionStrategies, strategy) {
		return nil, errInvalidBody("Payload validation error: 'No enum match for: \"" + strategy + "\"' on property strategy (The identity provider identifier for the connection).")
	}
	if _, dup := tx.Find(connectionsColl, func(o Object) bool { return str(o, "name") == name }); dup {
		return nil, errConflict("A connection with the same name already exists", "connection_conflict")
	}
	c := deepCopy(body)
	if str(c, "id") == "" {
		c["id"] = newID("con_", 16)
	}
	opts, _ := c["options"].(map[string]any)
	if opts == nil {
		opts = Object{}
	}
	if aerr := checkCrossAppAccess(c); aerr != nil {
		return nil, aerr
	}
	if strategy == "auth0" {
		if aerr := checkConnectionOptions(opts, nil); aerr != nil {
			return nil, aerr
		}
		databaseOptionDefaults(opts)
	}
	c["options"] = opts
	s.applyStrategyDefaults(c)
	applyDefaults(c, Object{"is_domain_connection": false, "authentication": Object{"active": true},
		"connected_accounts": Object{"active": false}, "enabled_clients": []any{}, "realms": anyList(name)})
	sealConfiguration(c)
	tx.Put(connectionsColl, str(c, "id"), c)
	return c, nil
}

func (s *Server) listConnections(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	q := r.URL.Query()
	strategies := q["strategy"]
	var items []Object
	_ = s.store.View(func(tx *Tx) error {
		for _, c := range tx.List(connectionsColl) {
			if len(strategies) > 0 && !contains(strategies, str(c, "strategy")) {
				continue
			}
			if v := q.Get("name"); v != "" && str(c, "name") != v {
				continue
			}
			items = append(items, connectionView(tx, c))
		}
		return nil
	})
	if isCheckpointQuery(r) {
		projected := make([]Object, len(items))
		for i, it := range items {
			projected[i] = selectFields(it, lq.Fields, lq.IncludeFields, "id")
		}
		writeCheckpointList(w, r, "connections", "id", projected)
		return
	}
	writeList(w, lq, ListPage{Key: "connections", Items: items, Always: []string{"id"}})
}

func (s *Server) getConnection(w http.ResponseWriter, r *http.Request) {
	var c Object
	_ = s.store.View(func(tx *Tx) error {
		if stored, ok := tx.Get(connectionsColl, r.PathValue("id")); ok {
			c = connectionView(tx, stored)
		}
		return nil
	})
	if c == nil {
		writeError(w, errNoConnection())
		return
	}
	fields, include := parseFields(r)
	// A projection keeps these, as TestAccConnectionClient shows.
	writeJSON(w, http.StatusOK, selectFields(c, fields, include, "id", "is_domain_connection", "authentication", "connected_accounts"))
}

func (s *Server) postConnection(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var c Object
	_ = s.store.Update(func(tx *Tx) error {
		var stored Object
		if stored, aerr = createConnection(s, tx, body); aerr == nil {
			c = connectionView(tx, stored)
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) patchConnection(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var c Object
	_ = s.store.Update(func(tx *Tx) error {
		stored, ok := tx.Get(connectionsColl, id)
		if !ok {
			return nil
		}
		for k, v := range patch {
			if v == nil {
				delete(stored, k)
				continue
			}
			if k == "options" {
				opts, _ := copyValue(v).(map[string]any)
				if opts == nil {
					opts = Object{}
				}
				old, _ := stored["options"].(map[string]any)
				if str(stored, "strategy") == "auth0" {
					if aerr = checkConnectionOptions(opts, old); aerr != nil {
						return nil
					}
					databaseKeptDefaults(opts, old)
				}
				keepOptions(str(stored, "strategy"), opts, old)
				stored["options"] = opts
				continue
			}
			stored[k] = copyValue(v)
		}
		if m, ok := stored["metadata"].(map[string]any); ok && len(m) == 0 {
			delete(stored, "metadata")
		}
		if po, ok := patch["options"].(map[string]any); ok {
			// A PATCH of an OIDC connection's options without
			// connection_settings turns PKCE off, where a create turns it
			// to auto (TestAccConnectionOkta, TestAccConnectionOIDC,
			// TestAccConnectionConnectedAccounts).
			if _, has := po["connection_settings"]; !has && (str(stored, "strategy") == "oidc" || str(stored, "strategy") == "okta") {
				if opts, ok := stored["options"].(map[string]any); ok {
					opts["connection_settings"] = Object{"pkce": "disabled"}
				}
			}
			s.applyStrategyDefaults(stored)
			sealConfiguration(stored)
		}
		tx.Put(connectionsColl, id, stored)
		c = connectionView(tx, stored)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	if c == nil {
		writeError(w, errNoConnection())
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) deleteConnection(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject(connectionsColl, r.PathValue("id")) {
		writeError(w, errNoConnection())
		return
	}
	writeJSON(w, http.StatusAccepted, Object{"deleted_at": isoMillis(s.clock.Now())})
}

func (s *Server) getConnectionClients(w http.ResponseWriter, r *http.Request) {
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		stored, ok := tx.Get(connectionsColl, r.PathValue("id"))
		if !ok {
			return nil
		}
		found = true
		for _, id := range stringList(connectionView(tx, stored), "enabled_clients") {
			items = append(items, Object{"client_id": id})
		}
		return nil
	})
	if !found {
		writeError(w, errNoConnection())
		return
	}
	if items == nil {
		items = []Object{}
	}
	writeCheckpointList(w, r, "clients", "client_id", items)
}

// patchConnectionClients enables (status true) or disables clients.
func (s *Server) patchConnectionClients(w http.ResponseWriter, r *http.Request) {
	v, aerr := readJSON(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	list, ok := v.([]any)
	if !ok {
		writeError(w, errInvalidBody("Payload validation error: 'Expected type array but found type "+jsonType(v)+"'."))
		return
	}
	if len(list) > 50 {
		writeError(w, errInvalidBody("Payload validation error: 'Array is too long (51), maximum 50'."))
		return
	}
	changes := objectList(v)
	if len(changes) != len(list) {
		writeError(w, errInvalidBody("Payload validation error: 'Expected type object but found type string' on property [0]."))
		return
	}
	for _, ch := range changes {
		if _, ok := ch["status"].(bool); !ok || str(ch, "client_id") == "" {
			writeError(w, errInvalidBody("Payload validation error: 'Missing required property: client_id' or 'status'."))
			return
		}
	}
	found := false
	_ = s.store.Update(func(tx *Tx) error {
		c, ok := tx.Get(connectionsColl, r.PathValue("id"))
		if !ok {
			return nil
		}
		found = true
		enabled := stringList(c, "enabled_clients")
		for _, ch := range changes {
			id := str(ch, "client_id")
			if _, exists := tx.Get("clients", id); !exists {
				aerr = errNoClient()
				return nil
			}
			has := contains(enabled, id)
			switch {
			case boolean(ch, "status") && !has:
				enabled = append(enabled, id)
			case !boolean(ch, "status") && has:
				kept := enabled[:0:0]
				for _, e := range enabled {
					if e != id {
						kept = append(kept, e)
					}
				}
				enabled = kept
			}
		}
		c["enabled_clients"] = anyList(enabled...)
		tx.Put(connectionsColl, str(c, "id"), c)
		return nil
	})
	switch {
	case !found:
		writeError(w, errNoConnection())
	case aerr != nil:
		writeError(w, aerr)
	default:
		writeNoContent(w)
	}
}
