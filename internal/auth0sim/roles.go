package auth0sim

import (
	"net/http"
	"sort"
	"strings"
)

// Roles: /api/v2/roles, their permissions (/roles/{id}/permissions) and
// users (/roles/{id}/users, always empty: the simulator has no users).
// Shapes follow TestAccRole and TestAccRolePermissions:
//
//   - POST answers 200 (not 201) with "type": "tenant" and no description
//     unless one was given; GET shows description "" then.
//   - DELETE answers 200 {}.
//   - a permission is {resource_server_identifier, permission_name}; POST
//     answers 201 {}, DELETE 204. The resource server must exist (404) and
//     define the scope (400). The list shows description and
//     resource_server_name from the resource server, sorted by identifier
//     and name, and forgets permissions of deleted resource servers.
//   - the list filters by name_filter (case-insensitive substring).
//
// Not taken from a recording: the 409 on a duplicate role name and the
// 400/404 messages for unknown resource servers and scopes.

const (
	rolesColl           = "roles"
	rolePermissionsColl = "role-permissions"
)

func init() {
	registerFamily(Family{
		Name:     "roles",
		Register: registerRoles,
		Collections: []Collection{
			{Name: rolesColl, Create: createRole, OnDelete: cascadeRoleDelete},
			{Name: rolePermissionsColl},
		},
	})
}

func registerRoles(s *Server) {
	read, update := []string{"read:roles"}, []string{"update:roles"}
	s.Handle(Route{Pattern: "GET /api/v2/roles", Scopes: read, Handler: s.listRoles})
	s.Handle(Route{Pattern: "POST /api/v2/roles", Scopes: []string{"create:roles"}, Handler: s.postRole})
	s.Handle(Route{Pattern: "GET /api/v2/roles/{id}", Scopes: read, Handler: s.getRole})
	s.Handle(Route{Pattern: "PATCH /api/v2/roles/{id}", Scopes: update, Handler: s.patchRole})
	s.Handle(Route{Pattern: "DELETE /api/v2/roles/{id}", Scopes: []string{"delete:roles"}, Handler: s.deleteRole})
	s.Handle(Route{Pattern: "GET /api/v2/roles/{id}/permissions", Scopes: read, Handler: s.listRolePermissions})
	s.Handle(Route{Pattern: "POST /api/v2/roles/{id}/permissions", Scopes: update, Handler: s.postRolePermissions})
	s.Handle(Route{Pattern: "DELETE /api/v2/roles/{id}/permissions", Scopes: update, Handler: s.deleteRolePermissions})
	s.Handle(Route{Pattern: "GET /api/v2/roles/{id}/users", Scopes: []string{"read:users", "read:roles", "read:role_members"}, Handler: s.listRoleUsers})
}

func errNoRole() *APIError { return errNotFound("The role does not exist.", "inexistent_role") }

func roleNameTaken(tx *Tx, name, except string) bool {
	_, dup := tx.Find(rolesColl, func(o Object) bool { return str(o, "name") == name && str(o, "id") != except })
	return dup
}

func errRoleConflict() *APIError {
	return errConflict("A role with the same name already exists.", "role_conflict")
}

func createRole(s *Server, tx *Tx, body Object) (Object, *APIError) {
	if aerr := requireString(body, "name"); aerr != nil {
		return nil, aerr
	}
	if roleNameTaken(tx, str(body, "name"), "") {
		return nil, errRoleConflict()
	}
	role := deepCopy(body)
	role["id"] = newID("rol_", 16)
	// An organization-level role is created with type "organization" and
	// its owner_id (TestAccRoleOrganizationLevel); others are "tenant".
	applyDefaults(role, Object{"type": "tenant"})
	tx.Put(rolesColl, str(role, "id"), role)
	return role, nil
}

func cascadeRoleDelete(s *Server, tx *Tx, role Object) {
	for _, p := range tx.List(rolePermissionsColl) {
		if str(p, "role_id") == str(role, "id") {
			tx.Delete(rolePermissionsColl, str(p, "id"))
		}
	}
}

// roleView is a role as GET shows it: description "" when never set.
func roleView(role Object) Object {
	out := deepCopy(role)
	applyDefaults(out, Object{"description": ""})
	return out
}

func (s *Server) listRoles(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	filter := strings.ToLower(r.URL.Query().Get("name_filter"))
	var items []Object
	for _, role := range s.Objects(rolesColl) {
		if filter != "" && !strings.Contains(strings.ToLower(str(role, "name")), filter) {
			continue
		}
		items = append(items, roleView(role))
	}
	writeList(w, lq, ListPage{Key: "roles", Items: items})
}

func (s *Server) getRole(w http.ResponseWriter, r *http.Request) {
	role, ok := s.Object(rolesColl, r.PathValue("id"))
	if !ok {
		writeError(w, errNoRole())
		return
	}
	writeJSON(w, http.StatusOK, roleView(role))
}

