package external

import (
	"context"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// universalLoginID is the fixed ID of the tenant's prompt settings.
const universalLoginID = "prompts"

// UniversalLogin maps a UniversalLogin to the tenant's prompt settings (/prompts): read and
// patched, never created or deleted.
type UniversalLogin struct {
	Singleton[*v1alpha1.UniversalLogin]
	// In reads the partials' texts from ConfigMaps.
	In reconcile.Inputs
}

// NewUniversalLogin returns the UniversalLogin mapping; fresh reads ConfigMaps past the cache.
func NewUniversalLogin(fresh client.Reader) *UniversalLogin {
	return &UniversalLogin{Singleton: Singleton[*v1alpha1.UniversalLogin]{ID: universalLoginID}, In: reconcile.Inputs{Reader: fresh}}
}

var _ reconcile.External[*v1alpha1.UniversalLogin] = (*UniversalLogin)(nil)

// universalLoginBody is what the spec sets, in Auth0's JSON.
func universalLoginBody(ul *v1alpha1.UniversalLogin) (object, error) {
	b := toAuth0(ul.Spec)
	return b, withPassthrough(b, ul.Spec, ul.Spec.Passthrough)
}

// Observe compares the prompt settings with the spec.
func (x *UniversalLogin) Observe(ctx context.Context, c *auth0.Client, ul *v1alpha1.UniversalLogin, _ string) (reconcile.Observation, error) {
	want, err := universalLoginBody(ul)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, err := decoded(c.API().Prompts.GetSettings(ctx))
	if err != nil {
		return reconcile.Observation{}, err
	}
	want, err = jsonObject(want)
	if err != nil {
		return reconcile.Observation{}, err
	}
	diff := drift(want, got)
	obs := withValues(reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, want, got)
	return obs, x.observePartials(ctx, c, ul, &obs)
}

// Update patches the settings when they differ, then writes the partials that differ.
func (x *UniversalLogin) Update(ctx context.Context, c *auth0.Client, ul *v1alpha1.UniversalLogin, _ string, obs reconcile.Observation) error {
	if slices.ContainsFunc(obs.Diff, func(d string) bool { return !strings.HasPrefix(d, "partials.") }) {
		body, err := universalLoginBody(ul)
		if err == nil {
			_, err = c.API().Prompts.UpdateSettings(ctx, nil, option.WithBodyProperties(body))
		}
		if err != nil {
			return err
		}
	}
	return x.updatePartials(ctx, c, ul, obs)
}

// universalLoginExporter reads the prompt settings; settings as on a new tenant export none.
var universalLoginExporter = Exporter{Kind: "UniversalLogin", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	o, err := decoded(c.API().Prompts.GetSettings(ctx))
	if err != nil {
		return nil, err
	}
	var s v1alpha1.UniversalLoginSpec
	fromAuth0(o, &s)
	return singleton("universal-login", &v1alpha1.UniversalLogin{Spec: s}, s), nil
}}
