package auth0sim

import (
	"io"
	"mime"
	"net/http"
	"regexp"
)

// Branding: the tenant's branding settings (GET/PATCH /branding, stored as
// "branding"/"settings"), the Universal Login page template (stored as
// "branding"/"universal-login") and the Universal Login theme
// (/branding/themes; Auth0 allows one). Shapes follow TestAccBranding and
// TestAccBrandingTheme:
//
//   - PATCH /branding is a merge patch ({"font":null} removes the font).
//   - GET of an unset template answers 404 inexistent_templates_universal_login;
//     PUT takes {"template":"..."}, a bare JSON string (go-auth0 v1) or a
//     text/html body and answers 201 {} (204 when a template already
//     existed, as Auth0 documents); DELETE answers 204 whether or not one
//     was set.
//   - POST /branding/themes answers 200 with a 32-character themeId; a
//     second theme is refused with 409, as Auth0 does. Theme ids that are
//     not in that format answer Auth0's 400 path validation error.

const (
	brandingColl       = "branding"
	brandingThemesColl = "branding-themes"
	universalLoginID   = "universal-login"
)

func init() {
	registerFamily(Family{
		Name:     "branding",
		Register: registerBranding,
		Collections: []Collection{
			{Name: brandingColl},
			{Name: brandingThemesColl, IDKey: "themeId", Create: createBrandingTheme},
		},
	})
}

func registerBranding(s *Server) {
	read, update, del := []string{"read:branding"}, []string{"update:branding"}, []string{"delete:branding"}
	s.Handle(Route{Pattern: "GET /api/v2/branding", Scopes: read, Handler: s.getBranding})
	s.Handle(Route{Pattern: "PATCH /api/v2/branding", Scopes: update, Handler: s.patchBranding})
	s.Handle(Route{Pattern: "GET /api/v2/branding/templates/universal-login", Scopes: read, Handler: s.getUniversalLogin})
	s.Handle(Route{Pattern: "PUT /api/v2/branding/templates/universal-login", Scopes: update, Handler: s.putUniversalLogin})
	s.Handle(Route{Pattern: "DELETE /api/v2/branding/templates/universal-login", Scopes: del, Handler: s.deleteUniversalLogin})
	s.Handle(Route{Pattern: "POST /api/v2/branding/themes", Scopes: []string{"create:branding"}, Handler: s.postBrandingTheme})
	s.Handle(Route{Pattern: "GET /api/v2/branding/themes/default", Scopes: read, Handler: s.getDefaultBrandingTheme})
	s.Handle(Route{Pattern: "GET /api/v2/branding/themes/{id}", Scopes: read, Handler: s.getBrandingTheme})
	s.Handle(Route{Pattern: "PATCH /api/v2/branding/themes/{id}", Scopes: update, Handler: s.patchBrandingTheme})
	s.Handle(Route{Pattern: "DELETE /api/v2/branding/themes/{id}", Scopes: del, Handler: s.deleteBrandingTheme})
}

// defaultBranding is GET /branding on a new tenant.
func defaultBranding() Object {
	return Object{"colors": Object{"primary": "#635dff", "page_background": "#000000"}}
}

func (s *Server) getBranding(w http.ResponseWriter, r *http.Request) {
	b, ok := s.Object(brandingColl, SingletonID)
	if !ok {
		b = defaultBranding()
	}
	writeJSON(w, http.StatusOK, b)
}

func (s *Server) patchBranding(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var b Object
	_ = s.store.Update(func(tx *Tx) error {
		var ok bool
		if b, ok = tx.Get(brandingColl, SingletonID); !ok {
			b = defaultBranding()
		}
		mergePatch(b, patch)
		tx.Put(brandingColl, SingletonID, b)
		return nil
	})
	writeJSON(w, http.StatusOK, b)
}

func (s *Server) getUniversalLogin(w http.ResponseWriter, r *http.Request) {
	t, ok := s.Object(brandingColl, universalLoginID)
	if !ok {
		writeError(w, errNotFound("Template does not exist.", "inexistent_templates_universal_login"))
		return
	}
	writeJSON(w, http.StatusOK, Object{"body": t["body"]})
}

