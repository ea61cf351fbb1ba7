package external

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/auth0/go-auth0/v3/management"
	mgmt "github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"k8s.io/apimachinery/pkg/api/meta"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// clientGrants is the tenant's grant list, read once per drift interval for all of them.
var clientGrants = auth0.Snapshot[object]{
	Kind: "client-grants",
	List: func(ctx context.Context, api *mgmt.Management, page, perPage int) ([]object, int, error) {
		// The SDK pages by checkpoint (from/take); Auth0 also pages by offset, which the
		// snapshot needs, when asked with page/per_page/include_totals.
		p, err := api.ClientGrants.List(ctx, &management.ListClientGrantsRequestParameters{Take: &perPage},
			option.WithQueryParameters(url.Values{"page": {strconv.Itoa(page)},
				"per_page": {strconv.Itoa(perPage)}, "include_totals": {"true"}}))
		if err != nil {
			return nil, 0, err
		}
		items := p.Results
		n, _ := p.Response.GetExtraProperties()["total"].(float64)
		count := int(n)
		// Should Auth0 answer by checkpoint (a next cursor) instead, follow the cursor here:
		// the snapshot then sees everything as one page.
		for next := p; page == 0 && next.Response.Next != nil; count = len(items) {
			if next, err = next.GetNextPage(ctx); err != nil {
				return nil, 0, err
			}
			items = append(items, next.Results...)
		}
		all, err := rawList(items)
		return all, count, err
	},
	ID: idOf,
	Fetch: func(ctx context.Context, api *mgmt.Management, id string) (object, error) {
		r, err := api.ClientGrants.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return answer(r)
	},
}

// ClientGrant maps a ClientGrant to an Auth0 client grant. It resolves the Application and
// ResourceServer the grant references through Kube.
type ClientGrant struct {
	Collection[*v1alpha1.ClientGrant]
	Kube client.Reader
}

// NewClientGrant returns the ClientGrant mapping; kube reads the referenced objects (the
// manager's cached client will do). Auth0 allows one grant per client and audience, its key;
// update sends only the scopes.
func NewClientGrant(kube client.Reader) *ClientGrant {
	return &ClientGrant{Kube: kube, Collection: Collection[*v1alpha1.ClientGrant]{
		List: clientGrants,
		Key: func(cg *v1alpha1.ClientGrant) object {
			return object{"client_id": cg.Status.ClientID, "audience": cg.Status.Audience, "default_for": cg.Spec.DefaultFor}
		},
		Body:  clientGrantBody,
		Fixed: []string{"client_id", "audience", "default_for", "subject_type"},
		Post: func(ctx context.Context, api *mgmt.Management, body object) (object, error) {
			return decoded(api.ClientGrants.Create(ctx, nil, option.WithBodyProperties(body)))
		},
		Patch: func(ctx context.Context, api *mgmt.Management, id string, body object) (object, error) {
			return decoded(api.ClientGrants.Update(ctx, id, nil, option.WithBodyProperties(body)))
		},
		Remove: func(ctx context.Context, api *mgmt.Management, id string) error {
			return api.ClientGrants.Delete(ctx, id)
		},
	}}
}

var (
	_ reconcile.External[*v1alpha1.ClientGrant] = (*ClientGrant)(nil)
	_ reconcile.Resolver[*v1alpha1.ClientGrant] = (*ClientGrant)(nil)
	_ reconcile.Guard[*v1alpha1.ClientGrant]    = (*ClientGrant)(nil)
)

// Guard refuses the grants of the client the operator connects as, and a grant to the
// tenant's own Management API unless the tenant allows them: such a grant hands the
// application the whole tenant. Both the spec and, once there is one, Auth0's grant count.
func (g *ClientGrant) Guard(ctx context.Context, c *auth0.Client, cg *v1alpha1.ClientGrant, id string, tenant *reconcile.TenantInfo) error {
	clientIDs, audiences := []string{cg.Status.ClientID}, []string{cg.Status.Audience}
	if id != "" {
		gr, ok, err := clientGrants.Get(ctx, c, id)
		if err != nil {
			return err
		}
		if ok {
			clientIDs, audiences = append(clientIDs, stringOf(gr, "client_id")), append(audiences, stringOf(gr, "audience"))
		}
	}
	if slices.Contains(clientIDs, c.ClientID()) {
		return reconcile.Protected("the grant is of the client the operator connects to the tenant as; no ClientGrant may manage its grants")
	}
	mgmtAPI := "https://" + c.Domain() + "/api/v2/"
	if slices.Contains(audiences, mgmtAPI) && !tenant.Spec.AllowManagementAPIGrants {
		return reconcile.Protected("a grant to the tenant's Management API (%s) hands the application the whole tenant; "+
			"%s %s must set spec.allowManagementAPIGrants: true to allow it", mgmtAPI, tenant.Kind, tenant.Name)
	}
	return nil
}

