package catalog

import (
	"fmt"
	"slices"

	"zhifa/internal/platform/civil"
)

// RuleArt37 is the rule on which version applies (从旧兼从轻).
const RuleArt37 = "《中华人民共和国行政处罚法》第三十七条：实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。"

// Which version art. 37 applies.
const (
	AppliedAct      = "act"      // the rule in force when the act was committed
	AppliedDecision = "decision" // the lighter rule in force when the decision is made
	AppliedNone     = "none"     // no rule: the item was not in force at the act
	AppliedRepealed = "repealed" // the item was repealed by the decision date
)

// Art37Choice is the version to apply to an act and why.
type Art37Choice struct {
	Applied string   `json:"applied"`
	Version *Version `json:"version"`
	Reason  string   `json:"reason"`
	Rule    string   `json:"rule"`
}

// ChooseArt37 applies 行政处罚法 第三十七条 to the version in force when the act was committed and
// the one in force when the decision is made (either may be nil): the act-time rule applies
// unless the decision-time rule is lighter — compared first by the statutory maximum fine, then
// by the penalty kinds (the heaviest kind, then how many).
func ChooseArt37(atAct, atDecision *Version) Art37Choice {
	c := Art37Choice{Rule: RuleArt37}
	switch {
	case atAct == nil:
		c.Applied = AppliedNone
		c.Reason = "违法行为发生时该事项的规定尚未施行（或已废止），不能依据行为后施行的规定给予处罚"
		return c
	case atDecision == nil:
		c.Applied = AppliedRepealed
		c.Reason = "作出处罚决定时该事项已废止：新的规定不认为是违法的，适用新的规定，不再给予处罚；如该事项仅因清单调整而废止，应查明承接的事项后再行适用"
		return c
	case atAct.ID == atDecision.ID:
		c.Applied, c.Version = AppliedAct, atAct
		c.Reason = fmt.Sprintf("违法行为发生时与作出处罚决定时施行的是同一版本（第%d版，%s起施行），适用该版本", atAct.Version, atAct.EffectiveFrom)
		return c
	}
	cmp, why := compareSeverity(atDecision, atAct)
	if cmp < 0 {
		c.Applied, c.Version = AppliedDecision, atDecision
		c.Reason = fmt.Sprintf("作出处罚决定时施行的第%d版（%s起）处罚较轻（%s），依从旧兼从轻原则适用新的规定", atDecision.Version, atDecision.EffectiveFrom, why)
		return c
	}
	c.Applied, c.Version = AppliedAct, atAct
	if cmp > 0 {
		c.Reason = fmt.Sprintf("作出处罚决定时施行的第%d版（%s起）处罚较重（%s），适用违法行为发生时施行的第%d版（%s起）", atDecision.Version, atDecision.EffectiveFrom, why, atAct.Version, atAct.EffectiveFrom)
	} else {
		c.Reason = fmt.Sprintf("新旧规定处罚轻重相同（%s），适用违法行为发生时施行的第%d版（%s起）", why, atAct.Version, atAct.EffectiveFrom)
	}
	return c
}

// compareSeverity compares how heavy two versions' penalties are: -1 when a is lighter than b,
// 1 when heavier, 0 when neither; the string says on what ground.
func compareSeverity(a, b *Version) (int, string) {
	if c, why := compareMaxFine(a, b); c != 0 {
		return c, why
	}
	ha, hb := heaviestKind(a.PenaltyKinds), heaviestKind(b.PenaltyKinds)
	if kindRank(ha) != kindRank(hb) {
		c := cmpInt(kindRank(ha), kindRank(hb))
		return c, fmt.Sprintf("最重的处罚种类：新规定为%s，原规定为%s", orNone(ha), orNone(hb))
	}
	if len(a.PenaltyKinds) != len(b.PenaltyKinds) {
		return cmpInt(len(a.PenaltyKinds), len(b.PenaltyKinds)),
			fmt.Sprintf("处罚种类：新规定%d种，原规定%d种", len(a.PenaltyKinds), len(b.PenaltyKinds))
	}
	return 0, "法定最高罚款和处罚种类均相同"
}

// compareMaxFine compares the statutory maximum fine: the maximum per unit of the same unit, the
// fixed maximum (of the total, for fines per unit), then the maximum multiple of the same base. A
// rule with no fine at all is lighter than one with a fine.
func compareMaxFine(va, vb *Version) (int, string) {
	a, b := va.Fine, vb.Fine
	if a.Unit != "" && a.Unit == b.Unit && a.PerUnitMaxFen != nil && b.PerUnitMaxFen != nil && *a.PerUnitMaxFen != *b.PerUnitMaxFen {
		return cmpInt64(*a.PerUnitMaxFen, *b.PerUnitMaxFen), fmt.Sprintf("法定最高罚款：新规定每%s%s，原规定每%s%s",
			a.Unit, civil.Fen(*a.PerUnitMaxFen).Yuan(), b.Unit, civil.Fen(*b.PerUnitMaxFen).Yuan())
	}
	if a.MaxFen != nil && b.MaxFen != nil && *a.MaxFen != *b.MaxFen {
		return cmpInt64(*a.MaxFen, *b.MaxFen), fmt.Sprintf("法定最高罚款：新规定%s，原规定%s", civil.Fen(*a.MaxFen).Yuan(), civil.Fen(*b.MaxFen).Yuan())
	}
	if a.MultipleMax != nil && b.MultipleMax != nil && a.MultipleBase == b.MultipleBase && *a.MultipleMax != *b.MultipleMax {
		return cmpInt(*a.MultipleMax, *b.MultipleMax), fmt.Sprintf("法定最高罚款：新规定%s%s，原规定%s%s",
			a.MultipleBase, FormatMultiple(a.MultipleMax), b.MultipleBase, FormatMultiple(b.MultipleMax))
	}
	if noFine(va) != noFine(vb) {
		if noFine(va) {
			return -1, "新规定不设罚款"
		}
		return 1, "原规定不设罚款"
	}
	return 0, ""
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func heaviestKind(kinds []string) string {
	best := ""
	for _, k := range kinds {
		if best == "" || kindRank(k) > kindRank(best) {
			best = k
		}
	}
	return best
}

func orNone(k string) string {
	if k == "" {
		return "无"
	}
	return k
}

// noFine reports a version that provides for no fine at all: no range and no 罚款 among its kinds.
func noFine(v *Version) bool { return v.Fine.Empty() && !slices.Contains(v.PenaltyKinds, "罚款") }
