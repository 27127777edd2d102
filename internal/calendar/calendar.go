// Package calendar keeps the working-day calendar every deadline of the platform is counted on
// (工作日历): the arrangements of statutory holidays and adjusted working days the product
// carries, and each new year's arrangement an administrator imports from the State Council's
// notice. The counting rules are in internal/platform/calendar; this package stores the years,
// serves the deadline calculator and tells other features when a year changes.
package calendar

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/events"
	"zhifa/internal/platform/tabular"
	"zhifa/internal/platform/text"
)

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "calendar_year", Name: "节假日安排"}}

// Changed is published inside the transaction that imports a year: deadlines counted across it
// must be counted again.
type Changed struct {
	Year int
}

// Service keeps the calendar.
type Service struct {
	DB     *db.DB
	Audit  *audit.Log
	Clock  clock.Clock
	Events *events.Bus

	mu     sync.Mutex
	cached *calendar.Table
	stamp  string // the newest import the cached table includes
}

// Table returns the calendar as it stands: the product's years with the imported ones over them.
// It is rebuilt only when an import happened since (in this process or another).
func (s *Service) Table(ctx context.Context) (*calendar.Table, error) {
	var stamp string
	if err := db.Get(ctx, s.DB.R, &stamp, `SELECT COALESCE(MAX(imported_at), '') FROM calendar_years`); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached != nil && s.stamp == stamp {
		return s.cached, nil
	}
	years, err := s.imported(ctx)
	if err != nil {
		return nil, err
	}
	s.cached, s.stamp = calendar.NewTable(append(calendar.Builtin(), years...)...), stamp
	return s.cached, nil
}

// TableIn is the calendar as a transaction sees it (a year imported in it included), not cached.
func (s *Service) TableIn(ctx context.Context, c db.Conn) (*calendar.Table, error) {
	years, err := importedIn(ctx, c)
	if err != nil {
		return nil, err
	}
	return calendar.NewTable(append(calendar.Builtin(), years...)...), nil
}

type yearRow struct {
	Year       int                     `db:"year"`
	DocNo      string                  `db:"doc_no"`
	Days       db.JSON[[]calendar.Day] `db:"days"`
	ImportedAt string                  `db:"imported_at"`
	ImportedBy string                  `db:"imported_by"`
}

func (s *Service) imported(ctx context.Context) ([]calendar.Year, error) {
	return importedIn(ctx, s.DB.R)
}

func importedIn(ctx context.Context, c db.Conn) ([]calendar.Year, error) {
	var rows []yearRow
	if err := db.Select(ctx, c, &rows, `SELECT year, doc_no, days, imported_at, imported_by FROM calendar_years ORDER BY year`); err != nil {
		return nil, err
	}
	out := make([]calendar.Year, len(rows))
	for i, r := range rows {
		out[i] = calendar.Year{Year: r.Year, DocNo: r.DocNo, Days: r.Days.V}
	}
	return out, nil
}

// YearInfo describes a year the calendar knows.
type YearInfo struct {
	Year       int            `json:"year"`
	DocNo      string         `json:"docNo"`
	Source     string         `json:"source"` // builtin: carried by the product; imported
	ImportedAt string         `json:"importedAt,omitempty"`
	Days       []calendar.Day `json:"days"`
}

// Years lists every year the calendar knows, with where its arrangement comes from.
func (s *Service) Years(ctx context.Context, _ *access.Principal) ([]YearInfo, error) {
	t, err := s.Table(ctx)
	if err != nil {
		return nil, err
	}
	var rows []yearRow
	if err := db.Select(ctx, s.DB.R, &rows, `SELECT year, doc_no, days, imported_at, imported_by FROM calendar_years`); err != nil {
		return nil, err
	}
	imported := map[int]string{}
	for _, r := range rows {
		imported[r.Year] = r.ImportedAt
	}
	var out []YearInfo
	for _, y := range t.Years() {
		info := YearInfo{Year: y.Year, DocNo: y.DocNo, Source: "builtin", Days: y.Days}
		if at, ok := imported[y.Year]; ok {
			info.Source, info.ImportedAt = "imported", at
		}
		out = append(out, info)
	}
	return out, nil
}

