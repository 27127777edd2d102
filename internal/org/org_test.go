package org

import (
	"context"
	"strings"
	"testing"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/region"
)

func TestWouldCycle(t *testing.T) {
	parentOf := map[string]string{"squadron": "brigade", "brigade": "bureau", "bureau": "gov"}
	if !WouldCycle("bureau", "squadron", parentOf) {
		t.Error("moving the bureau under its own squadron must be a cycle")
	}
	if !WouldCycle("bureau", "bureau", parentOf) {
		t.Error("own parent")
	}
	if WouldCycle("squadron", "gov", parentOf) {
		t.Error("moving a squadron up is fine")
	}
}

// knownDomains stands in for the catalogue's domain table.
type knownDomains []string

func (k knownDomains) DomainNames(context.Context) ([]string, error) { return k, nil }

var testDomains = knownDomains{"城市管理", "市场监管", "综合"}

func TestInputCheck(t *testing.T) {
	cases := []struct {
		in   Input
		code string
	}{
		{Input{Name: "", Kind: KindBureau}, "ORG_NAME_REQUIRED"},
		{Input{Name: "x", Kind: "club"}, "ORG_KIND_UNKNOWN"},
		{Input{Name: "x", Kind: KindBureau, Domains: []string{"天文"}}, "DOMAIN_UNKNOWN"},
		{Input{Name: "x", Kind: KindBureau, Domains: []string{"综合", "综合"}}, "DOMAIN_DUPLICATE"},
		{Input{Name: "x", Kind: KindBureau, Quota: Quota{Admin: -1}}, "ORG_QUOTA_NEGATIVE"},
		{Input{Name: "x", Kind: KindBureau, TownshipClass: TownshipKey}, "ORG_TOWNSHIP_CLASS_INVALID"},
	}
	for _, c := range cases {
		if err := c.in.Check(testDomains); !apperr.Is(err, c.code) {
			t.Errorf("%+v: %v, want %s", c.in, err, c.code)
		}
	}
	in := Input{Name: " 张秋镇综合行政执法办公室 ", Kind: KindTownshipOffice}
	if err := in.Check(testDomains); err != nil || in.TownshipClass != TownshipOrdinary || in.Name != "张秋镇综合行政执法办公室" {
		t.Errorf("defaults: %+v %v", in, err)
	}
}

func setup(t *testing.T, d *db.DB) *Service {
	t.Helper()
	c := clock.System{}
	log := audit.New(c, audit.TestKeys())
	rs := &region.Service{DB: d, Audit: log, Clock: c}
	csv := "code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n371521112,张秋镇,371521\n371521101,阎楼镇,371521\n"
	if _, err := rs.Import(context.Background(), access.System(), strings.NewReader(csv), nil); err != nil {
		t.Fatal(err)
	}
	return &Service{DB: d, Audit: log, Clock: c, Domains: testDomains}
}

func TestCreateUpdateAndScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := setup(t, d)
		bureau, err := s.Create(ctx, access.System(), Input{Name: "阳谷县综合行政执法局", Kind: KindBureau, RegionCode: "371521000000",
			Domains: []string{"城市管理"}, Quota: Quota{Admin: 20, Civil: 300}})
		if err != nil {
			t.Fatal(err)
		}
		brigade, err := s.Create(ctx, access.System(), Input{Name: "综合执法大队", Kind: KindBrigade, RegionCode: "371521000000", ParentID: bureau.ID})
		if err != nil {
			t.Fatal(err)
		}
		office, err := s.Create(ctx, access.System(), Input{Name: "张秋镇综合行政执法办公室", Kind: KindTownshipOffice, RegionCode: "371521112000",
			TownshipClass: TownshipKey})
		if err != nil {
			t.Fatal(err)
		}

		// Bad input: each is refused with a coded error naming the field, and nothing changes.
		before := countOrgs(t, d)
		bad := []struct {
			in    Input
			id    string
			code  string
			field string
		}{
			{Input{Name: "阎楼镇办", Kind: KindTownshipOffice, RegionCode: "371521000000"}, "", "ORG_REGION_LEVEL", "regionCode"},
			{Input{Name: "x", Kind: KindBrigade, RegionCode: "371521999000"}, "", "REGION_NOT_FOUND", "regionCode"},
			{Input{Name: "x", Kind: KindBrigade, RegionCode: "371521000000", ParentID: "nope"}, "", "ORG_PARENT_NOT_FOUND", "parentId"},
			{Input{Name: "阳谷县综合行政执法局", Kind: KindBureau, RegionCode: "371521000000"}, "", "ORG_NAME_EXISTS", "name"},
			// The bureau placed under its own brigade: its parent would be its child.
			{Input{Name: "阳谷县综合行政执法局", Kind: KindBureau, RegionCode: "371521000000", ParentID: brigade.ID}, bureau.ID, "ORG_PARENT_CYCLE", "parentId"},
			{Input{Name: "阳谷县综合行政执法局", Kind: KindBureau, RegionCode: "371521000000", ParentID: bureau.ID}, bureau.ID, "ORG_PARENT_CYCLE", "parentId"},
		}
		for _, b := range bad {
			var err error
			if b.id == "" {
				_, err = s.Create(ctx, access.System(), b.in)
			} else {
				_, err = s.Update(ctx, access.System(), b.id, b.in)
			}
			e := apperr.As(err)
			if e.Code != b.code || e.Field != b.field {
				t.Errorf("%s: got %v (field %q)", b.code, err, e.Field)
			}
		}
		if countOrgs(t, d) != before {
			t.Fatal("a refused change left a record")
		}
		if o, _ := Get(ctx, d.R, access.Everywhere, bureau.ID); o.ParentID != nil {
			t.Fatal("a refused update changed the parent")
		}

		// A township officer sees the township's office only; the county sees all three.
		town := access.NewPrincipal("a", "u", "n", office.ID, "371521112000", []access.Role{access.Officer})
		if _, err := s.Get(ctx, town, bureau.ID); !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("township sees the bureau: %v", err)
		}
		page := httpx.Page{Page: 1, PageSize: 50}
		if _, total, _ := List(ctx, d, town.Scope(), Filter{}, page); total != 1 {
			t.Fatalf("township lists %d orgs", total)
		}
		all, _ := All(ctx, d.R, access.ScopeOf("371521000000"))
		tree := Tree(all)
		if len(tree) != 2 || len(tree[0].Children)+len(tree[1].Children) != 1 {
			t.Fatalf("tree: %+v", tree)
		}
		sub, _ := Subtree(ctx, d.R, bureau.ID)
		if len(sub) != 2 {
			t.Fatalf("subtree = %v", sub)
		}
	})
}

