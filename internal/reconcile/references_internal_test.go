package reconcile

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/event"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

func TestReferenceChangedIgnoresRoutineStatusWrites(t *testing.T) {
	rs := func(gen int64, id string, ready metav1.ConditionStatus, lastSync int64) *v1alpha1.ResourceServer {
		o := &v1alpha1.ResourceServer{ObjectMeta: metav1.ObjectMeta{Name: "orders", Generation: gen}}
		o.Status.ID = id
		o.Status.LastSyncTime = &metav1.Time{Time: metav1.Unix(lastSync, 0).Time}
		o.Status.Conditions = []metav1.Condition{{Type: v1alpha1.ConditionReady, Status: ready}}
		return o
	}
	base := rs(1, "api_1", metav1.ConditionTrue, 100)
	for _, tc := range []struct {
		name string
		new  *v1alpha1.ResourceServer
		want bool
	}{
		{"a new lastSyncTime only", rs(1, "api_1", metav1.ConditionTrue, 200), false},
		{"a spec change", rs(2, "api_1", metav1.ConditionTrue, 100), true},
		{"an Auth0 ID", rs(1, "api_2", metav1.ConditionTrue, 100), true},
		{"a change of readiness", rs(1, "api_1", metav1.ConditionFalse, 200), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := referenceChanged().Update(event.UpdateEvent{ObjectOld: base, ObjectNew: tc.new}); got != tc.want {
				t.Errorf("referenceChanged = %v, want %v", got, tc.want)
			}
		})
	}
}
