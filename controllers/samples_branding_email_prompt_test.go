package controllers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/internal/testenv"
)

// The samples of Branding, EmailTemplate, PromptText and EmailProvider are valid for the CRDs
// and become Ready against the simulator (with the fixture's Tenant instead of ClusterTenant prod).
func TestBrandingEmailPromptSamplesBecomeReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	decode := serializer.NewCodecFactory(env.Scheme).UniversalDeserializer()
	var objs []managed
	for _, file := range []string{"branding_prod.yaml", "emailtemplate_welcome.yaml", "prompttext_login_ja.yaml", "emailprovider_ses.yaml"} {
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
			if m, ok := obj.(managed); ok {
				m.GetManagedSpec().TenantRef = f.ref().TenantRef
				objs = append(objs, m)
			}
			f.create(obj)
		}
	}
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
