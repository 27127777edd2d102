package catalog

import (
	"strings"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/lifecycle"
)

const (
	county    = "371521000000"
	zhangqiu  = "371521112000" // 张秋镇
	yanlou    = "371521101000" // 阎楼镇
	zqVillage = "371521112201"
	ylVillage = "371521101205"
)

// history is a small county: a department owns X (two versions), Y (repealed in 2024) and Z
// (partly transferred); X goes to the bureau on 2021-07-01, to two township governments on
// 2022-06-01 (their enforcement offices the working bodies), and is taken back from 张秋 on
// 2024-03-01.
func history() snapshotData {
	return snapshotData{
		Gen: 7,
		Orgs: []OrgInfo{
			{ID: "dept", Name: "阳谷县住房和城乡建设局", Kind: "department", RegionCode: county},
			{ID: "bureau", Name: "阳谷县综合行政执法局", Kind: "bureau", RegionCode: county},
			{ID: "zq", Name: "张秋镇人民政府", Kind: "government", RegionCode: zhangqiu},
			{ID: "yl", Name: "阎楼镇人民政府", Kind: "government", RegionCode: yanlou},
			{ID: "zqo", Name: "张秋镇综合行政执法办公室", Kind: "township_office", RegionCode: zhangqiu},
			{ID: "ylo", Name: "阎楼镇综合行政执法办公室", Kind: "township_office", RegionCode: yanlou},
		},
		Decisions: []DecisionRef{
			{ID: "d1", DocNo: "阳政发〔2021〕12号", EffectiveFrom: "2021-07-01"},
			{ID: "d2", DocNo: "阳政发〔2022〕8号", EffectiveFrom: "2022-06-01"},
			{ID: "d3", DocNo: "阳政发〔2024〕3号", EffectiveFrom: "2024-03-01"},
		},
		Items: []itemRec{{ID: "x", Code: "X-1", RegionCode: county}, {ID: "y", Code: "Y-1", RegionCode: county},
			{ID: "z", Code: "Z-1", RegionCode: county}},
		Spans: []span{
			{ItemID: "x", VersionID: "x2", Version: 2, Status: lifecycle.Published, From: "2023-01-01", Name: "X新名称", Type: TypePenalty, Domain: "城市管理", OwnerOrgID: "dept", KindsJSON: `["罚款"]`},
			{ItemID: "x", VersionID: "x1", Version: 1, Status: lifecycle.Published, From: "2021-01-01", To: "2023-01-01", Name: "X", Type: TypePenalty, Domain: "城市管理", OwnerOrgID: "dept", KindsJSON: `["罚款"]`},
			{ItemID: "y", VersionID: "y1", Version: 1, Status: lifecycle.Repealed, From: "2021-01-01", To: "2024-01-01", Name: "Y", Type: TypeInspection, Domain: "城市管理", OwnerOrgID: "dept"},
			{ItemID: "z", VersionID: "z1", Version: 1, Status: lifecycle.Published, From: "2021-01-01", Name: "Z", Type: TypePenalty, Domain: "自然资源", OwnerOrgID: "dept"},
		},
		Grants: []grant{
			{ID: "g1", ItemID: "x", DecisionID: "d1", Kind: ModeTransfer, FromOrgID: "dept", TargetOrgID: "bureau", PlaceCode: county, From: "2021-07-01"},
			{ID: "g2", ItemID: "x", DecisionID: "d2", Kind: ModeDelegate, FromOrgID: "bureau", TargetOrgID: "zq", WorkingOrgID: "zqo", PlaceCode: zhangqiu, From: "2022-06-01", To: "2024-03-01", RevokedBy: "d3"},
			{ID: "g3", ItemID: "x", DecisionID: "d2", Kind: ModeDelegate, FromOrgID: "bureau", TargetOrgID: "yl", WorkingOrgID: "ylo", PlaceCode: yanlou, From: "2022-06-01"},
			{ID: "g4", ItemID: "z", DecisionID: "d1", Kind: ModeTransfer, FromOrgID: "dept", TargetOrgID: "bureau", PlaceCode: county, Partial: true, PartNote: "仅划转行政处罚，违法行为认定仍由主管部门负责", From: "2021-07-01"},
			{ID: "g5", ItemID: "y", DecisionID: "d2", Kind: ModeDelegate, FromOrgID: "dept", TargetOrgID: "yl", WorkingOrgID: "ylo", PlaceCode: yanlou, From: "2022-06-01"},
		},
	}
}

