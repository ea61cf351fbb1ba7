package auth0sim

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
)

// The parts of an organization besides its enabled connections
// (organizations.go): the newer /organizations/{id}/connections endpoint
// over the same enabled connections, members and their roles, associated
// client grants and discovery domains. Shapes follow TestAccOrganization*,
// TestAccOrgDiscoveryDomains* and TestAccDataSourceOrganization*:
//
//   - /connections lists {"connections":[...],"start","limit","total"} by
//     offset (is_enabled filters); an enabled connection also carries
//     is_enabled (true) and organization_access_level ("none").
//   - members are user ids (users are not simulated): POST and DELETE
//     {"members":[...]} answer 204; the list pages by checkpoint
//     (take/from), and a page that returned members carries "next" even
//     when it is the last (the call after it answers {"members":[]}).
//   - a member's roles: POST/DELETE {"roles":[...]} 204, GET offset paged
//     {"roles":[{id,name,description}],...} (an unset description is "").
//   - client grants: POST {"grant_id"} 201 answers the grant as
//     {grant_id, client_id, audience, scope, organization_usage,
//     allow_any_organization}; the list shows them with "id".
//   - discovery domains: ids "ord_" and 22 characters; status "pending"
//     unless given; verification_host "_ss-verification.<org id>.<domain>",
//     a 32-hex verification_txt; use_for_organization_discovery true.

const (
	orgMembersColl     = "organization-members"
	orgMemberRolesColl = "organization-member-roles"
	orgClientGrantColl = "organization-client-grants"
	orgDomainsColl     = "organization-discovery-domains"
)

// orgPartsColls are the collections whose objects belong to one
// organization (by organization_id) and go with it.
var orgPartsColls = []string{orgConnectionsColl, orgMembersColl, orgMemberRolesColl, orgClientGrantColl, orgDomainsColl, orgClientsColl}

func init() {
	registerFamily(Family{
		Name:     "organization-parts",
		Register: registerOrganizationParts,
		Collections: []Collection{
			{Name: orgMembersColl}, {Name: orgMemberRolesColl}, {Name: orgClientGrantColl}, {Name: orgDomainsColl},
		},
	})
}

func registerOrganizationParts(s *Server) {
	const p = "/api/v2/organizations/{id}"
	handle := func(method, path, scope string, h http.HandlerFunc) {
		s.Handle(Route{Pattern: method + " " + p + path, Scopes: []string{scope}, Handler: h})
	}
	handle("GET", "/connections", "read:organization_connections", s.listOrgConnectionsAs("connections"))
	handle("POST", "/connections", "create:organization_connections", s.postOrgConnection)
	handle("GET", "/connections/{cid}", "read:organization_connections", s.getOrgConnection)
	handle("PATCH", "/connections/{cid}", "update:organization_connections", s.patchOrgConnection)
	handle("DELETE", "/connections/{cid}", "delete:organization_connections", s.deleteOrgConnection)

	handle("GET", "/members", "read:organization_members", s.listOrgMembers)
	handle("POST", "/members", "create:organization_members", s.changeOrgMembers(true))
	handle("DELETE", "/members", "delete:organization_members", s.changeOrgMembers(false))
	handle("GET", "/members/{uid}/roles", "read:organization_member_roles", s.listOrgMemberRoles)
	handle("POST", "/members/{uid}/roles", "create:organization_member_roles", s.changeOrgMemberRoles(true))
	handle("DELETE", "/members/{uid}/roles", "delete:organization_member_roles", s.changeOrgMemberRoles(false))

	handle("GET", "/client-grants", "read:organization_client_grants", s.listOrgClientGrants)
	handle("POST", "/client-grants", "create:organization_client_grants", s.postOrgClientGrant)
	handle("DELETE", "/client-grants/{gid}", "delete:organization_client_grants", s.deleteOrgClientGrant)

	handle("GET", "/discovery-domains", "read:organization_discovery_domains", s.listOrgDomains)
	handle("POST", "/discovery-domains", "create:organization_discovery_domains", s.postOrgDomain)
	handle("GET", "/discovery-domains/{did}", "read:organization_discovery_domains", s.getOrgDomain)
	handle("PATCH", "/discovery-domains/{did}", "update:organization_discovery_domains", s.patchOrgDomain)
	handle("DELETE", "/discovery-domains/{did}", "delete:organization_discovery_domains", s.deleteOrgDomain)
}

// inOrg runs fn on the organization's parts of one collection, or answers
// the organization's 404.
func (s *Server) inOrg(w http.ResponseWriter, r *http.Request, write bool, fn func(tx *Tx, orgID string) *APIError) bool {
	var aerr *APIError
	run := func(tx *Tx) error {
		orgID := r.PathValue("id")
		if _, ok := tx.Get(organizationsColl, orgID); !ok {
			aerr = errNoOrganization()
			return nil
		}
		aerr = fn(tx, orgID)
		return nil
	}
	if write {
		_ = s.store.Update(run)
	} else {
		_ = s.store.View(run)
	}
	if aerr != nil {
		writeError(w, aerr)
		return false
	}
	return true
}

