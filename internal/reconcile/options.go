package reconcile

import (
	"strings"
	"time"
)

// Options are the operator-wide rules that no tenant or managed object can override: the
// binary sets them from its flags (see cmd/auth0-operator), the Helm chart from its values.
type Options struct {
	// MinDriftInterval is the floor of every tenant's drift interval (the binary's default is
	// 30s; zero: no floor).
	MinDriftInterval time.Duration
	// AllowedDNSZones are the DNS zones a CustomDomain may publish a DNSEndpoint for; empty:
	// none may.
	AllowedDNSZones []string
	// DNSEndpointLabels are put on every DNSEndpoint the operator publishes (external-dns
	// selects its sources by label); they come from here, never from a spec.
	DNSEndpointLabels map[string]string
}

// DNSZoneAllowed tells whether a record for name (e.g. login.example.com) lies in one of the
// allowed zones: the zone itself or any name under it, compared without case or trailing dot.
func (o Options) DNSZoneAllowed(name string) bool {
	name = normalizeDNSName(name)
	if name == "" {
		return false
	}
	for _, z := range o.AllowedDNSZones {
		z = normalizeDNSName(z)
		if z != "" && (name == z || strings.HasSuffix(name, "."+z)) {
			return true
		}
	}
	return false
}

func normalizeDNSName(s string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
}
