package v1alpha1

// ApplicationAddons are an application's add-ons, in Auth0's addon names. An addon left out is
// not managed; one set is written as the spec has it. A secret an addon needs (a storage key, a
// private key, a password) is read from a Secret: never given inline.
type ApplicationAddons struct {
	// SAMLP is the SAML2 Web App addon: Auth0 as the SAML identity provider of the application.
	// +optional
	SAMLP *SAMLPAddon `json:"samlp,omitempty" auth0:"samlp"`
	// WSFed is the WS-Fed Web App addon; its realm is the first of clientAliases (or the
	// client ID), its callback the first callback.
	// +optional
	WSFed *EnabledAddon `json:"wsfed,omitempty" auth0:"wsfed"`
	// AWS issues AWS credentials through SAML.
	// +optional
	AWS *AWSAddon `json:"aws,omitempty" auth0:"aws"`
	// AzureBlob issues Azure Blob Storage shared access signatures.
	// +optional
	AzureBlob *AzureBlobAddon `json:"azureBlob,omitempty" auth0:"azure_blob"`
	// AzureSB issues Azure Service Bus tokens.
	// +optional
	AzureSB *AzureSBAddon `json:"azureSB,omitempty" auth0:"azure_sb"`
	// Firebase issues Firebase tokens.
	// +optional
	Firebase *FirebaseAddon `json:"firebase,omitempty" auth0:"firebase"`
	// Layer issues Layer identity tokens.
	// +optional
	Layer *LayerAddon `json:"layer,omitempty" auth0:"layer"`
	// SAPAPI issues SAP API tokens through OData.
	// +optional
	SAPAPI *SAPAPIAddon `json:"sapAPI,omitempty" auth0:"sap_api"`
	// WAMS issues Windows Azure Mobile Services tokens.
	// +optional
	WAMS *WAMSAddon `json:"wams,omitempty" auth0:"wams"`
	// Salesforce SSO.
	// +optional
	Salesforce *SalesforceAddon `json:"salesforce,omitempty" auth0:"salesforce"`
	// SalesforceAPI issues Salesforce API tokens.
	// +optional
	SalesforceAPI *SalesforceAPIAddon `json:"salesforceAPI,omitempty" auth0:"salesforce_api"`
	// SalesforceSandboxAPI issues Salesforce sandbox API tokens.
	// +optional
	SalesforceSandboxAPI *SalesforceAPIAddon `json:"salesforceSandboxAPI,omitempty" auth0:"salesforce_sandbox_api"`
	// Office365 SSO.
	// +optional
	Office365 *Office365Addon `json:"office365,omitempty" auth0:"office365"`
	// SharePoint SSO.
	// +optional
	SharePoint *SharePointAddon `json:"sharepoint,omitempty" auth0:"sharepoint"`
	// Sentry SSO.
	// +optional
	Sentry *SentryAddon `json:"sentry,omitempty" auth0:"sentry"`
	// Slack SSO.
	// +optional
	Slack *SlackAddon `json:"slack,omitempty" auth0:"slack"`
	// Zendesk SSO.
	// +optional
	Zendesk *AccountNameAddon `json:"zendesk,omitempty" auth0:"zendesk"`
	// Zoom SSO.
	// +optional
	Zoom *AccountAddon `json:"zoom,omitempty" auth0:"zoom"`
	// NewRelic SSO.
	// +optional
	NewRelic *AccountAddon `json:"newrelic,omitempty" auth0:"newrelic"`
	// EchoSign (Adobe Sign) SSO.
	// +optional
	EchoSign *DomainAddon `json:"echosign,omitempty" auth0:"echosign"`
	// Egnyte SSO.
	// +optional
	Egnyte *DomainAddon `json:"egnyte,omitempty" auth0:"egnyte"`
	// RMS (Active Directory Rights Management Service).
	// +optional
	RMS *URLAddon `json:"rms,omitempty" auth0:"rms"`
	// MSCRM (Dynamics CRM) SSO.
	// +optional
	MSCRM *URLAddon `json:"mscrm,omitempty" auth0:"mscrm"`
	// SpringCM SSO.
	// +optional
	SpringCM *SpringCMAddon `json:"springcm,omitempty" auth0:"springcm"`
	// SSOIntegration is an SSO integration of the integrations catalogue.
	// +optional
	SSOIntegration *SSOIntegrationAddon `json:"ssoIntegration,omitempty" auth0:"sso_integration"`
	// Box SSO (no settings).
	// +optional
	Box *EnabledAddon `json:"box,omitempty" auth0:"box"`
	// CloudBees SSO (no settings).
	// +optional
	CloudBees *EnabledAddon `json:"cloudbees,omitempty" auth0:"cloudbees"`
	// Concur SSO (no settings).
	// +optional
	Concur *EnabledAddon `json:"concur,omitempty" auth0:"concur"`
	// Dropbox SSO (no settings).
	// +optional
	Dropbox *EnabledAddon `json:"dropbox,omitempty" auth0:"dropbox"`
}

