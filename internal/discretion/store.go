package discretion

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/query"
)

// row is a discretion_benchmarks row with its region's name.
type row struct {
	ID         string `db:"id"`
	RegionCode string `db:"region_code"`
	RegionName string `db:"region_name"`
	ItemID     string `db:"item_id"`
	ItemCode   string `db:"item_code"`
	ItemName   string `db:"item_name"`
	lifecycle.Record
	Title        string `db:"title"`
	Statute      string `db:"statute"`
	Precondition string `db:"precondition"`
	Provisions   string `db:"provisions"`
	Tiers        string `db:"tiers"`
	NoPenalty    string `db:"no_penalty"`
	Warnings     string `db:"warnings"`
	Note         string `db:"note"`
	CreatedAt    string `db:"created_at"`
	UpdatedAt    string `db:"updated_at"`
}

const (
	benchmarkFrom = `discretion_benchmarks b LEFT JOIN regions r ON r.code = b.region_code`
	// recordColumns are the lifecycle's columns (lifecycle.Record).
	recordColumns = `b.version, b.status, b.revision, b.effective_from, b.effective_to, b.doc_no, b.doc_title,
	b.published_at, b.repeal_reason, b.repeal_doc_no`
	rowColumns = `b.id, b.region_code, COALESCE(r.name, '') AS region_name, b.item_id, b.item_code, b.item_name, ` +
		recordColumns + `, b.title, b.statute, b.precondition, b.provisions, b.tiers, b.no_penalty, b.warnings, b.note,
	b.created_at, b.updated_at`
	summaryColumns = `b.id, b.region_code, COALESCE(r.name, '') AS region_name, b.item_id, b.item_code, b.item_name, ` +
		recordColumns + `, b.title, b.updated_at`
	selectRow     = `SELECT ` + rowColumns + ` FROM ` + benchmarkFrom
	selectSummary = `SELECT ` + summaryColumns + ` FROM ` + benchmarkFrom
)

// content decodes the precondition, tiers, provisions and no-penalty list of a row. Content
// stored before its shape grew reads as it meant: plain-text measures as measures of their kind
// (Measure.UnmarshalJSON), look-back windows in days as calendar periods (365 days: one year).
func (r row) content() (Content, error) {
	var c Content
	for _, col := range []struct {
		name, raw string
		into      any
	}{{"provisions", r.Provisions, &c.Provisions}, {"tiers", r.Tiers, &c.Tiers}, {"no_penalty", r.NoPenalty, &c.NoPenalty},
		{"precondition", r.Precondition, &c.Precondition}} {
		if col.raw == "" {
			continue
		}
		if err := json.Unmarshal([]byte(col.raw), col.into); err != nil {
			return c, fmt.Errorf("decode discretion_benchmarks.%s of %s: %w", col.name, r.ID, err)
		}
	}
	c.upgrade()
	return c, nil
}

// upgrade reads the look-back windows of content stored in days as calendar periods.
func (c *Content) upgrade() {
	fix := func(cs []Condition) {
		for i := range cs {
			if (cs[i].Kind == CondFirstOffence || cs[i].Kind == CondPriorCount) && cs[i].Lookback == nil {
				p := legacyPeriod(cs[i].LookbackDays)
				cs[i].Lookback, cs[i].LookbackDays = &p, 0
			}
		}
	}
	for _, p := range c.Provisions {
		fix(p.When)
	}
	for _, t := range c.Tiers {
		fix(t.Conditions)
	}
	for _, e := range c.NoPenalty {
		fix(e.Conditions)
	}
}

// benchmark decodes a row into the API shape, with its state on day.
func (r row) benchmark(day string) (Benchmark, error) {
	c, err := r.content()
	if err != nil {
		return Benchmark{}, err
	}
	b := Benchmark{ID: r.ID, RegionCode: r.RegionCode, RegionName: r.RegionName, ItemID: r.ItemID, ItemCode: r.ItemCode,
		ItemName: r.ItemName, Record: r.Record, Title: r.Title, Content: c, Note: r.Note, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt}
	b.State = lifecycle.StateOf(r.Record, day)
	b.Warnings = []Problem{}
	if r.Warnings != "" {
		if err := json.Unmarshal([]byte(r.Warnings), &b.Warnings); err != nil {
			return Benchmark{}, fmt.Errorf("decode discretion_benchmarks.warnings of %s: %w", r.ID, err)
		}
	}
	if r.Statute != "" && r.Statute != "{}" {
		var s Statute
		if err := json.Unmarshal([]byte(r.Statute), &s); err != nil {
			return Benchmark{}, err
		}
		b.Statute = &s
	}
	return b, nil
}

