package tabular

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/platform/apperr"
)

type xlsxReader struct {
	f      *excelize.File
	rows   *excelize.Rows
	header []string
	line   int
}

// openXLSX reads a workbook's first sheet. Before the Excel reader sees the file, inspectXLSX
// checks every part's unpacked size and scans the shared strings and worksheets with bounded
// memory; the reader's own unzip limits are a second fence behind those checks.
func openXLSX(r io.Reader) (Reader, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxXLSXFile+1))
	if err != nil {
		return nil, apperr.Invalid("IMPORT_MALFORMED", "无法读取导入文件")
	}
	if len(b) > MaxXLSXFile {
		return nil, apperr.Invalid("IMPORT_FILE_TOO_LARGE", fmt.Sprintf("Excel 文件超过%dMB，请拆分后分批导入", MaxXLSXFile>>20))
	}
	if err := inspectXLSX(b); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxXLSXSize, UnzipXMLSizeLimit: xlsxStreamAbove})
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
			if x.header, err = headerOf(cols); err != nil {
				x.Close()
				return nil, err
			}
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
	if err := x.rows.Error(); err != nil {
		return nil, 0, apperr.Invalid("IMPORT_MALFORMED", fmt.Sprintf("第%d行之后无法读取 Excel 工作表", x.line))
	}
	return nil, 0, io.EOF
}

func (x *xlsxReader) Close() error {
	x.rows.Close()
	return x.f.Close()
}

// Kinds of workbook part, by what unpacking them may cost.
const (
	partOther = iota
	partSheet
	partSharedStrings
)

func partKind(name string) int {
	name = strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	switch {
	case name == "xl/sharedstrings.xml":
		return partSharedStrings
	case strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml"):
		return partSheet
	}
	return partOther
}

func partLimit(kind int) uint64 {
	switch kind {
	case partSheet:
		return MaxXLSXSheet
	case partSharedStrings:
		return MaxXLSXSharedStrings
	}
	return MaxXLSXPart
}

func xlsxTooLarge(what string) error {
	return apperr.Invalid("IMPORT_XLSX_TOO_LARGE", "Excel 文件解压后过大（"+what+"），未导入任何数据；请删除多余的工作表、图片和格式，或另存为 CSV 后导入")
}

// inspectXLSX refuses a workbook whose parts, as the zip directory declares them, unpack beyond
// the limits, and then reads each XML part through a scanner that holds one bounded token at a
// time: the shared strings and worksheets may hold no cell longer than MaxCellChars, and no part
// may nest deeper than maxXMLDepth. A part that unpacks to more than its declared size fails in
// archive/zip itself (zip.ErrFormat), so a lying directory cannot get past the size limits.
func inspectXLSX(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return apperr.Invalid("IMPORT_MALFORMED", "无法读取 Excel 文件，请确认是 .xlsx 格式")
	}
	var total, inMemory uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		kind := partKind(f.Name)
		if limit := partLimit(kind); size > limit {
			return xlsxTooLarge(fmt.Sprintf("%s 达 %s，上限 %s", f.Name, mib(size), mib(limit)))
		}
		if total += size; total > MaxXLSXSize {
			return xlsxTooLarge("合计超过 " + mib(MaxXLSXSize))
		}
		if size <= xlsxStreamAbove {
			if inMemory += size; inMemory > MaxXLSXInMemory {
				return xlsxTooLarge("需读入内存的部分合计超过 " + mib(MaxXLSXInMemory))
			}
		}
	}
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		if err := scanPart(f, partKind(f.Name)); err != nil {
			return err
		}
	}
	return nil
}

func mib(n uint64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%dMB", n>>20)
	}
	return fmt.Sprintf("%dKB", (n+1023)>>10)
}

var errTokenTooLong = errors.New("xml token too long")

// tokenBound feeds an xml.Decoder byte by byte (the decoder reads an io.ByteReader directly) and
// fails once the current token has taken max bytes, so the decoder never buffers more than that.
type tokenBound struct {
	r    *bufio.Reader
	n    int64 // bytes read so far
	from int64 // where the current token began
	max  int64
}

func (b *tokenBound) ReadByte() (byte, error) {
	if b.n-b.from >= b.max {
		return 0, errTokenTooLong
	}
	c, err := b.r.ReadByte()
	if err == nil {
		b.n++
	}
	return c, err
}

func (b *tokenBound) Read(p []byte) (int, error) {
	for i := range p {
		c, err := b.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = c
	}
	return len(p), nil
}

// scanPart reads one XML part with bounded memory. In the shared-string table it adds up the text
// of each string item (<si>, without its phonetic runs <rPh>); in a worksheet the text of each
// cell (<c>: its value <v> or inline string <t>); either may not exceed MaxCellChars.
func scanPart(f *zip.File, kind int) error {
	rc, err := f.Open()
	if err != nil {
		return apperr.Invalid("IMPORT_MALFORMED", "无法读取 Excel 文件，请确认是 .xlsx 格式")
	}
	defer rc.Close()
	in := &tokenBound{r: bufio.NewReaderSize(rc, 32<<10), max: maxXMLToken}
	d := xml.NewDecoder(in)
	var (
		depth, phonetic, chars, items int
		inText                        bool
		cell                          string // the worksheet cell being read, e.g. C5
	)
	tooLong := func() error {
		if kind == partSheet {
			return apperr.Invalid("IMPORT_CELL_TOO_LONG", fmt.Sprintf("Excel 工作表 %s 的单元格 %s 超过%d个字，未导入任何数据", f.Name, cell, MaxCellChars))
		}
		return apperr.Invalid("IMPORT_CELL_TOO_LONG", fmt.Sprintf("Excel 文件中第%d个文字单元格内容超过%d个字，未导入任何数据", items, MaxCellChars))
	}
	for {
		in.from = in.n
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			switch {
			case errors.Is(err, errTokenTooLong) && kind != partOther && inText:
				return tooLong()
			case errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum):
				return apperr.Invalid("IMPORT_MALFORMED", "Excel 文件已损坏："+f.Name+" 解压后的内容与文件记载的大小或校验值不符，未导入任何数据")
			}
			return apperr.Invalid("IMPORT_MALFORMED", "Excel 文件中 "+f.Name+" 的内容格式错误，未导入任何数据")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return apperr.Invalid("IMPORT_MALFORMED", "Excel 文件中 "+f.Name+" 的层次过深，未导入任何数据")
			}
			switch name := t.Name.Local; {
			case kind == partSharedStrings && name == "si":
				if items++; items > MaxXLSXStrings {
					return xlsxTooLarge(fmt.Sprintf("文字单元格超过%d个", MaxXLSXStrings))
				}
				chars = 0
			case kind == partSharedStrings && name == "rPh":
				phonetic++
			case kind == partSheet && name == "c":
				chars, cell = 0, ""
				for _, a := range t.Attr {
					if a.Name.Local == "r" && len(a.Value) <= 16 {
						cell = a.Value
					}
				}
			case name == "t" || (kind == partSheet && name == "v"):
				inText = kind != partOther && phonetic == 0
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "rPh":
				if kind == partSharedStrings && phonetic > 0 {
					phonetic--
				}
			case "t", "v":
				inText = false
			}
		case xml.CharData:
			if inText {
				if chars += utf8.RuneCount(t); chars > MaxCellChars {
					return tooLong()
				}
			}
		}
	}
}
