package external

import (
	"context"
	"fmt"
	"slices"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
)

// mfaSection is one Guardian endpoint the spec sets: its fields (Auth0's names) under prefix in
// diff entries, its secrets, and how to read and write it.
type mfaSection struct {
	prefix  string
	want    object
	secrets []mfaSecret
	// whole is set when the endpoint replaces the setting as a whole (PUT only): a write then
	// carries every field and every secret. Otherwise a write carries the fields that differ
	// and the secrets that are due.
	whole bool
	get   func(ctx context.Context, c *auth0.Client) (object, error)
	// write sends diff (the section's differing fields, Auth0's names) with secrets (values by
	// Auth0 name; only the due ones unless whole).
	write func(ctx context.Context, c *auth0.Client, diff []string, secrets map[string]string) error
}

// fields are the section's fields: what the spec sets and its secrets.
func (s mfaSection) fields() []string {
	out := mfaFieldNames(s.want)
	for _, sec := range s.secrets {
		out = append(out, sec.key)
	}
	return out
}

// body is what a write sends: every field when whole, else those of diff; and the secrets.
func (s mfaSection) body(diff []string, secrets map[string]string) object {
	b := object{}
	for k, v := range s.want {
		if s.whole || slices.Contains(diff, k) {
			b[k] = v
		}
	}
	for k, v := range secrets {
		b[k] = v
	}
	return b
}

// errOf is the error of an SDK call whose answer a write does not need.
func errOf[R any](_ R, err error) error { return err }

// with is s written with s.body through send.
func (s mfaSection) with(send func(context.Context, *auth0.Client, object) error) mfaSection {
	s.write = func(ctx context.Context, c *auth0.Client, diff []string, secrets map[string]string) error {
		return send(ctx, c, s.body(diff, secrets))
	}
	return s
}

// mfaSections are the sections m sets, in the order Update writes them: the delivery settings
// first, then the factors, then the policy.
func mfaSections(m *v1alpha1.MultiFactorAuth) []mfaSection {
	sp := m.Spec
	var out []mfaSection
	if p := sp.Phone; p != nil {
		if t := p.Twilio; t != nil {
			want := object{"sid": t.SID}
			mfaSetString(want, "from", t.From)
			mfaSetString(want, "messaging_service_sid", t.MessagingServiceSID)
			out = append(out, mfaSection{prefix: "phone.twilio", want: want, whole: true,
				secrets: []mfaSecret{{"auth_token", &t.AuthToken}},
				get: func(ctx context.Context, c *auth0.Client) (object, error) {
					return decoded(c.API().Guardian.Factors.Phone.GetTwilioProvider(ctx))
				}}.with(func(ctx context.Context, c *auth0.Client, b object) error {
				return errOf(c.API().Guardian.Factors.Phone.SetTwilioProvider(ctx, nil, option.WithBodyProperties(b)))
			}))
		}
		if p.Provider != "" {
			out = append(out, mfaSection{prefix: "phone", want: object{"provider": p.Provider},
				get: func(ctx context.Context, c *auth0.Client) (object, error) {
					return decoded(c.API().Guardian.Factors.Phone.GetSelectedProvider(ctx))
				}}.with(func(ctx context.Context, c *auth0.Client, b object) error {
				return errOf(c.API().Guardian.Factors.Phone.SetProvider(ctx, nil, option.WithBodyProperties(b)))
			}))
		}
		if p.MessageTypes != nil {
			out = append(out, mfaSection{prefix: "phone", want: object{"message_types": p.MessageTypes},
				get: func(ctx context.Context, c *auth0.Client) (object, error) {
					return decoded(c.API().Guardian.Factors.Phone.GetMessageTypes(ctx))
				}}.with(func(ctx context.Context, c *auth0.Client, b object) error {
				return errOf(c.API().Guardian.Factors.Phone.SetMessageTypes(ctx, nil, option.WithBodyProperties(b)))
			}))
		}
		if t := p.Templates; t != nil && (t.EnrollmentMessage != "" || t.VerificationMessage != "") {
			want := object{}
			mfaSetString(want, "enrollment_message", t.EnrollmentMessage)
			mfaSetString(want, "verification_message", t.VerificationMessage)
			out = append(out, mfaTemplates(want))
		}
	}
	if p := sp.Push; p != nil {
		if s := p.SNS; s != nil {
			want := object{"aws_region": s.AWSRegion}
			mfaSetString(want, "sns_apns_platform_application_arn", s.APNSPlatformApplicationARN)
			mfaSetString(want, "sns_gcm_platform_application_arn", s.GCMPlatformApplicationARN)
			out = append(out, mfaSection{prefix: "push.sns", want: want,
				secrets: []mfaSecret{{"aws_access_key_id", &s.AWSAccessKeyID}, {"aws_secret_access_key", &s.AWSSecretAccessKey}},
				get: func(ctx context.Context, c *auth0.Client) (object, error) {
					return decoded(c.API().Guardian.Factors.PushNotification.GetSnsProvider(ctx))
				}}.with(func(ctx context.Context, c *auth0.Client, b object) error {
				return errOf(c.API().Guardian.Factors.PushNotification.UpdateSnsProvider(ctx, nil, option.WithBodyProperties(b)))
			}))
		}
		if p.Provider != "" {
			out = append(out, mfaSection{prefix: "push", want: object{"provider": p.Provider},
				get: func(ctx context.Context, c *auth0.Client) (object, error) {
					return decoded(c.API().Guardian.Factors.PushNotification.GetSelectedProvider(ctx))
				}}.with(func(ctx context.Context, c *auth0.Client, b object) error {
				return errOf(c.API().Guardian.Factors.PushNotification.SetProvider(ctx, nil, option.WithBodyProperties(b)))
			}))
		}
	}
	if d := sp.Duo; d != nil {
		out = append(out, mfaSection{prefix: "duo", want: object{"ikey": d.IntegrationKey, "host": d.Hostname},
			secrets: []mfaSecret{{"skey", &d.SecretKey}},
			get: func(ctx context.Context, c *auth0.Client) (object, error) {
				return decoded(c.API().Guardian.Factors.Duo.Settings.Get(ctx))
			}}.with(func(ctx context.Context, c *auth0.Client, b object) error {
			return errOf(c.API().Guardian.Factors.Duo.Settings.Update(ctx, nil, option.WithBodyProperties(b)))
		}))
	}
	if f := sp.Factors; f != nil {
		want := object{}
		for _, n := range mfaFactorNames(f) {
			mfaSetPtr(want, n.name, n.on)
		}
		if len(want) > 0 {
			out = append(out, mfaSection{prefix: "factors", want: want, get: readFactors, write: writeFactors(want)})
		}
	}
	if sp.Policy != "" {
		out = append(out, mfaSection{prefix: "", want: object{"policies": mfaPolicies(sp.Policy)}, get: readPolicies,
			write: func(ctx context.Context, c *auth0.Client, _ []string, _ map[string]string) error {
				list := management.SetGuardianPoliciesRequestContent{}
				if sp.Policy != "never" {
					list = append(list, management.MfaPolicyEnum(sp.Policy))
				}
				_, err := c.API().Guardian.Policies.Set(ctx, list)
				return err
			}})
	}
	return out
}

