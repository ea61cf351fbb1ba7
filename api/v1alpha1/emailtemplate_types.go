package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// EmailTemplateSpec is one of the tenant's email templates. A tenant has at most one template
// per name: a second EmailTemplate for the same name is refused (Stalled, AlreadyManaged).
// +kubebuilder:validation:XValidation:rule="!has(self.externalID) || self.externalID == self.template",message="externalID of an EmailTemplate is its template name"
type EmailTemplateSpec struct {
	ManagedSpec `json:",inline"`

	// Template is Auth0's name of the template. It cannot change.
	// +kubebuilder:validation:Enum=verify_email;verify_email_by_code;auth_email_by_code;reset_email;reset_email_by_code;welcome_email;blocked_account;stolen_credentials;enrollment_email;mfa_oob_code;user_invitation;async_approval;change_password;password_reset
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="template cannot be changed; create another EmailTemplate instead"
	Template string `json:"template" auth0:"template"`
	// Body of the email (HTML, with Liquid when syntax is liquid), inline or from a ConfigMap key.
	Body TextSource `json:"body"`
	// From is the sender, e.g. "Acme <no-reply@example.com>".
	// +kubebuilder:validation:MinLength=1
	From string `json:"from" auth0:"from"`
	// Subject of the email.
	// +kubebuilder:validation:MinLength=1
	Subject string `json:"subject" auth0:"subject"`
	// Syntax of the body.
	// +kubebuilder:validation:Enum=liquid
	// +kubebuilder:default=liquid
	// +optional
	Syntax string `json:"syntax,omitempty" auth0:"syntax,default=liquid"`
	// ResultURL is where the user is sent after the action the email asks for.
	// +optional
	ResultURL string `json:"resultURL,omitempty" auth0:"resultUrl"`
	// URLLifetimeInSeconds is how long the email's link is valid.
	// +kubebuilder:validation:Minimum=0
	// +optional
	URLLifetimeInSeconds *int64 `json:"urlLifetimeInSeconds,omitempty" auth0:"urlLifetimeInSeconds"`
	// Enabled sends this template; when false Auth0 does not send the email.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=true"`
	// IncludeEmailInRedirect adds the user's email address to the result URL.
	// +optional
	IncludeEmailInRedirect *bool `json:"includeEmailInRedirect,omitempty" auth0:"includeEmailInRedirect,default=true"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// EmailTemplateStatus is the observed state of an EmailTemplate.
type EmailTemplateStatus struct {
	ManagedStatus `json:",inline"`
}

// EmailTemplate is one of the tenant's email templates (one per template name and tenant).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0emailtemplate,categories=auth0
// +kubebuilder:printcolumn:name="Template",type=string,JSONPath=`.spec.template`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type EmailTemplate struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec EmailTemplateSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status EmailTemplateStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (e *EmailTemplate) GetManagedSpec() *ManagedSpec { return &e.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (e *EmailTemplate) GetManagedStatus() *ManagedStatus { return &e.Status.ManagedStatus }

// EmailTemplateList is a list of EmailTemplates.
// +kubebuilder:object:root=true
type EmailTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []EmailTemplate `json:"items"`
}

func init() {
	SchemeBuilder.Register(&EmailTemplate{}, &EmailTemplateList{})
}
