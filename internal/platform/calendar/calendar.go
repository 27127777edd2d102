// Package calendar counts the periods of the law on China's working-day calendar: statutory
// holidays (法定节假日) and the weekends moved to working days around them (调休上班) as the State
// Council sets them each year. It answers, with an explanation in Chinese, when a period that
// starts on a day ends:
//
//   - in working days: 行政处罚法 第八十五条 and 行政强制法 第六十九条 count the limits of two, three,
//     five and seven days (十日以内) in working days, excluding statutory holidays;
//   - in days: 民法典 第二百零一条 does not count the first day, and 第二百零三条 moves the last day,
//     when it is a day of rest (法定休假日: a weekend or a holiday), to the first day after it;
//   - in hours: 行政强制法 第十九条's 24 hours run from the moment, whatever the day.
//
// A period that reaches a year whose arrangement is not known is refused (CALENDAR_YEAR_MISSING):
// a deadline must never rest on a guess. Case handling, whose limits run into the next year before
// its notice is out, asks a Provisional table instead: unknown years count weekends only, and every
// answer that relied on that says so (Due.Provisional), to be counted again once the year is
// imported. The rules are pure; the days come from a Table.
package calendar

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Day is one day a yearly notice lists.
type Day struct {
	Date civil.Date `json:"date"`
	Off  bool       `json:"off"`  // a day of rest: a holiday, or a weekday given as rest; false: a weekend worked
	Name string     `json:"name"` // the holiday: 春节, 国庆节 …
}

// Year is one year's arrangement and the notice that sets it.
type Year struct {
	Year  int    `json:"year"`
	DocNo string `json:"docNo"` // 国办发明电〔2025〕7号
	Days  []Day  `json:"days"`
}

// Table is the calendar of the years it knows.
type Table struct {
	years       map[int]Year
	days        map[civil.Date]Day
	provisional bool // unknown years count weekends only instead of being refused
}

// Provisional returns a view of the table that counts the weekends of years it does not know as
// its only days of rest, instead of refusing them; answers that relied on it are marked.
func (t *Table) Provisional() *Table {
	v := *t
	v.provisional = true
	return &v
}

// NewTable builds a table of years; a later year of the same number replaces an earlier one.
func NewTable(years ...Year) *Table {
	t := &Table{years: map[int]Year{}, days: map[civil.Date]Day{}}
	for _, y := range years {
		if old, ok := t.years[y.Year]; ok {
			for _, d := range old.Days {
				delete(t.days, d.Date)
			}
		}
		t.years[y.Year] = y
		for _, d := range y.Days {
			t.days[d.Date] = d
		}
	}
	return t
}

// Years lists the years the table knows, in order.
func (t *Table) Years() []Year {
	out := make([]Year, 0, len(t.years))
	for _, y := range t.years {
		out = append(out, y)
	}
	slices.SortFunc(out, func(a, b Year) int { return a.Year - b.Year })
	return out
}

//go:embed holidays.txt
var builtin string

// Builtin returns the arrangements the product carries (2020 onwards, as published by the State
// Council), which an administrator extends each year by importing the new notice.
func Builtin() []Year {
	years := builtinYears()
	out := make([]Year, len(years))
	copy(out, years)
	return out
}

// builtinYears reads the embedded table once.
var builtinYears = sync.OnceValue(func() []Year {
	years, err := parseBuiltin(builtin)
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return years
})

func parseBuiltin(text string) ([]Year, error) {
	byYear := map[int]*Year{}
	var order []int
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || line == "year,doc" || line == "date,kind,name" {
			continue
		}
		parts := strings.SplitN(line, ",", 3)
		if len(parts) == 2 {
			y, err := strconv.Atoi(parts[0])
			if err != nil {
				return nil, fmt.Errorf("calendar: bad year line %q", line)
			}
			byYear[y] = &Year{Year: y, DocNo: parts[1]}
			order = append(order, y)
			continue
		}
		if len(parts) != 3 {
			return nil, fmt.Errorf("calendar: bad line %q", line)
		}
		d, ok := civil.Parse(parts[0])
		if !ok || (parts[1] != "off" && parts[1] != "work") {
			return nil, fmt.Errorf("calendar: bad day %q", line)
		}
		y := byYear[d.Year()]
		if y == nil {
			return nil, fmt.Errorf("calendar: %s belongs to no listed year", parts[0])
		}
		y.Days = append(y.Days, Day{Date: d, Off: parts[1] == "off", Name: parts[2]})
	}
	out := make([]Year, 0, len(order))
	for _, y := range order {
		out = append(out, *byYear[y])
	}
	return out, sc.Err()
}

// Known reports whether the table has the arrangement of a year.
func (t *Table) Known(year int) bool { _, ok := t.years[year]; return ok }

func (t *Table) need(d civil.Date) error {
	if !t.Known(d.Year()) && !t.provisional {
		return apperr.Invalid("CALENDAR_YEAR_MISSING", fmt.Sprintf("%d年的节假日安排尚未导入，无法按工作日计算期限；请系统管理员导入国务院办公厅当年的节假日安排通知", d.Year())).
			WithRule("行政处罚法 第八十五条：期限以工作日计算，不含法定节假日")
	}
	return nil
}

// Rest reports whether a day is a day of rest (法定休假日), with the holiday's name when it is one.
func (t *Table) Rest(d civil.Date) (bool, string, error) {
	if err := t.need(d); err != nil {
		return false, "", err
	}
	if day, ok := t.days[d]; ok {
		return day.Off, day.Name, nil
	}
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday, "", nil
}

