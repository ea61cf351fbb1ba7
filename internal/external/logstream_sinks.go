package external

import (
	"context"
	"maps"
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
	switch {
	case s.HTTP != nil:
		return "http"
	case s.EventBridge != nil:
		return "eventbridge"
	case s.EventGrid != nil:
		return "eventgrid"
	case s.Datadog != nil:
		return "datadog"
	case s.Splunk != nil:
		return "splunk"
	case s.Sumo != nil:
		return "sumo"
	case s.Segment != nil:
		return "segment"
	case s.Mixpanel != nil:
		return "mixpanel"
	}
	return ""
}

// sink is the stream's sink in Auth0's names, the secret values included.
func (l *LogStream) sink(ctx context.Context, ls *v1alpha1.LogStream) (object, error) {
	s, sink := ls.Spec, object{}
	switch {
	case s.HTTP != nil:
		sink["httpEndpoint"] = s.HTTP.Endpoint
		setString(sink, "httpContentType", s.HTTP.ContentType)
		setString(sink, "httpContentFormat", s.HTTP.ContentFormat)
		if len(s.HTTP.CustomHeaders) > 0 {
			sink["httpCustomHeaders"] = s.HTTP.CustomHeaders
		}
	case s.EventBridge != nil:
		sink["awsAccountId"], sink["awsRegion"] = s.EventBridge.AWSAccountID, s.EventBridge.AWSRegion
	case s.EventGrid != nil:
		sink["azureSubscriptionId"], sink["azureRegion"] = s.EventGrid.AzureSubscriptionID, s.EventGrid.AzureRegion
		sink["azureResourceGroup"] = s.EventGrid.AzureResourceGroup
	case s.Datadog != nil:
		sink["datadogRegion"] = s.Datadog.Region
	case s.Splunk != nil:
		sink["splunkDomain"], sink["splunkPort"] = s.Splunk.Domain, strconv.Itoa(int(s.Splunk.Port))
		setPtr(sink, "splunkSecure", s.Splunk.Secure)
	case s.Mixpanel != nil:
		sink["mixpanelRegion"], sink["mixpanelProjectId"] = s.Mixpanel.Region, s.Mixpanel.ProjectID
		sink["mixpanelServiceAccountUsername"] = s.Mixpanel.ServiceAccountUsername
	case s.Sumo == nil && s.Segment == nil:
		return nil, reconcile.InvalidSpec("no sink set")
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
