package auth0sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Request bodies are checked as Auth0 checks them: a property the endpoint's
// schema does not name is refused with
//
//	400 {"statusCode":400,"error":"Bad Request","errorCode":"invalid_body",
//	     "message":"Payload validation error: 'Additional properties not allowed: foo'."}
//
// (" on property jwt_configuration" is added when the property is nested).
// The schemas have ONE source: the request types of the go-auth0 v3 SDK
// (github.com/auth0/go-auth0/v3/management), which are generated from
// Auth0's Management API definition. A route names its request type in
// Route.Body; bodySchemaOf reflects over the type's json tags, recursively:
//
//   - a struct's json-tagged fields are its properties; any other key is
//     refused, unless the struct has an exported ExtraProperties field (the
//     generator's mark of an object that allows additional properties, e.g.
//     connection options or client addons' settings);
//   - a struct whose exported fields have no json tag is a union (the body
//     must fit one of its variants: a log stream per sink type);
//   - maps and interfaces allow anything; slices check their items.
type bodySchema struct {
	open  bool                   // additional properties allowed
	props map[string]*bodySchema // known properties (nil schema: a scalar)
	items *bodySchema            // for arrays
	anyOf []*bodySchema          // for unions
}

var (
	bodySchemasMu sync.Mutex
	bodySchemas   = map[reflect.Type]*bodySchema{}
)

// bodySchemaOf returns the schema of a go-auth0 request type (cached).
func bodySchemaOf(t reflect.Type) *bodySchema {
	bodySchemasMu.Lock()
	defer bodySchemasMu.Unlock()
	return schemaOfType(t)
}

func schemaOfType(t reflect.Type) *bodySchema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := bodySchemas[t]; ok {
		return s
	}
	switch t.Kind() {
	case reflect.Map, reflect.Interface:
		s := &bodySchema{open: true}
		bodySchemas[t] = s
		return s
	case reflect.Slice, reflect.Array:
		s := &bodySchema{}
		bodySchemas[t] = s
		s.items = schemaOfType(t.Elem())
		return s
	case reflect.Struct:
	default:
		return nil // a scalar: no properties to check
	}
	s := &bodySchema{props: map[string]*bodySchema{}}
	bodySchemas[t] = s // before the fields: types may refer to themselves
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, hasTag := f.Tag.Lookup("json")
		name, _, _ := strings.Cut(tag, ",")
		switch {
		case f.Name == "ExtraProperties":
			s.open = true
		case !hasTag:
			if v := schemaOfType(f.Type); v != nil { // a scalar variant fits no object
				s.anyOf = append(s.anyOf, v)
			}
		case name == "-":
		default:
			s.props[name] = schemaOfType(f.Type)
		}
	}
	return s
}

// check validates a decoded JSON value against s; at is the property path
// ("" at the top).
func (s *bodySchema) check(v any, at string) *APIError {
	if s == nil || v == nil {
		return nil
	}
	switch val := v.(type) {
	case []any:
		if s.items == nil {
			return nil
		}
		for i, it := range val {
			if aerr := s.items.check(it, fmt.Sprintf("%s[%d]", at, i)); aerr != nil {
				return aerr
			}
		}
	case map[string]any:
		if len(s.anyOf) > 0 {
			return s.checkUnion(val, at)
		}
		if s.props == nil {
			return nil // a map or an interface
		}
		var unknown []string
		for k := range val {
			if _, ok := s.props[k]; !ok && !s.open {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			msg := "Payload validation error: 'Additional properties not allowed: " + strings.Join(unknown, ",") + "'"
			if at != "" {
				msg += " on property " + at
			}
			return errInvalidBody(msg + ".")
		}
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub := k
			if at != "" {
				sub = at + "." + k
			}
			if aerr := s.props[k].check(val[k], sub); aerr != nil {
				return aerr
			}
		}
	}
	return nil
}

// checkUnion accepts an object one variant accepts; otherwise it answers the
// refusal of the variant that knows most of the object's keys.
func (s *bodySchema) checkUnion(val map[string]any, at string) *APIError {
	var best *APIError
	bestKnown := -1
	for _, variant := range s.anyOf {
		aerr := variant.check(val, at)
		if aerr == nil {
			return nil
		}
		known := 0
		for k := range val {
			if _, ok := variant.props[k]; ok {
				known++
			}
		}
		if known > bestKnown {
			best, bestKnown = aerr, known
		}
	}
	return best
}

// checkBody refuses a request whose JSON body has properties its route's
// request type (requestBodies) does not name, and leaves the body readable
// for the handler. A body that is not JSON, or too big, is left to the
// handler's own answer.
func checkBody(pattern string, r *http.Request) *APIError {
	typ, ok := requestBodies[pattern]
	if !ok || typ == nil || r.Body == nil {
		return nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), errReader{err}))
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	var v any
	if len(bytes.TrimSpace(data)) == 0 || json.Unmarshal(data, &v) != nil {
		return nil
	}
	return routeSchema(pattern).check(v, "")
}

var (
	routeSchemasMu sync.Mutex
	routeSchemas   = map[string]*bodySchema{}
)

// routeSchema is the schema of a route's request type with the properties
// newerThanSDK adds there.
func routeSchema(pattern string) *bodySchema {
	routeSchemasMu.Lock()
	defer routeSchemasMu.Unlock()
	if s, ok := routeSchemas[pattern]; ok {
		return s
	}
	s := bodySchemaOf(reflect.TypeOf(requestBodies[pattern]))
	for _, add := range newerThanSDK {
		for _, rt := range add.routes {
			if rt == pattern {
				s = withProperty(s, strings.Split(add.path, "."))
			}
		}
	}
	routeSchemas[pattern] = s
	return s
}

// withProperty returns a copy of s that also accepts the property at path
// (any value); the schemas s shares with other routes are not changed.
func withProperty(s *bodySchema, path []string) *bodySchema {
	if s == nil {
		panic("auth0sim: newerThanSDK names a property inside a scalar: " + strings.Join(path, "."))
	}
	c := *s
	if len(s.anyOf) > 0 {
		c.anyOf = nil
		for _, v := range s.anyOf {
			c.anyOf = append(c.anyOf, withProperty(v, path))
		}
		return &c
	}
	c.props = make(map[string]*bodySchema, len(s.props)+1)
	for k, v := range s.props {
		c.props[k] = v
	}
	if len(path) == 1 {
		c.props[path[0]] = &bodySchema{open: true}
	} else {
		c.props[path[0]] = withProperty(s.props[path[0]], path[1:])
	}
	return &c
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
