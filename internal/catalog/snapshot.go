package catalog

import (
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/lifecycle"
)

// OrgInfo is what the resolver knows of an organisation.
type OrgInfo struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	RegionCode string `json:"regionCode"`
}

// DecisionRef names a decision.
type DecisionRef struct {
	ID            string `db:"id" json:"id"`
	DocNo         string `db:"doc_no" json:"docNo"`
	Title         string `db:"title" json:"title"`
	EffectiveFrom string `db:"effective_from" json:"effectiveFrom"`
}

// span is one published or repealed version of an item as the resolver needs it: its window
// [From, To) and the fields queries filter and show. Drafts are never in force and never here.
type span struct {
	ItemID     string           `db:"item_id"`
	VersionID  string           `db:"id"`
	Version    int              `db:"version"`
	Status     lifecycle.Status `db:"status"`
	From       string           `db:"effective_from"`
	To         string           `db:"effective_to"`
	DocNo      string           `db:"doc_no"`
	Name       string           `db:"name"`
	Type       ItemType         `db:"item_type"`
	Domain     string           `db:"domain"`
	Category   Category         `db:"category"`
	Level      Level            `db:"level"`
	OwnerOrgID string           `db:"owner_org_id"`
	KindsJSON  string           `db:"penalty_kinds"`
	MinFen     *int64           `db:"fine_min_fen"`
	MaxFen     *int64           `db:"fine_max_fen"`
	MultMin    *int             `db:"multiple_min"`
	MultMax    *int             `db:"multiple_max"`
	MultBase   string           `db:"multiple_base"`
	Search     string           `db:"search_text"`
	kinds      []string
	domainIdx  int      // index into Snapshot.domains, for counting without hashing
	sig        gramBits // of Search, for the console's list search
}

func (s *span) fine() Fine {
	return Fine{MinFen: s.MinFen, MaxFen: s.MaxFen, MultipleMin: s.MultMin, MultipleMax: s.MultMax, MultipleBase: s.MultBase}
}

// grant is one assignment (transfer or delegation) as the resolver needs it.
type grant struct {
	ID          string `db:"id"`
	ItemID      string `db:"item_id"`
	DecisionID  string `db:"decision_id"`
	Kind        Mode   `db:"kind"`
	FromOrgID   string `db:"from_org_id"`
	TargetOrgID string `db:"target_org_id"`
	// WorkingOrgID is, for a delegation, the township's comprehensive enforcement office that
	// handles the power as the working body of the government it was delegated to; "" otherwise.
	WorkingOrgID string `db:"working_org_id"`
	PlaceCode    string `db:"place_code"`
	Partial      bool   `db:"partial"`
	PartNote     string `db:"part_note"`
	From         string `db:"effective_from"`
	To           string `db:"effective_to"`
	RevokedBy    string `db:"revoked_by"`
	place        access.Scope
	item         *entry
}

// activeOn reports whether [from, to) contains date; an empty to is open.
func activeOn(from, to, date string) bool { return lifecycle.InWindow(from, to, date) }

func (g *grant) activeOn(date string) bool { return activeOn(g.From, g.To, date) }

// itemRec is an item's identity.
type itemRec struct {
	ID         string `db:"id"`
	Code       string `db:"code"`
	RegionCode string `db:"region_code"`
}

// entry is an item in the snapshot with its versions and assignments, each sorted by start date.
type entry struct {
	itemRec
	latest *listEntry // the item with its latest version, as the list shows it
	sigAny gramBits   // the union of its versions' signatures: a search none of them may match skips the item
	rank   int        // position in catalogue order (region, code)
	spans  []span
	grants []*grant
}

// inForce returns the version in force on date: the last version that took effect on or before
// it, provided its window [From, To) still holds the date (a repeal ends the item at its To).
func (e *entry) inForce(date string) *span {
	i, _ := slices.BinarySearchFunc(e.spans, date, func(s span, d string) int {
		if s.From <= d {
			return -1
		}
		return 1
	})
	if i == 0 {
		return nil
	}
	s := &e.spans[i-1]
	if !lifecycle.InWindow(s.From, s.To, date) {
		return nil
	}
	return s
}

