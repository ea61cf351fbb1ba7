package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// What applying one exported object would do.
const (
	ActionCreate    = "create"    // no such object: applying creates it, and it adopts the Auth0 object
	ActionUpdate    = "update"    // the object exists with other spec values
	ActionUnchanged = "unchanged" // the object exists as exported
	ActionConflict  = "conflict"  // another object already manages the same Auth0 object
	ActionInvalid   = "invalid"   // the API server would refuse it
)

// Change is what applying one exported object to a cluster would do.
type Change struct {
	Kind, Name string
	Action     string
	// Fields are the spec paths that would change, with the values before and after.
	Fields []string
	// Message explains a conflict or a refusal.
	Message string
}

// Diff tells, per exported object, what applying the export to the cluster would do: a dry
// run of the create or of the update (the exported spec replacing the stored one) finds what
// the API server would refuse and fills its defaults, and the result's spec is compared with
// the stored one. It writes nothing.
func Diff(ctx context.Context, kube client.Client, r *Result) ([]Change, error) {
	managers := map[string]map[string]string{} // kind and tenant -> Auth0 ID -> namespace/name of its manager
	var out []Change
	for _, o := range r.Objects {
		want, err := toUnstructured(o.Object)
		if err != nil {
			return nil, err
		}
		ch := Change{Kind: o.Kind, Name: o.Object.GetName()}
		live := &unstructured.Unstructured{}
		live.SetGroupVersionKind(want.GroupVersionKind())
		err = kube.Get(ctx, client.ObjectKeyFromObject(want), live)
		exists := err == nil
		if err != nil && !apierrors.IsNotFound(err) {
			return nil, fmt.Errorf("diff: reading %s %s: %w", o.Kind, want.GetName(), err)
		}
		key := o.Kind + " " + tenantOf(want)
		if managers[key] == nil {
			if managers[key], err = managedIDs(ctx, kube, want); err != nil {
				return nil, err
			}
		}
		self := want.GetNamespace() + "/" + want.GetName()
		if id := managedID(live); exists && o.ID != "" && id != "" && id != o.ID {
			// Same name, another Auth0 object (two with one name in Auth0, whose names the
			// export told apart differently this time): applying would switch the object over.
			ch.Action, ch.Message = ActionConflict, fmt.Sprintf("%s %s manages Auth0 object %s, the export's is %s", o.Kind, self, id, o.ID)
			out = append(out, ch)
			continue
		}
		if m := managers[key][o.ID]; m != "" && m != self {
			what := "Auth0 object " + o.ID
			if o.ID == "" {
				what = "the tenant's " + o.Kind
			}
			ch.Action, ch.Message = ActionConflict, fmt.Sprintf("%s is already managed by %s %s", what, o.Kind, m)
			out = append(out, ch)
			continue
		}
		// Applying a file of the export replaces the object's spec (kubectl apply and the
		// GitOps appliers remove what the file no longer sets). A dry run of that write brings
		// the API server's defaults and refusals: its schema and validation rules, the fields
		// that cannot change.
		dry := want.DeepCopy()
		if exists {
			// The operator may write the status meanwhile: read again on a conflict.
			err = retry.RetryOnConflict(retry.DefaultRetry, func() error {
				if err := kube.Get(ctx, client.ObjectKeyFromObject(want), live); err != nil {
					return err
				}
				dry = live.DeepCopy()
				dry.Object["spec"] = want.Object["spec"]
				return kube.Update(ctx, dry, client.DryRunAll)
			})
		} else {
			err = kube.Create(ctx, dry, client.DryRunAll)
		}
		switch {
		case apierrors.IsInvalid(err) || apierrors.IsBadRequest(err):
			ch.Action, ch.Message = ActionInvalid, err.Error()
		case err != nil:
			return nil, fmt.Errorf("diff: dry run of %s %s: %w", o.Kind, want.GetName(), err)
		case !exists:
			ch.Action = ActionCreate
			if o.ID != "" {
				ch.Message = "adopts Auth0 object " + o.ID
			} else {
				ch.Message = "adopts the tenant's " + o.Kind
			}
		default:
			ch.Fields = changedFields("spec", live.Object["spec"], dry.Object["spec"])
			ch.Action = ActionUnchanged
			if len(ch.Fields) > 0 {
				ch.Action = ActionUpdate
			}
		}
		out = append(out, ch)
	}
	return out, nil
}

