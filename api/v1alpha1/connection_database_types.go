package v1alpha1

// The groups of a database connection's options newer than its first fields: MFA, the
// authentication methods and the attributes users sign up and log in with, the flexible
// password policy (password_options), passkeys and the custom database scripts. Each field maps
// to Auth0's through its auth0 tag (see internal/external/fields.go); default= is what Auth0
// gives a new database connection, left out by an export.

// DatabaseMFA is a database connection's MFA setting.
type DatabaseMFA struct {
	// Active: users of the connection may be asked for MFA.
	// +optional
	Active *bool `json:"active,omitempty" auth0:"active,default=true"`
	// ReturnEnrollSettings returns the MFA enrollment settings to the login flow.
	// +optional
	ReturnEnrollSettings *bool `json:"returnEnrollSettings,omitempty" auth0:"return_enroll_settings,default=true"`
}

// AuthenticationMethods are the ways users of a database connection log in.
type AuthenticationMethods struct {
	// +optional
	Password *PasswordAuthentication `json:"password,omitempty" auth0:"password"`
	// +optional
	Passkey *EnabledMethod `json:"passkey,omitempty" auth0:"passkey"`
	// EmailOTP: a one-time code sent by email.
	// +optional
	EmailOTP *EnabledMethod `json:"emailOTP,omitempty" auth0:"email_otp"`
	// PhoneOTP: a one-time code sent by SMS.
	// +optional
	PhoneOTP *EnabledMethod `json:"phoneOTP,omitempty" auth0:"phone_otp"`
}

// EnabledMethod is an authentication method that is on or off.
type EnabledMethod struct {
	Enabled bool `json:"enabled" auth0:"enabled,default=false"`
}

// PasswordAuthentication is the password authentication method.
type PasswordAuthentication struct {
	// +optional
	Enabled *bool `json:"enabled,omitempty" auth0:"enabled,default=true"`
	// APIBehavior: whether the Authentication API requires a password (required) or not (optional).
	// +kubebuilder:validation:Enum=required;optional
	// +optional
	APIBehavior string `json:"apiBehavior,omitempty" auth0:"api_behavior,default=required"`
	// SignupBehavior: whether users may sign up with a password (allow) or not (block).
	// +kubebuilder:validation:Enum=allow;block
	// +optional
	SignupBehavior string `json:"signupBehavior,omitempty" auth0:"signup_behavior,default=allow"`
}

// DatabaseAttributes are the user attributes of a database connection: which identify a user,
// which sign-up asks for and how they are verified. Auth0 needs one active identifier, and an
// active identifier must be required on sign-up.
// +kubebuilder:validation:XValidation:rule="(has(self.email) && has(self.email.identifier) && has(self.email.identifier.active) && self.email.identifier.active) || (has(self.phoneNumber) && has(self.phoneNumber.identifier) && has(self.phoneNumber.identifier.active) && self.phoneNumber.identifier.active) || (has(self.username) && has(self.username.identifier) && has(self.username.identifier.active) && self.username.identifier.active)",message="attributes must contain one active identifier (Auth0 refuses the others)"
type DatabaseAttributes struct {
	// +optional
	Email *EmailAttribute `json:"email,omitempty" auth0:"email"`
	// +optional
	PhoneNumber *PhoneNumberAttribute `json:"phoneNumber,omitempty" auth0:"phone_number"`
	// +optional
	Username *UsernameAttribute `json:"username,omitempty" auth0:"username"`
}

// EmailAttribute is the email attribute of a database connection.
// +kubebuilder:validation:XValidation:rule="!(has(self.identifier) && has(self.identifier.active) && self.identifier.active) || (has(self.signup) && self.signup.status == 'required')",message="an active email identifier must be required on sign-up (signup.status: required)"
type EmailAttribute struct {
	// +optional
	Identifier *AttributeIdentifier `json:"identifier,omitempty" auth0:"identifier"`
	// Unique: no two users share an email (Auth0's default). Auth0 refuses to make an existing
	// unique email attribute non-unique.
	// +optional
	Unique *bool `json:"unique,omitempty" auth0:"unique,default=true"`
	// +optional
	ProfileRequired *bool `json:"profileRequired,omitempty" auth0:"profile_required"`
	// VerificationMethod: link or otp.
	// +kubebuilder:validation:Enum=link;otp
	// +optional
	VerificationMethod string `json:"verificationMethod,omitempty" auth0:"verification_method"`
	// +optional
	Signup *VerifiedSignup `json:"signup,omitempty" auth0:"signup"`
}

// PhoneNumberAttribute is the phone number attribute of a database connection.
// +kubebuilder:validation:XValidation:rule="!(has(self.identifier) && has(self.identifier.active) && self.identifier.active) || (has(self.signup) && self.signup.status == 'required')",message="an active phoneNumber identifier must be required on sign-up (signup.status: required)"
type PhoneNumberAttribute struct {
	// +optional
	Identifier *AttributeIdentifier `json:"identifier,omitempty" auth0:"identifier"`
	// +optional
	ProfileRequired *bool `json:"profileRequired,omitempty" auth0:"profile_required"`
	// +optional
	Signup *VerifiedSignup `json:"signup,omitempty" auth0:"signup"`
}

