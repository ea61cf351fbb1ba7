package external

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	mgmt "github.com/auth0/go-auth0/v3/management/client"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Collection is the External of a kind whose Auth0 objects form one tenant-wide list (roles,
// APIs, grants, organizations, log streams, ...): observed from the list's snapshot by
// comparing the spec's body with the object, found by a natural key, created, updated and
// deleted by ID. A kind gives its body, its key and its three calls; a kind with more to do (a
// guard, a build to wait for) embeds it and overrides that method.
type Collection[O reconcile.Object] struct {
	List auth0.Snapshot[object]
	// Key is the natural key Find matches, as Auth0 fields and the spec's values: {"name": ...}.
	Key func(obj O) object
	// Body is what the spec sets, in Auth0's JSON, for create and comparison.
	Body func(ctx context.Context, c *auth0.Client, obj O) (object, error)
	// Fixed fields are sent on create only (Auth0 refuses them on update).
	Fixed []string
	// Parts are sub-collections written through their own endpoints.
	Parts []Part[O]
	// WriteOnly, when set, gives the body's fields that Auth0 does not answer as written (a
	// secret it hides, a key it answers by thumbprint), by dot path: they are compared through
	// the digest of their input (a changed input is an update, never drift) and sent on create
	// and with every update.
	WriteOnly func(ctx context.Context, obj O) (map[string]string, error)

	// Post, Patch and Remove are the create, update and delete calls; the first two return
	// Auth0's answer (see decoded).
	Post   func(ctx context.Context, api *mgmt.Management, body object) (object, error)
	Patch  func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error)
	Remove func(ctx context.Context, api *mgmt.Management, id string) error
}

// Part is a set that belongs to an object but that Auth0 reads and writes through endpoints of
// its own: a role's permissions, an organization's connections. Its entries are keyed (a
// permission, a connection ID) with an optional value (the connection's flags). A spec that
// leaves the set out does not manage it; an empty set empties it.
type Part[O reconcile.Object] struct {
	// Name is the set's entry in Observation.Diff.
	Name string
	// Want is the spec's set; nil (not an empty map) when the spec leaves it out.
	Want func(ctx context.Context, c *auth0.Client, obj O) (map[string]object, error)
	// Have reads Auth0's set, to the end of its pages.
	Have func(ctx context.Context, c *auth0.Client, id string) (map[string]object, error)
	// Apply writes changes: a key with a value is added or changed, a key with nil removed.
	Apply func(ctx context.Context, c *auth0.Client, id string, changes map[string]object, have map[string]object) error
	// KeepOthers: the spec manages only the entries it names; Auth0's others are left alone
	// (a profile's pages of custom text), never removed.
	KeepOthers bool
}

// changes are p's changes from have to want.
func (p Part[O]) changes(want, have map[string]object) map[string]object {
	out := changes(want, have)
	for k, v := range out {
		if v == nil && p.KeepOthers {
			delete(out, k)
		}
	}
	return out
}

// changes are the entries of want that have lacks or that differ from it, and the entries of
// have that want lacks (as nil).
func changes(want, have map[string]object) map[string]object {
	out := map[string]object{}
	for k, w := range want {
		if w == nil {
			w = object{}
		}
		if h, ok := have[k]; !ok || len(drift(w, h)) > 0 {
			out[k] = w
		}
	}
	for k := range have {
		if _, ok := want[k]; !ok {
			out[k] = nil
		}
	}
	return out
}

