// Package scheme owns the operator's runtime.Scheme: the core kinds and this project's kinds.
// It exists so that the manager and the export command share one scheme without either
// importing the other; it must not register anything a controller alone needs.
package scheme

import (
	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// New returns a scheme with the core kinds and this project's kinds.
func New() *runtime.Scheme {
	s := runtime.NewScheme()
	utilruntime.Must(clientgoscheme.AddToScheme(s))
	utilruntime.Must(v1alpha1.AddToScheme(s))
	return s
}
