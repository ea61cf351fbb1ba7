package controllers_test

import (
	"testing"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// The SAML and OIDC enterprise connection samples, with their placeholder Secret and
// ConfigMap, become Ready; Auth0 gets the keys, status does not.
func TestEnterpriseConnectionSamplesBecomeReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	var conns []*v1alpha1.Connection
	for _, o := range f.applySamples("connection_saml_acme.yaml", "connection_oidc_corp.yaml") {
		if c, ok := o.(*v1alpha1.Connection); ok {
			conns = append(conns, c)
		}
	}
	if len(conns) != 2 {
		t.Fatalf("%d connections in the samples, want 2", len(conns))
	}
	for _, c := range conns {
		f.waitReady(c)
	}
	saml := simOptions(f, conns[0].Status.ID)
	if k, _ := saml["signing_key"].(map[string]any); k["key"] != "REPLACE-ME-with-the-request-signing-private-key-PEM" {
		t.Errorf("SAML signing key in Auth0: %v", k)
	}
	if simOptions(f, conns[1].Status.ID)["client_secret"] != "REPLACE-ME-with-the-client-secret" {
		t.Error("OIDC client secret not in Auth0")
	}
	f.noLeak(conns[0], "REPLACE-ME-with-the-request-signing-private-key-PEM")
	f.noLeak(conns[1], "REPLACE-ME-with-the-client-secret")
}
