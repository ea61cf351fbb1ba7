// Package export reads a whole Auth0 tenant and writes it as the manifests that bring it under
// the operator without recreating anything: one object per Auth0 object, each with
// spec.externalID, so that applying them adopts every object in place and the operator then
// writes nothing. The kinds' mappings (internal/external's exporters) decide what a spec holds;
// this package names the objects, resolves references between them, filters, lists the
// Secrets that secret fields point at (never their values), writes the files and compares an
// export with a cluster.
package export

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Options select what an export reads and how its objects are written.
type Options struct {
	// Kinds, when not empty, are the only kinds read (e.g. "Application").
	Kinds []string
	// Names, when not empty, are shell patterns (path.Match) of which an object's Auth0 name
	// must match one.
	Names []string
	// Include lists the skipped categories to export anyway: external.SkipSystem,
	// external.SkipThirdParty.
	Include []string
	// Namespace of the objects.
	Namespace string
	// TenantRef is the Tenant or ClusterTenant the objects name.
	TenantRef v1alpha1.TenantReference
	// DeletionPolicy and ManagementPolicy are written into every object ("" leaves the
	// operator's defaults).
	DeletionPolicy   v1alpha1.DeletionPolicy
	ManagementPolicy v1alpha1.ManagementPolicy
	// Read, when not nil, counts objects as they are read (a progress display reads it).
	Read *atomic.Int64
}

// Object is one exported object.
type Object struct {
	Kind string
	// Auth0 is the object as Auth0 knows it: its ID ("" for a singleton) and name.
	ID, Name string
	// Object is the manifest: typed, with apiVersion, kind, metadata and spec.
	Object reconcile.Object
	// Secret, when the spec references secret values, is the skeleton of the Secret they are
	// read from: its keys with empty values.
	Secret *corev1.Secret
	// SecretHints says, per key of Secret, what value the user should put there.
	SecretHints map[string]string
}

// Result is an export.
type Result struct {
	Objects []Object
	// Skipped counts the objects left out, by reason (external.SkipSystem, ...).
	Skipped map[string]int
	// Unexportable are the objects the kinds cannot express (a log stream of a type the
	// LogStream kind does not model, say), each with why; the rest of the export goes on.
	Unexportable []string
	// Omitted are settings left out of exported objects (values that look secret and that the
	// kinds cannot reference from a Secret), each naming its object: they stay as they are in
	// Auth0, unmanaged.
	Omitted []string
}

// Run reads the tenant through c and builds the export.
func Run(ctx context.Context, c *auth0.Client, opts Options) (*Result, error) {
	if opts.Namespace == "" {
		return nil, fmt.Errorf("export: a namespace is required")
	}
	if opts.TenantRef.Name == "" {
		return nil, fmt.Errorf("export: a tenant reference is required")
	}
	for _, k := range opts.Kinds {
		if !slices.ContainsFunc(external.Exporters, func(e external.Exporter) bool { return e.Kind == k }) {
			return nil, fmt.Errorf("export: unknown kind %q (known: %s)", k, strings.Join(Kinds(), ", "))
		}
	}
	for _, p := range opts.Names {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("export: name pattern %q: %w", p, err)
		}
	}

	type entry struct {
		kind string
		external.Found
		name string
	}
	res := &Result{Skipped: map[string]int{}}
	var all []*entry
	for _, ex := range external.Exporters {
		if len(opts.Kinds) > 0 && !slices.Contains(opts.Kinds, ex.Kind) {
			continue
		}
		found, err := read(ctx, c, ex)
		if err != nil {
			return nil, fmt.Errorf("export: reading %s objects: %w", ex.Kind, err)
		}
		if opts.Read != nil {
			opts.Read.Add(int64(len(found)))
		}
		for _, f := range found {
			switch {
			case f.Skip != "" && !slices.Contains(opts.Include, f.Skip):
				res.Skipped[f.Skip]++
			case !matches(opts.Names, f.Name):
			default:
				all = append(all, &entry{kind: ex.Kind, Found: f})
			}
		}
	}

	// Names first, so that every reference can name the object it points at.
	refs := map[string]string{} // kind + "\x00" + ID or key -> metadata.name
	byKind := map[string][]*entry{}
	for _, e := range all {
		byKind[e.kind] = append(byKind[e.kind], e)
	}
	for kind, es := range byKind {
		names := objectNames(kind, es, func(e *entry) (string, string) { return e.Name, e.ID })
		for i, e := range es {
			e.name = names[i]
			for _, key := range append([]string{e.ID}, e.Keys...) {
				if key != "" {
					refs[kind+"\x00"+key] = e.name
				}
			}
		}
	}

	for _, e := range all {
		x := &external.ExportContext{Name: e.name, SecretName: secretName(e.kind, e.name),
			Refs: func(kind, id string) string { return refs[kind+"\x00"+id] }}
		obj, err := e.Build(x)
		if err == nil {
			var paths []string
			if paths, err = credentialURLs(obj); err == nil && len(paths) > 0 {
				err = fmt.Errorf("%s hold a URL with a credential in it (a password or a token in the query); "+
					"it is not written: move the credential out of the URL, or manage the object by hand", strings.Join(paths, ", "))
			}
		}
		if err != nil {
			res.Unexportable = append(res.Unexportable, fmt.Sprintf("%s %q (%s): %v", e.kind, e.Name, e.ID, err))
			continue
		}
		for _, om := range x.Omitted {
			res.Omitted = append(res.Omitted, fmt.Sprintf("%s %s: %s", e.kind, e.name, om))
		}
		gv := v1alpha1.GroupVersion
		obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{Group: gv.Group, Version: gv.Version, Kind: e.kind})
		obj.SetName(e.name)
		obj.SetNamespace(opts.Namespace)
		spec := obj.GetManagedSpec()
		spec.TenantRef = opts.TenantRef
		spec.ExternalID = e.ID
		spec.DeletionPolicy, spec.ManagementPolicy = opts.DeletionPolicy, opts.ManagementPolicy
		o := Object{Kind: e.kind, ID: e.ID, Name: e.Name, Object: obj}
		if len(x.SecretKeys) > 0 {
			o.Secret = &corev1.Secret{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"},
				ObjectMeta: metav1.ObjectMeta{Name: x.SecretName, Namespace: opts.Namespace}, StringData: map[string]string{}}
			for k := range x.SecretKeys {
				o.Secret.StringData[k] = ""
			}
			o.SecretHints = x.SecretKeys
		}
		res.Objects = append(res.Objects, o)
	}
	return res, nil
}

