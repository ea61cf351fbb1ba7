package external

import (
	"context"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// captchaSecrets are the CAPTCHA providers' secrets the spec takes from Secrets, by their path
// in the captcha body.
func captchaSecrets(c *v1alpha1.Captcha) map[string]*v1alpha1.SecretValueSource {
	out := map[string]*v1alpha1.SecretValueSource{}
	if c == nil {
		return out
	}
	for name, p := range map[string]*v1alpha1.CaptchaSiteSecret{"recaptcha_v2": c.RecaptchaV2, "hcaptcha": c.HCaptcha,
		"friendly_captcha": c.FriendlyCaptcha} {
		if p != nil {
			out[name+".secret"] = &p.SecretRef
		}
	}
	if c.Arkose != nil {
		out["arkose.secret"] = &c.Arkose.SecretRef
	}
	if c.RecaptchaEnterprise != nil {
		out["recaptcha_enterprise.api_key"] = &c.RecaptchaEnterprise.APIKeyRef
	}
	return out
}

// AttackProtectionSecrets are the Secret references of an AttackProtection, for the
// reconciler's watches.
func AttackProtectionSecrets(ap *v1alpha1.AttackProtection) []*v1alpha1.SecretValueSource {
	var out []*v1alpha1.SecretValueSource
	for _, src := range captchaSecrets(ap.Spec.Captcha) {
		out = append(out, src)
	}
	return out
}

// compareSecrets adds to obs the secrets of section p whose Secret changed since their value
// last went to Auth0 (Changed, not drift: Auth0 never answers them). A provider Auth0 has no
// site key for has never been given its secret: the secret is due too.
func (x *AttackProtection) compareSecrets(ctx context.Context, c *auth0.Client, ap *v1alpha1.AttackProtection, p protection, obs *reconcile.Observation) error {
	for path, src := range p.secrets {
		v, err := x.In.Secret(ctx, ap.Namespace, src.SecretKeyRef)
		if err != nil {
			return err
		}
		name := p.name + "." + path
		if reconcile.Input(c, ap, obs, name, v) {
			obs.Diff = append(obs.Diff, name)
			obs.Changed = append(obs.Changed, name)
		}
	}
	return nil
}

// notEntitled turns Auth0's refusal of a section the tenant's plan lacks (403
// insufficient_entitlement, bot detection and CAPTCHA on plans without bot detection) into a
// stall that names the section and repeats Auth0's answer: no retry will change it.
func notEntitled(section string, err error) error {
	e := auth0.Classify(err)
	if e == nil || e.Class != auth0.ClassForbidden || e.ErrorCode != "insufficient_entitlement" {
		return err
	}
	return &reconcile.Stall{Reason: v1alpha1.ReasonInsufficientEntitlement,
		Message: "the tenant's plan does not include " + section + " (upgrade it, or remove the section from the spec); Auth0 answered: " + e.Message}
}
