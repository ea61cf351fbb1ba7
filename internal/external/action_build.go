package external

import (
	"context"
	"strings"
	"time"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// An action's build and deployment: Auth0 builds each draft written, and runs the version
// deployed last; the Action reports both and deploys a built draft that differs.

// buildPoll is how soon an Action whose draft Auth0 is building is looked at again: builds
// take seconds, and a worker must not wait for them.
const buildPoll = 3 * time.Second

// buildState folds Auth0's build statuses into the four the status reports.
func buildState(a object) string {
	switch s := stringOf(a, "status"); s {
	case v1alpha1.ActionBuildBuilt, v1alpha1.ActionBuildFailed:
		return s
	case "pending":
		return v1alpha1.ActionBuildPending
	}
	return v1alpha1.ActionBuildBuilding // building, packaged, retrying
}

// deployed tells whether Auth0 runs the draft as it is (not an older version rolled back to).
func deployed(a object) bool {
	dv := objectField(a, "deployed_version")
	if len(dv) == 0 || a["all_changes_deployed"] != true {
		return false
	}
	return dv["code"] == a["code"] && dv["runtime"] == a["runtime"] && equal(dv["dependencies"], a["dependencies"])
}

// deployedVersion is the number of the version Auth0 runs (0: none).
func deployedVersion(a object) int {
	n, _ := objectField(a, "deployed_version")["number"].(float64)
	return int(n)
}

// buildError is Auth0's message for a failed build (the draft's errors, which the SDK's type
// does not model).
func (a *Action) buildError(ctx context.Context, c *auth0.Client, id string) (string, error) {
	r, err := actions.Fetch(ctx, c.API(), id)
	if err != nil {
		return "", err
	}
	var msgs []string
	for _, e := range anyList(r, "errors") {
		if m, _ := e.(map[string]any)["msg"].(string); m != "" {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 0 {
		return "the build failed (Auth0 gave no message; see the action in the dashboard)", nil
	}
	return strings.Join(msgs, "; "), nil
}

// reportBuild completes obs, the observation of a draft that equals the spec, with the draft's
// build and deployment: still building is Ready=False, a failed build stalls, a built draft
// that Auth0 does not run is to deploy.
func (a *Action) reportBuild(ctx context.Context, c *auth0.Client, act *v1alpha1.Action, id string, got object, obs reconcile.Observation) (reconcile.Observation, error) {
	switch act.Status.Build {
	case v1alpha1.ActionBuildPending, v1alpha1.ActionBuildBuilding:
		obs.UpToDate = true
		obs.NotReady = &reconcile.Waiting{Reason: v1alpha1.ReasonBuilding, RetryAfter: buildPoll,
			Message: "Auth0 is building the action (" + stringOf(got, "status") + ")"}
		return obs, nil
	case v1alpha1.ActionBuildFailed:
		msg, err := a.buildError(ctx, c, id)
		if err != nil {
			return reconcile.Observation{}, err
		}
		return reconcile.Observation{}, &reconcile.Stall{Reason: v1alpha1.ReasonBuildFailed,
			Message: "Auth0 could not build the action: " + msg}
	}
	if deploy := act.Spec.Deploy; (deploy == nil || *deploy) && !deployed(got) {
		obs.Diff = []string{"deployed_version"}
		return obs, nil
	}
	obs.UpToDate = true
	return obs, nil
}
