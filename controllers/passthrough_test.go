package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// spec.passthrough carries a field Auth0 has and the kind does not type yet: it is sent,
// compared for drift and corrected; a key the kind types is refused before any write; a key
// Auth0 does not know fails loudly with Auth0's own answer.
func TestPassthroughSentComparedAndChecked(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	ls := logStream(f, "priority", func(s *v1alpha1.LogStreamSpec) {
		s.HTTP = &v1alpha1.LogStreamHTTP{Endpoint: "https://logs.example.com/in", ContentFormat: "JSONLINES"}
		s.Passthrough = map[string]apiextensionsv1.JSON{"isPriority": {Raw: []byte(`true`)}}
	})
	f.create(ls)
	f.waitReady(ls)
	if o := f.simObject("log-streams", ls.Status.ID); o["isPriority"] != true {
		t.Fatalf("stream in Auth0: %v", o)
	}
	f.sim.PatchObject("log-streams", ls.Status.ID, auth0sim.Object{"isPriority": false})
	if note := f.waitEvent("priority", "DriftDetected"); !strings.Contains(note, "isPriority") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) {
		o := f.simObject("log-streams", ls.Status.ID)
		return o["isPriority"] == true, fmt.Sprintf("isPriority = %v", o["isPriority"])
	})

	// A typed field in passthrough: refused with the reason, before anything is written.
	typed := &v1alpha1.Role{ObjectMeta: metav1.ObjectMeta{Name: "typed", Namespace: f.ns},
		Spec: v1alpha1.RoleSpec{ManagedSpec: f.ref(), Passthrough: map[string]apiextensionsv1.JSON{"description": {Raw: []byte(`"x"`)}}}}
	writes := f.writes()
	f.create(typed)
	c := f.waitCondition(typed, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "spec.passthrough.description: the field is modelled by the spec") || f.writes() != writes {
		t.Errorf("Stalled message %q, %d writes", c.Message, f.writes()-writes)
	}

	// A misspelled key: Auth0's 400, verbatim, in Stalled.
	typo := &v1alpha1.Role{ObjectMeta: metav1.ObjectMeta{Name: "typo", Namespace: f.ns},
		Spec: v1alpha1.RoleSpec{ManagedSpec: f.ref(), Passthrough: map[string]apiextensionsv1.JSON{"descripton": {Raw: []byte(`"x"`)}}}}
	f.create(typo)
	c = f.waitCondition(typo, v1alpha1.ConditionStalled, metav1.ConditionTrue, "")
	if !strings.Contains(c.Message, "descripton") {
		t.Errorf("Stalled message %q does not name the unknown field", c.Message)
	}
}
