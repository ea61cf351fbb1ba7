package v1alpha1

// The nested settings of an Application, each mapped to Auth0's object of the same name.

// ApplicationMobile are a native application's iOS and Android settings.
type ApplicationMobile struct {
	// Android app links.
	// +optional
	Android *MobileAndroid `json:"android,omitempty" auth0:"android"`
	// IOS universal links.
	// +optional
	IOS *MobileIOS `json:"ios,omitempty" auth0:"ios"`
}

// MobileAndroid identifies the Android app.
type MobileAndroid struct {
	// AppPackageName, e.g. com.example.app.
	// +optional
	AppPackageName string `json:"appPackageName,omitempty" auth0:"app_package_name"`
	// SHA256CertFingerprints of the app's signing certificates (colon-separated hex).
	// +listType=set
	// +optional
	SHA256CertFingerprints []string `json:"sha256CertFingerprints,omitempty" auth0:"sha256_cert_fingerprints,set"`
}

// MobileIOS identifies the iOS app.
type MobileIOS struct {
	// TeamID of the Apple developer account.
	// +optional
	TeamID string `json:"teamID,omitempty" auth0:"team_id"`
	// AppBundleIdentifier, e.g. com.example.app.
	// +optional
	AppBundleIdentifier string `json:"appBundleIdentifier,omitempty" auth0:"app_bundle_identifier"`
}

// NativeSocialLogin turns native social login on or off per provider.
type NativeSocialLogin struct {
	// Apple's native login.
	// +optional
	Apple *Toggle `json:"apple,omitempty" auth0:"apple"`
	// Facebook's native login.
	// +optional
	Facebook *Toggle `json:"facebook,omitempty" auth0:"facebook"`
	// Google's native login.
	// +optional
	Google *Toggle `json:"google,omitempty" auth0:"google"`
}

// Toggle is a setting that is on or off.
type Toggle struct {
	// Enabled turns it on.
	Enabled *bool `json:"enabled" auth0:"enabled"`
}

// FedCMLogin turns FedCM login on or off per provider.
type FedCMLogin struct {
	// Google's FedCM login.
	// +optional
	Google *FedCMProvider `json:"google,omitempty" auth0:"google"`
}

// FedCMProvider is one FedCM provider's switch.
type FedCMProvider struct {
	// IsEnabled turns it on.
	IsEnabled *bool `json:"isEnabled" auth0:"is_enabled"`
}

// DefaultOrganization is the organization used when a flow names none.
type DefaultOrganization struct {
	// OrganizationID, e.g. org_abc123.
	// +kubebuilder:validation:Pattern=`^org_`
	OrganizationID string `json:"organizationID" auth0:"organization_id"`
	// Flows it applies to: client_credentials.
	// +listType=set
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:items:Enum=client_credentials
	Flows []string `json:"flows" auth0:"flows,set"`
}

// TokenQuota limits the tokens issued to the application.
type TokenQuota struct {
	// ClientCredentials limits tokens issued through the client-credentials grant.
	ClientCredentials *TokenQuotaLimits `json:"clientCredentials" auth0:"client_credentials"`
}

// TokenQuotaLimits are per-hour and per-day token limits.
// +kubebuilder:validation:XValidation:rule="has(self.perHour) || has(self.perDay)",message="a token quota needs perHour, perDay or both"
type TokenQuotaLimits struct {
	// Enforce refuses tokens over the quota (false only reports it).
	// +optional
	Enforce *bool `json:"enforce,omitempty" auth0:"enforce"`
	// PerHour is the number of tokens allowed per hour.
	// +kubebuilder:validation:Minimum=1
	// +optional
	PerHour *int32 `json:"perHour,omitempty" auth0:"per_hour"`
	// PerDay is the number of tokens allowed per day.
	// +kubebuilder:validation:Minimum=1
	// +optional
	PerDay *int32 `json:"perDay,omitempty" auth0:"per_day"`
}

