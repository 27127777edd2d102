package catalog

import (
	"encoding/json"
	"strings"
	"testing"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/settings"
)

func fenOf(yuan int64) *int64 { v := yuan * 100; return &v }

// publish creates an item from in and publishes it, or fails the test.
func (f *fixture) publish(in Input) Detail {
	f.t.Helper()
	d, err := f.s.Create(ctx, legal(), in)
	if err != nil {
		f.t.Fatalf("%s: %v %+v", in.Code, err, apperr.As(err).Details)
	}
	if d, err = f.s.Publish(ctx, legal(), d.Item.ID, lifecycle.PublishInput{Revision: d.Version.Revision}); err != nil {
		f.t.Fatal(err)
	}
	return d
}

// TestPerUnitStatutes: statutory ranges per unit, with and without a total cap, are kept on both
// stores and handed to the discretion benchmarks as they are; a fractional area multiplies exactly.
func TestPerUnitStatutes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// 城市道路管理条例-style standard: 按照每处设施处五千元以上二万元以下罚款, at most 10万元 in all.
		site := f.penaltyInput("CSGL-SS-01", "对擅自在城市道路上设置设施的行政处罚")
		site.Fine = Fine{Unit: "处", PerUnitMinFen: fenOf(5000), PerUnitMaxFen: fenOf(20000), MaxFen: fenOf(100000)}
		// 每平方米一千元, no total cap.
		area := f.penaltyInput("CSGL-ZD-01", "对擅自占用城市道路的行政处罚")
		area.Fine = Fine{Unit: "每㎡", PerUnitMinFen: fenOf(1000), PerUnitMaxFen: fenOf(1000)}
		a, b := f.publish(site), f.publish(area)
		if v := b.Version.Fine; v.Unit != "平方米" || *v.PerUnitMinFen != 100000 || v.MaxFen != nil {
			t.Fatalf("per m²: %+v", v)
		}
		st, err := f.s.Statute(ctx, a.Item.ID, "2024-01-01")
		if err != nil || st.Fine.Unit != "处" || *st.Fine.PerUnitMinFen != 500000 || *st.Fine.PerUnitMaxFen != 2000000 ||
			*st.Fine.MaxFen != 10000000 || st.Fine.MinFen != nil {
			t.Fatalf("statute per facility: %+v %v", st.Fine, err)
		}
		three, _ := st.Fine.TotalFor("quantity", "3")
		if *three.MinFen != 1500000 || *three.MaxFen != 6000000 {
			t.Fatalf("three facilities under the cap: %+v", three)
		}
		six, _ := st.Fine.TotalFor("quantity", "6")
		if *six.MaxFen != 10000000 || !strings.Contains(six.Reason, "超过法定总额上限10万元") {
			t.Fatalf("six facilities over the cap: %+v", six)
		}
		st, err = f.s.Statute(ctx, b.Item.ID, "2024-01-01")
		if err != nil {
			t.Fatal(err)
		}
		frac, err := st.Fine.TotalFor("quantity", "2.555")
		if err != nil || *frac.MinFen != 255500 || *frac.MaxFen != 255500 {
			t.Fatalf("2.555 m²: %+v %v", frac, err)
		}
		// The detail, the export and the diff say it in words.
		if got := describeFine(a.Version.Fine); got != "每处5000元至2万元（总额不超过10万元）" {
			t.Fatalf("describe: %q", got)
		}
		// A bad per-unit input changes nothing.
		before := count(t, d, "catalog_items")
		bad := f.penaltyInput("CSGL-ZD-02", "坏的单位")
		bad.Fine = Fine{Unit: "1000元", PerUnitMaxFen: fenOf(1000)}
		if _, err := f.s.Create(ctx, legal(), bad); !apperr.Is(err, "CATALOG_FINE_UNIT_INVALID") {
			t.Fatalf("bad unit: %v", err)
		}
		bad.Fine = Fine{PerUnitMaxFen: fenOf(1000)}
		if _, err := f.s.Create(ctx, legal(), bad); !apperr.Is(err, "CATALOG_FINE_UNIT_REQUIRED") {
			t.Fatalf("no unit: %v", err)
		}
		if n := count(t, d, "catalog_items"); n != before {
			t.Fatalf("refused items were stored: %d, was %d", n, before)
		}
	})
}

