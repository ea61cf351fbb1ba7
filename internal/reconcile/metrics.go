package reconcile

import (
	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

var (
	driftTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "auth0_operator_drift_total",
		Help: "Drift episodes: Auth0 objects found changed outside Kubernetes, by kind.",
	}, []string{"kind"})
	reconcileTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "auth0_operator_reconcile_total",
		Help: "Reconciles of managed objects by kind and result (the Synced or Stalled reason).",
	}, []string{"kind", "result"})
	writesTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "auth0_operator_writes_total",
		Help: "Writes to Auth0 by kind and operation (create, update, delete).",
	}, []string{"kind", "operation"})
)

func init() {
	metrics.Registry.MustRegister(driftTotal, reconcileTotal, writesTotal)
}
