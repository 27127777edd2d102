package discretion

import (
	"slices"
	"strings"
)

// Party types (当事人类型), as 行政处罚法 第四条 names them: 公民、法人或者其他组织. The codes are the
// case file's (internal/cases), so that a case can hand its party's type to Evaluate as it is.
const (
	PartyNatural = "natural" // 自然人（公民、个人）
	PartyLegal   = "legal"   // 法人
	PartyOther   = "other"   // 其他组织（个体工商户、分支机构 …）
	// PartyUnit is the shorthand standards write as 单位: a legal person or another organisation.
	// A rule may name it; it stands for PartyLegal and PartyOther.
	PartyUnit = "unit"
)

// PartyTypes lists the party types with Chinese names, and the shorthand 单位 last.
var PartyTypes = []Option{{PartyNatural, "自然人"}, {PartyLegal, "法人"}, {PartyOther, "其他组织"}, {PartyUnit, "单位（法人或者其他组织）"}}

// partyOrder is the canonical order of the three party types.
var partyOrder = []string{PartyNatural, PartyLegal, PartyOther}

// PartyTypeName is the Chinese name of a party type.
func PartyTypeName(code string) string { return optionName(PartyTypes, code) }

// checkParties normalises the party types of a rule or condition: 单位 expanded into 法人 and
// 其他组织, duplicates dropped, the canonical order kept. An unknown code is refused.
func checkParties(field string, in []string, ps *problems) []string {
	seen := map[string]bool{}
	for _, raw := range in {
		switch code := strings.TrimSpace(raw); code {
		case PartyUnit:
			seen[PartyLegal], seen[PartyOther] = true, true
		case PartyNatural, PartyLegal, PartyOther:
			seen[code] = true
		default:
			ps.add(field, "DISCRETION_PARTY_TYPE_UNKNOWN", "未知当事人类型："+code+"（可选 natural 自然人、legal 法人、other 其他组织、unit 单位）", "")
		}
	}
	var out []string
	for _, p := range partyOrder {
		if seen[p] {
			out = append(out, p)
		}
	}
	return out
}

// partiesText writes party types as a standard does: 个人 for natural persons alone, 单位 for legal
// persons and other organisations together.
func partiesText(ps []string) string {
	switch {
	case slices.Equal(ps, []string{PartyNatural}):
		return "个人"
	case slices.Equal(ps, []string{PartyLegal, PartyOther}):
		return "单位"
	case len(ps) == 0 || len(ps) == len(partyOrder):
		return "各类当事人"
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = PartyTypeName(p)
	}
	return strings.Join(names, "、")
}

// appliesTo reports whether a rule limited to the party types ps applies to a party of type p;
// a rule that names none applies to all.
func appliesTo(ps []string, p string) bool { return len(ps) == 0 || slices.Contains(ps, p) }

// partiesCover reports whether the party types a apply to every party that b's do.
func partiesCover(a, b []string) bool {
	if len(a) == 0 {
		return true
	}
	if len(b) == 0 {
		return false
	}
	for _, p := range b {
		if !slices.Contains(a, p) {
			return false
		}
	}
	return true
}
