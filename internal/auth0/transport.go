package auth0

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// opHeader is set on every response the transport hands to the SDK, so that
// Classify can name the operation from the *core.APIError (which keeps the
// response's headers). It never leaves the process.
const opHeader = "X-Auth0-Operator-Operation"

// hostHeader likewise carries the host that answered, for the message of an error whose body
// is not Auth0's.
const hostHeader = "X-Auth0-Operator-Host"

// transport is the http.RoundTripper under the SDK. For every Management API
// call it takes budget from the tenant's limiter (or refuses with
// *ErrRateLimited without sending anything), adds the access token, sends,
// and learns from the response's rate-limit headers.
type transport struct {
	c    *Client
	base http.RoundTripper
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.c
	ctx := req.Context()
	lane := laneFrom(ctx)
	op := operation(req.Method, req.URL.EscapedPath())
	if c.cfg.ReadOnly && req.Method != http.MethodGet {
		closeBody(req)
		return nil, &ErrReadOnly{Operation: op}
	}

	bucket := endpointBucket(req.Method, op)
	if until := c.limiter.endpointClosedUntil(bucket); bucket != "" && !until.IsZero() {
		// This endpoint's own bucket is empty; the tenant's is not, and other calls go on.
		closeBody(req)
		c.stats.refused.Add(1)
		c.metrics.refused.WithLabelValues(c.name, lane.String()).Inc()
		return nil, &ErrRateLimited{RetryAt: until, Endpoint: bucket}
	}
	waited, err := c.limiter.acquire(ctx, lane)
	c.metrics.budgetWait.WithLabelValues(c.name, lane.String()).Observe(waited.Seconds())
	if waited >= time.Millisecond { // not the moment the bucket check itself takes
		c.stats.budgetWaits.Add(1)
		c.stats.budgetWaited.Add(int64(waited))
	}
	if err != nil {
		closeBody(req)
		if _, ok := err.(*ErrRateLimited); ok {
			c.stats.refused.Add(1)
			c.metrics.refused.WithLabelValues(c.name, lane.String()).Inc()
		}
		return nil, err
	}
	token, err := c.tokens.Token(ctx)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	out := req.Clone(ctx)
	out.Header.Set("Authorization", "Bearer "+token)

	resp, err := t.base.RoundTrip(out)
	c.stats.calls.Add(1)
	if err != nil {
		c.metrics.calls.WithLabelValues(c.name, op, "error").Inc()
		return nil, err
	}
	c.metrics.calls.WithLabelValues(c.name, op, strconv.Itoa(resp.StatusCode)).Inc()
	c.observe(resp, bucket)
	if resp.StatusCode == http.StatusUnauthorized {
		c.tokens.invalidate(token)
		c.refused()
	}
	if sdkWouldRetry(resp.StatusCode) {
		// go-auth0 v3.0.0 sleeps (Retry-After, x-ratelimit-reset, else >= 1s)
		// before giving up on these even with retries off; as an error
		// instead of a response they return to the caller at once.
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
		e := fromResponse(resp.StatusCode, resp.Header, string(raw), op, out.URL.Host)
		if e.Class == ClassRateLimited {
			for _, until := range []time.Time{c.limiter.gateClosedUntil(), c.limiter.endpointClosedUntil(bucket)} {
				if until.After(e.RetryAt) {
					e.RetryAt = until
				}
			}
		}
		return nil, e
	}
	resp.Header.Set(opHeader, op)
	resp.Header.Set(hostHeader, out.URL.Host)
	return resp, nil
}

// ErrReadOnly is the error of a call a read-only client refused to send.
type ErrReadOnly struct{ Operation string }

func (e *ErrReadOnly) Error() string {
	return "read-only client: refused to send " + e.Operation + " (this client may only read)"
}

