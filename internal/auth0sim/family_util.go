package auth0sim

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Helpers shared by the resource families added after clients, client
// grants, resource servers and tenant settings.

// Keys that start with "_" are the simulator's own bookkeeping on a stored
// object (a build's start time, a sealed secret, a DNS switch). The store
// keeps them; no Management API answer shows them.
const internalPrefix = "_"

// publicView returns a copy of obj without its internal keys (top level).
func publicView(obj Object) Object {
	out := make(Object, len(obj))
	for k, v := range obj {
		if !strings.HasPrefix(k, internalPrefix) {
			out[k] = v
		}
	}
	return out
}

// isoMillis formats t the way most Management API objects carry time:
// UTC with milliseconds, "2026-01-27T13:59:53.172Z".
func isoMillis(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// isoNanos formats t the way the Actions API does: UTC with nanoseconds,
// "2026-05-29T10:45:58.888947671Z".
func isoNanos(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseISO reads a time written by isoMillis or isoNanos (zero if absent).
func parseISO(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// newUUID returns a random (version 4) UUID, the id format of actions,
// action versions and trigger bindings.
func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// readJSON decodes a request body holding any JSON value (an array for
// PATCH /connections/{id}/clients, a string for the Universal Login
// template). An empty body decodes to nil.
func readJSON(r *http.Request) (any, *APIError) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, NewAPIError(http.StatusRequestEntityTooLarge, "Payload content length greater than maximum allowed: 1048576", "")
		}
		return nil, errInvalidBody("Could not read request body")
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, NewAPIError(http.StatusBadRequest, "Invalid request payload JSON format", "")
	}
	return v, nil
}

// queryInt reads an integer query parameter in [lo, hi] (def when absent),
// answering Auth0's 400 otherwise.
func queryInt(r *http.Request, key string, def, lo, hi int) (int, *APIError) {
	v := r.URL.Query().Get(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, errInvalidQuery(fmt.Sprintf("Query validation error: 'Expected type integer but found type string' on property %s.", key))
	}
	if n < lo {
		return 0, errInvalidQuery(fmt.Sprintf("Query validation error: 'Too small: must be at least %d' on property %s.", lo, key))
	}
	if n > hi {
		return 0, errInvalidQuery(fmt.Sprintf("Query validation error: 'Too big: must be at most %d' on property %s.", hi, key))
	}
	return n, nil
}

// pageSlice returns items[page*perPage : (page+1)*perPage], clamped.
func pageSlice(items []Object, page, perPage int) []Object {
	start := min(page*perPage, len(items))
	end := min(start+perPage, len(items))
	out := make([]Object, 0, end-start)
	return append(out, items[start:end]...)
}

// objectList converts a JSON array value to its object items (others skipped).
func objectList(v any) []Object {
	items, _ := v.([]any)
	out := make([]Object, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// anyObjects converts objects to a JSON array value.
func anyObjects(items []Object) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}

// writeEmptyObject answers {} with the given status (Auth0's answer to a
// role's DELETE, a permission POST, a template PUT).
func writeEmptyObject(w http.ResponseWriter, status int) { writeJSON(w, status, Object{}) }

// requireString returns Auth0's 400 for a missing or empty string property.
func requireString(body Object, key string) *APIError {
	if str(body, key) == "" {
		return errInvalidBody("Payload validation error: 'Missing required property: " + key + "'.")
	}
	return nil
}

// jsonType names a decoded JSON value's type as Auth0's validation errors do.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	}
	return "array"
}
