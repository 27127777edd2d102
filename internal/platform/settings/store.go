package settings

import (
	"context"
	"database/sql"
	"encoding/json"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/query"
)

// row is one region's own value of a kind (table settings).
type row struct {
	Kind          string `db:"kind"`
	RegionCode    string `db:"region_code"`
	Value         string `db:"value"`
	Basis         string `db:"basis"`
	UpdatedAt     string `db:"updated_at"`
	UpdatedBy     string `db:"updated_by"`
	UpdatedByName string `db:"updated_by_name"`
}

const rowColumns = `kind, region_code, value, basis, updated_at, updated_by, updated_by_name`

// rowsIn returns the own values of a kind held by the given regions.
func rowsIn(ctx context.Context, c db.Conn, kind string, codes []string) (map[string]row, error) {
	out := map[string]row{}
	if len(codes) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT `+rowColumns+` FROM settings WHERE kind = ? AND region_code IN (?)`, kind, codes)
	if err != nil {
		return nil, err
	}
	var rows []row
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.RegionCode] = r
	}
	return out, nil
}

// upsert sets a region's own value of a kind.
func upsert(ctx context.Context, tx *db.Tx, r row) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO settings (`+rowColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, region_code) DO UPDATE SET value = excluded.value, basis = excluded.basis,
		updated_at = excluded.updated_at, updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name`,
		r.Kind, r.RegionCode, r.Value, r.Basis, r.UpdatedAt, r.UpdatedBy, r.UpdatedByName)
	return err
}

// remove deletes a region's own value of a kind.
func remove(ctx context.Context, tx *db.Tx, kind, code string) error {
	_, err := db.Exec(ctx, tx, `DELETE FROM settings WHERE kind = ? AND region_code = ?`, kind, code)
	return err
}

// changeRow is one line of a setting's history (table setting_changes, append-only).
type changeRow struct {
	ID            string         `db:"id"`
	Kind          string         `db:"kind"`
	RegionCode    string         `db:"region_code"`
	Action        Action         `db:"action"`
	ValueBefore   sql.NullString `db:"value_before"`
	ValueAfter    sql.NullString `db:"value_after"`
	BasisBefore   string         `db:"basis_before"`
	Basis         string         `db:"basis"`
	Reason        string         `db:"reason"`
	ChangedAt     string         `db:"changed_at"`
	ChangedBy     string         `db:"changed_by"`
	ChangedByName string         `db:"changed_by_name"`
}

const changeColumns = `id, kind, region_code, action, value_before, value_after, basis_before, basis, reason,
	changed_at, changed_by, changed_by_name`

func (c changeRow) change() Change {
	raw := func(s sql.NullString) json.RawMessage {
		if !s.Valid {
			return nil
		}
		return json.RawMessage(s.String)
	}
	return Change{ID: c.ID, Kind: c.Kind, RegionCode: c.RegionCode, Action: c.Action, Before: raw(c.ValueBefore),
		After: raw(c.ValueAfter), BasisBefore: c.BasisBefore, Basis: c.Basis, Reason: c.Reason, ChangedAt: c.ChangedAt,
		ChangedBy: c.ChangedBy, ChangedByName: c.ChangedByName}
}

// insertChange appends a line to a setting's history.
func insertChange(ctx context.Context, tx *db.Tx, c changeRow) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO setting_changes (`+changeColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Kind, c.RegionCode, string(c.Action), c.ValueBefore, c.ValueAfter, c.BasisBefore, c.Basis, c.Reason,
		c.ChangedAt, c.ChangedBy, c.ChangedByName)
	return err
}

// changesOf returns one page of the history of a region's value of a kind, newest first.
func changesOf(ctx context.Context, c db.Conn, kind, code string, p query.Page) ([]changeRow, int, error) {
	var w query.Where
	w.And("kind = ?", kind).And("region_code = ?", code)
	order, err := query.Order{"changedAt": "changed_at"}.SQL(p, "-changedAt", "id DESC")
	if err != nil {
		return nil, 0, err
	}
	return query.List[changeRow](ctx, c, changeColumns, "setting_changes", &w, order, p)
}
