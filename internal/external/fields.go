package external

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// A spec field that maps one to one to an Auth0 field says so in its `auth0` struct tag, and
// that one declaration drives the body sent to Auth0 (toAuth0), the export (fromAuth0) and the
// field coverage report:
//
//	SigningAlg    string           `json:"signingAlg,omitempty" auth0:"signing_alg,default=RS256"`
//	TokenLifetime *metav1.Duration `json:"tokenLifetime,omitempty" auth0:"token_lifetime,seconds,default=86400"`
//	JWT           *JWTConfiguration `json:"jwt,omitempty" auth0:"jwt_configuration"` // an object: its fields are tagged in turn
//
// A name may be a dot-separated path into nested Auth0 objects (stage.pre-login.max_attempts).
// Options: seconds, hours, ms (a Duration's unit in Auth0), set (a list of strings Auth0
// answers in no fixed order: exported sorted), default=V (Auth0's value on a new
// object, in Auth0's JSON: an export leaves it out). A field without the tag (a reference, a
// secret by reference, passthrough) is mapped by the kind's own code. Absent stays absent: an
// empty string, a nil pointer, a nil list, an empty map and the zero of an omitempty field are
// not sent; an empty list ([] in YAML) is: it clears the field.

type tag struct {
	name, unit string
	def        *string
	set        bool
}

func tagOf(f reflect.StructField) (tag, bool) {
	v, ok := f.Tag.Lookup("auth0")
	if !ok || v == "-" {
		return tag{}, false
	}
	parts := strings.Split(v, ",")
	t := tag{name: parts[0]}
	for _, p := range parts[1:] {
		if d, ok := strings.CutPrefix(p, "default="); ok {
			t.def = &d
		} else if p == "set" {
			t.set = true
		} else {
			t.unit = p
		}
	}
	return t, true
}

var durationType = reflect.TypeFor[metav1.Duration]()

var units = map[string]time.Duration{"seconds": time.Second, "hours": time.Hour, "ms": time.Millisecond}

// toAuth0 is the Auth0 JSON of spec's tagged fields (spec a struct or a pointer to one).
func toAuth0(spec any) object {
	b := object{}
	putFields(b, reflect.Indirect(reflect.ValueOf(spec)))
	return b
}

func putFields(b object, v reflect.Value) {
	for i := range v.NumField() {
		if strings.HasSuffix(v.Type().Field(i).Tag.Get("json"), ",omitempty") && v.Field(i).IsZero() {
			continue // the spec leaves it out
		}
		if t, ok := tagOf(v.Type().Field(i)); ok {
			if val, set := auth0Value(v.Field(i), t); set {
				putPath(b, t.name, val)
			}
		}
	}
}

// putPath sets b's field at a dot-separated path (stage.pre-login), making the objects on the
// way.
func putPath(b object, path string, val any) {
	parent, name, nested := strings.Cut(path, ".")
	if !nested {
		b[path] = val
		return
	}
	o, _ := b[parent].(object)
	if o == nil {
		o = object{}
		b[parent] = o
	}
	putPath(o, name, val)
}

// auth0Value is a spec value in Auth0's JSON, and whether the spec sets it.
func auth0Value(v reflect.Value, t tag) (any, bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil, false
		}
		return auth0Value(v.Elem(), t)
	case reflect.String:
		return v.String(), v.String() != ""
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int32, reflect.Int64:
		return v.Int(), true
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			return nil, false
		}
		if v.Kind() == reflect.Map {
			return v.Interface(), v.Len() > 0
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i], _ = auth0Value(v.Index(i), tag{})
		}
		return out, true
	case reflect.Struct:
		if v.Type() == durationType {
			d := v.Interface().(metav1.Duration).Duration
			if t.unit == "hours" {
				return d.Hours(), true
			}
			return int64(d / units[t.unit]), true
		}
		o := object{}
		putFields(o, v)
		return o, len(o) > 0
	}
	panic(fmt.Sprintf("auth0 tag %q: unsupported type %s", t.name, v.Type()))
}

// fieldNames are the Auth0 names of spec's tagged fields (the first part of a path), set or
// not.
func fieldNames(spec any) []string {
	t := reflect.Indirect(reflect.ValueOf(spec)).Type()
	var out []string
	for i := range t.NumField() {
		if tg, ok := tagOf(t.Field(i)); ok {
			first, _, _ := strings.Cut(tg.name, ".")
			out = append(out, first)
		}
	}
	return out
}

// fromAuth0 sets spec's tagged fields (spec a pointer to a struct) from the Auth0 object o,
// leaving out what Auth0 does not answer and what equals the field's default.
func fromAuth0(o object, spec any) {
	getFields(o, reflect.ValueOf(spec).Elem())
}

