package auth0sim

import "net/http"

// Tenant settings: GET/PATCH /api/v2/tenants/settings, a singleton stored as
// "tenants"/"settings". PATCH is a merge patch (null removes a key), as
// TestAccTenantDefaults shows.

func init() {
	registerFamily(Family{
		Name:        "tenants",
		Register:    registerTenantSettings,
		Collections: []Collection{{Name: "tenants"}},
	})
}

func registerTenantSettings(s *Server) {
	s.Handle(Route{Pattern: "GET /api/v2/tenants/settings", Scopes: []string{"read:tenant_settings"}, Handler: s.getTenantSettings})
	s.Handle(Route{Pattern: "PATCH /api/v2/tenants/settings", Scopes: []string{"update:tenant_settings"}, Handler: s.patchTenantSettings})
}

func (s *Server) getTenantSettings(w http.ResponseWriter, r *http.Request) {
	settings, ok := s.Object("tenants", SingletonID)
	if !ok {
		settings = defaultTenantSettings()
	}
	fields, include := parseFields(r)
	writeJSON(w, http.StatusOK, selectFields(settings, fields, include))
}

func (s *Server) patchTenantSettings(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var settings Object
	_ = s.store.Update(func(tx *Tx) error {
		var ok bool
		if settings, ok = tx.Get("tenants", SingletonID); !ok {
			settings = defaultTenantSettings()
		}
		mergePatch(settings, patch)
		tx.Put("tenants", SingletonID, settings)
		return nil
	})
	writeJSON(w, http.StatusOK, settings)
}
