package external

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// An observation carries the spec's and Auth0's values of each differing field, for a plan to
// show, but never those of an input (a Secret value, a ConfigMap text) nor of a part.
func TestObservationValuesLeaveInputsOut(t *testing.T) {
	want := object{"name": "Orders", "sink": object{"httpAuthorization": "Bearer s3cret", "httpEndpoint": "https://a"},
		"code": "exports.onExecutePostLogin = ...", "flags": object{"enable_sso": true}}
	got := object{"name": "orders", "sink": object{"httpAuthorization": "Bearer old", "httpEndpoint": "https://b"},
		"code": "old", "flags": object{}}
	obs := reconcile.Observation{
		Diff:    append(drift(want, got), "permissions"),
		Inputs:  map[string]string{"sink.httpAuthorization": "digest"},
		Changed: []string{"code"},
	}
	got2 := withValues(obs, want, got).Values
	exp := map[string]reconcile.Change{
		"name":              {Want: "Orders", Have: "orders"},
		"sink.httpEndpoint": {Want: "https://a", Have: "https://b"},
		"flags.enable_sso":  {Want: true, Have: nil},
	}
	if d := cmp.Diff(exp, got2); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
}
