package external

import (
	"context"
	"maps"
	"slices"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// A database connection's custom scripts (options.customScripts): each from a ConfigMap or
// inline, compared with what Auth0 answers (it gives them back as written) through its input
// digest, so that a script changed in its ConfigMap is an update, not drift. The values the
// scripts read (options.configuration) are secrets and come only from spec.secretOptions.

// scriptSources are the spec's scripts by Auth0 name; a script the spec leaves out is absent.
func scriptSources(d *v1alpha1.DatabaseOptions) map[string]*v1alpha1.TextSource {
	out := map[string]*v1alpha1.TextSource{}
	if d == nil || d.CustomScripts == nil {
		return out
	}
	s := d.CustomScripts
	for name, src := range map[string]*v1alpha1.TextSource{"login": s.Login, "get_user": s.GetUser, "create": s.Create,
		"verify": s.Verify, "change_password": s.ChangePassword, "delete": s.Delete, "change_username": s.ChangeUsername,
		"change_email": s.ChangeEmail, "change_phone_number": s.ChangePhoneNumber} {
		if src != nil {
			out[name] = src
		}
	}
	return out
}

// scriptPath is a script's field path in the body, its diff entry and its input name.
func scriptPath(name string) string { return "options.customScripts." + name }

// ConnectionScriptRefs are the ConfigMaps a connection's scripts are read from, for
// Kind.References: a change to one is written to Auth0 at once.
func ConnectionScriptRefs(conn *v1alpha1.Connection) []reconcile.Ref {
	srcs := scriptSources(conn.Spec.Database)
	var refs []reconcile.Ref
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		refs = append(refs, reconcile.TextRefs(srcs[name])...)
	}
	return refs
}

// body is connectionBody with the custom scripts read from their ConfigMaps.
func (x *Connection) body(ctx context.Context, conn *v1alpha1.Connection) (object, error) {
	b, err := connectionBody(conn)
	if err != nil {
		return nil, err
	}
	srcs := scriptSources(conn.Spec.Database)
	if len(srcs) == 0 {
		return b, nil
	}
	if _, twice := conn.Spec.Options["customScripts"]; twice {
		return nil, reconcile.InvalidSpec("spec.options.customScripts is set by spec.database.customScripts; set it there only")
	}
	scripts := object{}
	for name, src := range srcs {
		t, err := x.Inputs.Text(ctx, conn.Namespace, src)
		if err != nil {
			return nil, err
		}
		scripts[name] = t
	}
	opts, _ := b["options"].(map[string]any)
	if opts == nil {
		opts = object{}
		b["options"] = opts
	}
	opts["customScripts"] = scripts
	return b, nil
}

// scriptInputs records each script's digest and marks a script that differs while Auth0 still
// holds the text last written as Changed: its ConfigMap changed, nobody edited Auth0.
func scriptInputs(c *auth0.Client, conn *v1alpha1.Connection, obs *reconcile.Observation, want, got object) {
	for name := range scriptSources(conn.Spec.Database) {
		w, _ := at(want, scriptPath(name))
		g, _ := at(got, scriptPath(name))
		textInput(c, conn, obs, scriptPath(name), w, g)
	}
}

// exportScripts takes a database connection's scripts out of Auth0's options, inline.
func exportScripts(opts object) *v1alpha1.CustomScripts {
	m, _ := opts["customScripts"].(map[string]any)
	text := func(name string) *v1alpha1.TextSource {
		if s, ok := m[name].(string); ok && s != "" {
			return &v1alpha1.TextSource{Inline: &s}
		}
		return nil
	}
	s := &v1alpha1.CustomScripts{Login: text("login"), GetUser: text("get_user"), Create: text("create"), Verify: text("verify"),
		ChangePassword: text("change_password"), Delete: text("delete"), ChangeUsername: text("change_username"),
		ChangeEmail: text("change_email"), ChangePhoneNumber: text("change_phone_number")}
	if *s == (v1alpha1.CustomScripts{}) {
		return nil
	}
	return s
}
