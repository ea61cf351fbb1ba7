package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// MultiFactorAuthSpec is the tenant's multi-factor authentication (Auth0's Guardian): when MFA
// is asked for, which factors users may enrol, and how the phone, push and Duo factors deliver.
// Only what is set here is managed: a factor or section left out keeps Auth0's value (absent is
// not "disabled").
type MultiFactorAuthSpec struct {
	ManagedSpec `json:",inline"`

	// Policy says when users are asked for a second factor: "never", "all-applications"
	// (every login), or "confidence-score" (Adaptive MFA: when the login looks risky).
	// +kubebuilder:validation:Enum=never;all-applications;confidence-score
	// +optional
	Policy string `json:"policy,omitempty"`
	// Factors enables (true) or disables (false) each factor it lists; a factor it does not
	// list is left as it is in Auth0.
	// +optional
	Factors *MFAFactors `json:"factors,omitempty"`
	// Phone configures the phone factor (SMS and voice): message types, delivery provider and
	// message templates.
	// +optional
	Phone *MFAPhone `json:"phone,omitempty"`
	// Push configures the push-notification factor's delivery (Guardian app, or your own app
	// through Amazon SNS).
	// +optional
	Push *MFAPush `json:"push,omitempty"`
	// Duo configures the Duo Security factor.
	// +optional
	Duo *MFADuo `json:"duo,omitempty"`
}

// MFAFactors are the factors by name; each one set is enabled or disabled, each one left out
// is not managed.
type MFAFactors struct {
	// Phone is the phone message factor, SMS or voice (Auth0's factor "sms").
	// +optional
	Phone *bool `json:"phone,omitempty"`
	// Email sends a one-time code by email.
	// +optional
	Email *bool `json:"email,omitempty"`
	// OTP is a one-time password from an authenticator app (Google Authenticator, ...).
	// +optional
	OTP *bool `json:"otp,omitempty"`
	// PushNotification is Auth0 Guardian (or your own app) approving logins by push.
	// +optional
	PushNotification *bool `json:"pushNotification,omitempty"`
	// WebAuthnRoaming is a security key (FIDO).
	// +optional
	WebAuthnRoaming *bool `json:"webAuthnRoaming,omitempty"`
	// WebAuthnPlatform is the device's biometrics (Touch ID, Windows Hello, ...).
	// +optional
	WebAuthnPlatform *bool `json:"webAuthnPlatform,omitempty"`
	// RecoveryCode is a one-time recovery code for users who lost their other factor.
	// +optional
	RecoveryCode *bool `json:"recoveryCode,omitempty"`
	// Duo is Duo Security.
	// +optional
	Duo *bool `json:"duo,omitempty"`
}

// MFAPhone is the phone factor's configuration.
// +kubebuilder:validation:XValidation:rule="!has(self.provider) || self.provider != 'twilio' || has(self.twilio)",message="spec.phone.provider twilio needs spec.phone.twilio with its authToken from a Secret"
type MFAPhone struct {
	// MessageTypes are how codes are delivered: sms, voice, or both.
	// +listType=set
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:items:Enum=sms;voice
	// +optional
	MessageTypes []string `json:"messageTypes,omitempty"`
	// Provider delivers the messages: "auth0", "twilio" (settings in twilio), or
	// "phone-message-hook" (the custom provider: the Action bound to the send-phone-message
	// trigger delivers them).
	// +kubebuilder:validation:Enum=auth0;twilio;phone-message-hook
	// +optional
	Provider string `json:"provider,omitempty"`
	// Twilio is the Twilio account the twilio provider sends through.
	// +optional
	Twilio *MFATwilio `json:"twilio,omitempty"`
	// Templates are the texts of the enrollment and verification messages.
	// +optional
	Templates *MFAPhoneTemplates `json:"templates,omitempty"`
}

// MFATwilio is a Twilio account for the phone factor.
type MFATwilio struct {
	// SID is the Twilio account SID.
	// +kubebuilder:validation:MinLength=1
	SID string `json:"sid"`
	// From is the phone number messages are sent from (or use messagingServiceSID).
	// +optional
	From string `json:"from,omitempty"`
	// MessagingServiceSID is the Twilio messaging service to send through.
	// +optional
	MessagingServiceSID string `json:"messagingServiceSID,omitempty"`
	// AuthToken is the account's auth token, from a Secret.
	AuthToken SecretValueSource `json:"authToken"`
}

