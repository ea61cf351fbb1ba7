package auth0sim

import "net/http"

// Prompt partials: /api/v2/prompts/{prompt}/partials, the HTML a Universal
// Login prompt's screens insert at named places. Stored per prompt as
// "prompt-partials"/<prompt>. Shapes follow TestAccPromptPartials,
// TestAccPromptScreenPartial(s):
//
//   - GET answers the prompt's partials, {} when none were set.
//   - PUT replaces the screens it names, each as a whole, keeps the other
//     screens, and answers the whole document; PUT {} clears them.

const promptPartialsColl = "prompt-partials"

func init() {
	registerFamily(Family{
		Name:        "prompt-partials",
		Register:    registerPromptPartials,
		Collections: []Collection{{Name: promptPartialsColl}},
	})
}

func registerPromptPartials(s *Server) {
	s.Handle(Route{Pattern: "GET /api/v2/prompts/{prompt}/partials", Scopes: []string{"read:prompts"}, Handler: s.getPromptPartials})
	s.Handle(Route{Pattern: "PUT /api/v2/prompts/{prompt}/partials", Scopes: []string{"update:prompts"}, Handler: s.putPromptPartials})
}

func (s *Server) getPromptPartials(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Object(promptPartialsColl, r.PathValue("prompt"))
	if !ok {
		p = Object{}
	}
	writeJSON(w, http.StatusOK, withoutKeys(p, "id"))
}

func (s *Server) putPromptPartials(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	prompt := r.PathValue("prompt")
	var p Object
	_ = s.store.Update(func(tx *Tx) error {
		var ok bool
		if p, ok = tx.Get(promptPartialsColl, prompt); !ok || len(body) == 0 {
			p = Object{"id": prompt}
		}
		for screen, v := range body {
			p[screen] = copyValue(v)
		}
		tx.Put(promptPartialsColl, prompt, p)
		return nil
	})
	writeJSON(w, http.StatusOK, withoutKeys(p, "id"))
}
