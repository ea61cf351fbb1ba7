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
}

// TenantFlags are the tenant flags teams commonly pin, plus others by Auth0's name.
// +kubebuilder:validation:XValidation:rule="!has(self.passthrough) || !self.passthrough.exists(k, k in ['disable_impersonation', 'enable_public_signup_user_exists_error', 'no_disclose_enterprise_connections', 'revoke_refresh_token_grant', 'disable_clickjack_protection_headers', 'enable_dynamic_client_registration', 'use_scope_descriptions_for_consent', 'mfa_show_factor_list_on_enrollment'])",message="this flag has a typed field in spec.flags; set it there"
type TenantFlags struct {
	// DisableImpersonation turns off user impersonation.
	// +optional
	DisableImpersonation *bool `json:"disableImpersonation,omitempty" auth0:"disable_impersonation,default=true"`
	// EnablePublicSignupUserExistsError tells a signup that the user exists.
	// +optional
	EnablePublicSignupUserExistsError *bool `json:"enablePublicSignupUserExistsError,omitempty" auth0:"enable_public_signup_user_exists_error,default=false"`
	// NoDiscloseEnterpriseConnections hides the enterprise connections' names on the login page.
	// +optional
	NoDiscloseEnterpriseConnections *bool `json:"noDiscloseEnterpriseConnections,omitempty" auth0:"no_disclose_enterprise_connections,default=false"`
	// RevokeRefreshTokenGrant revokes a user's refresh tokens with their grants.
	// +optional
	RevokeRefreshTokenGrant *bool `json:"revokeRefreshTokenGrant,omitempty" auth0:"revoke_refresh_token_grant,default=false"`
	// DisableClickjackProtectionHeaders turns off the X-Frame-Options headers of the login pages.
	// +optional
	DisableClickjackProtectionHeaders *bool `json:"disableClickjackProtectionHeaders,omitempty" auth0:"disable_clickjack_protection_headers,default=false"`
	// EnableDynamicClientRegistration allows OIDC dynamic client registration.
	// +optional
	EnableDynamicClientRegistration *bool `json:"enableDynamicClientRegistration,omitempty" auth0:"enable_dynamic_client_registration,default=false"`
	// UseScopeDescriptionsForConsent shows scope descriptions on the consent page.
	// +optional
	UseScopeDescriptionsForConsent *bool `json:"useScopeDescriptionsForConsent,omitempty" auth0:"use_scope_descriptions_for_consent,default=false"`
	// MFAShowFactorListOnEnrollment lists the factors when a user enrolls in MFA.
	// +optional
	MFAShowFactorListOnEnrollment *bool `json:"mfaShowFactorListOnEnrollment,omitempty" auth0:"mfa_show_factor_list_on_enrollment,default=false"`
	// Passthrough sets other flags by Auth0's name (e.g. {"enable_sso": true}). A flag with a
	// typed field above is refused.
	// +optional
	Passthrough map[string]bool `json:"passthrough,omitempty"`
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
