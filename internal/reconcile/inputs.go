package reconcile

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
)

// Inputs reads the values a spec takes from Secrets and ConfigMaps of the object's namespace.
// Reader should be uncached (the manager's API reader): the operator caches neither Secrets nor
// ConfigMaps. A missing Secret, ConfigMap or key is a *Waiting (ReferenceNotReady) naming it,
// never its value; the object proceeds when it appears, provided the kind lists it in
// Kind.References (see SecretRefs, TextRefs).
type Inputs struct {
	Reader client.Reader
}

// Secret returns the value of a Secret key.
func (in Inputs) Secret(ctx context.Context, namespace string, sel v1alpha1.SecretKeySelector) ([]byte, error) {
	sec := &corev1.Secret{}
	if err := in.Reader.Get(ctx, client.ObjectKey{Namespace: namespace, Name: sel.Name}, sec); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, WaitFor("Secret %s not found", sel.Name)
		}
		return nil, err
	}
	v, ok := sec.Data[sel.Key]
	if !ok {
		return nil, WaitFor("Secret %s has no key %s", sel.Name, sel.Key)
	}
	remember(ctx, v)
	return v, nil
}

// ConfigMap returns the value of a ConfigMap key (data or binaryData).
func (in Inputs) ConfigMap(ctx context.Context, namespace string, sel v1alpha1.ConfigMapKeySelector) (string, error) {
	cm := &corev1.ConfigMap{}
	if err := in.Reader.Get(ctx, client.ObjectKey{Namespace: namespace, Name: sel.Name}, cm); err != nil {
		if apierrors.IsNotFound(err) {
			return "", WaitFor("ConfigMap %s not found", sel.Name)
		}
		return "", err
	}
	if v, ok := cm.Data[sel.Key]; ok {
		return v, nil
	}
	if v, ok := cm.BinaryData[sel.Key]; ok {
		return string(v), nil
	}
	return "", WaitFor("ConfigMap %s has no key %s", sel.Name, sel.Key)
}

// Text returns a TextSource's text (nil source: "").
func (in Inputs) Text(ctx context.Context, namespace string, src *v1alpha1.TextSource) (string, error) {
	switch {
	case src == nil:
		return "", nil
	case src.ConfigMapKeyRef != nil:
		return in.ConfigMap(ctx, namespace, *src.ConfigMapKeyRef)
	case src.Inline != nil:
		return *src.Inline, nil
	}
	return "", nil
}

// TextRefs are the references a TextSource makes, for Kind.References.
func TextRefs(src *v1alpha1.TextSource) []Ref {
	if src == nil || src.ConfigMapKeyRef == nil {
		return nil
	}
	return []Ref{{Kind: "ConfigMap", Name: src.ConfigMapKeyRef.Name}}
}

// SecretRefs are the references SecretValueSources make, for Kind.References.
func SecretRefs(srcs ...*v1alpha1.SecretValueSource) []Ref {
	var refs []Ref
	for _, s := range srcs {
		if s != nil {
			refs = append(refs, Ref{Kind: "Secret", Name: s.SecretKeyRef.Name})
		}
	}
	return refs
}

// Input records, in obs, the digest of an input's value (a Secret key's, a ConfigMap text's)
// under name, and tells whether it changed: it differs from the digest recorded in status when
// the value last went to Auth0. An input new to an object whose inputs were recorded before has
// changed too. Nothing recorded at all (a new object, an adopted one, one only observed so far)
// is the baseline, not a change: the values are taken as Auth0's, and a later change of them is
// written. The reconciler records obs's digests once Auth0 holds the values: after an update,
// and when an object under Manage is up to date.
func Input(c *auth0.Client, obj Object, obs *Observation, name string, value []byte) bool {
	d := inputDigest(c, name, value)
	if obs.Inputs == nil {
		obs.Inputs = map[string]string{}
	}
	obs.Inputs[name] = d
	rec := obj.GetManagedStatus().Inputs
	return rec != nil && rec.Digests[name] != d
}

// Held tells whether got, what Auth0 holds in a field the spec sets from input name, is the
// value recorded for that input: the field then differs from the spec because the input
// changed, not because someone edited Auth0.
func Held(c *auth0.Client, obj Object, name string, got []byte) bool {
	rec := obj.GetManagedStatus().Inputs
	return rec != nil && rec.Digests[name] == inputDigest(c, name, got)
}

// Recorded tells whether a digest of input name is recorded: a field set from an input that
// never was has not been written by this object yet (a first write, not drift).
func Recorded(obj Object, name string) bool {
	rec := obj.GetManagedStatus().Inputs
	return rec != nil && rec.Digests[name] != ""
}

func inputDigest(c *auth0.Client, name string, value []byte) string {
	return c.Digest([]byte("input"), []byte(name), value)
}

// recordInputs records obs's input digests in obj's status: Auth0 holds these values now.
func recordInputs(obj Object, obs Observation) {
	obj.GetManagedStatus().Inputs = &v1alpha1.InputDigests{Digests: obs.Inputs}
}
