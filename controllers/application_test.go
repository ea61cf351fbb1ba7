package controllers_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func spa(f *fixture, name string, callbacks ...string) *v1alpha1.Application {
	return &v1alpha1.Application{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "spa", Callbacks: callbacks,
			CredentialsSecretRef: &v1alpha1.LocalObjectReference{Name: name + "-auth0"}},
	}
}

func TestApplicationCreateUpdateDelete(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := spa(f, "web", "https://web.example.com/callback")
	app.Spec.Description = "the web front end"
	f.create(app)
	f.waitReady(app)

	if app.Status.ID == "" || app.Status.ClientID != app.Status.ID {
		t.Fatalf("status id %q, clientID %q", app.Status.ID, app.Status.ClientID)
	}
	cl := f.simObject("clients", app.Status.ID)
	if cl["name"] != "web" || cl["app_type"] != "spa" || cl["description"] != "the web front end" {
		t.Errorf("client in Auth0: %v", cl)
	}
	if got := strs(cl["callbacks"]); !slices.Equal(got, []string{"https://web.example.com/callback"}) {
		t.Errorf("callbacks = %v", got)
	}
	if s := f.kstatus(app); s != status.CurrentStatus {
		t.Errorf("kstatus = %s, want Current", s)
	}

	// The credentials Secret: a public client gets no secret.
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "web-auth0", Namespace: f.ns}}
	f.get(sec)
	if string(sec.Data["clientID"]) != app.Status.ID || string(sec.Data["domain"]) != f.sim.Domain() ||
		string(sec.Data["issuer"]) != "https://"+f.sim.Domain()+"/" {
		t.Errorf("Secret data: %v", keys(sec.Data))
	}
	if _, ok := sec.Data["clientSecret"]; ok {
		t.Error("an SPA's Secret has a clientSecret")
	}
	if len(sec.OwnerReferences) != 1 || sec.OwnerReferences[0].UID != app.UID {
		t.Errorf("Secret owners: %+v", sec.OwnerReferences)
	}

	// An update in Git reaches Auth0, and kstatus says InProgress until it has.
	f.update(app, func() { app.Spec.Callbacks = append(app.Spec.Callbacks, "https://web.example.com/cb2") })
	f.waitReady(app)
	cl = f.simObject("clients", app.Status.ID)
	if got := strs(cl["callbacks"]); len(got) != 2 {
		t.Errorf("callbacks after update = %v", got)
	}
	if note := f.waitEvent("web", "Updated"); !strings.Contains(note, "callbacks") {
		t.Errorf("Updated event note %q does not name callbacks", note)
	}

	// Deletion (policy Delete, the default) removes the client from Auth0.
	id := app.Status.ID
	f.delete(app)
	f.waitGone(app)
	if _, ok := f.sim.Object("clients", id); ok {
		t.Error("client still in Auth0 after deletion")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestApplicationDeletionOrphan(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := spa(f, "kept")
	app.Spec.DeletionPolicy = v1alpha1.DeletionOrphan
	f.create(app)
	f.waitReady(app)
	f.delete(app)
	f.waitGone(app)
	if _, ok := f.sim.Object("clients", app.Status.ID); !ok {
		t.Fatal("Orphan deleted the client")
	}
}

func TestApplicationSecretDeliveryAndRotation(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := &v1alpha1.Application{
		ObjectMeta: metav1.ObjectMeta{Name: "backend", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "regular_web",
			Callbacks:            []string{"https://backend.example.com/cb"},
			CredentialsSecretRef: &v1alpha1.LocalObjectReference{Name: "backend-auth0"}},
	}
	f.create(app)
	f.waitReady(app)
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "backend-auth0", Namespace: f.ns}}
	f.get(sec)
	first := f.simObject("clients", app.Status.ID)["client_secret"]
	if first == nil || string(sec.Data["clientSecret"]) != first {
		t.Fatalf("Secret's clientSecret does not match Auth0's")
	}

	// A new rotation token rotates the secret and updates the Secret in the same reconcile.
	f.update(app, func() { app.Spec.ClientSecretRotation = "2026-11-29" })
	f.eventually(func() (bool, string) {
		f.get(app)
		return app.Status.Requests["clientSecretRotation"] == "2026-11-29", "waiting for the rotation"
	})
	second := f.simObject("clients", app.Status.ID)["client_secret"]
	if second == first {
		t.Fatal("secret not rotated in Auth0")
	}
	f.get(sec)
	if string(sec.Data["clientSecret"]) != second {
		t.Fatal("Secret not updated with the rotated secret")
	}
	if n := f.calls("POST /api/v2/clients/{id}/rotate-secret"); n != 1 {
		t.Errorf("rotate-secret calls = %d, want 1", n)
	}

	// A deleted Secret is restored.
	f.delete(sec)
	f.eventually(func() (bool, string) {
		err := env.Client.Get(f.ctx, client.ObjectKeyFromObject(sec), sec)
		return err == nil && string(sec.Data["clientSecret"]) == second, fmt.Sprintf("Secret not restored: %v", err)
	})
	for _, s := range f.events() {
		if strings.Contains(s, second.(string)) || strings.Contains(s, first.(string)) {
			t.Fatalf("client secret in an Event: %q", s)
		}
	}
	f.get(app)
	for _, c := range app.Status.Conditions {
		if strings.Contains(c.Message, second.(string)) {
			t.Fatalf("client secret in status: %q", c.Message)
		}
	}
}

