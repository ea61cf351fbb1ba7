package external

import (
	"context"
	"slices"
	"sort"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// multiFactorAuthID is the fixed ID of the tenant's MFA (Guardian) settings.
const multiFactorAuthID = "guardian"

// MultiFactorAuth maps a MultiFactorAuth to the tenant's Guardian settings: the policy, the
// factors and the phone, push and Duo settings, each its own Auth0 endpoint (an mfaSection).
// Only the sections the spec sets are read and written. The secrets (Twilio's auth token, the
// SNS keys, Duo's secret key) are write-only in Auth0: each is an input compared by its digest.
type MultiFactorAuth struct {
	Singleton[*v1alpha1.MultiFactorAuth]
	In reconcile.Inputs
}

// NewMultiFactorAuth returns the MultiFactorAuth mapping; fresh reads the Secrets past the cache.
func NewMultiFactorAuth(fresh client.Reader) *MultiFactorAuth {
	return &MultiFactorAuth{Singleton: Singleton[*v1alpha1.MultiFactorAuth]{ID: multiFactorAuthID}, In: reconcile.Inputs{Reader: fresh}}
}

var _ reconcile.External[*v1alpha1.MultiFactorAuth] = (*MultiFactorAuth)(nil)

// mfaFactorNames are the spec's factors by Auth0 name, in the order Auth0 lists them.
func mfaFactorNames(f *v1alpha1.MFAFactors) []struct {
	name string
	on   *bool
} {
	return []struct {
		name string
		on   *bool
	}{{"sms", f.Phone}, {"push-notification", f.PushNotification}, {"otp", f.OTP}, {"email", f.Email},
		{"duo", f.Duo}, {"webauthn-roaming", f.WebAuthnRoaming}, {"webauthn-platform", f.WebAuthnPlatform},
		{"recovery-code", f.RecoveryCode}}
}

// mfaPolicies is the policy in Auth0's JSON: the list of policies, empty for "never".
func mfaPolicies(p string) []any {
	if p == "never" {
		return []any{}
	}
	return []any{p}
}

// mfaSecret is a write-only setting the spec takes from a Secret.
type mfaSecret struct {
	key string // Auth0's name
	src *v1alpha1.SecretValueSource
}

// MFASecrets are the Secret references of a MultiFactorAuth, for the reconciler's watches.
func MFASecrets(m *v1alpha1.MultiFactorAuth) []*v1alpha1.SecretValueSource {
	var out []*v1alpha1.SecretValueSource
	for _, s := range mfaSections(m) {
		for _, sec := range s.secrets {
			out = append(out, sec.src)
		}
	}
	return out
}

// entry is the diff entry of a section's field: the section's prefix and Auth0's field name.
func entry(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// Observe reads each section the spec sets and compares it with the spec: visible fields by
// value, secrets by their input digests. A secret whose Secret changed, or whose section Auth0
// has never been given (it answers none of the fields the spec sets), is due (Changed, not drift).
func (x *MultiFactorAuth) Observe(ctx context.Context, c *auth0.Client, m *v1alpha1.MultiFactorAuth, _ string) (reconcile.Observation, error) {
	obs := reconcile.Observation{Exists: true}
	wants, gots := object{}, object{}
	for _, s := range mfaSections(m) {
		got, err := s.get(ctx, c)
		if err != nil {
			return reconcile.Observation{}, err
		}
		want, err := jsonObject(s.want)
		if err != nil {
			return reconcile.Observation{}, err
		}
		for _, f := range drift(want, got) {
			obs.Diff = append(obs.Diff, entry(s.prefix, f))
			wants[entry(s.prefix, f)], gots[entry(s.prefix, f)] = want[f], got[f]
		}
		unset := len(want) > 0 && !slices.ContainsFunc(mfaFieldNames(want), func(k string) bool { return !empty(got[k]) })
		for _, sec := range s.secrets {
			v, err := x.In.Secret(ctx, m.Namespace, sec.src.SecretKeyRef)
			if err != nil {
				return reconcile.Observation{}, err
			}
			name := entry(s.prefix, sec.key)
			if reconcile.Input(c, m, &obs, name, v) || unset {
				obs.Diff = append(obs.Diff, name)
				obs.Changed = append(obs.Changed, name)
			}
		}
	}
	sort.Strings(obs.Diff)
	obs.UpToDate = len(obs.Diff) == 0
	return withFlatValues(obs, wants, gots), nil
}

// withFlatValues is withValues for wants and gots keyed by whole diff entries (which may hold
// dots of their own).
func withFlatValues(obs reconcile.Observation, wants, gots object) reconcile.Observation {
	for _, path := range obs.Diff {
		w, ok := wants[path]
		if !ok || isInput(obs, path) {
			continue
		}
		if obs.Values == nil {
			obs.Values = map[string]reconcile.Change{}
		}
		obs.Values[path] = reconcile.Change{Want: w, Have: gots[path]}
	}
	return obs
}

func mfaFieldNames(o object) []string {
	out := make([]string, 0, len(o))
	for k := range o {
		out = append(out, k)
	}
	return out
}

// Update writes the sections that differ, in an order that never asks for MFA before the
// factors it needs are there: the providers' settings, then the factors, then the policy.
func (x *MultiFactorAuth) Update(ctx context.Context, c *auth0.Client, m *v1alpha1.MultiFactorAuth, _ string, obs reconcile.Observation) error {
	for _, s := range mfaSections(m) {
		var diff []string
		for _, k := range s.fields() {
			if slices.Contains(obs.Diff, entry(s.prefix, k)) {
				diff = append(diff, k)
			}
		}
		if len(diff) == 0 {
			continue
		}
		secrets := map[string]string{}
		for _, sec := range s.secrets {
			if s.whole || slices.Contains(diff, sec.key) {
				v, err := x.In.Secret(ctx, m.Namespace, sec.src.SecretKeyRef)
				if err != nil {
					return err
				}
				secrets[sec.key] = string(v)
			}
		}
		if err := s.write(ctx, c, diff, secrets); err != nil {
			return err
		}
	}
	return nil
}
