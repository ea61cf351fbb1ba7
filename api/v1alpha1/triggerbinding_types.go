package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TriggerBindingSpec is the ordered list of Actions a trigger runs. One TriggerBinding per
// trigger and tenant: it replaces the trigger's bindings as a whole.
type TriggerBindingSpec struct {
	ManagedSpec `json:",inline"`

	// Trigger whose bindings this object owns, e.g. post-login, credentials-exchange,
	// pre-user-registration, post-user-registration, post-change-password,
	// send-phone-message, password-reset-post-challenge. A second TriggerBinding for the same
	// trigger of the same tenant is Stalled (AlreadyManaged).
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="trigger cannot be changed; create another TriggerBinding"
	Trigger string `json:"trigger"`
	// Actions in execution order. The bindings are written once every referenced Action is
	// deployed. An empty list ([]) unbinds every action of the trigger; when left out, the
	// operator does not manage the trigger's bindings (and deleting the object unbinds
	// nothing).
	// +optional
	Actions []TriggerBindingAction `json:"actions"`
}

// TriggerBindingAction is one action bound to the trigger.
// +kubebuilder:validation:XValidation:rule="has(self.actionRef) != has(self.actionName)",message="set exactly one of actionRef and actionName"
type TriggerBindingAction struct {
	// ActionRef names an Action in this namespace.
	// +optional
	ActionRef *LocalObjectReference `json:"actionRef,omitempty"`
	// ActionName is the Auth0 name of an action not managed here.
	// +optional
	ActionName string `json:"actionName,omitempty"`
	// DisplayName of the binding in the dashboard's flow; defaults to the action's name.
	// +optional
	DisplayName string `json:"displayName,omitempty"`
}

// BoundAction is an action as the bindings hold it.
type BoundAction struct {
	// Name of the action in Auth0.
	Name string `json:"name"`
	// ID of the action in Auth0.
	// +optional
	ID string `json:"id,omitempty"`
	// DisplayName of the binding.
	// +optional
	DisplayName string `json:"displayName,omitempty"`
}

// TriggerBindingStatus is the observed state of a TriggerBinding. status.id is the trigger.
type TriggerBindingStatus struct {
	ManagedStatus `json:",inline"`
	// Actions the spec resolved to, in execution order.
	// +optional
	Actions []BoundAction `json:"actions,omitempty"`
}

// TriggerBinding binds Actions to a trigger, in order.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0binding,categories=auth0
// +kubebuilder:printcolumn:name="Trigger",type=string,JSONPath=`.spec.trigger`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type TriggerBinding struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec TriggerBindingSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status TriggerBindingStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (t *TriggerBinding) GetManagedSpec() *ManagedSpec { return &t.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (t *TriggerBinding) GetManagedStatus() *ManagedStatus { return &t.Status.ManagedStatus }

// TriggerBindingList is a list of TriggerBindings.
// +kubebuilder:object:root=true
type TriggerBindingList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []TriggerBinding `json:"items"`
}

func init() {
	SchemeBuilder.Register(&TriggerBinding{}, &TriggerBindingList{})
}
