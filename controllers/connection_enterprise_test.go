package controllers_test

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

const (
	samlKey     = "-----BEGIN PRIVATE KEY-----\nsaml-signing-key-0001\n-----END PRIVATE KEY-----\n"
	samlKey2    = "-----BEGIN PRIVATE KEY-----\nsaml-signing-key-0002-rotated\n-----END PRIVATE KEY-----\n"
	samlCert    = "-----BEGIN CERTIFICATE-----\nsp-signing-cert\n-----END CERTIFICATE-----\n"
	idpCert     = "-----BEGIN CERTIFICATE-----\nidp-signing-cert-v1\n-----END CERTIFICATE-----\n"
	idpCertNext = "-----BEGIN CERTIFICATE-----\nidp-signing-cert-v2\n-----END CERTIFICATE-----\n"
)

func selector(name, key string) v1alpha1.SecretValueSource {
	return v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: name, Key: key}}
}

func simOptions(f *fixture, id string) map[string]any {
	return f.simObject("connections", id)["options"].(map[string]any)
}

// A SAML connection: the IdP's certificate from a ConfigMap (sent base64-encoded), the request
// signing key pair from a Secret. Created, updated, drift corrected; a changed Secret or
// ConfigMap is an update, sent again; no key ever in status or Events.
func TestConnectionSAMLKeysFromSecrets(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	yes := true
	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "acme-sso", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "samlp", DisplayName: "Acme SSO", ShowAsButton: &yes,
			SAML: &v1alpha1.SAMLOptions{
				SignInEndpoint:  "https://idp.acme.example/sso",
				SignOutEndpoint: "https://idp.acme.example/slo",
				SigningCert:     &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "acme-idp", Key: "signing.pem"}},
				SignSAMLRequest: &yes, SignatureAlgorithm: "rsa-sha256", DigestAlgorithm: "sha256",
				SigningKey:    &v1alpha1.KeyPair{Key: selector("acme-sp", "tls.key"), Cert: selector("acme-sp", "tls.crt")},
				FieldsMap:     map[string]apiextensionsv1.JSON{"email": {Raw: []byte(`["emailaddress","nameidentifier"]`)}},
				IdPInitiated:  &v1alpha1.SAMLIdPInitiated{Enabled: &yes, ClientID: "portal", ClientProtocol: "oauth2"},
				DomainAliases: []string{"acme.example"},
			}}}
	f.create(conn)
	c := f.waitCondition(conn, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if f.calls("POST /api/v2/connections") != 0 {
		t.Fatal("created before its ConfigMap and Secret exist")
	}
	if !strings.Contains(c.Message, "ConfigMap acme-idp") && !strings.Contains(c.Message, "Secret acme-sp") {
		t.Errorf("waiting message %q", c.Message)
	}
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "acme-idp", Namespace: f.ns}, Data: map[string]string{"signing.pem": idpCert}}
	f.create(cm)
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "acme-sp", Namespace: f.ns},
		StringData: map[string]string{"tls.key": samlKey, "tls.crt": samlCert}}
	f.create(sec)
	f.waitReady(conn)

	got := f.simObject("connections", conn.Status.ID)
	opts := got["options"].(map[string]any)
	key, _ := opts["signing_key"].(map[string]any)
	if got["show_as_button"] != true || opts["signInEndpoint"] != "https://idp.acme.example/sso" ||
		opts["signingCert"] != base64.StdEncoding.EncodeToString([]byte(idpCert)) ||
		key["key"] != samlKey || key["cert"] != samlCert || opts["signatureAlgorithm"] != "rsa-sha256" {
		t.Fatalf("connection in Auth0: %v", got)
	}
	if inputDigest(conn, "secretOptions.signing_key.key") == "" {
		t.Error("no digest of the signing key in status.inputs")
	}

	// An update of the spec is written.
	f.update(conn, func() { conn.Spec.SAML.SignInEndpoint = "https://idp.acme.example/sso2" })
	f.eventually(func() (bool, string) {
		return simOptions(f, conn.Status.ID)["signInEndpoint"] == "https://idp.acme.example/sso2", "sign-in endpoint not written"
	})
	f.waitReady(conn)

	// Drift in the dashboard is corrected; the keys stay.
	f.sim.PatchObject("connections", conn.Status.ID, auth0sim.Object{"options": map[string]any{"digestAlgorithm": "sha1"}})
	f.waitEvent("acme-sso", "DriftDetected")
	f.eventually(func() (bool, string) {
		return simOptions(f, conn.Status.ID)["digestAlgorithm"] == "sha256", "drift not corrected"
	})
	if k := simOptions(f, conn.Status.ID)["signing_key"].(map[string]any); k["key"] != samlKey {
		t.Errorf("signing key after the drift correction: %v", k["key"] != nil)
	}

	// A rotated key and a new IdP certificate are updates, sent again.
	f.update(sec, func() { sec.Data = map[string][]byte{"tls.key": []byte(samlKey2), "tls.crt": []byte(samlCert)} })
	f.eventually(func() (bool, string) {
		k := simOptions(f, conn.Status.ID)["signing_key"].(map[string]any)
		return k["key"] == samlKey2, "rotated key not sent"
	})
	f.update(cm, func() { cm.Data = map[string]string{"signing.pem": idpCertNext} })
	f.eventually(func() (bool, string) {
		return simOptions(f, conn.Status.ID)["signingCert"] == base64.StdEncoding.EncodeToString([]byte(idpCertNext)), "new certificate not sent"
	})
	f.waitReady(conn)
	f.eventually(func() (bool, string) { // updates, not drift
		evs := f.events()
		return slices.ContainsFunc(evs, func(e string) bool {
			return strings.HasPrefix(e, "Updated: ") && strings.Contains(e, "secretOptions.signing_key.key")
		}) && slices.ContainsFunc(evs, func(e string) bool {
			return strings.HasPrefix(e, "Updated: ") && strings.Contains(e, "secretOptions.signingCert")
		}), fmt.Sprintf("no Updated events naming the key and the certificate: %v", evs)
	})
	for _, e := range f.events() {
		if strings.HasPrefix(e, "DriftDetected") && strings.Contains(e, "secretOptions") {
			t.Errorf("a Secret or ConfigMap change reported as drift: %s", e)
		}
	}
	if o := simOptions(f, conn.Status.ID); o["signInEndpoint"] != "https://idp.acme.example/sso2" || o["idpinitiated"] == nil {
		t.Errorf("options after the key rotation: %v", o)
	}
	for _, v := range []string{samlKey, samlKey2, "saml-signing-key-0001", "saml-signing-key-0002"} {
		f.noLeak(conn, v)
	}
}

