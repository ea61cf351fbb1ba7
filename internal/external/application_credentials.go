package external

import (
	"slices"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// What an Application publishes to its credentials Secret, and the request token that rotates
// the client secret.

// rotationRequest is the request token that rotates the client secret.
const rotationRequest = "clientSecretRotation"

// ApplicationRequests are an Application's request tokens (reconcile.Kind.Requests).
func ApplicationRequests(app *v1alpha1.Application) map[string]string {
	return map[string]string{rotationRequest: app.Spec.ClientSecretRotation}
}

// connection is what the credentials Secret gets. Public clients (SPAs and native apps, or any
// client whose token endpoint auth method is none) cannot keep a secret, so they get none.
func connection(domain string, cl object) map[string][]byte {
	out := map[string][]byte{
		"domain":   []byte(domain),
		"clientID": []byte(stringOf(cl, "client_id")),
		"issuer":   []byte("https://" + domain + "/"),
	}
	public := stringOf(cl, "token_endpoint_auth_method") == "none" || slices.Contains([]string{"spa", "native"}, stringOf(cl, "app_type"))
	switch {
	case public:
	case stringOf(cl, "client_secret") != "":
		out["clientSecret"] = []byte(stringOf(cl, "client_secret"))
	default:
		// Auth0 left the secret out (a list read, or a token without read:client_keys): keep
		// the one the Secret holds rather than deleting it.
		out["clientSecret"] = nil
	}
	return out
}