func TestResolverChain(t *testing.T) {
	s := mustSnapshot(t, history())
	cases := []struct {
		place, date string
		body        string
		mode        Mode
		version     string
	}{
		{zqVillage, "2021-06-30", "dept", ModeOwner, "x1"},           // the day before the transfer
		{zqVillage, "2021-07-01", "bureau", ModeTransfer, "x1"},      // the transfer's first day
		{zqVillage, "2022-05-31", "bureau", ModeTransfer, "x1"},      // the day before the delegation
		{zqVillage, "2022-06-01", "zq", ModeDelegate, "x1"},          // delegation beats transfer
		{zhangqiu, "2022-12-31", "zq", ModeDelegate, "x1"},           // the township itself
		{zqVillage, "2023-01-01", "zq", ModeDelegate, "x2"},          // the new version's first day
		{zqVillage, "2024-02-29", "zq", ModeDelegate, "x2"},          // the last day before revocation
		{zqVillage, "2024-03-01", "bureau", ModeTransfer, "x2"},      // revoked from its effective date
		{ylVillage, "2024-03-01", "yl", ModeDelegate, "x2"},          // the other township keeps it
		{county, "2023-05-01", "bureau", ModeTransfer, "x2"},         // no township covers the county
		{"371521400001", "2023-05-01", "bureau", ModeTransfer, "x2"}, // a development zone: outside every delegated township
	}
	for _, c := range cases {
		x, err := s.Resolve(access.Everywhere, "x", c.place, c.date, nil)
		if err != nil {
			t.Fatalf("%s %s: %v", c.place, c.date, err)
		}
		if x.Body.ID != c.body || x.Mode != c.mode || x.Version.ID != c.version {
			t.Errorf("%s on %s: %s by %s (version %s); want %s by %s (%s)", c.place, c.date, x.Body.ID, x.Mode, x.Version.ID, c.body, c.mode, c.version)
		}
		if x.Explanation == "" || !strings.Contains(x.Explanation, x.Body.Name) {
			t.Errorf("explanation %q does not name %s", x.Explanation, x.Body.Name)
		}
	}
	x, _ := s.Resolve(access.Everywhere, "x", zqVillage, "2024-03-01", func(string) string { return "张秋镇某村" })
	if x.Decision == nil || x.Decision.DocNo != "阳政发〔2021〕12号" || !strings.Contains(x.Explanation, "已由阳政发〔2024〕3号自2024-03-01起收回") ||
		!strings.Contains(x.Explanation, "张秋镇某村") {
		t.Errorf("after revocation: %+v", x)
	}
	// Who exercises a delegated item: the township government in its own name, its office handling it.
	x, _ = s.Resolve(access.Everywhere, "x", zqVillage, "2023-06-01", nil)
	if x.Decision.DocNo != "阳政发〔2022〕8号" || x.Body.Name != "张秋镇人民政府" || x.WorkingBody == nil || x.WorkingBody.ID != "zqo" ||
		!strings.Contains(x.Explanation, "由张秋镇人民政府以自己的名义行使，张秋镇综合行政执法办公室作为其工作机构具体承办") {
		t.Errorf("delegation: %+v", x)
	}
	if x, _ := s.Resolve(access.Everywhere, "x", zqVillage, "2024-03-01", nil); x.WorkingBody != nil {
		t.Errorf("a transfer has no working body: %+v", x.WorkingBody)
	}
	// A partial transfer names the body for the part and the owner for the rest.
	x, _ = s.Resolve(access.Everywhere, "z", zqVillage, "2023-06-01", nil)
	if x.Body.ID != "bureau" || !x.Partial || x.Remainder == nil || x.Remainder.ID != "dept" || !strings.Contains(x.Explanation, "其余部分由阳谷县住房和城乡建设局行使") {
		t.Errorf("partial: %+v", x)
	}
	// By code, too.
	if x, err := s.ResolveCode(access.ScopeOf(zhangqiu), "X-1", zqVillage, "2023-06-01", nil); err != nil || x.Body.ID != "zq" {
		t.Errorf("by code from the township: %+v %v", x, err)
	}
}

