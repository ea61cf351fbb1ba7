package auth0sim

import "net/http"

// Action modules: /api/v2/actions/modules[/{id}], code shared by actions,
// published as numbered versions. Shapes follow TestAccActionModule*:
//
//   - POST answers 201 {id (a UUID), name, code, dependencies [], secrets
//     [], all_changes_published false, actions_using_module_total 0,
//     created_at, updated_at}; PATCH merges code, dependencies and
//     secrets and leaves all_changes_published false.
//   - secrets are write-only as an action's: {name, updated_at}.
//   - POST /{id}/versions publishes the draft: 200 (not 201) {id,
//     module_id, version_number, code, secrets, dependencies, created_at},
//     and all_changes_published becomes true.
//   - answers add latest_version once a version is published.
//   - GET /{id}/versions pages as {"versions":[...],"total","page",
//     "per_page"}; GET /{id}/actions lists the actions using the module as
//     {"actions":[{action_id, action_name, module_version_id,
//     module_version_number}],"total","per_page"} ("page" when not 0);
//     "total" counts the page's items (page 1 of one version: 0).
//   - an action's modules [{module_id, module_version_id}] are answered
//     with module_name and module_version_number.
//   - a module an action still uses is not deletable (409, message not from
//     a recording).

const (
	actionModulesColl       = "action-modules"
	actionModuleVersionColl = "action-module-versions"
)

func init() {
	registerFamily(Family{Name: "action-modules", Register: registerActionModules,
		Collections: []Collection{{Name: actionModulesColl}, {Name: actionModuleVersionColl}}})
}

func registerActionModules(s *Server) {
	read, p := []string{"read:actions"}, "/api/v2/actions/modules"
	s.Handle(Route{Pattern: "GET " + p, Scopes: read, Handler: s.listActionModules})
	s.Handle(Route{Pattern: "POST " + p, Scopes: []string{"create:actions"}, Handler: s.postActionModule})
	s.Handle(Route{Pattern: "GET " + p + "/{id}", Scopes: read, Handler: s.getActionModule})
	s.Handle(Route{Pattern: "PATCH " + p + "/{id}", Scopes: []string{"update:actions"}, Handler: s.patchActionModule})
	s.Handle(Route{Pattern: "DELETE " + p + "/{id}", Scopes: []string{"delete:actions"}, Handler: s.deleteActionModule})
	s.Handle(Route{Pattern: "POST " + p + "/{id}/versions", Scopes: []string{"create:actions"}, Handler: s.publishActionModule})
	s.Handle(Route{Pattern: "GET " + p + "/{id}/versions", Scopes: read, Handler: s.listActionModuleVersions})
	s.Handle(Route{Pattern: "GET " + p + "/{id}/versions/{vid}", Scopes: read, Handler: s.getActionModuleVersion})
	s.Handle(Route{Pattern: "GET " + p + "/{id}/actions", Scopes: read, Handler: s.listActionModuleActions})
}

// actionModuleRefs renders an action's modules ([{module_id,
// module_version_id}]) as Auth0 answers them, with module_name and
// module_version_number; nil when the action uses none.
func actionModuleRefs(tx *Tx, v any) []any {
	var out []any
	for _, ref := range objectList(v) {
		r := Object{"module_id": ref["module_id"], "module_version_id": ref["module_version_id"]}
		if m, ok := tx.Get(actionModulesColl, str(ref, "module_id")); ok {
			r["module_name"] = m["name"]
		}
		if mv, ok := tx.Get(actionModuleVersionColl, str(ref, "module_version_id")); ok {
			r["module_version_number"] = mv["version_number"]
		}
		out = append(out, r)
	}
	return out
}

func errNoActionModule() *APIError { return errNotFound("Module not found", "") }

// moduleView renders a stored module: secrets without values, the count
// of actions using it and, once published, its latest version.
func moduleView(tx *Tx, m Object) Object {
	out := publicView(m)
	out["secrets"] = secretNames(m["secrets"])
	out["actions_using_module_total"] = len(actionsUsing(tx, str(m, "id")))
	if vs := moduleVersions(tx, str(m, "id")); len(vs) > 0 {
		out["latest_version"] = moduleVersionView(vs[len(vs)-1])
	}
	return out
}

// actionsUsing lists the actions whose modules name the module.
func actionsUsing(tx *Tx, moduleID string) []Object {
	var out []Object
	for _, a := range tx.List(actionsColl) {
		for _, m := range objectList(a["modules"]) {
			if str(m, "module_id") == moduleID {
				ref := Object{"action_id": a["id"], "action_name": a["name"], "module_version_id": m["module_version_id"]}
				if mv, ok := tx.Get(actionModuleVersionColl, str(m, "module_version_id")); ok {
					ref["module_version_number"] = mv["version_number"]
				}
				out = append(out, ref)
			}
		}
	}
	return out
}

func (s *Server) listActionModules(w http.ResponseWriter, r *http.Request) {
	var items []any
	_ = s.store.View(func(tx *Tx) error {
		for _, m := range tx.List(actionModulesColl) {
			items = append(items, moduleView(tx, m))
		}
		return nil
	})
	if items == nil {
		items = []any{}
	}
	writeJSON(w, http.StatusOK, Object{"modules": items, "total": len(items), "page": 0, "per_page": defaultPerPage})
}

