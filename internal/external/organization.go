package external

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// organizations is the tenant's organization list, read once per drift interval for all.
var organizations = auth0.Snapshot[object]{
	Kind: "organizations",
	List: func(ctx context.Context, api *mgmt.Management, _, perPage int) ([]object, int, error) {
		p, err := api.Organizations.List(ctx, &management.ListOrganizationsRequestParameters{Take: &perPage})
		return allPages(ctx, p, err)
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		r, err := api.Organizations.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return answer(r)
	},
}

// enabledConnectionsDiff is the diff entry of an organization whose connections differ.
const enabledConnectionsDiff = "enabled_connections"

// Organization maps an Organization to an Auth0 organization and its enabled connections.
type Organization struct {
	Collection[*v1alpha1.Organization]
	// Kube reads the referenced Connections (the cache will do).
	Kube client.Reader
}

// NewOrganization returns the Organization mapping.
func NewOrganization(kube client.Reader) *Organization {
	x := &Organization{Kube: kube}
	x.Collection = Collection[*v1alpha1.Organization]{
		List: organizations,
		Key:  keyName(func(org *v1alpha1.Organization) string { return nameOr(org.Spec.Name, org.Name) }),
		Body: func(_ context.Context, _ *auth0.Client, org *v1alpha1.Organization) (object, error) {
			return organizationBody(org)
		},
		Parts: []Part[*v1alpha1.Organization]{{Name: enabledConnectionsDiff, Want: x.wantConnections, Have: haveConnections,
			Apply: applyConnections}},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Organizations.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Organizations.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.Organizations.Delete(ctx, id)
		},
	}
	return x
}

var (
	_ reconcile.External[*v1alpha1.Organization] = (*Organization)(nil)
	_ reconcile.Resolver[*v1alpha1.Organization] = (*Organization)(nil)
)

// Resolve waits while a referenced Connection does not exist or is not Ready.
func (x *Organization) Resolve(ctx context.Context, org *v1alpha1.Organization) error {
	for _, ec := range org.Spec.EnabledConnections {
		if ref := ec.ConnectionRef; ref != nil {
			conn := &v1alpha1.Connection{}
			if err := reference(ctx, x.Kube, org, "Connection", ref.Name, conn); err != nil {
				return err
			}
			if _, err := readyID("Connection", ref.Name, conn); err != nil {
				return err
			}
		}
	}
	return nil
}

// wantConnections are the spec's enabled connections by connection ID, each with the flags
// the spec sets; nil when the spec leaves them out. A connection named but not in Auth0 is
// waited for.
func (x *Organization) wantConnections(ctx context.Context, c *auth0.Client, org *v1alpha1.Organization) (map[string]object, error) {
	if org.Spec.EnabledConnections == nil {
		return nil, nil
	}
	out := map[string]object{}
	for _, ec := range org.Spec.EnabledConnections {
		var id string
		if ref := ec.ConnectionRef; ref != nil {
			conn := &v1alpha1.Connection{}
			if err := reference(ctx, x.Kube, org, "Connection", ref.Name, conn); err != nil {
				return nil, err
			}
			var err error
			if id, err = readyID("Connection", ref.Name, conn); err != nil {
				return nil, err
			}
		} else {
			all, err := connections.All(ctx, c)
			if err != nil {
				return nil, err
			}
			for _, o := range all {
				if stringOf(o, "name") == ec.ConnectionName {
					id = idOf(o)
				}
			}
			if id == "" {
				return nil, reconcile.WaitFor("Auth0 has no connection named %s", ec.ConnectionName)
			}
		}
		out[id] = toAuth0(ec)
	}
	return out, nil
}

// haveConnections reads the organization's enabled connections by connection ID, every page
// of them.
func haveConnections(ctx context.Context, c *auth0.Client, id string) (map[string]object, error) {
	page, size := 0, perPage
	p, err := c.API().Organizations.EnabledConnections.List(ctx, id, &management.ListOrganizationConnectionsRequestParameters{
		Page: &page, PerPage: &size, IncludeTotals: management.Bool(true)})
	all, err := everyItem(ctx, size, p, err)
	if err != nil {
		return nil, err
	}
	items, err := rawList(all)
	if err != nil {
		return nil, err
	}
	out := map[string]object{}
	for _, ec := range items {
		out[stringOf(ec, "connection_id")] = ec
	}
	return out, nil
}

func organizationBody(org *v1alpha1.Organization) (object, error) {
	s := org.Spec
	b := toAuth0(s)
	b["name"] = nameOr(s.Name, org.Name)
	if err := withPassthrough(b, org.Spec, org.Spec.Passthrough, "enabled_connections"); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// applyConnections adds, changes and removes enabled connections one by one (Auth0 has no
// call for the whole set).
func applyConnections(ctx context.Context, c *auth0.Client, id string, changes, have map[string]object) error {
	api := c.API().Organizations.EnabledConnections
	for cid, flags := range changes {
		var err error
		switch _, exists := have[cid]; {
		case flags == nil:
			err = api.Delete(ctx, id, cid)
		case exists:
			_, err = api.Update(ctx, id, cid, &management.UpdateOrganizationConnectionRequestContent{
				AssignMembershipOnLogin: flag(flags, "assign_membership_on_login"), IsSignupEnabled: flag(flags, "is_signup_enabled"),
				ShowAsButton: flag(flags, "show_as_button")})
		default:
			_, err = api.Add(ctx, id, &management.AddOrganizationConnectionRequestContent{ConnectionID: cid,
				AssignMembershipOnLogin: flag(flags, "assign_membership_on_login"), IsSignupEnabled: flag(flags, "is_signup_enabled"),
				ShowAsButton: flag(flags, "show_as_button")})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// flag is flags[key] when the spec sets it.
func flag(flags object, key string) *bool {
	if b, ok := flags[key].(bool); ok {
		return &b
	}
	return nil
}

// organizationExporter reads every organization and the connections enabled on each.
var organizationExporter = Exporter{Kind: "Organization", Read: eachOf(organizations, func(ctx context.Context, c *auth0.Client, o object) (Found, error) {
	conns, err := haveConnections(ctx, c, idOf(o))
	return Found{ID: idOf(o), Name: stringOf(o, "name"), Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportOrganization(o, conns, x)
	}}, err
})}

// exportOrganization is the Organization whose body is o, with the enabled connections conns
// (by connection ID) in name order.
func exportOrganization(o object, conns map[string]object, x *ExportContext) (reconcile.Object, error) {
	s := v1alpha1.OrganizationSpec{Name: x.AuthName(stringOf(o, "name"))}
	fromAuth0(o, &s)
	s.EnabledConnections = []v1alpha1.OrganizationConnection{} // the set as read, even when empty
	name := func(id string) string { return stringOf(objectField(conns[id], "connection"), "name") }
	ids := slices.SortedFunc(maps.Keys(conns), func(a, b string) int { return cmp.Or(cmp.Compare(name(a), name(b)), cmp.Compare(a, b)) })
	for _, id := range ids {
		ec := conns[id]
		e := v1alpha1.OrganizationConnection{ConnectionRef: x.LocalRef("Connection", id)}
		if e.ConnectionRef == nil {
			e.ConnectionName = name(id)
		}
		fromAuth0(ec, &e) // Auth0's defaults are left out: a flag the spec does not set is not compared
		s.EnabledConnections = append(s.EnabledConnections, e)
	}
	return &v1alpha1.Organization{Spec: s}, nil
}
