package external

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/auth0/go-auth0/v3/management"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// Prompt partials: the HTML a UniversalLogin inserts in Universal Login screens, one document
// per prompt ({screen: {insertion point: html}}), read and written through
// /prompts/{prompt}/partials. Auth0 takes them only on a tenant with a verified custom domain.

// partialsPath is the diff entry of one insertion point.
func partialsPath(prompt, screen, point string) string {
	return "partials." + prompt + "." + screen + "." + point
}

// wantPartials is the spec's partials by prompt, their texts read; nil when it sets none.
func (x *UniversalLogin) wantPartials(ctx context.Context, ul *v1alpha1.UniversalLogin) (map[string]object, error) {
	if len(ul.Spec.Partials) == 0 {
		return nil, nil
	}
	out := map[string]object{}
	for _, p := range ul.Spec.Partials {
		if out[p.Prompt] == nil {
			out[p.Prompt] = object{}
		}
		screen := object{}
		for point, src := range p.InsertionPoints {
			text, err := x.In.Text(ctx, ul.Namespace, &src)
			if err != nil {
				return nil, err
			}
			screen[point] = text
		}
		out[p.Prompt][p.Screen] = screen
	}
	return out, nil
}

// customDomainReady tells whether the tenant has a verified custom domain.
func customDomainReady(ctx context.Context, c *auth0.Client) (bool, error) {
	all, err := customDomains.All(ctx, c)
	return slices.ContainsFunc(all, func(d object) bool { return stringOf(d, "status") == "ready" }), err
}

// observePartials adds the partials that differ to obs, or makes obs wait for a custom domain.
func (x *UniversalLogin) observePartials(ctx context.Context, c *auth0.Client, ul *v1alpha1.UniversalLogin, obs *reconcile.Observation) error {
	want, err := x.wantPartials(ctx, ul)
	if err != nil || want == nil {
		return err
	}
	ready, err := customDomainReady(ctx, c)
	if err != nil {
		return err
	}
	if !ready {
		obs.NotReady = &reconcile.Waiting{Reason: v1alpha1.ReasonWaitingForCustomDomain, RetryAfter: 20 * time.Second,
			Message: "prompt partials need a verified custom domain and the tenant has none yet; they are written once a CustomDomain is ready"}
		return nil
	}
	for _, prompt := range slices.Sorted(maps.Keys(want)) {
		group := management.PartialGroupsEnum(prompt)
		got, err := c.API().Prompts.Partials.Get(ctx, &group)
		if err != nil {
			return err
		}
		have, err := jsonObject(got)
		if err != nil {
			return err
		}
		// Every point's input is recorded, the same or not: the reconciler keeps only the
		// digests an observation names.
		differs := drift(want[prompt], have)
		for _, screen := range slices.Sorted(maps.Keys(want[prompt])) {
			points, _ := want[prompt][screen].(object)
			for _, point := range slices.Sorted(maps.Keys(points)) {
				field := partialsPath(prompt, screen, point)
				recorded := reconcile.Recorded(ul, field)
				h, _ := at(have, screen+"."+point)
				if !slices.Contains(differs, screen+"."+point) {
					reconcile.Input(c, ul, obs, field, []byte(points[point].(string)))
					continue
				}
				obs.Diff = append(obs.Diff, field)
				textInput(c, ul, obs, field, points[point], h)
				if !recorded && !slices.Contains(obs.Changed, field) {
					obs.Changed = append(obs.Changed, field) // never written yet: not drift
				}
			}
		}
	}
	slices.Sort(obs.Diff)
	obs.UpToDate = len(obs.Diff) == 0
	return nil
}

// updatePartials writes the partials of each prompt obs found different (the screens the spec
// names; Auth0 keeps the others).
func (x *UniversalLogin) updatePartials(ctx context.Context, c *auth0.Client, ul *v1alpha1.UniversalLogin, obs reconcile.Observation) error {
	want, err := x.wantPartials(ctx, ul)
	if err != nil {
		return err
	}
	for _, prompt := range slices.Sorted(maps.Keys(want)) {
		if !slices.ContainsFunc(obs.Diff, func(d string) bool { return strings.HasPrefix(d, "partials."+prompt+".") }) {
			continue
		}
		body := management.SetPartialsRequestContent{}
		for screen, points := range want[prompt] {
			body[screen] = points
		}
		group := management.PartialGroupsEnum(prompt)
		if err := c.API().Prompts.Partials.Set(ctx, &group, body); err != nil {
			return err
		}
	}
	return nil
}
