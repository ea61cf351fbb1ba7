package plan_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/a0ops/auth0-operator/internal/auth0"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
	"github.com/a0ops/auth0-operator/internal/export"
	"github.com/a0ops/auth0-operator/internal/plan"
)

// BenchmarkPlan1000Applications plans 1,000 Applications that exist in the tenant, unchanged
// (the tenant reached directly, as CI does), and reports the Management API calls per plan:
// the list snapshot serves every Find and Observe, ceil(1000/100) pages.
//
//	go test ./internal/plan/ -run '^$' -bench Plan1000 -benchtime 3x
func BenchmarkPlan1000Applications(b *testing.B) {
	const n = 1000
	sim := auth0sim.NewServer(b, auth0sim.Options{TLS: true, Profile: auth0sim.ProfileUnlimited})
	var objs []*unstructured.Unstructured
	for i := range n {
		name := fmt.Sprintf("app-%04d", i)
		if _, err := sim.CreateObject("clients", map[string]any{"name": name, "app_type": "spa", "callbacks": []any{"https://" + name + ".example.com/cb"}}); err != nil {
			b.Fatal(err.Message)
		}
		objs = append(objs, &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "auth0.a0ops.dev/v1alpha1", "kind": "Application",
			"metadata": map[string]any{"name": name, "namespace": "auth0"},
			"spec": map[string]any{"tenantRef": map[string]any{"kind": "Tenant", "name": "prod"}, "name": name,
				"appType": "spa", "callbacks": []any{"https://" + name + ".example.com/cb"}},
		}})
	}
	b.Setenv("AUTH0_CLIENT_ID", sim.ClientID())
	b.Setenv("AUTH0_CLIENT_SECRET", sim.ClientSecret())
	ca := b.TempDir() + "/ca.pem"
	if err := writeFile(ca, sim.CertPEM()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		sim.ResetStats()
		start := time.Now()
		p, err := plan.Run(context.Background(), cloneAll(objs), plan.Options{
			Connection: export.Connection{Domain: sim.Domain(), BaseURL: sim.URL(), CAFile: ca, FromEnv: true, RequestsPerSecond: 1000, Burst: 1000, BudgetShare: 100},
			Pool:       auth0.NewPool(nil),
		})
		if err != nil {
			b.Fatal(err)
		}
		if p.Summary[plan.Unchanged] != n {
			b.Fatalf("summary %v", p.Summary)
		}
		b.ReportMetric(float64(p.Calls), "calls/plan")
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/plan")
		b.Logf("calls by route: %v", sim.Stats().Calls)
	}
}

func cloneAll(objs []*unstructured.Unstructured) []*unstructured.Unstructured { return clone(objs) }
