package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// EmailProviderSpec is the tenant's email provider. A tenant has one; deleting the
// EmailProvider stops managing it and leaves Auth0 as it is.
type EmailProviderSpec struct {
	ManagedSpec `json:",inline"`

	// Provider is the email service.
	// +kubebuilder:validation:Enum=ses;sendgrid;mailgun;smtp;azure_cs;ms365;sparkpost;mandrill;custom
	Provider string `json:"provider" auth0:"name"`
	// Enabled sends the tenant's emails through this provider.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=true"`
	// DefaultFromAddress is the sender of emails whose template sets none.
	// +optional
	DefaultFromAddress string `json:"defaultFromAddress,omitempty" auth0:"default_from_address"`
	// Settings are the provider's settings in Auth0's JSON (e.g. {"message":
	// {"configuration_set_name": "..."}} for ses, {"headers": {...}} for smtp).
	// +kubebuilder:validation:Type=object
	// +kubebuilder:pruning:PreserveUnknownFields
	// +optional
	Settings *apiextensionsv1.JSON `json:"settings,omitempty"`
	// Credentials of the provider. Auth0 never returns the secret ones: a change to a
	// referenced Secret is detected by its digest in status.inputs.
	// +optional
	Credentials *EmailProviderCredentials `json:"credentials,omitempty" auth0:"credentials"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// EmailProviderCredentials are the provider's credentials. Which ones a provider needs:
// sendgrid, mandrill, sparkpost: apiKey; mailgun: apiKey and domain; ses: accessKeyID,
// secretAccessKey and region; smtp: smtpHost, smtpPort, smtpUser, smtpPass; azure_cs:
// connectionString; ms365: tenantID, clientID, clientSecret; custom: none.
type EmailProviderCredentials struct {
	// APIKey (sendgrid, mandrill, sparkpost, mailgun).
	// +optional
	APIKey *SecretValueSource `json:"apiKey,omitempty"`
	// AccessKeyID (ses).
	// +optional
	AccessKeyID *SecretValueSource `json:"accessKeyID,omitempty"`
	// SecretAccessKey (ses).
	// +optional
	SecretAccessKey *SecretValueSource `json:"secretAccessKey,omitempty"`
	// SMTPPass is the SMTP password (smtp).
	// +optional
	SMTPPass *SecretValueSource `json:"smtpPass,omitempty"`
	// ConnectionString (azure_cs).
	// +optional
	ConnectionString *SecretValueSource `json:"connectionString,omitempty"`
	// TenantID of the Microsoft 365 tenant (ms365).
	// +optional
	TenantID *SecretValueSource `json:"tenantID,omitempty"`
	// ClientID of the Microsoft 365 application (ms365).
	// +optional
	ClientID *SecretValueSource `json:"clientID,omitempty"`
	// ClientSecret of the Microsoft 365 application (ms365).
	// +optional
	ClientSecret *SecretValueSource `json:"clientSecret,omitempty"`
	// Region (ses; mailgun and sparkpost: eu). Not secret: Auth0 returns it.
	// +optional
	Region string `json:"region,omitempty" auth0:"region"`
	// Domain (mailgun). Not secret: Auth0 returns it.
	// +optional
	Domain string `json:"domain,omitempty" auth0:"domain"`
	// SMTPHost (smtp). Not secret: Auth0 returns it.
	// +optional
	SMTPHost string `json:"smtpHost,omitempty" auth0:"smtp_host"`
	// SMTPPort (smtp). Not secret: Auth0 returns it.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	// +optional
	SMTPPort int32 `json:"smtpPort,omitempty" auth0:"smtp_port"`
	// SMTPUser (smtp). Not secret: Auth0 returns it.
	// +optional
	SMTPUser string `json:"smtpUser,omitempty" auth0:"smtp_user"`
}

// EmailProviderStatus is the observed state of an EmailProvider.
type EmailProviderStatus struct {
	ManagedStatus `json:",inline"`
}

// EmailProvider is the tenant's email provider (one per tenant).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0emailprovider,categories=auth0
// +kubebuilder:printcolumn:name="Provider",type=string,JSONPath=`.spec.provider`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type EmailProvider struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec EmailProviderSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status EmailProviderStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (e *EmailProvider) GetManagedSpec() *ManagedSpec { return &e.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (e *EmailProvider) GetManagedStatus() *ManagedStatus { return &e.Status.ManagedStatus }

// EmailProviderList is a list of EmailProviders.
// +kubebuilder:object:root=true
type EmailProviderList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []EmailProvider `json:"items"`
}

func init() {
	SchemeBuilder.Register(&EmailProvider{}, &EmailProviderList{})
}
