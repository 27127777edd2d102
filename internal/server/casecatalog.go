package server

import (
	"context"
	"slices"
	"strings"

	"zhifa/internal/cases"
	"zhifa/internal/catalog"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
)

// caseCatalogue lets case handling ask the catalogue, on the act's date, who exercises an item at
// a place, and checks that the handling organisation works for that body: the body itself or an
// organisation under it (a squadron acts in its bureau's name, 行政处罚法 第十八条), or the
// working body of a township government or street office that exercises a delegated power in its
// own name (第二十四条): the case is then in the government's name, handled by its office.
type caseCatalogue struct {
	c  *catalog.Service
	db *db.DB
}

const caseCompetence = "行政处罚法 第二十二条、第二十四条：行政处罚由违法行为发生地的具有行政处罚权的行政机关管辖；承接的乡镇人民政府、街道办事处以自己的名义实施"

func (a caseCatalogue) Exercise(ctx context.Context, p *access.Principal, itemID, place, orgID string, act civil.Date) (cases.Exercise, error) {
	x, err := a.c.Exercise(ctx, p, catalog.ExerciseQuery{ItemID: itemID, Place: place, Date: act.String()})
	if apperr.Is(err, "NOT_FOUND") {
		return cases.Exercise{}, apperr.InvalidField("itemId", "CASE_ITEM_NOT_FOUND", "权责清单事项不存在或不在本辖区")
	}
	if err != nil {
		return cases.Exercise{}, err
	}
	subtree, err := org.Subtree(ctx, a.db.R, x.Body.ID)
	if err != nil {
		return cases.Exercise{}, err
	}
	if !slices.Contains(subtree, orgID) && !a.workingBody(ctx, x, orgID) {
		return cases.Exercise{}, apperr.InvalidField("itemId", "CASE_ORG_NOT_COMPETENT",
			"违法行为发生之日（"+act.Chinese()+"），事项“"+x.Item.Name+"”在"+x.PlaceName+"由"+x.Body.Name+"行使（"+x.ModeName+"），本机构不能办理").
			WithRule(caseCompetence)
	}
	d, err := a.c.Get(ctx, p, itemID, act.String())
	if err != nil {
		return cases.Exercise{}, err
	}
	v := d.Version
	if v == nil {
		return cases.Exercise{}, apperr.InvalidField("actDate", "CASE_ITEM_NOT_IN_FORCE", "违法行为发生之日事项尚未施行或已废止").
			WithRule("行政处罚法 第三十七条：实施行政处罚，适用违法行为发生时的法律、法规、规章的规定")
	}
	ex := cases.Exercise{ItemID: x.Item.ID, ItemCode: x.Item.Code, ItemName: v.Name, VersionID: v.ID, Version: x.Version.Version,
		Domain: v.Domain, PenaltyKinds: v.PenaltyKinds, SubjectOrgID: x.Body.ID, SubjectName: x.Body.Name, Mode: string(x.Mode),
		ModeName: x.ModeName, Explanation: x.Explanation}
	if x.Decision != nil {
		ex.DecisionDocNo = x.Decision.DocNo
	}
	ex.ViolatedBasis = refs(v.ViolatedBasis)
	ex.PenaltyBasis = refs(v.PenaltyBasis)
	if v.Fine.MinFen != nil {
		ex.FineMinFen = civil.Fen(*v.Fine.MinFen)
	}
	if v.Fine.MaxFen != nil {
		ex.FineMaxFen = civil.Fen(*v.Fine.MaxFen)
	}
	if !v.Fine.Empty() {
		ex.FineRange = v.Fine.Describe()
	}
	return ex, nil
}

// workingBody reports the organisation that handles a delegated power as the working body of the
// township government or street office holding it: the office the delegation names, or one under
// that office (its team).
func (a caseCatalogue) workingBody(ctx context.Context, x catalog.Exercise, orgID string) bool {
	if x.Mode != catalog.ModeDelegate || x.WorkingBody == nil {
		return false
	}
	if orgID == x.WorkingBody.ID {
		return true
	}
	subtree, err := org.Subtree(ctx, a.db.R, x.WorkingBody.ID)
	return err == nil && slices.Contains(subtree, orgID)
}

func refs[T interface{ Ref() string }](cs []T) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Ref()
	}
	return strings.Join(out, "、")
}