// MFAPhoneTemplates are the phone factor's message texts (Liquid; {{code}} is the code).
type MFAPhoneTemplates struct {
	// EnrollmentMessage is sent when a user enrols a phone.
	// +optional
	EnrollmentMessage string `json:"enrollmentMessage,omitempty"`
	// VerificationMessage is sent when a user logs in.
	// +optional
	VerificationMessage string `json:"verificationMessage,omitempty"`
}

// MFAPush is the push-notification factor's delivery.
// +kubebuilder:validation:XValidation:rule="!has(self.provider) || self.provider != 'sns' || has(self.sns)",message="spec.push.provider sns needs spec.push.sns with its credentials from a Secret"
type MFAPush struct {
	// Provider is "guardian" (the Auth0 Guardian app), "sns" (your own app through Amazon
	// SNS) or "direct" (your own app through APNs and FCM, configured in Auth0).
	// +kubebuilder:validation:Enum=guardian;sns;direct
	// +optional
	Provider string `json:"provider,omitempty"`
	// SNS is the Amazon SNS configuration of the sns provider.
	// +optional
	SNS *MFASNS `json:"sns,omitempty"`
}

// MFASNS is an Amazon SNS configuration for push notifications.
type MFASNS struct {
	// AWSAccessKeyID is the AWS access key ID, from a Secret.
	AWSAccessKeyID SecretValueSource `json:"awsAccessKeyID"`
	// AWSSecretAccessKey is the AWS secret access key, from a Secret.
	AWSSecretAccessKey SecretValueSource `json:"awsSecretAccessKey"`
	// AWSRegion is the AWS region, e.g. eu-west-1.
	// +kubebuilder:validation:MinLength=1
	AWSRegion string `json:"awsRegion"`
	// APNSPlatformApplicationARN is the SNS platform application for iOS.
	// +optional
	APNSPlatformApplicationARN string `json:"apnsPlatformApplicationARN,omitempty"`
	// GCMPlatformApplicationARN is the SNS platform application for Android.
	// +optional
	GCMPlatformApplicationARN string `json:"gcmPlatformApplicationARN,omitempty"`
}

// MFADuo is a Duo Security application.
type MFADuo struct {
	// IntegrationKey is the Duo application's integration key (ikey).
	// +kubebuilder:validation:MinLength=1
	IntegrationKey string `json:"integrationKey"`
	// SecretKey is the Duo application's secret key (skey), from a Secret.
	SecretKey SecretValueSource `json:"secretKey"`
	// Hostname is the Duo API hostname, e.g. api-xxxxxxxx.duosecurity.com.
	// +kubebuilder:validation:MinLength=1
	Hostname string `json:"hostname"`
}

// MultiFactorAuthStatus is the observed state of MultiFactorAuth.
type MultiFactorAuthStatus struct {
	ManagedStatus `json:",inline"`
}

// MultiFactorAuth manages the tenant's multi-factor authentication (Auth0's Guardian). One per
// tenant: the oldest object manages it; deleting it stops management and leaves MFA as it is
// (it never disables a factor or the policy).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=mfa,categories=auth0
// +kubebuilder:validation:XValidation:rule="!has(self.spec.policy) || self.spec.policy != 'confidence-score' || !has(self.spec.factors) || (has(self.spec.factors.phone) && self.spec.factors.phone) || (has(self.spec.factors.email) && self.spec.factors.email) || (has(self.spec.factors.otp) && self.spec.factors.otp) || (has(self.spec.factors.pushNotification) && self.spec.factors.pushNotification) || (has(self.spec.factors.webAuthnRoaming) && self.spec.factors.webAuthnRoaming) || (has(self.spec.factors.webAuthnPlatform) && self.spec.factors.webAuthnPlatform) || (has(self.spec.factors.recoveryCode) && self.spec.factors.recoveryCode) || (has(self.spec.factors.duo) && self.spec.factors.duo)",message="spec.policy confidence-score needs spec.factors to enable at least one factor"
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="Policy",type=string,JSONPath=`.spec.policy`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type MultiFactorAuth struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec MultiFactorAuthSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status MultiFactorAuthStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (m *MultiFactorAuth) GetManagedSpec() *ManagedSpec { return &m.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (m *MultiFactorAuth) GetManagedStatus() *ManagedStatus { return &m.Status.ManagedStatus }

// MultiFactorAuthList is a list of MultiFactorAuth.
// +kubebuilder:object:root=true
type MultiFactorAuthList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []MultiFactorAuth `json:"items"`
}

func init() {
	SchemeBuilder.Register(&MultiFactorAuth{}, &MultiFactorAuthList{})
}
