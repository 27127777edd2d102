package event

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhifa/internal/grid"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

// fakeCatalogue answers for two items: one delegated to the township, one transferred to the
// bureau; the squadron works under the bureau.
type fakeCatalogue struct{}

func (fakeCatalogue) Exercise(_ context.Context, _ *access.Principal, item, place, date string) (Exercise, error) {
	switch item {
	case "D":
		return Exercise{ItemCode: "D", ItemName: "占道", BodyID: "gov", BodyName: "张秋镇人民政府", HandlerID: "office",
			HandlerName: "张秋镇综合行政执法办公室", Mode: "delegate", Explanation: "下放张秋镇人民政府。"}, nil
	case "T":
		return Exercise{ItemCode: "T", ItemName: "渣土", BodyID: "bureau", BodyName: "综合行政执法局", HandlerID: "bureau",
			HandlerName: "综合行政执法局", Mode: "transfer", Explanation: "划转综合行政执法局。"}, nil
	}
	return Exercise{}, errors.New("不在清单中")
}

func (fakeCatalogue) Under(_ context.Context, org, ancestor string) (bool, error) {
	return org == ancestor || org == "squadron" && ancestor == "bureau", nil
}

func (fakeCatalogue) OrgName(context.Context, string) string { return "" }

func placeWith(team, teamName string) grid.Place {
	return grid.Place{Grid: &grid.Ref{Code: "371521112201001", Name: "第1网格"}, TownshipCode: "371521112000", TownshipName: "张秋镇",
		VillageCode: "371521112201", VillageName: "张秋村", TeamOrgID: team, TeamName: teamName}
}

func TestRoutingByPlaceAndItem(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		cat     Category
		place   grid.Place
		want    []string // lead first
		rule    string
		explain []string
	}{
		{"delegated item goes to the township's working body", Category{Kind: KindEvent, ItemCodes: []string{"D"}},
			placeWith("office", "张秋镇综合行政执法办公室"), []string{"office"}, "area-first", []string{"网格 371521112201001", "下放张秋镇人民政府"}},
		{"a transferred item is handled by the grid's squadron in the bureau's name", Category{Kind: KindEvent, ItemCodes: []string{"T"}},
			placeWith("squadron", "张秋镇中队"), []string{"squadron"}, "area-first", []string{"由网格责任队伍张秋镇中队承办"}},
		{"items of two bodies make a joint dispatch", Category{Kind: KindEvent, ItemCodes: []string{"D", "T"}},
			placeWith("office", "张秋镇综合行政执法办公室"), []string{"office", "bureau"}, "area-first", []string{"联合派遣", "牵头"}},
		{"a component goes to its owner first", Category{Kind: KindPart, OwnerOrgID: "water", OwnerName: "自来水公司", ItemCodes: []string{"D"}},
			placeWith("office", "张秋镇综合行政执法办公室"), []string{"water", "office"}, "owner-first", []string{"部件权属单位 自来水公司"}},
		{"an event goes to the area first, then the owner", Category{Kind: KindEvent, OwnerOrgID: "water", OwnerName: "自来水公司", ItemCodes: []string{"D"}},
			placeWith("office", "张秋镇综合行政执法办公室"), []string{"office", "water"}, "area-first", nil},
		{"no item: the grid's team", Category{Kind: KindEvent}, placeWith("office", "张秋镇综合行政执法办公室"), []string{"office"}, "area-first",
			[]string{"未关联权责清单事项"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := route(ctx, fakeCatalogue{}, access.System(), c.cat, c.place, "2026-12-01")
			var got []string
			for i, tm := range r.Teams {
				got = append(got, tm.OrgID)
				if (i == 0) != (tm.Role == "lead") {
					t.Errorf("team %d role %s", i, tm.Role)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") || r.Rule != c.rule {
				t.Fatalf("teams %v rule %s, want %v %s", got, r.Rule, c.want, c.rule)
			}
			for _, w := range c.explain {
				if !strings.Contains(r.Explanation, w) {
					t.Errorf("explanation %q lacks %q", r.Explanation, w)
				}
			}
		})
	}
	r := route(ctx, fakeCatalogue{}, access.System(), Category{Kind: KindEvent, ItemCodes: []string{"X"}}, grid.Place{Problem: "GRID_GAP"}, "2026-12-01")
	if len(r.Teams) != 0 || len(r.Warnings) < 2 {
		t.Fatalf("an unknown item in a grid gap: %+v", r)
	}
}

func TestCategoryTreeIsChecked(t *testing.T) {
	ok := NationalCategories()
	if err := checkTree(ok, func(string) bool { return true }); err != nil {
		t.Fatalf("the national tree: %v", err)
	}
	bad := NationalCategories()
	bad[1].HandleUnit = "weeks"
	bad[2].ParentCode = "ZZ99"
	bad[3].Code = bad[4].Code
	bad[6].OwnerOrgID = "elsewhere"
	err := checkTree(bad, func(id string) bool { return id != "elsewhere" })
	if err == nil {
		t.Fatal("a bad tree was accepted")
	}
	for _, code := range []string{"EVENT_CATEGORY_UNIT_INVALID", "EVENT_CATEGORY_PARENT_UNKNOWN", "EVENT_CATEGORY_DUPLICATE", "EVENT_CATEGORY_OWNER_UNKNOWN"} {
		if !strings.Contains(detailCodes(err), code) {
			t.Errorf("no %s in %v", code, detailCodes(err))
		}
	}
}

func detailCodes(err error) string {
	var out []string
	if e := apperr.As(err); e != nil {
		for _, d := range e.Details {
			out = append(out, d.Code)
		}
	}
	return strings.Join(out, ",")
}