// firstEffective is the date the item first took effect, or "" if it never did.
func (e *entry) firstEffective() string {
	if len(e.spans) == 0 {
		return ""
	}
	return e.spans[0].From
}

// snapshotData is everything a snapshot is built from, as loaded from the store.
type snapshotData struct {
	Gen       int64
	Items     []itemRec
	Spans     []span
	Grants    []grant
	Decisions []DecisionRef
	Orgs      []OrgInfo
	Synonyms  []synonym
	Latest    []listEntry // every item with its latest version, drafts included
}

// Snapshot is an immutable picture of the catalogue, indexed for the two hot questions: by item
// (who exercises it here and now) and by organisation (what it exercises). It is built whole and
// swapped in atomically, so readers never lock.
type Snapshot struct {
	gen       int64 // the store's generation counter when the data was read
	local     int64 // this process's change counter when the build began
	items     map[string]*entry
	byCode    map[string][]*entry
	byTarget  map[string][]*grant // by the organisation that holds the grant or is its working body
	byOwner   map[string][]*entry
	orgs      map[string]OrgInfo
	decisions map[string]DecisionRef
	ordered   []*entry // by region, then code
	domains   []string // every domain of a version, indexed by span.domainIdx
	synonyms  []synonym
	// latest is every item, drafts included, with its latest version, in catalogue order: what the
	// console's list shows without a date.
	latest []*listEntry
}

// Gen is the store generation the snapshot reflects.
func (s *Snapshot) Gen() int64 { return s.gen }

