package controllers_test

import (
	"testing"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// The LogStream and CustomDomain samples, applied as written (with the fixture's tenant),
// become Ready against the simulator.
func TestLogStreamAndCustomDomainSamplesBecomeReady(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.sim.SetCustomDomainDNS("login.example.com", true) // the record is already published
	objs := f.applySamples("logstream_datadog.yaml", "logstream_eventbridge.yaml", "logstream_http.yaml", "customdomain_login.yaml")
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
