package db

import (
	"context"
	"log/slog"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"modernc.org/sqlite"
)

// Names of people, organisations, regions and catalogue items sort in pinyin order (阿 < 北 < 张),
// as Chinese users expect from a list, not by character code. SQLite gets a collation written in Go
// over the Unicode Collation Algorithm with CLDR's Chinese tailoring; PostgreSQL uses ICU's
// "zh-x-icu" when the server was built with ICU (Debian's and most builds are).

// sqlitePinyin is the SQLite collation registered for every connection of the "sqlite" driver.
const sqlitePinyin = "zh_pinyin"

// postgresPinyin is ICU's Chinese collation in PostgreSQL's catalogue.
const postgresPinyin = "zh-x-icu"

// pgxCodePoint is the driver name given to connections of a PostgreSQL server that lacks
// postgresPinyin: names then sort by character code. sqlx rebinds it like "pgx".
const pgxCodePoint = "pgx-codepoint"

// collators holds Chinese collators; a collate.Collator is not safe for concurrent use and
// SQLite calls the collation from every reading connection at once.
var collators = sync.Pool{New: func() any { return collate.New(language.Chinese) }}

// comparePinyin orders two names in pinyin order, breaking ties by bytes so that the order is
// total, as SQLite requires of a collation.
func comparePinyin(a, b string) int {
	c := collators.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	collators.Put(c)
	if r == 0 {
		return strings.Compare(a, b)
	}
	return r
}

func init() {
	sqlite.MustRegisterCollationUtf8(sqlitePinyin, comparePinyin)
	sqlx.BindDriver(pgxCodePoint, sqlx.DOLLAR)
}

// Pinyin returns col with the collation that sorts Chinese text in pinyin order on the engine c
// runs on, for an ORDER BY: `ORDER BY ` + db.Pinyin(c, "p.name").
func Pinyin(c Conn, col string) string {
	switch c.DriverName() {
	case "sqlite":
		return col + " COLLATE " + sqlitePinyin
	case "pgx":
		return col + ` COLLATE "` + postgresPinyin + `"`
	}
	return col
}

// withPinyin checks that the PostgreSQL server has postgresPinyin and otherwise marks the pool
// so that Pinyin leaves names in character-code order.
func withPinyin(ctx context.Context, p *sqlx.DB) (*sqlx.DB, error) {
	var n int
	if err := p.GetContext(ctx, &n, `SELECT COUNT(*) FROM pg_collation WHERE collname = $1`, postgresPinyin); err != nil {
		return nil, err
	}
	if n > 0 {
		return p, nil
	}
	slog.WarnContext(ctx, "PostgreSQL has no ICU collation; names sort by character code, not pinyin", "collation", postgresPinyin)
	return sqlx.NewDb(p.DB, pgxCodePoint), nil
}
