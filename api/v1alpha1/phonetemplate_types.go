package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PhoneTemplateSpec is one of the tenant's phone notification templates of Auth0's Unified
// Phone Experience (/branding/phone/templates). A tenant has at most one template per type: a
// second PhoneTemplate for the same type is refused (Stalled, AlreadyManaged).
type PhoneTemplateSpec struct {
	ManagedSpec `json:",inline"`

	// Type is the message the template renders. It cannot change.
	// +kubebuilder:validation:Enum=otp_verify;otp_enroll;change_password;blocked_account;password_breach
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="type cannot be changed; create another PhoneTemplate instead"
	Type string `json:"type" auth0:"type"`
	// Disabled stops Auth0 from sending this message.
	// +optional
	Disabled *bool `json:"disabled,omitempty" auth0:"disabled,default=false"`
	// Content of the message.
	Content PhoneTemplateContent `json:"content" auth0:"content"`
}

// PhoneTemplateContent is a template's sender and bodies.
// +kubebuilder:validation:XValidation:rule="has(self.body.text) || has(self.body.voice)",message="content.body needs text, voice or both"
type PhoneTemplateContent struct {
	// Syntax of the bodies.
	// +kubebuilder:validation:Enum=liquid
	// +kubebuilder:default=liquid
	// +optional
	Syntax string `json:"syntax,omitempty" auth0:"syntax,default=liquid"`
	// From is the sender number, e.g. "+15551234567"; unset, the provider's defaultFrom.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=16
	// +optional
	From string `json:"from,omitempty" auth0:"from"`
	// Body of the message, per delivery method.
	Body PhoneTemplateBody `json:"body"`
}

// PhoneTemplateBody is the message per delivery method (Liquid), inline or from a ConfigMap key.
type PhoneTemplateBody struct {
	// Text is the SMS body.
	// +optional
	Text *TextSource `json:"text,omitempty"`
	// Voice is the text read out in a voice call.
	// +optional
	Voice *TextSource `json:"voice,omitempty"`
}

// PhoneTemplateStatus is the observed state of a PhoneTemplate.
type PhoneTemplateStatus struct {
	ManagedStatus `json:",inline"`
}

// PhoneTemplate is one of the tenant's phone notification templates (one per type and tenant).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0phonetemplate,categories=auth0
// +kubebuilder:printcolumn:name="Type",type=string,JSONPath=`.spec.type`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type PhoneTemplate struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec PhoneTemplateSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status PhoneTemplateStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (p *PhoneTemplate) GetManagedSpec() *ManagedSpec { return &p.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (p *PhoneTemplate) GetManagedStatus() *ManagedStatus { return &p.Status.ManagedStatus }

// PhoneTemplateList is a list of PhoneTemplates.
// +kubebuilder:object:root=true
type PhoneTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PhoneTemplate `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PhoneTemplate{}, &PhoneTemplateList{})
}
