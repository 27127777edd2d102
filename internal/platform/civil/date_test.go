package civil

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
)

func d(s string) Date {
	v, ok := Parse(s)
	if !ok {
		panic("bad test date " + s)
	}
	return v
}

func TestToday(t *testing.T) {
	cases := []struct {
		utc  string
		want string
	}{
		{"2026-03-01T15:59:59Z", "2026-03-01"}, // 23:59:59 in China
		{"2026-03-01T16:00:00Z", "2026-03-02"}, // midnight in China: already the next day
		{"2025-12-31T16:00:00Z", "2026-01-01"},
		{"2024-02-28T17:00:00Z", "2024-02-29"},
	}
	for _, c := range cases {
		at, _ := time.Parse(time.RFC3339, c.utc)
		if got := Today(&clock.Fixed{T: at}).String(); got != c.want {
			t.Errorf("Today at %s = %s, want %s", c.utc, got, c.want)
		}
		if got := DateOf(at.In(time.FixedZone("X", -10*3600))).String(); got != c.want {
			t.Errorf("DateOf ignores the zone of t: %s = %s, want %s", c.utc, got, c.want)
		}
	}
	if s := d("2026-03-02").Start().UTC().Format(time.RFC3339); s != "2026-03-01T16:00:00Z" {
		t.Errorf("Start = %s", s)
	}
}

func TestParse(t *testing.T) {
	for _, s := range []string{"2024-02-29", "2023-12-31", "0001-01-01", "9999-12-31", "2024-03-01"} {
		if v, ok := Parse(s); !ok || v.String() != s {
			t.Errorf("Parse(%q) = %v, %v", s, v, ok)
		}
	}
	for _, s := range []string{"", "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00", "2024-2-1",
		"2024-02-1", "20240201", "2024/02/01", "2024-02-01T00:00:00Z", " 2024-02-01", "0000-01-01", "二〇二四-02-01", "２０２４-02-01"} {
		if v, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %v, want refusal", s, v)
		}
	}
}

func TestParseDate(t *testing.T) {
	v, err := ParseDate("validFrom", "证件有效期起始日期", " 2024-02-29 ")
	if err != nil || v != NewDate(2024, time.February, 29) {
		t.Fatalf("%v %v", v, err)
	}
	cases := []struct{ in, msg string }{
		{"", "请填写证件有效期起始日期"},
		{"  ", "请填写证件有效期起始日期"},
		{"2024/01/01", "证件有效期起始日期“2024/01/01”无效"},
		{"2023-02-29", "证件有效期起始日期“2023-02-29”无效"},
		{strings.Repeat("9", 100), "“99999999999999999999…”无效"},
	}
	for _, c := range cases {
		_, err := ParseDate("validFrom", "证件有效期起始日期", c.in)
		e := apperr.As(err)
		if e.Code != "DATE_INVALID" || e.Field != "validFrom" || e.Kind != apperr.KindInvalid || !strings.Contains(e.Message, c.msg) {
			t.Errorf("ParseDate(%q) = %+v, want DATE_INVALID on validFrom saying %q", c.in, e, c.msg)
		}
	}
	def := d("2026-05-10")
	if v, err := ParseDateOr("date", "查询日期", " ", def); err != nil || v != def {
		t.Errorf("empty optional date: %v %v", v, err)
	}
	if v, err := ParseDateOr("date", "查询日期", "2026-01-01", def); err != nil || v.String() != "2026-01-01" {
		t.Errorf("given optional date: %v %v", v, err)
	}
	if _, err := ParseDateOr("date", "查询日期", "2026-1-1", def); !apperr.Is(err, "DATE_INVALID") || apperr.As(err).Field != "date" {
		t.Errorf("bad optional date: %v", err)
	}
}

func TestCompare(t *testing.T) {
	dates := []string{"2023-12-31", "2024-01-01", "2024-01-02", "2024-02-01", "2025-01-01"}
	for i, a := range dates {
		for j, b := range dates {
			want := cmp(i, j)
			if got := d(a).Compare(d(b)); got != want {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
			}
			if d(a).Before(d(b)) != (want < 0) || d(a).After(d(b)) != (want > 0) || (d(a) == d(b)) != (want == 0) {
				t.Errorf("%s vs %s: Before/After/== disagree with Compare", a, b)
			}
			// The text sorts as the dates do, which the store relies on.
			if (a < b) != (want < 0) {
				t.Errorf("text of %s and %s sorts differently", a, b)
			}
		}
	}
	if !(Date{}).Before(d("0001-01-01")) || !(Date{}).IsZero() || d("2024-01-01").IsZero() {
		t.Error("the zero Date is no date and sorts first")
	}
}

