package plan

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// planner holds what one plan connected to.
type planner struct {
	opts    Options
	view    *view
	tenants map[string]*tenant // by tenant key and namespace
	shared  map[string]*shared // by tenant key
	clients map[string]*auth0.Client
	notes   []string
	noDry   bool // the runner may not dry-run: said once in notes
}

// tenant connects to the tenant ref names, as seen from namespace.
func (pl *planner) tenant(ctx context.Context, ref v1alpha1.TenantReference, namespace string) (*tenant, error) {
	key := "Tenant/" + namespace + "/" + ref.Name
	if ref.Kind == "ClusterTenant" {
		key = "ClusterTenant/" + ref.Name
	}
	if t, ok := pl.tenants[key+"@"+namespace]; ok {
		return t, nil
	}
	t := &tenant{name: tenantName(ref), key: key, direct: pl.opts.Connection.Direct(), view: pl.view}
	if pl.opts.Cluster != nil {
		t.cluster = pl.opts.Cluster
	}
	if pl.shared[key] == nil {
		pl.shared[key] = &shared{lists: map[string][]unstructured.Unstructured{}, claimed: map[string]string{}}
	}
	t.shared = pl.shared[key]

	var kube client.Client
	if pl.opts.Cluster != nil {
		kube = pl.opts.Cluster
		info, err := (&reconcile.Tenants{Kube: kube, Secrets: kube}).Get(ctx, ref, namespace)
		switch {
		case err == nil:
			t.info = info
		case !t.direct:
			return nil, fmt.Errorf("reading %s: %w", t.name, err)
		}
	}
	if t.info == nil {
		// Connected directly: the tenant's policies are not known, nothing is refused by them.
		t.info = &reconcile.TenantInfo{Kind: ref.Kind, Name: ref.Name, Spec: &v1alpha1.TenantSpec{},
			Status: &v1alpha1.TenantStatus{}, Grant: reconcile.FullGrant}
		pl.notes = append(pl.notes, fmt.Sprintf("%s: its policies (namespace grants, Management API grants) are not known without it in the cluster", t.name))
	}
	if pl.clients == nil {
		pl.clients = map[string]*auth0.Client{}
	}
	clientKey := key
	if t.direct {
		clientKey = "direct"
	}
	if c, ok := pl.clients[clientKey]; ok {
		t.client = c
	} else {
		cfg, err := pl.opts.Connection.Config(ctx, kube, ref, namespace)
		if err != nil {
			return nil, err
		}
		cfg.Key, cfg.Version, cfg.Name, cfg.ReadOnly = "plan/"+clientKey, "1", "plan", true
		if t.client, err = pl.opts.Pool.Client(cfg); err != nil {
			return nil, err
		}
		pl.clients[clientKey] = t.client
	}
	pl.tenants[key+"@"+namespace] = t
	return t, nil
}

// dryRun asks the API server whether it would accept u (a server-side dry run of the create,
// or of the update that replaces the spec): the refusal's message, or "".
func (pl *planner) dryRun(ctx context.Context, u *unstructured.Unstructured) (string, error) {
	kube := pl.opts.Cluster
	if kube == nil || pl.noDry {
		return "", nil
	}
	dry := u.DeepCopy()
	live := &unstructured.Unstructured{}
	live.SetGroupVersionKind(u.GroupVersionKind())
	err := kube.Get(ctx, client.ObjectKeyFromObject(u), live)
	switch {
	case err == nil:
		dry = live.DeepCopy()
		dry.Object["spec"] = u.Object["spec"]
		dry.SetLabels(u.GetLabels())
		err = kube.Update(ctx, dry, client.DryRunAll)
	case apierrors.IsNotFound(err):
		err = kube.Create(ctx, dry, client.DryRunAll)
	}
	switch {
	case err == nil:
		return "", nil
	case apierrors.IsInvalid(err) || apierrors.IsBadRequest(err):
		return "the API server refuses it: " + err.Error(), nil
	case apierrors.IsForbidden(err):
		pl.noDry = true
		pl.notes = append(pl.notes, "the runner may not dry-run writes in the cluster: specs are checked by the kinds' own rules only")
		return "", nil
	case apierrors.IsNotFound(err), apierrors.IsConflict(err):
		return "", nil // its namespace comes with the manifests; the operator wrote meanwhile
	}
	return "", fmt.Errorf("dry run of %s %s/%s: %w", u.GetKind(), u.GetNamespace(), u.GetName(), err)
}
