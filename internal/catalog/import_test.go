package catalog

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"zhifa/internal/law"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/tabular"
)

const templateHeader = "事项编码,事项名称,事项类型,执法领域,一般性/专业性,行使层级,业务主管部门,违法依据,处罚依据,处罚种类,罚款下限（元）,罚款上限（元）,倍数下限,倍数上限,倍数基数,主管部门职责,执法部门职责,生效日期,文号,状态\n"

// goodRows are three items in the template: two published, one draft.
var goodRows = []string{
	`CSGL-034-01,对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚,行政处罚,城市管理,一般性,县级,阳谷县住房和城乡建设局,` +
		`《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的,` +
		`《城市市容和环境卫生管理条例》第三十四条：有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款,` +
		`警告、罚款,,,,,,负责市容环境卫生日常监管；负责卫生责任区的划定,负责调查取证；作出行政处罚决定,2021-01-01,阳政办发〔2020〕35号,已发布`,
	`SCJG-122-01,对未取得食品生产经营许可从事食品生产经营活动的行政处罚,行政处罚,市场监管,专业性,县级,阳谷县市场监督管理局,` +
		`《中华人民共和国食品安全法》第三十五条第一款：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。……,` +
		`《中华人民共和国食品安全法》第一百二十二条第一款：违反本法规定，未取得食品生产经营许可从事食品生产经营活动……货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。,` +
		`没收违法所得、没收非法财物、罚款,5万,10万,10倍,20倍,货值金额,负责食品生产经营许可和日常监管,负责调查取证和行政处罚,2021-01-01,阳政办发〔2020〕35号,已发布`,
	`CSGL-042-01,对擅自占用城市道路的行政处罚,行政处罚,城市管理,一般性,县级,阳谷县住房和城乡建设局,,,罚款,,20000,,,,,,,,草稿`,
}

func csvOf(rows ...string) string { return templateHeader + strings.Join(rows, "\n") + "\n" }

func TestImportGoodFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		res, err := f.s.Import(ctx, legal(), strings.NewReader(csvOf(goodRows...)))
		if err != nil {
			t.Fatalf("%v %+v", err, apperr.As(err).Details)
		}
		if res.Imported != 3 || res.Published != 2 || res.Drafts != 1 {
			t.Fatalf("result %+v", res)
		}
		items, total, err := f.s.List(ctx, legal(), Filter{Query: "食品 许可"}, firstPage)
		if err != nil || total != 1 || items[0].Code != "SCJG-122-01" || items[0].Category != CategoryProfessional {
			t.Fatalf("search: %+v %v", items, err)
		}
		det, err := f.s.Get(ctx, legal(), items[0].ID, "2022-01-01")
		if err != nil || det.Version == nil {
			t.Fatal(err)
		}
		v := det.Version
		if len(v.PenaltyBasis) != 1 || v.PenaltyBasis[0].Article != 122 || v.PenaltyBasis[0].Paragraph != 1 ||
			*v.Fine.MinFen != 5000000 || *v.Fine.MaxFen != 10000000 || *v.Fine.MultipleMin != 1000 || *v.Fine.MultipleMax != 2000 ||
			v.Fine.MultipleBase != "货值金额" || len(v.PenaltyKinds) != 3 || len(v.EnforceDuties) != 1 {
			t.Fatalf("imported version: %+v", v)
		}
		if _, total, _ := f.s.List(ctx, legal(), Filter{Status: lifecycle.Draft}, firstPage); total != 1 {
			t.Fatalf("drafts: %d", total)
		}
		if _, total, _ := f.s.List(ctx, legal(), Filter{AsOf: "2022-01-01"}, firstPage); total != 2 {
			t.Fatalf("in force: %d", total)
		}

		// The export is the template: re-importing it here finds every code taken, and importing
		// its .xlsx into another county's fresh store reproduces the catalogue.
		csvFile, err := f.s.Export(ctx, legal(), Filter{}, FormatCSV)
		if err != nil || !bytes.HasPrefix(csvFile.Body, []byte("\ufeff事项编码,事项名称")) {
			t.Fatalf("export: %v %q", err, csvFile.Body[:40])
		}
		_, err = f.s.Import(ctx, legal(), bytes.NewReader(csvFile.Body))
		if e := apperr.As(err); e.Code != "IMPORT_INVALID" || len(e.Details) != 3 || e.Details[0].Code != "CATALOG_CODE_EXISTS" {
			t.Fatalf("re-import: %v %+v", err, e.Details)
		}
		xlsx, err := f.s.Export(ctx, legal(), Filter{Status: lifecycle.Published}, FormatXLSX)
		if err != nil || !bytes.HasPrefix(xlsx.Body, []byte("PK")) {
			t.Fatalf("xlsx export: %v", err)
		}
		g := newFixture(t, dbtest.SQLite(t))
		res, err = g.s.Import(ctx, legal(), bytes.NewReader(xlsx.Body))
		if err != nil || res.Published != 2 {
			t.Fatalf("xlsx import elsewhere: %+v %v %+v", res, err, apperr.As(err).Details)
		}
		again, _, _ := g.s.List(ctx, legal(), Filter{Query: "食品"}, firstPage)
		det2, _ := g.s.Get(ctx, legal(), again[0].ID, "")
		if law.FormatCitations(det2.Version.PenaltyBasis) != law.FormatCitations(v.PenaltyBasis) || *det2.Version.Fine.MultipleMax != 2000 {
			t.Fatalf("round trip: %+v", det2.Version)
		}
		// The template parses as a file, too (its sample owner does not exist here).
		tpl, _ := Template(FormatXLSX)
		_, err = f.s.Import(ctx, legal(), bytes.NewReader(tpl.Body))
		if e := apperr.As(err); len(e.Details) != 1 || e.Details[0].Code != "CATALOG_OWNER_NOT_FOUND" || e.Details[0].Row != 2 {
			t.Fatalf("template: %v %+v", err, e.Details)
		}
	})
}

