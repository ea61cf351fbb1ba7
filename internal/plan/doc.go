// Package plan is `auth0-operator plan`: what applying a set of manifests would do to Auth0,
// before it is applied. For each managed object it runs the kind's own External (Resolve,
// Guard, Find, Observe: the operator's bodies and drift comparison) against the tenant, read
// through the operator's rate-limited client, and decides create, update, adopt, unchanged,
// conflict or invalid.
//
// What it must not do: write. The Auth0 client it builds is read-only (any call but a GET
// fails the plan before it is sent), nothing in the cluster is changed (the API server's
// validation is asked for with a dry run), and no secret value reaches its output, its
// errors or a log: Secret-backed fields show only that they change.
package plan
