package external

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// logStreams is the tenant's stream list (Auth0 does not page it), as Auth0's JSON: go-auth0
// decodes every stream as its first union variant (http) and drops the other sinks' fields.
var logStreams = auth0.Snapshot[map[string]any]{
	Kind: "log-streams",
	List: func(ctx context.Context, api *mgmt.Management, page, _ int) ([]map[string]any, int, error) {
		if page > 0 {
			return nil, 0, nil
		}
		all, err := api.LogStreams.List(ctx)
		if err != nil {
			return nil, 0, err
		}
		out := make([]map[string]any, 0, len(all))
		for _, ls := range all {
			m, err := rawUnion(ls)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, m)
		}
		return out, len(out), nil
	},
	ID: func(m map[string]any) string { id, _ := m["id"].(string); return id },
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (map[string]any, error) {
		ls, err := api.LogStreams.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return rawUnion(ls)
	},
}

// rawUnion is the JSON Auth0 sent for a go-auth0 union answer: the decoded variant keeps it,
// and its String method returns it.
func rawUnion(u any) (map[string]any, error) {
	v := reflect.Indirect(reflect.ValueOf(u))
	for i := 0; v.Kind() == reflect.Struct && i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() && f.CanInterface() {
			if s, ok := f.Interface().(fmt.Stringer); ok {
				var m map[string]any
				return m, json.Unmarshal([]byte(s.String()), &m)
			}
		}
	}
	return nil, fmt.Errorf("empty %T answer", u)
}

// LogStream maps a LogStream to an Auth0 log stream.
type LogStream struct {
	Inputs reconcile.Inputs
}

// NewLogStream returns the LogStream mapping; reader reads the sink's Secrets (uncached).
func NewLogStream(reader client.Reader) *LogStream {
	return &LogStream{Inputs: reconcile.Inputs{Reader: reader}}
}

var _ reconcile.External[*v1alpha1.LogStream] = (*LogStream)(nil)

// LogStreamSecrets are the Secrets a stream's sink reads, for Kind.References.
func LogStreamSecrets(ls *v1alpha1.LogStream) []*v1alpha1.SecretValueSource {
	s := ls.Spec
	switch {
	case s.HTTP != nil:
		return []*v1alpha1.SecretValueSource{s.HTTP.Authorization}
	case s.Datadog != nil:
		return []*v1alpha1.SecretValueSource{&s.Datadog.APIKey}
	case s.Splunk != nil:
		return []*v1alpha1.SecretValueSource{&s.Splunk.Token}
	case s.Sumo != nil:
		return []*v1alpha1.SecretValueSource{&s.Sumo.SourceAddress}
	case s.Segment != nil:
		return []*v1alpha1.SecretValueSource{&s.Segment.WriteKey}
	case s.Mixpanel != nil:
		return []*v1alpha1.SecretValueSource{&s.Mixpanel.ServiceAccountPassword}
	}
	return nil
}

// sink is the stream's type, its sink in Auth0's names, and the sink keys that hold secrets.
func (l *LogStream) sink(ctx context.Context, ls *v1alpha1.LogStream) (typ string, sink map[string]any, secretKeys []string, err error) {
	s, sink := ls.Spec, map[string]any{}
	secret := func(key string, src *v1alpha1.SecretValueSource) {
		if src == nil || err != nil {
			return
		}
		var v []byte
		if v, err = l.Inputs.Secret(ctx, ls.Namespace, src.SecretKeyRef); err == nil {
			sink[key] = string(v)
			secretKeys = append(secretKeys, key)
		}
	}
	switch {
	case s.HTTP != nil:
		typ = "http"
		sink["httpEndpoint"] = s.HTTP.Endpoint
		setString(sink, "httpContentType", s.HTTP.ContentType)
		setString(sink, "httpContentFormat", s.HTTP.ContentFormat)
		if len(s.HTTP.CustomHeaders) > 0 {
			sink["httpCustomHeaders"] = s.HTTP.CustomHeaders
		}
		secret("httpAuthorization", s.HTTP.Authorization)
	case s.EventBridge != nil:
		typ = "eventbridge"
		sink["awsAccountId"], sink["awsRegion"] = s.EventBridge.AWSAccountID, s.EventBridge.AWSRegion
	case s.EventGrid != nil:
		typ = "eventgrid"
		sink["azureSubscriptionId"], sink["azureRegion"] = s.EventGrid.AzureSubscriptionID, s.EventGrid.AzureRegion
		sink["azureResourceGroup"] = s.EventGrid.AzureResourceGroup
	case s.Datadog != nil:
		typ = "datadog"
		sink["datadogRegion"] = s.Datadog.Region
		secret("datadogApiKey", &s.Datadog.APIKey)
	case s.Splunk != nil:
		typ = "splunk"
		sink["splunkDomain"], sink["splunkPort"] = s.Splunk.Domain, strconv.Itoa(int(s.Splunk.Port))
		setPtr(sink, "splunkSecure", s.Splunk.Secure)
		secret("splunkToken", &s.Splunk.Token)
	case s.Sumo != nil:
		typ = "sumo"
		secret("sumoSourceAddress", &s.Sumo.SourceAddress)
	case s.Segment != nil:
		typ = "segment"
		secret("segmentWriteKey", &s.Segment.WriteKey)
	case s.Mixpanel != nil:
		typ = "mixpanel"
		sink["mixpanelRegion"], sink["mixpanelProjectId"] = s.Mixpanel.Region, s.Mixpanel.ProjectID
		sink["mixpanelServiceAccountUsername"] = s.Mixpanel.ServiceAccountUsername
		secret("mixpanelServiceAccountPassword", &s.Mixpanel.ServiceAccountPassword)
	default:
		return "", nil, nil, reconcile.InvalidSpec("no sink set")
	}
	return typ, sink, secretKeys, err
}