func TestImportWithOneBadRowImportsNothing(t *testing.T) {
	replace := func(row, old, new string) string {
		if !strings.Contains(row, old) {
			panic(old)
		}
		return strings.Replace(row, old, new, 1)
	}
	cases := []struct {
		name, bad, code, field string
	}{
		{"unknown domain", replace(goodRows[2], ",城市管理,", ",太空管理,"), "CATALOG_DOMAIN_UNKNOWN", "domain"},
		{"bad citation", replace(goodRows[0], "《城市市容和环境卫生管理条例》第三十四条第（一）项", "城市市容条例第三十四条"), "CITATION_INVALID", "violatedBasis"},
		{"unknown owner", replace(goodRows[2], "阳谷县住房和城乡建设局", "阳谷县城管委"), "CATALOG_OWNER_NOT_FOUND", "owner"},
		{"owner not a department", replace(goodRows[2], "阳谷县住房和城乡建设局", "阳谷县综合行政执法局"), "CATALOG_OWNER_NOT_DEPARTMENT", "owner"},
		{"bad date", replace(goodRows[0], "2021-01-01", "2021年1月1日"), "DATE_INVALID", "effectiveFrom"},
		{"bad type", replace(goodRows[2], ",行政处罚,", ",行政许可,"), "CATALOG_TYPE_UNKNOWN", "type"},
		{"bad amount", replace(goodRows[2], ",20000,", ",两万,"), "AMOUNT_INVALID", "fineMax"},
		{"min above max", replace(goodRows[1], "5万,10万", "50万,10万"), "CATALOG_FINE_RANGE", "fineMin"},
		{"duplicate code in file", replace(goodRows[2], "CSGL-042-01", "CSGL-034-01"), "CATALOG_CODE_DUPLICATE", "code"},
		{"unknown penalty kind", replace(goodRows[2], ",罚款,", ",罚金,"), "CATALOG_PENALTY_KIND_UNKNOWN", "penaltyKinds"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, c := range cases {
			_, err := f.s.Import(ctx, legal(), strings.NewReader(csvOf(goodRows[0], goodRows[1], c.bad)))
			e := apperr.As(err)
			if e.Code != "IMPORT_INVALID" || len(e.Details) == 0 {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			dt := e.Details[0]
			if dt.Code != c.code || dt.Row != 4 || dt.Field != c.field || !strings.HasPrefix(dt.Message, "第4行：") {
				t.Errorf("%s: %+v, want %s in %s at row 4", c.name, dt, c.code, c.field)
			}
			if n := count(t, d, "catalog_items"); n != 0 {
				t.Fatalf("%s: %d items left after a failed import", c.name, n)
			}
		}
		if _, err := f.s.Import(ctx, legal(), strings.NewReader("事项编码,事项名称\nA,B\n")); !apperr.Is(err, "IMPORT_COLUMN_MISSING") {
			t.Errorf("missing columns: %v", err)
		}
		if _, err := f.s.Import(ctx, legal(), strings.NewReader(templateHeader)); !apperr.Is(err, "IMPORT_EMPTY") {
			t.Errorf("empty file: %v", err)
		}
	})
}

// TestImportReportsEveryProblemOfARow reports all of a row's mistakes at once, one per column,
// with the limits of the single-record write.
func TestImportReportsEveryProblemOfARow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// Unknown type, unknown domain, unknown owner, a bad amount, a bad date and a bad status.
		many := `CSGL-050-01,对某行为的行政处罚,行政许可,太空管理,一般性,县级,阳谷县城管委,,,,,两万,,,,,,2021年1月1日,,未知`
		// A name of 201 characters, a penalty kind of 51, a legal text over the cell limit.
		long := `CSGL-051-01,` + strings.Repeat("名", 201) + `,行政处罚,城市管理,一般性,县级,阳谷县住房和城乡建设局,` +
			`《城市道路管理条例》第二十七条：` + strings.Repeat("文", tabular.MaxCellChars) + `,,其他` + strings.Repeat("罚", 49) + `,,,,,,,,,,草稿`
		_, err := f.s.Import(ctx, legal(), strings.NewReader(csvOf(goodRows[0], many, long)))
		e := apperr.As(err)
		var got []string
		for _, dt := range e.Details {
			got = append(got, fmt.Sprintf("%d %s %s", dt.Row, dt.Field, dt.Code))
			if !strings.HasPrefix(dt.Message, fmt.Sprintf("第%d行", dt.Row)) {
				t.Errorf("message %q does not name its line", dt.Message)
			}
		}
		want := []string{
			"3 type CATALOG_TYPE_UNKNOWN", "3 fineMax AMOUNT_INVALID", "3 status CATALOG_STATUS_UNKNOWN",
			"3 owner CATALOG_OWNER_NOT_FOUND", "3 effectiveFrom DATE_INVALID", "3 domain CATALOG_DOMAIN_UNKNOWN",
			"4 violatedBasis TEXT_TOO_LONG", "4 name TEXT_TOO_LONG", "4 penaltyKinds TEXT_TOO_LONG",
		}
		if e.Code != "IMPORT_INVALID" || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("details:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if n := count(t, d, "catalog_items"); n != 0 {
			t.Fatalf("%d items left after a refused import", n)
		}
	})
}
