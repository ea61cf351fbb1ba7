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
// Two adapters carry what kinds share. Collection (collection.go) is a kind whose objects form
// one tenant-wide list: snapshot, natural key, body, create/update/delete calls, and Parts —
// sets written through endpoints of their own (a role's permissions, an organization's
// connections, a connection's clients) that the spec manages only when it sets them. Singleton
// (singleton.go) is a kind that manages settings every tenant has: a fixed ID, never created
// nor deleted. A kind embeds one and overrides only what is its own (a guard, a build to wait
// for, secret options).
//
// Values from Secrets and ConfigMaps are inputs (reconcile.Input): their keyed digests, kept
// by the reconciler in status.inputs, say when a secret Auth0 never shows must be sent again,
// and tell a changed ConfigMap from an edit in Auth0 (textInput). Observe only reads: a write
// it finds due (rotate, resume, verify) is an Observation.Act for the reconciler to run.
//
// What it must not do: retry, sleep, classify errors (Auth0's errors are returned as they
// are; internal/auth0 classifies them), or let a client secret reach a diff, a status field,
// an error or a log line.
package external
