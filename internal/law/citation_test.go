package law

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestNumerals(t *testing.T) {
	for s, n := range map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "三十四": 34, "一百零一": 101, "一百一十": 110,
		"一百一十八": 118, "一百二十二": 122, "两百": 200, "一千零一十": 1010, "34": 34} {
		got, ok := ParseNumeral(s)
		if !ok || got != n {
			t.Errorf("ParseNumeral(%q) = %d, %v; want %d", s, got, ok, n)
		}
		if s != "34" && s != "两百" && FormatNumeral(n) != s {
			t.Errorf("FormatNumeral(%d) = %q, want %q", n, FormatNumeral(n), s)
		}
	}
	for _, s := range []string{"", "零", "百", "三四x", "一百十"} {
		if n, ok := ParseNumeral(s); ok {
			t.Errorf("ParseNumeral(%q) = %d, want failure", s, n)
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
		if c, err := ParseCitation(bad); !apperr.Is(err, "CITATION_INVALID") {
			t.Errorf("ParseCitation(%q) = %+v, %v; want CITATION_INVALID", bad, c, err)
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
	if e := apperr.As(err); e.Code != "CITATION_INVALID" || e.Field != "violatedBasis" {
		t.Fatalf("got %v", err)
	}
	if cs, err := ParseCitations("x", "  "); err != nil || len(cs) != 0 {
		t.Fatalf("empty cell: %v %v", cs, err)
	}
}
