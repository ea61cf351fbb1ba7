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
// No recording shows the settings below; their shapes are the go-auth0 v3.0.0
// response types named with each, minus the secrets, which are treated as
// write-only like every other MFA credential the recordings show:
//
//   - the phone factor's selected provider, GET/PUT {"provider"}: auth0,
//     twilio or phone-message-hook (GetGuardianFactorsProviderPhoneResponseContent);
//     "auth0" until one is chosen (Auth0's delivery is the dashboard's default);
//   - its Twilio settings, GET/PUT {from, messaging_service_sid, sid}, never
//     auth_token (GetGuardianFactorsProviderPhoneTwilioResponseContent); {}
//     until set (every property of the type is optional);
//   - its templates, GET/PUT {enrollment_message, verification_message}
//     (GetGuardianFactorPhoneTemplatesResponseContent), by default the texts
//     Auth0's API reference gives as the defaults (guardianPhoneTemplates);
//   - the same three under /guardian/factors/sms/..., the older paths of
//     the same settings (Auth0's reference marks them deprecated for the
//     /phone ones; go-auth0 v3 still has them): one setting, two paths;
//   - PATCH of the APNs, FCM and SNS settings (merged into what is stored;
//     answered like the PUT, except that SNS's PATCH answer leaves out the
//     secret too), PUT/PATCH of FCM v1 ({} like FCM, never
//     server_credentials; go-auth0 has no GET for either FCM);
//   - Duo settings, GET/PUT/PATCH {ikey, host}, never skey
//     (GetGuardianFactorDuoSettingsResponseContent); {} until set.
//
// Not modelled: WebAuthn settings writes and the webauthn-platform settings
// (go-auth0 v3.0.0 has neither endpoint, so no request type to take their
// properties from, and no recording writes them); enrollments and tickets
// (user data); values of a write are not checked (an unknown provider name
// is stored as given).

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
	write := func(method, path, id string, hide ...string) {
		s.Handle(Route{Pattern: method + " " + p + path, Scopes: update, Handler: s.writeGuardianSetting(id, hide)})
	}
	setting := func(path, id string, def Object, hide ...string) {
		s.Handle(Route{Pattern: "GET " + p + path, Scopes: read, Handler: s.getGuardianSetting(id, def, hide)})
		write(http.MethodPut, path, id, hide...)
	}
	setting("/phone/message-types", "message-types", Object{"message_types": anyList("sms")})
	for _, factor := range []string{"/phone", "/sms"} {
		setting(factor+"/selected-provider", "phone-selected-provider", Object{"provider": "auth0"})
		setting(factor+"/providers/twilio", "phone-twilio", Object{}, "auth_token")
		setting(factor+"/templates", "phone-templates", guardianPhoneTemplates)
	}
	setting("/push-notification/selected-provider", "push-selected-provider", Object{"provider": "guardian"})
	setting("/push-notification/providers/apns", "push-apns", Object{}, "p12")
	write(http.MethodPatch, "/push-notification/providers/apns", "push-apns", "p12")
	setting("/push-notification/providers/fcm", "push-fcm", Object{}, "server_key")
	write(http.MethodPatch, "/push-notification/providers/fcm", "push-fcm", "server_key")
	write(http.MethodPut, "/push-notification/providers/fcmv1", "push-fcmv1", "server_credentials")
	write(http.MethodPatch, "/push-notification/providers/fcmv1", "push-fcmv1", "server_credentials")
	setting("/push-notification/providers/sns", "push-sns", Object{}, "aws_secret_access_key")
	write(http.MethodPatch, "/push-notification/providers/sns", "push-sns", "aws_secret_access_key")
	setting("/duo/settings", "duo-settings", Object{}, "skey")
	write(http.MethodPatch, "/duo/settings", "duo-settings", "skey")
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

// guardianPhoneTemplates are the phone factor's message templates before any
// is set: the defaults Auth0's Management API reference gives for
// enrollment_message and verification_message (no recording reads them).
var guardianPhoneTemplates = Object{
	"enrollment_message":   "{{code}} is your verification code for {{tenant.friendly_name}}. Please enter this code to verify your enrollment.",
	"verification_message": "{{code}} is your verification code for {{tenant.friendly_name}}",
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

// writeGuardianSetting serves a setting's PUT (the body replaces the
// setting) and PATCH (the body is merged into it).
func (s *Server) writeGuardianSetting(id string, hide []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		if refusal, ok := s.Object(guardianColl, refusalID(id)); aerr == nil && ok {
			aerr = errInvalidBody(refusal["message"].(string))
		}
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		v := deepCopy(body)
		_ = s.store.Update(func(tx *Tx) error {
			if r.Method == http.MethodPatch {
				if v, _ = tx.Get(guardianColl, id); v == nil {
					v = Object{}
				}
				mergePatch(v, body)
			}
			v["id"] = id
			tx.Put(guardianColl, id, v)
			return nil
		})
		answerHide := hide
		if id == "push-sns" && r.Method == http.MethodPut {
			answerHide = nil // the PUT answer echoes the SNS secret (TestAccGuardianPush)
		}
		writeJSON(w, http.StatusOK, guardianView(v, answerHide))
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

func refusalID(setting string) string { return "refusal/" + setting }

// RefuseGuardianWrites makes every write of one Guardian setting ("phone-templates",
// "phone-twilio", "duo-settings", ...) answer Auth0's 400 invalid_body with message, as Auth0
// does for values it refuses that the simulator does not model (it checks no values of these
// settings); an empty message lifts the refusal. Tests use it to see Auth0's message reach
// the user.
func (s *Server) RefuseGuardianWrites(setting, message string) {
	_ = s.store.Update(func(tx *Tx) error {
		if message == "" {
			tx.Delete(guardianColl, refusalID(setting))
			return nil
		}
		tx.Put(guardianColl, refusalID(setting), Object{"id": refusalID(setting), "message": message})
		return nil
	})
}