// rateLimitRetries is how many times a kind's read is started again after a 429 or a closed
// gate (another client of the tenant spent its budget).
const rateLimitRetries = 10

// read reads ex's objects. Refused for the rate limit, it waits until the budget is back and
// reads the kind again: an export waits out the rate limit rather than fail.
func read(ctx context.Context, c *auth0.Client, ex external.Exporter) ([]external.Found, error) {
	for attempt := 0; ; attempt++ {
		found, err := ex.Read(ctx, c)
		e := auth0.Classify(err)
		if e == nil || e.Class != auth0.ClassRateLimited || attempt == rateLimitRetries {
			return found, err
		}
		t := time.NewTimer(time.Until(e.RetryAt) + 10*time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// Kinds are the kinds an export can read, in the order it reads them.
func Kinds() []string {
	out := make([]string, len(external.Exporters))
	for i, e := range external.Exporters {
		out[i] = e.Kind
	}
	return out
}

func matches(patterns []string, name string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// objectNames gives each of a kind's objects a metadata.name made from its Auth0 name: lower
// case, runs of other characters as "-", at most 63 characters. Objects whose names collide
// (Auth0 allows two clients with one name) are told apart by a suffix from their ID, the
// first (by ID) keeping the plain name, so that names stay the same from one export to the next.
func objectNames[E any](kind string, es []E, key func(E) (name, id string)) []string {
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		_, ia := key(es[order[a]])
		_, ib := key(es[order[b]])
		return ia < ib
	})
	out := make([]string, len(es))
	taken := map[string]bool{}
	for _, i := range order {
		name, id := key(es[i])
		base := dnsLabel(name)
		if base == "" { // a name of other scripts only
			base = dnsLabel(strings.ToLower(kind) + "-" + suffix(id))
		}
		n := base
		if taken[n] && id != "" {
			n = withSuffix(base, suffix(id))
		}
		for j := 2; taken[n]; j++ {
			n = withSuffix(base, strconv.Itoa(j))
		}
		taken[n] = true
		out[i] = n
	}
	return out
}

// withSuffix is base-s, base shortened to keep within 63 characters.
func withSuffix(base, s string) string {
	return strings.TrimRight(base[:min(len(base), validation.DNS1123LabelMaxLength-1-len(s))], "-") + "-" + s
}

// suffix is the end of an Auth0 ID, in lower case: enough to tell two objects apart.
func suffix(id string) string {
	s := dnsLabel(id)
	if len(s) > 8 {
		s = s[len(s)-8:]
	}
	return strings.Trim(s, "-")
}

// dnsLabel is s as an RFC 1123 label: lower-case letters, digits and "-", at most 63.
func dnsLabel(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := b.String()
	if len(out) > validation.DNS1123LabelMaxLength {
		out = out[:validation.DNS1123LabelMaxLength]
	}
	return strings.Trim(out, "-")
}

// secretName is the Secret an object's secret values are referenced from.
func secretName(kind, name string) string {
	n := strings.ToLower(kind) + "-" + name
	if len(n) > validation.DNS1123SubdomainMaxLength {
		n = strings.TrimRight(n[:validation.DNS1123SubdomainMaxLength], "-")
	}
	return n
}