// TestMultipleBasesPerJurisdiction: "处赔偿额一至二倍罚款" can be entered with the national
// vocabulary; a base outside the vocabulary of the item's jurisdiction is refused with a coded error
// and nothing changes, until the jurisdiction adds it to its own vocabulary.
func TestMultipleBasesPerJurisdiction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		comp := f.penaltyInput("CSGL-PC-01", "对损坏城市道路设施拒不赔偿的行政处罚")
		one, two := 100, 200
		comp.Fine = Fine{MultipleMin: &one, MultipleMax: &two, MultipleBase: "赔偿额"}
		got := f.publish(comp)
		if got.Version.Fine.MultipleBase != "赔偿额" || describeFine(got.Version.Fine) != "赔偿额1倍至2倍" {
			t.Fatalf("compensation multiple: %+v", got.Version.Fine)
		}
		st, err := f.s.Statute(ctx, got.Item.ID, "2024-01-01")
		if err != nil || st.Fine.MultipleBase != "赔偿额" || *st.Fine.MultipleMax != 200 {
			t.Fatalf("statute: %+v %v", st, err)
		}

		custom := f.penaltyInput("CSGL-JY-01", "对违法经营的行政处罚")
		custom.Fine = Fine{MultipleMin: &one, MultipleMax: &two, MultipleBase: "违法经营额"}
		before := count(t, d, "catalog_items")
		if _, err := f.s.Create(ctx, legal(), custom); !apperr.Is(err, "CATALOG_MULTIPLE_BASE_UNKNOWN") ||
			!strings.Contains(apperr.As(err).Message, "违法经营额") {
			t.Fatalf("unknown base: %v", err)
		}
		if n := count(t, d, "catalog_items"); n != before {
			t.Fatalf("a refused item was stored")
		}
		set := func(region, bases string) {
			t.Helper()
			raw, _ := json.Marshal(Bases{Bases: bases})
			if _, err := f.s.Settings.Set(ctx, legal(), BasesSettingKey, region, settings.Input{Value: raw, Basis: "阳综执发〔2024〕2号"}); err != nil {
				t.Fatal(err)
			}
		}
		// 张秋镇's own vocabulary does not reach the county's catalogue.
		set(zhangqiu, "违法所得、违法经营额")
		if _, err := f.s.Create(ctx, legal(), custom); !apperr.Is(err, "CATALOG_MULTIPLE_BASE_UNKNOWN") {
			t.Fatalf("township vocabulary applied to the county: %v", err)
		}
		if bs, _ := f.s.FineBases(ctx, nil, zhangqiu); strings.Join(bs, "、") != "违法所得、违法经营额" {
			t.Fatalf("township vocabulary: %v", bs)
		}
		set(county, strings.Join(NationalBases, "、")+"、违法经营额")
		if _, err := f.s.Create(ctx, legal(), custom); err != nil {
			t.Fatalf("county vocabulary: %v", err)
		}
		bs, _ := f.s.FineBases(ctx, nil, "371521101201") // a village of 阎楼镇 follows the county
		if len(bs) != len(NationalBases)+1 || bs[len(bs)-1] != "违法经营额" {
			t.Fatalf("village vocabulary: %v", bs)
		}
		meta, err := f.s.meta(ctx, legal())
		if err != nil || meta.MultipleBases[len(meta.MultipleBases)-1] != "违法经营额" || len(meta.Units) == 0 {
			t.Fatalf("meta: %+v %v", meta, err)
		}
		// A vocabulary must name something, each base once.
		for _, bad := range []string{"", "违法所得、违法所得", "第1项"} {
			raw, _ := json.Marshal(Bases{Bases: bad})
			if _, err := f.s.Settings.Set(ctx, legal(), BasesSettingKey, county, settings.Input{Value: raw, Basis: "x"}); !apperr.Is(err, "CATALOG_BASES_INVALID") {
				t.Errorf("vocabulary %q: %v", bad, err)
			}
		}
	})
}

