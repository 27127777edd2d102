package db

import (
	"context"
	"database/sql"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"
)

// eachMigrationEngine runs fn on a fresh database of each engine — SQLite, and PostgreSQL in a
// schema of its own when ZHIFA_TEST_POSTGRES is set — migrated up to version upTo, with the goose
// provider to migrate further or back and an exec that fails the test on error. Migration tests
// write data in the old shape and watch one migration move it.
func eachMigrationEngine(t *testing.T, upTo int64, fn func(t *testing.T, d *DB, p *goose.Provider, exec func(q string, args ...any))) {
	ctx := context.Background()
	engines := map[string]func(t *testing.T) *DB{
		"sqlite": func(t *testing.T) *DB {
			d, err := Open(ctx, "", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return d
		},
	}
	if base := os.Getenv("ZHIFA_TEST_POSTGRES"); base != "" {
		engines["postgres"] = func(t *testing.T) *DB {
			admin, err := sql.Open("pgx", base)
			if err != nil {
				t.Fatal(err)
			}
			schema := "t_migration_" + strings.ReplaceAll(time.Now().Format("150405.000000"), ".", "")
			if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE"); admin.Close() })
			u, _ := url.Parse(base)
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			d, err := Open(ctx, u.String(), "")
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			d := open(t)
			defer d.Close()
			sub, _ := fs.Sub(migrations, "migrations")
			dialect := goose.DialectSQLite3
			if d.Dialect == Postgres {
				dialect = goose.DialectPostgres
			}
			p, err := goose.NewProvider(dialect, d.W.DB, sub)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, upTo); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := Exec(ctx, d.W, q, args...); err != nil {
					t.Fatal(err)
				}
			}
			fn(t, d, p, exec)
		})
	}
}
