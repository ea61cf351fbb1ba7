package external

import (
	"context"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// phoneTemplates is the tenant's phone notification template list, read once per drift
// interval. Auth0 does not page it.
var phoneTemplates = auth0.Snapshot[object]{
	Kind: "phone-templates",
	List: func(ctx context.Context, api *mgmt.Management, page, _ int) ([]object, int, error) {
		if page > 0 {
			return nil, 0, nil
		}
		p, err := api.Branding.Phone.Templates.List(ctx, &management.ListPhoneTemplatesRequestParameters{})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Templates)
		return items, len(items), err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return decoded(api.Branding.Phone.Templates.Get(ctx, id))
	},
}

// PhoneTemplate maps a PhoneTemplate to a template at /branding/phone/templates, found by its
// type. Bodies read from a ConfigMap are inputs: a changed ConfigMap is an update, not drift.
type PhoneTemplate struct {
	Collection[*v1alpha1.PhoneTemplate]
	In reconcile.Inputs
}

// NewPhoneTemplate returns the PhoneTemplate mapping; fresh reads the bodies' ConfigMaps.
func NewPhoneTemplate(fresh client.Reader) *PhoneTemplate {
	t := &PhoneTemplate{In: reconcile.Inputs{Reader: fresh}}
	t.Collection = Collection[*v1alpha1.PhoneTemplate]{
		List: phoneTemplates,
		Key:  func(pt *v1alpha1.PhoneTemplate) object { return object{"type": pt.Spec.Type} },
		Body: func(ctx context.Context, _ *auth0.Client, pt *v1alpha1.PhoneTemplate) (object, error) {
			return t.body(ctx, pt)
		},
		Fixed: []string{"type"}, // Auth0 takes it on create only
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Branding.Phone.Templates.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			// Auth0 takes content.syntax on create only (and has but one: liquid).
			delete(objectField(body, "content"), "syntax")
			return decoded(api.Branding.Phone.Templates.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.Branding.Phone.Templates.Delete(ctx, id)
		},
	}
	return t
}

var _ reconcile.External[*v1alpha1.PhoneTemplate] = (*PhoneTemplate)(nil)

// phoneBodies are the template's bodies by their path in Auth0's JSON.
func phoneBodies(pt *v1alpha1.PhoneTemplate) map[string]*v1alpha1.TextSource {
	b := pt.Spec.Content.Body
	return map[string]*v1alpha1.TextSource{"content.body.text": b.Text, "content.body.voice": b.Voice}
}

// body is the template the spec describes, in Auth0's JSON, its bodies read.
func (t *PhoneTemplate) body(ctx context.Context, pt *v1alpha1.PhoneTemplate) (object, error) {
	b := toAuth0(pt.Spec)
	for path, src := range phoneBodies(pt) {
		if src == nil {
			continue
		}
		text, err := t.In.Text(ctx, pt.Namespace, src)
		if err != nil {
			return nil, err
		}
		putPath(b, path, text)
	}
	return jsonObject(b)
}

// Observe compares the listed template with the spec; a body from a ConfigMap whose text
// changed since it was last sent is an update.
func (t *PhoneTemplate) Observe(ctx context.Context, c *auth0.Client, pt *v1alpha1.PhoneTemplate, id string) (reconcile.Observation, error) {
	want, err := t.body(ctx, pt)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, ok, err := phoneTemplates.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	diff := drift(want, got)
	obs := reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}
	for path, src := range phoneBodies(pt) {
		if src != nil && src.ConfigMapKeyRef != nil {
			w, _ := at(want, path)
			g, _ := at(got, path)
			textInput(c, pt, &obs, path, w, g)
		}
	}
	return withValues(obs, want, got), nil
}

// phoneTemplateExporter reads every template the tenant has, bodies inline.
var phoneTemplateExporter = Exporter{Kind: "PhoneTemplate", Read: eachOf(phoneTemplates,
	func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
		typ := stringOf(o, "type")
		return Found{ID: idOf(o), Name: typ, Build: func(*ExportContext) (reconcile.Object, error) {
			return exportPhoneTemplate(o), nil
		}}, nil
	})}

// exportPhoneTemplate is the PhoneTemplate whose body is the template o.
func exportPhoneTemplate(o object) *v1alpha1.PhoneTemplate {
	var s v1alpha1.PhoneTemplateSpec
	fromAuth0(o, &s)
	for path, dst := range map[string]**v1alpha1.TextSource{"content.body.text": &s.Content.Body.Text, "content.body.voice": &s.Content.Body.Voice} {
		if v, ok := at(o, path); ok {
			if text, ok := v.(string); ok {
				*dst = &v1alpha1.TextSource{Inline: &text}
			}
		}
	}
	return &v1alpha1.PhoneTemplate{Spec: s}
}
