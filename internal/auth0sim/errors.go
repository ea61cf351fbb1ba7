package auth0sim

import (
	"encoding/json"
	"net/http"
)

// APIError is a Management API error answer, shaped exactly like Auth0's:
// {"statusCode":404,"error":"Not Found","message":"...","errorCode":"..."}.
// errorCode is omitted when empty (Auth0 leaves it out on some errors).
type APIError struct {
	StatusCode int    `json:"statusCode"`
	Err        string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode,omitempty"`
	// Attributes is Auth0's extra detail on some 401s.
	Attributes map[string]string `json:"attributes,omitempty"`
}

func (e *APIError) Error() string { return e.Message }

// NewAPIError builds an error answer; the "error" field is the status text.
func NewAPIError(status int, message, errorCode string) *APIError {
	return &APIError{StatusCode: status, Err: http.StatusText(status), Message: message, ErrorCode: errorCode}
}

// errNotFound is a 404 with Auth0's errorCode, e.g.
// errNotFound("The client does not exist", "inexistent_client").
func errNotFound(message, errorCode string) *APIError {
	return NewAPIError(http.StatusNotFound, message, errorCode)
}

// errInvalidBody is Auth0's 400 for a payload it refuses.
func errInvalidBody(message string) *APIError {
	return NewAPIError(http.StatusBadRequest, message, "invalid_body")
}

// errInvalidQuery is Auth0's 400 for a query string it refuses.
func errInvalidQuery(message string) *APIError {
	return NewAPIError(http.StatusBadRequest, message, "invalid_query_string")
}

// errConflict is a 409, e.g. a second client grant for one client and audience.
func errConflict(message, errorCode string) *APIError {
	return NewAPIError(http.StatusConflict, message, errorCode)
}

// writeJSON writes v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes an APIError as the response.
func writeError(w http.ResponseWriter, e *APIError) {
	writeJSON(w, e.StatusCode, e)
}

// writeNoContent answers 204 with no body (Auth0's answer to DELETE).
func writeNoContent(w http.ResponseWriter) {
	w.WriteHeader(http.StatusNoContent)
}
