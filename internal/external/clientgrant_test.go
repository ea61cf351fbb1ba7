package external

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

var tenantA = v1alpha1.TenantReference{Name: "a"}

func newGrant(mutate func(*v1alpha1.ClientGrantSpec)) *v1alpha1.ClientGrant {
	cg := &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "m2m-orders", Namespace: "team"},
		Spec: v1alpha1.ClientGrantSpec{ManagedSpec: v1alpha1.ManagedSpec{TenantRef: tenantA}}}
	if mutate != nil {
		mutate(&cg.Spec)
	}
	return cg
}

func kube(t *testing.T, objs ...client.Object) client.Reader {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := v1alpha1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	return fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).Build()
}

func refApp(id string, tenant v1alpha1.TenantReference) *v1alpha1.Application {
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "m2m", Namespace: "team"}}
	app.Spec.TenantRef, app.Status.ID = tenant, id
	return app
}

func refAPI(id string, ready bool) *v1alpha1.ResourceServer {
	rs := newAPI(func(s *v1alpha1.ResourceServerSpec) {
		s.TenantRef = v1alpha1.TenantReference{Kind: "Tenant", Name: "a"}
	})
	rs.Status.ID = id
	status := metav1.ConditionFalse
	if ready {
		status = metav1.ConditionTrue
	}
	rs.Status.Conditions = []metav1.Condition{{Type: v1alpha1.ConditionReady, Status: status, Reason: "R", LastTransitionTime: metav1.Now()}}
	return rs
}

func byRefs(s *v1alpha1.ClientGrantSpec) {
	s.ApplicationRef = &v1alpha1.LocalObjectReference{Name: "m2m"}
	s.ResourceServerRef = &v1alpha1.LocalObjectReference{Name: "orders"}
}

