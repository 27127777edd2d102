package db

import (
	"context"
	"testing"

	"github.com/pressly/goose/v3"
)

// TestDelegationMigration: migration 00013 moves delegations recorded to a township's enforcement
// office to the township's people's government or street office (行政处罚法 第二十四条), creating the
// government where the township had none, and keeps the office as the working body; transfers are
// left alone. Its Down gives the delegations back to the offices. Both engines.
func TestDelegationMigration(t *testing.T) {
	ctx := context.Background()
	eachMigrationEngine(t, 12, func(t *testing.T, d *DB, p *goose.Provider, exec func(q string, args ...any)) {
		const at = "2026-01-01T00:00:00.000Z"
		for code, name := range map[string]string{"371521000000": "阳谷县", "371521112000": "张秋镇", "371521001000": "博济桥街道",
			"371521101000": "阎楼镇"} {
			exec(`INSERT INTO regions (code, name, level, created_at) VALUES (?, ?, ?, ?)`, code, name, map[bool]int{true: 3, false: 4}[code == "371521000000"], at)
		}
		org := `INSERT INTO organizations (id, region_code, parent_id, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
		exec(org, "gov", "371521000000", nil, "阳谷县人民政府", "government", at, at)
		exec(org, "dept", "371521000000", "gov", "阳谷县住房和城乡建设局", "department", at, at)
		exec(org, "bureau", "371521000000", "gov", "阳谷县综合行政执法局", "bureau", at, at)
		exec(org, "zq", "371521112000", nil, "张秋镇综合行政执法办公室", "township_office", at, at)
		exec(org, "bj", "371521001000", nil, "博济桥街道综合行政执法办公室", "township_office", at, at)
		exec(org, "ylgov", "371521101000", "gov", "阎楼镇人民政府", "government", at, at)
		exec(org, "yl", "371521101000", "ylgov", "阎楼镇综合行政执法办公室", "township_office", at, at)
		exec(`INSERT INTO catalog_items (id, region_code, code, status, latest_version_id, first_effective, created_at, updated_at)
			VALUES ('x', '371521000000', 'X-1', 'published', 'x1', '2021-01-01', ?, ?)`, at, at)
		exec(`INSERT INTO catalog_versions (id, item_id, region_code, version, status, effective_from, doc_no, name, item_type,
			domain, category, level, owner_org_id, fine_min_fen, fine_max_fen, created_at, created_by)
			VALUES ('x1', 'x', '371521000000', 1, 'published', '2021-01-01', '阳政发〔2020〕1号', 'X', 'penalty', '城市管理',
			'general', 'county', 'dept', 200000, 2000000, ?, 'acc')`, at)
		exec(`INSERT INTO catalog_decisions (id, region_code, doc_no, title, effective_from, created_at, created_by)
			VALUES ('d1', '371521000000', '阳政发〔2022〕8号', '下放', '2022-06-01', ?, 'acc')`, at)
		grant := `INSERT INTO catalog_assignments (id, region_code, item_id, decision_id, kind, from_org_id, target_org_id,
			place_code, effective_from, created_at) VALUES (?, '371521000000', 'x', 'd1', ?, ?, ?, ?, '2022-06-01', ?)`
		exec(grant, "t", "transfer", "dept", "bureau", "371521000000", at)
		exec(grant, "a-zq", "delegate", "bureau", "zq", "371521112000", at)
		exec(grant, "a-bj", "delegate", "bureau", "bj", "371521001000", at)
		exec(grant, "a-yl", "delegate", "bureau", "yl", "371521101000", at)
		var gen0 int64
		if err := Get(ctx, d.R, &gen0, `SELECT gen FROM catalog_generation WHERE id = 1`); err != nil {
			t.Fatal(err)
		}

		if _, err := p.UpTo(ctx, 13); err != nil {
			t.Fatal(err)
		}
		type assignment struct {
			ID      string `db:"id"`
			Target  string `db:"target_name"`
			Working string `db:"working_org_id"`
		}
		read := func() map[string]assignment {
			var rows []assignment
			if err := Select(ctx, d.R, &rows, `SELECT a.id, o.name AS target_name, a.working_org_id FROM catalog_assignments a
				JOIN organizations o ON o.id = a.target_org_id ORDER BY a.id`); err != nil {
				t.Fatal(err)
			}
			out := map[string]assignment{}
			for _, r := range rows {
				out[r.ID] = r
			}
			return out
		}
		got := read()
		want := map[string]assignment{
			"t":    {"t", "阳谷县综合行政执法局", ""},
			"a-zq": {"a-zq", "张秋镇人民政府", "zq"},
			"a-bj": {"a-bj", "博济桥街道办事处", "bj"},
			"a-yl": {"a-yl", "阎楼镇人民政府", "yl"},
		}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%s after 00013: %+v, want %+v", id, got[id], w)
			}
		}
		var created []struct {
			ID     string  `db:"id"`
			Name   string  `db:"name"`
			Kind   string  `db:"kind"`
			Parent *string `db:"parent_id"`
		}
		if err := Select(ctx, d.R, &created, `SELECT id, name, kind, parent_id FROM organizations WHERE region_code IN
			('371521112000', '371521001000') AND kind = 'government' ORDER BY name`); err != nil {
			t.Fatal(err)
		}
		if len(created) != 2 || created[0].Name != "博济桥街道办事处" || created[1].Name != "张秋镇人民政府" ||
			created[1].ID != "00000000-0000-7000-8000-371521112000" || created[1].Parent == nil || *created[1].Parent != "gov" {
			t.Fatalf("governments created: %+v", created)
		}
		var gen1 int64
		var unit string
		if err := Get(ctx, d.R, &gen1, `SELECT gen FROM catalog_generation WHERE id = 1`); err != nil || gen1 != gen0+1 {
			t.Fatalf("generation %d → %d %v", gen0, gen1, err)
		}
		if err := Get(ctx, d.R, &unit, `SELECT fine_unit FROM catalog_versions WHERE id = 'x1'`); err != nil || unit != "" {
			t.Fatalf("existing fines are not per unit: %q %v", unit, err)
		}

		if _, err := p.DownTo(ctx, 12); err != nil {
			t.Fatal(err)
		}
		var back []struct {
			ID     string `db:"id"`
			Target string `db:"target_org_id"`
		}
		if err := Select(ctx, d.R, &back, `SELECT id, target_org_id FROM catalog_assignments ORDER BY id`); err != nil {
			t.Fatal(err)
		}
		if len(back) != 4 || back[0].Target != "bj" || back[1].Target != "yl" || back[2].Target != "zq" || back[3].Target != "bureau" {
			t.Fatalf("after the down migration: %+v", back)
		}
	})
}
