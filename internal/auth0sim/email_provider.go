package auth0sim

import "net/http"

// Email provider: the singleton /api/v2/emails/provider, stored as
// "emails"/"provider". GET answers 404 inexistent_email_provider until one
// is created (POST, 201). Credentials are write-only: answers keep only the
// parts Auth0 shows (region, domain, smtp_host, smtp_port, smtp_user), as
// TestAccEmail shows for ses, mandrill, smtp, mailgun, azure_cs and ms365.
// A PATCH replaces credentials and settings when it carries them; one that
// switches to another provider drops the old provider's settings.
//
// Not taken from a recording: the 409 for a second POST.

const (
	emailsColl      = "emails"
	emailProviderID = "provider"
)

var emailProviderNames = []string{"mailgun", "mandrill", "sendgrid", "ses", "sparkpost", "smtp", "azure_cs", "ms365", "custom"}

// visibleCredentials are the credential keys Auth0 returns; every other
// credential is a secret.
var visibleCredentials = []string{"region", "domain", "smtp_host", "smtp_port", "smtp_user"}

func init() {
	registerFamily(Family{
		Name:        "emails",
		Register:    registerEmailProvider,
		Collections: []Collection{{Name: emailsColl}},
	})
}

func registerEmailProvider(s *Server) {
	s.Handle(Route{Pattern: "GET /api/v2/emails/provider", Scopes: []string{"read:email_provider"}, Handler: s.getEmailProvider})
	s.Handle(Route{Pattern: "POST /api/v2/emails/provider", Scopes: []string{"create:email_provider"}, Handler: s.postEmailProvider})
	s.Handle(Route{Pattern: "PATCH /api/v2/emails/provider", Scopes: []string{"update:email_provider"}, Handler: s.patchEmailProvider})
	s.Handle(Route{Pattern: "DELETE /api/v2/emails/provider", Scopes: []string{"delete:email_provider"}, Handler: s.deleteEmailProvider})
}

func errNoEmailProvider() *APIError {
	return errNotFound("There is not a configured email provider", "inexistent_email_provider")
}

// emailProviderView hides the secret credentials.
func emailProviderView(p Object) Object {
	out := deepCopy(p)
	creds := Object{}
	if c, ok := p["credentials"].(map[string]any); ok {
		for _, k := range visibleCredentials {
			if v, ok := c[k]; ok {
				creds[k] = v
			}
		}
	}
	out["credentials"] = creds
	return out
}

func checkEmailProvider(body Object, create bool) *APIError {
	name, has := body["name"]
	if create && !has {
		return errInvalidBody("Payload validation error: 'Missing required property: name'.")
	}
	if has {
		if n, _ := name.(string); !contains(emailProviderNames, n) {
			return errInvalidBody("Payload validation error: 'No enum match for: \"" + str(body, "name") + "\"' on property name (Name of the email provider. Can be `mailgun`, `mandrill`, `sendgrid`, `ses`, `sparkpost`, `smtp`, `azure_cs`, `ms365`, or `custom`.).")
		}
	}
	if create && str(body, "name") != "custom" {
		if _, ok := body["credentials"].(map[string]any); !ok {
			return errInvalidBody("Payload validation error: 'Missing required property: credentials'.")
		}
	}
	return nil
}

func (s *Server) getEmailProvider(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Object(emailsColl, emailProviderID)
	if !ok {
		writeError(w, errNoEmailProvider())
		return
	}
	fields, include := parseFields(r)
	writeJSON(w, http.StatusOK, selectFields(emailProviderView(p), fields, include))
}

func (s *Server) postEmailProvider(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr == nil {
		aerr = checkEmailProvider(body, true)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	p := deepCopy(body)
	applyDefaults(p, Object{"enabled": true, "credentials": Object{}})
	_ = s.store.Update(func(tx *Tx) error {
		if _, exists := tx.Get(emailsColl, emailProviderID); exists {
			aerr = errConflict("Email provider is already configured.", "")
			return nil
		}
		tx.Put(emailsColl, emailProviderID, p)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, emailProviderView(p))
}

func (s *Server) patchEmailProvider(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr == nil {
		aerr = checkEmailProvider(patch, false)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var p Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if p, ok = tx.Get(emailsColl, emailProviderID); !ok {
			return nil
		}
		if name, has := patch["name"]; has && name != p["name"] {
			if _, hasSettings := patch["settings"]; !hasSettings {
				delete(p, "settings")
			}
		}
		for k, v := range patch {
			if v == nil {
				delete(p, k)
			} else {
				p[k] = copyValue(v)
			}
		}
		tx.Put(emailsColl, emailProviderID, p)
		return nil
	})
	if !ok {
		writeError(w, errNoEmailProvider())
		return
	}
	writeJSON(w, http.StatusOK, emailProviderView(p))
}

// deleteEmailProvider answers 204 whether or not a provider is set, as
// TestAccEmail's second DELETE shows.
func (s *Server) deleteEmailProvider(w http.ResponseWriter, r *http.Request) {
	s.DeleteObject(emailsColl, emailProviderID)
	writeNoContent(w)
}
