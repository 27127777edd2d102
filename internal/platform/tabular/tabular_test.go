package tabular

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
	if len(rows) != 2 || rows[1][cols.pos["name"]] != "聊城市" || lines[1] != 4 {
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

// TestCSVRowTooLong refuses a record over MaxRowBytes before encoding/csv splits it: a 10 MB
// cell, and a line of two million empty fields, each allocating far less than the file's size.
func TestCSVRowTooLong(t *testing.T) {
	for name, file := range map[string]string{
		"10 MB cell":        "code,name\n37," + strings.Repeat("省", 10<<20/3) + "\n",
		"two million cells": "code,name\n37," + strings.Repeat(",", 2_000_000) + "\n",
	} {
		var err error
		n := allocated(func() {
			r, e := Open(strings.NewReader(file))
			if e != nil {
				t.Fatal(e)
			}
			_, _, err = r.Next()
		})
		if e := apperr.As(err); e.Code != "IMPORT_ROW_TOO_LONG" || len(e.Details) != 1 || e.Details[0].Row != 2 {
			t.Errorf("%s: %v %+v", name, err, e.Details)
		}
		if n > 64<<20 {
			t.Errorf("%s: allocated %d MB", name, n>>20)
		}
		t.Logf("%s: allocated %.1f MB", name, float64(n)/(1<<20))
	}
}

// TestCellRules refuses cells that JSON text could not hold, naming line and column: bytes that
// are invalid in the file's encoding (UTF-8 or GB18030, which decoders turn into U+FFFD),
// control characters and overlong cells; and rows with too many columns.
func TestCellRules(t *testing.T) {
	check := func(name, file, want string) {
		t.Helper()
		f := &fakeBatcher{}
		r, err := Open(strings.NewReader(file))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cols, _ := Index(r.Header(), map[string][]string{"code": {"code", "代码"}, "name": {"name", "名称"}}, "code")
		_, err = Load(context.Background(), r, cols, f, 10, nil)
		var got []string
		for _, d := range apperr.As(err).Details {
			got = append(got, fmt.Sprintf("%d %s %s %s", d.Row, d.Field, d.Code, d.Message))
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("%s:\n%s\nwant\n%s", name, strings.Join(got, "\n"), want)
		}
	}
	// UTF-8 for the first 32 KB, then a byte that is not.
	pad := strings.Repeat("37,山东省\n", 32<<10/13+100)
	check("invalid UTF-8 after the sample", "code,name\n"+pad+"38,山\xff东\n",
		fmt.Sprintf("%d name TEXT_INVALID_CHAR 第%[1]d行 第2列（name）含有无法识别的字符（第2个字符），文件的编码可能有误，请另存为 UTF-8 或 GB18030 编码的 CSV 或 .xlsx 后重新导入", strings.Count(pad, "\n")+2))
	// GB18030 ("代码,名称" and "山东" in GB18030), with 0xFF, which no GB18030 sequence starts with.
	check("invalid GB18030", "\xb4\xfa\xc2\xeb,\xc3\xfb\xb3\xc6\n37,\xc9\xbd\xff\xb6\xab\n",
		"2 name TEXT_INVALID_CHAR 第2行 第2列（名称）含有无法识别的字符（第2个字符），文件的编码可能有误，请另存为 UTF-8 或 GB18030 编码的 CSV 或 .xlsx 后重新导入")
	check("replacement character typed in", "code,name\n37,山\ufffd东\n",
		"2 name TEXT_INVALID_CHAR 第2行 第2列（name）含有无法识别的字符（第2个字符），文件的编码可能有误，请另存为 UTF-8 或 GB18030 编码的 CSV 或 .xlsx 后重新导入")
	check("direction override", "code,name\n37,罚款\u202e01\n",
		"2 name TEXT_INVALID_CHAR 第2行 第2列（name）第3个字符为文字方向控制字符（U+202E），请删除后重试")
	check("overlong cell", "code,name\n37,"+strings.Repeat("镇", MaxCellChars+1)+"\n",
		fmt.Sprintf("2 name TEXT_TOO_LONG 第2行 第2列（name）超过%d个字", MaxCellChars))
	check("too many columns", "code,name\n37,山东"+strings.Repeat(",x", MaxColumns)+"\n38,河南"+strings.Repeat(",", 1000)+"\n",
		fmt.Sprintf("2  IMPORT_TOO_MANY_COLUMNS 第2行有%d列，超过%d列的上限", MaxColumns+2, MaxColumns))
}
