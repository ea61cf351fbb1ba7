package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ResourceServerSpec is an Auth0 API (a resource server).
type ResourceServerSpec struct {
	ManagedSpec `json:",inline"`

	// Identifier is the API's audience, e.g. https://orders.example.com. It cannot change.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=600
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="identifier cannot be changed once set (Auth0 makes it create-only); create a new ResourceServer instead"
	Identifier string `json:"identifier" auth0:"identifier"`
	// Name shown in Auth0; defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=200
	// +optional
	Name string `json:"name,omitempty"`
	// Scopes (permissions) the API defines.
	// +listType=map
	// +listMapKey=value
	// +optional
	Scopes []ResourceServerScope `json:"scopes,omitempty" auth0:"scopes"`
	// SigningAlg signs the access tokens: HS256, RS256 or PS256.
	// +kubebuilder:validation:Enum=HS256;RS256;PS256
	// +optional
	SigningAlg string `json:"signingAlg,omitempty" auth0:"signing_alg,default=RS256"`
	// TokenLifetime of access tokens, e.g. 24h (whole seconds).
	// +optional
	TokenLifetime *metav1.Duration `json:"tokenLifetime,omitempty" auth0:"token_lifetime,seconds,default=86400"`
	// TokenLifetimeForWeb of access tokens issued through the implicit or hybrid flows.
	// +optional
	TokenLifetimeForWeb *metav1.Duration `json:"tokenLifetimeForWeb,omitempty" auth0:"token_lifetime_for_web,seconds,default=7200"`
	// EnforcePolicies turns on RBAC for the API.
	// +optional
	EnforcePolicies *bool `json:"enforcePolicies,omitempty" auth0:"enforce_policies,default=false"`
	// TokenDialect: access_token, or access_token_authz to include permissions in the token.
	// +kubebuilder:validation:Enum=access_token;access_token_authz;rfc9068_profile;rfc9068_profile_authz
	// +optional
	TokenDialect string `json:"tokenDialect,omitempty" auth0:"token_dialect"`
	// AllowOfflineAccess allows refresh tokens for this API.
	// +optional
	AllowOfflineAccess *bool `json:"allowOfflineAccess,omitempty" auth0:"allow_offline_access,default=false"`
	// SkipConsentForVerifiableFirstPartyClients skips the consent prompt for first-party apps.
	// +optional
	SkipConsentForVerifiableFirstPartyClients *bool `json:"skipConsentForVerifiableFirstPartyClients,omitempty" auth0:"skip_consent_for_verifiable_first_party_clients,default=false"`
}

// ResourceServerScope is one permission of an API.
type ResourceServerScope struct {
	// Value of the scope, e.g. read:orders.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=280
	Value string `json:"value" auth0:"value"`
	// Description shown to users and in the dashboard.
	// +optional
	Description string `json:"description,omitempty" auth0:"description"`
}

// ResourceServerStatus is the observed state of a ResourceServer.
type ResourceServerStatus struct {
	ManagedStatus `json:",inline"`
}

// ResourceServer is an Auth0 API.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0api,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ResourceServer struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ResourceServerSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ResourceServerStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (r *ResourceServer) GetManagedSpec() *ManagedSpec { return &r.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (r *ResourceServer) GetManagedStatus() *ManagedStatus { return &r.Status.ManagedStatus }

// ResourceServerList is a list of ResourceServers.
// +kubebuilder:object:root=true
type ResourceServerList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ResourceServer `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ResourceServer{}, &ResourceServerList{})
}