// newSnapshot indexes loaded data; a penalty-kind list that is not valid JSON is an error.
func newSnapshot(d snapshotData) (*Snapshot, error) {
	s := &Snapshot{gen: d.Gen, items: make(map[string]*entry, len(d.Items)), byCode: map[string][]*entry{},
		byTarget: map[string][]*grant{}, byOwner: map[string][]*entry{}, orgs: make(map[string]OrgInfo, len(d.Orgs)),
		decisions: make(map[string]DecisionRef, len(d.Decisions)), synonyms: d.Synonyms}
	for _, o := range d.Orgs {
		s.orgs[o.ID] = o
	}
	for _, dec := range d.Decisions {
		s.decisions[dec.ID] = dec
	}
	s.ordered = make([]*entry, 0, len(d.Items))
	for _, it := range d.Items {
		e := &entry{itemRec: it}
		s.items[it.ID] = e
		s.byCode[it.Code] = append(s.byCode[it.Code], e)
		s.ordered = append(s.ordered, e)
	}
	slices.SortFunc(s.ordered, func(a, b *entry) int {
		if c := strings.Compare(a.RegionCode, b.RegionCode); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	for i, e := range s.ordered {
		e.rank = i
	}
	// Interned strings keep a snapshot of years of history small: a few distinct kind lists,
	// domains and organisation ids repeat across tens of thousands of rows.
	intern := map[string]string{}
	in := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		intern[s] = s
		return s
	}
	kindLists := map[string][]string{}
	domainIdx := map[string]int{}
	for _, sp := range d.Spans {
		e := s.items[sp.ItemID]
		if e == nil {
			continue
		}
		sp.Domain, sp.OwnerOrgID, sp.DocNo = in(sp.Domain), in(sp.OwnerOrgID), in(sp.DocNo)
		if ks, ok := kindLists[sp.KindsJSON]; ok {
			sp.kinds = ks
		} else {
			ks, err := decodeList(sp.KindsJSON)
			if err != nil {
				return nil, fmt.Errorf("catalogue version %s: penalty kinds: %w", sp.VersionID, err)
			}
			sp.kinds = ks
			kindLists[sp.KindsJSON] = sp.kinds
		}
		sp.KindsJSON = ""
		i, ok := domainIdx[sp.Domain]
		if !ok {
			i = len(s.domains)
			domainIdx[sp.Domain] = i
			s.domains = append(s.domains, sp.Domain)
		}
		sp.domainIdx = i
		sp.sig = signature(sp.Search)
		for i := range e.sigAny {
			e.sigAny[i] |= sp.sig[i]
		}
		e.spans = append(e.spans, sp)
	}
	for i := range d.Grants {
		g := &d.Grants[i]
		e := s.items[g.ItemID]
		if e == nil {
			continue
		}
		g.TargetOrgID, g.FromOrgID, g.DecisionID, g.PlaceCode = in(g.TargetOrgID), in(g.FromOrgID), in(g.DecisionID), in(g.PlaceCode)
		g.WorkingOrgID = in(g.WorkingOrgID)
		g.place, g.item = access.ScopeOf(g.PlaceCode), e
		e.grants = append(e.grants, g)
		s.byTarget[g.TargetOrgID] = append(s.byTarget[g.TargetOrgID], g)
		if g.WorkingOrgID != "" && g.WorkingOrgID != g.TargetOrgID {
			// The working body handles what its government holds: it finds the item by itself too.
			s.byTarget[g.WorkingOrgID] = append(s.byTarget[g.WorkingOrgID], g)
		}
	}
	// Indexes by organisation are kept in catalogue order, so that what an organisation holds comes
	// out sorted without sorting at query time.
	for _, e := range s.ordered {
		slices.SortFunc(e.spans, func(a, b span) int { return strings.Compare(a.From, b.From)*2 + cmpInt(a.Version, b.Version) })
		slices.SortStableFunc(e.grants, func(a, b *grant) int { return strings.Compare(a.From, b.From) })
		var owners []string
		for _, sp := range e.spans {
			if !slices.Contains(owners, sp.OwnerOrgID) {
				owners = append(owners, sp.OwnerOrgID)
				s.byOwner[sp.OwnerOrgID] = append(s.byOwner[sp.OwnerOrgID], e)
			}
		}
	}
	for _, gs := range s.byTarget {
		slices.SortStableFunc(gs, func(a, b *grant) int { return cmpInt(a.item.rank, b.item.rank) })
	}
	s.latest = make([]*listEntry, len(d.Latest))
	for i := range d.Latest {
		le := &d.Latest[i]
		le.Domain, le.OwnerOrgID, le.DocNo = in(le.Domain), in(le.OwnerOrgID), in(le.DocNo)
		le.sig = signature(le.Search)
		s.latest[i] = le
		if e := s.items[le.ID]; e != nil {
			e.latest = le
		}
	}
	slices.SortFunc(s.latest, func(a, b *listEntry) int {
		if c := strings.Compare(a.RegionCode, b.RegionCode); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	for i, le := range s.latest {
		le.rank = i
	}
	return s, nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// visible reports whether a caller with scope sees a catalogue of regionCode: the snapshot holds
// published versions only, so those of the caller's jurisdiction and of the regions above it.
func visible(scope access.Scope, regionCode string) bool { return scope.Sees(regionCode, true) }

// item returns a visible item by id.
func (s *Snapshot) item(scope access.Scope, id string) *entry {
	e := s.items[id]
	if e == nil || !visible(scope, e.RegionCode) {
		return nil
	}
	return e
}

// itemByCode returns the visible item with a code; when catalogues at two levels share it, the
// one nearest the caller (the longest region prefix) wins.
func (s *Snapshot) itemByCode(scope access.Scope, code string) *entry {
	var best *entry
	for _, e := range s.byCode[code] {
		if !visible(scope, e.RegionCode) {
			continue
		}
		if best == nil || len(access.SignificantPrefix(e.RegionCode)) > len(access.SignificantPrefix(best.RegionCode)) {
			best = e
		}
	}
	return best
}

// orgName names an organisation, or its id when it is unknown.
func (s *Snapshot) orgName(id string) string {
	if o, ok := s.orgs[id]; ok {
		return o.Name
	}
	return id
}

func (s *Snapshot) orgRef(id string) OrgRef {
	o, ok := s.orgs[id]
	if !ok {
		return OrgRef{ID: id, Name: id}
	}
	return OrgRef{ID: o.ID, Name: o.Name, Kind: o.Kind}
}

// OrgRef names an organisation in an answer.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}
