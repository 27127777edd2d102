package db

import (
	"context"
	"io/fs"
	"testing"

	"github.com/pressly/goose/v3"
)

// TestMigrateAppliesALowerMissingMigration: a database that has 00015 and 00016 but not 00013 and
// 00014 (built while those were being written) is brought up to date, not refused.
func TestMigrateAppliesALowerMissingMigration(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectSQLite3, d.W.DB, sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 12); err != nil {
		t.Fatal(err)
	}
	for _, v := range []int64{15, 16} {
		if _, err := p.ApplyVersion(ctx, v, true); err != nil {
			t.Fatal(v, err)
		}
	}
	n, err := d.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Fatalf("applied %d migrations, want 00013 and 00014 at least", n)
	}
	var has int
	if err := Get(ctx, d.R, &has, `SELECT COUNT(*) FROM goose_db_version WHERE version_id IN (13, 14) AND is_applied`); err != nil || has != 2 {
		t.Fatalf("00013 and 00014 applied: %d %v", has, err)
	}
}
