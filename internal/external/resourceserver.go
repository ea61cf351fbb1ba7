package external

import (
	"context"
	"strings"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// resourceServers is the tenant's API list, read once per drift interval for all of them.
var resourceServers = auth0.Snapshot[*management.ResourceServer]{
	Kind: "resource-servers",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]*management.ResourceServer, int, error) {
		p, err := api.ResourceServers.List(ctx, &management.ListResourceServerRequestParameters{
			Page: &page, PerPage: &perPage, IncludeTotals: management.Bool(true),
		})
		if err != nil {
			return nil, 0, err
		}
		return p.Results, total(p.Response.Total), nil
	},
	ID: (*management.ResourceServer).GetID,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (*management.ResourceServer, error) {
		r, err := api.ResourceServers.Get(ctx, id, &management.GetResourceServerRequestParameters{})
		if err != nil {
			return nil, err
		}
		return convert[management.ResourceServer](r)
	},
}

// ResourceServer maps a ResourceServer to an Auth0 API.
type ResourceServer struct{}

// NewResourceServer returns the ResourceServer mapping.
func NewResourceServer() *ResourceServer { return &ResourceServer{} }

var _ reconcile.External[*v1alpha1.ResourceServer] = (*ResourceServer)(nil)

// resourceServerBody is the API the spec describes, in Auth0's JSON. identifier is in it for
// create and comparison; update leaves it out (Auth0 makes it create-only).
func resourceServerBody(rs *v1alpha1.ResourceServer) (map[string]any, error) {
	s := rs.Spec
	b := map[string]any{"identifier": s.Identifier, "name": nameOr(s.Name, rs.Name)}
	if len(s.Scopes) > 0 {
		scopes := make([]map[string]string, len(s.Scopes))
		for i, sc := range s.Scopes {
			scopes[i] = map[string]string{"value": sc.Value, "description": sc.Description}
		}
		b["scopes"] = scopes
	}
	setString(b, "signing_alg", s.SigningAlg)
	setSeconds(b, "token_lifetime", s.TokenLifetime)
	setSeconds(b, "token_lifetime_for_web", s.TokenLifetimeForWeb)
	setPtr(b, "enforce_policies", s.EnforcePolicies)
	setString(b, "token_dialect", s.TokenDialect)
	setPtr(b, "allow_offline_access", s.AllowOfflineAccess)
	setPtr(b, "skip_consent_for_verifiable_first_party_clients", s.SkipConsentForVerifiableFirstPartyClients)
	return jsonObject(b)
}

func setSeconds(b map[string]any, key string, d *metav1.Duration) {
	if d != nil {
		b[key] = int64(d.Duration / time.Second)
	}
}

// managementAPI refuses the tenant's own Management API: it is a system API that cannot be
// changed or deleted.
func managementAPI(c *auth0.Client, rs *v1alpha1.ResourceServer) error {
	if strings.TrimSuffix(rs.Spec.Identifier, "/") == "https://"+tenantDomain(c)+"/api/v2" {
		return reconcile.InvalidSpec("%s is the tenant's Auth0 Management API, a system API that cannot be managed", rs.Spec.Identifier)
	}
	return nil
}

// Observe compares the API with the spec.
func (r *ResourceServer) Observe(ctx context.Context, c *auth0.Client, rs *v1alpha1.ResourceServer, id string) (reconcile.Observation, error) {
	if err := managementAPI(c, rs); err != nil {
		return reconcile.Observation{}, err
	}
	want, err := resourceServerBody(rs)
	if err != nil {
		return reconcile.Observation{}, err
	}
	api, ok, err := resourceServers.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	if api.GetIsSystem() {
		return reconcile.Observation{}, reconcile.InvalidSpec("%s is an Auth0 system API, which cannot be managed", api.GetIdentifier())
	}
	got, err := jsonObject(api)
	if err != nil {
		return reconcile.Observation{}, err
	}
	diff := drift(want, got)
	return reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, nil
}

// Find returns the API with the spec's identifier.
func (r *ResourceServer) Find(ctx context.Context, c *auth0.Client, rs *v1alpha1.ResourceServer) (string, error) {
	if err := managementAPI(c, rs); err != nil {
		return "", err
	}
	all, err := resourceServers.All(ctx, c)
	if err != nil {
		return "", err
	}
	for _, api := range all {
		if api.GetIdentifier() == rs.Spec.Identifier {
			return api.GetID(), nil
		}
	}
	return "", nil
}

