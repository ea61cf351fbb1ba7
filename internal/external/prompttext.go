package external

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/auth0/go-auth0/v3/management"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// PromptText maps a PromptText to /prompts/{prompt}/custom-text/{language}, a document that
// is read and replaced as a whole. Its ID is "prompt/language". An empty document is Auth0's
// way of saying there is no custom text: Observe reports it as not existing, Delete writes it.
type PromptText struct{}

// NewPromptText returns the PromptText mapping.
func NewPromptText() *PromptText { return &PromptText{} }

var _ reconcile.External[*v1alpha1.PromptText] = (*PromptText)(nil)

func promptTextID(pt *v1alpha1.PromptText) string { return pt.Spec.Prompt + "/" + pt.Spec.Language }

func promptPath(id string) (*management.PromptGroupNameEnum, *management.PromptLanguageEnum) {
	prompt, lang, _ := strings.Cut(id, "/")
	p, l := management.PromptGroupNameEnum(prompt), management.PromptLanguageEnum(lang)
	return &p, &l
}

func (p *PromptText) get(ctx context.Context, c *auth0.Client, id string) (map[string]any, error) {
	prompt, lang := promptPath(id)
	return c.API().Prompts.CustomText.Get(ctx, prompt, lang)
}

func (p *PromptText) put(ctx context.Context, c *auth0.Client, id string, doc map[string]any) error {
	prompt, lang := promptPath(id)
	return c.API().Prompts.CustomText.Set(ctx, prompt, lang, doc)
}

func promptTextBody(pt *v1alpha1.PromptText) map[string]any {
	doc := map[string]any{}
	for screen, texts := range pt.Spec.Screens {
		m := map[string]any{}
		for k, v := range texts {
			m[k] = v
		}
		doc[screen] = m
	}
	return doc
}

// promptTextDiff compares two documents both ways: the spec is the whole document, so text
// Auth0 has beyond it is drift too. Paths are screen.key.
func promptTextDiff(want, got map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	flat := func(doc map[string]any) map[string]string {
		m := map[string]string{}
		for screen, texts := range doc {
			t, ok := texts.(map[string]any)
			if !ok {
				m[screen] = fmt.Sprint(texts)
				continue
			}
			for k, v := range t {
				m[screen+"."+k] = fmt.Sprint(v)
			}
		}
		return m
	}
	w, g := flat(want), flat(got)
	for path, v := range w {
		if gv, ok := g[path]; !ok || gv != v {
			out, seen[path] = append(out, path), true
		}
	}
	for path := range g {
		if _, ok := w[path]; !ok && !seen[path] {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

// Observe compares the document with the spec.
func (p *PromptText) Observe(ctx context.Context, c *auth0.Client, pt *v1alpha1.PromptText, id string) (reconcile.Observation, error) {
	got, err := p.get(ctx, c, id)
	if err != nil || len(got) == 0 {
		return reconcile.Observation{}, err
	}
	diff := promptTextDiff(promptTextBody(pt), got)
	return reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, nil
}

// Find returns the ID when the prompt has custom text in the language.
func (p *PromptText) Find(ctx context.Context, c *auth0.Client, pt *v1alpha1.PromptText) (string, error) {
	got, err := p.get(ctx, c, promptTextID(pt))
	if err != nil || len(got) == 0 {
		return "", err
	}
	return promptTextID(pt), nil
}

// Create writes the document.
func (p *PromptText) Create(ctx context.Context, c *auth0.Client, pt *v1alpha1.PromptText) (string, error) {
	return promptTextID(pt), p.put(ctx, c, promptTextID(pt), promptTextBody(pt))
}

// Update replaces the document.
func (p *PromptText) Update(ctx context.Context, c *auth0.Client, pt *v1alpha1.PromptText, id string, _ reconcile.Observation) error {
	return p.put(ctx, c, id, promptTextBody(pt))
}

// Delete removes the custom text (an empty document): Auth0's own texts show again.
func (p *PromptText) Delete(ctx context.Context, c *auth0.Client, _ *v1alpha1.PromptText, id string) error {
	return p.put(ctx, c, id, map[string]any{})
}

// promptNames are Auth0's prompt names.
var promptNames = []string{
	"login", "login-id", "login-password", "login-passwordless", "login-email-verification", "signup",
	"signup-id", "signup-password", "phone-identifier-enrollment", "phone-identifier-challenge",
	"email-identifier-challenge", "reset-password", "custom-form", "consent", "customized-consent", "logout",
	"mfa-push", "mfa-otp", "mfa-voice", "mfa-phone", "mfa-webauthn", "mfa-sms", "mfa-email", "mfa-recovery-code",
	"mfa", "status", "device-flow", "email-verification", "email-otp-challenge", "organizations", "invitation",
	"common", "passkeys", "captcha", "brute-force-protection", "async-approval-flow", "confirmation",
}

// promptTextExporter reads the custom text of every prompt in every language the tenant's
// settings enable (Auth0 lists no custom text, and asking for each of its 80-odd languages would
// take thousands of calls; text in a language the login pages do not offer is not shown). The ID
// and name are "prompt/language".
var promptTextExporter = Exporter{Kind: "PromptText", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	settings, err := c.API().Tenants.Settings.Get(ctx, &management.GetTenantSettingsRequestParameters{
		Fields: management.String("enabled_locales"), IncludeFields: management.Bool(true)})
	if err != nil {
		return nil, err
	}
	o, err := answer(settings)
	if err != nil {
		return nil, err
	}
	var out []Found
	for _, prompt := range promptNames {
		for _, lang := range stringsField(o, "enabled_locales") {
			id := prompt + "/" + lang
			doc, err := (&PromptText{}).get(ctx, c, id)
			if err != nil {
				return nil, err
			}
			if len(doc) == 0 {
				continue
			}
			out = append(out, Found{ID: id, Name: id, Build: func(*ExportContext) (reconcile.Object, error) {
				return exportPromptText(prompt, lang, doc), nil
			}})
		}
	}
	return out, nil
}}

// exportPromptText is the PromptText whose body is the custom text doc.
func exportPromptText(prompt, lang string, doc map[string]any) reconcile.Object {
	screens := map[string]map[string]string{}
	for screen := range doc {
		m := map[string]string{}
		for k, v := range objectField(doc, screen) {
			m[k] = fmt.Sprint(v)
		}
		screens[screen] = m
	}
	return &v1alpha1.PromptText{Spec: v1alpha1.PromptTextSpec{Prompt: prompt, Language: lang, Screens: screens}}
}