func (s *Server) postActionModule(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr == nil {
		aerr = requireString(body, "name")
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	now := isoNanos(s.clock.Now())
	m := Object{"id": newUUID(), "name": body["name"], "code": body["code"], "dependencies": []any{}, "secrets": []any{},
		"all_changes_published": false, "actions_using_module_total": 0, "created_at": now, "updated_at": now}
	if v, ok := body["dependencies"]; ok {
		m["dependencies"] = copyValue(v)
	}
	setSecrets(m, body["secrets"], now)
	var view Object
	_ = s.store.Update(func(tx *Tx) error {
		tx.Put(actionModulesColl, str(m, "id"), m)
		view = moduleView(tx, m)
		return nil
	})
	writeJSON(w, http.StatusCreated, view)
}

func (s *Server) getActionModule(w http.ResponseWriter, r *http.Request) {
	var view Object
	_ = s.store.View(func(tx *Tx) error {
		if m, ok := tx.Get(actionModulesColl, r.PathValue("id")); ok {
			view = moduleView(tx, m)
		}
		return nil
	})
	if view == nil {
		writeError(w, errNoActionModule())
		return
	}
	writeJSON(w, http.StatusOK, view)
}

func (s *Server) patchActionModule(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var m Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if m, ok = tx.Get(actionModulesColl, r.PathValue("id")); !ok {
			return nil
		}
		for k, v := range patch {
			switch k {
			case "secrets":
				setSecrets(m, v, isoNanos(s.clock.Now()))
			default:
				m[k] = copyValue(v)
			}
		}
		m["all_changes_published"] = false
		tx.Put(actionModulesColl, str(m, "id"), m)
		m = moduleView(tx, m)
		return nil
	})
	if !ok {
		writeError(w, errNoActionModule())
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) deleteActionModule(w http.ResponseWriter, r *http.Request) {
	var aerr *APIError
	_ = s.store.Update(func(tx *Tx) error {
		id := r.PathValue("id")
		if _, ok := tx.Get(actionModulesColl, id); !ok {
			aerr = errNoActionModule()
			return nil
		}
		if len(actionsUsing(tx, id)) > 0 {
			aerr = errConflict("The module is used by actions", "")
			return nil
		}
		tx.Delete(actionModulesColl, id)
		for _, v := range tx.List(actionModuleVersionColl) {
			if str(v, "module_id") == id {
				tx.Delete(actionModuleVersionColl, str(v, "id"))
			}
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeNoContent(w)
}

func moduleVersions(tx *Tx, moduleID string) []Object {
	var out []Object
	for _, v := range tx.List(actionModuleVersionColl) {
		if str(v, "module_id") == moduleID {
			out = append(out, v)
		}
	}
	return out
}

func moduleVersionView(v Object) Object {
	out := publicView(v)
	out["secrets"] = secretNames(v["secrets"])
	return out
}

func (s *Server) publishActionModule(w http.ResponseWriter, r *http.Request) {
	var v Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		var m Object
		if m, ok = tx.Get(actionModulesColl, r.PathValue("id")); !ok {
			return nil
		}
		v = Object{"id": newUUID(), "module_id": m["id"], "version_number": len(moduleVersions(tx, str(m, "id"))) + 1,
			"code": m["code"], "secrets": copyValue(m["secrets"]), "dependencies": copyValue(m["dependencies"]),
			"created_at": isoNanos(s.clock.Now())}
		tx.Put(actionModuleVersionColl, str(v, "id"), v)
		m["all_changes_published"] = true
		tx.Put(actionModulesColl, str(m, "id"), m)
		return nil
	})
	if !ok {
		writeError(w, errNoActionModule())
		return
	}
	writeJSON(w, http.StatusOK, moduleVersionView(v))
}

// pageOf reads page/per_page (Auth0's defaults) for the module lists.
func pageOf(r *http.Request) (page, perPage int, aerr *APIError) {
	if page, aerr = queryInt(r, "page", 0, 0, 1<<20); aerr == nil {
		perPage, aerr = queryInt(r, "per_page", defaultPerPage, 1, maxPerPage)
	}
	return page, perPage, aerr
}

func (s *Server) listActionModuleVersions(w http.ResponseWriter, r *http.Request) {
	page, perPage, aerr := pageOf(r)
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		if _, found = tx.Get(actionModulesColl, r.PathValue("id")); found {
			items = moduleVersions(tx, r.PathValue("id"))
		}
		return nil
	})
	if aerr == nil && !found {
		aerr = errNoActionModule()
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	out := []any{}
	for _, v := range pageSlice(items, page, perPage) {
		out = append(out, moduleVersionView(v))
	}
	// total counts the page's versions (page 1 of one version: total 0).
	writeJSON(w, http.StatusOK, Object{"versions": out, "total": len(out), "page": page, "per_page": perPage})
}

func (s *Server) getActionModuleVersion(w http.ResponseWriter, r *http.Request) {
	v, ok := s.Object(actionModuleVersionColl, r.PathValue("vid"))
	if !ok || str(v, "module_id") != r.PathValue("id") {
		writeError(w, errNotFound("Module version not found", ""))
		return
	}
	writeJSON(w, http.StatusOK, moduleVersionView(v))
}

func (s *Server) listActionModuleActions(w http.ResponseWriter, r *http.Request) {
	page, perPage, aerr := pageOf(r)
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		if _, found = tx.Get(actionModulesColl, r.PathValue("id")); found {
			items = actionsUsing(tx, r.PathValue("id"))
		}
		return nil
	})
	if aerr == nil && !found {
		aerr = errNoActionModule()
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	out := []any{}
	for _, a := range pageSlice(items, page, perPage) {
		out = append(out, a)
	}
	env := Object{"actions": out, "total": len(out), "per_page": perPage}
	if page > 0 {
		env["page"] = page
	}
	writeJSON(w, http.StatusOK, env)
}
