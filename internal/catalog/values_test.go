package catalog

import (
	"strings"
	"testing"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

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
		PenaltyBasis: []law.Citation{{Law: "中华人民共和国大气污染防治法", Article: 118, Paragraph: 3, Text: "没收烧烤工具和违法所得"}}}
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
