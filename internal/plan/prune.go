package plan

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// prune lists the managed objects of the cluster in scope (a namespace, or a label selector
// when it holds "=", "!" or " in ") that the manifests no longer hold, and whether deleting
// each would delete its Auth0 object or orphan it.
func prune(ctx context.Context, kube client.Reader, reg map[string]kind, scope string, managed []*unstructured.Unstructured) ([]Entry, error) {
	if kube == nil {
		return nil, errors.New("--prune-scope needs the cluster: it lists what the cluster holds that the manifests do not")
	}
	var opts []client.ListOption
	if strings.ContainsAny(scope, "=!") || strings.Contains(scope, " in ") || strings.Contains(scope, " notin ") {
		sel, err := labels.Parse(scope)
		if err != nil {
			return nil, fmt.Errorf("--prune-scope %q: not a label selector: %w", scope, err)
		}
		opts = append(opts, client.MatchingLabelsSelector{Selector: sel})
	} else {
		opts = append(opts, client.InNamespace(scope))
	}
	kept := map[string]bool{}
	for _, u := range managed {
		kept[u.GetKind()+" "+u.GetNamespace()+"/"+u.GetName()] = true
	}
	var names []string
	for n := range reg {
		names = append(names, n)
	}
	sort.Strings(names)
	out := []Entry{}
	for _, name := range names {
		l := &unstructured.UnstructuredList{}
		l.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind(name + "List"))
		if err := kube.List(ctx, l, opts...); err != nil {
			return nil, fmt.Errorf("--prune-scope: listing %s objects: %w", name, err)
		}
		for i := range l.Items {
			u := &l.Items[i]
			if kept[name+" "+u.GetNamespace()+"/"+u.GetName()] || u.GetDeletionTimestamp() != nil {
				continue
			}
			e := Entry{Kind: name, Namespace: u.GetNamespace(), Name: u.GetName(), Tenant: tenantName(refOf(u)), Action: Orphan,
				Message: "the manifests no longer hold it: deleting it leaves its Auth0 object in place"}
			e.ID, _, _ = unstructured.NestedString(u.Object, "status", "id")
			if reg[name].deletes(u) {
				e.Action, e.Message = Delete, "the manifests no longer hold it: deleting it deletes its Auth0 object"
			}
			out = append(out, e)
		}
	}
	return out, nil
}
