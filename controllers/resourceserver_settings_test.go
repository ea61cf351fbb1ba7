package controllers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// encryptionKey is a public key for token encryption (a test certificate's PEM).
const encryptionKey = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE%s\n-----END PUBLIC KEY-----\n"

// An API's token security settings reach Auth0; its HS256 signing secret comes from a Secret,
// is sent again when the Secret changes (an update, not drift) and never appears in status or
// Events; the encryption key, which Auth0 answers by thumbprint, is sent when its text
// changes; a dashboard edit is corrected; an equal API is adopted with no write.
func TestResourceServerTokenSecurity(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "orders-signing", Namespace: f.ns},
		StringData: map[string]string{"secret": "first-signing-secret-value"}}
	f.create(sec)
	rs := ordersAPI(f, "orders", "https://orders.example.com", "read:orders")
	key := fmt.Sprintf(encryptionKey, "one")
	rs.Spec.SigningAlg = "HS256"
	rs.Spec.SigningSecret = &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "orders-signing", Key: "secret"}}
	rs.Spec.TokenEncryption = &v1alpha1.ResourceServerTokenEncryption{Format: "compact-nested-jwe",
		EncryptionKey: v1alpha1.ResourceServerEncryptionKey{Name: "enc", Alg: "RSA-OAEP-256", PEM: v1alpha1.TextSource{Inline: &key}}}
	rs.Spec.ProofOfPossession = &v1alpha1.ResourceServerProofOfPossession{Mechanism: "dpop", Required: true, RequiredFor: "all_clients"}
	rs.Spec.ConsentPolicy = "transactional-authorization-with-mfa"
	rs.Spec.AuthorizationDetails = []v1alpha1.ResourceServerAuthorizationDetail{{Type: "payment"}, {Type: "shipping"}}
	rs.Spec.SubjectTypeAuthorization = &v1alpha1.ResourceServerSubjectTypeAuthorization{
		Client: &v1alpha1.ResourceServerClientAuthorization{Policy: "deny_all"}}
	rs.Spec.AllowOnlineAccess = valPtr(true)
	f.create(rs)
	f.waitReady(rs)
	stored := func() auth0sim.Object { o, _ := f.sim.Object("resource-servers", rs.Status.ID); return o }
	api := stored()
	pem := func(o auth0sim.Object) any {
		return o["token_encryption"].(map[string]any)["encryption_key"].(map[string]any)["pem"]
	}
	if api["signing_secret"] != "first-signing-secret-value" || pem(api) != key || api["consent_policy"] != "transactional-authorization-with-mfa" ||
		api["allow_online_access"] != true || fmt.Sprint(api["proof_of_possession"]) != "map[mechanism:dpop required:true required_for:all_clients]" ||
		fmt.Sprint(api["subject_type_authorization"]) != "map[client:map[policy:deny_all] user:map[policy:allow_all]]" ||
		len(api["authorization_details"].([]any)) != 2 {
		t.Fatalf("API in Auth0: %v", api)
	}

	// The Secret changes: the new value is sent, as an update.
	f.update(sec, func() { sec.Data = map[string][]byte{"secret": []byte("second-signing-secret-value")} })
	f.eventually(func() (bool, string) {
		return stored()["signing_secret"] == "second-signing-secret-value", "signing secret not updated"
	})
	// The encryption key's text changes: sent with the key.
	next := fmt.Sprintf(encryptionKey, "two")
	f.update(rs, func() { rs.Spec.TokenEncryption.EncryptionKey.PEM.Inline = &next })
	f.eventually(func() (bool, string) { return pem(stored()) == next, "encryption key not updated" })
	for _, e := range f.events() {
		if strings.Contains(e, "DriftDetected") || strings.Contains(e, "signing-secret-value") {
			t.Errorf("event %q: an input change is an update, and no secret is shown", e)
		}
	}
	f.get(rs)
	if s := fmt.Sprintf("%+v", rs.Status); strings.Contains(s, "signing-secret-value") {
		t.Errorf("status shows the secret: %s", s)
	}

	// The dashboard relaxes proof of possession: drift, corrected.
	f.sim.PatchObject("resource-servers", rs.Status.ID, auth0sim.Object{"proof_of_possession": map[string]any{"mechanism": "mtls", "required": false}})
	if note := f.waitEvent("orders", "DriftDetected"); !strings.Contains(note, "proof_of_possession") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		p, _ := stored()["proof_of_possession"].(map[string]any)
		return p["mechanism"] == "dpop" && p["required"] == true, fmt.Sprintf("proof_of_possession = %v", p)
	})

	// signingSecret without HS256 is refused at apply time.
	bad := ordersAPI(f, "bad", "https://bad.example.com")
	bad.Spec.SigningSecret = rs.Spec.SigningSecret
	if err := env.Client.Create(f.ctx, bad); err == nil || !strings.Contains(err.Error(), "set signingAlg: HS256") {
		t.Errorf("signingSecret with RS256: err = %v", err)
	}

	// Adoption: the same API in a new object is taken over with no write, write-only fields
	// included (their inputs become the baseline).
	id := rs.Status.ID
	f.update(rs, func() { rs.Spec.DeletionPolicy = v1alpha1.DeletionOrphan })
	f.waitReady(rs)
	f.delete(rs)
	f.waitGone(rs)
	writes := f.writes()
	again := &v1alpha1.ResourceServer{ObjectMeta: metav1.ObjectMeta{Name: "again", Namespace: f.ns}, Spec: rs.Spec}
	again.Spec.ExternalID = id
	f.create(again)
	f.waitReady(again)
	if w := f.writes(); w != writes || again.Status.ID != id {
		t.Errorf("adopting an equal API wrote %d times", w-writes)
	}
	if !slices.Contains(scopeValues(stored()), "read:orders") {
		t.Errorf("scopes lost: %v", stored()["scopes"])
	}
}
