package calendar

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

func date(s string) civil.Date {
	d, ok := civil.Parse(s)
	if !ok {
		panic(s)
	}
	return d
}

// The product's own table agrees, day by day from 2020 to 2026, with the State Council's notices
// as the shared reference data records them.
func TestBuiltinMatchesTheReferenceData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "holidays")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("reference data not present: ", dir)
	}
	tbl := NewTable(Builtin()...)
	for y := 2020; y <= 2026; y++ {
		raw, err := os.ReadFile(filepath.Join(dir, strings.TrimSpace(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"))+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var ref struct {
			Days []struct {
				Name     string `json:"name"`
				Date     string `json:"date"`
				IsOffDay bool   `json:"isOffDay"`
			} `json:"days"`
		}
		if err := json.Unmarshal(raw, &ref); err != nil {
			t.Fatal(err)
		}
		listed := map[string]bool{}
		for _, d := range ref.Days {
			listed[d.Date] = d.IsOffDay
		}
		for d := date(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")); d.Year() == y; d = d.AddDays(1) {
			want, ok := listed[d.String()]
			if !ok {
				want = d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
			}
			got, _, err := tbl.Rest(d)
			if err != nil || got != want {
				t.Fatalf("%s: rest %v, want %v (%v)", d, got, want, err)
			}
		}
	}
}

func TestPeriodsAcrossHolidays(t *testing.T) {
	tbl := NewTable(Builtin()...)
	cases := []struct {
		name  string
		count func() (Due, error)
		due   string
		says  string
	}{
		// 2024 National Day: 10-01 to 10-07 off; Sunday 09-29 and Saturday 10-12 worked.
		{"2 working days over a worked Sunday", func() (Due, error) { return tbl.AddWorkdays(date("2024-09-27"), 2) }, "2024-09-30", "第2个工作日"},
		{"5 working days across National Day", func() (Due, error) { return tbl.AddWorkdays(date("2024-09-30"), 5) }, "2024-10-12", "国庆节"},
		// 2024 Spring Festival: 02-10 to 02-17 off; Sunday 02-18 worked; 除夕 02-09 a working day.
		{"7 working days across Spring Festival", func() (Due, error) { return tbl.AddWorkdays(date("2024-02-08"), 7) }, "2024-02-23", "春节"},
		// 民法典 203: the last day on a holiday moves to the day after the holiday.
		{"30 days ending on National Day", func() (Due, error) { return tbl.AddDays(date("2024-09-01"), 30) }, "2024-10-08", "第二百零三条"},
		// 2025 Spring Festival: 01-28 to 02-04 off.
		{"15 days ending in Spring Festival", func() (Due, error) { return tbl.AddDays(date("2025-01-14"), 15) }, "2025-02-05", "顺延"},
		{"15 days ending on a working Saturday", func() (Due, error) { return tbl.AddDays(date("2024-09-27"), 15) }, "2024-10-12", "届满于2024年10月12日"},
		{"15 days ending on an ordinary Saturday", func() (Due, error) { return tbl.AddDays(date("2024-03-01"), 15) }, "2024-03-18", "休息日"},
		{"6 months to a month end", func() (Due, error) { return tbl.AddMonths(date("2024-08-31"), 6) }, "2025-02-28", "6个月"},
		{"90 days of the penalty decision limit", func() (Due, error) { return tbl.AddDays(date("2026-07-03"), 90) }, "2026-10-08", "国庆节"},
	}
	for _, c := range cases {
		d, err := c.count()
		if err != nil || d.Due.String() != c.due || !strings.Contains(d.Explain, c.says) {
			t.Errorf("%s: %s %q %v, want %s containing %q", c.name, d.Due, d.Explain, err, c.due, c.says)
		}
	}
}

func TestAYearNotImportedIsRefused(t *testing.T) {
	tbl := NewTable(Builtin()...)
	_, err := tbl.AddWorkdays(date("2026-12-28"), 5)
	if !apperr.Is(err, "CALENDAR_YEAR_MISSING") || !strings.Contains(apperr.As(err).Message, "2027年") {
		t.Fatalf("into 2027: %v", err)
	}
	// Importing the year's notice makes the period countable; a year imported again replaces it.
	y2027 := Year{Year: 2027, DocNo: "国办发明电〔2026〕X号", Days: []Day{{Date: date("2027-01-01"), Off: true, Name: "元旦"}}}
	tbl = NewTable(append(Builtin(), y2027)...)
	d, err := tbl.AddWorkdays(date("2026-12-28"), 5)
	if err != nil || d.Due.String() != "2027-01-05" {
		t.Fatalf("with 2027: %v %v", d, err)
	}
	tbl = NewTable(append(Builtin(), y2027, Year{Year: 2027, DocNo: "更正"})...)
	if rest, _, _ := tbl.Rest(date("2027-01-01")); rest {
		t.Fatal("a replaced year kept its old days")
	}
	if _, err := tbl.AddWorkdays(date("2024-01-01"), 0); !apperr.Is(err, "CALENDAR_PERIOD_INVALID") {
		t.Fatalf("zero days: %v", err)
	}
}

func TestHoursRunOnEveryDay(t *testing.T) {
	from := time.Date(2024, 9, 30, 10, 0, 0, 0, civil.Zone) // the eve of National Day
	due, explain, err := AddHours(from, 24)
	if err != nil || !due.Equal(time.Date(2024, 10, 1, 10, 0, 0, 0, civil.Zone)) || !strings.Contains(explain, "2024年10月1日10时00分") {
		t.Fatalf("24 hours: %v %q %v", due, explain, err)
	}
}

func TestProvisionalTableCountsUnknownYearsByWeekends(t *testing.T) {
	tab := NewTable(Builtin()...)
	from := civil.NewDate(2026, time.December, 28)
	if _, err := tab.AddWorkdays(from, 5); !apperr.Is(err, "CALENDAR_YEAR_MISSING") {
		t.Fatalf("strict table into an unknown year: %v", err)
	}
	due, err := tab.Provisional().AddWorkdays(from, 5)
	// 12-29, 12-30, 12-31 (Tue–Thu), then 2027-01-01 (Fri, a weekday: no holiday known), 2027-01-04 (Mon).
	if err != nil || due.Due.String() != "2027-01-04" || !due.Provisional || !strings.Contains(due.Explain, "2027年的节假日安排尚未导入") {
		t.Fatalf("provisional count: %+v, %v", due, err)
	}
	known, err := tab.Provisional().AddWorkdays(civil.NewDate(2026, time.September, 28), 5)
	if err != nil || known.Provisional || known.Due.String() != "2026-10-10" {
		t.Fatalf("a count inside known years is not provisional: %+v, %v", known, err)
	}
	days, err := tab.Provisional().AddDays(civil.NewDate(2026, time.December, 1), 90)
	if err != nil || !days.Provisional || days.Due.String() != "2027-03-01" {
		t.Fatalf("90 days into 2027: %+v, %v", days, err)
	}
}
