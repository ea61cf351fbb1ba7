package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ApplicationSpec is an Auth0 application (a client).
type ApplicationSpec struct {
	ManagedSpec `json:",inline"`

	// Name shown in Auth0; defaults to metadata.name.
	// +kubebuilder:validation:MaxLength=255
	// +optional
	Name string `json:"name,omitempty"`
	// Description of the application.
	// +kubebuilder:validation:MaxLength=140
	// +optional
	Description string `json:"description,omitempty" auth0:"description"`
	// AppType is the kind of application. Unset leaves Auth0's: a client made without one
	// (a new tenant's Default App) is a generic application.
	// +kubebuilder:validation:Enum=spa;native;regular_web;non_interactive
	// +optional
	AppType string `json:"appType,omitempty" auth0:"app_type"`
	// Callbacks are the allowed callback URLs.
	// +listType=set
	// +optional
	Callbacks []string `json:"callbacks,omitempty" auth0:"callbacks"`
	// AllowedLogoutURLs are the URLs Auth0 may redirect to after logout.
	// +listType=set
	// +optional
	AllowedLogoutURLs []string `json:"allowedLogoutURLs,omitempty" auth0:"allowed_logout_urls"`
	// WebOrigins are the origins allowed for web message response mode and silent auth.
	// +listType=set
	// +optional
	WebOrigins []string `json:"webOrigins,omitempty" auth0:"web_origins"`
	// AllowedOrigins are the origins allowed to make cross-origin requests.
	// +listType=set
	// +optional
	AllowedOrigins []string `json:"allowedOrigins,omitempty" auth0:"allowed_origins"`
	// GrantTypes the application may use, e.g. authorization_code, refresh_token,
	// client_credentials, implicit, password.
	// +listType=set
	// +optional
	GrantTypes []string `json:"grantTypes,omitempty" auth0:"grant_types"`
	// TokenEndpointAuthMethod: none (public clients), client_secret_post or client_secret_basic.
	// +kubebuilder:validation:Enum=none;client_secret_post;client_secret_basic
	// +optional
	TokenEndpointAuthMethod string `json:"tokenEndpointAuthMethod,omitempty" auth0:"token_endpoint_auth_method"`
	// JWTConfiguration of the ID tokens issued to the application.
	// +optional
	JWTConfiguration *JWTConfiguration `json:"jwtConfiguration,omitempty" auth0:"jwt_configuration"`
	// RefreshToken settings.
	// +optional
	RefreshToken *RefreshTokenSettings `json:"refreshToken,omitempty" auth0:"refresh_token"`
	// OIDCConformant makes the application follow strict OIDC.
	// +optional
	OIDCConformant *bool `json:"oidcConformant,omitempty" auth0:"oidc_conformant"`
	// CrossOriginAuthentication allows cross-origin authentication.
	// +optional
	CrossOriginAuthentication *bool `json:"crossOriginAuthentication,omitempty" auth0:"cross_origin_authentication"`
	// IsFirstParty marks the application as first party.
	// +optional
	IsFirstParty *bool `json:"isFirstParty,omitempty" auth0:"is_first_party"`
	// ClientMetadata are string key-value pairs stored with the application.
	// +kubebuilder:validation:MaxProperties=10
	// +optional
	ClientMetadata map[string]string `json:"clientMetadata,omitempty" auth0:"client_metadata"`
	// OrganizationUsage: deny, allow or require.
	// +kubebuilder:validation:Enum=deny;allow;require
	// +optional
	OrganizationUsage string `json:"organizationUsage,omitempty" auth0:"organization_usage"`
	// OrganizationRequireBehavior: no_prompt, pre_login_prompt or post_login_prompt.
	// +kubebuilder:validation:Enum=no_prompt;pre_login_prompt;post_login_prompt
	// +optional
	OrganizationRequireBehavior string `json:"organizationRequireBehavior,omitempty" auth0:"organization_require_behavior"`
	// LogoURI is the URL of the application's logo.
	// +optional
	LogoURI string `json:"logoURI,omitempty" auth0:"logo_uri"`
	// Passthrough holds Auth0 client fields this CRD does not model yet, in Auth0's own JSON
	// names (e.g. {"sso": true}). They are sent as they are and compared for drift. A key the
	// spec models, or client_id/client_secret, is refused (Stalled/InvalidSpec).
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`

	// CredentialsSecretRef names the Secret (created and owned by this Application) that gets
	// the keys domain, clientID, clientSecret (where the app type has one) and issuer.
	// +optional
	CredentialsSecretRef *LocalObjectReference `json:"credentialsSecretRef,omitempty"`
	// ClientSecretRotation rotates the client secret whenever it changes: set it to any new
	// value (a date, a counter). The credentials Secret is updated in the same reconcile.
	// +optional
	ClientSecretRotation string `json:"clientSecretRotation,omitempty"`
}

// JWTConfiguration of an application's ID tokens.
type JWTConfiguration struct {
	// LifetimeInSeconds of the ID token.
	// +kubebuilder:validation:Minimum=1
	// +optional
	LifetimeInSeconds *int32 `json:"lifetimeInSeconds,omitempty" auth0:"lifetime_in_seconds"`
	// Alg signs the ID token: HS256, RS256 or PS256.
	// +kubebuilder:validation:Enum=HS256;RS256;PS256
	// +optional
	Alg string `json:"alg,omitempty" auth0:"alg"`
}

// RefreshTokenSettings of an application.
type RefreshTokenSettings struct {
	// RotationType: rotating or non-rotating.
	// +kubebuilder:validation:Enum=rotating;non-rotating
	// +optional
	RotationType string `json:"rotationType,omitempty" auth0:"rotation_type"`
	// ExpirationType: expiring or non-expiring.
	// +kubebuilder:validation:Enum=expiring;non-expiring
	// +optional
	ExpirationType string `json:"expirationType,omitempty" auth0:"expiration_type"`
	// Leeway in seconds during which a rotated token may be reused.
	// +kubebuilder:validation:Minimum=0
	// +optional
	Leeway *int32 `json:"leeway,omitempty" auth0:"leeway"`
	// TokenLifetime in seconds.
	// +kubebuilder:validation:Minimum=1
	// +optional
	TokenLifetime *int32 `json:"tokenLifetime,omitempty" auth0:"token_lifetime"`
	// InfiniteTokenLifetime disables the absolute lifetime.
	// +optional
	InfiniteTokenLifetime *bool `json:"infiniteTokenLifetime,omitempty" auth0:"infinite_token_lifetime"`
	// IdleTokenLifetime in seconds.
	// +kubebuilder:validation:Minimum=1
	// +optional
	IdleTokenLifetime *int32 `json:"idleTokenLifetime,omitempty" auth0:"idle_token_lifetime"`
	// InfiniteIdleTokenLifetime disables the idle lifetime.
	// +optional
	InfiniteIdleTokenLifetime *bool `json:"infiniteIdleTokenLifetime,omitempty" auth0:"infinite_idle_token_lifetime"`
}

// ApplicationStatus is the observed state of an Application.
type ApplicationStatus struct {
	ManagedStatus `json:",inline"`
	// ClientID of the application (the same as id).
	// +optional
	ClientID string `json:"clientID,omitempty"`
}

// Application is an Auth0 application, with its credentials delivered to a Secret.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0app,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Application struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ApplicationSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status ApplicationStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (a *Application) GetManagedSpec() *ManagedSpec { return &a.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (a *Application) GetManagedStatus() *ManagedStatus { return &a.Status.ManagedStatus }

// CredentialsSecretName names the Secret the credentials go to ("" for none).
func (a *Application) CredentialsSecretName() string {
	if a.Spec.CredentialsSecretRef == nil {
		return ""
	}
	return a.Spec.CredentialsSecretRef.Name
}

// ApplicationList is a list of Applications.
// +kubebuilder:object:root=true
type ApplicationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Application `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Application{}, &ApplicationList{})
}
