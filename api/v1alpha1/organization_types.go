package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// OrganizationSpec is an Auth0 organization: a customer of a business-to-business product.
type OrganizationSpec struct {
	ManagedSpec `json:",inline"`

	// Name of the organization in Auth0 (lower-case letters, digits, '-' and '_'); defaults to
	// metadata.name. Users may type it at login.
	// +kubebuilder:validation:MaxLength=50
	// +kubebuilder:validation:Pattern=`^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$`
	// +optional
	Name string `json:"name,omitempty"`
	// DisplayName shown on the login page.
	// +kubebuilder:validation:MaxLength=255
	// +optional
	DisplayName string `json:"displayName,omitempty" auth0:"display_name"`
	// Branding of the organization's login pages.
	// +optional
	Branding *OrganizationBranding `json:"branding,omitempty" auth0:"branding"`
	// Metadata are string key-value pairs stored with the organization.
	// +kubebuilder:validation:MaxProperties=25
	// +optional
	Metadata map[string]string `json:"metadata,omitempty" auth0:"metadata"`
	// TokenQuota limits the tokens issued for the organization through client credentials.
	// +optional
	TokenQuota *TokenQuota `json:"tokenQuota,omitempty" auth0:"token_quota"`
	// ThirdPartyClientAccess: whether third-party applications may log users in to the
	// organization (allow) or not (block, Auth0's default).
	// +kubebuilder:validation:Enum=block;allow
	// +optional
	ThirdPartyClientAccess string `json:"thirdPartyClientAccess,omitempty" auth0:"third_party_client_access,default=block"`
	// EnabledConnections are the connections the organization's members log in with. When set,
	// this is the whole set, and an empty list ([]) disables them all; when left out, the
	// operator does not manage the organization's connections.
	// +kubebuilder:validation:MaxItems=100
	// +optional
	EnabledConnections []OrganizationConnection `json:"enabledConnections"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// OrganizationBranding is an organization's logo and colors.
type OrganizationBranding struct {
	// LogoURL of the organization's logo.
	// +optional
	LogoURL string `json:"logoURL,omitempty" auth0:"logo_url"`
	// Colors of the login pages.
	// +optional
	Colors *OrganizationColors `json:"colors,omitempty" auth0:"colors"`
}

// OrganizationColors are the two colors Auth0 lets an organization set.
type OrganizationColors struct {
	// Primary color, e.g. #0059d6.
	// +kubebuilder:validation:Pattern=`^#[0-9a-fA-F]{6}$`
	// +optional
	Primary string `json:"primary,omitempty" auth0:"primary"`
	// PageBackground color, e.g. #ffffff.
	// +kubebuilder:validation:Pattern=`^#[0-9a-fA-F]{6}$`
	// +optional
	PageBackground string `json:"pageBackground,omitempty" auth0:"page_background"`
}

// OrganizationConnection enables a connection for an organization.
// +kubebuilder:validation:XValidation:rule="has(self.connectionRef) != has(self.connectionName)",message="set exactly one of connectionRef and connectionName"
type OrganizationConnection struct {
	// ConnectionRef names a Connection in this namespace.
	// +optional
	ConnectionRef *LocalObjectReference `json:"connectionRef,omitempty"`
	// ConnectionName is the name of a connection not managed here.
	// +optional
	ConnectionName string `json:"connectionName,omitempty"`
	// AssignMembershipOnLogin makes every user who logs in through the connection a member.
	// +optional
	AssignMembershipOnLogin *bool `json:"assignMembershipOnLogin,omitempty" auth0:"assign_membership_on_login,default=false"`
	// IsSignupEnabled lets users sign up to the organization (database connections with
	// assignMembershipOnLogin only).
	// +optional
	IsSignupEnabled *bool `json:"isSignupEnabled,omitempty" auth0:"is_signup_enabled,default=false"`
	// ShowAsButton shows the connection as a button on the organization's login page.
	// +optional
	ShowAsButton *bool `json:"showAsButton,omitempty" auth0:"show_as_button,default=true"`
}

// OrganizationStatus is the observed state of an Organization.
type OrganizationStatus struct {
	ManagedStatus `json:",inline"`
}

// Organization is an Auth0 organization.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0org,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Organization struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec OrganizationSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status OrganizationStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (o *Organization) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (o *Organization) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// OrganizationList is a list of Organizations.
// +kubebuilder:object:root=true
type OrganizationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Organization `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Organization{}, &OrganizationList{})
}
