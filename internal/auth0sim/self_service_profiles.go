package auth0sim

import "net/http"

// Self-service SSO profiles: /api/v2/self-service-profiles[/{id}] and their
// custom text, /self-service-profiles/{id}/custom-text/{language}/{page}.
// Shapes follow TestAccSSOCustomText and TestSelfServiceDataSource*:
//
//   - POST answers 201 with id "ssp_"+22, created_at and updated_at, and
//     user_attributes [] when none are given; PATCH
//     is a merge patch (null removes a key) and moves updated_at.
//   - an unknown id answers 404 "Profile with ID: <id> not found", without
//     an errorCode.
//   - custom text: GET answers what was PUT, {} before; PUT replaces the
//     page's texts as a whole.
//   - the list pages by offset ("self_service_profiles" with totals).

const (
	selfServiceProfilesColl = "self-service-profiles"
	sspCustomTextColl       = "self-service-profile-custom-text"
)

func init() {
	registerFamily(Family{Name: "self-service-profiles", Register: registerSelfServiceProfiles,
		Collections: []Collection{{Name: selfServiceProfilesColl, OnDelete: cascadeProfileDelete}, {Name: sspCustomTextColl}}})
}

func registerSelfServiceProfiles(s *Server) {
	p := "/api/v2/self-service-profiles"
	s.Handle(Route{Pattern: "GET " + p, Scopes: []string{"read:self_service_profiles"}, Handler: s.listSSProfiles})
	s.Handle(Route{Pattern: "POST " + p, Scopes: []string{"create:self_service_profiles"}, Handler: s.postSSProfile})
	s.Handle(Route{Pattern: "GET " + p + "/{id}", Scopes: []string{"read:self_service_profiles"}, Handler: s.getSSProfile})
	s.Handle(Route{Pattern: "PATCH " + p + "/{id}", Scopes: []string{"update:self_service_profiles"}, Handler: s.patchSSProfile})
	s.Handle(Route{Pattern: "DELETE " + p + "/{id}", Scopes: []string{"delete:self_service_profiles"}, Handler: s.deleteSSProfile})
	s.Handle(Route{Pattern: "GET " + p + "/{id}/custom-text/{language}/{page}", Scopes: []string{"read:self_service_profile_custom_texts"}, Handler: s.getSSPText})
	s.Handle(Route{Pattern: "PUT " + p + "/{id}/custom-text/{language}/{page}", Scopes: []string{"update:self_service_profile_custom_texts"}, Handler: s.putSSPText})
}

func errNoProfile(id string) *APIError { return errNotFound("Profile with ID: "+id+" not found", "") }

func cascadeProfileDelete(s *Server, tx *Tx, p Object) {
	for _, t := range tx.List(sspCustomTextColl) {
		if str(t, "profile_id") == str(p, "id") {
			tx.Delete(sspCustomTextColl, str(t, "id"))
		}
	}
}

func (s *Server) listSSProfiles(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeList(w, lq, ListPage{Key: "self_service_profiles", Items: s.Objects(selfServiceProfilesColl)})
}

func (s *Server) postSSProfile(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr == nil {
		aerr = requireString(body, "name")
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	p := deepCopy(body)
	now := isoMillis(s.clock.Now())
	p["id"], p["created_at"], p["updated_at"] = newID("ssp_", 22), now, now
	applyDefaults(p, Object{"user_attributes": []any{}})
	_ = s.store.Update(func(tx *Tx) error { tx.Put(selfServiceProfilesColl, str(p, "id"), p); return nil })
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) getSSProfile(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Object(selfServiceProfilesColl, r.PathValue("id"))
	if !ok {
		writeError(w, errNoProfile(r.PathValue("id")))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) patchSSProfile(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var p Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if p, ok = tx.Get(selfServiceProfilesColl, id); ok {
			mergePatch(p, patch)
			applyDefaults(p, Object{"user_attributes": []any{}}) // null resets it to []
			p["updated_at"] = isoMillis(s.clock.Now())
			tx.Put(selfServiceProfilesColl, id, p)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoProfile(id))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) deleteSSProfile(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject(selfServiceProfilesColl, r.PathValue("id")) {
		writeError(w, errNoProfile(r.PathValue("id")))
		return
	}
	writeNoContent(w)
}

func sspTextKey(r *http.Request) string {
	return r.PathValue("id") + "/" + r.PathValue("language") + "/" + r.PathValue("page")
}

func (s *Server) getSSPText(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.Object(selfServiceProfilesColl, r.PathValue("id")); !ok {
		writeError(w, errNoProfile(r.PathValue("id")))
		return
	}
	t, ok := s.Object(sspCustomTextColl, sspTextKey(r))
	if !ok {
		writeJSON(w, http.StatusOK, Object{})
		return
	}
	writeJSON(w, http.StatusOK, withoutKeys(t, "id", "profile_id"))
}

func (s *Server) putSSPText(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	found := false
	_ = s.store.Update(func(tx *Tx) error {
		if _, found = tx.Get(selfServiceProfilesColl, r.PathValue("id")); found {
			t := deepCopy(body)
			t["id"], t["profile_id"] = sspTextKey(r), r.PathValue("id")
			tx.Put(sspCustomTextColl, sspTextKey(r), t)
		}
		return nil
	})
	if !found {
		writeError(w, errNoProfile(r.PathValue("id")))
		return
	}
	writeJSON(w, http.StatusOK, body)
}
