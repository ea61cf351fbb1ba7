package auth0sim

// mergePatch applies an RFC 7386 JSON merge patch to target in place: objects
// merge key by key, null deletes a key, anything else (arrays included)
// replaces. This is how Auth0's PATCH endpoints treat nested objects
// (client_metadata {"foo":null} removes foo; mobile.android alone keeps
// mobile.ios), and what a dashboard edit does.
func mergePatch(target, patch Object) {
	for k, pv := range patch {
		if pv == nil {
			delete(target, k)
			continue
		}
		if pm, ok := pv.(map[string]any); ok {
			if tm, ok := target[k].(map[string]any); ok {
				mergePatch(tm, pm)
				continue
			}
			fresh := Object{}
			mergePatch(fresh, pm)
			target[k] = fresh
			continue
		}
		target[k] = copyValue(pv)
	}
}

// applyDefaults fills in every key of defaults that obj lacks, recursing into
// nested objects present in both: the server-side defaults of a create.
func applyDefaults(obj, defaults Object) {
	for k, dv := range defaults {
		cur, ok := obj[k]
		if !ok {
			obj[k] = copyValue(dv)
			continue
		}
		cm, ok1 := cur.(map[string]any)
		dm, ok2 := dv.(map[string]any)
		if ok1 && ok2 {
			applyDefaults(cm, dm)
		}
	}
}

// withoutKeys returns a shallow copy of obj without the given keys (used to
// hide write-only or internal fields from API responses).
func withoutKeys(obj Object, keys ...string) Object {
	out := make(Object, len(obj))
	for k, v := range obj {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// selectFields implements Auth0's fields/include_fields query parameters:
// with include, only the named keys (plus always) are kept; without, the
// named keys are dropped. An empty field list returns obj unchanged.
func selectFields(obj Object, fields []string, include bool, always ...string) Object {
	if len(fields) == 0 {
		return obj
	}
	if !include {
		return withoutKeys(obj, fields...)
	}
	out := Object{}
	for _, k := range append(fields, always...) {
		if v, ok := obj[k]; ok {
			out[k] = v
		}
	}
	return out
}

// str returns obj[key] as a string ("" when absent or not a string).
func str(obj Object, key string) string {
	s, _ := obj[key].(string)
	return s
}

// boolean returns obj[key] as a bool (false when absent).
func boolean(obj Object, key string) bool {
	b, _ := obj[key].(bool)
	return b
}

// strings returns obj[key] as a []string, skipping non-string items.
func stringList(obj Object, key string) []string {
	items, _ := obj[key].([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// anyList converts strings to a JSON array value.
func anyList(items ...string) []any {
	out := make([]any, len(items))
	for i, s := range items {
		out[i] = s
	}
	return out
}
