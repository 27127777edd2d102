package civil

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
)

// Layout is how dates are written in the API, in files and in the database: YYYY-MM-DD, which
// sorts as the dates do.
const Layout = "2006-01-02"

// CodeDateInvalid is the one error code of a date that is missing or not a real YYYY-MM-DD date.
const CodeDateInvalid = "DATE_INVALID"

// Date is a calendar date (公历日期) with no time of day and no zone, as statutes, decisions and
// certificates write them: 2024年3月1日, in the API 2024-03-01. The zero Date is "no date" (an
// open end); it sorts before every date and its text is "". Dates compare with ==.
type Date struct {
	year  int
	month time.Month
	day   int
}

// NewDate is the date y-m-d, normalised as time.Date normalises: 2024-02-30 is 2024-03-01.
func NewDate(y int, m time.Month, d int) Date {
	return dateOfUTC(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func dateOfUTC(t time.Time) Date { return Date{year: t.Year(), month: t.Month(), day: t.Day()} }

// Parse reads exactly YYYY-MM-DD naming a real calendar date (2024-02-29 yes, 2023-02-29 and
// 2024-2-1 no) of the years 1 to 9999.
func Parse(s string) (Date, bool) {
	if len(s) != len(Layout) {
		return Date{}, false
	}
	t, err := time.Parse(Layout, s)
	if err != nil || t.Year() < 1 || t.Format(Layout) != s {
		return Date{}, false
	}
	return dateOfUTC(t), true
}

// ParseDate reads a date given for an input field: surrounding blanks are ignored, anything but
// a real YYYY-MM-DD date, an empty text included, is refused with DATE_INVALID naming the field
// (label is its Chinese name, as the user sees it: 证件有效期起始日期).
func ParseDate(field, label, s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, apperr.InvalidField(field, CodeDateInvalid, "请填写"+label+"（YYYY-MM-DD格式，如2024-03-01）")
	}
	d, ok := Parse(s)
	if !ok {
		return Date{}, apperr.InvalidField(field, CodeDateInvalid,
			fmt.Sprintf("%s“%s”无效，应为YYYY-MM-DD格式的有效日期（如2024-03-01）", label, shorten(s, 20)))
	}
	return d, nil
}

// ParseDateOr is ParseDate for an optional field: an empty text is def.
func ParseDateOr(field, label, s string, def Date) (Date, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	return ParseDate(field, label, s)
}

// shorten cuts text quoted back in a message to n characters.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Year, Month and Day are the parts of the date.
func (d Date) Year() int         { return d.year }
func (d Date) Month() time.Month { return d.month }
func (d Date) Day() int          { return d.day }

// IsZero reports whether d is the zero Date, "no date".
func (d Date) IsZero() bool { return d == Date{} }

// Weekday is the day of the week of the date.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// utc is midnight UTC of the date, for the arithmetic of package time.
func (d Date) utc() time.Time { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC) }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// Chinese is the date as documents write it: 2024年3月1日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.year, d.month, d.day)
}

// Compare is -1, 0 or +1 as d is before, the same as or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.year != e.year:
		return cmp(d.year, e.year)
	case d.month != e.month:
		return cmp(int(d.month), int(e.month))
	}
	return cmp(d.day, e.day)
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before and After compare two dates.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }
func (d Date) After(e Date) bool  { return d.Compare(e) > 0 }

// AddDays is the date n calendar days later (earlier for negative n). The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return dateOfUTC(d.utc().AddDate(0, 0, n))
}

// AddMonths is the date n months later (earlier for negative n): the same day of the month, or
// the last day of the month when that month has no such day, as the Civil Code counts periods of
// months (民法典 第二百零三条: 到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日):
// 2024-01-31 + 1 month is 2024-02-29, 2024-08-31 + 6 months is 2025-02-28. time.AddDate would
// overflow into the next month instead. The zero Date stays zero.
func (d Date) AddMonths(n int) Date {
	if d.IsZero() {
		return d
	}
	m := int(d.month) - 1 + n
	y := d.year + m/12
	if m %= 12; m < 0 {
		m += 12
		y--
	}
	month := time.Month(m + 1)
	return Date{year: y, month: month, day: min(d.day, daysIn(y, month))}
}

// AddYears is the date n years later: the same date (一年 is from a date to the same date a
// year later), or 28 February for 29 February in a year that has none (民法典 第二百零三条).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// daysIn is the number of days of month m of year y.
func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// Sub is the number of days from e to d: 0 on the same day, negative when d is before e.
func (d Date) Sub(e Date) int { return int((d.utc().Unix() - e.utc().Unix()) / 86400) }

// Start is the instant the date begins in China (00:00 China Standard Time).
func (d Date) Start() time.Time { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, Zone) }

// MarshalText writes YYYY-MM-DD ("" for the zero Date), so that a Date is a JSON string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// SchemaPattern is the date's form in the API document: YYYY-MM-DD.
func (Date) SchemaPattern() string { return `^\d{4}-\d{2}-\d{2}$` }

// UnmarshalText reads YYYY-MM-DD; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, ok := Parse(string(b))
	if !ok {
		return apperr.Invalid(CodeDateInvalid, fmt.Sprintf("日期“%s”无效，应为YYYY-MM-DD格式的有效日期（如2024-03-01）", shorten(string(b), 20)))
	}
	*d = v
	return nil
}

// Value stores a Date as its YYYY-MM-DD text (” for the zero Date, the open end of a period).
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a date stored as YYYY-MM-DD text.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	}
	return fmt.Errorf("civil.Date: cannot read %T", src)
}