// keys are the keys of a change set with a value (added) or without (removed), sorted.
func keys(changes map[string]object, added bool) []string {
	var out []string
	for k, v := range changes {
		if (v != nil) == added {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Observe compares the listed object, and the parts the spec sets, with the spec.
func (k *Collection[O]) Observe(ctx context.Context, c *auth0.Client, obj O, id string) (reconcile.Observation, error) {
	want, err := k.Body(ctx, c, obj)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, ok, err := k.List.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	obs := reconcile.Observation{Exists: true, Diff: drift(want, got)}
	writeOnly, err := k.writeOnly(ctx, obj)
	if err != nil {
		return reconcile.Observation{}, err
	}
	for _, path := range slices.Sorted(maps.Keys(writeOnly)) {
		if reconcile.Input(c, obj, &obs, path, []byte(writeOnly[path])) {
			obs.Diff, obs.Changed = append(obs.Diff, path), append(obs.Changed, path)
		}
	}
	return k.compareParts(ctx, c, obj, id, withValues(obs, want, got))
}

// writeOnly are the write-only fields' values, none when the kind has none.
func (k *Collection[O]) writeOnly(ctx context.Context, obj O) (map[string]string, error) {
	if k.WriteOnly == nil {
		return nil, nil
	}
	return k.WriteOnly(ctx, obj)
}

// body is Body with the write-only fields, for a write.
func (k *Collection[O]) body(ctx context.Context, c *auth0.Client, obj O) (object, error) {
	body, err := k.Body(ctx, c, obj)
	if err != nil {
		return nil, err
	}
	writeOnly, err := k.writeOnly(ctx, obj)
	for path, v := range writeOnly {
		putPath(body, path, v)
	}
	return body, err
}

// compareParts completes obs, the observation of the object itself, with the parts the spec
// sets.
func (k *Collection[O]) compareParts(ctx context.Context, c *auth0.Client, obj O, id string, obs reconcile.Observation) (reconcile.Observation, error) {
	for _, p := range k.Parts {
		want, err := p.Want(ctx, c, obj)
		if err != nil || want == nil {
			if err != nil {
				return reconcile.Observation{}, err
			}
			continue
		}
		have, err := p.Have(ctx, c, id)
		if auth0.IsNotFound(err) {
			return reconcile.Observation{}, nil // deleted since the list was read
		}
		if err != nil {
			return reconcile.Observation{}, err
		}
		if len(p.changes(want, have)) > 0 {
			obs.Diff = append(obs.Diff, p.Name)
		}
	}
	sort.Strings(obs.Diff)
	obs.UpToDate = len(obs.Diff) == 0
	return obs, nil
}

// Find returns the ID of the listed object whose key fields match the spec's.
func (k *Collection[O]) Find(ctx context.Context, c *auth0.Client, obj O) (string, error) {
	all, err := k.List.All(ctx, c)
	if err != nil {
		return "", err
	}
	key := k.Key(obj)
	for _, o := range all {
		if len(drift(key, o)) == 0 {
			return k.List.ID(o), nil
		}
	}
	return "", nil
}

// Create creates the object; its parts follow as the update after the create.
func (k *Collection[O]) Create(ctx context.Context, c *auth0.Client, obj O) (string, error) {
	body, err := k.body(ctx, c, obj)
	if err != nil {
		return "", err
	}
	o, err := k.Post(ctx, c.API(), body)
	if err != nil {
		return "", created(c, k.List, err)
	}
	k.List.Put(c, o)
	return k.List.ID(o), nil
}

// Update writes the body when a field of it differs, then each part that differs.
func (k *Collection[O]) Update(ctx context.Context, c *auth0.Client, obj O, id string, obs reconcile.Observation) error {
	if k.bodyDiffers(obs) {
		body, err := k.body(ctx, c, obj)
		if err != nil {
			return err
		}
		for _, f := range k.Fixed {
			delete(body, f)
		}
		if err := k.write(ctx, c, id, body); err != nil {
			return err
		}
	}
	return k.updateParts(ctx, c, obj, id, obs)
}

// bodyDiffers tells whether obs found a field of the object itself different, not only a part.
func (k *Collection[O]) bodyDiffers(obs reconcile.Observation) bool {
	return slices.ContainsFunc(obs.Diff, func(f string) bool {
		return !slices.ContainsFunc(k.Parts, func(p Part[O]) bool { return p.Name == f })
	})
}

// updateParts writes each part obs found different.
func (k *Collection[O]) updateParts(ctx context.Context, c *auth0.Client, obj O, id string, obs reconcile.Observation) error {
	for _, p := range k.Parts {
		if !slices.Contains(obs.Diff, p.Name) {
			continue
		}
		want, err := p.Want(ctx, c, obj)
		if err != nil || want == nil {
			return err
		}
		have, err := p.Have(ctx, c, id)
		if err != nil {
			return err
		}
		if err := p.Apply(ctx, c, id, p.changes(want, have), have); err != nil {
			return err
		}
	}
	return nil
}

// write patches the object with body and keeps Auth0's answer in the snapshot.
func (k *Collection[O]) write(ctx context.Context, c *auth0.Client, id string, body object) error {
	o, err := k.Patch(ctx, c.API(), id, body)
	if err == nil {
		k.List.Put(c, o)
	}
	return err
}

// decoded is an SDK call's answer as Auth0's JSON (see answer), or the call's error.
func decoded[T fmt.Stringer](res T, err error) (object, error) {
	if err != nil {
		return nil, err
	}
	return answer(res)
}

// Delete deletes the object; one already gone counts as deleted.
func (k *Collection[O]) Delete(ctx context.Context, c *auth0.Client, _ O, id string) error {
	err := k.Remove(ctx, c.API(), id)
	if err == nil || auth0.IsNotFound(err) {
		k.List.Delete(c, id)
	}
	return err
}

// keyName is the Key of a kind whose natural key is its name.
func keyName[O reconcile.Object](name func(O) string) func(O) object {
	return func(obj O) object { return object{"name": name(obj)} }
}
