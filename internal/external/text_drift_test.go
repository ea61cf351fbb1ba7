package external

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
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

func TestTextInputTellsAConfigMapChangeFromAnEdit(t *testing.T) {
	c := simClient(t, auth0sim.NewServer(t, auth0sim.Options{TLS: true}))
	cases := []struct {
		name      string
		diff      []string
		last      string // the text recorded when last written; "" for none
		want, got string
		changed   []string
	}{
		{"in sync", nil, "v1", "v1", "v1", nil},
		{"ConfigMap changed, Auth0 holds the last text", []string{"body"}, "v1", "v2", "v1", []string{"body"}},
		{"edited in Auth0", []string{"body"}, "v1", "v1", "edited", nil},
		{"both: Auth0 edited, so drift", []string{"body"}, "v1", "v2", "edited", nil},
		{"nothing recorded yet", []string{"body"}, "", "v2", "v1", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			et := &v1alpha1.EmailTemplate{}
			if tc.last != "" {
				var prior reconcile.Observation
				textInput(c, et, &prior, "body", tc.last, tc.last)
				recordInputs(et, prior)
			}
			obs := reconcile.Observation{Diff: tc.diff}
			textInput(c, et, &obs, "body", tc.want, tc.got)
			if d := cmp.Diff(tc.changed, obs.Changed); d != "" {
				t.Errorf("changed (-want +got):\n%s", d)
			}
			recordInputs(et, obs)
			if !reconcile.Held(c, et, "body", []byte(tc.want)) {
				t.Error("the observation's input is not the spec's text")
			}
		})
	}
}
