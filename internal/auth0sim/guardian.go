package auth0sim

import "net/http"

// Guardian (MFA): /api/v2/guardian/factors and /api/v2/guardian/policies,
// stored as singletons in "guardian": "factor/<name>" {enabled},
// "policies" {"policies":[...]}, and one object per setting below. Shapes
// follow TestAccGuardian*:
//
//   - GET /guardian/factors lists every factor, in Auth0's order, as
//     {name, enabled, trial_expired:false}; a new tenant has none enabled.
//   - PUT /guardian/factors/{name} {"enabled":bool} answers {"enabled"}.
//   - GET/PUT /guardian/policies: a bare JSON array (["all-applications"]
//     or []).
//   - phone message types: GET/PUT {"message_types":[...]} (default ["sms"]).
//   - push notification: the selected provider (GET/PUT {"provider"},
//     default "guardian"); APNs settings answer {bundle_id, sandbox} (the
//     p12 never; GET adds "enabled": true once set); FCM answers {} (the
//     server key never); SNS's PUT answers what it was given, its GET
//     leaves out aws_secret_access_key.
//   - GET /guardian/factors/webauthn-roaming/settings answers
//     {"userVerification":"required","overrideRelyingParty":false}.
//
// Not modelled: SMS/phone providers (Twilio) and templates, Duo settings,
// enrollments and tickets.

const guardianColl = "guardian"

// guardianFactors are the factors in the order Auth0 lists them.
var guardianFactors = []string{"sms", "push-notification", "otp", "email", "duo", "webauthn-roaming", "webauthn-platform", "recovery-code"}

func init() {
	registerFamily(Family{Name: "guardian", Register: registerGuardian, Collections: []Collection{{Name: guardianColl}}})
}

func registerGuardian(s *Server) {
	read, update := []string{"read:guardian_factors"}, []string{"update:guardian_factors"}
	p := "/api/v2/guardian/factors"
	s.Handle(Route{Pattern: "GET " + p, Scopes: read, Handler: s.listGuardianFactors})
	s.Handle(Route{Pattern: "PUT " + p + "/{name}", Scopes: update, Handler: s.putGuardianFactor})
	setting := func(path, id string, def Object, hide ...string) {
		s.Handle(Route{Pattern: "GET " + p + path, Scopes: read, Handler: s.getGuardianSetting(id, def, hide)})
		s.Handle(Route{Pattern: "PUT " + p + path, Scopes: update, Handler: s.putGuardianSetting(id, hide)})
	}
	setting("/phone/message-types", "message-types", Object{"message_types": anyList("sms")})
	setting("/push-notification/selected-provider", "push-selected-provider", Object{"provider": "guardian"})
	setting("/push-notification/providers/apns", "push-apns", Object{}, "p12")
	setting("/push-notification/providers/fcm", "push-fcm", Object{}, "server_key")
	setting("/push-notification/providers/sns", "push-sns", Object{}, "aws_secret_access_key")
	s.Handle(Route{Pattern: "GET " + p + "/webauthn-roaming/settings", Scopes: read,
		Handler: s.getGuardianSetting("webauthn-roaming-settings", Object{"userVerification": "required", "overrideRelyingParty": false}, nil)})
	s.Handle(Route{Pattern: "GET /api/v2/guardian/policies", Scopes: []string{"read:mfa_policies"}, Handler: s.getGuardianPolicies})
	s.Handle(Route{Pattern: "PUT /api/v2/guardian/policies", Scopes: []string{"update:mfa_policies"}, Handler: s.putGuardianPolicies})
}

func (s *Server) listGuardianFactors(w http.ResponseWriter, r *http.Request) {
	out := make([]Object, 0, len(guardianFactors))
	_ = s.store.View(func(tx *Tx) error {
		for _, name := range guardianFactors {
			f, _ := tx.Get(guardianColl, "factor/"+name)
			out = append(out, Object{"name": name, "enabled": boolean(f, "enabled"), "trial_expired": false})
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) putGuardianFactor(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	body, aerr := readObject(r)
	if aerr == nil && !contains(guardianFactors, name) {
		aerr = errNotFound("Factor not found", "inexistent_factor")
	}
	if aerr == nil && body["enabled"] == nil {
		aerr = errInvalidBody("Payload validation error: 'Missing required property: enabled'.")
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	f := Object{"id": "factor/" + name, "enabled": boolean(body, "enabled")}
	_ = s.store.Update(func(tx *Tx) error { tx.Put(guardianColl, "factor/"+name, f); return nil })
	writeJSON(w, http.StatusOK, Object{"enabled": f["enabled"]})
}

// guardianView is a stored setting without the write-only keys.
func guardianView(v Object, hide []string) Object {
	return withoutKeys(publicView(v), append(hide, "id")...)
}

func (s *Server) getGuardianSetting(id string, def Object, hide []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok := s.Object(guardianColl, id)
		if !ok {
			v = deepCopy(def)
		}
		out := guardianView(v, hide)
		if ok && id == "push-apns" {
			out["enabled"] = true
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) putGuardianSetting(id string, hide []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		v := deepCopy(body)
		v["id"] = id
		_ = s.store.Update(func(tx *Tx) error { tx.Put(guardianColl, id, v); return nil })
		if id == "push-sns" {
			hide = nil // the PUT answer echoes the SNS secret (TestAccGuardianPush*)
		}
		writeJSON(w, http.StatusOK, guardianView(v, hide))
	}
}

func (s *Server) getGuardianPolicies(w http.ResponseWriter, r *http.Request) {
	p, ok := s.Object(guardianColl, "policies")
	if !ok {
		writeJSON(w, http.StatusOK, []any{})
		return
	}
	writeJSON(w, http.StatusOK, p["policies"])
}

func (s *Server) putGuardianPolicies(w http.ResponseWriter, r *http.Request) {
	v, aerr := readJSON(r)
	list, ok := v.([]any)
	if aerr == nil && !ok {
		aerr = errInvalidBody("Payload validation error: 'Expected type array but found type " + jsonType(v) + "'.")
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	_ = s.store.Update(func(tx *Tx) error {
		tx.Put(guardianColl, "policies", Object{"id": "policies", "policies": list})
		return nil
	})
	writeJSON(w, http.StatusOK, list)
}
