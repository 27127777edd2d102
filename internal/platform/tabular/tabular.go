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

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/text"
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
	bound  *rowBound
	header []string
	line   int
}

// openCSV reads UTF-8 (with or without a BOM) or, when the first 32 KB are not UTF-8, GB18030.
// Bytes that are invalid in the encoding reach the cells as invalid UTF-8 or U+FFFD, and the cell
// rules refuse them with their line and column.
func openCSV(br *bufio.Reader) (Reader, error) {
	sample, _ := br.Peek(32 << 10)
	var src io.Reader = br
	if bytes.HasPrefix(sample, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	} else if !validUTF8Prefix(sample) {
		src = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	bound := &rowBound{r: src}
	cr := csv.NewReader(bound)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	h, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Invalid("IMPORT_EMPTY", "导入文件为空，缺少表头行")
	}
	if err != nil {
		return nil, csvError(err, 1)
	}
	header, err := headerOf(h)
	if err != nil {
		return nil, err
	}
	return &csvReader{r: cr, bound: bound, header: header, line: 1}, nil
}

var errRowTooLong = errors.New("csv record too long")

// rowBound fails once the record being read has taken more than MaxRowBytes, before encoding/csv
// has split it into fields. The count restarts at every record (csv.Reader reads ahead at most
// one 4 KB buffer, which the bound tolerates).
type rowBound struct {
	r       io.Reader
	n, from int64
}

func (b *rowBound) Read(p []byte) (int, error) {
	if b.n-b.from > MaxRowBytes {
		return 0, errRowTooLong
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// headerOf trims the header row and refuses one too wide to be a header. A BOM that survived the
// decoding (GB18030 has its own) is dropped from the first name.
func headerOf(rec []string) ([]string, error) {
	h := trimAll(rec)
	for len(h) > 0 && h[len(h)-1] == "" {
		h = h[:len(h)-1]
	}
	if len(h) > MaxColumns {
		return nil, apperr.Invalid("IMPORT_TOO_MANY_COLUMNS", fmt.Sprintf("表头有%d列，超过%d列的上限", len(h), MaxColumns))
	}
	if len(h) > 0 {
		h[0] = strings.TrimPrefix(h[0], "\ufeff")
	}
	return h, nil
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
		c.bound.from = c.bound.n
		rec, err := c.r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, 0, io.EOF
			}
			return nil, 0, csvError(err, c.line+1)
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

// csvError reports a file that cannot be read as CSV; next is the first line the failed read may
// have started on.
func csvError(err error, next int) error {
	if errors.Is(err, errRowTooLong) {
		return apperr.Rows("IMPORT_ROW_TOO_LONG", "导入文件中有一行过长，未导入任何数据", []apperr.Detail{{
			Row: next, Code: "IMPORT_ROW_TOO_LONG", Message: fmt.Sprintf("第%d行起的一行超过%dKB（单元格不能超过%d个字），请检查引号是否配对",
				next, MaxRowBytes>>10, MaxCellChars),
		}})
	}
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

// Columns maps the column keys an importer knows to their positions in the file's header.
type Columns struct {
	pos    map[string]int // key → position
	key    map[int]string // position → key
	header []string
}

// Index finds columns by any of their accepted names (case-insensitive); wanted maps a canonical
// key to its accepted names. A missing required column is an error naming it.
func Index(header []string, wanted map[string][]string, required ...string) (Columns, error) {
	at := map[string]int{}
	for i, h := range header {
		if _, dup := at[strings.ToLower(h)]; !dup {
			at[strings.ToLower(h)] = i
		}
	}
	cols := Columns{pos: map[string]int{}, key: map[int]string{}, header: header}
	for key, names := range wanted {
		for _, n := range names {
			if i, ok := at[strings.ToLower(n)]; ok {
				cols.pos[key] = i
				cols.key[i] = key
				break
			}
		}
	}
	for _, key := range required {
		if _, ok := cols.pos[key]; !ok {
			return Columns{}, apperr.InvalidField(key, "IMPORT_COLUMN_MISSING",
				fmt.Sprintf("导入文件缺少必需的列：%s（可用列名：%s）", key, strings.Join(wanted[key], "、")))
		}
	}
	return cols, nil
}

// Has reports whether the file has the column.
func (c Columns) Has(key string) bool { _, ok := c.pos[key]; return ok }

// field names the column at position i in a row error: its key, or its header as written.
func (c Columns) field(i int) string {
	if k, ok := c.key[i]; ok {
		return k
	}
	if i < len(c.header) {
		return c.header[i]
	}
	return ""
}

// label names the column at position i for people: 第3列（区划名称）.
func (c Columns) label(i int) string {
	if i < len(c.header) && c.header[i] != "" && utf8.RuneCountInString(c.header[i]) <= 50 {
		if _, bad := text.Find(c.header[i], text.Name); !bad {
			return fmt.Sprintf("第%d列（%s）", i+1, c.header[i])
		}
	}
	return fmt.Sprintf("第%d列", i+1)
}
