package tabular

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/platform/apperr"
)

// deflate returns the raw deflate stream of prefix, then n bytes repeating unit, then suffix,
// with the CRC-32 and length of what it unpacks to. It streams, so a 600 MB payload never sits in
// memory; only the few megabytes of compressed output do.
func deflate(t *testing.T, prefix string, unit []byte, n int64, suffix string) (stream []byte, crc uint32, size uint64) {
	t.Helper()
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	h := crc32.NewIEEE()
	w := io.MultiWriter(fw, h)
	io.WriteString(w, prefix)
	chunk := bytes.Repeat(unit, (1<<20)/len(unit))
	for left := n; left > 0; {
		c := chunk
		if int64(len(c)) > left {
			c = c[:left]
		}
		w.Write(c)
		left -= int64(len(c))
	}
	io.WriteString(w, suffix)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), h.Sum32(), uint64(len(prefix)) + uint64(n) + uint64(len(suffix))
}

// part is one member of a test zip: plain content, or a raw deflate stream with the size and
// CRC its directory entry declares.
type part struct {
	name     string
	content  string
	raw      []byte
	crc      uint32
	declared uint64
}

func zipOf(t *testing.T, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if p.raw == nil {
			w, _ := zw.Create(p.name)
			io.WriteString(w, p.content)
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc,
			CompressedSize64: uint64(len(p.raw)), UncompressedSize64: p.declared})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.raw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withPart replaces (or adds) one part of a workbook, keeping the others as they are.
