package external

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// The typed options of the auth0 (database) strategy: what spec.database sets, in Auth0's
// names, the way back for the export, and what Auth0 gives a new database connection. Each
// typed strategy has a file like this one; options no strategy types stay spec.options.

// databaseOptions are the typed options of the auth0 strategy in Auth0's names.
func databaseOptions(d *v1alpha1.DatabaseOptions) object {
	if d == nil {
		return object{}
	}
	return toAuth0(d)
}

// exportDatabase takes out of opts (an auth0 connection's options) those the database section
// models; the others stay options. Nil when it sets none but defaults.
func exportDatabase(opts object) *v1alpha1.DatabaseOptions {
	d := &v1alpha1.DatabaseOptions{}
	fromAuth0(opts, d)
	for _, k := range fieldNames(d) {
		delete(opts, k)
	}
	return orNil(d)
}

// connectionDefaults is what Auth0 gives a new connection of strategy: realms of its name;
// for a database, the options it fills (and those whose absence means false).
func connectionDefaults(name, strategy string) v1alpha1.ConnectionSpec {
	d := v1alpha1.ConnectionSpec{Realms: []string{name}}
	if strategy != "auth0" {
		return d
	}
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
