package catalog

import (
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

// ItemRef names an item in an answer.
type ItemRef struct {
	ID         string `json:"id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	RegionCode string `json:"regionCode"`
}

// VersionRef names the version in force.
type VersionRef struct {
	ID            string `json:"id"`
	Version       int    `json:"version"`
	EffectiveFrom string `json:"effectiveFrom"`
	EffectiveTo   string `json:"effectiveTo"`
	DocNo         string `json:"docNo"`
}

// Exercise answers "who exercises item X at place P on date D": the body in whose name the power is
// exercised (the subject), for a delegation also the working body that handles it, how the body came
// to hold the item, the decision that made it so, the version in force and a sentence saying why.
type Exercise struct {
	Item      ItemRef    `json:"item"`
	Version   VersionRef `json:"version"`
	Place     string     `json:"place"`
	PlaceName string     `json:"placeName"`
	Date      string     `json:"date"`
	Body      OrgRef     `json:"body"` // the subject (行使主体): decisions are made in its name
	// WorkingBody is, for a delegation, the township's comprehensive enforcement office that handles
	// the power for the township government or street office (承办机构); null otherwise or when the
	// township has none.
	WorkingBody  *OrgRef      `json:"workingBody"`
	Mode         Mode         `json:"mode"`
	ModeName     string       `json:"modeName"`
	Decision     *DecisionRef `json:"decision"`
	AssignmentID string       `json:"assignmentId"`
	Partial      bool         `json:"partial"`
	PartNote     string       `json:"partNote"`
	Remainder    *OrgRef      `json:"remainder"` // who exercises the rest of a partly transferred or delegated item
	Explanation  string       `json:"explanation"`
	Warnings     []string     `json:"warnings"`
}

// holder is one link of the chain delegation → transfer → owner.
type holder struct {
	mode  Mode
	org   string
	grant *grant
}

// chain lists who holds item e at place on date, the nearest first: an active delegation to the
// township government or street office whose territory contains the place (the most specific territory; the latest
// one among equals), else an active transfer (the bureau), and always the owning department last.
func (e *entry) chain(sp *span, place, date string) ([]holder, []string) {
	var warnings []string
	var del, tr *grant
	var dels, trs int
	for _, g := range e.grants {
		if g.From > date {
			break
		}
		if !g.activeOn(date) {
			continue
		}
		switch g.Kind {
		case ModeDelegate:
			if !g.place.Contains(place) {
				continue
			}
			if del == nil || len(g.place.Prefix) > len(del.place.Prefix) {
				del, dels = g, 1
			} else if len(g.place.Prefix) == len(del.place.Prefix) {
				del = g // sorted by start: the later one
				dels++
			}
		case ModeTransfer:
			tr = g
			trs++
		}
	}
	if dels > 1 {
		warnings = append(warnings, "同一地点存在重叠的下放决定，已按最近生效的一项作答，请在清单检查报告中处理")
	}
	if trs > 1 {
		warnings = append(warnings, "该事项同时存在多项有效的划转决定，已按最近生效的一项作答，请在清单检查报告中处理")
	}
	var out []holder
	if del != nil {
		out = append(out, holder{ModeDelegate, del.TargetOrgID, del})
	}
	if tr != nil {
		out = append(out, holder{ModeTransfer, tr.TargetOrgID, tr})
	}
	out = append(out, holder{ModeOwner, sp.OwnerOrgID, nil})
	return out, warnings
}

// wholeTransfer reports an active transfer of the whole item on date.
func (e *entry) wholeTransfer(date string) *grant {
	var t *grant
	for _, g := range e.grants {
		if g.From > date {
			break
		}
		if g.Kind == ModeTransfer && !g.Partial && g.activeOn(date) {
			t = g
		}
	}
	return t
}

// Resolve answers who exercises an item at a place (a 12-digit region code: village, township or
// county) on a date. placeName, when given, names regions for the explanation.
func (s *Snapshot) Resolve(scope access.Scope, itemID, place, date string, placeName func(string) string) (Exercise, error) {
	e := s.item(scope, itemID)
	if e == nil {
		return Exercise{}, apperr.NotFound("权责清单事项")
	}
	return s.resolve(e, place, date, placeName)
}

// ResolveCode is Resolve with the item named by its code.
func (s *Snapshot) ResolveCode(scope access.Scope, code, place, date string, placeName func(string) string) (Exercise, error) {
	e := s.itemByCode(scope, code)
	if e == nil {
		return Exercise{}, apperr.NotFound("权责清单事项（编码 " + code + "）")
	}
	return s.resolve(e, place, date, placeName)
}

func (s *Snapshot) resolve(e *entry, place, date string, placeName func(string) string) (Exercise, error) {
	if !access.ScopeOf(e.RegionCode).Contains(place) {
		return Exercise{}, apperr.InvalidField("place", "CATALOG_PLACE_OUTSIDE",
			fmt.Sprintf("地点 %s 不在事项%s所属清单的辖区（%s）内", place, e.Code, e.RegionCode))
	}
	sp := e.inForce(date)
	if sp == nil {
		why := "尚未施行"
		if first := e.firstEffective(); first != "" && first <= date {
			why = "已废止"
		}
		return Exercise{}, apperr.Invalid("CATALOG_NOT_IN_FORCE",
			fmt.Sprintf("事项%s在%s%s，没有行使主体", e.Code, date, why)).WithField("date")
	}
	chain, warnings := e.chain(sp, place, date)
	h := chain[0]
	x := Exercise{
		Item:    ItemRef{ID: e.ID, Code: e.Code, Name: sp.Name, RegionCode: e.RegionCode},
		Version: VersionRef{ID: sp.VersionID, Version: sp.Version, EffectiveFrom: sp.From, EffectiveTo: sp.To, DocNo: sp.DocNo},
		Place:   place, Date: date, Body: s.orgRef(h.org), Mode: h.mode, ModeName: ModeName(h.mode),
		Warnings: warnings,
	}
	if placeName != nil {
		x.PlaceName = placeName(place)
	}
	if x.PlaceName == "" {
		x.PlaceName = place
	}
	if h.grant != nil {
		d := s.decisions[h.grant.DecisionID]
		x.Decision = &d
		x.AssignmentID = h.grant.ID
		if h.grant.WorkingOrgID != "" {
			w := s.orgRef(h.grant.WorkingOrgID)
			x.WorkingBody = &w
		}
		x.Partial, x.PartNote = h.grant.Partial, h.grant.PartNote
		if x.Partial {
			r := s.orgRef(chain[1].org)
			x.Remainder = &r
		}
	}
	if x.Warnings == nil {
		x.Warnings = []string{}
	}
	x.Explanation = s.explain(e, sp, x, chain)
	return x, nil
}

// explain writes the answer as one Chinese sentence (plus the revocation that ended an earlier
// delegation here, when there was one).
func (s *Snapshot) explain(e *entry, sp *span, x Exercise, chain []holder) string {
	item := fmt.Sprintf("“%s”（%s，第%d版，%s起施行）", sp.Name, e.Code, sp.Version, sp.From)
	var b strings.Builder
	switch x.Mode {
	case ModeDelegate:
		fmt.Fprintf(&b, "%s，%s位于%s的辖区，依据%s（%s起施行）下放，事项%s由%s以自己的名义行使",
			x.Date, x.PlaceName, x.Body.Name, x.Decision.DocNo, x.Decision.EffectiveFrom, item, x.Body.Name)
		if x.WorkingBody != nil {
			fmt.Fprintf(&b, "，%s作为其工作机构具体承办", x.WorkingBody.Name)
		}
	case ModeTransfer:
		fmt.Fprintf(&b, "%s，事项%s已依据%s（%s起施行）由%s划转至%s，在%s由%s行使",
			x.Date, item, x.Decision.DocNo, x.Decision.EffectiveFrom, s.orgName(sp.OwnerOrgID), x.Body.Name, x.PlaceName, x.Body.Name)
	default:
		fmt.Fprintf(&b, "%s，事项%s在%s未划转、未下放，由业务主管部门%s行使", x.Date, item, x.PlaceName, x.Body.Name)
	}
	if x.Partial {
		fmt.Fprintf(&b, "（部分%s：%s；其余部分由%s行使）", x.ModeName, x.PartNote, x.Remainder.Name)
	}
	b.WriteString("。")
	if x.Mode != ModeDelegate {
		if g := e.lastRevokedDelegation(x.Place, x.Date); g != nil {
			fmt.Fprintf(&b, "原依据%s下放至%s的决定，已由%s自%s起收回。", s.decisions[g.DecisionID].DocNo,
				s.orgName(g.TargetOrgID), s.decisions[g.RevokedBy].DocNo, g.To)
		}
	}
	return b.String()
}

// lastRevokedDelegation is the most recently revoked delegation covering place that had ended by date.
func (e *entry) lastRevokedDelegation(place, date string) *grant {
	var last *grant
	for _, g := range e.grants {
		if g.Kind == ModeDelegate && g.RevokedBy != "" && g.To != "" && g.To <= date && g.place.Contains(place) {
			if last == nil || g.To > last.To {
				last = g
			}
		}
	}
	return last
}

// OrgItem is one item an organisation may exercise on a date.
type OrgItem struct {
	ItemID     string   `json:"itemId"`
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	Type       ItemType `json:"type"`
	TypeName   string   `json:"typeName"`
	Domain     string   `json:"domain"`
	Mode       Mode     `json:"mode"`
	ModeName   string   `json:"modeName"`
	Partial    bool     `json:"partial"`
	PartNote   string   `json:"partNote"`
	DecisionID string   `json:"decisionId"`
	DocNo      string   `json:"docNo"`
	PlaceCode  string   `json:"placeCode"` // territory of a delegation
	// Of a delegation: the working body that handles it, listed for the township government or street
	// office that holds it, or that government, in whose name the working body acts, listed for it.
	WorkingBody   *OrgRef `json:"workingBody"`
	Subject       *OrgRef `json:"subject"`
	DelegatedTo   int     `json:"delegatedTo"`
	VersionID     string  `json:"versionId"`
	EffectiveFrom string  `json:"effectiveFrom"`
}

// Count is one bucket of a breakdown.
type Count struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// OrgItems is what an organisation may exercise on a date, with counts by domain and type.
type OrgItems struct {
	Org      OrgRef    `json:"org"`
	Date     string    `json:"date"`
	Total    int       `json:"total"`
	ByDomain []Count   `json:"byDomain"`
	ByType   []Count   `json:"byType"`
	Items    []OrgItem `json:"items"`
	Page     int       `json:"page"`
	PageSize int       `json:"pageSize"`
}

// holding is one item an organisation holds on a date, before it is described: the answers
// describe only the page they return.
type holding struct {
	e       *entry
	sp      *span
	mode    Mode
	g       *grant // the transfer or delegation, for those modes
	working bool   // held as the working body of the government the item was delegated to
}

// ItemsOf lists the items an organisation may exercise on date: those delegated or transferred to
// it and still active (for a township's enforcement office, those delegated to its government, which
// it handles as the working body), and those it owns that are not wholly transferred away (a department keeps
// an item delegated to some townships everywhere else, and the rest of a partly transferred one).
// Only items in force on date count. Items come in catalogue order.
func (s *Snapshot) ItemsOf(scope access.Scope, orgID, date string) ([]OrgItem, error) {
	hs, err := s.holdings(scope, orgID, date)
	if err != nil {
		return nil, err
	}
	out := make([]OrgItem, len(hs))
	for i, h := range hs {
		out[i] = s.describe(h, date)
	}
	return out, nil
}

func (s *Snapshot) holdings(scope access.Scope, orgID, date string) ([]holding, error) {
	var out []holding
	err := s.eachHolding(scope, orgID, date, func(h holding) { out = append(out, h) })
	return out, err
}

// eachHolding calls fn with each item an organisation holds on date, in catalogue order, without
// collecting them: the items assigned to it (delegated or transferred, or handled as the working
// body) merged with those it owns and has not wholly transferred; an item both assigned and owned
// counts once, as assigned. Both indexes are in catalogue order.
func (s *Snapshot) eachHolding(scope access.Scope, orgID, date string, fn func(h holding)) error {
	// An organisation outside the caller's jurisdiction is not found, as GET /orgs/{id} answers.
	if o, ok := s.orgs[orgID]; !ok || !scope.Contains(o.RegionCode) {
		return apperr.NotFound("机构")
	}
	targeted, owned := s.byTarget[orgID], s.byOwner[orgID]
	ti, oi := 0, 0
	var last *entry
	nextAssigned := func() (holding, bool) {
		for ti < len(targeted) {
			g := targeted[ti]
			ti++
			if !g.activeOn(date) {
				continue
			}
			e := g.item
			if e == last || !visible(scope, e.RegionCode) {
				continue // grants are in catalogue order: one active grant per item is enough
			}
			if sp := e.inForce(date); sp != nil {
				last = e
				return holding{e: e, sp: sp, mode: g.Kind, g: g, working: g.TargetOrgID != orgID}, true
			}
		}
		return holding{}, false
	}
	nextOwned := func() (holding, bool) {
		for oi < len(owned) {
			e := owned[oi]
			oi++
			if !visible(scope, e.RegionCode) {
				continue
			}
			sp := e.inForce(date)
			if sp == nil || sp.OwnerOrgID != orgID || e.wholeTransfer(date) != nil {
				continue
			}
			return holding{e: e, sp: sp, mode: ModeOwner}, true
		}
		return holding{}, false
	}
	a, aok := nextAssigned()
	o, ook := nextOwned()
	for aok || ook {
		switch {
		case aok && ook && a.e == o.e:
			fn(a)
			a, aok = nextAssigned()
			o, ook = nextOwned()
		case aok && (!ook || a.e.rank < o.e.rank):
			fn(a)
			a, aok = nextAssigned()
		default:
			fn(o)
			o, ook = nextOwned()
		}
	}
	return nil
}

// describe turns a holding into the answer's row.
func (s *Snapshot) describe(h holding, date string) OrgItem {
	it := orgItem(h.e, h.sp, h.mode)
	if h.g != nil {
		it.Partial, it.PartNote, it.DecisionID, it.DocNo = h.g.Partial, h.g.PartNote, h.g.DecisionID, s.decisions[h.g.DecisionID].DocNo
		if h.g.Kind == ModeDelegate {
			it.PlaceCode = h.g.PlaceCode
			if h.working {
				sub := s.orgRef(h.g.TargetOrgID)
				it.Subject = &sub
			} else if h.g.WorkingOrgID != "" {
				w := s.orgRef(h.g.WorkingOrgID)
				it.WorkingBody = &w
			}
			return it
		}
	} else {
		for _, g := range h.e.grants {
			if g.Kind == ModeTransfer && g.Partial && g.activeOn(date) {
				it.Partial, it.PartNote = true, "部分划转："+g.PartNote+"；未划转部分由本部门行使"
			}
		}
	}
	it.DelegatedTo = h.e.activeDelegations(date)
	return it
}

// OrgItemsPage answers what an organisation exercises on a date: counts by domain and by type
// over every item (largest first, then by name) and the rows of one page only.
func (s *Snapshot) OrgItemsPage(scope access.Scope, orgID, date string, offset, limit int) (OrgItems, error) {
	dm := make([]int, len(s.domains))
	var tm [8]int // by the item type's place in ItemTypes
	var page []holding
	n := 0
	err := s.eachHolding(scope, orgID, date, func(h holding) {
		dm[h.sp.domainIdx]++
		tm[typeIndex(h.sp.Type)]++
		if n >= offset && n < offset+limit {
			page = append(page, h)
		}
		n++
	})
	if err != nil {
		return OrgItems{}, err
	}
	out := OrgItems{Org: s.orgRef(orgID), Date: date, Total: n, ByDomain: []Count{}, ByType: []Count{}}
	for i, c := range dm {
		if c > 0 {
			out.ByDomain = append(out.ByDomain, Count{Code: s.domains[i], Name: s.domains[i], Count: c})
		}
	}
	for i, o := range ItemTypes {
		if tm[i] > 0 {
			out.ByType = append(out.ByType, Count{Code: o.Code, Name: o.Name, Count: tm[i]})
		}
	}
	slices.SortFunc(out.ByDomain, func(a, b Count) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Name, b.Name)
	})
	out.Items = make([]OrgItem, 0, len(page))
	for _, h := range page {
		out.Items = append(out.Items, s.describe(h, date))
	}
	return out, nil
}

// typeIndex is an item type's place in ItemTypes, or the last slot for an unknown type.
func typeIndex(t ItemType) int {
	for i, o := range ItemTypes {
		if o.Code == string(t) {
			return i
		}
	}
	return 7
}

func orgItem(e *entry, sp *span, m Mode) OrgItem {
	return OrgItem{ItemID: e.ID, Code: e.Code, Name: sp.Name, Type: sp.Type, TypeName: TypeName(sp.Type), Domain: sp.Domain,
		Mode: m, ModeName: ModeName(m), VersionID: sp.VersionID, EffectiveFrom: sp.From}
}

// activeDelegations counts the delegations of an item active on date.
func (e *entry) activeDelegations(date string) int {
	n := 0
	for _, g := range e.grants {
		if g.Kind == ModeDelegate && g.activeOn(date) {
			n++
		}
	}
	return n
}
