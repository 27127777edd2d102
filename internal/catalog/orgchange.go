package catalog

import (
	"context"

	"zhifa/internal/platform/db"
)

// OrgChanged refreshes the catalogue's view of organisations after one changed (a renamed office,
// a department that became another kind): the snapshot holds their names and kinds, so it is
// marked stale here and in every process sharing the store. It is an org.ChangeFunc.
func (s *Service) OrgChanged(ctx context.Context, tx *db.Tx, orgID string) error {
	if err := bumpGeneration(ctx, tx); err != nil {
		return err
	}
	s.changed()
	return nil
}
