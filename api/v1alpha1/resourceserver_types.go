package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ResourceServerSpec is an Auth0 API (a resource server).
// +kubebuilder:validation:XValidation:rule="!has(self.signingSecret) || (has(self.signingAlg) && self.signingAlg == 'HS256')",message="signingSecret is the HS256 secret: set signingAlg: HS256"
type ResourceServerSpec struct {
	ManagedSpec `json:",inline"`

	// Identifier is the API's audience, e.g. https://orders.example.com. It cannot change.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=600
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="identifier cannot be changed once set (Auth0 makes it create-only); create a new ResourceServer instead"
	Identifier string `json:"identifier" auth0:"identifier"`
	// Name shown in Auth0; defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=200
	// +optional
	Name string `json:"name,omitempty"`
	// Scopes (permissions) the API defines.
	// +listType=map
	// +listMapKey=value
	// +optional
	Scopes []ResourceServerScope `json:"scopes,omitempty" auth0:"scopes"`
	// SigningAlg signs the access tokens: HS256, RS256 or PS256.
	// +kubebuilder:validation:Enum=HS256;RS256;PS256
	// +optional
	SigningAlg string `json:"signingAlg,omitempty" auth0:"signing_alg,default=RS256"`
	// TokenLifetime of access tokens, e.g. 24h (whole seconds).
	// +optional
	TokenLifetime *metav1.Duration `json:"tokenLifetime,omitempty" auth0:"token_lifetime,seconds,default=86400"`
	// TokenLifetimeForWeb of access tokens issued through the implicit or hybrid flows.
	// +optional
	TokenLifetimeForWeb *metav1.Duration `json:"tokenLifetimeForWeb,omitempty" auth0:"token_lifetime_for_web,seconds,default=7200"`
	// EnforcePolicies turns on RBAC for the API.
	// +optional
	EnforcePolicies *bool `json:"enforcePolicies,omitempty" auth0:"enforce_policies,default=false"`
	// TokenDialect: access_token, or access_token_authz to include permissions in the token.
	// +kubebuilder:validation:Enum=access_token;access_token_authz;rfc9068_profile;rfc9068_profile_authz
	// +optional
	TokenDialect string `json:"tokenDialect,omitempty" auth0:"token_dialect"`
	// AllowOfflineAccess allows refresh tokens for this API.
	// +optional
	AllowOfflineAccess *bool `json:"allowOfflineAccess,omitempty" auth0:"allow_offline_access,default=false"`
	// SkipConsentForVerifiableFirstPartyClients skips the consent prompt for first-party apps.
	// +optional
	SkipConsentForVerifiableFirstPartyClients *bool `json:"skipConsentForVerifiableFirstPartyClients,omitempty" auth0:"skip_consent_for_verifiable_first_party_clients,default=false"`
	// SigningSecret is the HS256 signing secret, from a Secret (Auth0 generates one when it is
	// left out). Only with signingAlg HS256. A change of the Secret's value is sent to Auth0;
	// the value itself is never compared with Auth0's nor shown.
	// +optional
	SigningSecret *SecretValueSource `json:"signingSecret,omitempty"`
	// AllowOnlineAccess lets applications get online (session-bound) refresh tokens for the API.
	// +optional
	AllowOnlineAccess *bool `json:"allowOnlineAccess,omitempty" auth0:"allow_online_access"`
	// AllowOnlineAccessWithEphemeralSessions allows online refresh tokens for ephemeral
	// (non-persistent) sessions too.
	// +optional
	AllowOnlineAccessWithEphemeralSessions *bool `json:"allowOnlineAccessWithEphemeralSessions,omitempty" auth0:"allow_online_access_with_ephemeral_sessions"`
	// TokenEncryption encrypts the API's access tokens (JWE) with a public key.
	// +optional
	TokenEncryption *ResourceServerTokenEncryption `json:"tokenEncryption,omitempty" auth0:"token_encryption"`
	// ProofOfPossession binds access tokens to a key of the client (mTLS or DPoP).
	// +optional
	ProofOfPossession *ResourceServerProofOfPossession `json:"proofOfPossession,omitempty" auth0:"proof_of_possession"`
	// ConsentPolicy: transactional-authorization-with-mfa asks for consent (and MFA) per
	// transaction with Rich Authorization Requests.
	// +kubebuilder:validation:Enum=transactional-authorization-with-mfa
	// +optional
	ConsentPolicy string `json:"consentPolicy,omitempty" auth0:"consent_policy"`
	// AuthorizationDetails are the Rich Authorization Request types the API accepts.
	// +listType=map
	// +listMapKey=type
	// +optional
	AuthorizationDetails []ResourceServerAuthorizationDetail `json:"authorizationDetails,omitempty" auth0:"authorization_details"`
	// SubjectTypeAuthorization: which applications may get tokens for the API, for users and
	// for themselves (machine to machine).
	// +optional
	SubjectTypeAuthorization *ResourceServerSubjectTypeAuthorization `json:"subjectTypeAuthorization,omitempty" auth0:"subject_type_authorization"`
	// AuthorizationPolicy names the authorization policy that decides access to the API.
	// +optional
	AuthorizationPolicy *ResourceServerAuthorizationPolicy `json:"authorizationPolicy,omitempty" auth0:"authorization_policy"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// ResourceServerTokenEncryption encrypts access tokens with a public key.
type ResourceServerTokenEncryption struct {
	// Format of the encrypted token.
	// +kubebuilder:validation:Enum=compact-nested-jwe
	Format string `json:"format" auth0:"format"`
	// EncryptionKey is the public key the tokens are encrypted with.
	EncryptionKey ResourceServerEncryptionKey `json:"encryptionKey" auth0:"encryption_key"`
}

// ResourceServerEncryptionKey is a public key for token encryption.
type ResourceServerEncryptionKey struct {
	// Name of the key.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name" auth0:"name"`
	// Alg the key encrypts with.
	// +kubebuilder:validation:Enum=RSA-OAEP-256;RSA-OAEP-384;RSA-OAEP-512
	Alg string `json:"alg" auth0:"alg"`
	// Kid is the key's ID in the token header.
	// +optional
	Kid string `json:"kid,omitempty" auth0:"kid"`
	// PEM is the public key or certificate, PEM-encoded, inline or from a ConfigMap. Auth0
	// answers with its thumbprint only: a change of the text is sent, and the key is compared
	// through it.
	PEM TextSource `json:"pem"`
}

