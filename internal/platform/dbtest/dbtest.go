// Package dbtest gives tests a fresh, migrated store on every engine the run has: always SQLite
// in a temporary directory, and PostgreSQL in a schema of its own when ZHIFA_TEST_POSTGRES holds a
// URL (make test sets it). One test body therefore runs against both databases.
package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
)

// EnvPostgres names the variable holding the PostgreSQL URL used by tests.
const EnvPostgres = "ZHIFA_TEST_POSTGRES"

// Each runs fn once per available engine, as subtests named "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv(EnvPostgres) != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
	}
}

// SQLite opens a migrated SQLite store in a temporary directory.
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// Postgres opens a migrated PostgreSQL store in a new schema that is dropped after the test.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip(EnvPostgres + " is not set")
	}
	url, drop, err := NewSchema(base)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(context.Background(), url, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(); drop() })
	if _, err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// NewSchema creates an empty schema in the database at base and returns a URL whose connections
// use it, plus a function that drops it.
func NewSchema(base string) (string, func(), error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	name := "t_" + strings.ReplaceAll(ids.New(), "-", "")
	if _, err := admin.Exec("CREATE SCHEMA " + name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create schema: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		admin.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	drop := func() {
		admin.Exec("DROP SCHEMA " + name + " CASCADE")
		admin.Close()
	}
	return u.String(), drop, nil
}