func TestClientGrantResolveWaitsForReferences(t *testing.T) {
	type result struct{ Err, ClientID, Audience string }
	cases := []struct {
		name string
		spec func(*v1alpha1.ClientGrantSpec)
		objs []client.Object
		want result
	}{
		{"by client ID and audience, as they are", func(s *v1alpha1.ClientGrantSpec) { s.ClientID, s.Audience = "ext-client", "https://ext" },
			nil, result{ClientID: "ext-client", Audience: "https://ext"}},
		{"application missing", byRefs, []client.Object{refAPI("rs1", true)},
			result{Err: "waiting (ReferenceNotReady): Application m2m not found"}},
		{"application not created yet", byRefs, []client.Object{refApp("", tenantA), refAPI("rs1", true)},
			result{Err: "waiting (ReferenceNotReady): Application m2m has no client ID yet"}},
		{"API missing", byRefs, []client.Object{refApp("c1", tenantA)},
			result{Err: "waiting (ReferenceNotReady): ResourceServer orders not found"}},
		{"API not Ready", byRefs, []client.Object{refApp("c1", tenantA), refAPI("rs1", false)},
			result{Err: "waiting (ReferenceNotReady): ResourceServer orders is not Ready yet"}},
		{"API in another tenant", byRefs, []client.Object{refApp("c1", v1alpha1.TenantReference{Kind: "ClusterTenant", Name: "a"}), refAPI("rs1", true)},
			result{Err: "stalled (InvalidSpec): Application m2m is in ClusterTenant a, this object in Tenant a: a reference must stay in one tenant"}},
		{"both ready", byRefs, []client.Object{refApp("c1", tenantA), refAPI("rs1", true)},
			result{ClientID: "c1", Audience: "https://orders.example.com"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cg := newGrant(tc.spec)
			err := NewClientGrant(kube(t, tc.objs...)).Resolve(context.Background(), cg)
			got := result{ClientID: cg.Status.ClientID, Audience: cg.Status.Audience}
			var w *reconcile.Waiting
			var s *reconcile.Stall
			switch {
			case errors.As(err, &w):
				got.Err = "waiting (" + w.Reason + "): " + w.Message
			case errors.As(err, &s):
				got.Err = "stalled (" + s.Reason + "): " + s.Message
			case err != nil:
				got.Err = err.Error()
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestClientGrantDriftComparesScopesAsASet(t *testing.T) {
	observed := `{"id":"g1","client_id":"c1","audience":"https://orders.example.com","scope":["write:orders","read:orders"],"subject_type":"client"}`
	cases := []struct {
		name   string
		scopes []string
		want   []string
	}{
		{"reordered", []string{"read:orders", "write:orders"}, nil},
		{"a scope added", []string{"read:orders", "write:orders", "admin"}, []string{"scope"}},
		{"no scopes is a grant of none", nil, []string{"scope"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cg := newGrant(func(s *v1alpha1.ClientGrantSpec) { s.Scopes = tc.scopes })
			cg.Status.ClientID, cg.Status.Audience = "c1", "https://orders.example.com"
			want, err := clientGrantBody(context.Background(), nil, cg)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, drift(want, obj(t, observed))); d != "" {
				t.Errorf("diff (-want +got):\n%s", d)
			}
		})
	}
}

func TestClientGrantLifecycle(t *testing.T) {
	f := newSimTenant(t)
	c := f.client(t)
	ctx := context.Background()
	g := NewClientGrant(kube(t))
	c1, c2 := f.app(t, "app-1"), f.app(t, "app-2")
	f.api(t, "https://orders.example.com")
	cg := newGrant(func(s *v1alpha1.ClientGrantSpec) {
		s.ClientID, s.Audience, s.Scopes = c1, "https://orders.example.com", []string{"read:orders"}
	})
	if err := g.Resolve(ctx, cg); err != nil {
		t.Fatal(err)
	}
	f.add(t, "client-grants", map[string]any{"client_id": c2, "audience": "https://orders.example.com", "scope": []any{}})
	if id, err := g.Find(ctx, c, cg); err != nil || id != "" {
		t.Fatalf("Find matches client and audience: got %q, %v", id, err)
	}
	id, err := g.Create(ctx, c, cg)
	if err != nil {
		t.Fatal(err)
	}
	if obs := observe(t, g, c, cg, id); !obs.UpToDate {
		t.Errorf("after create: diff %v", obs.Diff)
	}

	f.edit("client-grants", id, func(o map[string]any) { o["scope"] = []any{"read:orders", "admin"} })
	obs := observe(t, g, c, cg, id, fresh)
	if d := cmp.Diff([]string{"scope"}, obs.Diff); d != "" {
		t.Errorf("drift (-want +got):\n%s", d)
	}
	if err := g.Update(ctx, c, cg, id, obs); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(obj(t, `{"scope":["read:orders"]}`), f.lastBody(t)); d != "" {
		t.Errorf("update body, scopes only (-want +got):\n%s", d)
	}
	if obs := observe(t, g, c, cg, id); !obs.UpToDate {
		t.Errorf("after update: diff %v", obs.Diff)
	}
	if err := g.Delete(ctx, c, cg, id); err != nil {
		t.Fatal(err)
	}
}

func TestClientGrantCreateConflictRefreshesTheSnapshot(t *testing.T) {
	f := newSimTenant(t)
	c := f.client(t)
	ctx := context.Background()
	g := NewClientGrant(kube(t))
	cg := newGrant(nil)
	c1 := f.app(t, "app-1")
	f.api(t, "https://orders.example.com")
	cg.Status.ClientID, cg.Status.Audience = c1, "https://orders.example.com"

	if id, _ := g.Find(ctx, c, cg); id != "" { // the snapshot is taken now...
		t.Fatalf("Find = %q before the grant exists", id)
	}
	existing := f.add(t, "client-grants", map[string]any{"client_id": c1, "audience": "https://orders.example.com", "scope": []any{}}) // ...then someone creates it
	_, err := g.Create(ctx, c, cg)
	if e := auth0.Classify(err); e == nil || e.Class != auth0.ClassConflict {
		t.Fatalf("Create = %v; want Auth0's 409 as it is", err)
	}
	if id, _ := g.Find(ctx, c, cg); id != existing {
		t.Errorf("Find after a 409 = %q, want %q: the conflict must refresh the snapshot", id, existing)
	}
}

func TestClientGrantSnapshotFollowsACheckpointCursor(t *testing.T) {
	for _, checkpoint := range []bool{false, true} {
		f := newSimTenant(t)
		f.pageByCheckpoint(checkpoint)
		c := f.client(t)
		g := NewClientGrant(kube(t))
		f.api(t, "https://x")
		var ids, apps []string
		for i := range 250 {
			apps = append(apps, f.app(t, fmt.Sprintf("app-%d", i)))
			ids = append(ids, f.add(t, "client-grants", map[string]any{"client_id": apps[i], "audience": "https://x", "scope": []any{}}))
		}
		f.sim.ResetStats()
		for i, id := range ids {
			cg := newGrant(nil)
			cg.Status.ClientID, cg.Status.Audience = apps[i], "https://x"
			if obs := observe(t, g, c, cg, id); !obs.UpToDate {
				t.Fatalf("checkpoint %v, %s: diff %v", checkpoint, id, obs.Diff)
			}
		}
		if lists, gets := f.count("GET /api/v2/client-grants"), f.count("GET /api/v2/client-grants/{id}"); lists != 3 || gets != 0 {
			t.Errorf("checkpoint %v: 250 observations made %d list calls and %d reads; want 3 and 0", checkpoint, lists, gets)
		}
	}
}

// An export writes a grant's organization settings, subject type and default-for, leaves out
// Auth0's defaults, and adopts without a difference.
func TestClientGrantExportOrganizationsSubjectAndDefaultFor(t *testing.T) {
	st := newSimTenant(t)
	client := st.app(t, "worker")
	st.api(t, "https://orders.example.com")
	plain := st.add(t, "client-grants", map[string]any{"client_id": client, "audience": "https://orders.example.com", "scope": []any{"read:orders"}})
	other := st.app(t, "reporter")
	org := st.add(t, "client-grants", map[string]any{"client_id": other, "audience": "https://orders.example.com",
		"scope": []any{}, "organization_usage": "require", "allow_any_organization": true, "subject_type": "user"})
	def := st.add(t, "client-grants", map[string]any{"default_for": "third_party_clients", "audience": "https://orders.example.com",
		"allow_all_scopes": true})

	objs := exportKind(t, st.c, clientGrantExporter)
	spec := func(id string) v1alpha1.ClientGrantSpec {
		s := objs[id].Object.(*v1alpha1.ClientGrant).Spec
		s.ManagedSpec = v1alpha1.ManagedSpec{}
		return s
	}
	ref := func(id string) *v1alpha1.LocalObjectReference {
		return &v1alpha1.LocalObjectReference{Name: "ref-Application-" + id}
	}
	api := &v1alpha1.LocalObjectReference{Name: "ref-ResourceServer-https://orders.example.com"}
	for id, want := range map[string]v1alpha1.ClientGrantSpec{
		plain: {ApplicationRef: ref(client), ResourceServerRef: api, Scopes: []string{"read:orders"}},
		org: {ApplicationRef: ref(other), ResourceServerRef: api,
			OrganizationUsage: "require", AllowAnyOrganization: ptr(true), SubjectType: "user"},
		def: {DefaultFor: "third_party_clients", ResourceServerRef: api, AllowAllScopes: ptr(true)},
	} {
		if d := cmp.Diff(want, spec(id)); d != "" {
			t.Errorf("grant %s (-want +got):\n%s", id, d)
		}
	}
	for id, e := range objs {
		if e.Skip != "" {
			delete(objs, id)
			continue
		}
		g := e.Object.(*v1alpha1.ClientGrant)
		g.Status.ClientID, g.Status.Audience = g.Spec.ClientID, g.Spec.Audience
		if g.Spec.ApplicationRef != nil {
			g.Status.ClientID = strings.TrimPrefix(g.Spec.ApplicationRef.Name, "ref-Application-")
		}
		if g.Spec.ResourceServerRef != nil {
			g.Status.Audience = "https://orders.example.com"
		}
	}
	observeExported(t, st.c, NewClientGrant(nil), objs)
}

// passthrough cannot name the grant's client or API: a default grant (no client_id in its
// body) must not be turned into a grant of some client, past the guard, by passthrough.
func TestClientGrantPassthroughCannotNameClientOrAudience(t *testing.T) {
	for _, key := range []string{"client_id", "audience"} {
		cg := &v1alpha1.ClientGrant{Spec: v1alpha1.ClientGrantSpec{DefaultFor: "third_party_clients", Audience: "https://api",
			Passthrough: map[string]apiextensionsv1.JSON{key: {Raw: []byte(`"x"`)}}}}
		cg.Status.Audience = "https://api"
		if _, err := clientGrantBody(context.Background(), nil, cg); err == nil || !strings.Contains(err.Error(), "spec.passthrough."+key) {
			t.Errorf("passthrough.%s: err = %v", key, err)
		}
	}
}
