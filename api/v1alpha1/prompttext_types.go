package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PromptTextSpec is the custom text of one Universal Login prompt in one language. It is the
// whole document for that prompt and language: text set in Auth0 for screens or keys it does
// not list is drift, and is removed when corrected. A tenant has at most one PromptText per
// prompt and language: a second one is refused (Stalled, AlreadyManaged).
// +kubebuilder:validation:XValidation:rule="!has(self.externalID) || self.externalID == self.prompt + '/' + self.language",message="externalID of a PromptText is prompt/language"
type PromptTextSpec struct {
	ManagedSpec `json:",inline"`

	// Prompt is Auth0's name of the prompt, e.g. login, signup, mfa-otp. It cannot change.
	// +kubebuilder:validation:Enum=login;login-id;login-password;login-passwordless;login-email-verification;signup;signup-id;signup-password;phone-identifier-enrollment;phone-identifier-challenge;email-identifier-challenge;reset-password;custom-form;consent;customized-consent;logout;mfa-push;mfa-otp;mfa-voice;mfa-phone;mfa-webauthn;mfa-sms;mfa-email;mfa-recovery-code;mfa;status;device-flow;email-verification;email-otp-challenge;organizations;invitation;common;passkeys;captcha;brute-force-protection;async-approval-flow;confirmation
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="prompt cannot be changed; create another PromptText instead"
	Prompt string `json:"prompt"`
	// Language of the text, e.g. ja, en, pt-BR. It cannot change.
	// +kubebuilder:validation:Pattern=`^[a-z]{2,3}(-[A-Za-z0-9]{2,3})?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="language cannot be changed; create another PromptText instead"
	Language string `json:"language"`
	// Screens maps a screen of the prompt (e.g. login) to its texts, key (e.g. title,
	// description) to text. Text may contain Auth0's variables such as ${companyName}.
	// +kubebuilder:validation:MinProperties=1
	Screens map[string]map[string]string `json:"screens"`
}

// PromptTextStatus is the observed state of a PromptText.
type PromptTextStatus struct {
	ManagedStatus `json:",inline"`
}

// PromptText is the custom text of one prompt in one language (one per prompt, language and
// tenant).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0prompttext,categories=auth0
// +kubebuilder:printcolumn:name="Prompt",type=string,JSONPath=`.spec.prompt`
// +kubebuilder:printcolumn:name="Language",type=string,JSONPath=`.spec.language`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type PromptText struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec PromptTextSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status PromptTextStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (p *PromptText) GetManagedSpec() *ManagedSpec { return &p.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (p *PromptText) GetManagedStatus() *ManagedStatus { return &p.Status.ManagedStatus }

// PromptTextList is a list of PromptTexts.
// +kubebuilder:object:root=true
type PromptTextList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PromptText `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PromptText{}, &PromptTextList{})
}
