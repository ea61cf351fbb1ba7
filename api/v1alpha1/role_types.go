package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// RoleSpec is an Auth0 role: a name and the API permissions it grants.
type RoleSpec struct {
	ManagedSpec `json:",inline"`

	// Name shown in Auth0; defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=50
	// +optional
	Name string `json:"name,omitempty"`
	// Description of the role.
	// +kubebuilder:validation:MaxLength=140
	// +optional
	Description string `json:"description,omitempty" auth0:"description"`
	// Permissions the role grants, per API. When set, they are the role's whole set: a
	// permission added in the dashboard is drift, removing one here removes it from Auth0, and
	// an empty list ([]) removes them all. When left out, the operator does not manage the
	// role's permissions.
	// +kubebuilder:validation:MaxItems=100
	// +optional
	Permissions []RolePermissions `json:"permissions"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// RolePermissions are scopes of one API.
// +kubebuilder:validation:XValidation:rule="has(self.resourceServerRef) != has(self.resourceServerIdentifier)",message="set exactly one of resourceServerRef and resourceServerIdentifier"
type RolePermissions struct {
	// ResourceServerRef names a ResourceServer in this namespace.
	// +optional
	ResourceServerRef *LocalObjectReference `json:"resourceServerRef,omitempty"`
	// ResourceServerIdentifier is the identifier of an API not managed here.
	// +optional
	ResourceServerIdentifier string `json:"resourceServerIdentifier,omitempty"`
	// Scopes of the API the role grants; each must be defined by the API.
	// +kubebuilder:validation:MinItems=1
	// +listType=set
	Scopes []string `json:"scopes"`
}

// RoleStatus is the observed state of a Role.
type RoleStatus struct {
	ManagedStatus `json:",inline"`
}

// Role is an Auth0 role.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0role,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Role struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec RoleSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status RoleStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (r *Role) GetManagedSpec() *ManagedSpec { return &r.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (r *Role) GetManagedStatus() *ManagedStatus { return &r.Status.ManagedStatus }

// RoleList is a list of Roles.
// +kubebuilder:object:root=true
type RoleList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Role `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Role{}, &RoleList{})
}
