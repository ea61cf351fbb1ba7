package auth0sim

import (
	"net/http"
	"net/url"
	"regexp"
)

// Organizations: /api/v2/organizations, by id or by name
// (/organizations/name/{name}), and the connections enabled on each
// (/organizations/{id}/enabled_connections[/{connectionId}]). Shapes follow
// TestAccOrganization:
//
//   - POST answers 201; a second organization with the same name 409.
//   - PATCH replaces the keys it carries (metadata and branding as a
//     whole); empty metadata is not shown.
//   - the list pages by offset (page/per_page/include_totals), the first
//     1,000 only (a page starting beyond answers 400), or by checkpoint
//     (from/take, what go-auth0 v3 sends), without a limit.
//   - an enabled connection is {connection_id, assign_membership_on_login,
//     show_as_button, is_signup_enabled, connection: {name, strategy}};
//     a deleted connection drops out of every organization.
//
// Not taken from a recording: the error messages other than the 404s'
// errorCodes (the offset limit's follows the users endpoint's), and the
// enabled-connection defaults (Auth0's documented ones).

const (
	organizationsColl  = "organizations"
	orgConnectionsColl = "organization-connections"
)

var orgNamePattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$`)

func init() {
	registerFamily(Family{
		Name:     "organizations",
		Register: registerOrganizations,
		Collections: []Collection{
			{Name: organizationsColl, Create: createOrganization, OnDelete: cascadeOrganizationDelete},
			{Name: orgConnectionsColl},
		},
	})
}

func registerOrganizations(s *Server) {
	read, update := []string{"read:organizations"}, []string{"update:organizations"}
	s.Handle(Route{Pattern: "GET /api/v2/organizations", Scopes: read, Handler: s.listOrganizations})
	s.Handle(Route{Pattern: "POST /api/v2/organizations", Scopes: []string{"create:organizations"}, Handler: s.postOrganization})
	s.Handle(Route{Pattern: "GET /api/v2/organizations/{id}", Scopes: read, Handler: s.getOrganization})
	s.Handle(Route{Pattern: "PATCH /api/v2/organizations/{id}", Scopes: update, Handler: s.patchOrganization})
	s.Handle(Route{Pattern: "DELETE /api/v2/organizations/{id}", Scopes: []string{"delete:organizations"}, Handler: s.deleteOrganization})
	// /organizations/name/{name} and /organizations/{id}/enabled_connections
	// overlap as net/http patterns, so one route serves both.
	s.Handle(Route{Pattern: "GET /api/v2/organizations/{id}/{sub}", Scopes: append(read, "read:organization_connections"), Handler: s.getOrganizationSub})
	s.Handle(Route{Pattern: "POST /api/v2/organizations/{id}/enabled_connections", Scopes: []string{"create:organization_connections"}, Handler: s.postOrgConnection})
	s.Handle(Route{Pattern: "GET /api/v2/organizations/{id}/enabled_connections/{cid}", Scopes: []string{"read:organization_connections"}, Handler: s.getOrgConnection})
	s.Handle(Route{Pattern: "PATCH /api/v2/organizations/{id}/enabled_connections/{cid}", Scopes: []string{"update:organization_connections"}, Handler: s.patchOrgConnection})
	s.Handle(Route{Pattern: "DELETE /api/v2/organizations/{id}/enabled_connections/{cid}", Scopes: []string{"delete:organization_connections"}, Handler: s.deleteOrgConnection})
}

func errNoOrganization() *APIError {
	return errNotFound("No organization found by that id or name", "inexistent_organization")
}

func errNoOrgConnection() *APIError {
	return errNotFound("No connection found by that id for this organization", "inexistent_organization_connection")
}

func checkOrgName(name string) *APIError {
	if !orgNamePattern.MatchString(name) || len(name) > 50 {
		return errInvalidBody("Payload validation error: 'String does not match pattern ^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$: " + name + "' on property name (The name of this organization.).")
	}
	return nil
}

func orgNameTaken(tx *Tx, name, except string) bool {
	_, dup := tx.Find(organizationsColl, func(o Object) bool { return str(o, "name") == name && str(o, "id") != except })
	return dup
}

func errOrgConflict() *APIError {
	return errConflict("An organization with this name already exists.", "organization_conflict")
}

// dropEmpty removes empty metadata and null values, as Auth0 shows them.
func dropEmptyOrgParts(o Object) {
	if m, ok := o["metadata"].(map[string]any); ok && len(m) == 0 {
		delete(o, "metadata")
	}
}

func createOrganization(s *Server, tx *Tx, body Object) (Object, *APIError) {
	name := str(body, "name")
	if name == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: name'.")
	}
	if aerr := checkOrgName(name); aerr != nil {
		return nil, aerr
	}
	if orgNameTaken(tx, name, "") {
		return nil, errOrgConflict()
	}
	o := deepCopy(body)
	o["id"] = newID("org_", 16)
	// The newest recordings' defaults (TestAccOrganizationIsAppEntitlementActive).
	applyDefaults(o, Object{"third_party_client_access": "block", "is_app_entitlement_active": false})
	dropEmptyOrgParts(o)
	tx.Put(organizationsColl, str(o, "id"), o)
	return o, nil
}

func cascadeOrganizationDelete(s *Server, tx *Tx, o Object) {
	for _, coll := range orgPartsColls {
		for _, part := range ofOrg(tx, coll, str(o, "id")) {
			tx.Delete(coll, str(part, "id"))
		}
	}
}

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	items := s.Objects(organizationsColl)
	if cid := r.URL.Query().Get("include_client_association_for"); cid != "" {
		_ = s.store.View(func(tx *Tx) error {
			for _, o := range items {
				if a, ok := orgClientAssociation(tx, str(o, "id"), cid); ok {
					o["client"] = a
				}
			}
			return nil
		})
	}
	if isCheckpointQuery(r) {
		writeCheckpointList(w, r, "organizations", "id", items)
		return
	}
	if lq.Page*lq.PerPage >= offsetLimit {
		writeError(w, errInvalidQuery("You can only page through the first 1000 records. Use checkpoint pagination (from and take) for more."))
		return
	}
	writeList(w, lq, ListPage{Key: "organizations", Items: items, Always: []string{"id"}})
}

// offsetLimit is how many records offset paging reaches on the endpoints Auth0 limits so.
const offsetLimit = 1000

func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) {
	o, ok := s.Object(organizationsColl, r.PathValue("id"))
	if !ok {
		writeError(w, errNoOrganization())
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// getOrganizationSub serves /organizations/name/{name} and
// /organizations/{id}/enabled_connections.
func (s *Server) getOrganizationSub(w http.ResponseWriter, r *http.Request) {
	id, sub := r.PathValue("id"), r.PathValue("sub")
	switch {
	case id == "name":
		name, _ := url.PathUnescape(sub)
		var o Object
		var ok bool
		_ = s.store.View(func(tx *Tx) error {
			o, ok = tx.Find(organizationsColl, func(x Object) bool { return str(x, "name") == name })
			return nil
		})
		if !ok {
			writeError(w, errNoOrganization())
			return
		}
		writeJSON(w, http.StatusOK, o)
	case sub == "enabled_connections":
		s.listOrgConnections(w, r)
	default:
		writeError(w, errNotFound("Not Found", ""))
	}
}

func (s *Server) postOrganization(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var o Object
	_ = s.store.Update(func(tx *Tx) error {
		if o, aerr = createOrganization(s, tx, withoutKeys(body, "enabled_connections")); aerr != nil {
			return nil
		}
		for _, ec := range objectList(body["enabled_connections"]) {
			if _, aerr = s.enableOrgConnection(tx, str(o, "id"), ec); aerr != nil {
				s.deleteObject(tx, organizationsColl, str(o, "id"))
				return nil
			}
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, o)
}

func (s *Server) patchOrganization(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr == nil {
		if name, ok := patch["name"].(string); ok {
			aerr = checkOrgName(name)
		}
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var o Object
	_ = s.store.Update(func(tx *Tx) error {
		stored, ok := tx.Get(organizationsColl, id)
		if !ok {
			aerr = errNoOrganization()
			return nil
		}
		if name, ok := patch["name"].(string); ok && orgNameTaken(tx, name, id) {
			aerr = errOrgConflict()
			return nil
		}
		for k, v := range patch {
			if v == nil {
				delete(stored, k)
			} else {
				stored[k] = copyValue(v)
			}
		}
		dropEmptyOrgParts(stored)
		tx.Put(organizationsColl, id, stored)
		o = stored
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (s *Server) deleteOrganization(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject(organizationsColl, r.PathValue("id")) {
		writeError(w, errNoOrganization())
		return
	}
	writeNoContent(w)
}

// orgConnectionView renders an enabled connection with its connection's
// name and strategy; ok is false once the connection is gone.
func orgConnectionView(tx *Tx, ec Object) (Object, bool) {
	c, ok := tx.Get(connectionsColl, str(ec, "connection_id"))
	if !ok {
		return nil, false
	}
	out := withoutKeys(publicView(ec), "id", "organization_id")
	out["connection"] = Object{"name": c["name"], "strategy": c["strategy"]}
	return out, true
}

// enableOrgConnection stores an enabled connection (in tx) and returns its view.
func (s *Server) enableOrgConnection(tx *Tx, orgID string, body Object) (Object, *APIError) {
	cid := str(body, "connection_id")
	if cid == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: connection_id'.")
	}
	c, ok := tx.Get(connectionsColl, cid)
	if !ok {
		return nil, errNoConnection()
	}
	key := orgID + "/" + cid
	if _, dup := tx.Get(orgConnectionsColl, key); dup {
		return nil, errConflict("The connection is already enabled for this organization.", "organization_connection_conflict")
	}
	ec := deepCopy(body)
	ec["id"] = key
	ec["organization_id"] = orgID
	defaults := Object{"assign_membership_on_login": false, "show_as_button": true, "is_enabled": true,
		"organization_access_level": "none"}
	if str(c, "strategy") == "auth0" {
		defaults["is_signup_enabled"] = false
	}
	applyDefaults(ec, defaults)
	tx.Put(orgConnectionsColl, key, ec)
	view, _ := orgConnectionView(tx, ec)
	return view, nil
}

func (s *Server) listOrgConnections(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	orgID := r.PathValue("id")
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		if _, found = tx.Get(organizationsColl, orgID); !found {
			return nil
		}
		for _, ec := range tx.List(orgConnectionsColl) {
			if str(ec, "organization_id") != orgID {
				continue
			}
			if v, ok := orgConnectionView(tx, ec); ok {
				items = append(items, v)
			}
		}
		return nil
	})
	if !found {
		writeError(w, errNoOrganization())
		return
	}
	writeList(w, lq, ListPage{Key: "enabled_connections", Items: items})
}

func (s *Server) postOrgConnection(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var view Object
	_ = s.store.Update(func(tx *Tx) error {
		if _, ok := tx.Get(organizationsColl, r.PathValue("id")); !ok {
			aerr = errNoOrganization()
			return nil
		}
		view, aerr = s.enableOrgConnection(tx, r.PathValue("id"), body)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, view)
}

// orgConnection finds an enabled connection (nil error) or the 404 to send.
func orgConnection(tx *Tx, orgID, cid string) (Object, *APIError) {
	if _, ok := tx.Get(organizationsColl, orgID); !ok {
		return nil, errNoOrganization()
	}
	ec, ok := tx.Get(orgConnectionsColl, orgID+"/"+cid)
	if !ok {
		return nil, errNoOrgConnection()
	}
	if _, exists := tx.Get(connectionsColl, cid); !exists {
		return nil, errNoOrgConnection()
	}
	return ec, nil
}

func (s *Server) getOrgConnection(w http.ResponseWriter, r *http.Request) {
	var view Object
	var aerr *APIError
	_ = s.store.View(func(tx *Tx) error {
		var ec Object
		if ec, aerr = orgConnection(tx, r.PathValue("id"), r.PathValue("cid")); aerr == nil {
			view, _ = orgConnectionView(tx, ec)
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, view)
}

func (s *Server) patchOrgConnection(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var view Object
	_ = s.store.Update(func(tx *Tx) error {
		var ec Object
		if ec, aerr = orgConnection(tx, r.PathValue("id"), r.PathValue("cid")); aerr != nil {
			return nil
		}
		mergePatch(ec, patch)
		tx.Put(orgConnectionsColl, str(ec, "id"), ec)
		view, _ = orgConnectionView(tx, ec)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, view)
}

// deleteOrgConnection answers 204 also when the connection is not (or no
// longer) enabled: Auth0 did twice in TestAccOrganizationConnection (#350
// and #353 delete the same connection).
func (s *Server) deleteOrgConnection(w http.ResponseWriter, r *http.Request) {
	if s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		tx.Delete(orgConnectionsColl, orgID+"/"+r.PathValue("cid"))
		return nil
	}) {
		writeNoContent(w)
	}
}