// DueQuery asks when a period ends: from a date (or, for hours, a moment) and one of workdays,
// days, months or hours.
type DueQuery struct {
	From     string `query:"from" doc:"起算日期 YYYY-MM-DD；按小时计算时为时刻，如 2026-10-01T10:00:00+08:00"`
	Workdays int    `query:"workdays" doc:"工作日数（二日、三日、五日、七日等）"`
	Days     int    `query:"days" doc:"日数（十五日、三十日、九十日等，最后一日遇法定休假日顺延）"`
	Months   int    `query:"months" doc:"月数（如复议期限六十日以外的“三个月”“六个月”）"`
	Hours    int    `query:"hours" doc:"小时数（如行政强制法第十九条的二十四小时）"`
}

// Due is the answer of the deadline calculator.
type Due struct {
	Due     string   `json:"due"`
	Explain string   `json:"explain"`
	Skipped []string `json:"skipped,omitempty"`
}

// Due answers when a period ends, and how it was counted.
func (s *Service) Due(ctx context.Context, _ *access.Principal, q DueQuery) (Due, error) {
	given := 0
	for _, n := range []int{q.Workdays, q.Days, q.Months, q.Hours} {
		if n != 0 {
			given++
		}
		if n < 0 || n > 3650 {
			return Due{}, apperr.Invalid("CALENDAR_PERIOD_INVALID", "期间应为1到3650之间的整数")
		}
	}
	if given != 1 {
		return Due{}, apperr.Invalid("CALENDAR_PERIOD_INVALID", "请给出且只给出一种期间：workdays、days、months 或 hours")
	}
	if q.Hours > 0 {
		from, err := time.Parse(time.RFC3339, strings.TrimSpace(q.From))
		if err != nil {
			return Due{}, apperr.InvalidField("from", "DATETIME_INVALID", "按小时计算时，起算时刻应为 2026-10-01T10:00:00+08:00 形式")
		}
		due, explain, err := calendar.AddHours(from, q.Hours)
		return Due{Due: due.In(civil.Zone).Format(time.RFC3339), Explain: explain}, err
	}
	from, err := civil.ParseDate("from", "起算日期", q.From)
	if err != nil {
		return Due{}, err
	}
	t, err := s.Table(ctx)
	if err != nil {
		return Due{}, err
	}
	var d calendar.Due
	switch {
	case q.Workdays > 0:
		d, err = t.AddWorkdays(from, q.Workdays)
	case q.Days > 0:
		d, err = t.AddDays(from, q.Days)
	default:
		d, err = t.AddMonths(from, q.Months)
	}
	return Due{Due: d.Due.String(), Explain: d.Explain, Skipped: d.Skipped}, err
}

// importColumns are the columns of a year's file: 日期, 类型 (休 or 班), 名称.
var importColumns = map[string][]string{
	"date": {"date", "日期"},
	"kind": {"kind", "类型", "休/班"},
	"name": {"name", "名称", "节日"},
}

// Preview is what an import would set, checked, without saving it.
type Preview struct {
	Year     calendar.Year `json:"year"`
	Replaces *YearInfo     `json:"replaces,omitempty"` // the arrangement the year has now
	OffDays  int           `json:"offDays"`
	WorkDays int           `json:"workDays"`
}

// yearImport collects and checks the rows of a year's file.
type yearImport struct {
	days   []calendar.Day
	seen   map[civil.Date]int
	report tabular.Report
}

func (y *yearImport) Pending() int                { return 0 }
func (y *yearImport) Flush(context.Context) error { return nil }
func (y *yearImport) Report() *tabular.Report     { return &y.report }

func (y *yearImport) Add(_ context.Context, row *tabular.Row) error {
	d, err := civil.ParseDate("date", "日期", row.Get("date"))
	if err != nil {
		row.Fail("date", err)
	}
	var off bool
	switch strings.TrimSpace(row.Get("kind")) {
	case "休", "放假", "off":
		off = true
	case "班", "上班", "work":
	default:
		row.Fail("kind", apperr.Invalid("CALENDAR_KIND_INVALID", "类型应为“休”（放假）或“班”（调休上班）："+row.Get("kind")))
	}
	name := strings.TrimSpace(row.Get("name"))
	if name == "" {
		row.Fail("name", apperr.Invalid("CALENDAR_NAME_REQUIRED", "请填写节日名称，如 春节"))
	}
	if !row.OK() {
		return nil
	}
	if line, dup := y.seen[d]; dup {
		row.Fail("date", apperr.Invalid("CALENDAR_DATE_DUPLICATE", fmt.Sprintf("日期%s与第%d行重复", d, line)))
		return nil
	}
	weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	if !off && !weekend {
		row.Fail("kind", apperr.Invalid("CALENDAR_WORKDAY_NOT_WEEKEND", fmt.Sprintf("%s是工作日，不必列为调休上班", d)))
		return nil
	}
	y.seen[d] = row.Line
	y.days = append(y.days, calendar.Day{Date: d, Off: off, Name: name})
	return nil
}

