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
	Kube client.Reader
}

// NewRole returns the Role mapping; kube reads the referenced ResourceServers.
func NewRole(kube client.Reader) *Role { return &Role{Kube: kube} }

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

func roleBody(role *v1alpha1.Role) object {
	b := object{"name": nameOr(role.Spec.Name, role.Name)}
	setString(b, "description", role.Spec.Description)
	return b
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

// Observe compares the role and, when the spec sets them, its permissions with the spec.
func (r *Role) Observe(ctx context.Context, c *auth0.Client, role *v1alpha1.Role, id string) (reconcile.Observation, error) {
	want, err := r.permissions(ctx, role)
	if err != nil {
		return reconcile.Observation{}, err
	}
	got, ok, err := roles.Get(ctx, c, id)
	if err != nil || !ok {
		return reconcile.Observation{}, err
	}
	diff := drift(roleBody(role), got)
	if role.Spec.Permissions == nil { // left out: not managed
		return reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, nil
	}
	have, err := granted(ctx, c, id)
	if auth0.IsNotFound(err) {
		return reconcile.Observation{}, nil
	}
	if err != nil {
		return reconcile.Observation{}, err
	}
	if !slices.Equal(want, have) {
		diff = append(diff, permissionsDiff)
	}
	return reconcile.Observation{Exists: true, UpToDate: len(diff) == 0, Diff: diff}, nil
}

// Find returns the role with the spec's name.
func (r *Role) Find(ctx context.Context, c *auth0.Client, role *v1alpha1.Role) (string, error) {
	all, err := roles.All(ctx, c)
	if err != nil {
		return "", err
	}
	name := nameOr(role.Spec.Name, role.Name)
	for _, o := range all {
		if stringOf(o, "name") == name {
			return idOf(o), nil
		}
	}
	return "", nil
}

// Create creates the role; its permissions follow as the update after the create.
func (r *Role) Create(ctx context.Context, c *auth0.Client, role *v1alpha1.Role) (string, error) {
	res, err := c.API().Roles.Create(ctx, nil, option.WithBodyProperties(roleBody(role)))
	if err != nil {
		return "", created(c, roles, err)
	}
	o, err := answer(res)
	if err != nil {
		return "", err
	}
	roles.Put(c, o)
	return idOf(o), nil
}

// Update writes the name and description when they differ, then adds the missing permissions
// and removes the others.
func (r *Role) Update(ctx context.Context, c *auth0.Client, role *v1alpha1.Role, id string, obs reconcile.Observation) error {
	if slices.ContainsFunc(obs.Diff, func(f string) bool { return f != permissionsDiff }) {
		res, err := c.API().Roles.Update(ctx, id, nil, option.WithBodyProperties(roleBody(role)))
		if err != nil {
			return err
		}
		o, err := answer(res)
		if err != nil {
			return err
		}
		roles.Put(c, o)
	}
	if !slices.Contains(obs.Diff, permissionsDiff) {
		return nil
	}
	want, err := r.permissions(ctx, role)
	if err != nil {
		return err
	}
	have, err := granted(ctx, c, id)
	if err != nil {
		return err
	}
	if add := setDiff(want, have); len(add) > 0 {
		if err := c.API().Roles.Permissions.Add(ctx, id, &management.AddRolePermissionsRequestContent{Permissions: payload(add)}); err != nil {
			return err
		}
	}
	if remove := setDiff(have, want); len(remove) > 0 {
		return c.API().Roles.Permissions.Delete(ctx, id, &management.DeleteRolePermissionsRequestContent{Permissions: payload(remove)})
	}
	return nil
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

// Delete deletes the role; a role already gone counts as deleted.
func (r *Role) Delete(ctx context.Context, c *auth0.Client, role *v1alpha1.Role, id string) error {
	err := c.API().Roles.Delete(ctx, id)
	if err == nil || auth0.IsNotFound(err) {
		roles.Delete(c, id)
	}
	return err
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
	s := v1alpha1.RoleSpec{Name: x.AuthName(stringOf(o, "name")), Description: stringOf(o, "description"),
		Permissions: []v1alpha1.RolePermissions{}} // the set as read, even when empty
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