// visibleWhere limits rows to what a scope may read (access.Scope.Visible): its own subtree, and
// the published versions of the jurisdictions above it.
func visibleWhere(scope access.Scope) (string, []any) {
	return scope.Visible("b.region_code", "b.status <> 'draft'")
}

// getRow returns one version the scope may read, or with write set one inside the scope's own
// subtree; anything else is reported as not found.
func getRow(ctx context.Context, c db.Conn, scope access.Scope, id string, write bool) (row, error) {
	cond, args := visibleWhere(scope)
	if write {
		cond, args = scope.In("b.region_code")
	}
	q, args, err := db.In(selectRow+` WHERE b.id = ? AND `+cond, append([]any{id}, args...)...)
	if err != nil {
		return row{}, err
	}
	var r row
	err = db.Get(ctx, c, &r, q, args...)
	if db.IsNoRows(err) {
		return row{}, apperr.NotFound("裁量基准")
	}
	return r, err
}

// listWhere builds the conditions of a listing: the scope first, then the filter.
func listWhere(scope access.Scope, f Filter, day string) (*query.Where, error) {
	var w query.Where
	w.Add(visibleWhere(scope))
	w.If(f.ItemID != "", "b.item_id = ?", f.ItemID)
	w.If(f.ItemCode != "", "b.item_code = ?", f.ItemCode)
	switch {
	case f.Status == "":
	case lifecycle.StatusName(f.Status) != "":
		w.And("b.status = ?", string(f.Status))
	default:
		return nil, apperr.InvalidField("status", "DISCRETION_STATUS_INVALID", "状态应为 draft、published 或 repealed")
	}
	w.If(f.RegionCode != "", "b.region_code = ?", f.RegionCode)
	if q := strings.TrimSpace(f.Query); q != "" {
		like := db.Like(q)
		w.And("(b.title LIKE ?"+db.LikeEscape+" OR b.doc_no LIKE ?"+db.LikeEscape+
			" OR b.item_code LIKE ?"+db.LikeEscape+" OR b.item_name LIKE ?"+db.LikeEscape+")", like, like, like, like)
	}
	w.If(f.InForce, inForceSQL, day, day)
	return &w, nil
}

// inForceSQL holds a version in force on a day (two arguments: the day twice).
const inForceSQL = "b.status <> 'draft' AND b.effective_from <= ? AND (b.effective_to = '' OR b.effective_to > ?)"

// listRows returns one page of versions the scope may read.
func listRows(ctx context.Context, c db.Conn, scope access.Scope, f Filter, day string, p httpx.Page) ([]Summary, int, error) {
	w, err := listWhere(scope, f, day)
	if err != nil {
		return nil, 0, err
	}
	order, err := query.Order{"itemCode": "b.item_code", "itemName": "b.item_name", "version": "b.version",
		"effectiveFrom": "b.effective_from", "updatedAt": "b.updated_at", "title": "b.title", "status": "b.status"}.
		SQL(p, "itemCode", "b.region_code, b.version DESC, b.id")
	if err != nil {
		return nil, 0, err
	}
	out, total, err := query.List[Summary](ctx, c, summaryColumns, benchmarkFrom, w, order, p)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].State = lifecycle.StateOf(out[i].Record, day)
	}
	return out, total, nil
}

// seriesRows returns every version of one series the scope may read, newest first.
func seriesRows(ctx context.Context, c db.Conn, scope access.Scope, regionCode, itemID, day string) ([]Summary, error) {
	cond, args := visibleWhere(scope)
	q, args, err := db.In(selectSummary+` WHERE b.region_code = ? AND b.item_id = ? AND `+cond+` ORDER BY b.version DESC`,
		append([]any{regionCode, itemID}, args...)...)
	if err != nil {
		return nil, err
	}
	var out []Summary
	if err := db.Select(ctx, c, &out, q, args...); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].State = lifecycle.StateOf(out[i].Record, day)
	}
	return out, nil
}

// seriesRowsOf returns every version of a series, newest first, for the lifecycle's rules.
func seriesRowsOf(ctx context.Context, c db.Conn, regionCode, itemID string) ([]row, error) {
	var rows []row
	err := db.Select(ctx, c, &rows, selectRow+` WHERE b.region_code = ? AND b.item_id = ? ORDER BY b.version DESC`, regionCode, itemID)
	return rows, err
}

