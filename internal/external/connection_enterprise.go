package external

import (
	"context"
	"encoding/base64"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// The typed options of enterprise connections (saml, oidc, okta, azureAD, googleApps, adfs,
// pingFederate): what a section sets, in Auth0's names; its inputs (keys and client secrets
// from Secrets, certificates from ConfigMaps), which travel like secretOptions, compared
// through their digests; and the way back for the export (connection_enterprise_export.go).
// The tagged fields are mapped by fields.go; this file maps the rest.

// enterpriseSection is the typed section of the spec's strategy (a pointer to its struct),
// with its name in the spec; nil when the spec sets none. The CEL rules refuse a section of
// another strategy.
func enterpriseSection(s *v1alpha1.ConnectionSpec) (any, string) {
	switch {
	case s.Strategy == "samlp" && s.SAML != nil:
		return s.SAML, "saml"
	case s.Strategy == "oidc" && s.OIDC != nil:
		return s.OIDC, "oidc"
	case s.Strategy == "okta" && s.Okta != nil:
		return s.Okta, "okta"
	case s.Strategy == "waad" && s.AzureAD != nil:
		return s.AzureAD, "azureAD"
	case s.Strategy == "google-apps" && s.GoogleApps != nil:
		return s.GoogleApps, "googleApps"
	case s.Strategy == "adfs" && s.ADFS != nil:
		return s.ADFS, "adfs"
	case s.Strategy == "pingfederate" && s.PingFederate != nil:
		return s.PingFederate, "pingFederate"
	}
	return nil, ""
}

// enterpriseOptions are the typed options of the spec's enterprise section in Auth0's names,
// without its inputs (sent by Create and Update, compared by digest). An option the section
// models, set in spec.options too, is refused.
func enterpriseOptions(s v1alpha1.ConnectionSpec) (object, error) {
	for _, k := range slices.Sorted(maps.Keys(s.Options)) {
		if privateKey.Match(s.Options[k].Raw) {
			return nil, reconcile.InvalidSpec("spec.options.%s holds a private key: keys come only from Secrets (a typed section's secretKeyRef, or spec.secretOptions)", k)
		}
	}
	sec, name := enterpriseSection(&s)
	if sec == nil {
		return object{}, nil
	}
	o := toAuth0(sec)
	if scopes := oidcScopes(&s); scopes != nil {
		o["scope"] = strings.Join(scopes, " ")
	}
	modelled := fieldNames(sec)
	for _, in := range enterpriseInputs(&s) {
		top, _, _ := strings.Cut(in.path, ".")
		modelled = append(modelled, top)
	}
	if _, ok := sec.(*v1alpha1.OIDCOptions); ok {
		modelled = append(modelled, "scope")
	}
	for _, k := range slices.Sorted(maps.Keys(s.Options)) {
		if slices.Contains(modelled, k) {
			return nil, reconcile.InvalidSpec("spec.options.%s is modelled by spec.%s; set it there only", k, name)
		}
	}
	return o, nil
}

// privateKey is a PEM private key (RSA, EC, PKCS#8, encrypted) anywhere in an option's JSON.
var privateKey = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)

func oidcScopes(s *v1alpha1.ConnectionSpec) []string {
	if o, ok := sectionOf(s).(*v1alpha1.OIDCOptions); ok {
		return o.Scopes
	}
	return nil
}

func sectionOf(s *v1alpha1.ConnectionSpec) any {
	sec, _ := enterpriseSection(s)
	return sec
}

// enterpriseInput is one input of a section: the option path it sets and where its value is.
type enterpriseInput struct {
	path   string
	secret *v1alpha1.SecretValueSource
	text   *v1alpha1.TextSource // a certificate: sent base64-encoded
}

// enterpriseInputs are the inputs of the spec's enterprise section.
func enterpriseInputs(s *v1alpha1.ConnectionSpec) []enterpriseInput {
	var in []enterpriseInput
	pair := func(path string, p *v1alpha1.KeyPair) {
		if p != nil {
			in = append(in, enterpriseInput{path: path + ".key", secret: &p.Key}, enterpriseInput{path: path + ".cert", secret: &p.Cert})
		}
	}
	secret := func(src *v1alpha1.SecretValueSource) {
		if src != nil {
			in = append(in, enterpriseInput{path: "client_secret", secret: src})
		}
	}
	cert := func(src *v1alpha1.TextSource) {
		if src != nil {
			in = append(in, enterpriseInput{path: "signingCert", text: src})
		}
	}
	switch sec, _ := enterpriseSection(s); sec := sec.(type) {
	case *v1alpha1.SAMLOptions:
		cert(sec.SigningCert)
		pair("signing_key", sec.SigningKey)
		pair("decryptionKey", sec.DecryptionKey)
	case *v1alpha1.OIDCOptions:
		secret(sec.ClientSecret)
	case *v1alpha1.AzureADOptions:
		secret(sec.ClientSecret)
	case *v1alpha1.GoogleAppsOptions:
		secret(sec.ClientSecret)
	case *v1alpha1.PingFederateOptions:
		cert(sec.SigningCert)
		pair("signing_key", sec.SigningKey)
	}
	return in
}

// EnterpriseRefs are the Secrets and ConfigMaps the spec's enterprise section reads, for the
// controller's references: a change of one reconciles the Connection.
func EnterpriseRefs(c *v1alpha1.Connection) []reconcile.Ref {
	var refs []reconcile.Ref
	for _, in := range enterpriseInputs(&c.Spec) {
		refs = append(refs, reconcile.SecretRefs(in.secret)...)
		refs = append(refs, reconcile.TextRefs(in.text)...)
	}
	return refs
}

// enterpriseValues adds the values of the section's inputs to out, by option path (a key pair
// as signing_key.key and signing_key.cert). An option also given in spec.secretOptions is
// refused.
func (x *Connection) enterpriseValues(ctx context.Context, conn *v1alpha1.Connection, out map[string]string) error {
	for _, in := range enterpriseInputs(&conn.Spec) {
		top, _, _ := strings.Cut(in.path, ".")
		if _, dup := conn.Spec.SecretOptions[top]; dup {
			_, name := enterpriseSection(&conn.Spec)
			return reconcile.InvalidSpec("spec.secretOptions.%s is modelled by spec.%s; set it there only", top, name)
		}
		if in.secret != nil {
			v, err := x.Inputs.Secret(ctx, conn.Namespace, in.secret.SecretKeyRef)
			if err != nil {
				return err
			}
			out[in.path] = string(v)
			continue
		}
		v, err := x.Inputs.Text(ctx, conn.Namespace, in.text)
		if err != nil {
			return err
		}
		out[in.path] = base64.StdEncoding.EncodeToString([]byte(v))
	}
	return nil
}
