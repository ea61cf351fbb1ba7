package external

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPromptTextDiffComparesTheWholeDocument(t *testing.T) {
	want := map[string]any{"login": map[string]any{"title": "ようこそ", "description": "${companyName} にログイン"}}
	cases := []struct {
		name string
		got  map[string]any
		diff []string
	}{
		{"same text, non-ASCII included", map[string]any{"login": map[string]any{"title": "ようこそ", "description": "${companyName} にログイン"}}, nil},
		{"changed text", map[string]any{"login": map[string]any{"title": "変更", "description": "${companyName} にログイン"}}, []string{"login.title"}},
		{"missing key", map[string]any{"login": map[string]any{"title": "ようこそ"}}, []string{"login.description"}},
		{"key the spec does not list", map[string]any{"login": map[string]any{"title": "ようこそ", "description": "${companyName} にログイン", "footerText": "x"}}, []string{"login.footerText"}},
		{"screen the spec does not list", map[string]any{"login": want["login"], "login-password": map[string]any{"title": "x"}}, []string{"login-password.title"}},
		{"empty document", map[string]any{}, []string{"login.description", "login.title"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.diff, promptTextDiff(want, tc.got)); d != "" {
				t.Errorf("diff (-want +got):\n%s", d)
			}
		})
	}
}

func TestInputChangedTellsAConfigMapChangeFromAnEdit(t *testing.T) {
	cases := []struct {
		name      string
		diff      []string
		last      string
		want, got string
		changed   []string
		lastAfter string
	}{
		{"in sync: remembers what Auth0 holds", nil, "", "v1", "v1", nil, textDigest("v1")},
		{"ConfigMap changed, Auth0 holds the last text", []string{"body"}, textDigest("v1"), "v2", "v1", []string{"body"}, textDigest("v1")},
		{"edited in Auth0", []string{"body"}, textDigest("v1"), "v1", "edited", nil, textDigest("v1")},
		{"both: Auth0 edited, so drift", []string{"body"}, textDigest("v1"), "v2", "edited", nil, textDigest("v1")},
		{"nothing known yet", []string{"body"}, "", "v2", "v1", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			last := tc.last
			got := inputChanged(tc.diff, "body", &last, tc.want, tc.got)
			if d := cmp.Diff(tc.changed, got); d != "" {
				t.Errorf("changed (-want +got):\n%s", d)
			}
			if last != tc.lastAfter {
				t.Errorf("digest kept %q, want %q", last, tc.lastAfter)
			}
		})
	}
}
