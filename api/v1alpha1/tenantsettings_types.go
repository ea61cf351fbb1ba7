package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TenantSettingsSpec are the tenant-wide settings of an Auth0 tenant (/tenants/settings). Only
// the fields set here are managed; Auth0 keeps its values for the others.
type TenantSettingsSpec struct {
	ManagedSpec `json:",inline"`

	// FriendlyName of the tenant, shown on the login page and in emails.
	// +kubebuilder:validation:MaxLength=255
	// +optional
	FriendlyName string `json:"friendlyName,omitempty" auth0:"friendly_name"`
	// PictureURL of the tenant's logo.
	// +optional
	PictureURL string `json:"pictureURL,omitempty" auth0:"picture_url"`
	// SupportEmail shown to users.
	// +optional
	SupportEmail string `json:"supportEmail,omitempty" auth0:"support_email"`
	// SupportURL shown to users.
	// +optional
	SupportURL string `json:"supportURL,omitempty" auth0:"support_url"`
	// AllowedLogoutURLs the tenant-level logout may redirect to.
	// +listType=set
	// +optional
	AllowedLogoutURLs []string `json:"allowedLogoutURLs,omitempty" auth0:"allowed_logout_urls"`
	// SessionLifetime: how long a login session lasts at most, e.g. 168h (hours, fractions
	// allowed).
	// +optional
	SessionLifetime *metav1.Duration `json:"sessionLifetime,omitempty" auth0:"session_lifetime,hours,default=720"`
	// IdleSessionLifetime: how long a session lasts without activity, e.g. 72h.
	// +optional
	IdleSessionLifetime *metav1.Duration `json:"idleSessionLifetime,omitempty" auth0:"idle_session_lifetime,hours,default=72"`
	// EphemeralSessionLifetime: the lifetime of non-persistent sessions.
	// +optional
	EphemeralSessionLifetime *metav1.Duration `json:"ephemeralSessionLifetime,omitempty" auth0:"ephemeral_session_lifetime,hours,default=72"`
	// IdleEphemeralSessionLifetime: the idle lifetime of non-persistent sessions.
	// +optional
	IdleEphemeralSessionLifetime *metav1.Duration `json:"idleEphemeralSessionLifetime,omitempty" auth0:"idle_ephemeral_session_lifetime,hours,default=24"`
	// DefaultAudience of access tokens requested without one.
	// +optional
	DefaultAudience string `json:"defaultAudience,omitempty" auth0:"default_audience"`
	// DefaultDirectory is the connection used by the password grant.
	// +optional
	DefaultDirectory string `json:"defaultDirectory,omitempty" auth0:"default_directory"`
	// DefaultRedirectionURI for flows started outside an application (e.g. password reset).
	// +optional
	DefaultRedirectionURI string `json:"defaultRedirectionURI,omitempty" auth0:"default_redirection_uri"`
	// EnabledLocales of the login pages, in order: the first is the default.
	// +kubebuilder:validation:MaxItems=100
	// +optional
	EnabledLocales []string `json:"enabledLocales,omitempty" auth0:"enabled_locales,default=en"`
	// SandboxVersion of Node.js for Actions and rules, e.g. "22".
	// +kubebuilder:validation:Pattern=`^[0-9]+$`
	// +optional
	SandboxVersion string `json:"sandboxVersion,omitempty" auth0:"sandbox_version,default=22"`
	// Flags are tenant feature flags.
	// +optional
	Flags *TenantFlags `json:"flags,omitempty" auth0:"flags"`
	// SessionCookie: persistent (kept across browser restarts) or non-persistent.
	// +optional
	SessionCookie *SessionCookie `json:"sessionCookie,omitempty" auth0:"session_cookie"`
	// Sessions settings.
	// +optional
	Sessions *TenantSessions `json:"sessions,omitempty" auth0:"sessions"`
	// CustomizeMFAInPostLoginAction lets post-login Actions choose the MFA factors.
	// +optional
	CustomizeMFAInPostLoginAction *bool `json:"customizeMFAInPostLoginAction,omitempty" auth0:"customize_mfa_in_postlogin_action,default=false"`
	// AllowOrganizationNameInAuthenticationAPI accepts organization names (not only IDs) in
	// the Authentication API.
	// +optional
	AllowOrganizationNameInAuthenticationAPI *bool `json:"allowOrganizationNameInAuthenticationAPI,omitempty" auth0:"allow_organization_name_in_authentication_api,default=false"`
	// ErrorPage: where and how the login flow shows errors.
	// +optional
	ErrorPage *TenantErrorPage `json:"errorPage,omitempty" auth0:"error_page"`
	// ChangePassword is the classic change-password page.
	// +optional
	ChangePassword *TenantClassicPage `json:"changePassword,omitempty" auth0:"change_password"`
	// GuardianMFAPage is the classic MFA page.
	// +optional
	GuardianMFAPage *TenantClassicPage `json:"guardianMFAPage,omitempty" auth0:"guardian_mfa_page"`
	// DeviceFlow: the user codes of the device authorization flow.
	// +optional
	DeviceFlow *TenantDeviceFlow `json:"deviceFlow,omitempty" auth0:"device_flow"`
	// OIDCLogout settings of the tenant.
	// +optional
	OIDCLogout *TenantOIDCLogout `json:"oidcLogout,omitempty" auth0:"oidc_logout"`
	// PushedAuthorizationRequestsSupported enables Pushed Authorization Requests (PAR).
	// +optional
	PushedAuthorizationRequestsSupported *bool `json:"pushedAuthorizationRequestsSupported,omitempty" auth0:"pushed_authorization_requests_supported,default=false"`
	// MTLS: mutual-TLS client authentication support.
	// +optional
	MTLS *TenantMTLS `json:"mtls,omitempty" auth0:"mtls"`
	// ACRValuesSupported: the ACR values the tenant advertises; [] clears them.
	// +listType=set
	// +optional
	ACRValuesSupported []string `json:"acrValuesSupported,omitempty" auth0:"acr_values_supported,set"`
	// AuthorizationResponseIssParameterSupported adds the iss parameter to authorization
	// responses (RFC 9207).
	// +optional
	AuthorizationResponseIssParameterSupported *bool `json:"authorizationResponseIssParameterSupported,omitempty" auth0:"authorization_response_iss_parameter_supported,default=false"`
	// SkipNonVerifiableCallbackURIConfirmationPrompt: true skips the confirmation prompt for
	// callback URIs that cannot be verified (custom schemes, localhost). Auth0 advises false.
	// +optional
	SkipNonVerifiableCallbackURIConfirmationPrompt *bool `json:"skipNonVerifiableCallbackURIConfirmationPrompt,omitempty" auth0:"skip_non_verifiable_callback_uri_confirmation_prompt,default=false"`
	// ResourceParameterProfile: how the resource parameter is read: audience or compatibility.
	// +kubebuilder:validation:Enum=audience;compatibility
	// +optional
	ResourceParameterProfile string `json:"resourceParameterProfile,omitempty" auth0:"resource_parameter_profile,default=audience"`
	// ClientIDMetadataDocumentSupported lets clients be identified by a client ID metadata
	// document URL.
	// +optional
	ClientIDMetadataDocumentSupported *bool `json:"clientIDMetadataDocumentSupported,omitempty" auth0:"client_id_metadata_document_supported,default=false"`
	// DynamicClientRegistrationSecurityMode: strict or permissive.
	// +kubebuilder:validation:Enum=strict;permissive
	// +optional
	DynamicClientRegistrationSecurityMode string `json:"dynamicClientRegistrationSecurityMode,omitempty" auth0:"dynamic_client_registration_security_mode,default=strict"`
	// DefaultTokenQuota: the client-credentials token quotas of clients and organizations
	// that set none of their own.
	// +optional
	DefaultTokenQuota *DefaultTokenQuota `json:"defaultTokenQuota,omitempty" auth0:"default_token_quota"`
	// CountryCodes: the phone country codes allowed or denied.
	// +optional
	CountryCodes *TenantCountryCodes `json:"countryCodes,omitempty" auth0:"country_codes"`
	// PhoneConsolidatedExperience turns on the phone consolidated experience (the branding
	// phone provider and templates instead of Guardian's).
	// +optional
	PhoneConsolidatedExperience *bool `json:"phoneConsolidatedExperience,omitempty" auth0:"phone_consolidated_experience,default=false"`
	// EnableAIGuide turns on Auth0 Guide, the dashboard's AI assistance.
	// +optional
	EnableAIGuide *bool `json:"enableAIGuide,omitempty" auth0:"enable_ai_guide,default=false"`
	// IncludeSessionMetadataInTenantLogs adds session metadata to the slo and OIDC
	// back-channel logout logs.
	// +optional
	IncludeSessionMetadataInTenantLogs *bool `json:"includeSessionMetadataInTenantLogs,omitempty" auth0:"include_session_metadata_in_tenant_logs,default=false"`
	// LegacySandboxVersion of Node.js for the legacy extensibility (rules, hooks).
	// +kubebuilder:validation:Pattern=`^[0-9]+$`
	// +optional
	LegacySandboxVersion string `json:"legacySandboxVersion,omitempty" auth0:"legacy_sandbox_version"`
}