func TestAddDays(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2024-02-28", 1, "2024-02-29"},
		{"2023-02-28", 1, "2023-03-01"},
		{"2024-12-31", 1, "2025-01-01"},
		{"2025-01-01", -1, "2024-12-31"},
		{"2024-03-01", 30, "2024-03-31"},
		{"2024-01-31", 90, "2024-04-30"}, // 行政处罚法 第六十条: ninety days, counted as calendar days
		{"2024-05-10", 0, "2024-05-10"},
	}
	for _, c := range cases {
		got := d(c.from).AddDays(c.n)
		if got.String() != c.want {
			t.Errorf("%s + %d days = %s, want %s", c.from, c.n, got, c.want)
		}
		if back := got.Sub(d(c.from)); back != c.n {
			t.Errorf("%s - %s = %d, want %d", got, c.from, back, c.n)
		}
	}
	// Sub spans centuries without overflowing a time.Duration.
	if n := d("2500-01-01").Sub(d("1900-01-01")); n != 219146 {
		t.Errorf("1900 to 2500: %d days", n)
	}
	if !(Date{}).AddDays(3).IsZero() {
		t.Error("the zero Date plus days must stay zero")
	}
}

// TestAddMonthsAndYears: periods of months and years end on the corresponding day, or on the last
// day of the month when it has none (民法典 第二百零三条).
func TestAddMonthsAndYears(t *testing.T) {
	cases := []struct {
		from          string
		months, years int
		want          string
	}{
		{"2024-03-15", 1, 0, "2024-04-15"},
		{"2024-01-31", 1, 0, "2024-02-29"},
		{"2023-01-31", 1, 0, "2023-02-28"},
		{"2024-03-31", 1, 0, "2024-04-30"},
		{"2024-08-31", 6, 0, "2025-02-28"}, // six months to sue (行政诉讼法 第四十六条)
		{"2024-10-31", 3, 0, "2025-01-31"},
		{"2024-12-15", 1, 0, "2025-01-15"},
		{"2024-05-31", -3, 0, "2024-02-29"},
		{"2024-01-15", -1, 0, "2023-12-15"},
		{"2024-01-15", -13, 0, "2022-12-15"},
		{"2024-01-15", -12, 0, "2023-01-15"},
		{"2024-01-15", 24, 0, "2026-01-15"},
		{"2024-03-01", 0, 1, "2025-03-01"}, // 一年: the same date a year later
		{"2024-02-29", 0, 1, "2025-02-28"},
		{"2024-02-29", 0, 4, "2028-02-29"},
		{"2024-06-30", 0, 2, "2026-06-30"}, // two years' limitation (行政处罚法 第三十六条)
		{"2025-06-30", 0, -1, "2024-06-30"},
	}
	for _, c := range cases {
		var got Date
		if c.years != 0 {
			got = d(c.from).AddYears(c.years)
		} else {
			got = d(c.from).AddMonths(c.months)
		}
		if got.String() != c.want {
			t.Errorf("%s + %d months %d years = %s, want %s", c.from, c.months, c.years, got, c.want)
		}
	}
	if !(Date{}).AddMonths(1).IsZero() || !(Date{}).AddYears(1).IsZero() {
		t.Error("the zero Date plus months must stay zero")
	}
}

func TestNewDateAndParts(t *testing.T) {
	v := NewDate(2024, time.February, 30)
	if v.String() != "2024-03-01" || v.Year() != 2024 || v.Month() != time.March || v.Day() != 1 {
		t.Errorf("NewDate normalises: %v", v)
	}
	if w := d("2026-05-10").Weekday(); w != time.Sunday {
		t.Errorf("2026-05-10 is a %v", w)
	}
	if s := d("2024-03-01").Chinese(); s != "2024年3月1日" {
		t.Errorf("Chinese = %s", s)
	}
	if (Date{}).String() != "" || (Date{}).Chinese() != "" {
		t.Error("the zero Date has no text")
	}
}

func TestDateJSONAndStore(t *testing.T) {
	var v struct {
		From Date `json:"from"`
		To   Date `json:"to"`
	}
	if err := json.Unmarshal([]byte(`{"from":"2024-02-29","to":""}`), &v); err != nil || v.From != d("2024-02-29") || !v.To.IsZero() {
		t.Fatalf("%+v %v", v, err)
	}
	if b, _ := json.Marshal(v); string(b) != `{"from":"2024-02-29","to":""}` {
		t.Errorf("%s", b)
	}
	if err := json.Unmarshal([]byte(`{"from":"2023-02-29"}`), &v); !apperr.Is(err, "DATE_INVALID") {
		t.Errorf("bad JSON date: %v", err)
	}
	var s Date
	for _, src := range []any{"2024-02-29", []byte("2024-02-29")} {
		if err := s.Scan(src); err != nil || s != d("2024-02-29") {
			t.Errorf("Scan(%v) = %v %v", src, s, err)
		}
	}
	if err := s.Scan(nil); err != nil || !s.IsZero() {
		t.Errorf("Scan(nil) = %v %v", s, err)
	}
	if err := s.Scan(int64(3)); err == nil {
		t.Error("Scan of a number must fail")
	}
	if val, _ := d("2024-02-29").Value(); val != "2024-02-29" {
		t.Errorf("Value = %v", val)
	}
	if val, _ := (Date{}).Value(); val != "" {
		t.Errorf("Value of no date = %v, want '' (an open end)", val)
	}
}
