package external

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/auth0/go-auth0/v3/management/core"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// object is an Auth0 object as decoded JSON. The kinds whose Auth0 shapes are open-ended
// (connection options, tenant flags, organization branding) observe through it, so that no
// field Auth0 returns is lost to an SDK type that does not declare it.
type object = map[string]any

// answer is the JSON Auth0 answered for an SDK value, every field included: the SDK types keep
// the answer's raw JSON, which their String method prints (their MarshalJSON drops the fields
// they do not declare).
func answer(v fmt.Stringer) (object, error) {
	var m object
	if err := json.Unmarshal([]byte(v.String()), &m); err != nil {
		return nil, fmt.Errorf("decoding Auth0's answer: %w", err)
	}
	return m, nil
}

// rawList decodes each item of a list answer.
func rawList[T fmt.Stringer](items []T) ([]object, error) {
	out := make([]object, 0, len(items))
	for _, it := range items {
		m, err := answer(it)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// idOf is an object's "id".
func idOf(o object) string { s, _ := o["id"].(string); return s }

// stringOf is o[key] when it is a string.
func stringOf(o object, key string) string { s, _ := o[key].(string); return s }

// reference reads the managed object kind/name of from's namespace into into, waits while it
// does not exist, and refuses one in another tenant.
func reference(ctx context.Context, kube client.Reader, from reconcile.Object, kind, name string, into reconcile.Object) error {
	if err := kube.Get(ctx, client.ObjectKey{Namespace: from.GetNamespace(), Name: name}, into); err != nil {
		if apierrors.IsNotFound(err) {
			return reconcile.WaitFor("%s %s not found", kind, name)
		}
		return err
	}
	if tenant(into.GetManagedSpec().TenantRef) != tenant(from.GetManagedSpec().TenantRef) {
		return reconcile.InvalidSpec("%s %s is in %s, this object in %s: a reference must stay in one tenant",
			kind, name, tenant(into.GetManagedSpec().TenantRef), tenant(from.GetManagedSpec().TenantRef))
	}
	return nil
}

// readyID is a referenced managed object's Auth0 ID once it is Ready, else a *Waiting.
func readyID(kind, name string, o reconcile.Object) (string, error) {
	st := o.GetManagedStatus()
	if st.ID == "" || !meta.IsStatusConditionTrue(st.Conditions, v1alpha1.ConditionReady) {
		return "", reconcile.WaitFor("%s %s is not Ready yet", kind, name)
	}
	return st.ID, nil
}

// allPages is every item of a list the SDK pages by checkpoint (from/take), from the first page
// p to the end of the cursor, as decoded JSON: the snapshot then sees the list as one page.
// Offset paging does not do for these endpoints: the SDK always sends take (which Auth0 then
// answers by checkpoint), and Auth0 serves only the first 1,000 organizations by offset.
func allPages[T fmt.Stringer, R any](ctx context.Context, p *core.Page[*string, T, R], err error) ([]object, int, error) {
	all, err := everyItem(ctx, 0, p, err)
	if err != nil {
		return nil, 0, err
	}
	items, err := rawList(all)
	return items, len(items), err
}

func ptr[T any](v T) *T { return &v }

// objectField is o[key] when it is an object, else an empty one.
func objectField(o object, key string) object {
	m, _ := o[key].(map[string]any)
	if m == nil {
		return object{}
	}
	return m
}

// stringsField is o[key] as a list of strings, nil when absent or empty.
func stringsField(o object, key string) []string {
	l, _ := o[key].([]any)
	var out []string
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// anyList is o[key] when it is a list.
func anyList(o object, key string) []any {
	l, _ := o[key].([]any)
	return l
}
