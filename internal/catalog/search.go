package catalog

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
)

// normalize folds text for search: NFKC (full-width letters, digits and brackets become their
// half-width forms), lower case, and no whitespace, since Chinese is written without spaces and
// cells often carry stray ones.
func normalize(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// SearchTerms splits a query on whitespace into normalised terms; an item matches when its search
// text contains every term.
func SearchTerms(q string) []string {
	var out []string
	for _, f := range strings.Fields(norm.NFKC.String(q)) {
		if t := normalize(f); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// searchText is the normalised text a version is found by: code, name, type, domain, the legal
// basis (laws, references in Chinese and Arabic numbers, and the provisions' texts), penalty kinds
// and duties. Fields are joined by "|" so that a term never matches across two of them.
func searchText(code string, v *Version) string {
	parts := []string{code, v.Name, TypeName(v.Type), v.Domain, CategoryName(v.Category)}
	for _, cs := range [][]law.Citation{v.ViolatedBasis, v.PenaltyBasis} {
		for _, c := range cs {
			parts = append(parts, c.String(), c.ArabicRef())
		}
	}
	parts = append(parts, v.PenaltyKinds...)
	parts = append(parts, v.SuperviseDuties...)
	parts = append(parts, v.EnforceDuties...)
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(normalize(p), "|", "")
	}
	return strings.Join(parts, "|")
}

// synonym is a search synonym as search uses it: normalised, with the jurisdiction it applies in.
type synonym struct {
	scope     access.Scope
	term      string
	canonical string
}

// alternative is a canonical term a query term may match instead of itself, in the catalogues
// inside scope.
type alternative struct {
	scope access.Scope
	text  string
}

// expand gives, for each query term, the alternatives of the synonyms it contains: 摆摊 and
// 路边摆摊 may both match 占道经营 where a synonym 摆摊 → 占道经营 applies.
func expand(terms []string, syns []synonym) [][]alternative {
	out := make([][]alternative, len(terms))
	for i, t := range terms {
		for _, s := range syns {
			a := alternative{s.scope, s.canonical}
			if strings.Contains(t, s.term) && !slices.Contains(out[i], a) {
				out[i] = append(out[i], a)
			}
		}
	}
	return out
}

// matchesAll reports whether the search text of an item of regionCode contains every term, or for
// a term one of its alternatives that applies in regionCode.
func matchesAll(text, regionCode string, terms []string, alts [][]alternative) bool {
	for i, t := range terms {
		if strings.Contains(text, t) {
			continue
		}
		found := false
		for _, a := range alts[i] {
			if a.scope.Contains(regionCode) && strings.Contains(text, a.text) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
