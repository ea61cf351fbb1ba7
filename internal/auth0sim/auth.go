package auth0sim

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

// Token is the caller of an /api/v2 route, as its bearer token says.
type Token struct {
	ClientID string
	Scopes   map[string]bool
	Expires  time.Time
}

func (t *Token) hasAny(scopes []string) bool {
	for _, s := range scopes {
		if t.Scopes[s] {
			return true
		}
	}
	return false
}

// HasScope reports whether the token carries scope.
func (t *Token) HasScope(scope string) bool { return t != nil && t.Scopes[scope] }

type tokenKey struct{}

// tokenFrom returns the caller's token inside a route handler.
func tokenFrom(r *http.Request) *Token {
	t, _ := r.Context().Value(tokenKey{}).(*Token)
	return t
}

// opaqueTokens remembers the opaque tokens handed out (Options.OpaqueTokens).
type opaqueTokens struct {
	mu     sync.Mutex
	tokens map[string]*Token
}

func newOpaqueTokens() *opaqueTokens { return &opaqueTokens{tokens: map[string]*Token{}} }

const (
	clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	credentialsColl     = "client-credentials"
)

func (s *Server) registerCore() {
	s.mux.HandleFunc("POST /oauth/token", s.serveToken)
	s.registerAdmin()
}

// oauthError is the token endpoint's error shape.
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// serveToken is POST /oauth/token, client-credentials grant only: the client
// authenticates with its secret (Basic or in the body) or with a
// private_key_jwt client_assertion, asks for the Management API audience, and
// gets the scopes of its client grant.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	now := s.clock.Now()
	latency, fail := s.faults.forToken(now)
	sleep(r, latency)
	if fail {
		oauthError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The service is temporarily unavailable (simulated).")
		return
	}
	params, err := tokenParams(r)
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	if gt := params.Get("grant_type"); gt != "client_credentials" {
		oauthError(w, http.StatusForbidden, "unsupported_grant_type", fmt.Sprintf("Unsupported grant type: %s", gt))
		return
	}
	clientID, secret, basic := r.BasicAuth()
	if basic {
		clientID, _ = url.QueryUnescape(clientID)
		secret, _ = url.QueryUnescape(secret)
	} else {
		clientID, secret = params.Get("client_id"), params.Get("client_secret")
	}
	assertion := params.Get("client_assertion")
	if assertion != "" {
		if params.Get("client_assertion_type") != clientAssertionType {
			oauthError(w, http.StatusBadRequest, "invalid_request", "client_assertion_type must be "+clientAssertionType)
			return
		}
		id, err := s.verifyAssertion(assertion, clientID, r, now)
		if err != nil {
			oauthError(w, http.StatusUnauthorized, "access_denied", err.Error())
			return
		}
		clientID = id
	}
	audience := params.Get("audience")
	var scopes []string
	var denied string
	var denyStatus int
	_ = s.store.View(func(tx *Tx) error {
		client, ok := tx.Get("clients", clientID)
		if !ok || (assertion == "" && (secret == "" || str(client, "client_secret") != secret)) {
			denyStatus, denied = http.StatusUnauthorized, "Unauthorized"
			return nil
		}
		if !s.isManagementAudience(audience, r) {
			denyStatus, denied = http.StatusForbidden, fmt.Sprintf("Service not enabled within domain: %s", audience)
			return nil
		}
		grant, ok := tx.Find("client-grants", func(g Object) bool {
			return str(g, "client_id") == clientID && str(g, "audience") == s.Audience()
		})
		if !ok {
			denyStatus, denied = http.StatusForbidden, fmt.Sprintf("Client is not authorized to access %q. You need to create a \"client-grant\" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants", s.Audience())
			return nil
		}
		scopes = stringList(grant, "scope")
		if boolean(grant, "allow_all_scopes") {
			scopes = s.AllScopes()
		}
		return nil
	})
	if denied != "" {
		oauthError(w, denyStatus, "access_denied", denied)
		return
	}
	if want := strings.Fields(params.Get("scope")); len(want) > 0 {
		scopes = intersect(scopes, want)
	}
	access, err := s.mintToken(clientID, scopes, now)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	s.stats.tokenIssued()
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": access,
		"scope":        strings.Join(scopes, " "),
		"expires_in":   int(s.opts.TokenLifetime / time.Second),
		"token_type":   "Bearer",
	})
}

