package e2e

// Chaos: the real binaries under faults. Every case must end converged, with no object
// duplicated or lost, and the conditions must have told the truth on the way.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/controllers"
)

// kube is a typed client on the stack's control plane.
func (e *e2e) kube() client.Client {
	e.t.Helper()
	c, err := client.New(e.s.Config, client.Options{Scheme: controllers.Scheme()})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// tenant applies the ClusterTenant "prod" and starts the operator.
func (e *e2e) tenant(rateLimit string, drift time.Duration) {
	e.t.Helper()
	m, err := e.s.TenantManifest("prod", rateLimit, drift)
	if err != nil {
		e.t.Fatal(err)
	}
	e.kubectl(m, "apply", "-f", "-")
	if err := e.s.StartOperator(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	e.kubectl("", "wait", "--for=condition=Ready", "clustertenant/prod", "--timeout=2m")
}

// objects is a manifest of apps Applications, apis ResourceServers and one ClientGrant from
// each of the first grants Applications to the first API, in namespace default.
func objects(prefix string, apps, apis, grants int) string {
	var b strings.Builder
	for i := range apps {
		fmt.Fprintf(&b, `---
apiVersion: auth0.a0ops.dev/v1alpha1
kind: Application
metadata: {name: %[1]s-app-%03[2]d, namespace: default}
spec:
  tenantRef: {kind: ClusterTenant, name: prod}
  appType: non_interactive
  description: "%[1]s %[2]d"
`, prefix, i)
	}
	for i := range apis {
		fmt.Fprintf(&b, `---
apiVersion: auth0.a0ops.dev/v1alpha1
kind: ResourceServer
metadata: {name: %[1]s-api-%03[2]d, namespace: default}
spec:
  tenantRef: {kind: ClusterTenant, name: prod}
  identifier: https://%[1]s-%[2]d.example.com
  scopes: [{value: "read:things"}, {value: "write:things"}]
`, prefix, i)
	}
	for i := range grants {
		fmt.Fprintf(&b, `---
apiVersion: auth0.a0ops.dev/v1alpha1
kind: ClientGrant
metadata: {name: %[1]s-grant-%03[2]d, namespace: default}
spec:
  tenantRef: {kind: ClusterTenant, name: prod}
  applicationRef: {name: %[1]s-app-%03[2]d}
  resourceServerRef: {name: %[1]s-api-000}
  scopes: ["read:things"]
`, prefix, i)
	}
	return b.String()
}

// converged waits until every managed object in default is Ready and Synced for its
// generation, then checks Auth0 holds each exactly once.
func (e *e2e) converged(prefix string, apps, apis, grants int) {
	e.t.Helper()
	e.kubectl("", "wait", "-n", "default", "--for=condition=Ready", "applications,resourceservers,clientgrants", "--all", "--timeout=5m")
	e.kubectl("", "wait", "-n", "default", "--for=condition=Synced", "applications,resourceservers,clientgrants", "--all", "--timeout=5m")
	count := func(collection, key, want string) int {
		var list []map[string]any
		e.sim("GET", "/_sim/objects/"+collection, nil, &list)
		n := 0
		for _, o := range list {
			if s, _ := o[key].(string); strings.HasPrefix(s, want) {
				n++
			}
		}
		return n
	}
	if n := count("clients", "description", prefix+" "); n != apps {
		e.t.Errorf("%d clients in Auth0, want exactly %d", n, apps)
	}
	if n := count("resource-servers", "identifier", "https://"+prefix+"-"); n != apis {
		e.t.Errorf("%d APIs in Auth0, want exactly %d", n, apis)
	}
	if n := count("client-grants", "audience", "https://"+prefix+"-0.example.com"); n != grants {
		e.t.Errorf("%d grants in Auth0, want exactly %d", n, grants)
	}
	for name, cs := range e.clients() {
		if len(cs) > 1 {
			e.t.Errorf("client %q exists %d times", name, len(cs))
		}
	}
}

// chaosSeed is the random seed of a chaos test: CHAOS_SEED when set (to replay a failure), else
// the time. It is logged either way.
func chaosSeed(t *testing.T) uint64 {
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("CHAOS_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("CHAOS_SEED %q: %v", v, err)
		}
		seed = n
	}
	t.Logf("chaos seed %d (replay with CHAOS_SEED=%d)", seed, seed)
	return seed
}

// The operator SIGKILLed at random moments while it creates 200 objects, then restarted.
func TestChaosOperatorKilledWhileCreating(t *testing.T) {
	e := start(t)
	// 20 calls/s for the operator: 200 creates take long enough for the kills to land mid-way.
	e.tenant("{requestsPerSecond: 40, burst: 20, budgetShare: 50}", time.Minute)
	const apps, apis, grants = 150, 25, 25
	e.kubectl(objects("kill", apps, apis, grants), "apply", "-f", "-")
	rng := rand.New(rand.NewPCG(chaosSeed(t), 7))
	kills := 0
	for range 5 {
		time.Sleep(time.Duration(300+rng.IntN(2500)) * time.Millisecond) // a random moment, not a synchronisation
		before := len(e.clients())
		e.s.StopOperator(syscall.SIGKILL)
		kills++
		t.Logf("kill %d: %d clients in Auth0", kills, before)
		if err := e.s.StartOperator(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	e.converged("kill", apps, apis, grants)
	st := e.stats()
	t.Logf("after %d SIGKILLs: %d creates of clients, %d of APIs, %d of grants; %d 429s",
		kills, st.Calls["POST /api/v2/clients"], st.Calls["POST /api/v2/resource-servers"], st.Calls["POST /api/v2/client-grants"], st.RateLimited)
	if n := st.Calls["POST /api/v2/clients"]; n != apps {
		t.Errorf("%d client creates for %d Applications", n, apps)
	}
}

// Auth0 misbehaving: 5xx on 20% of calls, a 429 storm longer than a drift interval, the
// token endpoint down for a minute, the simulator restarted from its state file, and the API
// server restarted. Each ends converged with nothing duplicated or lost.
func TestChaosAuth0AndControlPlaneFaults(t *testing.T) {
	e := start(t)
	const drift = 3 * time.Second
	e.tenant("{requestsPerSecond: 40, burst: 40, budgetShare: 50}", drift)
	kube := e.kube()

	t.Run("5xx on 20% of calls", func(t *testing.T) {
		e.sim("POST", "/_sim/faults", map[string]any{"errorRate": 0.2, "errorStatus": 503}, nil)
		e.kubectl(objects("flaky", 40, 5, 5), "apply", "-f", "-")
		e.converged("flaky", 40, 5, 5)
		e.sim("DELETE", "/_sim/faults", nil, nil)
	})

	t.Run("answers lost after Auth0 committed 20% of writes", func(t *testing.T) {
		e.sim("POST", "/_sim/faults", map[string]any{"commitDropRate": 0.2}, nil)
		e.kubectl(objects("lost", 40, 5, 5), "apply", "-f", "-")
		e.converged("lost", 40, 5, 5)
		e.sim("DELETE", "/_sim/faults", nil, nil)
		out, _ := e.s.Kubectl("", "get", "events", "-n", "default", "--field-selector", "reason=CreateRecovered", "-o", "name")
		if n := len(strings.Fields(out)); n == 0 {
			t.Error("no CreateRecovered event: no lost answer was recovered (or the fault did not fire)")
		} else {
			t.Logf("CreateRecovered events: %d", n)
		}
	})

	t.Run("429 storm longer than a drift interval", func(t *testing.T) {
		e.sim("POST", "/_sim/faults", map[string]any{"rateLimitStorm": (4 * drift).String()}, nil)
		stormEnd := time.Now().Add(4 * drift)
		seen := map[string]int{}
		for time.Now().Before(stormEnd) {
			list := &v1alpha1.ApplicationList{}
			if err := kube.List(e.ctx, list, client.InNamespace("default")); err != nil {
				t.Fatal(err)
			}
			for _, a := range list.Items {
				if c := meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionSynced); c != nil && c.Status == metav1.ConditionFalse {
					seen[c.Reason]++
				}
			}
			time.Sleep(200 * time.Millisecond) // polling interval while the storm lasts
		}
		t.Logf("Synced=False reasons seen during the storm: %v", seen)
		if seen[v1alpha1.ReasonRateLimited] == 0 {
			t.Error("no object reported RateLimited during the storm")
		}
		for reason := range seen {
			if reason != v1alpha1.ReasonRateLimited {
				t.Errorf("during the storm an object reported %s", reason)
			}
		}
		e.converged("flaky", 40, 5, 5)
	})

	t.Run("token endpoint down for a minute", func(t *testing.T) {
		// A restarted operator needs a new token while the endpoint fails.
		e.sim("POST", "/_sim/faults", map[string]any{"tokenFailure": "1m"}, nil)
		e.s.StopOperator(syscall.SIGTERM)
		if err := e.s.StartOperator(e.ctx); err != nil {
			t.Fatal(err)
		}
		e.eventually("the tenant reports it cannot connect", func() bool {
			out, _ := e.s.Kubectl("", "get", "clustertenant", "prod", "-o", `jsonpath={.status.conditions[?(@.type=="Ready")].status}`)
			return out == "False"
		})
		e.kubectl(objects("tok", 5, 0, 0), "apply", "-f", "-")
		e.eventually("objects wait for the tenant", func() bool {
			out, _ := e.s.Kubectl("", "get", "application", "tok-app-000", "-n", "default", "-o", `jsonpath={.status.conditions[?(@.type=="Ready")].reason}`)
			return out == v1alpha1.ReasonTenantNotReady
		})
		e.converged("tok", 5, 0, 0)
		e.converged("flaky", 40, 5, 5)
	})

	t.Run("simulator restarted from its state file", func(t *testing.T) {
		e.s.StopSimulator()
		if err := e.s.StartSimulator(e.ctx); err != nil {
			t.Fatal(err)
		}
		e.kubectl("", "patch", "application", "flaky-app-000", "-n", "default", "--type=merge", "-p", `{"spec":{"callbacks":["https://after-restart.example.com/cb"]}}`)
		e.eventually("the change after the restart reaches Auth0", func() bool {
			for _, c := range e.clients()["flaky-app-000"] {
				if fmt.Sprint(c["callbacks"]) == "[https://after-restart.example.com/cb]" {
					return true
				}
			}
			return false
		})
		e.converged("flaky", 40, 5, 5)
	})

	t.Run("API server restarted", func(t *testing.T) {
		if err := e.s.RestartAPIServer(); err != nil {
			t.Fatal(err)
		}
		e.eventually("kubectl works again", func() bool {
			_, err := e.s.Kubectl("", "get", "applications", "-n", "default")
			return err == nil
		})
		e.kubectl("", "patch", "application", "flaky-app-001", "-n", "default", "--type=merge", "-p", `{"spec":{"callbacks":["https://after-apiserver.example.com/cb"]}}`)
		e.eventually("the change after the API server restart reaches Auth0", func() bool {
			for _, c := range e.clients()["flaky-app-001"] {
				if fmt.Sprint(c["callbacks"]) == "[https://after-apiserver.example.com/cb]" {
					return true
				}
			}
			return false
		})
		e.converged("flaky", 40, 5, 5)
	})
}
