package external

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Export is the inverse of the kinds' bodies: it reads a tenant's objects and writes each as
// the spec that, applied with spec.externalID, adopts it without a write. Each kind's exporter
// lives in the kind's file, next to the body it inverts; internal/export names, filters and
// writes what they find.
//
// The rule every exporter keeps: the body the exported spec produces compares equal with the
// object Auth0 holds (so adopting it changes nothing), and a field is left out when Auth0's
// value is its default (the spec does not then manage it, and the manifests stay short).

// Exporter reads the Auth0 objects of one kind.
type Exporter struct {
	// Kind is the managed kind, e.g. "Application".
	Kind string
	// Read returns every object of the kind in the tenant.
	Read func(ctx context.Context, c *auth0.Client) ([]Found, error)
}

// Found is one Auth0 object an Exporter read.
type Found struct {
	// ID is the Auth0 ID, written as spec.externalID; "" for the tenant's singletons, which
	// need none.
	ID string
	// Name is the Auth0 name (or another natural key: an identifier, a domain, a template),
	// from which metadata.name is made and which the name filter matches.
	Name string
	// Keys are other values references use to name the object (an API's identifier, an
	// action's or a connection's name): ExportContext.Ref finds it by its ID or any of them.
	Keys []string
	// Skip, when set, says why the object is left out unless asked for: Auth0's own objects
	// (SkipSystem) and third-party applications (SkipThirdParty).
	Skip string
	// Build makes the object with its spec filled (metadata and the ManagedSpec are set by
	// the caller). It is called after every object of every kind has its name, so that
	// references can name the objects they point at.
	Build func(x *ExportContext) (reconcile.Object, error)
}

// Reasons an object is left out of an export unless asked for.
const (
	SkipSystem     = "system"
	SkipThirdParty = "third-party"
)

// ExportContext is what Build knows of the export: the name given to the object, the names
// given to the objects it references, and where its secret values go.
type ExportContext struct {
	// Name is the object's metadata.name.
	Name string
	// Refs returns the metadata.name of the exported object of kind with Auth0 ID (or
	// Found.Keys value) id, "" when that object is not part of the export.
	Refs func(kind, id string) string
	// SecretName is the Secret that the object's secret values are referenced from.
	SecretName string
	// SecretKeys are the keys Build referenced, each with what the user should put there.
	SecretKeys map[string]string
	// Omitted are the settings Build left out of the spec although Auth0 has them, each with
	// why (a value that looks secret and that the kind cannot reference from a Secret): they
	// stay as they are in Auth0, unmanaged.
	Omitted []string
}

// Omit records a setting left out of the spec, and why.
func (x *ExportContext) Omit(setting, why string) {
	x.Omitted = append(x.Omitted, setting+": "+why)
}

// Ref is the metadata.name of the exported object of kind with Auth0 ID (or Found.Keys
// value) id, "" if none.
func (x *ExportContext) Ref(kind, id string) string {
	if x.Refs == nil || id == "" {
		return ""
	}
	return x.Refs(kind, id)
}

// LocalRef is a reference to the exported object of kind with Auth0 ID (or Found.Keys value)
// id, nil if none.
func (x *ExportContext) LocalRef(kind, id string) *v1alpha1.LocalObjectReference {
	if n := x.Ref(kind, id); n != "" {
		return &v1alpha1.LocalObjectReference{Name: n}
	}
	return nil
}

// Secret references key of the object's Secret, which the export lists as a skeleton for the
// user to fill with what hint describes. The value itself is never read into the export.
func (x *ExportContext) Secret(key, hint string) v1alpha1.SecretValueSource {
	if x.SecretKeys == nil {
		x.SecretKeys = map[string]string{}
	}
	x.SecretKeys[key] = hint
	return v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: x.SecretName, Key: key}}
}

// AuthName is the spec's name field for Auth0 name n: empty when metadata.name already says it.
func (x *ExportContext) AuthName(n string) string {
	if n == x.Name {
		return ""
	}
	return n
}

