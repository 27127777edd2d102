package access

import "strings"

// Scope is a jurisdiction: a region subtree. Statistics-bureau codes are hierarchical, so the
// subtree of a region is every code that starts with the region's significant prefix; stores
// filter with a range on region_code (lo <= code < hi), which an ordinary index serves on both
// engines.
//
// Two rules decide what a caller meets, and they are written here only:
//   - a caller reads and writes the records of its jurisdiction (In, Contains);
//   - it also reads the published records of the jurisdictions above it — a township sees the
//     county's catalogue and benchmarks once they are published, never their drafts — but does
//     not change them (Visible, Sees).
//
// A record outside both is answered as not found (apperr.NotFound), so that nobody learns what
// another jurisdiction holds; a visible record outside the write scope is refused with
// OUT_OF_WRITE_SCOPE.
type Scope struct {
	Prefix string
	none   bool
}

// ScopeOf returns the subtree rooted at a 12-digit region code.
func ScopeOf(regionCode string) Scope { return Scope{Prefix: SignificantPrefix(regionCode)} }

// Everywhere is the scope of the system.
var Everywhere = Scope{}

// Nowhere is the scope of no one: it contains no region.
var Nowhere = Scope{none: true}

// Contains reports whether a region code lies inside the scope.
func (s Scope) Contains(regionCode string) bool {
	return !s.none && strings.HasPrefix(regionCode, s.Prefix)
}

// Root returns the 12-digit code of the region at the top of the scope ("" for Everywhere).
func (s Scope) Root() string {
	if s.Prefix == "" {
		return ""
	}
	return (s.Prefix + "000000000000")[:12]
}

// Range returns the half-open text range [lo, hi) of region codes inside the scope.
func (s Scope) Range() (lo, hi string) {
	switch {
	case s.none:
		return "", ""
	case s.Prefix == "":
		return "", "\U0010FFFF"
	}
	return s.Prefix, s.Prefix + "\x7f"
}

// Above lists the 12-digit codes of the regions above the scope's root, from the province down
// (a township's province, city and county). A city without counties (不设区的地级市) has its
// townships directly below it, so its county-level code is the city's own and is listed once.
func (s Scope) Above() []string {
	root := s.Root()
	if root == "" || s.none {
		return nil
	}
	var out []string
	for _, n := range []int{2, 4, 6, 9} {
		if n >= len(s.Prefix) {
			break
		}
		a := root[:n] + strings.Repeat("0", 12-n)
		if len(out) > 0 && out[len(out)-1] == a {
			continue
		}
		out = append(out, a)
	}
	return out
}

// Sees reports whether a record of a region is visible in the scope: inside it, or published by
// a jurisdiction above it.
func (s Scope) Sees(regionCode string, published bool) bool {
	if s.Contains(regionCode) {
		return true
	}
	if !published || s.none {
		return false
	}
	for _, a := range s.Above() {
		if a == regionCode {
			return true
		}
	}
	return false
}

// In returns an SQL condition on a region-code column: the record lies inside the scope.
func (s Scope) In(col string) (string, []any) {
	lo, hi := s.Range()
	return "(" + col + " >= ? AND " + col + " < ?)", []any{lo, hi}
}

// AlwaysPublished is the published expression of records that are public from the moment they
// are registered (government decisions, search synonyms).
const AlwaysPublished = "1 = 1"

// Visible returns an SQL condition for what the scope may read: inside it, or a record of a
// jurisdiction above it for which the SQL expression published holds (e.g. "b.status <> 'draft'").
func (s Scope) Visible(col, published string) (string, []any) {
	cond, args := s.In(col)
	above := s.Above()
	if len(above) == 0 {
		return cond, args
	}
	cond = "(" + cond + " OR (" + col + " IN (?" + strings.Repeat(", ?", len(above)-1) + ") AND " + published + "))"
	for _, a := range above {
		args = append(args, a)
	}
	return cond, args
}

// SignificantPrefix trims a 12-digit code to the digits that identify it at its level:
// province 2, city 4, county 6, township 9, village 12.
func SignificantPrefix(code string) string {
	switch {
	case len(code) != 12:
		return code
	case code[2:] == "0000000000":
		return code[:2]
	case code[4:] == "00000000":
		return code[:4]
	case code[6:] == "000000":
		return code[:6]
	case code[9:] == "000":
		return code[:9]
	}
	return code
}
