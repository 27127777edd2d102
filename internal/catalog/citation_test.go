package catalog

import (
	"strings"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

func TestNumerals(t *testing.T) {
	for s, n := range map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "三十四": 34, "一百零一": 101, "一百一十": 110,
		"一百一十八": 118, "一百二十二": 122, "两百": 200, "一千零一十": 1010, "34": 34} {
		got, ok := parseNumeral(s)
		if !ok || got != n {
			t.Errorf("parseNumeral(%q) = %d, %v; want %d", s, got, ok, n)
		}
		if s != "34" && s != "两百" && formatNumeral(n) != s {
			t.Errorf("formatNumeral(%d) = %q, want %q", n, formatNumeral(n), s)
		}
	}
	for _, s := range []string{"", "零", "百", "三四x", "一百十"} {
		if n, ok := parseNumeral(s); ok {
			t.Errorf("parseNumeral(%q) = %d, want failure", s, n)
		}
	}
}

func TestParseCitation(t *testing.T) {
	cases := []struct {
		in   string
		want Citation
	}{
		{"《城市市容和环境卫生管理条例》第三十四条第一款第（二）项：在城市建筑物、设施以及树木上涂写、刻画",
			Citation{Law: "城市市容和环境卫生管理条例", Article: 34, Paragraph: 1, Item: 2, Text: "在城市建筑物、设施以及树木上涂写、刻画"}},
		{"《中华人民共和国大气污染防治法》第一百一十八条第三款：违反本法规定，在当地人民政府禁止的时段和区域内露天烧烤食品……",
			Citation{Law: "中华人民共和国大气污染防治法", Article: 118, Paragraph: 3, Text: "违反本法规定，在当地人民政府禁止的时段和区域内露天烧烤食品……"}},
		{"《城市市容和环境卫生管理条例》（2017年修订）第三十六条第(二)项",
			Citation{Law: "城市市容和环境卫生管理条例", Edition: "2017年修订", Article: 36, Item: 2}},
		{" 《城市道路管理条例》 第 42 条 : 处以2万元以下的罚款 ",
			Citation{Law: "城市道路管理条例", Article: 42, Text: "处以2万元以下的罚款"}},
		{"《中华人民共和国土地管理法》第七十七条第一款：未经批准或者采取欺骗手段骗取批准，非法占用土地的……（依照本法第二款规定）",
			Citation{Law: "中华人民共和国土地管理法", Article: 77, Paragraph: 1, Text: "未经批准或者采取欺骗手段骗取批准，非法占用土地的……（依照本法第二款规定）"}},
	}
	for _, c := range cases {
		got, err := ParseCitation(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseCitation(%q)\n got  %+v, %v\n want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"城市市容和环境卫生管理条例第三十四条", "《城市市容和环境卫生管理条例》", "《》第一条",
		"《城市市容和环境卫生管理条例》第三十四条第（二项", "《城市市容和环境卫生管理条例第三十四条", "《条例》第零条", "《条例》第三十四条原文"} {
		if c, err := ParseCitation(bad); !apperr.Is(err, "CATALOG_CITATION_INVALID") {
			t.Errorf("ParseCitation(%q) = %+v, %v; want CATALOG_CITATION_INVALID", bad, c, err)
		}
	}
}

func TestParseCitationsSplitsOnlyBeforeANewReference(t *testing.T) {
	// The text of 第一百一十八条第一款 contains a "；" of its own; only "；《" starts a new reference.
	cell := "《中华人民共和国大气污染防治法》第一百一十八条第一款：……处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。；" +
		"《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的;\n《城市道路管理条例》第四十二条"
	cs, err := ParseCitations("penaltyBasis", cell)
	if err != nil || len(cs) != 3 {
		t.Fatalf("%+v %v", cs, err)
	}
	if cs[0].Text != "……处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。" || cs[1].Item != 1 || cs[2].Article != 42 {
		t.Fatalf("%+v", cs)
	}
	// Round trip through the cell format.
	again, err := ParseCitations("penaltyBasis", FormatCitations(cs))
	if err != nil || len(again) != 3 || again[0] != cs[0] || again[1] != cs[1] || again[2] != cs[2] {
		t.Fatalf("round trip: %+v %v", again, err)
	}
	if FormatCitations(cs[1:2]) != "《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的" {
		t.Fatalf("format: %s", FormatCitations(cs[1:2]))
	}
	_, err = ParseCitations("violatedBasis", "《城市道路管理条例》第四十二条；城市道路管理条例第二十七条")
	// The second part has no 《, so it belongs to the first reference's text: a reference without
	// a colon before it is refused.
	if e := apperr.As(err); e.Code != "CATALOG_CITATION_INVALID" || e.Field != "violatedBasis" {
		t.Fatalf("got %v", err)
	}
	if cs, err := ParseCitations("x", "  "); err != nil || len(cs) != 0 {
		t.Fatalf("empty cell: %v %v", cs, err)
	}
}

func TestAmountsAndMultiples(t *testing.T) {
	for s, fen := range map[string]int64{"5000": 500000, "5,000.5": 500050, "5000元": 500000, "5万": 5000000, "0.5万元": 500000, "0": 0} {
		got, err := ParseYuan("fineMax", "罚款上限", s)
		if err != nil || *got != fen {
			t.Errorf("ParseYuan(%q) = %v, %v; want %d", s, got, err, fen)
		}
	}
	for _, s := range []string{"-1", "1.001", "abc", "1e3", "1/2"} {
		if _, err := ParseYuan("fineMax", "罚款上限", s); !apperr.Is(err, "AMOUNT_INVALID") || apperr.As(err).Field != "fineMax" {
			t.Errorf("ParseYuan(%q): %v", s, err)
		}
	}
	if v, err := ParseYuan("fineMax", "罚款上限", " "); v != nil || err != nil {
		t.Errorf("empty amount: %v %v", v, err)
	}
	for s, pct := range map[string]int{"10": 1000, "10倍": 1000, "0.5倍": 50, "5%": 5, "百分之五": 5, "百分之十": 10, "二十倍": 2000} {
		got, err := ParseMultiple("multipleMax", s)
		if err != nil || *got != pct {
			t.Errorf("ParseMultiple(%q) = %v, %v; want %d", s, got, err, pct)
		}
	}
	for _, s := range []string{"0.5%", "x倍", "-2倍", "1e2"} {
		if _, err := ParseMultiple("multipleMax", s); !apperr.Is(err, "CATALOG_MULTIPLE_INVALID") {
			t.Errorf("ParseMultiple(%q) accepted", s)
		}
	}
	p1000, p5 := 1000, 5
	if FormatMultiple(&p1000) != "10倍" || FormatMultiple(&p5) != "5%" {
		t.Error("FormatMultiple")
	}
	fen := int64(12345)
	if FormatYuan(&fen) != "123.45" || FormatYuan(nil) != "" {
		t.Error("FormatYuan")
	}
	max, min := int64(5_000_000), int64(500_000)
	if got := describeFine(Fine{MinFen: &min, MaxFen: &max}); got != "5000元至5万元" {
		t.Errorf("describeFine = %s", got)
	}
}

func TestDates(t *testing.T) {
	for _, bad := range []string{"2024-2-1", "2024-02-30", "20240201", "2024/02/01", ""} {
		if _, err := parseDate("effectiveFrom", "生效日期", bad); !apperr.Is(err, "DATE_INVALID") || apperr.As(err).Field != "effectiveFrom" {
			t.Errorf("ParseDate(%q) accepted or unnamed: %v", bad, err)
		}
	}
	if d, err := parseDate("x", "日期", "2024-02-29"); err != nil || d != "2024-02-29" {
		t.Error(d, err)
	}
	if d, err := dateOr("x", "日期", " ", "2026-05-10"); err != nil || d != "2026-05-10" {
		t.Error(d, err)
	}
}

func TestSearchTerms(t *testing.T) {
	v := &Version{Name: "对露天烧烤食品的行政处罚", Type: TypePenalty, Domain: "城市管理",
		PenaltyBasis: []Citation{{Law: "中华人民共和国大气污染防治法", Article: 118, Paragraph: 3, Text: "没收烧烤工具和违法所得"}}}
	text := searchText("CSGL-001", v)
	for _, q := range []string{"烧烤", "露天 烧烤", "大气污染防治法 第118条", "第一百一十八条第三款", "ＣＳＧＬ", "csgl-001"} {
		if terms := SearchTerms(q); !matchesAll(text, "", terms, expand(terms, nil)) {
			t.Errorf("%q does not find %s", q, text)
		}
	}
	if terms := SearchTerms("烧烤 焚烧"); matchesAll(text, "", terms, expand(terms, nil)) {
		t.Error("every term must match")
	}
}

// TestSearchSynonyms: a synonym lets a term match the catalogue's own word, only in the catalogues
// of its jurisdiction and below, and every term must still match.
func TestSearchSynonyms(t *testing.T) {
	text := searchText("CSGL-CF-033", &Version{Name: "对擅自占用城市道路、公共场地摆设摊点占道经营的行政处罚", Domain: "城市管理"})
	county, other := "371521000000", "371522000000"
	syns := []synonym{
		{scope: access.ScopeOf(county), term: "流动摊点", canonical: "占道经营"},
		{scope: access.ScopeOf(county), term: "摆摊", canonical: "占道经营"},
		{scope: access.Everywhere, term: "违建", canonical: "违法建设"},
	}
	cases := []struct {
		q, region string
		want      bool
	}{
		{"流动摊点", county, true},
		{"路边流动摊点", county, true}, // a term containing the synonym
		{"流动摊点", "371521103000", true},
		{"流动摊点", other, false}, // another county's catalogue
		{"流动摊点 城市管理", county, true},
		{"流动摊点 市场监管", county, false},
		{"违建", other, false}, // the national synonym applies, but the item does not say 违法建设
	}
	for _, c := range cases {
		terms := SearchTerms(c.q)
		if got := matchesAll(text, c.region, terms, expand(terms, syns)); got != c.want {
			t.Errorf("%q in %s: %v, want %v", c.q, c.region, got, c.want)
		}
	}
	if terms := SearchTerms("违建"); !matchesAll("对违法建设的处罚", other, terms, expand(terms, syns)) {
		t.Error("national synonym not applied")
	}
}

func TestSplitKinds(t *testing.T) {
	got := SplitKinds("警告、罚款，其他（责令退还非法占用的土地、限期拆除）; 没收违法所得")
	want := []string{"警告", "罚款", "其他（责令退还非法占用的土地、限期拆除）", "没收违法所得"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("%q", got)
	}
}