// Exporters are the kinds an export reads, in the order a reader follows references: a kind
// comes after the kinds it references.
var Exporters = []Exporter{
	applicationExporter,
	resourceServerExporter,
	clientGrantExporter,
	connectionExporter,
	organizationExporter,
	roleExporter,
	selfServiceProfileExporter,
	actionExporter,
	triggerBindingExporter,
	logStreamExporter,
	customDomainExporter,
	brandingExporter,
	emailTemplateExporter,
	promptTextExporter,
	emailProviderExporter,
	phoneProviderExporter,
	phoneTemplateExporter,
	tenantSettingsExporter,
	universalLoginExporter,
	multiFactorAuthExporter,
	attackProtectionExporter,
}

// eachOf is an Exporter's Read that lists snap's objects and makes a Found of each with found
// (which may read what Auth0 keeps apart, an API's permissions say).
func eachOf[T any](snap auth0.Snapshot[T], found func(ctx context.Context, c *auth0.Client, item T) (Found, error)) func(context.Context, *auth0.Client) ([]Found, error) {
	return func(ctx context.Context, c *auth0.Client) ([]Found, error) {
		all, err := snap.All(ctx, c)
		if err != nil {
			return nil, err
		}
		out := make([]Found, 0, len(all))
		for _, item := range all {
			f, err := found(ctx, c, item)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	}
}

// singleton is what the exporter of a tenant singleton found: obj, named name, unless its spec
// sets nothing (every field was Auth0's default, as on a tenant never changed), which needs no
// object.
func singleton(name string, obj reconcile.Object, spec any) []Found {
	if reflect.ValueOf(spec).IsZero() {
		return nil
	}
	return []Found{{Name: name, Build: func(*ExportContext) (reconcile.Object, error) {
		return obj.DeepCopyObject().(reconcile.Object), nil
	}}}
}

// omitDefaults clears the fields of *spec whose values equal those of *defaults, at any
// depth; an object left empty is cleared too. spec and defaults are pointers to one type.
func omitDefaults[T any](spec, defaults *T) error {
	s, err := jsonObject(spec)
	if err != nil {
		return err
	}
	d, err := jsonObject(defaults)
	if err != nil {
		return err
	}
	pruneEqual(s, d)
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("omitting defaults: %w", err)
	}
	*spec = out
	return nil
}

// pruneEqual deletes the keys of s whose values equal d's, recursing into objects.
func pruneEqual(s, d map[string]any) {
	for k, dv := range d {
		sv, ok := s[k]
		if !ok {
			continue
		}
		sm, sIsMap := sv.(map[string]any)
		dm, dIsMap := dv.(map[string]any)
		switch {
		case sIsMap && dIsMap:
			pruneEqual(sm, dm)
			if len(sm) == 0 {
				delete(s, k)
			}
		case reflect.DeepEqual(sv, dv):
			delete(s, k)
		}
	}
}

// holdsSecret tells whether a setting named name with value v looks like, or holds at any
// depth, a secret value: a name whose words say secret, password or private, or that ends in
// token or credentials, or in key after api, access, private, secret or signing.
func holdsSecret(name string, v any) bool {
	words := nameWords(name)
	last, before := "", ""
	if n := len(words); n > 0 {
		last = words[n-1]
		if n > 1 {
			before = words[n-2]
		}
	}
	secret := slices.ContainsFunc(words, func(w string) bool { return w == "secret" || w == "password" || w == "passwd" || w == "private" }) ||
		last == "token" || last == "credentials" ||
		(last == "key" && slices.Contains([]string{"api", "access", "private", "secret", "signing"}, before)) || last == "apikey"
	if s, ok := v.(string); ok {
		return secret && s != ""
	}
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if holdsSecret(k, e) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if holdsSecret(name, e) {
				return true
			}
		}
	}
	return false
}

// nameWords splits snake_case, kebab-case and camelCase names into lower-case words.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range name {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ':
			flush()
		case unicode.IsUpper(r) && i > 0:
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// Small helpers that read Auth0's JSON into spec fields.