func TestApplicationDriftCorrected(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	app := spa(f, "drifty", "https://a.example.com/cb", "https://b.example.com/cb")
	f.create(app)
	f.waitReady(app)
	updates := f.calls("PATCH /api/v2/clients/{id}")

	// Reordered callbacks and server-side defaults are not drift: after a full drift
	// interval (the object observed again), nothing was written.
	f.sim.PatchObject("clients", app.Status.ID, auth0sim.Object{"callbacks": []any{"https://b.example.com/cb", "https://a.example.com/cb"}})
	f.waitObservedAgain(app, 2*time.Second)
	if n := f.calls("PATCH /api/v2/clients/{id}"); n != updates {
		t.Fatalf("reordering counted as drift: %d updates", n-updates)
	}

	// A dashboard edit is reported and corrected.
	f.sim.PatchObject("clients", app.Status.ID, auth0sim.Object{"callbacks": []any{"https://evil.example.com/cb"}})
	note := f.waitEvent("drifty", "DriftDetected")
	if !strings.Contains(note, "callbacks") {
		t.Errorf("DriftDetected note %q does not name callbacks", note)
	}
	f.waitEvent("drifty", "DriftCorrected")
	if got := strs(f.simObject("clients", app.Status.ID)["callbacks"]); !slices.Equal(got, []string{"https://a.example.com/cb", "https://b.example.com/cb"}) {
		t.Errorf("callbacks not corrected: %v", got)
	}
	// The Events go out before the reconcile writes its status.
	f.eventually(func() (bool, string) {
		f.get(app)
		d := app.Status.Drift
		return d != nil && slices.Contains(d.Fields, "callbacks") && d.Corrected, fmt.Sprintf("status.drift = %+v", d)
	})
	// The next observation finds it in sync again.
	f.waitReady(app)
}

// waitObservedAgain waits until o has been observed from a list read after the call: a
// snapshot lives one drift interval, and lastSyncTime has a resolution of one second.
func (f *fixture) waitObservedAgain(o managed, interval time.Duration) {
	f.t.Helper()
	since := time.Now().Add(interval + time.Second)
	f.eventually(func() (bool, string) {
		f.get(o)
		last := o.GetManagedStatus().LastSyncTime
		return last != nil && last.Time.After(since) && meta.IsStatusConditionTrue(o.GetManagedStatus().Conditions, v1alpha1.ConditionSynced),
			fmt.Sprintf("last sync %v, want after %v", last, since)
	})
}