func insertRow(ctx context.Context, tx *db.Tx, r row) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO discretion_benchmarks (id, region_code, item_id, item_code, item_name, version,
		status, revision, title, doc_no, doc_title, effective_from, effective_to, statute, precondition, provisions, tiers,
		no_penalty, warnings, note, repeal_reason, repeal_doc_no, created_at, updated_at, published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.RegionCode, r.ItemID, r.ItemCode, r.ItemName, r.Version, string(r.Status), r.Revision, r.Title, r.DocNo,
		r.DocTitle, r.EffectiveFrom, r.EffectiveTo, r.Statute, orJSON(r.Precondition, "null"), r.Provisions, r.Tiers, r.NoPenalty,
		orJSON(r.Warnings, "[]"), r.Note, r.RepealReason, r.RepealDocNo, r.CreatedAt, r.UpdatedAt, r.PublishedAt)
	return err
}

// updateRow writes a version's lifecycle fields and content where its revision is still was, the
// one read; otherwise it answers STALE (someone changed, published or repealed it meanwhile).
func updateRow(ctx context.Context, tx *db.Tx, r row, was int) error {
	res, err := db.Exec(ctx, tx, `UPDATE discretion_benchmarks SET status = ?, revision = ?, doc_no = ?, doc_title = ?,
		effective_from = ?, effective_to = ?, published_at = ?, repeal_reason = ?, repeal_doc_no = ?, item_code = ?,
		item_name = ?, title = ?, statute = ?, precondition = ?, provisions = ?, tiers = ?, no_penalty = ?, warnings = ?,
		note = ?, updated_at = ?
		WHERE id = ? AND revision = ?`,
		string(r.Status), r.Revision, r.DocNo, r.DocTitle, r.EffectiveFrom, r.EffectiveTo, r.PublishedAt, r.RepealReason,
		r.RepealDocNo, r.ItemCode, r.ItemName, r.Title, r.Statute, orJSON(r.Precondition, "null"), r.Provisions, r.Tiers,
		r.NoPenalty, orJSON(r.Warnings, "[]"), r.Note, r.UpdatedAt, r.ID, was)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err == nil {
			err = lifecycle.Stale()
		}
		return err
	}
	return nil
}

func deleteDraft(ctx context.Context, tx *db.Tx, id string) (bool, error) {
	res, err := db.Exec(ctx, tx, `DELETE FROM discretion_benchmarks WHERE id = ? AND status = 'draft'`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// inForceRows returns the versions of an item in force on a day in the given regions.
func inForceRows(ctx context.Context, c db.Conn, itemID string, regions []string, day string) ([]row, error) {
	q, args, err := db.In(selectRow+` WHERE b.item_id = ? AND b.region_code IN (?) AND `+inForceSQL, itemID, regions, day, day)
	if err != nil {
		return nil, err
	}
	var out []row
	err = db.Select(ctx, c, &out, q, args...)
	return out, err
}

// inForceIn returns the versions in force on a day in the given regions, for every item or one.
func inForceIn(ctx context.Context, c db.Conn, regions []string, itemID, day string) ([]row, error) {
	query := selectRow + ` WHERE b.region_code IN (?) AND ` + inForceSQL
	args := []any{regions, day, day}
	if itemID != "" {
		query += " AND b.item_id = ?"
		args = append(args, itemID)
	}
	q, args, err := db.In(query+" ORDER BY b.item_code, b.item_id", args...)
	if err != nil {
		return nil, err
	}
	var out []row
	err = db.Select(ctx, c, &out, q, args...)
	return out, err
}

// PublicFilter narrows the public listing.
type PublicFilter struct {
	ItemID     string `query:"itemId" doc:"事项 id"`
	ItemCode   string `query:"itemCode" doc:"事项编码"`
	RegionCode string `query:"regionCode" doc:"该辖区及其上下级的基准"`
	Query      string `query:"q" doc:"名称、事项编码或名称"`
}

// publicRows returns one page of the versions in force on a day, for everyone to read.
func publicRows(ctx context.Context, c db.Conn, f PublicFilter, day string, p httpx.Page) ([]row, int, error) {
	var w query.Where
	w.And(inForceSQL, day, day)
	if f.RegionCode != "" {
		w.Add(visibleWhere(access.ScopeOf(f.RegionCode)))
	}
	w.If(f.ItemID != "", "b.item_id = ?", f.ItemID)
	w.If(f.ItemCode != "", "b.item_code = ?", f.ItemCode)
	if q := strings.TrimSpace(f.Query); q != "" {
		like := db.Like(q)
		w.And("(b.title LIKE ?"+db.LikeEscape+" OR b.item_name LIKE ?"+db.LikeEscape+" OR b.item_code LIKE ?"+db.LikeEscape+")", like, like, like)
	}
	return query.List[row](ctx, c, rowColumns, benchmarkFrom, &w, " ORDER BY b.item_code, b.region_code, b.id", p)
}

// orJSON is a JSON column's text, or the empty value when a row read before the column existed
// carries none.
func orJSON(raw, empty string) string {
	if raw == "" {
		return empty
	}
	return raw
}
