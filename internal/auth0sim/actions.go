package auth0sim

import (
	"net/http"
	"sort"
	"strconv"
	"time"
)

// Actions: /api/v2/actions/actions (drafts), their numbered versions, the
// triggers and each trigger's bindings. Shapes follow TestAccAction and
// TestAccTriggerActions:
//
//   - create answers 201 with status "pending"; the draft is "building" and
//     then "built" once Options.ActionBuildDelay has passed on the
//     simulator's clock (a PATCH of code, dependencies, runtime, secrets or
//     triggers starts a new build). SetActionBuildFailure makes builds end
//     "failed" instead.
//   - POST /actions/actions/{id}/deploy (200) needs a built draft (else
//     Auth0's 400 "A draft must be in the 'built' state before it can be
//     deployed.") and creates version number n+1, which becomes the
//     deployed (and current) version.
//   - secrets are write-only: answers carry {name, updated_at}, never value.
//   - PATCH /actions/triggers/{trigger}/bindings replaces the trigger's
//     bindings (new binding ids every time). An action with no deployed
//     version cannot be bound: 409 while its first build is still running,
//     400 otherwise ("Trying to create a binding for an action that has not
//     been deployed yet").
//   - an action bound to a trigger is only deleted with ?force=true (409
//     "Unable to delete an action bound to a trigger." otherwise).
//
// A marketplace action (installed from an integration) carries
// installed_integration_id and integration; PopulateAutomation stores one.
//
// Not taken from a recording: the 404 message for an unknown action (Auth0
// sends no errorCode there), the 409 on a duplicate action name, and the
// "errors" list ([{id, msg}], the shape of a version's build errors) on a
// draft whose build failed.

const (
	actionsColl        = "actions"
	actionVersionsColl = "action-versions"
	triggersColl       = "triggers"
	bindingsColl       = "trigger-bindings"

	defaultActionRuntime = "node22"
	actionsDefaultPer    = 20
)

func init() {
	registerFamily(Family{
		Name:     "actions",
		Register: registerActions,
		Collections: []Collection{
			{Name: actionsColl, Create: createAction, OnDelete: cascadeActionDelete},
			{Name: actionVersionsColl},
			{Name: triggersColl},
			{Name: bindingsColl, IDKey: "trigger_id"},
		},
	})
}

func registerActions(s *Server) {
	read, create := []string{"read:actions"}, []string{"create:actions"}
	update, del := []string{"update:actions"}, []string{"delete:actions"}
	s.Handle(Route{Pattern: "GET /api/v2/actions/actions", Scopes: read, Handler: s.listActions})
	s.Handle(Route{Pattern: "POST /api/v2/actions/actions", Scopes: create, Handler: s.postAction})
	s.Handle(Route{Pattern: "GET /api/v2/actions/actions/{id}", Scopes: read, Handler: s.getAction})
	s.Handle(Route{Pattern: "PATCH /api/v2/actions/actions/{id}", Scopes: update, Handler: s.patchAction})
	s.Handle(Route{Pattern: "DELETE /api/v2/actions/actions/{id}", Scopes: del, Handler: s.deleteAction})
	s.Handle(Route{Pattern: "POST /api/v2/actions/actions/{id}/deploy", Scopes: create, Handler: s.deployAction})
	s.Handle(Route{Pattern: "GET /api/v2/actions/actions/{id}/versions", Scopes: read, Handler: s.listActionVersions})
	s.Handle(Route{Pattern: "GET /api/v2/actions/actions/{id}/versions/{vid}", Scopes: read, Handler: s.getActionVersion})
	s.Handle(Route{Pattern: "POST /api/v2/actions/actions/{id}/versions/{vid}/deploy", Scopes: create, Handler: s.deployActionVersion})
	s.Handle(Route{Pattern: "GET /api/v2/actions/triggers", Scopes: read, Handler: s.listTriggers})
	s.Handle(Route{Pattern: "GET /api/v2/actions/triggers/{trigger}/bindings", Scopes: read, Handler: s.getBindings})
	s.Handle(Route{Pattern: "PATCH /api/v2/actions/triggers/{trigger}/bindings", Scopes: update, Handler: s.patchBindings})
	s.HandleAdmin("POST /_sim/actions/{id}/build", s.adminActionBuild)
}