// An existing OIDC connection is adopted without a write; its client secret from a Secret is
// the baseline, and a later change of the Secret is one update. A scope edited in the
// dashboard is drift, corrected.
func TestConnectionOIDCAdoptionAndClientSecret(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	const secret, rotated = "oidc-secret-in-auth0-5f2a", "oidc-secret-rotated-9c1e"
	existing, apiErr := f.sim.CreateObject("connections", auth0sim.Object{"name": "corp-oidc", "strategy": "oidc",
		"display_name": "Corp", "show_as_button": true, "options": map[string]any{
			"discovery_url": "https://login.corp.example/.well-known/openid-configuration", "client_id": "corp-client",
			"client_secret": secret, "scope": "openid profile email", "type": "back_channel",
			"domain_aliases": []any{"corp.example"}}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	id := existing["id"].(string)
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "corp-oidc", Namespace: f.ns}, StringData: map[string]string{"clientSecret": secret}}
	f.create(sec)
	yes := true
	conn := &v1alpha1.Connection{ObjectMeta: metav1.ObjectMeta{Name: "corp-oidc", Namespace: f.ns},
		Spec: v1alpha1.ConnectionSpec{ManagedSpec: f.ref(), Strategy: "oidc", DisplayName: "Corp", ShowAsButton: &yes,
			OIDC: &v1alpha1.OIDCOptions{DiscoveryURL: "https://login.corp.example/.well-known/openid-configuration",
				ClientID: "corp-client", ClientSecret: &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "corp-oidc", Key: "clientSecret"}},
				Scopes: []string{"openid", "profile", "email"}, Type: "back_channel", DomainAliases: []string{"corp.example"}}}}
	conn.Spec.ExternalID = id
	f.create(conn)
	f.waitReady(conn)
	if w := f.writes(); w != 0 {
		t.Fatalf("adoption wrote %d times", w)
	}

	patches := f.calls("PATCH /api/v2/connections/{id}")
	f.update(sec, func() { sec.Data = map[string][]byte{"clientSecret": []byte(rotated)} })
	f.eventually(func() (bool, string) { return simOptions(f, id)["client_secret"] == rotated, "client secret not sent" })
	f.waitReady(conn)
	if n := f.calls("PATCH /api/v2/connections/{id}") - patches; n != 1 {
		t.Errorf("%d writes for one changed Secret, want 1", n)
	}
	if note := f.waitEvent("corp-oidc", "Updated"); !strings.Contains(note, "secretOptions.client_secret") {
		t.Errorf("Updated note %q", note)
	}

	f.sim.PatchObject("connections", id, auth0sim.Object{"options": map[string]any{"scope": "openid"}})
	f.waitEvent("corp-oidc", "DriftDetected")
	f.eventually(func() (bool, string) {
		o := simOptions(f, id)
		return o["scope"] == "openid profile email" && o["client_secret"] == rotated, "scope drift not corrected"
	})
	for _, v := range []string{secret, rotated} {
		f.noLeak(conn, v)
	}
}
