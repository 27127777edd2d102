package catalog

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

// TestGramsHoldEverySubstring: whatever substring of a field a term is, the index entry holds
// every token the term asks for (or, for one character, a token it prefixes), so the index never
// loses a match that the substring test would find.
func TestGramsHoldEverySubstring(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("占道经营违法建设罚款第三十四条abc-1（）")
	for n := 0; n < 300; n++ {
		var fields []string
		for f := 0; f < 1+r.IntN(3); f++ {
			rs := make([]rune, 1+r.IntN(12))
			for i := range rs {
				rs[i] = alphabet[r.IntN(len(alphabet))]
			}
			fields = append(fields, string(rs))
		}
		text := strings.Join(fields, "|")
		grams := " " + searchGrams(text) + " "
		field := []rune(fields[r.IntN(len(fields))])
		i := r.IntN(len(field))
		j := i + 1 + r.IntN(len(field)-i)
		term := string(field[i:j])
		toks, prefix := termTokens(term)
		for _, tok := range toks {
			if prefix && !strings.Contains(grams, " "+tok) || !prefix && !strings.Contains(grams, " "+tok+" ") {
				t.Fatalf("%q in %q: token %s missing from %s", term, text, tok, grams)
			}
		}
	}
	if toks, prefix := termTokens("罚"); len(toks) != 1 || !prefix || len(toks[0]) != tokenLen {
		t.Fatalf("one character: %v %v", toks, prefix)
	}
	if toks, _ := termTokens("占道占道"); len(toks) != 3 || toks[0] != toks[2] { // the phrase 占道 道占 占道
		t.Fatalf("repeated bigrams: %v", toks)
	}
	// A signature covers the signature of every substring of two characters or more.
	text := searchText("X-1", &Version{Name: "对擅自占用城市道路的行政处罚", Domain: "城市管理"})
	sig := signature(text)
	for _, term := range []string{"占用城市", "行政处罚", "x-1", "城市管理"} {
		if ts := signature(term); !sig.covers(&ts) {
			t.Errorf("signature misses %q", term)
		}
	}
}

// TestListSearchUsesTheIndex: the console's search finds items by the index on both stores, with
// one-character terms, several terms, a synonym in its jurisdiction only, and versions written
// before the index existed.
func TestListSearchUsesTheIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.published("CSGL-033", "对擅自占用城市道路、公共场地摆设摊点占道经营的行政处罚")
		f.published("CSGL-036", "对擅自搭建建筑物、构筑物的行政处罚")
		draft := f.penaltyInput("GHFL-064", "对未取得建设工程规划许可证进行建设的行政处罚")
		if _, err := f.s.Create(ctx, legal(), draft); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.AddSynonym(ctx, legal(), SynonymInput{Term: "摆摊", Canonical: "占道经营"}); err != nil {
			t.Fatal(err)
		}
		search := func(q string) string {
			t.Helper()
			items, _, err := f.s.List(ctx, legal(), Filter{Query: q}, firstPage)
			if err != nil {
				t.Fatal(q, err)
			}
			var codes []string
			for _, it := range items {
				codes = append(codes, it.Code)
			}
			return strings.Join(codes, ",")
		}
		// Every item's legal basis (penaltyInput) speaks of 擅自、搭建、构筑物 and 第十四条.
		for q, want := range map[string]string{
			"占道经营":      "CSGL-033",
			"路边摆摊":      "CSGL-033", // a term containing a synonym matches its canonical term
			"摆摊":        "CSGL-033",
			"摊":         "CSGL-033", // one character
			"占道 行政处罚":   "CSGL-033",
			"建设工程":      "GHFL-064", // drafts are found too
			"csgl-036":  "CSGL-036", // codes, folded
			"第十四条":      "CSGL-033,CSGL-036,GHFL-064",
			"构筑物":       "CSGL-033,CSGL-036,GHFL-064",
			"占道经营 规划许可": "",
			"城市道路管理":    "",
			"城市市容和环境卫生管理条例": "CSGL-033,CSGL-036,GHFL-064",
		} {
			if got := search(q); got != want {
				t.Errorf("%q: %q, want %q", q, got, want)
			}
		}
		// Another county's officer's synonym does not apply here; a county officer's list is the same.
		other := access.NewPrincipal("acc-x", "x", "某", "", "371522000000", []access.Role{access.Legal})
		if items, _, err := f.s.List(ctx, other, Filter{Query: "占道"}, firstPage); err != nil || len(items) != 0 {
			t.Fatalf("other county: %+v %v", items, err)
		}
		// Versions written before the index existed are indexed on the first use of a new process.
		drop := []string{`DROP TABLE catalog_search`, `DROP TABLE catalog_search_docs`}
		if d.Dialect == db.Postgres {
			drop = []string{`DROP TABLE catalog_search`}
		}
		for _, q := range drop {
			if _, err := d.W.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		fresh := newService(d)
		if items, _, err := fresh.List(ctx, legal(), Filter{Query: "规划许可"}, firstPage); err != nil || len(items) != 1 {
			t.Fatalf("after rebuilding the index: %+v %v", items, err)
		}
		// A changed draft is found by its new words and no longer by its old ones.
		det, _, _ := fresh.List(ctx, legal(), Filter{Query: "GHFL-064"}, firstPage)
		changed := draft
		changed.Name = "对未取得乡村建设规划许可证进行建设的行政处罚"
		if _, err := fresh.UpdateDraft(ctx, legal(), det[0].ID, DraftInput{Input: changed, Revision: 1}); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := fresh.List(ctx, legal(), Filter{Query: "乡村建设"}, firstPage); len(got) != 1 {
			t.Fatalf("new words: %+v", got)
		}
		if got, _, _ := fresh.List(ctx, legal(), Filter{Query: "建设工程规划"}, firstPage); len(got) != 0 {
			t.Fatalf("old words still found: %+v", got)
		}
	})
}

