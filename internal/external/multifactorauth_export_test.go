package external

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// A tenant's MFA exports as what differs from a new tenant's, with a skeleton Secret key per
// secret, and the exported object adopts it without a difference.
func TestExportMultiFactorAuthAdoptsWithoutChange(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	secrets := sim.PopulateTenantWide(1)
	c := simClient(t, sim)
	objs := exportKind(t, c, multiFactorAuthExporter)
	e, ok := objs["mfa"]
	if !ok || len(objs) != 1 {
		t.Fatalf("exported %v; want one object named mfa", sortedKeys(objs))
	}
	m := e.Object.(*v1alpha1.MultiFactorAuth)
	ref := func(k string) v1alpha1.SecretValueSource {
		return v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "secrets", Key: k}}
	}
	want := v1alpha1.MultiFactorAuthSpec{
		Policy:  "all-applications",
		Factors: &v1alpha1.MFAFactors{Phone: ptr(true), OTP: ptr(true), RecoveryCode: ptr(true), WebAuthnRoaming: ptr(true)},
		Phone: &v1alpha1.MFAPhone{MessageTypes: []string{"sms", "voice"}, Provider: "twilio",
			Twilio:    &v1alpha1.MFATwilio{SID: "ACpopulated", From: "+15550100", AuthToken: ref("phone.twilio.authToken")},
			Templates: &v1alpha1.MFAPhoneTemplates{VerificationMessage: "{{code}} is your Acme code"}},
		Push: &v1alpha1.MFAPush{Provider: "sns", SNS: &v1alpha1.MFASNS{AWSRegion: "eu-west-1",
			APNSPlatformApplicationARN: "arn:aws:sns:eu-west-1:123456789012:app/APNS/acme",
			GCMPlatformApplicationARN:  "arn:aws:sns:eu-west-1:123456789012:app/GCM/acme",
			AWSAccessKeyID:             ref("push.sns.awsAccessKeyID"), AWSSecretAccessKey: ref("push.sns.awsSecretAccessKey")}},
		Duo: &v1alpha1.MFADuo{IntegrationKey: "DIPOPULATED", Hostname: "api-acme.duosecurity.com", SecretKey: ref("duo.secretKey")},
	}
	if d := cmp.Diff(want, m.Spec); d != "" {
		t.Errorf("exported spec (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"duo.secretKey", "phone.twilio.authToken", "push.sns.awsAccessKeyID", "push.sns.awsSecretAccessKey"},
		sortedKeys(e.SecretKeys)); d != "" {
		t.Errorf("skeleton Secret keys (-want +got):\n%s", d)
	}
	for k := range e.SecretKeys {
		if secrets[k] == "" {
			t.Errorf("the populated tenant has no value for %s", k)
		}
	}
	observeExported(t, c, NewMultiFactorAuth(secretsReader(t, secrets, m.DeepCopy())), objs)

	// The settings a new tenant has are not exported: disabling everything leaves nothing.
	for _, id := range []string{"policies", "message-types", "phone-selected-provider", "phone-twilio", "phone-templates",
		"push-selected-provider", "push-sns", "duo-settings", "factor/sms", "factor/otp", "factor/recovery-code", "factor/webauthn-roaming"} {
		sim.DeleteObject("guardian", id)
	}
	if objs := exportKind(t, c, multiFactorAuthExporter); len(objs) != 0 {
		t.Errorf("a tenant with Auth0's MFA defaults exports %v", sortedKeys(objs))
	}
}
