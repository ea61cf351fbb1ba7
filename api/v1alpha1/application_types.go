package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ApplicationSpec is an Auth0 application (a client).
// +kubebuilder:validation:XValidation:rule="has(self.resourceServerIdentifier) == (has(self.appType) && self.appType == 'resource_server')",message="resourceServerIdentifier goes with appType resource_server, and an appType resource_server needs it"
// +kubebuilder:validation:XValidation:rule="!has(self.complianceLevel) || self.complianceLevel == 'none' || !has(self.requirePushedAuthorizationRequests) || self.requirePushedAuthorizationRequests",message="a FAPI complianceLevel needs pushed authorization requests: requirePushedAuthorizationRequests cannot be false"
type ApplicationSpec struct {
	ManagedSpec `json:",inline"`

	// Name shown in Auth0; defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=255
	// +optional
	Name string `json:"name,omitempty"`
	// Description of the application.
	// +kubebuilder:validation:MaxLength=140
	// +optional
	Description string `json:"description,omitempty" auth0:"description"`
	// AppType is the kind of application. Unset leaves Auth0's: a client made without one
	// (a new tenant's Default App) is a generic application.
	// resource_server is the client of an API (with resourceServerIdentifier).
	// +kubebuilder:validation:Enum=spa;native;regular_web;non_interactive;resource_server
	// +optional
	AppType string `json:"appType,omitempty" auth0:"app_type"`
	// Callbacks are the allowed callback URLs.
	// +listType=set
	// +optional
	Callbacks []string `json:"callbacks,omitempty" auth0:"callbacks"`
	// AllowedLogoutURLs are the URLs Auth0 may redirect to after logout.
	// +listType=set
	// +optional
	AllowedLogoutURLs []string `json:"allowedLogoutURLs,omitempty" auth0:"allowed_logout_urls"`
	// WebOrigins are the origins allowed for web message response mode and silent auth.
	// +listType=set
	// +optional
	WebOrigins []string `json:"webOrigins,omitempty" auth0:"web_origins"`
	// AllowedOrigins are the origins allowed to make cross-origin requests.
	// +listType=set
	// +optional
	AllowedOrigins []string `json:"allowedOrigins,omitempty" auth0:"allowed_origins"`
	// GrantTypes the application may use, e.g. authorization_code, refresh_token,
	// client_credentials, implicit, password.
	// +listType=set
	// +optional
	GrantTypes []string `json:"grantTypes,omitempty" auth0:"grant_types"`
	// TokenEndpointAuthMethod: none (public clients), client_secret_post or client_secret_basic.
	// +kubebuilder:validation:Enum=none;client_secret_post;client_secret_basic
	// +optional
	TokenEndpointAuthMethod string `json:"tokenEndpointAuthMethod,omitempty" auth0:"token_endpoint_auth_method"`
	// JWTConfiguration of the ID tokens issued to the application.
	// +optional
	JWTConfiguration *JWTConfiguration `json:"jwtConfiguration,omitempty" auth0:"jwt_configuration"`
	// RefreshToken settings.
	// +optional
	RefreshToken *RefreshTokenSettings `json:"refreshToken,omitempty" auth0:"refresh_token"`
	// OIDCConformant makes the application follow strict OIDC.
	// +optional
	OIDCConformant *bool `json:"oidcConformant,omitempty" auth0:"oidc_conformant"`
	// CrossOriginAuthentication allows cross-origin authentication.
	// +optional
	CrossOriginAuthentication *bool `json:"crossOriginAuthentication,omitempty" auth0:"cross_origin_authentication"`
	// IsFirstParty marks the application as first party.
	// +optional
	IsFirstParty *bool `json:"isFirstParty,omitempty" auth0:"is_first_party"`
	// ClientMetadata are string key-value pairs stored with the application.
	// +kubebuilder:validation:MaxProperties=10
	// +optional
	ClientMetadata map[string]string `json:"clientMetadata,omitempty" auth0:"client_metadata"`
	// OrganizationUsage: deny, allow or require.
	// +kubebuilder:validation:Enum=deny;allow;require
	// +optional
	OrganizationUsage string `json:"organizationUsage,omitempty" auth0:"organization_usage"`
	// OrganizationRequireBehavior: no_prompt, pre_login_prompt or post_login_prompt.
	// +kubebuilder:validation:Enum=no_prompt;pre_login_prompt;post_login_prompt
	// +optional
	OrganizationRequireBehavior string `json:"organizationRequireBehavior,omitempty" auth0:"organization_require_behavior"`
	// LogoURI is the URL of the application's logo.
	// +optional
	LogoURI string `json:"logoURI,omitempty" auth0:"logo_uri"`
	// ClientAliases are the audiences or realms the SAML and WS-Fed protocols accept for the
	// application (the WS-Fed addon uses them).
	// +listType=set
	// +optional
	ClientAliases []string `json:"clientAliases,omitempty" auth0:"client_aliases"`
	// AllowedClients are the client IDs allowed to make delegation requests to this one; an
	// empty list allows every client.
	// +listType=set
	// +optional
	AllowedClients []string `json:"allowedClients,omitempty" auth0:"allowed_clients"`
	// InitiateLoginURI is the URL Auth0 sends users to when a login must start at the
	// application (third-party initiated login). It must be https.
	// +kubebuilder:validation:Pattern=`^https://`
	// +optional
	InitiateLoginURI string `json:"initiateLoginURI,omitempty" auth0:"initiate_login_uri"`
	// SSO: for an SSO (addon) client, true lets Auth0 handle single sign-on, false the
	// identity provider.
	// +optional
	SSO *bool `json:"sso,omitempty" auth0:"sso"`
	// SSODisabled turns single sign-on off for the application.
	// +optional
	SSODisabled *bool `json:"ssoDisabled,omitempty" auth0:"sso_disabled,default=false"`
	// CrossOriginLoc is the URL of the page of your site that performs cross-origin
	// verification (cross-origin authentication without third-party cookies).
	// +optional
	CrossOriginLoc string `json:"crossOriginLoc,omitempty" auth0:"cross_origin_loc"`
	// Mobile settings of a native application: iOS and Android app links.
	// +optional
	Mobile *ApplicationMobile `json:"mobile,omitempty" auth0:"mobile"`
	// NativeSocialLogin enables native login with Apple, Facebook or Google SDKs.
	// +optional
	NativeSocialLogin *NativeSocialLogin `json:"nativeSocialLogin,omitempty" auth0:"native_social_login"`
	// FedCMLogin enables login through the browser's FedCM API (Google).
	// +optional
	FedCMLogin *FedCMLogin `json:"fedcmLogin,omitempty" auth0:"fedcm_login"`
	// DefaultOrganization is the organization the application's client-credentials tokens
	// belong to when the request names none.
	// +optional
	DefaultOrganization *DefaultOrganization `json:"defaultOrganization,omitempty" auth0:"default_organization"`
	// OrganizationDiscoveryMethods are how users find their organization in the
	// pre_login_prompt: email, organization_name, or both.
	// +listType=set
	// +kubebuilder:validation:items:Enum=email;organization_name
	// +optional
	OrganizationDiscoveryMethods []string `json:"organizationDiscoveryMethods,omitempty" auth0:"organization_discovery_methods,set"`
	// RequirePushedAuthorizationRequests makes Pushed Authorization Requests (PAR) mandatory.
	// +optional
	RequirePushedAuthorizationRequests *bool `json:"requirePushedAuthorizationRequests,omitempty" auth0:"require_pushed_authorization_requests"`
	// PARRequestExpiry is how long, in seconds, a pushed authorization request URI stays valid.
	// +kubebuilder:validation:Minimum=5
	// +kubebuilder:validation:Maximum=600
	// +optional
	PARRequestExpiry *int32 `json:"parRequestExpiry,omitempty" auth0:"par_request_expiry"`
	// RequireProofOfPossession makes sender-constrained tokens (DPoP or mTLS) mandatory.
	// +optional
	RequireProofOfPossession *bool `json:"requireProofOfPossession,omitempty" auth0:"require_proof_of_possession"`
	// ComplianceLevel is the security profile the application must follow: none or a FAPI
	// profile.
	// +kubebuilder:validation:Enum=none;fapi1_adv_pkj_par;fapi1_adv_mtls_par;fapi2_sp_pkj_mtls;fapi2_sp_mtls_mtls
	// +optional
	ComplianceLevel string `json:"complianceLevel,omitempty" auth0:"compliance_level"`
	// TokenQuota limits the tokens the application may get with client credentials.
	// +optional
	TokenQuota *TokenQuota `json:"tokenQuota,omitempty" auth0:"token_quota"`
	// SessionTransfer configures native-to-web session transfer.
	// +optional
	SessionTransfer *SessionTransfer `json:"sessionTransfer,omitempty" auth0:"session_transfer"`
	// OIDCLogout configures OIDC back-channel logout.
	// +optional
	OIDCLogout *OIDCLogout `json:"oidcLogout,omitempty" auth0:"oidc_logout"`
	// EncryptionKey is the public key or certificate Auth0 encrypts to the application with
	// (SAML and WS-Fed assertions). Public material: given inline.
	// +optional
	EncryptionKey *EncryptionKey `json:"encryptionKey,omitempty" auth0:"encryption_key"`
	// IsTokenEndpointIPHeaderTrusted trusts the auth0-forwarded-for header as the user's IP
	// for brute-force protection on the token endpoint.
	// +optional
	IsTokenEndpointIPHeaderTrusted *bool `json:"isTokenEndpointIPHeaderTrusted,omitempty" auth0:"is_token_endpoint_ip_header_trusted,default=false"`
	// SkipNonVerifiableCallbackURIConfirmationPrompt skips the confirmation prompt for
	// callbacks Auth0 cannot verify (custom schemes, localhost). Keep it false unless needed.
	// +optional
	SkipNonVerifiableCallbackURIConfirmationPrompt *bool `json:"skipNonVerifiableCallbackURIConfirmationPrompt,omitempty" auth0:"skip_non_verifiable_callback_uri_confirmation_prompt"`
	// TokenExchange says which token exchange profile types the application may use.
	// +optional
	TokenExchange *TokenExchange `json:"tokenExchange,omitempty" auth0:"token_exchange"`
	// ThirdPartySecurityMode of a third-party application: strict or permissive.
	// +kubebuilder:validation:Enum=strict;permissive
	// +optional
	ThirdPartySecurityMode string `json:"thirdPartySecurityMode,omitempty" auth0:"third_party_security_mode"`
	// RedirectionPolicy: allow_always, or open_redirect_protection (shows an interstitial
	// before redirecting to an unverified callback).
	// +kubebuilder:validation:Enum=allow_always;open_redirect_protection
	// +optional
	RedirectionPolicy string `json:"redirectionPolicy,omitempty" auth0:"redirection_policy"`
	// AsyncApprovalNotificationChannels are the channels of asynchronous (CIBA) approval
	// notifications, in order of preference.
	// +kubebuilder:validation:items:Enum=guardian-push;email
	// +optional
	AsyncApprovalNotificationChannels []string `json:"asyncApprovalNotificationChannels,omitempty" auth0:"async_approval_notification_channels"`
	// MyOrganizationConfiguration configures the My Organization API for this application.
	// +optional
	MyOrganizationConfiguration *MyOrganizationConfiguration `json:"myOrganizationConfiguration,omitempty" auth0:"my_organization_configuration"`
	// CustomLoginPageOn uses the custom (classic) login page; Auth0's default is true.
	// +optional
	CustomLoginPageOn *bool `json:"customLoginPageOn,omitempty" auth0:"custom_login_page_on,default=true"`
	// CustomLoginPage is the HTML of the classic custom login page, inline or from a ConfigMap.
	// +optional
	CustomLoginPage *TextSource `json:"customLoginPage,omitempty"`
	// CustomLoginPagePreview is the HTML shown in the dashboard's preview.
	// +optional
	CustomLoginPagePreview *TextSource `json:"customLoginPagePreview,omitempty"`
	// FormTemplate is the HTML form template of WS-Federation, inline or from a ConfigMap.
	// +optional
	FormTemplate *TextSource `json:"formTemplate,omitempty"`
	// Addons are the application's add-ons (SAML2 Web App, WS-Fed, AWS, Azure, ...). A secret
	// an addon needs comes from a Secret.
	// +optional
	Addons *ApplicationAddons `json:"addons,omitempty" auth0:"addons"`
	// ResourceServerIdentifier links a resource_server application to its API, by the API's
	// identifier. Auth0 takes it on create only.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="resourceServerIdentifier cannot be changed (Auth0 takes it on create only); create a new Application instead"
	// +optional
	ResourceServerIdentifier string `json:"resourceServerIdentifier,omitempty" auth0:"resource_server_identifier"`
	// ExpressConfiguration is the Okta Integration Network express configuration.
	// +optional
	ExpressConfiguration *ExpressConfiguration `json:"expressConfiguration,omitempty" auth0:"express_configuration"`
	// Passthrough holds Auth0 client fields this CRD does not model yet, in Auth0's own JSON
	// names (e.g. {"sso": true}). They are sent as they are and compared for drift. A key the
	// spec models, or client_id/client_secret, is refused (Stalled/InvalidSpec).
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`

	// CredentialsSecretRef names the Secret (created and owned by this Application) that gets
	// the keys domain, clientID, clientSecret (where the app type has one) and issuer.
	// +optional
	CredentialsSecretRef *LocalObjectReference `json:"credentialsSecretRef,omitempty"`
	// ClientSecretRotation rotates the client secret whenever it changes: set it to any new
	// value (a date, a counter). The credentials Secret is updated in the same reconcile.
	// +optional
	ClientSecretRotation string `json:"clientSecretRotation,omitempty"`
}

// JWTConfiguration of an application's ID tokens.
type JWTConfiguration struct {
	// LifetimeInSeconds of the ID token.
	// +kubebuilder:validation:Minimum=1
	// +optional
	LifetimeInSeconds *int32 `json:"lifetimeInSeconds,omitempty" auth0:"lifetime_in_seconds"`
	// Alg signs the ID token: HS256, RS256, RS512 or PS256.
	// +kubebuilder:validation:Enum=HS256;RS256;RS512;PS256
	// +optional
	Alg string `json:"alg,omitempty" auth0:"alg"`
	// SecretEncoded says the client secret is base64 encoded (for HS256).
	// +optional
	SecretEncoded *bool `json:"secretEncoded,omitempty" auth0:"secret_encoded,default=false"`
	// Scopes are the scopes of the ID token (legacy, non-OIDC-conformant applications).
	// +optional
	Scopes map[string]string `json:"scopes,omitempty" auth0:"scopes"`
}

// RefreshTokenSettings of an application.
type RefreshTokenSettings struct {
	// RotationType: rotating or non-rotating.
	// +kubebuilder:validation:Enum=rotating;non-rotating
	// +optional
	RotationType string `json:"rotationType,omitempty" auth0:"rotation_type"`
	// ExpirationType: expiring or non-expiring.
	// +kubebuilder:validation:Enum=expiring;non-expiring
	// +optional
	ExpirationType string `json:"expirationType,omitempty" auth0:"expiration_type"`
	// Leeway in seconds during which a rotated token may be reused.
	// +kubebuilder:validation:Minimum=0
	// +optional
	Leeway *int32 `json:"leeway,omitempty" auth0:"leeway"`
	// TokenLifetime in seconds.
	// +kubebuilder:validation:Minimum=1
	// +optional
	TokenLifetime *int32 `json:"tokenLifetime,omitempty" auth0:"token_lifetime"`
	// InfiniteTokenLifetime disables the absolute lifetime.
	// +optional
	InfiniteTokenLifetime *bool `json:"infiniteTokenLifetime,omitempty" auth0:"infinite_token_lifetime"`
	// IdleTokenLifetime in seconds.
	// +kubebuilder:validation:Minimum=1
	// +optional
	IdleTokenLifetime *int32 `json:"idleTokenLifetime,omitempty" auth0:"idle_token_lifetime"`
	// InfiniteIdleTokenLifetime disables the idle lifetime.
	// +optional
	InfiniteIdleTokenLifetime *bool `json:"infiniteIdleTokenLifetime,omitempty" auth0:"infinite_idle_token_lifetime"`
	// Policies are the audiences (and scopes) for which the application gets refresh tokens
	// through Multi-Resource Refresh Token.
	// +optional
	Policies []RefreshTokenPolicy `json:"policies,omitempty" auth0:"policies"`
}

// RefreshTokenPolicy lets refresh tokens be exchanged for an audience's access tokens.
type RefreshTokenPolicy struct {
	// Audience is the API identifier.
	// +kubebuilder:validation:MinLength=1
	Audience string `json:"audience" auth0:"audience"`
	// Scope are the scopes the refresh token may ask for at that API (exported in Auth0's
	// order: compared as a list inside a policy).
	// +listType=set
	Scope []string `json:"scope" auth0:"scope"`
}

// ApplicationStatus is the observed state of an Application.
type ApplicationStatus struct {
	ManagedStatus `json:",inline"`
	// ClientID of the application (the same as id).
	// +optional
	ClientID string `json:"clientID,omitempty"`
}

// Application is an Auth0 application, with its credentials delivered to a Secret.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0app,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Application struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ApplicationSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ApplicationStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (a *Application) GetManagedSpec() *ManagedSpec { return &a.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (a *Application) GetManagedStatus() *ManagedStatus { return &a.Status.ManagedStatus }

// CredentialsSecretName names the Secret the credentials go to ("" for none).
func (a *Application) CredentialsSecretName() string {
	if a.Spec.CredentialsSecretRef == nil {
		return ""
	}
	return a.Spec.CredentialsSecretRef.Name
}

// ApplicationList is a list of Applications.
// +kubebuilder:object:root=true
type ApplicationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Application `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Application{}, &ApplicationList{})
}
