package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies every embedded migration not yet applied, in order, and returns how many ran.
// Migrations are plain SQL that both engines accept; they never import live models.
func (d *DB) Migrate(ctx context.Context) (int, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return 0, err
	}
	dialect := goose.DialectSQLite3
	if d.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	// Features are built side by side, so a migration may be numbered below one a database already
	// has (00013 and 00014 came after 00015 and 00016 in some databases); each migration stands
	// alone, and a missing lower one is applied rather than refused.
	p, err := goose.NewProvider(dialect, d.W.DB, sub, goose.WithAllowOutofOrder(true))
	if err != nil {
		return 0, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("数据库迁移失败: %w", err)
	}
	return len(res), nil
}

// MigrationStatus lists each embedded migration with whether it has been applied.
func (d *DB) MigrationStatus(ctx context.Context) ([]string, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	if d.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, d.W.DB, sub)
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(st))
	for _, s := range st {
		out = append(out, fmt.Sprintf("%05d %-10s %s", s.Source.Version, s.State, s.Source.Path))
	}
	return out, nil
}

// MigrateTo applies the embedded migrations up to and including version. Tests use it to build a
// database as an older release left it, and then check what the later migrations do to its data.
func (d *DB) MigrateTo(ctx context.Context, version int64) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	if d.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, d.W.DB, sub)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}
