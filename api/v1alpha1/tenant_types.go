package v1alpha1

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TenantSpec is the connection to one Auth0 tenant.
type TenantSpec struct {
	// Domain of the tenant, e.g. acme.eu.auth0.com. Tokens are requested for
	// https://DOMAIN/api/v2/.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9.-]+(:[0-9]+)?$`
	Domain string `json:"domain"`
	// BaseURL sends the Management API and token calls elsewhere than https://DOMAIN: a custom
	// domain, or the simulator. It must be https: the calls carry the operator's access token.
	// +kubebuilder:validation:Pattern=`^https://.+`
	// +optional
	BaseURL string `json:"baseURL,omitempty"`
	// CABundle is a PEM bundle of extra certificate authorities to trust for BaseURL.
	// +optional
	CABundle string `json:"caBundle,omitempty"`
	// Credentials of a machine-to-machine application authorised for the Management API.
	Credentials TenantCredentials `json:"credentials"`
	// RateLimit is the part of the tenant's Management API budget the operator may use.
	// +kubebuilder:default={}
	// +optional
	RateLimit RateLimitSpec `json:"rateLimit,omitempty"`
	// DriftInterval is how often every managed object is compared with Auth0.
	// +kubebuilder:default="10m"
	// +optional
	DriftInterval *metav1.Duration `json:"driftInterval,omitempty"`
	// AllowManagementAPIGrants lets ClientGrants to this tenant's own Management API audience
	// (https://DOMAIN/api/v2/) be managed. Such a grant hands an application the tenant, so it
	// is refused unless this is true.
	// +optional
	AllowManagementAPIGrants bool `json:"allowManagementAPIGrants,omitempty"`
}

// TenantCredentials points at the Secret that holds the client credentials.
type TenantCredentials struct {
	// SecretRef names a Secret with the keys clientID and clientSecret, or clientID and
	// privateKey (PEM, for private-key JWT authentication; privateKeyAlg optional, RS256 by
	// default). For a Tenant, the namespace is the Tenant's own.
	SecretRef SecretReference `json:"secretRef"`
}

// SecretReference names a Secret, optionally in another namespace (ClusterTenant only).
type SecretReference struct {
	// Name of the Secret.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`
	// Namespace of the Secret; required for a ClusterTenant, ignored for a Tenant.
	// +optional
	Namespace string `json:"namespace,omitempty"`
}

// RateLimitSpec shapes the operator's use of the tenant's Management API rate limit.
type RateLimitSpec struct {
	// RequestsPerSecond is the plan's refill rate (Enterprise production: 16; Essentials:
	// "2.5", i.e. 150/min; Free: 2). Decimal values are written as strings.
	// +kubebuilder:default="2"
	// +optional
	RequestsPerSecond *resource.Quantity `json:"requestsPerSecond,omitempty"`
	// Burst is the plan's bucket size (Enterprise production: 50; Essentials: 10; Free: 2).
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:default=10
	// +optional
	Burst int32 `json:"burst,omitempty"`
	// BudgetShare is the percentage of the rate and burst the operator may use, so that the
	// tenant's other Management API users are not starved.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	// +kubebuilder:default=50
	// +optional
	BudgetShare int32 `json:"budgetShare,omitempty"`
}

// RateLimitStatus is the last rate-limit budget Auth0 reported.
type RateLimitStatus struct {
	// Limit is the bucket size Auth0 reported (x-ratelimit-limit).
	Limit int64 `json:"limit"`
	// Remaining is the calls left in the bucket (x-ratelimit-remaining).
	Remaining int64 `json:"remaining"`
	// ResetAt is when the bucket is full again (x-ratelimit-reset).
	// +optional
	ResetAt *metav1.Time `json:"resetAt,omitempty"`
}

// TenantStatus is the observed state of the connection.
type TenantStatus struct {
	// Conditions: Ready is True when a token was obtained and a cheap call succeeded; Stalled
	// is True when the credentials need a human (reason CredentialsError).
	// +listType=map
	// +listMapKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty"`
	// ObservedGeneration is the generation the status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// RateLimit is the last budget Auth0 reported.
	// +optional
	RateLimit *RateLimitStatus `json:"rateLimit,omitempty"`
	// Calls is the number of Management API calls made since the operator started.
	// +optional
	Calls int64 `json:"calls,omitempty"`
	// RateLimitedCalls is the number of 429 answers received since the operator started.
	// +optional
	RateLimitedCalls int64 `json:"rateLimitedCalls,omitempty"`
	// TokenFetches is the number of access tokens requested since the operator started.
	// +optional
	TokenFetches int64 `json:"tokenFetches,omitempty"`
	// DriftInterval is the drift interval in effect: spec.driftInterval, or the operator's
	// minimum when the spec asks for less.
	// +optional
	DriftInterval *metav1.Duration `json:"driftInterval,omitempty"`
}

