package external

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// connections is the tenant's connection list, read once per drift interval for all of them.
var connections = auth0.Snapshot[object]{
	Kind: "connections",
	List: func(ctx context.Context, api *mgmt.Management, _, perPage int) ([]object, int, error) {
		p, err := api.Connections.List(ctx, &management.ListConnectionsQueryParameters{Take: &perPage})
		return allPages(ctx, p, err)
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		r, err := api.Connections.Get(ctx, id, &management.GetConnectionRequestParameters{})
		if err != nil {
			return nil, err
		}
		return answer(r)
	},
}

// enabledClientsDiff is the diff entry of a connection whose enabled clients differ.
const enabledClientsDiff = "enabled_clients"

// Connection maps a Connection to an Auth0 connection and its enabled clients.
type Connection struct {
	Collection[*v1alpha1.Connection]
	// Kube reads the referenced Applications (the cache will do).
	Kube client.Reader
	// Inputs reads the Secrets of secretOptions past the cache.
	Inputs reconcile.Inputs
}

// NewConnection returns the Connection mapping; fresh must be an uncached reader.
func NewConnection(kube, fresh client.Reader) *Connection {
	x := &Connection{Kube: kube, Inputs: reconcile.Inputs{Reader: fresh}}
	x.Collection = Collection[*v1alpha1.Connection]{
		List: connections,
		Key:  keyName(func(conn *v1alpha1.Connection) string { return nameOr(conn.Spec.Name, conn.Name) }),
		Body: func(ctx context.Context, _ *auth0.Client, conn *v1alpha1.Connection) (object, error) {
			body, err := x.body(ctx, conn)
			if err != nil {
				return nil, err
			}
			secrets, err := x.secrets(ctx, conn)
			withSecrets(body, secrets)
			return body, err
		},
		Parts: []Part[*v1alpha1.Connection]{{Name: enabledClientsDiff, Want: x.wantClients, Have: haveClients, Apply: applyClients}},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Connections.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Connections.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.Connections.Delete(ctx, id)
		},
	}
	return x
}

var (
	_ reconcile.External[*v1alpha1.Connection] = (*Connection)(nil)
	_ reconcile.Resolver[*v1alpha1.Connection] = (*Connection)(nil)
)

// Resolve waits while a referenced Application has no client ID or a Secret is missing.
func (x *Connection) Resolve(ctx context.Context, conn *v1alpha1.Connection) error {
	if _, err := x.clientIDs(ctx, conn); err != nil {
		return err
	}
	_, err := x.secrets(ctx, conn)
	return err
}

// derivedScope are the social strategies whose options.scope Auth0 derives from their boolean
// options (email, profile, ...) on every write, replacing any scope given (the recordings of
// TestAccConnectionFacebook, -GitHub, -GoogleOAuth2, -Linkedin, -Windowslive, -Salesforce,
// -Line and -Apple): a spec sets those options, never the scope.
var derivedScope = []string{"facebook", "github", "google-oauth2", "linkedin", "windowslive",
	"salesforce", "salesforce-community", "salesforce-sandbox", "line", "apple"}

// connectionBody is the connection the spec describes, in Auth0's JSON, without the secret
// options (compared by digest, sent only by Create and Update).
func connectionBody(conn *v1alpha1.Connection) (object, error) {
	s := conn.Spec
	opts := databaseOptions(s.Database)
	ent, err := enterpriseOptions(s)
	if err != nil {
		return nil, err
	}
	maps.Copy(opts, ent)
	for k, v := range s.Options {
		if slices.Contains(secretOptionKeys, k) {
			return nil, reconcile.InvalidSpec("spec.options.%s is a secret: give it in spec.secretOptions from a Secret", k)
		}
		if _, typed := opts[k]; typed {
			return nil, reconcile.InvalidSpec("spec.options.%s is set by spec.database; set it there only", k)
		}
		if k == "scope" && slices.Contains(derivedScope, s.Strategy) {
			return nil, reconcile.InvalidSpec("spec.options.scope: Auth0 derives a %s connection's scope from its boolean options (email, profile, ...) and replaces any scope given; set those instead", s.Strategy)
		}
		if _, secret := s.SecretOptions[k]; secret {
			return nil, reconcile.InvalidSpec("spec.options.%s is also in spec.secretOptions; set it in one place", k)
		}
		var val any
		if err := json.Unmarshal(v.Raw, &val); err != nil {
			return nil, reconcile.InvalidSpec("spec.options.%s is not valid JSON", k)
		}
		opts[k] = val
	}
	b := toAuth0(s)
	b["name"] = nameOr(s.Name, conn.Name)
	setObject(b, "options", opts)
	return jsonObject(b)
}

// Observe compares the connection, its secret options (through their input digests: what
// Auth0 shows of them may be a placeholder or encrypted) and, when the spec sets them, its
// enabled clients with the spec.
func (x *Connection) Observe(ctx context.Context, c *auth0.Client, conn *v1alpha1.Connection, id string) (reconcile.Observation, error) {
	want, err := x.body(ctx, conn)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, ok, err := connections.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	if s := stringOf(got, "strategy"); s != conn.Spec.Strategy {
		return reconcile.Observation{}, reconcile.InvalidSpec("Auth0 connection %s has strategy %s, the spec %s; the strategy cannot change", id, s, conn.Spec.Strategy)
	}
	secrets, err := x.secrets(ctx, conn)
	if err != nil {
		return reconcile.Observation{}, err
	}
	obs := reconcile.Observation{Exists: true, Diff: drift(want, got)}
	scriptInputs(c, conn, &obs, want, got)
	for _, k := range slices.Sorted(maps.Keys(secrets)) {
		if reconcile.Input(c, conn, &obs, secretOptionDiff(k), []byte(secrets[k])) {
			obs.Diff = append(obs.Diff, secretOptionDiff(k))
			obs.Changed = append(obs.Changed, secretOptionDiff(k))
		}
	}
	return x.compareParts(ctx, c, conn, id, withValues(obs, want, got))
}

