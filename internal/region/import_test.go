package region

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

func newService(d *db.DB) *Service {
	c := clock.System{}
	return &Service{DB: d, Audit: audit.New(c, audit.TestKeys()), Clock: c}
}

const county = `code,name,parentCode
37,山东省,
3715,聊城市,37
371521,阳谷县,3715
371521112,张秋镇,371521
371521101,阎楼镇,371521
`

func count(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), d.R, &n, `SELECT COUNT(*) FROM regions`); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportAndList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		res, err := s.Import(ctx, access.System(), strings.NewReader(county), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported != 5 || count(t, d) != 5 {
			t.Fatalf("imported %d, have %d", res.Imported, count(t, d))
		}
		// A county officer sees the county as root and its two townships as children.
		scope := access.ScopeOf("371521000000")
		page := httpx.Page{Page: 1, PageSize: 20}
		roots, _, err := List(ctx, d, scope, "371521000000", Filter{}, page)
		if err != nil || len(roots) != 1 || roots[0].ChildCount != 2 {
			t.Fatalf("roots = %+v, %v", roots, err)
		}
		kids, total, err := List(ctx, d, scope, "371521000000", Filter{Parent: "371521000000"}, page)
		if err != nil || total != 2 || kids[0].Name != "阎楼镇" {
			t.Fatalf("children = %+v, %v", kids, err)
		}
		found, _, err := List(ctx, d, scope, "", Filter{Query: "张秋"}, page)
		if err != nil || len(found) != 1 || found[0].PathName != "山东省 / 聊城市 / 阳谷县 / 张秋镇" {
			t.Fatalf("search = %+v, %v", found, err)
		}
		// A township officer sees neither the other township nor, by listing, the county's siblings.
		town := access.ScopeOf("371521112000")
		if _, err := Get(ctx, d, town, "371521101000"); !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("other township visible: %v", err)
		}
		if det, err := Get(ctx, d, town, "371521112000"); err != nil || len(det.Path) != 4 {
			t.Fatalf("own township: %+v, %v", det, err)
		}
	})
}

func TestImportBadRowsChangeNothing(t *testing.T) {
	cases := []struct {
		name string
		csv  string
		code string
		row  int
	}{
		{"unknown parent", "code,name,parentCode\n371521,阳谷县,3715\n", "REGION_PARENT_UNKNOWN", 2},
		{"duplicate in file", "code,name,parentCode\n37,山东省,\n37,山东,\n", "REGION_CODE_DUPLICATE", 3},
		{"bad code", "code,name,parentCode\n37,山东省,\n37x,错误,37\n", "REGION_CODE_INVALID", 3},
		{"missing name", "code,name,parentCode\n37,,\n", "REGION_NAME_REQUIRED", 2},
		{"parent mismatch", "code,name,parentCode\n37,山东省,\n11,北京市,37\n", "REGION_PARENT_MISMATCH", 3},
		{"malformed csv", "code,name,parentCode\n37,\"山东省,\n", "CSV_MALFORMED", 2},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		for _, c := range cases {
			_, err := s.Import(ctx, access.System(), strings.NewReader(c.csv), nil)
			e := apperr.As(err)
			if len(e.Details) == 0 || e.Details[0].Code != c.code || e.Details[0].Row != c.row {
				t.Errorf("%s: got %v %+v, want %s at row %d", c.name, err, e.Details, c.code, c.row)
			}
			if n := count(t, d); n != 0 {
				t.Fatalf("%s: %d regions left after a failed import", c.name, n)
			}
		}
		// A good file followed by a file with one bad row among good ones: the second adds nothing.
		if _, err := s.Import(ctx, access.System(), strings.NewReader(county), nil); err != nil {
			t.Fatal(err)
		}
		mixed := "code,name,parentCode\n371521103,阿城镇,371521\n371521104,七级镇,371521\n371521999001,某村,371521999\n"
		_, err := s.Import(ctx, access.System(), strings.NewReader(mixed), nil)
		if e := apperr.As(err); e.Code != "IMPORT_INVALID" || len(e.Details) != 1 || e.Details[0].Row != 4 {
			t.Fatalf("mixed import: %v %+v", err, e.Details)
		}
		if n := count(t, d); n != 5 {
			t.Fatalf("have %d regions, want the 5 of the first import", n)
		}
		// Re-importing existing codes is refused row by row.
		_, err = s.Import(ctx, access.System(), strings.NewReader(county), nil)
		if e := apperr.As(err); len(e.Details) != 5 || e.Details[0].Code != "REGION_EXISTS" {
			t.Fatalf("re-import: %+v", e.Details)
		}
	})
}

func TestImportGB18030(t *testing.T) {
	d := dbtest.SQLite(t)
	// "山东省" in GB18030, as Excel on a Chinese Windows desktop saves CSV.
	gbk := "code,name,parentCode\n37,\xc9\xbd\xb6\xab\xca\xa1,\n"
	if _, err := newService(d).Import(context.Background(), access.System(), strings.NewReader(gbk), nil); err != nil {
		t.Fatal(err)
	}
	var name string
	db.Get(context.Background(), d.R, &name, `SELECT name FROM regions WHERE code = '370000000000'`)
	if name != "山东省" {
		t.Fatalf("name = %q", name)
	}
}

