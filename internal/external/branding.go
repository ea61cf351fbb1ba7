package external

import (
	"context"
	"encoding/json"
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

// brandingID is the ID of the tenant's branding singleton.
const brandingID = "branding"

// Branding maps a Branding to the tenant's branding settings (/branding), its Universal Login
// page template (/branding/templates/universal-login) and its theme (/branding/themes).
type Branding struct {
	Singleton[*v1alpha1.Branding]
	In reconcile.Inputs
}

// NewBranding returns the Branding mapping; fresh reads the template's ConfigMap past the cache.
func NewBranding(fresh client.Reader) *Branding {
	return &Branding{Singleton: Singleton[*v1alpha1.Branding]{ID: brandingID}, In: reconcile.Inputs{Reader: fresh}}
}

var _ reconcile.External[*v1alpha1.Branding] = (*Branding)(nil)

// brandingWant is what the spec sets, in Auth0's JSON: the settings, with the template under
// "template" and the theme under "theme" (their diff paths).
func (b *Branding) want(ctx context.Context, br *v1alpha1.Branding) (map[string]any, error) {
	s := br.Spec
	w := toAuth0(s)
	if err := withPassthrough(w, s, s.Passthrough, "template", "theme"); err != nil {
		return nil, err
	}
	if s.UniversalLoginTemplate != nil {
		t, err := b.In.Text(ctx, br.Namespace, s.UniversalLoginTemplate)
		if err != nil {
			return nil, err
		}
		w["template"] = t
	}
	if s.Theme != nil {
		var theme map[string]any
		if err := json.Unmarshal(s.Theme.Raw, &theme); err != nil {
			return nil, reconcile.InvalidSpec("spec.theme is not a JSON object")
		}
		w["theme"] = theme
	}
	return w, nil
}

// Observe compares the branding, the template and the theme with the spec, reading only the
// parts the spec sets.
func (b *Branding) Observe(ctx context.Context, c *auth0.Client, br *v1alpha1.Branding, _ string) (reconcile.Observation, error) {
	want, err := b.want(ctx, br)
	if err != nil {
		return reconcile.Observation{}, err
	}
	settings, err := c.API().Branding.Get(ctx)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, err := jsonObject(settings)
	if err != nil {
		return reconcile.Observation{}, err
	}
	if _, ok := want["template"]; ok {
		t, err := universalLoginTemplate(ctx, c)
		if err != nil {
			return reconcile.Observation{}, err
		}
		if t != "" {
			got["template"] = t
		}
	}
	noTheme := false
	if _, ok := want["theme"]; ok {
		theme, err := c.API().Branding.Themes.GetDefault(ctx)
		switch {
		case auth0.IsNotFound(err):
			br.Status.ThemeID, noTheme = "", true
		case err != nil:
			return reconcile.Observation{}, err
		default:
			br.Status.ThemeID = theme.GetThemeID()
			if got["theme"], err = answer(theme); err != nil {
				return reconcile.Observation{}, err
			}
		}
	}
	diff := drift(want, got)
	if noTheme && !slices.ContainsFunc(diff, func(p string) bool { return strings.HasPrefix(p, "theme") }) {
		diff = append(diff, "theme") // a theme made only of empty parts still has to be created
	}
	obs := reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}
	textInput(c, br, &obs, "template", want["template"], got["template"])
	return withValues(obs, want, got), nil
}

// universalLoginTemplate is the tenant's Universal Login page template, "" when none is set.
func universalLoginTemplate(ctx context.Context, c *auth0.Client) (string, error) {
	t, err := c.API().Branding.Templates.GetUniversalLogin(ctx)
	switch {
	case auth0.IsNotFound(err):
		return "", nil
	case err != nil:
		return "", err
	case t.GetGetUniversalLoginTemplate() != nil:
		return t.GetGetUniversalLoginTemplate().GetBody(), nil
	}
	return t.String, nil
}

// Update writes the parts that differ: the settings (PATCH), the template (PUT), the theme.
func (b *Branding) Update(ctx context.Context, c *auth0.Client, br *v1alpha1.Branding, _ string, obs reconcile.Observation) error {
	want, err := b.want(ctx, br)
	if err != nil {
		return err
	}
	differs := func(part string) bool {
		return slices.ContainsFunc(obs.Diff, func(p string) bool { return p == part || strings.HasPrefix(p, part+".") })
	}
	template, hasTemplate := want["template"].(string)
	theme, hasTheme := want["theme"].(map[string]any)
	delete(want, "template")
	delete(want, "theme")
	settingsDiffer := slices.ContainsFunc(obs.Diff, func(p string) bool {
		return p != "template" && p != "theme" && !strings.HasPrefix(p, "theme.")
	})
	if len(want) > 0 && settingsDiffer {
		if _, err := c.API().Branding.Update(ctx, nil, option.WithBodyProperties(want)); err != nil {
			return err
		}
	}
	if hasTemplate && differs("template") {
		if err := c.API().Branding.Templates.UpdateUniversalLogin(ctx, &management.UpdateUniversalLoginTemplateRequestContent{
			UpdateUniversalLoginTemplateRequestContentTemplate: &management.UpdateUniversalLoginTemplateRequestContentTemplate{Template: template},
		}); err != nil {
			return err
		}
	}
	if hasTheme && differs("theme") {
		if br.Status.ThemeID == "" {
			t, err := c.API().Branding.Themes.Create(ctx, nil, option.WithBodyProperties(theme))
			if err != nil {
				return err
			}
			br.Status.ThemeID = t.GetThemeID()
		} else if _, err := c.API().Branding.Themes.Update(ctx, br.Status.ThemeID, nil, option.WithBodyProperties(theme)); err != nil {
			return err
		}
	}
	return nil
}

// brandingExporter reads the branding settings, the Universal Login template and the theme. A
// tenant whose branding is as a new tenant's has none to export.
var brandingExporter = Exporter{Kind: "Branding", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	settings, err := c.API().Branding.Get(ctx)
	if err != nil {
		return nil, err
	}
	o, err := answer(settings)
	if err != nil {
		return nil, err
	}
	var s v1alpha1.BrandingSpec
	fromAuth0(o, &s)
	template, err := universalLoginTemplate(ctx, c)
	if err != nil {
		return nil, err
	}
	if template != "" {
		s.UniversalLoginTemplate = &v1alpha1.TextSource{Inline: &template}
	}
	theme, err := c.API().Branding.Themes.GetDefault(ctx)
	switch {
	case auth0.IsNotFound(err):
	case err != nil:
		return nil, err
	default:
		t, err := answer(theme)
		if err != nil {
			return nil, err
		}
		delete(t, "themeId") // status.themeID, not part of what is written
		raw, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		s.Theme = &apiextensionsv1.JSON{Raw: raw}
	}
	return singleton("branding", &v1alpha1.Branding{Spec: s}, s), nil
}}
