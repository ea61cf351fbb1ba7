package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ClientGrantSpec authorises an Application (or, with defaultFor, every third-party
// application) to call an API with some scopes.
// +kubebuilder:validation:XValidation:rule="[has(self.applicationRef), has(self.clientID), has(self.defaultFor)].filter(x, x).size() == 1",message="set exactly one of applicationRef, clientID and defaultFor"
// +kubebuilder:validation:XValidation:rule="has(self.resourceServerRef) != has(self.audience)",message="set exactly one of resourceServerRef and audience"
// +kubebuilder:validation:XValidation:rule="has(self.applicationRef) == has(oldSelf.applicationRef) && has(self.defaultFor) == has(oldSelf.defaultFor) && has(self.resourceServerRef) == has(oldSelf.resourceServerRef)",message="the application and the API of a grant cannot be changed (Auth0 makes them create-only); create a new ClientGrant instead"
// +kubebuilder:validation:XValidation:rule="!(has(self.allowAllScopes) && self.allowAllScopes && has(self.scopes) && size(self.scopes) > 0)",message="allowAllScopes: true grants every scope of the API; leave scopes out"
type ClientGrantSpec struct {
	ManagedSpec `json:",inline"`

	// ApplicationRef names an Application in this namespace.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="applicationRef cannot be changed; create a new ClientGrant instead"
	// +optional
	ApplicationRef *LocalObjectReference `json:"applicationRef,omitempty"`
	// ClientID is the Auth0 client ID of an application not managed here.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="clientID cannot be changed; create a new ClientGrant instead"
	// +optional
	ClientID string `json:"clientID,omitempty"`
	// ResourceServerRef names a ResourceServer in this namespace.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="resourceServerRef cannot be changed; create a new ClientGrant instead"
	// +optional
	ResourceServerRef *LocalObjectReference `json:"resourceServerRef,omitempty"`
	// Audience is the identifier of an API not managed here.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="audience cannot be changed; create a new ClientGrant instead"
	// +optional
	Audience string `json:"audience,omitempty"`
	// DefaultFor makes the grant the default of a group of applications instead of one:
	// third_party_clients, every third-party application (a grant of one application for the
	// same API takes precedence). Create-only.
	// +kubebuilder:validation:Enum=third_party_clients
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="defaultFor cannot be changed; create a new ClientGrant instead"
	// +optional
	DefaultFor string `json:"defaultFor,omitempty" auth0:"default_for"`
	// Scopes granted.
	// +listType=set
	// +optional
	Scopes []string `json:"scopes,omitempty" auth0:"scope,set"`
	// AllowAllScopes grants every scope the API has, now and later, instead of a list.
	// +optional
	AllowAllScopes *bool `json:"allowAllScopes,omitempty" auth0:"allow_all_scopes,default=false"`
	// OrganizationUsage: whether tokens for the grant may (allow), must (require) or may not
	// (deny) be issued for an organization.
	// +kubebuilder:validation:Enum=deny;allow;require
	// +optional
	OrganizationUsage string `json:"organizationUsage,omitempty" auth0:"organization_usage"`
	// AllowAnyOrganization lets the application get tokens for any organization, not only
	// those the grant is associated with.
	// +optional
	AllowAnyOrganization *bool `json:"allowAnyOrganization,omitempty" auth0:"allow_any_organization,default=false"`
	// SubjectType is who the grant's tokens are for: client (machine to machine, the
	// default) or user (on behalf of a user, e.g. token exchange). Create-only.
	// +kubebuilder:validation:Enum=client;user
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="subjectType cannot be changed; create a new ClientGrant instead"
	// +optional
	SubjectType string `json:"subjectType,omitempty" auth0:"subject_type,default=client"`
	// AuthorizationDetailsTypes the application may request in Rich Authorization Requests
	// (they must be types the API declares).
	// +listType=set
	// +optional
	AuthorizationDetailsTypes []string `json:"authorizationDetailsTypes,omitempty" auth0:"authorization_details_types,set"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// ClientGrantStatus is the observed state of a ClientGrant.
type ClientGrantStatus struct {
	ManagedStatus `json:",inline"`
	// ClientID the references resolved to.
	// +optional
	ClientID string `json:"clientID,omitempty"`
	// Audience the references resolved to.
	// +optional
	Audience string `json:"audience,omitempty"`
}

// ClientGrant authorises an Application to call an API.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0grant,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ClientGrant struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ClientGrantSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ClientGrantStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (g *ClientGrant) GetManagedSpec() *ManagedSpec { return &g.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (g *ClientGrant) GetManagedStatus() *ManagedStatus { return &g.Status.ManagedStatus }

// ClientGrantList is a list of ClientGrants.
// +kubebuilder:object:root=true
type ClientGrantList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ClientGrant `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ClientGrant{}, &ClientGrantList{})
}