func ofOrg(tx *Tx, coll, orgID string) []Object {
	var out []Object
	for _, o := range tx.List(coll) {
		if str(o, "organization_id") == orgID {
			out = append(out, o)
		}
	}
	return out
}

func (s *Server) listOrgConnectionsAs(key string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lq, aerr := parseListQuery(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		enabled := r.URL.Query().Get("is_enabled")
		var items []Object
		if !s.inOrg(w, r, false, func(tx *Tx, orgID string) *APIError {
			for _, ec := range ofOrg(tx, orgConnectionsColl, orgID) {
				if v, ok := orgConnectionView(tx, ec); ok && (enabled == "" || (enabled == "true") == boolean(v, "is_enabled")) {
					items = append(items, v)
				}
			}
			return nil
		}) {
			return
		}
		writeList(w, lq, ListPage{Key: key, Items: items})
	}
}

// memberCursor is the opaque checkpoint after a member.
func memberCursor(m Object) string {
	return base64.StdEncoding.EncodeToString([]byte(str(m, "created_at") + "," + str(m, "user_id")))
}

func (s *Server) listOrgMembers(w http.ResponseWriter, r *http.Request) {
	var members []Object
	if !s.inOrg(w, r, false, func(tx *Tx, orgID string) *APIError {
		members = ofOrg(tx, orgMembersColl, orgID)
		return nil
	}) {
		return
	}
	q := r.URL.Query()
	start := 0
	if from := q.Get("from"); from != "" {
		start = len(members)
		for i, m := range members {
			if memberCursor(m) == from {
				start = i + 1
			}
		}
	}
	take, aerr := queryInt(r, "take", defaultPerPage, 1, maxPerPage)
	if aerr == nil && !isCheckpointQuery(r) {
		var page int
		if take, aerr = queryInt(r, "per_page", defaultPerPage, 1, maxPerPage); aerr == nil {
			page, aerr = queryInt(r, "page", 0, 0, 1<<20)
			start = page * take
		}
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	end := min(start+take, len(members))
	start = min(start, end)
	page := []Object{}
	fields, include := parseFields(r)
	for _, m := range members[start:end] {
		page = append(page, selectFields(Object{"user_id": m["user_id"]}, fields, include))
	}
	out := Object{"members": page}
	if len(page) > 0 && isCheckpointQuery(r) {
		out["next"] = memberCursor(members[end-1])
	}
	writeJSON(w, http.StatusOK, out)
}

// changeOrgMembers adds (or removes) the users in {"members":[...]}.
func (s *Server) changeOrgMembers(add bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		if !s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
			for _, uid := range stringList(body, "members") {
				key := orgID + "/" + uid
				if !add {
					tx.Delete(orgMembersColl, key)
					continue
				}
				if _, ok := tx.Get(orgMembersColl, key); !ok {
					tx.Put(orgMembersColl, key, Object{"id": key, "organization_id": orgID, "user_id": uid,
						"created_at": isoMillis(s.clock.Now())})
				}
			}
			return nil
		}) {
			return
		}
		writeNoContent(w)
	}
}

func (s *Server) listOrgMemberRoles(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var items []Object
	if !s.inOrg(w, r, false, func(tx *Tx, orgID string) *APIError {
		for _, mr := range ofOrg(tx, orgMemberRolesColl, orgID) {
			if str(mr, "user_id") != r.PathValue("uid") {
				continue
			}
			if role, ok := tx.Get(rolesColl, str(mr, "role_id")); ok {
				items = append(items, Object{"id": role["id"], "name": role["name"], "description": str(role, "description")})
			}
		}
		return nil
	}) {
		return
	}
	writeList(w, lq, ListPage{Key: "roles", Items: items})
}

func (s *Server) changeOrgMemberRoles(add bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		uid := r.PathValue("uid")
		if !s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
			for _, rid := range stringList(body, "roles") {
				key := orgID + "/" + uid + "/" + rid
				if !add {
					tx.Delete(orgMemberRolesColl, key)
					continue
				}
				if _, ok := tx.Get(rolesColl, rid); !ok {
					return errNotFound("Role not found", "inexistent_role")
				}
				tx.Put(orgMemberRolesColl, key, Object{"id": key, "organization_id": orgID, "user_id": uid, "role_id": rid})
			}
			return nil
		}) {
			return
		}
		writeNoContent(w)
	}
}

// orgGrantView renders an associated client grant (key "id" in lists,
// "grant_id" in the POST answer).
func orgGrantView(g Object, idKey string) Object {
	out := Object{idKey: g["id"]}
	for _, k := range []string{"client_id", "audience", "scope", "organization_usage", "allow_any_organization"} {
		if v, ok := g[k]; ok {
			out[k] = v
		}
	}
	if idKey == "id" {
		applyDefaults(out, Object{"subject_type": "client"})
	}
	return out
}

