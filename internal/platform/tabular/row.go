package tabular

import (
	"fmt"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/text"
)

// cellLimit is what any cell may hold before an importer applies its field's own limit: the
// characters JSON text may hold (no control characters, direction overrides or invalid bytes),
// line breaks included, up to MaxCellChars.
var cellLimit = text.Limit{Max: MaxCellChars, Multiline: true}

// Report collects the problems of one import, up to MaxReportedErrors.
type Report struct {
	details []apperr.Detail
}

// Fail records a problem of the row on line, in field (a column key).
func (r *Report) Fail(line int, field string, err error) { r.add(RowError(line, field, err)) }

func (r *Report) add(d apperr.Detail) {
	if len(r.details) < MaxReportedErrors {
		r.details = append(r.details, d)
	}
}

// Failed reports whether any row has failed, so that nothing may be written.
func (r *Report) Failed() bool { return len(r.details) > 0 }

// Full reports whether no more problems will be recorded; reading stops there.
func (r *Report) Full() bool { return len(r.details) >= MaxReportedErrors }

// Details returns the problems recorded so far.
func (r *Report) Details() []apperr.Detail { return r.details }

// Row is one data row on its way into an import: its line in the file, its cells, and what has
// been found wrong with it. Each field is reported once, by the first rule that refuses it, so a
// bad cell is not reported again by every rule that reads it; different fields are all reported.
type Row struct {
	Line     int
	cells    []string
	cols     Columns
	refused  map[int]bool    // cells that broke the cell rules
	reported map[string]bool // fields reported
	report   *Report
	failed   bool
}

// newRow checks every cell of a row against the cell rules and records what breaks them.
func newRow(line int, cells []string, cols Columns, report *Report) *Row {
	r := &Row{Line: line, cells: cells, cols: cols, report: report}
	for i, c := range cells {
		f, bad := text.Find(c, cellLimit)
		if !bad {
			continue
		}
		if r.refused == nil {
			r.refused = map[int]bool{}
		}
		r.refused[i] = true
		field := cols.field(i)
		where := fmt.Sprintf("第%d行 %s", line, cols.label(i))
		switch {
		case f.TooLong:
			r.record(field, apperr.Detail{Row: line, Field: field, Code: "TEXT_TOO_LONG",
				Message: fmt.Sprintf("%s超过%d个字", where, f.Max)})
		case f.Rune == utf8.RuneError:
			r.record(field, apperr.Detail{Row: line, Field: field, Code: "TEXT_INVALID_CHAR",
				Message: fmt.Sprintf("%s含有无法识别的字符（第%d个字符），文件的编码可能有误，请另存为 UTF-8 或 GB18030 编码的 CSV 或 .xlsx 后重新导入", where, f.Pos+1)})
		default:
			r.record(field, apperr.Detail{Row: line, Field: field, Code: "TEXT_INVALID_CHAR",
				Message: fmt.Sprintf("%s第%d个字符为%s（U+%04X），请删除后重试", where, f.Pos+1, f.Why, f.Rune)})
		}
	}
	return r
}

// Get returns the value of a column, or "" when the column is absent, the cell is empty or the
// cell broke the cell rules (it has been reported already).
func (r *Row) Get(key string) string {
	i, ok := r.cols.pos[key]
	if !ok || i >= len(r.cells) || r.refused[i] {
		return ""
	}
	return r.cells[i]
}

// Fail records a problem in a field of this row unless the field has been reported already.
// field is a column key; "" takes the field named by err.
func (r *Row) Fail(field string, err error) {
	d := RowError(r.Line, field, err)
	r.record(d.Field, d)
}

func (r *Row) record(field string, d apperr.Detail) {
	r.failed = true
	if field != "" {
		if r.reported[field] {
			return
		}
		if r.reported == nil {
			r.reported = map[string]bool{}
		}
		r.reported[field] = true
	}
	r.report.add(d)
}

// Reported tells whether a field of this row has been reported: later rules that depend on it
// need not run.
func (r *Row) Reported(field string) bool { return r.reported[field] }

// OK reports whether nothing is wrong with the row so far.
func (r *Row) OK() bool { return !r.failed }
