package catalog

import (
	"context"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/region"
)

// PublicFilter narrows the published catalogue on the public portal (权责清单公开).
type PublicFilter struct {
	Query    string   `query:"q" doc:"检索词，多个以空格分隔"`
	Domain   string   `query:"domain" doc:"执法领域"`
	Type     ItemType `query:"type" doc:"事项类型"`
	OrgID    string   `query:"orgId" doc:"只列该机构今日行使的事项"`
	Township string   `query:"township" doc:"乡镇（街道）区划代码：只列下放至当地乡镇的事项"`
}

// PublicItem is a published item in force today with the body that exercises it.
type PublicItem struct {
	ID            string   `json:"id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Type          ItemType `json:"type"`
	TypeName      string   `json:"typeName"`
	Domain        string   `json:"domain"`
	Category      Category `json:"category"`
	CategoryName  string   `json:"categoryName"`
	Level         Level    `json:"level"`
	LevelName     string   `json:"levelName"`
	Body          OrgRef   `json:"body"`
	WorkingBody   *OrgRef  `json:"workingBody"` // of a delegation, when the portal asks for a township
	Mode          Mode     `json:"mode"`
	ModeName      string   `json:"modeName"`
	Partial       bool     `json:"partial"`
	DelegatedTo   int      `json:"delegatedTo"` // townships it is delegated to today
	Owner         OrgRef   `json:"owner"`
	EffectiveFrom string   `json:"effectiveFrom"`
	DocNo         string   `json:"docNo"`
}

// PublicVersion is the published content of an item, without internal bookkeeping.
type PublicVersion struct {
	Version         int            `json:"version"`
	EffectiveFrom   string         `json:"effectiveFrom"`
	DocNo           string         `json:"docNo"`
	ViolatedBasis   []law.Citation `json:"violatedBasis"`
	PenaltyBasis    []law.Citation `json:"penaltyBasis"`
	PenaltyKinds    []string       `json:"penaltyKinds"`
	Fine            Fine           `json:"fine"`
	FineText        string         `json:"fineText"`
	SuperviseDuties []string       `json:"superviseDuties"`
	EnforceDuties   []string       `json:"enforceDuties"`
}

// PublicDelegation is a township government or street office that exercises the item in its own
// territory and name today, with the enforcement office that handles it.
type PublicDelegation struct {
	Subject       OrgRef  `json:"subject"`
	WorkingBody   *OrgRef `json:"workingBody"`
	PlaceCode     string  `json:"placeCode"`
	DocNo         string  `json:"docNo"`
	EffectiveFrom string  `json:"effectiveFrom"`
}

// PublicDetail is one published item for the portal.
type PublicDetail struct {
	Item        PublicItem         `json:"item"`
	Version     PublicVersion      `json:"version"`
	Delegations []PublicDelegation `json:"delegations"`
}

// publicItem describes e as in force on date; with a place, the body is the one competent there.
func (s *Snapshot) publicItem(e *entry, sp *span, place, date string) PublicItem {
	it := PublicItem{ID: e.ID, Code: e.Code, Name: sp.Name, Type: sp.Type, TypeName: TypeName(sp.Type), Domain: sp.Domain,
		Category: sp.Category, CategoryName: CategoryName(sp.Category), Level: sp.Level, LevelName: LevelName(sp.Level),
		Owner: s.orgRef(sp.OwnerOrgID), EffectiveFrom: sp.From, DocNo: sp.DocNo, DelegatedTo: e.activeDelegations(date)}
	if place == "" {
		place = e.RegionCode
	}
	chain, _ := e.chain(sp, place, date)
	it.Body, it.Mode, it.ModeName = s.orgRef(chain[0].org), chain[0].mode, ModeName(chain[0].mode)
	if g := chain[0].grant; g != nil {
		it.Partial = g.Partial
		if g.WorkingOrgID != "" {
			w := s.orgRef(g.WorkingOrgID)
			it.WorkingBody = &w
		}
	}
	return it
}

// Search lists published items in force on date matching the filter, in catalogue order, and
// describes those of one page; it serves the public portal from memory, testing each version's
// bigram signature before its text (listmem.go).
func (s *Snapshot) Search(f PublicFilter, date string, offset, limit int) ([]PublicItem, int) {
	tf := newTermFilter(f.Query, s.synonyms)
	var held map[*entry]bool
	if f.OrgID != "" {
		hs, _ := s.holdings(access.Everywhere, f.OrgID, date)
		held = make(map[*entry]bool, len(hs))
		for _, h := range hs {
			held[h.e] = true
		}
	}
	type match struct {
		e  *entry
		sp *span
	}
	var found []match
	for _, e := range s.ordered {
		if (held != nil && !held[e]) || (tf != nil && !tf.maybe(&e.sigAny)) {
			continue
		}
		sp := e.inForce(date)
		if sp == nil || (f.Domain != "" && sp.Domain != f.Domain) || (f.Type != "" && sp.Type != f.Type) {
			continue
		}
		if f.Township != "" && (!access.ScopeOf(e.RegionCode).Contains(f.Township) || !e.delegatedAt(f.Township, date)) {
			continue
		}
		if tf != nil && !tf.matches(sp.Search, &sp.sig, e.RegionCode) {
			continue
		}
		found = append(found, match{e, sp})
	}
	lo := min(offset, len(found))
	hi := min(lo+limit, len(found))
	out := make([]PublicItem, 0, hi-lo)
	for _, m := range found[lo:hi] {
		out = append(out, s.publicItem(m.e, m.sp, f.Township, date))
	}
	return out, len(found)
}

// delegatedAt reports an active delegation whose territory contains place.
func (e *entry) delegatedAt(place, date string) bool {
	for _, g := range e.grants {
		if g.Kind == ModeDelegate && g.activeOn(date) && g.place.Contains(place) {
			return true
		}
	}
	return false
}

func (f *PublicFilter) check() error {
	if f.Type != "" && TypeName(f.Type) == "" {
		return apperr.InvalidField("type", "CATALOG_TYPE_UNKNOWN", "未知事项类型："+string(f.Type))
	}
	if f.Township != "" {
		code, _, err := region.NormalizeCode(f.Township)
		if err != nil {
			return apperr.As(err).WithField("township")
		}
		f.Township = code
	}
	return nil
}

// PublicSearch lists the published catalogue in force today for the portal, without a login.
func (s *Service) PublicSearch(ctx context.Context, f PublicFilter, page httpx.Page) ([]PublicItem, int, error) {
	if err := f.check(); err != nil {
		return nil, 0, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return nil, 0, err
	}
	items, total := snap.Search(f, s.today(), page.Offset(), page.PageSize)
	return items, total, nil
}

// PublicGet returns one published item in force today with its legal basis, fine range, duties and
// the township governments and street offices it is delegated to.
func (s *Service) PublicGet(ctx context.Context, id string) (PublicDetail, error) {
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return PublicDetail{}, err
	}
	today := s.today()
	e := snap.items[id]
	if e == nil {
		return PublicDetail{}, apperr.NotFound("公开的权责清单事项")
	}
	sp := e.inForce(today)
	if sp == nil {
		return PublicDetail{}, apperr.NotFound("公开的权责清单事项")
	}
	v, err := getVersion(ctx, s.DB.R, sp.VersionID, today)
	if err != nil {
		return PublicDetail{}, err
	}
	d := PublicDetail{Item: snap.publicItem(e, sp, "", today), Delegations: []PublicDelegation{},
		Version: PublicVersion{Version: v.Version, EffectiveFrom: v.EffectiveFrom, DocNo: v.DocNo, ViolatedBasis: v.ViolatedBasis,
			PenaltyBasis: v.PenaltyBasis, PenaltyKinds: v.PenaltyKinds, Fine: v.Fine, FineText: describeFine(v.Fine),
			SuperviseDuties: v.SuperviseDuties, EnforceDuties: v.EnforceDuties}}
	for _, g := range e.grants {
		if g.Kind == ModeDelegate && g.activeOn(today) {
			pd := PublicDelegation{Subject: snap.orgRef(g.TargetOrgID), PlaceCode: g.PlaceCode,
				DocNo: snap.decisions[g.DecisionID].DocNo, EffectiveFrom: g.From}
			if g.WorkingOrgID != "" {
				w := snap.orgRef(g.WorkingOrgID)
				pd.WorkingBody = &w
			}
			d.Delegations = append(d.Delegations, pd)
		}
	}
	return d, nil
}
