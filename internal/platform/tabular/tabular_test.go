package tabular

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/platform/apperr"
)

func readAll(t *testing.T, r Reader) ([][]string, []int) {
	t.Helper()
	var rows [][]string
	var lines []int
	for {
		row, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, lines
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
		lines = append(lines, line)
	}
}

func TestCSVWithBOMAndBlankLines(t *testing.T) {
	r, err := Open(strings.NewReader("\xef\xbb\xbfcode, name\n37,山东省\n\n, \n3715,聊城市\n"))
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Header(); h[0] != "code" || h[1] != "name" {
		t.Fatalf("header %q", h)
	}
	rows, lines := readAll(t, r)
	if len(rows) != 2 || rows[1][1] != "聊城市" || lines[1] != 5 {
		t.Fatalf("rows %v lines %v", rows, lines)
	}
}

func TestXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"区划代码", "区划名称"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"37", "山东省"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"3715", "聊城市"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := Open(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cols, err := Index(r.Header(), map[string][]string{"code": {"code", "区划代码"}, "name": {"name", "区划名称"}}, "code", "name")
	if err != nil {
		t.Fatal(err)
	}
	rows, lines := readAll(t, r)
	if len(rows) != 2 || cols.Get(rows[1], "name") != "聊城市" || lines[1] != 4 {
		t.Fatalf("rows %v lines %v", rows, lines)
	}
}

func TestMissingColumnAndEmptyFile(t *testing.T) {
	_, err := Index([]string{"name"}, map[string][]string{"code": {"code"}}, "code")
	if !apperr.Is(err, "IMPORT_COLUMN_MISSING") {
		t.Fatalf("missing column: %v", err)
	}
	if _, err := Open(strings.NewReader("")); !apperr.Is(err, "IMPORT_EMPTY") {
		t.Fatalf("empty file: %v", err)
	}
}
