package v1alpha1

// ReasonInsufficientEntitlement: the tenant's plan does not include what the spec sets (bot
// detection, CAPTCHA); Auth0 answers 403 insufficient_entitlement. A human decides: upgrade
// the plan or remove the section.
const ReasonInsufficientEntitlement = "InsufficientEntitlement"

// BotDetection settings (/attack-protection/bot-detection).
type BotDetection struct {
	// BotDetectionLevel: how readily a request is taken for a bot: low, medium or high.
	// +kubebuilder:validation:Enum=low;medium;high
	// +optional
	BotDetectionLevel string `json:"botDetectionLevel,omitempty" auth0:"bot_detection_level,default=medium"`
	// ChallengePasswordPolicy: when password logins get a CAPTCHA: never, when_risky, always.
	// +kubebuilder:validation:Enum=never;when_risky;always
	// +optional
	ChallengePasswordPolicy string `json:"challengePasswordPolicy,omitempty" auth0:"challenge_password_policy,default=never"`
	// ChallengePasswordlessPolicy: when passwordless logins get a CAPTCHA.
	// +kubebuilder:validation:Enum=never;when_risky;always
	// +optional
	ChallengePasswordlessPolicy string `json:"challengePasswordlessPolicy,omitempty" auth0:"challenge_passwordless_policy,default=never"`
	// ChallengePasswordResetPolicy: when password resets get a CAPTCHA.
	// +kubebuilder:validation:Enum=never;when_risky;always
	// +optional
	ChallengePasswordResetPolicy string `json:"challengePasswordResetPolicy,omitempty" auth0:"challenge_password_reset_policy,default=never"`
	// AllowList of IP addresses and CIDR ranges never challenged; [] clears it.
	// +listType=set
	// +optional
	AllowList []string `json:"allowList,omitempty" auth0:"allowlist,set"`
	// MonitoringModeEnabled logs what bot detection would do without challenging anyone.
	// +optional
	MonitoringModeEnabled *bool `json:"monitoringModeEnabled,omitempty" auth0:"monitoring_mode_enabled,default=false"`
}

// Captcha settings (/attack-protection/captcha): the active provider and the settings of the
// providers the spec sets. A provider's secret is taken from a Secret and sent only to Auth0,
// which never answers it: a change of the Secret is sent, a change in Auth0 cannot be seen.
type Captcha struct {
	// ActiveProviderID: the CAPTCHA shown: auth_challenge (Auth0's), simple_captcha,
	// recaptcha_v2, recaptcha_enterprise, hcaptcha, friendly_captcha or arkose.
	// +kubebuilder:validation:Enum=auth_challenge;simple_captcha;recaptcha_v2;recaptcha_enterprise;hcaptcha;friendly_captcha;arkose
	// +optional
	ActiveProviderID string `json:"activeProviderID,omitempty" auth0:"active_provider_id,default=auth_challenge"`
	// AuthChallenge: Auth0's own challenge.
	// +optional
	AuthChallenge *CaptchaAuthChallenge `json:"authChallenge,omitempty" auth0:"auth_challenge"`
	// RecaptchaV2: Google reCAPTCHA v2.
	// +optional
	RecaptchaV2 *CaptchaSiteSecret `json:"recaptchaV2,omitempty" auth0:"recaptcha_v2"`
	// RecaptchaEnterprise: Google reCAPTCHA Enterprise.
	// +optional
	RecaptchaEnterprise *CaptchaRecaptchaEnterprise `json:"recaptchaEnterprise,omitempty" auth0:"recaptcha_enterprise"`
	// HCaptcha: hCaptcha.
	// +optional
	HCaptcha *CaptchaSiteSecret `json:"hcaptcha,omitempty" auth0:"hcaptcha"`
	// FriendlyCaptcha: Friendly Captcha.
	// +optional
	FriendlyCaptcha *CaptchaSiteSecret `json:"friendlyCaptcha,omitempty" auth0:"friendly_captcha"`
	// Arkose: Arkose Labs.
	// +optional
	Arkose *CaptchaArkose `json:"arkose,omitempty" auth0:"arkose"`
}

// CaptchaAuthChallenge are the settings of Auth0's own challenge.
type CaptchaAuthChallenge struct {
	// FailOpen lets the login through when the challenge cannot be shown.
	// +optional
	FailOpen *bool `json:"failOpen,omitempty" auth0:"fail_open,default=false"`
}

// CaptchaSiteSecret is a provider's site key and, from a Secret, its secret key.
type CaptchaSiteSecret struct {
	// SiteKey: the provider's public site key.
	// +kubebuilder:validation:MinLength=1
	SiteKey string `json:"siteKey" auth0:"site_key"`
	// SecretRef: the Secret key holding the provider's secret key.
	SecretRef SecretValueSource `json:"secretRef"`
}

// CaptchaRecaptchaEnterprise are Google reCAPTCHA Enterprise's settings.
type CaptchaRecaptchaEnterprise struct {
	// SiteKey: the site key.
	// +kubebuilder:validation:MinLength=1
	SiteKey string `json:"siteKey" auth0:"site_key"`
	// ProjectID: the Google Cloud project.
	// +kubebuilder:validation:MinLength=1
	ProjectID string `json:"projectID" auth0:"project_id"`
	// APIKeyRef: the Secret key holding the API key.
	APIKeyRef SecretValueSource `json:"apiKeyRef"`
}

// CaptchaArkose are Arkose Labs' settings.
type CaptchaArkose struct {
	// SiteKey: the site key.
	// +kubebuilder:validation:MinLength=1
	SiteKey string `json:"siteKey" auth0:"site_key"`
	// SecretRef: the Secret key holding the secret key.
	SecretRef SecretValueSource `json:"secretRef"`
	// ClientSubdomain: the subdomain the client script loads from.
	// +optional
	ClientSubdomain string `json:"clientSubdomain,omitempty" auth0:"client_subdomain,default=client-api"`
	// VerifySubdomain: the subdomain answers are verified at.
	// +optional
	VerifySubdomain string `json:"verifySubdomain,omitempty" auth0:"verify_subdomain,default=verify-api"`
	// FailOpen lets the login through when Arkose cannot be reached.
	// +optional
	FailOpen *bool `json:"failOpen,omitempty" auth0:"fail_open,default=false"`
}
