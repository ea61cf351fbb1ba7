package controllers_test

import (
	"testing"
)

// The samples of Branding, EmailTemplate, PromptText and EmailProvider are valid for the CRDs
// and become Ready against the simulator (with the fixture's Tenant instead of ClusterTenant prod).
func TestBrandingEmailPromptSamplesBecomeReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	objs := f.applySamples("branding_prod.yaml", "emailtemplate_welcome.yaml", "prompttext_login_ja.yaml", "emailprovider_ses.yaml")
	if len(objs) != 5 {
		t.Fatalf("%d managed objects in the samples, want 5", len(objs))
	}
	for _, o := range objs {
		f.waitReady(o)
	}
	if got := f.customText("login", "ja")["login"].(map[string]any)["title"]; got != "ようこそ" {
		t.Errorf("login/ja title in Auth0 = %v", got)
	}
}
