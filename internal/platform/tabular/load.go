package tabular

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"zhifa/internal/platform/apperr"
)

// MaxReportedErrors bounds the row errors one import reports; reading stops there.
const MaxReportedErrors = 200

// Batcher is one import's row handling. Add validates a row and queues it, recording every
// problem of the row in it rather than returning it; Flush checks the queued rows against the
// store, records what it finds in the Report, and writes them while no row has failed; Pending
// tells how many rows are queued; Report is where the import's problems are collected.
type Batcher interface {
	Add(ctx context.Context, row *Row) error
	Flush(ctx context.Context) error
	Pending() int
	Report() *Report
}

// Load drives an all-or-nothing import: it streams rows from r into b, flushing every batchSize
// rows, and reports progress after each flush. Every cell first passes the cell rules (length,
// characters, encoding); a row with more than MaxColumns columns is refused whole. It returns the
// number of data rows read. When any row failed it returns apperr.Rows("IMPORT_INVALID", …) with
// every problem found, ordered by line (at most MaxReportedErrors, after which reading stops), and
// the caller's transaction must roll back, so the store is left as it was.
func Load(ctx context.Context, r Reader, cols Columns, b Batcher, batchSize int, progress func(rows int)) (int, error) {
	count := 0
	report := b.Report()
	for !report.Full() {
		cells, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return count, err
		}
		count++
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > MaxColumns {
			report.add(apperr.Detail{Row: line, Code: "IMPORT_TOO_MANY_COLUMNS",
				Message: fmt.Sprintf("第%d行有%d列，超过%d列的上限", line, len(cells), MaxColumns)})
			continue
		}
		if err := b.Add(ctx, newRow(line, cells, cols, report)); err != nil {
			return count, err
		}
		if b.Pending() >= batchSize {
			if err := b.Flush(ctx); err != nil {
				return count, err
			}
			if progress != nil {
				progress(count)
			}
		}
	}
	if err := b.Flush(ctx); err != nil {
		return count, err
	}
	if progress != nil {
		progress(count)
	}
	if report.Failed() {
		errs := slices.Clone(report.Details())
		slices.SortStableFunc(errs, func(a, b apperr.Detail) int { return cmp.Compare(a.Row, b.Row) })
		msg := fmt.Sprintf("导入文件有%d处错误，未导入任何数据", len(errs))
		if report.Full() {
			msg = fmt.Sprintf("导入文件至少有%d处错误（只列出前%d处），未导入任何数据", len(errs), len(errs))
		}
		return count, apperr.Rows("IMPORT_INVALID", msg, errs)
	}
	if count == 0 {
		return 0, apperr.Invalid("IMPORT_EMPTY", "导入文件没有数据行")
	}
	return count, nil
}

// RowError turns a validation error into the report line of a row: "第N行：…".
func RowError(line int, field string, err error) apperr.Detail {
	e := apperr.As(err)
	if field == "" {
		field = e.Field
	}
	return apperr.Detail{Row: line, Field: field, Code: e.Code, Message: fmt.Sprintf("第%d行：%s", line, e.Message)}
}