// SessionTransfer configures native-to-web session transfer tokens.
type SessionTransfer struct {
	// CanCreateSessionTransferToken lets the application create session transfer tokens.
	// +optional
	CanCreateSessionTransferToken *bool `json:"canCreateSessionTransferToken,omitempty" auth0:"can_create_session_transfer_token"`
	// EnforceCascadeRevocation revokes the web sessions made from a token with it.
	// +optional
	EnforceCascadeRevocation *bool `json:"enforceCascadeRevocation,omitempty" auth0:"enforce_cascade_revocation"`
	// AllowedAuthenticationMethods are how a token may reach the web application: cookie,
	// query.
	// +listType=set
	// +kubebuilder:validation:items:Enum=cookie;query
	// +optional
	AllowedAuthenticationMethods []string `json:"allowedAuthenticationMethods,omitempty" auth0:"allowed_authentication_methods,set"`
	// EnforceDeviceBinding binds the token to the device by ip, asn, or none.
	// +kubebuilder:validation:Enum=ip;asn;none
	// +optional
	EnforceDeviceBinding string `json:"enforceDeviceBinding,omitempty" auth0:"enforce_device_binding"`
	// AllowRefreshToken lets the web session get refresh tokens.
	// +optional
	AllowRefreshToken *bool `json:"allowRefreshToken,omitempty" auth0:"allow_refresh_token"`
	// EnforceOnlineRefreshTokens ties those refresh tokens to the session.
	// +optional
	EnforceOnlineRefreshTokens *bool `json:"enforceOnlineRefreshTokens,omitempty" auth0:"enforce_online_refresh_tokens"`
	// Delegation configures delegated access through session transfer.
	// +optional
	Delegation *SessionTransferDelegation `json:"delegation,omitempty" auth0:"delegation"`
}

// SessionTransferDelegation configures delegated access.
type SessionTransferDelegation struct {
	// AllowDelegatedAccess turns delegated access on.
	// +optional
	AllowDelegatedAccess *bool `json:"allowDelegatedAccess,omitempty" auth0:"allow_delegated_access"`
	// EnforceDeviceBinding: ip.
	// +kubebuilder:validation:Enum=ip
	// +optional
	EnforceDeviceBinding string `json:"enforceDeviceBinding,omitempty" auth0:"enforce_device_binding"`
}

// OIDCLogout configures OIDC back-channel logout.
type OIDCLogout struct {
	// BackchannelLogoutURLs receive the logout tokens (one URL in Auth0 today).
	// +kubebuilder:validation:MinItems=1
	BackchannelLogoutURLs []string `json:"backchannelLogoutURLs" auth0:"backchannel_logout_urls"`
	// BackchannelLogoutInitiators say which events send a logout token.
	// +optional
	BackchannelLogoutInitiators *LogoutInitiators `json:"backchannelLogoutInitiators,omitempty" auth0:"backchannel_logout_initiators"`
	// BackchannelLogoutSessionMetadata adds the session's metadata to logout tokens.
	// +optional
	BackchannelLogoutSessionMetadata *LogoutSessionMetadata `json:"backchannelLogoutSessionMetadata,omitempty" auth0:"backchannel_logout_session_metadata"`
}

// LogoutInitiators select the events that start a back-channel logout.
// +kubebuilder:validation:XValidation:rule="self.mode == 'custom' ? has(self.selectedInitiators) : !has(self.selectedInitiators)",message="selectedInitiators goes with mode custom, and only with it (mode all selects every initiator)"
type LogoutInitiators struct {
	// Mode: all, or custom (then selectedInitiators lists them).
	// +kubebuilder:validation:Enum=all;custom
	Mode string `json:"mode" auth0:"mode"`
	// SelectedInitiators for mode custom.
	// +listType=set
	// +kubebuilder:validation:items:Enum=rp-logout;idp-logout;password-changed;session-expired;session-revoked;account-deleted;email-identifier-changed;mfa-phone-unenrolled;account-deactivated
	// +optional
	SelectedInitiators []string `json:"selectedInitiators,omitempty" auth0:"selected_initiators,set"`
}

// LogoutSessionMetadata says whether logout tokens carry session metadata.
type LogoutSessionMetadata struct {
	// Include it.
	Include *bool `json:"include" auth0:"include"`
}

