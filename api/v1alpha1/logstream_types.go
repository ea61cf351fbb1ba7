package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// LogStreamSpec streams the tenant's logs to one sink. Exactly one sink field is set; it is the
// stream's type (http, eventbridge, ...), which Auth0 makes create-only.
// +kubebuilder:validation:XValidation:rule="[has(self.http), has(self.eventbridge), has(self.eventgrid), has(self.datadog), has(self.splunk), has(self.sumo), has(self.segment), has(self.mixpanel)].filter(x, x).size() == 1",message="set exactly one of http, eventbridge, eventgrid, datadog, splunk, sumo, segment and mixpanel"
// +kubebuilder:validation:XValidation:rule="has(self.http) == has(oldSelf.http) && has(self.eventbridge) == has(oldSelf.eventbridge) && has(self.eventgrid) == has(oldSelf.eventgrid) && has(self.datadog) == has(oldSelf.datadog) && has(self.splunk) == has(oldSelf.splunk) && has(self.sumo) == has(oldSelf.sumo) && has(self.segment) == has(oldSelf.segment) && has(self.mixpanel) == has(oldSelf.mixpanel)",message="the type of a log stream cannot be changed (Auth0 makes it create-only); create a new LogStream instead"
type LogStreamSpec struct {
	ManagedSpec `json:",inline"`

	// Name shown in Auth0; defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=200
	// +optional
	Name string `json:"name,omitempty"`

	// HTTP posts the logs to a webhook.
	// +optional
	HTTP *LogStreamHTTP `json:"http,omitempty"`
	// EventBridge sends the logs to Amazon EventBridge through a partner event source.
	// +optional
	EventBridge *LogStreamEventBridge `json:"eventbridge,omitempty"`
	// EventGrid sends the logs to Azure Event Grid through a partner topic.
	// +optional
	EventGrid *LogStreamEventGrid `json:"eventgrid,omitempty"`
	// Datadog sends the logs to Datadog.
	// +optional
	Datadog *LogStreamDatadog `json:"datadog,omitempty"`
	// Splunk sends the logs to a Splunk HTTP Event Collector.
	// +optional
	Splunk *LogStreamSplunk `json:"splunk,omitempty"`
	// Sumo sends the logs to a Sumo Logic HTTP source.
	// +optional
	Sumo *LogStreamSumo `json:"sumo,omitempty"`
	// Segment sends the logs to Segment.
	// +optional
	Segment *LogStreamSegment `json:"segment,omitempty"`
	// Mixpanel sends the logs to Mixpanel.
	// +optional
	Mixpanel *LogStreamMixpanel `json:"mixpanel,omitempty"`

	// Filters select the event groups to stream; none streams everything.
	// +listType=atomic
	// +optional
	Filters []LogStreamFilter `json:"filters,omitempty" auth0:"filters"`
	// PIIConfig hashes or masks personal data in the streamed events.
	// +optional
	PIIConfig *LogStreamPIIConfig `json:"piiConfig,omitempty" auth0:"pii_config"`
	// Paused stops delivery without deleting the stream.
	// +optional
	Paused bool `json:"paused,omitempty"`
	// ResumeRequest resumes a stream Auth0 suspended (because its sink kept failing): set it to a
	// new value (a date, a ticket number) once the sink is fixed. The operator resumes the stream
	// once per new value and never on its own.
	// +kubebuilder:validation:MaxLength=100
	// +optional
	ResumeRequest string `json:"resumeRequest,omitempty"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// LogStreamHTTP is a webhook sink.
type LogStreamHTTP struct {
	// Endpoint is the URL the logs are posted to.
	// +kubebuilder:validation:Pattern=`^https?://`
	Endpoint string `json:"endpoint" auth0:"httpEndpoint"`
	// ContentType of the requests, e.g. application/json.
	// +optional
	ContentType string `json:"contentType,omitempty" auth0:"httpContentType"`
	// ContentFormat: JSONARRAY, JSONLINES or JSONOBJECT.
	// +kubebuilder:validation:Enum=JSONARRAY;JSONLINES;JSONOBJECT
	// +optional
	ContentFormat string `json:"contentFormat,omitempty" auth0:"httpContentFormat"`
	// Authorization is the Authorization header's value, from a Secret.
	// +optional
	Authorization *SecretValueSource `json:"authorization,omitempty"`
	// CustomHeaders are added to every request (not secret: use authorization for credentials).
	// +listType=map
	// +listMapKey=header
	// +optional
	CustomHeaders []LogStreamHTTPHeader `json:"customHeaders,omitempty" auth0:"httpCustomHeaders"`
}

// LogStreamHTTPHeader is one custom header of an HTTP sink.
type LogStreamHTTPHeader struct {
	// +kubebuilder:validation:MinLength=1
	Header string `json:"header" auth0:"header"`
	Value  string `json:"value" auth0:"value"`
}

// LogStreamEventBridge is an Amazon EventBridge sink. Auth0 makes both fields create-only.
type LogStreamEventBridge struct {
	// AWSAccountID owns the partner event source.
	// +kubebuilder:validation:Pattern=`^[0-9]{12}$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="awsAccountID cannot be changed (Auth0 makes it create-only)"
	AWSAccountID string `json:"awsAccountID" auth0:"awsAccountId"`
	// AWSRegion of the partner event source, e.g. eu-west-1.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="awsRegion cannot be changed (Auth0 makes it create-only)"
	AWSRegion string `json:"awsRegion" auth0:"awsRegion"`
}

