package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PhoneProviderSpec is the tenant's phone provider of Auth0's Unified Phone Experience
// (/branding/phone/providers): how SMS and voice messages are delivered. A tenant has at most
// one: a second PhoneProvider for the same tenant is refused (Stalled, AlreadyManaged). Auth0
// uses it only when the tenant's phone_consolidated_experience setting is on; otherwise MFA
// sends phone messages through MultiFactorAuth's spec.phone (see docs/kinds/phoneprovider.md).
// +kubebuilder:validation:XValidation:rule="self.provider != 'twilio' || (has(self.configuration) && has(self.configuration.sid) && has(self.credentials) && has(self.credentials.authToken))",message="provider twilio needs configuration.sid and credentials.authToken from a Secret"
// +kubebuilder:validation:XValidation:rule="self.provider != 'custom' || (!has(self.credentials) && (!has(self.configuration) || (!has(self.configuration.sid) && !has(self.configuration.defaultFrom) && !has(self.configuration.mssid))))",message="provider custom delivers through the custom-phone-provider Action: it takes no credentials and no twilio configuration (sid, defaultFrom, mssid)"
type PhoneProviderSpec struct {
	ManagedSpec `json:",inline"`

	// Provider delivers the messages: twilio, or custom (the tenant's custom-phone-provider
	// Action, which must be deployed first).
	// +kubebuilder:validation:Enum=twilio;custom
	Provider string `json:"provider" auth0:"name"`
	// Disabled stops Auth0 from sending phone messages through this provider.
	// +optional
	Disabled *bool `json:"disabled,omitempty" auth0:"disabled,default=false"`
	// Configuration of the provider.
	// +optional
	Configuration *PhoneProviderConfiguration `json:"configuration,omitempty" auth0:"configuration"`
	// Credentials of the provider (twilio only). Auth0 never returns them: a change to the
	// referenced Secret is detected by its digest in status.inputs.
	// +optional
	Credentials *PhoneProviderCredentials `json:"credentials,omitempty"`
}

// PhoneProviderConfiguration is the provider's configuration. sid, defaultFrom and mssid are
// Twilio's; deliveryMethods applies to both providers.
type PhoneProviderConfiguration struct {
	// SID is the Twilio account SID (twilio).
	// +kubebuilder:validation:MinLength=1
	// +optional
	SID string `json:"sid,omitempty" auth0:"sid"`
	// DefaultFrom is the sender number, e.g. "+15551234567" (twilio; Auth0 refuses a twilio
	// provider that has neither defaultFrom nor mssid).
	// +kubebuilder:validation:MinLength=1
	// +optional
	DefaultFrom string `json:"defaultFrom,omitempty" auth0:"default_from"`
	// MSSID is the Twilio Messaging Service SID (twilio), used instead of defaultFrom.
	// +kubebuilder:validation:MinLength=1
	// +optional
	MSSID string `json:"mssid,omitempty" auth0:"mssid"`
	// DeliveryMethods are how messages may be delivered: text (SMS) and voice.
	// +listType=set
	// +kubebuilder:validation:items:Enum=text;voice
	// +kubebuilder:validation:MinItems=1
	// +optional
	DeliveryMethods []string `json:"deliveryMethods,omitempty" auth0:"delivery_methods,set"`
}

// PhoneProviderCredentials are the provider's secret credentials.
type PhoneProviderCredentials struct {
	// AuthToken is the Twilio auth token.
	AuthToken *SecretValueSource `json:"authToken,omitempty"`
}

// PhoneProviderStatus is the observed state of a PhoneProvider.
type PhoneProviderStatus struct {
	ManagedStatus `json:",inline"`
}

// PhoneProvider is the tenant's phone provider (one per tenant).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0phoneprovider,categories=auth0
// +kubebuilder:printcolumn:name="Provider",type=string,JSONPath=`.spec.provider`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type PhoneProvider struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec PhoneProviderSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status PhoneProviderStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (p *PhoneProvider) GetManagedSpec() *ManagedSpec { return &p.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (p *PhoneProvider) GetManagedStatus() *ManagedStatus { return &p.Status.ManagedStatus }

// PhoneProviderList is a list of PhoneProviders.
// +kubebuilder:object:root=true
type PhoneProviderList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PhoneProvider `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PhoneProvider{}, &PhoneProviderList{})
}
