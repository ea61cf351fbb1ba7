package auth0sim

// PopulateTenantWide changes the tenant-wide settings as a person would in the dashboard:
// the login experience (identifier first), branding (colors, logo, favicon, font, a Universal
// Login template and a theme), six email
// templates with bodies, custom text for six prompts in four languages (Japanese and Portuguese
// among them), an smtp email provider with its password, tenant settings (names, URLs,
// lifetimes, the four locales, flags, cookie and session settings) and all three attack
// protection settings, and MFA (the policy, four factors, SMS and voice through Twilio with its
// token, a verification template, push through Amazon SNS, Duo). A tenant has one of each singleton and at most fourteen templates, so
// scale is not used. It returns the provider's password under the key the export references it
// with.
func (s *Server) PopulateTenantWide(scale int) map[string]string {
	const smtpPass = "populated-smtp-password"
	_ = s.store.Update(func(tx *Tx) error {
		patch := func(coll, id string, p Object) {
			o, _ := tx.Get(coll, id)
			if o == nil {
				o = Object{}
			}
			mergePatch(o, p)
			tx.Put(coll, id, o)
		}

		patch("tenants", SingletonID, Object{
			"friendly_name": "Acme Corporation", "picture_url": "https://cdn.acme.example/logo.png",
			"support_email": "support@acme.example", "support_url": "https://help.acme.example",
			"allowed_logout_urls": anyList("https://acme.example", "https://shop.acme.example/bye"),
			"session_lifetime":    float64(168), "idle_session_lifetime": float64(36),
			"ephemeral_session_lifetime": float64(48), "idle_ephemeral_session_lifetime": 12.5,
			"default_directory":       defaultConnectionName,
			"default_redirection_uri": "https://acme.example/login",
			"enabled_locales":         anyList("en", "ja", "fr", "pt-BR"),
			"sandbox_version":         "18",
			"flags": Object{
				"revoke_refresh_token_grant": true, "enable_public_signup_user_exists_error": true,
				"mfa_show_factor_list_on_enrollment": true, "use_scope_descriptions_for_consent": true,
				"disable_impersonation": false, "remove_alg_from_jwks": true,
			},
			"session_cookie":                    Object{"mode": "non-persistent"},
			"sessions":                          Object{"oidc_logout_prompt_enabled": false},
			"customize_mfa_in_postlogin_action": true,
			"allow_organization_name_in_authentication_api": true,
		})

		// The login experience: identifier first (the prompt settings as the dashboard saves them).
		login := defaultPromptSettings()
		login["identifier_first"] = true
		tx.Put(promptsColl, SingletonID, login)

		patch(brandingColl, SingletonID, Object{
			"colors":   Object{"primary": "#0059d6", "page_background": "#f4f4f8"},
			"logo_url": "https://cdn.acme.example/logo.svg", "favicon_url": "https://cdn.acme.example/favicon.ico",
			"font": Object{"url": "https://cdn.acme.example/inter.woff2"},
		})
		tx.Put(brandingColl, universalLoginID, Object{"body": `<!DOCTYPE html>{% assign resolved_dir = dir | default: "auto" %}` +
			`<html lang="{{locale}}" dir="{{resolved_dir}}"><head>{%- auth0:head -%}<title>Acme – Anmelden / ログイン</title></head>` +
			`<body class="_widget-auto-layout"><header class="acme">Acme</header>{%- auth0:widget -%}</body></html>`})
		_, _ = createBrandingTheme(s, tx, Object{
			"displayName": "Acme",
			"borders": Object{"button_border_radius": float64(8), "button_border_weight": float64(1), "buttons_style": "pill",
				"input_border_radius": float64(3), "input_border_weight": float64(1), "inputs_style": "rounded",
				"show_widget_shadow": false, "widget_border_weight": float64(0), "widget_corner_radius": float64(12)},
			"colors": Object{"base_focus_color": "#0059d6", "base_hover_color": "#003f99", "body_text": "#1e212a",
				"captcha_widget_theme": "auto", "error": "#d03c38", "header": "#1e212a", "icons": "#65676e",
				"input_background": "#ffffff", "input_border": "#c9cace", "input_filled_text": "#000000",
				"input_labels_placeholders": "#65676e", "links_focused_components": "#0059d6", "primary_button": "#0059d6",
				"primary_button_label": "#ffffff", "secondary_button_border": "#c9cace", "secondary_button_label": "#1e212a",
				"success": "#13a688", "widget_background": "#ffffff", "widget_border": "#c9cace"},
			"fonts": Object{"body_text": Object{"bold": false, "size": 87.5}, "buttons_text": Object{"bold": true, "size": float64(100)},
				"font_url": "https://cdn.acme.example/inter.woff2", "input_labels": Object{"bold": false, "size": float64(100)},
				"links": Object{"bold": true, "size": 87.5}, "links_style": "underlined", "reference_text_size": float64(16),
				"subtitle": Object{"bold": false, "size": 87.5}, "title": Object{"bold": true, "size": float64(150)}},
			"page_background": Object{"background_color": "#f4f4f8", "background_image_url": "https://cdn.acme.example/bg.jpg", "page_layout": "left"},
			"widget": Object{"header_text_alignment": "left", "logo_height": float64(40), "logo_position": "left",
				"logo_url": "https://cdn.acme.example/logo.svg", "social_buttons_layout": "top"},
		})

		for _, t := range []Object{
			{"template": "verify_email", "subject": "Confirm your Acme account", "resultUrl": "https://acme.example/verified",
				"urlLifetimeInSeconds": float64(432000), "includeEmailInRedirect": false,
				"body": `<html><body><h1>Hi {{ user.name }}</h1><p><a href="{{ url }}">Verify your email</a></p></body></html>`},
			{"template": "reset_email", "subject": "Reset your Acme password", "resultUrl": "https://acme.example/login",
				"urlLifetimeInSeconds": float64(3600),
				"body":                 `<html><body><p>Someone asked to reset the password of {{ user.email }}.</p><a href="{{ url }}">Reset</a></body></html>`},
			{"template": "welcome_email", "subject": "Welcome to Acme, {{ user.given_name }}!", "enabled": false,
				"body": `<html><body><h1>Welcome!</h1>{% if user.user_metadata.lang == "ja" %}<p>ようこそ</p>{% endif %}</body></html>`},
			{"template": "blocked_account", "subject": "Your Acme account was blocked", "from": "Acme Security <security@acme.example>",
				"body": `<html><body><p>We blocked your account after too many attempts. <a href="{{ url }}">Unblock</a></p></body></html>`},
			{"template": "user_invitation", "subject": "You are invited to {{ organization.display_name }}",
				"resultUrl": "https://acme.example/welcome", "urlLifetimeInSeconds": float64(604800),
				"body": `<html><body><p>{{ inviter.name }} invited you. <a href="{{ url }}">Accept</a></p></body></html>`},
			{"template": "mfa_oob_code", "subject": "Your Acme code",
				"body": `<html><body><p>Your code is <b>{{ code }}</b>.</p></body></html>`},
		} {
			applyDefaults(t, Object{"from": "Acme <no-reply@acme.example>", "syntax": "liquid", "enabled": true})
			_, _ = createEmailTemplate(s, tx, t)
		}

		for id, doc := range map[string]Object{
			"login/en": {"login": Object{"title": "Welcome back to ${companyName}", "description": "Log in to continue to ${clientName}.",
				"buttonText": "Continue"}},
			"login/ja": {"login": Object{"title": "ようこそ", "description": "${companyName} にログインして ${clientName} を続行します",
				"buttonText": "続ける"}},
			"signup/fr": {"signup": Object{"title": "Créez votre compte", "description": "Inscrivez-vous à ${companyName} — c'est gratuit."}},
			"reset-password/pt-BR": {
				"reset-password-request": Object{"title": "Esqueceu sua senha?", "description": "Digite seu e-mail e enviaremos instruções."},
				"reset-password-success": Object{"title": "Senha alterada", "description": "Sua senha foi alterada com sucesso."},
			},
			"mfa-otp/ja": {"mfa-otp-challenge": Object{"title": "本人確認", "description": "認証アプリのコードを入力してください"}},
			"consent/en": {"consent": Object{"pageTitle": "Authorize ${clientName}", "messageSingleTenant": "${clientName} is asking for access."}},
		} {
			tx.Put(customTextColl, id, doc)
		}

		tx.Put(emailsColl, emailProviderID, Object{
			"name": "smtp", "enabled": true, "default_from_address": "Acme <no-reply@acme.example>",
			"credentials": Object{"smtp_host": "smtp.acme.example", "smtp_port": float64(587), "smtp_user": "postmaster", "smtp_pass": smtpPass},
			"settings":    Object{"headers": Object{"X-SES-Configuration-Set": "acme-transactional"}},
		})

		patch(attackProtectionColl, "brute-force-protection", Object{
			"shields": anyList("user_notification", "block"), "allowlist": anyList("192.0.2.10", "10.0.0.0/8"),
			"mode": "count_per_identifier", "max_attempts": float64(5)})
		patch(attackProtectionColl, "suspicious-ip-throttling", Object{
			"shields": anyList("block"), "allowlist": anyList("198.51.100.0/24"),
			"stage": Object{"pre-login": Object{"max_attempts": float64(50), "rate": float64(1728000)},
				"pre-user-registration": Object{"max_attempts": float64(20), "rate": float64(3600)}}})
		patch(attackProtectionColl, "breached-password-detection", Object{
			"enabled": true, "shields": anyList("user_notification", "block", "admin_notification"),
			"admin_notification_frequency": anyList("weekly", "daily"),
			"stage":                        Object{"pre-user-registration": Object{"shields": anyList("block")}}})
		populateGuardian(tx)
		populateBrandingPhone(s, tx)
		return nil
	})
	return map[string]string{"credentials.smtpPass": smtpPass, "phone.twilio.authToken": guardianTwilioToken,
		"push.sns.awsAccessKeyID": guardianSNSKeyID, "push.sns.awsSecretAccessKey": guardianSNSSecret, "duo.secretKey": guardianDuoKey,
		"credentials.authToken": phoneTwilioToken}
}

