package external

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
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
var logStreams = auth0.Snapshot[object]{
	Kind: "log-streams",
	List: func(ctx context.Context, api *mgmt.Management, page, _ int) ([]object, int, error) {
		if page > 0 {
			return nil, 0, nil
		}
		all, err := api.LogStreams.List(ctx)
		if err != nil {
			return nil, 0, err
		}
		out := make([]object, 0, len(all))
		for _, ls := range all {
			m, err := rawUnion(ls, nil)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, m)
		}
		return out, len(out), nil
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return rawUnion(api.LogStreams.Get(ctx, id))
	},
}

// rawUnion is the JSON Auth0 sent for a go-auth0 union answer u (or err): the decoded variant
// keeps it, and its String method returns it.
func rawUnion(u any, err error) (object, error) {
	if err != nil {
		return nil, err
	}
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

// LogStream maps a LogStream to an Auth0 log stream, found by its name and type.
type LogStream struct {
	Collection[*v1alpha1.LogStream]
	Inputs reconcile.Inputs
}

// NewLogStream returns the LogStream mapping; reader reads the sink's Secrets (uncached).
func NewLogStream(reader client.Reader) *LogStream {
	l := &LogStream{Inputs: reconcile.Inputs{Reader: reader}}
	l.Collection = Collection[*v1alpha1.LogStream]{
		List: logStreams,
		Key: func(ls *v1alpha1.LogStream) object {
			return object{"name": nameOr(ls.Spec.Name, ls.Name), "type": sinkType(ls.Spec)}
		},
		Body: l.body,
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return rawUnion(api.LogStreams.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return rawUnion(api.LogStreams.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.LogStreams.Delete(ctx, id)
		},
	}
	return l
}

var _ reconcile.External[*v1alpha1.LogStream] = (*LogStream)(nil)

// body is the stream the spec describes, in Auth0's JSON, with the secret sink values and
// without its status (Auth0 refuses it on create: a new stream is active; Update sends it).
func (l *LogStream) body(ctx context.Context, _ *auth0.Client, ls *v1alpha1.LogStream) (object, error) {
	sink, err := l.sink(ctx, ls)
	if err != nil {
		return nil, err
	}
	s := ls.Spec
	b := toAuth0(s)
	b["name"], b["type"], b["sink"] = nameOr(s.Name, ls.Name), sinkType(s), sink
	filters, _ := b["filters"].([]any)
	for _, f := range filters {
		if f := f.(object); f["type"] == nil {
			f["type"] = "category" // the only type
		}
	}
	if err := withPassthrough(b, ls.Spec, ls.Spec.Passthrough, "status"); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// wantState is the stream status the spec asks for.
func wantState(ls *v1alpha1.LogStream) string {
	if ls.Spec.Paused {
		return "paused"
	}
	return "active"
}

// resumeRequest is the request token that resumes a suspended stream.
const resumeRequest = "resumeRequest"

// LogStreamRequests are a LogStream's request tokens (reconcile.Kind.Requests).
func LogStreamRequests(ls *v1alpha1.LogStream) map[string]string {
	return map[string]string{resumeRequest: ls.Spec.ResumeRequest}
}

// Observe compares the stream with the spec. Auth0 returns the secret sink values (the
// recordings show them), so they are compared as values; should it hide one, the value is
// compared through its input digest instead. A suspended stream is reported, never resumed,
// unless spec.resumeRequest has a value not acted on yet.
func (l *LogStream) Observe(ctx context.Context, c *auth0.Client, ls *v1alpha1.LogStream, id string) (reconcile.Observation, error) {
	got, ok, err := logStreams.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	want, err := l.body(ctx, c, ls)
	if err != nil {
		return reconcile.Observation{}, err
	}
	if got["type"] != want["type"] {
		return reconcile.Observation{}, reconcile.InvalidSpec("Auth0 log stream %s is of type %v, not %v; the type cannot change", id, got["type"], want["type"])
	}
	gotSink, wantSink := objectField(got, "sink"), objectField(want, "sink")
	obs := reconcile.Observation{Exists: true}
	for k := range sinkSecrets(ls.Spec) {
		_, shown := gotSink[k]
		switch changed := reconcile.Input(c, ls, &obs, "sink."+k, []byte(fmt.Sprint(wantSink[k]))); {
		case changed: // the Secret changed: an update, not drift
			obs.Changed = append(obs.Changed, "sink."+k)
		case !shown:
			delete(wantSink, k)
		}
	}
	delete(want, "type")
	diff := drift(want, got)

	state := stringOf(got, "status")
	was := ls.Status.State
	ls.Status.State = state
	ls.Status.PartnerEventSource = stringOf(gotSink, "awsPartnerEventSource")
	ls.Status.PartnerTopic = stringOf(gotSink, "azurePartnerTopic")
	switch {
	case state == "suspended" && reconcile.Requested(ls, resumeRequest, ls.Spec.ResumeRequest):
		obs.Act = append(obs.Act, reconcile.Action{Name: fmt.Sprintf("resumed the suspended stream (resumeRequest %q)", ls.Spec.ResumeRequest),
			Reason: "Resumed", Do: func(ctx context.Context) error {
				return l.write(ctx, c, id, object{"status": wantState(ls)})
			}})
	case state == "suspended":
		msg := "Auth0 suspended the stream because its sink kept failing; fix the sink, then set spec.resumeRequest to a new value to resume it"
		obs.NotReady = &reconcile.Waiting{Reason: v1alpha1.ReasonSuspended, Message: msg}
		if was != "suspended" {
			obs.Events = append(obs.Events, reconcile.Event{Type: corev1.EventTypeWarning, Reason: v1alpha1.ReasonSuspended, Message: msg})
		}
	case state != wantState(ls):
		// A resume request made while the stream runs has nothing to resume: the reconciler
		// records it as handled.
		diff = append(diff, "status")
	}
	obs.UpToDate, obs.Diff = len(diff) == 0, diff
	return withValues(obs, want, got), nil
}

// Update writes the spec over the stream. Its status is written only when that changes
// nothing about a suspension: only a resume request resumes one (Observe's action).
func (l *LogStream) Update(ctx context.Context, c *auth0.Client, ls *v1alpha1.LogStream, id string, _ reconcile.Observation) error {
	body, err := l.body(ctx, c, ls)
	if err != nil {
		return err
	}
	delete(body, "type")
	if ls.Spec.EventBridge != nil || ls.Spec.EventGrid != nil {
		delete(body, "sink") // create-only in Auth0
	}
	if ls.Status.State != "suspended" {
		body["status"] = wantState(ls)
	}
	return l.write(ctx, c, id, body)
}

// logStreamExporter reads every stream; suspended ones too (the LogStream reports them).
var logStreamExporter = Exporter{Kind: "LogStream", Read: eachOf(logStreams, func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
	return Found{ID: idOf(o), Name: stringOf(o, "name"), Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportLogStream(o, x)
	}}, nil
})}

// exportLogStream is the LogStream whose body is the stream o. Each secret sink value is
// referenced from the key named after its sink field (datadogApiKey, httpAuthorization, ...).
func exportLogStream(o object, x *ExportContext) (reconcile.Object, error) {
	sink := maps.Clone(objectField(o, "sink")) // edited below; o is the snapshot's
	s := v1alpha1.LogStreamSpec{Name: x.AuthName(stringOf(o, "name")), Paused: stringOf(o, "status") == "paused"}
	fromAuth0(o, &s)
	switch typ := stringOf(o, "type"); typ {
	case "http":
		s.HTTP = &v1alpha1.LogStreamHTTP{}
		if _, ok := sink["httpAuthorization"]; ok {
			s.HTTP.Authorization = ptr(x.Secret("httpAuthorization", "the Authorization header the webhook expects"))
		}
		if slices.ContainsFunc(anyList(sink, "httpCustomHeaders"), func(h any) bool {
			m, _ := h.(map[string]any)
			return holdsSecret(stringOf(m, "header"), stringOf(m, "value")) || strings.EqualFold(stringOf(m, "header"), "authorization")
		}) {
			// The kind takes header values inline; one that looks secret keeps the whole list
			// (compared as a whole) out of the export.
			delete(sink, "httpCustomHeaders")
			x.Omit("sink.httpCustomHeaders", "a header carries a secret value, which an export never writes")
		}
		fromAuth0(sink, s.HTTP)
	case "eventbridge":
		s.EventBridge = &v1alpha1.LogStreamEventBridge{}
		fromAuth0(sink, s.EventBridge)
	case "eventgrid":
		s.EventGrid = &v1alpha1.LogStreamEventGrid{}
		fromAuth0(sink, s.EventGrid)
	case "datadog":
		s.Datadog = &v1alpha1.LogStreamDatadog{APIKey: x.Secret("datadogApiKey", "the Datadog API key")}
		fromAuth0(sink, s.Datadog)
	case "splunk":
		port, _ := strconv.Atoi(stringOf(sink, "splunkPort"))
		s.Splunk = &v1alpha1.LogStreamSplunk{Port: int32(port), Token: x.Secret("splunkToken", "the Splunk HTTP Event Collector token")}
		fromAuth0(sink, s.Splunk)
	case "sumo":
		s.Sumo = &v1alpha1.LogStreamSumo{SourceAddress: x.Secret("sumoSourceAddress", "the Sumo Logic HTTP source's URL")}
	case "segment":
		s.Segment = &v1alpha1.LogStreamSegment{WriteKey: x.Secret("segmentWriteKey", "the Segment write key")}
	case "mixpanel":
		s.Mixpanel = &v1alpha1.LogStreamMixpanel{
			ServiceAccountPassword: x.Secret("mixpanelServiceAccountPassword", "the Mixpanel service account's password")}
		fromAuth0(sink, s.Mixpanel)
	default:
		return nil, fmt.Errorf("log stream %s is of type %q, which the LogStream kind does not model", idOf(o), typ)
	}
	s.PIIConfig = orNil(s.PIIConfig)
	return &v1alpha1.LogStream{Spec: s}, nil
}
