package server_test

import (
	"context"
	"os"
	"testing"

	"zhifa/internal/discretion"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/query"
	"zhifa/internal/platform/settings"
	"zhifa/internal/reform"
)

// The reform thresholds and discretion splitting rules kept in their own tables before the
// settings per jurisdiction are carried over on both engines: each row becomes a setting that
// reads back as the feature's type, with a history line, and the old tables are gone.
func TestOldRulesMoveIntoSettings(t *testing.T) {
	run := func(t *testing.T, url, dir string) {
		ctx := context.Background()
		d, err := db.Open(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		if err := d.MigrateTo(ctx, 9); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`INSERT INTO regions (code, name, level, parent_code, created_at) VALUES ('370000000000', '山东省', 1, NULL, '2026-01-01T00:00:00.000Z')`,
			`INSERT INTO regions (code, name, level, parent_code, created_at) VALUES ('371500000000', '聊城市', 2, '370000000000', '2026-01-01T00:00:00.000Z')`,
			`INSERT INTO regions (code, name, level, parent_code, created_at) VALUES ('371521000000', '阳谷县', 3, '371500000000', '2026-01-01T00:00:00.000Z')`,
			`INSERT INTO regions (code, name, level, parent_code, created_at) VALUES ('371521100000', '阿城镇', 4, '371521000000', '2026-01-01T00:00:00.000Z')`,
			`INSERT INTO reform_rules (region_code, frontline_min_pct, key_township_min, ordinary_township_min, sunk_min_pct, basis, updated_at)
				VALUES ('371521000000', 80, 6, 2, 60, '阳政办发〔2024〕3号', '2026-03-01T08:00:00.000Z')`,
			`INSERT INTO discretion_rules (region_code, min_steps, range_low_pct, range_high_pct, lighter_max_pct, general_min_pct,
				general_max_pct, basis, updated_at) VALUES ('370000000000', 2, 25, 75, 10, 30, 70, '', '2026-02-01T08:00:00.000Z')`,
		} {
			if _, err := db.Exec(ctx, d.W, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		a := newApp(d)
		th, err := settings.Get[reform.Thresholds](ctx, d.R, a.Settings, reform.SettingKey, "371521100000")
		if err != nil || th.Value != (reform.Thresholds{FrontlineMinPct: 80, KeyTownshipMin: 6, OrdinaryTownshipMin: 2, SunkMinPct: 60}) ||
			th.Source.RegionCode != "371521000000" || th.Source.RegionName != "阳谷县" || th.Basis != "阳政办发〔2024〕3号" ||
			th.UpdatedAt != "2026-03-01T08:00:00.000Z" {
			t.Errorf("reform thresholds: %+v, %v", th, err)
		}
		sp, err := settings.Get[discretion.Splitting](ctx, d.R, a.Settings, discretion.SettingKey, "371521100000")
		// A jurisdiction that had set its own rules had every check enforced, and keeps it so
		// (migration 00014) although the national default now requires no midpoint.
		if err != nil || sp.Value != (discretion.Splitting{Midpoint: discretion.ModeError, MinStepsCheck: discretion.ModeError, MinSteps: 2,
			MaxOnlyCheck: discretion.ModeError, OrderCheck: discretion.ModeError, RangeLowPct: 25, RangeHighPct: 75, LighterMaxPct: 10,
			GeneralMinPct: 30, GeneralMaxPct: 70}) || sp.Source.RegionCode != "370000000000" {
			t.Errorf("splitting rules: %+v, %v", sp, err)
		}
		changes, total, err := a.Settings.History(ctx, access.System(), reform.SettingKey, settings.HistoryQuery{RegionCode: "371521"}, query.First(10))
		if err != nil || total != 1 || changes[0].Action != settings.ActionMigrate || changes[0].Before != nil ||
			string(changes[0].After) != `{"frontlineMinPct":80,"keyTownshipMin":6,"ordinaryTownshipMin":2,"sunkMinPct":60}` ||
			changes[0].Basis != "阳政办发〔2024〕3号" || changes[0].ChangedAt != "2026-03-01T08:00:00.000Z" {
			t.Errorf("history: %d %+v, %v", total, changes, err)
		}
		for _, table := range []string{"reform_rules", "discretion_rules"} {
			var n int
			if err := db.Get(ctx, d.R, &n, `SELECT COUNT(*) FROM `+table); err == nil {
				t.Errorf("%s still exists", table)
			}
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, "", t.TempDir()) })
	if base := os.Getenv(dbtest.EnvPostgres); base != "" {
		t.Run("postgres", func(t *testing.T) {
			url, drop, err := dbtest.NewSchema(base)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(drop)
			run(t, url, "")
		})
	}
}