// ResourceServerProofOfPossession binds tokens to a client key.
type ResourceServerProofOfPossession struct {
	// Mechanism: mtls or dpop.
	// +kubebuilder:validation:Enum=mtls;dpop
	Mechanism string `json:"mechanism" auth0:"mechanism"`
	// Required makes bound tokens mandatory.
	Required bool `json:"required" auth0:"required"`
	// RequiredFor: public_clients or all_clients (DPoP).
	// +kubebuilder:validation:Enum=public_clients;all_clients
	// +optional
	RequiredFor string `json:"requiredFor,omitempty" auth0:"required_for"`
}

// ResourceServerAuthorizationDetail is a Rich Authorization Request type.
type ResourceServerAuthorizationDetail struct {
	// Type of the authorization details, e.g. payment.
	// +kubebuilder:validation:MinLength=1
	Type string `json:"type" auth0:"type"`
}

// ResourceServerSubjectTypeAuthorization says which applications may get tokens for the API.
type ResourceServerSubjectTypeAuthorization struct {
	// User: for tokens on behalf of users.
	// +optional
	User *ResourceServerUserAuthorization `json:"user,omitempty" auth0:"user"`
	// Client: for machine-to-machine tokens.
	// +optional
	Client *ResourceServerClientAuthorization `json:"client,omitempty" auth0:"client"`
}

// ResourceServerUserAuthorization is the policy for user tokens.
type ResourceServerUserAuthorization struct {
	// Policy: allow_all (Auth0's default), deny_all or require_client_grant.
	// +kubebuilder:validation:Enum=allow_all;deny_all;require_client_grant
	Policy string `json:"policy" auth0:"policy,default=allow_all"`
}

// ResourceServerClientAuthorization is the policy for machine-to-machine tokens.
type ResourceServerClientAuthorization struct {
	// Policy: require_client_grant (Auth0's default) or deny_all.
	// +kubebuilder:validation:Enum=deny_all;require_client_grant
	Policy string `json:"policy" auth0:"policy,default=require_client_grant"`
}

// ResourceServerAuthorizationPolicy names an authorization policy.
type ResourceServerAuthorizationPolicy struct {
	// PolicyID of the policy.
	// +kubebuilder:validation:MinLength=1
	PolicyID string `json:"policyID" auth0:"policy_id"`
}

// ResourceServerScope is one permission of an API.
type ResourceServerScope struct {
	// Value of the scope, e.g. read:orders.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=280
	Value string `json:"value" auth0:"value"`
	// Description shown to users and in the dashboard.
	// +optional
	Description string `json:"description,omitempty" auth0:"description"`
}

// ResourceServerStatus is the observed state of a ResourceServer.
type ResourceServerStatus struct {
	ManagedStatus `json:",inline"`
}

// ResourceServer is an Auth0 API.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0api,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ResourceServer struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ResourceServerSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ResourceServerStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (r *ResourceServer) GetManagedSpec() *ManagedSpec { return &r.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (r *ResourceServer) GetManagedStatus() *ManagedStatus { return &r.Status.ManagedStatus }

// ResourceServerList is a list of ResourceServers.
// +kubebuilder:object:root=true
type ResourceServerList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ResourceServer `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ResourceServer{}, &ResourceServerList{})
}