// LogStreamEventGrid is an Azure Event Grid sink. Auth0 makes its fields create-only.
type LogStreamEventGrid struct {
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="azureSubscriptionID cannot be changed (Auth0 makes it create-only)"
	AzureSubscriptionID string `json:"azureSubscriptionID" auth0:"azureSubscriptionId"`
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="azureRegion cannot be changed (Auth0 makes it create-only)"
	AzureRegion string `json:"azureRegion" auth0:"azureRegion"`
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="azureResourceGroup cannot be changed (Auth0 makes it create-only)"
	AzureResourceGroup string `json:"azureResourceGroup" auth0:"azureResourceGroup"`
}

// LogStreamDatadog is a Datadog sink.
type LogStreamDatadog struct {
	// Region of the Datadog site: us, eu, us3, us5 or ap1.
	// +kubebuilder:validation:Enum=us;eu;us3;us5;ap1
	Region string `json:"region" auth0:"datadogRegion"`
	// APIKey from a Secret.
	APIKey SecretValueSource `json:"apiKey"`
}

// LogStreamSplunk is a Splunk HTTP Event Collector sink.
type LogStreamSplunk struct {
	// Domain of the Splunk instance.
	// +kubebuilder:validation:MinLength=1
	Domain string `json:"domain" auth0:"splunkDomain"`
	// Port of the HTTP Event Collector, e.g. 8088.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	Port int32 `json:"port"`
	// Secure verifies the collector's TLS certificate.
	// +optional
	Secure *bool `json:"secure,omitempty" auth0:"splunkSecure"`
	// Token of the HTTP Event Collector, from a Secret.
	Token SecretValueSource `json:"token"`
}

// LogStreamSumo is a Sumo Logic sink.
type LogStreamSumo struct {
	// SourceAddress is the HTTP source's URL, from a Secret: the URL itself is the credential.
	SourceAddress SecretValueSource `json:"sourceAddress"`
}

// LogStreamSegment is a Segment sink.
type LogStreamSegment struct {
	// WriteKey from a Secret.
	WriteKey SecretValueSource `json:"writeKey"`
}

// LogStreamMixpanel is a Mixpanel sink.
type LogStreamMixpanel struct {
	// Region: us or eu.
	// +kubebuilder:validation:Enum=us;eu
	Region string `json:"region" auth0:"mixpanelRegion"`
	// ProjectID of the Mixpanel project.
	// +kubebuilder:validation:MinLength=1
	ProjectID string `json:"projectID" auth0:"mixpanelProjectId"`
	// ServiceAccountUsername of a Mixpanel service account.
	// +kubebuilder:validation:MinLength=1
	ServiceAccountUsername string `json:"serviceAccountUsername" auth0:"mixpanelServiceAccountUsername"`
	// ServiceAccountPassword from a Secret.
	ServiceAccountPassword SecretValueSource `json:"serviceAccountPassword"`
}

// LogStreamFilter selects one group of events, e.g. {type: category, name: auth.login.fail}.
type LogStreamFilter struct {
	// Type of the filter; Auth0 knows category.
	// +kubebuilder:validation:Enum=category
	// +kubebuilder:default=category
	// +optional
	Type string `json:"type,omitempty" auth0:"type,default=category"`
	// Name of the event group, e.g. auth.login.fail, auth.signup.success, management.fail.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name" auth0:"name"`
}

// LogStreamPIIConfig protects personal data in the streamed events.
type LogStreamPIIConfig struct {
	// LogFields to protect.
	// +listType=set
	// +kubebuilder:validation:items:Enum=first_name;last_name;username;email;phone;address
	// +kubebuilder:validation:MinItems=1
	LogFields []string `json:"logFields" auth0:"log_fields"`
	// Method: hash or mask (Auth0's default is hash).
	// +kubebuilder:validation:Enum=hash;mask
	// +optional
	Method string `json:"method,omitempty" auth0:"method,default=hash"`
	// Algorithm of the hash: xxhash.
	// +kubebuilder:validation:Enum=xxhash
	// +optional
	Algorithm string `json:"algorithm,omitempty" auth0:"algorithm,default=xxhash"`
}

// LogStreamStatus is the observed state of a LogStream.
type LogStreamStatus struct {
	ManagedStatus `json:",inline"`
	// State is Auth0's: active, paused, or suspended (Auth0 stopped a stream whose sink kept
	// failing; Ready is then False with reason Suspended until spec.resumeRequest changes).
	// +optional
	State string `json:"state,omitempty"`
	// PartnerEventSource is the AWS partner event source Auth0 created for an eventbridge
	// stream: associate it with an event bus on the AWS side.
	// +optional
	PartnerEventSource string `json:"partnerEventSource,omitempty"`
	// PartnerTopic is the Azure partner topic Auth0 created for an eventgrid stream.
	// +optional
	PartnerTopic string `json:"partnerTopic,omitempty"`
}

// LogStream streams the tenant's logs to monitoring.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0logs,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="State",type=string,JSONPath=`.status.state`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type LogStream struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec LogStreamSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status LogStreamStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (l *LogStream) GetManagedSpec() *ManagedSpec { return &l.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (l *LogStream) GetManagedStatus() *ManagedStatus { return &l.Status.ManagedStatus }

// LogStreamList is a list of LogStreams.
// +kubebuilder:object:root=true
type LogStreamList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []LogStream `json:"items"`
}

func init() {
	SchemeBuilder.Register(&LogStream{}, &LogStreamList{})
}
