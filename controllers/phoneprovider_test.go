package controllers_test

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

const phoneProvidersRoute = "/api/v2/branding/phone/providers"

func twilioProvider(f *fixture, name string) *v1alpha1.PhoneProvider {
	return &v1alpha1.PhoneProvider{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.PhoneProviderSpec{ManagedSpec: f.ref(), Provider: "twilio",
			Configuration: &v1alpha1.PhoneProviderConfiguration{SID: "AC0001", DefaultFrom: "+15550100",
				DeliveryMethods: []string{"text", "voice"}},
			Credentials: &v1alpha1.PhoneProviderCredentials{AuthToken: &v1alpha1.SecretValueSource{
				SecretKeyRef: v1alpha1.SecretKeySelector{Name: "twilio", Key: "authToken"}}}},
	}
}

func customProvider(f *fixture, name string) *v1alpha1.PhoneProvider {
	return &v1alpha1.PhoneProvider{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1alpha1.PhoneProviderSpec{ManagedSpec: f.ref(), Provider: "custom",
			Configuration: &v1alpha1.PhoneProviderConfiguration{DeliveryMethods: []string{"text"}}},
	}
}

// authToken is the token Auth0 holds for the provider (the simulator keeps what was sent).
func (f *fixture) authToken(id string) any {
	creds, _ := f.simObject("phone-providers", id)["credentials"].(map[string]any)
	return creds["auth_token"]
}

func TestPhoneProviderTwilioCreateRotateDriftDelete(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	const token1, token2 = "twilio-first-auth-token-7f3a", "twilio-rotated-auth-token-91bc"

	// The Secret does not exist yet: the provider waits for it, naming it.
	p := twilioProvider(f, "sms")
	p.Spec.DeletionPolicy = v1alpha1.DeletionDelete
	f.create(p)
	c := f.waitCondition(p, v1alpha1.ConditionReady, metav1.ConditionFalse, v1alpha1.ReasonReferenceNotReady)
	if !strings.Contains(c.Message, "twilio") {
		t.Errorf("Ready message %q does not name the Secret", c.Message)
	}
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "twilio", Namespace: f.ns}, StringData: map[string]string{"authToken": token1}}
	f.create(sec)
	f.waitReady(p)
	if n := f.calls("POST " + phoneProvidersRoute); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
	got := f.simObject("phone-providers", p.Status.ID)
	cfg, _ := got["configuration"].(map[string]any)
	if got["name"] != "twilio" || cfg["sid"] != "AC0001" || cfg["default_from"] != "+15550100" || f.authToken(p.Status.ID) != token1 {
		t.Errorf("provider in Auth0: name %v configuration %v token sent %v", got["name"], cfg, f.authToken(p.Status.ID) == token1)
	}
	digest := inputDigest(p, "credentials.auth_token")
	if !strings.HasPrefix(p.Status.ID, "pro_") || digest == "" {
		t.Errorf("status id %q, auth token's input digest %q", p.Status.ID, digest)
	}
	f.noLeak(p, token1)

	// Unchanged, nothing is written again: the digest says the token is the one Auth0 has.
	f.waitObservedAgain(p, 2*time.Second)
	if w := f.calls("PATCH " + phoneProvidersRoute + "/{id}"); w != 0 {
		t.Fatalf("unchanged provider written %d times", w)
	}

	// Rotating the Secret is an update, not drift; the token shows nowhere.
	f.update(sec, func() { sec.Data = map[string][]byte{"authToken": []byte(token2)} })
	f.eventually(func() (bool, string) { return f.authToken(p.Status.ID) == token2, "rotated token not in Auth0" })
	f.eventually(func() (bool, string) {
		f.get(p)
		d := inputDigest(p, "credentials.auth_token")
		return d != digest && d != "", "digest unchanged"
	})
	f.waitReady(p)
	if p.Status.Drift != nil {
		t.Errorf("a rotated Secret was reported as drift: %+v", p.Status.Drift)
	}
	f.noLeak(p, token1)
	f.noLeak(p, token2)

	// A spec change is written.
	f.update(p, func() { p.Spec.Configuration.DeliveryMethods = []string{"text"} })
	f.eventually(func() (bool, string) {
		cfg, _ := f.simObject("phone-providers", p.Status.ID)["configuration"].(map[string]any)
		dm, _ := cfg["delivery_methods"].([]any)
		return len(dm) == 1 && dm[0] == "text", "delivery methods not written"
	})

	// An edit in Auth0 is corrected and reported.
	f.sim.PatchObject("phone-providers", p.Status.ID, auth0sim.Object{"configuration": map[string]any{"sid": "ACevil"}})
	f.eventually(func() (bool, string) {
		cfg, _ := f.simObject("phone-providers", p.Status.ID)["configuration"].(map[string]any)
		return cfg["sid"] == "AC0001", "sid not corrected"
	})
	if note := f.waitEvent("sms", "DriftCorrected"); !strings.Contains(note, "configuration.sid") || strings.Contains(note, token2) {
		t.Errorf("DriftCorrected note %q", note)
	}
	f.noLeak(p, token2)

	// deletionPolicy Delete deletes the provider.
	id := p.Status.ID
	f.delete(p)
	f.waitGone(p)
	if _, ok := f.sim.Object("phone-providers", id); ok {
		t.Error("provider still in Auth0 after deleting with deletionPolicy Delete")
	}
}

