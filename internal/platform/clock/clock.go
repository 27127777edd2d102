// Package clock injects time so that deadline and expiry rules can be tested.
package clock

import "time"

// Clock tells the time.
type Clock interface{ Now() time.Time }

// System is the real clock, in UTC.
type System struct{}

func (System) Now() time.Time { return time.Now().UTC() }

// Fixed is a clock for tests that only moves when told.
type Fixed struct{ T time.Time }

func (f *Fixed) Now() time.Time { return f.T }

// Advance moves the fixed clock forward.
func (f *Fixed) Advance(d time.Duration) { f.T = f.T.Add(d) }

// Stamp formats t as the fixed-width UTC text stored in the database; it sorts as time does.
func Stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// ParseStamp reads a value written by Stamp.
func ParseStamp(s string) (time.Time, error) { return time.Parse("2006-01-02T15:04:05.000Z", s) }
