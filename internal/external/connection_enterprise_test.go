package external

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

func keyRef(name, key string) v1alpha1.SecretValueSource {
	return v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: name, Key: key}}
}

func bodyJSON(t *testing.T, s v1alpha1.ConnectionSpec) string {
	t.Helper()
	b, err := connectionBody(&v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "sso"}, Spec: s})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(b)
	return string(out)
}

// A typed section becomes Auth0's options in Auth0's names; its keys and secrets are never
// part of the body (they travel as inputs, compared by digest).
func TestEnterpriseBodyInAuth0Names(t *testing.T) {
	yes := true
	tests := []struct {
		name string
		spec v1alpha1.ConnectionSpec
		want string
	}{
		{"saml", v1alpha1.ConnectionSpec{Strategy: "samlp", ShowAsButton: &yes, SAML: &v1alpha1.SAMLOptions{
			SignInEndpoint: "https://idp/sso", SignatureAlgorithm: "rsa-sha256", DigestAlgorithm: "sha256",
			SignSAMLRequest: &yes, FieldsMap: map[string]apiextensionsv1.JSON{"email": raw(`["emailaddress"]`), "family_name": raw(`"surname"`)},
			IdPInitiated:  &v1alpha1.SAMLIdPInitiated{Enabled: &yes, ClientID: "app", ClientProtocol: "samlp"},
			DomainAliases: []string{"example.com"}, EntityID: "urn:acme",
			SigningKey: &v1alpha1.KeyPair{Key: keyRef("k", "tls.key"), Cert: keyRef("k", "tls.crt")}}},
			`{"name":"sso","options":{"digestAlgorithm":"sha256","domain_aliases":["example.com"],"entityId":"urn:acme",` +
				`"fieldsMap":{"email":["emailaddress"],"family_name":"surname"},"idpinitiated":{"client_id":"app","client_protocol":"samlp","enabled":true},` +
				`"signInEndpoint":"https://idp/sso","signSAMLRequest":true,"signatureAlgorithm":"rsa-sha256"},"show_as_button":true,"strategy":"samlp"}`},
		{"oidc", v1alpha1.ConnectionSpec{Strategy: "oidc", IsDomainConnection: new(bool), OIDC: &v1alpha1.OIDCOptions{
			DiscoveryURL: "https://idp/.well-known/openid-configuration", ClientID: "c", Scopes: []string{"openid", "email"},
			Type: "back_channel", ClientSecret: &v1alpha1.SecretValueSource{},
			AttributeMap: &v1alpha1.OIDCAttributeMap{MappingMode: "use_map", Attributes: map[string]apiextensionsv1.JSON{"email": raw(`"${context.tokenset.email}"`)}}}},
			`{"is_domain_connection":false,"name":"sso","options":{"attribute_map":{"attributes":{"email":"${context.tokenset.email}"},"mapping_mode":"use_map"},` +
				`"client_id":"c","discovery_url":"https://idp/.well-known/openid-configuration","scope":"openid email","type":"back_channel"},"strategy":"oidc"}`},
		{"azure ad", v1alpha1.ConnectionSpec{Strategy: "waad", AzureAD: &v1alpha1.AzureADOptions{Domain: "acme.onmicrosoft.com",
			UseCommonEndpoint: new(bool), ExtGroups: &yes, IdentityAPI: "microsoft-identity-platform-v2.0"}},
			`{"name":"sso","options":{"domain":"acme.onmicrosoft.com","ext_groups":true,"identity_api":"microsoft-identity-platform-v2.0","waad_common_endpoint":false},"strategy":"waad"}`},
		{"adfs", v1alpha1.ConnectionSpec{Strategy: "adfs", ADFS: &v1alpha1.ADFSOptions{ADFSServer: "https://adfs/metadata", Thumbprints: []string{}}},
			`{"name":"sso","options":{"adfs_server":"https://adfs/metadata","thumbprints":[]},"strategy":"adfs"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, bodyJSON(t, tt.spec)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

// An option a section models may not be set in spec.options too, nor one of its inputs in
// spec.secretOptions.
func TestEnterpriseOptionsModelledTwiceAreRefused(t *testing.T) {
	for _, s := range []v1alpha1.ConnectionSpec{
		{Strategy: "oidc", OIDC: &v1alpha1.OIDCOptions{}, Options: map[string]apiextensionsv1.JSON{"scope": raw(`"openid"`)}},
		{Strategy: "samlp", SAML: &v1alpha1.SAMLOptions{SigningCert: &v1alpha1.TextSource{}}, Options: map[string]apiextensionsv1.JSON{"signingCert": raw(`"x"`)}},
		{Strategy: "waad", AzureAD: &v1alpha1.AzureADOptions{}, Options: map[string]apiextensionsv1.JSON{"tenant_domain": raw(`"x"`)}},
	} {
		_, err := connectionBody(&v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "sso"}, Spec: s})
		if err == nil || !strings.Contains(err.Error(), "is modelled by spec.") {
			t.Errorf("%s: err = %v", s.Strategy, err)
		}
	}
	var x Connection
	conn := &v1alpha1.Connection{Spec: v1alpha1.ConnectionSpec{Strategy: "oidc",
		OIDC:          &v1alpha1.OIDCOptions{ClientSecret: &v1alpha1.SecretValueSource{}},
		SecretOptions: map[string]v1alpha1.SecretValueSource{"client_secret": {}}}}
	if err := x.enterpriseValues(t.Context(), conn, map[string]string{}); err == nil || !strings.Contains(err.Error(), "spec.secretOptions.client_secret") {
		t.Errorf("client_secret twice: err = %v", err)
	}
}

// The export takes a connection's options into its typed section: keys and client secrets as
// references to the skeleton Secret (never values), the signing certificate as PEM.
func TestExportEnterpriseSections(t *testing.T) {
	const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
	saml := object{"name": "acme-sso", "strategy": "samlp", "show_as_button": true, "is_domain_connection": false, "realms": []any{"acme-sso"},
		"options": map[string]any{"signInEndpoint": "https://idp/sso", "signingCert": base64.StdEncoding.EncodeToString([]byte(pem)),
			"signing_key": map[string]any{"key": "-----BEGIN PRIVATE KEY-----x", "cert": "c"}, "decryptionKey": map[string]any{"key": "k", "cert": "c"},
			"fieldsMap": map[string]any{"email": "emailaddress"}, "idpinitiated": map[string]any{"enabled": true},
			"bindingMethod": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"}}
	x := &ExportContext{Name: "acme-sso", SecretName: "acme-sso-secrets"}
	o, err := exportConnection(saml, nil, x)
	if err != nil {
		t.Fatal(err)
	}
	s := o.(*v1alpha1.Connection).Spec
	yes := true
	want := &v1alpha1.SAMLOptions{SignInEndpoint: "https://idp/sso", SigningCert: &v1alpha1.TextSource{Inline: ptrTo(pem)},
		FieldsMap:     map[string]apiextensionsv1.JSON{"email": raw(`"emailaddress"`)},
		IdPInitiated:  &v1alpha1.SAMLIdPInitiated{Enabled: &yes},
		SigningKey:    &v1alpha1.KeyPair{Key: keyRef("acme-sso-secrets", "signing_key.key"), Cert: keyRef("acme-sso-secrets", "signing_key.cert")},
		DecryptionKey: &v1alpha1.KeyPair{Key: keyRef("acme-sso-secrets", "decryptionKey.key"), Cert: keyRef("acme-sso-secrets", "decryptionKey.cert")}}
	if diff := cmp.Diff(want, s.SAML); diff != "" {
		t.Errorf("saml section (-want +got):\n%s", diff)
	}
	if s.ShowAsButton == nil || !*s.ShowAsButton || s.IsDomainConnection != nil {
		t.Errorf("showAsButton %v, isDomainConnection %v", s.ShowAsButton, s.IsDomainConnection)
	}
	if _, ok := s.Options["bindingMethod"]; !ok || len(s.Options) != 1 {
		t.Errorf("options left: %v", s.Options)
	}
	b, _ := json.Marshal(o)
	if strings.Contains(string(b), "PRIVATE KEY") {
		t.Errorf("a key in the export: %s", b)
	}

	oidc := object{"name": "corp", "strategy": "oidc", "options": map[string]any{"client_id": "c", "client_secret": "s3cr3t",
		"scope": "openid email", "type": "front_channel", "attribute_map": map[string]any{"mapping_mode": "use_map", "attributes": map[string]any{"name": "${context.tokenset.name}"}}}}
	o, err = exportConnection(oidc, nil, &ExportContext{Name: "corp", SecretName: "corp-secrets"})
	if err != nil {
		t.Fatal(err)
	}
	got := o.(*v1alpha1.Connection).Spec.OIDC
	wantOIDC := &v1alpha1.OIDCOptions{ClientID: "c", Scopes: []string{"openid", "email"}, Type: "front_channel",
		ClientSecret: &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "corp-secrets", Key: "client_secret"}},
		AttributeMap: &v1alpha1.OIDCAttributeMap{MappingMode: "use_map", Attributes: map[string]apiextensionsv1.JSON{"name": raw(`"${context.tokenset.name}"`)}}}
	if diff := cmp.Diff(wantOIDC, got); diff != "" {
		t.Errorf("oidc section (-want +got):\n%s", diff)
	}
}

func ptrTo[T any](v T) *T { return &v }

// A PEM private key anywhere in spec.options, under any name, is refused before anything is
// sent: keys come only from Secrets.
func TestPrivateKeyInOptionsIsRefused(t *testing.T) {
	for _, opt := range []string{`"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"`,
		`{"pem":"-----BEGIN RSA PRIVATE KEY-----\nMIIE"}`, `["-----BEGIN EC PRIVATE KEY-----"]`} {
		s := v1alpha1.ConnectionSpec{Strategy: "oauth2", Options: map[string]apiextensionsv1.JSON{"upload": raw(opt)}}
		_, err := connectionBody(&v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "c"}, Spec: s})
		if err == nil || !strings.Contains(err.Error(), "spec.options.upload holds a private key") || strings.Contains(err.Error(), "MIIE") {
			t.Errorf("%s: err = %v", opt, err)
		}
	}
	s := v1alpha1.ConnectionSpec{Strategy: "oauth2", Options: map[string]apiextensionsv1.JSON{"cert": raw(`"-----BEGIN CERTIFICATE-----"`)}}
	if _, err := connectionBody(&v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "c"}, Spec: s}); err != nil {
		t.Errorf("a certificate refused: %v", err)
	}
}
