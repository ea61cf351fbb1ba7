package auth0

import "time"

// Clock is the time source of a Pool. Tests substitute a fake one so that the
// token-bucket arithmetic can be checked without real waiting.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed, and a func
	// that releases the timer early.
	After(d time.Duration) (<-chan time.Time, func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) After(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}
