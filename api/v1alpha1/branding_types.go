package v1alpha1

import (
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// BrandingSpec is the tenant's branding: colors, logo, favicon, font, the Universal Login page
// template and, optionally, the Universal Login theme. A tenant has one; deleting the Branding
// stops managing it and leaves Auth0 as it is.
type BrandingSpec struct {
	ManagedSpec `json:",inline"`

	// Colors of the login pages.
	// +optional
	Colors *BrandingColors `json:"colors,omitempty" auth0:"colors"`
	// LogoURL is the URL of the logo shown on the login pages.
	// +kubebuilder:validation:Pattern=`^https://`
	// +optional
	LogoURL string `json:"logoURL,omitempty" auth0:"logo_url"`
	// FaviconURL is the URL of the login pages' favicon.
	// +kubebuilder:validation:Pattern=`^https://`
	// +optional
	FaviconURL string `json:"faviconURL,omitempty" auth0:"favicon_url"`
	// FontURL is the URL of the font used on the login pages.
	// +kubebuilder:validation:Pattern=`^https://`
	// +optional
	FontURL string `json:"fontURL,omitempty" auth0:"font.url"`
	// UniversalLoginTemplate is the Universal Login page template (Liquid HTML that must contain
	// {%- auth0:head -%} and {%- auth0:widget -%}), inline or from a ConfigMap key.
	// +optional
	UniversalLoginTemplate *TextSource `json:"universalLoginTemplate,omitempty"`
	// Theme is the Universal Login theme in Auth0's JSON (borders, colors, fonts,
	// page_background, widget, and optionally displayName), as /branding/themes takes it.
	// Only the fields given are compared for drift.
	// +kubebuilder:validation:Type=object
	// +kubebuilder:pruning:PreserveUnknownFields
	// +optional
	Theme *apiextensionsv1.JSON `json:"theme,omitempty"`
	// Passthrough holds Auth0 fields this kind does not type yet, in Auth0's JSON names (e.g.
	// {"a_new_setting": true}): sent as they are, beside the typed fields, and compared for
	// drift. A field the spec types is refused.
	// +kubebuilder:validation:MaxProperties=64
	// +optional
	Passthrough map[string]apiextensionsv1.JSON `json:"passthrough,omitempty"`
}

// BrandingColors are the login pages' colors, as #rrggbb.
type BrandingColors struct {
	// Primary color of buttons and links.
	// +kubebuilder:validation:Pattern=`^#[0-9a-fA-F]{6}$`
	// +optional
	Primary string `json:"primary,omitempty" auth0:"primary,default=#635dff"`
	// PageBackground color.
	// +kubebuilder:validation:Pattern=`^#[0-9a-fA-F]{6}$`
	// +optional
	PageBackground string `json:"pageBackground,omitempty" auth0:"page_background,default=#000000"`
}

// BrandingStatus is the observed state of a Branding.
type BrandingStatus struct {
	ManagedStatus `json:",inline"`
	// ThemeID is the ID of the Universal Login theme, when the spec sets one.
	// +optional
	ThemeID string `json:"themeID,omitempty"`
}

// Branding is the tenant's branding (one per tenant).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=a0branding,categories=auth0
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Synced",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].reason`
// +kubebuilder:printcolumn:name="ID",type=string,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Branding struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec BrandingSpec `json:"spec"`
	// +kubebuilder:default={observedGeneration:0}
	Status BrandingStatus `json:"status,omitempty"`
}

// GetManagedSpec implements ManagedObject.
func (b *Branding) GetManagedSpec() *ManagedSpec { return &b.Spec.ManagedSpec }

// GetManagedStatus implements ManagedObject.
func (b *Branding) GetManagedStatus() *ManagedStatus { return &b.Status.ManagedStatus }

// BrandingList is a list of Brandings.
// +kubebuilder:object:root=true
type BrandingList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Branding `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Branding{}, &BrandingList{})
}