// Update writes the connection when it differs (options as a whole: Auth0 replaces them, so
// the options the spec does not set are sent back as Auth0 has them), then its enabled
// clients.
func (x *Connection) Update(ctx context.Context, c *auth0.Client, conn *v1alpha1.Connection, id string, obs reconcile.Observation) error {
	if x.bodyDiffers(obs) {
		if err := x.patch(ctx, c, conn, id, obs); err != nil {
			return err
		}
	}
	return x.updateParts(ctx, c, conn, id, obs)
}

func (x *Connection) patch(ctx context.Context, c *auth0.Client, conn *v1alpha1.Connection, id string, obs reconcile.Observation) error {
	body, err := x.body(ctx, conn)
	if err != nil {
		return err
	}
	secrets, err := x.secrets(ctx, conn)
	if err != nil {
		return err
	}
	// Read now, not from the snapshot: the options the spec does not set, secret ones
	// included, are sent back as Auth0 has them at this moment, not as they were when the list
	// was taken (a value changed since in the dashboard would be reverted).
	got, err := connections.Fetch(ctx, c.API(), id)
	if err != nil {
		return err
	}
	connections.Put(c, got)
	opts, _ := jsonObject(got["options"])
	_, given := conn.Spec.SecretOptions["configuration"]
	if _, sealed := opts["configuration"]; sealed && !given {
		return reconcile.InvalidSpec("the connection has options.configuration, whose values Auth0 never shows: an update would erase them; connections with options.configuration are not supported yet")
	}
	if opts == nil {
		opts = object{}
	}
	if want, ok := body["options"].(map[string]any); ok {
		dropReplaced(opts, want)
		merge(opts, want)
	}
	body["options"] = opts
	// The options carried over from Auth0 keep the values it shows. A secret option is sent
	// when its Secret changed, or when Auth0 does not give it back as it is (hidden, or
	// options.configuration, shown encrypted): the options that replace Auth0's would erase it.
	for k := range secrets {
		if _, shown := opts[k]; shown && k != "configuration" && !slices.Contains(obs.Changed, secretOptionDiff(k)) {
			delete(secrets, k)
		}
	}
	withSecrets(body, secrets)
	delete(body, "name")
	delete(body, "strategy")
	return x.write(ctx, c, id, body)
}

// connectionExporter reads every connection and the clients enabled on each. A connection's
// name is a key too: organizations and people name connections by it. Auth0's
// Username-Password-Authentication is an ordinary connection, managed like any other.
var connectionExporter = Exporter{Kind: "Connection", Read: eachOf(connections, func(ctx context.Context, c *auth0.Client, o object) (Found, error) {
	clients, err := enabledClients(ctx, c, idOf(o))
	name := stringOf(o, "name")
	return Found{ID: idOf(o), Name: name, Keys: []string{name}, Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportConnection(o, clients, x)
	}}, err
})}

// exportConnection is the Connection whose body is the connection o with the enabled clients.
// The secret options Auth0 shows become secretOptions from the object's Secret; the
// options.configuration values, which Auth0 shows only encrypted, are left out.
func exportConnection(o object, clients []string, x *ExportContext) (reconcile.Object, error) {
	name, strategy := stringOf(o, "name"), stringOf(o, "strategy")
	s := v1alpha1.ConnectionSpec{Name: x.AuthName(name)}
	fromAuth0(o, &s)
	s.EnabledClients = []v1alpha1.ApplicationReference{} // the set as read, even when empty
	for _, id := range clients {
		e := v1alpha1.ApplicationReference{ApplicationRef: x.LocalRef("Application", id)}
		if e.ApplicationRef == nil {
			e.ClientID = id
		}
		s.EnabledClients = append(s.EnabledClients, e)
	}
	opts := maps.Clone(objectField(o, "options"))
	if strategy == "auth0" {
		s.Database = exportDatabase(opts)
	}
	exportEnterprise(strategy, name, opts, &s, x)
	if slices.Contains(derivedScope, strategy) {
		delete(opts, "scope") // Auth0's, from the boolean options
	}
	for k, v := range opts {
		switch {
		case empty(v) || k == "configuration":
		case slices.Contains(secretOptionKeys, k):
			if _, ok := v.(string); ok {
				if s.SecretOptions == nil {
					s.SecretOptions = map[string]v1alpha1.SecretValueSource{}
				}
				s.SecretOptions[k] = x.Secret(k, fmt.Sprintf("options.%s of the %s connection %s", k, strategy, name))
			} else {
				x.Omit("options."+k, "a secret the spec can reference from a Secret only as a string")
			}
		case holdsSecret(k, v):
			x.Omit("options."+k, "holds a secret value, which an export never writes")
		default:
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			if s.Options == nil {
				s.Options = map[string]apiextensionsv1.JSON{}
			}
			s.Options[k] = apiextensionsv1.JSON{Raw: b}
		}
	}
	d := connectionDefaults(name, strategy)
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	return &v1alpha1.Connection{Spec: s}, nil
}
