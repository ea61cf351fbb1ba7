package external

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// stillBoundRetry is how soon deleting an Action that a trigger still binds is tried again
// (the TriggerBinding that unbinds it is usually deleted or changed in the same commit).
const stillBoundRetry = 10 * time.Second

// actions is the tenant's action list, read once per drift interval for all of them. The
// TriggerBinding kind finds actions not managed here in it by name.
var actions = auth0.Snapshot[object]{
	Kind: "actions",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]object, int, error) {
		p, err := api.Actions.List(ctx, &management.ListActionsRequestParameters{Page: &page, PerPage: &perPage})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Results)
		return items, int(p.Response.GetTotal()), err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return decoded(api.Actions.Get(ctx, id))
	},
}

// Action maps an Action to an Auth0 action, found by name: its draft, its build and its
// deployed version.
type Action struct {
	Collection[*v1alpha1.Action]
	// Inputs reads the code's ConfigMap and the secrets' Secrets, past the cache.
	Inputs reconcile.Inputs
}

// NewAction returns the Action mapping; reader should be the manager's API reader (the
// operator caches neither ConfigMaps nor Secrets).
func NewAction(reader client.Reader) *Action {
	a := &Action{Inputs: reconcile.Inputs{Reader: reader}}
	a.Collection = Collection[*v1alpha1.Action]{
		List: actions,
		Key:  keyName(func(act *v1alpha1.Action) string { return act.AuthName() }),
		// A create sends every secret's value (Auth0 starts building the draft).
		Body: func(ctx context.Context, _ *auth0.Client, act *v1alpha1.Action) (object, error) {
			in, err := a.inputs(ctx, act)
			if err != nil {
				return nil, err
			}
			all := map[string]bool{}
			for n := range in.secrets {
				all[n] = true
			}
			return actionBody(act, in, all)
		},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Actions.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Actions.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.Actions.Delete(ctx, id, &management.DeleteActionRequestParameters{})
		},
	}
	return a
}

var (
	_ reconcile.External[*v1alpha1.Action] = (*Action)(nil)
	_ reconcile.Resolver[*v1alpha1.Action] = (*Action)(nil)
)

// actionInputs are the values the spec takes from ConfigMaps and Secrets. They are read at
// each use, never kept: secret values live only as long as one call.
type actionInputs struct {
	code    string
	secrets map[string]string // name -> value
}

func (a *Action) inputs(ctx context.Context, act *v1alpha1.Action) (actionInputs, error) {
	code, err := a.Inputs.Text(ctx, act.Namespace, &act.Spec.Code)
	if err != nil {
		return actionInputs{}, err
	}
	in := actionInputs{code: code, secrets: map[string]string{}}
	for _, s := range act.Spec.Secrets {
		v, err := a.Inputs.Secret(ctx, act.Namespace, s.ValueFrom.SecretKeyRef)
		if err != nil {
			return actionInputs{}, err
		}
		in.secrets[s.Name] = string(v)
	}
	return in, nil
}