// EncryptionKey is public key material Auth0 encrypts to.
type EncryptionKey struct {
	// Pub is the public key, PEM.
	// +optional
	Pub string `json:"pub,omitempty" auth0:"pub"`
	// Cert is the certificate, PEM.
	// +optional
	Cert string `json:"cert,omitempty" auth0:"cert"`
	// Subject is the certificate's subject.
	// +optional
	Subject string `json:"subject,omitempty" auth0:"subject"`
}

// TokenExchange configures token exchange for the application.
type TokenExchange struct {
	// AllowAnyProfileOfType: custom_authentication, on_behalf_of_token_exchange.
	// +listType=set
	// +kubebuilder:validation:items:Enum=custom_authentication;on_behalf_of_token_exchange
	AllowAnyProfileOfType []string `json:"allowAnyProfileOfType" auth0:"allow_any_profile_of_type,set"`
}

// MyOrganizationConfiguration configures the My Organization API (organization self-service).
type MyOrganizationConfiguration struct {
	// ConnectionProfileID to apply to connections organizations create.
	// +optional
	ConnectionProfileID string `json:"connectionProfileID,omitempty" auth0:"connection_profile_id"`
	// UserAttributeProfileID to apply to those connections.
	// +optional
	UserAttributeProfileID string `json:"userAttributeProfileID,omitempty" auth0:"user_attribute_profile_id"`
	// AllowedStrategies organizations may create connections of.
	// +listType=set
	// +kubebuilder:validation:items:Enum=pingfederate;adfs;waad;google-apps;okta;oidc;samlp
	// +optional
	AllowedStrategies []string `json:"allowedStrategies,omitempty" auth0:"allowed_strategies,set"`
	// ConnectionDeletionBehavior: allow, or allow_if_empty.
	// +kubebuilder:validation:Enum=allow;allow_if_empty
	// +optional
	ConnectionDeletionBehavior string `json:"connectionDeletionBehavior,omitempty" auth0:"connection_deletion_behavior"`
	// InvitationLandingClientID is the application invitations land on.
	// +optional
	InvitationLandingClientID string `json:"invitationLandingClientID,omitempty" auth0:"invitation_landing_client_id"`
}

// ExpressConfiguration is an application's Okta Integration Network express configuration.
type ExpressConfiguration struct {
	// InitiateLoginURITemplate is the login URL template, with {organization_name}.
	// +optional
	InitiateLoginURITemplate string `json:"initiateLoginURITemplate,omitempty" auth0:"initiate_login_uri_template"`
	// UserAttributeProfileID applied to the connections it creates.
	// +optional
	UserAttributeProfileID string `json:"userAttributeProfileID,omitempty" auth0:"user_attribute_profile_id"`
	// ConnectionProfileID applied to the connections it creates.
	// +optional
	ConnectionProfileID string `json:"connectionProfileID,omitempty" auth0:"connection_profile_id"`
	// EnableClient enables the application for the connections it creates.
	// +optional
	EnableClient *bool `json:"enableClient,omitempty" auth0:"enable_client"`
	// EnableOrganization enables the organization for those connections.
	// +optional
	EnableOrganization *bool `json:"enableOrganization,omitempty" auth0:"enable_organization"`
	// LinkedClients are other applications enabled with it.
	// +optional
	LinkedClients []LinkedClient `json:"linkedClients,omitempty" auth0:"linked_clients"`
	// OktaOINClientID is the client ID of the Okta OIN application.
	// +optional
	OktaOINClientID string `json:"oktaOINClientID,omitempty" auth0:"okta_oin_client_id"`
	// AdminLoginDomain is the domain administrators sign in at.
	// +optional
	AdminLoginDomain string `json:"adminLoginDomain,omitempty" auth0:"admin_login_domain"`
	// OINSubmissionID of the integration.
	// +optional
	OINSubmissionID string `json:"oinSubmissionID,omitempty" auth0:"oin_submission_id"`
}

// LinkedClient is an application linked to an express configuration.
type LinkedClient struct {
	// ClientID of the linked application.
	// +kubebuilder:validation:MinLength=1
	ClientID string `json:"clientID" auth0:"client_id"`
}
