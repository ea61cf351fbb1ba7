package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// inputDigest is the digest status.inputs records for an input of obj ("" when none).
func inputDigest(obj reconcile.Object, name string) string {
	if in := obj.GetManagedStatus().Inputs; in != nil {
		return in.Digests[name]
	}
	return ""
}

func secretRef(name, key string) v1alpha1.SecretValueSource {
	return v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: name, Key: key}}
}

func logStream(f *fixture, name string, set func(*v1alpha1.LogStreamSpec)) *v1alpha1.LogStream {
	ls := &v1alpha1.LogStream{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.LogStreamSpec{ManagedSpec: f.ref()}}
	set(&ls.Spec)
	return ls
}

func sinkOf(f *fixture, ls *v1alpha1.LogStream) auth0sim.Object {
	f.t.Helper()
	sink, _ := f.simObject("log-streams", ls.Status.ID)["sink"].(map[string]any)
	return sink
}

// Every stream type is created with its sink and updated in place; the secret sink values come
// from the Secret and appear nowhere in Kubernetes but there.
func TestLogStreamEveryTypeCreateAndUpdate(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "sinks", Namespace: f.ns}, StringData: map[string]string{
		"auth": "Bearer http-secret-1", "datadog": "dd-secret-1", "splunk": "splunk-secret-1",
		"sumo": "https://collectors.sumologic.com/receiver/v1/http/sumo-secret-1", "segment": "segment-secret-1", "mixpanel": "mixpanel-secret-1",
	}})
	yes := true
	cases := []struct {
		typ    string
		set    func(*v1alpha1.LogStreamSpec)
		want   map[string]any // sink fields after create
		update func(*v1alpha1.LogStreamSpec)
		after  map[string]any // sink fields after update
	}{
		{"http", func(s *v1alpha1.LogStreamSpec) {
			a := secretRef("sinks", "auth")
			s.HTTP = &v1alpha1.LogStreamHTTP{Endpoint: "https://logs.example.com/in", ContentType: "application/json",
				ContentFormat: "JSONLINES", Authorization: &a, CustomHeaders: []v1alpha1.LogStreamHTTPHeader{{Header: "X-Env", Value: "prod"}}}
		}, map[string]any{"httpEndpoint": "https://logs.example.com/in", "httpContentFormat": "JSONLINES", "httpAuthorization": "Bearer http-secret-1"},
			func(s *v1alpha1.LogStreamSpec) { s.HTTP.ContentFormat = "JSONARRAY" }, map[string]any{"httpContentFormat": "JSONARRAY"}},
		{"eventbridge", func(s *v1alpha1.LogStreamSpec) {
			s.EventBridge = &v1alpha1.LogStreamEventBridge{AWSAccountID: "123456789012", AWSRegion: "eu-west-1"}
		}, map[string]any{"awsAccountId": "123456789012", "awsRegion": "eu-west-1"},
			func(s *v1alpha1.LogStreamSpec) { s.Name = "eventbridge-renamed" }, map[string]any{"awsRegion": "eu-west-1"}},
		{"eventgrid", func(s *v1alpha1.LogStreamSpec) {
			s.EventGrid = &v1alpha1.LogStreamEventGrid{AzureSubscriptionID: "b69a6835-57c7-4d53-b0d5-1c6ae580b6d5", AzureRegion: "northeurope", AzureResourceGroup: "auth0-logs"}
		}, map[string]any{"azureRegion": "northeurope", "azureResourceGroup": "auth0-logs"},
			func(s *v1alpha1.LogStreamSpec) { s.Name = "eventgrid-renamed" }, map[string]any{"azureRegion": "northeurope"}},
		{"datadog", func(s *v1alpha1.LogStreamSpec) {
			s.Datadog = &v1alpha1.LogStreamDatadog{Region: "us", APIKey: secretRef("sinks", "datadog")}
		}, map[string]any{"datadogRegion": "us", "datadogApiKey": "dd-secret-1"},
			func(s *v1alpha1.LogStreamSpec) { s.Datadog.Region = "eu" }, map[string]any{"datadogRegion": "eu", "datadogApiKey": "dd-secret-1"}},
		{"splunk", func(s *v1alpha1.LogStreamSpec) {
			s.Splunk = &v1alpha1.LogStreamSplunk{Domain: "splunk.example.com", Port: 8088, Secure: &yes, Token: secretRef("sinks", "splunk")}
		}, map[string]any{"splunkDomain": "splunk.example.com", "splunkPort": "8088", "splunkSecure": true, "splunkToken": "splunk-secret-1"},
			func(s *v1alpha1.LogStreamSpec) { s.Splunk.Port = 8089 }, map[string]any{"splunkPort": "8089"}},
		{"sumo", func(s *v1alpha1.LogStreamSpec) {
			s.Sumo = &v1alpha1.LogStreamSumo{SourceAddress: secretRef("sinks", "sumo")}
		},
			map[string]any{"sumoSourceAddress": "https://collectors.sumologic.com/receiver/v1/http/sumo-secret-1"},
			func(s *v1alpha1.LogStreamSpec) { s.Name = "sumo-renamed" }, map[string]any{}},
		{"segment", func(s *v1alpha1.LogStreamSpec) {
			s.Segment = &v1alpha1.LogStreamSegment{WriteKey: secretRef("sinks", "segment")}
		},
			map[string]any{"segmentWriteKey": "segment-secret-1"},
			func(s *v1alpha1.LogStreamSpec) { s.Name = "segment-renamed" }, map[string]any{}},
		{"mixpanel", func(s *v1alpha1.LogStreamSpec) {
			s.Mixpanel = &v1alpha1.LogStreamMixpanel{Region: "us", ProjectID: "123", ServiceAccountUsername: "auth0.sa",
				ServiceAccountPassword: secretRef("sinks", "mixpanel")}
		}, map[string]any{"mixpanelRegion": "us", "mixpanelProjectId": "123", "mixpanelServiceAccountPassword": "mixpanel-secret-1"},
			func(s *v1alpha1.LogStreamSpec) { s.Mixpanel.Region = "eu" }, map[string]any{"mixpanelRegion": "eu"}},
	}
	streams := map[string]*v1alpha1.LogStream{}
	for _, tc := range cases {
		ls := logStream(f, tc.typ, tc.set)
		ls.Spec.Filters = []v1alpha1.LogStreamFilter{{Name: "auth.login.fail"}}
		f.create(ls)
		streams[tc.typ] = ls
	}
	check := func(ls *v1alpha1.LogStream, typ, name string, want map[string]any) {
		t.Helper()
		o := f.simObject("log-streams", ls.Status.ID)
		if o["type"] != typ || o["name"] != name || o["status"] != "active" {
			t.Errorf("%s: stream in Auth0: type %v, name %v, status %v", typ, o["type"], o["name"], o["status"])
		}
		sink := sinkOf(f, ls)
		for k, v := range want {
			if fmt.Sprint(sink[k]) != fmt.Sprint(v) {
				t.Errorf("%s: sink.%s = %v, want %v", typ, k, sink[k], v)
			}
		}
	}
	for _, tc := range cases {
		ls := streams[tc.typ]
		f.waitReady(ls)
		check(ls, tc.typ, tc.typ, tc.want)
		if ls.Status.State != "active" {
			t.Errorf("%s: status.state = %q", tc.typ, ls.Status.State)
		}
		if f := strs(f.simObject("log-streams", ls.Status.ID)["filters"]); len(f) != 1 || !strings.Contains(f[0], "auth.login.fail") {
			t.Errorf("%s: filters = %v", tc.typ, f)
		}
	}
	eb := streams["eventbridge"]
	if !strings.HasPrefix(eb.Status.PartnerEventSource, "aws.partner/auth0.com/") {
		t.Errorf("eventbridge status.partnerEventSource = %q", eb.Status.PartnerEventSource)
	}
	if streams["eventgrid"].Status.PartnerTopic == "" {
		t.Error("eventgrid status.partnerTopic is empty")
	}

	for _, tc := range cases {
		ls := streams[tc.typ]
		f.update(ls, func() { tc.update(&ls.Spec) })
	}
	for _, tc := range cases {
		ls := streams[tc.typ]
		f.waitReady(ls)
		check(ls, tc.typ, nameOr(ls.Spec.Name, tc.typ), tc.after)
	}
	if n := f.calls("POST /api/v2/log-streams"); n != len(cases) {
		t.Errorf("%d creates for %d streams", n, len(cases))
	}
	noSecretLeaks(t, f, streams, "secret-1")
}

