package plan

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"sync"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/scheme"
)

// errClusterWrite is what a kind gets when it tries to write to the cluster during a plan.
var errClusterWrite = errors.New("plan: refused a write to the cluster (a plan only reads)")

// view is the cluster as it will be once the manifests are applied, for the kinds' Externals to
// read: the manifests' objects (with the cluster's status, where the cluster has them) over
// the cluster's. Secrets come from the cluster first (it holds the real values; manifests
// often hold placeholders), then the manifests; a Secret neither has, or that the runner may
// not read, is a placeholder whose values stand for "unknown", and is recorded. Every value
// read from a Secret is recorded too, so that no output can show it. Writes are refused.
type view struct {
	cluster   client.WithWatch // nil when no cluster is reachable
	scheme    *runtime.Scheme
	manifests map[string]client.Object // by key(gvk, namespace, name), typed where the scheme knows the kind
	keys      map[string][]string      // Secret namespace/name -> the keys the manifests reference

	mu         sync.Mutex
	unreadable map[string]string // Secret namespace/name -> why
	values     []string          // Secret values read
}

func newView(cluster client.WithWatch, objs []client.Object, keys map[string][]string) *view {
	v := &view{cluster: cluster, scheme: scheme.New(), manifests: map[string]client.Object{}, keys: keys, unreadable: map[string]string{}}
	for _, o := range objs {
		v.manifests[objKey(o.GetObjectKind().GroupVersionKind().GroupKind(), o.GetNamespace(), o.GetName())] = o
	}
	return v
}

func objKey(gk schema.GroupKind, namespace, name string) string {
	return gk.String() + " " + namespace + "/" + name
}

// client is the view as a client.Client for the kinds' Externals.
func (v *view) client() client.Client {
	base := v.cluster
	if base == nil {
		base = fake.NewClientBuilder().WithScheme(v.scheme).Build()
	}
	refuse := func() error { return errClusterWrite }
	return interceptor.NewClient(base, interceptor.Funcs{
		Get: func(ctx context.Context, _ client.WithWatch, key client.ObjectKey, obj client.Object, _ ...client.GetOption) error {
			return v.get(ctx, key, obj)
		},
		Create: func(context.Context, client.WithWatch, client.Object, ...client.CreateOption) error { return refuse() },
		Delete: func(context.Context, client.WithWatch, client.Object, ...client.DeleteOption) error { return refuse() },
		DeleteAllOf: func(context.Context, client.WithWatch, client.Object, ...client.DeleteAllOfOption) error {
			return refuse()
		},
		Update: func(context.Context, client.WithWatch, client.Object, ...client.UpdateOption) error { return refuse() },
		Patch: func(context.Context, client.WithWatch, client.Object, client.Patch, ...client.PatchOption) error {
			return refuse()
		},
		Apply: func(context.Context, client.WithWatch, runtime.ApplyConfiguration, ...client.ApplyOption) error {
			return refuse()
		},
		SubResourceCreate: func(context.Context, client.Client, string, client.Object, client.Object, ...client.SubResourceCreateOption) error {
			return refuse()
		},
		SubResourceUpdate: func(context.Context, client.Client, string, client.Object, ...client.SubResourceUpdateOption) error {
			return refuse()
		},
		SubResourcePatch: func(context.Context, client.Client, string, client.Object, client.Patch, ...client.SubResourcePatchOption) error {
			return refuse()
		},
	})
}

func (v *view) get(ctx context.Context, key client.ObjectKey, obj client.Object) error {
	gvk, err := gvkOf(v.scheme, obj)
	if err != nil {
		return err
	}
	name := key.Namespace + "/" + key.Name
	fromManifests := func() bool {
		m, ok := v.manifests[objKey(gvk.GroupKind(), key.Namespace, key.Name)]
		if ok {
			copyInto(v.scheme, m, obj)
		}
		return ok
	}
	if gvk.GroupKind() != (schema.GroupKind{Kind: "Secret"}) {
		if fromManifests() {
			if v.cluster != nil && gvk.Group == v1alpha1.GroupVersion.Group {
				// A referenced object's ID and readiness are the cluster's.
				live := obj.DeepCopyObject().(client.Object)
				if err := v.cluster.Get(ctx, key, live); err == nil {
					copyStatus(live, obj)
				} else if !apierrors.IsNotFound(err) {
					return err
				}
			}
			return nil
		}
		if v.cluster == nil {
			return apierrors.NewNotFound(schema.GroupResource{Resource: gvk.Kind}, key.Name)
		}
		return v.cluster.Get(ctx, key, obj)
	}
	var clusterErr error
	if v.cluster != nil {
		if clusterErr = v.cluster.Get(ctx, key, obj); clusterErr == nil {
			v.remember(obj)
			return nil
		}
		if !apierrors.IsNotFound(clusterErr) && !apierrors.IsForbidden(clusterErr) {
			return clusterErr
		}
	}
	if fromManifests() {
		v.remember(obj)
		return nil
	}
	why := "not in the manifests"
	switch {
	case apierrors.IsForbidden(clusterErr):
		why = "the runner may not read it"
	case v.cluster != nil:
		why = "in neither the cluster nor the manifests"
	}
	v.mu.Lock()
	v.unreadable[name] = why
	v.mu.Unlock()
	placeholder := &corev1.Secret{Data: map[string][]byte{}}
	placeholder.Namespace, placeholder.Name = key.Namespace, key.Name
	for _, k := range v.keys[name] {
		placeholder.Data[k] = []byte("\x00unknown value of Secret " + name + " key " + k)
	}
	copyInto(v.scheme, placeholder, obj)
	return nil
}