// factors reads every factor's state, by Auth0 name.
func readFactors(ctx context.Context, c *auth0.Client) (object, error) {
	list, err := c.API().Guardian.Factors.List(ctx)
	if err != nil {
		return nil, err
	}
	out := object{}
	for _, f := range list {
		out[string(f.GetName())] = f.GetEnabled()
	}
	return out, nil
}

// setFactors enables or disables each differing factor: one call per factor.
func writeFactors(want object) func(context.Context, *auth0.Client, []string, map[string]string) error {
	return func(ctx context.Context, c *auth0.Client, diff []string, _ map[string]string) error {
		for _, name := range diff {
			on, _ := want[name].(bool)
			n := management.GuardianFactorNameEnum(name)
			if _, err := c.API().Guardian.Factors.Set(ctx, &n, &management.SetGuardianFactorRequestContent{Enabled: on}); err != nil {
				return err
			}
		}
		return nil
	}
}

// policies reads the MFA policies as {"policies": [...]}.
func readPolicies(ctx context.Context, c *auth0.Client) (object, error) {
	list, err := c.API().Guardian.Policies.List(ctx)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, p := range list {
		out = append(out, string(p))
	}
	return object{"policies": out}, nil
}

// templates is the phone templates section. Auth0 replaces both texts at once: a spec that
// sets one sends Auth0's current text for the other.
func mfaTemplates(want object) mfaSection {
	get := func(ctx context.Context, c *auth0.Client) (object, error) {
		return decoded(c.API().Guardian.Factors.Phone.GetTemplates(ctx))
	}
	return mfaSection{prefix: "phone.templates", want: want, get: get,
		write: func(ctx context.Context, c *auth0.Client, _ []string, _ map[string]string) error {
			body := object{}
			if len(want) < 2 {
				got, err := get(ctx, c)
				if err != nil {
					return fmt.Errorf("reading the phone templates to keep the one the spec does not set: %w", err)
				}
				for _, k := range []string{"enrollment_message", "verification_message"} {
					if s, ok := got[k].(string); ok {
						body[k] = s
					}
				}
			}
			for k, v := range want {
				body[k] = v
			}
			_, err := c.API().Guardian.Factors.Phone.SetTemplates(ctx, nil, option.WithBodyProperties(body))
			return err
		}}
}

// mfaSetString puts a string the spec sets into a body.
func mfaSetString(b object, key, v string) {
	if v != "" {
		b[key] = v
	}
}

// mfaSetPtr puts a value the spec sets into a body.
func mfaSetPtr[T any](b object, key string, v *T) {
	if v != nil {
		b[key] = *v
	}
}
