package tabular

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

// fakeBatcher refuses rows whose first cell is "bad" and counts what it would write.
type fakeBatcher struct {
	pending, written int
	errs             []apperr.Detail
}

func (f *fakeBatcher) Add(_ context.Context, line int, row []string) error {
	if row[0] == "bad" {
		f.errs = append(f.errs, RowError(line, "code", apperr.Invalid("BAD", "不对")))
		return nil
	}
	f.pending++
	return nil
}

func (f *fakeBatcher) Flush(context.Context) error {
	if len(f.errs) == 0 {
		f.written += f.pending
	}
	f.pending = 0
	return nil
}

func (f *fakeBatcher) Pending() int            { return f.pending }
func (f *fakeBatcher) Errors() []apperr.Detail { return f.errs }

func TestLoadBatchesAndReports(t *testing.T) {
	var b strings.Builder
	b.WriteString("code\n")
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&b, "r%d\n", i)
	}
	r, _ := Open(strings.NewReader(b.String()))
	f := &fakeBatcher{}
	var seen []int
	n, err := Load(context.Background(), r, f, 10, func(rows int) { seen = append(seen, rows) })
	if err != nil || n != 25 || f.written != 25 || fmt.Sprint(seen) != "[10 20 25]" {
		t.Fatalf("n=%d written=%d progress=%v err=%v", n, f.written, seen, err)
	}

	r, _ = Open(strings.NewReader("code\nok\nbad\nok\n"))
	_, err = Load(context.Background(), r, &fakeBatcher{}, 10, nil)
	if e := apperr.As(err); e.Code != "IMPORT_INVALID" || len(e.Details) != 1 || e.Details[0].Row != 3 || e.Details[0].Message != "第3行：不对" {
		t.Fatalf("bad row: %+v", e)
	}

	// Reading stops once MaxReportedErrors rows have failed.
	b.Reset()
	b.WriteString("code\n")
	for i := 0; i < MaxReportedErrors+50; i++ {
		b.WriteString("bad\n")
	}
	r, _ = Open(strings.NewReader(b.String()))
	n, err = Load(context.Background(), r, &fakeBatcher{}, 10, nil)
	if e := apperr.As(err); len(e.Details) != MaxReportedErrors || n != MaxReportedErrors {
		t.Fatalf("cap: read %d, %d details", n, len(e.Details))
	}

	r, _ = Open(strings.NewReader("code\n"))
	if _, err := Load(context.Background(), r, &fakeBatcher{}, 10, nil); !apperr.Is(err, "IMPORT_EMPTY") {
		t.Fatalf("empty: %v", err)
	}
}
