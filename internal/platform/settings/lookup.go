package settings

import (
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

// NationalName names the national default as the source of a value.
const NationalName = "全国默认"

// Chain lists the regions a value of code is looked up in, from the province down to code itself
// (a township: its province, city, county and itself). The national default lies above them all
// and is not listed; the chain of "" (the whole country) is empty. Statistics-bureau codes are
// hierarchical, so the chain is read from the code (access.Scope) without the region table.
func Chain(code string) []string {
	if code == "" {
		return nil
	}
	return append(access.ScopeOf(code).Above(), code)
}

// Nearest picks, among the regions of a chain that hold a value of their own, the nearest to the
// region: a township's own value, else its county's, city's, province's. ok is false when none
// holds one and the national default applies.
func Nearest(chain []string, holds func(code string) bool) (code string, ok bool) {
	for i := len(chain) - 1; i >= 0; i-- {
		if holds(chain[i]) {
			return chain[i], true
		}
	}
	return "", false
}

// normalize reads a region code a caller gives: 2, 4, 6, 9 or 12 digits, padded with zeros to 12
// as the statistics bureau writes them (the region feature reads codes the same way).
func normalize(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", apperr.InvalidField("regionCode", "REGION_CODE_INVALID", "区划代码只能由数字组成："+s)
		}
	}
	switch len(s) {
	case 2, 4, 6, 9:
		s += strings.Repeat("0", 12-len(s))
	case 12:
	default:
		return "", apperr.InvalidField("regionCode", "REGION_CODE_INVALID", "区划代码应为2、4、6、9或12位数字："+s)
	}
	if s[:2] == "00" {
		return "", apperr.InvalidField("regionCode", "REGION_CODE_INVALID", "区划代码无效："+s)
	}
	return s, nil
}
