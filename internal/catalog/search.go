package catalog

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
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
	for _, cs := range [][]Citation{v.ViolatedBasis, v.PenaltyBasis} {
		for _, c := range cs {
			parts = append(parts, c.String(), c.arabic())
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

// matchesAll reports whether text contains every term.
func matchesAll(text string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}
