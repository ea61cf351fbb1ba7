package controllers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// modernDatabase sets every newer group of a database connection's options, its login script
// from the ConfigMap scripts.
func modernDatabase(f *fixture, name string) *v1alpha1.Connection {
	return &v1alpha1.Connection{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "auth0", Database: &v1alpha1.DatabaseOptions{
			MFA: &v1alpha1.DatabaseMFA{Active: valPtr(false)},
			AuthenticationMethods: &v1alpha1.AuthenticationMethods{Password: &v1alpha1.PasswordAuthentication{Enabled: valPtr(true)},
				Passkey: &v1alpha1.EnabledMethod{Enabled: true}, EmailOTP: &v1alpha1.EnabledMethod{Enabled: true}},
			Attributes: &v1alpha1.DatabaseAttributes{Email: &v1alpha1.EmailAttribute{
				Identifier:      &v1alpha1.AttributeIdentifier{Active: valPtr(true), DefaultMethod: "email_otp"},
				ProfileRequired: valPtr(true), VerificationMethod: "otp",
				Signup: &v1alpha1.VerifiedSignup{Status: "required", Verification: &v1alpha1.SignupVerification{Active: true}}}},
			Precedence: []string{"email", "username", "phone_number"},
			PasswordOptions: &v1alpha1.PasswordOptions{
				Complexity: &v1alpha1.PasswordOptionsComplexity{MinLength: valPtr[int32](12), CharacterTypes: []string{"number", "lowercase"}},
				History:    &v1alpha1.PasswordOptionsHistory{Active: valPtr(true), Size: valPtr[int32](5)}},
			PasskeyOptions:                   &v1alpha1.PasskeyOptions{ChallengeUI: "button"},
			CustomScripts:                    &v1alpha1.CustomScripts{Login: &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "scripts", Key: "login.js"}}},
			EnabledDatabaseCustomization:     valPtr(true),
			EnableScriptContext:              valPtr(true),
			DisableSelfServiceChangePassword: valPtr(true),
			NonPersistentAttrs:               []string{"ssn"},
			RealmFallback:                    valPtr(true),
		}},
	}
}