// body is the stream the spec describes, in Auth0's JSON, with the secret sink values.
func (l *LogStream) body(ctx context.Context, ls *v1alpha1.LogStream) (map[string]any, []string, error) {
	typ, sink, secretKeys, err := l.sink(ctx, ls)
	if err != nil {
		return nil, nil, err
	}
	s := ls.Spec
	b := map[string]any{"name": nameOr(s.Name, ls.Name), "type": typ, "sink": sink, "status": "active"}
	if s.Paused {
		b["status"] = "paused"
	}
	if len(s.Filters) > 0 {
		filters := make([]map[string]string, len(s.Filters))
		for i, f := range s.Filters {
			filters[i] = map[string]string{"type": nameOr(f.Type, "category"), "name": f.Name}
		}
		b["filters"] = filters
	}
	if p := s.PIIConfig; p != nil {
		pii := map[string]any{"log_fields": p.LogFields}
		setString(pii, "method", p.Method)
		setString(pii, "algorithm", p.Algorithm)
		b["pii_config"] = pii
	}
	m, err := jsonObject(b)
	return m, secretKeys, err
}

// sinkSecretsDigest is the keyed digest of the secret sink values in body.
func sinkSecretsDigest(c *auth0.Client, body map[string]any, keys []string) string {
	sink, _ := body["sink"].(map[string]any)
	values := make(map[string]string, len(keys))
	for _, k := range keys {
		values[k] = fmt.Sprint(sink[k])
	}
	return digestValues(c, values)
}

// resumeRequest is the request token that resumes a suspended stream.
const resumeRequest = "resumeRequest"

// LogStreamRequests are a LogStream's request tokens (reconcile.Kind.Requests).
func LogStreamRequests(ls *v1alpha1.LogStream) map[string]string {
	return map[string]string{resumeRequest: ls.Spec.ResumeRequest}
}

// Observe compares the stream with the spec. Auth0 returns the secret sink values (the
// recordings show them), so they are compared as values; if it ever stops returning one, the
// digest of what was last written stands in for it (for an adopted stream, the digest of the
// Secrets' values when first observed). A suspended stream is reported, never
// resumed, unless spec.resumeRequest has a value not acted on yet.
func (l *LogStream) Observe(ctx context.Context, c *auth0.Client, ls *v1alpha1.LogStream, id string) (reconcile.Observation, error) {
	got, ok, err := logStreams.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	want, secretKeys, err := l.body(ctx, ls)
	if err != nil {
		return reconcile.Observation{}, err
	}
	if got["type"] != want["type"] {
		return reconcile.Observation{}, reconcile.InvalidSpec("Auth0 log stream %s is of type %v, not %v; the type cannot change", id, got["type"], want["type"])
	}
	digest := sinkSecretsDigest(c, want, secretKeys)
	if err := storedDigest(ctx, l.Inputs.Reader, ls, func(o *v1alpha1.LogStream) *string { return &o.Status.SinkSecretsDigest }); err != nil {
		return reconcile.Observation{}, err
	}
	gotSink, _ := got["sink"].(map[string]any)
	wantSink := want["sink"].(map[string]any)
	// A value Auth0 hides is compared by digest; an adopted stream has none yet (the operator
	// never wrote its values): the Secrets' values are taken as Auth0's, recorded below.
	for _, k := range secretKeys {
		if _, shown := gotSink[k]; !shown && (ls.Status.SinkSecretsDigest == digest || ls.Status.SinkSecretsDigest == "") {
			delete(wantSink, k)
		}
	}
	wantState := want["status"]
	delete(want, "status")
	delete(want, "type")
	diff := drift(want, got)

	state, _ := got["status"].(string)
	was := ls.Status.State
	ls.Status.State = state
	ls.Status.PartnerEventSource, _ = gotSink["awsPartnerEventSource"].(string)
	ls.Status.PartnerTopic, _ = gotSink["azurePartnerTopic"].(string)
	obs := reconcile.Observation{Exists: true}
	switch {
	case state == "suspended" && reconcile.Requested(ls, resumeRequest, ls.Spec.ResumeRequest):
		obs.Act = append(obs.Act, reconcile.Action{Name: fmt.Sprintf("resumed the suspended stream (resumeRequest %q)", ls.Spec.ResumeRequest),
			Reason: "Resumed", Do: func(ctx context.Context) error {
				answer, err := c.API().LogStreams.Update(ctx, id, nil, option.WithBodyProperties(map[string]any{"status": wantState}))
				if err != nil {
					return err
				}
				got, err := rawUnion(answer)
				if err == nil {
					logStreams.Put(c, got)
				}
				return err
			}})
	case state == "suspended":
		msg := "Auth0 suspended the stream because its sink kept failing; fix the sink, then set spec.resumeRequest to a new value to resume it"
		obs.NotReady = &reconcile.Waiting{Reason: v1alpha1.ReasonSuspended, Message: msg}
		if was != "suspended" {
			obs.Events = append(obs.Events, reconcile.Event{Type: corev1.EventTypeWarning, Reason: v1alpha1.ReasonSuspended, Message: msg})
		}
	case state != wantState:
		// A resume request made while the stream runs has nothing to resume: the reconciler
		// records it as handled.
		diff = append(diff, "status")
	}
	if len(diff) == 0 {
		ls.Status.SinkSecretsDigest = digest
	}
	obs.UpToDate, obs.Diff = len(diff) == 0, diff
	return obs, nil
}