// standardsHeader is the template with the per-unit and the transfer and delegation columns.
const standardsHeader = "事项编码,事项名称,事项类型,执法领域,业务主管部门,违法依据,处罚依据,处罚种类,罚款下限（元）,罚款上限（元）," +
	"罚款幅度,计罚单位,单位罚款下限（元）,单位罚款上限（元）,倍数下限,倍数上限,倍数基数,生效日期,文号,状态," +
	"划转至,划转文号,划转日期,下放至,下放文号,下放日期\n"

const (
	roadViolated = "《城市道路管理条例》第二十七条第（五）项：在城市道路上建设建筑物、构筑物"
	roadPenalty  = "《城市道路管理条例》第四十二条：违反本条例第二十七条规定……可以处以2万元以下的罚款"
)

// standardsRow writes a row: fine cells in order (罚款下限, 罚款上限, 罚款幅度, 计罚单位, 单位下限, 单位上限,
// 倍数下限, 倍数上限, 倍数基数) and the move cells (划转至, 文号, 日期, 下放至, 文号, 日期).
func standardsRow(code, name, basis string, fine [9]string, move [6]string) string {
	violated, penalty, status := roadViolated, roadPenalty, "已发布"
	if basis == "none" {
		violated, penalty = "", ""
	}
	cells := append([]string{code, name, "行政处罚", "城市管理", "阳谷县住房和城乡建设局", violated, penalty, "罚款"}, fine[:]...)
	cells = append(cells, "2021-01-01", "阳政办发〔2020〕35号", status)
	cells = append(cells, move[:]...)
	return strings.Join(cells, ",")
}

