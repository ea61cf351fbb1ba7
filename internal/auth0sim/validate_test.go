package auth0sim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// callSim serves one call in process with a token holding every scope.
func callSim(t *testing.T, s *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.MintToken(s.AllScopes()...))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var m map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &m)
	return rec.Code, m
}

func additionalPropertiesBody(props, at string) map[string]any {
	msg := "Payload validation error: 'Additional properties not allowed: " + props + "'"
	if at != "" {
		msg += " on property " + at
	}
	return map[string]any{"statusCode": 400.0, "error": "Bad Request", "errorCode": "invalid_body", "message": msg + "."}
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestEveryWriteRouteRefusesUnknownProperties walks the router: every write
// route is in requestBodies, and every one that takes a body refuses a
// property its go-auth0 request type does not name, with Auth0's 400.
func TestEveryWriteRouteRefusesUnknownProperties(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for p := range s.routes {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	checked := 0
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		if method == http.MethodGet {
			continue
		}
		typ, listed := requestBodies[p]
		if !listed {
			t.Errorf("write route %s is not in requestBodies: name its go-auth0 request type (or nil if it takes no body)", p)
			continue
		}
		if typ == nil {
			continue
		}
		schema := bodySchemaOf(reflect.TypeOf(typ))
		if schema.open && len(schema.anyOf) == 0 {
			// A map type: Auth0's definition lets any key through here
			// (prompt custom text is keyed by screen name).
			t.Logf("%s takes %T, a map: any property is accepted", p, typ)
			continue
		}
		if schema.props == nil && len(schema.anyOf) == 0 && (schema.items == nil || schema.items.props == nil) {
			// A list of scalars (MFA policies): no property to refuse.
			t.Logf("%s takes %T, a list of scalars", p, typ)
			continue
		}
		body := `{"no_such_property_x":1}`
		if schema.items != nil {
			body = `[{"no_such_property_x":1}]`
		}
		at := ""
		if schema.items != nil {
			at = "[0]"
		}
		code, got := callSim(t, s, method, pathParam.ReplaceAllString(path, "x"), body)
		if code != http.StatusBadRequest {
			t.Errorf("%s with an unknown property: status %d, want 400 (%v)", p, code, got)
			continue
		}
		if d := cmp.Diff(additionalPropertiesBody("no_such_property_x", at), got); d != "" {
			t.Errorf("%s refusal body (-want +got):\n%s", p, d)
		}
		checked++
	}
	for p := range requestBodies {
		if _, ok := s.routes[p]; !ok {
			t.Errorf("requestBodies names %s, which no route serves", p)
		}
	}
	if checked < 40 {
		t.Errorf("only %d write routes checked", checked)
	}
}

func TestNestedAndUnionBodies(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path, body string
		want                     map[string]any // nil: accepted (not a 400)
	}{
		{"nested closed object", "POST", "/api/v2/clients", `{"name":"a","jwt_configuration":{"alg":"RS256","open":1},"addons":{"nope":{}}}`,
			additionalPropertiesBody("nope", "addons")},
		{"two unknown keys, sorted", "POST", "/api/v2/roles", `{"name":"a","zeta":1,"alpha":2}`,
			additionalPropertiesBody("alpha,zeta", "")},
		{"array items", "POST", "/api/v2/resource-servers", `{"identifier":"https://x","scopes":[{"value":"a","nope":1}]}`,
			additionalPropertiesBody("nope", "scopes[0]")},
		{"object that allows additional properties", "POST", "/api/v2/connections",
			`{"name":"c","strategy":"auth0","options":{"some_strategy_option":true}}`, nil},
		{"map", "POST", "/api/v2/clients", `{"name":"m","client_metadata":{"anything":"x"}}`, nil},
		{"union variant fits", "POST", "/api/v2/log-streams",
			`{"name":"l","type":"http","sink":{"httpEndpoint":"https://e","httpContentType":"application/json","httpContentFormat":"JSONLINES","httpAuthorization":"x"}}`, nil},
		{"union no variant fits", "POST", "/api/v2/log-streams", `{"name":"l","type":"http","sink":{"httpEndpoint":"https://e"},"nope":1}`,
			additionalPropertiesBody("nope", "")},
		{"null is no property value to check", "PATCH", "/api/v2/tenants/settings", `{"flags":null}`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, got := callSim(t, s, tc.method, tc.path, tc.body)
			if tc.want == nil {
				if code == http.StatusBadRequest {
					t.Fatalf("refused: %v", got)
				}
				return
			}
			if code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %v", code, got)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