func tokenParams(r *http.Request) (url.Values, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBody)).Decode(&m); err != nil {
			return nil, fmt.Errorf("invalid JSON body")
		}
		v := url.Values{}
		for k, e := range m {
			if s, ok := e.(string); ok {
				v.Set(k, s)
			}
		}
		return v, nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	return r.PostForm, nil
}

// isManagementAudience accepts https://DOMAIN/api/v2/ and the audience a
// client derives from the URL it reached the simulator by (the go-auth0 SDK
// sends scheme://host/api/v2/ of its base URL).
func (s *Server) isManagementAudience(aud string, r *http.Request) bool {
	if aud == s.Audience() {
		return true
	}
	return aud == "https://"+r.Host+"/api/v2/" || aud == "http://"+r.Host+"/api/v2/"
}

func intersect(have, want []string) []string {
	set := map[string]bool{}
	for _, h := range have {
		set[h] = true
	}
	var out []string
	for _, w := range want {
		if set[w] {
			out = append(out, w)
		}
	}
	return out
}

// verifyAssertion checks a private_key_jwt client assertion against the
// public keys registered for the client (collection client-credentials):
// signature, iss == sub == client_id, aud naming the tenant, not expired.
func (s *Server) verifyAssertion(assertion, clientID string, r *http.Request, now time.Time) (string, error) {
	msg, err := jws.Parse([]byte(assertion))
	if err != nil || len(msg.Signatures()) == 0 {
		return "", fmt.Errorf("Invalid client assertion")
	}
	alg := msg.Signatures()[0].ProtectedHeaders().Algorithm()
	unverified, err := jwt.Parse([]byte(assertion), jwt.WithVerify(false), jwt.WithValidate(false))
	if err != nil {
		return "", fmt.Errorf("Invalid client assertion")
	}
	sub := unverified.Subject()
	if clientID != "" && clientID != sub {
		return "", fmt.Errorf("client_id does not match the client assertion")
	}
	var pems []string
	_ = s.store.View(func(tx *Tx) error {
		for _, c := range tx.List(credentialsColl) {
			if str(c, "client_id") == sub {
				pems = append(pems, str(c, "pem"))
			}
		}
		return nil
	})
	if len(pems) == 0 {
		return "", fmt.Errorf("Unauthorized")
	}
	var tok jwt.Token
	for _, p := range pems {
		key, err := parsePublicKeyPEM(p)
		if err != nil {
			continue
		}
		if t, err := jwt.Parse([]byte(assertion), jwt.WithKey(alg, key), jwt.WithValidate(false)); err == nil {
			tok = t
			break
		}
	}
	if tok == nil {
		return "", fmt.Errorf("Invalid client assertion signature")
	}
	if tok.Issuer() != sub {
		return "", fmt.Errorf("Invalid client assertion: iss must equal sub")
	}
	if !tok.Expiration().IsZero() && !now.Before(tok.Expiration()) {
		return "", fmt.Errorf("Invalid client assertion: expired")
	}
	okAud := false
	for _, a := range tok.Audience() {
		a = strings.TrimSuffix(strings.TrimSuffix(a, "/oauth/token"), "/")
		if a == "https://"+s.domain || a == "https://"+r.Host || a == "http://"+r.Host {
			okAud = true
		}
	}
	if !okAud {
		return "", fmt.Errorf("Invalid client assertion: bad audience")
	}
	return sub, nil
}