// EnabledAddon is an addon without settings: present means enabled.
type EnabledAddon struct{}

// SAMLPAddon configures the SAML2 Web App addon.
type SAMLPAddon struct {
	// Mappings of user attributes to SAML attribute names.
	// +optional
	Mappings map[string]string `json:"mappings,omitempty" auth0:"mappings"`
	// Audience of the assertion (the service provider's entity ID).
	// +optional
	Audience string `json:"audience,omitempty" auth0:"audience"`
	// Recipient of the assertion (the service provider's ACS URL).
	// +optional
	Recipient string `json:"recipient,omitempty" auth0:"recipient"`
	// Destination of the response.
	// +optional
	Destination string `json:"destination,omitempty" auth0:"destination"`
	// Issuer of the assertion.
	// +optional
	Issuer string `json:"issuer,omitempty" auth0:"issuer"`
	// CreateUPNClaim adds a UPN claim.
	// +optional
	CreateUPNClaim *bool `json:"createUpnClaim,omitempty" auth0:"createUpnClaim"`
	// MapUnknownClaimsAsIs passes claims without a mapping through as they are.
	// +optional
	MapUnknownClaimsAsIs *bool `json:"mapUnknownClaimsAsIs,omitempty" auth0:"mapUnknownClaimsAsIs"`
	// PassthroughClaimsWithNoMapping passes claims without a mapping through.
	// +optional
	PassthroughClaimsWithNoMapping *bool `json:"passthroughClaimsWithNoMapping,omitempty" auth0:"passthroughClaimsWithNoMapping"`
	// MapIdentities adds the user's identities.
	// +optional
	MapIdentities *bool `json:"mapIdentities,omitempty" auth0:"mapIdentities"`
	// SignatureAlgorithm: rsa-sha1 or rsa-sha256.
	// +kubebuilder:validation:Enum=rsa-sha1;rsa-sha256
	// +optional
	SignatureAlgorithm string `json:"signatureAlgorithm,omitempty" auth0:"signatureAlgorithm"`
	// DigestAlgorithm: sha1 or sha256.
	// +kubebuilder:validation:Enum=sha1;sha256
	// +optional
	DigestAlgorithm string `json:"digestAlgorithm,omitempty" auth0:"digestAlgorithm"`
	// LifetimeInSeconds of the assertion.
	// +kubebuilder:validation:Minimum=1
	// +optional
	LifetimeInSeconds *int32 `json:"lifetimeInSeconds,omitempty" auth0:"lifetimeInSeconds"`
	// SignResponse signs the whole response, not only the assertion.
	// +optional
	SignResponse *bool `json:"signResponse,omitempty" auth0:"signResponse"`
	// NameIdentifierFormat, e.g. urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified.
	// +optional
	NameIdentifierFormat string `json:"nameIdentifierFormat,omitempty" auth0:"nameIdentifierFormat"`
	// NameIdentifierProbes are the user attributes tried, in order, for the name identifier.
	// +optional
	NameIdentifierProbes []string `json:"nameIdentifierProbes,omitempty" auth0:"nameIdentifierProbes"`
	// AuthnContextClassRef of the assertion.
	// +optional
	AuthnContextClassRef string `json:"authnContextClassRef,omitempty" auth0:"authnContextClassRef"`
	// Binding of the response: urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST or HTTP-Redirect.
	// +optional
	Binding string `json:"binding,omitempty" auth0:"binding"`
	// IncludeAttributeNameFormat adds the NameFormat of each attribute.
	// +optional
	IncludeAttributeNameFormat *bool `json:"includeAttributeNameFormat,omitempty" auth0:"includeAttributeNameFormat"`
	// TypedAttributes keeps the attributes' types instead of sending strings.
	// +optional
	TypedAttributes *bool `json:"typedAttributes,omitempty" auth0:"typedAttributes"`
	// SigningCert is the service provider's certificate (PEM) that signs its requests.
	// +optional
	SigningCert string `json:"signingCert,omitempty" auth0:"signingCert"`
	// Logout configures SAML single logout.
	// +optional
	Logout *SAMLPLogout `json:"logout,omitempty" auth0:"logout"`
}

// SAMLPLogout configures SAML single logout.
type SAMLPLogout struct {
	// Callback is the service provider's single logout URL.
	// +optional
	Callback string `json:"callback,omitempty" auth0:"callback"`
	// SLOEnabled turns single logout on.
	// +optional
	SLOEnabled *bool `json:"sloEnabled,omitempty" auth0:"slo_enabled"`
}

