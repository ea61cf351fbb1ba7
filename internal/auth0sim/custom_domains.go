package auth0sim

import (
	"net/http"
	"strings"
)

// Custom domains: /api/v2/custom-domains. Shapes follow TestAccCustomDomain
// (the newest recording), TestAccBranding and
// TestAccCustomDomainVerificationWithAuth0ManagedCerts:
//
//   - POST answers 201 with status "pending_verification", primary and
//     is_default false, created_at, and verification.methods filled by the
//     server: a CNAME to the tenant's edge host for auth0_managed_certs
//     (with tls_policy "recommended"), a TXT record on
//     _cf-custom-hostname.<domain> for self_managed_certs (with
//     custom_client_ip_header null).
//   - domain and type are create-only: a PATCH carrying them answers
//     Auth0's 400 "Additional properties not allowed".
//   - POST /custom-domains/{id}/verify (own tight bucket,
//     BucketCustomDomainVerify) answers 201; the domain becomes "ready"
//     (with origin_domain_name) only once its DNS record is published,
//     which a test says with SetCustomDomainDNS or
//     POST /_sim/custom-domains/{id-or-domain}/dns {"ok":true}.
//   - the list is a bare array.
//   - GET/PATCH /custom-domains/default read and set the tenant's default
//     domain: PATCH {"domain": ...} takes a ready custom domain (else
//     Auth0's 400 "The domain must be verified before it can be set as
//     default.") or the canonical domain, and answers the domain object
//     (custom) or {"domain": ...} (canonical); is_default follows. Not
//     taken from a recording (there is none): from the SDK's types and
//     Auth0's documented error.
//
// Older recordings (TestAccBranding) show "primary": true and no
// is_default or created_at: an earlier generation of the API; the
// simulator follows the newest (TestAccCustomDomain).
//
// Not taken from a recording: the 409 for a domain that already exists.

const (
	customDomainsColl = "custom-domains"
	// customDomainDNSColl remembers, by domain name, whose DNS record is
	// published; it may be set before the domain is created.
	customDomainDNSColl = "custom-domain-dns"
)

func init() {
	registerFamily(Family{
		Name:     "custom-domains",
		Register: registerCustomDomains,
		Collections: []Collection{
			{Name: customDomainsColl, IDKey: "custom_domain_id", Create: createCustomDomain},
			{Name: customDomainDNSColl, IDKey: "domain"},
		},
	})
}

func registerCustomDomains(s *Server) {
	read := []string{"read:custom_domains"}
	s.Handle(Route{Pattern: "GET /api/v2/custom-domains", Scopes: read, Handler: s.listCustomDomains})
	s.Handle(Route{Pattern: "POST /api/v2/custom-domains", Scopes: []string{"create:custom_domains"}, Handler: s.postCustomDomain})
	s.Handle(Route{Pattern: "GET /api/v2/custom-domains/{id}", Scopes: read, Handler: s.getCustomDomain})
	s.Handle(Route{Pattern: "PATCH /api/v2/custom-domains/{id}", Scopes: []string{"update:custom_domains"}, Handler: s.patchCustomDomain})
	s.Handle(Route{Pattern: "DELETE /api/v2/custom-domains/{id}", Scopes: []string{"delete:custom_domains"}, Handler: s.deleteCustomDomain})
	s.Handle(Route{Pattern: "GET /api/v2/custom-domains/default", Scopes: read, Handler: s.getDefaultCustomDomain})
	s.Handle(Route{Pattern: "PATCH /api/v2/custom-domains/default", Scopes: []string{"update:custom_domains"}, Handler: s.setDefaultCustomDomain})
	s.Handle(Route{Pattern: "POST /api/v2/custom-domains/{id}/verify", Scopes: []string{"create:custom_domains"},
		Bucket: BucketCustomDomainVerify, Handler: s.verifyCustomDomain})
	s.HandleAdmin("POST /_sim/custom-domains/{id}/dns", s.adminCustomDomainDNS)
}

func errNoCustomDomain() *APIError {
	return errNotFound("The custom domain does not exist", "inexistent_custom_domain")
}

// edgeHost is the CNAME target of an Auth0-managed domain:
// <tenant>-cd-<id in lower case>.edge.tenants.<the tenant domain's region part>.
func (s *Server) edgeHost(id string) string {
	_, rest, _ := strings.Cut(s.domain, ".")
	return s.tenantName() + "-cd-" + strings.ToLower(strings.TrimPrefix(id, "cd_")) + ".edge.tenants." + rest
}

func createCustomDomain(s *Server, tx *Tx, body Object) (Object, *APIError) {
	domain := strings.ToLower(str(body, "domain"))
	if domain == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: domain'.")
	}
	typ := str(body, "type")
	if typ == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: type'.")
	}
	if typ != "auth0_managed_certs" && typ != "self_managed_certs" {
		return nil, errInvalidBody("Payload validation error: 'No enum match for: \"" + typ + "\"' on property type (Custom domain provisioning type. Must be `auth0_managed_certs` or `self_managed_certs`.).")
	}
	if _, dup := tx.Find(customDomainsColl, func(o Object) bool { return str(o, "domain") == domain }); dup {
		return nil, errConflict("The specified custom domain already exists", "duplicated_custom_domain")
	}
	cd := deepCopy(body)
	id := newID("cd_", 16)
	cd["custom_domain_id"] = id
	cd["domain"] = domain
	cd["status"] = "pending_verification"
	cd["created_at"] = isoMillis(s.clock.Now())
	cd["primary"], cd["is_default"] = false, false
	if typ == "auth0_managed_certs" {
		cd["verification"] = Object{"methods": []any{Object{"name": "CNAME", "record": s.edgeHost(id), "domain": domain}}}
		applyDefaults(cd, Object{"tls_policy": "recommended"})
	} else {
		cd["verification"] = Object{"methods": []any{Object{"name": "TXT", "record": newUUID(), "domain": "_cf-custom-hostname." + domain}}}
		applyDefaults(cd, Object{"custom_client_ip_header": nil})
	}
	tx.Put(customDomainsColl, id, cd)
	return cd, nil
}