func nameOr(name, def string) string {
	if name != "" {
		return name
	}
	return def
}

// noSecretLeaks fails when a secret value shows in a stream's status or in an Event.
func noSecretLeaks(t *testing.T, f *fixture, streams map[string]*v1alpha1.LogStream, secret string) {
	t.Helper()
	for name, ls := range streams {
		f.get(ls)
		if s := fmt.Sprintf("%+v", ls.Status); strings.Contains(s, secret) {
			t.Errorf("%s: status shows a secret value: %s", name, s)
		}
	}
	for _, e := range f.events() {
		if strings.Contains(e, secret) {
			t.Errorf("Event shows a secret value: %s", e)
		}
	}
}

// A rotated Secret reaches Auth0 without a spec change, and a dashboard edit of the secret is
// corrected.
func TestLogStreamSecretRotation(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "datadog", Namespace: f.ns}, StringData: map[string]string{"apiKey": "dd-key-v1"}}
	f.create(sec)
	ls := logStream(f, "datadog", func(s *v1alpha1.LogStreamSpec) {
		s.Datadog = &v1alpha1.LogStreamDatadog{Region: "us", APIKey: secretRef("datadog", "apiKey")}
	})
	f.create(ls)
	f.waitReady(ls)
	if got := sinkOf(f, ls)["datadogApiKey"]; got != "dd-key-v1" {
		t.Fatalf("datadogApiKey = %v", got)
	}
	digest := inputDigest(ls, "sink.datadogApiKey")
	if digest == "" {
		t.Error("no status.inputs digest of the sink's key")
	}

	f.update(sec, func() { sec.Data = map[string][]byte{"apiKey": []byte("dd-key-v2")} })
	f.eventually(func() (bool, string) {
		got := sinkOf(f, ls)["datadogApiKey"]
		return got == "dd-key-v2", fmt.Sprintf("datadogApiKey = %v", got)
	})
	f.eventually(func() (bool, string) {
		f.get(ls)
		return inputDigest(ls, "sink.datadogApiKey") != digest, "digest unchanged after rotation"
	})
	f.waitReady(ls)

	// A key changed in the dashboard is drift, corrected from the Secret.
	f.sim.PatchObject("log-streams", ls.Status.ID, auth0sim.Object{"sink": map[string]any{"datadogApiKey": "typed-by-hand"}})
	note := f.waitEvent("datadog", "DriftCorrected")
	if !strings.Contains(note, "sink.datadogApiKey") {
		t.Errorf("DriftCorrected note %q", note)
	}
	f.eventually(func() (bool, string) {
		got := sinkOf(f, ls)["datadogApiKey"]
		return got == "dd-key-v2", fmt.Sprintf("datadogApiKey = %v", got)
	})
	noSecretLeaks(t, f, map[string]*v1alpha1.LogStream{"datadog": ls}, "dd-key-v")

	// Deleting the LogStream deletes the stream in Auth0.
	id := ls.Status.ID
	f.delete(ls)
	f.waitGone(ls)
	if _, ok := f.sim.Object("log-streams", id); ok {
		t.Error("the stream is still in Auth0")
	}

	// A missing Secret waits, naming it (and no value).
	ls2 := logStream(f, "segment", func(s *v1alpha1.LogStreamSpec) {
		s.Segment = &v1alpha1.LogStreamSegment{WriteKey: secretRef("segment", "writeKey")}
	})
	f.create(ls2)
	c := f.waitCondition(ls2, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "segment") {
		t.Errorf("message %q does not name the Secret", c.Message)
	}
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "segment", Namespace: f.ns}, StringData: map[string]string{"writeKey": "w"}})
	f.waitReady(ls2)
}

