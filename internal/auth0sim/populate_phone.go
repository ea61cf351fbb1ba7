package auth0sim

// phoneTwilioToken is the populated phone provider's auth token.
const phoneTwilioToken = "populated-phone-provider-token"

// populateBrandingPhone sets up the Unified Phone Experience as an administrator would: a
// Twilio provider and two notification templates (shapes as in the recordings).
func populateBrandingPhone(s *Server, tx *Tx) {
	now := isoMillis(s.clock.Now())
	tx.Put(phoneProvidersColl, "pro_populated", Object{"id": "pro_populated", "tenant": s.tenantName(), "channel": "phone",
		"name": "twilio", "disabled": false, "created_at": now, "updated_at": now,
		"configuration": Object{"sid": "ACpopulatedphone", "default_from": "+15550199", "delivery_methods": anyList("text", "voice")},
		"credentials":   Object{"auth_token": phoneTwilioToken}})
	for id, t := range map[string]Object{
		"tem_populatedverify": {"type": "otp_verify", "disabled": false, "content": Object{"syntax": "liquid", "from": "+15550199",
			"body": Object{"text": "{{ code }} is your Acme verification code", "voice": "Your Acme verification code is {{ code }}"}}},
		"tem_populatedblock": {"type": "blocked_account", "disabled": true, "content": Object{"syntax": "liquid",
			"body": Object{"text": "Your Acme account has been blocked"}}},
	} {
		t["id"], t["tenant"], t["channel"], t["created_at"], t["updated_at"] = id, s.tenantName(), "phone", now, now
		tx.Put(phoneTemplatesColl, id, t)
	}
}