// Find returns the stream with the spec's name and type.
func (l *LogStream) Find(ctx context.Context, c *auth0.Client, ls *v1alpha1.LogStream) (string, error) {
	typ, _, _, err := l.sink(ctx, ls)
	if err != nil {
		return "", err
	}
	all, err := logStreams.All(ctx, c)
	if err != nil {
		return "", err
	}
	for _, s := range all {
		if s["name"] == nameOr(ls.Spec.Name, ls.Name) && s["type"] == typ {
			return logStreams.ID(s), nil
		}
	}
	return "", nil
}

// Create creates the stream.
func (l *LogStream) Create(ctx context.Context, c *auth0.Client, ls *v1alpha1.LogStream) (string, error) {
	body, secretKeys, err := l.body(ctx, ls)
	if err != nil {
		return "", err
	}
	// Auth0 refuses status on create (a new stream is active); a paused spec is written by the
	// update that follows the create's observation.
	delete(body, "status")
	answer, err := c.API().LogStreams.Create(ctx, nil, option.WithBodyProperties(body))
	if err != nil {
		return "", created(c, logStreams, err)
	}
	got, err := rawUnion(answer)
	if err != nil {
		return "", err
	}
	logStreams.Put(c, got)
	ls.Status.SinkSecretsDigest = sinkSecretsDigest(c, body, secretKeys)
	return logStreams.ID(got), nil
}

// Update writes the spec over the stream. Its status is written only when that changes
// nothing about a suspension, or when the user asked to resume.
func (l *LogStream) Update(ctx context.Context, c *auth0.Client, ls *v1alpha1.LogStream, id string, _ reconcile.Observation) error {
	body, secretKeys, err := l.body(ctx, ls)
	if err != nil {
		return err
	}
	delete(body, "type")
	if ls.Spec.EventBridge != nil || ls.Spec.EventGrid != nil {
		delete(body, "sink") // create-only in Auth0
	}
	if ls.Status.State == "suspended" {
		delete(body, "status") // only a resume request resumes it (Observe's action)
	}
	answer, err := c.API().LogStreams.Update(ctx, id, nil, option.WithBodyProperties(body))
	if err != nil {
		return err
	}
	got, err := rawUnion(answer)
	if err != nil {
		return err
	}
	logStreams.Put(c, got)
	ls.Status.SinkSecretsDigest = sinkSecretsDigest(c, body, secretKeys)
	return nil
}

// Delete deletes the stream; a stream already gone counts as deleted.
func (l *LogStream) Delete(ctx context.Context, c *auth0.Client, _ *v1alpha1.LogStream, id string) error {
	err := c.API().LogStreams.Delete(ctx, id)
	if err == nil || auth0.IsNotFound(err) {
		logStreams.Delete(c, id)
	}
	return err
}

// logStreamExporter reads every stream; suspended ones too (the LogStream reports them).
var logStreamExporter = Exporter{Kind: "LogStream", Read: eachOf(logStreams, func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
	return Found{ID: logStreams.ID(o), Name: stringOf(o, "name"), Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportLogStream(o, x)
	}}, nil
})}

