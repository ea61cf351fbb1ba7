package reconcile

import (
	"context"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
)

// Object is a managed kind as the reconciler sees it.
type Object interface {
	client.Object
	v1alpha1.ManagedObject
}

// Observation is what a kind's External learned about its Auth0 object.
type Observation struct {
	// Exists is false when Auth0 has no object with the ID.
	Exists bool
	// UpToDate is true when every field the spec sets matches Auth0.
	UpToDate bool
	// Diff names the fields (Auth0's names) that differ from the spec.
	Diff []string
	// Inputs are the entries of Diff that a changed Kubernetes input explains (a Secret or
	// ConfigMap value whose digest differs from the one last sent), not a change in Auth0:
	// the reconciler updates them without reporting drift.
	Inputs []string
	// Connection, when not nil, is delivered to the kind's credentials Secret.
	Connection map[string][]byte
	// NotReady, when set, says why the object exists but is not usable yet (an Action still
	// building, a custom domain waiting for DNS). The reconciler reports Ready=False with it.
	NotReady *Waiting
}

// External is what a managed kind implements: the mapping between its spec and one Auth0
// object. The reconciler calls it only when the decision to read or write has been made.
type External[O Object] interface {
	// Observe reads the object with id (status.id or spec.externalID) and compares it with the
	// spec. It may fill kind-specific status fields of obj.
	Observe(ctx context.Context, c *auth0.Client, obj O, id string) (Observation, error)
	// Find looks the object up by its natural key (name, identifier, domain). It returns "" when
	// none exists. It is called before every create, so that nothing is created twice.
	Find(ctx context.Context, c *auth0.Client, obj O) (id string, err error)
	// Create creates the object and returns its ID.
	Create(ctx context.Context, c *auth0.Client, obj O) (id string, err error)
	// Update writes the spec over the object; obs is the Observation that found it different.
	Update(ctx context.Context, c *auth0.Client, obj O, id string, obs Observation) error
	// Delete deletes the object. A NotFound answer counts as success.
	Delete(ctx context.Context, c *auth0.Client, obj O, id string) error
}

// Resolver is implemented by kinds that reference other objects (Secrets, ConfigMaps, other
// managed objects). Resolve runs before Observe; it records what it resolved in obj's status
// (never a secret value) and returns a *Waiting error while a reference is not ready.
type Resolver[O Object] interface {
	Resolve(ctx context.Context, obj O) error
}

// CredentialsSecretOwner is implemented by kinds that deliver values to a Secret they own.
type CredentialsSecretOwner interface {
	CredentialsSecretName() string
}
