package audit

import (
	"context"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// legacyChain holds the rows of the old single SHA-256 chain until Upgrade re-chains them.
const legacyChain = "legacy"

// Filter narrows a listing of the log.
type Filter struct {
	Actor  string  // account id or name
	Action string  //
	Entity string  //
	From   string  // inclusive timestamp or date
	To     string  // exclusive timestamp or date
	Chain  *string // one chain only ("" is the system-wide chain)
}

// timeBound is a From or To as the stored UTC timestamps compare: a date (YYYY-MM-DD) is China's
// calendar day, which begins at 16:00 UTC the day before; a timestamp is taken as given.
func timeBound(s string) string {
	if d, ok := civil.Parse(s); ok {
		return clock.Stamp(d.Start())
	}
	return s
}

const entryColumns = `chain, seq, at, actor_id, actor_name, ip, action, entity, entity_id, entity_name,
	region_code, summary, detail, prev_mac, mac, body_mac`

// sortColumns maps the listing's sort keys to ORDER BY terms; every order ends with the entries'
// global order (time, then chain and position), so pages are stable.
var sortColumns = map[string][]string{
	"at":        {"at", "chain", "seq"},
	"seq":       {"at", "chain", "seq"}, // the console's old key: the global order
	"chain":     {"chain", "seq"},
	"actorName": {"actor_name", "at", "chain", "seq"},
	"action":    {"action", "at", "chain", "seq"},
}

// List returns one page of the log inside scope, newest first by default. Entries of the system
// itself (region code empty) are visible to every auditor.
func List(ctx context.Context, d *db.DB, scope access.Scope, f Filter, p httpx.Page) ([]Entry, int, error) {
	lo, hi := scope.Range()
	where := []string{"((region_code >= ? AND region_code < ?) OR region_code = '')", "chain <> ?"}
	args := []any{lo, hi, legacyChain}
	if f.Actor != "" {
		where = append(where, "(actor_id = ? OR actor_name LIKE ?"+db.LikeEscape+")")
		args = append(args, f.Actor, db.Like(f.Actor))
	}
	if f.Action != "" {
		where = append(where, "action = ?")
		args = append(args, f.Action)
	}
	if f.Entity != "" {
		where = append(where, "entity = ?")
		args = append(args, f.Entity)
	}
	if f.From != "" {
		where = append(where, "at >= ?")
		args = append(args, timeBound(f.From))
	}
	if f.To != "" {
		where = append(where, "at < ?")
		args = append(args, timeBound(f.To))
	}
	if f.Chain != nil {
		where = append(where, "chain = ?")
		args = append(args, *f.Chain)
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := db.Get(ctx, d.R, &total, "SELECT COUNT(*) FROM audit_log"+cond, args...); err != nil {
		return nil, 0, err
	}
	if p.Sort == "" {
		p.Sort, p.Desc = "at", !p.Desc
	}
	cols, ok := sortColumns[p.Sort]
	if !ok {
		return nil, 0, apperr.InvalidField("sort", "SORT_INVALID", "不支持按该字段排序："+p.Sort)
	}
	dir := " ASC"
	if p.Desc {
		dir = " DESC"
	}
	order := " ORDER BY " + strings.Join(cols, dir+", ") + dir
	out := []Entry{}
	err := db.Select(ctx, d.R, &out, `SELECT `+entryColumns+` FROM audit_log`+cond+order+` LIMIT ? OFFSET ?`,
		append(args, p.PageSize, p.Offset())...)
	return out, total, err
}

// Head is the newest entry of a chain as its head row records it.
type Head struct {
	Chain string `db:"chain" json:"chain"`
	Seq   int64  `db:"seq" json:"seq"`
	MAC   string `db:"mac" json:"mac"`
}

// chainsIn is the condition selecting the chains inside scope: a chain lies inside a jurisdiction
// when its prefix does (the county chain 371521 inside Liaocheng 3715), and the system-wide chain
// is visible to everyone, as its entries are in the listing.
func chainsIn(scope access.Scope) (string, []any) {
	lo, hi := scope.Range()
	return "((chain >= ? AND chain < ?) OR chain = '') AND chain <> ?", []any{lo, hi, legacyChain}
}

// Heads returns the head of every chain inside scope, by chain.
func Heads(ctx context.Context, c db.Conn, scope access.Scope) ([]Head, error) {
	cond, args := chainsIn(scope)
	out := []Head{}
	err := db.Select(ctx, c, &out, `SELECT chain, seq, mac FROM audit_heads WHERE `+cond+` ORDER BY chain`, args...)
	return out, err
}
