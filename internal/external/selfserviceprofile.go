package external

import (
	"context"
	"strings"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// selfServiceProfiles is the tenant's self-service SSO profile list, read once per drift
// interval for all of them.
var selfServiceProfiles = auth0.Snapshot[object]{
	Kind: "self-service-profiles",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]object, int, error) {
		p, err := api.SelfServiceProfiles.List(ctx, &management.ListSelfServiceProfilesRequestParameters{
			Page: &page, PerPage: &perPage, IncludeTotals: management.Bool(true),
		})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Results)
		return items, total(p.Response.Total), err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		return decoded(api.SelfServiceProfiles.Get(ctx, id))
	},
}

// SelfServiceProfile maps a SelfServiceProfile to an Auth0 self-service SSO profile, found by
// name, with its pages' custom texts.
type SelfServiceProfile struct {
	Collection[*v1alpha1.SelfServiceProfile]
}

// NewSelfServiceProfile returns the SelfServiceProfile mapping.
func NewSelfServiceProfile() *SelfServiceProfile {
	return &SelfServiceProfile{Collection[*v1alpha1.SelfServiceProfile]{
		List: selfServiceProfiles,
		Key:  keyName(func(p *v1alpha1.SelfServiceProfile) string { return nameOr(p.Spec.Name, p.Name) }),
		Body: func(_ context.Context, _ *auth0.Client, p *v1alpha1.SelfServiceProfile) (object, error) {
			b := toAuth0(p.Spec)
			b["name"] = nameOr(p.Spec.Name, p.Name)
			if err := withPassthrough(b, p.Spec, p.Spec.Passthrough, "name"); err != nil {
				return nil, err
			}
			return jsonObject(b)
		},
		Parts: []Part[*v1alpha1.SelfServiceProfile]{{Name: "customText", Want: wantProfileTexts, Have: haveProfileTexts,
			Apply: applyProfileTexts, KeepOthers: true}},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.SelfServiceProfiles.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.SelfServiceProfiles.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.SelfServiceProfiles.Delete(ctx, id)
		},
	}}
}

var _ reconcile.External[*v1alpha1.SelfServiceProfile] = (*SelfServiceProfile)(nil)

// A profile's custom texts, keyed "language/page". Auth0 cannot list a profile's pages, so only
// the pages the spec names are read; a page the spec drops is left as it is.

func textKey(language, page string) string { return language + "/" + page }

func wantProfileTexts(_ context.Context, _ *auth0.Client, p *v1alpha1.SelfServiceProfile) (map[string]object, error) {
	if p.Spec.CustomText == nil {
		return nil, nil
	}
	out := map[string]object{}
	for _, t := range p.Spec.CustomText {
		texts := object{}
		for k, v := range t.Texts {
			texts[k] = v
		}
		out[textKey(t.Language, t.Page)] = texts
	}
	return out, nil
}

// haveProfileTexts reads every page Auth0 offers custom text for; those the spec does not name
// are left alone (Part.KeepOthers).
func haveProfileTexts(ctx context.Context, c *auth0.Client, id string) (map[string]object, error) {
	out := map[string]object{}
	for _, key := range profileTextKeys {
		lang, page := splitTextKey(key)
		texts, err := c.API().SelfServiceProfiles.CustomText.List(ctx, id,
			(*management.SelfServiceProfileCustomTextLanguageEnum)(&lang), (*management.SelfServiceProfileCustomTextPageEnum)(&page))
		if err != nil {
			return nil, err
		}
		if len(texts) > 0 {
			o := object{}
			for k, v := range texts {
				o[k] = v
			}
			out[key] = o
		}
	}
	return out, nil
}

// profileTextKeys are every language/page Auth0 offers custom text for (go-auth0's enums).
var profileTextKeys = []string{textKey("en", "get-started")}

func splitTextKey(key string) (string, string) {
	language, page, _ := strings.Cut(key, "/")
	return language, page
}

func applyProfileTexts(ctx context.Context, c *auth0.Client, id string, changes map[string]object, _ map[string]object) error {
	for key, texts := range changes {
		lang, page := splitTextKey(key)
		body := management.SetSelfServiceProfileCustomTextRequestContent{}
		for k, v := range texts {
			body[k], _ = v.(string)
		}
		if _, err := c.API().SelfServiceProfiles.CustomText.Set(ctx, id,
			(*management.SelfServiceProfileCustomTextLanguageEnum)(&lang), (*management.SelfServiceProfileCustomTextPageEnum)(&page), body); err != nil {
			return err
		}
	}
	return nil
}

// selfServiceProfileExporter reads every profile and its pages' custom texts.
var selfServiceProfileExporter = Exporter{Kind: "SelfServiceProfile", Read: eachOf(selfServiceProfiles,
	func(ctx context.Context, c *auth0.Client, o object) (Found, error) {
		texts, err := haveProfileTexts(ctx, c, idOf(o))
		return Found{ID: idOf(o), Name: stringOf(o, "name"), Keys: []string{stringOf(o, "name")},
			Build: func(x *ExportContext) (reconcile.Object, error) {
				s := v1alpha1.SelfServiceProfileSpec{Name: x.AuthName(stringOf(o, "name"))}
				fromAuth0(o, &s)
				for _, key := range profileTextKeys {
					if t, ok := texts[key]; ok {
						lang, page := splitTextKey(key)
						ct := v1alpha1.SelfServiceProfileCustomText{Language: lang, Page: page, Texts: map[string]string{}}
						for k, v := range t {
							ct.Texts[k], _ = v.(string)
						}
						s.CustomText = append(s.CustomText, ct)
					}
				}
				return &v1alpha1.SelfServiceProfile{Spec: s}, nil
			}}, err
	})}
