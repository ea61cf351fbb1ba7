package external

import (
	"context"
	"slices"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// guardianDefaultTemplates are the phone factor's message texts on a new tenant.
var guardianDefaultTemplates = map[string]string{
	"enrollment_message":   "{{code}} is your verification code for {{tenant.friendly_name}}. Please enter this code to verify your enrollment.",
	"verification_message": "{{code}} is your verification code for {{tenant.friendly_name}}",
}

// guardianRead is every Guardian setting the kind manages, as Auth0 answers them.
type guardianRead struct {
	policies, factors, messageTypes, phoneProvider, twilio, templates, pushProvider, sns, duo object
}

func readGuardian(ctx context.Context, c *auth0.Client) (guardianRead, error) {
	var r guardianRead
	var err error
	ph, push := c.API().Guardian.Factors.Phone, c.API().Guardian.Factors.PushNotification
	for _, read := range []struct {
		into *object
		get  func() (object, error)
	}{
		{&r.policies, func() (object, error) { return readPolicies(ctx, c) }},
		{&r.factors, func() (object, error) { return readFactors(ctx, c) }},
		{&r.messageTypes, func() (object, error) { return decoded(ph.GetMessageTypes(ctx)) }},
		{&r.phoneProvider, func() (object, error) { return decoded(ph.GetSelectedProvider(ctx)) }},
		{&r.twilio, func() (object, error) { return decoded(ph.GetTwilioProvider(ctx)) }},
		{&r.templates, func() (object, error) { return decoded(ph.GetTemplates(ctx)) }},
		{&r.pushProvider, func() (object, error) { return decoded(push.GetSelectedProvider(ctx)) }},
		{&r.sns, func() (object, error) { return decoded(push.GetSnsProvider(ctx)) }},
		{&r.duo, func() (object, error) { return decoded(c.API().Guardian.Factors.Duo.Settings.Get(ctx)) }},
	} {
		if *read.into, err = read.get(); err != nil {
			return r, err
		}
	}
	return r, nil
}

// multiFactorAuthExporter reads the tenant's Guardian settings and exports what differs from a
// new tenant's: the policy unless "never", the enabled factors, and the phone, push and Duo
// settings that were changed. Their secrets are references into the export's Secret, to be
// filled in (Auth0 never returns them).
var multiFactorAuthExporter = Exporter{Kind: "MultiFactorAuth", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	r, err := readGuardian(ctx, c)
	if err != nil {
		return nil, err
	}
	probe := &ExportContext{}
	if s := exportMFA(r, probe); s.Policy == "" && s.Factors == nil && s.Phone == nil && s.Push == nil && s.Duo == nil && len(probe.Omitted) == 0 {
		return nil, nil
	}
	return []Found{{Name: "mfa", Build: func(x *ExportContext) (reconcile.Object, error) {
		return &v1alpha1.MultiFactorAuth{Spec: exportMFA(r, x)}, nil
	}}}, nil
}}

// exportMFA is the spec that adopts r without a write, leaving Auth0's defaults out.
func exportMFA(r guardianRead, x *ExportContext) v1alpha1.MultiFactorAuthSpec {
	var s v1alpha1.MultiFactorAuthSpec
	if p := stringsField(r.policies, "policies"); len(p) > 0 {
		s.Policy = p[0]
	}
	on := func(name string) *bool {
		if b, _ := r.factors[name].(bool); b {
			return ptr(true)
		}
		return nil
	}
	f := v1alpha1.MFAFactors{Phone: on("sms"), PushNotification: on("push-notification"), OTP: on("otp"), Email: on("email"),
		Duo: on("duo"), WebAuthnRoaming: on("webauthn-roaming"), WebAuthnPlatform: on("webauthn-platform"), RecoveryCode: on("recovery-code")}
	if f != (v1alpha1.MFAFactors{}) {
		s.Factors = &f
	}
	s.Phone = exportMFAPhone(r, x)
	s.Push = exportMFAPush(r, x)
	if ikey, host := stringOf(r.duo, "ikey"), stringOf(r.duo, "host"); ikey != "" && host != "" {
		s.Duo = &v1alpha1.MFADuo{IntegrationKey: ikey, Hostname: host, SecretKey: x.Secret("duo.secretKey", "the Duo application's secret key (skey)")}
	} else if ikey != "" || host != "" {
		x.Omit("duo", "Auth0 has only one of ikey and host; the kind sets both")
	}
	return s
}

func exportMFAPhone(r guardianRead, x *ExportContext) *v1alpha1.MFAPhone {
	var p v1alpha1.MFAPhone
	if mt := stringsField(r.messageTypes, "message_types"); !slices.Equal(mt, []string{"sms"}) && len(mt) > 0 {
		p.MessageTypes = mt
	}
	if pr := stringOf(r.phoneProvider, "provider"); pr != "auth0" {
		p.Provider = pr
	}
	if sid := stringOf(r.twilio, "sid"); sid != "" {
		p.Twilio = &v1alpha1.MFATwilio{SID: sid, From: stringOf(r.twilio, "from"), MessagingServiceSID: stringOf(r.twilio, "messaging_service_sid"),
			AuthToken: x.Secret("phone.twilio.authToken", "the Twilio account's auth token")}
	} else if stringOf(r.twilio, "from") != "" || stringOf(r.twilio, "messaging_service_sid") != "" {
		x.Omit("phone.twilio", "Auth0 has Twilio settings without an account SID, which the kind requires")
	}
	var t v1alpha1.MFAPhoneTemplates
	if m := stringOf(r.templates, "enrollment_message"); m != guardianDefaultTemplates["enrollment_message"] {
		t.EnrollmentMessage = m
	}
	if m := stringOf(r.templates, "verification_message"); m != guardianDefaultTemplates["verification_message"] {
		t.VerificationMessage = m
	}
	if t != (v1alpha1.MFAPhoneTemplates{}) {
		p.Templates = &t
	}
	if p.MessageTypes == nil && p.Provider == "" && p.Twilio == nil && p.Templates == nil {
		return nil
	}
	return &p
}

func exportMFAPush(r guardianRead, x *ExportContext) *v1alpha1.MFAPush {
	var p v1alpha1.MFAPush
	if pr := stringOf(r.pushProvider, "provider"); pr != "guardian" {
		p.Provider = pr
	}
	if region := stringOf(r.sns, "aws_region"); region != "" {
		p.SNS = &v1alpha1.MFASNS{AWSRegion: region,
			APNSPlatformApplicationARN: stringOf(r.sns, "sns_apns_platform_application_arn"),
			GCMPlatformApplicationARN:  stringOf(r.sns, "sns_gcm_platform_application_arn"),
			AWSAccessKeyID:             x.Secret("push.sns.awsAccessKeyID", "the AWS access key ID"),
			AWSSecretAccessKey:         x.Secret("push.sns.awsSecretAccessKey", "the AWS secret access key")}
	}
	if p.Provider == "" && p.SNS == nil {
		return nil
	}
	return &p
}
