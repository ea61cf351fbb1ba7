package auth0

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are shared by every client of a Pool; the tenant label is
// TenantConfig.Name. No label ever carries an ID or a credential: operations
// are route templates.
type metrics struct {
	calls        *prometheus.CounterVec   // tenant, operation, code
	rateLimited  *prometheus.CounterVec   // tenant (429s received)
	refused      *prometheus.CounterVec   // tenant, lane (ErrRateLimited returned without sending)
	budgetWait   *prometheus.HistogramVec // tenant, lane
	budgetRemain *prometheus.GaugeVec     // tenant
	tokenFetches *prometheus.CounterVec   // tenant, result
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "auth0_management_api_calls_total",
			Help: "Management API calls sent, by tenant, operation (method and route template) and HTTP status code (\"error\" when no response came back).",
		}, []string{"tenant", "operation", "code"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "auth0_management_api_rate_limited_total",
			Help: "HTTP 429 responses received from the Management API, by tenant.",
		}, []string{"tenant"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "auth0_management_api_budget_refusals_total",
			Help: "Calls not sent because the tenant's budget could not be had within the maximum wait or its gate was closed, by tenant and lane.",
		}, []string{"tenant", "lane"}),
		budgetWait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "auth0_management_api_budget_wait_seconds",
			Help:    "Time a call waited for the tenant's rate-limit budget, by tenant and lane.",
			Buckets: []float64{0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2},
		}, []string{"tenant", "lane"}),
		budgetRemain: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "auth0_management_api_budget_remaining",
			Help: "Last x-ratelimit-remaining seen from the Management API, by tenant.",
		}, []string{"tenant"}),
		tokenFetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "auth0_management_api_token_fetches_total",
			Help: "Access token requests sent to the tenant's /oauth/token, by tenant and result (ok or error).",
		}, []string{"tenant", "result"}),
	}
	if reg == nil {
		return m
	}
	m.calls = register(reg, m.calls)
	m.rateLimited = register(reg, m.rateLimited)
	m.refused = register(reg, m.refused)
	m.budgetWait = register(reg, m.budgetWait)
	m.budgetRemain = register(reg, m.budgetRemain)
	m.tokenFetches = register(reg, m.tokenFetches)
	return m
}

// register registers c once; a second Pool on the same registerer shares the
// collector that is already there.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(err)
	}
	return c
}

// forget drops the series of a tenant whose client was dropped.
func (m *metrics) forget(tenant string) {
	l := prometheus.Labels{"tenant": tenant}
	m.calls.DeletePartialMatch(l)
	m.rateLimited.DeletePartialMatch(l)
	m.refused.DeletePartialMatch(l)
	m.budgetWait.DeletePartialMatch(l)
	m.budgetRemain.DeletePartialMatch(l)
	m.tokenFetches.DeletePartialMatch(l)
}