func errNoAction() *APIError { return errNotFound("The action does not exist.", "") }

func errNoActionVersion() *APIError { return errNotFound("The action version does not exist.", "") }

// defaultActionTriggers is GET /actions/triggers on a new tenant.
func defaultActionTriggers() []Object {
	runtimes := anyList("node18-actions", "node22")
	t := func(id, version, status string) Object {
		return Object{"id": id, "version": version, "status": status, "runtimes": runtimes,
			"default_runtime": defaultActionRuntime, "compatible_triggers": []any{}, "binding_policy": "trigger-bound"}
	}
	return []Object{
		t("post-login", "v2", "DEPRECATED"),
		t("post-login", "v3", "CURRENT"),
		t("credentials-exchange", "v2", "CURRENT"),
		t("pre-user-registration", "v2", "CURRENT"),
		t("post-user-registration", "v2", "CURRENT"),
		t("post-change-password", "v2", "CURRENT"),
		t("send-phone-message", "v2", "CURRENT"),
		t("password-reset-post-challenge", "v1", "CURRENT"),
		t("custom-phone-provider", "v1", "CURRENT"),
		t("custom-email-provider", "v1", "CURRENT"),
		t("custom-token-exchange", "v1", "CURRENT"),
		t("event-stream", "v1", "CURRENT"), // TestAccEventStreamAction #0 (POST 201)
	}
}

// seedActionTriggers stores the triggers list (tenant.go calls it).
func seedActionTriggers(tx *Tx) {
	for _, t := range defaultActionTriggers() {
		tx.Put(triggersColl, str(t, "id")+"/"+str(t, "version"), t)
	}
}

// knownTrigger reports whether the tenant has the trigger (a state file
// saved before triggers were seeded has none: the defaults count then).
func knownTrigger(tx *Tx, id string) bool {
	if tx.Count(triggersColl) == 0 {
		for _, t := range defaultActionTriggers() {
			if str(t, "id") == id {
				return true
			}
		}
		return false
	}
	_, ok := tx.Find(triggersColl, func(t Object) bool { return str(t, "id") == id })
	return ok
}

// validTriggers checks supported_triggers: a non-empty list of known
// {id, version} pairs.
func validTriggers(tx *Tx, v any) *APIError {
	items, ok := v.([]any)
	if !ok || len(items) == 0 {
		return errInvalidBody("Payload validation error: 'Expected type array but found type " + jsonType(v) + "' on property supported_triggers.")
	}
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok || str(m, "id") == "" {
			return errInvalidBody("Payload validation error: 'Missing required property: id' on property supported_triggers.")
		}
		if !knownTrigger(tx, str(m, "id")) {
			return errInvalidBody("Invalid trigger id: " + str(m, "id"))
		}
	}
	return nil
}

// setSecrets applies a secrets list to the stored draft: listed names are
// kept or added (a missing value keeps the old one), unlisted ones go.
func setSecrets(obj Object, v any, now string) {
	old := map[string]Object{}
	var order []string
	for _, sec := range objectList(obj["secrets"]) {
		old[str(sec, "name")] = sec
		order = append(order, str(sec, "name"))
	}
	given := map[string]Object{}
	var added []string
	for _, sec := range objectList(v) {
		name := str(sec, "name")
		if name == "" {
			continue
		}
		if _, seen := given[name]; !seen {
			if _, existed := old[name]; !existed {
				added = append(added, name)
			}
		}
		given[name] = sec
	}
	var out []any
	for _, name := range append(order, added...) {
		sec, ok := given[name]
		if !ok {
			continue
		}
		value, has := sec["value"]
		if !has {
			value = old[name]["value"]
		}
		out = append(out, Object{"name": name, "value": value, "updated_at": now})
	}
	if out == nil {
		out = []any{}
	}
	obj["secrets"] = out
}