// opt is a connection option as compact JSON, for comparisons that name it.
func opt(t *testing.T, opts map[string]any, path string) string {
	t.Helper()
	var v any = opts
	for _, k := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The newer option groups are created as the spec says, changed with it, corrected when the
// dashboard changes them, and a login script changed in its ConfigMap is an update, not drift.
func TestConnectionDatabaseOptionGroups(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "scripts", Namespace: f.ns},
		Data: map[string]string{"login.js": "function login(email, password, callback) { callback(null); }"}}
	f.create(cm)
	conn := modernDatabase(f, "modern")
	f.create(conn)
	f.waitReady(conn)

	opts := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	for path, want := range map[string]string{
		"mfa.active":                                  `false`,
		"authentication_methods.passkey":              `{"enabled":true}`,
		"authentication_methods.email_otp":            `{"enabled":true}`,
		"attributes.email.identifier":                 `{"active":true,"default_method":"email_otp"}`,
		"attributes.email.signup":                     `{"status":"required","verification":{"active":true}}`,
		"precedence":                                  `["email","username","phone_number"]`,
		"password_options.complexity.min_length":      `12`,
		"password_options.history":                    `{"active":true,"size":5}`,
		"passkey_options.challenge_ui":                `"button"`,
		"customScripts":                               `{"login":"function login(email, password, callback) { callback(null); }"}`,
		"enabledDatabaseCustomization":                `true`,
		"enable_script_context":                       `true`,
		"disable_self_service_change_password":        `true`,
		"non_persistent_attrs":                        `["ssn"]`,
		"realm_fallback":                              `true`,
		"password_options.complexity.character_types": `["number","lowercase"]`,
	} {
		if got := opt(t, opts, path); got != want {
			t.Errorf("options.%s = %s, want %s", path, got, want)
		}
	}

	// Changed in Git: sent, with what Auth0 filled in kept.
	f.update(conn, func() {
		conn.Spec.Database.PasskeyOptions.ChallengeUI = "autofill"
		conn.Spec.Database.PasswordOptions.Complexity.MinLength = valPtr[int32](16)
	})
	f.waitReady(conn)
	opts = f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	if opt(t, opts, "passkey_options.challenge_ui") != `"autofill"` || opt(t, opts, "password_options.complexity.min_length") != `16` ||
		opt(t, opts, "strategy_version") != `2` || opt(t, opts, "password_options.complexity.character_type_rule") != `"all"` ||
		opt(t, opts, "attributes.email.unique") != `true` {
		t.Errorf("options after update: %v", opts)
	}

	// The script changed in its ConfigMap: written, and not drift.
	f.update(cm, func() {
		cm.Data["login.js"] = "function login(email, password, callback) { callback(new Error('closed')); }"
	})
	f.eventually(func() (bool, string) {
		s := opt(t, f.simObject("connections", conn.Status.ID)["options"].(map[string]any), "customScripts.login")
		return strings.Contains(s, "closed"), "login script " + s
	})
	f.waitReady(conn)
	if conn.Status.Drift != nil {
		t.Errorf("a ConfigMap change reported as drift: %+v", conn.Status.Drift)
	}
	for _, e := range f.events() {
		if strings.HasPrefix(e, "DriftDetected") {
			t.Errorf("a ConfigMap change reported as drift: %s", e)
		}
	}

	// The dashboard edits the script and the MFA: drift, corrected, named in status.
	opts = f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	opts["customScripts"] = map[string]any{"login": "function login() { /* edited */ }"}
	opts["mfa"] = map[string]any{"active": true, "return_enroll_settings": true}
	f.sim.PatchObject("connections", conn.Status.ID, auth0sim.Object{"options": opts})
	f.eventually(func() (bool, string) {
		o := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
		f.get(conn)
		d := conn.Status.Drift
		return strings.Contains(opt(t, o, "customScripts.login"), "closed") && opt(t, o, "mfa.active") == "false" &&
				d != nil && slices.Contains(d.Fields, "options.customScripts.login") && slices.Contains(d.Fields, "options.mfa.active"),
			fmt.Sprintf("options %v, drift %+v", o, d)
	})
	for _, e := range f.events() {
		if strings.Contains(e, "edited") || strings.Contains(e, "closed") {
			t.Errorf("an Event shows a script's text: %s", e)
		}
	}
}

// A database connection made elsewhere with the newer options is adopted by ID without a
// single write when the spec says what Auth0 has.
func TestConnectionDatabaseAdoptionWritesNothing(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "scripts", Namespace: f.ns},
		Data: map[string]string{"login.js": "function login() {}"}}
	f.create(cm)
	existing, apiErr := f.sim.CreateObject("connections", auth0sim.Object{"name": "adopted-db", "strategy": "auth0", "options": auth0sim.Object{
		"mfa": auth0sim.Object{"active": false, "return_enroll_settings": true}, "customScripts": auth0sim.Object{"login": "function login() {}"},
		"enabledDatabaseCustomization": true, "precedence": []any{"email", "username", "phone_number"},
		"attributes":       auth0sim.Object{"email": auth0sim.Object{"identifier": auth0sim.Object{"active": true}, "signup": auth0sim.Object{"status": "required"}}},
		"password_options": auth0sim.Object{"history": auth0sim.Object{"active": true, "size": float64(5)}},
		"passkey_options":  auth0sim.Object{"challenge_ui": "button"}}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	writes := f.writes()
	conn := modernDatabase(f, "adopted-db")
	conn.Spec.ExternalID = existing["id"].(string)
	d := conn.Spec.Database
	d.AuthenticationMethods, d.EnableScriptContext, d.DisableSelfServiceChangePassword, d.NonPersistentAttrs, d.RealmFallback = nil, nil, nil, nil, nil
	d.Attributes.Email = &v1alpha1.EmailAttribute{Identifier: &v1alpha1.AttributeIdentifier{Active: valPtr(true)}, Signup: &v1alpha1.VerifiedSignup{Status: "required"}}
	d.PasswordOptions = &v1alpha1.PasswordOptions{History: &v1alpha1.PasswordOptionsHistory{Active: valPtr(true), Size: valPtr[int32](5)}}
	d.CustomScripts.Login = &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "scripts", Key: "login.js"}}
	f.create(conn)
	f.waitReady(conn)
	if w := f.writes() - writes; w != 0 {
		t.Errorf("adopting an identical connection made %d writes: %v", w, f.sim.Stats().Calls)
	}
}

