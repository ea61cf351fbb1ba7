package external

import (
	"reflect"
	"slices"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// The typed options of the auth0 (database) strategy: what spec.database sets, in Auth0's
// names, the way back for the export, and what Auth0 gives a new database connection. Each
// typed strategy has a file like this one; options no strategy types stay spec.options.

// databaseOptions are the typed options of the auth0 strategy in Auth0's names.
func databaseOptions(d *v1alpha1.DatabaseOptions) object {
	o := object{}
	if d == nil {
		return o
	}
	setString(o, "passwordPolicy", d.PasswordPolicy)
	if d.PasswordComplexity != nil {
		o["password_complexity_options"] = object{"min_length": d.PasswordComplexity.MinLength}
	}
	if h := d.PasswordHistory; h != nil {
		ph := object{"enable": h.Enabled}
		setPtr(ph, "size", h.Size)
		o["password_history"] = ph
	}
	if pd := d.PasswordDictionary; pd != nil {
		dict := object{"enable": pd.Enabled}
		setList(dict, "dictionary", pd.Dictionary)
		o["password_dictionary"] = dict
	}
	if d.PasswordNoPersonalInfo != nil {
		o["password_no_personal_info"] = object{"enable": *d.PasswordNoPersonalInfo}
	}
	setPtr(o, "brute_force_protection", d.BruteForceProtection)
	setPtr(o, "requires_username", d.RequiresUsername)
	if u := d.UsernameLength; u != nil {
		o["validation"] = object{"username": object{"min": u.Min, "max": u.Max}}
	}
	setPtr(o, "disable_signup", d.DisableSignup)
	setPtr(o, "import_mode", d.ImportMode)
	return o
}

// exportDatabase takes out of opts (an auth0 connection's options) those the database section
// models, when their shape fits it; the others stay options. Nil when it takes none.
func exportDatabase(opts object) *v1alpha1.DatabaseOptions {
	d := v1alpha1.DatabaseOptions{}
	if p := stringOf(opts, "passwordPolicy"); slices.Contains([]string{"none", "low", "fair", "good", "excellent"}, p) {
		d.PasswordPolicy = p
		delete(opts, "passwordPolicy")
	}
	if n := int32Field(objectField(opts, "password_complexity_options"), "min_length"); n != nil {
		d.PasswordComplexity = &v1alpha1.PasswordComplexity{MinLength: *n}
		delete(opts, "password_complexity_options")
	}
	if h := objectField(opts, "password_history"); boolField(h, "enable") != nil {
		d.PasswordHistory = &v1alpha1.PasswordHistory{Enabled: *boolField(h, "enable"), Size: int32Field(h, "size")}
		delete(opts, "password_history")
	}
	if pd := objectField(opts, "password_dictionary"); boolField(pd, "enable") != nil {
		d.PasswordDictionary = &v1alpha1.PasswordDictionary{Enabled: *boolField(pd, "enable"), Dictionary: stringsField(pd, "dictionary")}
		delete(opts, "password_dictionary")
	}
	u := objectField(objectField(opts, "validation"), "username")
	if lo, hi := int32Field(u, "min"), int32Field(u, "max"); lo != nil && hi != nil {
		d.UsernameLength = &v1alpha1.UsernameLength{Min: *lo, Max: *hi}
		delete(opts, "validation")
	}
	if d.PasswordNoPersonalInfo = boolField(objectField(opts, "password_no_personal_info"), "enable"); d.PasswordNoPersonalInfo != nil {
		delete(opts, "password_no_personal_info")
	}
	for key, field := range map[string]**bool{"brute_force_protection": &d.BruteForceProtection, "requires_username": &d.RequiresUsername,
		"disable_signup": &d.DisableSignup, "import_mode": &d.ImportMode} {
		if *field = boolField(opts, key); *field != nil {
			delete(opts, key)
		}
	}
	if reflect.ValueOf(d).IsZero() {
		return nil
	}
	return &d
}

// connectionDefaults is what Auth0 gives a new connection of strategy: realms of its name;
// for a database, the options it fills (and those whose absence means false).
func connectionDefaults(name, strategy string) v1alpha1.ConnectionSpec {
	d := v1alpha1.ConnectionSpec{Realms: []string{name}}
	if strategy != "auth0" {
		return d
	}
	d.Database = &v1alpha1.DatabaseOptions{PasswordPolicy: "good", BruteForceProtection: ptr(true),
		RequiresUsername: ptr(false), DisableSignup: ptr(false), ImportMode: ptr(false)}
	d.Options = map[string]apiextensionsv1.JSON{
		"mfa":              {Raw: []byte(`{"active":true,"return_enroll_settings":true}`)},
		"strategy_version": {Raw: []byte(`2`)},
		"authentication_methods": {Raw: []byte(`{"password":{"enabled":true,"api_behavior":"required","signup_behavior":"allow"},` +
			`"passkey":{"enabled":false},"email_otp":{"enabled":false},"phone_otp":{"enabled":false}}`)},
		"passkey_options": {Raw: []byte(`{"challenge_ui":"both","progressive_enrollment_enabled":true,"local_enrollment_enabled":true}`)},
		// The newest recordings (2026-08): a database connection made without a password policy.
		"password_options": {Raw: []byte(`{"complexity":{"character_type_rule":"all","character_types":[],"identical_characters":"allow",` +
			`"max_length_exceeded":"error","min_length":15,"sequential_characters":"allow"},` +
			`"dictionary":{"active":false,"custom":[],"default":"en_100k"},"history":{"active":false,"size":3},` +
			`"profile_data":{"active":false,"blocked_fields":["name","username","nickname","email","phone_number",` +
			`"user_metadata.name","user_metadata.first","user_metadata.last"]}}`)},
	}
	return d
}
