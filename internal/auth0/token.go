package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jwt"
	"golang.org/x/sync/singleflight"
)

// Credentials authenticate the operator's machine-to-machine application:
// a client secret, or a private key for private-key JWT client authentication.
type Credentials struct {
	ClientID      string
	ClientSecret  string
	PrivateKey    string // PEM; used when ClientSecret is empty
	PrivateKeyAlg string // RS256 (default), RS384, RS512, PS256..PS512, ES256..ES512
}

const (
	tokenFetchTimeout = 30 * time.Second
	maxRefreshMargin  = 5 * time.Minute
	defaultTokenTTL   = 10 * time.Minute // when Auth0 does not say expires_in
)

// tokenError is a refusal from the token endpoint. It carries Auth0's own
// error code and description, never anything that was sent.
type tokenError struct {
	StatusCode  int
	Code        string
	Description string
	RetryAt     time.Time
}

func (e *tokenError) Error() string {
	msg := fmt.Sprintf("access token request rejected (HTTP %d", e.StatusCode)
	if e.Code != "" {
		msg += ", " + e.Code
	}
	msg += ")"
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// tokenSource obtains Management API access tokens with the client-credentials
// grant, caches one until shortly before it expires, and lets concurrent
// callers share a single fetch.
type tokenSource struct {
	clock             Clock
	http              *http.Client // the plain transport: token calls do not spend Management API budget
	tokenURL          string
	audience          string
	assertionAudience string
	creds             Credentials
	key               jwk.Key // parsed PrivateKey, nil with a secret
	alg               jwa.SignatureAlgorithm
	onFetch           func(err error)

	mu        sync.Mutex
	token     string
	refreshAt time.Time
	flight    singleflight.Group
}

func newTokenSource(clock Clock, hc *http.Client, baseURL, domain string, creds Credentials, onFetch func(error)) (*tokenSource, error) {
	s := &tokenSource{
		clock:             clock,
		http:              hc,
		tokenURL:          baseURL + "/oauth/token",
		audience:          "https://" + domain + "/api/v2/",
		assertionAudience: "https://" + domain + "/",
		creds:             creds,
		onFetch:           onFetch,
	}
	if creds.ClientID == "" {
		return nil, errors.New("credentials: client ID is empty")
	}
	if creds.ClientSecret != "" {
		return s, nil
	}
	if creds.PrivateKey == "" {
		return nil, errors.New("credentials: neither a client secret nor a private key is set")
	}
	alg := creds.PrivateKeyAlg
	if alg == "" {
		alg = "RS256"
	}
	var known bool
	for _, a := range []jwa.SignatureAlgorithm{jwa.RS256, jwa.RS384, jwa.RS512, jwa.PS256, jwa.PS384, jwa.PS512, jwa.ES256, jwa.ES384, jwa.ES512} {
		if string(a) == alg {
			s.alg, known = a, true
		}
	}
	if !known {
		return nil, fmt.Errorf("credentials: unsupported private key algorithm %q", alg)
	}
	key, err := jwk.ParseKey([]byte(creds.PrivateKey), jwk.WithPEM(true))
	if err != nil {
		return nil, errors.New("credentials: the private key is not a PEM-encoded RSA or EC private key")
	}
	s.key = key
	return s, nil
}

// Token returns a cached token or fetches one. Concurrent callers share one
// fetch; a caller that gives up does not cancel it for the others.
func (s *tokenSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	if s.token != "" && s.clock.Now().Before(s.refreshAt) {
		t := s.token
		s.mu.Unlock()
		return t, nil
	}
	s.mu.Unlock()

	ch := s.flight.DoChan("token", func() (any, error) {
		s.mu.Lock()
		if s.token != "" && s.clock.Now().Before(s.refreshAt) { // a flight that just landed
			t := s.token
			s.mu.Unlock()
			return t, nil
		}
		s.mu.Unlock()
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenFetchTimeout)
		defer cancel()
		t, ttl, err := s.fetch(fctx)
		if s.onFetch != nil {
			s.onFetch(err)
		}
		if err != nil {
			return "", err
		}
		margin := min(maxRefreshMargin, ttl/10)
		s.mu.Lock()
		s.token, s.refreshAt = t, s.clock.Now().Add(ttl-margin)
		s.mu.Unlock()
		return t, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return "", r.Err
		}
		return r.Val.(string), nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// invalidate drops token if it is still the cached one (Auth0 refused it, e.g.
// after the application's grant changed), so that the next call fetches anew.
func (s *tokenSource) invalidate(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == token {
		s.token = ""
	}
}

func (s *tokenSource) fetch(ctx context.Context) (string, time.Duration, error) {
	form := url.Values{
		"grant_type": {"client_credentials"},
		"client_id":  {s.creds.ClientID},
		"audience":   {s.audience},
	}
	if s.key == nil {
		form.Set("client_secret", s.creds.ClientSecret)
	} else {
		assertion, err := s.assertion()
		if err != nil {
			return "", 0, err
		}
		form.Set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
		form.Set("client_assertion", assertion)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := s.http.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("requesting an access token: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", 0, fmt.Errorf("reading the access token response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error       string `json:"error"`
			Description string `json:"error_description"`
			Message     string `json:"message"`
		}
		_ = json.Unmarshal(body, &e)
		desc := e.Description
		if desc == "" {
			desc = e.Message
		}
		return "", 0, &tokenError{
			StatusCode:  resp.StatusCode,
			Code:        e.Error,
			Description: s.redact(desc),
			RetryAt:     resetTime(resp.Header, s.clock.Now()),
		}
	}
	var t struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.Unmarshal(body, &t); err != nil || t.AccessToken == "" {
		return "", 0, fmt.Errorf("the token endpoint answered HTTP 200 without an access token")
	}
	ttl := time.Duration(t.ExpiresIn) * time.Second
	if ttl <= 0 {
		ttl = defaultTokenTTL
	}
	return t.AccessToken, ttl, nil
}

// assertion signs a short-lived JWT that proves possession of the private key.
func (s *tokenSource) assertion() (string, error) {
	now := time.Now() // verified by Auth0 against real time, not the pool's clock
	tok, err := jwt.NewBuilder().
		Issuer(s.creds.ClientID).
		Subject(s.creds.ClientID).
		Audience([]string{s.assertionAudience}).
		IssuedAt(now).
		NotBefore(now).
		Expiration(now.Add(2 * time.Minute)).
		JwtID(uuid.NewString()).
		Build()
	if err != nil {
		return "", fmt.Errorf("building the client assertion: %w", err)
	}
	tok.Options().Enable(jwt.FlattenAudience)
	signed, err := jwt.Sign(tok, jwt.WithKey(s.alg, s.key))
	if err != nil {
		return "", fmt.Errorf("signing the client assertion with %s: the key does not fit the algorithm", s.alg)
	}
	return string(signed), nil
}

// redact keeps a secret out of a message, should a server ever echo it.
func (s *tokenSource) redact(msg string) string {
	if s.creds.ClientSecret != "" {
		msg = strings.ReplaceAll(msg, s.creds.ClientSecret, "[redacted]")
	}
	return msg
}
