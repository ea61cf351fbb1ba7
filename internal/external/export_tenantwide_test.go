package external

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/auth0/go-auth0/v3/management/option"
	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// secretsReader is a Kubernetes client holding the Secret "secrets" in namespace team (where
// exportKind puts exported objects and their secret references) with values, and objs.
func secretsReader(t *testing.T, values map[string]string, objs ...client.Object) client.Client {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := corev1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	if err := v1alpha1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	sec := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "secrets", Namespace: "team"}, Data: map[string][]byte{}}
	for k, v := range values {
		sec.Data[k] = []byte(v)
	}
	return fake.NewClientBuilder().WithScheme(scheme).WithObjects(append(objs, sec)...).WithStatusSubresource(objs...).Build()
}

// tenantWideExporters are the exporters of this file's kinds.
var tenantWideExporters = []Exporter{tenantSettingsExporter, brandingExporter, emailProviderExporter,
	emailTemplateExporter, promptTextExporter, attackProtectionExporter, universalLoginExporter, multiFactorAuthExporter}

// A new tenant's settings are all Auth0's defaults: nothing to export, no template, no text.
func TestExportTenantWideNewTenantHasNothing(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	for _, ex := range tenantWideExporters {
		if objs := exportKind(t, c, ex); len(objs) > 0 {
			t.Errorf("%s: a new tenant exports %d objects: %v", ex.Kind, len(objs), sortedKeys(objs))
		}
	}
}

// sortedKeys are m's keys in order, nil for none.
func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

