package catalog

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

// The console's catalogue search is answered from the snapshot when it is current: every item with
// its latest version (drafts included) is held there besides the versions in force, each search
// text with a small signature of its bigrams, so that a search tests a few machine words per item
// and reads the text of the likely ones only. When the snapshot is not current (a change since it
// was built), the list runs on the store's full-text index instead while the snapshot is rebuilt
// in the background. Both give the same answer (TestListFromMemoryMatchesTheStore).

// gramBits is the signature of a search text: one bit per bigram, hashed into 1,024 bits. A text
// holds a term only if its signature covers the term's; the converse is checked on the text.
type gramBits [16]uint64

func gramHash(a, b rune) uint32 {
	h := uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77
	h ^= h >> 15
	h *= 0x2C1B3C6D
	h ^= h >> 12
	return h & 1023
}

// signature sets the bits of every bigram of every field of a search text.
func signature(text string) gramBits {
	var g gramBits
	var prev rune = -1
	for _, r := range text {
		if r == '|' {
			prev = -1
			continue
		}
		if prev >= 0 {
			h := gramHash(prev, r)
			g[h>>6] |= 1 << (h & 63)
		}
		prev = r
	}
	return g
}

// covers reports whether g holds every bit of t.
func (g *gramBits) covers(t *gramBits) bool {
	for i := range g {
		if g[i]&t[i] != t[i] {
			return false
		}
	}
	return true
}

// termFilter is a parsed search: its terms with their alternatives, and for each term the
// signatures any of which a matching text must cover (nil: a one-character term, no filter).
type termFilter struct {
	terms []string
	alts  [][]alternative
	sigs  [][]gramBits
}

func newTermFilter(query string, syns []synonym) *termFilter {
	terms := SearchTerms(query)
	if len(terms) == 0 {
		return nil
	}
	tf := &termFilter{terms: terms, alts: expand(terms, syns), sigs: make([][]gramBits, len(terms))}
	for i, t := range terms {
		texts := []string{t}
		for _, a := range tf.alts[i] {
			texts = append(texts, a.text)
		}
		for _, x := range texts {
			if len([]rune(x)) < 2 {
				tf.sigs[i] = nil // a one-character term or alternative: the text decides
				break
			}
			tf.sigs[i] = append(tf.sigs[i], signature(x))
		}
	}
	return tf
}

// matches reports whether a search text of an item of regionCode holds the query.
func (tf *termFilter) matches(text string, sig *gramBits, regionCode string) bool {
	return tf.maybe(sig) && matchesAll(text, regionCode, tf.terms, tf.alts)
}

