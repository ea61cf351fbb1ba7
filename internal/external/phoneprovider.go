package external

import (
	"context"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// phoneProviders is the tenant's phone provider list (at most one), read once per drift
// interval. Auth0 does not page it.
var phoneProviders = auth0.Snapshot[object]{
	Kind: "phone-providers",
	List: func(ctx context.Context, api *mgmt.Management, page, _ int) ([]object, int, error) {
		if page > 0 {
			return nil, 0, nil
		}
		p, err := api.Branding.Phone.Providers.List(ctx, &management.ListBrandingPhoneProvidersRequestParameters{})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Providers)
		return items, len(items), err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return decoded(api.Branding.Phone.Providers.Get(ctx, id))
	},
}

// authTokenPath is the Twilio auth token in the provider's body.
const authTokenPath = "credentials.auth_token"

// PhoneProvider maps a PhoneProvider to the tenant's provider at /branding/phone/providers.
// A tenant has at most one, so any existing provider is the one a spec names (Key matches
// all); the Twilio auth token is write-only, compared by the digest of its input.
type PhoneProvider struct {
	Collection[*v1alpha1.PhoneProvider]
}

// NewPhoneProvider returns the PhoneProvider mapping; fresh reads the token's Secret.
func NewPhoneProvider(fresh client.Reader) *PhoneProvider {
	in := reconcile.Inputs{Reader: fresh}
	return &PhoneProvider{Collection[*v1alpha1.PhoneProvider]{
		List: phoneProviders,
		Key:  func(*v1alpha1.PhoneProvider) object { return object{} },
		Body: func(_ context.Context, _ *auth0.Client, p *v1alpha1.PhoneProvider) (object, error) {
			return jsonObject(toAuth0(p.Spec))
		},
		WriteOnly: func(ctx context.Context, p *v1alpha1.PhoneProvider) (map[string]string, error) {
			cr := p.Spec.Credentials
			if cr == nil || cr.AuthToken == nil {
				return nil, nil
			}
			v, err := in.Secret(ctx, p.Namespace, cr.AuthToken.SecretKeyRef)
			if err != nil {
				return nil, err
			}
			return map[string]string{authTokenPath: string(v)}, nil
		},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Branding.Phone.Providers.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Branding.Phone.Providers.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.Branding.Phone.Providers.Delete(ctx, id)
		},
	}}
}

var _ reconcile.External[*v1alpha1.PhoneProvider] = (*PhoneProvider)(nil)

// phoneProviderExporter reads the tenant's phone provider, if it has one. A twilio provider's
// auth token is a reference into the export's Secret, to be filled in.
var phoneProviderExporter = Exporter{Kind: "PhoneProvider", Read: eachOf(phoneProviders,
	func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
		return Found{ID: idOf(o), Name: "phone-provider", Build: func(x *ExportContext) (reconcile.Object, error) {
			return exportPhoneProvider(o, x), nil
		}}, nil
	})}

// exportPhoneProvider is the PhoneProvider whose body is the provider o.
func exportPhoneProvider(o object, x *ExportContext) *v1alpha1.PhoneProvider {
	var s v1alpha1.PhoneProviderSpec
	fromAuth0(o, &s)
	if s.Provider == "custom" && s.Configuration != nil {
		// Auth0 keeps a former twilio configuration; a custom provider takes none of it.
		s.Configuration = &v1alpha1.PhoneProviderConfiguration{DeliveryMethods: s.Configuration.DeliveryMethods}
		if len(s.Configuration.DeliveryMethods) == 0 {
			s.Configuration = nil
		}
	}
	if s.Provider == "twilio" {
		ref := x.Secret("credentials.authToken", "the Twilio auth token of the phone provider (Auth0 never returns it)")
		s.Credentials = &v1alpha1.PhoneProviderCredentials{AuthToken: &ref}
	}
	return &v1alpha1.PhoneProvider{Spec: s}
}
