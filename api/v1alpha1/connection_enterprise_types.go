package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// The typed sections of enterprise connections: one per strategy, each allowed only with its
// strategy (the CEL rules on ConnectionSpec). A field left out is not managed. Keys and client
// secrets are never spec values: they come from Secrets (secretKeyRef), go only to Auth0, and
// are compared through their digests in status.inputs.

// KeyPair is a private key and its certificate, both read from Secrets (a kubernetes.io/tls
// Secret's tls.key and tls.crt do), sent to Auth0 as {key, cert}.
type KeyPair struct {
	// Key is the PEM private key.
	Key SecretValueSource `json:"key"`
	// Cert is the PEM certificate of the key.
	Cert SecretValueSource `json:"cert"`
}

// SAMLIdPInitiated lets the identity provider start a login (IdP-initiated SSO).
type SAMLIdPInitiated struct {
	// Enabled accepts IdP-initiated logins.
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled"`
	// ClientID of the application the login lands in.
	// +optional
	ClientID string `json:"clientID,omitempty" auth0:"client_id"`
	// ClientProtocol the application is answered with.
	// +kubebuilder:validation:Enum=samlp;wsfed;oauth2
	// +optional
	ClientProtocol string `json:"clientProtocol,omitempty" auth0:"client_protocol"`
	// ClientAuthorizeQuery is the query string of the authorize request (e.g. type=code&timeout=30).
	// +optional
	ClientAuthorizeQuery string `json:"clientAuthorizeQuery,omitempty" auth0:"client_authorizequery"`
}

// SAMLOptions are the options of a samlp (SAML identity provider) connection.
// +kubebuilder:validation:XValidation:rule="!(has(self.metadataURL) && has(self.metadataXML))",message="set at most one of metadataURL and metadataXML"
type SAMLOptions struct {
	// SignInEndpoint is the IdP's SAML single sign-on URL.
	// +optional
	SignInEndpoint string `json:"signInEndpoint,omitempty" auth0:"signInEndpoint"`
	// SignOutEndpoint is the IdP's SAML single logout URL.
	// +optional
	SignOutEndpoint string `json:"signOutEndpoint,omitempty" auth0:"signOutEndpoint"`
	// SigningCert is the IdP's signing certificate (PEM), inline or from a ConfigMap; Auth0 gets
	// it base64-encoded (options.signingCert). Compared through its digest: a changed
	// ConfigMap is sent again.
	// +optional
	SigningCert *TextSource `json:"signingCert,omitempty"`
	// MetadataURL is where Auth0 reads the IdP's metadata from (instead of the endpoints and
	// certificate).
	// +optional
	MetadataURL string `json:"metadataURL,omitempty" auth0:"metadataUrl"`
	// MetadataXML is the IdP's metadata document.
	// +optional
	MetadataXML string `json:"metadataXML,omitempty" auth0:"metadataXml"`
	// SignSAMLRequest signs the authentication requests Auth0 sends, with signingKey.
	// +optional
	SignSAMLRequest *bool `json:"signSAMLRequest,omitempty" auth0:"signSAMLRequest"`
	// SigningKey is the key and certificate that sign requests (options.signing_key), from Secrets.
	// +optional
	SigningKey *KeyPair `json:"signingKey,omitempty"`
	// DecryptionKey is the key and certificate that decrypt assertions (options.decryptionKey),
	// from Secrets.
	// +optional
	DecryptionKey *KeyPair `json:"decryptionKey,omitempty"`
	// SignatureAlgorithm of signed requests.
	// +kubebuilder:validation:Enum=rsa-sha256;rsa-sha1
	// +optional
	SignatureAlgorithm string `json:"signatureAlgorithm,omitempty" auth0:"signatureAlgorithm"`
	// DigestAlgorithm of signed requests.
	// +kubebuilder:validation:Enum=sha256;sha1
	// +optional
	DigestAlgorithm string `json:"digestAlgorithm,omitempty" auth0:"digestAlgorithm"`
	// ProtocolBinding of the authentication request.
	// +kubebuilder:validation:Enum=urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST;urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect
	// +optional
	ProtocolBinding string `json:"protocolBinding,omitempty" auth0:"protocolBinding"`
	// FieldsMap maps user profile attributes to SAML attributes: a name or a list of names each
	// (e.g. {"email": ["emailaddress", "nameidentifier"], "family_name": "surname"}).
	// +optional
	FieldsMap map[string]apiextensionsv1.JSON `json:"fieldsMap,omitempty" auth0:"fieldsMap"`
	// IdPInitiated configures logins the IdP starts.
	// +optional
	IdPInitiated *SAMLIdPInitiated `json:"idpInitiated,omitempty" auth0:"idpinitiated"`
	// UserIDAttribute is the SAML attribute that holds the user ID.
	// +optional
	UserIDAttribute string `json:"userIDAttribute,omitempty" auth0:"user_id_attribute"`
	// Debug logs the SAML exchanges in the tenant's logs.
	// +optional
	Debug *bool `json:"debug,omitempty" auth0:"debug"`
	// SetUserRootAttributes: when the root profile attributes are updated from the IdP.
	// +kubebuilder:validation:Enum=on_each_login;on_first_login;never_on_login
	// +optional
	SetUserRootAttributes string `json:"setUserRootAttributes,omitempty" auth0:"set_user_root_attributes"`
	// DisableSignOut: Auth0 does not sign users out of the IdP.
	// +optional
	DisableSignOut *bool `json:"disableSignOut,omitempty" auth0:"disableSignout"`
	// EntityID is the audience (SP entity ID / issuer) Auth0 presents to the IdP.
	// +optional
	EntityID string `json:"entityID,omitempty" auth0:"entityId"`
	// RequestTemplate is the AuthnRequest template.
	// +optional
	RequestTemplate string `json:"requestTemplate,omitempty" auth0:"requestTemplate"`
	// TenantDomain is the IdP tenant's domain.
	// +optional
	TenantDomain string `json:"tenantDomain,omitempty" auth0:"tenant_domain"`
	// DomainAliases route users of these email domains to this connection (home realm discovery).
	// +listType=set
	// +optional
	DomainAliases []string `json:"domainAliases,omitempty" auth0:"domain_aliases,set"`
	// IconURL is the button's icon.
	// +optional
	IconURL string `json:"iconURL,omitempty" auth0:"icon_url"`
}