// AWSAddon issues AWS credentials.
type AWSAddon struct {
	// Principal is the SAML provider's ARN.
	// +optional
	Principal string `json:"principal,omitempty" auth0:"principal"`
	// Role is the IAM role's ARN.
	// +optional
	Role string `json:"role,omitempty" auth0:"role"`
	// LifetimeInSeconds of the credentials.
	// +kubebuilder:validation:Minimum=900
	// +optional
	LifetimeInSeconds *int32 `json:"lifetimeInSeconds,omitempty" auth0:"lifetime_in_seconds"`
}

// AzureBlobAddon issues Azure Blob Storage shared access signatures.
type AzureBlobAddon struct {
	// AccountName of the storage account.
	AccountName string `json:"accountName" auth0:"accountName"`
	// StorageAccessKey of the account, from a Secret.
	StorageAccessKey *SecretValueSource `json:"storageAccessKey" auth0secret:"storageAccessKey"`
	// ContainerName of the container.
	// +optional
	ContainerName string `json:"containerName,omitempty" auth0:"containerName"`
	// BlobName of the blob.
	// +optional
	BlobName string `json:"blobName,omitempty" auth0:"blobName"`
	// Expiration of the signature, in minutes.
	// +optional
	Expiration *int32 `json:"expiration,omitempty" auth0:"expiration"`
	// SignedIdentifier of a shared access policy.
	// +optional
	SignedIdentifier string `json:"signedIdentifier,omitempty" auth0:"signedIdentifier"`
	// BlobRead permission.
	// +optional
	BlobRead *bool `json:"blobRead,omitempty" auth0:"blob_read"`
	// BlobWrite permission.
	// +optional
	BlobWrite *bool `json:"blobWrite,omitempty" auth0:"blob_write"`
	// BlobDelete permission.
	// +optional
	BlobDelete *bool `json:"blobDelete,omitempty" auth0:"blob_delete"`
	// ContainerRead permission.
	// +optional
	ContainerRead *bool `json:"containerRead,omitempty" auth0:"container_read"`
	// ContainerWrite permission.
	// +optional
	ContainerWrite *bool `json:"containerWrite,omitempty" auth0:"container_write"`
	// ContainerDelete permission.
	// +optional
	ContainerDelete *bool `json:"containerDelete,omitempty" auth0:"container_delete"`
	// ContainerList permission.
	// +optional
	ContainerList *bool `json:"containerList,omitempty" auth0:"container_list"`
}

// AzureSBAddon issues Azure Service Bus tokens.
type AzureSBAddon struct {
	// Namespace of the Service Bus.
	Namespace string `json:"namespace" auth0:"namespace"`
	// SASKeyName of the shared access policy.
	SASKeyName string `json:"sasKeyName" auth0:"sasKeyName"`
	// SASKey of that policy, from a Secret.
	SASKey *SecretValueSource `json:"sasKey" auth0secret:"sasKey"`
	// EntityPath of the entity.
	// +optional
	EntityPath string `json:"entityPath,omitempty" auth0:"entityPath"`
	// Expiration of the token, in minutes.
	// +optional
	Expiration *int32 `json:"expiration,omitempty" auth0:"expiration"`
}

// FirebaseAddon issues Firebase tokens: with a legacy secret, or with a service account's
// private key (then privateKeyID and clientEmail too).
// +kubebuilder:validation:XValidation:rule="has(self.secret) || has(self.privateKey)",message="firebase needs secret (legacy Firebase), privateKey (a service account), or both"
type FirebaseAddon struct {
	// Secret is the legacy Firebase secret, from a Secret.
	// +optional
	Secret *SecretValueSource `json:"secret,omitempty" auth0secret:"secret"`
	// PrivateKey is the service account's private key, from a Secret.
	// +optional
	PrivateKey *SecretValueSource `json:"privateKey,omitempty" auth0secret:"private_key"`
	// PrivateKeyID of the service account key.
	// +optional
	PrivateKeyID string `json:"privateKeyID,omitempty" auth0:"private_key_id"`
	// ClientEmail of the service account.
	// +optional
	ClientEmail string `json:"clientEmail,omitempty" auth0:"client_email"`
	// LifetimeInSeconds of the token.
	// +kubebuilder:validation:Minimum=1
	// +optional
	LifetimeInSeconds *int32 `json:"lifetimeInSeconds,omitempty" auth0:"lifetime_in_seconds"`
}

