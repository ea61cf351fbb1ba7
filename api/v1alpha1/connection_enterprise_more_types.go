package v1alpha1

// AzureADOptions are the options of a waad (Microsoft Entra ID, formerly Azure AD) connection.
type AzureADOptions struct {
	// Domain is the Entra tenant's primary domain (e.g. acme.onmicrosoft.com).
	// +optional
	Domain string `json:"domain,omitempty" auth0:"domain"`
	// TenantDomain is the domain users log in with.
	// +optional
	TenantDomain string `json:"tenantDomain,omitempty" auth0:"tenant_domain"`
	// ClientID of the application registered in Entra.
	// +optional
	ClientID string `json:"clientID,omitempty" auth0:"client_id"`
	// ClientSecret of that application, from a Secret (options.client_secret).
	// +optional
	ClientSecret *SecretValueSource `json:"clientSecret,omitempty"`
	// IdentityAPI: microsoft-identity-platform-v2.0 or azure-active-directory-v1.0.
	// +kubebuilder:validation:Enum=microsoft-identity-platform-v2.0;azure-active-directory-v1.0
	// +optional
	IdentityAPI string `json:"identityAPI,omitempty" auth0:"identity_api"`
	// UseCommonEndpoint lets users of any Entra tenant log in (multi-tenant).
	// +optional
	UseCommonEndpoint *bool `json:"useCommonEndpoint,omitempty" auth0:"waad_common_endpoint,default=false"`
	// WAADProtocol: openid-connect or ws-federation.
	// +kubebuilder:validation:Enum=openid-connect;ws-federation
	// +optional
	WAADProtocol string `json:"waadProtocol,omitempty" auth0:"waad_protocol"`
	// AppDomain is the Auth0 domain registered as the application's reply URL.
	// +optional
	AppDomain string `json:"appDomain,omitempty" auth0:"app_domain"`
	// APIEnableUsers lets Auth0 read the directory's users.
	// +optional
	APIEnableUsers *bool `json:"apiEnableUsers,omitempty" auth0:"api_enable_users"`
	// BasicProfile reads the basic profile.
	// +optional
	BasicProfile *bool `json:"basicProfile,omitempty" auth0:"basic_profile"`
	// ExtProfile reads the extended profile.
	// +optional
	ExtProfile *bool `json:"extProfile,omitempty" auth0:"ext_profile"`
	// ExtGroups reads the user's groups.
	// +optional
	ExtGroups *bool `json:"extGroups,omitempty" auth0:"ext_groups"`
	// ExtNestedGroups reads nested groups too.
	// +optional
	ExtNestedGroups *bool `json:"extNestedGroups,omitempty" auth0:"ext_nested_groups"`
	// MaxGroupsToRetrieve bounds how many groups are read.
	// +optional
	MaxGroupsToRetrieve string `json:"maxGroupsToRetrieve,omitempty" auth0:"max_groups_to_retrieve"`
	// UserIDAttribute is the claim that holds the user ID (e.g. oid, sub).
	// +optional
	UserIDAttribute string `json:"userIDAttribute,omitempty" auth0:"user_id_attribute"`
	// SetUserRootAttributes: when the root profile attributes are updated from the IdP.
	// +kubebuilder:validation:Enum=on_each_login;on_first_login;never_on_login
	// +optional
	SetUserRootAttributes string `json:"setUserRootAttributes,omitempty" auth0:"set_user_root_attributes"`
	// DomainAliases route users of these email domains to this connection (home realm discovery).
	// +listType=set
	// +optional
	DomainAliases []string `json:"domainAliases,omitempty" auth0:"domain_aliases,set"`
	// IconURL is the button's icon.
	// +optional
	IconURL string `json:"iconURL,omitempty" auth0:"icon_url"`
}

// GoogleAppsOptions are the options of a google-apps (Google Workspace) connection.
type GoogleAppsOptions struct {
	// Domain is the Workspace domain.
	// +optional
	Domain string `json:"domain,omitempty" auth0:"domain"`
	// TenantDomain is the domain users log in with.
	// +optional
	TenantDomain string `json:"tenantDomain,omitempty" auth0:"tenant_domain"`
	// ClientID of the Google OAuth client.
	// +optional
	ClientID string `json:"clientID,omitempty" auth0:"client_id"`
	// ClientSecret of that client, from a Secret (options.client_secret).
	// +optional
	ClientSecret *SecretValueSource `json:"clientSecret,omitempty"`
	// AllowedAudiences are further audiences Auth0 accepts Google tokens for.
	// +listType=set
	// +optional
	AllowedAudiences []string `json:"allowedAudiences,omitempty" auth0:"allowed_audiences,set"`
	// APIEnableUsers lets Auth0 read the directory's users.
	// +optional
	APIEnableUsers *bool `json:"apiEnableUsers,omitempty" auth0:"api_enable_users"`
	// ExtGroups reads the user's groups.
	// +optional
	ExtGroups *bool `json:"extGroups,omitempty" auth0:"ext_groups"`
	// ExtGroupsExtended reads the groups' details too.
	// +optional
	ExtGroupsExtended *bool `json:"extGroupsExtended,omitempty" auth0:"ext_groups_extended"`
	// ExtIsAdmin reads whether the user is a Workspace administrator.
	// +optional
	ExtIsAdmin *bool `json:"extIsAdmin,omitempty" auth0:"ext_is_admin"`
	// ExtIsSuspended reads whether the user is suspended.
	// +optional
	ExtIsSuspended *bool `json:"extIsSuspended,omitempty" auth0:"ext_is_suspended"`
	// ExtAgreedTerms reads whether the user agreed to the terms.
	// +optional
	ExtAgreedTerms *bool `json:"extAgreedTerms,omitempty" auth0:"ext_agreed_terms"`
	// MapUserIDToID uses Google's user ID as the Auth0 user ID.
	// +optional
	MapUserIDToID *bool `json:"mapUserIDToID,omitempty" auth0:"map_user_id_to_id"`
	// HandleLoginFromSocial lets Workspace users log in through the Google social connection.
	// +optional
	HandleLoginFromSocial *bool `json:"handleLoginFromSocial,omitempty" auth0:"handle_login_from_social,default=true"`
	// SetUserRootAttributes: when the root profile attributes are updated from the IdP.
	// +kubebuilder:validation:Enum=on_each_login;on_first_login;never_on_login
	// +optional
	SetUserRootAttributes string `json:"setUserRootAttributes,omitempty" auth0:"set_user_root_attributes"`
	// DomainAliases route users of these email domains to this connection (home realm discovery).
	// +listType=set
	// +optional
	DomainAliases []string `json:"domainAliases,omitempty" auth0:"domain_aliases,set"`
	// IconURL is the button's icon.
	// +optional
	IconURL string `json:"iconURL,omitempty" auth0:"icon_url"`
}

