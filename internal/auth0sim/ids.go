package auth0sim

import (
	"crypto/rand"
	"math/big"
)

const (
	alnum      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	secretRune = alnum + "-_"
	hexDigits  = "0123456789abcdef"
)

// randomString returns n characters drawn uniformly from alphabet.
func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		b[i] = alphabet[k.Int64()]
	}
	return string(b)
}

// newID returns prefix followed by n random letters and digits, the shape of
// most Auth0 ids: newID("cgr_", 16), newID("con_", 16), newID("cred_", 22),
// newID("org_", 16), newID("rol_", 16), newID("lst_", 16)...
func newID(prefix string, n int) string { return prefix + randomString(alnum, n) }

// newClientID returns a client_id in Auth0's format: 32 letters and digits.
func newClientID() string { return randomString(alnum, 32) }

// newClientSecret returns a client_secret in Auth0's format: 64 URL-safe characters.
func newClientSecret() string { return randomString(secretRune, 64) }

// newObjectID returns a 24-hex-digit id (resource servers, custom domains'
// internal ids and other objects Auth0 keys by a MongoDB ObjectId).
func newObjectID() string { return randomString(hexDigits, 24) }
