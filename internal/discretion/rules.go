package discretion

import (
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

// SourceNational names the national defaults as the source of splitting rules.
const SourceNational = "national"

// Splitting is how a jurisdiction splits a statutory range into tiers (裁量阶次划分规则): the value
// of the setting discretion.tiers, which each jurisdiction may set for itself (settings per
// jurisdiction; the nearest ancestor's value applies). Percentages are whole numbers of 100.
//
//   - MinSteps: at least this many of 从轻、一般、从重 carry a penalty standard wherever the
//     statute leaves a range (国办发〔2022〕27号: 罚款在最低额与最高额之间合理划分阶次).
//   - Where the statute sets a minimum and a maximum, 一般 must include the middle of the range;
//     proposals put the step between 从轻 and 一般 at RangeLowPct of the span and the step between
//     一般 and 从重 at RangeHighPct.
//   - Where the statute sets only a maximum, 从轻 stays at or below LighterMaxPct of it and 一般 lies
//     within GeneralMinPct–GeneralMaxPct of it (浙江做法: 从轻不超过20%，一般为40%–60%).
type Splitting struct {
	MinSteps      int `json:"minSteps" required:"true"`
	RangeLowPct   int `json:"rangeLowPct" required:"true"`
	RangeHighPct  int `json:"rangeHighPct" required:"true"`
	LighterMaxPct int `json:"lighterMaxPct" required:"true"`
	GeneralMinPct int `json:"generalMinPct" required:"true"`
	GeneralMaxPct int `json:"generalMaxPct" required:"true"`
}

// Rules are the splitting rules in force for a jurisdiction with the document that sets them,
// as proposals and validation apply and cite them.
type Rules struct {
	Splitting
	Basis string `json:"basis"`
}

// NationalBasis is where the national splitting rules come from (DOMAIN.md §7a).
const NationalBasis = "全国默认值：国办发〔2022〕27号（罚款在最低额与最高额之间划分阶次）；浙江做法（至少三档，一般居中；只规定最高额的，从轻不超过最高额的20%，一般为最高额的40%–60%）"

// NationalSplitting is the split where no jurisdiction has set its own.
func NationalSplitting() Splitting {
	return Splitting{MinSteps: 3, RangeLowPct: 30, RangeHighPct: 70, LighterMaxPct: 20, GeneralMinPct: 40, GeneralMaxPct: 60}
}

// National returns the rules where no jurisdiction has set its own (DOMAIN.md §7a).
func National() Rules { return Rules{Splitting: NationalSplitting(), Basis: NationalBasis} }

// SettingKey is the key of the splitting rules among the settings per jurisdiction.
const SettingKey = "discretion.tiers"

// Setting is the kind of setting of the splitting rules: those who draft benchmarks
// (catalog.write) set their jurisdiction's, whoever reads benchmarks (catalog.read) reads them.
var Setting = settings.Define(settings.Kind{
	Key:  SettingKey,
	Name: "裁量阶次划分规则",
	Description: "把法定处罚幅度划分为从轻、一般、从重的规则：生成档次建议和校验裁量基准时采用；" +
		"本级未设置的，采用上级设置或全国默认值（国办发〔2022〕27号、浙江做法）",
	Read:  access.CatalogRead,
	Write: access.CatalogWrite,
	Fields: []settings.Field{
		{Name: "minSteps", Label: "有处罚标准的档次至少", Type: settings.Integer, Unit: "档", Min: 1, Max: 3,
			Help: "法定幅度内，从轻、一般、从重中至少几档规定处罚标准"},
		{Name: "rangeLowPct", Label: "有上下限时从轻与一般的分档点", Type: settings.Percent, Min: 1, Max: 50,
			Help: "占法定幅度（最高额减最低额）的比例；一般档须包含幅度的中点"},
		{Name: "rangeHighPct", Label: "有上下限时一般与从重的分档点", Type: settings.Percent, Min: 50, Max: 99,
			Help: "占法定幅度的比例"},
		{Name: "lighterMaxPct", Label: "只有最高额时从轻不超过最高额的", Type: settings.Percent, Min: 0, Max: 100,
			Help: "如“处2万元以下罚款”，从轻档的上限占最高额的比例"},
		{Name: "generalMinPct", Label: "只有最高额时一般档不低于最高额的", Type: settings.Percent, Min: 0, Max: 100,
			Help: "不低于从轻上限的比例"},
		{Name: "generalMaxPct", Label: "只有最高额时一般档不高于最高额的", Type: settings.Percent, Min: 0, Max: 100,
			Help: "不低于一般档下限的比例"},
	},
	NationalBasis: NationalBasis,
}, NationalSplitting(), (*Splitting).Check)

// Settings are the kinds of setting this feature keeps per jurisdiction.
var Settings = []settings.Kind{Setting}

// EffectiveRules are the rules that apply to a region and where they come from.
type EffectiveRules struct {
	RegionCode string `json:"regionCode"`
	Source     string `json:"source"`     // the region code whose value applies, or "national"
	SourceName string `json:"sourceName"` // that region's name, or 全国默认
	Rules
	UpdatedAt string `json:"updatedAt,omitempty"`
}

// effectiveRules reads the rules in force as the settings give them.
func effectiveRules(code string, v settings.Value[Splitting]) EffectiveRules {
	eff := EffectiveRules{RegionCode: code, Source: v.Source.RegionCode, SourceName: v.Source.RegionName,
		Rules: Rules{Splitting: v.Value, Basis: v.Basis}, UpdatedAt: v.UpdatedAt}
	if v.Source.National() {
		eff.Source = SourceNational
	}
	return eff
}

// Check validates the split a jurisdiction sets. The document that sets it (依据) is required
// by the settings themselves.
func (r *Splitting) Check() error {
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
	}
	return nil
}

func (r Rules) ruleText() string {
	if r.Basis != "" {
		return "裁量阶次划分规则：" + r.Basis
	}
	return "裁量阶次划分规则（本辖区配置）"
}
