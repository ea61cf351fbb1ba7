package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ClientGrantSpec authorises an Application to call an API with some scopes.
// +kubebuilder:validation:XValidation:rule="has(self.applicationRef) != has(self.clientID)",message="set exactly one of applicationRef and clientID"
// +kubebuilder:validation:XValidation:rule="has(self.resourceServerRef) != has(self.audience)",message="set exactly one of resourceServerRef and audience"
// +kubebuilder:validation:XValidation:rule="has(self.applicationRef) == has(oldSelf.applicationRef) && has(self.resourceServerRef) == has(oldSelf.resourceServerRef)",message="the application and the API of a grant cannot be changed (Auth0 makes them create-only); create a new ClientGrant instead"
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
	// Scopes granted.
	// +listType=set
	// +optional
	Scopes []string `json:"scopes,omitempty"`
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
