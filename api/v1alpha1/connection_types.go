package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ConnectionSpec is an Auth0 connection: where users log in from.
// +kubebuilder:validation:XValidation:rule="!has(self.database) || self.strategy == 'auth0'",message="database options are for the auth0 strategy only; use options for other strategies"
// +kubebuilder:validation:XValidation:rule="!has(self.saml) || self.strategy == 'samlp'",message="saml is for the samlp strategy only"
// +kubebuilder:validation:XValidation:rule="!has(self.oidc) || self.strategy == 'oidc'",message="oidc is for the oidc strategy only"
// +kubebuilder:validation:XValidation:rule="!has(self.okta) || self.strategy == 'okta'",message="okta is for the okta strategy only"
// +kubebuilder:validation:XValidation:rule="!has(self.azureAD) || self.strategy == 'waad'",message="azureAD is for the waad strategy only"
// +kubebuilder:validation:XValidation:rule="!has(self.googleApps) || self.strategy == 'google-apps'",message="googleApps is for the google-apps strategy only"
// +kubebuilder:validation:XValidation:rule="!has(self.adfs) || self.strategy == 'adfs'",message="adfs is for the adfs strategy only"
// +kubebuilder:validation:XValidation:rule="!has(self.pingFederate) || self.strategy == 'pingfederate'",message="pingFederate is for the pingfederate strategy only"
// +kubebuilder:validation:XValidation:rule="has(self.name) == has(oldSelf.name)",message="name cannot be set or unset after creation (Auth0 makes it create-only); create a new Connection instead"
type ConnectionSpec struct {
	ManagedSpec `json:",inline"`

	// Name of the connection in Auth0 (letters, digits and '-'); defaults to metadata.name. It
	// cannot change.
	// +kubebuilder:validation:MaxLength=128
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="name cannot be changed (Auth0 makes it create-only); create a new Connection instead"
	// +optional
	Name string `json:"name,omitempty"`
	// Strategy is the identity provider: auth0 (a database), google-oauth2, samlp, oidc, ... It
	// cannot change.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="strategy cannot be changed (Auth0 makes it create-only); create a new Connection instead"
	Strategy string `json:"strategy" auth0:"strategy"`
	// DisplayName shown on the login page.
	// +kubebuilder:validation:MaxLength=128
	// +optional
	DisplayName string `json:"displayName,omitempty" auth0:"display_name"`
	// Database holds the typed options of the auth0 (database) strategy.
	// +optional
	Database *DatabaseOptions `json:"database,omitempty"`
	// SAML holds the typed options of the samlp strategy (a SAML identity provider).
	// +optional
	SAML *SAMLOptions `json:"saml,omitempty"`
	// OIDC holds the typed options of the oidc strategy.
	// +optional
	OIDC *OIDCOptions `json:"oidc,omitempty"`
	// Okta holds the typed options of the okta strategy.
	// +optional
	Okta *OIDCOptions `json:"okta,omitempty"`
	// AzureAD holds the typed options of the waad strategy (Microsoft Entra ID).
	// +optional
	AzureAD *AzureADOptions `json:"azureAD,omitempty"`
	// GoogleApps holds the typed options of the google-apps strategy (Google Workspace).
	// +optional
	GoogleApps *GoogleAppsOptions `json:"googleApps,omitempty"`
	// ADFS holds the typed options of the adfs strategy.
	// +optional
	ADFS *ADFSOptions `json:"adfs,omitempty"`
	// PingFederate holds the typed options of the pingfederate strategy.
	// +optional
	PingFederate *PingFederateOptions `json:"pingFederate,omitempty"`
	// ShowAsButton shows the connection as a button on the login page (enterprise connections).
	// +optional
	ShowAsButton *bool `json:"showAsButton,omitempty" auth0:"show_as_button,default=false"`
	// IsDomainConnection lets users of the connection's domain log in with it in every
	// application, without enabling it per application.
	// +optional
	IsDomainConnection *bool `json:"isDomainConnection,omitempty" auth0:"is_domain_connection,default=false"`
	// Authentication: whether users may log in with the connection (Auth0's default: true).
	// false keeps it for connected accounts only.
	// +optional
	Authentication *ConnectionPurpose `json:"authentication,omitempty" auth0:"authentication"`
	// ConnectedAccounts: whether the connection links third-party accounts for token access
	// (Auth0's default: false).
	// +optional
	ConnectedAccounts *ConnectionConnectedAccounts `json:"connectedAccounts,omitempty" auth0:"connected_accounts"`
	// Options are further strategy options in Auth0's own JSON names (e.g. {"client_id": "...",
	// "scope": ["email"]}), sent as they are and compared for drift. Secrets do not belong
	// here: put them in secretOptions (client_secret, secret, password, private_key and the like
	// are refused, Stalled/InvalidSpec: the schema cannot see inside free-form options). Keys
	// the database section models are refused too.
	// +optional
	Options map[string]apiextensionsv1.JSON `json:"options,omitempty"`
	// SecretOptions are options whose values come from Secrets (e.g. client_secret of a social
	// or enterprise connection). Auth0 gets the value; status keeps only a digest, so that a
	// changed Secret is sent again.
	// +optional
	SecretOptions map[string]SecretValueSource `json:"secretOptions,omitempty"`
	// EnabledClients are the applications that may use the connection: when set, this is the
	// whole set, managed through Auth0's /connections/{id}/clients, and an empty list ([])
	// disables the connection for every application. When left out, the operator does not
	// manage which applications use the connection (an adopted connection keeps its own).
	// +kubebuilder:validation:MaxItems=500
	// +optional
	EnabledClients []ApplicationReference `json:"enabledClients"`
	// Realms of the connection (Auth0 defaults them to the name).
	// +listType=set
	// +optional
	Realms []string `json:"realms,omitempty" auth0:"realms"`
	// Metadata are string key-value pairs stored with the connection.
	// +kubebuilder:validation:MaxProperties=10
	// +optional
	Metadata map[string]string `json:"metadata,omitempty" auth0:"metadata"`
}

