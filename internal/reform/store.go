package reform

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/db"
	"zhifa/internal/region"
)

// ruleRows returns the threshold rows of a region and its ancestors.
func ruleRows(ctx context.Context, c db.Conn, code string) ([]RuleRow, error) {
	codes := region.Ancestors(code)
	if code != "" {
		codes = append(codes, code)
	}
	if len(codes) == 0 {
		return nil, nil
	}
	q, args, err := db.In(`SELECT region_code, frontline_min_pct, key_township_min, ordinary_township_min, sunk_min_pct,
		basis, updated_at FROM reform_rules WHERE region_code IN (?)`, codes)
	if err != nil {
		return nil, err
	}
	var rows []RuleRow
	err = db.Select(ctx, c, &rows, q, args...)
	return rows, err
}

// upsertRules sets the thresholds of one region.
func upsertRules(ctx context.Context, tx *db.Tx, code string, r Rules, now string) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO reform_rules (region_code, frontline_min_pct, key_township_min,
		ordinary_township_min, sunk_min_pct, basis, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (region_code) DO UPDATE SET frontline_min_pct = excluded.frontline_min_pct,
		key_township_min = excluded.key_township_min, ordinary_township_min = excluded.ordinary_township_min,
		sunk_min_pct = excluded.sunk_min_pct, basis = excluded.basis, updated_at = excluded.updated_at`,
		code, r.FrontlineMinPct, r.KeyTownshipMin, r.OrdinaryTownshipMin, r.SunkMinPct, r.Basis, now)
	return err
}

// quotaOf sums the approved posts (核定编制: 行政编 + 参公事业编 + 事业编) of an organisation and
// everything below it.
func quotaOf(ctx context.Context, c db.Conn, orgID string) (int, error) {
	var n int
	err := db.Get(ctx, c, &n, `SELECT COALESCE(SUM(quota_admin + quota_civil + quota_institution), 0)
		FROM organizations WHERE id IN (`+org.SubtreeSQL+`)`, orgID)
	return n, err
}

// postedCounts counts the people holding posts (编制内: every post type but 编外) in an
// organisation's subtree: all of them, the front-line ones, and those sunk to a township. The
// people are grouped by post and work organisation so that "sunk" is decided by people.IsSunk,
// the same rule that marks a person as sunk.
func postedCounts(ctx context.Context, c db.Conn, orgID string) (force, frontline, sunk int, err error) {
	var rows []struct {
		PostOrgID  string   `db:"post_org_id"`
		WorkOrgID  string   `db:"work_org_id"`
		WorkKind   org.Kind `db:"kind"`
		WorkRegion string   `db:"region_code"`
		Frontline  bool     `db:"frontline"`
		N          int      `db:"n"`
	}
	err = db.Select(ctx, c, &rows, `SELECT pe.post_org_id, pe.work_org_id, w.kind, w.region_code, pe.frontline, COUNT(*) AS n
		FROM people pe JOIN organizations w ON w.id = pe.work_org_id
		WHERE pe.post_org_id IN (`+org.SubtreeSQL+`) AND pe.post_type <> ?
		GROUP BY pe.post_org_id, pe.work_org_id, w.kind, w.region_code, pe.frontline`, orgID, string(org.PostOther))
	if err != nil {
		return 0, 0, 0, err
	}
	for _, r := range rows {
		force += r.N
		if r.Frontline {
			frontline += r.N
		}
		if people.IsSunk(r.PostOrgID, r.WorkOrgID, r.WorkKind, r.WorkRegion) {
			sunk += r.N
		}
	}
	return force, frontline, sunk, nil
}

// enforcerCount counts the people whose work organisation is the organisation or below it and
// whose latest enforcement certificate runs at least until day.
func enforcerCount(ctx context.Context, c db.Conn, orgID, day string) (int, error) {
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM people WHERE work_org_id IN (`+org.SubtreeSQL+`) AND cert_valid_to >= ?`,
		orgID, day)
	return n, err
}