func parsePublicKeyPEM(p string) (any, error) {
	block, _ := pem.Decode([]byte(p))
	if block == nil {
		return nil, fmt.Errorf("no PEM block")
	}
	if block.Type == "CERTIFICATE" {
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		return cert.PublicKey, nil
	}
	return x509.ParsePKIXPublicKey(block.Bytes)
}

// mintToken issues an access token for the Management API.
func (s *Server) mintToken(clientID string, scopes []string, now time.Time) (string, error) {
	exp := now.Add(s.opts.TokenLifetime)
	if s.opts.OpaqueTokens {
		raw := randomString(secretRune, 48)
		set := map[string]bool{}
		for _, sc := range scopes {
			set[sc] = true
		}
		s.opaque.mu.Lock()
		s.opaque.tokens[raw] = &Token{ClientID: clientID, Scopes: set, Expires: exp}
		s.opaque.mu.Unlock()
		return raw, nil
	}
	tok, err := jwt.NewBuilder().
		Issuer("https://"+s.domain+"/").
		Subject(clientID+"@clients").
		Audience([]string{s.Audience()}).
		IssuedAt(now).
		Expiration(exp).
		Claim("azp", clientID).
		Claim("scope", strings.Join(scopes, " ")).
		Claim("gty", "client-credentials").
		Build()
	if err != nil {
		return "", err
	}
	hdr := jws.NewHeaders()
	_ = hdr.Set(jws.KeyIDKey, s.keys.kid)
	signed, err := jwt.Sign(tok, jwt.WithKey(jwa.RS256, s.keys.key, jws.WithProtectedHeaders(hdr)))
	return string(signed), err
}

// MintToken issues a token for the configured client with exactly the given
// scopes, without calling /oauth/token (not counted): for tests of 403s.
func (s *Server) MintToken(scopes ...string) string {
	t, err := s.mintToken(s.clientID, scopes, s.clock.Now())
	if err != nil {
		panic(err)
	}
	return t
}

func unauthorized(message string) *APIError {
	e := NewAPIError(http.StatusUnauthorized, message, "")
	e.Attributes = map[string]string{"error": message}
	return e
}

// authenticate checks the bearer token of an /api/v2 call.
func (s *Server) authenticate(r *http.Request, now time.Time) (*Token, *APIError) {
	h := r.Header.Get("Authorization")
	scheme, raw, _ := strings.Cut(h, " ")
	if h == "" || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		return nil, NewAPIError(http.StatusUnauthorized, "Missing authentication", "")
	}
	raw = strings.TrimSpace(raw)
	if s.opts.OpaqueTokens {
		s.opaque.mu.Lock()
		t := s.opaque.tokens[raw]
		s.opaque.mu.Unlock()
		if t == nil {
			return nil, unauthorized("Invalid token")
		}
		if !now.Before(t.Expires) {
			return nil, unauthorized("Expired token received for JSON Web Token validation")
		}
		return t, nil
	}
	tok, err := jwt.Parse([]byte(raw), jwt.WithKey(jwa.RS256, &s.keys.key.PublicKey), jwt.WithValidate(false))
	if err != nil {
		return nil, unauthorized("Invalid token")
	}
	okAud := false
	for _, a := range tok.Audience() {
		okAud = okAud || a == s.Audience()
	}
	if !okAud {
		return nil, unauthorized("Bad audience: " + strings.Join(tok.Audience(), " "))
	}
	if !now.Before(tok.Expiration()) {
		return nil, unauthorized("Expired token received for JSON Web Token validation")
	}
	t := &Token{ClientID: strings.TrimSuffix(tok.Subject(), "@clients"), Scopes: map[string]bool{}, Expires: tok.Expiration()}
	if sc, ok := tok.Get("scope"); ok {
		if str, ok := sc.(string); ok {
			for _, f := range strings.Fields(str) {
				t.Scopes[f] = true
			}
		}
	}
	return t, nil
}
