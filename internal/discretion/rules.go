package discretion

import (
	"slices"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

// Mode is what a splitting check does when a benchmark fails it: nothing, a warning kept with the
// benchmark, or a refusal.
type Mode string

// Modes of a check.
const (
	ModeOff     Mode = "off"     // 不检查
	ModeWarning Mode = "warning" // 提醒：可以保存和发布，问题随基准列出
	ModeError   Mode = "error"   // 拒绝：不能保存
)

// Modes lists the modes with Chinese names.
var Modes = []Option{{string(ModeOff), "不检查"}, {string(ModeWarning), "提醒"}, {string(ModeError), "拒绝"}}

// modeWords are the Chinese words a jurisdiction may type for a mode.
var modeWords = map[string]Mode{"关闭": ModeOff, "不检查": ModeOff, "提醒": ModeWarning, "警告": ModeWarning, "拒绝": ModeError, "错误": ModeError}

// Splitting is how a jurisdiction splits a statutory range into tiers (裁量阶次划分规则): the value
// of the setting discretion.tiers, which each jurisdiction may set for itself (settings per
// jurisdiction; the nearest ancestor's value applies). 国办发〔2022〕27号 asks that fines be split
// into tiers inside the statutory range and sets no number of tiers, no midpoint and no
// percentages: those are local guidance (浙江做法 among others), so each check is off, a warning or
// an error as the jurisdiction sets it. Percentages are whole numbers of 100.
//
//   - Midpoint: where the statute sets a minimum and a maximum, 一般 includes the middle of the range.
//   - MinStepsCheck: at least MinSteps of 从轻、一般、从重 carry a penalty standard wherever the statute
//     leaves a range.
//   - MaxOnlyCheck: where the statute sets only a maximum, 从轻 stays at or below LighterMaxPct of it
//     and 一般 lies within GeneralMinPct–GeneralMaxPct of it (浙江做法: 从轻不超过20%，一般为40%–60%).
//   - OrderCheck: rules of different levels neither overlap nor run backwards (减轻 ≤ 从轻 ≤ 一般 ≤ 从重).
//   - Proposals put the step between 从轻 and 一般 at RangeLowPct of the span and the step between
//     一般 and 从重 at RangeHighPct.
type Splitting struct {
	Midpoint      Mode `json:"midpoint" required:"true"`
	MinStepsCheck Mode `json:"minStepsCheck" required:"true"`
	MinSteps      int  `json:"minSteps" required:"true"`
	MaxOnlyCheck  Mode `json:"maxOnlyCheck" required:"true"`
	OrderCheck    Mode `json:"orderCheck" required:"true"`
	RangeLowPct   int  `json:"rangeLowPct" required:"true"`
	RangeHighPct  int  `json:"rangeHighPct" required:"true"`
	LighterMaxPct int  `json:"lighterMaxPct" required:"true"`
	GeneralMinPct int  `json:"generalMinPct" required:"true"`
	GeneralMaxPct int  `json:"generalMaxPct" required:"true"`
}

// NationalBasis is where the national splitting rules come from (DOMAIN.md §7a).
const NationalBasis = "全国默认值：国办发〔2022〕27号（在法定幅度内合理划分裁量阶次，未规定中间值、阶次数和比例）；" +
	"至少三档、只规定最高额时从轻不超过20%、一般为40%–60%为浙江等地做法，默认仅作提醒"

// NationalSplitting is the split where no jurisdiction has set its own: no midpoint rule (27号
// sets none), the step count and the percentages of a maximum-only fine as warnings, tiers out of
// order refused.
func NationalSplitting() Splitting {
	return Splitting{Midpoint: ModeOff, MinStepsCheck: ModeWarning, MinSteps: 3, MaxOnlyCheck: ModeWarning, OrderCheck: ModeError,
		RangeLowPct: 30, RangeHighPct: 70, LighterMaxPct: 20, GeneralMinPct: 40, GeneralMaxPct: 60}
}

// StrictSplitting is every check an error: the Zhejiang-style rules jurisdictions applied before
// the checks became settings.
func StrictSplitting() Splitting {
	s := NationalSplitting()
	s.Midpoint, s.MinStepsCheck, s.MaxOnlyCheck, s.OrderCheck = ModeError, ModeError, ModeError, ModeError
	return s
}

// SettingKey is the key of the splitting rules among the settings per jurisdiction.
const SettingKey = "discretion.tiers"

const modeHelp = "不检查；提醒（可以保存和发布，问题随基准列出）；拒绝（不能保存）"

// modeChoices are the modes as a settings field offers them.
var modeChoices = func() []settings.Option {
	out := make([]settings.Option, len(Modes))
	for i, m := range Modes {
		out[i] = settings.Option{Value: m.Code, Label: m.Name}
	}
	return out
}()

// Setting is the kind of setting of the splitting rules: those who draft benchmarks
// (catalog.write) set their jurisdiction's, whoever reads benchmarks (catalog.read) reads them.
var Setting = settings.Define(settings.Kind{
	Key:  SettingKey,
	Name: "裁量阶次划分规则",
	Description: "把法定处罚幅度划分为从轻、一般、从重的规则及各项检查的处理方式：生成档次建议和校验裁量基准时采用；" +
		"本级未设置的，采用上级设置或全国默认值（国办发〔2022〕27号未规定中间值、阶次数和比例，默认不检查中间值，其余仅作提醒）",
	Read:  access.CatalogRead,
	Write: access.CatalogWrite,
	Fields: []settings.Field{
		{Name: "midpoint", Label: "一般档须包含法定幅度中间值", Type: settings.Choice, Options: modeChoices,
			Help: "有最低额和最高额时，“一般”档次是否须包含中间值：" + modeHelp},
		{Name: "minStepsCheck", Label: "阶次数检查", Type: settings.Choice, Options: modeChoices, Help: "法定幅度内有处罚标准的档次不足下述数目时：" + modeHelp},
		{Name: "minSteps", Label: "有处罚标准的档次至少", Type: settings.Integer, Unit: "档", Min: 1, Max: 3,
			Help: "法定幅度内，从轻、一般、从重中至少几档规定处罚标准"},
		{Name: "maxOnlyCheck", Label: "只有最高额时的比例检查", Type: settings.Choice, Options: modeChoices,
			Help: "如“处2万元以下罚款”，从轻、一般档超出下述比例时：" + modeHelp},
		{Name: "orderCheck", Label: "档次顺序检查", Type: settings.Choice, Options: modeChoices,
			Help: "不同阶次的罚款相互重叠或轻重颠倒时：" + modeHelp},
		{Name: "rangeLowPct", Label: "有上下限时从轻与一般的分档点", Type: settings.Percent, Min: 1, Max: 50,
			Help: "生成档次建议时采用，占法定幅度（最高额减最低额）的比例"},
		{Name: "rangeHighPct", Label: "有上下限时一般与从重的分档点", Type: settings.Percent, Min: 50, Max: 99,
			Help: "生成档次建议时采用，占法定幅度的比例"},
		{Name: "lighterMaxPct", Label: "只有最高额时从轻不超过最高额的", Type: settings.Percent, Min: 0, Max: 100,
			Help: "如“处2万元以下罚款”，从轻档的上限占最高额的比例"},
		{Name: "generalMinPct", Label: "只有最高额时一般档不低于最高额的", Type: settings.Percent, Min: 0, Max: 100,
			Help: "不低于从轻上限的比例"},
		{Name: "generalMaxPct", Label: "只有最高额时一般档不高于最高额的", Type: settings.Percent, Min: 0, Max: 100,
			Help: "不低于一般档下限的比例"},
	},
	NationalBasis: NationalBasis,
}, NationalSplitting(), (*Splitting).Check)

// Check validates the split a jurisdiction sets and normalises the modes (提醒 → warning). The
// document that sets it (依据) is required by the settings themselves.
func (r *Splitting) Check() error {
	bad := func(field, msg string) error {
		return apperr.InvalidField(field, "DISCRETION_RULES_INVALID", msg)
	}
	for _, m := range []struct {
		field string
		mode  *Mode
	}{{"midpoint", &r.Midpoint}, {"minStepsCheck", &r.MinStepsCheck}, {"maxOnlyCheck", &r.MaxOnlyCheck}, {"orderCheck", &r.OrderCheck}} {
		v := strings.TrimSpace(string(*m.mode))
		if w, ok := modeWords[v]; ok {
			v = string(w)
		}
		if optionName(Modes, v) == "" {
			return bad(m.field, "检查方式应为 off（不检查）、warning（提醒）或 error（拒绝）")
		}
		*m.mode = Mode(v)
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

// LabelsKey is the key of the vocabulary of rule labels among the settings per jurisdiction.
const LabelsKey = "discretion.labels"

// Labels is a jurisdiction's vocabulary of rule labels (裁量情节用语): the words its standards put on
// each rule (情节轻微、情节较轻、一般、情节较重、情节严重、从轻、从重 …), one string separated by 、.
type Labels struct {
	Labels string `json:"labels" required:"true"`
}

// Limits on the vocabulary of labels.
const (
	MaxLabels     = 40
	MaxRuleLabel  = 20
	labelsTextMax = 800
)

// NationalLabels are the labels where no jurisdiction has set its own: the names of the levels and
// the words standards commonly use (DOMAIN.md §7a).
const NationalLabels = "不予处罚、减轻处罚、从轻处罚、一般、从重处罚、情节轻微、情节较轻、情节一般、情节较重、情节严重、情节特别严重"

// LabelsBasis is where the national labels come from.
const LabelsBasis = "全国默认值：行政处罚法 第三十二条、第三十三条的用语和裁量基准常用的情节表述"

// LabelSetting is the kind of setting of the labels, read and set as the splitting rules are.
var LabelSetting = settings.Define(settings.Kind{
	Key:         LabelsKey,
	Name:        "裁量情节用语",
	Description: "裁量基准各条规则可选用的情节名称（如 情节轻微、情节较重、情节严重），以顿号分隔；本级未设置的，采用上级设置或全国默认值",
	Read:        access.CatalogRead,
	Write:       access.CatalogWrite,
	Fields: []settings.Field{
		{Name: "labels", Label: "可选用的情节名称", Type: settings.Text, Max: labelsTextMax,
			Help: "以顿号（、）分隔，每个不超过20个字，至多40个"},
	},
	NationalBasis: LabelsBasis,
}, Labels{Labels: NationalLabels}, (*Labels).Check)

// Check validates a vocabulary of labels and writes it back in one form: trimmed, separated by 、,
// without repeats.
func (l *Labels) Check() error {
	list := splitLabels(l.Labels)
	for _, x := range list {
		if utf8.RuneCountInString(x) > MaxRuleLabel {
			return apperr.InvalidField("labels", "DISCRETION_RULES_INVALID", "情节名称“"+x+"”超过20个字")
		}
	}
	switch {
	case len(list) == 0:
		return apperr.InvalidField("labels", "DISCRETION_RULES_INVALID", "请至少填写一个情节名称")
	case len(list) > MaxLabels:
		return apperr.InvalidField("labels", "DISCRETION_RULES_INVALID", "情节名称不能超过40个")
	}
	l.Labels = strings.Join(list, "、")
	return nil
}

// List returns the labels one by one.
func (l Labels) List() []string { return splitLabels(l.Labels) }

func splitLabels(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' }) {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Settings are the kinds of setting this feature keeps per jurisdiction.
var Settings = []settings.Kind{Setting, LabelSetting}

// SourceNational names the national defaults as the source of a jurisdiction's rules.
const SourceNational = "national"

// Rules are what a jurisdiction's benchmarks are checked against besides the statute, each with
// where it comes from, as validation cites them: the splitting checks, the vocabulary of rule
// labels and the vocabulary of bases of multiple-based fines (the catalogue's, Statutes.FineBases).
type Rules struct {
	Splitting
	Basis        string   `json:"basis"`      // the document that sets the splitting rules
	Source       string   `json:"source"`     // the region code whose rules apply, or "national"
	SourceName   string   `json:"sourceName"` // that region's name, or 全国默认
	Labels       []string `json:"labels"`
	LabelsSource string   `json:"labelsSource"` // 全国默认值 or "阳谷县（依据：…）"
	Bases        []string `json:"bases"`
}

// National returns the rules where no jurisdiction has set its own, with the default bases.
func National() Rules {
	return Rules{Splitting: NationalSplitting(), Basis: NationalBasis, Source: SourceNational, SourceName: settings.NationalName,
		Labels: splitLabels(NationalLabels), LabelsSource: settings.NationalName + "（" + LabelsBasis + "）",
		Bases: append([]string(nil), DefaultBases...)}
}

// Strict returns the national rules with every splitting check an error.
func Strict() Rules {
	r := National()
	r.Splitting = StrictSplitting()
	r.Basis, r.Source, r.SourceName = "浙江做法：至少三档，一般居中；只规定最高额的，从轻不超过最高额的20%，一般为最高额的40%–60%", "330000000000", "浙江省"
	return r
}

// rulesFrom reads the rules in force as the settings give them.
func rulesFrom(split settings.Value[Splitting], labels settings.Value[Labels], bases []string) Rules {
	r := Rules{Splitting: split.Value, Basis: split.Basis, Source: split.Source.RegionCode, SourceName: split.Source.RegionName,
		Labels: labels.Value.List(), Bases: bases}
	if split.Source.National() {
		r.Source = SourceNational
	}
	r.LabelsSource = labels.Source.RegionName + "（依据：" + labels.Basis + "）"
	if labels.Source.National() {
		r.LabelsSource = settings.NationalName + "（" + labels.Basis + "）"
	}
	return r
}

// ruleText cites the splitting rules a problem comes from: the jurisdiction that set them and the
// document, or the national default.
func (r Rules) ruleText() string {
	switch {
	case r.Source == SourceNational || r.Source == "":
		if r.Basis == "" {
			return "裁量阶次划分规则（全国默认值）"
		}
		return "裁量阶次划分规则，" + r.Basis
	case r.Basis == "":
		return "裁量阶次划分规则（" + r.SourceName + "设置）"
	}
	return "裁量阶次划分规则（" + r.SourceName + "设置，依据：" + r.Basis + "）"
}

// sourceText names where the splitting rules come from, for messages: 全国默认值, or 浙江省的设置
// with the document.
func (r Rules) sourceText() string {
	switch {
	case r.Source == SourceNational || r.Source == "":
		return "全国默认值"
	case r.Basis == "":
		return r.SourceName + "的设置"
	}
	return r.SourceName + "的设置，依据：" + r.Basis
}