// The combinations Auth0 refuses are refused at apply time, with a message that says why.
func TestConnectionDatabaseRefusesWhatAuth0Refuses(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	email := func(active bool, status string) *v1alpha1.DatabaseAttributes {
		return &v1alpha1.DatabaseAttributes{Email: &v1alpha1.EmailAttribute{
			Identifier: &v1alpha1.AttributeIdentifier{Active: valPtr(active)}, Signup: &v1alpha1.VerifiedSignup{Status: status}}}
	}
	for _, tc := range []struct {
		name string
		db   v1alpha1.DatabaseOptions
		want string
	}{
		{"password-options-and-policy", v1alpha1.DatabaseOptions{PasswordPolicy: "fair", PasswordOptions: &v1alpha1.PasswordOptions{}}, "passwordOptions replaces passwordPolicy"},
		{"password-options-and-history", v1alpha1.DatabaseOptions{PasswordHistory: &v1alpha1.PasswordHistory{Enabled: true}, PasswordOptions: &v1alpha1.PasswordOptions{}}, "Auth0 refuses both kinds together"},
		{"attributes-and-requires-username", v1alpha1.DatabaseOptions{RequiresUsername: valPtr(true), Attributes: email(true, "required")}, "attributes and requiresUsername"},
		{"attributes-and-username-length", v1alpha1.DatabaseOptions{UsernameLength: &v1alpha1.UsernameLength{Min: 1, Max: 5}, Attributes: email(true, "required")}, "attributes.username.validation"},
		{"no-active-identifier", v1alpha1.DatabaseOptions{Attributes: email(false, "required")}, "one active identifier"},
		{"active-identifier-optional", v1alpha1.DatabaseOptions{Attributes: email(true, "optional")}, "must be required on sign-up"},
		{"three-of-four-with-two-types", v1alpha1.DatabaseOptions{PasswordOptions: &v1alpha1.PasswordOptions{Complexity: &v1alpha1.PasswordOptionsComplexity{
			CharacterTypeRule: "three_of_four", CharacterTypes: []string{"number", "special"}}}}, "three_of_four needs all four"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: tc.name, Namespace: f.ns},
				Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "auth0", Database: &tc.db}}
			err := env.Client.Create(f.ctx, conn)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// A connection Auth0 made with password_options' defaults moves to the legacy policy the spec
// now sets: the update does not carry password_options over (Auth0 refuses both).
func TestConnectionDatabaseLegacyPolicyReplacesPasswordOptions(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "moving", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "auth0", Database: &v1alpha1.DatabaseOptions{DisableSignup: valPtr(true)}}}
	f.create(conn)
	f.waitReady(conn)
	if _, ok := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)["password_options"]; !ok {
		t.Fatal("the simulator gave a new connection no password_options")
	}
	f.update(conn, func() { conn.Spec.Database.PasswordPolicy = "fair" })
	f.waitReady(conn)
	opts := f.simObject("connections", conn.Status.ID)["options"].(map[string]any)
	if _, ok := opts["password_options"]; ok || opts["passwordPolicy"] != "fair" || opts["disable_signup"] != true {
		t.Errorf("options after moving to the legacy policy: %v", opts)
	}
}
