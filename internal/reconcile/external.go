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
	// Changed names the fields of Diff that differ because an input changed (a ConfigMap
	// text, a Secret value), not because Auth0 was edited: Auth0 still holds what was last
	// written. They are updated like a spec change, not reported as drift.
	Changed []string
	// Inputs are the digests of the spec's inputs as this observation read them, by name
	// (see Input). The reconciler records them once Auth0 holds the values.
	Inputs map[string]string
	// Connection, when not nil, is delivered to the kind's credentials Secret.
	Connection map[string][]byte
	// Act lists writes the observation found due besides the spec's fields (rotate a secret,
	// resume a stream, ask Auth0 to verify a domain). Observe itself only reads: the
	// reconciler runs them, only under Manage, then observes again.
	Act []Action
	// Events the observation has to tell; the reconciler sends them.
	Events []Event
	// Publish lists Kubernetes objects kept in step with what was observed (a DNSEndpoint);
	// the reconciler writes them under Manage.
	Publish []Output
	// NotReady, when set, says why the object exists but is not usable yet (an Action still
	// building, a custom domain waiting for DNS). The reconciler reports Ready=False with it
	// and looks again after its RetryAfter.
	NotReady *Waiting
	// Values are the spec's and Auth0's values of the Diff fields that have them, for a plan
	// to show. Inputs (Secret values, ConfigMap texts) never appear: they compare by digest.
	Values map[string]Change
}

// Change is a field's value in the spec (Want) and in Auth0 (Have), as decoded JSON; nil
// where one side does not set it.
type Change struct {
	Want, Have any
}

// Action is a write an observation asks for.
type Action struct {
	// Name says what it does, for Events: "rotated the client secret".
	Name string
	// Reason is the Event's reason; "" sends none (a verify attempt repeated on a schedule).
	Reason string
	Do     func(ctx context.Context) error
}

// Event is an Event an observation asks the reconciler to send about the object.
type Event struct {
	Type, Reason, Message string
}

// Requested tells whether value, the spec's request token name (clientSecretRotation,
// resumeRequest), asks for its action: it differs from the value last recorded in status. A
// token with nothing recorded yet (a new or newly adopted object) is the baseline, not a
// request: a new client already has a new secret, and an adopted one keeps its own. The
// reconciler records the kind's tokens after each successful sync (Kind.Requests).
func Requested(obj Object, name, value string) bool {
	last, ok := obj.GetManagedStatus().Requests[name]
	return ok && value != last
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
