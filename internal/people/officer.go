package people

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
)

// Officer is a person as other features need them: name, the organisation they work in and every
// enforcement certificate (行政执法证件) they hold, whatever its dates, so that a caller can ask
// whether it was valid on a given day (行政处罚法 第四十二条).
type Officer struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	RegionCode   string        `json:"regionCode"`
	WorkOrgID    string        `json:"workOrgId"`
	WorkOrgName  string        `json:"workOrgName"`
	Certificates []Certificate `json:"certificates"`
}

// Officers returns the people with the given IDs inside scope, keyed by ID. An ID outside the
// scope or unknown is reported as not found (field names the list).
func Officers(ctx context.Context, c db.Conn, scope access.Scope, ids []string, today civil.Date) (map[string]Officer, error) {
	out := make(map[string]Officer, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cond, args := scope.In("p.region_code")
	q, inArgs, err := db.In(selectPerson+` WHERE p.id IN (?) AND `+cond, append([]any{ids}, args...)...)
	if err != nil {
		return nil, err
	}
	var rows []personRow
	if err := db.Select(ctx, c, &rows, q, inArgs...); err != nil {
		return nil, err
	}
	if len(rows) != len(uniq(ids)) {
		return nil, apperr.NotFound("人员")
	}
	certs, err := certificatesOf(ctx, c, ids, today)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		list := certs[r.ID]
		if list == nil {
			list = []Certificate{}
		}
		out[r.ID] = Officer{ID: r.ID, Name: r.Name, RegionCode: r.RegionCode, WorkOrgID: r.WorkOrgID, WorkOrgName: r.WorkOrgName,
			Certificates: list}
	}
	return out, nil
}

func uniq(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