// Auth0 suspends a failing stream: reported (Ready=False, Suspended, an Event), not resumed by
// the operator however often it looks, and resumed once when spec.resumeRequest changes.
func TestLogStreamSuspendedAndResumedOnRequest(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ls := logStream(f, "webhook", func(s *v1alpha1.LogStreamSpec) {
		s.HTTP = &v1alpha1.LogStreamHTTP{Endpoint: "https://logs.example.com/in", ContentFormat: "JSONLINES"}
		s.ResumeRequest = "given-at-create" // nothing to resume: must not resume a later suspension
	})
	f.create(ls)
	f.waitReady(ls)

	if !f.sim.SuspendLogStream(ls.Status.ID) {
		t.Fatal("no such stream in the simulator")
	}
	c := f.waitCondition(ls, v1alpha1.ConditionReady, metav1.ConditionFalse, "Suspended")
	if !strings.Contains(c.Message, "resumeRequest") {
		t.Errorf("Suspended message %q does not say how to resume", c.Message)
	}
	if ls.Status.State != "suspended" {
		t.Errorf("status.state = %q", ls.Status.State)
	}
	f.waitEvent("webhook", "Suspended")
	patches := f.calls("PATCH /api/v2/log-streams/{id}")

	// Observed again (twice), still suspended, nothing written.
	for i := 0; i < 2; i++ {
		f.nudge(ls, 2*time.Second)
	}
	if got := f.simObject("log-streams", ls.Status.ID)["status"]; got != "suspended" {
		t.Fatalf("the operator resumed the stream on its own: status %v", got)
	}
	if n := f.calls("PATCH /api/v2/log-streams/{id}"); n != patches {
		t.Errorf("%d PATCHes while suspended", n-patches)
	}
	f.get(ls)
	if c := readyOf(ls); c.Reason != "Suspended" {
		t.Errorf("Ready reason %q after observing again", c.Reason)
	}
	// Other spec changes are written without resuming.
	f.update(ls, func() { ls.Spec.HTTP.ContentFormat = "JSONARRAY" })
	f.eventually(func() (bool, string) {
		o := f.simObject("log-streams", ls.Status.ID)
		sink, _ := o["sink"].(map[string]any)
		return sink["httpContentFormat"] == "JSONARRAY" && o["status"] == "suspended", fmt.Sprintf("stream %v", o)
	})

	// The user asks: resumed once.
	f.update(ls, func() { ls.Spec.ResumeRequest = "sink-fixed-1" })
	f.waitReady(ls)
	if got := f.simObject("log-streams", ls.Status.ID)["status"]; got != "active" {
		t.Fatalf("status after resume request = %v", got)
	}
	f.waitEvent("webhook", "Resumed")
	if ls.Status.Requests["resumeRequest"] != "sink-fixed-1" || ls.Status.State != "active" {
		t.Errorf("status: resumeRequest %q, state %q", ls.Status.Requests["resumeRequest"], ls.Status.State)
	}

	// Suspended again: the same request does not resume it again.
	f.sim.SuspendLogStream(ls.Status.ID)
	f.waitCondition(ls, v1alpha1.ConditionReady, metav1.ConditionFalse, "Suspended")
	f.nudge(ls, 2*time.Second)
	if got := f.simObject("log-streams", ls.Status.ID)["status"]; got != "suspended" {
		t.Fatalf("an old resume request resumed a new suspension: status %v", got)
	}

	// Paused is the user's own state, written and kept.
	f.update(ls, func() { ls.Spec.Paused = true; ls.Spec.ResumeRequest = "sink-fixed-2" })
	f.waitReady(ls)
	if got := f.simObject("log-streams", ls.Status.ID)["status"]; got != "paused" || ls.Status.State != "paused" {
		t.Fatalf("paused: Auth0 status %v, status.state %q", got, ls.Status.State)
	}
}