func countOrgs(t *testing.T, d *db.DB) int {
	var n int
	if err := db.Get(context.Background(), d.R, &n, `SELECT COUNT(*) FROM organizations`); err != nil {
		t.Fatal(err)
	}
	return n
}

// fixedPosts is a PostCounter with set figures.
type fixedPosts map[string]Filled

func (f fixedPosts) FilledPosts(_ context.Context, ids []string) (map[string]Filled, error) {
	out := map[string]Filled{}
	for _, id := range ids {
		if v, ok := f[id]; ok {
			out[id] = v
		}
	}
	return out, nil
}

func TestSubtreeStaffing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := setup(t, d)
		county := access.NewPrincipal("a", "u", "n", "", "371521000000", []access.Role{access.Staffing})
		mk := func(in Input) Org {
			o, err := s.Create(ctx, access.System(), in)
			if err != nil {
				t.Fatal(err)
			}
			return o
		}
		// 局队合一: the bureau holds the quota; the brigade and the squadron stationed in 张秋镇 hold none.
		bureau := mk(Input{Name: "阳谷县综合行政执法局", Kind: KindBureau, RegionCode: "371521000000", Quota: Quota{Admin: 25, Civil: 300, Institution: 40}})
		brigade := mk(Input{Name: "综合执法大队", Kind: KindBrigade, RegionCode: "371521000000", ParentID: bureau.ID})
		squadron := mk(Input{Name: "张秋中队", Kind: KindSquadron, RegionCode: "371521112000", ParentID: brigade.ID})
		s.Posts = fixedPosts{
			bureau.ID:   {Admin: 22, Civil: 18},
			brigade.ID:  {Civil: 10, Other: 12},
			squadron.ID: {Civil: 12, Institution: 4},
		}
		got, err := s.Get(ctx, county, bureau.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The bureau's own row: 参公 核定300 实有18. The body as a whole: 18 + 10 + 12 = 40 参公.
		if got.Filled != (Filled{Admin: 22, Civil: 18}) || got.Quota != (Quota{Admin: 25, Civil: 300, Institution: 40}) {
			t.Fatalf("own row: quota %+v filled %+v", got.Quota, got.Filled)
		}
		want := Staffing{OrgCount: 3, Quota: Quota{Admin: 25, Civil: 300, Institution: 40}, Filled: Filled{Admin: 22, Civil: 40, Institution: 4, Other: 12}}
		if got.Subtree == nil || *got.Subtree != want {
			t.Fatalf("subtree = %+v, want %+v", got.Subtree, want)
		}
		// An organisation without any below it has no subtree row.
		if sq, err := s.Get(ctx, county, squadron.ID); err != nil || sq.Subtree != nil || sq.Filled.Civil != 12 {
			t.Fatalf("squadron: %+v, %v", sq, err)
		}
		// A township officer cannot read the county's brigade, and counts only the township's squadron.
		town := access.NewPrincipal("b", "v", "n", "", "371521112000", []access.Role{access.Officer})
		if _, err := s.Get(ctx, town, brigade.ID); !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("township reads the brigade: %v", err)
		}
		if n, err := Count(ctx, d.R, town.Scope()); err != nil || n != 1 {
			t.Fatalf("township counts %d orgs, %v", n, err)
		}
		if n, err := Count(ctx, d.R, county.Scope()); err != nil || n != 3 {
			t.Fatalf("county counts %d orgs, %v", n, err)
		}
	})
}
