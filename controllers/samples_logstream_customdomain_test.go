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

// The LogStream and CustomDomain samples, applied as written (with the fixture's tenant),
// become Ready against the simulator.
func TestLogStreamAndCustomDomainSamplesBecomeReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	decode := serializer.NewCodecFactory(env.Scheme).UniversalDeserializer().Decode
	f.sim.SetCustomDomainDNS("login.example.com", true) // the record is already published
	var objs []managed
	for _, file := range []string{"logstream_datadog.yaml", "logstream_eventbridge.yaml", "logstream_http.yaml", "customdomain_login.yaml"} {
		b, err := os.ReadFile(filepath.Join(testenv.Root(), "config", "samples", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range strings.Split(string(b), "\n---\n") {
			o, _, err := decode([]byte(doc), nil, nil)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			obj := o.(client.Object)
			obj.SetNamespace(f.ns)
			if m, ok := obj.(managed); ok {
				m.GetManagedSpec().TenantRef = v1alpha1.TenantReference{Name: f.tenant}
				objs = append(objs, m)
			}
			f.create(obj)
		}
	}
	if len(objs) != 4 {
		t.Fatalf("%d managed objects in the samples", len(objs))
	}
	for _, o := range objs {
		f.waitReady(o)
	}
	f.get(objs[1])
	if eb := objs[1].(*v1alpha1.LogStream); eb.Status.PartnerEventSource == "" {
		t.Error("the EventBridge sample shows no partner event source")
	}
}
