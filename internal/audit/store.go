package audit

import (
	"context"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// Filter narrows a listing of the log.
type Filter struct {
	Actor  string // account id or name
	Action string
	Entity string
	From   string // inclusive timestamp or date
	To     string // exclusive timestamp or date
}

// List returns one page of the log inside scope, newest first by default. Entries of the system
// itself (region code empty) are visible to every auditor.
func List(ctx context.Context, d *db.DB, scope access.Scope, f Filter, p httpx.Page) ([]Entry, int, error) {
	lo, hi := scope.Range()
	where := []string{"((region_code >= ? AND region_code < ?) OR region_code = '')"}
	args := []any{lo, hi}
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
		args = append(args, f.From)
	}
	if f.To != "" {
		where = append(where, "at < ?")
		args = append(args, f.To)
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := db.Get(ctx, d.R, &total, "SELECT COUNT(*) FROM audit_log"+cond, args...); err != nil {
		return nil, 0, err
	}
	if p.Sort == "" {
		p.Sort, p.Desc = "seq", !p.Desc
	}
	order, err := httpx.OrderBy(p, map[string]string{"seq": "seq", "at": "seq", "actorName": "actor_name, seq", "action": "action, seq"}, "seq")
	if err != nil {
		return nil, 0, err
	}
	var out []Entry
	err = db.Select(ctx, d.R, &out, `SELECT seq, at, actor_id, actor_name, ip, action, entity, entity_id,
		region_code, summary, detail, prev_hash, hash FROM audit_log`+cond+order+` LIMIT ? OFFSET ?`,
		append(args, p.PageSize, p.Offset())...)
	return out, total, err
}
