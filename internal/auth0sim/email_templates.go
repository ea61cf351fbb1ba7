package auth0sim

import "net/http"

// Email templates: /api/v2/email-templates/{templateName}, stored by name.
// A template exists only once created (POST, or PUT which creates or
// replaces); GET and PATCH of one never created answer 404. The name must
// be one of Auth0's template names (400 otherwise). Writes draw from the
// email-templates write bucket. Shapes follow TestAccEmailTemplate.
//
// Not taken from a recording: the 404 and 409 messages and errorCodes.

const emailTemplatesColl = "email-templates"

var emailTemplateNames = []string{
	"verify_email", "verify_email_by_code", "auth_email_by_code", "reset_email", "reset_email_by_code",
	"welcome_email", "blocked_account", "stolen_credentials", "enrollment_email", "mfa_oob_code",
	"user_invitation", "change_password", "password_reset", "async_approval",
}

func init() {
	registerFamily(Family{
		Name:        "email-templates",
		Register:    registerEmailTemplates,
		Collections: []Collection{{Name: emailTemplatesColl, IDKey: "template", Create: createEmailTemplate}},
	})
}

func registerEmailTemplates(s *Server) {
	read, update := []string{"read:email_templates"}, []string{"update:email_templates"}
	s.Handle(Route{Pattern: "POST /api/v2/email-templates", Scopes: []string{"create:email_templates"}, Bucket: BucketEmailTemplatesWrite, Handler: s.postEmailTemplate})
	s.Handle(Route{Pattern: "GET /api/v2/email-templates/{name}", Scopes: read, Handler: s.getEmailTemplate})
	s.Handle(Route{Pattern: "PATCH /api/v2/email-templates/{name}", Scopes: update, Bucket: BucketEmailTemplatesWrite, Handler: s.patchEmailTemplate})
	s.Handle(Route{Pattern: "PUT /api/v2/email-templates/{name}", Scopes: update, Bucket: BucketEmailTemplatesWrite, Handler: s.putEmailTemplate})
}

func errNoEmailTemplate() *APIError {
	return errNotFound("The template does not exist.", "inexistent_email_template")
}

func errTemplateName(name string) *APIError {
	return errInvalidQuery("Path validation error: 'No enum match for: \"" + name + "\"' on property templateName (Template name. Can be `verify_email`, `verify_email_by_code`, `reset_email`, `reset_email_by_code`, `welcome_email`, `blocked_account`, `stolen_credentials`, `enrollment_email`, `mfa_oob_code`, `user_invitation`, `async_approval`, `change_password` (legacy), or `password_reset` (legacy).).")
}

// emailTemplateDefaults are what Auth0 fills in a template created with
// only some fields (includeEmailInRedirect "defaults to true", as the
// Management API documents).
func emailTemplateDefaults() Object {
	return Object{"syntax": "liquid", "includeEmailInRedirect": true}
}

func createEmailTemplate(s *Server, tx *Tx, body Object) (Object, *APIError) {
	name := str(body, "template")
	if name == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: template'.")
	}
	if !contains(emailTemplateNames, name) {
		return nil, errInvalidBody("Payload validation error: 'No enum match for: \"" + name + "\"' on property template.")
	}
	if _, dup := tx.Get(emailTemplatesColl, name); dup {
		return nil, errConflict("Template "+name+" already exists.", "template_conflict")
	}
	t := deepCopy(body)
	applyDefaults(t, emailTemplateDefaults())
	tx.Put(emailTemplatesColl, name, t)
	return t, nil
}

func (s *Server) postEmailTemplate(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var t Object
	_ = s.store.Update(func(tx *Tx) error { t, aerr = createEmailTemplate(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// templateName reads and checks the path's template name.
func templateName(w http.ResponseWriter, r *http.Request) (string, bool) {
	name := r.PathValue("name")
	if !contains(emailTemplateNames, name) {
		writeError(w, errTemplateName(name))
		return "", false
	}
	return name, true
}

func (s *Server) getEmailTemplate(w http.ResponseWriter, r *http.Request) {
	name, ok := templateName(w, r)
	if !ok {
		return
	}
	t, ok := s.Object(emailTemplatesColl, name)
	if !ok {
		writeError(w, errNoEmailTemplate())
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// checkTemplateBody refuses unknown fields and a template field naming
// another template.
func checkTemplateBody(body Object, name string) *APIError {
	if v, ok := body["template"]; ok && v != name {
		return errInvalidBody("Payload validation error: the template property does not match the template name in the path.")
	}
	return nil
}

func (s *Server) patchEmailTemplate(w http.ResponseWriter, r *http.Request) {
	name, ok := templateName(w, r)
	if !ok {
		return
	}
	patch, aerr := readObject(r)
	if aerr == nil {
		aerr = checkTemplateBody(patch, name)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var t Object
	_ = s.store.Update(func(tx *Tx) error {
		if t, ok = tx.Get(emailTemplatesColl, name); ok {
			mergePatch(t, patch)
			tx.Put(emailTemplatesColl, name, t)
		}
		return nil
	})
	if !ok {
		writeError(w, errNoEmailTemplate())
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// putEmailTemplate creates or replaces the whole template.
func (s *Server) putEmailTemplate(w http.ResponseWriter, r *http.Request) {
	name, ok := templateName(w, r)
	if !ok {
		return
	}
	body, aerr := readObject(r)
	if aerr == nil {
		aerr = checkTemplateBody(body, name)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	t := deepCopy(body)
	t["template"] = name
	applyDefaults(t, emailTemplateDefaults())
	_ = s.store.Update(func(tx *Tx) error { tx.Put(emailTemplatesColl, name, t); return nil })
	writeJSON(w, http.StatusOK, t)
}
