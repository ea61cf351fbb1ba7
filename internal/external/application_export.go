package external

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/v3/management"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

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
	exportInputs(o, &s, x)
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

// exportInputs sets the spec's texts inline from o, its settings-less addons, and its addon
// secrets as references to the object's Secret (listed for the user to fill; the values are
// never exported).
func exportInputs(o object, s *v1alpha1.ApplicationSpec, x *ExportContext) {
	for f, dst := range map[string]**v1alpha1.TextSource{"custom_login_page": &s.CustomLoginPage,
		"custom_login_page_preview": &s.CustomLoginPagePreview, "form_template": &s.FormTemplate} {
		if t := stringOf(o, f); t != "" {
			*dst = &v1alpha1.TextSource{Inline: &t}
		}
	}
	addons, _ := o["addons"].(map[string]any)
	if len(addons) == 0 {
		return
	}
	if s.Addons == nil {
		s.Addons = &v1alpha1.ApplicationAddons{}
	}
	v := reflect.ValueOf(s.Addons).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Tag.Get("auth0")
		a, ok := addons[name].(map[string]any)
		if !ok {
			continue
		}
		f := v.Field(i)
		if f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
		}
		e := f.Elem()
		for j := range e.NumField() {
			key := e.Type().Field(j).Tag.Get("auth0secret")
			if key != "" && a[key] != nil {
				ref := x.Secret(name+"."+key, "the "+key+" of the "+name+" addon")
				e.Field(j).Set(reflect.ValueOf(&ref))
			}
		}
	}
}
