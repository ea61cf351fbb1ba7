package auth0sim

import "net/http"

// Attack protection: the singletons under /api/v2/attack-protection/,
// stored as "attack-protection"/"<setting>": brute-force-protection,
// suspicious-ip-throttling, breached-password-detection (seeded by
// tenant.go with a new tenant's defaults), bot-detection and captcha.
// GET/PATCH; PATCH is a merge patch (a stage's unnamed limits are kept,
// arrays are replaced). Auth0 treats shields and notification frequencies
// as sets and answers them in no fixed order (the same setting comes back
// differently ordered in consecutive calls); the simulator keeps the order
// it was given. Shapes follow TestAccAttackProtection*.

const attackProtectionColl = "attack-protection"

// entitlementsColl holds what the tenant's plan lacks, as
// "entitlements"/"bot-detection" {"entitled": false}.
const entitlementsColl = "entitlements"

// botDetectionGated are the settings a plan without bot detection refuses,
// reads and writes alike (TestAccAttackProtectionBotDetectionInsufficientEntitlement,
// TestAccAttackProtectionMultipleInsufficientEntitlements).
var botDetectionGated = []string{"bot-detection", "captcha"}

func errInsufficientEntitlement() *APIError {
	return NewAPIError(http.StatusForbidden, "Please upgrade your subscription to use bot detection", "insufficient_entitlement")
}

// SetBotDetectionEntitled sets whether the tenant's plan includes bot
// detection (a new tenant's does). Without it, bot-detection and captcha
// answer 403 insufficient_entitlement. Also POST /_sim/entitlements
// {"botDetection":false}.
func (s *Server) SetBotDetectionEntitled(entitled bool) {
	_ = s.store.Update(func(tx *Tx) error {
		tx.Put(entitlementsColl, "bot-detection", Object{"id": "bot-detection", "entitled": entitled})
		return nil
	})
}

// entitledTo reports whether the plan allows the attack-protection setting.
func (s *Server) entitledTo(name string) bool {
	if !contains(botDetectionGated, name) {
		return true
	}
	e, ok := s.Object(entitlementsColl, "bot-detection")
	return !ok || boolean(e, "entitled")
}

func init() {
	registerFamily(Family{
		Name:        "attack-protection",
		Register:    registerAttackProtection,
		Collections: []Collection{{Name: attackProtectionColl}, {Name: entitlementsColl}},
	})
}

// defaultAttackProtection returns a new tenant's settings by name.
func defaultAttackProtection() map[string]Object {
	return map[string]Object{
		"brute-force-protection": {
			"enabled": true, "shields": anyList("block", "user_notification"),
			"mode": "count_per_identifier_and_ip", "allowlist": []any{}, "max_attempts": float64(10)},
		"suspicious-ip-throttling": {
			"enabled": true, "shields": anyList("admin_notification", "block"), "allowlist": []any{},
			"stage": Object{
				"pre-login":                 Object{"max_attempts": float64(100), "rate": float64(864000)},
				"pre-user-registration":     Object{"max_attempts": float64(50), "rate": float64(1200)},
				"pre-custom-token-exchange": Object{"max_attempts": float64(10), "rate": float64(600000)},
			}},
		"breached-password-detection": {
			"enabled": false, "shields": []any{}, "admin_notification_frequency": []any{}, "method": "standard",
			"stage": Object{"pre-user-registration": Object{"shields": []any{}}, "pre-change-password": Object{"shields": []any{}}}},
		"bot-detection": {
			"challenge_password_policy": "never", "challenge_passwordless_policy": "never",
			"challenge_password_reset_policy": "never", "allowlist": []any{}, "bot_detection_level": "medium",
			"monitoring_mode_enabled": false},
		"captcha": {
			"active_provider_id": "auth_challenge", "simple_captcha": Object{}, "auth_challenge": Object{"fail_open": false},
			"recaptcha_v2": Object{"site_key": ""}, "recaptcha_enterprise": Object{"site_key": "", "project_id": ""},
			"hcaptcha": Object{"site_key": ""}, "friendly_captcha": Object{"site_key": ""},
			"arkose": Object{"site_key": "", "client_subdomain": "client-api", "verify_subdomain": "verify-api", "fail_open": false}},
	}
}

// seedAttackProtection stores a new tenant's settings (tenant.go calls it).
func seedAttackProtection(tx *Tx) {
	for name, v := range defaultAttackProtection() {
		tx.Put(attackProtectionColl, name, v)
	}
}

func registerAttackProtection(s *Server) {
	for _, name := range []string{"brute-force-protection", "suspicious-ip-throttling", "breached-password-detection", "bot-detection", "captcha"} {
		s.Handle(Route{Pattern: "GET /api/v2/attack-protection/" + name, Scopes: []string{"read:attack_protection"}, Handler: s.getAttackProtection(name)})
		s.Handle(Route{Pattern: "PATCH /api/v2/attack-protection/" + name, Scopes: []string{"update:attack_protection"}, Handler: s.patchAttackProtection(name)})
	}
	s.HandleAdmin("POST /_sim/entitlements", func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readObject(r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		if v, ok := body["botDetection"].(bool); ok {
			s.SetBotDetectionEntitled(v)
		}
		writeNoContent(w)
	})
}

func (s *Server) getAttackProtection(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.entitledTo(name) {
			writeError(w, errInsufficientEntitlement())
			return
		}
		v, ok := s.Object(attackProtectionColl, name)
		if !ok {
			v = defaultAttackProtection()[name]
		}
		writeJSON(w, http.StatusOK, attackProtectionView(v))
	}
}

// captchaSecrets are the write-only keys of a captcha provider's settings:
// Auth0 answers recaptcha_v2 {"site_key"} after a PATCH that set
// {"site_key","secret"} (TestAccAttackProtectionCaptcha*).
var captchaSecrets = []string{"secret", "api_key"}

// attackProtectionView hides the captcha providers' secrets.
func attackProtectionView(v Object) Object {
	out := Object{}
	for k, val := range v {
		if p, ok := val.(map[string]any); ok {
			val = withoutKeys(p, captchaSecrets...)
		}
		out[k] = val
	}
	return out
}

func (s *Server) patchAttackProtection(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		patch, aerr := readObject(r)
		if aerr == nil && !s.entitledTo(name) {
			aerr = errInsufficientEntitlement()
		}
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		var v Object
		_ = s.store.Update(func(tx *Tx) error {
			var ok bool
			if v, ok = tx.Get(attackProtectionColl, name); !ok {
				v = defaultAttackProtection()[name]
			}
			mergePatch(v, patch)
			tx.Put(attackProtectionColl, name, v)
			return nil
		})
		writeJSON(w, http.StatusOK, attackProtectionView(v))
	}
}
