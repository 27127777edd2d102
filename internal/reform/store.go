package reform

import (
	"context"

	"github.com/jmoiron/sqlx"

	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
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
func upsertRules(ctx context.Context, tx *sqlx.Tx, code string, r Rules, now string) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO reform_rules (region_code, frontline_min_pct, key_township_min,
		ordinary_township_min, sunk_min_pct, basis, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (region_code) DO UPDATE SET frontline_min_pct = excluded.frontline_min_pct,
		key_township_min = excluded.key_township_min, ordinary_township_min = excluded.ordinary_township_min,
		sunk_min_pct = excluded.sunk_min_pct, basis = excluded.basis, updated_at = excluded.updated_at`,
		code, r.FrontlineMinPct, r.KeyTownshipMin, r.OrdinaryTownshipMin, r.SunkMinPct, r.Basis, now)
	return err
}

// postedCounts counts the people posted in an organisation's subtree, and the front-line ones.
func postedCounts(ctx context.Context, c db.Conn, orgID string) (posted, frontline int, err error) {
	var row struct {
		Posted    int `db:"posted"`
		Frontline int `db:"frontline"`
	}
	err = db.Get(ctx, c, &row, `SELECT COUNT(*) AS posted, COALESCE(SUM(CASE WHEN frontline THEN 1 ELSE 0 END), 0) AS frontline
		FROM people WHERE post_org_id IN (`+org.SubtreeSQL+`)`, orgID)
	return row.Posted, row.Frontline, err
}

// workingCount counts the people whose work organisation is the organisation or below it.
func workingCount(ctx context.Context, c db.Conn, orgID string) (int, error) {
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM people WHERE work_org_id IN (`+org.SubtreeSQL+`)`, orgID)
	return n, err
}

// forceCounts counts the enforcement force of a region (people posted in its bureau, brigades,
// squadrons and township offices) and how many of them work at township level. The people are
// grouped by work organisation so that "township level" is decided by people.AtTownship, the same
// rule that marks a person as sunk.
func forceCounts(ctx context.Context, c db.Conn, regionCode string) (force, atTownship int, err error) {
	lo, hi := access.ScopeOf(regionCode).Range()
	q, args, err := db.In(`SELECT w.kind, w.region_code, COUNT(*) AS n
		FROM people pe
		JOIN organizations po ON po.id = pe.post_org_id
		JOIN organizations w ON w.id = pe.work_org_id
		WHERE po.kind IN (?) AND po.region_code >= ? AND po.region_code < ?
		GROUP BY w.kind, w.region_code`, org.EnforcementKinds, lo, hi)
	if err != nil {
		return 0, 0, err
	}
	var rows []struct {
		Kind       org.Kind `db:"kind"`
		RegionCode string   `db:"region_code"`
		N          int      `db:"n"`
	}
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return 0, 0, err
	}
	for _, r := range rows {
		force += r.N
		if people.AtTownship(r.Kind, r.RegionCode) {
			atTownship += r.N
		}
	}
	return force, atTownship, nil
}