// Auth0 refuses a twilio provider with neither defaultFrom nor mssid; its message is shown
// as it is, and the token is not.
func TestPhoneProviderAuth0RefusalStalled(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const token = "twilio-token-never-shown-2c1d"
	f.create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "twilio", Namespace: f.ns}, StringData: map[string]string{"authToken": token}})
	p := twilioProvider(f, "sms")
	p.Spec.Configuration.DefaultFrom = ""
	f.create(p)
	c := f.waitCondition(p, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonInvalidSpec)
	if !strings.Contains(c.Message, "Bad Operation on Notification Resource") {
		t.Errorf("Stalled message %q does not carry Auth0's", c.Message)
	}
	f.noLeak(p, token)
	if n := len(f.sim.Objects("phone-providers")); n != 0 {
		t.Errorf("%d providers in Auth0", n)
	}

	// Fixing the spec creates it.
	f.update(p, func() { p.Spec.Configuration.MSSID = "MG0001" })
	f.waitReady(p)
}

// A tenant's existing provider is not taken silently; adopted, it is managed without a write,
// a second object is refused, and deleting the adopted one (Orphan by default) leaves it.
func TestPhoneProviderAdoptionAndOnePerTenant(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	existing, apiErr := f.sim.CreateObject("phone-providers", auth0sim.Object{"id": "pro_existing", "name": "custom",
		"channel": "phone", "disabled": false, "configuration": map[string]any{"delivery_methods": []any{"text"}}})
	if apiErr != nil {
		t.Fatal(apiErr)
	}

	p := customProvider(f, "sms")
	f.create(p)
	c := f.waitCondition(p, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyExists)
	if !strings.Contains(c.Message, "pro_existing") {
		t.Errorf("AlreadyExists message %q does not name the provider", c.Message)
	}
	f.update(p, func() { p.Spec.AdoptionPolicy = v1alpha1.AdoptionAdoptByName })
	f.waitReady(p)
	if p.Status.ID != existing["id"] || p.Status.Origin != v1alpha1.OriginAdopted {
		t.Errorf("status id %q origin %q", p.Status.ID, p.Status.Origin)
	}
	if w := f.writes(); w != 0 {
		t.Fatalf("adoption wrote %d times", w)
	}

	second := customProvider(f, "sms-2")
	f.create(second)
	c = f.waitCondition(second, v1alpha1.ConditionStalled, metav1.ConditionTrue, v1alpha1.ReasonAlreadyManaged)
	if !strings.Contains(c.Message, f.ns+"/sms") {
		t.Errorf("AlreadyManaged message %q does not name the owner", c.Message)
	}
	f.delete(second)
	f.waitGone(second)

	f.delete(p)
	f.waitGone(p)
	if _, ok := f.sim.Object("phone-providers", "pro_existing"); !ok {
		t.Error("an adopted provider was deleted without deletionPolicy Delete")
	}
	if w := f.writes(); w != 0 {
		t.Errorf("%d writes; want none", w)
	}
}

// Specs Auth0 or the provider cannot use are refused at apply time.
func TestPhoneProviderInvalidSpecsRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	for name, c := range map[string]struct {
		set func(*v1alpha1.PhoneProviderSpec)
		msg string
	}{
		"twilio-without-sid":   {func(s *v1alpha1.PhoneProviderSpec) { s.Configuration.SID = "" }, "twilio needs configuration.sid"},
		"twilio-without-token": {func(s *v1alpha1.PhoneProviderSpec) { s.Credentials = nil }, "credentials.authToken"},
		"custom-with-token":    {func(s *v1alpha1.PhoneProviderSpec) { s.Provider = "custom"; s.Configuration.SID = "" }, "provider custom"},
		"custom-with-sid": {func(s *v1alpha1.PhoneProviderSpec) {
			s.Provider, s.Credentials = "custom", nil
		}, "provider custom"},
		"unknown-provider": {func(s *v1alpha1.PhoneProviderSpec) { s.Provider = "sns" }, "spec.provider"},
		"fax":              {func(s *v1alpha1.PhoneProviderSpec) { s.Configuration.DeliveryMethods = []string{"fax"} }, "deliveryMethods"},
	} {
		p := twilioProvider(f, name)
		c.set(&p.Spec)
		err := env.Client.Create(f.ctx, p, client.DryRunAll)
		if err == nil || !apierrors.IsInvalid(err) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err = %v; want %q", name, err, c.msg)
		}
	}
	fine := customProvider(f, "custom")
	fine.Spec.Disabled = ptr.To(true)
	if err := env.Client.Create(f.ctx, fine, client.DryRunAll); err != nil {
		t.Errorf("a custom provider: %v", err)
	}
}
