package region

import (
	"context"
	"fmt"
	"io"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/tabular"
	"zhifa/internal/platform/text"
)

// Columns accepted in a region file. The statistics bureau's layouts name the parent by level
// (provinceCode, cityCode, areaCode, streetCode); the most specific one present is the parent.
var importColumns = map[string][]string{
	"code":       {"code", "区划代码", "代码"},
	"name":       {"name", "区划名称", "名称"},
	"parentCode": {"parentCode", "parent_code", "上级区划代码", "上级代码", "streetCode", "areaCode", "cityCode", "provinceCode"},
}

// importBatch is the number of rows inserted per statement.
const importBatch = 500

// ImportResult reports a finished import.
type ImportResult struct {
	Kind     string `json:"kind"`
	Imported int    `json:"imported"`
	Skipped  int    `json:"skipped"` // rows that repeat their own parent (cities without counties)
}

// Progress is told how many rows have been read so far.
type Progress func(rows int)

type pendingRow struct {
	line               int
	code, name, parent string
	level              int
}

// Import reads a region file and adds every row, or none: the whole file runs in one transaction
// that is rolled back if any row is bad, and every bad row is reported with its line number. A
// row's parent must already exist or come earlier in the file.
func (s *Service) Import(ctx context.Context, p *access.Principal, r io.Reader, progress Progress) (ImportResult, error) {
	tr, err := tabular.Open(r)
	if err != nil {
		return ImportResult{}, err
	}
	defer tr.Close()
	cols, err := tabular.Index(tr.Header(), importColumns, "code", "name")
	if err != nil {
		return ImportResult{}, err
	}
	scope := p.Scope()
	im := &regionImport{svc: s, scope: scope, seen: map[string]int{}, parentOK: map[string]bool{}}
	var count int
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		im.tx = tx
		read, err := tabular.Load(ctx, tr, cols, im, importBatch, progress)
		if err != nil {
			return err
		}
		count = read - im.skipped
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionImport, Entity: "region",
			RegionCode: scope.Root(), Summary: fmt.Sprintf("导入行政区划 %d 条", count),
			Detail: map[string]int{"rows": count}})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return ImportResult{Kind: "regions", Imported: count, Skipped: im.skipped}, nil
}

type regionImport struct {
	svc      *Service
	tx       *db.Tx
	scope    access.Scope
	seen     map[string]int  // code → line, for rows of this file
	parentOK map[string]bool // parent codes already confirmed in the database
	batch    []pendingRow
	report   tabular.Report
	skipped  int
}

func (im *regionImport) Pending() int            { return len(im.batch) }
func (im *regionImport) Report() *tabular.Report { return &im.report }

// Add checks one row with the rules of a single new region (Create) and queues it; every problem
// of the row is recorded in it.
func (im *regionImport) Add(ctx context.Context, row *tabular.Row) error {
	in := Input{Code: row.Get("code"), Name: strings.TrimSpace(row.Get("name")), ParentCode: row.Get("parentCode")}
	code, level, codeErr := NormalizeCode(in.Code)
	if codeErr != nil {
		row.Fail("code", codeErr)
	}
	if in.Name == "" {
		row.Fail("name", apperr.Invalid("REGION_NAME_REQUIRED", "区划名称不能为空"))
	}
	parent := ""
	var parentErr error
	if in.ParentCode != "" {
		if parent, _, parentErr = NormalizeCode(in.ParentCode); parentErr != nil {
			row.Fail("parentCode", parentErr)
		}
	}
	// The limits of the single-record write (Input's text tags): a name of 51 characters, or one
	// holding a line break, is refused here as it is there.
	for _, err := range text.All(&in) {
		row.Fail("", err)
	}
	if codeErr != nil {
		return nil
	}
	if parentErr == nil && parent == code {
		// The statistics bureau lists a city without counties (东莞、中山、儋州) again among the
		// counties, under its own code; the city is already its townships' parent.
		if row.OK() {
			im.skipped++
		}
		return nil
	}
	if parentErr == nil {
		if err := CheckParent(code, level, parent); err != nil {
			row.Fail("parentCode", err)
		}
	}
	if !im.scope.Contains(code) {
		row.Fail("code", apperr.Invalid("REGION_OUT_OF_SCOPE", "区划 "+code+" 不在本辖区内"))
		return nil
	}
	if first, dup := im.seen[code]; dup {
		row.Fail("code", apperr.Invalid("REGION_CODE_DUPLICATE", fmt.Sprintf("区划代码 %s 与第%d行重复", code, first)))
		return nil
	}
	im.seen[code] = row.Line
	if row.OK() {
		im.batch = append(im.batch, pendingRow{line: row.Line, code: code, name: in.Name, parent: parent, level: level})
	}
	return nil
}

// Flush checks the batch against the database (existing codes, unknown parents) and inserts it
// while the file is still clean.
func (im *regionImport) Flush(ctx context.Context) error {
	if len(im.batch) == 0 {
		return nil
	}
	batch := im.batch
	im.batch = im.batch[:0:0]
	codes := make([]string, 0, len(batch))
	var parents []string
	for _, r := range batch {
		codes = append(codes, r.code)
		if r.parent != "" && !im.parentOK[r.parent] {
			if _, inFile := im.seen[r.parent]; !inFile {
				parents = append(parents, r.parent)
			}
		}
	}
	existing, err := existingCodes(ctx, im.tx, codes)
	if err != nil {
		return err
	}
	foundParents, err := existingCodes(ctx, im.tx, parents)
	if err != nil {
		return err
	}
	for p := range foundParents {
		im.parentOK[p] = true
	}
	valid := batch[:0]
	for _, r := range batch {
		switch {
		case existing[r.code]:
			im.report.Fail(r.line, "code", apperr.Invalid("REGION_EXISTS", "区划代码已存在："+r.code))
		case r.parent != "" && !im.parentOK[r.parent] && !earlier(im.seen, r.parent, r.line):
			im.report.Fail(r.line, "parentCode", apperr.Invalid("REGION_PARENT_UNKNOWN",
				"上级区划代码 "+r.parent+" 不存在（上级须已在系统中，或在本文件中排在下级之前）"))
		default:
			valid = append(valid, r)
		}
	}
	if im.report.Failed() {
		return nil // keep validating the rest of the file; nothing will be committed
	}
	return insertRegions(ctx, im.tx, valid, clock.Stamp(im.svc.Clock.Now()))
}

func earlier(seen map[string]int, code string, line int) bool {
	l, ok := seen[code]
	return ok && l < line
}

func existingCodes(ctx context.Context, tx *db.Tx, codes []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(codes) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT code FROM regions WHERE code IN (?)`, codes)
	if err != nil {
		return nil, err
	}
	var found []string
	if err := db.Select(ctx, tx, &found, q, args...); err != nil {
		return nil, err
	}
	for _, c := range found {
		out[c] = true
	}
	return out, nil
}

func insertRegions(ctx context.Context, tx *db.Tx, rows []pendingRow, now string) error {
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO regions (code, name, level, parent_code, created_at) VALUES `)
	args := make([]any, 0, len(rows)*5)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?)")
		args = append(args, r.code, r.name, r.level, nullable(r.parent), now)
	}
	_, err := db.Exec(ctx, tx, b.String(), args...)
	return err
}