// secretNames renders stored secrets without their values.
func secretNames(v any) []any {
	out := []any{}
	for _, sec := range objectList(v) {
		out = append(out, Object{"name": sec["name"], "updated_at": sec["updated_at"]})
	}
	return out
}

// createAction stores a new draft and starts its build.
func createAction(s *Server, tx *Tx, body Object) (Object, *APIError) {
	if aerr := requireString(body, "name"); aerr != nil {
		return nil, aerr
	}
	if _, ok := body["supported_triggers"]; !ok {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: supported_triggers'.")
	}
	if aerr := validTriggers(tx, body["supported_triggers"]); aerr != nil {
		return nil, aerr
	}
	if _, dup := tx.Find(actionsColl, func(a Object) bool { return str(a, "name") == str(body, "name") }); dup {
		return nil, errConflict("An action with the name '"+str(body, "name")+"' already exists.", "")
	}
	now := isoNanos(s.clock.Now())
	a := Object{
		"id": newUUID(), "name": body["name"], "supported_triggers": copyValue(body["supported_triggers"]),
		"created_at": now, "updated_at": now, "code": "", "dependencies": []any{}, "runtime": defaultActionRuntime,
		"secrets": []any{}, "_build_started": now,
	}
	for _, k := range []string{"code", "dependencies", "runtime", "modules"} {
		if v, ok := body[k]; ok {
			a[k] = copyValue(v)
		}
	}
	if v, ok := body["secrets"]; ok {
		setSecrets(a, v, now)
	}
	if str(body, "_build_error") != "" { // admin API: create an action whose build fails
		a["_build_error"] = body["_build_error"]
	}
	tx.Put(actionsColl, str(a, "id"), a)
	return a, nil
}

func cascadeActionDelete(s *Server, tx *Tx, a Object) {
	id := str(a, "id")
	for _, v := range tx.List(actionVersionsColl) {
		if str(v, "action_id") == id {
			tx.Delete(actionVersionsColl, str(v, "id"))
		}
	}
	for _, tb := range tx.List(bindingsColl) {
		var kept []any
		for _, b := range objectList(tb["bindings"]) {
			if str(b, "action_id") != id {
				kept = append(kept, b)
			}
		}
		if len(kept) != len(objectList(tb["bindings"])) {
			if kept == nil {
				kept = []any{}
			}
			tb["bindings"] = kept
			tx.Put(bindingsColl, str(tb, "trigger_id"), tb)
		}
	}
}

// actionStatus is the draft's build state at now.
func (s *Server) actionStatus(a Object, now time.Time) string {
	started := parseISO(str(a, "_build_started"))
	delay := s.opts.ActionBuildDelay
	elapsed := now.Sub(started)
	switch {
	case elapsed < delay/2:
		return "pending"
	case elapsed < delay:
		return "building"
	case str(a, "_build_error") != "":
		return "failed"
	}
	return "built"
}

// deployedVersion returns the action's deployed version, if any.
func deployedVersion(tx *Tx, actionID string) (Object, bool) {
	return tx.Find(actionVersionsColl, func(v Object) bool {
		return str(v, "action_id") == actionID && boolean(v, "deployed")
	})
}

// versionView is a version as GET .../versions shows it; deployedView is
// the action's deployed_version (no action_id); currentView the short
// current_version.
func versionView(v Object) Object { return publicView(v) }

func deployedView(v Object) Object { return withoutKeys(publicView(v), "action_id") }

func currentView(v Object) Object {
	return Object{"id": v["id"], "code": v["code"], "runtime": v["runtime"], "status": "BUILT",
		"number": v["number"], "build_time": v["built_at"], "created_at": v["created_at"], "updated_at": v["updated_at"]}
}

