package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/law"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/lifecycle"
)

// Report is the catalogue checks report (清单检查报告), run before publication: each problem with
// the item code and a Chinese message.
type Report struct {
	Date     string         `json:"date"`
	Items    int            `json:"items"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	ByCode   map[string]int `json:"byCode"`
	Problems []Problem      `json:"problems"`
}

// basisRow is what the basis check reads of each item's latest version.
type basisRow struct {
	ID            string                  `db:"id"`
	Code          string                  `db:"code"`
	RegionCode    string                  `db:"region_code"`
	Status        lifecycle.Status        `db:"status"`
	Name          string                  `db:"name"`
	Type          ItemType                `db:"item_type"`
	ViolatedBasis db.JSON[[]law.Citation] `db:"violated_basis"`
	PenaltyBasis  db.JSON[[]law.Citation] `db:"penalty_basis"`
}

// Checks runs every check over the catalogues the caller sees, as of today.
func (s *Service) Checks(ctx context.Context, p *access.Principal) (Report, error) {
	scope := p.Scope()
	cond, args := itemsVisible(scope, "i.")
	var rows []basisRow
	if err := db.Select(ctx, s.DB.R, &rows, `SELECT i.id, i.code, i.region_code, i.status, v.name, v.item_type,
		v.violated_basis, v.penalty_basis FROM catalog_items i JOIN catalog_versions v ON v.id = i.latest_version_id
		WHERE `+cond+` ORDER BY i.region_code, i.code`, args...); err != nil {
		return Report{}, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return Report{}, err
	}
	today := s.today()
	r := Report{Date: today, Items: len(rows), ByCode: map[string]int{}, Problems: []Problem{}}
	for _, row := range rows {
		if row.Status == lifecycle.Repealed {
			continue
		}
		v := &Version{ItemID: row.ID, Name: row.Name, Type: row.Type, ViolatedBasis: orEmpty(row.ViolatedBasis.V),
			PenaltyBasis: orEmpty(row.PenaltyBasis.V)}
		r.Problems = append(r.Problems, BasisProblems(row.Code, v)...)
	}
	r.Problems = append(r.Problems, snap.Check(scope, today)...)
	sortProblems(r.Problems)
	for _, p := range r.Problems {
		r.ByCode[p.Code]++
		if p.Severity == SeverityError {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	return r, nil
}

// Check finds the problems of the catalogue in force and of its assignments:
//   - CATALOG_CODE_DUPLICATE: the same code in two catalogues that apply to the same place;
//   - CATALOG_NAME_DUPLICATE: two items of one catalogue in force under the same name;
//   - CATALOG_DELEGATION_OVERLAP: one item delegated to two townships whose territories overlap, over
//     overlapping dates (the resolver could not tell which office is competent);
//   - CATALOG_ASSIGNMENT_NOT_IN_FORCE: a transfer or delegation running while its item is not in force;
//   - CATALOG_NO_BODY: an item in force on date whose owner is missing or not a department, or an
//     active assignment to an organisation of the wrong kind;
//   - CATALOG_NO_WORKING_BODY: an active delegation to a township without an enforcement office.
func (s *Snapshot) Check(scope access.Scope, date string) []Problem {
	var out []Problem
	add := func(code, sev string, e *entry, name, msg string) {
		out = append(out, Problem{Code: code, Severity: sev, ItemID: e.ID, ItemCode: e.Code, ItemName: name, Message: msg})
	}
	names := map[string]map[string]*entry{} // region → name → item
	for _, e := range s.ordered {
		if !visible(scope, e.RegionCode) {
			continue
		}
		sp := e.inForce(date)
		name := ""
		if len(e.spans) > 0 {
			name = e.spans[len(e.spans)-1].Name
		}
		if sp != nil {
			name = sp.Name
			if names[e.RegionCode] == nil {
				names[e.RegionCode] = map[string]*entry{}
			}
			if other, ok := names[e.RegionCode][sp.Name]; ok {
				add("CATALOG_NAME_DUPLICATE", SeverityWarning, e, name,
					fmt.Sprintf("事项%s与事项%s名称相同（“%s”），疑似重复", e.Code, other.Code, sp.Name))
			} else {
				names[e.RegionCode][sp.Name] = e
			}
			owner, ok := s.orgs[sp.OwnerOrgID]
			switch {
			case !ok:
				add("CATALOG_NO_BODY", SeverityError, e, name, fmt.Sprintf("事项%s的业务主管部门不存在，没有行使主体", e.Code))
			case owner.Kind != string(org.KindDepartment):
				add("CATALOG_NO_BODY", SeverityError, e, name, fmt.Sprintf("事项%s的业务主管部门“%s”不是业务主管部门类机构，没有合法的行使主体", e.Code, owner.Name))
			}
			for _, other := range s.byCode[e.Code] {
				if other != e && other.RegionCode < e.RegionCode && nested(other.RegionCode, e.RegionCode) && other.inForce(date) != nil {
					add("CATALOG_CODE_DUPLICATE", SeverityError, e, name,
						fmt.Sprintf("事项编码%s同时出现在%s和%s的清单中，同一地点无法区分", e.Code, other.RegionCode, e.RegionCode))
				}
			}
		}
		out = append(out, s.checkGrants(e, name, date)...)
	}
	return out
}

// nested reports whether one region contains the other.
func nested(a, b string) bool {
	return access.ScopeOf(a).Contains(b) || access.ScopeOf(b).Contains(a)
}

// overlaps reports whether [af, at) and [bf, bt) share a day; an empty end is open.
func overlaps(af, at, bf, bt string) bool {
	return (at == "" || bf < at) && (bt == "" || af < bt)
}

func (s *Snapshot) checkGrants(e *entry, name, date string) []Problem {
	var out []Problem
	add := func(code, sev, msg string) {
		out = append(out, Problem{Code: code, Severity: sev, ItemID: e.ID, ItemCode: e.Code, ItemName: name, Message: msg})
	}
	for i, g := range e.grants {
		target, ok := s.orgs[g.TargetOrgID]
		if g.activeOn(date) {
			switch {
			case !ok:
				add("CATALOG_NO_BODY", SeverityError, fmt.Sprintf("事项%s%s的承接机构不存在（%s）", e.Code, ModeName(g.Kind), s.decisions[g.DecisionID].DocNo))
			case g.Kind == ModeDelegate && !isTownshipBody(target):
				add("CATALOG_NO_BODY", SeverityError, fmt.Sprintf("事项%s下放至“%s”，但其不是乡镇人民政府或街道办事处，不能以自己的名义行使", e.Code, target.Name))
			case g.Kind == ModeDelegate && g.WorkingOrgID == "":
				add("CATALOG_NO_WORKING_BODY", SeverityWarning, fmt.Sprintf("事项%s下放至%s，但未明确其综合行政执法机构（工作机构），请在机构中设立或核实", e.Code, target.Name))
			case g.Kind == ModeTransfer && target.Kind != string(org.KindBureau):
				add("CATALOG_NO_BODY", SeverityError, fmt.Sprintf("事项%s划转至“%s”，但其已不是综合行政执法局", e.Code, target.Name))
			}
		}
		if gap := e.outOfForce(g); gap != "" {
			add("CATALOG_ASSIGNMENT_NOT_IN_FORCE", SeverityWarning, fmt.Sprintf("事项%s在%s不在有效期内，但依据%s%s至%s的决定仍然有效，请收回或核实",
				e.Code, gap, s.decisions[g.DecisionID].DocNo, ModeName(g.Kind), s.orgName(g.TargetOrgID)))
		}
		if g.Kind != ModeDelegate {
			continue
		}
		for _, o := range e.grants[i+1:] {
			if o.Kind != ModeDelegate || !overlaps(g.From, g.To, o.From, o.To) {
				continue
			}
			if g.place.Contains(o.PlaceCode) || o.place.Contains(g.PlaceCode) {
				add("CATALOG_DELEGATION_OVERLAP", SeverityError, fmt.Sprintf("事项%s同时下放至%s（%s）和%s（%s），地域和期间重叠，行使主体不明确",
					e.Code, s.orgName(g.TargetOrgID), s.decisions[g.DecisionID].DocNo, s.orgName(o.TargetOrgID), s.decisions[o.DecisionID].DocNo))
			}
		}
	}
	return out
}

// outOfForce returns the first date within an assignment's interval on which its item is not in
// force, or "": its start, or the end of a version's window that no later version continues (a
// repeal) before the assignment ends.
func (e *entry) outOfForce(g *grant) string {
	if e.inForce(g.From) == nil {
		return g.From
	}
	for _, sp := range e.spans {
		if sp.To != "" && sp.To > g.From && (g.To == "" || sp.To < g.To) && e.inForce(sp.To) == nil {
			return sp.To
		}
	}
	return ""
}

// sortProblems orders problems by item code, then code.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.ItemCode, b.ItemCode); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
}
