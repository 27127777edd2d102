package discretion

import (
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/region"
)

// SourceNational names the national defaults as the source of splitting rules.
const SourceNational = "national"

// Rules are a jurisdiction's rules for splitting a statutory range into tiers (裁量阶次划分规则).
// Percentages are whole numbers of 100.
//
//   - MinSteps: at least this many of 从轻、一般、从重 carry a penalty standard wherever the
//     statute leaves a range (国办发〔2022〕27号: 罚款在最低额与最高额之间合理划分阶次).
//   - Where the statute sets a minimum and a maximum, 一般 must include the middle of the range;
//     proposals put the step between 从轻 and 一般 at RangeLowPct of the span and the step between
//     一般 and 从重 at RangeHighPct.
//   - Where the statute sets only a maximum, 从轻 stays at or below LighterMaxPct of it and 一般 lies
//     within GeneralMinPct–GeneralMaxPct of it (浙江做法: 从轻不超过20%，一般为40%–60%).
type Rules struct {
	MinSteps      int    `db:"min_steps" json:"minSteps" required:"true"`
	RangeLowPct   int    `db:"range_low_pct" json:"rangeLowPct" required:"true"`
	RangeHighPct  int    `db:"range_high_pct" json:"rangeHighPct" required:"true"`
	LighterMaxPct int    `db:"lighter_max_pct" json:"lighterMaxPct" required:"true"`
	GeneralMinPct int    `db:"general_min_pct" json:"generalMinPct" required:"true"`
	GeneralMaxPct int    `db:"general_max_pct" json:"generalMaxPct" required:"true"`
	Basis         string `db:"basis" json:"basis" text:"500,multiline"`
}

// National returns the defaults where no jurisdiction has set its own (DOMAIN.md §7a).
func National() Rules {
	return Rules{MinSteps: 3, RangeLowPct: 30, RangeHighPct: 70, LighterMaxPct: 20, GeneralMinPct: 40, GeneralMaxPct: 60,
		Basis: "全国默认值：国办发〔2022〕27号（罚款在最低额与最高额之间划分阶次）；浙江做法（至少三档，一般居中；只规定最高额的，从轻不超过最高额的20%，一般为最高额的40%–60%）"}
}

// RuleRow is one jurisdiction's row of rules.
type RuleRow struct {
	RegionCode string `db:"region_code"`
	Rules
	UpdatedAt string `db:"updated_at"`
}

// EffectiveRules are the rules that apply to a region and where they come from.
type EffectiveRules struct {
	RegionCode string `json:"regionCode"`
	Source     string `json:"source"`     // the region code whose row applies, or "national"
	SourceName string `json:"sourceName"` // that region's name, or 全国默认
	Rules
	UpdatedAt string `json:"updatedAt,omitempty"`
}

// LookupRules picks the rules of code from the rows of code and its ancestors: the nearest
// region's row wins; with none the national defaults apply.
func LookupRules(code string, rows []RuleRow) EffectiveRules {
	byCode := make(map[string]RuleRow, len(rows))
	for _, r := range rows {
		byCode[r.RegionCode] = r
	}
	chain := append(region.Ancestors(code), code)
	for i := len(chain) - 1; i >= 0; i-- {
		if r, ok := byCode[chain[i]]; ok && chain[i] != "" {
			return EffectiveRules{RegionCode: code, Source: r.RegionCode, Rules: r.Rules, UpdatedAt: r.UpdatedAt}
		}
	}
	return EffectiveRules{RegionCode: code, Source: SourceNational, SourceName: "全国默认", Rules: National()}
}

// MaxBasisLen bounds the stated basis of a jurisdiction's rules, in characters.
const MaxBasisLen = 500

// Check validates rules set by a jurisdiction.
func (r *Rules) Check() error {
	r.Basis = strings.TrimSpace(r.Basis)
	bad := func(field, msg string) error {
		return apperr.InvalidField(field, "DISCRETION_RULES_INVALID", msg)
	}
	switch {
	case r.MinSteps < 1 || r.MinSteps > 3:
		return bad("minSteps", "最少阶次数应为1到3（从轻、一般、从重）")
	case r.RangeLowPct <= 0 || r.RangeLowPct > 50:
		return bad("rangeLowPct", "从轻与一般的分界应在幅度的1%到50%之间")
	case r.RangeHighPct < 50 || r.RangeHighPct >= 100:
		return bad("rangeHighPct", "一般与从重的分界应在幅度的50%到99%之间")
	case r.LighterMaxPct < 0 || r.LighterMaxPct > 100:
		return bad("lighterMaxPct", "从轻上限比例应在0到100之间")
	case r.GeneralMinPct < r.LighterMaxPct || r.GeneralMinPct > 100:
		return bad("generalMinPct", "一般下限比例应不低于从轻上限比例且不超过100")
	case r.GeneralMaxPct < r.GeneralMinPct || r.GeneralMaxPct > 100:
		return bad("generalMaxPct", "一般上限比例应不低于一般下限比例且不超过100")
	case utf8.RuneCountInString(r.Basis) > MaxBasisLen:
		return apperr.InvalidField("basis", "DISCRETION_TEXT_TOO_LONG", "依据说明不能超过500个字")
	}
	return nil
}

func (r Rules) ruleText() string {
	if r.Basis != "" {
		return "裁量阶次划分规则：" + r.Basis
	}
	return "裁量阶次划分规则（本辖区配置）"
}
