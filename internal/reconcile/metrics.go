package reconcile

import (
	"sync"

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
	metrics.Registry.MustRegister(driftTotal, reconcileTotal, writesTotal, objects)
}

// objects counts the managed objects by kind and Ready condition (status and reason), as the
// operator last saw them: the "objects not Ready / stalled" panels and alerts read it.
var objects = &objectStates{
	desc: prometheus.NewDesc("auth0_operator_objects",
		"Managed objects by kind and their Ready condition's status and reason, as last reconciled.",
		[]string{"kind", "ready", "reason"}, nil),
	byKey: map[string]objectState{},
}

type objectState struct{ kind, ready, reason string }

type objectStates struct {
	desc  *prometheus.Desc
	mu    sync.Mutex
	byKey map[string]objectState // kind/namespace/name
}

func (o *objectStates) set(kind, key, ready, reason string) {
	o.mu.Lock()
	o.byKey[kind+"/"+key] = objectState{kind, ready, reason}
	o.mu.Unlock()
}

func (o *objectStates) forget(kind, key string) {
	o.mu.Lock()
	delete(o.byKey, kind+"/"+key)
	o.mu.Unlock()
}

func (o *objectStates) Describe(ch chan<- *prometheus.Desc) { ch <- o.desc }

func (o *objectStates) Collect(ch chan<- prometheus.Metric) {
	o.mu.Lock()
	counts := map[objectState]int{}
	for _, st := range o.byKey {
		counts[st]++
	}
	o.mu.Unlock()
	for st, n := range counts {
		ch <- prometheus.MustNewConstMetric(o.desc, prometheus.GaugeValue, float64(n), st.kind, st.ready, st.reason)
	}
}
