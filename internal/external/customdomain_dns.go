package external

import (
	"context"
	"maps"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// A custom domain's verification records, published as an external-dns DNSEndpoint when the
// spec asks for one, in the zones and with the labels the operator's configuration allows.

// DNSEndpointGVK is external-dns' DNSEndpoint.
var DNSEndpointGVK = schema.GroupVersionKind{Group: "externaldns.k8s.io", Version: "v1alpha1", Kind: "DNSEndpoint"}

// customDomainLabel marks the DNSEndpoints the operator writes with their CustomDomain's name.
const customDomainLabel = "auth0.a0ops.dev/custom-domain"

// dnsEndpoint is the DNSEndpoint the spec asks for, with the verification records Auth0 gave
// (absent when the spec asks for none). It has no owner reference: deletionPolicy Orphan must
// leave the record that serves the domain in place; External.Delete removes it.
func (d *CustomDomain) dnsEndpoint(cd *v1alpha1.CustomDomain) reconcile.Output {
	obj := &unstructured.Unstructured{}
	obj.SetGroupVersionKind(DNSEndpointGVK)
	obj.SetName(cd.Name)
	out := reconcile.Output{Object: obj, Unavailable: &reconcile.Waiting{Reason: v1alpha1.ReasonDNSEndpointUnavailable, RetryAfter: 5 * time.Minute,
		Message: "spec.dnsEndpoint is enabled but the DNSEndpoint CRD (externaldns.k8s.io/v1alpha1) is not installed; install external-dns' CRD or publish the records in status.verification yourself"}}
	spec := cd.Spec.DNSEndpoint
	if spec == nil || !spec.Enabled || len(cd.Status.Verification) == 0 {
		out.Absent = true
		cd.Status.DNSEndpoint = ""
		return out
	}
	var endpoints []any
	for _, r := range cd.Status.Verification {
		if !d.Rules.DNSZoneAllowed(r.Name) {
			out.Refused = reconcile.InvalidSpec("spec.dnsEndpoint: the operator may not publish a DNS record for %s: its zone is not one of the operator's --dns-endpoint-allowed-zones (%s); publish the record yourself or ask the platform team",
				r.Name, strings.Join(d.Rules.AllowedDNSZones, ", "))
			out.Absent = true
			cd.Status.DNSEndpoint = ""
			return out
		}
		e := map[string]any{"dnsName": r.Name, "recordType": r.Type, "targets": []any{r.Value}}
		if spec.RecordTTL != nil {
			e["recordTTL"] = int64(*spec.RecordTTL)
		}
		endpoints = append(endpoints, e)
	}
	labels := maps.Clone(d.Rules.DNSEndpointLabels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[customDomainLabel] = cd.Name
	obj.SetLabels(labels)
	obj.Object["spec"] = map[string]any{"endpoints": endpoints}
	cd.Status.DNSEndpoint = cd.Name
	return out
}

func (d *CustomDomain) deleteDNSEndpoint(ctx context.Context, cd *v1alpha1.CustomDomain) error {
	cur := &unstructured.Unstructured{}
	cur.SetGroupVersionKind(DNSEndpointGVK)
	if err := d.Kube.Get(ctx, client.ObjectKey{Namespace: cd.Namespace, Name: cd.Name}, cur); err != nil {
		return client.IgnoreNotFound(err)
	}
	if cur.GetLabels()[customDomainLabel] != cd.Name {
		return nil
	}
	return client.IgnoreNotFound(d.Kube.Delete(ctx, cur))
}