// Due is the end of a period and how it was counted.
type Due struct {
	Due     civil.Date `json:"due"`
	Explain string     `json:"explain"`
	Skipped []string   `json:"skipped,omitempty"` // the days of rest passed over, as 2024-10-01（国庆节）
	// Provisional is set when the count ran through a year whose arrangement is not known and
	// took its weekends as the only days of rest (a Provisional table).
	Provisional bool `json:"provisional,omitempty"`
}

// unknownYears lists the years between two days (inclusive) the table does not know.
func (t *Table) unknownYears(from, to civil.Date) []int {
	var out []int
	for y := from.Year(); y <= to.Year(); y++ {
		if !t.Known(y) {
			out = append(out, y)
		}
	}
	return out
}

// mark notes on a due date that it counted unknown years by their weekends only.
func (t *Table) mark(d Due, from civil.Date) Due {
	years := t.unknownYears(from, d.Due)
	if len(years) == 0 {
		return d
	}
	names := make([]string, len(years))
	for i, y := range years {
		names[i] = strconv.Itoa(y)
	}
	d.Provisional = true
	d.Explain += "；" + strings.Join(names, "、") + "年的节假日安排尚未导入，暂只按双休日推算，导入后重新计算"
	return d
}

// AddWorkdays counts n working days after from (the day itself not counted): the due day is the
// n-th working day after it.
func (t *Table) AddWorkdays(from civil.Date, n int) (Due, error) {
	if n < 1 {
		return Due{}, apperr.InvalidField("workdays", "CALENDAR_PERIOD_INVALID", "工作日数应为正整数")
	}
	var skipped []string
	d := from
	for count := 0; count < n; {
		d = d.AddDays(1)
		rest, name, err := t.Rest(d)
		if err != nil {
			return Due{}, err
		}
		if rest {
			skipped = append(skipped, restLabel(d, name))
			continue
		}
		count++
	}
	explain := fmt.Sprintf("自%s起算（当日不计入），第%d个工作日为%s", from.Chinese(), n, d.Chinese())
	if len(skipped) > 0 {
		explain += fmt.Sprintf("；其间%s", summarise(skipped))
	}
	explain += "（行政处罚法第八十五条：期限以工作日计算，不含法定节假日）"
	return t.mark(Due{Due: d, Explain: explain, Skipped: skipped}, from), nil
}

// AddDays counts n days after from (the first day not counted, 民法典 第二百零一条); a last day that
// is a day of rest moves to the first day after it (民法典 第二百零三条).
func (t *Table) AddDays(from civil.Date, n int) (Due, error) {
	if n < 1 {
		return Due{}, apperr.InvalidField("days", "CALENDAR_PERIOD_INVALID", "日数应为正整数")
	}
	return t.rollRest(from, from.AddDays(n), fmt.Sprintf("%d日", n))
}

// AddMonths counts n months after from: the period ends on the corresponding day of the last
// month, or its last day when there is none (民法典 第二百零二条), moved past a day of rest.
func (t *Table) AddMonths(from civil.Date, n int) (Due, error) {
	if n < 1 {
		return Due{}, apperr.InvalidField("months", "CALENDAR_PERIOD_INVALID", "月数应为正整数")
	}
	return t.rollRest(from, from.AddMonths(n), fmt.Sprintf("%d个月", n))
}

func (t *Table) rollRest(from, end civil.Date, period string) (Due, error) {
	d := end
	var skipped []string
	for {
		rest, name, err := t.Rest(d)
		if err != nil {
			return Due{}, err
		}
		if !rest {
			break
		}
		skipped = append(skipped, restLabel(d, name))
		d = d.AddDays(1)
	}
	explain := fmt.Sprintf("自%s起算（当日不计入，民法典第二百零一条），%s届满于%s", from.Chinese(), period, end.Chinese())
	if len(skipped) > 0 {
		explain += fmt.Sprintf("，该日为法定休假日（%s），顺延至休假日结束的次日%s（民法典第二百零三条）", summarise(skipped), d.Chinese())
	}
	return t.mark(Due{Due: d, Explain: explain, Skipped: skipped}, from), nil
}

// AddHours counts n hours from a moment (行政强制法 第十九条: 二十四小时内): hours run on every day.
func AddHours(from time.Time, n int) (time.Time, string, error) {
	if n < 1 {
		return time.Time{}, "", apperr.InvalidField("hours", "CALENDAR_PERIOD_INVALID", "小时数应为正整数")
	}
	due := from.Add(time.Duration(n) * time.Hour)
	local := due.In(civil.Zone)
	return due, fmt.Sprintf("自%s起%d小时，至%s（按小时计算的期限不因节假日顺延）",
		from.In(civil.Zone).Format("2006年1月2日15时04分"), n, local.Format("2006年1月2日15时04分")), nil
}

func restLabel(d civil.Date, name string) string {
	if name == "" {
		return d.String() + "（休息日）"
	}
	return d.String() + "（" + name + "）"
}

// summarise names the days of rest passed over: a few in full, many by count.
func summarise(days []string) string {
	if len(days) <= 4 {
		return "跳过休息日 " + strings.Join(days, "、")
	}
	var names []string
	for _, d := range days {
		_, n, _ := strings.Cut(strings.TrimSuffix(d, "）"), "（")
		if n != "休息日" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	span := strings.SplitN(days[0], "（", 2)[0] + "至" + strings.SplitN(days[len(days)-1], "（", 2)[0]
	if len(names) > 0 {
		span += "，" + strings.Join(names, "、") + "假期"
	}
	return fmt.Sprintf("跳过休息日%d天（%s）", len(days), span)
}
