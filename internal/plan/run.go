package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/scheme"
)

// Options configure a plan.
type Options struct {
	// Namespace is the namespace of the manifests' objects that name none.
	Namespace string
	// Connection says how to reach the tenants (through the cluster, or directly).
	Connection export.Connection
	// Cluster is the cluster the manifests go to; nil when none is reachable.
	Cluster client.WithWatch
	// PruneScope, when set, is a namespace or a label selector the manifests fully describe.
	PruneScope string
	// Rules are the operator-wide rules the kinds apply (DNS zones of custom domains).
	Rules reconcile.Options
	// Pool, when set, is the pool the tenants' clients come from (tests); else a new one.
	Pool *auth0.Pool
}

// Run plans objs, the manifests' objects.
func Run(ctx context.Context, objs []*unstructured.Unstructured, o Options) (*Plan, error) {
	if o.Namespace == "" {
		o.Namespace = "default"
	}
	if o.Pool == nil {
		// A plan waits for budget as long as it takes rather than failing a call.
		o.Pool = auth0.NewPool(nil, auth0.WithMaxWait(time.Hour))
	}
	p := &Plan{Version: Version, Objects: []Entry{}, Skipped: map[string]int{}}
	s := scheme.New()
	var managed []*unstructured.Unstructured
	var typed []client.Object
	keys := map[string][]string{}
	reg := kinds(nil, o.Rules) // names only; the real Externals read through the view below
	for _, u := range objs {
		gvk := u.GroupVersionKind()
		if u.GetNamespace() == "" && gvk.Kind != "ClusterTenant" && gvk.Kind != "Namespace" {
			u.SetNamespace(o.Namespace)
		}
		_, isManaged := reg[gvk.Kind]
		switch {
		case gvk.Group == v1alpha1.GroupVersion.Group && isManaged:
			managed = append(managed, u)
			secretKeys(u, keys)
		case gvk.Group == "" && (gvk.Kind == "Secret" || gvk.Kind == "ConfigMap"):
			p.Skipped[gvk.Kind]++
		default:
			p.Skipped[gvk.Kind]++
			continue
		}
		t, err := toTyped(s, u)
		if err != nil {
			return nil, err
		}
		typed = append(typed, t)
	}
	v := newView(o.Cluster, typed, keys)
	reg = kinds(v.client(), o.Rules)
	if o.Cluster == nil {
		p.Notes = append(p.Notes, "no cluster: ownership, status and the API server's validation are not checked; "+
			"objects found by name are compared as if managed")
	}
	pl := &planner{opts: o, view: v, tenants: map[string]*tenant{}, shared: map[string]*shared{}}
	for _, u := range managed {
		e := Entry{Kind: u.GetKind(), Namespace: u.GetNamespace(), Name: u.GetName()}
		if msg, err := pl.dryRun(ctx, u); err != nil {
			return nil, err
		} else if msg != "" {
			e.Tenant, e.Action, e.Message = tenantName(refOf(u)), Invalid, msg
			p.Objects = append(p.Objects, e)
			continue
		}
		t, err := pl.tenant(ctx, refOf(u), u.GetNamespace())
		if err != nil {
			return nil, fmt.Errorf("%s %s/%s: %w", e.Kind, e.Namespace, e.Name, err)
		}
		if e, err = reg[u.GetKind()].decide(ctx, t, u); err != nil {
			return nil, err
		}
		p.Objects = append(p.Objects, e)
	}
	if o.PruneScope != "" {
		pruned, err := prune(ctx, o.Cluster, reg, o.PruneScope, managed)
		if err != nil {
			return nil, err
		}
		p.Prune = pruned
	}
	p.Notes = append(p.Notes, pl.notes...)
	p.Notes = append(p.Notes, v.unreadableNotes()...)
	for _, c := range pl.clients {
		p.Calls += c.Stats().Calls
	}
	redact(p, v.secretValues())
	p.count()
	return p, nil
}

// toTyped converts u into its Go type (a Secret's stringData into data, as the API server does).
func toTyped(s *runtime.Scheme, u *unstructured.Unstructured) (client.Object, error) {
	o, err := s.New(u.GroupVersionKind())
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", u.GetKind(), u.GetName(), err)
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, o); err != nil {
		// The converter's message may quote a value (a Secret's): name the object only.
		return nil, fmt.Errorf("%s %s/%s does not decode as a %s", u.GetKind(), u.GetNamespace(), u.GetName(), u.GetKind())
	}
	if sec, ok := o.(*corev1.Secret); ok && len(sec.StringData) > 0 {
		if sec.Data == nil {
			sec.Data = map[string][]byte{}
		}
		for k, v := range sec.StringData {
			sec.Data[k] = []byte(v)
		}
		sec.StringData = nil
	}
	co := o.(client.Object)
	co.GetObjectKind().SetGroupVersionKind(u.GroupVersionKind())
	return co, nil
}

func refOf(u *unstructured.Unstructured) v1alpha1.TenantReference {
	kind, _, _ := unstructured.NestedString(u.Object, "spec", "tenantRef", "kind")
	name, _, _ := unstructured.NestedString(u.Object, "spec", "tenantRef", "name")
	if kind == "" {
		kind = "Tenant"
	}
	return v1alpha1.TenantReference{Kind: kind, Name: name}
}

func tenantName(ref v1alpha1.TenantReference) string { return ref.Kind + "/" + ref.Name }

// redact replaces every Secret value the plan read wherever it could appear: a message, a
// field's value (which then shows only that it changes).
func redact(p *Plan, values []string) {
	if len(values) == 0 {
		return
	}
	scrub := func(s string) string {
		for _, v := range values {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
		return s
	}
	holds := func(x any) bool {
		b, _ := json.Marshal(x)
		return scrub(string(b)) != string(b)
	}
	for _, es := range [][]Entry{p.Objects, p.Prune} {
		for i := range es {
			es[i].Message = scrub(es[i].Message)
			for j, f := range es[i].Fields {
				if holds(f.Before) || holds(f.After) {
					es[i].Fields[j] = Field{Path: f.Path, Note: "changes"}
				}
			}
		}
	}
	for i := range p.Notes {
		p.Notes[i] = scrub(p.Notes[i])
	}
}
