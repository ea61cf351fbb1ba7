package controllers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

// The SAML and OIDC enterprise connection samples, with their placeholder Secret and
// ConfigMap, become Ready; Auth0 gets the keys, status does not.
func TestEnterpriseConnectionSamplesBecomeReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	decode := serializer.NewCodecFactory(env.Scheme).UniversalDeserializer()
	var conns []*v1alpha1.Connection
	for _, file := range []string{"connection_saml_acme.yaml", "connection_oidc_corp.yaml"} {
		raw, err := os.ReadFile(filepath.Join(testenv.Root(), "config", "samples", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range strings.Split(string(raw), "\n---\n") {
			o, _, err := decode.Decode([]byte(doc), nil, nil)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			obj := o.(client.Object)
			obj.SetNamespace(f.ns)
			if c, ok := obj.(*v1alpha1.Connection); ok {
				c.Spec.TenantRef = f.ref().TenantRef
				conns = append(conns, c)
			}
			f.create(obj)
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