// UsernameAttribute is the username attribute of a database connection.
// +kubebuilder:validation:XValidation:rule="!(has(self.identifier) && has(self.identifier.active) && self.identifier.active) || (has(self.signup) && self.signup.status == 'required')",message="an active username identifier must be required on sign-up (signup.status: required)"
type UsernameAttribute struct {
	// +optional
	Identifier *AttributeIdentifier `json:"identifier,omitempty" auth0:"identifier"`
	// +optional
	ProfileRequired *bool `json:"profileRequired,omitempty" auth0:"profile_required"`
	// +optional
	Signup *AttributeSignup `json:"signup,omitempty" auth0:"signup"`
	// +optional
	Validation *UsernameValidation `json:"validation,omitempty" auth0:"validation"`
}

// AttributeIdentifier says whether users log in with the attribute.
type AttributeIdentifier struct {
	// +optional
	Active *bool `json:"active,omitempty" auth0:"active"`
	// DefaultMethod: how an identified user authenticates first (password, email_otp for an
	// email, phone_otp for a phone number).
	// +kubebuilder:validation:Enum=password;email_otp;phone_otp
	// +optional
	DefaultMethod string `json:"defaultMethod,omitempty" auth0:"default_method"`
}

// AttributeSignup says whether sign-up asks for the attribute.
type AttributeSignup struct {
	// +kubebuilder:validation:Enum=required;optional;inactive
	Status string `json:"status" auth0:"status"`
}

// VerifiedSignup says whether sign-up asks for the attribute and verifies it.
type VerifiedSignup struct {
	// +kubebuilder:validation:Enum=required;optional;inactive
	Status string `json:"status" auth0:"status"`
	// +optional
	Verification *SignupVerification `json:"verification,omitempty" auth0:"verification"`
}

// SignupVerification says whether sign-up verifies the attribute.
type SignupVerification struct {
	Active bool `json:"active" auth0:"active"`
}

// UsernameValidation bounds a username and says what else it may look like.
// +kubebuilder:validation:XValidation:rule="!has(self.minLength) || !has(self.maxLength) || self.minLength <= self.maxLength",message="minLength must not exceed maxLength"
type UsernameValidation struct {
	// +kubebuilder:validation:Minimum=1
	// +optional
	MinLength *int32 `json:"minLength,omitempty" auth0:"min_length"`
	// +kubebuilder:validation:Maximum=128
	// +optional
	MaxLength *int32 `json:"maxLength,omitempty" auth0:"max_length"`
	// +optional
	AllowedTypes *UsernameAllowedTypes `json:"allowedTypes,omitempty" auth0:"allowed_types"`
}

// UsernameAllowedTypes: whether a username may be an email address or a phone number.
type UsernameAllowedTypes struct {
	// +optional
	Email *bool `json:"email,omitempty" auth0:"email"`
	// +optional
	PhoneNumber *bool `json:"phoneNumber,omitempty" auth0:"phone_number"`
}

// PasskeyOptions of a database connection.
type PasskeyOptions struct {
	// ChallengeUI: how the login page offers a passkey (both, autofill or button).
	// +kubebuilder:validation:Enum=both;autofill;button
	// +optional
	ChallengeUI string `json:"challengeUI,omitempty" auth0:"challenge_ui,default=both"`
	// ProgressiveEnrollmentEnabled offers a passkey to users who log in otherwise.
	// +optional
	ProgressiveEnrollmentEnabled *bool `json:"progressiveEnrollmentEnabled,omitempty" auth0:"progressive_enrollment_enabled,default=true"`
	// LocalEnrollmentEnabled offers a local passkey after a cross-device one.
	// +optional
	LocalEnrollmentEnabled *bool `json:"localEnrollmentEnabled,omitempty" auth0:"local_enrollment_enabled,default=true"`
}

// CustomScripts are the scripts of a custom database (or of an import), each from a ConfigMap or
// inline. A script never holds a secret: its configuration values are options.configuration,
// given in spec.secretOptions.configuration from a Secret.
type CustomScripts struct {
	// +optional
	Login *TextSource `json:"login,omitempty"`
	// +optional
	GetUser *TextSource `json:"getUser,omitempty"`
	// +optional
	Create *TextSource `json:"create,omitempty"`
	// +optional
	Verify *TextSource `json:"verify,omitempty"`
	// +optional
	ChangePassword *TextSource `json:"changePassword,omitempty"`
	// +optional
	Delete *TextSource `json:"delete,omitempty"`
	// +optional
	ChangeUsername *TextSource `json:"changeUsername,omitempty"`
	// +optional
	ChangeEmail *TextSource `json:"changeEmail,omitempty"`
	// +optional
	ChangePhoneNumber *TextSource `json:"changePhoneNumber,omitempty"`
}
