package external

import (
	"context"
	"maps"
	"reflect"
	"slices"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// What an Application takes from ConfigMaps and Secrets (its login page texts, its addons'
// secrets), and the addons that are enabled by their presence alone. Texts and secrets are
// compared like any field, Auth0 answers them, but through their input digests: a changed
// ConfigMap or Secret is an update, not drift, and their values never reach status or Events.

var (
	enabledAddonType = reflect.TypeFor[*v1alpha1.EnabledAddon]()
	secretSourceType = reflect.TypeFor[*v1alpha1.SecretValueSource]()
)

// applicationTexts are the spec's texts by Auth0 field; nil when the spec leaves one out.
func applicationTexts(s v1alpha1.ApplicationSpec) map[string]*v1alpha1.TextSource {
	return map[string]*v1alpha1.TextSource{"custom_login_page": s.CustomLoginPage,
		"custom_login_page_preview": s.CustomLoginPagePreview, "form_template": s.FormTemplate}
}

// addonParts calls secret for each addon secret the spec sets (by its Auth0 path, e.g.
// addons.azure_sb.sasKey) and enabled for each settings-less addon it enables.
func addonParts(a *v1alpha1.ApplicationAddons, secret func(path string, src *v1alpha1.SecretValueSource), enabled func(name string)) {
	if a == nil {
		return
	}
	v := reflect.ValueOf(a).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Tag.Get("auth0")
		if f.IsNil() {
			continue
		}
		if f.Type() == enabledAddonType {
			enabled(name)
			continue
		}
		e := f.Elem()
		for j := range e.NumField() {
			key := e.Type().Field(j).Tag.Get("auth0secret")
			if key != "" && !e.Field(j).IsNil() {
				secret("addons."+name+"."+key, e.Field(j).Interface().(*v1alpha1.SecretValueSource))
			}
		}
	}
}

// ApplicationReferences are the ConfigMaps and Secrets an Application reads, for
// Kind.References: a change to one is written to Auth0 at once.
func ApplicationReferences(app *v1alpha1.Application) []reconcile.Ref {
	var refs []reconcile.Ref
	for _, f := range slices.Sorted(maps.Keys(applicationTexts(app.Spec))) {
		refs = append(refs, reconcile.TextRefs(applicationTexts(app.Spec)[f])...)
	}
	addonParts(app.Spec.Addons, func(_ string, src *v1alpha1.SecretValueSource) {
		refs = append(refs, reconcile.SecretRefs(src)...)
	}, func(string) {})
	return refs
}

// putInputs adds the spec's texts, addon secrets and settings-less addons to the body b.
func (a *Application) putInputs(ctx context.Context, app *v1alpha1.Application, b object) error {
	for f, src := range applicationTexts(app.Spec) {
		if src == nil {
			continue
		}
		t, err := a.In.Text(ctx, app.Namespace, src)
		if err != nil {
			return err
		}
		b[f] = t
	}
	var err error
	addonParts(app.Spec.Addons, func(path string, src *v1alpha1.SecretValueSource) {
		if err == nil {
			var v []byte
			if v, err = a.In.Secret(ctx, app.Namespace, src.SecretKeyRef); err == nil {
				putPath(b, path, string(v))
			}
		}
	}, func(name string) { putPath(b, "addons."+name, object{}) })
	return err
}

// inputDrift records the digests of the texts and secrets the body holds, marks the ones whose
// source changed (an update, not drift), and adds the settings-less addons Auth0 lacks to the
// diff (an empty object compares equal to anything).
func inputDrift(c *auth0.Client, app *v1alpha1.Application, obs *reconcile.Observation, want, got object) {
	for f, src := range applicationTexts(app.Spec) {
		if src != nil {
			textInput(c, app, obs, f, want[f], got[f])
		}
	}
	addonParts(app.Spec.Addons, func(path string, _ *v1alpha1.SecretValueSource) {
		w, _ := at(want, path)
		s, _ := w.(string)
		if reconcile.Input(c, app, obs, path, []byte(s)) && slices.Contains(obs.Diff, path) {
			obs.Changed = append(obs.Changed, path)
		}
	}, func(name string) {
		if _, ok := at(got, "addons."+name); !ok {
			obs.Diff = append(obs.Diff, "addons."+name)
		}
	})
}