func TestResolverRefusals(t *testing.T) {
	s := mustSnapshot(t, history())
	for _, c := range []struct {
		item, place, date, code, contains string
	}{
		{"x", zqVillage, "2020-12-31", "CATALOG_NOT_IN_FORCE", "尚未施行"},
		{"y", zqVillage, "2024-01-01", "CATALOG_NOT_IN_FORCE", "已废止"},
		{"x", "371522000000", "2023-01-01", "CATALOG_PLACE_OUTSIDE", "不在"},
		{"nope", zqVillage, "2023-01-01", "NOT_FOUND", "不存在"},
	} {
		_, err := s.Resolve(access.Everywhere, c.item, c.place, c.date, nil)
		if e := apperr.As(err); e.Code != c.code || !strings.Contains(e.Message, c.contains) {
			t.Errorf("%s %s %s: %v, want %s", c.item, c.place, c.date, err, c.code)
		}
	}
	// Another county's officer sees neither the item nor, by code, anything.
	if _, err := s.Resolve(access.ScopeOf("371522000000"), "x", zqVillage, "2023-01-01", nil); !apperr.Is(err, "NOT_FOUND") {
		t.Errorf("other county: %v", err)
	}
	// Y stayed delegated after its repeal: the resolver answers "not in force", the checks report flags it.
	if y, err := s.Resolve(access.Everywhere, "y", ylVillage, "2023-12-31", nil); err != nil || y.Body.ID != "yl" {
		t.Errorf("Y before repeal: %+v %v", y, err)
	}
}

func TestItemsOfAndOrgDiff(t *testing.T) {
	s := mustSnapshot(t, history())
	codes := func(org, date string) string {
		items, err := s.ItemsOf(access.Everywhere, org, date)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range items {
			c := it.Code + ":" + string(it.Mode)
			if it.Partial {
				c += "(部分)"
			}
			out = append(out, c)
		}
		return strings.Join(out, ",")
	}
	for _, c := range []struct{ org, date, want string }{
		{"dept", "2021-06-30", "X-1:owner,Y-1:owner,Z-1:owner"},
		{"dept", "2021-07-01", "Y-1:owner,Z-1:owner(部分)"}, // X wholly transferred, Z only in part
		{"bureau", "2021-07-01", "X-1:transfer,Z-1:transfer(部分)"},
		{"zq", "2022-05-31", ""},
		{"zq", "2022-06-01", "X-1:delegate"},
		{"zq", "2024-03-01", ""},
		{"yl", "2023-01-01", "X-1:delegate,Y-1:delegate"},
		{"yl", "2024-03-01", "X-1:delegate"},  // Y repealed
		{"zqo", "2022-06-01", "X-1:delegate"}, // the office handles what its government holds
		{"zqo", "2024-03-01", ""},
	} {
		if got := codes(c.org, c.date); got != c.want {
			t.Errorf("%s on %s: %q, want %q", c.org, c.date, got, c.want)
		}
	}
	a, _ := s.ItemsOf(access.Everywhere, "zq", "2024-01-01")
	b, _ := s.ItemsOf(access.Everywhere, "zq", "2024-12-31")
	gained, lost := DiffOrgItems(a, b)
	if len(gained) != 0 || len(lost) != 1 || lost[0].Code != "X-1" {
		t.Errorf("张秋 in 2024: gained %+v lost %+v", gained, lost)
	}
	gov, _ := s.ItemsOf(access.Everywhere, "zq", "2023-01-01")
	office, _ := s.ItemsOf(access.Everywhere, "zqo", "2023-01-01")
	if len(gov) != 1 || gov[0].WorkingBody == nil || gov[0].WorkingBody.ID != "zqo" || gov[0].Subject != nil ||
		len(office) != 1 || office[0].Subject == nil || office[0].Subject.Name != "张秋镇人民政府" || office[0].WorkingBody != nil {
		t.Errorf("subject and working body: %+v / %+v", gov, office)
	}
	page, err := s.OrgItemsPage(access.Everywhere, "dept", "2021-06-30", 1, 1)
	if err != nil || page.Total != 3 || len(page.Items) != 1 || page.Items[0].Code != "Y-1" {
		t.Errorf("page: %+v %v", page, err)
	}
	if page.ByDomain[0] != (Count{"城市管理", "城市管理", 2}) || len(page.ByType) != 2 || page.ByType[0].Code != "penalty" || page.ByType[0].Count != 2 {
		t.Errorf("breakdown: %+v %+v", page.ByDomain, page.ByType)
	}
	if _, err := s.ItemsOf(access.Everywhere, "nobody", "2024-01-01"); !apperr.Is(err, "NOT_FOUND") {
		t.Error(err)
	}
}