// SessionCookie is the tenant's session cookie mode.
type SessionCookie struct {
	// +kubebuilder:validation:Enum=persistent;non-persistent
	Mode string `json:"mode" auth0:"mode,default=persistent"`
}

// TenantSessions are the tenant's session settings.
type TenantSessions struct {
	// OIDCLogoutPromptEnabled asks users to confirm an OIDC RP-initiated logout.
	// +optional
	OIDCLogoutPromptEnabled *bool `json:"oidcLogoutPromptEnabled,omitempty" auth0:"oidc_logout_prompt_enabled,default=true"`
}

// TenantSettingsStatus is the observed state of TenantSettings.
type TenantSettingsStatus struct {
	ManagedStatus `json:",inline"`
}

// TenantSettings manages the tenant's settings. One per tenant: the oldest object manages
// them; deleting it leaves the tenant's settings as they are.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0settings,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type TenantSettings struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec TenantSettingsSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status TenantSettingsStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (t *TenantSettings) GetManagedSpec() *ManagedSpec { return &t.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (t *TenantSettings) GetManagedStatus() *ManagedStatus { return &t.Status.ManagedStatus }

// TenantSettingsList is a list of TenantSettings.
// +kubebuilder:object:root=true
type TenantSettingsList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []TenantSettings `json:"items"`
}

func init() {
	SchemeBuilder.Register(&TenantSettings{}, &TenantSettingsList{})
}
