package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// A self-service SSO profile and its page text reach Auth0; a dashboard edit is corrected; a
// text change is written; deletion deletes; an equal profile is adopted with no write.
func TestSelfServiceProfileLifecycle(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	p := &v1alpha1.SelfServiceProfile{ObjectMeta: metav1.ObjectMeta{Name: "partners", Namespace: f.ns},
		Spec: v1alpha1.SelfServiceProfileSpec{ManagedSpec: f.ref(), Description: "SSO for partner companies",
			AllowedStrategies: []string{"samlp", "oidc"},
			Branding: &v1alpha1.SelfServiceProfileBranding{LogoURL: "https://cdn.example.com/logo.svg",
				Colors: &v1alpha1.SelfServiceProfileColors{Primary: "#0059d6"}},
			UserAttributes: []v1alpha1.SelfServiceProfileUserAttribute{{Name: "email", Description: "Work email", IsOptional: false}},
			CustomText: []v1alpha1.SelfServiceProfileCustomText{{Language: "en", Page: "get-started",
				Texts: map[string]string{"introduction": "Connect your company's identity provider."}}}}}
	f.create(p)
	f.waitReady(p)
	o := f.simObject("self-service-profiles", p.Status.ID)
	if o["name"] != "partners" || o["description"] != "SSO for partner companies" || len(o["allowed_strategies"].([]any)) != 2 {
		t.Fatalf("profile in Auth0: %v", o)
	}
	if !strings.Contains(fmt.Sprint(f.sim.Objects("self-service-profile-custom-text")), "Connect your company") {
		t.Fatalf("custom text in Auth0: %v", f.sim.Objects("self-service-profile-custom-text"))
	}

	f.sim.PatchObject("self-service-profiles", p.Status.ID, auth0sim.Object{"description": "edited"})
	if note := f.waitEvent("partners", "DriftDetected"); !strings.Contains(note, "description") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		d := f.simObject("self-service-profiles", p.Status.ID)["description"]
		return d == "SSO for partner companies", fmt.Sprintf("description = %v", d)
	})

	f.update(p, func() { p.Spec.CustomText[0].Texts["introduction"] = "Set up SSO for your company." })
	f.eventually(func() (bool, string) {
		s := fmt.Sprint(f.sim.Objects("self-service-profile-custom-text"))
		return strings.Contains(s, "Set up SSO for your company."), s
	})

	// Adoption: the same profile in a new object, with no write.
	id := p.Status.ID
	f.update(p, func() { p.Spec.DeletionPolicy = v1alpha1.DeletionOrphan })
	f.waitReady(p)
	f.delete(p)
	f.waitGone(p)
	writes := f.writes()
	again := &v1alpha1.SelfServiceProfile{ObjectMeta: metav1.ObjectMeta{Name: "again", Namespace: f.ns}, Spec: p.Spec}
	again.Spec.Name, again.Spec.ExternalID, again.Spec.DeletionPolicy = "partners", id, v1alpha1.DeletionDelete
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes || again.Status.ID != id {
		t.Errorf("adopting an equal profile wrote %d times", w-writes)
	}
	f.delete(again)
	f.waitGone(again)
	if _, ok := f.sim.Object("self-service-profiles", id); ok {
		t.Error("profile still in Auth0 after deletion with deletionPolicy Delete")
	}
}
