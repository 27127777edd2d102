package calendar

import (
	"testing"
	"time"

	"zhifa/internal/platform/civil"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, civil.Zone)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWorkingMinutesRunOnlyInOfficeHoursOnWorkingDays(t *testing.T) {
	tab := NewTable(Builtin()...)
	h, err := ParseOfficeHours(DefaultOfficeHours)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		from    string
		minutes int
		want    string
	}{
		{"2025-09-29 10:00", 60, "2025-09-29 11:00"},
		{"2025-09-29 11:30", 60, "2025-09-29 14:00"},  // lunch break skipped
		{"2025-09-29 07:00", 30, "2025-09-29 09:00"},  // before office hours: starts at 08:30
		{"2025-09-29 17:00", 60, "2025-09-30 09:00"},  // runs into the next morning
		{"2025-09-30 17:00", 60, "2025-10-09 09:00"},  // National Day and Mid-Autumn 2025: 1–8 October off
		{"2025-09-27 10:00", 30, "2025-09-28 09:00"},  // Saturday 27 Sep rests; Sunday 28 Sep is worked (调休)
		{"2025-09-29 12:00", 240, "2025-09-29 17:30"}, // the whole afternoon exactly
		{"2025-09-29 13:30", 0, "2025-09-29 13:30"},
	}
	for _, c := range cases {
		got, err := tab.AddWorkingMinutes(h, at(c.from), c.minutes)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at(c.want)) {
			t.Errorf("%s + %d working minutes = %s, want %s", c.from, c.minutes, got.In(civil.Zone).Format("2006-01-02 15:04"), c.want)
		}
		if c.minutes > 0 {
			back, err := tab.WorkingMinutes(h, at(c.from), got)
			if err != nil {
				t.Fatal(err)
			}
			if back != c.minutes {
				t.Errorf("working minutes from %s to %s = %d, want %d", c.from, c.want, back, c.minutes)
			}
		}
	}
}

func TestOfficeHoursAreCheckedWhenRead(t *testing.T) {
	for _, bad := range []string{"", "8:30", "12:00-08:30", "08:30-12:00,11:00-17:00", "08:30-12:00,13:30-17:30,18:00-19:00,19:30-20:00,20:30-21:00"} {
		if _, err := ParseOfficeHours(bad); err == nil {
			t.Errorf("ParseOfficeHours(%q) accepted", bad)
		}
	}
	h, err := ParseOfficeHours("08:00-12:00，14:00-18:00")
	if err != nil || h.String() != "08:00-12:00,14:00-18:00" || h.Daily() != 480 {
		t.Fatalf("got %v %v", h, err)
	}
}
