package reconcile

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
)

// OwnerLabel marks a published object with the managed object it was written for
// ("Kind.name", in the same namespace). An object without it is never changed or deleted.
const OwnerLabel = "auth0.a0ops.dev/owner"

// Output is a Kubernetes object an observation asks the reconciler to keep in step with
// Auth0 (a CustomDomain's DNSEndpoint). Its content is the object's "spec".
type Output struct {
	// Object is the object as it should be: GVK, name, labels and spec (namespace: the
	// managed object's). Nil Spec with Absent asks that it not exist.
	Object *unstructured.Unstructured
	// Absent asks the reconciler to delete the object, if it wrote it.
	Absent bool
	// Unavailable is reported (Ready=False) when the object's kind is not installed.
	Unavailable *Waiting
	// Refused, when set, is why the object may not be published (with Absent: any object
	// written before is removed, then the error is reported).
	Refused error
}

// writtenFor tells whether an object with labels was written for owner: it says so, or it
// predates OwnerLabel and carries the operator's label and every auth0.a0ops.dev/ label the
// object is to have.
func writtenFor(labels, want map[string]string, owner string) bool {
	if v, ok := labels[OwnerLabel]; ok || labels[ManagedByLabel] != ManagedByValue {
		return v == owner
	}
	marked := false
	for k, v := range want {
		if strings.HasPrefix(k, "auth0.a0ops.dev/") {
			marked = true
			if labels[k] != v {
				return false
			}
		}
	}
	return marked
}

// publishOutput creates, updates or deletes out's object. An object of that name the operator
// did not write for obj is never touched: obj stalls with AlreadyExists.
func (r *Reconciler[O]) publishOutput(ctx context.Context, obj O, out Output) error {
	if out.Refused != nil {
		out.Absent = true
		if err := r.publishOutput(ctx, obj, Output{Object: out.Object, Absent: true, Unavailable: out.Unavailable}); err != nil {
			return err
		}
		return out.Refused
	}
	want := out.Object
	want.SetNamespace(obj.GetNamespace())
	owner := r.Kind + "." + obj.GetName()
	cur := &unstructured.Unstructured{}
	cur.SetGroupVersionKind(want.GroupVersionKind())
	err := r.Kube.Get(ctx, client.ObjectKeyFromObject(want), cur)
	switch {
	case meta.IsNoMatchError(err) && out.Unavailable != nil:
		if out.Absent {
			return nil
		}
		return out.Unavailable
	case apierrors.IsNotFound(err):
		if out.Absent {
			return nil
		}
		labels := maps.Clone(want.GetLabels())
		if labels == nil {
			labels = map[string]string{}
		}
		labels[ManagedByLabel], labels[OwnerLabel] = ManagedByValue, owner
		want.SetLabels(labels)
		return r.Kube.Create(ctx, want)
	case err != nil:
		return err
	case !writtenFor(cur.GetLabels(), want.GetLabels(), owner):
		if out.Absent {
			return nil
		}
		return &Stall{Reason: v1alpha1.ReasonAlreadyExists, Message: fmt.Sprintf(
			"%s %s exists and was not written for this %s; delete it or choose another name",
			want.GetKind(), want.GetName(), r.Kind)}
	case out.Absent:
		return client.IgnoreNotFound(r.Kube.Delete(ctx, cur))
	}
	labels := maps.Clone(want.GetLabels())
	if labels == nil {
		labels = map[string]string{}
	}
	labels[ManagedByLabel], labels[OwnerLabel] = ManagedByValue, owner
	if reflect.DeepEqual(cur.Object["spec"], want.Object["spec"]) && maps.Equal(cur.GetLabels(), labels) {
		return nil
	}
	cur.SetLabels(labels)
	cur.Object["spec"] = want.Object["spec"]
	return r.Kube.Update(ctx, cur)
}
