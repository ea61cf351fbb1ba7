package external

import (
	"context"
	"maps"
	"slices"
	"sort"

	"github.com/auth0/go-auth0/v3/management"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// A connection's enabled clients: a Part of the connection, read and written through
// /connections/{id}/clients, managed only when the spec lists them.

// clientIDs are the enabled clients the spec names, sorted.
func (x *Connection) clientIDs(ctx context.Context, conn *v1alpha1.Connection) ([]string, error) {
	var out []string
	for _, e := range conn.Spec.EnabledClients {
		id := e.ClientID
		if ref := e.ApplicationRef; ref != nil {
			app := &v1alpha1.Application{}
			if err := reference(ctx, x.Kube, conn, "Application", ref.Name, app); err != nil {
				return nil, err
			}
			if id = app.Status.ID; id == "" {
				return nil, reconcile.WaitFor("Application %s has no client ID yet", ref.Name)
			}
		}
		out = append(out, id)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// wantClients is the spec's enabled-client set; nil when the spec leaves it out (not managed,
// whatever Auth0 has).
func (x *Connection) wantClients(ctx context.Context, _ *auth0.Client, conn *v1alpha1.Connection) (map[string]object, error) {
	if conn.Spec.EnabledClients == nil {
		return nil, nil
	}
	ids, err := x.clientIDs(ctx, conn)
	return asSet(ids), err
}

func haveClients(ctx context.Context, c *auth0.Client, id string) (map[string]object, error) {
	ids, err := enabledClients(ctx, c, id)
	return asSet(ids), err
}

// applyClients enables and disables clients through /connections/{id}/clients, at most 50
// changes a call (Auth0's limit).
func applyClients(ctx context.Context, c *auth0.Client, id string, ch, _ map[string]object) error {
	var changes management.UpdateEnabledClientConnectionsRequestContent
	for _, k := range slices.Sorted(maps.Keys(ch)) {
		changes = append(changes, &management.UpdateEnabledClientConnectionsRequestContentItem{ClientID: k, Status: ch[k] != nil})
	}
	for len(changes) > 0 {
		n := min(50, len(changes))
		if err := c.API().Connections.Clients.Update(ctx, id, changes[:n]); err != nil {
			return err
		}
		changes = changes[n:]
	}
	return nil
}

// enabledClients reads the clients allowed to use the connection, to the end of the cursor.
func enabledClients(ctx context.Context, c *auth0.Client, id string) ([]string, error) {
	take := perPage
	p, err := c.API().Connections.Clients.Get(ctx, id, &management.GetConnectionEnabledClientsRequestParameters{Take: &take})
	all, err := everyItem(ctx, 0, p, err)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(all))
	for _, cl := range all {
		out = append(out, cl.GetClientID())
	}
	sort.Strings(out)
	return out, nil
}
