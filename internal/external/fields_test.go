package external

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type mode string

type tagged struct {
	Name     string            `auth0:"name"`
	Mode     mode              `auth0:"mode,default=persistent"`
	Enabled  *bool             `auth0:"enabled,default=false"`
	Count    *int32            `auth0:"count"`
	TTL      *metav1.Duration  `auth0:"ttl,seconds,default=86400"`
	Session  *metav1.Duration  `auth0:"stage.login.session,hours"`
	Rate     *metav1.Duration  `auth0:"rate,ms"`
	URLs     []string          `auth0:"urls,set"`
	Locales  []string          `auth0:"locales,set,default=en fr"`
	Items    []taggedItem      `auth0:"items"`
	Metadata map[string]string `auth0:"metadata"`
	Nested   *taggedNested     `auth0:"nested"`
	Ignored  string            `json:"ignored"`
}

type taggedItem struct {
	Value string `auth0:"value"`
}

type taggedNested struct {
	Flag *bool `auth0:"flag,default=true"`
}

func TestTaggedFieldsMapBothWays(t *testing.T) {
	spec := tagged{Name: "a", Mode: "non-persistent", Enabled: ptr(true), Count: ptr(int32(3)),
		TTL: &metav1.Duration{Duration: time.Hour}, Session: &metav1.Duration{Duration: 90 * time.Minute},
		Rate: &metav1.Duration{Duration: 2 * time.Second}, URLs: []string{}, Items: []taggedItem{{Value: "x"}},
		Metadata: map[string]string{"k": "v"}, Nested: &taggedNested{Flag: ptr(false)}, Ignored: "not sent"}
	body, err := jsonObject(toAuth0(&spec))
	if err != nil {
		t.Fatal(err)
	}
	want := object{"name": "a", "mode": "non-persistent", "enabled": true, "count": 3.0, "ttl": 3600.0, "stage": object{"login": object{"session": 1.5}},
		"rate": 2000.0, "urls": []any{}, "items": []any{object{"value": "x"}}, "metadata": object{"k": "v"},
		"nested": object{"flag": false}}
	if d := cmp.Diff(want, body); d != "" {
		t.Errorf("body (-want +got):\n%s", d)
	}

	if b := toAuth0(tagged{Nested: &taggedNested{}}); len(b) != 0 {
		t.Errorf("an empty spec sends %v, want nothing", b)
	}

	var back tagged
	fromAuth0(body, &back)
	spec.URLs, spec.Ignored = nil, "" // an empty list exports as absent; untagged fields are the kind's
	if d := cmp.Diff(spec, back); d != "" {
		t.Errorf("export (-want +got):\n%s", d)
	}

	var defaults tagged
	fromAuth0(object{"mode": "persistent", "enabled": false, "ttl": 86400.0, "locales": []any{"fr", "en"},
		"nested": object{"flag": true}, "count": "not a number"}, &defaults)
	if d := cmp.Diff(tagged{}, defaults); d != "" {
		t.Errorf("defaults and mistyped values are left out (-want +got):\n%s", d)
	}
}
