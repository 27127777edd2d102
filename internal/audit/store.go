package audit

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/query"
)

// legacyChain holds the rows of the old single SHA-256 chain until Upgrade re-chains them.
const legacyChain = "legacy"

// Filter narrows a listing of the log.
type Filter struct {
	Actor  string  `query:"actor" doc:"操作人账号或姓名"`
	Action string  `query:"action" doc:"操作"`
	Entity string  `query:"entity" doc:"对象类型"`
	From   string  `query:"from" doc:"起始时间（含）"`
	To     string  `query:"to" doc:"截止时间（不含）"`
	Chain  *string `query:"chain" doc:"只看一条审计链：县级为6位区划代码，市级4位，省级2位，空值为系统级链"`
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

// order maps the listing's sort keys to ORDER BY terms; every order ends with the entries'
// global order (time, then chain and position), so pages are stable.
var order = query.Order{
	"at":        "at, chain, seq",
	"seq":       "at, chain, seq", // the console's old key: the global order
	"chain":     "chain, seq",
	"actorName": "actor_name, at, chain, seq",
	"action":    "action, at, chain, seq",
}

// List returns one page of the log inside scope, newest first by default. Entries of the system
// itself (region code empty) are visible to every auditor.
func List(ctx context.Context, d *db.DB, scope access.Scope, f Filter, p httpx.Page) ([]Entry, int, error) {
	var w query.Where
	in, args := scope.In("region_code")
	w.And("("+in+" OR region_code = '')", args...)
	w.And("chain <> ?", legacyChain)
	w.If(f.Actor != "", "(actor_id = ? OR actor_name LIKE ?"+db.LikeEscape+")", f.Actor, db.Like(f.Actor))
	w.If(f.Action != "", "action = ?", f.Action)
	w.If(f.Entity != "", "entity = ?", f.Entity)
	w.If(f.From != "", "at >= ?", timeBound(f.From))
	w.If(f.To != "", "at < ?", timeBound(f.To))
	if f.Chain != nil {
		w.And("chain = ?", *f.Chain)
	}
	if p.Sort == "" {
		p.Sort, p.Desc = "at", !p.Desc
	}
	sql, err := order.SQL(p, "-at", "")
	if err != nil {
		return nil, 0, err
	}
	return query.List[Entry](ctx, d.R, entryColumns, "audit_log", &w, sql, p)
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
	in, args := scope.In("chain")
	return "(" + in + " OR chain = '') AND chain <> ?", append(args, legacyChain)
}

// Heads returns the head of every chain inside scope, by chain.
func Heads(ctx context.Context, c db.Conn, scope access.Scope) ([]Head, error) {
	cond, args := chainsIn(scope)
	out := []Head{}
	err := db.Select(ctx, c, &out, `SELECT chain, seq, mac FROM audit_heads WHERE `+cond+` ORDER BY chain`, args...)
	return out, err
}
