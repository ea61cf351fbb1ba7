package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Condition types every managed kind reports.
const (
	// ConditionReady is True when the Auth0 object exists and matches this generation of the spec.
	ConditionReady = "Ready"
	// ConditionSynced tells the outcome of the last observation of Auth0.
	ConditionSynced = "Synced"
	// ConditionStalled is True only when progress needs a human.
	ConditionStalled = "Stalled"
)

// Condition reasons. They are the vocabulary of `kubectl get` and of the troubleshooting docs.
const (
	ReasonAvailable         = "Available"
	ReasonCreating          = "Creating"
	ReasonUpToDate          = "UpToDate"
	ReasonDriftDetected     = "DriftDetected"
	ReasonRateLimited       = "RateLimited"
	ReasonAuth0Error        = "Auth0Error"
	ReasonInvalidSpec       = "InvalidSpec"
	ReasonForbidden         = "Forbidden"
	ReasonAlreadyExists     = "AlreadyExists"
	ReasonNotFound          = "NotFound"
	ReasonTenantNotAllowed  = "TenantNotAllowed"
	ReasonTenantNotReady    = "TenantNotReady"
	ReasonReferenceNotReady = "ReferenceNotReady"
	ReasonDeleting          = "Deleting"
	ReasonConnected         = "Connected"
	ReasonCredentialsError  = "CredentialsError"
	// ReasonAlreadyManaged: another object already manages this Auth0 object (or this
	// tenant-wide singleton, or this key of an exclusive kind).
	ReasonAlreadyManaged = "AlreadyManaged"
	// ReasonProtected: the Auth0 object is one no object may manage (the operator's own client,
	// the tenant's global client) or needs the tenant's explicit permission.
	ReasonProtected = "Protected"
	// ReasonSuspended: Auth0 suspended a log stream because its sink kept failing.
	ReasonSuspended = "Suspended"
	// ReasonPendingVerification: a custom domain waits for its DNS records to verify.
	ReasonPendingVerification = "PendingVerification"
	// ReasonWaitingForCustomDomain: prompt partials wait for the tenant's verified custom domain.
	ReasonWaitingForCustomDomain = "WaitingForCustomDomain"
	// ReasonDNSEndpointUnavailable: a DNSEndpoint was asked for and external-dns's CRD is absent.
	ReasonDNSEndpointUnavailable = "DNSEndpointUnavailable"
)

// TenantReference names the Tenant or ClusterTenant that holds the connection to Auth0.
type TenantReference struct {
	// Kind is Tenant (in the object's own namespace) or ClusterTenant.
	// +kubebuilder:validation:Enum=Tenant;ClusterTenant
	// +kubebuilder:default=Tenant
	// +optional
	Kind string `json:"kind,omitempty"`
	// Name of the Tenant or ClusterTenant.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
}

// DeletionPolicy decides what deleting the Kubernetes object does to the Auth0 object.
// +kubebuilder:validation:Enum=Delete;Orphan
type DeletionPolicy string

const (
	// DeletionDelete deletes the Auth0 object with the Kubernetes object.
	DeletionDelete DeletionPolicy = "Delete"
	// DeletionOrphan leaves the Auth0 object in place and only stops managing it.
	DeletionOrphan DeletionPolicy = "Orphan"
)

// ManagementPolicy decides whether the operator writes to Auth0.
// +kubebuilder:validation:Enum=Manage;ObserveOnly
type ManagementPolicy string

const (
	// ManagementManage creates, updates and corrects drift.
	ManagementManage ManagementPolicy = "Manage"
	// ManagementObserveOnly never writes; it reports what differs from the spec.
	ManagementObserveOnly ManagementPolicy = "ObserveOnly"
)

// AdoptionPolicy decides what happens when an Auth0 object with the same natural key (name,
// identifier, domain) exists and externalID is not set.
// +kubebuilder:validation:Enum=None;AdoptByName
type AdoptionPolicy string

const (
	// AdoptionNone reports AlreadyExists and waits for a human.
	AdoptionNone AdoptionPolicy = "None"
	// AdoptionAdoptByName takes over the existing object.
	AdoptionAdoptByName AdoptionPolicy = "AdoptByName"
)

// ManagedSpec is the part of the spec every managed kind shares.
type ManagedSpec struct {
	// TenantRef names the Tenant or ClusterTenant this object lives in.
	TenantRef TenantReference `json:"tenantRef"`
	// DeletionPolicy: Delete removes the Auth0 object with this one; Orphan leaves it. Unset,
	// an object the operator created is deleted and an adopted one (externalID, AdoptByName,
	// ObserveOnly) is left in place: only an explicit Delete deletes what the operator did not
	// create.
	// +optional
	DeletionPolicy DeletionPolicy `json:"deletionPolicy,omitempty"`
	// ManagementPolicy: Manage writes to Auth0; ObserveOnly only reports differences.
	// +kubebuilder:default=Manage
	// +optional
	ManagementPolicy ManagementPolicy `json:"managementPolicy,omitempty"`
	// ExternalID adopts the existing Auth0 object with this ID instead of creating one.
	// +optional
	ExternalID string `json:"externalID,omitempty"`
	// AdoptionPolicy: None reports AlreadyExists when an object with the same name exists;
	// AdoptByName takes it over.
	// +kubebuilder:default=None
	// +optional
	AdoptionPolicy AdoptionPolicy `json:"adoptionPolicy,omitempty"`
}

