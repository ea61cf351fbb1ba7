package controllers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

func sendgrid(f *fixture, name, from string) *v1alpha1.EmailProvider {
	return &v1alpha1.EmailProvider{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.EmailProviderSpec{ManagedSpec: f.ref(), Provider: "sendgrid", Enabled: ptr.To(true),
			DefaultFromAddress: from,
			Credentials: &v1alpha1.EmailProviderCredentials{APIKey: &v1alpha1.SecretValueSource{
				SecretKeyRef: v1alpha1.SecretKeySelector{Name: "sendgrid", Key: "apiKey"}}}},
	}
}

// noLeak fails the test when value appears in o (spec, status, conditions) or in an Event.
func (f *fixture) noLeak(o managed, value string) {
	f.t.Helper()
	f.get(o)
	raw, _ := json.Marshal(o)
	if strings.Contains(string(raw), value) {
		f.t.Errorf("secret value in %s: %s", o.GetName(), raw)
	}
	for _, e := range f.events() {
		if strings.Contains(e, value) {
			f.t.Errorf("secret value in Event %q", e)
		}
	}
}

func TestEmailProviderWriteOnlyCredentialsDriftAndRelease(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	const key1, key2 = "SG.first-secret-api-key-value", "SG.rotated-secret-api-key-value"

	// The Secret does not exist yet: the provider waits for it, naming it, not its value.
	ep := sendgrid(f, "mail", "Acme <no-reply@example.com>")
	ep.Spec.Settings = &apiextensionsv1.JSON{Raw: []byte(`{"headers":{"X-Team":"identity"}}`)}
	f.create(ep)
	c := f.waitCondition(ep, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "sendgrid") {
		t.Errorf("Ready message %q does not name the Secret", c.Message)
	}
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "sendgrid", Namespace: f.ns}, StringData: map[string]string{"apiKey": key1}}
	f.create(sec)
	f.waitReady(ep)

	p := f.simObject("emails", "provider")
	creds, _ := p["credentials"].(map[string]any)
	if p["name"] != "sendgrid" || p["enabled"] != true || p["default_from_address"] != "Acme <no-reply@example.com>" || creds["api_key"] != key1 {
		t.Errorf("provider in Auth0: name %v enabled %v from %v api_key set %v", p["name"], p["enabled"], p["default_from_address"], creds["api_key"] == key1)
	}
	digest := inputDigest(ep, "credentials.api_key")
	if ep.Status.ID != "provider" || digest == "" {
		t.Errorf("status id %q, api_key's input digest %q", ep.Status.ID, digest)
	}
	f.noLeak(ep, key1)

	// Unchanged credentials are not written again: Auth0 never returns them, the digest says
	// they are the same.
	patches := f.calls("PATCH /api/v2/emails/provider")
	f.waitObservedAgain(ep, 2*time.Second)
	f.waitObservedAgain(ep, 2*time.Second)
	if n := f.calls("PATCH /api/v2/emails/provider"); n != patches {
		t.Fatalf("unchanged provider written %d times", n-patches)
	}

	// Rotating the Secret reaches Auth0; the digest changes, the value shows nowhere.
	f.update(sec, func() { sec.Data = map[string][]byte{"apiKey": []byte(key2)} })
	f.eventually(func() (bool, string) {
		creds, _ := f.simObject("emails", "provider")["credentials"].(map[string]any)
		return creds["api_key"] == key2, "rotated key not in Auth0"
	})
	f.eventually(func() (bool, string) {
		f.get(ep)
		got := inputDigest(ep, "credentials.api_key")
		return got != digest && got != "", "digest unchanged"
	})
	f.waitReady(ep)
	if ep.Status.Drift != nil {
		t.Errorf("a rotated Secret was reported as drift: %+v", ep.Status.Drift)
	}
	f.noLeak(ep, key1)
	f.noLeak(ep, key2)

	// A dashboard edit of a visible field is corrected, and the credentials are written with it.
	f.sim.PatchObject("emails", "provider", auth0sim.Object{"default_from_address": "evil@example.com"})
	f.eventually(func() (bool, string) {
		p := f.simObject("emails", "provider")
		return p["default_from_address"] == "Acme <no-reply@example.com>", "not corrected"
	})
	if note := f.waitEvent("mail", "DriftCorrected"); note != "corrected default_from_address" {
		t.Errorf("DriftCorrected note %q", note)
	}
	f.eventually(func() (bool, string) {
		f.get(ep)
		d := ep.Status.Drift
		return d != nil && slices.Equal(d.Fields, []string{"default_from_address"}), fmt.Sprintf("status.drift = %+v", d)
	})

	// ObserveOnly reports visible drift and never writes, not even credentials.
	f.update(ep, func() { ep.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly })
	f.waitReady(ep)
	writes := f.writes()
	f.sim.PatchObject("emails", "provider", auth0sim.Object{"enabled": false})
	c = f.waitCondition(ep, v1alpha1.ConditionSynced, metav1.ConditionFalse, v1alpha1.ReasonDriftDetected)
	if !strings.Contains(c.Message, "enabled") || strings.Contains(c.Message, "credentials") || !strings.Contains(c.Message, "ObserveOnly") {
		t.Errorf("Synced message %q", c.Message)
	}
	if w := f.writes(); w != writes {
		t.Errorf("ObserveOnly wrote %d times", w-writes)
	}

	// Deleting the EmailProvider stops management; the tenant keeps its provider as it is.
	f.update(ep, func() { ep.Spec.ManagementPolicy = v1alpha1.ManagementManage })
	f.waitReady(ep)
	before := f.simObject("emails", "provider")
	writes = f.writes()
	f.delete(ep)
	f.waitGone(ep)
	after, ok := f.sim.Object("emails", "provider")
	if !ok || after["default_from_address"] != before["default_from_address"] || after["credentials"].(map[string]any)["api_key"] != key2 {
		t.Errorf("provider changed by deletion: %v", ok)
	}
	if w := f.writes(); w != writes {
		t.Errorf("deletion wrote %d times", w-writes)
	}
	f.waitEvent("mail", "Released")
}

func TestEmailProviderSecondObjectRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "sendgrid", Namespace: f.ns}, StringData: map[string]string{"apiKey": "SG.k"}})
	first := sendgrid(f, "mail", "first@example.com")
	f.create(first)
	f.waitReady(first)

	second := sendgrid(f, "mail-2", "second@example.com")
	f.create(second)
	c := f.waitCondition(second, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, f.ns+"/mail") {
		t.Errorf("Stalled message %q does not name the owner", c.Message)
	}
	if got := f.simObject("emails", "provider")["default_from_address"]; got != "first@example.com" {
		t.Errorf("the refused EmailProvider wrote: %v", got)
	}
	// The refused one goes; the owner and Auth0 are untouched.
	writes := f.writes()
	f.delete(second)
	f.waitGone(second)
	f.waitReady(first)
	if w := f.writes(); w != writes {
		t.Errorf("deleting the refused object wrote %d times", w-writes)
	}
}

// An adopted provider whose Secret holds a placeholder: a change of the sender address is
// written without the credentials (Auth0 keeps the real key); a change of the Secret's value
// is written once, with the new key.
func TestEmailProviderWritesCredentialsOnlyWhenTheyChanged(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const real, placeholder, rotated = "SG.production-key-5e1f", "REPLACE-ME", "SG.rotated-key-0c94"
	if _, apiErr := f.sim.CreateObject("emails", auth0sim.Object{"id": "provider", "name": "sendgrid", "enabled": true,
		"default_from_address": "old@example.com", "credentials": map[string]any{"api_key": real}}); apiErr != nil {
		t.Fatal(apiErr)
	}
	apiKey := func() any { return f.simObject("emails", "provider")["credentials"].(map[string]any)["api_key"] }
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "sendgrid", Namespace: f.ns}, StringData: map[string]string{"apiKey": placeholder}}
	f.create(sec)
	ep := sendgrid(f, "mail", "old@example.com")
	f.create(ep)
	f.waitReady(ep)
	if w := f.writes(); w != 0 {
		t.Fatalf("adoption wrote %d times", w)
	}

	f.update(ep, func() { ep.Spec.DefaultFromAddress = "new@example.com" })
	f.eventually(func() (bool, string) {
		p := f.simObject("emails", "provider")
		return p["default_from_address"] == "new@example.com", "sender not written"
	})
	f.waitReady(ep)
	if k := apiKey(); k != real {
		t.Fatalf("after a sender change Auth0's api_key is %q, want the key it had", k)
	}

	patches := f.calls("PATCH /api/v2/emails/provider")
	f.update(sec, func() { sec.Data = map[string][]byte{"apiKey": []byte(rotated)} })
	f.eventually(func() (bool, string) { k := apiKey(); return k == rotated, fmt.Sprintf("api_key %v", k) })
	f.waitReady(ep)
	if n := f.calls("PATCH /api/v2/emails/provider") - patches; n != 1 {
		t.Errorf("%d writes for one changed key, want 1", n)
	}
	for _, v := range []string{real, placeholder, rotated} {
		f.noLeak(ep, v)
	}
}
