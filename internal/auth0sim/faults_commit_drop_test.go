package auth0sim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	management "github.com/auth0/go-auth0/v3/management"
	"github.com/google/go-cmp/cmp"
)

// tryCall is rawCall for calls that may lose their answer: it returns the
// transport error instead of failing the test.
func tryCall(t *testing.T, sim *Server, method, path, token string, body any) (int, error) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, sim.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := sim.HTTPClient().Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func clientsNamed(sim *Server, name string) int {
	n := 0
	for _, c := range sim.Objects("clients") {
		if c["name"] == name {
			n++
		}
	}
	return n
}

func TestCommitThenDropCreatesOnceAndLosesTheAnswer(t *testing.T) {
	sim := NewServer(t, Options{})
	mgmt := newMgmt(t, sim)
	ctx := context.Background()
	sim.AddCommitThenDrop("POST", "/api/v2/clients", 1)

	_, err := mgmt.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "dropped-answer"})
	if err == nil {
		t.Fatal("create answered; want the answer lost")
	}
	if code := statusOf(err); code != 0 {
		t.Fatalf("create got an HTTP answer %d (%v); want a transport error", code, err)
	}
	if n := clientsNamed(sim, "dropped-answer"); n != 1 {
		t.Fatalf("%d clients named dropped-answer after the lost answer, want exactly 1", n)
	}
	// The client sees it too.
	list, err := mgmt.Clients.List(ctx, &management.ListClientsRequestParameters{})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range list.Results {
		if c.GetName() == "dropped-answer" {
			seen++
		}
	}
	if seen != 1 {
		t.Errorf("the API lists %d clients named dropped-answer, want 1", seen)
	}
	if got := sim.Faults().CommitThenDrop; len(got) != 1 || got[0].Dropped != 1 {
		t.Errorf("rule after firing: %+v, want Dropped 1", got)
	}
	// Used up: the next create answers.
	if _, err := mgmt.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "answered"}); err != nil {
		t.Fatalf("create after the rule is used up: %v", err)
	}
	if n := clientsNamed(sim, "dropped-answer") + clientsNamed(sim, "answered"); n != 2 {
		t.Errorf("%d clients in all, want 2", n)
	}
}

func TestCommitThenDropDeliversUncommittedAnswers(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := fetchToken(t, sim)
	sim.AddCommitThenDrop("POST", "/api/v2/clients", 1)
	// Auth0 refuses a client without a name: nothing is committed, the
	// answer arrives and the rule stays armed.
	code, err := tryCall(t, sim, "POST", "/api/v2/clients", tok, map[string]any{"app_type": "spa"})
	if err != nil || code != http.StatusBadRequest {
		t.Fatalf("invalid create: %d %v, want a delivered 400", code, err)
	}
	if got := sim.Faults().CommitThenDrop[0].Dropped; got != 0 {
		t.Errorf("a refused call used the rule (Dropped %d)", got)
	}
	if _, err := tryCall(t, sim, "POST", "/api/v2/clients", tok, map[string]any{"name": "x"}); err == nil {
		t.Error("the valid create answered; the rule should still have been armed")
	}
	if n := clientsNamed(sim, "x"); n != 1 {
		t.Errorf("%d clients named x, want 1", n)
	}
}

func TestCommitThenDropOverAdminAPIByRoutePattern(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := fetchToken(t, sim)
	obj, aerr := sim.CreateObject("clients", Object{"name": "before"})
	if aerr != nil {
		t.Fatal(aerr)
	}
	id := str(obj, "client_id")
	// Armed as the chaos test arms faults: the whole Faults document.
	code, _, _ := rawCall(t, sim, "POST", "/_sim/faults", "", map[string]any{
		"commitThenDrop": []map[string]any{{"method": "PATCH", "path": "/api/v2/clients/{id}", "count": 1}}})
	if code != 200 {
		t.Fatalf("POST /_sim/faults: %d", code)
	}
	if _, err := tryCall(t, sim, "PATCH", "/api/v2/clients/"+id, tok, map[string]any{"name": "after"}); err == nil {
		t.Fatal("the PATCH answered; want it dropped")
	}
	if got, _ := sim.Object("clients", id); got["name"] != "after" {
		t.Errorf("name %v after the dropped PATCH, want it applied", got["name"])
	}
	// One more rule added over the admin API keeps the other faults.
	code, _, st := rawCall(t, sim, "POST", "/_sim/faults/commit-then-drop", "", map[string]any{"method": "DELETE", "path": "/api/v2/clients/*"})
	if code != 200 {
		t.Fatalf("POST /_sim/faults/commit-then-drop: %d", code)
	}
	if rules := st.(map[string]any)["commitThenDrop"].([]any); len(rules) != 2 {
		t.Fatalf("rules %v, want the PATCH rule and the DELETE rule", rules)
	}
	if _, err := tryCall(t, sim, "DELETE", "/api/v2/clients/"+id, tok, nil); err == nil {
		t.Fatal("the DELETE answered; want it dropped")
	}
	if _, ok := sim.Object("clients", id); ok {
		t.Error("the client is still there after the dropped DELETE")
	}
	if code, _, _ := rawCall(t, sim, "DELETE", "/_sim/faults", "", nil); code != 204 {
		t.Fatalf("DELETE /_sim/faults: %d", code)
	}
	if code, err := tryCall(t, sim, "POST", "/api/v2/clients", tok, map[string]any{"name": "y"}); err != nil || code != 201 {
		t.Errorf("create after clearing: %d %v", code, err)
	}
}

func TestCommitDropRateDropsOnlyWrites(t *testing.T) {
	var f Faults
	for _, spec := range []string{"commit-drop-rate=1", "commit-then-drop=post:/api/v2/roles/*:2", "commit-then-drop=:/api/v2/clients"} {
		if err := ParseFault(&f, spec); err != nil {
			t.Fatal(err)
		}
	}
	want := Faults{CommitDropRate: 1, CommitThenDrop: []CommitThenDrop{
		{Method: "POST", Path: "/api/v2/roles/*", Count: 2}, {Path: "/api/v2/clients"}}}
	if d := cmp.Diff(want, f); d != "" {
		t.Errorf("parsed faults (-want +got):\n%s", d)
	}
	for _, bad := range []string{"commit-then-drop=POST", "commit-then-drop=POST:/x:-1", "commit-drop-rate=2"} {
		if err := ParseFault(&Faults{}, bad); err == nil {
			t.Errorf("ParseFault(%q) accepted", bad)
		}
	}

	sim := NewServer(t, Options{Faults: Faults{CommitDropRate: 1}})
	tok := fetchToken(t, sim)
	if code, err := tryCall(t, sim, "GET", "/api/v2/clients", tok, nil); err != nil || code != 200 {
		t.Fatalf("GET under commit-drop-rate=1: %d %v, want an answer", code, err)
	}
	if _, err := tryCall(t, sim, "POST", "/api/v2/roles", tok, map[string]any{"name": "r"}); err == nil {
		t.Fatal("POST answered under commit-drop-rate=1")
	}
	if n := len(sim.Objects("roles")); n != 1 {
		t.Errorf("%d roles after the dropped create, want 1", n)
	}
}
