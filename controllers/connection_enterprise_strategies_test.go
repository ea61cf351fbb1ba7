package controllers_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// Each enterprise strategy's section: created with its options (a client secret from a
// Secret where it has one), drift in one option corrected, and the same connection adopted by
// another object without a write.
func TestConnectionEnterpriseStrategies(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	const clientSecret = "enterprise-client-secret-7e41"
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "idp", Namespace: f.ns},
		StringData: map[string]string{"clientSecret": clientSecret, "tls.key": samlKey, "tls.crt": samlCert, "cert.pem": idpCert}})
	secret := &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "idp", Key: "clientSecret"}}
	yes := true
	tests := []struct {
		name, strategy string
		set            func(*v1alpha1.ConnectionSpec)
		want           map[string]any // options in Auth0
		drift          string         // an option edited in the dashboard
	}{
		{"okta", "okta", func(s *v1alpha1.ConnectionSpec) {
			s.Okta = &v1alpha1.OIDCOptions{Domain: "acme.okta.com", ClientID: "okta-client", ClientSecret: secret,
				Scopes: []string{"openid", "email"}, AttributeMap: &v1alpha1.OIDCAttributeMap{MappingMode: "basic_profile"}}
		}, map[string]any{"domain": "acme.okta.com", "client_id": "okta-client", "client_secret": clientSecret, "scope": "openid email"}, "client_id"},
		{"azure-ad", "waad", func(s *v1alpha1.ConnectionSpec) {
			s.AzureAD = &v1alpha1.AzureADOptions{Domain: "acme.onmicrosoft.com", TenantDomain: "acme.example", ClientID: "entra-app",
				ClientSecret: secret, IdentityAPI: "microsoft-identity-platform-v2.0", ExtGroups: &yes, UseCommonEndpoint: new(bool)}
		}, map[string]any{"domain": "acme.onmicrosoft.com", "client_secret": clientSecret, "ext_groups": true, "waad_common_endpoint": false}, "tenant_domain"},
		{"google-workspace", "google-apps", func(s *v1alpha1.ConnectionSpec) {
			s.GoogleApps = &v1alpha1.GoogleAppsOptions{Domain: "acme.example", TenantDomain: "acme.example", ClientID: "gws-client",
				ClientSecret: secret, ExtIsAdmin: &yes, AllowedAudiences: []string{"aud.acme.example"}}
		}, map[string]any{"domain": "acme.example", "client_secret": clientSecret, "ext_is_admin": true}, "client_id"},
		{"adfs", "adfs", func(s *v1alpha1.ConnectionSpec) {
			s.ADFS = &v1alpha1.ADFSOptions{ADFSServer: "https://adfs.acme.example/FederationMetadata/2007-06/FederationMetadata.xml",
				SignInEndpoint: "https://adfs.acme.example/adfs/ls", DomainAliases: []string{"acme.example"}}
		}, map[string]any{"signInEndpoint": "https://adfs.acme.example/adfs/ls", "domain_aliases": []any{"acme.example"}}, "signInEndpoint"},
		{"pingfederate", "pingfederate", func(s *v1alpha1.ConnectionSpec) {
			s.PingFederate = &v1alpha1.PingFederateOptions{PingFederateBaseURL: "https://ping.acme.example",
				SigningCert:     &v1alpha1.TextSource{Inline: new(string)},
				SignSAMLRequest: &yes, SigningKey: &v1alpha1.KeyPair{Key: selector("idp", "tls.key"), Cert: selector("idp", "tls.crt")},
				SignatureAlgorithm: "rsa-sha256", DigestAlgorithm: "sha256"}
			*s.PingFederate.SigningCert.Inline = idpCert
		}, map[string]any{"pingFederateBaseUrl": "https://ping.acme.example", "signing_key": map[string]any{"key": samlKey, "cert": samlCert}}, "pingFederateBaseUrl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: tt.name, Namespace: f.ns},
				Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: tt.strategy, ShowAsButton: &yes}}
			tt.set(&conn.Spec)
			f.create(conn)
			f.waitReady(conn)
			id := conn.Status.ID
			opts := simOptions(f, id)
			for k, want := range tt.want {
				if g, _ := json.Marshal(opts[k]); string(g) != mustJSON(want) {
					t.Errorf("options.%s in Auth0 = %s, want %s", k, g, mustJSON(want))
				}
			}
			before := opts[tt.drift]
			f.sim.PatchObject("connections", id, auth0sim.Object{"options": map[string]any{tt.drift: "edited-in-the-dashboard"}})
			f.eventually(func() (bool, string) {
				return simOptions(f, id)[tt.drift] == before, "drift in options." + tt.drift + " not corrected"
			})
			f.waitReady(conn)

			// The same connection, adopted by another object (the first lets go of it).
			f.update(conn, func() { conn.Spec.DeletionPolicy = v1alpha1.DeletionOrphan })
			f.delete(conn)
			f.waitGone(conn)
			writes := f.writes()
			adopted := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: tt.name + "-adopted", Namespace: f.ns},
				Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Name: tt.name, Strategy: tt.strategy, ShowAsButton: &yes}}
			tt.set(&adopted.Spec)
			adopted.Spec.ExternalID = id
			f.create(adopted)
			f.waitReady(adopted)
			if w := f.writes() - writes; w != 0 {
				t.Errorf("adoption wrote %d times", w)
			}
			f.noLeak(adopted, clientSecret)
			f.noLeak(adopted, "saml-signing-key-0001")
		})
	}
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// A section of another strategy is refused by the API server; a private key in spec.options
// is refused before anything reaches Auth0.
func TestConnectionEnterpriseInvalidSpecs(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	for _, s := range []v1alpha1.ConnectionSpec{
		{Strategy: "oidc", SAML: &v1alpha1.SAMLOptions{}},
		{Strategy: "samlp", OIDC: &v1alpha1.OIDCOptions{}},
		{Strategy: "oidc", Okta: &v1alpha1.OIDCOptions{}},
		{Strategy: "okta", AzureAD: &v1alpha1.AzureADOptions{}},
		{Strategy: "waad", GoogleApps: &v1alpha1.GoogleAppsOptions{}},
		{Strategy: "samlp", ADFS: &v1alpha1.ADFSOptions{}},
		{Strategy: "samlp", PingFederate: &v1alpha1.PingFederateOptions{}},
		{Strategy: "samlp", SAML: &v1alpha1.SAMLOptions{MetadataURL: "https://idp/metadata", MetadataXML: "<md/>"}},
	} {
		s.ManagedSpec = f.ref()
		bad := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "wrong", Namespace: f.ns}, Spec: s}
		err := env.Client.Create(f.ctx, bad)
		if err == nil || !(strings.Contains(err.Error(), "strategy only") || strings.Contains(err.Error(), "at most one of")) {
			t.Errorf("%s with %+v: err = %v", s.Strategy, s, err)
		}
	}
	creates := f.calls("POST /api/v2/connections")
	for name, opt := range map[string]string{
		"signing-key": `{"signing_key": {"key": "x", "cert": "y"}}`,
		"pem":         `{"upload": "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretbits\n-----END RSA PRIVATE KEY-----"}`,
	} {
		var opts map[string]apiextensionsv1.JSON
		if err := json.Unmarshal([]byte(opt), &opts); err != nil {
			t.Fatal(err)
		}
		bad := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
			Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "samlp", Options: opts}}
		f.create(bad)
		c := f.waitCondition(bad, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
		if strings.Contains(c.Message, "MIIEsecretbits") {
			t.Errorf("the key in the Stalled message: %q", c.Message)
		}
		st, _ := json.Marshal(bad.Status)
		for _, e := range append(f.events(), string(st)) {
			if strings.Contains(e, "MIIEsecretbits") {
				t.Errorf("the key in status or an Event: %s", e)
			}
		}
	}
	if n := f.calls("POST /api/v2/connections") - creates; n != 0 {
		t.Errorf("%d creates of connections with a key in options", n)
	}
}
