package auth0sim

import "net/http"

// Client grants: /api/v2/client-grants. One grant per (client_id, audience);
// client_id and audience are create-only. Shapes follow TestAccClientGrant.

func init() {
	registerFamily(Family{
		Name:        "client-grants",
		Register:    registerClientGrants,
		Collections: []Collection{{Name: "client-grants", Create: createClientGrant}},
	})
}

func registerClientGrants(s *Server) {
	s.Handle(Route{Pattern: "GET /api/v2/client-grants", Scopes: []string{"read:client_grants"}, Handler: s.listClientGrants})
	s.Handle(Route{Pattern: "GET /api/v2/client-grants/{id}", Scopes: []string{"read:client_grants"}, Handler: s.getClientGrant})
	s.Handle(Route{Pattern: "POST /api/v2/client-grants", Scopes: []string{"create:client_grants"}, Handler: s.postClientGrant})
	s.Handle(Route{Pattern: "PATCH /api/v2/client-grants/{id}", Scopes: []string{"update:client_grants"}, Handler: s.patchClientGrant})
	s.Handle(Route{Pattern: "DELETE /api/v2/client-grants/{id}", Scopes: []string{"delete:client_grants"}, Handler: s.deleteClientGrant})
}

func errNoClientGrant() *APIError {
	return errNotFound("The client grant does not exist", "inexistent_client_grant")
}

// createClientGrant checks the client and the API exist and that the pair
// has no grant yet (409), then stores the grant. A grant with default_for
// (third_party_clients) has no client: it is the default of a group of them.
func createClientGrant(s *Server, tx *Tx, body Object) (Object, *APIError) {
	clientID, audience, defaultFor := str(body, "client_id"), str(body, "audience"), str(body, "default_for")
	switch {
	case clientID == "" && defaultFor == "":
		return nil, errInvalidBody("Payload validation error: 'Missing required property: client_id'.")
	case clientID != "" && defaultFor != "":
		return nil, errInvalidBody("client_id and default_for cannot be used together.")
	}
	if audience == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: audience'.")
	}
	if _, ok := tx.Get("clients", clientID); !ok && clientID != "" {
		return nil, errNoClient()
	}
	if _, ok := tx.Find("resource-servers", func(o Object) bool { return str(o, "identifier") == audience }); !ok {
		return nil, errNotFound("No resource server found by the specified identifier", "inexistent_resource_server")
	}
	if _, dup := tx.Find("client-grants", func(g Object) bool {
		return str(g, "client_id") == clientID && str(g, "default_for") == defaultFor && str(g, "audience") == audience
	}); dup {
		return nil, errConflict("A client grant for this client and audience already exists", "client_grant_conflict")
	}
	g := deepCopy(body)
	g["id"] = newID("cgr_", 16)
	// The newer recordings' default (TestAccDataSourceClientGrantOrganizations).
	applyDefaults(g, Object{"subject_type": "client"})
	if _, ok := g["scope"]; !ok && !boolean(g, "allow_all_scopes") {
		g["scope"] = []any{}
	}
	normalizeGrant(g)
	tx.Put("client-grants", str(g, "id"), g)
	return g, nil
}

// normalizeGrant: a grant that allows all scopes no longer lists any (the
// recording's PATCH {"allow_all_scopes":true} answer has no scope key).
func normalizeGrant(g Object) {
	if boolean(g, "allow_all_scopes") {
		delete(g, "scope")
	}
}

func (s *Server) listClientGrants(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	q := r.URL.Query()
	var items []Object
	_ = s.store.View(func(tx *Tx) error {
		for _, g := range tx.List("client-grants") {
			if v := q.Get("audience"); v != "" && str(g, "audience") != v {
				continue
			}
			if v := q.Get("client_id"); v != "" && str(g, "client_id") != v {
				continue
			}
			if v := q.Get("subject_type"); v != "" && str(g, "subject_type") != v {
				continue
			}
			items = append(items, g)
		}
		return nil
	})
	if isCheckpointQuery(r) {
		writeCheckpointList(w, r, "client_grants", "id", items)
		return
	}
	writeList(w, lq, ListPage{Key: "client_grants", Items: items})
}

func (s *Server) getClientGrant(w http.ResponseWriter, r *http.Request) {
	g, ok := s.Object("client-grants", r.PathValue("id"))
	if !ok {
		writeError(w, errNoClientGrant())
		return
	}
	writeJSON(w, http.StatusOK, g)
}

func (s *Server) postClientGrant(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var g Object
	_ = s.store.Update(func(tx *Tx) error { g, aerr = createClientGrant(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, g)
}

func (s *Server) patchClientGrant(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var g Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if g, ok = tx.Get("client-grants", id); ok {
			mergePatch(g, patch)
			normalizeGrant(g)
			tx.Put("client-grants", id, g)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoClientGrant())
		return
	}
	writeJSON(w, http.StatusOK, g)
}

// deleteClientGrant answers 204 whether or not the grant exists: deleting
// a grant already gone succeeds on Auth0 too (TestAccClientGrant #85).
func (s *Server) deleteClientGrant(w http.ResponseWriter, r *http.Request) {
	s.DeleteObject("client-grants", r.PathValue("id"))
	writeNoContent(w)
}
