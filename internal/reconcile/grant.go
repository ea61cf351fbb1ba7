package reconcile

import "slices"

// Grant is what the objects of one namespace may do through a tenant. A namespaced Tenant
// grants everything to its own namespace; a ClusterTenant grants per namespace, from its
// spec (safe defaults: an app team's kinds, nothing tenant-wide, no adoption).
type Grant struct {
	// Kinds the namespace may manage, by kind name ("Application"); "*" means every kind.
	Kinds []string
	// Adopt allows taking over Auth0 objects the operator did not create: spec.externalID,
	// adoptionPolicy AdoptByName, and ObserveOnly lookups by name.
	Adopt bool
	// TenantWide allows kinds that act on the whole tenant: the singletons, TriggerBindings,
	// LogStreams, CustomDomains.
	TenantWide bool
}

// FullGrant is what a namespaced Tenant gives its own namespace.
var FullGrant = Grant{Kinds: []string{"*"}, Adopt: true, TenantWide: true}

// MayManage tells whether the grant covers kind.
func (g Grant) MayManage(kind string) bool {
	return slices.Contains(g.Kinds, "*") || slices.Contains(g.Kinds, kind)
}
