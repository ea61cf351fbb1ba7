package auth0sim

import "net/http"

// A prompt screen's rendering settings
// (/api/v2/prompts/{prompt}/screen/{screen}/rendering) and the MFA push
// prompt's custom app (/api/v2/prompts/mfa-push). Shapes follow
// TestAccDataPromptScreenRender and TestAccGuardianPush:
//
//   - PATCH of a screen's rendering merges the properties it carries and
//     answers them as given; GET answers the screen's settings with tenant,
//     prompt, screen and default_head_tags_disabled (false unless set).
//   - GET /prompts/mfa-push answers the push prompt's custom app
//     (app_name, apple_app_link, google_app_link). No recording writes it,
//     so the simulator serves the read only; a new tenant has none ({}).
//
// Not taken from a recording: the rendering of a screen never set
// (rendering_mode "standard").

const promptRenderingColl = "prompt-rendering"

func init() {
	registerFamily(Family{
		Name:        "prompt-rendering",
		Register:    registerPromptRendering,
		Collections: []Collection{{Name: promptRenderingColl}},
	})
}

func registerPromptRendering(s *Server) {
	const p = "/api/v2/prompts/{prompt}/screen/{screen}/rendering"
	s.Handle(Route{Pattern: "GET " + p, Scopes: []string{"read:prompts"}, Handler: s.getScreenRendering})
	s.Handle(Route{Pattern: "PATCH " + p, Scopes: []string{"update:prompts"}, Handler: s.patchScreenRendering})
	s.Handle(Route{Pattern: "GET /api/v2/prompts/mfa-push", Scopes: []string{"read:prompts"}, Handler: s.getMFAPushPrompt})
}

// mfaPushID is where the MFA push prompt's custom app is stored.
const mfaPushID = "mfa-push"

func (s *Server) getMFAPushPrompt(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Object(promptsColl, mfaPushID)
	if !ok {
		p = Object{}
	}
	writeJSON(w, http.StatusOK, p)
}

// screenPath checks the path's prompt and names the screen's settings.
func screenPath(w http.ResponseWriter, r *http.Request) (string, bool) {
	prompt := r.PathValue("prompt")
	if !contains(promptNames, prompt) {
		writeError(w, errInvalidQuery("Path validation error: 'No enum match for: \""+prompt+"\"' on property prompt (Name of the prompt.)."))
		return "", false
	}
	return prompt + "/" + r.PathValue("screen"), true
}

func (s *Server) getScreenRendering(w http.ResponseWriter, r *http.Request) {
	id, ok := screenPath(w, r)
	if !ok {
		return
	}
	settings, ok := s.Object(promptRenderingColl, id)
	if !ok {
		settings = Object{"rendering_mode": "standard"}
	}
	out := Object{"tenant": s.tenantName(), "prompt": r.PathValue("prompt"), "screen": r.PathValue("screen"),
		"default_head_tags_disabled": false}
	for k, v := range withoutKeys(settings, "id") {
		out[k] = v
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) patchScreenRendering(w http.ResponseWriter, r *http.Request) {
	id, ok := screenPath(w, r)
	if !ok {
		return
	}
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	_ = s.store.Update(func(tx *Tx) error {
		settings, ok := tx.Get(promptRenderingColl, id)
		if !ok {
			settings = Object{"id": id}
		}
		for k, v := range body {
			settings[k] = copyValue(v)
		}
		tx.Put(promptRenderingColl, id, settings)
		return nil
	})
	writeJSON(w, http.StatusOK, body)
}