// Every populated setting exports, and the exported objects adopt it with no difference.
func TestExportTenantWideAdoptsWithoutChange(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	secrets := sim.PopulateTenantWide(30)
	c := simClient(t, sim)
	kube := secretsReader(t, secrets)
	if _, err := c.API().Prompts.UpdateSettings(context.Background(), nil, option.WithBodyProperties(map[string]any{
		"universal_login_experience": "classic", "identifier_first": true})); err != nil {
		t.Fatal(err)
	}

	settings := exportKind(t, c, tenantSettingsExporter)
	login := exportKind(t, c, universalLoginExporter)
	branding := exportKind(t, c, brandingExporter)
	provider := exportKind(t, c, emailProviderExporter)
	templates := exportKind(t, c, emailTemplateExporter)
	texts := exportKind(t, c, promptTextExporter)
	protection := exportKind(t, c, attackProtectionExporter)
	for kind, n := range map[string][2]int{"TenantSettings": {len(settings), 1}, "Branding": {len(branding), 1},
		"EmailProvider": {len(provider), 1}, "EmailTemplate": {len(templates), 6}, "PromptText": {len(texts), 6},
		"AttackProtection": {len(protection), 1}, "UniversalLogin": {len(login), 1}} {
		if n[0] != n[1] {
			t.Errorf("%s: %d exported, want %d", kind, n[0], n[1])
		}
	}
	observeExported(t, c, NewTenantSettings(nil), settings)
	observeExported(t, c, NewBranding(kube), branding)
	observeExported(t, c, NewEmailProvider(kube), provider)
	observeExported(t, c, NewEmailTemplate(kube), templates)
	observeExported(t, c, NewPromptText(), texts)
	observeExported(t, c, NewAttackProtection(nil), protection)
	observeExported(t, c, NewUniversalLogin(nil), login)
	if s := login["universal-login"].Object.(*v1alpha1.UniversalLogin).Spec; s.Experience != "classic" || s.IdentifierFirst == nil || s.WebAuthnPlatformFirstFactor != nil {
		t.Errorf("UniversalLogin exported %+v; want what differs from a new tenant only", s)
	}

	// Singletons are found by the reconciler (no externalID); the others are adopted by it.
	for name, e := range map[string]exportedObject{"tenant-settings": settings["tenant-settings"], "branding": branding["branding"],
		"email-provider": provider["email-provider"], "attack-protection": protection["attack-protection"]} {
		if e.Name != name || e.ID != "" {
			t.Errorf("singleton %s: found as name %q, ID %q", name, e.Name, e.ID)
		}
	}
	if e := templates["verify_email"]; e.ID != "verify_email" || e.Name != "verify_email" {
		t.Errorf("email template: ID %q, name %q; want the template name", e.ID, e.Name)
	}
	if e := texts["login/ja"]; e.ID != "login/ja" || e.Name != "login/ja" {
		t.Errorf("prompt text: ID %q, name %q; want prompt/language", e.ID, e.Name)
	}

	ts := settings["tenant-settings"].Object.(*v1alpha1.TenantSettings).Spec
	if ts.Flags.Passthrough != nil || ts.Flags.RemoveAlgFromJWKS == nil || !*ts.Flags.RemoveAlgFromJWKS || ts.Flags.EnableSSO != nil {
		t.Errorf("flags: want the non-default remove_alg_from_jwks typed, no passthrough, defaults left out: %+v", *ts.Flags)
	}
	if *ts.Flags.DisableImpersonation || ts.Flags.NoDiscloseEnterpriseConnections != nil || ts.Sessions == nil ||
		ts.IdleEphemeralSessionLifetime.Duration != 12*time.Hour+30*time.Minute || ts.SandboxVersion != "18" {
		t.Errorf("tenant settings: defaults kept or values lost: %+v, flags %+v", ts, *ts.Flags)
	}

	br := branding["branding"].Object.(*v1alpha1.Branding).Spec
	var theme map[string]any
	if br.Theme == nil || json.Unmarshal(br.Theme.Raw, &theme) != nil || theme["themeId"] != nil || theme["displayName"] != "Acme" {
		t.Errorf("branding theme: %v", theme)
	}
	if br.UniversalLoginTemplate == nil || br.UniversalLoginTemplate.Inline == nil || br.Colors.Primary != "#0059d6" {
		t.Errorf("branding: template or colors lost: %+v", br)
	}

	ep := provider["email-provider"]
	want := &v1alpha1.EmailProviderCredentials{SMTPHost: "smtp.acme.example", SMTPPort: 587, SMTPUser: "postmaster",
		SMTPPass: &v1alpha1.SecretValueSource{SecretKeyRef: v1alpha1.SecretKeySelector{Name: "secrets", Key: "credentials.smtpPass"}}}
	if d := cmp.Diff(want, ep.Object.(*v1alpha1.EmailProvider).Spec.Credentials); d != "" {
		t.Errorf("email provider credentials (-want +got):\n%s", d)
	}
	if _, ok := ep.SecretKeys["credentials.smtpPass"]; !ok || len(ep.SecretKeys) != 1 {
		t.Errorf("email provider secret keys %v", ep.SecretKeys)
	}
	if e := ep.Object.(*v1alpha1.EmailProvider).Spec.Enabled; e != nil {
		t.Errorf("enabled: true is the default, exported %v", *e)
	}

	verify := templates["verify_email"].Object.(*v1alpha1.EmailTemplate).Spec
	welcome := templates["welcome_email"].Object.(*v1alpha1.EmailTemplate).Spec
	if verify.Syntax != "" || verify.Enabled != nil || verify.IncludeEmailInRedirect == nil || *verify.IncludeEmailInRedirect ||
		welcome.Enabled == nil || *welcome.Enabled || welcome.IncludeEmailInRedirect != nil || *verify.URLLifetimeInSeconds != 432000 {
		t.Errorf("email templates: defaults kept or values lost: %+v / %+v", verify, welcome)
	}

	if got := texts["login/ja"].Object.(*v1alpha1.PromptText).Spec.Screens["login"]["title"]; got != "ようこそ" {
		t.Errorf("non-ASCII prompt text: %q", got)
	}

	ap := protection["attack-protection"].Object.(*v1alpha1.AttackProtection).Spec
	if ap.SuspiciousIPThrottling.Enabled != nil || ap.BreachedPasswordDetection.Method != "" ||
		!cmp.Equal(ap.BruteForceProtection.Shields, []string(nil)) ||
		!cmp.Equal(ap.BreachedPasswordDetection.Shields, []string{"admin_notification", "block", "user_notification"}) ||
		ap.SuspiciousIPThrottling.PreLogin.Rate.Duration != 1728*time.Second {
		t.Errorf("attack protection: defaults kept or values lost: %+v %+v %+v", *ap.BruteForceProtection, *ap.SuspiciousIPThrottling, *ap.BreachedPasswordDetection)
	}
}

// Custom text is read in the languages the tenant enables: text in another is not exported.
func TestExportPromptTextOnlyEnabledLanguages(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	ctx := context.Background()
	for _, id := range []string{"login/en", "login/de"} {
		if err := (&PromptText{}).put(ctx, c, id, map[string]any{"login": map[string]any{"title": "Hallo"}}); err != nil {
			t.Fatal(err)
		}
	}
	objs := exportKind(t, c, promptTextExporter)
	if len(objs) != 1 || objs["login/en"].Object == nil {
		t.Errorf("exported %v, want login/en only (the tenant enables en)", sortedKeys(objs))
	}
}

