package export

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// A URL can carry a credential: a password in its userinfo, or a token in its query
// (https://hooks.example.com/x?token=...). The export never writes one: the object that holds
// it is named instead, and left out whole (leaving out only the URL would make applying the
// export remove it from Auth0).

// secretQueryParams are query parameter names that carry credentials.
var secretQueryParams = []string{"token", "access_token", "id_token", "api_key", "apikey", "key", "secret",
	"client_secret", "password", "pass", "pwd", "sig", "signature", "auth", "code", "sas", "credential"}

// credentialURLs returns the spec paths of v (an exported object) whose value is a URL with a
// credential in it.
func credentialURLs(v any) ([]string, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var found []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case string:
			if hasCredential(v) {
				found = append(found, path)
			}
		}
	}
	walk("spec", doc["spec"])
	sort.Strings(found)
	return found, nil
}

// hasCredential tells whether s is a URL with a password or a credential-like query parameter.
func hasCredential(s string) bool {
	if !strings.Contains(s, "://") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	if _, ok := u.User.Password(); ok {
		return true
	}
	for name := range u.Query() {
		n := strings.ToLower(name)
		for _, p := range secretQueryParams {
			if n == p || strings.HasSuffix(n, "_"+p) || strings.HasSuffix(n, "-"+p) {
				return true
			}
		}
	}
	return false
}
