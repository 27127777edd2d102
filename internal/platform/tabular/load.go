package tabular

import (
	"context"
	"errors"
	"fmt"
	"io"

	"zhifa/internal/platform/apperr"
)

// MaxReportedErrors bounds the row errors one import reports; reading stops there.
const MaxReportedErrors = 200

// Batcher is one import's row handling. Add validates a row and queues it, recording row-level
// problems for Errors rather than returning them; Flush checks the queued rows against the store
// and writes them while no row has failed; Pending tells how many rows are queued.
type Batcher interface {
	Add(ctx context.Context, line int, row []string) error
	Flush(ctx context.Context) error
	Pending() int
	Errors() []apperr.Detail
}

// Load drives an all-or-nothing import: it streams rows from r into b, flushing every batchSize
// rows, and reports progress after each flush. It returns the number of data rows read. When any
// row failed it returns apperr.Rows("IMPORT_INVALID", …) with every row error, and the caller's
// transaction must roll back, so the store is left as it was.
func Load(ctx context.Context, r Reader, b Batcher, batchSize int, progress func(rows int)) (int, error) {
	count := 0
	for len(b.Errors()) < MaxReportedErrors {
		row, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return count, err
		}
		count++
		if err := b.Add(ctx, line, row); err != nil {
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
	if errs := b.Errors(); len(errs) > 0 {
		return count, apperr.Rows("IMPORT_INVALID", fmt.Sprintf("导入文件有%d处错误，未导入任何数据", len(errs)), errs)
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
