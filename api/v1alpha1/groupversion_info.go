// Package v1alpha1 holds the auth0.a0ops.dev/v1alpha1 API: the tenant kinds that connect to an
// Auth0 tenant and the managed kinds that describe what the tenant should contain.
// +kubebuilder:object:generate=true
// +groupName=auth0.a0ops.dev
package v1alpha1

import (
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

var (
	// GroupVersion is the group and version of every kind in this package.
	GroupVersion = schema.GroupVersion{Group: "auth0.a0ops.dev", Version: "v1alpha1"}

	// SchemeBuilder registers the kinds of this package with a runtime.Scheme.
	SchemeBuilder = &scheme.Builder{GroupVersion: GroupVersion}

	// AddToScheme adds the kinds of this package to a runtime.Scheme.
	AddToScheme = SchemeBuilder.AddToScheme
)
