package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/auth0/go-auth0/v3/management/core"
)

// Class is what a failed call means for the reconciler, decided once here.
type Class string

const (
	ClassNotFound     Class = "NotFound"     // 404: the object is gone
	ClassRateLimited  Class = "RateLimited"  // 429 or no budget: retry at RetryAt
	ClassInvalid      Class = "Invalid"      // 400/413/422: the spec is wrong; Auth0's message says why
	ClassConflict     Class = "Conflict"     // 409: a concurrent change; retry later
	ClassUnauthorized Class = "Unauthorized" // 401 or a refused token request: the credentials are wrong
	ClassForbidden    Class = "Forbidden"    // 403: the application lacks a scope; the message names it
	ClassTransient    Class = "Transient"    // 5xx, 408, timeouts, connection errors
	ClassUnknown      Class = "Unknown"
)

// Error is a classified Management API failure. Message is Auth0's own
// message verbatim when the answer was Auth0's error JSON, else "HTTP <code>
// from <host>" (a proxy's or an internal page's body is never copied), or a
// description of the transport failure; it never contains a request body or a
// credential.
type Error struct {
	Class      Class
	StatusCode int    // 0 when no response came back
	ErrorCode  string // Auth0's errorCode, when it sent one
	Message    string
	RetryAt    time.Time // set for RateLimited
	Op         string    // e.g. "GET /clients/{id}", when known

	err error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, "%d ", e.StatusCode)
	}
	if e.ErrorCode != "" {
		b.WriteString(e.ErrorCode)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap gives access to the cause, e.g. context.Canceled.
func (e *Error) Unwrap() error { return e.err }

// IsNotFound reports whether err means the object does not exist in Auth0.
func IsNotFound(err error) bool {
	e := Classify(err)
	return e != nil && e.Class == ClassNotFound
}

// Classify turns any error from a call through a Client (the SDK's typed
// errors, *core.APIError, *ErrRateLimited, token failures, transport errors)
// into an *Error. It returns nil for nil.
//
// It relies on the SDK's wrapping, which keeps causes reachable: the typed
// errors (NotFoundError...) unwrap to *core.APIError, which keeps the status
// code and the response headers; transport errors come back as the *url.Error
// of net/http, which unwraps to what our RoundTripper returned. Responses the
// SDK would retry (429, 408, 5xx) never reach it: the transport turns them
// into an *Error itself (see transport.go), so those unwrap to *Error, not to
// *core.APIError.
func Classify(err error) *Error {
	if err == nil {
		return nil
	}
	var done *Error
	if errors.As(err, &done) {
		return done
	}
	op := opOf(err)

	var rl *ErrRateLimited
	if errors.As(err, &rl) {
		return &Error{Class: ClassRateLimited, Message: rl.Error(), RetryAt: rl.RetryAt, Op: op, err: err}
	}
	var te *tokenError
	if errors.As(err, &te) {
		msg := "access token request rejected"
		if te.Description != "" {
			msg += ": " + te.Description
		} else if te.StatusCode >= 500 {
			msg = fmt.Sprintf("access token request failed: HTTP %d", te.StatusCode)
		}
		e := &Error{Class: ClassUnauthorized, StatusCode: te.StatusCode, ErrorCode: te.Code, Message: msg, Op: "POST /oauth/token", err: err}
		switch {
		case te.StatusCode == http.StatusTooManyRequests:
			e.Class, e.RetryAt = ClassRateLimited, orSoon(te.RetryAt)
		case te.StatusCode >= 500 || te.StatusCode == http.StatusRequestTimeout:
			e.Class = ClassTransient
		}
		return e
	}
	var api *core.APIError
	if errors.As(err, &api) {
		return fromAPIError(api, op, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Class: ClassTransient, Message: err.Error(), Op: op, err: err}
	}
	var ne net.Error
	var ue *url.Error
	if errors.As(err, &ne) || errors.As(err, &ue) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &Error{Class: ClassTransient, Message: err.Error(), Op: op, err: err}
	}
	return &Error{Class: ClassUnknown, Message: err.Error(), Op: op, err: err}
}

// auth0Body is the shape of the Management API's error responses.
type auth0Body struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode"`
}

func fromAPIError(api *core.APIError, op string, err error) *Error {
	if o := api.Header.Get(opHeader); o != "" {
		op = o
	}
	var raw string
	if inner := api.Unwrap(); inner != nil {
		raw = inner.Error()
	}
	e := fromResponse(api.StatusCode, api.Header, raw, op, api.Header.Get(hostHeader))
	e.err = err
	return e
}

// fromResponse classifies an error response by its status code and keeps
// Auth0's errorCode and message when the body is Auth0's error JSON (its
// statusCode is the response's); any other body is not repeated: the message
// is "HTTP <code> from <host>".
func fromResponse(status int, header http.Header, raw, op, host string) *Error {
	e := &Error{StatusCode: status, Op: op}
	var body auth0Body
	if json.Unmarshal([]byte(raw), &body) == nil && body.StatusCode == status && (body.Message != "" || body.Error != "") {
		e.ErrorCode = body.ErrorCode
		e.Message = body.Message
		if e.Message == "" {
			e.Message = body.Error
		}
	} else {
		e.Message = fmt.Sprintf("HTTP %d from %s", status, host)
	}
	switch s := status; {
	case s == http.StatusNotFound:
		e.Class = ClassNotFound
	case s == http.StatusTooManyRequests:
		e.Class = ClassRateLimited
		e.RetryAt = orSoon(resetTime(header, time.Now()))
	case s == http.StatusBadRequest || s == http.StatusUnprocessableEntity || s == http.StatusRequestEntityTooLarge:
		e.Class = ClassInvalid
	case s == http.StatusConflict:
		e.Class = ClassConflict
	case s == http.StatusUnauthorized:
		e.Class = ClassUnauthorized
	case s == http.StatusForbidden:
		e.Class = ClassForbidden
	case s >= 500 || s == http.StatusRequestTimeout:
		e.Class = ClassTransient
	default:
		e.Class = ClassUnknown
	}
	return e
}

// opOf recovers the operation from the *url.Error net/http wraps transport
// failures in.
func opOf(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return ""
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return ""
	}
	return operation(strings.ToUpper(ue.Op), u.EscapedPath())
}

// orSoon is t, or one second from now when Auth0 did not say when to retry.
func orSoon(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now().Add(time.Second)
	}
	return t
}
