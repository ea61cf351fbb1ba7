package auth0sim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	management "github.com/auth0/go-auth0/v3/management"
	"github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/core"
	"github.com/auth0/go-auth0/v3/management/option"
	"golang.org/x/oauth2"
)

// newMgmt returns the real go-auth0 v3 management client, authenticated by
// client credentials against the simulator, SDK retries off.
func newMgmt(t *testing.T, sim *Server) *client.Management {
	t.Helper()
	// The oauth2 token source takes its HTTP client from the context.
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, sim.HTTPClient())
	return client.NewWithOptions(
		option.WithBaseURL(sim.URL()+"/api/v2"),
		option.WithHTTPClient(sim.HTTPClient()),
		option.WithClientCredentialsAndAudience(ctx, sim.ClientID(), sim.ClientSecret(), sim.Audience()),
		option.WithoutRetries(),
	)
}

// statusOf returns the HTTP status of a go-auth0 error (0 if none).
func statusOf(err error) int {
	var apiErr *core.APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// errorBody returns the decoded Auth0 error body of a go-auth0 error.
func errorBody(t *testing.T, err error) map[string]any {
	t.Helper()
	var targets = []any{new(*management.NotFoundError), new(*management.BadRequestError), new(*management.ConflictError),
		new(*management.UnauthorizedError), new(*management.ForbiddenError), new(*management.TooManyRequestsError)}
	for _, tg := range targets {
		if errors.As(err, tg) {
			b, _ := json.Marshal(tg)
			var wrapper any
			_ = json.Unmarshal(b, &wrapper)
			if m, ok := wrapper.(map[string]any); ok {
				return m
			}
		}
	}
	t.Fatalf("not an Auth0 error body: %v", err)
	return nil
}

// rawCall is a plain HTTP call with a bearer token; it returns the status,
// headers and decoded JSON body.
func rawCall(t *testing.T, sim *Server, method, path, token string, body any) (int, http.Header, any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, sim.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := sim.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out any
	if len(data) > 0 {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s %s: body not JSON: %q", method, path, data)
		}
	}
	return resp.StatusCode, resp.Header, out
}

// fetchToken gets a token from /oauth/token with the configured client.
func fetchToken(t *testing.T, sim *Server) string {
	t.Helper()
	resp, err := sim.HTTPClient().PostForm(sim.URL()+"/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {sim.ClientID()},
		"client_secret": {sim.ClientSecret()}, "audience": {sim.Audience()},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&tok) != nil {
		t.Fatalf("token: status %d", resp.StatusCode)
	}
	return tok.AccessToken
}

func ptr[T any](v T) *T { return &v }

func optionBody(m map[string]any) option.RequestOption { return option.WithBodyProperties(m) }

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
