package external

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

func newAPI(mutate func(*v1alpha1.ResourceServerSpec)) *v1alpha1.ResourceServer {
	rs := &v1alpha1.ResourceServer{ObjectMeta: metav1.ObjectMeta{Name: "orders", Namespace: "team"},
		Spec: v1alpha1.ResourceServerSpec{Identifier: "https://orders.example.com"}}
	if mutate != nil {
		mutate(&rs.Spec)
	}
	return rs
}

func scopes(pairs ...string) []v1alpha1.ResourceServerScope {
	var out []v1alpha1.ResourceServerScope
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, v1alpha1.ResourceServerScope{Value: pairs[i], Description: pairs[i+1]})
	}
	return out
}

func TestResourceServerBody(t *testing.T) {
	cases := []struct {
		name string
		rs   *v1alpha1.ResourceServer
		want string
	}{
		{"name defaults to metadata.name", newAPI(nil), `{"identifier":"https://orders.example.com","name":"orders"}`},
		{"every field; durations in seconds", newAPI(func(s *v1alpha1.ResourceServerSpec) {
			s.Name, s.SigningAlg, s.TokenDialect = "Orders", "RS256", "access_token_authz"
			s.Scopes = scopes("read:orders", "Read orders", "write:orders", "")
			s.TokenLifetime = &metav1.Duration{Duration: 24 * time.Hour}
			s.TokenLifetimeForWeb = &metav1.Duration{Duration: 2*time.Hour + 500*time.Millisecond}
			s.EnforcePolicies, s.AllowOfflineAccess, s.SkipConsentForVerifiableFirstPartyClients = ptr(true), ptr(false), ptr(true)
		}), `{"identifier":"https://orders.example.com","name":"Orders","signing_alg":"RS256","token_dialect":"access_token_authz",
			"scopes":[{"value":"read:orders","description":"Read orders"},{"value":"write:orders"}],
			"token_lifetime":86400,"token_lifetime_for_web":7200,"enforce_policies":true,"allow_offline_access":false,
			"skip_consent_for_verifiable_first_party_clients":true}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resourceServerBody(tc.rs)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(obj(t, tc.want), got); d != "" {
				t.Errorf("body (-want +got):\n%s", d)
			}
		})
	}
}

const observedAPI = `{"id":"rs1","identifier":"https://orders.example.com","name":"orders","signing_alg":"RS256",
	"token_lifetime":86400,"token_lifetime_for_web":7200,"allow_offline_access":false,
	"scopes":[{"value":"write:orders"},{"value":"read:orders","description":"Read orders"}]}`

func TestResourceServerDriftComparesScopesAsASet(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*v1alpha1.ResourceServerSpec)
		want   []string
	}{
		{"unset fields take the server's defaults", nil, nil},
		{"scopes reordered; an empty description equals a missing one", func(s *v1alpha1.ResourceServerSpec) {
			s.Scopes = scopes("read:orders", "Read orders", "write:orders", "")
		}, nil},
		{"a scope description changed", func(s *v1alpha1.ResourceServerSpec) {
			s.Scopes = scopes("read:orders", "Read all orders", "write:orders", "")
		}, []string{"scopes"}},
		{"a scope removed", func(s *v1alpha1.ResourceServerSpec) {
			s.Scopes = scopes("read:orders", "Read orders")
		}, []string{"scopes"}},
		{"token lifetime", func(s *v1alpha1.ResourceServerSpec) {
			s.TokenLifetime = &metav1.Duration{Duration: time.Hour}
			s.TokenLifetimeForWeb = &metav1.Duration{Duration: 2 * time.Hour}
		}, []string{"token_lifetime"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want, err := resourceServerBody(newAPI(tc.mutate))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, drift(want, obj(t, observedAPI))); d != "" {
				t.Errorf("diff (-want +got):\n%s", d)
			}
		})
	}
}

func TestResourceServerRefusesTheManagementAPI(t *testing.T) {
	f := newSimTenant(t)
	c := f.client(t)
	ctx := context.Background()
	r := NewResourceServer(nil)
	want := "InvalidSpec: https://" + testDomain + "/api/v2/ is the tenant's Auth0 Management API, a system API that cannot be managed"
	rs := newAPI(func(s *v1alpha1.ResourceServerSpec) { s.Identifier = "https://" + testDomain + "/api/v2/" })
	for name, id := range map[string]string{"before a create": "", "by ID": "rs1"} {
		if d := cmp.Diff(want, stallMessage(r.Guard(ctx, c, rs, id, nil))); d != "" {
			t.Errorf("%s (-want +got):\n%s", name, d)
		}
	}

	// Adopting a system API by ID is refused too.
	id := f.add(t, "resource-servers", map[string]any{"identifier": "urn:auth0:system", "is_system": true})
	err := r.Guard(ctx, c, newAPI(nil), id, nil)
	if d := cmp.Diff("InvalidSpec: urn:auth0:system is an Auth0 system API, which cannot be managed", stallMessage(err)); d != "" {
		t.Errorf("system API (-want +got):\n%s", d)
	}
	if n := f.count("POST /api/v2/resource-servers"); n != 0 {
		t.Errorf("%d creates sent", n)
	}
}

func TestResourceServerLifecycle(t *testing.T) {
	f := newSimTenant(t)
	c := f.client(t)
	ctx := context.Background()
	r := NewResourceServer(nil)
	rs := newAPI(func(s *v1alpha1.ResourceServerSpec) { s.Scopes = scopes("read:orders", "Read orders") })

	f.add(t, "resource-servers", map[string]any{"identifier": "https://other.example.com", "name": "orders"})
	if id, err := r.Find(ctx, c, rs); err != nil || id != "" {
		t.Fatalf("Find matches by identifier, not name: got %q, %v", id, err)
	}
	id, err := r.Create(ctx, c, rs)
	if err != nil {
		t.Fatal(err)
	}
	if found, _ := r.Find(ctx, c, rs); found != id {
		t.Errorf("Find after create = %q, want %q", found, id)
	}
	if obs := observe(t, r, c, rs, id); !obs.UpToDate {
		t.Errorf("after create: diff %v", obs.Diff)
	}

	f.edit("resource-servers", id, func(o map[string]any) {
		o["scopes"] = []any{map[string]any{"value": "read:orders", "description": "Read orders"}, map[string]any{"value": "admin"}}
	})
	obs := observe(t, r, c, rs, id, fresh)
	if d := cmp.Diff([]string{"scopes"}, obs.Diff); d != "" {
		t.Errorf("drift (-want +got):\n%s", d)
	}
	if err := r.Update(ctx, c, rs, id, obs); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(obj(t, `{"name":"orders","scopes":[{"value":"read:orders","description":"Read orders"}]}`), f.lastBody(t)); d != "" {
		t.Errorf("update body, never the create-only identifier (-want +got):\n%s", d)
	}
	if obs := observe(t, r, c, rs, id); !obs.UpToDate {
		t.Errorf("after update: diff %v", obs.Diff)
	}
	if err := r.Delete(ctx, c, rs, id); err != nil {
		t.Fatal(err)
	}
	if obs := observe(t, r, c, rs, id); obs.Exists {
		t.Error("deleted API still observed")
	}
}

// An export writes an API's token security settings, references its HS256 signing secret
// from the export's Secret, leaves out the encryption key (Auth0 shows its thumbprint only,
// and says so), and adopts without a difference.
func TestExportResourceServerTokenSecurity(t *testing.T) {
	st := newSimTenant(t)
	id := st.add(t, "resource-servers", map[string]any{"identifier": "https://pay.example.com", "name": "pay",
		"signing_alg": "HS256", "signing_secret": "s3cret-signing-value", "consent_policy": "transactional-authorization-with-mfa",
		"proof_of_possession":        map[string]any{"mechanism": "mtls", "required": true},
		"authorization_details":      []any{map[string]any{"type": "payment"}},
		"subject_type_authorization": map[string]any{"user": map[string]any{"policy": "deny_all"}, "client": map[string]any{"policy": "require_client_grant"}},
		"token_encryption": map[string]any{"format": "compact-nested-jwe",
			"encryption_key": map[string]any{"name": "enc", "alg": "RSA-OAEP-256", "pem": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"}}})
	objs := exportKind(t, st.c, resourceServerExporter)
	e := objs[id]
	s := e.Object.(*v1alpha1.ResourceServer).Spec
	s.ManagedSpec = v1alpha1.ManagedSpec{}
	want := v1alpha1.ResourceServerSpec{Identifier: "https://pay.example.com", Name: "pay", SigningAlg: "HS256",
		SigningSecret:        &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "secrets", Key: "signingSecret"}},
		ConsentPolicy:        "transactional-authorization-with-mfa",
		ProofOfPossession:    &v1alpha1.ResourceServerProofOfPossession{Mechanism: "mtls", Required: true},
		AuthorizationDetails: []v1alpha1.ResourceServerAuthorizationDetail{{Type: "payment"}},
		SubjectTypeAuthorization: &v1alpha1.ResourceServerSubjectTypeAuthorization{
			User: &v1alpha1.ResourceServerUserAuthorization{Policy: "deny_all"}}}
	if d := cmp.Diff(want, s); d != "" {
		t.Errorf("exported spec (-want +got):\n%s", d)
	}
	if len(e.SecretKeys) != 1 {
		t.Errorf("secret keys %v", e.SecretKeys)
	}
	for k, e := range objs {
		if e.Skip != "" {
			delete(objs, k)
		}
	}
	secrets := fake.NewClientBuilder().WithObjects(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "secrets", Namespace: "team"},
		Data: map[string][]byte{"signingSecret": []byte("s3cret-signing-value")}}).Build()
	observeExported(t, st.c, NewResourceServer(secrets), objs)
}