const (
	guardianTwilioToken = "populated-twilio-token"
	guardianSNSKeyID    = "AKIAPOPULATED"
	guardianSNSSecret   = "populated-sns-secret"
	guardianDuoKey      = "populated-duo-skey"
)

// populateGuardian sets MFA as an administrator would in the dashboard.
func populateGuardian(tx *Tx) {
	tx.Put(guardianColl, "policies", Object{"id": "policies", "policies": anyList("all-applications")})
	for _, f := range []string{"sms", "otp", "recovery-code", "webauthn-roaming"} {
		tx.Put(guardianColl, "factor/"+f, Object{"id": "factor/" + f, "enabled": true})
	}
	for id, v := range map[string]Object{
		"message-types":           {"message_types": anyList("sms", "voice")},
		"phone-selected-provider": {"provider": "twilio"},
		"phone-twilio":            {"sid": "ACpopulated", "from": "+15550100", "auth_token": guardianTwilioToken},
		"phone-templates": {"enrollment_message": guardianPhoneTemplates["enrollment_message"],
			"verification_message": "{{code}} is your Acme code"},
		"push-selected-provider": {"provider": "sns"},
		"push-sns": {"aws_access_key_id": guardianSNSKeyID, "aws_secret_access_key": guardianSNSSecret, "aws_region": "eu-west-1",
			"sns_apns_platform_application_arn": "arn:aws:sns:eu-west-1:123456789012:app/APNS/acme",
			"sns_gcm_platform_application_arn":  "arn:aws:sns:eu-west-1:123456789012:app/GCM/acme"},
		"duo-settings": {"ikey": "DIPOPULATED", "host": "api-acme.duosecurity.com", "skey": guardianDuoKey},
	} {
		v["id"] = id
		tx.Put(guardianColl, id, v)
	}
}