// Tenant connects the managed objects of its namespace to one Auth0 tenant.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0tenant,categories=auth0
// +kubebuilder:printcolumn:name="Domain",type=string,JSONPath=`.spec.domain`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Remaining",type=integer,JSONPath=`.status.rateLimit.remaining`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Tenant struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec TenantSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status TenantStatus `json:"status,omitempty"`
}

// TenantList is a list of Tenants.
// +kubebuilder:object:root=true
type TenantList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Tenant `json:"items"`
}

// ClusterTenantSpec is a TenantSpec that namespaces may share.
type ClusterTenantSpec struct {
	TenantSpec `json:",inline"`
	// AllowedNamespaces selects the namespaces whose objects may use this tenant; an object in
	// another namespace is refused with Stalled/TenantNotAllowed. Required: `{}` selects every
	// namespace. Select namespaces by name with the label kubernetes.io/metadata.name, which only
	// the API server sets.
	// +required
	AllowedNamespaces *metav1.LabelSelector `json:"allowedNamespaces"`
	// NamespacePolicies say what the objects of an allowed namespace may do: the first policy
	// whose selector matches the namespace applies. An allowed namespace no policy matches may
	// manage Applications, ResourceServers, ClientGrants, Roles and Organizations it created, and
	// nothing tenant-wide.
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=64
	// +optional
	NamespacePolicies []NamespacePolicy `json:"namespacePolicies,omitempty"`
}

// NamespacePolicy is what the objects of the namespaces it selects may do through a ClusterTenant.
type NamespacePolicy struct {
	// Namespaces this policy applies to (a label selector; `{}` selects every namespace).
	// +required
	Namespaces *metav1.LabelSelector `json:"namespaces"`
	// Kinds the namespaces may manage, or ["*"] for every kind.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=32
	// +kubebuilder:validation:XValidation:rule="!('*' in self) || size(self) == 1",message="\"*\" stands for every kind: list it alone"
	// +listType=set
	Kinds []ManagedKindName `json:"kinds"`
	// AllowAdoption lets the namespaces take over Auth0 objects the operator did not create
	// (spec.externalID, adoptionPolicy AdoptByName, ObserveOnly lookups by name).
	// +optional
	AllowAdoption bool `json:"allowAdoption,omitempty"`
	// AllowTenantWide lets the namespaces manage kinds that act on the whole tenant: the
	// singletons and exclusive kinds (TenantSettings, Branding, AttackProtection, UniversalLogin,
	// MultiFactorAuth, EmailProvider, PhoneProvider, EmailTemplate, PhoneTemplate, PromptText,
	// TriggerBinding), LogStreams and CustomDomains. Their kinds must be listed in kinds too.
	// +optional
	AllowTenantWide bool `json:"allowTenantWide,omitempty"`
}

// ManagedKindName is the name of a kind the operator manages, or "*" for all of them.
// +kubebuilder:validation:Enum="*";Application;ClientGrant;ResourceServer;Action;TriggerBinding;Branding;EmailTemplate;PromptText;EmailProvider;LogStream;CustomDomain;TenantSettings;AttackProtection;Connection;Organization;Role;UniversalLogin;MultiFactorAuth;PhoneProvider;PhoneTemplate;SelfServiceProfile
type ManagedKindName string

// ClusterTenant connects managed objects of any allowed namespace to one Auth0 tenant.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=a0ctenant,categories=auth0
// +kubebuilder:validation:XValidation:rule="has(self.spec.credentials.secretRef.__namespace__) && size(self.spec.credentials.secretRef.__namespace__) > 0",message="spec.credentials.secretRef.namespace is required for a ClusterTenant"
// +kubebuilder:printcolumn:name="Domain",type=string,JSONPath=`.spec.domain`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Remaining",type=integer,JSONPath=`.status.rateLimit.remaining`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ClusterTenant struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ClusterTenantSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status TenantStatus `json:"status,omitempty"`
}

// ClusterTenantList is a list of ClusterTenants.
// +kubebuilder:object:root=true
type ClusterTenantList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ClusterTenant `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Tenant{}, &TenantList{}, &ClusterTenant{}, &ClusterTenantList{})
}