// read parses and checks a year's file: every row valid, every date in the same year.
func read(ctx context.Context, file io.Reader, docNo string) (calendar.Year, error) {
	docNo = strings.TrimSpace(docNo)
	if err := text.Check("docNo", docNo, text.Limit{Max: 100}); err != nil {
		return calendar.Year{}, err
	}
	if docNo == "" {
		return calendar.Year{}, apperr.InvalidField("docNo", "CALENDAR_DOC_REQUIRED", "请填写国务院办公厅通知的文号，如 国办发明电〔2026〕7号")
	}
	tr, err := tabular.Open(file)
	if err != nil {
		return calendar.Year{}, err
	}
	defer tr.Close()
	cols, err := tabular.Index(tr.Header(), importColumns, "date", "kind", "name")
	if err != nil {
		return calendar.Year{}, err
	}
	y := &yearImport{seen: map[civil.Date]int{}}
	if _, err := tabular.Load(ctx, tr, cols, y, 1, nil); err != nil {
		return calendar.Year{}, err
	}
	year := y.days[0].Date.Year()
	for _, d := range y.days {
		if d.Date.Year() != year {
			return calendar.Year{}, apperr.Invalid("CALENDAR_YEARS_MIXED", fmt.Sprintf("一个文件只能导入一个年度的安排：%d年与%d年", year, d.Date.Year()))
		}
	}
	slices.SortFunc(y.days, func(a, b calendar.Day) int { return a.Date.Compare(b.Date) })
	return calendar.Year{Year: year, DocNo: docNo, Days: y.days}, nil
}

// PreviewImport checks a year's file and tells what it would set, saving nothing.
func (s *Service) PreviewImport(ctx context.Context, p *access.Principal, file io.Reader, docNo string) (Preview, error) {
	y, err := read(ctx, file, docNo)
	if err != nil {
		return Preview{}, err
	}
	out := Preview{Year: y}
	for _, d := range y.Days {
		if d.Off {
			out.OffDays++
		} else {
			out.WorkDays++
		}
	}
	years, err := s.Years(ctx, p)
	if err != nil {
		return Preview{}, err
	}
	for _, old := range years {
		if old.Year == y.Year {
			out.Replaces = &old
		}
	}
	return out, nil
}

// Import sets a year's arrangement from its file, all or nothing, replacing what the year had;
// deadlines counted across the year are told to count again.
func (s *Service) Import(ctx context.Context, p *access.Principal, file io.Reader, docNo string) (YearInfo, error) {
	y, err := read(ctx, file, docNo)
	if err != nil {
		return YearInfo{}, err
	}
	now := clock.Stamp(s.Clock.Now())
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `DELETE FROM calendar_years WHERE year = ?`, y.Year); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO calendar_years (year, doc_no, days, imported_at, imported_by)
			VALUES (?, ?, ?, ?, ?)`, y.Year, y.DocNo, db.JSONOf(y.Days), now, p.AccountID); err != nil {
			return err
		}
		if err := events.Publish(ctx, s.Events, tx, Changed{Year: y.Year}); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionImport, Entity: "calendar_year",
			EntityID: fmt.Sprint(y.Year), EntityName: fmt.Sprintf("%d年节假日安排", y.Year),
			Summary: fmt.Sprintf("导入%d年节假日安排（%s），共%d天", y.Year, y.DocNo, len(y.Days)), Detail: y})
	})
	if err != nil {
		return YearInfo{}, err
	}
	return YearInfo{Year: y.Year, DocNo: y.DocNo, Source: "imported", ImportedAt: now, Days: y.Days}, nil
}
