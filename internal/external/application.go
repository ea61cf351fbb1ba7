package external

import (
	"context"
	"maps"
	"sort"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// clients is the tenant's client list, read once per drift interval for all Applications.
var clients = auth0.Snapshot[object]{
	Kind: "clients",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]object, int, error) {
		p, err := api.Clients.List(ctx, &management.ListClientsRequestParameters{
			Page: &page, PerPage: &perPage, IncludeTotals: management.Bool(true),
		})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Results)
		return items, total(p.Response.Total), err
	},
	ID: func(o object) string { return stringOf(o, "client_id") },
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return decoded(api.Clients.Get(ctx, id, &management.GetClientRequestParameters{}))
	},
}

// clientFields are the Auth0 fields the Application spec models; passthrough may not set
// them, nor the client's credentials.
var clientFields = append(fieldNames(v1alpha1.ApplicationSpec{}), "name", "custom_login_page",
	"custom_login_page_preview", "form_template", "client_id", "client_secret")

// Application maps an Application to an Auth0 client, found by name. The reconciler hands it a
// copy no older than its last status write, so a rotation recorded there is never repeated.
type Application struct {
	Collection[*v1alpha1.Application]
	// In reads the texts and addon secrets the spec takes from ConfigMaps and Secrets.
	In reconcile.Inputs
}

// NewApplication returns the Application mapping; fresh reads ConfigMaps and Secrets past the
// cache. The whole body goes as body properties: the SDK refuses an extra property that its
// request type declares, and passthrough exists for exactly those fields.
func NewApplication(fresh client.Reader) *Application {
	a := &Application{In: reconcile.Inputs{Reader: fresh}}
	a.Collection = Collection[*v1alpha1.Application]{
		List: clients,
		// The global client too: Auth0's list does not mark it (Guard refuses it).
		Key: keyName(func(app *v1alpha1.Application) string { return nameOr(app.Spec.Name, app.Name) }),
		Body: func(ctx context.Context, _ *auth0.Client, app *v1alpha1.Application) (object, error) {
			return a.body(ctx, app)
		},
		Fixed: []string{"resource_server_identifier"},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Clients.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Clients.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error { return api.Clients.Delete(ctx, id) },
	}
	return a
}

var (
	_ reconcile.External[*v1alpha1.Application] = (*Application)(nil)
	_ reconcile.Guard[*v1alpha1.Application]    = (*Application)(nil)
)

// Guard refuses the client the operator connects as and the tenant's global client: managing
// either from a namespace would hand that namespace the tenant.
func (a *Application) Guard(ctx context.Context, c *auth0.Client, app *v1alpha1.Application, id string, _ *reconcile.TenantInfo) error {
	if id == "" {
		return nil
	}
	if id == c.ClientID() {
		return reconcile.Protected("the Auth0 client is the one the operator connects to the tenant as; no Application may manage it")
	}
	if id == app.Status.ID {
		return nil // checked when it was taken
	}
	// Auth0 does not mark the global client in a list; it answers which it is when asked.
	globals, err := c.API().Clients.List(ctx, &management.ListClientsRequestParameters{
		IsGlobal: management.Bool(true), Fields: management.String("client_id"), IncludeFields: management.Bool(true)})
	if err != nil {
		return err
	}
	for _, cl := range globals.Results {
		if cl.GetClientID() == id {
			return reconcile.Protected("the Auth0 client is the tenant's global client; no Application may manage it")
		}
	}
	return nil
}

// body is the client the spec describes, in Auth0's JSON: its texts and addon secrets
// included, and passthrough.
func (a *Application) body(ctx context.Context, app *v1alpha1.Application) (object, error) {
	s := app.Spec
	b := toAuth0(s)
	b["name"] = nameOr(s.Name, app.Name)
	if err := a.putInputs(ctx, app, b); err != nil {
		return nil, err
	}
	if err := withPassthrough(b, s, s.Passthrough, clientFields...); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// Observe compares the client with the spec, asks for a rotation when the spec's token
// changed, and hands the credentials to the reconciler.
func (a *Application) Observe(ctx context.Context, c *auth0.Client, app *v1alpha1.Application, id string) (reconcile.Observation, error) {
	want, err := a.body(ctx, app)
	if err != nil {
		return reconcile.Observation{}, err
	}
	cl, ok, err := clients.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	obs := reconcile.Observation{Exists: true, Diff: drift(want, cl)}
	inputDrift(c, app, &obs, want, cl) // before withValues: inputs are never shown
	sort.Strings(obs.Diff)
	obs.UpToDate = len(obs.Diff) == 0
	obs = withValues(obs, want, cl)
	app.Status.ClientID = stringOf(cl, "client_id")
	obs.Connection = connection(tenantDomain(c), cl)
	if reconcile.Requested(app, rotationRequest, app.Spec.ClientSecretRotation) {
		obs.Act = append(obs.Act, reconcile.Action{Name: "rotated the client secret (clientSecretRotation " + app.Spec.ClientSecretRotation + ")",
			Reason: "SecretRotated", Do: func(ctx context.Context) error {
				cl, err := decoded(c.API().Clients.RotateSecret(ctx, id))
				if err == nil {
					clients.Put(c, cl)
				}
				return err
			}})
	}
	return obs, nil
}

// Update writes the spec over the client. An answer without the secret (a token without
// read:client_keys) keeps the one known, so the Secret does not lose it.
func (a *Application) Update(ctx context.Context, c *auth0.Client, app *v1alpha1.Application, id string, obs reconcile.Observation) error {
	prev, _, _ := clients.Get(ctx, c, id) // cached: Observe just read it
	if err := a.Collection.Update(ctx, c, app, id, obs); err != nil {
		return err
	}
	if cl, ok, _ := clients.Get(ctx, c, id); ok && cl["client_secret"] == nil && prev["client_secret"] != nil {
		cl = maps.Clone(cl)
		cl["client_secret"] = prev["client_secret"]
		clients.Put(c, cl)
	}
	return nil
}