func readyOf(o managed) metav1.Condition {
	for _, c := range o.GetManagedStatus().Conditions {
		if c.Type == v1alpha1.ConditionReady {
			return c
		}
	}
	return metav1.Condition{}
}

// nudge makes the operator observe o again, from a list read after the call: it touches an
// annotation (which reconciles at once) until lastSyncTime passes a snapshot's lifetime.
func (f *fixture) nudge(o managed, interval time.Duration) {
	f.t.Helper()
	since := time.Now().Add(interval + time.Second)
	f.eventually(func() (bool, string) {
		f.get(o)
		last := o.GetManagedStatus().LastSyncTime
		if last != nil && last.Time.After(since) {
			return true, ""
		}
		a := o.GetAnnotations()
		if a == nil {
			a = map[string]string{}
		}
		a["test.a0ops.dev/nudge"] = time.Now().Format(time.RFC3339Nano)
		o.SetAnnotations(a)
		_ = env.Client.Update(f.ctx, o)
		time.Sleep(200 * time.Millisecond)
		return false, fmt.Sprintf("last sync %v, want after %v", last, since)
	})
}

// Bad streams are refused at apply time.
func TestLogStreamInvalidSpecsRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	two := logStream(f, "two", func(s *v1alpha1.LogStreamSpec) {
		s.Segment = &v1alpha1.LogStreamSegment{WriteKey: secretRef("s", "k")}
		s.Sumo = &v1alpha1.LogStreamSumo{SourceAddress: secretRef("s", "k")}
	})
	none := logStream(f, "none", func(*v1alpha1.LogStreamSpec) {})
	for _, ls := range []*v1alpha1.LogStream{two, none} {
		err := env.Client.Create(f.ctx, ls)
		if err == nil || !strings.Contains(err.Error(), "set exactly one of http, eventbridge") {
			t.Errorf("%s: error %v", ls.Name, err)
		}
	}

	eb := logStream(f, "eb", func(s *v1alpha1.LogStreamSpec) {
		s.EventBridge = &v1alpha1.LogStreamEventBridge{AWSAccountID: "123456789012", AWSRegion: "us-east-1"}
	})
	f.create(eb)
	err := f.refusedUpdate(eb, func() {
		eb.Spec.EventBridge = nil
		eb.Spec.Segment = &v1alpha1.LogStreamSegment{WriteKey: secretRef("s", "k")}
	})
	if !strings.Contains(err.Error(), "the type of a log stream cannot be changed") {
		t.Errorf("type change: %v", err)
	}
	err = f.refusedUpdate(eb, func() { eb.Spec.EventBridge.AWSRegion = "eu-west-1" })
	if !strings.Contains(err.Error(), "awsRegion cannot be changed") {
		t.Errorf("region change: %v", err)
	}
}