func (s *Server) postRole(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var role Object
	_ = s.store.Update(func(tx *Tx) error { role, aerr = createRole(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	// The create answer shows an unset description as null (a GET as "").
	out := withoutKeys(role)
	if _, ok := out["description"]; !ok {
		out["description"] = nil
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) patchRole(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var role Object
	_ = s.store.Update(func(tx *Tx) error {
		stored, ok := tx.Get(rolesColl, id)
		if !ok {
			aerr = errNoRole()
			return nil
		}
		if name, ok := patch["name"].(string); ok && roleNameTaken(tx, name, id) {
			aerr = errRoleConflict()
			return nil
		}
		mergePatch(stored, patch)
		tx.Put(rolesColl, id, stored)
		role = stored
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, role)
}

func (s *Server) deleteRole(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject(rolesColl, r.PathValue("id")) {
		writeError(w, errNoRole())
		return
	}
	writeEmptyObject(w, http.StatusOK)
}

func permissionKey(roleID, identifier, name string) string {
	return roleID + "|" + identifier + "|" + name
}

// rolePermissionViews lists a role's permissions whose resource server
// still exists, sorted by identifier then name.
func rolePermissionViews(tx *Tx, roleID string) []Object {
	var out []Object
	for _, p := range tx.List(rolePermissionsColl) {
		if str(p, "role_id") != roleID {
			continue
		}
		ident, name := str(p, "resource_server_identifier"), str(p, "permission_name")
		rs, ok := tx.Find("resource-servers", func(o Object) bool { return str(o, "identifier") == ident })
		if !ok {
			continue
		}
		desc := ""
		for _, sc := range objectList(rs["scopes"]) {
			if str(sc, "value") == name {
				desc = str(sc, "description")
			}
		}
		out = append(out, Object{"permission_name": name, "description": desc,
			"resource_server_name": rs["name"], "resource_server_identifier": ident})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if str(a, "resource_server_identifier") != str(b, "resource_server_identifier") {
			return str(a, "resource_server_identifier") < str(b, "resource_server_identifier")
		}
		return str(a, "permission_name") < str(b, "permission_name")
	})
	return out
}

func (s *Server) listRolePermissions(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		if _, found = tx.Get(rolesColl, r.PathValue("id")); found {
			items = rolePermissionViews(tx, r.PathValue("id"))
		}
		return nil
	})
	if !found {
		writeError(w, errNoRole())
		return
	}
	writeList(w, lq, ListPage{Key: "permissions", Items: items})
}

// readPermissions reads {"permissions":[{resource_server_identifier, permission_name}]}.
func readPermissions(r *http.Request) ([]Object, *APIError) {
	body, aerr := readObject(r)
	if aerr != nil {
		return nil, aerr
	}
	list, ok := body["permissions"].([]any)
	if !ok {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: permissions'.")
	}
	perms := objectList(body["permissions"])
	if len(perms) == 0 || len(perms) != len(list) {
		return nil, errInvalidBody("Payload validation error: 'Array is too short (0), minimum 1' on property permissions.")
	}
	for _, p := range perms {
		if str(p, "resource_server_identifier") == "" || str(p, "permission_name") == "" {
			return nil, errInvalidBody("Payload validation error: 'Missing required property: resource_server_identifier' or 'permission_name' on property permissions.")
		}
	}
	return perms, nil
}

func (s *Server) postRolePermissions(w http.ResponseWriter, r *http.Request) {
	perms, aerr := readPermissions(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	roleID := r.PathValue("id")
	_ = s.store.Update(func(tx *Tx) error {
		if _, ok := tx.Get(rolesColl, roleID); !ok {
			aerr = errNoRole()
			return nil
		}
		for _, p := range perms {
			ident, name := str(p, "resource_server_identifier"), str(p, "permission_name")
			rs, ok := tx.Find("resource-servers", func(o Object) bool { return str(o, "identifier") == ident })
			if !ok {
				aerr = errNotFound("Resource server not found: "+ident, "inexistent_resource_server")
				return nil
			}
			defined := false
			for _, sc := range objectList(rs["scopes"]) {
				defined = defined || str(sc, "value") == name
			}
			if !defined {
				aerr = errInvalidBody("Permission " + name + " is not defined for resource server " + ident + ".")
				return nil
			}
		}
		for _, p := range perms {
			ident, name := str(p, "resource_server_identifier"), str(p, "permission_name")
			key := permissionKey(roleID, ident, name)
			tx.Put(rolePermissionsColl, key, Object{"id": key, "role_id": roleID,
				"resource_server_identifier": ident, "permission_name": name})
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeEmptyObject(w, http.StatusCreated)
}

func (s *Server) deleteRolePermissions(w http.ResponseWriter, r *http.Request) {
	perms, aerr := readPermissions(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	roleID := r.PathValue("id")
	found := false
	_ = s.store.Update(func(tx *Tx) error {
		if _, found = tx.Get(rolesColl, roleID); !found {
			return nil
		}
		for _, p := range perms {
			tx.Delete(rolePermissionsColl, permissionKey(roleID, str(p, "resource_server_identifier"), str(p, "permission_name")))
		}
		return nil
	})
	if !found {
		writeError(w, errNoRole())
		return
	}
	writeNoContent(w)
}

// listRoleUsers answers an empty list in the paging style asked for.
func (s *Server) listRoleUsers(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.Object(rolesColl, r.PathValue("id")); !ok {
		writeError(w, errNoRole())
		return
	}
	if isCheckpointQuery(r) {
		writeCheckpointList(w, r, "users", "user_id", []Object{})
		return
	}
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeList(w, lq, ListPage{Key: "users", Items: []Object{}})
}
