package plan

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// decide follows the reconciler's sync (internal/reconcile/reconciler.go) up to the first
// write, and says what that write would be.
func (k *kindDef[O]) decide(ctx context.Context, t *tenant, u *unstructured.Unstructured) (Entry, error) {
	e := Entry{Kind: k.kind, Namespace: u.GetNamespace(), Name: u.GetName(), Tenant: t.name}
	obj, err := k.typed(u)
	if err != nil {
		return refused(e, Invalid, fmt.Sprintf("the spec does not decode: %v", err)), nil
	}
	live, err := t.live(ctx, k, obj)
	if err != nil {
		return e, err
	}
	if live != nil { // what the operator recorded: the ID, the inputs' digests, the origin
		copyStatus(live, obj)
		obj.SetCreationTimestamp(live.GetCreationTimestamp())
		obj.SetUID(live.GetUID())
	}
	if t.direct {
		// The recorded digests are keyed by the operator's credentials, not these.
		obj.GetManagedStatus().Inputs = nil
	}
	spec, st := obj.GetManagedSpec(), obj.GetManagedStatus()
	observeOnly := spec.ManagementPolicy == v1alpha1.ManagementObserveOnly
	if msg := t.permitted(k, obj); msg != "" {
		return refused(e, Conflict, msg), nil
	}
	if k.singleton || k.exclusive != nil {
		if msg, err := k.ownerOfSingletonIn(ctx, t, obj); err != nil || msg != "" {
			return refused(e, Conflict, msg), err
		}
	}
	if rs, ok := k.ext.(reconcile.Resolver[O]); ok {
		if err := rs.Resolve(ctx, obj); err != nil {
			return k.unresolved(e, obj, err)
		}
	}
	id := st.ID
	if spec.ExternalID != "" {
		id = spec.ExternalID
	}
	if err := k.guard(ctx, t, obj, id); err != nil {
		return k.refusal(e, err)
	}
	if id != "" && id != st.ID && !k.singleton && k.exclusive == nil {
		if msg, err := t.ownedByAnother(ctx, k.kind, obj, id, true); err != nil || msg != "" {
			return refused(e, Conflict, msg), err
		}
		e.Action = Adopt
	}
	e.ID = id
	if id != "" {
		obs, err := k.ext.Observe(ctx, t.client, obj, id)
		if err != nil {
			return k.refusal(e, err)
		}
		if obs.Exists {
			return k.compare(e, t.view.unreadableAmong(secretNames(u)), obs, observeOnly), nil
		}
		if spec.ExternalID != "" {
			return refused(e, Invalid, fmt.Sprintf("spec.externalID %s does not exist in Auth0", spec.ExternalID)), nil
		}
		e.Message = fmt.Sprintf("Auth0 object %s was deleted outside Kubernetes", id)
		e.ID, e.Action = "", ""
	}

	found, err := k.ext.Find(ctx, t.client, obj)
	if err != nil {
		return k.refusal(e, err)
	}
	if found == "" {
		if observeOnly {
			e.Action, e.Message = Unchanged, "no such object in Auth0; ObserveOnly does not create it"
			return e, nil
		}
		e.Action = Create
		return e, nil
	}
	e.ID = found
	adopting := observeOnly || k.singleton || spec.AdoptionPolicy == v1alpha1.AdoptionAdoptByName
	switch {
	case !adopting && t.direct:
		e.Message = "matched by name: without the cluster, the plan cannot tell whether this object already manages it"
	case !adopting:
		if k.exclusive == nil {
			if msg, err := t.ownedByAnother(ctx, k.kind, obj, found, false); err != nil || msg != "" {
				return refused(e, Conflict, msg), err
			}
		}
		return refused(e, Conflict, fmt.Sprintf("an Auth0 object with the same name already exists (id %s): "+
			"set spec.externalID to %s to manage it, or spec.adoptionPolicy: AdoptByName", found, found)), nil
	case !k.singleton:
		if err := k.guard(ctx, t, obj, found); err != nil {
			return k.refusal(e, err)
		}
		if k.exclusive == nil {
			if msg, err := t.ownedByAnother(ctx, k.kind, obj, found, false); err != nil || msg != "" {
				return refused(e, Conflict, msg), err
			}
		}
		e.Action = Adopt
	}
	obs, err := k.ext.Observe(ctx, t.client, obj, found)
	if err != nil {
		return k.refusal(e, err)
	}
	return k.compare(e, t.view.unreadableAmong(secretNames(u)), obs, observeOnly), nil
}

// compare turns an observation of an existing object into the entry's fields.
func (k *kindDef[O]) compare(e Entry, unknown []string, obs reconcile.Observation, observeOnly bool) Entry {
	for _, a := range obs.Act {
		if a.Reason != "" && !observeOnly { // no reason: a repeat on a schedule (a verify), not a change
			e.Acts = append(e.Acts, a.Name)
		}
	}
	for _, path := range obs.Diff {
		f := Field{Path: path}
		switch v, ok := obs.Values[path]; {
		case slices.Contains(obs.Changed, path) && len(unknown) > 0:
			f.Note = "from Secret " + strings.Join(unknown, ", ")
		case ok:
			f.Before, f.After = v.Have, v.Want
		default:
			f.Note = "changes"
		}
		e.Fields = append(e.Fields, f)
	}
	if observeOnly {
		if len(e.Fields) > 0 {
			e.Message = "ObserveOnly: differs in " + strings.Join(obs.Diff, ", ") + "; not corrected"
		}
		e.Fields, e.Acts = nil, nil
	}
	if e.Action == "" {
		e.Action = Unchanged
		if len(e.Fields) > 0 || len(e.Acts) > 0 {
			e.Action = Update
		}
	}
	return e
}

func (k *kindDef[O]) guard(ctx context.Context, t *tenant, obj O, id string) error {
	if g, ok := k.ext.(reconcile.Guard[O]); ok {
		return g.Guard(ctx, t.client, obj, id, t.info)
	}
	return nil
}

// unresolved is the entry of an object whose references did not resolve: one that waits for
// another object of the plan is created after it; a refusal is a refusal.
func (k *kindDef[O]) unresolved(e Entry, obj O, err error) (Entry, error) {
	var w *reconcile.Waiting
	if !errors.As(err, &w) {
		return k.refusal(e, err)
	}
	st := obj.GetManagedStatus()
	if st.ID == "" && obj.GetManagedSpec().ExternalID == "" {
		e.Action, e.Message = Create, "once its references are ready: "+w.Message
		return e, nil
	}
	e.Action, e.Message = Unchanged, "waits: "+w.Message
	return e, nil
}

// refusal turns the kind's refusals into entries (a Stall: InvalidSpec is invalid, anything
// else, Protected among them, a conflict); other errors fail the plan.
func (k *kindDef[O]) refusal(e Entry, err error) (Entry, error) {
	var s *reconcile.Stall
	if !errors.As(err, &s) {
		return e, fmt.Errorf("%s %s/%s: %w", e.Kind, e.Namespace, e.Name, err)
	}
	if s.Reason == v1alpha1.ReasonInvalidSpec {
		return refused(e, Invalid, s.Message), nil
	}
	return refused(e, Conflict, s.Message), nil
}

func refused(e Entry, a Action, msg string) Entry {
	e.Action, e.Message, e.Fields, e.Acts = a, msg, nil, nil
	return e
}