// ADFSOptions are the options of an adfs (Active Directory Federation Services) connection.
// +kubebuilder:validation:XValidation:rule="!(has(self.adfsServer) && has(self.fedMetadataXML))",message="set at most one of adfsServer and fedMetadataXML"
type ADFSOptions struct {
	// ADFSServer is the URL of the ADFS federation metadata.
	// +optional
	ADFSServer string `json:"adfsServer,omitempty" auth0:"adfs_server"`
	// FedMetadataXML is the federation metadata document.
	// +optional
	FedMetadataXML string `json:"fedMetadataXML,omitempty" auth0:"fedMetadataXml"`
	// SignInEndpoint is the ADFS sign-in URL.
	// +optional
	SignInEndpoint string `json:"signInEndpoint,omitempty" auth0:"signInEndpoint"`
	// Thumbprints of the ADFS signing certificates.
	// +listType=set
	// +optional
	Thumbprints []string `json:"thumbprints,omitempty" auth0:"thumbprints,set"`
	// TenantDomain is the domain users log in with.
	// +optional
	TenantDomain string `json:"tenantDomain,omitempty" auth0:"tenant_domain"`
	// UserIDAttribute is the claim that holds the user ID.
	// +optional
	UserIDAttribute string `json:"userIDAttribute,omitempty" auth0:"user_id_attribute"`
	// SetUserRootAttributes: when the root profile attributes are updated from the IdP.
	// +kubebuilder:validation:Enum=on_each_login;on_first_login;never_on_login
	// +optional
	SetUserRootAttributes string `json:"setUserRootAttributes,omitempty" auth0:"set_user_root_attributes"`
	// DomainAliases route users of these email domains to this connection (home realm discovery).
	// +listType=set
	// +optional
	DomainAliases []string `json:"domainAliases,omitempty" auth0:"domain_aliases,set"`
	// IconURL is the button's icon.
	// +optional
	IconURL string `json:"iconURL,omitempty" auth0:"icon_url"`
}

// PingFederateOptions are the options of a pingfederate connection.
type PingFederateOptions struct {
	// PingFederateBaseURL is the PingFederate server's URL.
	// +optional
	PingFederateBaseURL string `json:"pingFederateBaseURL,omitempty" auth0:"pingFederateBaseUrl"`
	// SigningCert is the server's signing certificate (PEM), inline or from a ConfigMap; Auth0
	// gets it base64-encoded (options.signingCert).
	// +optional
	SigningCert *TextSource `json:"signingCert,omitempty"`
	// SignSAMLRequest signs the authentication requests Auth0 sends, with signingKey.
	// +optional
	SignSAMLRequest *bool `json:"signSAMLRequest,omitempty" auth0:"signSAMLRequest"`
	// SigningKey is the key and certificate that sign requests (options.signing_key), from Secrets.
	// +optional
	SigningKey *KeyPair `json:"signingKey,omitempty"`
	// SignatureAlgorithm of signed requests.
	// +kubebuilder:validation:Enum=rsa-sha256;rsa-sha1
	// +optional
	SignatureAlgorithm string `json:"signatureAlgorithm,omitempty" auth0:"signatureAlgorithm"`
	// DigestAlgorithm of signed requests.
	// +kubebuilder:validation:Enum=sha256;sha1
	// +optional
	DigestAlgorithm string `json:"digestAlgorithm,omitempty" auth0:"digestAlgorithm"`
	// SetUserRootAttributes: when the root profile attributes are updated from the IdP.
	// +kubebuilder:validation:Enum=on_each_login;on_first_login;never_on_login
	// +optional
	SetUserRootAttributes string `json:"setUserRootAttributes,omitempty" auth0:"set_user_root_attributes"`
	// DomainAliases route users of these email domains to this connection (home realm discovery).
	// +listType=set
	// +optional
	DomainAliases []string `json:"domainAliases,omitempty" auth0:"domain_aliases,set"`
	// IconURL is the button's icon.
	// +optional
	IconURL string `json:"iconURL,omitempty" auth0:"icon_url"`
}
