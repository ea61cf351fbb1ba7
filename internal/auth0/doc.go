// Package auth0 is the operator's one door to the Auth0 Management API.
//
// It owns, per tenant: the go-auth0 SDK client and the HTTP transport under it,
// the access token (client credentials, cached until shortly before expiry,
// one fetch at a time), the token bucket that keeps the operator inside its
// share of the tenant's rate limit (tightened by every x-ratelimit-* header,
// closed for the whole tenant after a 429 or remaining=0), the operator's share of the
// endpoints Auth0 limits separately (custom-domain verify: Client.Reserve), the two lanes
// (changes the user asked for before drift observation), the classification
// of every error into a Class, list snapshots that make observing N objects
// cost ceil(N/100) calls, and the Prometheus metrics of all of it.
//
// What it must not do: sleep for long in a caller (a call that cannot get
// budget within a short wait returns *ErrRateLimited so the reconciler
// requeues at RetryAt), let the SDK retry on its own, put request bodies or
// credentials into errors, logs or metrics, or know anything about Kubernetes
// objects. Controllers never talk to Auth0 except through a *Client, and never
// parse HTTP status codes: they use Classify.
package auth0
