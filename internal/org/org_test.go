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

func TestInputCheck(t *testing.T) {
	cases := []struct {
		in   Input
		code string
	}{
		{Input{Name: "", Kind: KindBureau}, "ORG_NAME_REQUIRED"},
		{Input{Name: "x", Kind: "club"}, "ORG_KIND_UNKNOWN"},
		{Input{Name: "x", Kind: KindBureau, Domains: []string{"天文"}}, "DOMAIN_UNKNOWN"},
		{Input{Name: "x", Kind: KindBureau, Quota: Quota{Admin: -1}}, "ORG_QUOTA_NEGATIVE"},
		{Input{Name: "x", Kind: KindBureau, TownshipClass: TownshipKey}, "ORG_TOWNSHIP_CLASS_INVALID"},
	}
	for _, c := range cases {
		if err := c.in.Check(); !apperr.Is(err, c.code) {
			t.Errorf("%+v: %v, want %s", c.in, err, c.code)
		}
	}
	in := Input{Name: " 张秋镇综合行政执法办公室 ", Kind: KindTownshipOffice}
	if err := in.Check(); err != nil || in.TownshipClass != TownshipOrdinary || in.Name != "张秋镇综合行政执法办公室" {
		t.Errorf("defaults: %+v %v", in, err)
	}
}

func setup(t *testing.T, d *db.DB) *Service {
	t.Helper()
	c := clock.System{}
	log := audit.New(c, audit.TestKeys())
	rs := &region.Service{DB: d, Audit: log, Clock: c}
	csv := "code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n371521112,张秋镇,371521\n371521101,阎楼镇,371521\n"
	if _, err := rs.Import(context.Background(), nil, strings.NewReader(csv), nil); err != nil {
		t.Fatal(err)
	}
	return &Service{DB: d, Audit: log, Clock: c}
}

func TestCreateUpdateAndScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := setup(t, d)
		bureau, err := s.Create(ctx, nil, Input{Name: "阳谷县综合行政执法局", Kind: KindBureau, RegionCode: "371521000000",
			Domains: []string{"城市管理"}, Quota: Quota{Admin: 20, Civil: 300}})
		if err != nil {
			t.Fatal(err)
		}
		brigade, err := s.Create(ctx, nil, Input{Name: "综合执法大队", Kind: KindBrigade, RegionCode: "371521000000", ParentID: bureau.ID})
		if err != nil {
			t.Fatal(err)
		}
		office, err := s.Create(ctx, nil, Input{Name: "张秋镇综合行政执法办公室", Kind: KindTownshipOffice, RegionCode: "371521112000",
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
				_, err = s.Create(ctx, nil, b.in)
			} else {
				_, err = s.Update(ctx, nil, b.id, b.in)
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
