package external

import (
	"context"
	"testing"

	"github.com/auth0/go-auth0/v3/management"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// enterpriseCoverage measures a Connection of an enterprise strategy: its options are those of
// the strategy's go-auth0 options type, its typed section the spec's field named section.
func enterpriseCoverage(section, strategy string, options any) kindCoverage {
	listed := map[string]reason{
		"enabled_clients":                 leftOut("deprecated in the request: spec.enabledClients writes /connections/{id}/clients"),
		"cross_app_access_requesting_app": notYet(20, notInIssueList),
	}
	for _, f := range enterpriseNotYet[section] {
		listed["options."+f] = notYet(19, "item 4: not among the strategy's essentials; spec.options sets it")
	}
	for _, f := range enterpriseJSON[section] {
		listed["options."+f] = leftOut("typed as JSON values (spec." + section + "), which the coverage fill leaves out")
	}
	return kindCoverage{
		kind:     "Connection (" + section + ")",
		accepted: requestFields(management.CreateConnectionRequestContent{}, management.UpdateConnectionRequestContent{}).nest("options", options),
		nested:   []string{"options"},
		sends: func(ctx context.Context, t *testing.T) ([]map[string]any, error) {
			conn := filled[v1alpha1.Connection]()
			conn.Spec.Strategy = strategy
			conn.Spec.Database = nil // the CEL rules allow it on the auth0 strategy only
			return oneBody(NewConnection(nil, anyInput{}).Body(ctx, nil, conn))
		},
		listed: listed,
		extra:  enterpriseExtra[section],
	}
}

// enterpriseNotYet are, per section, the options go-auth0 types that the section does not.
var enterpriseNotYet = map[string][]string{
	"saml": {"assertion_decryption_settings", "cert", "deflate", "destinationUrl", "global_token_revocation_jwt_iss",
		"global_token_revocation_jwt_sub", "non_persistent_attrs", "recipientUrl", "thumbprints", "upstream_params"},
	"oidc": {"dpop_signing_alg", "id_token_session_expiry_supported", "id_token_signed_response_algs", "oidc_metadata",
		"send_back_channel_nonce", "tenant_domain", "token_endpoint_auth_method", "token_endpoint_auth_signing_alg",
		"token_endpoint_jwtca_aud_format"},
	"okta": {"dpop_signing_alg", "id_token_session_expiry_supported", "id_token_signed_response_algs", "oidc_metadata",
		"send_back_channel_nonce", "tenant_domain", "token_endpoint_auth_method", "token_endpoint_auth_signing_alg",
		"token_endpoint_jwtca_aud_format"},
	"azureAD": {"app_id", "ext_access_token", "ext_account_enabled", "ext_admin", "ext_agreed_terms", "ext_assigned_licenses",
		"ext_assigned_plans", "ext_azure_id", "ext_city", "ext_country", "ext_department", "ext_dir_sync_enabled", "ext_email",
		"ext_expires_in", "ext_family_name", "ext_fax", "ext_given_name", "ext_group_ids", "ext_is_suspended", "ext_job_title",
		"ext_last_sync", "ext_mobile", "ext_name", "ext_nickname", "ext_oid", "ext_phone", "ext_physical_delivery_office_name",
		"ext_postal_code", "ext_preferred_language", "ext_provisioned_plans", "ext_provisioning_errors", "ext_proxy_addresses",
		"ext_puid", "ext_refresh_token", "ext_roles", "ext_state", "ext_street", "ext_telephoneNumber", "ext_tenantid", "ext_upn",
		"ext_usage_location", "ext_user_id", "granted", "non_persistent_attrs", "should_trust_email_verified_connection",
		"tenantId", "thumbprints", "upstream_params", "use_wsfed", "scope", "useCommonEndpoint", "userid_attribute"},
	"googleApps": {"scope", "admin_access_token", "admin_access_token_expiresin", "admin_refresh_token", "allow_setting_login_scopes",
		"api_enable_groups", "email", "non_persistent_attrs", "profile", "upstream_params"},
	"adfs": {"entityId", "non_persistent_attrs", "prev_thumbprints", "should_trust_email_verified_connection", "upstream_params"},
	"pingFederate": {"assertion_decryption_settings", "cert", "decryptionKey", "entityId", "idpinitiated", "non_persistent_attrs",
		"protocolBinding", "signInEndpoint", "tenant_domain", "thumbprints", "upstream_params"},
}

// enterpriseJSON are, per section, the options it types as free-form JSON values.
var enterpriseJSON = map[string][]string{"saml": {"fieldsMap"}, "oidc": {"upstream_params"}, "okta": {"upstream_params"}}

// enterpriseExtra are, per section, the options the section sends that go-auth0's options type
// does not declare.
var enterpriseExtra = map[string]map[string]reason{
	"oidc": {"options.domain": leftOut("okta's option: the section type is shared with okta")},
	"okta": {"options.discovery_url": leftOut("oidc's option: the section type is shared with oidc")},
	"azureAD": {
		"options.domain":               leftOut("the Entra tenant's domain, which Auth0 and the Terraform provider send; go-auth0 v3 does not declare it"),
		"options.user_id_attribute":    leftOut("the name Auth0 and the Terraform provider use; go-auth0 v3 declares userid_attribute"),
		"options.waad_common_endpoint": leftOut("the name Auth0 answers (the recordings); go-auth0 v3 declares useCommonEndpoint"),
	},
	"googleApps":   {"options.allowed_audiences": leftOut("accepted by Auth0 (the Terraform provider sends it); go-auth0 v3 does not declare it")},
	"pingFederate": {"options.signing_key": leftOut("request signing's key pair, as for samlp; go-auth0 v3 does not declare it")},
}