// Each provider's secret credentials become references into the export's Secret.
func TestExportEmailProviderSecretCredentialsPerProvider(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	ctx := context.Background()
	for provider, want := range map[string][]string{
		"sendgrid": {"credentials.apiKey"}, "mailgun": {"credentials.apiKey"},
		"ses":      {"credentials.accessKeyID", "credentials.secretAccessKey"},
		"azure_cs": {"credentials.connectionString"},
		"ms365":    {"credentials.clientID", "credentials.clientSecret", "credentials.tenantID"},
		"custom":   nil,
	} {
		sim.DeleteObject("emails", "provider")
		creds := map[string]any{"api_key": "k", "region": "eu"}
		switch provider {
		case "mailgun":
			creds["domain"] = "mg.example.com" // the SDK's type drops it: compared from the raw answer
		case "custom":
			creds = nil
		}
		if _, err := c.API().Emails.Provider.Create(ctx, nil, option.WithBodyProperties(map[string]any{
			"name": provider, "credentials": creds, "default_from_address": "a@example.com"})); err != nil {
			t.Fatalf("%s: %v", provider, err)
		}
		objs := exportKind(t, c, emailProviderExporter)
		e := objs["email-provider"]
		if d := cmp.Diff(want, sortedKeys(e.SecretKeys)); d != "" {
			t.Errorf("%s: secret keys (-want +got):\n%s", provider, d)
		}
		if cr := e.Object.(*v1alpha1.EmailProvider).Spec.Credentials; provider == "mailgun" && (cr == nil || cr.Domain != "mg.example.com") {
			t.Errorf("mailgun: domain not exported: %+v", cr)
		}
		values := map[string]string{}
		for k := range e.SecretKeys {
			values[k] = "v"
		}
		observeExported(t, c, NewEmailProvider(secretsReader(t, values)), objs)
	}
}

// An adopted provider (no inputs recorded: the operator never wrote its credentials) takes
// the referenced values as its baseline and writes nothing; a later change of the Secret is
// written. ObserveOnly, which records nothing, never finds them changed.
func TestEmailProviderAdoptionBaseline(t *testing.T) {
	sim := auth0sim.NewServer(t, auth0sim.Options{TLS: true})
	c := simClient(t, sim)
	ctx := context.Background()
	if _, err := c.API().Emails.Provider.Create(ctx, nil, option.WithBodyProperties(map[string]any{
		"name": "ses", "credentials": map[string]any{"accessKeyId": "AKIA1", "secretAccessKey": "s1", "region": "eu-west-1"}})); err != nil {
		t.Fatal(err)
	}
	objs := exportKind(t, c, emailProviderExporter)
	ep := objs["email-provider"].Object.(*v1alpha1.EmailProvider)
	kube := secretsReader(t, map[string]string{"credentials.accessKeyID": "AKIA1", "credentials.secretAccessKey": "s1"}, ep.DeepCopy())
	p := NewEmailProvider(kube)

	obs, err := p.Observe(ctx, c, ep, emailProviderID)
	if err != nil {
		t.Fatal(err)
	}
	if !obs.UpToDate || len(obs.Inputs) != 2 {
		t.Fatalf("adoption: diff %v, inputs %v; want no change and a baseline", obs.Diff, obs.Inputs)
	}
	watch := ep.DeepCopy() // never recorded, as under ObserveOnly
	recordInputs(ep, obs)  // up to date under Manage: the reconciler records the baseline

	// The rotated key is an update made in Kubernetes, written by Update.
	sec := &corev1.Secret{}
	if err := kube.Get(ctx, client.ObjectKey{Namespace: "team", Name: "secrets"}, sec); err != nil {
		t.Fatal(err)
	}
	sec.Data["credentials.secretAccessKey"] = []byte("s2")
	if err := kube.Update(ctx, sec); err != nil {
		t.Fatal(err)
	}
	obs, err = p.Observe(ctx, c, ep, emailProviderID)
	if err != nil {
		t.Fatal(err)
	}
	if obs.UpToDate || !cmp.Equal(obs.Diff, []string{credentialsDiff}) || !cmp.Equal(obs.Changed, []string{credentialsDiff}) {
		t.Fatalf("rotated Secret: diff %v, changed %v", obs.Diff, obs.Changed)
	}
	if err := p.Update(ctx, c, ep, emailProviderID, obs); err != nil {
		t.Fatal(err)
	}
	if got, _ := sim.Object("emails", "provider"); got["credentials"].(map[string]any)["secretAccessKey"] != "s2" {
		t.Errorf("the rotated key was not written")
	}

	// ObserveOnly neither compares nor takes a baseline.
	watch.Spec.ManagementPolicy = v1alpha1.ManagementObserveOnly
	if obs, err = p.Observe(ctx, c, watch, emailProviderID); err != nil || !obs.UpToDate {
		t.Errorf("ObserveOnly: diff %v, err %v", obs.Diff, err)
	}
}
