package external

import (
	"context"
	"fmt"
	"time"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// bindingConflictRetry is how soon bindings refused with a 409 (an action still building) are
// written again.
const bindingConflictRetry = 5 * time.Second

// unmanagedActionRetry is how soon bindings waiting for an action named by its Auth0 name
// (not an Action here, so no watch) look again.
const unmanagedActionRetry = 15 * time.Second

// TriggerBinding maps a TriggerBinding to a trigger's bindings. The Auth0 object's ID is the
// trigger: it always exists, and writing it replaces all its bindings in one call.
type TriggerBinding struct {
	Kube client.Reader
}

// NewTriggerBinding returns the TriggerBinding mapping; kube reads the referenced Actions (the
// manager's cached client will do).
func NewTriggerBinding(kube client.Reader) *TriggerBinding { return &TriggerBinding{Kube: kube} }

var (
	_ reconcile.External[*v1alpha1.TriggerBinding] = (*TriggerBinding)(nil)
	_ reconcile.Resolver[*v1alpha1.TriggerBinding] = (*TriggerBinding)(nil)
)

// Resolve turns actionRefs into Auth0 actions and waits until each referenced Action is
// deployed (Auth0 refuses to bind an action that never was).
func (t *TriggerBinding) Resolve(ctx context.Context, tb *v1alpha1.TriggerBinding) error {
	if id := tb.Spec.ExternalID; id != "" && id != tb.Spec.Trigger {
		return reconcile.InvalidSpec("spec.externalID of a TriggerBinding is its trigger (%s), not %s", tb.Spec.Trigger, id)
	}
	bound := make([]v1alpha1.BoundAction, len(tb.Spec.Actions))
	for i, e := range tb.Spec.Actions {
		bound[i] = v1alpha1.BoundAction{Name: e.ActionName, DisplayName: e.DisplayName}
		if e.ActionRef == nil {
			continue
		}
		act := &v1alpha1.Action{}
		if err := reference(ctx, t.Kube, tb, "Action", e.ActionRef.Name, act); err != nil {
			return err
		}
		if act.Spec.Trigger.ID != tb.Spec.Trigger {
			return reconcile.InvalidSpec("Action %s runs at trigger %s, not %s", act.Name, act.Spec.Trigger.ID, tb.Spec.Trigger)
		}
		if act.Status.ID == "" || act.Status.DeployedVersion == 0 {
			return reconcile.WaitFor("Action %s is not deployed yet", act.Name)
		}
		bound[i].Name, bound[i].ID = act.AuthName(), act.Status.ID
	}
	for i := range bound {
		if bound[i].DisplayName == "" {
			bound[i].DisplayName = bound[i].Name
		}
	}
	tb.Status.Actions = bound
	return nil
}

// desired completes the resolved list with the IDs of actions named by their Auth0 name,
// which must exist and be deployed.
func (t *TriggerBinding) desired(ctx context.Context, c *auth0.Client, tb *v1alpha1.TriggerBinding) ([]v1alpha1.BoundAction, error) {
	bound := tb.Status.Actions
	for i := range bound {
		if bound[i].ID != "" && tb.Spec.Actions[i].ActionRef != nil {
			continue
		}
		x, err := actionNamed(ctx, c, bound[i].Name)
		if err != nil {
			return nil, err
		}
		// No watch reports an action not managed here: look again soon.
		if x == nil {
			return nil, &reconcile.Waiting{Reason: v1alpha1.ReasonReferenceNotReady, RetryAfter: unmanagedActionRetry,
				Message: fmt.Sprintf("no action named %q in Auth0", bound[i].Name)}
		}
		if deployedVersion(x) == 0 {
			return nil, &reconcile.Waiting{Reason: v1alpha1.ReasonReferenceNotReady, RetryAfter: unmanagedActionRetry,
				Message: fmt.Sprintf("action %q is not deployed in Auth0", bound[i].Name)}
		}
		bound[i].ID = idOf(x)
	}
	return bound, nil
}

// actionNamed finds an action by name. When the snapshot does not have it deployed, the list
// is read again once: it may have been created or deployed since.
func actionNamed(ctx context.Context, c *auth0.Client, name string) (object, error) {
	var found object
	for _, fresh := range []bool{false, true} {
		lctx := ctx
		if fresh {
			lctx = auth0.WithFreshSince(ctx, time.Now())
		}
		all, err := actions.All(lctx, c)
		if err != nil {
			return nil, err
		}
		found = nil
		for _, x := range all {
			if stringOf(x, "name") == name {
				found = x
			}
		}
		if found != nil && deployedVersion(found) != 0 {
			break
		}
	}
	return found, nil
}

func triggerOf(id string) *management.ActionTriggerTypeEnum {
	t := management.ActionTriggerTypeEnum(id)
	return &t
}

// bindings reads the trigger's bindings, in execution order, every page of them.
func bindings(ctx context.Context, c *auth0.Client, trigger string) ([]*management.ActionBinding, error) {
	page, size := 0, perPage
	p, err := c.API().Actions.Triggers.Bindings.List(ctx, triggerOf(trigger),
		&management.ListActionTriggerBindingsRequestParameters{Page: &page, PerPage: &size})
	return everyItem(ctx, size, p, err)
}

// Observe compares the trigger's bindings with the spec, position by position. A spec without
// actions manages none: the trigger (read, so that an unknown one is Auth0's 400) is up to
// date whatever it binds.
func (t *TriggerBinding) Observe(ctx context.Context, c *auth0.Client, tb *v1alpha1.TriggerBinding, id string) (reconcile.Observation, error) {
	if tb.Spec.Actions == nil {
		_, err := bindings(ctx, c, id)
		return reconcile.Observation{Exists: err == nil, UpToDate: true}, err
	}
	want, err := t.desired(ctx, c, tb)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, err := bindings(ctx, c, id)
	if err != nil {
		return reconcile.Observation{}, err
	}
	var diff []string
	for i := 0; i < max(len(want), len(got)); i++ {
		switch {
		case i >= len(want) || i >= len(got) || got[i].Action.GetID() != want[i].ID:
			diff = append(diff, fmt.Sprintf("bindings[%d]", i))
		case got[i].GetDisplayName() != want[i].DisplayName:
			diff = append(diff, fmt.Sprintf("bindings[%d].display_name", i))
		}
	}
	return reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, nil
}

// Find returns the trigger when it already has bindings made outside this object, so that
// they are reported (AlreadyExists) rather than silently replaced; "" when it has none.
func (t *TriggerBinding) Find(ctx context.Context, c *auth0.Client, tb *v1alpha1.TriggerBinding) (string, error) {
	if tb.Spec.Actions == nil { // it manages no binding: nothing to take over
		return "", nil
	}
	got, err := bindings(ctx, c, tb.Spec.Trigger)
	if err != nil || len(got) == 0 {
		return "", err
	}
	return tb.Spec.Trigger, nil
}

// Create writes the bindings (none when the spec leaves them out); the trigger is the ID.
func (t *TriggerBinding) Create(ctx context.Context, c *auth0.Client, tb *v1alpha1.TriggerBinding) (string, error) {
	if tb.Spec.Actions == nil {
		return tb.Spec.Trigger, nil
	}
	want, err := t.desired(ctx, c, tb)
	if err != nil {
		return "", err
	}
	return tb.Spec.Trigger, t.write(ctx, c, tb.Spec.Trigger, want)
}

// Update replaces the bindings with the spec's, in one call.
func (t *TriggerBinding) Update(ctx context.Context, c *auth0.Client, tb *v1alpha1.TriggerBinding, id string, _ reconcile.Observation) error {
	want, err := t.desired(ctx, c, tb)
	if err != nil {
		return err
	}
	return t.write(ctx, c, id, want)
}

// Delete unbinds every action of the trigger, when the spec manages its bindings.
func (t *TriggerBinding) Delete(ctx context.Context, c *auth0.Client, tb *v1alpha1.TriggerBinding, id string) error {
	if tb.Spec.Actions == nil {
		return nil
	}
	return t.write(ctx, c, id, nil)
}

// write replaces the trigger's bindings. A 409 means an action is still building: a wait,
// not a failure.
func (t *TriggerBinding) write(ctx context.Context, c *auth0.Client, trigger string, want []v1alpha1.BoundAction) error {
	list := []map[string]any{}
	for _, b := range want {
		list = append(list, map[string]any{"ref": map[string]string{"type": "action_id", "value": b.ID}, "display_name": b.DisplayName})
	}
	_, err := c.API().Actions.Triggers.Bindings.UpdateMany(ctx, triggerOf(trigger), nil,
		option.WithBodyProperties(map[string]any{"bindings": list}))
	if e := auth0.Classify(err); e != nil && e.Class == auth0.ClassConflict {
		return &reconcile.Waiting{Reason: v1alpha1.ReasonReferenceNotReady, RetryAfter: bindingConflictRetry,
			Message: "an action of the trigger is still building; binding again shortly (Auth0: " + e.Message + ")"}
	}
	return err
}

// triggerBindingExporter reads the bindings of every trigger that has some: one
// TriggerBinding per trigger, its ID and name the trigger. An action the export has is
// referenced by actionRef, another (a marketplace action, one filtered out) by its name.
var triggerBindingExporter = Exporter{Kind: "TriggerBinding", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	triggers, err := c.API().Actions.Triggers.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []Found
	seen := map[string]bool{}
	for _, t := range triggers.Triggers {
		id := string(t.ID)
		if seen[id] { // one entry per version of the trigger
			continue
		}
		seen[id] = true
		bs, err := bindings(ctx, c, id)
		if err != nil {
			return nil, err
		}
		if len(bs) == 0 {
			continue
		}
		out = append(out, Found{ID: id, Name: id, Build: func(x *ExportContext) (reconcile.Object, error) {
			s := v1alpha1.TriggerBindingSpec{Trigger: id}
			for _, b := range bs {
				e := v1alpha1.TriggerBindingAction{ActionRef: x.LocalRef("Action", b.Action.GetID())}
				if e.ActionRef == nil {
					e.ActionName = b.Action.GetName()
				}
				if b.GetDisplayName() != b.Action.GetName() {
					e.DisplayName = b.GetDisplayName()
				}
				s.Actions = append(s.Actions, e)
			}
			return &v1alpha1.TriggerBinding{Spec: s}, nil
		}})
	}
	return out, nil
}}
