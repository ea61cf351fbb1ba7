package external

import (
	"context"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// EmailTemplate maps an EmailTemplate to /email-templates/{name}. Its ID is the template name.
// Auth0 cannot delete a template: deletionPolicy Delete disables it instead.
type EmailTemplate struct {
	In reconcile.Inputs
}

// NewEmailTemplate returns the EmailTemplate mapping; fresh reads the body's ConfigMap past
// the cache.
func NewEmailTemplate(fresh client.Reader) *EmailTemplate {
	return &EmailTemplate{In: reconcile.Inputs{Reader: fresh}}
}

var _ reconcile.External[*v1alpha1.EmailTemplate] = (*EmailTemplate)(nil)

func (e *EmailTemplate) body(ctx context.Context, et *v1alpha1.EmailTemplate) (map[string]any, error) {
	s := et.Spec
	text, err := e.In.Text(ctx, et.Namespace, &s.Body)
	if err != nil {
		return nil, err
	}
	b := toAuth0(s)
	b["body"] = text
	if err := withPassthrough(b, et.Spec, et.Spec.Passthrough); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

func templateName(name string) *management.EmailTemplateNameEnum {
	n := management.EmailTemplateNameEnum(name)
	return &n
}

// Observe compares the template with the spec.
func (e *EmailTemplate) Observe(ctx context.Context, c *auth0.Client, et *v1alpha1.EmailTemplate, id string) (reconcile.Observation, error) {
	want, err := e.body(ctx, et)
	if err != nil {
		return reconcile.Observation{}, err
	}
	t, err := c.API().EmailTemplates.Get(ctx, templateName(id))
	if auth0.IsNotFound(err) {
		return reconcile.Observation{}, nil
	}
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, err := jsonObject(t)
	if err != nil {
		return reconcile.Observation{}, err
	}
	diff := drift(want, got)
	obs := reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}
	textInput(c, et, &obs, "body", want["body"], got["body"])
	return withValues(obs, want, got), nil
}

// Find returns the template name when the tenant has that template.
func (e *EmailTemplate) Find(ctx context.Context, c *auth0.Client, et *v1alpha1.EmailTemplate) (string, error) {
	_, err := c.API().EmailTemplates.Get(ctx, templateName(et.Spec.Template))
	if auth0.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return et.Spec.Template, nil
}

// Create creates the template.
func (e *EmailTemplate) Create(ctx context.Context, c *auth0.Client, et *v1alpha1.EmailTemplate) (string, error) {
	body, err := e.body(ctx, et)
	if err != nil {
		return "", err
	}
	if _, err := c.API().EmailTemplates.Create(ctx, nil, option.WithBodyProperties(body)); err != nil {
		return "", err
	}
	return et.Spec.Template, nil
}

// Update writes the whole spec over the template.
func (e *EmailTemplate) Update(ctx context.Context, c *auth0.Client, et *v1alpha1.EmailTemplate, id string, _ reconcile.Observation) error {
	body, err := e.body(ctx, et)
	if err != nil {
		return err
	}
	_, err = c.API().EmailTemplates.Update(ctx, templateName(id), nil, option.WithBodyProperties(body))
	return err
}

// Delete disables the template: Auth0 has no way to delete one.
func (e *EmailTemplate) Delete(ctx context.Context, c *auth0.Client, _ *v1alpha1.EmailTemplate, id string) error {
	_, err := c.API().EmailTemplates.Update(ctx, templateName(id), nil, option.WithBodyProperties(map[string]any{"enabled": false}))
	return err
}

// emailTemplateNames are Auth0's template names: a tenant has at most these.
var emailTemplateNames = []string{
	"verify_email", "verify_email_by_code", "auth_email_by_code", "reset_email", "reset_email_by_code",
	"welcome_email", "blocked_account", "stolen_credentials", "enrollment_email", "mfa_oob_code",
	"user_invitation", "async_approval", "change_password", "password_reset",
}

// emailTemplateExporter reads every template the tenant has. Auth0 lists none: each name is
// asked for, and one never set up answers 404. The ID (spec.externalID) is the template name.
var emailTemplateExporter = Exporter{Kind: "EmailTemplate", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	var out []Found
	for _, name := range emailTemplateNames {
		t, err := c.API().EmailTemplates.Get(ctx, templateName(name))
		if auth0.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		o, err := answer(t)
		if err != nil {
			return nil, err
		}
		out = append(out, Found{ID: name, Name: name, Build: func(*ExportContext) (reconcile.Object, error) {
			return exportEmailTemplate(name, o)
		}})
	}
	return out, nil
}}

// exportEmailTemplate is the EmailTemplate whose body is the template o, its text inline.
func exportEmailTemplate(name string, o object) (reconcile.Object, error) {
	text := stringOf(o, "body")
	s := v1alpha1.EmailTemplateSpec{Body: v1alpha1.TextSource{Inline: &text}}
	fromAuth0(o, &s)
	s.Template = name
	return &v1alpha1.EmailTemplate{Spec: s}, nil
}