// Create creates the API.
func (r *ResourceServer) Create(ctx context.Context, c *auth0.Client, rs *v1alpha1.ResourceServer) (string, error) {
	if err := managementAPI(c, rs); err != nil {
		return "", err
	}
	body, err := resourceServerBody(rs)
	if err != nil {
		return "", err
	}
	answer, err := c.API().ResourceServers.Create(ctx, nil, option.WithBodyProperties(body))
	if err != nil {
		return "", created(c, resourceServers, err)
	}
	api, err := convert[management.ResourceServer](answer)
	if err != nil {
		return "", err
	}
	resourceServers.Put(c, api)
	return api.GetID(), nil
}

// Update writes the spec over the API, identifier excepted.
func (r *ResourceServer) Update(ctx context.Context, c *auth0.Client, rs *v1alpha1.ResourceServer, id string, _ reconcile.Observation) error {
	body, err := resourceServerBody(rs)
	if err != nil {
		return err
	}
	delete(body, "identifier")
	answer, err := c.API().ResourceServers.Update(ctx, id, nil, option.WithBodyProperties(body))
	if err != nil {
		return err
	}
	api, err := convert[management.ResourceServer](answer)
	if err != nil {
		return err
	}
	resourceServers.Put(c, api)
	return nil
}

// Delete deletes the API; an API already gone counts as deleted.
func (r *ResourceServer) Delete(ctx context.Context, c *auth0.Client, rs *v1alpha1.ResourceServer, id string) error {
	err := c.API().ResourceServers.Delete(ctx, id)
	if err == nil || auth0.IsNotFound(err) {
		resourceServers.Delete(c, id)
	}
	return err
}

// resourceServerExporter reads every API. The Management API (is_system) is Auth0's own.
var resourceServerExporter = Exporter{Kind: "ResourceServer", Read: eachOf(resourceServers,
	func(_ context.Context, _ *auth0.Client, rs *management.ResourceServer) (Found, error) {
		o, err := answer(rs)
		f := Found{ID: rs.GetID(), Name: nameOr(rs.GetName(), rs.GetIdentifier()), Keys: []string{rs.GetIdentifier()}, Build: func(x *ExportContext) (reconcile.Object, error) {
			return exportResourceServer(o, x)
		}}
		if rs.GetIsSystem() {
			f.Skip = SkipSystem
		}
		return f, err
	})}

// exportResourceServer is the ResourceServer whose body is the API o.
func exportResourceServer(o object, x *ExportContext) (reconcile.Object, error) {
	s := v1alpha1.ResourceServerSpec{
		Identifier: stringOf(o, "identifier"), Name: x.AuthName(stringOf(o, "name")), SigningAlg: stringOf(o, "signing_alg"),
		TokenLifetime: seconds(o, "token_lifetime"), TokenLifetimeForWeb: seconds(o, "token_lifetime_for_web"),
		EnforcePolicies: boolField(o, "enforce_policies"), TokenDialect: stringOf(o, "token_dialect"),
		AllowOfflineAccess:                        boolField(o, "allow_offline_access"),
		SkipConsentForVerifiableFirstPartyClients: boolField(o, "skip_consent_for_verifiable_first_party_clients"),
	}
	for _, e := range anyList(o, "scopes") {
		sc, _ := e.(map[string]any)
		s.Scopes = append(s.Scopes, v1alpha1.ResourceServerScope{Value: stringOf(sc, "value"), Description: stringOf(sc, "description")})
	}
	d := v1alpha1.ResourceServerSpec{SigningAlg: "RS256",
		TokenLifetime: &metav1.Duration{Duration: 86400 * time.Second}, TokenLifetimeForWeb: &metav1.Duration{Duration: 7200 * time.Second},
		EnforcePolicies: ptr(false), AllowOfflineAccess: ptr(false), SkipConsentForVerifiableFirstPartyClients: ptr(false)}
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	return &v1alpha1.ResourceServer{Spec: s}, nil
}

// seconds is o[key], a number of seconds, as a Duration.
func seconds(o object, key string) *metav1.Duration {
	if f, ok := o[key].(float64); ok {
		return &metav1.Duration{Duration: time.Duration(f) * time.Second}
	}
	return nil
}
