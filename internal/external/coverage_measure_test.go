package external

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// How the coverage test measures a kind: the fields Auth0 accepts, read from go-auth0's request
// types, and the fields the kind sends, read from the bodies its own code builds for a spec
// with every field set.

// accepted are the fields a Management API request accepts, in Auth0's JSON names (nested ones
// as parent.child), and the go-auth0 types they were read from.
type accepted struct {
	fields []string
	types  []string
}

// requestFields are the JSON fields of go-auth0 request types (values or pointers), create and
// update together. A field without a JSON tag holding a struct pointer is a variant of a union
// (a log stream per sink type): its fields count.
func requestFields(types ...any) accepted {
	var a accepted
	for _, v := range types {
		t := reflect.TypeOf(v)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		a.fields = append(a.fields, jsonFields(t)...)
		a.types = append(a.types, "management."+t.Name())
	}
	slices.Sort(a.fields)
	a.fields = slices.Compact(a.fields)
	return a
}

func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
		case name == "" && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			out = append(out, jsonFields(f.Type.Elem())...)
		case name != "":
			out = append(out, name)
		}
	}
	return out
}

// nest counts the object field key by its own fields, those of types (an options-style object:
// a connection's options, the tenant's flags), instead of as one field.
func (a accepted) nest(key string, types ...any) accepted {
	inner := requestFields(types...)
	out := accepted{types: append(a.types, inner.types...)}
	for _, f := range a.fields {
		if f != key {
			out.fields = append(out.fields, f)
		}
	}
	for _, f := range inner.fields {
		out.fields = append(out.fields, key+"."+f)
	}
	slices.Sort(out.fields)
	return out
}

// under is a with every field under prefix: one section of a kind that writes several
// endpoints (attack protection's).
func (a accepted) under(prefix string) accepted {
	out := accepted{types: a.types}
	for _, f := range a.fields {
		out.fields = append(out.fields, prefix+"."+f)
	}
	return out
}

func joinAccepted(as ...accepted) accepted {
	var out accepted
	for _, a := range as {
		out.fields = append(out.fields, a.fields...)
		out.types = append(out.types, a.types...)
	}
	slices.Sort(out.fields)
	return out
}

// sentFields are the keys of the bodies a kind sent; the keys of an object named in nested
// count by their own keys (parent.child), as in accepted.nest.
func sentFields(nested []string, bodies ...map[string]any) []string {
	var out []string
	for _, b := range bodies {
		for k, v := range b {
			inner, ok := v.(map[string]any)
			if !ok || !slices.Contains(nested, k) {
				out = append(out, k)
				continue
			}
			for ik := range inner {
				out = append(out, k+"."+ik)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// filledValue is the string every filled field holds: also the name and key of every Secret
// and ConfigMap a filled spec refers to, which anyInput answers.
const filledValue = "x"

// fill sets every exported field reachable from v (a pointer) to a value that is not zero:
// strings filledValue, numbers 1, bools true, pointers allocated, one entry per slice and map.
// Free-form JSON (apiextensionsv1.JSON in any shape) and the fields named in untyped stay
// empty: what they carry is the user's own JSON, not a field the kind types.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.IsExported() && !slices.Contains(untyped, f.Name) && !holdsJSON(f.Type) {
				fill(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString(filledValue)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Map:
		key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(key)
		fill(val)
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(key, val)
	}
}

// untyped are the spec fields whose keys are Auth0's names as the user writes them: what they
// reach is passthrough, not coverage.
var untyped = []string{"Passthrough", "SecretOptions"}

func holdsJSON(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	return t == reflect.TypeOf(apiextensionsv1.JSON{})
}

// filled is a new *T with every field set (see fill).
func filled[T any]() *T {
	p := new(T)
	fill(reflect.ValueOf(p))
	return p
}

// anyInput is a Kubernetes reader that has every Secret and ConfigMap a filled spec refers to.
type anyInput struct{}

func (anyInput) Get(_ context.Context, key client.ObjectKey, obj client.Object, _ ...client.GetOption) error {
	switch o := obj.(type) {
	case *corev1.Secret:
		o.Data = map[string][]byte{filledValue: []byte("secret value")}
	case *corev1.ConfigMap:
		o.Data = map[string]string{filledValue: "text"}
	default:
		return fmt.Errorf("anyInput has no %T %s", obj, key)
	}
	return nil
}

func (anyInput) List(context.Context, client.ObjectList, ...client.ListOption) error {
	return fmt.Errorf("anyInput lists nothing")
}

// reason is why an accepted field is not covered: a deliberate choice, or a gap an issue tracks.
type reason struct {
	issue int // 0: left out on purpose
	why   string
	// typed: the kind types the field but writes it through an endpoint of its own (an
	// organization's enabled connections): covered, though the body does not carry it.
	typed bool
}

func leftOut(why string) reason            { return reason{why: why} }
func ownEndpoint(why string) reason        { return reason{why: why, typed: true} }
func notYet(issue int, what string) reason { return reason{issue: issue, why: what} }

// lookup is the reason listed for field: its own entry, or that of a section ("captcha.*").
func lookup(listed map[string]reason, field string) (reason, string, bool) {
	if r, ok := listed[field]; ok {
		return r, field, true
	}
	for k, r := range listed {
		if prefix, ok := strings.CutSuffix(k, "*"); ok && strings.HasPrefix(field, prefix) {
			return r, k, true
		}
	}
	return reason{}, "", false
}

// measure is one kind's coverage: what it covers, what is listed and why, and the problems
// that fail the test.
type measure struct {
	kind, types     string
	accepted        int
	covered         []string
	leftOut, notYet map[string]reason
	// ownEndpoint are the covered fields written through an endpoint of their own.
	ownEndpoint          map[string]reason
	sentNotAccepted      []string
	unlisted, staleLists []string
	// extra are the fields sent that no request type declares, with the reason they are.
	extra map[string]reason
}

func measureKind(kind string, acc accepted, sent []string, listed, extra map[string]reason) measure {
	m := measure{kind: kind, types: strings.Join(acc.types, ", "), accepted: len(acc.fields),
		leftOut: map[string]reason{}, notYet: map[string]reason{}, ownEndpoint: map[string]reason{}, extra: extra}
	used := map[string]bool{}
	for _, f := range acc.fields {
		r, entry, ok := lookup(listed, f)
		switch {
		case slices.Contains(sent, f) && entry == f:
			m.staleLists = append(m.staleLists, f+" is covered; remove its entry")
			used[entry] = true
		case slices.Contains(sent, f): // a section's entry ("flags.*") lists only the rest
			m.covered = append(m.covered, f)
		case !ok:
			m.unlisted = append(m.unlisted, f)
		case r.typed:
			m.covered = append(m.covered, f)
			m.ownEndpoint[f], used[entry] = r, true
		case r.issue == 0:
			m.leftOut[f], used[entry] = r, true
		default:
			m.notYet[f], used[entry] = r, true
		}
	}
	for _, f := range sent {
		if !slices.Contains(acc.fields, f) {
			if _, ok := extra[f]; !ok {
				m.sentNotAccepted = append(m.sentNotAccepted, f)
			}
		}
	}
	for k := range extra {
		if !slices.Contains(sent, k) {
			m.staleLists = append(m.staleLists, k+" is listed as sent but is not sent")
		}
	}
	for k := range listed {
		if !used[k] {
			m.staleLists = append(m.staleLists, k+" is listed but is no uncovered field a request type accepts")
		}
	}
	sort.Strings(m.staleLists)
	return m
}
