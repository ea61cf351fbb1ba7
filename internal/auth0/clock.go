package auth0

import "time"

// Clock is the time source of a Pool. Tests substitute a fake one so that the
// token-bucket arithmetic can be checked without real waiting.
type Clock interface {
	Now() time.Time
	// Until returns a channel that receives once the clock reaches t, and a
	// func that releases the timer early. (An absolute time, so that a fake
	// clock moved between reading Now and setting the timer cannot make the
	// timer late.)
	Until(t time.Time) (<-chan time.Time, func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Until(t time.Time) (<-chan time.Time, func() bool) {
	timer := time.NewTimer(time.Until(t))
	return timer.C, timer.Stop
}