// exportLogStream is the LogStream whose body is the stream o. Each secret sink value is
// referenced from the key named after its sink field (datadogApiKey, httpAuthorization, ...).
func exportLogStream(o object, x *ExportContext) (reconcile.Object, error) {
	sink := objectField(o, "sink")
	s := v1alpha1.LogStreamSpec{Name: x.AuthName(stringOf(o, "name")), Paused: stringOf(o, "status") == "paused"}
	switch typ := stringOf(o, "type"); typ {
	case "http":
		s.HTTP = &v1alpha1.LogStreamHTTP{Endpoint: stringOf(sink, "httpEndpoint"), ContentType: stringOf(sink, "httpContentType"),
			ContentFormat: stringOf(sink, "httpContentFormat")}
		if _, ok := sink["httpAuthorization"]; ok {
			s.HTTP.Authorization = ptr(x.Secret("httpAuthorization", "the Authorization header the webhook expects"))
		}
		headers := anyList(sink, "httpCustomHeaders")
		if slices.ContainsFunc(headers, func(h any) bool {
			m, _ := h.(map[string]any)
			return holdsSecret(stringOf(m, "header"), stringOf(m, "value")) || strings.EqualFold(stringOf(m, "header"), "authorization")
		}) {
			// The kind takes header values inline; one that looks secret keeps the whole list
			// (compared as a whole) out of the export.
			headers = nil
			x.Omit("sink.httpCustomHeaders", "a header carries a secret value, which an export never writes")
		}
		for _, h := range headers {
			m, _ := h.(map[string]any)
			s.HTTP.CustomHeaders = append(s.HTTP.CustomHeaders, v1alpha1.LogStreamHTTPHeader{Header: stringOf(m, "header"), Value: stringOf(m, "value")})
		}
	case "eventbridge":
		s.EventBridge = &v1alpha1.LogStreamEventBridge{AWSAccountID: stringOf(sink, "awsAccountId"), AWSRegion: stringOf(sink, "awsRegion")}
	case "eventgrid":
		s.EventGrid = &v1alpha1.LogStreamEventGrid{AzureSubscriptionID: stringOf(sink, "azureSubscriptionId"),
			AzureRegion: stringOf(sink, "azureRegion"), AzureResourceGroup: stringOf(sink, "azureResourceGroup")}
	case "datadog":
		s.Datadog = &v1alpha1.LogStreamDatadog{Region: stringOf(sink, "datadogRegion"), APIKey: x.Secret("datadogApiKey", "the Datadog API key")}
	case "splunk":
		port, _ := strconv.Atoi(stringOf(sink, "splunkPort"))
		s.Splunk = &v1alpha1.LogStreamSplunk{Domain: stringOf(sink, "splunkDomain"), Port: int32(port), Secure: boolField(sink, "splunkSecure"),
			Token: x.Secret("splunkToken", "the Splunk HTTP Event Collector token")}
	case "sumo":
		s.Sumo = &v1alpha1.LogStreamSumo{SourceAddress: x.Secret("sumoSourceAddress", "the Sumo Logic HTTP source's URL")}
	case "segment":
		s.Segment = &v1alpha1.LogStreamSegment{WriteKey: x.Secret("segmentWriteKey", "the Segment write key")}
	case "mixpanel":
		s.Mixpanel = &v1alpha1.LogStreamMixpanel{Region: stringOf(sink, "mixpanelRegion"), ProjectID: stringOf(sink, "mixpanelProjectId"),
			ServiceAccountUsername: stringOf(sink, "mixpanelServiceAccountUsername"),
			ServiceAccountPassword: x.Secret("mixpanelServiceAccountPassword", "the Mixpanel service account's password")}
	default:
		return nil, fmt.Errorf("log stream %s is of type %q, which the LogStream kind does not model", logStreams.ID(o), typ)
	}
	for _, f := range anyList(o, "filters") {
		m, _ := f.(map[string]any)
		typ := stringOf(m, "type")
		if typ == "category" { // the only type, and the default
			typ = ""
		}
		s.Filters = append(s.Filters, v1alpha1.LogStreamFilter{Type: typ, Name: stringOf(m, "name")})
	}
	if p := objectField(o, "pii_config"); len(p) > 0 {
		s.PIIConfig = &v1alpha1.LogStreamPIIConfig{LogFields: stringsField(p, "log_fields"), Method: stringOf(p, "method"), Algorithm: stringOf(p, "algorithm")}
	}
	d := v1alpha1.LogStreamSpec{PIIConfig: &v1alpha1.LogStreamPIIConfig{Method: "hash", Algorithm: "xxhash"}}
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	return &v1alpha1.LogStream{Spec: s}, nil
}
