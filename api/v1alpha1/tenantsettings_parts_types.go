package v1alpha1

// TenantErrorPage is where and how the login flow shows an error: a page of the tenant's own
// (url) or Auth0's page with the tenant's HTML.
type TenantErrorPage struct {
	// HTML of the error page Auth0 renders (Liquid template), inline or from a ConfigMap.
	// +optional
	HTML *TextSource `json:"html,omitempty"`
	// ShowLogLink shows a link to the log entry on the error page.
	// +optional
	ShowLogLink *bool `json:"showLogLink,omitempty" auth0:"show_log_link,default=false"`
	// URL of the tenant's own error page; Auth0 redirects there.
	// +optional
	URL string `json:"url,omitempty" auth0:"url"`
}

// TenantClassicPage is a classic (non-Universal Login) page: on or off, and its HTML.
type TenantClassicPage struct {
	// Enabled uses the custom HTML instead of Auth0's page.
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=false"`
	// HTML of the page, inline or from a ConfigMap.
	// +optional
	HTML *TextSource `json:"html,omitempty"`
}

// TenantDeviceFlow shapes the user codes of the device authorization flow.
type TenantDeviceFlow struct {
	// Charset of the user codes: base20 (letters) or digits.
	// +kubebuilder:validation:Enum=base20;digits
	// +optional
	Charset string `json:"charset,omitempty" auth0:"charset"`
	// Mask formats the user code: each * is one character, e.g. ****-****.
	// +kubebuilder:validation:MaxLength=20
	// +optional
	Mask string `json:"mask,omitempty" auth0:"mask"`
}

// TenantOIDCLogout are the tenant's OIDC logout settings.
type TenantOIDCLogout struct {
	// RPLogoutEndSessionEndpointDiscovery advertises end_session_endpoint in the OIDC
	// discovery document.
	// +optional
	RPLogoutEndSessionEndpointDiscovery *bool `json:"rpLogoutEndSessionEndpointDiscovery,omitempty" auth0:"rp_logout_end_session_endpoint_discovery,default=true"`
}

// TenantMTLS is the tenant's mutual-TLS support.
type TenantMTLS struct {
	// EnableEndpointAliases publishes mtls_endpoint_aliases in the discovery document.
	// +optional
	EnableEndpointAliases *bool `json:"enableEndpointAliases,omitempty" auth0:"enable_endpoint_aliases,default=false"`
}

// DefaultTokenQuota are the tenant's default client-credentials token quotas.
type DefaultTokenQuota struct {
	// Clients: the quota of an application that sets none.
	// +optional
	Clients *TokenQuotaDefault `json:"clients,omitempty" auth0:"clients"`
	// Organizations: the quota of an organization that sets none.
	// +optional
	Organizations *TokenQuotaDefault `json:"organizations,omitempty" auth0:"organizations"`
}

// TokenQuotaDefault is one default quota.
type TokenQuotaDefault struct {
	// ClientCredentials: tokens issued by the client-credentials grant.
	ClientCredentials TenantClientCredentialsQuota `json:"clientCredentials" auth0:"client_credentials"`
}

// TenantClientCredentialsQuota limits the client-credentials tokens issued.
type TenantClientCredentialsQuota struct {
	// Enforce refuses tokens over the quota (false: only reports them).
	// +optional
	Enforce *bool `json:"enforce,omitempty" auth0:"enforce"`
	// PerDay: tokens per day at most.
	// +kubebuilder:validation:Minimum=1
	// +optional
	PerDay *int32 `json:"perDay,omitempty" auth0:"per_day"`
	// PerHour: tokens per hour at most.
	// +kubebuilder:validation:Minimum=1
	// +optional
	PerHour *int32 `json:"perHour,omitempty" auth0:"per_hour"`
}

// TenantCountryCodes are the phone country codes the tenant allows or denies.
type TenantCountryCodes struct {
	// Mode: allow (only these) or deny (all but these).
	// +kubebuilder:validation:Enum=allow;deny
	Mode string `json:"mode" auth0:"mode"`
	// List of country codes (ISO 3166-1 alpha-2, e.g. US).
	// +listType=set
	// +optional
	List []string `json:"list,omitempty" auth0:"list,set"`
}
