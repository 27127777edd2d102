package calendar

import (
	"fmt"
	"strings"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Span is one working period of a working day, in minutes after midnight (Beijing time).
type Span struct{ From, To int }

// OfficeHours are the working periods of a working day, in order: the limits of the digital urban
// management closed loop counted in working hours (GB/T 30428.2: 处置时限按工作时计) run only inside
// them, on working days of the table.
type OfficeHours []Span

// DefaultOfficeHours is the usual 08:30–12:00 and 13:30–17:30 (seven and a half hours).
const DefaultOfficeHours = "08:30-12:00,13:30-17:30"

// ParseOfficeHours reads "08:30-12:00,13:30-17:30": one to four periods, in order, not overlapping.
func ParseOfficeHours(s string) (OfficeHours, error) {
	bad := apperr.InvalidField("officeHours", "CALENDAR_OFFICE_HOURS_INVALID", "办公时间应写作 08:30-12:00,13:30-17:30：一至四个时段，按先后顺序且不重叠")
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' })
	if len(parts) == 0 || len(parts) > 4 {
		return nil, bad
	}
	var out OfficeHours
	last := -1
	for _, p := range parts {
		a, b, ok := strings.Cut(strings.TrimSpace(p), "-")
		if !ok {
			return nil, bad
		}
		from, err1 := clockMinutes(a)
		to, err2 := clockMinutes(b)
		if err1 != nil || err2 != nil || from >= to || from < last {
			return nil, bad
		}
		out = append(out, Span{from, to})
		last = to
	}
	return out, nil
}

func clockMinutes(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

// String writes the office hours back as 08:30-12:00,13:30-17:30.
func (h OfficeHours) String() string {
	parts := make([]string, len(h))
	for i, s := range h {
		parts[i] = fmt.Sprintf("%02d:%02d-%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
	}
	return strings.Join(parts, ",")
}

// Daily is the working minutes of one working day.
func (h OfficeHours) Daily() int {
	n := 0
	for _, s := range h {
		n += s.To - s.From
	}
	return n
}

// maxScanDays bounds a count of working time (about three years of days).
const maxScanDays = 1100

// AddWorkingMinutes counts n working minutes from a moment: only inside office hours on working
// days. A moment outside office hours starts the count at the next working period.
func (t *Table) AddWorkingMinutes(h OfficeHours, from time.Time, n int) (time.Time, error) {
	if n < 0 || len(h) == 0 {
		return time.Time{}, apperr.Invalid("CALENDAR_PERIOD_INVALID", "工作时长应为非负整数，办公时间不能为空")
	}
	local := from.In(civil.Zone)
	day := civil.NewDate(local.Year(), local.Month(), local.Day())
	at := local.Hour()*60 + local.Minute()
	sec := time.Duration(local.Second())*time.Second + time.Duration(local.Nanosecond())
	for i := 0; i < maxScanDays; i++ {
		rest, _, err := t.Rest(day)
		if err != nil {
			return time.Time{}, err
		}
		if !rest {
			for _, s := range h {
				start := s.From
				var offset time.Duration
				if i == 0 && at >= s.From {
					if at >= s.To {
						continue
					}
					start, offset = at, sec
				}
				avail := s.To - start
				if n < avail || (n == avail && n > 0) {
					return day.Start().Add(time.Duration(start+n)*time.Minute + offset), nil
				}
				if n == 0 {
					return day.Start().Add(time.Duration(start)*time.Minute + offset), nil
				}
				n -= avail
			}
		}
		day = day.AddDays(1)
	}
	return time.Time{}, apperr.Invalid("CALENDAR_PERIOD_TOO_LONG", "工作时长过长，无法计算")
}

// WorkingMinutes counts the working minutes between two moments (0 when to is not after from).
func (t *Table) WorkingMinutes(h OfficeHours, from, to time.Time) (int, error) {
	if !to.After(from) {
		return 0, nil
	}
	a, b := from.In(civil.Zone), to.In(civil.Zone)
	day := civil.NewDate(a.Year(), a.Month(), a.Day())
	last := civil.NewDate(b.Year(), b.Month(), b.Day())
	total := 0
	for i := 0; i < maxScanDays && !day.After(last); i++ {
		rest, _, err := t.Rest(day)
		if err != nil {
			return 0, err
		}
		if !rest {
			for _, s := range h {
				lo, hi := day.Start().Add(time.Duration(s.From)*time.Minute), day.Start().Add(time.Duration(s.To)*time.Minute)
				if lo.Before(a) {
					lo = a
				}
				if hi.After(b) {
					hi = b
				}
				if hi.After(lo) {
					total += int(hi.Sub(lo) / time.Minute)
				}
			}
		}
		day = day.AddDays(1)
	}
	return total, nil
}

// EndOfWorkday is the end of the last office period of a day.
func (h OfficeHours) EndOfWorkday(d civil.Date) time.Time {
	return d.Start().Add(time.Duration(h[len(h)-1].To) * time.Minute)
}
