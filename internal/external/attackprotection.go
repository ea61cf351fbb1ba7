package external

import (
	"context"
	"fmt"
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

// protection is one section: its endpoint name (the prefix of its diff entries), the body the
// spec asks for (nil when the section is not set), and how to read and patch it.
type protection struct {
	name  string
	body  object
	get   func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error)
	patch func(ctx context.Context, c *auth0.Client, body object) error
}

func protections(ap *v1alpha1.AttackProtection) []protection {
	s := ap.Spec
	var out []protection
	if b := s.BruteForceProtection; b != nil {
		body := object{}
		setPtr(body, "enabled", b.Enabled)
		setList(body, "shields", b.Shields)
		setList(body, "allowlist", b.AllowList)
		setString(body, "mode", b.Mode)
		setPtr(body, "max_attempts", b.MaxAttempts)
		out = append(out, protection{name: "brute-force-protection", body: body,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.BruteForceProtection.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.BruteForceProtection.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}})
	}
	if t := s.SuspiciousIPThrottling; t != nil {
		body := object{}
		setPtr(body, "enabled", t.Enabled)
		setList(body, "shields", t.Shields)
		setList(body, "allowlist", t.AllowList)
		stage := object{}
		setObject(stage, "pre-login", throttleStage(t.PreLogin))
		setObject(stage, "pre-user-registration", throttleStage(t.PreUserRegistration))
		setObject(body, "stage", stage)
		out = append(out, protection{name: "suspicious-ip-throttling", body: body,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.SuspiciousIPThrottling.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.SuspiciousIPThrottling.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}})
	}
	if b := s.BreachedPasswordDetection; b != nil {
		body := object{}
		setPtr(body, "enabled", b.Enabled)
		setList(body, "shields", b.Shields)
		setList(body, "admin_notification_frequency", b.AdminNotificationFrequency)
		setString(body, "method", b.Method)
		if len(b.PreUserRegistrationShields) > 0 {
			body["stage"] = object{"pre-user-registration": object{"shields": b.PreUserRegistrationShields}}
		}
		out = append(out, protection{name: "breached-password-detection", body: body,
			get: func(ctx context.Context, c *auth0.Client) (fmt.Stringer, error) {
				return c.API().AttackProtection.BreachedPasswordDetection.Get(ctx)
			},
			patch: func(ctx context.Context, c *auth0.Client, body object) error {
				_, err := c.API().AttackProtection.BreachedPasswordDetection.Update(ctx, nil, option.WithBodyProperties(body))
				return err
			}})
	}
	return out
}

// throttleStage is a stage's bucket in Auth0's JSON; the rate is in milliseconds.
func throttleStage(st *v1alpha1.ThrottleStage) object {
	out := object{}
	if st == nil {
		return out
	}
	setPtr(out, "max_attempts", st.MaxAttempts)
	if st.Rate != nil {
		out["rate"] = st.Rate.Duration.Milliseconds()
	}
	return out
}

// Observe reads the sections the spec sets and compares them with it. Shields and
// notification frequencies compare as sets: Auth0 answers them in no fixed order.
func (x *AttackProtection) Observe(ctx context.Context, c *auth0.Client, ap *v1alpha1.AttackProtection, _ string) (reconcile.Observation, error) {
	var diff []string
	wants, gots := object{}, object{}
	for _, p := range protections(ap) {
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
	for _, p := range protections(ap) {
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
	every := protections(&v1alpha1.AttackProtection{Spec: v1alpha1.AttackProtectionSpec{BruteForceProtection: &v1alpha1.BruteForceProtection{},
		SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{}, BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{}}})
	got := map[string]object{}
	for _, p := range every {
		res, err := p.get(ctx, c)
		if err != nil {
			return nil, err
		}
		if got[p.name], err = answer(res); err != nil {
			return nil, err
		}
	}
	bf, ip, bp := got["brute-force-protection"], got["suspicious-ip-throttling"], got["breached-password-detection"]
	stage := func(o object, name string) object { return objectField(objectField(o, "stage"), name) }
	s := v1alpha1.AttackProtectionSpec{
		BruteForceProtection: &v1alpha1.BruteForceProtection{Enabled: boolField(bf, "enabled"), Shields: sortedStrings(bf, "shields"),
			AllowList: sortedStrings(bf, "allowlist"), Mode: stringOf(bf, "mode"), MaxAttempts: int32Field(bf, "max_attempts")},
		SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{Enabled: boolField(ip, "enabled"), Shields: sortedStrings(ip, "shields"),
			AllowList: sortedStrings(ip, "allowlist"), PreLogin: exportThrottleStage(stage(ip, "pre-login")),
			PreUserRegistration: exportThrottleStage(stage(ip, "pre-user-registration"))},
		BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{Enabled: boolField(bp, "enabled"), Shields: sortedStrings(bp, "shields"),
			AdminNotificationFrequency: sortedStrings(bp, "admin_notification_frequency"), Method: stringOf(bp, "method"),
			PreUserRegistrationShields: sortedStrings(stage(bp, "pre-user-registration"), "shields")},
	}
	ms := func(n time.Duration) *metav1.Duration { return &metav1.Duration{Duration: n * time.Millisecond} }
	d := v1alpha1.AttackProtectionSpec{
		BruteForceProtection: &v1alpha1.BruteForceProtection{Enabled: ptr(true), Shields: []string{"block", "user_notification"},
			Mode: "count_per_identifier_and_ip", MaxAttempts: ptr(int32(10))},
		SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{Enabled: ptr(true), Shields: []string{"admin_notification", "block"},
			PreLogin:            &v1alpha1.ThrottleStage{MaxAttempts: ptr(int32(100)), Rate: ms(864000)},
			PreUserRegistration: &v1alpha1.ThrottleStage{MaxAttempts: ptr(int32(50)), Rate: ms(1200)}},
		BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{Enabled: ptr(false), Method: "standard"},
	}
	if err := omitDefaults(&s, &d); err != nil {
		return nil, err
	}
	return singleton("attack-protection", &v1alpha1.AttackProtection{Spec: s}, s), nil
}}

// exportThrottleStage is a stage's bucket; the rate is in milliseconds.
func exportThrottleStage(o object) *v1alpha1.ThrottleStage {
	st := &v1alpha1.ThrottleStage{MaxAttempts: int32Field(o, "max_attempts")}
	if f, ok := o["rate"].(float64); ok {
		st.Rate = &metav1.Duration{Duration: time.Duration(f) * time.Millisecond}
	}
	return st
}

// sortedStrings is o[key], a set of strings, sorted (Auth0 answers sets in no fixed order).
func sortedStrings(o object, key string) []string {
	l := stringsField(o, key)
	slices.Sort(l)
	return l
}