func TestApplicationObserveOnlyAndAdoption(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	existing, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "legacy", "app_type": "spa",
		"callbacks": []any{"https://legacy.example.com/cb"}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	id := existing["client_id"].(string)

	// externalID adopts in place: no create, same ID.
	app := spa(f, "legacy", "https://legacy.example.com/cb")
	app.Spec.ExternalID = id
	app.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	f.create(app)
	f.waitReady(app)
	if app.Status.ID != id {
		t.Fatalf("adopted ID %s, want %s", app.Status.ID, id)
	}
	if n := f.calls("POST /api/v2/clients"); n != 0 {
		t.Fatalf("%d creates while adopting", n)
	}

	// ObserveOnly: drift is reported, not corrected.
	writes := f.writes()
	f.sim.PatchObject("clients", id, auth0sim.Object{"callbacks": []any{"https://changed.example.com/cb"}})
	c := f.waitCondition(app, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "callbacks") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	f.waitEvent("legacy", "DriftDetected")
	if got := strs(f.simObject("clients", id)["callbacks"]); !slices.Equal(got, []string{"https://changed.example.com/cb"}) {
		t.Errorf("ObserveOnly changed Auth0: %v", got)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	// ObserveOnly reports an out-of-band deletion and does not recreate: the object it was
	// told to adopt (externalID) is gone, which needs a person.
	f.sim.DeleteObject("clients", id)
	c = f.waitCondition(app, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonNotFound)
	if !strings.Contains(c.Message, id) {
		t.Errorf("Stalled message %q does not name the missing ID", c.Message)
	}
	f.waitEvent("legacy", "NotFound")
	if n := f.calls("POST /api/v2/clients"); n != 0 {
		t.Fatalf("ObserveOnly recreated the client (%d creates)", n)
	}
	// Deleting an ObserveOnly object never deletes in Auth0 (it does not own it).
	f.delete(app)
	f.waitGone(app)
	if n := f.calls("DELETE /api/v2/clients/{id}"); n != 0 {
		t.Errorf("ObserveOnly deletion called DELETE %d times", n)
	}
}

func TestApplicationAlreadyExistsAndAdoptByName(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	existing, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "taken", "app_type": "spa"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	app := spa(f, "taken", "https://taken.example.com/cb")
	f.create(app)
	c := f.waitCondition(app, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	if !strings.Contains(c.Message, "adoptionPolicy") {
		t.Errorf("AlreadyExists message does not say what to do: %q", c.Message)
	}
	if s := f.kstatus(app); s != status.FailedStatus {
		t.Errorf("kstatus = %s, want Failed", s)
	}

	f.update(app, func() { app.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName })
	f.waitReady(app)
	if app.Status.ID != existing["client_id"] {
		t.Fatalf("adopted %s, want %s", app.Status.ID, existing["client_id"])
	}
	if n := f.calls("POST /api/v2/clients"); n != 0 {
		t.Fatalf("%d creates", n)
	}
	// Adopted and managed: the spec's callbacks were written.
	if got := strs(f.simObject("clients", app.Status.ID)["callbacks"]); !slices.Equal(got, []string{"https://taken.example.com/cb"}) {
		t.Errorf("callbacks = %v", got)
	}
}

func TestApplicationDeletedOutOfBandIsRecreated(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	app := spa(f, "phoenix", "https://phoenix.example.com/cb")
	f.create(app)
	f.waitReady(app)
	old := app.Status.ID
	f.sim.DeleteObject("clients", old)
	note := f.waitEvent("phoenix", "DeletedOutsideKubernetes")
	if !strings.Contains(note, old) || !strings.Contains(note, "recreating") {
		t.Errorf("event note %q", note)
	}
	f.eventually(func() (bool, string) {
		f.get(app)
		return app.Status.ID != "" && app.Status.ID != old && meta.IsStatusConditionTrue(app.Status.Conditions, v1alpha1.ConditionReady),
			"waiting for the recreated client"
	})
	if _, ok := f.sim.Object("clients", app.Status.ID); !ok {
		t.Fatal("recreated client missing")
	}
	// The credentials Secret follows the new client ID.
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "phoenix-auth0", Namespace: f.ns}}
	f.eventually(func() (bool, string) {
		f.get(sec)
		return string(sec.Data["clientID"]) == app.Status.ID, "Secret still has the old client ID"
	})
}

func TestApplicationAuth0ErrorInStalled(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := spa(f, "bad")
	// "tenant" is a read-only property of a client: Auth0 refuses it.
	app.Spec.Passthrough = map[string]apiextensionsv1.JSON{"tenant": {Raw: []byte(`"other"`)}}
	f.create(app)
	c := f.waitCondition(app, v1alpha1.ConditionStalled, metav1.ConditionTrue, "")
	// Auth0's own message, verbatim.
	if !strings.Contains(c.Message, "tenant") || !strings.Contains(c.Message, "Additional properties not allowed") {
		t.Errorf("Stalled message %q does not carry Auth0's message", c.Message)
	}
	if s := f.kstatus(app); s != status.FailedStatus {
		t.Errorf("kstatus = %s, want Failed", s)
	}
	// Fixing the spec recovers.
	f.update(app, func() {
		app.Spec.Passthrough = map[string]apiextensionsv1.JSON{"identity_assertion_authorization_grant": {Raw: []byte(`{"active":true}`)}}
	})
	f.waitReady(app)
	if g, _ := f.simObject("clients", app.Status.ID)["identity_assertion_authorization_grant"].(map[string]any); g["active"] != true {
		t.Error("passthrough field not written")
	}
}

