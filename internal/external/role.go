package external

import (
	"context"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// roles is the tenant's role list, read once per drift interval for all of them.
var roles = auth0.Snapshot[object]{
	Kind: "roles",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]object, int, error) {
		p, err := api.Roles.List(ctx, &management.ListRolesRequestParameters{
			Page: &page, PerPage: &perPage, IncludeTotals: management.Bool(true),
		})
		if err != nil {
			return nil, 0, err
		}
		items, err := rawList(p.Results)
		return items, int(p.Response.Total), err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		r, err := api.Roles.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return answer(r)
	},
}

// permissionsDiff is the diff entry of a role whose permission set differs.
const permissionsDiff = "permissions"

// Role maps a Role to an Auth0 role and its permissions. It resolves the ResourceServers the
// permissions reference through Kube.
type Role struct {
	Collection[*v1alpha1.Role]
	Kube client.Reader
}

// NewRole returns the Role mapping; kube reads the referenced ResourceServers.
func NewRole(kube client.Reader) *Role {
	r := &Role{Kube: kube}
	r.Collection = Collection[*v1alpha1.Role]{
		List: roles,
		Key:  keyName(func(role *v1alpha1.Role) string { return nameOr(role.Spec.Name, role.Name) }),
		Body: func(_ context.Context, _ *auth0.Client, role *v1alpha1.Role) (object, error) {
			return roleBody(role)
		},
		Parts: []Part[*v1alpha1.Role]{{Name: permissionsDiff, Want: r.wantPermissions, Have: havePermissions,
			Apply: func(ctx context.Context, c *auth0.Client, id string, ch, _ map[string]object) error {
				api := c.API().Roles.Permissions
				if add := keys(ch, true); len(add) > 0 {
					if err := api.Add(ctx, id, &management.AddRolePermissionsRequestContent{Permissions: payload(add)}); err != nil {
						return err
					}
				}
				if remove := keys(ch, false); len(remove) > 0 {
					return api.Delete(ctx, id, &management.DeleteRolePermissionsRequestContent{Permissions: payload(remove)})
				}
				return nil
			}}},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.Roles.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.Roles.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error { return api.Roles.Delete(ctx, id) },
	}
	return r
}

var (
	_ reconcile.External[*v1alpha1.Role] = (*Role)(nil)
	_ reconcile.Resolver[*v1alpha1.Role] = (*Role)(nil)
)

// Resolve waits while a referenced ResourceServer does not exist or is not Ready.
func (r *Role) Resolve(ctx context.Context, role *v1alpha1.Role) error {
	_, err := r.permissions(ctx, role)
	return err
}

// permissions are the spec's permissions as "identifier scope" keys, sorted.
func (r *Role) permissions(ctx context.Context, role *v1alpha1.Role) ([]string, error) {
	var out []string
	for _, p := range role.Spec.Permissions {
		identifier := p.ResourceServerIdentifier
		if ref := p.ResourceServerRef; ref != nil {
			rs := &v1alpha1.ResourceServer{}
			if err := reference(ctx, r.Kube, role, "ResourceServer", ref.Name, rs); err != nil {
				return nil, err
			}
			if _, err := readyID("ResourceServer", ref.Name, rs); err != nil {
				return nil, err
			}
			identifier = rs.Spec.Identifier
		}
		for _, s := range p.Scopes {
			out = append(out, identifier+" "+s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func roleBody(role *v1alpha1.Role) (object, error) {
	b := toAuth0(role.Spec)
	b["name"] = nameOr(role.Spec.Name, role.Name)
	return b, withPassthrough(b, role.Spec, role.Spec.Passthrough)
}

// wantPermissions is the spec's permission set; nil when the spec leaves it out (not managed).
func (r *Role) wantPermissions(ctx context.Context, _ *auth0.Client, role *v1alpha1.Role) (map[string]object, error) {
	if role.Spec.Permissions == nil {
		return nil, nil
	}
	perms, err := r.permissions(ctx, role)
	return asSet(perms), err
}

// havePermissions is the role's permission set in Auth0.
func havePermissions(ctx context.Context, c *auth0.Client, id string) (map[string]object, error) {
	perms, err := granted(ctx, c, id)
	return asSet(perms), err
}

// asSet is a set of keys without values.
func asSet(ks []string) map[string]object {
	out := make(map[string]object, len(ks))
	for _, k := range ks {
		out[k] = object{}
	}
	return out
}

// granted reads the role's permissions as "identifier scope" keys, every page of them.
func granted(ctx context.Context, c *auth0.Client, id string) ([]string, error) {
	page, size := 0, perPage
	p, err := c.API().Roles.Permissions.List(ctx, id, &management.ListRolePermissionsRequestParameters{
		Page: &page, PerPage: &size, IncludeTotals: management.Bool(true)})
	all, err := everyItem(ctx, size, p, err)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(all))
	for _, g := range all {
		out = append(out, g.GetResourceServerIdentifier()+" "+g.GetPermissionName())
	}
	slices.Sort(out)
	return out, nil
}

// payload turns "identifier scope" keys into Auth0's permission objects.
func payload(keys []string) []*management.PermissionRequestPayload {
	out := make([]*management.PermissionRequestPayload, len(keys))
	for i, k := range keys {
		identifier, scope, _ := strings.Cut(k, " ")
		out[i] = &management.PermissionRequestPayload{ResourceServerIdentifier: identifier, PermissionName: scope}
	}
	return out
}

// roleExporter reads every role and its permissions.
var roleExporter = Exporter{Kind: "Role", Read: eachOf(roles, func(ctx context.Context, c *auth0.Client, o object) (Found, error) {
	perms, err := granted(ctx, c, idOf(o))
	return Found{ID: idOf(o), Name: stringOf(o, "name"), Build: func(x *ExportContext) (reconcile.Object, error) {
		return exportRole(o, perms, x), nil
	}}, err
})}

// exportRole is the Role whose body is o, with the permissions perms ("identifier scope"
// keys, sorted) grouped by API.
func exportRole(o object, perms []string, x *ExportContext) reconcile.Object {
	s := v1alpha1.RoleSpec{Name: x.AuthName(stringOf(o, "name")), Permissions: []v1alpha1.RolePermissions{}} // the set as read, even when empty
	fromAuth0(o, &s)
	at := map[string]int{} // identifier -> index in s.Permissions
	for _, k := range perms {
		i := strings.LastIndexByte(k, ' ') // a scope has no space
		identifier, scope := k[:i], k[i+1:]
		if n, ok := at[identifier]; ok {
			s.Permissions[n].Scopes = append(s.Permissions[n].Scopes, scope)
			continue
		}
		p := v1alpha1.RolePermissions{ResourceServerRef: x.LocalRef("ResourceServer", identifier), Scopes: []string{scope}}
		if p.ResourceServerRef == nil {
			p.ResourceServerIdentifier = identifier
		}
		at[identifier] = len(s.Permissions)
		s.Permissions = append(s.Permissions, p)
	}
	return &v1alpha1.Role{Spec: s}
}
