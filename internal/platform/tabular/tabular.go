// Package tabular streams rows from the files users import: CSV (UTF-8, with or without a BOM, or
// GB18030 as Excel on Chinese Windows saves it) and Excel .xlsx (first sheet). Rows are read one at
// a time so that a file of 600,000 villages does not have to sit in memory.
package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"zhifa/internal/platform/apperr"
)

// Reader yields a header and then data rows.
type Reader interface {
	// Header returns the column names, trimmed.
	Header() []string
	// Next returns the next data row and its 1-based line number in the file (the header is line
	// 1), or io.EOF after the last row.
	Next() (row []string, line int, err error)
	Close() error
}

// Open detects the format of r (an .xlsx is a zip file) and returns a row reader positioned after
// the header.
func Open(r io.Reader) (Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	if bytes.Equal(head, []byte("PK\x03\x04")) {
		return openXLSX(br)
	}
	return openCSV(br)
}

type csvReader struct {
	r      *csv.Reader
	header []string
	line   int
}

func openCSV(br *bufio.Reader) (Reader, error) {
	sample, _ := br.Peek(32 << 10)
	var src io.Reader = br
	if bytes.HasPrefix(sample, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	} else if !validUTF8Prefix(sample) {
		src = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	cr := csv.NewReader(src)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	h, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Invalid("IMPORT_EMPTY", "导入文件为空，缺少表头行")
	}
	if err != nil {
		return nil, csvError(err)
	}
	return &csvReader{r: cr, header: trimAll(h), line: 1}, nil
}

// validUTF8Prefix reports whether b is UTF-8, ignoring a rune cut off at the end of the sample.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

func (c *csvReader) Header() []string { return c.header }

func (c *csvReader) Next() ([]string, int, error) {
	for {
		rec, err := c.r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, 0, io.EOF
			}
			return nil, 0, csvError(err)
		}
		line, _ := c.r.FieldPos(0)
		c.line = line
		if blank(rec) {
			continue
		}
		return trimAll(rec), line, nil
	}
}

func (c *csvReader) Close() error { return nil }

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return apperr.Rows("IMPORT_MALFORMED", "CSV 文件格式错误，未导入任何数据", []apperr.Detail{{
			Row: pe.Line, Code: "CSV_MALFORMED", Message: fmt.Sprintf("第%d行：CSV 格式错误（%s）", pe.Line, csvReason(pe.Err)),
		}})
	}
	return apperr.Invalid("IMPORT_MALFORMED", "无法读取导入文件："+err.Error())
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "引号不匹配"
	case errors.Is(err, csv.ErrFieldCount):
		return "列数不一致"
	}
	return err.Error()
}

type xlsxReader struct {
	f      *excelize.File
	rows   *excelize.Rows
	header []string
	line   int
}

func openXLSX(r io.Reader) (Reader, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, apperr.Invalid("IMPORT_MALFORMED", "无法读取 Excel 文件，请确认是 .xlsx 格式")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, apperr.Invalid("IMPORT_EMPTY", "Excel 文件没有工作表")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, apperr.Invalid("IMPORT_MALFORMED", "无法读取 Excel 工作表")
	}
	x := &xlsxReader{f: f, rows: rows}
	for rows.Next() {
		x.line++
		cols, err := rows.Columns()
		if err != nil {
			x.Close()
			return nil, apperr.Invalid("IMPORT_MALFORMED", "无法读取 Excel 表头")
		}
		if !blank(cols) {
			x.header = trimAll(cols)
			return x, nil
		}
	}
	x.Close()
	return nil, apperr.Invalid("IMPORT_EMPTY", "导入文件为空，缺少表头行")
}

func (x *xlsxReader) Header() []string { return x.header }

func (x *xlsxReader) Next() ([]string, int, error) {
	for x.rows.Next() {
		x.line++
		cols, err := x.rows.Columns()
		if err != nil {
			return nil, 0, apperr.Invalid("IMPORT_MALFORMED", fmt.Sprintf("第%d行：无法读取", x.line))
		}
		if blank(cols) {
			continue
		}
		return trimAll(cols), x.line, nil
	}
	return nil, 0, io.EOF
}

func (x *xlsxReader) Close() error {
	x.rows.Close()
	return x.f.Close()
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = strings.TrimSpace(s)
	}
	return out
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// Columns maps header names to positions, accepting several names per column.
type Columns map[string]int

// Index finds columns by any of their accepted names (case-insensitive); wanted maps a canonical
// key to its accepted names. A missing required column is an error naming it.
func Index(header []string, wanted map[string][]string, required ...string) (Columns, error) {
	pos := map[string]int{}
	for i, h := range header {
		pos[strings.ToLower(h)] = i
	}
	cols := Columns{}
	for key, names := range wanted {
		for _, n := range names {
			if i, ok := pos[strings.ToLower(n)]; ok {
				cols[key] = i
				break
			}
		}
	}
	for _, key := range required {
		if _, ok := cols[key]; !ok {
			return nil, apperr.InvalidField(key, "IMPORT_COLUMN_MISSING",
				fmt.Sprintf("导入文件缺少必需的列：%s（可用列名：%s）", key, strings.Join(wanted[key], "、")))
		}
	}
	return cols, nil
}

// Get returns the value of a column in a row, or "" when the column or cell is absent.
func (c Columns) Get(row []string, key string) string {
	i, ok := c[key]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}

// Has reports whether the file has the column.
func (c Columns) Has(key string) bool { _, ok := c[key]; return ok }
