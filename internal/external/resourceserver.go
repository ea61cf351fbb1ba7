package external

import (
	"context"
	"strings"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// resourceServers is the tenant's API list, read once per drift interval for all of them.
var resourceServers = auth0.Snapshot[object]{
	Kind: "resource-servers",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]object, int, error) {
		p, err := api.ResourceServers.List(ctx, &management.ListResourceServerRequestParameters{
			Page: &page, PerPage: &perPage, IncludeTotals: management.Bool(true),
		})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Results)
		return items, total(p.Response.Total), err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		r, err := api.ResourceServers.Get(ctx, id, &management.GetResourceServerRequestParameters{})
		if err != nil {
			return nil, err
		}
		return answer(r)
	},
}

// ResourceServer maps a ResourceServer to an Auth0 API. The tenant's Management API and
// Auth0's other system APIs are refused.
type ResourceServer struct {
	Collection[*v1alpha1.ResourceServer]
}

// NewResourceServer returns the ResourceServer mapping; fresh reads the Secret and ConfigMap
// inputs (nil when the specs have none).
func NewResourceServer(fresh client.Reader) *ResourceServer {
	in := reconcile.Inputs{Reader: fresh}
	return &ResourceServer{Collection[*v1alpha1.ResourceServer]{
		List: resourceServers,
		Key:  func(rs *v1alpha1.ResourceServer) object { return object{"identifier": rs.Spec.Identifier} },
		Body: func(_ context.Context, _ *auth0.Client, rs *v1alpha1.ResourceServer) (object, error) {
			return resourceServerBody(rs)
		},
		Fixed: []string{"identifier"}, // Auth0 makes it create-only
		// The signing secret is hidden, the encryption key answered by its thumbprint.
		WriteOnly: func(ctx context.Context, rs *v1alpha1.ResourceServer) (map[string]string, error) {
			out := map[string]string{}
			if src := rs.Spec.SigningSecret; src != nil {
				v, err := in.Secret(ctx, rs.Namespace, src.SecretKeyRef)
				if err != nil {
					return nil, err
				}
				out["signing_secret"] = string(v)
			}
			if te := rs.Spec.TokenEncryption; te != nil {
				pem, err := in.Text(ctx, rs.Namespace, &te.EncryptionKey.PEM)
				if err != nil {
					return nil, err
				}
				out["token_encryption.encryption_key.pem"] = pem
			}
			return out, nil
		},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.ResourceServers.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.ResourceServers.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.ResourceServers.Delete(ctx, id)
		},
	}}
}

var (
	_ reconcile.External[*v1alpha1.ResourceServer] = (*ResourceServer)(nil)
	_ reconcile.Guard[*v1alpha1.ResourceServer]    = (*ResourceServer)(nil)
)

// resourceServerBody is the API the spec describes, in Auth0's JSON.
func resourceServerBody(rs *v1alpha1.ResourceServer) (object, error) {
	b := toAuth0(rs.Spec)
	b["name"] = nameOr(rs.Spec.Name, rs.Name)
	if err := withPassthrough(b, rs.Spec, rs.Spec.Passthrough, "signing_secret"); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// Guard refuses the tenant's Management API and Auth0's other system APIs (is_system): they
// cannot be changed or deleted.
func (r *ResourceServer) Guard(ctx context.Context, c *auth0.Client, rs *v1alpha1.ResourceServer, id string, _ *reconcile.TenantInfo) error {
	if strings.TrimSuffix(rs.Spec.Identifier, "/") == "https://"+tenantDomain(c)+"/api/v2" {
		return reconcile.InvalidSpec("%s is the tenant's Auth0 Management API, a system API that cannot be managed", rs.Spec.Identifier)
	}
	if id == "" {
		return nil
	}
	got, ok, err := resourceServers.Get(ctx, c, id)
	if ok && got["is_system"] == true {
		return reconcile.InvalidSpec("%s is an Auth0 system API, which cannot be managed", stringOf(got, "identifier"))
	}
	return err
}

// resourceServerExporter reads every API. The Management API (is_system) is Auth0's own.
var resourceServerExporter = Exporter{Kind: "ResourceServer", Read: eachOf(resourceServers,
	func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
		f := Found{ID: idOf(o), Name: nameOr(stringOf(o, "name"), stringOf(o, "identifier")), Keys: []string{stringOf(o, "identifier")},
			Build: func(x *ExportContext) (reconcile.Object, error) { return exportResourceServer(o, x) }}
		if o["is_system"] == true {
			f.Skip = SkipSystem
		}
		return f, nil
	})}

// exportResourceServer is the ResourceServer whose body is the API o.
func exportResourceServer(o object, x *ExportContext) (reconcile.Object, error) {
	s := v1alpha1.ResourceServerSpec{Name: x.AuthName(stringOf(o, "name"))}
	fromAuth0(o, &s)
	if s.TokenEncryption != nil { // Auth0 answers the key by its thumbprint only
		s.TokenEncryption = nil
		x.Omit("token_encryption", "Auth0 answers the encryption key by its thumbprint, not its PEM: add tokenEncryption with the key's PEM")
	}
	if _, ok := o["signing_secret"].(string); ok && s.SigningAlg == "HS256" {
		s.SigningSecret = ptr(x.Secret("signingSecret", "the API's HS256 signing secret"))
	}
	return &v1alpha1.ResourceServer{Spec: s}, nil
}