// LayerAddon issues Layer identity tokens.
type LayerAddon struct {
	// ProviderID of the Layer provider.
	ProviderID string `json:"providerId" auth0:"providerId"`
	// KeyID of the Layer key.
	KeyID string `json:"keyId" auth0:"keyId"`
	// PrivateKey of that key, from a Secret.
	PrivateKey *SecretValueSource `json:"privateKey" auth0secret:"privateKey"`
	// Principal of the token.
	// +optional
	Principal string `json:"principal,omitempty" auth0:"principal"`
	// Expiration of the token, in minutes.
	// +optional
	Expiration *int32 `json:"expiration,omitempty" auth0:"expiration"`
}

// SAPAPIAddon issues SAP API tokens.
type SAPAPIAddon struct {
	// ClientID of the SAP OAuth client.
	// +optional
	ClientID string `json:"clientID,omitempty" auth0:"clientid"`
	// UsernameAttribute is the user attribute SAP gets as the user name.
	// +optional
	UsernameAttribute string `json:"usernameAttribute,omitempty" auth0:"usernameAttribute"`
	// TokenEndpointURL of SAP.
	// +optional
	TokenEndpointURL string `json:"tokenEndpointURL,omitempty" auth0:"tokenEndpointUrl"`
	// Scope requested.
	// +optional
	Scope string `json:"scope,omitempty" auth0:"scope"`
	// ServicePassword of the SAP OAuth client, from a Secret.
	// +optional
	ServicePassword *SecretValueSource `json:"servicePassword,omitempty" auth0secret:"servicePassword"`
	// NameIdentifierFormat of the assertion.
	// +optional
	NameIdentifierFormat string `json:"nameIdentifierFormat,omitempty" auth0:"nameIdentifierFormat"`
}

// WAMSAddon issues Windows Azure Mobile Services tokens.
type WAMSAddon struct {
	// MasterKey of the mobile service, from a Secret.
	MasterKey *SecretValueSource `json:"masterKey" auth0secret:"masterkey"`
}

// SalesforceAddon is Salesforce SSO.
type SalesforceAddon struct {
	// EntityID of Salesforce.
	EntityID string `json:"entityID" auth0:"entity_id"`
}

// SalesforceAPIAddon issues Salesforce API tokens.
type SalesforceAPIAddon struct {
	// ClientID of the Salesforce connected app.
	// +optional
	ClientID string `json:"clientID,omitempty" auth0:"clientid"`
	// Principal is the user attribute Salesforce gets.
	// +optional
	Principal string `json:"principal,omitempty" auth0:"principal"`
	// CommunityName of a Salesforce community.
	// +optional
	CommunityName string `json:"communityName,omitempty" auth0:"communityName"`
	// CommunityURLSection of the community.
	// +optional
	CommunityURLSection string `json:"communityURLSection,omitempty" auth0:"community_url_section"`
}

// Office365Addon is Microsoft 365 SSO.
type Office365Addon struct {
	// Domain of the Microsoft 365 tenant.
	Domain string `json:"domain" auth0:"domain"`
	// Connection is the Auth0 connection users sign in with.
	Connection string `json:"connection" auth0:"connection"`
}

// SharePointAddon is SharePoint SSO.
type SharePointAddon struct {
	// URL of the SharePoint site.
	URL string `json:"url" auth0:"url"`
}

// SentryAddon is Sentry SSO.
type SentryAddon struct {
	// OrgSlug of the Sentry organization.
	OrgSlug string `json:"orgSlug" auth0:"org_slug"`
	// BaseURL of an on-premises Sentry.
	// +optional
	BaseURL string `json:"baseURL,omitempty" auth0:"base_url"`
}

// SlackAddon is Slack SSO.
type SlackAddon struct {
	// Team is the Slack team name.
	Team string `json:"team" auth0:"team"`
}

// AccountNameAddon is an SSO addon configured by an account name.
type AccountNameAddon struct {
	// AccountName at the provider.
	AccountName string `json:"accountName" auth0:"accountName"`
}

// AccountAddon is an SSO addon configured by an account.
type AccountAddon struct {
	// Account at the provider.
	Account string `json:"account" auth0:"account"`
}

// DomainAddon is an SSO addon configured by a domain.
type DomainAddon struct {
	// Domain at the provider.
	Domain string `json:"domain" auth0:"domain"`
}

// URLAddon is an addon configured by a URL.
type URLAddon struct {
	// URL of the service.
	URL string `json:"url" auth0:"url"`
}

// SpringCMAddon is SpringCM SSO.
type SpringCMAddon struct {
	// ACSURL of SpringCM.
	ACSURL string `json:"acsURL" auth0:"acsurl"`
}

// SSOIntegrationAddon is an integration of the SSO catalogue.
type SSOIntegrationAddon struct {
	// Name of the integration.
	Name string `json:"name" auth0:"name"`
	// Version of the integration.
	// +optional
	Version string `json:"version,omitempty" auth0:"version"`
}
