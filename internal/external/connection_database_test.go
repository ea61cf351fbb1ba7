package external

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

func TestDatabaseOptionsBodyInAuth0Names(t *testing.T) {
	on := true
	d := &v1alpha1.DatabaseOptions{
		MFA:                   &v1alpha1.DatabaseMFA{Active: &on},
		AuthenticationMethods: &v1alpha1.AuthenticationMethods{EmailOTP: &v1alpha1.EnabledMethod{Enabled: false}},
		Attributes: &v1alpha1.DatabaseAttributes{Username: &v1alpha1.UsernameAttribute{Identifier: &v1alpha1.AttributeIdentifier{Active: &on},
			Signup: &v1alpha1.AttributeSignup{Status: "required"}, Validation: &v1alpha1.UsernameValidation{AllowedTypes: &v1alpha1.UsernameAllowedTypes{Email: &on}}}},
		PasswordOptions: &v1alpha1.PasswordOptions{ProfileData: &v1alpha1.PasswordOptionsProfileData{Active: &on, BlockedFields: []string{"email"}}},
		PasskeyOptions:  &v1alpha1.PasskeyOptions{LocalEnrollmentEnabled: &on},
		Precedence:      []string{"username", "email"},
	}
	want := `{"attributes":{"username":{"identifier":{"active":true},"signup":{"status":"required"},"validation":{"allowed_types":{"email":true}}}},` +
		`"authentication_methods":{"email_otp":{"enabled":false}},"mfa":{"active":true},"passkey_options":{"local_enrollment_enabled":true},` +
		`"password_options":{"profile_data":{"active":true,"blocked_fields":["email"]}},"precedence":["username","email"]}`
	if diff := cmp.Diff(want, asJSON(t, databaseOptions(d))); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestExportDatabaseLeavesOutDefaultsAndWritesScriptsInline(t *testing.T) {
	opts := object{
		"mfa":                    object{"active": true, "return_enroll_settings": true},
		"authentication_methods": object{"password": object{"enabled": true, "api_behavior": "required", "signup_behavior": "allow"}, "passkey": object{"enabled": false}},
		"passkey_options":        object{"challenge_ui": "both", "progressive_enrollment_enabled": true, "local_enrollment_enabled": true},
		"password_options": object{"complexity": object{"character_type_rule": "all", "identical_characters": "allow", "sequential_characters": "allow",
			"max_length_exceeded": "error", "min_length": 15.0, "character_types": []any{}},
			"profile_data": object{"active": false, "blocked_fields": []any{"name", "username", "nickname", "email", "phone_number",
				"user_metadata.name", "user_metadata.first", "user_metadata.last"}},
			"history": object{"active": true, "size": 3.0}, "dictionary": object{"active": false, "custom": []any{}, "default": "en_100k"}},
		"customScripts":        object{"get_user": "function getUser() {}"},
		"non_persistent_attrs": []any{"b", "a"},
		"strategy_version":     2.0,
	}
	got := exportDatabase(opts)
	script := "function getUser() {}"
	want := &v1alpha1.DatabaseOptions{
		PasswordOptions:    &v1alpha1.PasswordOptions{History: &v1alpha1.PasswordOptionsHistory{Active: ptr(true)}},
		CustomScripts:      &v1alpha1.CustomScripts{GetUser: &v1alpha1.TextSource{Inline: &script}},
		NonPersistentAttrs: []string{"a", "b"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exported (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(object{"strategy_version": 2.0}, opts); diff != "" {
		t.Errorf("options left for spec.options (-want +got):\n%s", diff)
	}
}

func TestUpdateDropsTheOptionsAuth0RefusesBesideTheSpecs(t *testing.T) {
	for _, tc := range []struct {
		name             string
		have, want, left object
	}{
		{"password options replace the legacy policy", object{"passwordPolicy": "good", "password_history": object{}, "mfa": object{}},
			object{"password_options": object{}}, object{"mfa": object{}}},
		{"a legacy field replaces password options", object{"password_options": object{}, "mfa": object{}},
			object{"password_history": object{}}, object{"mfa": object{}}},
		{"attributes replace requires_username and validation", object{"requires_username": false, "validation": object{}},
			object{"attributes": object{}}, object{}},
		{"requires_username true replaces attributes", object{"attributes": object{}}, object{"requires_username": true}, object{}},
		{"requires_username false keeps attributes", object{"attributes": object{}}, object{"requires_username": false}, object{"attributes": object{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dropReplaced(tc.have, tc.want)
			if diff := cmp.Diff(tc.left, tc.have); diff != "" {
				t.Errorf("kept (-want +got):\n%s", diff)
			}
		})
	}
}