// Origin tells how the operator came to manage an Auth0 object.
type Origin string

const (
	// OriginCreated: the operator created the Auth0 object for this Kubernetes object.
	OriginCreated Origin = "Created"
	// OriginAdopted: the Auth0 object existed and was taken over (externalID, AdoptByName,
	// ObserveOnly).
	OriginAdopted Origin = "Adopted"
)

// DriftStatus records the last fields found changed outside Kubernetes.
type DriftStatus struct {
	// Fields are the Auth0 field paths that differed from the spec.
	Fields []string `json:"fields,omitempty"`
	// DetectedAt is when this drift episode was first seen.
	DetectedAt metav1.Time `json:"detectedAt"`
	// Corrected tells whether the operator wrote the spec back (Manage) or only reported it.
	// +optional
	Corrected bool `json:"corrected,omitempty"`
}

// InputDigests are keyed digests (HMAC, keyed by the tenant's credentials: they reveal nothing
// about the values) of a spec's inputs, by input name. They tell a secret value that changed
// (Auth0 never shows it) from one that did not, and a changed ConfigMap from an edit in Auth0.
type InputDigests struct {
	// Digests by input name (a Secret-backed option, a ConfigMap-backed text).
	// +optional
	Digests map[string]string `json:"digests,omitempty"`
}

// ManagedStatus is the part of the status every managed kind shares.
type ManagedStatus struct {
	// Conditions: Ready, Synced and Stalled.
	// +listType=map
	// +listMapKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty"`
	// ObservedGeneration is the generation of the spec the status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// ID of the object in Auth0.
	// +optional
	ID string `json:"id,omitempty"`
	// Origin is Created when the operator created the Auth0 object and Adopted when it took
	// over an existing one; it decides what an unset deletionPolicy does.
	// +optional
	Origin Origin `json:"origin,omitempty"`
	// Requests records, per request token of the spec (an Application's clientSecretRotation, a
	// LogStream's resumeRequest), the value last acted on or found with nothing to do: a new
	// value asks for the action once.
	// +optional
	Requests map[string]string `json:"requests,omitempty"`
	// Inputs records the values the spec takes from Secrets and ConfigMaps as they last went
	// to Auth0 (for an adopted object: as first seen under Manage), as keyed digests.
	// +optional
	Inputs *InputDigests `json:"inputs,omitempty"`
	// LastSyncTime is when Auth0 was last observed successfully.
	// +optional
	LastSyncTime *metav1.Time `json:"lastSyncTime,omitempty"`
	// Drift is the last drift episode, if any.
	// +optional
	Drift *DriftStatus `json:"drift,omitempty"`
}

// SecretKeySelector selects a key of a Secret in the object's namespace.
type SecretKeySelector struct {
	// Name of the Secret.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
	// Key in the Secret's data.
	// +kubebuilder:validation:MinLength=1
	Key string `json:"key"`
}

// ConfigMapKeySelector selects a key of a ConfigMap in the object's namespace.
type ConfigMapKeySelector struct {
	// Name of the ConfigMap.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
	// Key in the ConfigMap's data.
	// +kubebuilder:validation:MinLength=1
	Key string `json:"key"`
}

// TextSource is text given inline, or read from a ConfigMap key so that it can live in its own
// file in Git (kustomize's configMapGenerator builds the ConfigMap).
// +kubebuilder:validation:XValidation:rule="has(self.inline) != has(self.configMapKeyRef)",message="set exactly one of inline and configMapKeyRef"
type TextSource struct {
	// Inline text.
	// +optional
	Inline *string `json:"inline,omitempty"`
	// ConfigMapKeyRef selects a key of a ConfigMap in this namespace.
	// +optional
	ConfigMapKeyRef *ConfigMapKeySelector `json:"configMapKeyRef,omitempty"`
}

// SecretValueSource is a value read from a key of a Secret in this namespace. The value goes
// only to Auth0: never to status, an Event or a log.
type SecretValueSource struct {
	// SecretKeyRef selects the Secret and key.
	SecretKeyRef SecretKeySelector `json:"secretKeyRef"`
}

// LocalObjectReference names an object of the same kind family in the same namespace.
type LocalObjectReference struct {
	// Name of the object.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
}

// ManagedObject is what every managed kind implements, so that one reconciler serves them all.
// +kubebuilder:object:generate=false
type ManagedObject interface {
	GetManagedSpec() *ManagedSpec
	GetManagedStatus() *ManagedStatus
}