func TestChecksFindOverlapsAndOrphans(t *testing.T) {
	d := history()
	d.Orgs = append(d.Orgs, OrgInfo{ID: "zq2", Name: "张秋镇另一办公室", Kind: "township_office", RegionCode: zhangqiu})
	// X also delegated to a second office in 张秋 from 2023-01-01: the two overlap until 2024-03-01.
	d.Grants = append(d.Grants, grant{ID: "g6", ItemID: "x", DecisionID: "d2", Kind: ModeDelegate, TargetOrgID: "zq2", PlaceCode: zhangqiu, From: "2023-01-01"})
	s := mustSnapshot(t, d)
	got := map[string]int{}
	for _, p := range s.Check(access.Everywhere, "2024-06-01") {
		got[p.Code]++
		if p.ItemCode == "" || p.Message == "" {
			t.Errorf("problem without item or message: %+v", p)
		}
	}
	if got["CATALOG_DELEGATION_OVERLAP"] != 1 || got["CATALOG_ASSIGNMENT_NOT_IN_FORCE"] != 1 {
		t.Fatalf("problems: %v", got)
	}
	// The resolver still answers, naming the latest delegation, with a warning.
	x, err := s.Resolve(access.Everywhere, "x", zqVillage, "2023-06-01", nil)
	if err != nil || x.Body.ID != "zq2" || len(x.Warnings) != 1 {
		t.Fatalf("overlap: %+v %v", x, err)
	}
	clean := mustSnapshot(t, history())
	for _, p := range clean.Check(access.Everywhere, "2023-06-01") {
		if p.Code != "CATALOG_ASSIGNMENT_NOT_IN_FORCE" {
			t.Errorf("clean history: %+v", p)
		}
	}
	// An owner that is no longer a department leaves the item without a lawful body.
	d = history()
	d.Orgs[0].Kind = "bureau"
	if ps := mustSnapshot(t, d).Check(access.Everywhere, "2023-06-01"); !hasCode(ps, "CATALOG_NO_BODY") {
		t.Fatalf("no body: %+v", ps)
	}
}

func hasCode(ps []Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

func TestVersionAt(t *testing.T) {
	vs := []*Version{
		{ID: "1", Record: lifecycle.Record{Version: 1, Status: lifecycle.Published, EffectiveFrom: "2021-01-01", EffectiveTo: "2022-01-01"}},
		{ID: "2", Record: lifecycle.Record{Version: 2, Status: lifecycle.Repealed, EffectiveFrom: "2022-01-01", EffectiveTo: "2024-01-01"}},
		{ID: "3", Record: lifecycle.Record{Version: 3, Status: lifecycle.Draft, EffectiveFrom: "2023-01-01"}},
	}
	for date, want := range map[string]string{"2020-12-31": "", "2021-01-01": "1", "2021-12-31": "1", "2022-01-01": "2",
		"2023-06-01": "2", "2023-12-31": "2", "2024-01-01": "", "2030-01-01": ""} {
		got := ""
		if v := VersionAt(vs, date); v != nil {
			got = v.ID
		}
		if got != want {
			t.Errorf("VersionAt(%s) = %q, want %q", date, got, want)
		}
	}
}

func mustSnapshot(t testing.TB, d snapshotData) *Snapshot {
	t.Helper()
	s, err := newSnapshot(d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
