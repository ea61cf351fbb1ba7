package external

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// exportEnterprise takes out of opts (a connection's options) what the strategy's typed
// section models and sets the section in s; the other options stay spec.options. Keys and
// client secrets become references to the export's skeleton Secret, never values.
func exportEnterprise(strategy, name string, opts object, s *v1alpha1.ConnectionSpec, x *ExportContext) {
	hint := func(what string) string { return fmt.Sprintf("%s of the %s connection %s", what, strategy, name) }
	secret := func(key string) *v1alpha1.SecretValueSource {
		v, ok := opts[key].(string)
		if !ok || v == "" {
			return nil
		}
		delete(opts, key)
		src := x.Secret(key, hint("options."+key))
		return &src
	}
	switch strategy {
	case "samlp":
		d := &v1alpha1.SAMLOptions{}
		take(opts, d)
		d.FieldsMap = jsonMap(opts, "fieldsMap")
		d.SigningCert = exportCert(opts)
		d.SigningKey = exportKeyPair(opts, "signing_key", x, hint)
		d.DecryptionKey = exportKeyPair(opts, "decryptionKey", x, hint)
		s.SAML = orNil(d)
	case "oidc", "okta":
		d := &v1alpha1.OIDCOptions{}
		take(opts, d)
		d.UpstreamParams = jsonMap(opts, "upstream_params")
		if am, ok := opts["attribute_map"].(map[string]any); ok && d.AttributeMap != nil {
			d.AttributeMap.Attributes = jsonMap(am, "attributes")
		}
		delete(opts, "attribute_map")
		if sc, ok := opts["scope"].(string); ok {
			d.Scopes = strings.Fields(sc)
			delete(opts, "scope")
		}
		d.ClientSecret = secret("client_secret")
		if strategy == "oidc" {
			s.OIDC = orNil(d)
		} else {
			s.Okta = orNil(d)
		}
	case "waad":
		d := &v1alpha1.AzureADOptions{}
		take(opts, d)
		d.ClientSecret = secret("client_secret")
		s.AzureAD = orNil(d)
	case "google-apps":
		d := &v1alpha1.GoogleAppsOptions{}
		take(opts, d)
		d.ClientSecret = secret("client_secret")
		s.GoogleApps = orNil(d)
	case "adfs":
		d := &v1alpha1.ADFSOptions{}
		take(opts, d)
		s.ADFS = orNil(d)
	case "pingfederate":
		d := &v1alpha1.PingFederateOptions{}
		take(opts, d)
		d.SigningCert = exportCert(opts)
		d.SigningKey = exportKeyPair(opts, "signing_key", x, hint)
		s.PingFederate = orNil(d)
	}
}

// take sets the section's tagged fields from opts and removes them from opts.
func take(opts object, section any) {
	fromAuth0(opts, section)
	for _, k := range fieldNames(section) {
		if k != "fieldsMap" && k != "upstream_params" && k != "attribute_map" { // JSON values: jsonMap takes them
			delete(opts, k)
		}
	}
}

// jsonMap takes the object opts[key] out of opts as a map of JSON values (nil when absent or
// empty).
func jsonMap(opts object, key string) map[string]apiextensionsv1.JSON {
	m, ok := opts[key].(map[string]any)
	if !ok {
		return nil
	}
	delete(opts, key)
	out := map[string]apiextensionsv1.JSON{}
	for k, v := range m {
		b, err := json.Marshal(v)
		if err == nil {
			out[k] = apiextensionsv1.JSON{Raw: b}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// exportCert is options.signingCert, a base64-encoded certificate, as inline PEM text; one
// that is not base64 stays an option.
func exportCert(opts object) *v1alpha1.TextSource {
	v, _ := opts["signingCert"].(string)
	pem, err := base64.StdEncoding.DecodeString(v)
	if v == "" || err != nil {
		return nil
	}
	delete(opts, "signingCert")
	text := string(pem)
	return &v1alpha1.TextSource{Inline: &text}
}

// exportKeyPair is the key pair at opts[key] ({key, cert}) as references to the skeleton
// Secret's keys key.key and key.cert.
func exportKeyPair(opts object, key string, x *ExportContext, hint func(string) string) *v1alpha1.KeyPair {
	m, ok := opts[key].(map[string]any)
	if !ok {
		return nil
	}
	delete(opts, key)
	if empty(m) {
		return nil
	}
	return &v1alpha1.KeyPair{Key: x.Secret(key+".key", hint("options."+key+".key (PEM private key)")),
		Cert: x.Secret(key+".cert", hint("options."+key+".cert (PEM certificate)"))}
}
