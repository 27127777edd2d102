package people

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/platform/db"
)

// OrgMoved moves the people working in an organisation, and their certificates, to the
// organisation's new region, so that jurisdiction scoping follows the organisation. It handles
// org.Moved inside the transaction that moves the organisation.
func (s *Service) OrgMoved(ctx context.Context, tx *db.Tx, e org.Moved) error {
	orgID, regionCode := e.OrgID, e.RegionCode
	if _, err := db.Exec(ctx, tx, `UPDATE certificates SET region_code = ?
		WHERE person_id IN (SELECT id FROM people WHERE work_org_id = ?)`, regionCode, orgID); err != nil {
		return err
	}
	_, err := db.Exec(ctx, tx, `UPDATE people SET region_code = ? WHERE work_org_id = ?`, regionCode, orgID)
	return err
}