// managedIDs maps the Auth0 IDs that objects of like's kind and tenant manage (in like's
// namespace for a Tenant, in any for a ClusterTenant) to their namespace/name; "" maps to the oldest, which
// is the one that manages a tenant singleton.
func managedIDs(ctx context.Context, kube client.Client, like *unstructured.Unstructured) (map[string]string, error) {
	list := &unstructured.UnstructuredList{}
	gvk := like.GroupVersionKind()
	gvk.Kind += "List"
	list.SetGroupVersionKind(gvk)
	var opts []client.ListOption
	if !strings.HasPrefix(tenantOf(like), "ClusterTenant/") {
		opts = append(opts, client.InNamespace(like.GetNamespace())) // a Tenant serves its namespace only
	}
	if err := kube.List(ctx, list, opts...); err != nil {
		return nil, fmt.Errorf("diff: listing %s objects: %w", like.GetKind(), err)
	}
	ids := map[string]string{}
	oldest := metav1.Time{}
	for _, it := range list.Items {
		if tenantOf(&it) != tenantOf(like) {
			continue
		}
		name := it.GetNamespace() + "/" + it.GetName()
		if id := managedID(&it); id != "" {
			ids[id] = name
		}
		if t := it.GetCreationTimestamp(); ids[""] == "" || t.Before(&oldest) {
			ids[""], oldest = name, t
		}
	}
	return ids, nil
}

// managedID is the Auth0 ID an object manages: spec.externalID, else status.id.
func managedID(u *unstructured.Unstructured) string {
	if id, _, _ := unstructured.NestedString(u.Object, "spec", "externalID"); id != "" {
		return id
	}
	id, _, _ := unstructured.NestedString(u.Object, "status", "id")
	return id
}

// tenantOf is the tenant an object's spec.tenantRef names, as "Kind/name".
func tenantOf(u *unstructured.Unstructured) string {
	kind, _, _ := unstructured.NestedString(u.Object, "spec", "tenantRef", "kind")
	name, _, _ := unstructured.NestedString(u.Object, "spec", "tenantRef", "name")
	if kind == "" {
		kind = "Tenant"
	}
	return kind + "/" + name
}

// changedFields lists the paths under prefix where after differs from before, with both values.
func changedFields(prefix string, before, after any) []string {
	var out []string
	var walk func(p string, b, a any)
	walk = func(p string, b, a any) {
		bm, bok := b.(map[string]any)
		am, aok := a.(map[string]any)
		if bok && aok {
			keys := map[string]bool{}
			for k := range bm {
				keys[k] = true
			}
			for k := range am {
				keys[k] = true
			}
			for k := range keys {
				walk(p+"."+k, bm[k], am[k])
			}
			return
		}
		if !reflect.DeepEqual(b, a) {
			out = append(out, fmt.Sprintf("%s: %s → %s", p, show(b), show(a)))
		}
	}
	walk(prefix, before, after)
	sort.Strings(out)
	return out
}

func show(v any) string {
	if v == nil {
		return "(unset)"
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// PrintDiff writes changes for people: one line per object that would change, then totals.
// It returns how many objects would be created, updated, or are in conflict or invalid.
func PrintDiff(w io.Writer, changes []Change) (map[string]int, error) {
	counts := map[string]int{}
	var b strings.Builder
	for _, c := range changes {
		counts[c.Action]++
		if c.Action == ActionUnchanged {
			continue
		}
		fmt.Fprintf(&b, "%-9s %s/%s", c.Action, c.Kind, c.Name)
		if c.Message != "" {
			fmt.Fprintf(&b, ": %s", c.Message)
		}
		b.WriteByte('\n')
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "          %s\n", f)
		}
	}
	fmt.Fprintf(&b, "%d to create, %d to update, %d unchanged, %d in conflict, %d invalid\n",
		counts[ActionCreate], counts[ActionUpdate], counts[ActionUnchanged], counts[ActionConflict], counts[ActionInvalid])
	_, err := io.WriteString(w, b.String())
	return counts, err
}
