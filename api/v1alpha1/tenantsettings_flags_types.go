package v1alpha1

// TenantFlags are the tenant's feature flags, each typed by Auth0's name in go-auth0's
// TenantSettingsFlags (plus use_scope_descriptions_for_consent, which Auth0 takes though the
// SDK lacks it); a flag Auth0 adds later goes through passthrough.
// +kubebuilder:validation:XValidation:rule="!has(self.passthrough) || !self.passthrough.exists(k, k in ['change_pwd_flow_v1', 'enable_apis_section', 'disable_impersonation', 'enable_client_connections', 'enable_pipeline2', 'allow_legacy_delegation_grant_types', 'allow_legacy_ro_grant_types', 'allow_legacy_tokeninfo_endpoint', 'enable_legacy_profile', 'enable_idtoken_api2', 'enable_public_signup_user_exists_error', 'enable_sso', 'allow_changing_enable_sso', 'disable_clickjack_protection_headers', 'no_disclose_enterprise_connections', 'enforce_client_authentication_on_passwordless_start', 'enable_adfs_waad_email_verification', 'revoke_refresh_token_grant', 'dashboard_log_streams_next', 'dashboard_insights_view', 'disable_fields_map_fix', 'mfa_show_factor_list_on_enrollment', 'remove_alg_from_jwks', 'improved_signup_bot_detection_in_classic', 'genai_trial', 'enable_dynamic_client_registration', 'disable_management_api_sms_obfuscation', 'trust_azure_adfs_email_verified_connection_property', 'custom_domains_provisioning', 'use_scope_descriptions_for_consent'])",message="this flag has a typed field in spec.flags; set it there"
type TenantFlags struct {
	// ChangePwdFlowV1 uses the legacy (v1) change-password flow.
	// +optional
	ChangePwdFlowV1 *bool `json:"changePwdFlowV1,omitempty" auth0:"change_pwd_flow_v1"`
	// EnableAPIsSection shows the APIs section in the dashboard.
	// +optional
	EnableAPIsSection *bool `json:"enableAPIsSection,omitempty" auth0:"enable_apis_section"`
	// DisableImpersonation turns off user impersonation.
	// +optional
	DisableImpersonation *bool `json:"disableImpersonation,omitempty" auth0:"disable_impersonation,default=true"`
	// EnableClientConnections enables a new application on every connection of the tenant.
	// +optional
	EnableClientConnections *bool `json:"enableClientConnections,omitempty" auth0:"enable_client_connections"`
	// EnablePipeline2 runs the authentication pipeline version 2.
	// +optional
	EnablePipeline2 *bool `json:"enablePipeline2,omitempty" auth0:"enable_pipeline2"`
	// AllowLegacyDelegationGrantTypes allows the deprecated delegation grant.
	// +optional
	AllowLegacyDelegationGrantTypes *bool `json:"allowLegacyDelegationGrantTypes,omitempty" auth0:"allow_legacy_delegation_grant_types,default=false"`
	// AllowLegacyROGrantTypes allows the deprecated resource-owner (/oauth/ro) grants.
	// +optional
	AllowLegacyROGrantTypes *bool `json:"allowLegacyROGrantTypes,omitempty" auth0:"allow_legacy_ro_grant_types,default=false"`
	// AllowLegacyTokeninfoEndpoint keeps the deprecated /tokeninfo endpoint.
	// +optional
	AllowLegacyTokeninfoEndpoint *bool `json:"allowLegacyTokeninfoEndpoint,omitempty" auth0:"allow_legacy_tokeninfo_endpoint"`
	// EnableLegacyProfile returns the legacy user profile from /userinfo and in ID tokens.
	// +optional
	EnableLegacyProfile *bool `json:"enableLegacyProfile,omitempty" auth0:"enable_legacy_profile"`
	// EnableIDTokenAPI2 accepts ID tokens to call Management API v2 (legacy).
	// +optional
	EnableIDTokenAPI2 *bool `json:"enableIDTokenAPI2,omitempty" auth0:"enable_idtoken_api2"`
	// EnablePublicSignupUserExistsError tells a signup that the user exists.
	// +optional
	EnablePublicSignupUserExistsError *bool `json:"enablePublicSignupUserExistsError,omitempty" auth0:"enable_public_signup_user_exists_error,default=false"`
	// EnableSSO turns on tenant-wide seamless SSO (Auth0 lets only some tenants change it).
	// +optional
	EnableSSO *bool `json:"enableSSO,omitempty" auth0:"enable_sso,default=true"`
	// AllowChangingEnableSSO allows enable_sso to be changed.
	// +optional
	AllowChangingEnableSSO *bool `json:"allowChangingEnableSSO,omitempty" auth0:"allow_changing_enable_sso,default=false"`
	// DisableClickjackProtectionHeaders turns off the X-Frame-Options headers of the login pages.
	// +optional
	DisableClickjackProtectionHeaders *bool `json:"disableClickjackProtectionHeaders,omitempty" auth0:"disable_clickjack_protection_headers,default=false"`
	// NoDiscloseEnterpriseConnections hides the enterprise connections' names on the login page.
	// +optional
	NoDiscloseEnterpriseConnections *bool `json:"noDiscloseEnterpriseConnections,omitempty" auth0:"no_disclose_enterprise_connections,default=false"`
	// EnforceClientAuthenticationOnPasswordlessStart requires confidential clients to authenticate on /passwordless/start.
	// +optional
	EnforceClientAuthenticationOnPasswordlessStart *bool `json:"enforceClientAuthenticationOnPasswordlessStart,omitempty" auth0:"enforce_client_authentication_on_passwordless_start,default=true"`
	// EnableADFSWAADEmailVerification takes the email_verified of ADFS and Azure AD users from the IdP.
	// +optional
	EnableADFSWAADEmailVerification *bool `json:"enableADFSWAADEmailVerification,omitempty" auth0:"enable_adfs_waad_email_verification"`
	// RevokeRefreshTokenGrant revokes a user's refresh tokens with their grants.
	// +optional
	RevokeRefreshTokenGrant *bool `json:"revokeRefreshTokenGrant,omitempty" auth0:"revoke_refresh_token_grant,default=false"`
	// DashboardLogStreamsNext shows the next log-streams pages in the dashboard.
	// +optional
	DashboardLogStreamsNext *bool `json:"dashboardLogStreamsNext,omitempty" auth0:"dashboard_log_streams_next"`
	// DashboardInsightsView shows the insights view in the dashboard.
	// +optional
	DashboardInsightsView *bool `json:"dashboardInsightsView,omitempty" auth0:"dashboard_insights_view"`
	// DisableFieldsMapFix turns off the fix of fields_map for SAML connections (legacy behaviour).
	// +optional
	DisableFieldsMapFix *bool `json:"disableFieldsMapFix,omitempty" auth0:"disable_fields_map_fix,default=false"`
	// MFAShowFactorListOnEnrollment lists the factors when a user enrolls in MFA.
	// +optional
	MFAShowFactorListOnEnrollment *bool `json:"mfaShowFactorListOnEnrollment,omitempty" auth0:"mfa_show_factor_list_on_enrollment,default=false"`
	// RemoveAlgFromJWKS leaves the alg parameter out of the tenant's JWKS.
	// +optional
	RemoveAlgFromJWKS *bool `json:"removeAlgFromJWKS,omitempty" auth0:"remove_alg_from_jwks,default=false"`
	// ImprovedSignupBotDetectionInClassic uses the improved signup bot detection on the classic login page.
	// +optional
	ImprovedSignupBotDetectionInClassic *bool `json:"improvedSignupBotDetectionInClassic,omitempty" auth0:"improved_signup_bot_detection_in_classic"`
	// GenAITrial joins the generative-AI features trial.
	// +optional
	GenAITrial *bool `json:"genaiTrial,omitempty" auth0:"genai_trial"`
	// EnableDynamicClientRegistration allows OIDC dynamic client registration.
	// +optional
	EnableDynamicClientRegistration *bool `json:"enableDynamicClientRegistration,omitempty" auth0:"enable_dynamic_client_registration,default=false"`
	// DisableManagementAPISMSObfuscation shows phone numbers unmasked in Management API answers.
	// +optional
	DisableManagementAPISMSObfuscation *bool `json:"disableManagementAPISMSObfuscation,omitempty" auth0:"disable_management_api_sms_obfuscation,default=false"`
	// TrustAzureADFSEmailVerifiedConnectionProperty trusts the email_verified property of Azure AD and ADFS connections.
	// +optional
	TrustAzureADFSEmailVerifiedConnectionProperty *bool `json:"trustAzureADFSEmailVerifiedConnectionProperty,omitempty" auth0:"trust_azure_adfs_email_verified_connection_property"`
	// CustomDomainsProvisioning enables custom domain provisioning.
	// +optional
	CustomDomainsProvisioning *bool `json:"customDomainsProvisioning,omitempty" auth0:"custom_domains_provisioning"`
	// UseScopeDescriptionsForConsent shows scope descriptions on the consent page.
	// +optional
	UseScopeDescriptionsForConsent *bool `json:"useScopeDescriptionsForConsent,omitempty" auth0:"use_scope_descriptions_for_consent,default=false"`
	// Passthrough sets other flags by Auth0's name (e.g. {"new_flag": true}). A flag with a
	// typed field above is refused.
	// +kubebuilder:validation:MaxProperties=20
	// +optional
	Passthrough map[string]bool `json:"passthrough,omitempty"`
}
