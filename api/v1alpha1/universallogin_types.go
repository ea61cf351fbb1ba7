package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// UniversalLoginSpec is how the tenant's users log in: the Universal Login experience and its
// options (/prompts). Only the fields set here are managed; Auth0 keeps its values for the
// others.
type UniversalLoginSpec struct {
	ManagedSpec `json:",inline"`

	// Experience of the login pages: "new" (Universal Login) or "classic".
	// +kubebuilder:validation:Enum=new;classic
	// +optional
	Experience string `json:"experience,omitempty" auth0:"universal_login_experience,default=new"`
	// IdentifierFirst asks for the user's identifier (email or username) first, and for the
	// password or another factor on a second page (home realm discovery).
	// +optional
	IdentifierFirst *bool `json:"identifierFirst,omitempty" auth0:"identifier_first,default=false"`
	// WebAuthnPlatformFirstFactor lets users log in with device biometrics (WebAuthn platform)
	// instead of a password; it needs identifierFirst.
	// +optional
	WebAuthnPlatformFirstFactor *bool `json:"webAuthnPlatformFirstFactor,omitempty" auth0:"webauthn_platform_first_factor,default=false"`
	// Partials insert HTML at named places of Universal Login screens
	// (/prompts/{prompt}/partials), per prompt and screen. Auth0 takes them only on a tenant
	// with a verified custom domain: until it has one, the object waits (Ready=False,
	// WaitingForCustomDomain) and writes none. A screen left out is not managed; a screen's
	// insertion points are written as a whole.
	// +listType=map
	// +listMapKey=prompt
	// +listMapKey=screen
	// +kubebuilder:validation:MaxItems=20
	// +optional
	Partials []UniversalLoginPartial `json:"partials,omitempty"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// UniversalLoginPartial is the HTML inserted in one screen of one prompt.
type UniversalLoginPartial struct {
	// Prompt the screen belongs to, e.g. login, login-id, login-password, signup,
	// login-passwordless.
	// +kubebuilder:validation:MinLength=1
	Prompt string `json:"prompt"`
	// Screen of the prompt, e.g. login, login-passwordless-email-code.
	// +kubebuilder:validation:MinLength=1
	Screen string `json:"screen"`
	// InsertionPoints are the HTML by place, inline or from a ConfigMap.
	// +kubebuilder:validation:MinProperties=1
	// +kubebuilder:validation:MaxProperties=7
	// +kubebuilder:validation:XValidation:rule="self.all(k, k in ['form-content', 'form-content-start', 'form-content-end', 'form-footer-start', 'form-footer-end', 'secondary-actions-start', 'secondary-actions-end'])",message="an insertion point is one of form-content, form-content-start, form-content-end, form-footer-start, form-footer-end, secondary-actions-start, secondary-actions-end"
	InsertionPoints map[string]TextSource `json:"insertionPoints"`
}

// UniversalLoginStatus is the observed state of UniversalLogin.
type UniversalLoginStatus struct {
	ManagedStatus `json:",inline"`
}

// UniversalLogin manages the tenant's login experience (Auth0's prompt settings). One per
// tenant: the oldest object manages it; deleting it leaves the settings as they are.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0login,categories=auth0
// +kubebuilder:validation:XValidation:rule="!has(self.spec.webAuthnPlatformFirstFactor) || !self.spec.webAuthnPlatformFirstFactor || (has(self.spec.identifierFirst) && self.spec.identifierFirst)",message="spec.webAuthnPlatformFirstFactor needs spec.identifierFirst: true"
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="Experience",type=string,JSONPath=`.spec.experience`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type UniversalLogin struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec UniversalLoginSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status UniversalLoginStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (u *UniversalLogin) GetManagedSpec() *ManagedSpec { return &u.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (u *UniversalLogin) GetManagedStatus() *ManagedStatus { return &u.Status.ManagedStatus }

// UniversalLoginList is a list of UniversalLogin.
// +kubebuilder:object:root=true
type UniversalLoginList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []UniversalLogin `json:"items"`
}

func init() {
	SchemeBuilder.Register(&UniversalLogin{}, &UniversalLoginList{})
}
