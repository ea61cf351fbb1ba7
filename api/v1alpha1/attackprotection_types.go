package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// AttackProtectionSpec is the tenant's attack protection, in five optional sections. A section
// that is not set is neither read nor written. Bot detection and CAPTCHA need a plan that
// includes bot detection: without it Auth0 refuses them, and the object is Stalled with the
// reason InsufficientEntitlement.
type AttackProtectionSpec struct {
	ManagedSpec `json:",inline"`

	// BruteForceProtection limits failed logins to one account.
	// +optional
	BruteForceProtection *BruteForceProtection `json:"bruteForceProtection,omitempty"`
	// SuspiciousIPThrottling limits logins and signups from one IP address.
	// +optional
	SuspiciousIPThrottling *SuspiciousIPThrottling `json:"suspiciousIPThrottling,omitempty"`
	// BreachedPasswordDetection acts on passwords known from breaches.
	// +optional
	BreachedPasswordDetection *BreachedPasswordDetection `json:"breachedPasswordDetection,omitempty"`
	// BotDetection challenges logins, signups and password resets that look automated.
	// +optional
	BotDetection *BotDetection `json:"botDetection,omitempty"`
	// Captcha: the challenge bot detection shows, and its provider's settings.
	// +optional
	Captcha *Captcha `json:"captcha,omitempty"`
}

// BruteForceProtection settings (/attack-protection/brute-force-protection).
type BruteForceProtection struct {
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=true"`
	// Shields: block, user_notification.
	// +listType=set
	// +kubebuilder:validation:items:Enum=block;user_notification
	// +optional
	Shields []string `json:"shields,omitempty" auth0:"shields,set,default=block user_notification"`
	// AllowList of IP addresses and ranges never blocked.
	// +listType=set
	// +optional
	AllowList []string `json:"allowList,omitempty" auth0:"allowlist,set"`
	// Mode: count_per_identifier_and_ip or count_per_identifier.
	// +kubebuilder:validation:Enum=count_per_identifier_and_ip;count_per_identifier
	// +optional
	Mode string `json:"mode,omitempty" auth0:"mode,default=count_per_identifier_and_ip"`
	// MaxAttempts before the account is blocked.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	// +optional
	MaxAttempts *int32 `json:"maxAttempts,omitempty" auth0:"max_attempts,default=10"`
}

// SuspiciousIPThrottling settings (/attack-protection/suspicious-ip-throttling).
type SuspiciousIPThrottling struct {
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=true"`
	// Shields: block, admin_notification.
	// +listType=set
	// +kubebuilder:validation:items:Enum=block;admin_notification
	// +optional
	Shields []string `json:"shields,omitempty" auth0:"shields,set,default=admin_notification block"`
	// AllowList of IP addresses and ranges never throttled.
	// +listType=set
	// +optional
	AllowList []string `json:"allowList,omitempty" auth0:"allowlist,set"`
	// PreLogin rate: attempts per IP before logins are throttled.
	// +optional
	PreLogin *ThrottleStage `json:"preLogin,omitempty" auth0:"stage.pre-login"`
	// PreUserRegistration rate: attempts per IP before signups are throttled.
	// +optional
	PreUserRegistration *ThrottleStage `json:"preUserRegistration,omitempty" auth0:"stage.pre-user-registration"`
}

// ThrottleStage is a token bucket per IP address.
type ThrottleStage struct {
	// MaxAttempts: the bucket's size.
	// +kubebuilder:validation:Minimum=1
	// +optional
	MaxAttempts *int32 `json:"maxAttempts,omitempty" auth0:"max_attempts"`
	// Rate: how often one attempt is given back, e.g. 864s (sent in milliseconds).
	// +optional
	Rate *metav1.Duration `json:"rate,omitempty" auth0:"rate,ms"`
}

// BreachedPasswordDetection settings (/attack-protection/breached-password-detection).
type BreachedPasswordDetection struct {
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=false"`
	// Shields: block, user_notification, admin_notification.
	// +listType=set
	// +kubebuilder:validation:items:Enum=block;user_notification;admin_notification
	// +optional
	Shields []string `json:"shields,omitempty" auth0:"shields,set"`
	// AdminNotificationFrequency: immediately, daily, weekly, monthly.
	// +listType=set
	// +kubebuilder:validation:items:Enum=immediately;daily;weekly;monthly
	// +optional
	AdminNotificationFrequency []string `json:"adminNotificationFrequency,omitempty" auth0:"admin_notification_frequency,set"`
	// Method: standard, or enhanced (Credential Guard, an add-on).
	// +kubebuilder:validation:Enum=standard;enhanced
	// +optional
	Method string `json:"method,omitempty" auth0:"method,default=standard"`
	// PreUserRegistrationShields act at signup: block, admin_notification.
	// +listType=set
	// +kubebuilder:validation:items:Enum=block;admin_notification
	// +optional
	PreUserRegistrationShields []string `json:"preUserRegistrationShields,omitempty" auth0:"stage.pre-user-registration.shields,set"`
	// PreChangePasswordShields act when a user changes their password: block,
	// admin_notification.
	// +listType=set
	// +kubebuilder:validation:items:Enum=block;admin_notification
	// +optional
	PreChangePasswordShields []string `json:"preChangePasswordShields,omitempty" auth0:"stage.pre-change-password.shields,set"`
}

// AttackProtectionStatus is the observed state of AttackProtection.
type AttackProtectionStatus struct {
	ManagedStatus `json:",inline"`
}

// AttackProtection manages the tenant's attack protection. One per tenant: the oldest object
// manages it; deleting it leaves the settings as they are.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0attack,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type AttackProtection struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec AttackProtectionSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status AttackProtectionStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (a *AttackProtection) GetManagedSpec() *ManagedSpec { return &a.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (a *AttackProtection) GetManagedStatus() *ManagedStatus { return &a.Status.ManagedStatus }

// AttackProtectionList is a list of AttackProtection objects.
// +kubebuilder:object:root=true
type AttackProtectionList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []AttackProtection `json:"items"`
}

func init() {
	SchemeBuilder.Register(&AttackProtection{}, &AttackProtectionList{})
}