// remember records the values of a Secret read.
func (v *view) remember(obj client.Object) {
	var data map[string][]byte
	switch s := obj.(type) {
	case *corev1.Secret:
		data = s.Data
	case *unstructured.Unstructured:
		sec := &corev1.Secret{}
		if runtime.DefaultUnstructuredConverter.FromUnstructured(s.Object, sec) == nil {
			data = sec.Data
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, val := range data {
		if len(val) >= 4 { // shorter values would redact ordinary words
			v.values = append(v.values, string(val))
		}
	}
}

// unreadableAmong are those of names (namespace/name) that were read as placeholders.
func (v *view) unreadableAmong(names []string) []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for _, n := range names {
		if _, ok := v.unreadable[n]; ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// unreadableNotes say which Secrets were placeholders, and why.
func (v *view) unreadableNotes() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for name, why := range v.unreadable {
		out = append(out, fmt.Sprintf("Secret %s could not be read (%s): the fields taken from it show as \"from Secret %s\"", name, why, name))
	}
	sort.Strings(out)
	return out
}

// secretKeys are the Secret keys u's spec references (secretKeyRef: {name, key}), by the
// Secret's namespace/name.
func secretKeys(u *unstructured.Unstructured, into map[string][]string) {
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["secretKeyRef"].(map[string]any); ok {
				name, _ := ref["name"].(string)
				key, _ := ref["key"].(string)
				if n := u.GetNamespace() + "/" + name; name != "" && key != "" && !slices.Contains(into[n], key) {
					into[n] = append(into[n], key)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(u.Object["spec"])
}

// secretNames are the Secrets (namespace/name) u's spec references.
func secretNames(u *unstructured.Unstructured) []string {
	keys := map[string][]string{}
	secretKeys(u, keys)
	var out []string
	for n := range keys {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (v *view) secretValues() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.values...)
}

func gvkOf(s *runtime.Scheme, obj runtime.Object) (schema.GroupVersionKind, error) {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return u.GroupVersionKind(), nil
	}
	gvks, _, err := s.ObjectKinds(obj)
	if err != nil || len(gvks) == 0 {
		return schema.GroupVersionKind{}, fmt.Errorf("plan: unknown type %T", obj)
	}
	return gvks[0], nil
}

// copyStatus copies from's status into to's (objects of one kind).
func copyStatus(from, to client.Object) {
	f, err := runtime.DefaultUnstructuredConverter.ToUnstructured(from)
	if err != nil {
		return
	}
	t, err := runtime.DefaultUnstructuredConverter.ToUnstructured(to)
	if err != nil {
		return
	}
	t["status"] = f["status"]
	if u, ok := to.(*unstructured.Unstructured); ok {
		u.Object = t
		return
	}
	_ = runtime.DefaultUnstructuredConverter.FromUnstructured(t, to)
}

// copyInto copies src into dst, typed or unstructured either way.
func copyInto(s *runtime.Scheme, src, dst client.Object) {
	if reflect.TypeOf(src) == reflect.TypeOf(dst) {
		reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src.DeepCopyObject()).Elem())
		return
	}
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(src)
	if err != nil {
		return
	}
	if u, ok := dst.(*unstructured.Unstructured); ok {
		gvk, _ := gvkOf(s, src)
		u.Object = m
		u.SetGroupVersionKind(gvk)
		return
	}
	_ = runtime.DefaultUnstructuredConverter.FromUnstructured(m, dst)
}
