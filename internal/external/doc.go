// Package external maps each managed kind to its Auth0 object: what a spec sends on create
// and update, how Auth0's answer compares with the spec, and what an Application publishes to
// its credentials Secret. It implements reconcile.External (and reconcile.Resolver where a
// kind references other objects), one small file per kind.
//
// A kind's spec becomes one JSON body in Auth0's field names. The same body is sent on create,
// sent on update (minus create-only fields), and compared with the object Auth0 returns, so
// what is compared is exactly what is written. Comparison follows Auth0's own normalisation:
// only the fields the body sets count (server defaults are not drift), lists are sets, and a
// missing field, null, "" and an empty list or object are the same.
//
// Reads go through one auth0.Snapshot per kind, and every write puts Auth0's answer back into
// it, so that observing N unchanged objects costs ceil(N/100) list calls and re-observing
// after a write costs none.
//
// What it must not do: retry, sleep, classify errors (Auth0's errors are returned as they
// are; internal/auth0 classifies them), or let a client secret reach a diff, a status field,
// an error or a log line.
package external