// Resolve turns the references into the client ID and audience the grant is for, and waits
// while a referenced object does not exist or has not reached Auth0 yet.
func (g *ClientGrant) Resolve(ctx context.Context, cg *v1alpha1.ClientGrant) error {
	clientID, audience := cg.Spec.ClientID, cg.Spec.Audience
	if ref := cg.Spec.ApplicationRef; ref != nil {
		app := &v1alpha1.Application{}
		if err := reference(ctx, g.Kube, cg, "Application", ref.Name, app); err != nil {
			return err
		}
		if app.Status.ID == "" {
			return reconcile.WaitFor("Application %s has no client ID yet", ref.Name)
		}
		clientID = app.Status.ID
	}
	if ref := cg.Spec.ResourceServerRef; ref != nil {
		rs := &v1alpha1.ResourceServer{}
		if err := reference(ctx, g.Kube, cg, "ResourceServer", ref.Name, rs); err != nil {
			return err
		}
		if rs.Status.ID == "" || !meta.IsStatusConditionTrue(rs.Status.Conditions, v1alpha1.ConditionReady) {
			return reconcile.WaitFor("ResourceServer %s is not Ready yet", ref.Name)
		}
		audience = rs.Spec.Identifier
	}
	cg.Status.ClientID, cg.Status.Audience = clientID, audience
	return nil
}

func tenant(ref v1alpha1.TenantReference) string {
	if ref.Kind == "" {
		ref.Kind = "Tenant"
	}
	return ref.Kind + " " + ref.Name
}

// clientGrantBody is the grant the spec describes, in Auth0's JSON.
func clientGrantBody(_ context.Context, _ *auth0.Client, cg *v1alpha1.ClientGrant) (object, error) {
	b := toAuth0(cg.Spec)
	b["audience"] = cg.Status.Audience
	if cg.Status.ClientID != "" {
		b["client_id"] = cg.Status.ClientID
	}
	if _, ok := b["scope"]; !ok && b["allow_all_scopes"] != true {
		b["scope"] = []string{} // Auth0 requires scope; no scopes is a grant of none
	}
	if err := withPassthrough(b, cg.Spec, cg.Spec.Passthrough, "client_id", "audience"); err != nil {
		return nil, err
	}
	return jsonObject(b)
}

// clientGrantExporter reads every grant, named after its client and API. A grant Auth0 made
// for itself (is_system) is Auth0's own; the grants of the client the export connects as, and
// of third-party clients, are left out with their client.
var clientGrantExporter = Exporter{Kind: "ClientGrant", Read: func(ctx context.Context, c *auth0.Client) ([]Found, error) {
	cls, err := clients.All(ctx, c) // the snapshot the Applications were read from
	if err != nil {
		return nil, err
	}
	names, thirdParty := map[string]string{}, map[string]bool{}
	for _, cl := range cls {
		names[clients.ID(cl)] = stringOf(cl, "name")
		thirdParty[clients.ID(cl)] = cl["is_first_party"] == false
	}
	return eachOf(clientGrants, func(_ context.Context, _ *auth0.Client, o object) (Found, error) {
		clientID := stringOf(o, "client_id")
		api := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(stringOf(o, "audience"), "https://"), "http://"), "/")
		f := Found{ID: idOf(o), Name: cmp.Or(names[clientID], clientID, strings.ReplaceAll(stringOf(o, "default_for"), "_", "-")) + "-" + api,
			Build: func(x *ExportContext) (reconcile.Object, error) {
				s := v1alpha1.ClientGrantSpec{ResourceServerRef: x.LocalRef("ResourceServer", stringOf(o, "audience"))}
				fromAuth0(o, &s)
				if clientID != "" {
					s.ApplicationRef = x.LocalRef("Application", clientID)
				}
				if s.ApplicationRef == nil {
					s.ClientID = clientID
				}
				if s.ResourceServerRef == nil {
					s.Audience = stringOf(o, "audience")
				}
				return &v1alpha1.ClientGrant{Spec: s}, nil
			}}
		switch b, _ := o["is_system"].(bool); {
		case b || clientID == c.ClientID():
			f.Skip = SkipSystem // Auth0's own, or the export's own access (see applicationExporter)
		case thirdParty[clientID]:
			f.Skip = SkipThirdParty // with its application
		}
		return f, nil
	})(ctx, c)
}}