func withPart(t *testing.T, wb []byte, p part) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []part
	for _, f := range zr.File {
		if f.Name == p.name {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts = append(parts, part{name: f.Name, content: string(b)})
	}
	return zipOf(t, append(parts, p)...)
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`
	sstPrefix    = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
)

// allocated runs fn and returns the bytes it allocated on the heap, all of them, freed or not:
// a bound on it bounds the heap's growth at any moment during fn.
func allocated(fn func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const memoryBound = 100 << 20

func openBytes(b []byte) error {
	r, err := Open(bytes.NewReader(b))
	if err == nil {
		r.Close()
	}
	return err
}

// TestXLSXSharedStringsBomb opens workbooks whose shared-string table is one 600 MB string, as in
// the incident where such a 613 KB file took the server to 5 GB: each is refused with a coded
// error, and opening it allocates less than memoryBound in all.
func TestXLSXSharedStringsBomb(t *testing.T) {
	const huge = 600 << 20
	stream, crc, size := deflate(t, sstPrefix+`<si><t>`, []byte("a"), huge, `</t></si></sst>`)
	if len(stream) > 8<<20 {
		t.Fatalf("the bomb should be small: %d bytes", len(stream))
	}

	// A real workbook whose first data cell is shared string 0, the bomb.
	wb := workbook(t, []any{"name"}, []any{"x"})
	t.Run("declared size over the limit", func(t *testing.T) {
		file := withPart(t, wb, part{name: "xl/sharedStrings.xml", raw: stream, crc: crc, declared: size})
		var err error
		n := allocated(func() { err = openBytes(file) })
		if n > memoryBound {
			t.Errorf("allocated %d MB", n>>20)
		}
		t.Logf("allocated %.1f MB", float64(n)/(1<<20))
		if e := apperr.As(err); e.Code != "IMPORT_XLSX_TOO_LARGE" || !strings.Contains(e.Message, "xl/sharedStrings.xml") {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("one string over the cell limit, size within the limits", func(t *testing.T) {
		// 60 MB declared honestly: within MaxXLSXSharedStrings, so only the scan can stop it.
		s60, crc60, size60 := deflate(t, sstPrefix+`<si><t>`, []byte("a"), 60<<20, `</t></si></sst>`)
		file := withPart(t, wb, part{name: "xl/sharedStrings.xml", raw: s60, crc: crc60, declared: size60})
		var err error
		n := allocated(func() { err = openBytes(file) })
		if n > memoryBound {
			t.Errorf("allocated %d MB", n>>20)
		}
		t.Logf("allocated %.1f MB", float64(n)/(1<<20))
		if !apperr.Is(err, "IMPORT_CELL_TOO_LONG") {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("directory understates the size", func(t *testing.T) {
		// Many short strings, so that the cell limit does not stop the scan first: only the
		// difference between the declared and the real size does.
		many, crcMany, _ := deflate(t, sstPrefix, []byte(`<si><t>a</t></si>`), huge, `</sst>`)
		file := withPart(t, wb, part{name: "xl/sharedStrings.xml", raw: many, crc: crcMany, declared: 1 << 20})

		// archive/zip itself refuses to unpack more than the directory declares.
		zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := zr.File[len(zr.File)-1].Open()
		read, err := io.Copy(io.Discard, rc)
		if !errors.Is(err, zip.ErrFormat) || read > 1<<20+64<<10 {
			t.Fatalf("archive/zip read %d bytes, err %v", read, err)
		}

		n := allocated(func() { err = openBytes(file) })
		if n > memoryBound {
			t.Errorf("allocated %d MB", n>>20)
		}
		t.Logf("allocated %.1f MB", float64(n)/(1<<20))
		if e := apperr.As(err); e.Code != "IMPORT_MALFORMED" || !strings.Contains(e.Message, "大小") {
			t.Fatalf("got %v", err)
		}
	})
}

// workbook writes an .xlsx with the given rows on its first sheet.
func workbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXCellLimit(t *testing.T) {
	ok := workbook(t, []any{"code", "text"}, []any{"1", strings.Repeat("法", MaxCellChars)})
	r, err := Open(bytes.NewReader(ok))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := readAll(t, r)
	r.Close()
	if len(rows) != 1 || len([]rune(rows[0][1])) != MaxCellChars {
		t.Fatalf("a cell at the limit: %d rows", len(rows))
	}
	long := workbook(t, []any{"code", "text"}, []any{"1", strings.Repeat("法", MaxCellChars+1)})
	if err := openBytes(long); !apperr.Is(err, "IMPORT_CELL_TOO_LONG") {
		t.Fatalf("a cell over the limit: %v", err)
	}
}

// TestXLSXStructure refuses worksheets nested beyond reason and parts whose sum is too large.
func TestXLSXStructure(t *testing.T) {
	deep := `<worksheet><sheetData>` + strings.Repeat("<x>", maxXMLDepth+1) + strings.Repeat("</x>", maxXMLDepth+1) + `</sheetData></worksheet>`
	file := zipOf(t, part{name: "[Content_Types].xml", content: contentTypes}, part{name: "xl/worksheets/sheet1.xml", content: deep})
	if err := openBytes(file); !apperr.Is(err, "IMPORT_MALFORMED") || !strings.Contains(apperr.As(err).Message, "层次过深") {
		t.Fatalf("deep nesting: %v", err)
	}
	// Nine worksheets of 100 MB each: each within MaxXLSXSheet, together over MaxXLSXSize.
	sheet, crc, size := deflate(t, `<worksheet><sheetData>`, []byte(" "), 100<<20, `</sheetData></worksheet>`)
	parts := []part{{name: "[Content_Types].xml", content: contentTypes}}
	for i := 1; i <= 9; i++ {
		parts = append(parts, part{name: fmt.Sprintf("xl/worksheets/sheet%d.xml", i), raw: sheet, crc: crc, declared: size})
	}
	if err := openBytes(zipOf(t, parts...)); !apperr.Is(err, "IMPORT_XLSX_TOO_LARGE") {
		t.Fatalf("total: %v", err)
	}
	// A styles part over MaxXLSXPart.
	styles, crc, size := deflate(t, `<styleSheet>`, []byte(" "), MaxXLSXPart, `</styleSheet>`)
	file = zipOf(t, part{name: "[Content_Types].xml", content: contentTypes}, part{name: "xl/styles.xml", raw: styles, crc: crc, declared: size})
	if err := openBytes(file); !apperr.Is(err, "IMPORT_XLSX_TOO_LARGE") {
		t.Fatalf("styles: %v", err)
	}
}
