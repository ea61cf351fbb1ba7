package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// CustomDomainSpec serves the tenant's login pages on the company's own domain.
type CustomDomainSpec struct {
	ManagedSpec `json:",inline"`

	// Domain, e.g. login.example.com. It cannot change.
	// +kubebuilder:validation:MinLength=3
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="domain cannot be changed once set (Auth0 makes it create-only); create a new CustomDomain instead"
	Domain string `json:"domain" auth0:"domain"`
	// Type: auth0_managed_certs (Auth0 provisions the certificate) or self_managed_certs (your
	// reverse proxy terminates TLS). It cannot change.
	// +kubebuilder:validation:Enum=auth0_managed_certs;self_managed_certs
	// +kubebuilder:default=auth0_managed_certs
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="type cannot be changed once set (Auth0 makes it create-only); create a new CustomDomain instead"
	// +optional
	Type string `json:"type,omitempty" auth0:"type,default=auth0_managed_certs"`
	// CustomClientIPHeader is the header a self-managed proxy puts the client's IP in.
	// +kubebuilder:validation:Enum="true-client-ip";"cf-connecting-ip";"x-forwarded-for";"x-azure-clientip"
	// +optional
	CustomClientIPHeader string `json:"customClientIPHeader,omitempty" auth0:"custom_client_ip_header"`
	// TLSPolicy of an Auth0-managed domain: recommended (TLS 1.2 and later).
	// +kubebuilder:validation:Enum=recommended
	// +optional
	TLSPolicy string `json:"tlsPolicy,omitempty" auth0:"tls_policy,default=recommended"`
	// Default: true makes this the tenant's default domain (the one Auth0 uses in emails and
	// links) once it is verified; false makes the canonical domain the default again if this
	// one is. Unset leaves the choice alone.
	// +optional
	Default *bool `json:"default,omitempty"`
	// DNSEndpoint, when enabled, makes the operator write an external-dns DNSEndpoint
	// (externaldns.k8s.io/v1alpha1) with the verification record, so that external-dns
	// publishes it. Needs external-dns with the crd source.
	// +optional
	DNSEndpoint *CustomDomainDNSEndpoint `json:"dnsEndpoint,omitempty"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// CustomDomainDNSEndpoint configures the DNSEndpoint the operator writes.
type CustomDomainDNSEndpoint struct {
	// Enabled writes the DNSEndpoint (named after the CustomDomain, owned by it).
	Enabled bool `json:"enabled"`
	// RecordTTL in seconds (external-dns' default when unset).
	// +kubebuilder:validation:Minimum=1
	// +optional
	RecordTTL *int64 `json:"recordTTL,omitempty"`
	// Labels is ignored: the DNSEndpoint's labels come from the operator's configuration
	// (--dns-endpoint-labels, the chart's dnsEndpoint.labels), so that no namespace can publish
	// through an external-dns instance it was not meant to reach. Kept so that existing
	// manifests still apply.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`
}

// CustomDomainVerificationRecord is a DNS record to publish so that Auth0 can verify the domain.
type CustomDomainVerificationRecord struct {
	// Type of the record: CNAME or TXT.
	Type string `json:"type"`
	// Name of the record, e.g. login.example.com.
	Name string `json:"name"`
	// Value of the record.
	Value string `json:"value"`
}

// CustomDomainStatus is the observed state of a CustomDomain.
type CustomDomainStatus struct {
	ManagedStatus `json:",inline"`
	// State is Auth0's: pending_verification, ready, disabled, pending.
	// +optional
	State string `json:"state,omitempty"`
	// Verification are the DNS records to publish.
	// +optional
	Verification []CustomDomainVerificationRecord `json:"verification,omitempty"`
	// OriginDomainName is Auth0's edge host for the domain, once ready.
	// +optional
	OriginDomainName string `json:"originDomainName,omitempty"`
	// VerifyAttempts counts the verify calls made while the domain was pending; the pause
	// between them grows with it.
	// +optional
	VerifyAttempts int32 `json:"verifyAttempts,omitempty"`
	// LastVerifyTime is when the operator last asked Auth0 to verify the domain.
	// +optional
	LastVerifyTime *metav1.Time `json:"lastVerifyTime,omitempty"`
	// Default tells whether Auth0 has this as the tenant's default domain.
	// +optional
	Default bool `json:"default,omitempty"`
	// DNSEndpoint is the name of the DNSEndpoint the operator wrote, if any.
	// +optional
	DNSEndpoint string `json:"dnsEndpoint,omitempty"`
}

// CustomDomain is a custom domain of the tenant.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0domain,categories=auth0
// +kubebuilder:printcolumn:name="Domain",type=string,JSONPath=`.spec.domain`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="State",type=string,JSONPath=`.status.state`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type CustomDomain struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec CustomDomainSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status CustomDomainStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (d *CustomDomain) GetManagedSpec() *ManagedSpec { return &d.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (d *CustomDomain) GetManagedStatus() *ManagedStatus { return &d.Status.ManagedStatus }

// CustomDomainList is a list of CustomDomains.
// +kubebuilder:object:root=true
type CustomDomainList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []CustomDomain `json:"items"`
}

func init() {
	SchemeBuilder.Register(&CustomDomain{}, &CustomDomainList{})
}
