package external

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// emailProviderID is the ID of the tenant's email provider singleton.
const emailProviderID = "provider"

// credentialsDiff is the diff entry when the secret credentials changed. It names the field,
// never a value.
const credentialsDiff = "credentials"

// EmailProvider maps an EmailProvider to /emails/provider. The secret credentials are
// write-only in Auth0: each is an input (status.inputs keeps a keyed digest of the value last
// sent), never read back.
type EmailProvider struct {
	In reconcile.Inputs
}

// NewEmailProvider returns the EmailProvider mapping; fresh reads the Secrets past the cache.
func NewEmailProvider(fresh client.Reader) *EmailProvider {
	return &EmailProvider{In: reconcile.Inputs{Reader: fresh}}
}

var _ reconcile.External[*v1alpha1.EmailProvider] = (*EmailProvider)(nil)

// secretCredentials are the write-only credentials, by Auth0 name, in a fixed order.
func secretCredentials(cr *v1alpha1.EmailProviderCredentials) []struct {
	key string
	src *v1alpha1.SecretValueSource
} {
	if cr == nil {
		return nil
	}
	return []struct {
		key string
		src *v1alpha1.SecretValueSource
	}{
		{"api_key", cr.APIKey}, {"accessKeyId", cr.AccessKeyID}, {"secretAccessKey", cr.SecretAccessKey},
		{"smtp_pass", cr.SMTPPass}, {"connectionString", cr.ConnectionString}, {"tenantId", cr.TenantID},
		{"clientId", cr.ClientID}, {"clientSecret", cr.ClientSecret},
	}
}

// body is the provider the spec describes, in Auth0's JSON, secret credentials included, and
// those by Auth0 name.
func (e *EmailProvider) body(ctx context.Context, ep *v1alpha1.EmailProvider) (object, map[string]string, error) {
	s := ep.Spec
	b := toAuth0(s)
	if s.Settings != nil {
		var settings map[string]any
		if err := json.Unmarshal(s.Settings.Raw, &settings); err != nil {
			return nil, nil, reconcile.InvalidSpec("spec.settings is not a JSON object")
		}
		setObject(b, "settings", settings)
	}
	creds, _ := b["credentials"].(object)
	if creds == nil {
		creds = object{}
	}
	secrets := map[string]string{}
	for _, sc := range secretCredentials(s.Credentials) {
		if sc.src == nil {
			continue
		}
		v, err := e.In.Secret(ctx, ep.Namespace, sc.src.SecretKeyRef)
		if err != nil {
			return nil, nil, err
		}
		creds[sc.key], secrets[sc.key] = string(v), string(v)
	}
	b["credentials"] = creds
	if err := withPassthrough(b, s, s.Passthrough, "settings", "credentials"); err != nil {
		return nil, nil, err
	}
	body, err := jsonObject(b)
	return body, secrets, err
}

// Observe compares the provider with the spec: the visible fields by value, the secret
// credentials as inputs (a change of a referenced value, never an edit in Auth0, which cannot
// be seen).
func (e *EmailProvider) Observe(ctx context.Context, c *auth0.Client, ep *v1alpha1.EmailProvider, _ string) (reconcile.Observation, error) {
	want, secrets, err := e.body(ctx, ep)
	if err != nil {
		return reconcile.Observation{}, err
	}
	p, err := c.API().Emails.Provider.Get(ctx, &management.GetEmailProviderRequestParameters{})
	if auth0.IsNotFound(err) {
		return reconcile.Observation{}, nil
	}
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, err := answer(p) // the SDK type drops credentials it does not declare (mailgun's domain)
	if err != nil {
		return reconcile.Observation{}, err
	}
	for k := range secrets {
		delete(objectField(want, "credentials"), k)
	}
	diff := drift(want, got)
	obs := reconcile.Observation{Exists: true}
	for _, k := range slices.Sorted(maps.Keys(secrets)) {
		if reconcile.Input(c, ep, &obs, credentialsDiff+"."+k, []byte(secrets[k])) && !slices.Contains(diff, credentialsDiff) {
			diff = append(diff, credentialsDiff)
			obs.Changed = []string{credentialsDiff}
		}
	}
	obs.UpToDate, obs.Diff = len(diff) == 0, diff
	return withValues(obs, want, got), nil
}

