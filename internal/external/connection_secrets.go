package external

import (
	"context"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// A connection's secret options: read from Secrets, never from spec.options, compared through
// their input digests, and sent only when their Secret changed or Auth0 hides them.

// secretOptionDiff is the diff entry, and the input name, of a secret option: it names the
// option, never its value.
func secretOptionDiff(key string) string { return "secretOptions." + key }

// secrets are the secretOptions' values by option name.
func (x *Connection) secrets(ctx context.Context, conn *v1alpha1.Connection) (map[string]string, error) {
	out := map[string]string{}
	for k, src := range conn.Spec.SecretOptions {
		v, err := x.Inputs.Secret(ctx, conn.Namespace, src.SecretKeyRef)
		if err != nil {
			return nil, err
		}
		out[k] = string(v)
	}
	return out, x.enterpriseValues(ctx, conn, out)
}

// secretOptionKeys are option names whose values are secrets: they come only from
// secretOptions, never from the spec's free-form options.
var secretOptionKeys = []string{"client_secret", "clientSecret", "secret", "password", "private_key", "signing_key",
	"app_secret", "consumer_secret", "twilio_token", "configuration", "privateKey", "decryptionKey", "decryption_key"}

// withSecrets adds the secret option values to a body's options.
func withSecrets(body object, secrets map[string]string) {
	if len(secrets) == 0 {
		return
	}
	opts, _ := body["options"].(map[string]any)
	if opts == nil {
		opts = object{}
	}
	for k, v := range secrets {
		putPath(opts, k, v) // a key pair's parts by path: signing_key.key
	}
	body["options"] = opts
}
