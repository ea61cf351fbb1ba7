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
	d.CustomScripts = exportScripts(opts)
	for _, k := range fieldNames(d) {
		delete(opts, k)
	}
	return orNil(d)
}

// connectionDefaults is what Auth0 gives a new connection of strategy: realms of its name;
// for a database, the options no typed field holds (the typed ones say their defaults in their
// auth0 tags: mfa, authentication_methods, passkey_options, password_options).
func connectionDefaults(name, strategy string) v1alpha1.ConnectionSpec {
	d := v1alpha1.ConnectionSpec{Realms: []string{name}}
	if strategy != "auth0" {
		return d
	}
	d.Options = map[string]apiextensionsv1.JSON{"strategy_version": {Raw: []byte(`2`)}}
	return d
}

// replacedOptions are, per typed option, the options Auth0 refuses beside it: when the spec
// sets one, an update does not carry the others over from Auth0's current options (a
// connection made without a password policy has password_options' defaults, one made before
// them the legacy fields; attributes replace requires_username and validation).
var replacedOptions = map[string][]string{
	"password_options":            {"passwordPolicy", "password_complexity_options", "password_history", "password_dictionary", "password_no_personal_info"},
	"passwordPolicy":              {"password_options"},
	"password_complexity_options": {"password_options"},
	"password_history":            {"password_options"},
	"password_dictionary":         {"password_options"},
	"password_no_personal_info":   {"password_options"},
	"attributes":                  {"requires_username", "validation"},
	"validation":                  {"attributes"},
}

// dropReplaced deletes from have (Auth0's current options) those the spec's options want
// replace. A requires_username of true replaces attributes too.
func dropReplaced(have, want object) {
	for k := range want {
		for _, r := range replacedOptions[k] {
			delete(have, r)
		}
	}
	if want["requires_username"] == true {
		delete(have, "attributes")
	}
}
