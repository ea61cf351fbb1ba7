// Package reconcile is the one reconciler every managed kind runs on. A kind supplies a small
// External (Observe, Find, Create, Update, Delete against Auth0); this package owns everything
// else: the tenant and its namespace check, the finalizer, the deletion, management and adoption
// policies, crash-safe creation, drift detection and reporting, conditions, Events, metrics and
// the requeue decision.
//
// It must not talk HTTP or parse Auth0 answers (that is internal/auth0), and it must not know any
// kind's fields (that is internal/external). It never sleeps: waiting is a requeue with a time.
package reconcile
