package catalog

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
)

// orgNames names organisations for answers: from the current snapshot when it knows them, else
// from the organisations feature. It never rebuilds the snapshot, so that a write answering with
// the changed record does not pay for a rebuild (a rebuild waits for the next resolver query).
func (s *Service) orgNames(ctx context.Context, ids ...string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	snap := s.cache.cur.Load()
	for _, id := range ids {
		if _, done := out[id]; done || id == "" {
			continue
		}
		if snap != nil {
			if o, ok := snap.orgs[id]; ok {
				out[id] = o.Name
				continue
			}
		}
		o, err := org.Get(ctx, s.DB.R, access.Everywhere, id)
		switch {
		case apperr.Is(err, "NOT_FOUND"):
			out[id] = id
		case err != nil:
			return nil, err
		default:
			out[id] = o.Name
		}
	}
	return out, nil
}

// nameVersions fills the owners' names of versions.
func (s *Service) nameVersions(ctx context.Context, vs []*Version) error {
	ids := make([]string, 0, len(vs))
	for _, v := range vs {
		if v != nil {
			ids = append(ids, v.OwnerOrgID)
		}
	}
	names, err := s.orgNames(ctx, ids...)
	if err != nil {
		return err
	}
	for _, v := range vs {
		if v != nil {
			v.OwnerOrgName = names[v.OwnerOrgID]
		}
	}
	return nil
}

// assignmentRow is an assignment with its item and decisions, as the views read it.
type assignmentRow struct {
	grant
	ItemCode       string `db:"item_code"`
	ItemName       string `db:"item_name"`
	DecisionDocNo  string `db:"decision_doc_no"`
	RevokedByDocNo string `db:"revoked_by_doc_no"`
}

// assignmentViews reads assignments matching cond (on table alias a) with their item (its latest
// name), decision and revoking decision, and names the organisations.
func (s *Service) assignmentViews(ctx context.Context, cond string, args ...any) ([]Assignment, error) {
	var rows []assignmentRow
	if err := db.Select(ctx, s.DB.R, &rows, `SELECT a.id, a.item_id, a.decision_id, a.kind, a.from_org_id, a.target_org_id, a.working_org_id,
		a.place_code, a.partial, a.part_note, a.effective_from, a.effective_to, a.revoked_by, i.code AS item_code,
		v.name AS item_name, d.doc_no AS decision_doc_no, COALESCE(r.doc_no, '') AS revoked_by_doc_no
		FROM catalog_assignments a
		JOIN catalog_items i ON i.id = a.item_id
		JOIN catalog_versions v ON v.id = i.latest_version_id
		JOIN catalog_decisions d ON d.id = a.decision_id
		LEFT JOIN catalog_decisions r ON r.id = a.revoked_by
		WHERE `+cond+` ORDER BY a.effective_from, i.code, a.target_org_id, a.id`, args...); err != nil {
		return nil, err
	}
	ids := make([]string, 0, 2*len(rows))
	for _, r := range rows {
		ids = append(ids, r.FromOrgID, r.TargetOrgID, r.WorkingOrgID)
	}
	names, err := s.orgNames(ctx, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]Assignment, len(rows))
	for i, r := range rows {
		out[i] = Assignment{ID: r.ID, ItemID: r.ItemID, ItemCode: r.ItemCode, ItemName: r.ItemName, DecisionID: r.DecisionID,
			DecisionDocNo: r.DecisionDocNo, Kind: r.Kind, KindName: ModeName(r.Kind), FromOrgID: r.FromOrgID,
			FromOrgName: names[r.FromOrgID], TargetOrgID: r.TargetOrgID, TargetOrgName: names[r.TargetOrgID],
			WorkingOrgID: r.WorkingOrgID, WorkingOrgName: names[r.WorkingOrgID],
			PlaceCode: r.PlaceCode, Partial: r.Partial, PartNote: r.PartNote, EffectiveFrom: r.From, EffectiveTo: r.To,
			RevokedByID: r.RevokedBy, RevokedByDocNo: r.RevokedByDocNo}
	}
	return out, nil
}
