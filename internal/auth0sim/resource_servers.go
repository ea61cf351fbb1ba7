package auth0sim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/pem"
	"net/http"
)

// Resource servers (APIs): /api/v2/resource-servers, addressed by id or by
// URL-encoded identifier; identifier is create-only. Shapes follow
// TestAccResourceServer*, TestAccClientGrant, TestAccClientRefreshToken.

func init() {
	registerFamily(Family{
		Name:     "resource-servers",
		Register: registerResourceServers,
		Collections: []Collection{{Name: "resource-servers", Create: createResourceServer,
			OnDelete: cascadeResourceServerDelete}},
	})
}

func registerResourceServers(s *Server) {
	s.Handle(Route{Pattern: "GET /api/v2/resource-servers", Scopes: []string{"read:resource_servers"}, Handler: s.listResourceServers})
	s.Handle(Route{Pattern: "GET /api/v2/resource-servers/{id}", Scopes: []string{"read:resource_servers"}, Handler: s.getResourceServer})
	s.Handle(Route{Pattern: "POST /api/v2/resource-servers", Scopes: []string{"create:resource_servers"}, Handler: s.postResourceServer})
	s.Handle(Route{Pattern: "PATCH /api/v2/resource-servers/{id}", Scopes: []string{"update:resource_servers"}, Handler: s.patchResourceServer})
	s.Handle(Route{Pattern: "DELETE /api/v2/resource-servers/{id}", Scopes: []string{"delete:resource_servers"}, Handler: s.deleteResourceServer})
}

func errNoResourceServer() *APIError {
	return errNotFound("The resource server does not exist", "inexistent_resource_server")
}

func createResourceServer(s *Server, tx *Tx, body Object) (Object, *APIError) {
	identifier := str(body, "identifier")
	if identifier == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: identifier'.")
	}
	if _, dup := tx.Find("resource-servers", func(o Object) bool { return str(o, "identifier") == identifier }); dup {
		return nil, errConflict("A resource server with the same identifier already exists", "resource_server_conflict")
	}
	rs := deepCopy(body)
	rs["id"] = newObjectID()
	applyDefaults(rs, Object{
		"allow_offline_access":                            false,
		"skip_consent_for_verifiable_first_party_clients": false,
		"subject_type_authorization": Object{
			"user":   Object{"policy": "allow_all"},
			"client": Object{"policy": "require_client_grant"},
		},
		"token_lifetime":         float64(86400),
		"token_lifetime_for_web": float64(7200),
		"signing_alg":            "RS256",
	})
	tx.Put("resource-servers", str(rs, "id"), rs)
	return rs, nil
}

func cascadeResourceServerDelete(s *Server, tx *Tx, rs Object) {
	for _, g := range tx.List("client-grants") {
		if str(g, "audience") == str(rs, "identifier") {
			tx.Delete("client-grants", str(g, "id"))
		}
	}
}

// findResourceServer looks a resource server up by id, then by identifier.
func findResourceServer(tx *Tx, idOrIdentifier string) (Object, bool) {
	if rs, ok := tx.Get("resource-servers", idOrIdentifier); ok {
		return rs, true
	}
	return tx.Find("resource-servers", func(o Object) bool { return str(o, "identifier") == idOrIdentifier })
}

// resourceServerView hides the write-only token-encryption key: Auth0
// answers with its SHA-256 thumbprint instead of the PEM.
func resourceServerView(rs Object) Object {
	te, ok := rs["token_encryption"].(map[string]any)
	if !ok {
		return rs
	}
	key, ok := te["encryption_key"].(map[string]any)
	if !ok {
		return rs
	}
	out := deepCopy(rs)
	k := out["token_encryption"].(map[string]any)["encryption_key"].(map[string]any)
	if p, ok := key["pem"].(string); ok {
		delete(k, "pem")
		data := []byte(p)
		if block, _ := pem.Decode(data); block != nil {
			data = block.Bytes
		}
		sum := sha256.Sum256(data)
		k["thumbprint_sha256"] = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return out
}

func (s *Server) listResourceServers(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseListQuery(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	ids := r.URL.Query()["identifiers"]
	var items []Object
	_ = s.store.View(func(tx *Tx) error {
		for _, rs := range tx.List("resource-servers") {
			if len(ids) > 0 && !contains(ids, str(rs, "identifier")) {
				continue
			}
			items = append(items, resourceServerView(rs))
		}
		return nil
	})
	writeList(w, lq, ListPage{Key: "resource_servers", Items: items})
}

func (s *Server) getResourceServer(w http.ResponseWriter, r *http.Request) {
	var rs Object
	var ok bool
	_ = s.store.View(func(tx *Tx) error { rs, ok = findResourceServer(tx, r.PathValue("id")); return nil })
	if !ok {
		writeError(w, errNoResourceServer())
		return
	}
	writeJSON(w, http.StatusOK, resourceServerView(rs))
}

func (s *Server) postResourceServer(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var rs Object
	_ = s.store.Update(func(tx *Tx) error { rs, aerr = createResourceServer(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, resourceServerView(rs))
}

func (s *Server) patchResourceServer(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var rs Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if rs, ok = findResourceServer(tx, r.PathValue("id")); ok {
			mergePatch(rs, patch)
			tx.Put("resource-servers", str(rs, "id"), rs)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoResourceServer())
		return
	}
	writeJSON(w, http.StatusOK, resourceServerView(rs))
}

func (s *Server) deleteResourceServer(w http.ResponseWriter, r *http.Request) {
	var found, system bool
	_ = s.store.Update(func(tx *Tx) error {
		rs, ok := findResourceServer(tx, r.PathValue("id"))
		if !ok {
			return nil
		}
		found, system = true, boolean(rs, "is_system")
		if !system {
			s.deleteObject(tx, "resource-servers", str(rs, "id"))
		}
		return nil
	})
	switch {
	case !found:
		writeError(w, errNoResourceServer())
	case system:
		writeError(w, NewAPIError(http.StatusForbidden, "You cannot delete a system resource server", "operation_not_supported"))
	default:
		writeNoContent(w)
	}
}
