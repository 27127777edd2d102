package tabular

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

// fakeBatcher refuses rows whose code is "bad" (and whose name is "bad", separately) and counts
// what it would write.
type fakeBatcher struct {
	pending, written int
	report           Report
}

func (f *fakeBatcher) Add(_ context.Context, row *Row) error {
	if row.Get("code") == "bad" {
		row.Fail("code", apperr.Invalid("BAD", "不对"))
	}
	if row.Get("name") == "bad" {
		row.Fail("name", apperr.Invalid("BAD_NAME", "名称不对"))
	}
	if row.Get("code") == "" {
		row.Fail("code", apperr.Invalid("REQUIRED", "不能为空"))
	}
	if row.OK() {
		f.pending++
	}
	return nil
}

func (f *fakeBatcher) Flush(context.Context) error {
	if !f.report.Failed() {
		f.written += f.pending
	}
	f.pending = 0
	return nil
}

func (f *fakeBatcher) Pending() int    { return f.pending }
func (f *fakeBatcher) Report() *Report { return &f.report }

func load(t *testing.T, file string, b Batcher, batch int, progress func(int)) (int, error) {
	t.Helper()
	r, err := Open(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	cols, err := Index(r.Header(), map[string][]string{"code": {"code"}, "name": {"name"}}, "code")
	if err != nil {
		t.Fatal(err)
	}
	return Load(context.Background(), r, cols, b, batch, progress)
}

func TestLoadBatchesAndReports(t *testing.T) {
	var b strings.Builder
	b.WriteString("code\n")
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&b, "r%d\n", i)
	}
	f := &fakeBatcher{}
	var seen []int
	n, err := load(t, b.String(), f, 10, func(rows int) { seen = append(seen, rows) })
	if err != nil || n != 25 || f.written != 25 || fmt.Sprint(seen) != "[10 20 25]" {
		t.Fatalf("n=%d written=%d progress=%v err=%v", n, f.written, seen, err)
	}

	_, err = load(t, "code\nok\nbad\nok\n", &fakeBatcher{}, 10, nil)
	if e := apperr.As(err); e.Code != "IMPORT_INVALID" || len(e.Details) != 1 || e.Details[0].Row != 3 || e.Details[0].Message != "第3行：不对" {
		t.Fatalf("bad row: %+v", e)
	}

	// Reading stops once MaxReportedErrors problems have been found.
	b.Reset()
	b.WriteString("code\n")
	for i := 0; i < MaxReportedErrors+50; i++ {
		b.WriteString("bad\n")
	}
	n, err = load(t, b.String(), &fakeBatcher{}, 10, nil)
	if e := apperr.As(err); len(e.Details) != MaxReportedErrors || n != MaxReportedErrors {
		t.Fatalf("cap: read %d, %d details", n, len(e.Details))
	}

	if _, err := load(t, "code\n", &fakeBatcher{}, 10, nil); !apperr.Is(err, "IMPORT_EMPTY") {
		t.Fatalf("empty: %v", err)
	}
}

// TestLoadReportsEveryProblemOfARowOnce checks that a row's problems are all reported, one per
// field: a cell refused by the cell rules is not reported again by the importer's own rules.
func TestLoadReportsEveryProblemOfARowOnce(t *testing.T) {
	file := "code,name,note\n" +
		"bad,bad,\x07\n" + // three fields wrong
		"ok,ok,ok\n" +
		"\x00,bad,ok\n" // the code breaks the cell rules; the importer then finds it empty
	_, err := load(t, file, &fakeBatcher{}, 10, nil)
	e := apperr.As(err)
	var got []string
	for _, d := range e.Details {
		got = append(got, fmt.Sprintf("%d %s %s", d.Row, d.Field, d.Code))
	}
	want := "2 note TEXT_INVALID_CHAR|2 code BAD|2 name BAD_NAME|4 code TEXT_INVALID_CHAR|4 name BAD_NAME"
	if strings.Join(got, "|") != want {
		t.Fatalf("details:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	if m := e.Details[0].Message; m != "第2行 第3列（note）第1个字符为控制字符（U+0007），请删除后重试" {
		t.Fatalf("message %q", m)
	}
}
