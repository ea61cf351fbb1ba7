package controllers_test

import (
	"os"
	"path/filepath"
	"strings"

	"k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

// applySamples creates every object of the config/samples files, in order, in the fixture's
// namespace, decoded strictly (a field the CRDs do not have fails the test). The managed
// objects, returned in order, must name ClusterTenant prod like every sample; they are pointed
// at the fixture's tenant.
func (f *fixture) applySamples(files ...string) []managed {
	f.t.Helper()
	decode := serializer.NewCodecFactory(env.Scheme, serializer.EnableStrict).UniversalDeserializer().Decode
	var objs []managed
	for _, file := range files {
		raw, err := os.ReadFile(filepath.Join(testenv.Root(), "config", "samples", file))
		if err != nil {
			f.t.Fatal(err)
		}
		for _, doc := range strings.Split(string(raw), "\n---\n") {
			o, _, err := decode([]byte(doc), nil, nil)
			if err != nil {
				f.t.Fatalf("%s: %v", file, err)
			}
			obj := o.(client.Object)
			obj.SetNamespace(f.ns)
			if m, ok := obj.(managed); ok {
				if ref := m.GetManagedSpec().TenantRef; ref.Kind != "ClusterTenant" || ref.Name != "prod" {
					f.t.Errorf("%s: tenantRef %+v, want ClusterTenant prod like the other samples", file, ref)
				}
				m.GetManagedSpec().TenantRef = v1alpha1.TenantReference{Name: f.tenant}
				objs = append(objs, m)
			}
			f.create(obj)
		}
	}
	return objs
}
