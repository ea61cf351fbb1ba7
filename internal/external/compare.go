package external

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// jsonObject turns v (a request body, an SDK object) into the values encoding/json decodes
// (map[string]any, []any, float64, string, bool), so that what is sent and what Auth0
// returns compare as JSON.
func jsonObject(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(b, &m)
}

// drift returns the dot-separated paths, sorted, where got differs from want. Only the keys
// want sets are compared, inside nested objects too: Auth0 fills defaults for the others.
func drift(want, got map[string]any) []string {
	var out []string
	var walk func(path string, w, g any)
	walk = func(path string, w, g any) {
		if wm, ok := w.(map[string]any); ok {
			gm, _ := g.(map[string]any)
			for k, v := range wm {
				walk(path+"."+k, v, gm[k])
			}
			return
		}
		if !equal(w, g) {
			out = append(out, strings.TrimPrefix(path, "."))
		}
	}
	walk("", want, got)
	sort.Strings(out)
	return out
}

// equal compares two decoded JSON values: lists as sets, empty values as absent.
func equal(w, g any) bool {
	if empty(w) || empty(g) {
		return empty(w) && empty(g)
	}
	if wl, ok := w.([]any); ok {
		gl, ok := g.([]any)
		return ok && slices.Equal(set(wl), set(gl))
	}
	return reflect.DeepEqual(w, g)
}

func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// set is the sorted, de-duplicated canonical JSON of a list's elements.
func set(l []any) []string {
	out := make([]string, 0, len(l))
	for _, e := range l {
		b, _ := json.Marshal(withoutEmpty(e)) // decoded JSON always encodes
		out = append(out, string(b))
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// withoutEmpty drops the empty fields of objects, at any depth: Auth0 may omit what the spec
// sends empty (a scope without a description) or the other way round.
func withoutEmpty(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if !empty(e) {
				out[k] = withoutEmpty(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = withoutEmpty(e)
		}
		return out
	}
	return v
}

// setObject puts an object into a body only when it sets something.
func setObject(b map[string]any, key string, v map[string]any) {
	if len(v) > 0 {
		b[key] = v
	}
}

// nameOr is the Auth0 name of an object: the spec's name, else metadata.name.
func nameOr(name, metadataName string) string {
	if name != "" {
		return name
	}
	return metadataName
}

// total is a list answer's include_totals count (0 when absent: paging stops at a short page).
func total(t *float64) int {
	if t == nil {
		return 0
	}
	return int(*t)
}

// created returns a create's error as it is. A 409 means an object with the same key exists
// that the snapshot has not seen: the next Find must list again.
func created[T any](c *auth0.Client, snap auth0.Snapshot[T], err error) error {
	if e := auth0.Classify(err); e != nil && e.Class == auth0.ClassConflict {
		snap.Invalidate(c)
	}
	return err
}

// tenantDomain is the tenant's domain, e.g. acme.eu.auth0.com.
func tenantDomain(c *auth0.Client) string { return c.Domain() }

// textInput records the input behind a field the spec sets from a ConfigMap (a template, an
// email body) and, when the field differs while Auth0 still holds the text last written, marks
// it Changed: the ConfigMap changed, nobody edited Auth0.
func textInput(c *auth0.Client, obj reconcile.Object, obs *reconcile.Observation, field string, want, got any) {
	w, ok := want.(string)
	if !ok {
		return
	}
	reconcile.Input(c, obj, obs, field, []byte(w))
	if g, _ := got.(string); slices.Contains(obs.Diff, field) && reconcile.Held(c, obj, field, []byte(g)) {
		obs.Changed = append(obs.Changed, field)
	}
}

// merge writes src over dst, object by object.
func merge(dst, src object) {
	for k, v := range src {
		sm, sok := v.(map[string]any)
		dm, dok := dst[k].(map[string]any)
		if sok && dok {
			merge(dm, sm)
			continue
		}
		dst[k] = v
	}
}

// withValues fills obs.Values with want's and got's values at each path of obs.Diff that want
// sets, except inputs (Secret values, ConfigMap texts): those are compared by digest and are
// never shown.
func withValues(obs reconcile.Observation, want, got object) reconcile.Observation {
	for _, path := range obs.Diff {
		w, ok := at(want, path)
		if !ok || isInput(obs, path) {
			continue
		}
		if obs.Values == nil {
			obs.Values = map[string]reconcile.Change{}
		}
		h, _ := at(got, path)
		obs.Values[path] = reconcile.Change{Want: w, Have: h}
	}
	return obs
}

// at is the value at a dot-separated path of o.
func at(o object, path string) (any, bool) {
	var v any = o
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// isInput tells whether path is, or is inside or around, a field compared by its input digest.
func isInput(obs reconcile.Observation, path string) bool {
	for name := range obs.Inputs {
		if name == path || strings.HasPrefix(name, path+".") || strings.HasPrefix(path, name+".") {
			return true
		}
	}
	return slices.Contains(obs.Changed, path)
}
