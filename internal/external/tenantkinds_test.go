package external

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

func bp(b bool) *bool    { return &b }
func i32(n int32) *int32 { return &n }

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConnectionBodyMapsDatabaseOptionsToAuth0Names(t *testing.T) {
	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "customers"}, Spec: v1alpha1.ConnectionSpec{
		Strategy: "auth0",
		Database: &v1alpha1.DatabaseOptions{PasswordPolicy: "excellent", PasswordComplexity: &v1alpha1.PasswordComplexity{MinLength: 14},
			PasswordHistory: &v1alpha1.PasswordHistory{Enabled: true, Size: i32(5)}, PasswordNoPersonalInfo: bp(true),
			UsernameLength: &v1alpha1.UsernameLength{Min: 3, Max: 20}, ImportMode: bp(false)},
		Options: map[string]apiextensionsv1.JSON{"custom_scripts": {Raw: []byte(`{"login":"x"}`)}},
	}}
	got, err := connectionBody(conn)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"customers","options":{"custom_scripts":{"login":"x"},"import_mode":false,` +
		`"passwordPolicy":"excellent","password_complexity_options":{"min_length":14},"password_history":{"enable":true,"size":5},` +
		`"password_no_personal_info":{"enable":true},"validation":{"username":{"max":20,"min":3}}},"strategy":"auth0"}`
	if diff := cmp.Diff(want, asJSON(t, got)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestConnectionBodyRefusesSecretsAndDuplicatesInOptions(t *testing.T) {
	for _, tc := range []struct {
		name, key, want string
		db              *v1alpha1.DatabaseOptions
		secret          bool
	}{
		{name: "a secret inline", key: "client_secret", want: "spec.secretOptions"},
		{name: "a typed database option", key: "passwordPolicy", want: "spec.database", db: &v1alpha1.DatabaseOptions{PasswordPolicy: "good"}},
		{name: "the same key twice", key: "api_key", want: "in one place", secret: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := &v1alpha1.Connection{Spec: v1alpha1.ConnectionSpec{Strategy: "auth0", Database: tc.db,
				Options: map[string]apiextensionsv1.JSON{tc.key: {Raw: []byte(`"x"`)}}}}
			if tc.secret {
				conn.Spec.SecretOptions = map[string]v1alpha1.SecretValueSource{tc.key: {}}
			}
			_, err := connectionBody(conn)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one naming %q", err, tc.want)
			}
		})
	}
}

func TestMergeKeepsWhatTheSpecDoesNotSet(t *testing.T) {
	have := object{"mfa": object{"active": true}, "password_history": object{"enable": false, "size": 3.0}, "passwordPolicy": "good"}
	merge(have, object{"password_history": object{"enable": true}, "passwordPolicy": "excellent"})
	want := `{"mfa":{"active":true},"passwordPolicy":"excellent","password_history":{"enable":true,"size":3}}`
	if diff := cmp.Diff(want, asJSON(t, have)); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
}

func TestTenantSettingsBodyInHoursAndFlags(t *testing.T) {
	ts := &v1alpha1.TenantSettings{Spec: v1alpha1.TenantSettingsSpec{
		SessionLifetime: &metav1.Duration{Duration: 168 * time.Hour}, IdleSessionLifetime: &metav1.Duration{Duration: 30 * time.Minute},
		EnabledLocales: []string{"ja", "en"},
		Flags:          &v1alpha1.TenantFlags{RevokeRefreshTokenGrant: bp(false), Passthrough: map[string]bool{"enable_sso": true}},
	}}
	got, err := tenantSettingsBody(ts)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"enabled_locales":["ja","en"],"flags":{"enable_sso":true,"revoke_refresh_token_grant":false},"idle_session_lifetime":0.5,"session_lifetime":168}`
	if diff := cmp.Diff(want, asJSON(t, got)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestAttackProtectionOnlySetSectionsWithRatesInMilliseconds(t *testing.T) {
	ap := &v1alpha1.AttackProtection{Spec: v1alpha1.AttackProtectionSpec{
		SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{
			PreLogin: &v1alpha1.ThrottleStage{MaxAttempts: i32(100), Rate: &metav1.Duration{Duration: 864 * time.Second}}},
	}}
	ps := protections(ap.Spec)
	if len(ps) != 1 || ps[0].name != "suspicious-ip-throttling" {
		t.Fatalf("sections = %+v", ps)
	}
	if diff := cmp.Diff(`{"stage":{"pre-login":{"max_attempts":100,"rate":864000}}}`, asJSON(t, ps[0].body)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestConnectionChangesAddChangeRemove(t *testing.T) {
	want := map[string]object{"con_a": {"assign_membership_on_login": true}, "con_b": {}, "con_c": {"show_as_button": false}}
	have := map[string]object{
		"con_a": {"assign_membership_on_login": false, "show_as_button": true},
		"con_b": {"assign_membership_on_login": true},
		"con_d": {},
	}
	got := changes(want, have)
	wantChanges := map[string]object{"con_a": {"assign_membership_on_login": true}, "con_c": {"show_as_button": false}, "con_d": nil}
	if diff := cmp.Diff(wantChanges, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}
