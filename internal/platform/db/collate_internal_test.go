package db

import (
	"testing"

	"github.com/jmoiron/sqlx"
)

// TestPinyinFallback: on a PostgreSQL server without ICU the pool is marked, names keep character
// code order and queries are still rebound for PostgreSQL.
func TestPinyinFallback(t *testing.T) {
	p := sqlx.NewDb(nil, pgxCodePoint)
	if got := Pinyin(p, "o.name"); got != "o.name" {
		t.Fatalf("fallback: %q", got)
	}
	if got := p.Rebind("a = ? AND b = ?"); got != "a = $1 AND b = $2" {
		t.Fatalf("rebind: %q", got)
	}
	if got := Pinyin(sqlx.NewDb(nil, "pgx"), "o.name"); got != `o.name COLLATE "zh-x-icu"` {
		t.Fatalf("postgres: %q", got)
	}
}