// Drift per policy: ObserveOnly reports a difference and writes nothing; Manage corrects a
// dashboard edit of a custom domain.
func TestLogStreamObserveOnlyAndCustomDomainDrift(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "dd", Namespace: f.ns}, StringData: map[string]string{"k": "dd-observed"}})
	existing, apiErr := f.sim.CreateObject("log-streams", auth0sim.Object{"name": "legacy", "type": "datadog",
		"sink": map[string]any{"datadogRegion": "us", "datadogApiKey": "dd-observed"}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	ls := logStream(f, "legacy", func(s *v1alpha1.LogStreamSpec) {
		s.ExternalID, s.ManagementPolicy = existing["id"].(string), v1alpha1.ManagementObserveOnly
		s.Datadog = &v1alpha1.LogStreamDatadog{Region: "eu", APIKey: secretRef("dd", "k")}
	})
	f.create(ls)
	c := f.waitCondition(ls, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "sink.datadogRegion") || strings.Contains(c.Message, "datadogApiKey") {
		t.Errorf("Synced message %q", c.Message)
	}
	if n := f.writes(); n != 0 {
		t.Errorf("ObserveOnly wrote %d times", n)
	}

	cd := customDomain(f, "login", "login.example.com")
	cd.Spec.CustomClientIPHeader = "true-client-ip"
	f.sim.SetCustomDomainDNS("login.example.com", true)
	f.create(cd)
	f.waitReady(cd)
	f.sim.PatchObject("custom-domains", cd.Status.ID, auth0sim.Object{"custom_client_ip_header": "x-forwarded-for"})
	note := f.waitEvent("login", "DriftCorrected")
	if !strings.Contains(note, "custom_client_ip_header") {
		t.Errorf("DriftCorrected note %q", note)
	}
	if got := f.simObject("custom-domains", cd.Status.ID)["custom_client_ip_header"]; got != "true-client-ip" {
		t.Errorf("custom_client_ip_header = %v", got)
	}
}