// putUniversalLogin accepts the template as {"template": "..."}, as a JSON
// string, or as a text/html body.
func (s *Server) putUniversalLogin(w http.ResponseWriter, r *http.Request) {
	var body string
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "text/html" {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, errInvalidBody("Could not read request body"))
			return
		}
		body = string(data)
	} else {
		v, aerr := readJSON(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		switch t := v.(type) {
		case string:
			body = t
		case map[string]any:
			body, _ = t["template"].(string)
		}
	}
	if body == "" {
		writeError(w, errInvalidBody("Payload validation error: 'Missing required property: template'."))
		return
	}
	existed := false
	_ = s.store.Update(func(tx *Tx) error {
		_, existed = tx.Get(brandingColl, universalLoginID)
		tx.Put(brandingColl, universalLoginID, Object{"body": body})
		return nil
	})
	if existed {
		writeNoContent(w)
		return
	}
	writeEmptyObject(w, http.StatusCreated)
}

func (s *Server) deleteUniversalLogin(w http.ResponseWriter, r *http.Request) {
	s.DeleteObject(brandingColl, universalLoginID)
	writeNoContent(w)
}

var themeIDPattern = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)

func errNoTheme() *APIError {
	return errNotFound("There was an error retrieving branding settings: invalid theme ID", "theme_not_found")
}

func errThemeIDFormat(id string) *APIError {
	return errInvalidQuery("Path validation error: 'Object didn't pass validation for format theme-id: " + id + "' on property themeId (The ID of the theme).")
}

var themeParts = []string{"borders", "colors", "fonts", "page_background", "widget"}

// checkTheme refuses a theme body without one of its required parts.
func checkTheme(body Object) *APIError {
	for _, p := range themeParts {
		if _, ok := body[p].(map[string]any); !ok {
			return errInvalidBody("Payload validation error: 'Missing required property: " + p + "'.")
		}
	}
	return nil
}

func createBrandingTheme(s *Server, tx *Tx, body Object) (Object, *APIError) {
	if tx.Count(brandingThemesColl) > 0 {
		return nil, errConflict("There was an error creating branding settings: theme already exists", "")
	}
	t := deepCopy(body)
	t["themeId"] = randomString(alnum, 32)
	tx.Put(brandingThemesColl, str(t, "themeId"), t)
	return t, nil
}

func (s *Server) postBrandingTheme(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr == nil {
		aerr = checkTheme(body)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var t Object
	_ = s.store.Update(func(tx *Tx) error { t, aerr = createBrandingTheme(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (s *Server) getDefaultBrandingTheme(w http.ResponseWriter, r *http.Request) {
	themes := s.Objects(brandingThemesColl)
	if len(themes) == 0 {
		writeError(w, errNoTheme())
		return
	}
	writeJSON(w, http.StatusOK, themes[0])
}

// themeFromPath checks the path's theme id format; the caller answers 404.
func themeFromPath(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !themeIDPattern.MatchString(id) {
		writeError(w, errThemeIDFormat(id))
		return "", false
	}
	return id, true
}

func (s *Server) getBrandingTheme(w http.ResponseWriter, r *http.Request) {
	id, ok := themeFromPath(w, r)
	if !ok {
		return
	}
	t, ok := s.Object(brandingThemesColl, id)
	if !ok {
		writeError(w, errNoTheme())
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// patchBrandingTheme replaces the theme's parts (Auth0 requires all of them).
func (s *Server) patchBrandingTheme(w http.ResponseWriter, r *http.Request) {
	id, ok := themeFromPath(w, r)
	if !ok {
		return
	}
	body, aerr := readObject(r)
	if aerr == nil {
		aerr = checkTheme(body)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var t Object
	_ = s.store.Update(func(tx *Tx) error {
		if _, ok = tx.Get(brandingThemesColl, id); ok {
			t = deepCopy(body)
			t["themeId"] = id
			tx.Put(brandingThemesColl, id, t)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoTheme())
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (s *Server) deleteBrandingTheme(w http.ResponseWriter, r *http.Request) {
	id, ok := themeFromPath(w, r)
	if !ok {
		return
	}
	if !s.DeleteObject(brandingThemesColl, id) {
		writeError(w, errNoTheme())
		return
	}
	writeNoContent(w)
}