// maybe reports whether a text of signature sig may hold the query: false means it cannot.
func (tf *termFilter) maybe(sig *gramBits) bool {
	for _, sigs := range tf.sigs {
		if sigs == nil {
			continue
		}
		ok := false
		for i := range sigs {
			if sig.covers(&sigs[i]) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// listEntry is an item with its latest version as the list shows it without a date.
type listEntry struct {
	listRow
	Search string `db:"search_text"`
	sig    gramBits
	rank   int // catalogue order (region, code)
}

// listSorts are the fields the list sorts by, as listItems names them, each comparing two rows
// after its own key by code (as the SQL does).
var listSorts = map[string]func(a, b *Item) int{
	"code": func(a, b *Item) int {
		return cmp.Or(strings.Compare(a.Code, b.Code), strings.Compare(a.RegionCode, b.RegionCode))
	},
	"domain": func(a, b *Item) int {
		return cmp.Or(strings.Compare(a.Domain, b.Domain), strings.Compare(a.Code, b.Code))
	},
	"type": func(a, b *Item) int {
		return cmp.Or(strings.Compare(string(a.Type), string(b.Type)), strings.Compare(a.Code, b.Code))
	},
	"status": func(a, b *Item) int {
		return cmp.Or(strings.Compare(string(a.Status), string(b.Status)), strings.Compare(a.Code, b.Code))
	},
	"effectiveFrom": func(a, b *Item) int {
		return cmp.Or(strings.Compare(a.EffectiveFrom, b.EffectiveFrom), strings.Compare(a.Code, b.Code))
	},
	"region": func(a, b *Item) int {
		return cmp.Or(strings.Compare(a.RegionCode, b.RegionCode), strings.Compare(a.Code, b.Code))
	},
	"name": nil, // pinyin: built per call, a collator serves one goroutine
}

// List answers the console's list from the snapshot, with the filters, sort and paging of the
// store's list (listItems); owner names are left to the caller.
func (s *Snapshot) List(scope access.Scope, f Filter, p httpx.Page) ([]Item, int, error) {
	less, err := listOrder(p)
	if err != nil {
		return nil, 0, err
	}
	tf := newTermFilter(f.Query, s.synonyms)
	var held map[*entry]bool
	if f.OrgID != "" {
		hs, err := s.holdings(access.Everywhere, f.OrgID, f.AsOf)
		if err != nil && !apperr.Is(err, "NOT_FOUND") {
			return nil, 0, err
		}
		held = make(map[*entry]bool, len(hs))
		for _, h := range hs {
			held[h.e] = true
		}
	}
	keep := func(region string, status lifecycle.Status, domain string, typ ItemType, category Category, text string, sig *gramBits) bool {
		switch {
		case f.Domain != "" && domain != f.Domain,
			f.Type != "" && typ != f.Type,
			f.Category != "" && category != f.Category,
			f.Status != "" && status != f.Status,
			f.Region != "" && region != f.Region,
			!scope.Sees(region, status != lifecycle.Draft):
			return false
		}
		return tf == nil || tf.matches(text, sig, region)
	}
	// Hits keep pointers; rows are built for the page only, unless a sort needs them all.
	hp := hitPool.Get().(*[]hit)
	hits := (*hp)[:0]
	defer func() {
		*hp = hits[:0]
		hitPool.Put(hp)
	}()
	if f.AsOf == "" {
		for _, le := range s.latest {
			if keep(le.RegionCode, le.Status, le.Domain, le.Type, le.Category, le.Search, &le.sig) {
				hits = append(hits, hit{le: le})
			}
		}
	} else {
		for _, e := range s.ordered {
			if (held != nil && !held[e]) || (tf != nil && !tf.maybe(&e.sigAny)) {
				continue
			}
			sp, le := e.inForce(f.AsOf), e.latest
			if sp != nil && le != nil && keep(e.RegionCode, le.Status, sp.Domain, sp.Type, sp.Category, sp.Search, &sp.sig) {
				hits = append(hits, hit{le: le, e: e, sp: sp})
			}
		}
	}
	row := func(h hit) Item {
		le := h.le
		if h.sp == nil {
			return Item{ID: le.ID, RegionCode: le.RegionCode, Code: le.Code, Status: le.Status, PendingDraft: le.PendingDraft,
				VersionID: le.VersionID, Version: le.Version, VersionStatus: le.VersionStatus, Name: le.Name, Type: le.Type,
				Domain: le.Domain, Category: le.Category, Level: le.Level, OwnerOrgID: le.OwnerOrgID,
				EffectiveFrom: le.EffectiveFrom, EffectiveTo: le.EffectiveTo, DocNo: le.DocNo}
		}
		sp := h.sp
		return Item{ID: h.e.ID, RegionCode: h.e.RegionCode, Code: h.e.Code, Status: le.Status, PendingDraft: le.PendingDraft,
			VersionID: sp.VersionID, Version: sp.Version, VersionStatus: sp.Status, Name: sp.Name, Type: sp.Type,
			Domain: sp.Domain, Category: sp.Category, Level: sp.Level, OwnerOrgID: sp.OwnerOrgID, EffectiveFrom: sp.From,
			EffectiveTo: sp.To, DocNo: sp.DocNo}
	}
	lo := min(p.Offset(), len(hits))
	hi := min(lo+p.PageSize, len(hits))
	var page []Item
	if less == nil {
		page = make([]Item, 0, hi-lo)
		for _, h := range hits[lo:hi] {
			page = append(page, row(h))
		}
	} else {
		all := make([]Item, len(hits))
		for i, h := range hits {
			all[i] = row(h)
		}
		slices.SortStableFunc(all, func(a, b Item) int { return cmp.Or(less(&a, &b), strings.Compare(a.ID, b.ID)) })
		page = all[lo:hi]
	}
	out := make([]Item, len(page))
	for i, it := range page {
		it.StatusName, it.TypeName = lifecycle.StatusName(it.Status), TypeName(it.Type)
		it.CategoryName, it.LevelName = CategoryName(it.Category), LevelName(it.Level)
		out[i] = it
	}
	return out, len(hits), nil
}

// hit is an item a list search found: its latest version, or its version in force on the date.
type hit struct {
	le *listEntry
	e  *entry
	sp *span
}

// hitPool keeps the slices of hits between searches, which would otherwise allocate one each.
var hitPool = sync.Pool{New: func() any { h := make([]hit, 0, 1024); return &h }}

// listOrder is the comparison of a page's sort (the list's default, region then code, is the
// snapshot's own order: nil).
func listOrder(p httpx.Page) (func(a, b *Item) int, error) {
	keys := p.Keys()
	if len(keys) == 0 {
		return nil, nil
	}
	var cmps []func(a, b *Item) int
	for _, k := range keys {
		c, ok := listSorts[k.Field]
		if !ok {
			return nil, apperr.InvalidField("sort", "SORT_INVALID", "不支持按该字段排序："+k.Field)
		}
		if k.Field == "name" {
			col := collate.New(language.Chinese)
			c = func(a, b *Item) int {
				return cmp.Or(col.CompareString(a.Name, b.Name), strings.Compare(a.Name, b.Name), strings.Compare(a.Code, b.Code))
			}
		}
		if k.Desc {
			asc := c
			c = func(a, b *Item) int { return -asc(a, b) }
		}
		cmps = append(cmps, c)
	}
	return func(a, b *Item) int {
		for _, c := range cmps {
			if r := c(a, b); r != 0 {
				return r
			}
		}
		return 0
	}, nil
}

// currentSnapshot is the snapshot when it reflects every change of the store (checking the
// generation counter when the check is due), or nil.
func (s *Service) currentSnapshot(ctx context.Context) (*Snapshot, error) {
	c := &s.cache
	cur := c.cur.Load()
	if cur == nil || cur.local != c.local.Load() {
		return nil, nil
	}
	if monoNow()-c.checked.Load() < int64(s.recheck()) || !c.mu.TryLock() {
		return cur, nil
	}
	defer c.mu.Unlock()
	var gen int64
	if err := db.Get(ctx, s.DB.R, &gen, `SELECT gen FROM catalog_generation WHERE id = 1`); err != nil {
		return nil, err
	}
	if gen != cur.gen {
		return nil, nil // the next Snapshot call rebuilds: its check is still due
	}
	c.checked.Store(monoNow())
	return cur, nil
}

// rebuildSoon rebuilds the snapshot in the background, one rebuild at a time, after a list had
// to run on the store because the snapshot was not current.
func (s *Service) rebuildSoon(ctx context.Context) {
	if !s.rebuilding.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.rebuilding.Store(false)
		_, _ = s.Snapshot(context.WithoutCancel(ctx)) // a failed rebuild is retried by the next reader
	}()
}