// actionView renders a stored draft as GET /actions/actions/{id} does.
func (s *Server) actionView(tx *Tx, a Object, now time.Time) Object {
	out := Object{
		"id": a["id"], "name": a["name"], "supported_triggers": a["supported_triggers"],
		"created_at": a["created_at"], "updated_at": a["updated_at"], "code": a["code"],
		"dependencies": a["dependencies"], "runtime": a["runtime"], "status": s.actionStatus(a, now),
		"secrets": secretNames(a["secrets"]), "all_changes_deployed": false,
	}
	if mods := actionModuleRefs(tx, a["modules"]); mods != nil {
		out["modules"] = mods
	}
	if v, ok := deployedVersion(tx, str(a, "id")); ok {
		out["current_version"] = currentView(v)
		out["deployed_version"] = deployedView(v)
		out["all_changes_deployed"] = str(a, "_deployed_draft") == str(a, "updated_at")
	}
	for _, k := range []string{"installed_integration_id", "integration"} { // a marketplace action
		if v, ok := a[k]; ok {
			out[k] = v
		}
	}
	if out["status"] == "failed" {
		out["errors"] = []any{Object{"id": "build_failed", "msg": a["_build_error"]}}
	}
	return out
}

// actionRef is the short action object inside a deploy answer.
func actionRef(a Object) Object {
	return Object{"id": a["id"], "name": a["name"], "supported_triggers": a["supported_triggers"],
		"created_at": a["created_at"], "updated_at": a["updated_at"], "all_changes_deployed": false}
}