// OIDCAttributeMap maps the IdP's claims to the user profile.
type OIDCAttributeMap struct {
	// MappingMode: use_map (only attributes), bind_all (every claim) or basic_profile.
	// +kubebuilder:validation:Enum=use_map;bind_all;basic_profile
	// +optional
	MappingMode string `json:"mappingMode,omitempty" auth0:"mapping_mode"`
	// UserinfoScope is the scope of the userinfo request.
	// +optional
	UserinfoScope string `json:"userinfoScope,omitempty" auth0:"userinfo_scope"`
	// Attributes maps profile attributes to templates such as "${context.tokenset.email}".
	// +optional
	Attributes map[string]apiextensionsv1.JSON `json:"attributes,omitempty" auth0:"attributes"`
}

// OIDCConnectionSettings are the OIDC protocol settings.
type OIDCConnectionSettings struct {
	// PKCE: auto, S256, plain or disabled.
	// +kubebuilder:validation:Enum=auto;S256;plain;disabled
	// +optional
	PKCE string `json:"pkce,omitempty" auth0:"pkce"`
}

// OIDCOptions are the options of an oidc or okta connection.
type OIDCOptions struct {
	// Domain is the Okta organization's domain (okta only).
	// +optional
	Domain string `json:"domain,omitempty" auth0:"domain"`
	// DiscoveryURL is the IdP's /.well-known/openid-configuration.
	// +optional
	DiscoveryURL string `json:"discoveryURL,omitempty" auth0:"discovery_url"`
	// Issuer of the IdP's tokens.
	// +optional
	Issuer string `json:"issuer,omitempty" auth0:"issuer"`
	// AuthorizationEndpoint of the IdP.
	// +optional
	AuthorizationEndpoint string `json:"authorizationEndpoint,omitempty" auth0:"authorization_endpoint"`
	// TokenEndpoint of the IdP.
	// +optional
	TokenEndpoint string `json:"tokenEndpoint,omitempty" auth0:"token_endpoint"`
	// UserinfoEndpoint of the IdP.
	// +optional
	UserinfoEndpoint string `json:"userinfoEndpoint,omitempty" auth0:"userinfo_endpoint"`
	// JWKSURI is where the IdP publishes its keys.
	// +optional
	JWKSURI string `json:"jwksURI,omitempty" auth0:"jwks_uri"`
	// ClientID of Auth0's application at the IdP.
	// +optional
	ClientID string `json:"clientID,omitempty" auth0:"client_id"`
	// ClientSecret of that application, from a Secret (options.client_secret).
	// +optional
	ClientSecret *SecretValueSource `json:"clientSecret,omitempty"`
	// Scopes requested (options.scope, space-separated in Auth0), e.g. [openid, profile, email].
	// +optional
	Scopes []string `json:"scopes,omitempty"`
	// Type: front_channel (implicit, id_token) or back_channel (code, needs the client secret).
	// +kubebuilder:validation:Enum=front_channel;back_channel
	// +optional
	Type string `json:"type,omitempty" auth0:"type"`
	// AttributeMap maps claims to the profile.
	// +optional
	AttributeMap *OIDCAttributeMap `json:"attributeMap,omitempty" auth0:"attribute_map"`
	// ConnectionSettings are protocol settings (PKCE).
	// +optional
	ConnectionSettings *OIDCConnectionSettings `json:"connectionSettings,omitempty" auth0:"connection_settings"`
	// UpstreamParams are parameters passed on to the IdP (e.g. {"screen_name": {"alias": "login_hint"}}).
	// +optional
	UpstreamParams map[string]apiextensionsv1.JSON `json:"upstreamParams,omitempty" auth0:"upstream_params"`
	// NonPersistentAttrs are profile attributes Auth0 does not store.
	// +listType=set
	// +optional
	NonPersistentAttrs []string `json:"nonPersistentAttrs,omitempty" auth0:"non_persistent_attrs,set"`
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