// Find returns the provider's fixed ID when the tenant has a provider.
func (e *EmailProvider) Find(ctx context.Context, c *auth0.Client, _ *v1alpha1.EmailProvider) (string, error) {
	_, err := c.API().Emails.Provider.Get(ctx, &management.GetEmailProviderRequestParameters{})
	if auth0.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return emailProviderID, nil
}

// Create configures the provider.
func (e *EmailProvider) Create(ctx context.Context, c *auth0.Client, ep *v1alpha1.EmailProvider) (string, error) {
	body, _, err := e.body(ctx, ep)
	if err != nil {
		return "", err
	}
	if _, err := c.API().Emails.Provider.Create(ctx, nil, option.WithBodyProperties(body)); err != nil {
		return "", err
	}
	return emailProviderID, nil
}

// Update writes the spec. The credentials go with it only when they differ (a secret input, or
// a visible part such as the region): Auth0 replaces them as a whole, and
// a write for another field must not carry secret values that did not change (a placeholder
// in an adopted provider's Secret would replace the real key).
func (e *EmailProvider) Update(ctx context.Context, c *auth0.Client, ep *v1alpha1.EmailProvider, _ string, obs reconcile.Observation) error {
	body, _, err := e.body(ctx, ep)
	if err != nil {
		return err
	}
	sendCredentials := slices.ContainsFunc(obs.Diff, func(f string) bool {
		return f == credentialsDiff || strings.HasPrefix(f, credentialsDiff+".")
	})
	if !sendCredentials {
		delete(body, "credentials")
	}
	_, err = c.API().Emails.Provider.Update(ctx, nil, option.WithBodyProperties(body))
	return err
}

// Delete is never called: deleting a singleton leaves the tenant as it is.
func (e *EmailProvider) Delete(context.Context, *auth0.Client, *v1alpha1.EmailProvider, string) error {
	return nil
}

// emailProviderExporter reads the tenant's email provider, if it has one. The secret
// credentials the provider takes are references into the export's Secret, to be filled in.
var emailProviderExporter = Exporter{Kind: "EmailProvider", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	p, err := c.API().Emails.Provider.Get(ctx, &management.GetEmailProviderRequestParameters{})
	if auth0.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	o, err := answer(p)
	if err != nil {
		return nil, err
	}
	return []Found{{Name: "email-provider", Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportEmailProvider(o, x)
	}}}, nil
}}

// exportEmailProvider is the EmailProvider whose body is the provider o, with a Secret reference
// for each secret credential the provider takes (Auth0 returns none of them).
func exportEmailProvider(o object, x *ExportContext) (reconcile.Object, error) {
	var s v1alpha1.EmailProviderSpec
	fromAuth0(o, &s)
	if settings := objectField(o, "settings"); len(settings) > 0 {
		raw, err := json.Marshal(settings)
		if err != nil {
			return nil, err
		}
		s.Settings = &apiextensionsv1.JSON{Raw: raw}
	}
	var cr v1alpha1.EmailProviderCredentials
	if s.Credentials != nil {
		cr = *s.Credentials
	}
	ref := func(field, what string) *v1alpha1.SecretValueSource {
		v := x.Secret("credentials."+field, what+" of the email provider (Auth0 never returns it)")
		return &v
	}
	switch s.Provider {
	case "sendgrid", "mandrill", "sparkpost", "mailgun":
		cr.APIKey = ref("apiKey", "the "+s.Provider+" API key")
	case "ses":
		cr.AccessKeyID, cr.SecretAccessKey = ref("accessKeyID", "the AWS access key ID"), ref("secretAccessKey", "the AWS secret access key")
	case "smtp":
		cr.SMTPPass = ref("smtpPass", "the SMTP password")
	case "azure_cs":
		cr.ConnectionString = ref("connectionString", "the Azure Communication Services connection string")
	case "ms365":
		cr.TenantID, cr.ClientID = ref("tenantID", "the Microsoft 365 tenant ID"), ref("clientID", "the Microsoft 365 application's client ID")
		cr.ClientSecret = ref("clientSecret", "the Microsoft 365 application's client secret")
	}
	if cr != (v1alpha1.EmailProviderCredentials{}) {
		s.Credentials = &cr
	}
	return &v1alpha1.EmailProvider{Spec: s}, nil
}
