package external

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// An export writes a profile with its page text, and adopts it without a difference.
func TestExportSelfServiceProfileWithCustomText(t *testing.T) {
	st := newSimTenant(t)
	id := st.add(t, "self-service-profiles", map[string]any{"name": "partners", "description": "SSO for partners",
		"allowed_strategies": []any{"samlp"}, "user_attributes": []any{map[string]any{"name": "email", "description": "Work email", "is_optional": false}}})
	lang, page := "en", "get-started"
	if err := applyProfileTexts(context.Background(), st.c, id, map[string]object{textKey(lang, page): {"introduction": "Welcome"}}, nil); err != nil {
		t.Fatal(err)
	}
	objs := exportKind(t, st.c, selfServiceProfileExporter)
	s := objs[id].Object.(*v1alpha1.SelfServiceProfile).Spec
	s.ManagedSpec = v1alpha1.ManagedSpec{}
	want := v1alpha1.SelfServiceProfileSpec{Name: "partners", Description: "SSO for partners", AllowedStrategies: []string{"samlp"},
		UserAttributes: []v1alpha1.SelfServiceProfileUserAttribute{{Name: "email", Description: "Work email"}},
		CustomText:     []v1alpha1.SelfServiceProfileCustomText{{Language: "en", Page: "get-started", Texts: map[string]string{"introduction": "Welcome"}}}}
	if d := cmp.Diff(want, s); d != "" {
		t.Errorf("exported spec (-want +got):\n%s", d)
	}
	observeExported(t, st.c, NewSelfServiceProfile(), objs)
}