// ApplicationReference names an Application by reference or by client ID.
// +kubebuilder:validation:XValidation:rule="has(self.applicationRef) != has(self.clientID)",message="set exactly one of applicationRef and clientID"
type ApplicationReference struct {
	// ApplicationRef names an Application in this namespace.
	// +optional
	ApplicationRef *LocalObjectReference `json:"applicationRef,omitempty"`
	// ClientID of an application not managed here.
	// +optional
	ClientID string `json:"clientID,omitempty"`
}

// DatabaseOptions are the options of an auth0 (database) connection.
// +kubebuilder:validation:XValidation:rule="!has(self.passwordOptions) || !(has(self.passwordPolicy) || has(self.passwordComplexity) || has(self.passwordHistory) || has(self.passwordDictionary) || has(self.passwordNoPersonalInfo))",message="passwordOptions replaces passwordPolicy, passwordComplexity, passwordHistory, passwordDictionary and passwordNoPersonalInfo: Auth0 refuses both kinds together; set one"
// +kubebuilder:validation:XValidation:rule="!has(self.attributes) || !has(self.requiresUsername) || !self.requiresUsername",message="attributes and requiresUsername cannot be set together (Auth0 refuses them): use attributes.username"
// +kubebuilder:validation:XValidation:rule="!has(self.attributes) || !has(self.usernameLength)",message="attributes and usernameLength cannot be set together (Auth0 refuses options.validation with options.attributes): use attributes.username.validation"
type DatabaseOptions struct {
	// PasswordPolicy: none, low, fair, good or excellent.
	// +kubebuilder:validation:Enum=none;low;fair;good;excellent
	// +optional
	PasswordPolicy string `json:"passwordPolicy,omitempty" auth0:"passwordPolicy,default=good"`
	// PasswordComplexity: the minimum length.
	// +optional
	PasswordComplexity *PasswordComplexity `json:"passwordComplexity,omitempty" auth0:"password_complexity_options"`
	// PasswordHistory forbids reusing the last size passwords.
	// +optional
	PasswordHistory *PasswordHistory `json:"passwordHistory,omitempty" auth0:"password_history"`
	// PasswordDictionary forbids common passwords and the listed words.
	// +optional
	PasswordDictionary *PasswordDictionary `json:"passwordDictionary,omitempty" auth0:"password_dictionary"`
	// PasswordNoPersonalInfo forbids passwords containing the user's name, email or username.
	// +optional
	PasswordNoPersonalInfo *bool `json:"passwordNoPersonalInfo,omitempty" auth0:"password_no_personal_info.enable"`
	// BruteForceProtection blocks an IP after repeated failed logins to one account.
	// +optional
	BruteForceProtection *bool `json:"bruteForceProtection,omitempty" auth0:"brute_force_protection,default=true"`
	// RequiresUsername makes users pick a username as well as an email.
	// +optional
	RequiresUsername *bool `json:"requiresUsername,omitempty" auth0:"requires_username,default=false"`
	// UsernameLength bounds the username's length.
	// +optional
	UsernameLength *UsernameLength `json:"usernameLength,omitempty" auth0:"validation.username"`
	// DisableSignup: only an administrator creates users.
	// +optional
	DisableSignup *bool `json:"disableSignup,omitempty" auth0:"disable_signup,default=false"`
	// ImportMode migrates users from a custom database on their first login.
	// +optional
	ImportMode *bool `json:"importMode,omitempty" auth0:"import_mode,default=false"`
	// MFA of the connection's users.
	// +optional
	MFA *DatabaseMFA `json:"mfa,omitempty" auth0:"mfa"`
	// AuthenticationMethods: password, passkey, email and phone one-time codes.
	// +optional
	AuthenticationMethods *AuthenticationMethods `json:"authenticationMethods,omitempty" auth0:"authentication_methods"`
	// Attributes: email, phone number and username as identifiers and on sign-up.
	// +optional
	Attributes *DatabaseAttributes `json:"attributes,omitempty" auth0:"attributes"`
	// Precedence: which identifier a login name is taken for first.
	// +kubebuilder:validation:MaxItems=3
	// +kubebuilder:validation:items:Enum=email;phone_number;username
	// +optional
	Precedence []string `json:"precedence,omitempty" auth0:"precedence"`
	// PasswordOptions: the flexible password policy.
	// +optional
	PasswordOptions *PasswordOptions `json:"passwordOptions,omitempty" auth0:"password_options"`
	// PasskeyOptions: how passkeys are offered.
	// +optional
	PasskeyOptions *PasskeyOptions `json:"passkeyOptions,omitempty" auth0:"passkey_options"`
	// CustomScripts of a custom database, from ConfigMaps.
	// +optional
	CustomScripts *CustomScripts `json:"customScripts,omitempty" auth0:"customScripts"`
	// EnabledDatabaseCustomization: users live in your own database, reached by customScripts.
	// +optional
	EnabledDatabaseCustomization *bool `json:"enabledDatabaseCustomization,omitempty" auth0:"enabledDatabaseCustomization,default=false"`
	// EnableScriptContext passes the request context to the custom scripts.
	// +optional
	EnableScriptContext *bool `json:"enableScriptContext,omitempty" auth0:"enable_script_context,default=false"`
	// DisableSelfServiceChangePassword: users cannot reset their own password.
	// +optional
	DisableSelfServiceChangePassword *bool `json:"disableSelfServiceChangePassword,omitempty" auth0:"disable_self_service_change_password,default=false"`
	// NonPersistentAttrs: user attributes Auth0 does not store.
	// +listType=set
	// +optional
	NonPersistentAttrs []string `json:"nonPersistentAttrs,omitempty" auth0:"non_persistent_attrs,set"`
	// RealmFallback: a login naming no realm uses this connection.
	// +optional
	RealmFallback *bool `json:"realmFallback,omitempty" auth0:"realm_fallback"`
}