func (s *Server) listActions(w http.ResponseWriter, r *http.Request) {
	page, perPage, aerr := actionsPage(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	q := r.URL.Query()
	now := s.clock.Now()
	var items []Object
	_ = s.store.View(func(tx *Tx) error {
		for _, a := range tx.List(actionsColl) {
			if v := q.Get("actionName"); v != "" && str(a, "name") != v {
				continue
			}
			if v := q.Get("triggerId"); v != "" && !supportsTrigger(a, v) {
				continue
			}
			_, deployed := deployedVersion(tx, str(a, "id"))
			if v := q.Get("deployed"); v != "" && (v == "true") != deployed {
				continue
			}
			if q.Get("installed") == "true" { // no marketplace integrations here
				continue
			}
			items = append(items, s.actionView(tx, a, now))
		}
		return nil
	})
	writeJSON(w, http.StatusOK, Object{"actions": pageSlice(items, page, perPage), "total": len(items), "page": page, "per_page": perPage})
}

func supportsTrigger(a Object, trigger string) bool {
	for _, t := range objectList(a["supported_triggers"]) {
		if str(t, "id") == trigger {
			return true
		}
	}
	return false
}

func (s *Server) getAction(w http.ResponseWriter, r *http.Request) {
	var out Object
	_ = s.store.View(func(tx *Tx) error {
		if a, ok := tx.Get(actionsColl, r.PathValue("id")); ok {
			out = s.actionView(tx, a, s.clock.Now())
		}
		return nil
	})
	if out == nil {
		writeError(w, errNoAction())
		return
	}
	writeJSON(w, http.StatusOK, out)
}

var actionFields = []string{"name", "supported_triggers", "code", "dependencies", "runtime", "secrets", "modules"}

func (s *Server) postAction(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var out Object
	_ = s.store.Update(func(tx *Tx) error {
		var a Object
		if a, aerr = createAction(s, tx, withoutKeys(body, "deploy")); aerr == nil {
			out = s.actionView(tx, a, s.clock.Now())
			out["status"] = "pending"
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) patchAction(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var out Object
	_ = s.store.Update(func(tx *Tx) error {
		a, ok := tx.Get(actionsColl, id)
		if !ok {
			aerr = errNoAction()
			return nil
		}
		if v, ok := patch["supported_triggers"]; ok {
			if aerr = validTriggers(tx, v); aerr != nil {
				return nil
			}
		}
		if name := str(patch, "name"); name != "" && name != str(a, "name") {
			if _, dup := tx.Find(actionsColl, func(o Object) bool { return str(o, "name") == name }); dup {
				aerr = errConflict("An action with the name '"+name+"' already exists.", "")
				return nil
			}
		}
		now := isoNanos(s.clock.Now())
		rebuild := false
		for _, k := range actionFields {
			v, ok := patch[k]
			if !ok {
				continue
			}
			if k == "secrets" {
				setSecrets(a, v, now)
			} else {
				a[k] = copyValue(v)
			}
			if k != "name" {
				rebuild = true
			}
		}
		a["updated_at"] = now
		if rebuild {
			a["_build_started"] = now
		}
		tx.Put(actionsColl, id, a)
		out = s.actionView(tx, a, s.clock.Now())
		if rebuild {
			out["status"] = "pending"
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteAction(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	force := r.URL.Query().Get("force") == "true"
	var aerr *APIError
	_ = s.store.Update(func(tx *Tx) error {
		if _, ok := tx.Get(actionsColl, id); !ok {
			aerr = errNoAction()
			return nil
		}
		if !force && actionBound(tx, id) {
			aerr = errConflict("Unable to delete an action bound to a trigger.", "")
			return nil
		}
		s.deleteObject(tx, actionsColl, id)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeNoContent(w)
}

func actionBound(tx *Tx, id string) bool {
	for _, tb := range tx.List(bindingsColl) {
		for _, b := range objectList(tb["bindings"]) {
			if str(b, "action_id") == id {
				return true
			}
		}
	}
	return false
}

// deployAction creates version n+1 from the built draft and deploys it.
func (s *Server) deployAction(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var out Object
	var aerr *APIError
	_ = s.store.Update(func(tx *Tx) error {
		a, ok := tx.Get(actionsColl, id)
		if !ok {
			aerr = errNoAction()
			return nil
		}
		now := s.clock.Now()
		if s.actionStatus(a, now) != "built" {
			aerr = errInvalidBody("A draft must be in the 'built' state before it can be deployed.")
			aerr.ErrorCode = ""
			return nil
		}
		v := deployDraft(tx, a, now)
		// The deploy answer shows the version before Auth0 has switched it
		// live: "deployed": false, no built_at, the action in short.
		out = withoutKeys(deployedView(v), "built_at")
		out["deployed"] = false
		out["action"] = actionRef(a)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// deployDraft stores the built draft a as version n+1, deployed in place of the one before.
func deployDraft(tx *Tx, a Object, now time.Time) Object {
	id := str(a, "id")
	number := 0
	for _, v := range tx.List(actionVersionsColl) {
		if str(v, "action_id") != id {
			continue
		}
		if n := int(v["number"].(float64)); n > number {
			number = n
		}
		if boolean(v, "deployed") {
			v["deployed"] = false
			tx.Put(actionVersionsColl, str(v, "id"), v)
		}
	}
	ts := isoNanos(now)
	v := Object{
		"id": newUUID(), "action_id": id, "number": float64(number + 1), "code": a["code"],
		"dependencies": a["dependencies"], "runtime": a["runtime"], "secrets": secretNames(a["secrets"]),
		"supported_triggers": a["supported_triggers"], "status": "built", "deployed": true,
		"created_at": ts, "updated_at": ts, "built_at": ts,
	}
	if mods := actionModuleRefs(tx, a["modules"]); mods != nil {
		v["modules"] = mods
	}
	tx.Put(actionVersionsColl, str(v, "id"), v)
	a["_deployed_draft"] = a["updated_at"]
	tx.Put(actionsColl, id, a)
	return v
}

// actionVersions returns the action's versions, newest first.
func actionVersions(tx *Tx, id string) []Object {
	var out []Object
	for _, v := range tx.List(actionVersionsColl) {
		if str(v, "action_id") == id {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i]["number"].(float64) > out[j]["number"].(float64) })
	return out
}

func (s *Server) listActionVersions(w http.ResponseWriter, r *http.Request) {
	page, perPage, aerr := actionsPage(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var items []Object
	found := false
	_ = s.store.View(func(tx *Tx) error {
		_, found = tx.Get(actionsColl, r.PathValue("id"))
		for _, v := range actionVersions(tx, r.PathValue("id")) {
			items = append(items, versionView(v))
		}
		return nil
	})
	if !found {
		writeError(w, errNoAction())
		return
	}
	writeJSON(w, http.StatusOK, Object{"versions": pageSlice(items, page, perPage), "total": len(items), "page": page, "per_page": perPage})
}

func (s *Server) getActionVersion(w http.ResponseWriter, r *http.Request) {
	v, ok := s.Object(actionVersionsColl, r.PathValue("vid"))
	if !ok || str(v, "action_id") != r.PathValue("id") {
		writeError(w, errNoActionVersion())
		return
	}
	writeJSON(w, http.StatusOK, versionView(v))
}

// deployActionVersion makes an earlier version the deployed one (a rollback).
func (s *Server) deployActionVersion(w http.ResponseWriter, r *http.Request) {
	id, vid := r.PathValue("id"), r.PathValue("vid")
	var out Object
	_ = s.store.Update(func(tx *Tx) error {
		target, ok := tx.Get(actionVersionsColl, vid)
		if !ok || str(target, "action_id") != id {
			return nil
		}
		for _, v := range actionVersions(tx, id) {
			if want := str(v, "id") == vid; boolean(v, "deployed") != want {
				v["deployed"] = want
				tx.Put(actionVersionsColl, str(v, "id"), v)
			}
		}
		target["deployed"] = true
		out = versionView(target)
		if a, ok := tx.Get(actionsColl, id); ok {
			out["action"] = actionRef(a)
		}
		return nil
	})
	if out == nil {
		writeError(w, errNoActionVersion())
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listTriggers(w http.ResponseWriter, r *http.Request) {
	triggers := s.Objects(triggersColl)
	if len(triggers) == 0 {
		triggers = defaultActionTriggers()
	}
	writeJSON(w, http.StatusOK, Object{"triggers": triggers})
}

// bindingView renders a stored binding with its action as Auth0 nests it.
func (s *Server) bindingView(tx *Tx, trigger string, b Object) Object {
	out := Object{"id": b["id"], "trigger_id": trigger, "created_at": b["created_at"],
		"updated_at": b["updated_at"], "display_name": b["display_name"]}
	if a, ok := tx.Get(actionsColl, str(b, "action_id")); ok {
		act := actionRef(a)
		if v, ok := deployedVersion(tx, str(a, "id")); ok {
			act["current_version"] = currentView(v)
			act["deployed_version"] = deployedView(v)
		}
		out["action"] = act
	}
	return out
}

func (s *Server) triggerBindings(tx *Tx, trigger string) []Object {
	tb, _ := tx.Get(bindingsColl, trigger)
	var out []Object
	for _, b := range objectList(tb["bindings"]) {
		out = append(out, s.bindingView(tx, trigger, b))
	}
	return out
}

func errUnknownTrigger(trigger string) *APIError {
	return errInvalidQuery("Path validation error: 'Invalid value \"" + trigger + "\"' on property triggerId (An actions extensibility point.).")
}

// getBindings answers the way the recordings show: "per_page" always,
// "page" only when not 0, and "total" (the number of bindings on the page)
// only when not 0.
func (s *Server) getBindings(w http.ResponseWriter, r *http.Request) {
	trigger := r.PathValue("trigger")
	page, perPage, aerr := actionsPage(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var items []Object
	known := false
	_ = s.store.View(func(tx *Tx) error {
		if known = knownTrigger(tx, trigger); known {
			items = s.triggerBindings(tx, trigger)
		}
		return nil
	})
	if !known {
		writeError(w, errUnknownTrigger(trigger))
		return
	}
	pageItems := pageSlice(items, page, perPage)
	out := Object{"bindings": pageItems, "per_page": perPage}
	if page != 0 {
		out["page"] = page
	}
	if len(pageItems) != 0 {
		out["total"] = len(pageItems)
	}
	writeJSON(w, http.StatusOK, out)
}

// newBinding is a stored binding of action a; the display name defaults to the action's name.
func newBinding(a Object, displayName, ts string) Object {
	if displayName == "" {
		displayName = str(a, "name")
	}
	return Object{"id": newUUID(), "action_id": a["id"], "display_name": displayName, "created_at": ts, "updated_at": ts}
}

// patchBindings replaces the trigger's bindings.
func (s *Server) patchBindings(w http.ResponseWriter, r *http.Request) {
	trigger := r.PathValue("trigger")
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	list, ok := body["bindings"].([]any)
	if !ok {
		writeError(w, errInvalidBody("Payload validation error: 'Missing required property: bindings'."))
		return
	}
	var out []Object
	_ = s.store.Update(func(tx *Tx) error {
		if !knownTrigger(tx, trigger) {
			aerr = errUnknownTrigger(trigger)
			return nil
		}
		old, _ := tx.Get(bindingsColl, trigger)
		now := s.clock.Now()
		ts := isoNanos(now)
		var stored []any
		for i, it := range list {
			bm, _ := it.(map[string]any)
			ref, _ := bm["ref"].(map[string]any)
			prop := "bindings[" + strconv.Itoa(i) + "]"
			if ref == nil {
				aerr = errInvalidBody("Payload validation error: 'Data does not match any schemas from 'oneOf'' on property " + prop + ".")
				return nil
			}
			var a Object
			var found bool
			switch str(ref, "type") {
			case "action_id":
				a, found = tx.Get(actionsColl, str(ref, "value"))
			case "action_name":
				a, found = tx.Find(actionsColl, func(o Object) bool { return str(o, "name") == str(ref, "value") })
			case "binding_id":
				for _, b := range objectList(old["bindings"]) {
					if str(b, "id") == str(ref, "value") {
						a, found = tx.Get(actionsColl, str(b, "action_id"))
					}
				}
			default:
				aerr = errInvalidBody("Payload validation error: 'No enum match for: \"" + str(ref, "type") + "\"' on property " + prop + ".ref.type.")
				return nil
			}
			if !found {
				aerr = errNoAction()
				return nil
			}
			if !supportsTrigger(a, trigger) {
				aerr = errInvalidBody("The action does not support the trigger " + trigger + ".")
				aerr.ErrorCode = ""
				return nil
			}
			if _, deployed := deployedVersion(tx, str(a, "id")); !deployed {
				msg := "Trying to create a binding for an action that has not been deployed yet"
				if st := s.actionStatus(a, now); st == "pending" || st == "building" {
					aerr = errConflict(msg, "")
				} else {
					aerr = NewAPIError(http.StatusBadRequest, msg, "")
				}
				return nil
			}
			stored = append(stored, newBinding(a, str(bm, "display_name"), ts))
		}
		if stored == nil {
			stored = []any{}
		}
		tx.Put(bindingsColl, trigger, Object{"trigger_id": trigger, "bindings": stored})
		out = s.triggerBindings(tx, trigger)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	if out == nil {
		out = []Object{}
	}
	writeJSON(w, http.StatusOK, Object{"bindings": out})
}

// SetActionBuildFailure makes the action's builds fail with message (the
// draft's status becomes "failed" once its build time is over); an empty
// message makes them succeed again. It reports whether the action exists.
func (s *Server) SetActionBuildFailure(id, message string) bool {
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		var a Object
		if a, ok = tx.Get(actionsColl, id); ok {
			if message == "" {
				delete(a, "_build_error")
			} else {
				a["_build_error"] = message
			}
			tx.Put(actionsColl, id, a)
		}
		return nil
	})
	return ok
}

// adminActionBuild is POST /_sim/actions/{id}/build {"fail":true,"message":"..."}.
func (s *Server) adminActionBuild(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	msg := ""
	if boolean(body, "fail") {
		if msg = str(body, "message"); msg == "" {
			msg = "Build failed"
		}
	}
	if !s.SetActionBuildFailure(r.PathValue("id"), msg) {
		writeError(w, errNoAction())
		return
	}
	a, _ := s.Object(actionsColl, r.PathValue("id"))
	writeJSON(w, http.StatusOK, a)
}

// actionsPage reads page and per_page as the actions endpoints take them.
func actionsPage(r *http.Request) (page, perPage int, aerr *APIError) {
	if page, aerr = queryInt(r, "page", 0, 0, 1<<30); aerr != nil {
		return 0, 0, aerr
	}
	perPage, aerr = queryInt(r, "per_page", actionsDefaultPer, 1, maxPerPage)
	return page, perPage, aerr
}
