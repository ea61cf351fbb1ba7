package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// SelfServiceProfileSpec is a self-service SSO profile (/self-service-profiles): what a B2B
// customer sees and may choose when it configures its own SSO connection through an Auth0
// self-service SSO ticket.
type SelfServiceProfileSpec struct {
	ManagedSpec `json:",inline"`

	// Name shown in Auth0; defaults to metadata.name. Profiles are found by it.
	// +kubebuilder:validation:MaxLength=100
	// +optional
	Name string `json:"name,omitempty"`
	// Description of the profile.
	// +kubebuilder:validation:MaxLength=140
	// +optional
	Description string `json:"description,omitempty" auth0:"description"`
	// Branding of the self-service pages.
	// +optional
	Branding *SelfServiceProfileBranding `json:"branding,omitempty" auth0:"branding"`
	// AllowedStrategies are the identity provider types the customer may choose.
	// +listType=set
	// +kubebuilder:validation:items:Enum=oidc;samlp;waad;google-apps;adfs;okta;auth0-samlp;okta-samlp;keycloak-samlp;pingfederate
	// +optional
	AllowedStrategies []string `json:"allowedStrategies,omitempty" auth0:"allowed_strategies,set"`
	// UserAttributes the customer's identity provider is asked to send.
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=20
	// +optional
	UserAttributes []SelfServiceProfileUserAttribute `json:"userAttributes,omitempty" auth0:"user_attributes"`
	// UserAttributeProfileID names a user attribute profile instead of userAttributes.
	// +optional
	UserAttributeProfileID string `json:"userAttributeProfileID,omitempty" auth0:"user_attribute_profile_id"`
	// CustomText replaces Auth0's texts on a page of the self-service flow, per language
	// (/self-service-profiles/{id}/custom-text/{language}/{page}). A page left out is not
	// managed; a page's texts are written as a whole.
	// +listType=map
	// +listMapKey=language
	// +listMapKey=page
	// +optional
	CustomText []SelfServiceProfileCustomText `json:"customText,omitempty"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names: sent
	// as they are, beside the typed fields, and compared for drift. A field the spec types is
	// refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// SelfServiceProfileBranding is the logo and colors of the self-service pages.
type SelfServiceProfileBranding struct {
	// LogoURL of the customer-facing pages.
	// +kubebuilder:validation:Pattern=`^https://`
	// +optional
	LogoURL string `json:"logoURL,omitempty" auth0:"logo_url"`
	// Colors of the pages.
	// +optional
	Colors *SelfServiceProfileColors `json:"colors,omitempty" auth0:"colors"`
}

// SelfServiceProfileColors are the pages' colors.
type SelfServiceProfileColors struct {
	// Primary color, e.g. #0059d6.
	// +kubebuilder:validation:Pattern=`^#[0-9a-fA-F]{6}$`
	Primary string `json:"primary" auth0:"primary"`
}

// SelfServiceProfileUserAttribute is an attribute the identity provider is asked to send.
type SelfServiceProfileUserAttribute struct {
	// Name of the attribute, e.g. email.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name" auth0:"name"`
	// Description shown to the customer.
	Description string `json:"description" auth0:"description"`
	// IsOptional lets the customer leave the attribute unmapped.
	IsOptional bool `json:"isOptional" auth0:"is_optional"`
}

// SelfServiceProfileCustomText is one page's texts in one language.
type SelfServiceProfileCustomText struct {
	// Language of the texts.
	// +kubebuilder:validation:Enum=en
	Language string `json:"language"`
	// Page the texts are shown on.
	// +kubebuilder:validation:Enum=get-started
	Page string `json:"page"`
	// Texts by Auth0's key, e.g. introduction.
	// +kubebuilder:validation:MinProperties=1
	Texts map[string]string `json:"texts"`
}

// SelfServiceProfileStatus is the observed state of a SelfServiceProfile.
type SelfServiceProfileStatus struct {
	ManagedStatus `json:",inline"`
}

// SelfServiceProfile is a self-service SSO profile for B2B customers who configure their own
// SSO.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0ssp,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type SelfServiceProfile struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec SelfServiceProfileSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status SelfServiceProfileStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (p *SelfServiceProfile) GetManagedSpec() *ManagedSpec { return &p.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (p *SelfServiceProfile) GetManagedStatus() *ManagedStatus { return &p.Status.ManagedStatus }

// SelfServiceProfileList is a list of SelfServiceProfiles.
// +kubebuilder:object:root=true
type SelfServiceProfileList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []SelfServiceProfile `json:"items"`
}

func init() {
	SchemeBuilder.Register(&SelfServiceProfile{}, &SelfServiceProfileList{})
}