// TestListFromMemoryMatchesTheStore: the console's search answers the same from the snapshot and
// from the store's full-text index, whatever the filters, the date, the sort and the page.
func TestListFromMemoryMatchesTheStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for i := 0; i < 40; i++ {
			in := f.penaltyInput(fmt.Sprintf("MX-%03d", i), fmt.Sprintf("对%s中%s行为的行政处罚", benchWords[i%len(benchWords)], benchWords[(i*7)%len(benchWords)]))
			in.Domain = benchDomains[i%3]
			if i%4 == 0 {
				in.OwnerOrgID = f.market
			}
			if i%5 == 0 {
				if _, err := f.s.Create(ctx, legal(), in); err != nil {
					t.Fatal(err)
				}
				continue
			}
			f.publish(in)
		}
		f.decide(DecisionInput{DocNo: "阳政发〔2022〕8号", Title: "下放", EffectiveFrom: "2022-06-01",
			Delegations: []MoveInput{{Items: []string{"MX-001", "MX-002", "MX-003"}, Targets: []string{f.zq}}}})
		if _, err := f.s.AddSynonym(ctx, legal(), SynonymInput{Term: "摆摊", Canonical: "占道经营"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		store := newService(d)
		store.storeSearch = true
		officer := access.NewPrincipal("acc-zq", "officer.zq", "陈磊", f.zqOffice, zhangqiu, []access.Role{access.Officer})
		filters := []Filter{
			{Query: "占道经营"}, {Query: "摆摊"}, {Query: "路边摆摊 城市管理"}, {Query: "烧"}, {Query: "违法建设 行政处罚"},
			{Query: "行政处罚", Domain: benchDomains[1]}, {Query: "行政处罚", Status: lifecycle.Draft}, {Query: "处罚", Type: TypePenalty},
			{Query: "行政处罚", AsOf: "2023-01-01"}, {Query: "行政处罚", OrgID: f.zq, AsOf: "2023-01-01"},
			{Query: "行政处罚", OrgID: f.market, AsOf: "2023-01-01"}, {Query: "mx-01"}, {Query: "不存在的词"},
			{Query: "行政处罚", Region: county}, {Query: "行政处罚", Category: CategoryGeneral},
		}
		pages := []httpx.Page{{Page: 1, PageSize: 7}, {Page: 2, PageSize: 7}, {Page: 1, PageSize: 20, Sort: "name"},
			{Page: 1, PageSize: 20, Sort: "-code"}, {Page: 2, PageSize: 5, Sort: "domain,-effectiveFrom"}, {Page: 1, PageSize: 50, Sort: "status"}}
		for _, who := range []*access.Principal{legal(), officer} {
			for _, fl := range filters {
				for _, pg := range pages {
					if _, err := f.s.Snapshot(ctx); err != nil {
						t.Fatal(err)
					}
					if cur, _ := f.s.currentSnapshot(ctx); cur == nil {
						t.Fatal("the snapshot is not current")
					}
					mem, mt, err := f.s.List(ctx, who, fl, pg)
					if err != nil {
						t.Fatal(err)
					}
					sql, st, err := store.List(ctx, who, fl, pg)
					if err != nil {
						t.Fatal(err)
					}
					if mt != st || fmt.Sprint(mem) != fmt.Sprint(sql) {
						t.Fatalf("%s %+v %+v:\nmemory %d %v\nstore  %d %v", who.Username, fl, pg, mt, codesOf(mem), st, codesOf(sql))
					}
				}
			}
		}
		if _, _, err := f.s.List(ctx, legal(), Filter{Query: "x"}, httpx.Page{Page: 1, PageSize: 5, Sort: "nope"}); !apperr.Is(err, "SORT_INVALID") {
			t.Fatalf("bad sort: %v", err)
		}
	})
}

func codesOf(items []Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Code)
	}
	return strings.Join(out, ",")
}
