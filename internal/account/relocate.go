package account

import (
	"context"

	"zhifa/internal/platform/db"
)

// Relocate moves the jurisdiction of the accounts of an organisation with the organisation. It is
// an org.RelocateFunc and runs inside the transaction that moves the organisation.
func (s *Service) Relocate(ctx context.Context, tx *db.Tx, orgID, regionCode string) error {
	_, err := db.Exec(ctx, tx, `UPDATE accounts SET region_code = ? WHERE org_id = ?`, regionCode, orgID)
	return err
}