// TestImportStandardsAndDelegations imports per-unit amounts written three ways, a transfer and a
// delegation to a township government and a street office named in the row, and an item without a
// legal basis, which comes in as a draft with a note.
func TestImportStandardsAndDelegations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		street, err := f.orgs.Create(ctx, access.System(), org.Input{Name: "博济桥街道办事处", Kind: org.KindGovernment, RegionCode: "371521001000", ParentID: f.gov})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.orgs.Create(ctx, access.System(), orgInput("博济桥街道综合行政执法办公室", "371521001000")); err != nil {
			t.Fatal(err)
		}
		move := [6]string{"阳谷县综合行政执法局", "阳政发〔2021〕12号", "2021-07-01", "张秋镇、阎楼镇人民政府、博济桥街道", "阳政发〔2022〕8号", "2022-06-01"}
		file := standardsHeader + strings.Join([]string{
			standardsRow("ZD-01", "对擅自占用城市道路的行政处罚", "", [9]string{"1000元/平方米", "1000元/平方米"}, move),
			standardsRow("SS-01", "对擅自设置设施的行政处罚", "", [9]string{"", "10万", "每处5000元以上20000元以下"}, move),
			standardsRow("SS-02", "对擅自设置广告设施的行政处罚", "", [9]string{"", "", "", "处", "5000", "20000"}, [6]string{move[0], move[1], move[2]}),
			standardsRow("PC-01", "对拒不赔偿的行政处罚", "", [9]string{"", "", "", "", "", "", "1倍", "2倍", "赔偿额"}, [6]string{}),
			standardsRow("NB-01", "无依据的事项", "none", [9]string{"", "2万"}, [6]string{}),
		}, "\n") + "\n"
		res, err := f.s.Import(ctx, legal(), strings.NewReader(file))
		if err != nil {
			t.Fatalf("%v %+v", err, apperr.As(err).Details)
		}
		if res.Imported != 5 || res.Published != 4 || res.Drafts != 1 || res.Decisions != 2 || res.Transfers != 3 || res.Delegations != 6 ||
			len(res.DraftsWithoutBasis) != 1 || res.DraftsWithoutBasis[0].Line != 6 || res.DraftsWithoutBasis[0].Code != "NB-01" ||
			!strings.Contains(res.DraftsWithoutBasis[0].Message, "已作为草稿导入") {
			t.Fatalf("result: %+v", res)
		}
		item := func(code string) *Version {
			items, _, _ := f.s.List(ctx, legal(), Filter{Query: code}, firstPage)
			det, err := f.s.Get(ctx, legal(), items[0].ID, "")
			if err != nil {
				t.Fatal(err)
			}
			return det.Version
		}
		if v := item("ZD-01").Fine; v.Unit != "平方米" || *v.PerUnitMinFen != 100000 || *v.PerUnitMaxFen != 100000 || v.MaxFen != nil {
			t.Fatalf("1000元/平方米: %+v", v)
		}
		if v := item("SS-01").Fine; v.Unit != "处" || *v.PerUnitMinFen != 500000 || *v.PerUnitMaxFen != 2000000 || *v.MaxFen != 10000000 {
			t.Fatalf("每处5000元以上20000元以下, capped: %+v", v)
		}
		if v := item("SS-02").Fine; v.Unit != "处" || *v.PerUnitMaxFen != 2000000 {
			t.Fatalf("separate columns: %+v", v)
		}
		if v := item("PC-01").Fine; v.MultipleBase != "赔偿额" {
			t.Fatalf("compensation: %+v", v)
		}
		// Who exercises ZD-01 in a street and in a town, from the imported delegation.
		x, err := f.s.Exercise(ctx, legal(), ExerciseQuery{ItemCode: "ZD-01", Place: "371521001000", Date: "2023-01-01"})
		if err != nil || x.Body.ID != street.ID || x.Mode != ModeDelegate || x.WorkingBody == nil || x.WorkingBody.Name != "博济桥街道综合行政执法办公室" {
			t.Fatalf("street: %+v %v", x, err)
		}
		x, err = f.s.Exercise(ctx, legal(), ExerciseQuery{ItemCode: "ZD-01", Place: zqVillage, Date: "2023-01-01"})
		if err != nil || x.Body.ID != f.zq || x.WorkingBody == nil || x.WorkingBody.ID != f.zqOffice || x.Decision.DocNo != "阳政发〔2022〕8号" {
			t.Fatalf("town: %+v %v", x, err)
		}
		x, err = f.s.Exercise(ctx, legal(), ExerciseQuery{ItemCode: "SS-02", Place: zqVillage, Date: "2023-01-01"})
		if err != nil || x.Body.ID != f.bureau || x.Mode != ModeTransfer {
			t.Fatalf("transfer only: %+v %v", x, err)
		}
		// The export carries the per-unit and the moves back.
		file2, err := f.s.Export(ctx, legal(), Filter{Query: "ZD-01"}, FormatCSV)
		body := string(file2.Body)
		if err != nil || !strings.Contains(body, "平方米,1000,1000") || !strings.Contains(body, "阳政发〔2022〕8号,2022-06-01") ||
			!strings.Contains(body, "张秋镇人民政府、阎楼镇人民政府、博济桥街道办事处") {
			t.Fatalf("export: %v\n%s", err, body)
		}
	})
}

