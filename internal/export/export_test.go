package export_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
	"github.com/a0ops/auth0-operator/internal/testenv"
)

func simClient(t *testing.T, sim *auth0sim.Server) *auth0.Client {
	t.Helper()
	c, err := auth0.NewPool(nil).Client(auth0.TenantConfig{
		Key: t.Name(), Version: "1", Domain: sim.Domain(), BaseURL: sim.URL(), CACertPEM: sim.CertPEM(),
		Credentials: auth0.Credentials{ClientID: sim.ClientID(), ClientSecret: sim.ClientSecret()},
		RateLimit:   auth0.RateLimit{RequestsPerSecond: 1000, Burst: 1000},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustCreate(t *testing.T, sim *auth0sim.Server, coll string, body map[string]any) map[string]any {
	t.Helper()
	o, err := sim.CreateObject(coll, body)
	if err != nil {
		t.Fatalf("creating %s: %s", coll, err.Message)
	}
	return o
}

func names(res *export.Result, kind string) map[string]string {
	out := map[string]string{} // Auth0 ID -> metadata.name
	for _, o := range res.Objects {
		if o.Kind == kind {
			out[o.ID] = o.Object.GetName()
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

var prod = v1alpha1.TenantReference{Kind: "Tenant", Name: "prod"}

// Names are DNS labels made from Auth0 names; two clients with one name are told apart by
// their IDs, the same way in every export; references name the exported objects.
func TestExportNamesObjectsAndResolvesReferences(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	a := mustCreate(t, sim, "clients", map[string]any{"name": "Web Shop (prod)", "app_type": "regular_web"})
	b := mustCreate(t, sim, "clients", map[string]any{"name": "web shop prod", "app_type": "non_interactive"})
	jp := mustCreate(t, sim, "clients", map[string]any{"name": "ショップ", "app_type": "spa"})
	long := mustCreate(t, sim, "clients", map[string]any{"name": strings.Repeat("very long name ", 10), "app_type": "spa"})
	api := mustCreate(t, sim, "resource-servers", map[string]any{"name": "Orders", "identifier": "https://orders.example.com"})
	g := mustCreate(t, sim, "client-grants", map[string]any{"client_id": b["client_id"], "audience": api["identifier"], "scope": []any{}})
	// A grant of the Management API, whose resource server is Auth0's own and not exported.
	sys := mustCreate(t, sim, "client-grants", map[string]any{"client_id": a["client_id"], "audience": sim.Audience(), "scope": []any{"read:users"}})

	c := simClient(t, sim)
	var first map[string]string
	for range 2 {
		res, err := export.Run(context.Background(), c, export.Options{Namespace: "auth0", TenantRef: prod})
		if err != nil {
			t.Fatal(err)
		}
		apps := names(res, "Application")
		ids := []string{a["client_id"].(string), b["client_id"].(string)}
		sort.Strings(ids)
		if apps[ids[0]] != "web-shop-prod" || !strings.HasPrefix(apps[ids[1]], "web-shop-prod-") {
			t.Errorf("colliding names: %q and %q", apps[ids[0]], apps[ids[1]])
		}
		if n := apps[jp["client_id"].(string)]; !strings.HasPrefix(n, "application-") {
			t.Errorf("a name of other scripts became %q", n)
		}
		if n := apps[long["client_id"].(string)]; len(n) > 63 || strings.HasSuffix(n, "-") {
			t.Errorf("a long name became %q", n)
		}
		for _, o := range res.Objects {
			if o.Kind == "Application" && (o.ID == a["client_id"] || o.ID == b["client_id"]) {
				if got := o.Object.(*v1alpha1.Application).Spec.Name; got != o.Name {
					t.Errorf("spec.name = %q, want the Auth0 name %q", got, o.Name)
				}
			}
			if o.Kind != "ClientGrant" {
				continue
			}
			s := o.Object.(*v1alpha1.ClientGrant).Spec
			switch o.ID {
			case g["id"]:
				if s.ApplicationRef == nil || s.ApplicationRef.Name != apps[b["client_id"].(string)] || s.ResourceServerRef == nil || s.ResourceServerRef.Name != "orders" {
					t.Errorf("grant references: %+v", s)
				}
			case sys["id"]:
				if s.ResourceServerRef != nil || s.Audience != sim.Audience() {
					t.Errorf("a grant of the Management API must name its audience: %+v", s)
				}
			}
			if s.TenantRef != prod || s.ExternalID != o.ID || s.DeletionPolicy != "" {
				t.Errorf("managed spec: %+v", s.ManagedSpec)
			}
		}
		if first == nil {
			first = apps
		} else if d := cmp.Diff(first, apps); d != "" {
			t.Errorf("names changed from one export to the next:\n%s", d)
		}
	}
}

func TestExportFilters(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	mustCreate(t, sim, "clients", map[string]any{"name": "billing-web", "app_type": "regular_web"})
	mustCreate(t, sim, "clients", map[string]any{"name": "billing-worker", "app_type": "non_interactive"})
	partner := mustCreate(t, sim, "clients", map[string]any{"name": "partner", "app_type": "regular_web", "is_first_party": false})
	mustCreate(t, sim, "resource-servers", map[string]any{"name": "billing", "identifier": "https://billing"})
	mustCreate(t, sim, "client-grants", map[string]any{"client_id": partner["client_id"], "audience": "https://billing", "scope": []any{}})
	c := simClient(t, sim)
	run := func(o export.Options) []string {
		t.Helper()
		o.Namespace, o.TenantRef = "auth0", prod
		res, err := export.Run(context.Background(), c, o)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range res.Objects {
			out = append(out, o.Kind+"/"+o.Name)
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		name string
		opts export.Options
		want []string
	}{
		{"by name", export.Options{Names: []string{"billing*"}}, []string{"Application/billing-web", "Application/billing-worker", "ResourceServer/billing"}},
		{"by kind and name", export.Options{Kinds: []string{"Application"}, Names: []string{"*-web", "Default*"}}, []string{"Application/Default App", "Application/billing-web"}},
		{"third party included", export.Options{Names: []string{"partner*"}, Include: []string{external.SkipThirdParty}}, []string{"Application/partner", "ClientGrant/partner-billing"}},
		{"third party left out, with its grants", export.Options{Names: []string{"partner*"}}, nil},
		{"system included", export.Options{Kinds: []string{"ResourceServer"}, Include: []string{external.SkipSystem}}, []string{"ResourceServer/Auth0 Management API", "ResourceServer/billing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, run(tc.opts)); d != "" {
				t.Errorf("exported (-want +got):\n%s", d)
			}
		})
	}
	if _, err := export.Run(context.Background(), c, export.Options{Namespace: "auth0", TenantRef: prod, Kinds: []string{"Applications"}}); err == nil || !strings.Contains(err.Error(), `unknown kind "Applications"`) {
		t.Errorf("an unknown kind: %v", err)
	}
}

// The directory: one file per object by kind, a kustomization listing them, skeleton Secrets
// left out of it; an existing directory with files is refused.
func TestWriteDirAndStream(t *testing.T) {
	app := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "auth0"},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: v1alpha1.ManagedSpec{TenantRef: prod, ExternalID: "abc"}, AppType: "spa"}}
	app.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind("Application"))
	res := &export.Result{Objects: []export.Object{{Kind: "Application", ID: "abc", Name: "Web", Object: app}}}
	dir := filepath.Join(t.TempDir(), "out")
	if err := res.WriteDir(dir, "acme.eu.auth0.com"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "applications", "web.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := `# Auth0 Application "Web" (abc), exported by auth0-operator export.
apiVersion: auth0.a0ops.dev/v1alpha1
kind: Application
metadata:
  name: web
  namespace: auth0
spec:
  appType: spa
  externalID: abc
  tenantRef:
    kind: Tenant
    name: prod
`
	if d := cmp.Diff(want, string(b)); d != "" {
		t.Errorf("manifest (-want +got):\n%s", d)
	}
	k, _ := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	if !strings.Contains(string(k), "resources:\n- applications/web.yaml\n") {
		t.Errorf("kustomization.yaml:\n%s", k)
	}
	if err := res.WriteDir(dir, "acme.eu.auth0.com"); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("writing over an export: %v", err)
	}
	var s bytes.Buffer
	if err := res.WriteStream(&s); err != nil {
		t.Fatal(err)
	}
	if s.String() != want {
		t.Errorf("stream:\n%s", s.String())
	}
}

func TestCommandRefusesBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--tenant", "prod"}, "--namespace is required"},
		{[]string{"--namespace", "a"}, "exactly one of --tenant and --cluster-tenant"},
		{[]string{"--namespace", "a", "--tenant", "p", "--cluster-tenant", "p"}, "exactly one of --tenant and --cluster-tenant"},
		{[]string{"--namespace", "a", "--tenant", "p", "--deletion-policy", "Keep"}, `--deletion-policy "Keep"`},
		{[]string{"--namespace", "a", "--tenant", "p", "--tenant-domain", "x.auth0.com"}, "needs --credentials-from-env"},
		{[]string{"--namespace", "a", "--tenant", "p", "--credentials-from-env"}, "go with --tenant-domain"},
	} {
		var stderr bytes.Buffer
		cmd := &export.Command{Stdout: &stderr, Stderr: &stderr}
		err := cmd.Run(testenv.Ctx(t), tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
	t.Setenv("AUTH0_CLIENT_ID", "x")
	t.Setenv("AUTH0_CLIENT_SECRET", "")
	cmd := &export.Command{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
	err := cmd.Run(testenv.Ctx(t), []string{"--namespace", "a", "--tenant", "p", "--tenant-domain", "x.auth0.com", "--credentials-from-env"})
	if err == nil || !strings.Contains(err.Error(), "AUTH0_CLIENT_SECRET must both be set") {
		t.Errorf("missing secret: %v", err)
	}
}

// --diff: a new object is a create, a changed one an update naming the fields, one whose Auth0
// object another object manages a conflict, one the API server refuses invalid; nothing is
// written.
func TestDiffAgainstTheCluster(t *testing.T) {
	ctx := testenv.Ctx(t)
	ns := env.Namespace(t, nil)
	app := func(name, id string, callbacks ...string) *v1alpha1.Application {
		a := &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns}, Spec: v1alpha1.ApplicationSpec{
			ManagedSpec: v1alpha1.ManagedSpec{TenantRef: prod, ExternalID: id, ManagementPolicy: v1alpha1.ManagementObserveOnly},
			AppType:     "regular_web", Callbacks: callbacks}}
		a.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind("Application"))
		return a
	}
	create(t, app("web", "id-web", "https://a/cb"))
	create(t, app("same", "id-same"))
	create(t, app("first", "id-taken"))
	create(t, app("switched", "id-old"))
	invalid := app("bad", "id-bad")
	invalid.Spec.AppType = "mainframe"
	// An Action whose code came from a ConfigMap; the export has it inline: the file replaces
	// the spec, so this is an update, not two code sources at once.
	action := func(code v1alpha1.TextSource) *v1alpha1.Action {
		a := &v1alpha1.Action{ObjectMeta: metav1.ObjectMeta{Name: "enrich", Namespace: ns}, Spec: v1alpha1.ActionSpec{
			ManagedSpec: v1alpha1.ManagedSpec{TenantRef: prod, ExternalID: "act-1", ManagementPolicy: v1alpha1.ManagementObserveOnly},
			Trigger:     v1alpha1.ActionTrigger{ID: "post-login", Version: "v3"}, Code: code}}
		a.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind("Action"))
		return a
	}
	create(t, action(v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "code", Key: "enrich.js"}}))
	// The tenant's settings are managed already, under another name; an Application of another
	// tenant has the same Auth0 ID as one exported (another tenant's object: no conflict).
	settings := func(name string) *v1alpha1.TenantSettings {
		ts := &v1alpha1.TenantSettings{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns}, Spec: v1alpha1.TenantSettingsSpec{
			ManagedSpec: v1alpha1.ManagedSpec{TenantRef: prod, ManagementPolicy: v1alpha1.ManagementObserveOnly}, FriendlyName: "Acme"}}
		ts.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind("TenantSettings"))
		return ts
	}
	create(t, settings("settings"))
	staging := app("staging-new", "id-new")
	staging.Spec.TenantRef = v1alpha1.TenantReference{Kind: "ClusterTenant", Name: "staging"}
	create(t, staging)
	// A ClusterTenant serves several namespaces: its objects anywhere count.
	shared := func(namespace, name string) *v1alpha1.Application {
		a := app(name, "id-shared")
		a.Namespace, a.Spec.TenantRef = namespace, v1alpha1.TenantReference{Kind: "ClusterTenant", Name: "shared"}
		return a
	}
	other := env.Namespace(t, nil)
	create(t, shared(other, "elsewhere"))
	res := &export.Result{Objects: []export.Object{{Kind: "Action", ID: "act-1",
		Object: action(v1alpha1.TextSource{Inline: ptr("exports.onExecutePostLogin = async () => {};")})},
		{Kind: "TenantSettings", Object: settings("tenant-settings")}}}
	for _, a := range []*v1alpha1.Application{app("web", "id-web", "https://b/cb"), app("same", "id-same"), app("second", "id-taken"), app("new", "id-new"), app("switched", "id-other"), shared(ns, "here"), invalid} {
		res.Objects = append(res.Objects, export.Object{Kind: "Application", ID: a.Spec.ExternalID, Object: a})
	}
	changes, err := export.Diff(ctx, env.Client, res)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]export.Change{}
	for _, c := range changes {
		got[c.Name] = c
	}
	if c := got["web"]; c.Action != export.ActionUpdate || !slices.Equal(c.Fields, []string{`spec.callbacks: ["https://a/cb"] → ["https://b/cb"]`}) {
		t.Errorf("changed object: %+v", c)
	}
	if c := got["enrich"]; c.Action != export.ActionUpdate || !slices.Equal(c.Fields, []string{
		`spec.code.configMapKeyRef: {"key":"enrich.js","name":"code"} → (unset)`,
		`spec.code.inline: (unset) → "exports.onExecutePostLogin = async () =\u003e {};"`}) {
		t.Errorf("code moved inline: %+v", c)
	}
	if c := got["tenant-settings"]; c.Action != export.ActionConflict || c.Message != "the tenant's TenantSettings is already managed by TenantSettings "+ns+"/settings" {
		t.Errorf("a singleton managed under another name: %+v", c)
	}
	if c := got["same"]; c.Action != export.ActionUnchanged {
		t.Errorf("unchanged object: %+v", c)
	}
	if c := got["second"]; c.Action != export.ActionConflict || !strings.Contains(c.Message, ns+"/first") {
		t.Errorf("an Auth0 object managed under another name: %+v", c)
	}
	if c := got["switched"]; c.Action != export.ActionConflict || c.Message != "Application "+ns+"/switched manages Auth0 object id-old, the export's is id-other" {
		t.Errorf("the same name for another Auth0 object: %+v", c)
	}
	if c := got["here"]; c.Action != export.ActionConflict || !strings.Contains(c.Message, other+"/elsewhere") {
		t.Errorf("an object of the same ClusterTenant in another namespace: %+v", c)
	}
	if c := got["new"]; c.Action != export.ActionCreate || c.Message != "adopts Auth0 object id-new" {
		t.Errorf("new object: %+v", c)
	}
	if c := got["bad"]; c.Action != export.ActionInvalid || !strings.Contains(c.Message, "mainframe") {
		t.Errorf("invalid object: %+v", c)
	}
	var out bytes.Buffer
	counts, err := export.PrintDiff(&out, changes)
	if err != nil {
		t.Fatal(err)
	}
	if counts[export.ActionCreate] != 1 || !strings.Contains(out.String(), "1 to create, 2 to update, 1 unchanged, 4 in conflict, 1 invalid\n") {
		t.Errorf("printed:\n%s", out.String())
	}
	live := &v1alpha1.Application{}
	if err := env.Client.Get(ctx, client.ObjectKey{Namespace: ns, Name: "web"}, live); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(live.Spec.Callbacks, []string{"https://a/cb"}) {
		t.Errorf("the dry run changed the object: %v", live.Spec.Callbacks)
	}
	for _, n := range []string{"new", "second"} {
		if err := env.Client.Get(ctx, client.ObjectKey{Namespace: ns, Name: n}, &v1alpha1.Application{}); err == nil {
			t.Errorf("the dry run created %s", n)
		}
	}
}

// An object no kind can express (say, of a type Auth0 adds after this release) is named and
// left out; the export goes on.
func TestExportLeavesOutWhatNoKindExpresses(t *testing.T) {
	saved := external.Exporters
	t.Cleanup(func() { external.Exporters = saved })
	external.Exporters = []external.Exporter{{Kind: "LogStream", Read: func(context.Context, *auth0.Client) ([]external.Found, error) {
		return []external.Found{
			{ID: "lst_1", Name: "pubsub", Build: func(*external.ExportContext) (reconcile.Object, error) {
				return nil, errors.New(`type "googlepubsub" is not modelled`)
			}},
			{ID: "lst_2", Name: "dd", Build: func(*external.ExportContext) (reconcile.Object, error) {
				return &v1alpha1.LogStream{}, nil
			}},
		}, nil
	}}}
	res, err := export.Run(context.Background(), nil, export.Options{Namespace: "auth0", TenantRef: prod})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Objects) != 1 || res.Objects[0].Name != "dd" {
		t.Errorf("exported %+v", res.Objects)
	}
	if want := []string{`LogStream "pubsub" (lst_1): type "googlepubsub" is not modelled`}; !slices.Equal(res.Unexportable, want) {
		t.Errorf("unexportable: %q, want %q", res.Unexportable, want)
	}
}

// Straight to a tenant with credentials from the environment, as one YAML stream on stdout;
// on a terminal a progress line is drawn on stderr and cleared.
func TestCommandDirectToStdoutWithProgress(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	mustCreate(t, sim, "clients", map[string]any{"name": "web", "app_type": "spa"})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, sim.CertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AUTH0_CLIENT_ID", sim.ClientID())
	t.Setenv("AUTH0_CLIENT_SECRET", sim.ClientSecret())
	var stdout, stderr bytes.Buffer
	cmd := &export.Command{Stdout: &stdout, Stderr: &stderr, Terminal: true}
	err := cmd.Run(testenv.Ctx(t), []string{"--tenant-domain", sim.Domain(), "--credentials-from-env", "--base-url", sim.URL(),
		"--ca-file", ca, "--namespace", "auth0", "--cluster-tenant", "prod", "--kinds", "Application", "-o", "-"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"kind: Application\nmetadata:\n  name: web\n", "    kind: ClusterTenant\n    name: prod\n", "  deletionPolicy: Orphan\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	if strings.Contains(stdout.String(), sim.ClientSecret()) || strings.Contains(stderr.String(), sim.ClientSecret()) {
		t.Error("a secret value in the output")
	}
	if !strings.Contains(stderr.String(), "\r\033[Kexporting: ") || !strings.Contains(stderr.String(), "read 4 objects of "+sim.Domain()+" in 2 calls") {
		t.Errorf("stderr: %q", stderr.String())
	}
}

// Refused for the rate limit (another client of the tenant spent the budget), an export waits
// until the budget is back and reads the kind again.
func TestExportWaitsOutTheRateLimit(t *testing.T) {
	saved := external.Exporters
	t.Cleanup(func() { external.Exporters = saved })
	reads := 0
	external.Exporters = []external.Exporter{{Kind: "Role", Read: func(context.Context, *auth0.Client) ([]external.Found, error) {
		if reads++; reads == 1 {
			return nil, &auth0.ErrRateLimited{RetryAt: time.Now().Add(100 * time.Millisecond)}
		}
		return []external.Found{{ID: "rol_1", Name: "admin", Build: func(*external.ExportContext) (reconcile.Object, error) {
			return &v1alpha1.Role{}, nil
		}}}, nil
	}}}
	res, err := export.Run(context.Background(), nil, export.Options{Namespace: "auth0", TenantRef: prod})
	if err != nil {
		t.Fatal(err)
	}
	if reads != 2 || len(res.Objects) != 1 {
		t.Errorf("%d reads, %d objects; want 2 reads (one refused), 1 object", reads, len(res.Objects))
	}
}

// Values that look secret and that no kind can reference from a Secret are left out of the
// manifests (and named), never written.
func TestExportNeverWritesSecretLookingValues(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	mustCreate(t, sim, "connections", map[string]any{"name": "sms", "strategy": "sms", "options": map[string]any{
		"provider": "sms_gateway", "gateway_url": "https://sms.example.com",
		"gateway_authentication": map[string]any{"method": "bearer", "subject": "auth0", "audience": "sms", "secret": "gw-s3cret"}}})
	mustCreate(t, sim, "log-streams", map[string]any{"name": "siem", "type": "http", "sink": map[string]any{
		"httpEndpoint": "https://siem.example.com", "httpContentType": "application/json", "httpContentFormat": "JSONLINES",
		"httpCustomHeaders": []any{map[string]any{"header": "X-Api-Key", "value": "hdr-s3cret"}}}})
	res, err := export.Run(context.Background(), simClient(t, sim), export.Options{Namespace: "auth0", TenantRef: prod, Kinds: []string{"Connection", "LogStream"}})
	if err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	if err := res.WriteStream(&all); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"gw-s3cret", "hdr-s3cret"} {
		if strings.Contains(all.String(), s) {
			t.Errorf("a secret value in the export:\n%s", all.String())
		}
	}
	want := []string{"Connection sms: options.gateway_authentication: holds a secret value, which an export never writes",
		"LogStream siem: sink.httpCustomHeaders: a header carries a secret value, which an export never writes"}
	if !slices.Equal(res.Omitted, want) {
		t.Errorf("omitted %q, want %q", res.Omitted, want)
	}
	if !strings.Contains(all.String(), "gateway_url: https://sms.example.com") {
		t.Errorf("the connection's other options are gone:\n%s", all.String())
	}
}
