package reconcile

import (
	"context"
	"strings"
	"sync"
)

// Auth0 sometimes repeats what it was sent in its error messages ("Invalid value 'xyz' for
// ..."). Every secret value a reconcile resolves (Inputs.Secret) is remembered for that
// reconcile, and removed from any message before it reaches status or an Event.

type secretsKey struct{}

// resolvedSecrets are the secret values one reconcile resolved.
type resolvedSecrets struct {
	mu     sync.Mutex
	values []string
}

func withSecrets(ctx context.Context) context.Context {
	return context.WithValue(ctx, secretsKey{}, &resolvedSecrets{})
}

// remember records a resolved secret value for the reconcile ctx belongs to.
func remember(ctx context.Context, v []byte) {
	s, ok := ctx.Value(secretsKey{}).(*resolvedSecrets)
	if !ok || len(v) < 4 { // shorter values would redact ordinary words
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values = append(s.values, string(v))
}

// redact replaces, in msg, every secret value the reconcile resolved.
func redact(ctx context.Context, msg string) string {
	s, ok := ctx.Value(secretsKey{}).(*resolvedSecrets)
	if !ok {
		return msg
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		msg = strings.ReplaceAll(msg, v, "[redacted]")
	}
	return msg
}
