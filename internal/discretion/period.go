package discretion

import (
	"zhifa/internal/law"
	"zhifa/internal/platform/civil"
)

// Units of a look-back period (回溯期的计算单位).
const (
	PeriodYear  = "year"  // 年: to the same date so many years earlier
	PeriodMonth = "month" // 个月: to the same day of the month, or the month's last day
	PeriodDay   = "day"   // 日
)

// PeriodUnits lists the units with Chinese names.
var PeriodUnits = []Option{{PeriodYear, "年"}, {PeriodMonth, "个月"}, {PeriodDay, "日"}}

// Bounds on a look-back period: ten years at most.
const (
	MaxPeriodYears  = 10
	MaxPeriodMonths = 120
	MaxPeriodDays   = 3650
)

// Period is a look-back window counted back from the act, by the calendar: "一年内" runs from the
// same date a year earlier (民法典 第二百零三条 counts periods of months and years to the
// corresponding day, or the month's last day where the month has none), never 365 days.
type Period struct {
	N    int    `json:"n"`
	Unit string `json:"unit"`
}

// OneYear is the usual look-back window (DOMAIN.md §7a): one year before the act.
func OneYear() Period { return Period{N: 1, Unit: PeriodYear} }

// legacyPeriod reads a window kept in days before windows were calendar periods: 365 days (and
// the default 0) meant one year before the act.
func legacyPeriod(days int) Period {
	if days == 0 || days == 365 {
		return OneYear()
	}
	return Period{N: days, Unit: PeriodDay}
}

// valid reports a known unit and a count within the bounds.
func (p Period) valid() bool {
	switch p.Unit {
	case PeriodYear:
		return p.N >= 1 && p.N <= MaxPeriodYears
	case PeriodMonth:
		return p.N >= 1 && p.N <= MaxPeriodMonths
	case PeriodDay:
		return p.N >= 1 && p.N <= MaxPeriodDays
	}
	return false
}

// Start is the first day of the window before an act on day: a year before 2026-05-01 starts on
// 2025-05-01, a month before 2026-03-31 on 2026-02-28. Prior penalties decided on Start or later and
// before the act's day are inside the window.
func (p Period) Start(act civil.Date) civil.Date {
	switch p.Unit {
	case PeriodYear:
		return act.AddYears(-p.N)
	case PeriodMonth:
		return act.AddMonths(-p.N)
	}
	return act.AddDays(-p.N)
}

// Describe writes the period as a standard does: 一年, 六个月, 三十日.
func (p Period) Describe() string {
	return law.FormatNumeral(p.N) + optionName(PeriodUnits, p.Unit)
}
