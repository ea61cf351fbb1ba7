package auth0sim

import "net/http"

// Prompts: the prompt settings singleton (GET/PATCH /api/v2/prompts, stored
// as "prompts"/"settings") and custom text per prompt and language
// (GET/PUT /api/v2/prompts/{prompt}/custom-text/{language}, stored as
// "prompts-custom-text"/"{prompt}/{language}"). PUT replaces the whole
// document and answers it; GET of a document never set answers {}. Text
// is kept as given (non-ASCII included). Shapes follow TestAccPromptCustomText.

const (
	promptsColl    = "prompts"
	customTextColl = "prompts-custom-text"
)

var promptNames = []string{
	"login", "login-id", "login-password", "login-passwordless", "login-email-verification", "signup",
	"signup-id", "signup-password", "phone-identifier-enrollment", "phone-identifier-challenge",
	"email-identifier-challenge", "reset-password", "custom-form", "consent", "customized-consent", "logout",
	"mfa-push", "mfa-otp", "mfa-voice", "mfa-phone", "mfa-webauthn", "mfa-sms", "mfa-email", "mfa-recovery-code",
	"mfa", "status", "device-flow", "email-verification", "email-otp-challenge", "organizations", "invitation",
	"common", "passkeys", "captcha", "brute-force-protection", "async-approval-flow", "confirmation",
}

var promptLanguages = []string{
	"am", "ar", "ar-EG", "ar-SA", "az", "bg", "bn", "bs", "ca-ES", "cnr", "cs", "cy", "da", "de", "el", "en",
	"en-CA", "es", "es-419", "es-AR", "es-MX", "et", "eu-ES", "fa", "fi", "fr", "fr-CA", "fr-FR", "gl-ES", "gu",
	"he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk", "kn", "ko", "lt", "lv", "mk", "ml", "mn",
	"mr", "ms", "my", "nb", "nl", "nn", "no", "pa", "pl", "pt", "pt-BR", "pt-PT", "ro", "ru", "sk", "sl", "so",
	"sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zgh", "zh-CN", "zh-HK", "zh-MO", "zh-TW",
}

func init() {
	registerFamily(Family{
		Name:        "prompts",
		Register:    registerPrompts,
		Collections: []Collection{{Name: promptsColl}, {Name: customTextColl}},
	})
}

func registerPrompts(s *Server) {
	s.Handle(Route{Pattern: "GET /api/v2/prompts", Scopes: []string{"read:prompts"}, Handler: s.getPromptSettings})
	s.Handle(Route{Pattern: "PATCH /api/v2/prompts", Scopes: []string{"update:prompts"}, Handler: s.patchPromptSettings})
	s.Handle(Route{Pattern: "GET /api/v2/prompts/{prompt}/custom-text/{language}", Scopes: []string{"read:prompts"}, Handler: s.getCustomText})
	s.Handle(Route{Pattern: "PUT /api/v2/prompts/{prompt}/custom-text/{language}", Scopes: []string{"update:prompts"}, Handler: s.putCustomText})
}

// defaultPromptSettings is GET /prompts on a new tenant.
func defaultPromptSettings() Object {
	return Object{"universal_login_experience": "new", "identifier_first": false, "webauthn_platform_first_factor": false}
}

func (s *Server) getPromptSettings(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Object(promptsColl, SingletonID)
	if !ok {
		p = defaultPromptSettings()
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) patchPromptSettings(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr == nil {
		if v, ok := patch["universal_login_experience"]; ok && v != "new" && v != "classic" {
			aerr = errInvalidBody("Payload validation error: 'No enum match for: \"" + str(patch, "universal_login_experience") + "\"' on property universal_login_experience.")
		}
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var p Object
	_ = s.store.Update(func(tx *Tx) error {
		var ok bool
		if p, ok = tx.Get(promptsColl, SingletonID); !ok {
			p = defaultPromptSettings()
		}
		mergePatch(p, patch)
		tx.Put(promptsColl, SingletonID, p)
		return nil
	})
	writeJSON(w, http.StatusOK, p)
}

// promptPath checks the path's prompt and language.
func promptPath(w http.ResponseWriter, r *http.Request) (string, bool) {
	prompt, lang := r.PathValue("prompt"), r.PathValue("language")
	if !contains(promptNames, prompt) {
		writeError(w, errInvalidQuery("Path validation error: 'No enum match for: \""+prompt+"\"' on property prompt (Name of the prompt.)."))
		return "", false
	}
	if !contains(promptLanguages, lang) {
		writeError(w, errInvalidQuery("Path validation error: 'No enum match for: \""+lang+"\"' on property language (Language to update.)."))
		return "", false
	}
	return prompt + "/" + lang, true
}

func (s *Server) getCustomText(w http.ResponseWriter, r *http.Request) {
	id, ok := promptPath(w, r)
	if !ok {
		return
	}
	doc, ok := s.Object(customTextColl, id)
	if !ok {
		doc = Object{}
	}
	writeJSON(w, http.StatusOK, doc)
}

func (s *Server) putCustomText(w http.ResponseWriter, r *http.Request) {
	id, ok := promptPath(w, r)
	if !ok {
		return
	}
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	_ = s.store.Update(func(tx *Tx) error {
		if len(body) == 0 {
			tx.Delete(customTextColl, id)
		} else {
			tx.Put(customTextColl, id, body)
		}
		return nil
	})
	writeJSON(w, http.StatusOK, body)
}