func getFields(o object, v reflect.Value) {
	for i := range v.NumField() {
		t, ok := tagOf(v.Type().Field(i))
		a, _ := at(o, t.name)
		if !ok || a == nil || (t.def != nil && canonical(a, t.set) == *t.def) {
			continue
		}
		setValue(v.Field(i), a, t)
	}
}

// canonical is a JSON value as a default is written: 86400, true, en (a list: its elements
// separated by spaces, sorted for a set).
func canonical(v any, set bool) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		s := make([]string, len(v))
		for i, e := range v {
			s[i] = canonical(e, false)
		}
		if set {
			slices.Sort(s)
		}
		return strings.Join(s, " ")
	}
	return fmt.Sprint(v)
}

// setValue sets the spec field f from the Auth0 value a; a value of another type than the
// field's is left out.
func setValue(f reflect.Value, a any, t tag) {
	if f.Kind() == reflect.Pointer {
		e := reflect.New(f.Type().Elem()).Elem()
		if !matches(e.Type(), a) {
			return
		}
		setValue(e, a, t)
		if e.Kind() != reflect.Struct || e.Type() == durationType || !e.IsZero() {
			f.Set(e.Addr())
		}
		return
	}
	switch f.Kind() {
	case reflect.String:
		s, _ := a.(string)
		f.SetString(s)
	case reflect.Bool:
		b, _ := a.(bool)
		f.SetBool(b)
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, _ := a.(float64)
		f.SetInt(int64(n))
	case reflect.Slice:
		l, _ := a.([]any)
		if len(l) == 0 {
			return
		}
		s := reflect.MakeSlice(f.Type(), 0, len(l))
		for _, e := range l {
			el := reflect.New(f.Type().Elem()).Elem()
			setValue(el, e, tag{})
			s = reflect.Append(s, el)
		}
		if t.set && f.Type().Elem().Kind() == reflect.String {
			slices.SortFunc(s.Interface().([]string), strings.Compare)
		}
		f.Set(s)
	case reflect.Map:
		m, _ := a.(map[string]any)
		if len(m) == 0 {
			return
		}
		out := reflect.MakeMap(f.Type())
		for k, e := range m {
			if ev := reflect.ValueOf(e); ev.IsValid() && ev.Type().AssignableTo(f.Type().Elem()) {
				out.SetMapIndex(reflect.ValueOf(k), ev)
			}
		}
		f.Set(out)
	case reflect.Struct:
		if f.Type() == durationType {
			n, _ := a.(float64)
			unit := units[t.unit]
			f.Set(reflect.ValueOf(metav1.Duration{Duration: time.Duration(n * float64(unit))}))
			return
		}
		if m, ok := a.(map[string]any); ok {
			getFields(m, f)
		}
	default:
		panic(fmt.Sprintf("auth0 tag %q: unsupported type %s", t.name, f.Type()))
	}
}

// matches tells whether an Auth0 value a has the JSON type a field of type t holds.
func matches(t reflect.Type, a any) bool {
	switch a.(type) {
	case string:
		return t.Kind() == reflect.String
	case bool:
		return t.Kind() == reflect.Bool
	case float64:
		return t == durationType || t.Kind() == reflect.Int || t.Kind() == reflect.Int32 || t.Kind() == reflect.Int64
	case map[string]any:
		return t.Kind() == reflect.Map || (t.Kind() == reflect.Struct && t != durationType)
	case []any:
		return t.Kind() == reflect.Slice
	}
	return false
}

// withPassthrough merges a spec's passthrough (Auth0 fields the kind does not type yet, in
// Auth0's JSON names) into the body b. A key the spec types (a tagged field of spec, set or
// not), that the body already has, or that the kind manages outside the body (extras) is
// refused: a field has one place in a spec. (The CRD cannot refuse them at apply time: CEL
// does not see into a map of schemaless JSON values.)
func withPassthrough(b object, spec any, pass map[string]apiextensionsv1.JSON, extras ...string) error {
	typed := append(fieldNames(spec), extras...)
	for _, k := range slices.Sorted(maps.Keys(pass)) {
		if _, set := b[k]; set || slices.Contains(typed, k) {
			return reconcile.InvalidSpec("spec.passthrough.%s: the field is modelled by the spec or managed by the operator; set it there, not in passthrough", k)
		}
		var v any
		if err := json.Unmarshal(pass[k].Raw, &v); err != nil {
			return reconcile.InvalidSpec("spec.passthrough.%s is not valid JSON", k)
		}
		b[k] = v
	}
	return nil
}
