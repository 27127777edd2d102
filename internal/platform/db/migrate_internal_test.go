package db

import (
	"context"
	"testing"

	"github.com/pressly/goose/v3"
)

// TestVersionedRecordsMigration: migration 00011 gives catalogue versions and discretion
// benchmarks the lifecycle's column names, and folds each old catalogue repeal (a version of its
// own, from the repeal date) into the version it ended; its Down restores the old shape. Both
// engines, on data written in the old shape.
func TestVersionedRecordsMigration(t *testing.T) {
	ctx := context.Background()
	eachMigrationEngine(t, 10, func(t *testing.T, d *DB, p *goose.Provider, exec func(q string, args ...any)) {
		const at = "2026-01-01T00:00:00.000Z"
		exec(`INSERT INTO regions (code, name, level, created_at) VALUES ('371521000000', '阳谷县', 3, ?)`, at)
		exec(`INSERT INTO organizations (id, region_code, name, kind, created_at, updated_at) VALUES ('dept', '371521000000', '住建局', 'department', ?, ?)`, at, at)
		exec(`INSERT INTO catalog_items (id, region_code, code, status, latest_version_id, first_effective, created_at, updated_at)
			VALUES ('x', '371521000000', 'X-1', 'repealed', 'x2', '2021-01-01', ?, ?), ('y', '371521000000', 'Y-1', 'published', 'y1', '2021-01-01', ?, ?)`, at, at, at, at)
		version := `INSERT INTO catalog_versions (id, item_id, region_code, seq, status, effective_from, effective_to, doc_no, name,
			item_type, domain, category, level, owner_org_id, note, created_at, created_by, published_at)
			VALUES (?, ?, '371521000000', ?, ?, ?, ?, ?, ?, 'penalty', '城市管理', 'general', 'county', 'dept', ?, ?, 'acc', ?)`
		exec(version, "x1", "x", 1, "published", "2021-01-01", "2024-01-01", "阳政发〔2020〕1号", "X", "", at, at)
		exec(version, "x2", "x", 2, "repealed", "2024-01-01", "", "阳政办发〔2023〕9号", "X", "法律依据调整", at, at)
		exec(version, "y1", "y", 1, "published", "2021-01-01", "", "阳政发〔2020〕1号", "Y", "", at, at)
		exec(`INSERT INTO catalog_decisions (id, region_code, doc_no, title, effective_date, created_at, created_by)
			VALUES ('d1', '371521000000', '阳政发〔2021〕12号', '划转', '2021-07-01', ?, 'acc')`, at)
		exec(`INSERT INTO discretion_benchmarks (id, region_code, item_id, version, status, title, doc_number, effective_from, created_at, updated_at)
			VALUES ('b1', '371521000000', 'y', 1, 'published', '基准', '阳综执发〔2026〕1号', '2026-01-01', ?, ?)`, at, at)

		if _, err := p.UpTo(ctx, 11); err != nil {
			t.Fatal(err)
		}
		type row struct {
			ID           string `db:"id"`
			Version      int    `db:"version"`
			Status       string `db:"status"`
			Revision     int    `db:"revision"`
			To           string `db:"effective_to"`
			DocNo        string `db:"doc_no"`
			RepealDocNo  string `db:"repeal_doc_no"`
			RepealReason string `db:"repeal_reason"`
		}
		var rows []row
		if err := Select(ctx, d.R, &rows, `SELECT id, version, status, revision, effective_to, doc_no, repeal_doc_no, repeal_reason
			FROM catalog_versions ORDER BY id`); err != nil {
			t.Fatal(err)
		}
		want := []row{{"x1", 1, "repealed", 1, "2024-01-01", "阳政发〔2020〕1号", "阳政办发〔2023〕9号", "法律依据调整"},
			{"y1", 1, "published", 1, "", "阳政发〔2020〕1号", "", ""}}
		if len(rows) != len(want) || rows[0] != want[0] || rows[1] != want[1] {
			t.Fatalf("versions after 00011: %+v", rows)
		}
		var latest, decided, doc string
		var revision int
		if err := Get(ctx, d.R, &latest, `SELECT latest_version_id FROM catalog_items WHERE id = 'x'`); err != nil || latest != "x1" {
			t.Fatalf("latest version of the repealed item: %q %v", latest, err)
		}
		if err := Get(ctx, d.R, &decided, `SELECT effective_from FROM catalog_decisions WHERE id = 'd1'`); err != nil || decided != "2021-07-01" {
			t.Fatalf("decision: %q %v", decided, err)
		}
		if err := Get(ctx, d.R, &doc, `SELECT doc_no FROM discretion_benchmarks WHERE id = 'b1'`); err != nil || doc != "阳综执发〔2026〕1号" {
			t.Fatalf("benchmark: %q %v", doc, err)
		}
		if err := Get(ctx, d.R, &revision, `SELECT revision FROM discretion_benchmarks WHERE id = 'b1'`); err != nil || revision != 1 {
			t.Fatalf("benchmark revision: %d %v", revision, err)
		}
		// A second version of an item is refused on the same number, as before.
		if _, err := Exec(ctx, d.W, `INSERT INTO catalog_versions (id, item_id, region_code, version, status, name, item_type, domain,
			category, level, owner_org_id, created_at, created_by) VALUES ('y9', 'y', '371521000000', 1, 'draft', 'Y', 'penalty',
			'城市管理', 'general', 'county', 'dept', ?, 'acc')`, at); !IsUniqueViolation(err) {
			t.Fatalf("duplicate version number: %v", err)
		}

		if _, err := p.DownTo(ctx, 10); err != nil {
			t.Fatal(err)
		}
		var old []struct {
			ID     string `db:"id"`
			Seq    int    `db:"seq"`
			Status string `db:"status"`
			From   string `db:"effective_from"`
			To     string `db:"effective_to"`
			DocNo  string `db:"doc_no"`
			Note   string `db:"note"`
		}
		if err := Select(ctx, d.R, &old, `SELECT id, seq, status, effective_from, effective_to, doc_no, note FROM catalog_versions
			WHERE item_id = 'x' ORDER BY seq`); err != nil {
			t.Fatal(err)
		}
		if len(old) != 2 || old[0].Status != "published" || old[0].To != "2024-01-01" || old[1].Status != "repealed" ||
			old[1].Seq != 2 || old[1].From != "2024-01-01" || old[1].DocNo != "阳政办发〔2023〕9号" || old[1].Note != "法律依据调整" {
			t.Fatalf("versions after the down migration: %+v", old)
		}
		if err := Get(ctx, d.R, &latest, `SELECT latest_version_id FROM catalog_items WHERE id = 'x'`); err != nil || latest != old[1].ID {
			t.Fatalf("latest version after the down migration: %q %v", latest, err)
		}
		if err := Get(ctx, d.R, &doc, `SELECT doc_number FROM discretion_benchmarks WHERE id = 'b1'`); err != nil || doc != "阳综执发〔2026〕1号" {
			t.Fatalf("benchmark after the down migration: %q %v", doc, err)
		}
	})
}