// actionBody is the draft the spec describes, in Auth0's JSON. The secrets are listed by
// name; a secret carries its value only when send names it (values are compared through
// digests, Auth0 never returns them, and a secret listed without a value keeps Auth0's).
func actionBody(act *v1alpha1.Action, in actionInputs, send map[string]bool) (object, error) {
	s := act.Spec
	deps := []map[string]string{}
	for _, d := range s.Dependencies {
		deps = append(deps, map[string]string{"name": d.Name, "version": d.Version})
	}
	secrets := []map[string]string{}
	for _, sec := range s.Secrets {
		m := map[string]string{"name": sec.Name}
		if send[sec.Name] {
			m["value"] = in.secrets[sec.Name]
		}
		secrets = append(secrets, m)
	}
	b := toAuth0(s)
	b["name"], b["code"], b["dependencies"], b["secrets"] = act.AuthName(), in.code, deps, secrets
	b["supported_triggers"] = []map[string]string{{"id": s.Trigger.ID, "version": s.Trigger.Version}}
	if err := withPassthrough(b, act.Spec, act.Spec.Passthrough); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// Resolve reads the inputs once before anything is written, so that a missing ConfigMap,
// Secret or key waits (naming it) instead of failing half-way.
func (a *Action) Resolve(ctx context.Context, act *v1alpha1.Action) error {
	_, err := a.inputs(ctx, act)
	return err
}

// Observe compares the draft with the spec, then reports the build and the deployment.
func (a *Action) Observe(ctx context.Context, c *auth0.Client, act *v1alpha1.Action, id string) (reconcile.Observation, error) {
	in, err := a.inputs(ctx, act)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, ok, err := actions.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	if st := buildState(got); st == v1alpha1.ActionBuildPending || st == v1alpha1.ActionBuildBuilding || got["code"] == nil {
		// The snapshot may be older than the build: ask Auth0 how it is going now. (A list
		// entry without code, should Auth0 ever shorten its list answer, is read in full too.)
		if got, err = actions.Fetch(ctx, c.API(), id); err != nil {
			if auth0.IsNotFound(err) {
				actions.Delete(c, id)
				return reconcile.Observation{}, nil
			}
			return reconcile.Observation{}, err
		}
		actions.Put(c, got)
	}
	act.Status.Build = buildState(got)
	act.Status.DeployedVersion = deployedVersion(got)

	want, err := actionBody(act, in, nil)
	if err != nil {
		return reconcile.Observation{}, err
	}
	secretNames := want["secrets"]
	delete(want, "secrets")
	diff := drift(want, got)
	var gotNames []any
	has := map[string]bool{}
	for _, e := range anyList(got, "secrets") {
		n := stringOf(e.(map[string]any), "name")
		gotNames, has[n] = append(gotNames, map[string]any{"name": n}), true
	}
	if !equal(secretNames, gotNames) {
		diff = append(diff, "secrets")
	}

	// Secret values cannot be read back: each is an input, whose digest tells whether it changed
	// since it was last written. A write carries the values that changed, and those of secrets
	// Auth0 does not list (obs.Changed names them "secrets.NAME").
	obs := reconcile.Observation{Exists: true}
	for _, n := range slices.Sorted(maps.Keys(in.secrets)) {
		changed := reconcile.Input(c, act, &obs, "secrets."+n, []byte(in.secrets[n]))
		if changed && !slices.Contains(diff, "secrets") {
			diff = append(diff, "secrets")
			obs.Changed = append(obs.Changed, "secrets")
		}
		if changed || !has[n] {
			obs.Changed = append(obs.Changed, "secrets."+n)
		}
	}
	obs.Diff = diff
	textInput(c, act, &obs, "code", in.code, got["code"])
	if len(diff) > 0 {
		return withValues(obs, want, got), nil
	}

	return a.reportBuild(ctx, c, act, id, got, obs)
}

// Update writes the draft when it differs (Auth0 builds it; a later reconcile deploys it), or
// deploys the built draft when only the deployment differs.
func (a *Action) Update(ctx context.Context, c *auth0.Client, act *v1alpha1.Action, id string, obs reconcile.Observation) error {
	if slices.Equal(obs.Diff, []string{"deployed_version"}) {
		if _, err := c.API().Actions.Deploy(ctx, id); err != nil {
			return err
		}
		// The deploy answer is the new version; the action itself is read again.
		x, err := actions.Fetch(ctx, c.API(), id)
		if err != nil {
			return err
		}
		actions.Put(c, x)
		return nil
	}
	in, err := a.inputs(ctx, act)
	if err != nil {
		return err
	}
	send := map[string]bool{}
	for n := range in.secrets {
		send[n] = slices.Contains(obs.Changed, "secrets."+n)
	}
	body, err := actionBody(act, in, send)
	if err != nil {
		return err
	}
	return a.write(ctx, c, id, body)
}

// Delete deletes the action and its versions. An action a trigger still binds is not forced
// out of the flow: the deletion waits until its TriggerBinding no longer binds it.
func (a *Action) Delete(ctx context.Context, c *auth0.Client, act *v1alpha1.Action, id string) error {
	err := a.Collection.Delete(ctx, c, act, id)
	if e := auth0.Classify(err); e != nil && e.Class == auth0.ClassConflict {
		return &reconcile.Waiting{Reason: v1alpha1.ReasonStillBound, RetryAfter: stillBoundRetry, Message: fmt.Sprintf(
			"action %s is still bound to a trigger; remove it from its TriggerBinding to delete it (Auth0: %s)", act.AuthName(), e.Message)}
	}
	return err
}

// actionExporter reads every action. One installed from a marketplace integration is Auth0's
// (its code comes with the integration); an action is named by its ID or its name.
var actionExporter = Exporter{Kind: "Action", Read: eachOf(actions, func(ctx context.Context, c *auth0.Client, a object) (Found, error) {
	if a["code"] == nil { // a shortened list entry: read it in full
		var err error
		if a, err = actions.Fetch(ctx, c.API(), idOf(a)); err != nil {
			return Found{}, err
		}
	}
	name := stringOf(a, "name")
	f := Found{ID: idOf(a), Name: name, Keys: []string{name}, Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportAction(a, x)
	}}
	if stringOf(a, "installed_integration_id") != "" {
		f.Skip = SkipSystem
	}
	return f, nil
})}

// exportAction is the Action whose draft is a, its code inline and its secrets referenced
// by name. A draft Auth0 does not run as it is (never deployed, or edited since) is exported
// with deploy: false, so that adopting it deploys nothing.
func exportAction(a object, x *ExportContext) (reconcile.Object, error) {
	s := v1alpha1.ActionSpec{Name: x.AuthName(stringOf(a, "name")), Code: v1alpha1.TextSource{Inline: ptr(stringOf(a, "code"))}}
	fromAuth0(a, &s)
	if t := anyList(a, "supported_triggers"); len(t) > 0 {
		t0, _ := t[0].(map[string]any)
		s.Trigger = v1alpha1.ActionTrigger{ID: stringOf(t0, "id"), Version: stringOf(t0, "version")}
	}
	for _, e := range anyList(a, "dependencies") {
		d, _ := e.(map[string]any)
		s.Dependencies = append(s.Dependencies, v1alpha1.ActionDependency{Name: stringOf(d, "name"), Version: stringOf(d, "version")})
	}
	for _, e := range anyList(a, "secrets") {
		n := stringOf(e.(map[string]any), "name")
		s.Secrets = append(s.Secrets, v1alpha1.ActionSecret{Name: n, ValueFrom: x.Secret(n, "the value of the action's secret "+n+" (event.secrets."+n+")")})
	}
	if !deployed(a) {
		s.Deploy = ptr(false)
	}
	return &v1alpha1.Action{Spec: s}, nil
}