func sdkWouldRetry(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// endpointBuckets are the operations Auth0 limits with a bucket of their own besides the
// tenant's (its published limits: reading clients on some plans, writing email templates,
// verifying a custom domain), by method and the operation's path prefix. Their responses may
// report that bucket in the rate-limit headers. perMinute, when set, is the operator's share
// of the bucket per tenant (that many at once and a minute), which callers take with
// Client.Reserve before asking for such a call: verify has burst 5 and 5 a minute, of which
// the operator leaves 2 to people and other tools.
var endpointBuckets = []struct {
	methods, prefix, bucket string
	perMinute               int
}{
	{"GET", "/clients", "clients:read", 0},
	{"POST PATCH PUT", "/email-templates", "email-templates:write", 0},
	{"POST", "/custom-domains/{id}/verify", "custom-domains:verify", 3},
}

// endpointBucket is the name of the endpoint bucket op (an operation of method) is limited by
// too, "" for none.
func endpointBucket(method, op string) string {
	path := strings.TrimPrefix(op, method+" ")
	for _, b := range endpointBuckets {
		if strings.Contains(b.methods, method) && (path == b.prefix || strings.HasPrefix(path, b.prefix+"/")) {
			return b.bucket
		}
	}
	return ""
}

// observe records the budget Auth0 reports and tightens the limiter: a 429 or
// remaining=0 closes the tenant's gate until the reset time. The headers of an operation with
// an endpoint bucket that report a bucket of another size than the tenant's (known once an
// operation without one has answered; until then they count as the tenant's) describe that
// bucket: they close only it, and say nothing of the tenant's budget.
func (c *Client) observe(resp *http.Response, bucket string) {
	now := c.clock.Now()
	h := resp.Header
	limit, hasLimit := intHeader(h, "X-Ratelimit-Limit")
	remaining, hasRemaining := intHeader(h, "X-Ratelimit-Remaining")
	reset := resetTime(h, now)

	closeUntil := time.Time{}
	if resp.StatusCode == http.StatusTooManyRequests {
		c.stats.rateLimited.Add(1)
		c.metrics.rateLimited.WithLabelValues(c.name).Inc()
		closeUntil = reset
		if closeUntil.IsZero() || !closeUntil.After(now) {
			closeUntil = now.Add(time.Second)
		}
	} else if hasRemaining && remaining <= 0 && reset.After(now) {
		closeUntil = reset
	}

	if tl := c.tenantLimit(); bucket != "" && hasLimit && tl > 0 && limit != tl {
		if !closeUntil.IsZero() {
			c.limiter.closeEndpoint(bucket, closeUntil)
		}
		return
	}

	if hasLimit || hasRemaining || !reset.IsZero() {
		c.mu.Lock()
		c.budget = Budget{Limit: limit, Remaining: remaining, Reset: reset, Seen: now}
		if bucket == "" && hasLimit {
			c.tenantBucket = limit
		}
		c.mu.Unlock()
	}
	if hasRemaining {
		c.metrics.budgetRemain.WithLabelValues(c.name).Set(float64(remaining))
	}
	if !closeUntil.IsZero() {
		c.limiter.closeGate(closeUntil)
	} else if hasRemaining {
		c.limiter.tighten(remaining, c.cfg.RateLimit.withDefaults().BudgetSharePercent)
	}
}

// tenantLimit is the size of the tenant's bucket as Auth0 last reported it for an operation
// without an endpoint bucket; 0 before one answered.
func (c *Client) tenantLimit() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tenantBucket
}

func intHeader(h http.Header, name string) (int, bool) {
	v := h.Get(name)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// resetTime reads x-ratelimit-reset (UNIX seconds), else Retry-After
// (seconds), relative to now. Zero when neither is present.
func resetTime(h http.Header, now time.Time) time.Time {
	if v := h.Get("X-Ratelimit-Reset"); v != "" {
		if sec, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && sec > 0 {
			return time.Unix(sec, 0)
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		if sec, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && sec >= 0 {
			return now.Add(time.Duration(sec) * time.Second)
		}
	}
	return time.Time{}
}

// operation names a call by method and route template, with IDs replaced so
// that metric labels stay few: "GET /clients/{id}".
func operation(method, path string) string {
	path = strings.TrimPrefix(path, "/api/v2")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range segs {
		if looksLikeID(s) || (i > 0 && idCollections[segs[i-1]] && !(segs[i-1] == "actions" && i == 1)) {
			segs[i] = "{id}"
		}
	}
	return method + " /" + strings.Join(segs, "/")
}

// idCollections are the collections whose next path segment is always an ID.
var idCollections = map[string]bool{
	"actions": true, "client-grants": true, "clients": true, "connections": true,
	"custom-domains": true, "device-credentials": true, "event-streams": true,
	"flows": true, "forms": true, "grants": true, "hooks": true, "log-streams": true,
	"network-acls": true, "organizations": true, "resource-servers": true,
	"roles": true, "rules": true, "users": true,
}

// looksLikeID tells identifiers (client IDs, rol_..., UUIDs, URL-encoded
// resource-server identifiers, user IDs) from route words such as "clients",
// "custom-text" or "verify_email", which never contain digits.
func looksLikeID(seg string) bool {
	if len(seg) >= 20 {
		return true
	}
	return strings.ContainsAny(seg, "0123456789|%@.:")
}
