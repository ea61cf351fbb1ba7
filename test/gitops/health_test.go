// Package gitops checks that the health the docs promise to Argo CD and Flux users is the
// health they get: the Argo CD Lua check and kstatus agree on every state a managed object
// can be in.
package gitops

import (
	"os"
	"path/filepath"
	"testing"

	lua "github.com/yuin/gopher-lua"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	kstatus "sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

func cond(typ, status, reason string) map[string]any {
	return map[string]any{"type": typ, "status": status, "reason": reason, "message": reason + " message",
		"lastTransitionTime": "2026-11-28T12:00:00Z"}
}

func object(generation int64, status map[string]any) map[string]any {
	o := map[string]any{
		"apiVersion": "auth0.a0ops.dev/v1alpha1", "kind": "Application",
		"metadata": map[string]any{"name": "web", "namespace": "shop", "generation": generation},
	}
	if status != nil {
		o["status"] = status
	}
	return o
}

func TestArgoCDHealthAgreesWithKstatus(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("..", "..", "docs", "gitops", "argocd-health.lua"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		obj     map[string]any
		argo    string
		kstatus kstatus.Status
	}{
		{"just applied, defaulted status", object(1, map[string]any{"observedGeneration": int64(0)}), "Progressing", kstatus.InProgressStatus},
		{"spec changed, not observed yet", object(3, map[string]any{"observedGeneration": int64(2),
			"conditions": []any{cond("Ready", "True", "Available")}}), "Progressing", kstatus.InProgressStatus},
		{"converged", object(2, map[string]any{"observedGeneration": int64(2),
			"conditions": []any{cond("Ready", "True", "Available"), cond("Synced", "True", "UpToDate"), cond("Stalled", "False", "NotStalled")}}),
			"Healthy", kstatus.CurrentStatus},
		{"drift corrected, still ready", object(2, map[string]any{"observedGeneration": int64(2),
			"conditions": []any{cond("Ready", "True", "Available"), cond("Synced", "False", "DriftDetected"), cond("Stalled", "False", "NotStalled")}}),
			"Healthy", kstatus.CurrentStatus},
		{"waiting for the budget", object(1, map[string]any{"observedGeneration": int64(1),
			"conditions": []any{cond("Ready", "False", "RateLimited"), cond("Synced", "False", "RateLimited"), cond("Stalled", "False", "NotStalled")}}),
			"Progressing", kstatus.InProgressStatus},
		{"invalid spec", object(1, map[string]any{"observedGeneration": int64(1),
			"conditions": []any{cond("Ready", "False", "InvalidSpec"), cond("Synced", "False", "InvalidSpec"), cond("Stalled", "True", "InvalidSpec")}}),
			"Degraded", kstatus.FailedStatus},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := argoHealth(t, string(script), tc.obj); got != tc.argo {
				t.Errorf("Argo CD health %s, want %s", got, tc.argo)
			}
			res, err := kstatus.Compute(&unstructured.Unstructured{Object: tc.obj})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tc.kstatus {
				t.Errorf("kstatus %s, want %s", res.Status, tc.kstatus)
			}
		})
	}
}

// argoHealth runs the check as Argo CD does: the object as the global `obj`, the script's
// returned table's `status`.
func argoHealth(t *testing.T, script string, obj map[string]any) string {
	t.Helper()
	L := lua.NewState()
	defer L.Close()
	L.SetGlobal("obj", toLua(L, obj))
	if err := L.DoString(script); err != nil {
		t.Fatalf("running the health check: %v", err)
	}
	ret, ok := L.Get(-1).(*lua.LTable)
	if !ok {
		t.Fatalf("the health check returned %s, want a table", L.Get(-1).Type())
	}
	return ret.RawGetString("status").String()
}

func toLua(L *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case map[string]any:
		t := L.NewTable()
		for k, e := range x {
			t.RawSetString(k, toLua(L, e))
		}
		return t
	case []any:
		t := L.NewTable()
		for _, e := range x {
			t.Append(toLua(L, e))
		}
		return t
	case string:
		return lua.LString(x)
	case int64:
		return lua.LNumber(x)
	case bool:
		return lua.LBool(x)
	}
	return lua.LNil
}
