package auth0sim

import "net/http"

// Branding phone providers and notification templates:
// /api/v2/branding/phone/providers[/{id}] and
// /api/v2/branding/phone/templates[/{id}]. Shapes follow
// TestAccCheckPhoneProvider, TestAccPhoneNotificationTemplate and
// TestAccDataSourcePhoneNotificationTemplate:
//
//   - both answer {id, tenant, channel "phone", disabled (false), ...,
//     created_at, updated_at}; POST 201, PATCH a merge patch that moves
//     updated_at, DELETE 204; lists are {"providers":[...]} and
//     {"templates":[...]}.
//   - a provider's credentials are write-only; a twilio provider without
//     configuration.default_from answers 400 "Bad Operation on
//     Notification Resource" (no errorCode).
//   - a template's content gets syntax "liquid".
//
// Not from a recording: the 404 bodies.

const (
	phoneProvidersColl = "phone-providers"
	phoneTemplatesColl = "phone-templates"
)

func init() {
	registerFamily(Family{Name: "branding-phone", Register: registerBrandingPhone,
		Collections: []Collection{{Name: phoneProvidersColl}, {Name: phoneTemplatesColl}}})
}

func registerBrandingPhone(s *Server) {
	for _, k := range []struct{ path, coll, prefix, key, scope string }{
		{"providers", phoneProvidersColl, "pro_", "providers", "phone_providers"},
		{"templates", phoneTemplatesColl, "tem_", "templates", "phone_templates"},
	} {
		p := "/api/v2/branding/phone/" + k.path
		pk := phoneKind{coll: k.coll, prefix: k.prefix, key: k.key}
		s.Handle(Route{Pattern: "GET " + p, Scopes: []string{"read:" + k.scope}, Handler: s.listPhone(pk)})
		s.Handle(Route{Pattern: "POST " + p, Scopes: []string{"create:" + k.scope}, Handler: s.postPhone(pk)})
		s.Handle(Route{Pattern: "GET " + p + "/{id}", Scopes: []string{"read:" + k.scope}, Handler: s.getPhone(pk)})
		s.Handle(Route{Pattern: "PATCH " + p + "/{id}", Scopes: []string{"update:" + k.scope}, Handler: s.patchPhone(pk)})
		s.Handle(Route{Pattern: "DELETE " + p + "/{id}", Scopes: []string{"delete:" + k.scope}, Handler: s.deletePhone(pk)})
	}
}

type phoneKind struct{ coll, prefix, key string }

func (k phoneKind) notFound() *APIError {
	if k.coll == phoneProvidersColl {
		return errNotFound("Phone provider not found", "")
	}
	return errNotFound("Phone template not found", "")
}

func phoneView(o Object) Object { return withoutKeys(publicView(o), "credentials") }

// checkPhone refuses what Auth0 refuses on a provider.
func checkPhone(k phoneKind, o Object) *APIError {
	if k.coll != phoneProvidersColl || str(o, "name") != "twilio" {
		return nil
	}
	cfg, _ := o["configuration"].(map[string]any)
	if str(cfg, "default_from") == "" && str(cfg, "mssid") == "" {
		return NewAPIError(http.StatusBadRequest, "Bad Operation on Notification Resource", "")
	}
	return nil
}

func (s *Server) listPhone(k phoneKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		items := []any{}
		for _, o := range s.Objects(k.coll) {
			items = append(items, phoneView(o))
		}
		writeJSON(w, http.StatusOK, Object{k.key: items})
	}
}

func (s *Server) postPhone(k phoneKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		o := deepCopy(body)
		if aerr == nil {
			aerr = checkPhone(k, o)
		}
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		now := isoMillis(s.clock.Now())
		o["id"], o["tenant"], o["channel"], o["created_at"], o["updated_at"] = newID(k.prefix, 22), s.tenantName(), "phone", now, now
		applyDefaults(o, Object{"disabled": false})
		if c, ok := o["content"].(map[string]any); ok {
			applyDefaults(c, Object{"syntax": "liquid"})
		}
		_ = s.store.Update(func(tx *Tx) error { tx.Put(k.coll, str(o, "id"), o); return nil })
		writeJSON(w, http.StatusCreated, phoneView(o))
	}
}

func (s *Server) getPhone(k phoneKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := s.Object(k.coll, r.PathValue("id"))
		if !ok {
			writeError(w, k.notFound())
			return
		}
		writeJSON(w, http.StatusOK, phoneView(o))
	}
}

func (s *Server) patchPhone(k phoneKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		patch, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		var o Object
		_ = s.store.Update(func(tx *Tx) error {
			var ok bool
			if o, ok = tx.Get(k.coll, r.PathValue("id")); !ok {
				aerr = k.notFound()
				return nil
			}
			mergePatch(o, patch)
			if aerr = checkPhone(k, o); aerr != nil {
				return nil
			}
			o["updated_at"] = isoMillis(s.clock.Now())
			tx.Put(k.coll, str(o, "id"), o)
			return nil
		})
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		writeJSON(w, http.StatusOK, phoneView(o))
	}
}

func (s *Server) deletePhone(k phoneKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.DeleteObject(k.coll, r.PathValue("id")) {
			writeError(w, k.notFound())
			return
		}
		writeNoContent(w)
	}
}
