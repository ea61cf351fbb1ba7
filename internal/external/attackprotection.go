package external

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/auth0/go-auth0/v3/management/option"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// attackProtectionID is the fixed ID of the tenant's attack protection (a singleton).
const attackProtectionID = "attack-protection"

// AttackProtection maps AttackProtection to the three attack-protection settings of the
// tenant. Each section the spec sets is one Auth0 singleton (GET and PATCH); the others are
// neither read nor written.
type AttackProtection struct {
	Singleton[*v1alpha1.AttackProtection]
}

// NewAttackProtection returns the AttackProtection mapping.
func NewAttackProtection() *AttackProtection {
	return &AttackProtection{Singleton[*v1alpha1.AttackProtection]{ID: attackProtectionID}}
}

var _ reconcile.External[*v1alpha1.AttackProtection] = (*AttackProtection)(nil)

// protection is one section: its endpoint name (the prefix of its diff entries), its spec (a
// pointer to the section's type, nil when the spec leaves it out), the body the spec asks for,
// and how to read and patch it.
type protection struct {
	name  string
	spec  any
	body  object
	get   func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error)
	patch func(ctx context.Context, c *auth0.Client, body object) error
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
	var diff []string
	wants, gots := object{}, object{}
	for _, p := range protections(ap.Spec) {
		res, err := p.get(ctx, c)
		if err != nil {
			return reconcile.Observation{}, err
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
			diff = append(diff, p.name+"."+f)
		}
	}
	sort.Strings(diff)
	return withValues(reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, wants, gots), nil
}

// Update patches the sections that differ, each with what the spec sets.
func (x *AttackProtection) Update(ctx context.Context, c *auth0.Client, ap *v1alpha1.AttackProtection, _ string, obs reconcile.Observation) error {
	for _, p := range protections(ap.Spec) {
		if !slices.ContainsFunc(obs.Diff, func(f string) bool { return strings.HasPrefix(f, p.name+".") }) {
			continue
		}
		body, err := jsonObject(p.body)
		if err != nil {
			return err
		}
		if err := p.patch(ctx, c, body); err != nil {
			return err
		}
	}
	return nil
}

// attackProtectionExporter reads the three sections; a section as on a new tenant is left out,
// and none is exported when all three are.
var attackProtectionExporter = Exporter{Kind: "AttackProtection", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	s := v1alpha1.AttackProtectionSpec{BruteForceProtection: &v1alpha1.BruteForceProtection{},
		SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{}, BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{}}
	for _, p := range protections(s) {
		res, err := p.get(ctx, c)
		if err != nil {
			return nil, err
		}
		got, err := answer(res)
		if err != nil {
			return nil, err
		}
		fromAuth0(got, p.spec)
	}
	ms := func(n time.Duration) *metav1.Duration { return &metav1.Duration{Duration: n * time.Millisecond} }
	d := v1alpha1.AttackProtectionSpec{SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{ // the stages' defaults differ
		PreLogin:            &v1alpha1.ThrottleStage{MaxAttempts: ptr(int32(100)), Rate: ms(864000)},
		PreUserRegistration: &v1alpha1.ThrottleStage{MaxAttempts: ptr(int32(50)), Rate: ms(1200)}}}
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	s.BruteForceProtection, s.BreachedPasswordDetection = orNil(s.BruteForceProtection), orNil(s.BreachedPasswordDetection)
	s.SuspiciousIPThrottling = orNil(s.SuspiciousIPThrottling)
	return singleton("attack-protection", &v1alpha1.AttackProtection{Spec: s}, s), nil
}}

// orNil is p, or nil when p sets nothing.
func orNil[T any](p *T) *T {
	if p == nil || reflect.ValueOf(p).Elem().IsZero() {
		return nil
	}
	return p
}
