package external

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"strings"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"

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
var clientFields = []string{"name", "description", "app_type", "callbacks", "allowed_logout_urls",
	"web_origins", "allowed_origins", "grant_types", "token_endpoint_auth_method", "jwt_configuration",
	"refresh_token", "oidc_conformant", "cross_origin_authentication", "is_first_party", "client_metadata",
	"organization_usage", "organization_require_behavior", "logo_uri", "client_id", "client_secret"}

// Application maps an Application to an Auth0 client, found by name. The reconciler hands it a
// copy no older than its last status write, so a rotation recorded there is never repeated.
type Application struct {
	Collection[*v1alpha1.Application]
}

// NewApplication returns the Application mapping. The whole body goes as body properties: the
// SDK refuses an extra property that its request type declares, and passthrough exists for
// exactly those fields.
func NewApplication() *Application {
	return &Application{Collection[*v1alpha1.Application]{
		List: clients,
		// The global client too: Auth0's list does not mark it (Guard refuses it).
		Key: keyName(func(app *v1alpha1.Application) string { return nameOr(app.Spec.Name, app.Name) }),
		Body: func(_ context.Context, _ *auth0.Client, app *v1alpha1.Application) (object, error) {
			return applicationBody(app)
		},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Clients.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Clients.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error { return api.Clients.Delete(ctx, id) },
	}}
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

// applicationBody is the client the spec describes, in Auth0's JSON, passthrough included.
func applicationBody(app *v1alpha1.Application) (object, error) {
	s := app.Spec
	b := toAuth0(s)
	b["name"] = nameOr(s.Name, app.Name)
	body, err := jsonObject(b)
	if err != nil {
		return nil, err
	}
	for k, v := range s.Passthrough {
		if slices.Contains(clientFields, k) {
			return nil, reconcile.InvalidSpec("spec.passthrough.%s: the field is modelled by the spec or managed by the operator; set it there, not in passthrough", k)
		}
		var val any
		if err := json.Unmarshal(v.Raw, &val); err != nil {
			return nil, reconcile.InvalidSpec("spec.passthrough.%s is not valid JSON", k)
		}
		body[k] = val
	}
	return body, nil
}

// Observe compares the client with the spec, asks for a rotation when the spec's token
// changed, and hands the credentials to the reconciler.
func (a *Application) Observe(ctx context.Context, c *auth0.Client, app *v1alpha1.Application, id string) (reconcile.Observation, error) {
	obs, err := a.Collection.Observe(ctx, c, app, id)
	if err != nil || !obs.Exists {
		return obs, err
	}
	cl, _, err := clients.Get(ctx, c, id) // the entry just compared
	if err != nil {
		return reconcile.Observation{}, err
	}
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

// applicationExporter reads every client. The tenant's global client is Auth0's own, and the
// client the export connects as is left out with it; third-party clients are usually
// registered dynamically, not kept in Git.
var applicationExporter = Exporter{Kind: "Application", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	// Auth0 does not mark the global client in a list; it answers which it is when asked.
	globals, err := c.API().Clients.List(ctx, &management.ListClientsRequestParameters{
		IsGlobal: management.Bool(true), Fields: management.String("client_id"), IncludeFields: management.Bool(true)})
	if err != nil {
		return nil, err
	}
	global := map[string]bool{}
	for _, cl := range globals.Results {
		global[cl.GetClientID()] = true
	}
	return eachOf(clients, func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
		id := stringOf(o, "client_id")
		f := Found{ID: id, Name: stringOf(o, "name"), Build: func(x *ExportContext) (reconcile.Object, error) {
			return exportApplication(o, x)
		}}
		switch {
		case global[id], id == c.ClientID():
			// The application the export connects as is the operator's own, usually: managing
			// it from the tenant it grants access to would lock the operator out on a mistake.
			f.Skip = SkipSystem
		case o["is_first_party"] == false:
			f.Skip = SkipThirdParty
		}
		return f, nil
	})(ctx, c)
}}

// exportApplication is the Application whose body is the client o.
func exportApplication(o object, x *ExportContext) (reconcile.Object, error) {
	if t := stringOf(o, "app_type"); t != "" && !slices.Contains(appTypes, t) {
		return nil, fmt.Errorf("app_type %q is not one the Application kind manages (%s)", t, strings.Join(appTypes, ", "))
	}
	s := v1alpha1.ApplicationSpec{Name: x.AuthName(stringOf(o, "name"))}
	fromAuth0(o, &s)
	d := applicationDefaults(s.TokenEndpointAuthMethod)
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	return &v1alpha1.Application{Spec: s}, nil
}

// appTypes are the application types the kind manages (its appType enum).
var appTypes = []string{"spa", "native", "regular_web", "non_interactive"}

// applicationDefaults is what Auth0 gives a new first-party client of appType.
func applicationDefaults(authMethod string) v1alpha1.ApplicationSpec {
	grants := []string{"authorization_code", "implicit", "refresh_token", "client_credentials"}
	lifetime, idle := int32(2592000), int32(1296000)
	if authMethod == "none" { // a public client
		grants = grants[:3]
	}
	// A client that posts its secret gets long-lived refresh tokens, whatever its app type (the
	// recordings: TestAccClientCanSetDefaultAuthMethodOnCreate against
	// TestAccDataClientHideClientSecret).
	if authMethod == "client_secret_post" {
		lifetime, idle = 31557600, 2592000
	}
	return v1alpha1.ApplicationSpec{
		GrantTypes: grants, JWTConfiguration: &v1alpha1.JWTConfiguration{LifetimeInSeconds: ptr(int32(36000)), Alg: "RS256"},
		RefreshToken: &v1alpha1.RefreshTokenSettings{RotationType: "non-rotating", ExpirationType: "non-expiring", Leeway: ptr(int32(0)),
			TokenLifetime: &lifetime, InfiniteTokenLifetime: ptr(true), IdleTokenLifetime: &idle, InfiniteIdleTokenLifetime: ptr(true)},
		CrossOriginAuthentication: ptr(false), IsFirstParty: ptr(true), OIDCConformant: ptr(false),
	}
}