func (s *Server) listOrgClientGrants(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var items []Object
	if !s.inOrg(w, r, false, func(tx *Tx, orgID string) *APIError {
		for _, a := range ofOrg(tx, orgClientGrantColl, orgID) {
			if g, ok := tx.Get("client-grants", str(a, "grant_id")); ok {
				items = append(items, orgGrantView(g, "id"))
			}
		}
		return nil
	}) {
		return
	}
	writeList(w, lq, ListPage{Key: "client_grants", Items: items})
}

func (s *Server) postOrgClientGrant(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var view Object
	if !s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		gid := str(body, "grant_id")
		g, ok := tx.Get("client-grants", gid)
		if !ok {
			return errNotFound("The client grant does not exist", "inexistent_client_grant")
		}
		tx.Put(orgClientGrantColl, orgID+"/"+gid, Object{"id": orgID + "/" + gid, "organization_id": orgID, "grant_id": gid})
		view = orgGrantView(g, "grant_id")
		return nil
	}) {
		return
	}
	writeJSON(w, http.StatusCreated, view)
}

func (s *Server) deleteOrgClientGrant(w http.ResponseWriter, r *http.Request) {
	if s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		tx.Delete(orgClientGrantColl, orgID+"/"+r.PathValue("gid"))
		return nil
	}) {
		writeNoContent(w)
	}
}

func errNoOrgDomain() *APIError {
	return errNotFound("Discovery domain not found", "inexistent_organization_discovery_domain")
}

func orgDomainView(d Object) Object { return withoutKeys(publicView(d), "organization_id") }

func (s *Server) listOrgDomains(w http.ResponseWriter, r *http.Request) {
	var items []Object
	if !s.inOrg(w, r, false, func(tx *Tx, orgID string) *APIError {
		for _, d := range ofOrg(tx, orgDomainsColl, orgID) {
			items = append(items, orgDomainView(d))
		}
		return nil
	}) {
		return
	}
	if items == nil {
		items = []Object{}
	}
	writeCheckpointList(w, r, "domains", "id", items)
}

func (s *Server) postOrgDomain(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var d Object
	if !s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		domain := strings.ToLower(str(body, "domain"))
		if domain == "" {
			return errInvalidBody("Payload validation error: 'Missing required property: domain'.")
		}
		if _, dup := tx.Find(orgDomainsColl, func(o Object) bool {
			return str(o, "organization_id") == orgID && str(o, "domain") == domain
		}); dup {
			return errConflict("The domain already exists for this organization", "organization_discovery_domain_conflict")
		}
		txt := make([]byte, 16)
		_, _ = rand.Read(txt)
		d = deepCopy(body)
		d["domain"] = domain
		d["id"] = newID("ord_", 22)
		d["organization_id"] = orgID
		applyDefaults(d, Object{"status": "pending", "use_for_organization_discovery": true,
			"verification_host": "_ss-verification." + orgID + "." + domain, "verification_txt": hex.EncodeToString(txt)})
		tx.Put(orgDomainsColl, str(d, "id"), d)
		return nil
	}) {
		return
	}
	writeJSON(w, http.StatusCreated, orgDomainView(d))
}

// orgDomain finds a discovery domain of the organization.
func orgDomain(tx *Tx, orgID, id string) (Object, *APIError) {
	d, ok := tx.Get(orgDomainsColl, id)
	if !ok || str(d, "organization_id") != orgID {
		return nil, errNoOrgDomain()
	}
	return d, nil
}

func (s *Server) getOrgDomain(w http.ResponseWriter, r *http.Request) {
	var d Object
	if s.inOrg(w, r, false, func(tx *Tx, orgID string) (aerr *APIError) {
		d, aerr = orgDomain(tx, orgID, r.PathValue("did"))
		return aerr
	}) {
		writeJSON(w, http.StatusOK, orgDomainView(d))
	}
}

func (s *Server) patchOrgDomain(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var d Object
	if s.inOrg(w, r, true, func(tx *Tx, orgID string) (aerr *APIError) {
		if d, aerr = orgDomain(tx, orgID, r.PathValue("did")); aerr == nil {
			mergePatch(d, patch)
			tx.Put(orgDomainsColl, str(d, "id"), d)
		}
		return aerr
	}) {
		writeJSON(w, http.StatusOK, orgDomainView(d))
	}
}

// deleteOrgDomain answers 204 also for a domain already deleted, as Auth0
// did in TestAccOrgDiscoveryDomainsImport (#20 and #21).
func (s *Server) deleteOrgDomain(w http.ResponseWriter, r *http.Request) {
	if s.inOrg(w, r, true, func(tx *Tx, orgID string) *APIError {
		if d, aerr := orgDomain(tx, orgID, r.PathValue("did")); aerr == nil {
			tx.Delete(orgDomainsColl, str(d, "id"))
		}
		return nil
	}) {
		writeNoContent(w)
	}
}
