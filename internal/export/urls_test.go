package export

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

func TestURLsWithCredentialsAreFound(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"https://app.example.com/callback", false},
		{"https://app.example.com/callback?state=x&lang=en", false},
		{"https://user:hunter2@hooks.example.com/x", true},
		{"https://user@hooks.example.com/x", false},
		{"https://hooks.example.com/x?token=abc", true},
		{"https://hooks.example.com/x?access_token=abc", true},
		{"https://store.blob.example.net/c?sv=2024&sig=abc", true},
		{"https://hooks.example.com/x?X-Api-Key=abc", true},
		{"not a url ?token=abc", false},
	} {
		if got := hasCredential(tc.url); got != tc.want {
			t.Errorf("hasCredential(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
	app := &v1alpha1.Application{Spec: v1alpha1.ApplicationSpec{Callbacks: []string{"https://a.example.com/cb", "https://a.example.com/cb?token=t0k3n"},
		LogoURI: "https://u:p@cdn.example.com/logo.png"}}
	paths, err := credentialURLs(app)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"spec.callbacks[1]", "spec.logoURI"}, paths); d != "" {
		t.Errorf("paths (-want +got):\n%s", d)
	}
}
