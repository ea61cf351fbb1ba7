package reconcile

import (
	"errors"
	"fmt"
	"time"
)

// Waiting is an error that says the object cannot progress yet for a reason that resolves by
// itself (a reference that does not exist yet, a build in progress). It is not a failure.
type Waiting struct {
	Reason  string
	Message string
	// RetryAfter is how soon to look again when no watch will report the change (an Action
	// building in Auth0 takes seconds); zero means waitingRetry.
	RetryAfter time.Duration
}

func (w *Waiting) Error() string { return w.Message }

func (w *Waiting) retry() time.Duration {
	if w.RetryAfter > 0 {
		return w.RetryAfter
	}
	return waitingRetry
}

// WaitFor returns a *Waiting with the ReferenceNotReady reason.
func WaitFor(format string, args ...any) error {
	return &Waiting{Reason: "ReferenceNotReady", Message: fmt.Sprintf(format, args...)}
}

// Stall is an error that needs a human: the spec is invalid in a way the schema could not tell.
type Stall struct {
	Reason  string
	Message string
}

func (s *Stall) Error() string { return s.Message }

// InvalidSpec returns a *Stall with the InvalidSpec reason.
func InvalidSpec(format string, args ...any) error {
	return &Stall{Reason: "InvalidSpec", Message: fmt.Sprintf(format, args...)}
}

func asWaiting(err error) (*Waiting, bool) {
	var w *Waiting
	ok := errors.As(err, &w)
	return w, ok
}

func asStall(err error) (*Stall, bool) {
	var s *Stall
	ok := errors.As(err, &s)
	return s, ok
}
