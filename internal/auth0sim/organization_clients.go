package auth0sim

import (
	"net/http"
	"sort"
	"strings"
)

// The clients of an organization (/organizations/{id}/clients) and the
// organizations a client grant is associated with
// (/client-grants/{id}/organizations). Shapes follow
// TestAccOrganizationClient(s), TestAccOrganizationClientsBatching,
// TestAccDataSourceOrganizations and TestAccDataSourceClientGrantOrganizations:
//
//   - POST {"clients":[{client_id, use_for_member_access}]} answers 201 with
//     the added clients; DELETE {"clients":[ids]} answers 204; PATCH of one
//     client {use_for_member_access} answers it.
//   - a client is answered as {client_id, use_for_member_access, client:
//     {name, is_first_party, grant_types, organization_usage when set}}.
//   - the list pages by checkpoint (take/from), ordered by client id
//     without regard to case.
//   - GET /organizations?include_client_association_for={client} adds
//     "client":{"use_for_member_access"} to the organizations that have it.
//
// Not taken from a recording: the 404 of a client that is not the
// organization's (the organization's enabled connection's is followed).

const orgClientsColl = "organization-clients"

func init() {
	registerFamily(Family{
		Name:        "organization-clients",
		Register:    registerOrganizationClients,
		Collections: []Collection{{Name: orgClientsColl}},
	})
}

func registerOrganizationClients(s *Server) {
	const p = "/api/v2/organizations/{id}/clients"
	s.Handle(Route{Pattern: "GET " + p, Scopes: []string{"read:organization_clients"}, Handler: s.listOrgClients})
	s.Handle(Route{Pattern: "POST " + p, Scopes: []string{"create:organization_clients"}, Handler: s.postOrgClients})
	s.Handle(Route{Pattern: "DELETE " + p, Scopes: []string{"delete:organization_clients"}, Handler: s.deleteOrgClients})
	s.Handle(Route{Pattern: "GET " + p + "/{cid}", Scopes: []string{"read:organization_clients"}, Handler: s.getOrgClient})
	s.Handle(Route{Pattern: "PATCH " + p + "/{cid}", Scopes: []string{"update:organization_clients"}, Handler: s.patchOrgClient})
	s.Handle(Route{Pattern: "GET /api/v2/client-grants/{id}/organizations", Scopes: []string{"read:organization_client_grants"}, Handler: s.listClientGrantOrgs})
}

func errNoOrgClient() *APIError {
	return errNotFound("No client found by that id for this organization", "inexistent_organization_client")
}

// orgClientView renders an organization's client with the client's summary.
func orgClientView(tx *Tx, oc Object) (Object, bool) {
	c, ok := tx.Get("clients", str(oc, "client_id"))
	if !ok {
		return nil, false
	}
	summary := Object{"name": c["name"], "is_first_party": c["is_first_party"], "grant_types": c["grant_types"]}
	if v, ok := c["organization_usage"]; ok {
		summary["organization_usage"] = v
	}
	return Object{"client_id": oc["client_id"], "use_for_member_access": oc["use_for_member_access"], "client": summary}, true
}

func (s *Server) listOrgClients(w http.ResponseWriter, r *http.Request) {
	var items []Object
	if !s.inOrg(w, r, false, func(tx *Tx, orgID string) *APIError {
		for _, oc := range ofOrg(tx, orgClientsColl, orgID) {
			if v, ok := orgClientView(tx, oc); ok {
				items = append(items, v)
			}
		}
		return nil
	}) {
		return
	}
	sort.SliceStable(items, func(i, j int) bool {
		return strings.ToLower(str(items[i], "client_id")) < strings.ToLower(str(items[j], "client_id"))
	})
	if items == nil {
		items = []Object{}
	}
	writeCheckpointList(w, r, "clients", "client_id", items)
}

func (s *Server) postOrgClients(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	adds := objectList(body["clients"])
	if len(adds) == 0 {
		writeError(w, errInvalidBody("Payload validation error: 'Missing required property: clients'."))
		return
	}
	out := []any{}
	if !s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		for _, add := range adds {
			cid := str(add, "client_id")
			if _, ok := tx.Get("clients", cid); !ok {
				return errNoClient()
			}
			oc := Object{"id": orgID + "/" + cid, "organization_id": orgID, "client_id": cid,
				"use_for_member_access": add["use_for_member_access"] == true}
			tx.Put(orgClientsColl, str(oc, "id"), oc)
			v, _ := orgClientView(tx, oc)
			out = append(out, v)
		}
		return nil
	}) {
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) deleteOrgClients(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	ids, _ := body["clients"].([]any)
	if s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		for _, id := range ids {
			if cid, ok := id.(string); ok {
				tx.Delete(orgClientsColl, orgID+"/"+cid)
			}
		}
		return nil
	}) {
		writeNoContent(w)
	}
}

// orgClient runs fn on one of the organization's clients.
func (s *Server) orgClient(w http.ResponseWriter, r *http.Request, write bool, fn func(tx *Tx, oc Object)) {
	var view Object
	if !s.inOrg(w, r, write, func(tx *Tx, orgID string) *APIError {
		oc, ok := tx.Get(orgClientsColl, orgID+"/"+r.PathValue("cid"))
		if !ok {
			return errNoOrgClient()
		}
		fn(tx, oc)
		if view, ok = orgClientView(tx, oc); !ok {
			return errNoOrgClient()
		}
		return nil
	}) {
		return
	}
	writeJSON(w, http.StatusOK, view)
}

func (s *Server) getOrgClient(w http.ResponseWriter, r *http.Request) {
	s.orgClient(w, r, false, func(*Tx, Object) {})
}

func (s *Server) patchOrgClient(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.orgClient(w, r, true, func(tx *Tx, oc Object) {
		if v, ok := body["use_for_member_access"].(bool); ok {
			oc["use_for_member_access"] = v
			tx.Put(orgClientsColl, str(oc, "id"), oc)
		}
	})
}

// orgClientAssociation is the "client" an organization shows in a list
// asked with include_client_association_for.
func orgClientAssociation(tx *Tx, orgID, clientID string) (Object, bool) {
	oc, ok := tx.Get(orgClientsColl, orgID+"/"+clientID)
	if !ok {
		return nil, false
	}
	return Object{"use_for_member_access": oc["use_for_member_access"]}, true
}

func (s *Server) listClientGrantOrgs(w http.ResponseWriter, r *http.Request) {
	gid := r.PathValue("id")
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		if _, found = tx.Get("client-grants", gid); !found {
			return nil
		}
		for _, a := range tx.List(orgClientGrantColl) {
			if str(a, "grant_id") != gid {
				continue
			}
			if o, ok := tx.Get(organizationsColl, str(a, "organization_id")); ok {
				items = append(items, o)
			}
		}
		return nil
	})
	if !found {
		writeError(w, errNotFound("The client grant does not exist", "inexistent_client_grant"))
		return
	}
	if items == nil {
		items = []Object{}
	}
	writeCheckpointList(w, r, "organizations", "id", items)
}
