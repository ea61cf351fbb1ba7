package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ActionSpec is an Auth0 Action: code that runs at one trigger of a flow (post-login,
// send-phone-message, ...). The operator writes the draft, waits for Auth0's build and deploys
// the built version.
type ActionSpec struct {
	ManagedSpec `json:",inline"`

	// Name in Auth0 (unique in the tenant); defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=255
	// +optional
	Name string `json:"name,omitempty"`
	// Trigger the action runs at, with the trigger's version (GET /actions/triggers lists them;
	// e.g. post-login v3, send-phone-message v2).
	Trigger ActionTrigger `json:"trigger"`
	// Runtime is the Node.js runtime, e.g. node22; Auth0's default when unset.
	// +optional
	Runtime string `json:"runtime,omitempty" auth0:"runtime,default=node22"`
	// Code of the action: inline, or from a ConfigMap key so that it lives in its own .js file
	// in Git (kustomize's configMapGenerator builds the ConfigMap).
	Code TextSource `json:"code"`
	// Dependencies are npm packages the code requires.
	// +listType=map
	// +listMapKey=name
	// +optional
	Dependencies []ActionDependency `json:"dependencies,omitempty"`
	// Secrets the code reads as event.secrets.NAME, each from a key of a Secret in this
	// namespace. Values go only to Auth0 (which never returns them): a change of a value is
	// seen through its digest in status.inputs and redeploys the action.
	// +listType=map
	// +listMapKey=name
	// +optional
	Secrets []ActionSecret `json:"secrets,omitempty"`
	// Deploy the built draft (default true). With false the draft is written and built but
	// Auth0 keeps running the version deployed before.
	// +kubebuilder:default=true
	// +optional
	Deploy *bool `json:"deploy,omitempty"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// ActionTrigger names a trigger and its version.
type ActionTrigger struct {
	// ID of the trigger, e.g. post-login, credentials-exchange, pre-user-registration,
	// post-user-registration, post-change-password, send-phone-message,
	// password-reset-post-challenge.
	// +kubebuilder:validation:MinLength=1
	ID string `json:"id"`
	// Version of the trigger, e.g. v3 for post-login.
	// +kubebuilder:validation:MinLength=1
	Version string `json:"version"`
}

// ActionDependency is an npm package.
type ActionDependency struct {
	// Name of the package, e.g. axios.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
	// Version of the package, e.g. 1.7.9.
	// +kubebuilder:validation:MinLength=1
	Version string `json:"version"`
}

// ActionSecret is a secret the action's code reads, with its value from a Secret.
type ActionSecret struct {
	// Name the code reads it by (event.secrets.NAME).
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
	// ValueFrom selects the Secret key that holds the value.
	ValueFrom SecretValueSource `json:"valueFrom"`
}

// Build states of an Action's draft, as Auth0 reports them.
const (
	ActionBuildPending  = "pending"
	ActionBuildBuilding = "building"
	ActionBuildBuilt    = "built"
	ActionBuildFailed   = "failed"
)

// Reasons an Action reports.
const (
	// ReasonBuilding: Auth0 is building the draft (Ready=False until it is built and deployed).
	ReasonBuilding = "Building"
	// ReasonBuildFailed: Auth0 could not build the draft (Stalled, with Auth0's message).
	ReasonBuildFailed = "BuildFailed"
	// ReasonStillBound: the action cannot be deleted while a trigger binds it.
	ReasonStillBound = "StillBound"
)

// ActionStatus is the observed state of an Action.
type ActionStatus struct {
	ManagedStatus `json:",inline"`
	// Build is Auth0's build status of the draft: pending, building, built or failed.
	// +optional
	Build string `json:"build,omitempty"`
	// DeployedVersion is the number of the version Auth0 runs (0: none deployed).
	// +optional
	DeployedVersion int `json:"deployedVersion,omitempty"`
}

// Action is an Auth0 Action, built and deployed from code kept in Git.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0action,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="Build",type=string,JSONPath=`.status.build`
// +kubebuilder:printcolumn:name="Version",type=integer,JSONPath=`.status.deployedVersion`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Action struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ActionSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ActionStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (a *Action) GetManagedSpec() *ManagedSpec { return &a.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (a *Action) GetManagedStatus() *ManagedStatus { return &a.Status.ManagedStatus }

// AuthName is the action's name in Auth0.
func (a *Action) AuthName() string {
	if a.Spec.Name != "" {
		return a.Spec.Name
	}
	return a.Name
}

// ActionList is a list of Actions.
// +kubebuilder:object:root=true
type ActionList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Action `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Action{}, &ActionList{})
}
