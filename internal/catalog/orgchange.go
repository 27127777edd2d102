package catalog

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/platform/db"
)

// OrgChanged refreshes the catalogue's view of organisations after one changed (a renamed office,
// a department that became another kind): the snapshot holds their names and kinds, so it is
// marked stale here and in every process sharing the store. It handles org.Changed.
func (s *Service) OrgChanged(ctx context.Context, tx *db.Tx, _ org.Changed) error {
	if err := bumpGeneration(ctx, tx); err != nil {
		return err
	}
	s.changed()
	return nil
}
