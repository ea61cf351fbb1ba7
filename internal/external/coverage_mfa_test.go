package external

import (
	"context"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/v3/management"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// mfaCoverage measures MultiFactorAuth: one section per Guardian endpoint, each under its own
// name ("phone.twilio" as "phone-twilio"); the factors by the body of one factor's PUT.
func mfaCoverage() kindCoverage {
	return kindCoverage{
		kind: "MultiFactorAuth",
		accepted: joinAccepted(accepted{fields: []string{"policies"}, types: []string{"management.SetGuardianPoliciesRequestContent"}},
			requestFields(management.SetGuardianFactorRequestContent{}).under("factors"),
			requestFields(management.SetGuardianFactorsProviderPhoneRequestContent{},
				management.SetGuardianFactorPhoneMessageTypesRequestContent{}).under("phone"),
			requestFields(management.SetGuardianFactorsProviderPhoneTwilioRequestContent{}).under("phone-twilio"),
			requestFields(management.SetGuardianFactorPhoneTemplatesRequestContent{}).under("phone-templates"),
			requestFields(management.SetGuardianFactorsProviderPushNotificationRequestContent{}).under("push"),
			requestFields(management.UpdateGuardianFactorsProviderPushNotificationSnsRequestContent{}).under("push-sns"),
			requestFields(management.SetGuardianFactorsProviderPushNotificationApnsRequestContent{}).under("push-apns"),
			requestFields(management.SetGuardianFactorsProviderPushNotificationFcmv1RequestContent{}).under("push-fcmv1"),
			requestFields(management.UpdateGuardianFactorDuoSettingsRequestContent{}).under("duo")),
		nested: []string{"factors", "phone", "phone-twilio", "phone-templates", "push", "push-sns", "duo"},
		sends: func(ctx context.Context, t *testing.T) ([]map[string]any, error) {
			sections := map[string]any{}
			for _, s := range mfaSections(filled[v1alpha1.MultiFactorAuth]()) {
				key := strings.ReplaceAll(s.prefix, ".", "-")
				body := object{}
				if s.prefix == "factors" {
					body["enabled"] = true // each factor's PUT sends {"enabled": ...}
				} else {
					for _, f := range s.fields() {
						body[f] = filledValue
					}
				}
				if s.prefix == "" {
					sections["policies"] = body["policies"]
					continue
				}
				if prev, ok := sections[key].(object); ok {
					merge(prev, body)
					continue
				}
				sections[key] = body
			}
			return []map[string]any{sections}, nil
		},
		listed: map[string]reason{
			"push-apns.*":  notYet(19, "item 1: push through your own app with APNs directly (provider direct); sns is typed"),
			"push-fcmv1.*": notYet(19, "item 1: push through your own app with FCM directly (provider direct); sns is typed"),
		},
	}
}