// PasswordComplexity of a database connection.
type PasswordComplexity struct {
	// MinLength of a password.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=128
	MinLength int32 `json:"minLength" auth0:"min_length"`
}

// PasswordHistory of a database connection.
type PasswordHistory struct {
	Enabled bool `json:"enabled" auth0:"enable"`
	// Size: how many previous passwords are remembered.
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=24
	// +optional
	Size *int32 `json:"size,omitempty" auth0:"size"`
}

// PasswordDictionary of a database connection.
type PasswordDictionary struct {
	Enabled bool `json:"enabled" auth0:"enable"`
	// Dictionary lists further forbidden passwords.
	// +listType=set
	// +optional
	Dictionary []string `json:"dictionary,omitempty" auth0:"dictionary"`
}

// UsernameLength bounds a username.
// +kubebuilder:validation:XValidation:rule="self.min <= self.max",message="min must not exceed max"
type UsernameLength struct {
	// +kubebuilder:validation:Minimum=1
	Min int32 `json:"min" auth0:"min"`
	// +kubebuilder:validation:Maximum=128
	Max int32 `json:"max" auth0:"max"`
}

// ConnectionStatus is the observed state of a Connection.
type ConnectionStatus struct {
	ManagedStatus `json:",inline"`
}

// Connection is an Auth0 connection.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0conn,categories=auth0
// +kubebuilder:printcolumn:name="Strategy",type=string,JSONPath=`.spec.strategy`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Connection struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ConnectionSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ConnectionStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (c *Connection) GetManagedSpec() *ManagedSpec { return &c.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (c *Connection) GetManagedStatus() *ManagedStatus { return &c.Status.ManagedStatus }

// ConnectionList is a list of Connections.
// +kubebuilder:object:root=true
type ConnectionList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Connection `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Connection{}, &ConnectionList{})
}

// ConnectionPurpose turns one use of a connection on or off.
type ConnectionPurpose struct {
	// Active: the use is on.
	Active bool `json:"active" auth0:"active,default=true"`
}

// ConnectionConnectedAccounts is the connected-accounts use of a connection.
type ConnectionConnectedAccounts struct {
	// Active: the connection links accounts.
	Active bool `json:"active" auth0:"active,default=false"`
	// CrossAppAccess lets other applications use the linked accounts' tokens.
	// +optional
	CrossAppAccess *bool `json:"crossAppAccess,omitempty" auth0:"cross_app_access"`
}
