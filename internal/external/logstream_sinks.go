package external

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strconv"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// A log stream's sink: one per type, each with its own fields in Auth0's names and the keys
// whose values come from Secrets.

// LogStreamSecrets are the Secrets a stream's sink reads, for Kind.References.
func LogStreamSecrets(ls *v1alpha1.LogStream) []*v1alpha1.SecretValueSource {
	var out []*v1alpha1.SecretValueSource
	for _, k := range slices.Sorted(maps.Keys(sinkSecrets(ls.Spec))) {
		out = append(out, sinkSecrets(ls.Spec)[k])
	}
	return out
}

// sinkSecrets are the sink keys whose values come from Secrets, with their sources.
func sinkSecrets(s v1alpha1.LogStreamSpec) map[string]*v1alpha1.SecretValueSource {
	switch {
	case s.HTTP != nil && s.HTTP.Authorization != nil:
		return map[string]*v1alpha1.SecretValueSource{"httpAuthorization": s.HTTP.Authorization}
	case s.Datadog != nil:
		return map[string]*v1alpha1.SecretValueSource{"datadogApiKey": &s.Datadog.APIKey}
	case s.Splunk != nil:
		return map[string]*v1alpha1.SecretValueSource{"splunkToken": &s.Splunk.Token}
	case s.Sumo != nil:
		return map[string]*v1alpha1.SecretValueSource{"sumoSourceAddress": &s.Sumo.SourceAddress}
	case s.Segment != nil:
		return map[string]*v1alpha1.SecretValueSource{"segmentWriteKey": &s.Segment.WriteKey}
	case s.Mixpanel != nil:
		return map[string]*v1alpha1.SecretValueSource{"mixpanelServiceAccountPassword": &s.Mixpanel.ServiceAccountPassword}
	}
	return nil
}

// sinkType is the stream's type in Auth0's names.
func sinkType(s v1alpha1.LogStreamSpec) string {
	t, _ := sinkOf(s)
	return t
}

// sinkOf is the stream's type in Auth0's names and its sink's spec (nil when none is set).
func sinkOf(s v1alpha1.LogStreamSpec) (string, any) {
	for _, k := range []struct {
		typ  string
		spec any
	}{{"http", s.HTTP}, {"eventbridge", s.EventBridge}, {"eventgrid", s.EventGrid}, {"datadog", s.Datadog},
		{"splunk", s.Splunk}, {"sumo", s.Sumo}, {"segment", s.Segment}, {"mixpanel", s.Mixpanel}} {
		if !reflect.ValueOf(k.spec).IsNil() {
			return k.typ, k.spec
		}
	}
	return "", nil
}

// sink is the stream's sink in Auth0's names, the secret values included.
func (l *LogStream) sink(ctx context.Context, ls *v1alpha1.LogStream) (object, error) {
	s := ls.Spec
	_, spec := sinkOf(s)
	if spec == nil {
		return nil, reconcile.InvalidSpec("no sink set")
	}
	sink := toAuth0(spec)
	if s.Splunk != nil {
		sink["splunkPort"] = strconv.Itoa(int(s.Splunk.Port)) // a string in Auth0
	}
	for k, src := range sinkSecrets(s) {
		v, err := l.Inputs.Secret(ctx, ls.Namespace, src.SecretKeyRef)
		if err != nil {
			return nil, err
		}
		sink[k] = string(v)
	}
	return sink, nil
}
