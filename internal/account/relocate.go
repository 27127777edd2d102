package account

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/platform/db"
)

// OrgMoved moves the jurisdiction of the accounts of an organisation with the organisation. It
// handles org.Moved inside the transaction that moves the organisation.
func (s *Service) OrgMoved(ctx context.Context, tx *db.Tx, e org.Moved) error {
	_, err := db.Exec(ctx, tx, `UPDATE accounts SET region_code = ? WHERE org_id = ?`, e.RegionCode, e.OrgID)
	return err
}