// TestImportBadStandardsChangeNothing: a unit that differs between two columns, a unit that is not
// one, a multiple base outside the vocabulary and a delegation to a body that is neither a township
// government nor a street office each refuse the whole file with a coded error on the row.
func TestImportBadStandardsChangeNothing(t *testing.T) {
	good := standardsRow("OK-01", "对甲的行政处罚", "", [9]string{"", "2万"}, [6]string{})
	cases := []struct {
		name, row, code, field string
	}{
		{"unit mismatch", standardsRow("BAD-01", "对乙的行政处罚", "", [9]string{"", "", "每处5000元以上20000元以下", "平方米"}, [6]string{}),
			"CATALOG_FINE_UNIT_MISMATCH", "unit"},
		{"amount per another unit", standardsRow("BAD-02", "对乙的行政处罚", "", [9]string{"1000元/平方米", "1000元/处"}, [6]string{}),
			"CATALOG_FINE_UNIT_MISMATCH", "fineMax"},
		{"not a unit", standardsRow("BAD-03", "对乙的行政处罚", "", [9]string{"", "1000元/12"}, [6]string{}),
			"CATALOG_FINE_UNIT_INVALID", "fineMax"},
		{"unknown base", standardsRow("BAD-04", "对乙的行政处罚", "", [9]string{"", "", "", "", "", "", "1倍", "2倍", "违法经营额"}, [6]string{}),
			"CATALOG_MULTIPLE_BASE_UNKNOWN", "multipleBase"},
		{"delegation to the office", standardsRow("BAD-05", "对乙的行政处罚", "", [9]string{"", "2万"},
			[6]string{"", "", "", "张秋镇综合行政执法办公室", "阳政发〔2022〕8号", "2022-06-01"}), "CATALOG_DELEGATE_TARGET", "delegateTo"},
		{"delegation to the county government", standardsRow("BAD-06", "对乙的行政处罚", "", [9]string{"", "2万"},
			[6]string{"", "", "", "阳谷县人民政府", "阳政发〔2022〕8号", "2022-06-01"}), "CATALOG_DELEGATE_TARGET", "delegateTo"},
		{"transfer to a department", standardsRow("BAD-07", "对乙的行政处罚", "", [9]string{"", "2万"},
			[6]string{"阳谷县市场监督管理局", "阳政发〔2021〕12号", "2021-07-01"}), "CATALOG_TRANSFER_TARGET", "transferTo"},
		{"delegation of an item without basis", standardsRow("BAD-08", "对乙的行政处罚", "none", [9]string{"", "2万"},
			[6]string{"", "", "", "张秋镇", "阳政发〔2022〕8号", "2022-06-01"}), "CATALOG_NOT_IN_FORCE", "delegateTo"},
		{"delegation before the item", standardsRow("BAD-09", "对乙的行政处罚", "", [9]string{"", "2万"},
			[6]string{"", "", "", "张秋镇", "阳政发〔2022〕8号", "2020-06-01"}), "CATALOG_DATE_BEFORE_ITEM", "delegateFrom"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, c := range cases {
			_, err := f.s.Import(ctx, legal(), strings.NewReader(standardsHeader+good+"\n"+c.row+"\n"))
			e := apperr.As(err)
			if e.Code != "IMPORT_INVALID" || len(e.Details) == 0 {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if dt := e.Details[0]; dt.Code != c.code || dt.Row != 3 || dt.Field != c.field || !strings.HasPrefix(dt.Message, "第3行：") {
				t.Errorf("%s: %+v, want %s in %s at row 3", c.name, dt, c.code, c.field)
			}
			for _, table := range []string{"catalog_items", "catalog_versions", "catalog_decisions", "catalog_assignments"} {
				if n := count(t, d, table); n != 0 {
					t.Fatalf("%s: %d rows left in %s", c.name, n, table)
				}
			}
		}
		// A decision number already registered refuses the file on the row that names it.
		x := f.published("CSGL-036", "对擅自搭建建筑物、构筑物的行政处罚").Item
		f.decide(DecisionInput{DocNo: "阳政发〔2022〕8号", Title: "下放", EffectiveFrom: "2022-06-01",
			Delegations: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.zq}}}})
		row := standardsRow("BAD-10", "对乙的行政处罚", "", [9]string{"", "2万"}, [6]string{"", "", "", "阎楼镇", "阳政发〔2022〕8号", "2022-06-01"})
		_, err := f.s.Import(ctx, legal(), strings.NewReader(standardsHeader+good+"\n"+row+"\n"))
		if e := apperr.As(err); e.Code != "IMPORT_INVALID" || e.Details[0].Code != "CATALOG_DOC_NO_EXISTS" || e.Details[0].Row != 3 {
			t.Fatalf("decision registered before: %v %+v", err, e.Details)
		}
		if n := count(t, d, "catalog_items"); n != 1 {
			t.Fatalf("%d items after a refused import", n)
		}
	})
}
