// Package db opens the store (embedded SQLite or PostgreSQL), applies the embedded migrations and
// keeps the few dialect differences in one place. SQL elsewhere is written once, with `?`
// placeholders, and rebound for the dialect at the call.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"
)

// Dialect names the database engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the store. W takes writes; R takes reads. On SQLite W holds a single connection so that
// writers queue in Go instead of failing on a busy database, while R serves readers in parallel
// under WAL. On PostgreSQL both are the same pool.
type DB struct {
	Dialect Dialect
	W       *sqlx.DB
	R       *sqlx.DB
}

// Conn is what store code runs SQL on: a pool or a transaction.
type Conn interface {
	sqlx.ExtContext
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
	GetContext(ctx context.Context, dest any, query string, args ...any) error
}

// Open connects to databaseURL, or, when it is empty, to the SQLite file zhifa.db in dataDir.
func Open(ctx context.Context, databaseURL, dataDir string) (*DB, error) {
	if databaseURL == "" || strings.HasPrefix(databaseURL, "sqlite:") {
		path := strings.TrimPrefix(databaseURL, "sqlite:")
		if path == "" {
			if err := os.MkdirAll(dataDir, 0o750); err != nil {
				return nil, fmt.Errorf("创建数据目录 %s 失败: %w", dataDir, err)
			}
			path = filepath.Join(dataDir, "zhifa.db")
		}
		return openSQLite(ctx, path)
	}
	if strings.HasPrefix(databaseURL, "postgres://") || strings.HasPrefix(databaseURL, "postgresql://") {
		return openPostgres(ctx, databaseURL)
	}
	return nil, errors.New("数据库地址应以 postgres:// 或 sqlite: 开头")
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	w, err := sqlx.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("打开 SQLite 数据库 %s 失败: %w", path, err)
	}
	r, err := sqlx.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	return &DB{Dialect: SQLite, W: w, R: r}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	p, err := sqlx.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(10)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("连接 PostgreSQL 失败（%s）: %w", redact(dsn), err)
	}
	pool, err := withPinyin(ctx, p)
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("读取 PostgreSQL 排序规则失败: %w", err)
	}
	return &DB{Dialect: Postgres, W: pool, R: pool}, nil
}

// redact hides the password of a database URL for messages and logs.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Close closes both pools.
func (d *DB) Close() error {
	err := d.W.Close()
	if d.R != d.W {
		err = errors.Join(err, d.R.Close())
	}
	return err
}

// Ping checks that the store answers.
func (d *DB) Ping(ctx context.Context) error { return d.R.PingContext(ctx) }

// Tx is a write transaction. Store code runs SQL on it through Select, Get and Exec like on a pool.
type Tx struct{ *sqlx.Tx }

// Tx runs fn in a write transaction, committing when fn returns nil and rolling back otherwise.
func (d *DB) Tx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	tx, err := d.W.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(&Tx{tx}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Select runs a query and scans all rows into dest, rebinding `?` for the dialect.
func Select(ctx context.Context, c Conn, dest any, query string, args ...any) error {
	return failed(query, c.SelectContext(ctx, dest, c.Rebind(query), args...))
}

// Get runs a query and scans one row into dest; sql.ErrNoRows when there is none.
func Get(ctx context.Context, c Conn, dest any, query string, args ...any) error {
	return failed(query, c.GetContext(ctx, dest, c.Rebind(query), args...))
}

// Exec runs a statement, rebinding `?` for the dialect.
func Exec(ctx context.Context, c Conn, query string, args ...any) (sql.Result, error) {
	res, err := c.ExecContext(ctx, c.Rebind(query), args...)
	return res, failed(query, err)
}

// failed names the statement an error came from ("UPDATE accounts: …"), so that a log line says
// what failed. Finding nothing is not a failure and keeps its plain form for IsNoRows.
func failed(query string, err error) error {
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return fmt.Errorf("%s: %w", Describe(query), err)
}

// Describe sums up a statement as its verb and the tables it names: "SELECT people, organizations".
func Describe(query string) string {
	words := strings.Fields(query)
	if len(words) == 0 {
		return "SQL"
	}
	verb := strings.ToUpper(words[0])
	var tables []string
	for i := 0; i+1 < len(words); i++ {
		switch strings.ToUpper(words[i]) {
		case "FROM", "JOIN", "INTO", "UPDATE":
			t := strings.Trim(words[i+1], "(),")
			if t != "" && !strings.HasPrefix(t, "(") && !strings.EqualFold(t, "SELECT") && !slices.Contains(tables, t) {
				tables = append(tables, t)
			}
		}
	}
	if len(tables) == 0 {
		return verb
	}
	return verb + " " + strings.Join(tables, ", ")
}

// In expands `IN (?)` for a slice argument, as sqlx.In does.
func In(query string, args ...any) (string, []any, error) { return sqlx.In(query, args...) }

// IsNoRows reports a query that found nothing.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// IsUniqueViolation reports a unique-constraint failure on either engine.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// Like escapes a user's search text for a LIKE pattern that matches it anywhere.
func Like(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// LikeEscape is the ESCAPE clause to put after a LIKE that uses Like.
const LikeEscape = ` ESCAPE '\'`
