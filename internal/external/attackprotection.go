package external

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// attackProtectionID is the fixed ID of the tenant's attack protection (a singleton).
const attackProtectionID = "attack-protection"

// AttackProtection maps AttackProtection to the five attack-protection settings of the
// tenant. Each section the spec sets is one Auth0 singleton (GET and PATCH); the others are
// neither read nor written. The CAPTCHA providers' secrets are write-only in Auth0: each is an
// input compared by its digest.
type AttackProtection struct {
	Singleton[*v1alpha1.AttackProtection]
	In reconcile.Inputs
}

// NewAttackProtection returns the AttackProtection mapping; fresh reads the Secrets past the
// cache.
func NewAttackProtection(fresh client.Reader) *AttackProtection {
	return &AttackProtection{Singleton: Singleton[*v1alpha1.AttackProtection]{ID: attackProtectionID}, In: reconcile.Inputs{Reader: fresh}}
}

var _ reconcile.External[*v1alpha1.AttackProtection] = (*AttackProtection)(nil)

// protection is one section: its endpoint name (the prefix of its diff entries), its spec (a
// pointer to the section's type, nil when the spec leaves it out), the body the spec asks for,
// its secrets by path in the body, and how to read and patch it.
type protection struct {
	name    string
	spec    any
	body    object
	secrets map[string]*v1alpha1.SecretValueSource
	get     func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error)
	patch   func(ctx context.Context, c *auth0.Client, body object) error
}

// protections are the sections the spec sets.
func protections(s v1alpha1.AttackProtectionSpec) []protection {
	all := []protection{
		{name: "brute-force-protection", spec: s.BruteForceProtection,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.BruteForceProtection.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.BruteForceProtection.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}},
		{name: "suspicious-ip-throttling", spec: s.SuspiciousIPThrottling,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.SuspiciousIPThrottling.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.SuspiciousIPThrottling.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}},
		{name: "breached-password-detection", spec: s.BreachedPasswordDetection,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.BreachedPasswordDetection.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.BreachedPasswordDetection.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}},
		{name: "bot-detection", spec: s.BotDetection,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.BotDetection.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.BotDetection.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}},
		{name: "captcha", spec: s.Captcha, secrets: captchaSecrets(s.Captcha),
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.Captcha.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.Captcha.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}},
	}
	var out []protection
	for _, p := range all {
		if !reflect.ValueOf(p.spec).IsNil() {
			p.body = toAuth0(p.spec)
			out = append(out, p)
		}
	}
	return out
}

// Observe reads the sections the spec sets and compares them with it. Shields and
// notification frequencies compare as sets: Auth0 answers them in no fixed order.
func (x *AttackProtection) Observe(ctx context.Context, c *auth0.Client, ap *v1alpha1.AttackProtection, _ string) (reconcile.Observation, error) {
	obs := reconcile.Observation{Exists: true}
	wants, gots := object{}, object{}
	for _, p := range protections(ap.Spec) {
		res, err := p.get(ctx, c)
		if err != nil {
			return reconcile.Observation{}, notEntitled(p.name, err)
		}
		got, err := answer(res)
		if err != nil {
			return reconcile.Observation{}, err
		}
		want, err := jsonObject(p.body)
		if err != nil {
			return reconcile.Observation{}, err
		}
		wants[p.name], gots[p.name] = want, got
		for _, f := range drift(want, got) {
			obs.Diff = append(obs.Diff, p.name+"."+f)
		}
		if err := x.compareSecrets(ctx, c, ap, p, &obs); err != nil {
			return reconcile.Observation{}, err
		}
	}
	sort.Strings(obs.Diff)
	obs.UpToDate = len(obs.Diff) == 0
	return withValues(obs, wants, gots), nil
}

// Update patches the sections that differ, each with what the spec sets (a CAPTCHA section
// with the secrets of every provider it sets: Auth0 takes a provider's keys together).
func (x *AttackProtection) Update(ctx context.Context, c *auth0.Client, ap *v1alpha1.AttackProtection, _ string, obs reconcile.Observation) error {
	for _, p := range protections(ap.Spec) {
		if !slices.ContainsFunc(obs.Diff, func(f string) bool { return strings.HasPrefix(f, p.name+".") }) {
			continue
		}
		body, err := jsonObject(p.body)
		if err != nil {
			return err
		}
		for path, src := range p.secrets {
			v, err := x.In.Secret(ctx, ap.Namespace, src.SecretKeyRef)
			if err != nil {
				return err
			}
			putPath(body, path, string(v))
		}
		if err := p.patch(ctx, c, body); err != nil {
			return notEntitled(p.name, err)
		}
	}
	return nil
}

// orNil is p, or nil when p sets nothing.
func orNil[T any](p *T) *T {
	if p == nil || reflect.ValueOf(p).Elem().IsZero() {
		return nil
	}
	return p
}
