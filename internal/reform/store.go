package reform

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/db"
)

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