// TestImportAllTownshipsOfChina imports the statistics bureau's provinces, cities, counties and all
// 41,352 townships from the shared reference data, in the bureau's own CSV layouts.
func TestImportAllTownshipsOfChina(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "divisions")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("reference data not present: ", dir)
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		// Rows read per file. areas.csv repeats the three cities without counties (东莞、中山、儋州)
		// under their own codes, and streets.csv lists 金门县 as its own township (350527000):
		// those rows are recognised as repeats of their parent and skipped, not refused.
		want := map[string]int{"provinces.csv": 31, "cities.csv": 342, "areas.csv": 2978, "streets.csv": 41352}
		skips := map[string]int{"areas.csv": 3, "streets.csv": 1}
		for _, name := range []string{"provinces.csv", "cities.csv", "areas.csv", "streets.csv"} {
			f, err := os.Open(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Import(ctx, access.System(), f, nil)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v %+v", name, err, apperr.As(err).Details)
			}
			if res.Imported+res.Skipped != want[name] || res.Skipped != skips[name] {
				t.Fatalf("%s: imported %d, skipped %d; want %d rows with %d skipped", name, res.Imported, res.Skipped, want[name], skips[name])
			}
		}
		var towns int
		db.Get(ctx, d.R, &towns, `SELECT COUNT(*) FROM regions WHERE level = 4`)
		if towns != 41352-1 {
			t.Fatalf("townships = %d", towns)
		}
	})
}

// TestImportReportsEveryProblemOfEveryRow reports all of a row's mistakes in one go, each with
// its line, field and code, and applies the limits of the single-record write to every cell.
func TestImportReportsEveryProblemOfEveryRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		if _, err := s.Import(ctx, access.System(), strings.NewReader(county), nil); err != nil {
			t.Fatal(err)
		}
		file := "code,name,parentCode\n" +
			"371521101201,阎楼村,371521101\n" + // good
			"3715211x,,37152\n" + // bad code, no name, bad parent: three mistakes
			"371521101202," + strings.Repeat("村", 51) + ",371521101\n" + // a name of 51 characters, as Create refuses
			"371521101203,\"甲\n乙\",371521101\n" + // a line break in a name
			"371521101204,某\x07村,371521\n" + // a control character and a parent one level too high
			"371521101205," + strings.Repeat("长", 200) + strings.Repeat("长", 5000) + ",371521101\n" // over the cell limit
		_, err := s.Import(ctx, access.System(), strings.NewReader(file), nil)
		e := apperr.As(err)
		var got []string
		for _, dt := range e.Details {
			got = append(got, fmt.Sprintf("%d %s %s", dt.Row, dt.Field, dt.Code))
		}
		want := []string{
			"3 code REGION_CODE_INVALID", "3 name REGION_NAME_REQUIRED", "3 parentCode REGION_CODE_INVALID",
			"4 name TEXT_TOO_LONG",
			"5 name TEXT_INVALID_CHAR",
			"7 name TEXT_INVALID_CHAR", "7 parentCode REGION_PARENT_MISMATCH",
			"8 name TEXT_TOO_LONG",
		}
		if e.Code != "IMPORT_INVALID" || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("details:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, dt := range e.Details {
			if !strings.HasPrefix(dt.Message, fmt.Sprintf("第%d行", dt.Row)) {
				t.Errorf("message %q does not name its line", dt.Message)
			}
		}
		if n := count(t, d); n != 5 {
			t.Fatalf("have %d regions after a refused import, want 5", n)
		}

		// A 10 MB name is refused, not stored.
		_, err = s.Import(ctx, access.System(), strings.NewReader("code,name,parentCode\n371521101206,"+strings.Repeat("村", 10<<20/3)+",371521101\n"), nil)
		if !apperr.Is(err, "IMPORT_ROW_TOO_LONG") || count(t, d) != 5 {
			t.Fatalf("10 MB name: %v, %d regions", err, count(t, d))
		}
	})
}

// TestImportStaysInsideTheJurisdiction refuses rows outside the caller's region subtree, as
// Create does: a township may add its villages, not another township's nor the county itself.
func TestImportStaysInsideTheJurisdiction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		if _, err := s.Import(ctx, access.System(), strings.NewReader(county), nil); err != nil {
			t.Fatal(err)
		}
		town := access.NewPrincipal("a", "zhangqiu", "张秋镇", "o", "371521112000", []access.Role{access.SysAdmin})
		file := "code,name,parentCode\n371521112201,张秋村,371521112\n371521101201,阎楼村,371521101\n371521102,新镇,371521\n"
		_, err := s.Import(ctx, town, strings.NewReader(file), nil)
		e := apperr.As(err)
		if len(e.Details) != 2 || e.Details[0].Row != 3 || e.Details[1].Row != 4 ||
			e.Details[0].Code != "REGION_OUT_OF_SCOPE" || e.Details[1].Code != "REGION_OUT_OF_SCOPE" {
			t.Fatalf("details: %+v", e.Details)
		}
		if count(t, d) != 5 {
			t.Fatal("a refused import changed the tree")
		}
		if res, err := s.Import(ctx, town, strings.NewReader("code,name,parentCode\n371521112201,张秋村,371521112\n"), nil); err != nil || res.Imported != 1 {
			t.Fatalf("own village: %+v %v", res, err)
		}
		if _, err := s.Create(ctx, town, Input{Code: "371521101202", Name: "阎楼二村", ParentCode: "371521101"}); !apperr.Is(err, "REGION_OUT_OF_SCOPE") {
			t.Fatalf("Create outside: %v", err)
		}
	})
}