func TestInvalidSpecsRefusedAtApplyTime(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	cases := []struct {
		name string
		obj  client.Object
		want string
	}{
		{"unknown app type", &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "a1", Namespace: f.ns},
			Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "desktop"}}, "spec.appType"},
		{"passthrough not an object", &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: "a2", Namespace: f.ns},
			Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "spa",
				Passthrough: map[string]apiextensionsv1.JSON{"x": {Raw: []byte(`{`)}}}}, ""},
		{"grant with both client references", &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "g1", Namespace: f.ns},
			Spec: v1alpha1.ClientGrantSpec{ManagedSpec: f.ref(), ApplicationRef: &v1alpha1.LocalObjectReference{Name: "x"},
				ClientID: "abc", Audience: "https://api"}}, "set exactly one of applicationRef, clientID and defaultFor"},
		{"grant without an API", &v1alpha1.ClientGrant{ObjectMeta: metav1.ObjectMeta{Name: "g2", Namespace: f.ns},
			Spec: v1alpha1.ClientGrantSpec{ManagedSpec: f.ref(), ClientID: "abc"}}, "set exactly one of resourceServerRef and audience"},
		{"no tenant", &v1alpha1.ResourceServer{ObjectMeta: metav1.ObjectMeta{Name: "r1", Namespace: f.ns},
			Spec: v1alpha1.ResourceServerSpec{Identifier: "https://api.example.com"}}, "spec.tenantRef.name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := env.Client.Create(f.ctx, tc.obj)
			if err == nil {
				t.Fatalf("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// 200 unchanged Applications over three drift intervals cost at most 2 list calls per
// interval (Auth0 pages 100 clients per call) and no write.
func TestApplicationsObservationIsBatched(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 200 Applications")
	}
	const n, interval = 200, 3 * time.Second
	f := newFixture(t, fixtureOptions{DriftInterval: interval})
	// ceil(N/100) counts the tenant's clients: remove the two every new tenant has, so that
	// the tenant holds exactly the 200 managed ones.
	for _, cl := range f.sim.Objects("clients") {
		f.sim.DeleteObject("clients", cl["client_id"].(string))
	}
	apps := make([]*v1alpha1.Application, n)
	for i := range apps {
		apps[i] = &v1alpha1.Application{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("app-%03d", i), Namespace: f.ns},
			Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "spa", Callbacks: []string{fmt.Sprintf("https://app-%d.example.com/cb", i)}}}
		f.create(apps[i])
	}
	f.eventually(func() (bool, string) {
		list := &v1alpha1.ApplicationList{}
		if err := env.Client.List(f.ctx, list, client.InNamespace(f.ns)); err != nil {
			return false, err.Error()
		}
		ready := 0
		for _, a := range list.Items {
			if meta.IsStatusConditionTrue(a.Status.Conditions, v1alpha1.ConditionReady) {
				ready++
			}
		}
		return ready == n, fmt.Sprintf("%d/%d Ready", ready, n)
	})
	if c := f.calls("POST /api/v2/clients"); c != n {
		t.Fatalf("%d creates for %d Applications", c, n)
	}

	f.sim.ResetStats()
	start := time.Now()
	// Three full intervals: every Application observed again after start+2 intervals.
	f.eventually(func() (bool, string) {
		list := &v1alpha1.ApplicationList{}
		if err := env.Client.List(f.ctx, list, client.InNamespace(f.ns)); err != nil {
			return false, err.Error()
		}
		behind := 0
		for _, a := range list.Items {
			if a.Status.LastSyncTime == nil || a.Status.LastSyncTime.Time.Before(start.Add(2*interval)) {
				behind++
			}
		}
		return behind == 0, fmt.Sprintf("%d Applications not yet observed in the third interval", behind)
	})
	elapsed := time.Since(start)
	intervals := int(elapsed/interval) + 1
	st := f.sim.Stats()
	lists := st.Calls["GET /api/v2/clients"]
	t.Logf("%d Applications, %s elapsed (%d intervals of %s): %d list calls, %d single reads, %d writes; all calls %v",
		n, elapsed.Round(time.Millisecond), intervals, interval, lists, st.Calls["GET /api/v2/clients/{id}"], f.writes(), st.Calls)
	if lists > 2*intervals {
		t.Errorf("%d list calls in %d intervals: more than 2 per interval", lists, intervals)
	}
	if lists < 2*3 {
		t.Errorf("only %d list calls: the three intervals were not observed", lists)
	}
	if g := st.Calls["GET /api/v2/clients/{id}"]; g != 0 {
		t.Errorf("%d single-client reads: observation not batched", g)
	}
	if w := f.writes(); w != 0 {
		t.Errorf("%d writes for unchanged Applications", w)
	}
}

