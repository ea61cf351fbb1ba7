package external

import (
	"strings"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// spec.passthrough adds the fields a kind does not type, and refuses those it does (set in
// the spec or not), those the body already has and those the kind manages outside its tags.
func TestPassthroughMergesUntypedAndRefusesTyped(t *testing.T) {
	raw := func(s string) apiextensionsv1.JSON { return apiextensionsv1.JSON{Raw: []byte(s)} }
	rs := v1alpha1.ResourceServerSpec{Identifier: "https://api"}
	b := toAuth0(rs)
	if err := withPassthrough(b, rs, map[string]apiextensionsv1.JSON{"a_new_setting": raw(`{"on":true}`)}, "signing_secret"); err != nil {
		t.Fatal(err)
	}
	if o, _ := b["a_new_setting"].(map[string]any); o["on"] != true || b["identifier"] != "https://api" {
		t.Errorf("body %v", b)
	}
	for key, why := range map[string]string{
		"identifier":     "typed and set",
		"token_dialect":  "typed, not set",
		"signing_secret": "managed outside the tags",
	} {
		err := withPassthrough(toAuth0(rs), rs, map[string]apiextensionsv1.JSON{key: raw(`"x"`)}, "signing_secret")
		if err == nil || !strings.Contains(err.Error(), "spec.passthrough."+key+": the field is modelled by the spec") {
			t.Errorf("%s (%s): err = %v", key, why, err)
		}
	}
	if err := withPassthrough(object{}, rs, map[string]apiextensionsv1.JSON{"x": raw(`{`)}); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("invalid JSON: err = %v", err)
	}
}