func (s *Server) listCustomDomains(w http.ResponseWriter, r *http.Request) {
	fields, include := parseFields(r)
	items := []Object{}
	for _, cd := range s.Objects(customDomainsColl) {
		items = append(items, selectFields(cd, fields, include, "custom_domain_id"))
	}
	writeJSON(w, http.StatusOK, items)
}

func (s *Server) getCustomDomain(w http.ResponseWriter, r *http.Request) {
	cd, ok := s.Object(customDomainsColl, r.PathValue("id"))
	if !ok {
		writeError(w, errNoCustomDomain())
		return
	}
	fields, include := parseFields(r)
	writeJSON(w, http.StatusOK, selectFields(cd, fields, include, "custom_domain_id"))
}

func (s *Server) postCustomDomain(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var cd Object
	_ = s.store.Update(func(tx *Tx) error {
		cd, aerr = createCustomDomain(s, tx, withoutKeys(body, "verification_method"))
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, cd)
}

func (s *Server) patchCustomDomain(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var cd Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if cd, ok = tx.Get(customDomainsColl, id); ok {
			for k, v := range patch {
				switch {
				case k == "custom_client_ip_header":
					cd[k] = v // null clears the header but the key stays
				case v == nil:
					delete(cd, k)
				case k == "domain_metadata":
					md, _ := cd[k].(map[string]any)
					if md == nil {
						md = Object{}
					}
					if pm, isMap := v.(map[string]any); isMap {
						mergePatch(md, pm)
					}
					cd[k] = md
				default:
					cd[k] = copyValue(v)
				}
			}
			tx.Put(customDomainsColl, id, cd)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoCustomDomain())
		return
	}
	writeJSON(w, http.StatusOK, cd)
}

func (s *Server) deleteCustomDomain(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject(customDomainsColl, r.PathValue("id")) {
		writeError(w, errNoCustomDomain())
		return
	}
	writeNoContent(w)
}

// verifyCustomDomain checks the domain's DNS record: published, the domain
// is ready; not yet, it stays pending_verification.
func (s *Server) verifyCustomDomain(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var cd Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if cd, ok = tx.Get(customDomainsColl, id); !ok {
			return nil
		}
		if dns, published := tx.Get(customDomainDNSColl, str(cd, "domain")); published && boolean(dns, "ok") {
			cd = s.verified(tx, cd)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoCustomDomain())
		return
	}
	writeJSON(w, http.StatusCreated, cd)
}

// verified stores the custom domain cd as Auth0 does once it found its DNS record.
func (s *Server) verified(tx *Tx, cd Object) Object {
	id := str(cd, "custom_domain_id")
	cd["status"] = "ready"
	cd["origin_domain_name"] = s.edgeHost(id)
	tx.Put(customDomainsColl, id, cd)
	return cd
}

// SetCustomDomainDNS says whether the DNS record of a custom domain (by
// custom_domain_id or by domain name, even before it is created) is
// published. A ready domain whose record disappears is not demoted.
func (s *Server) SetCustomDomainDNS(idOrDomain string, ok bool) {
	_ = s.store.Update(func(tx *Tx) error {
		domain := strings.ToLower(idOrDomain)
		if cd, found := tx.Get(customDomainsColl, idOrDomain); found {
			domain = str(cd, "domain")
		}
		tx.Put(customDomainDNSColl, domain, Object{"domain": domain, "ok": ok})
		return nil
	})
}

func (s *Server) adminCustomDomainDNS(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	ok := true
	if v, has := body["ok"].(bool); has {
		ok = v
	}
	s.SetCustomDomainDNS(r.PathValue("id"), ok)
	writeJSON(w, http.StatusOK, Object{"id": r.PathValue("id"), "ok": ok})
}

// getDefaultCustomDomain answers the default custom domain, or the
// canonical domain when none is.
func (s *Server) getDefaultCustomDomain(w http.ResponseWriter, r *http.Request) {
	for _, cd := range s.Objects(customDomainsColl) {
		if boolean(cd, "is_default") {
			writeJSON(w, http.StatusOK, cd)
			return
		}
	}
	writeJSON(w, http.StatusOK, Object{"domain": s.domain})
}

// setDefaultCustomDomain makes a ready custom domain, or the canonical
// domain, the tenant's default.
func (s *Server) setDefaultCustomDomain(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	domain := strings.ToLower(str(body, "domain"))
	if aerr == nil && domain == "" {
		aerr = errInvalidBody("Payload validation error: 'Missing required property: domain'.")
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var answer Object
	_ = s.store.Update(func(tx *Tx) error {
		target, found := tx.Find(customDomainsColl, func(o Object) bool { return str(o, "domain") == domain })
		switch {
		case !found && domain != s.domain:
			aerr = errNoCustomDomain()
			return nil
		case found && str(target, "status") != "ready":
			aerr = errInvalidBody("The domain must be verified before it can be set as default.")
			return nil
		}
		for _, cd := range tx.List(customDomainsColl) {
			isDefault := found && str(cd, "custom_domain_id") == str(target, "custom_domain_id")
			if boolean(cd, "is_default") != isDefault {
				cd["is_default"] = isDefault
				tx.Put(customDomainsColl, str(cd, "custom_domain_id"), cd)
			}
			if isDefault {
				answer = cd
			}
		}
		if !found {
			answer = Object{"domain": s.domain}
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}
