package external

import (
	"context"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// attackProtectionExporter reads the five sections; a section as on a new tenant is left out,
// and none is exported when all are. A tenant whose plan lacks bot detection answers 403 for
// bot detection and CAPTCHA: they are left out, there is nothing to adopt. A CAPTCHA
// provider's secret is a reference into the export's Secret, to be filled in (Auth0 never
// answers it).
var attackProtectionExporter = Exporter{Kind: "AttackProtection", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	s := v1alpha1.AttackProtectionSpec{BruteForceProtection: &v1alpha1.BruteForceProtection{},
		SuspiciousIPThrottling: &v1alpha1.SuspiciousIPThrottling{}, BreachedPasswordDetection: &v1alpha1.BreachedPasswordDetection{},
		BotDetection: &v1alpha1.BotDetection{}, Captcha: &v1alpha1.Captcha{}}
	for _, p := range protections(s) {
		res, err := p.get(ctx, c)
		if err != nil {
			if _, stalled := notEntitled(p.name, err).(*reconcile.Stall); stalled {
				continue
			}
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
	s.SuspiciousIPThrottling, s.BotDetection, s.Captcha = orNil(s.SuspiciousIPThrottling), orNil(s.BotDetection), orNil(s.Captcha)
	if s == (v1alpha1.AttackProtectionSpec{}) {
		return nil, nil
	}
	return []Found{{Name: "attack-protection", Build: func(x *ExportContext) (reconcile.Object, error) {
		spec := *s.DeepCopy()
		referenceCaptchaSecrets(spec.Captcha, x)
		return &v1alpha1.AttackProtection{Spec: spec}, nil
	}}}, nil
}}

// referenceCaptchaSecrets points the exported CAPTCHA providers' secrets at keys of the
// export's Secret.
func referenceCaptchaSecrets(c *v1alpha1.Captcha, x *ExportContext) {
	for path, src := range captchaSecrets(c) {
		*src = x.Secret("captcha."+path, "the CAPTCHA provider's "+path+" (Auth0 never returns it)")
	}
}