// A client made by hand just before the Application is applied is found by name (Auth0 allows
// two clients with one name, so a stale list would duplicate it): AlreadyExists, no create.
func TestApplicationFindSeesClientsMadeBeforeItWasApplied(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	first := spa(f, "first")
	f.create(first)
	f.waitReady(first) // the tenant's client list is now cached
	if _, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "by-hand", "app_type": "spa"}); apiErr != nil {
		t.Fatal(apiErr)
	}
	app := spa(f, "by-hand")
	f.create(app)
	f.waitCondition(app, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	if n := f.calls("POST /api/v2/clients"); n != 1 {
		t.Fatalf("%d creates, want 1 (the first Application only)", n)
	}
}

// Without read:client_keys, Auth0 leaves the secret out of list reads: the credentials Secret
// keeps the secret it got at creation instead of losing it at the next observation.
func TestApplicationSecretKeptWhenAuth0OmitsIt(t *testing.T) {
	all, err := auth0sim.New(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scopes := slices.DeleteFunc(all.AllScopes(), func(s string) bool { return s == "read:client_keys" })
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second, Sim: auth0sim.Options{Scopes: scopes}})
	app := &v1alpha1.Application{
		ObjectMeta: metav1.ObjectMeta{Name: "keeper", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "regular_web",
			CredentialsSecretRef: &v1alpha1.LocalObjectReference{Name: "keeper-auth0"}},
	}
	f.create(app)
	f.waitReady(app)
	secret := f.simObject("clients", app.Status.ID)["client_secret"]
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "keeper-auth0", Namespace: f.ns}}
	f.get(sec)
	if string(sec.Data["clientSecret"]) != secret {
		t.Fatal("Secret has no client secret after creation")
	}
	f.waitObservedAgain(app, 2*time.Second)
	f.get(sec)
	if string(sec.Data["clientSecret"]) != secret {
		t.Fatal("the client secret was lost when Auth0 left it out of a list read")
	}
}

// An adopted client whose spec already carries a rotation token is not rotated: the token is
// the baseline; changing it later rotates.
func TestApplicationAdoptionDoesNotRotate(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	existing, apiErr := f.sim.CreateObject("clients", auth0sim.Object{"name": "adopted", "app_type": "regular_web"})
	if apiErr != nil {
		t.Fatal(apiErr)
	}
	app := &v1alpha1.Application{
		ObjectMeta: metav1.ObjectMeta{Name: "adopted", Namespace: f.ns},
		Spec: v1alpha1.ApplicationSpec{ManagedSpec: f.ref(), AppType: "regular_web", ClientSecretRotation: "r1",
			CredentialsSecretRef: &v1alpha1.LocalObjectReference{Name: "adopted-auth0"}},
	}
	app.Spec.ExternalID = existing["client_id"].(string)
	f.create(app)
	f.waitReady(app)
	if n := f.calls("POST /api/v2/clients/{id}/rotate-secret"); n != 0 {
		t.Fatalf("adoption rotated the secret (%d calls)", n)
	}
	if f.simObject("clients", app.Status.ID)["client_secret"] != existing["client_secret"] {
		t.Fatal("secret changed")
	}
	f.update(app, func() { app.Spec.ClientSecretRotation = "r2" })
	f.eventually(func() (bool, string) {
		return f.calls("POST /api/v2/clients/{id}/rotate-secret") == 1, "waiting for the rotation"
	})
}

// An explicitly empty list (callbacks: [] in YAML) clears the field in Auth0.
func TestApplicationEmptyListClears(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	app := spa(f, "clearing", "https://a.example.com/cb")
	f.create(app)
	f.waitReady(app)
	if err := env.Client.Patch(f.ctx, app, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"callbacks":[]}}`))); err != nil {
		t.Fatal(err)
	}
	f.waitReady(app)
	if got := strs(f.simObject("clients", app.Status.ID)["callbacks"]); len(got) != 0 {
		t.Fatalf("callbacks = %v, want none", got)
	}
}
