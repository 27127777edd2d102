// Package civil holds the calendar of the legal domain: China's time zone, calendar dates with
// the period rules of the Civil Code, and money in integer fen with the yuan as people write it.
// Everything here is a pure function of its arguments; the current time comes from a clock.
package civil

import (
	"time"

	"zhifa/internal/platform/clock"
)

// Zone is China Standard Time, UTC+8 all year (China has kept no daylight saving time since
// 1992), fixed so that no time-zone database is needed. "Today", a deadline's last day and a
// time of day shown to a user are China's; timestamps are stored in UTC.
var Zone = time.FixedZone("CST", 8*3600)

// Today is the current calendar date in China by the clock c.
func Today(c clock.Clock) Date { return DateOf(c.Now()) }

// DateOf is the calendar date in China at the instant t.
func DateOf(t time.Time) Date {
	t = t.In(Zone)
	return Date{year: t.Year(), month: t.Month(), day: t.Day()}
}
