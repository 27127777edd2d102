package discretion

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
)

// Condition kinds: a small closed vocabulary taken from published benchmarks (DOMAIN.md §7a).
const (
	CondFirstOffence        = "first_offence"        // 初次违法: no prior penalty for the same violation within the look-back window
	CondPriorCount          = "prior_count"          // 前次处罚次数: prior penalties for the same violation within the window
	CondHarm                = "harm"                 // 危害后果: none / minor / general / serious
	CondCorrectedPromptly   = "corrected_promptly"   // 及时改正
	CondRefusedCorrection   = "refused_correction"   // 拒不改正: incl. recurrence within N days of a written order to correct
	CondThreatenedStaff     = "threatened_staff"     // 以暴力、威胁方法阻碍执法
	CondSeriousConsequences = "serious_consequences" // 造成严重后果
	CondIllegalGains        = "illegal_gains"        // 违法所得金额区间
	CondGoodsValue          = "goods_value"          // 货值金额区间
	CondAmount              = "amount"               // 任一计算基数的金额区间 (赔偿额、销售额 …)
	CondPartyType           = "party_type"           // 当事人类型
	CondUnits               = "units"                // 数量区间 (平方米、处、辆、日 …)
	CondNote                = "note"                 // 其他情形, stated in words and confirmed by the officer
)

// ConditionKinds lists the vocabulary with Chinese names, in display order.
var ConditionKinds = []Option{
	{CondFirstOffence, "初次违法"}, {CondPriorCount, "前次处罚次数"}, {CondHarm, "危害后果"},
	{CondCorrectedPromptly, "及时改正"}, {CondRefusedCorrection, "拒不改正"}, {CondThreatenedStaff, "威胁、阻碍执法人员"},
	{CondSeriousConsequences, "造成严重后果"}, {CondIllegalGains, "违法所得金额"}, {CondGoodsValue, "货值金额"},
	{CondAmount, "基数金额"}, {CondUnits, "数量"}, {CondPartyType, "当事人类型"}, {CondNote, "其他情形"},
}

// Harm levels (危害后果).
const (
	HarmNone    = "none"    // 没有造成危害后果
	HarmMinor   = "minor"   // 危害后果轻微
	HarmGeneral = "general" // 一般危害后果
	HarmSerious = "serious" // 危害后果严重
)

// HarmLevels lists the harm levels with Chinese names, from none to serious.
var HarmLevels = []Option{{HarmNone, "没有造成危害后果"}, {HarmMinor, "危害后果轻微"}, {HarmGeneral, "有一般危害后果"}, {HarmSerious, "危害后果严重"}}

// Option is a code with its Chinese name, for the console's selects.
type Option struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func optionName(opts []Option, code string) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Name
		}
	}
	return ""
}

// Condition is one structured condition of a tier, a provision or a no-penalty entry. Amount and
// quantity bounds are half-open, as the law writes them: Min is included ("以上"), Max is not ("不足").
type Condition struct {
	Kind     string  `json:"kind"`
	Not      bool    `json:"not,omitempty"`      // the condition holds when the fact does not
	MinCount *int    `json:"minCount,omitempty"` // prior_count: at least
	MaxCount *int    `json:"maxCount,omitempty"` // prior_count: at most
	Lookback *Period `json:"lookback,omitempty"` // prior_count, first_offence: the window before the act; default one year
	// LookbackDays is the window as it was kept before windows were calendar periods (365 = one
	// year); it is read into Lookback and not written.
	LookbackDays int      `json:"lookbackDays,omitempty"`
	Harm         []string `json:"harm,omitempty"`       // harm: the levels that match
	WithinDays   int      `json:"withinDays,omitempty"` // refused_correction: recurrence within N days of the order counts
	Base         string   `json:"base,omitempty"`       // amount: the base whose amount is bounded
	MinFen       *int64   `json:"minFen,omitempty"`     // illegal_gains, goods_value, amount
	MaxFen       *int64   `json:"maxFen,omitempty"`
	MinUnits     *float64 `json:"minUnits,omitempty"` // units
	MaxUnits     *float64 `json:"maxUnits,omitempty"`
	PartyTypes   []string `json:"partyTypes,omitempty"` // party_type: the types that match (unit = legal and other)
	Text         string   `json:"text,omitempty"`       // note: the circumstance, as the officer will confirm it
}

// MaxConditions bounds the conditions of one tier, provision or entry.
const MaxConditions = 20

// MaxNoteLen bounds a note condition, in characters.
const MaxNoteLen = 200

// check validates a condition and normalises it in place: defaults filled, fields the kind does
// not use cleared, a window kept in days read as a calendar period. bases is the jurisdiction's
// vocabulary of bases.
func (c *Condition) check(field string, bases []string, ps *problems) {
	c.Kind = strings.TrimSpace(c.Kind)
	keep := *c
	*c = Condition{Kind: keep.Kind, Not: keep.Not}
	switch c.Kind {
	case CondFirstOffence:
		c.Lookback = lookback(field, keep, ps)
	case CondPriorCount:
		c.Lookback = lookback(field, keep, ps)
		c.MinCount, c.MaxCount = keep.MinCount, keep.MaxCount
		switch {
		case c.MinCount == nil && c.MaxCount == nil:
			ps.add(field+".minCount", "DISCRETION_CONDITION_INVALID", "前次处罚次数条件须填写最少或最多次数", "")
		case c.MinCount != nil && *c.MinCount < 0, c.MaxCount != nil && *c.MaxCount < 0:
			ps.add(field+".minCount", "DISCRETION_AMOUNT_NEGATIVE", "前次处罚次数不能为负数", "")
		case c.MinCount != nil && c.MaxCount != nil && *c.MinCount > *c.MaxCount:
			ps.add(field+".minCount", "DISCRETION_RANGE_INVERTED", "前次处罚次数的最少次数不能大于最多次数", "")
		}
	case CondHarm:
		seen := map[string]bool{}
		for _, h := range keep.Harm {
			h = strings.TrimSpace(h)
			if optionName(HarmLevels, h) == "" {
				ps.add(field+".harm", "DISCRETION_CONDITION_INVALID", "未知危害后果等级："+h+"（可选 none、minor、general、serious）", "")
				continue
			}
			if !seen[h] {
				seen[h] = true
				c.Harm = append(c.Harm, h)
			}
		}
		if len(keep.Harm) == 0 {
			ps.add(field+".harm", "DISCRETION_CONDITION_INVALID", "危害后果条件须选择至少一个等级", "")
		}
		slices.SortFunc(c.Harm, func(a, b string) int { return harmRank(a) - harmRank(b) })
	case CondCorrectedPromptly, CondThreatenedStaff, CondSeriousConsequences:
	case CondRefusedCorrection:
		c.WithinDays = keep.WithinDays
		if c.WithinDays < 0 || c.WithinDays > 3650 {
			ps.add(field+".withinDays", "DISCRETION_CONDITION_INVALID", "责令改正后再次违法的认定期限应在0到3650日之间", "")
		}
	case CondIllegalGains, CondGoodsValue, CondAmount:
		c.MinFen, c.MaxFen = keep.MinFen, keep.MaxFen
		if c.Kind == CondAmount {
			c.Base = strings.TrimSpace(keep.Base)
			checkBase(field+".base", c.Base, bases, ps)
		}
		switch {
		case c.MinFen == nil && c.MaxFen == nil:
			ps.add(field+".minFen", "DISCRETION_CONDITION_INVALID", "金额条件须填写下限或上限", "")
		case c.MinFen != nil && *c.MinFen < 0, c.MaxFen != nil && *c.MaxFen < 0:
			ps.add(field+".minFen", "DISCRETION_AMOUNT_NEGATIVE", "金额不能为负数", "")
		case c.MinFen != nil && c.MaxFen != nil && *c.MinFen >= *c.MaxFen:
			ps.add(field+".minFen", "DISCRETION_RANGE_INVERTED", "金额条件的下限应小于上限", "")
		}
	case CondUnits:
		c.MinUnits, c.MaxUnits = keep.MinUnits, keep.MaxUnits
		switch {
		case c.MinUnits == nil && c.MaxUnits == nil:
			ps.add(field+".minUnits", "DISCRETION_CONDITION_INVALID", "数量条件须填写下限或上限", "")
		case c.MinUnits != nil && *c.MinUnits < 0, c.MaxUnits != nil && *c.MaxUnits < 0:
			ps.add(field+".minUnits", "DISCRETION_AMOUNT_NEGATIVE", "数量不能为负数", "")
		case c.MinUnits != nil && c.MaxUnits != nil && *c.MinUnits >= *c.MaxUnits:
			ps.add(field+".minUnits", "DISCRETION_RANGE_INVERTED", "数量条件的下限应小于上限", "")
		}
	case CondPartyType:
		c.PartyTypes = checkParties(field+".partyTypes", keep.PartyTypes, ps)
		if len(keep.PartyTypes) == 0 {
			ps.add(field+".partyTypes", "DISCRETION_CONDITION_INVALID", "当事人类型条件须选择至少一种当事人类型", "")
		}
	case CondNote:
		c.Text = strings.TrimSpace(keep.Text)
		if c.Text == "" {
			ps.add(field+".text", "DISCRETION_CONDITION_INVALID", "其他情形须写明具体情形", "")
		} else if utf8.RuneCountInString(c.Text) > MaxNoteLen {
			ps.add(field+".text", "DISCRETION_CONDITION_INVALID", "其他情形不能超过200个字", "")
		}
	default:
		ps.add(field+".kind", "DISCRETION_CONDITION_UNKNOWN", "未知条件类型："+c.Kind+"（可选 "+conditionCodes()+"）", "")
	}
}

func conditionCodes() string {
	codes := make([]string, len(ConditionKinds))
	for i, o := range ConditionKinds {
		codes[i] = o.Code
	}
	return strings.Join(codes, "、")
}

// lookback reads the window of a count condition: its period, or the days it was kept in, or one
// year by default.
func lookback(field string, c Condition, ps *problems) *Period {
	if c.Lookback == nil {
		if c.LookbackDays < 0 || c.LookbackDays > MaxPeriodDays {
			ps.add(field+".lookbackDays", "DISCRETION_CONDITION_INVALID", "回溯期应在1到3650日之间", "")
		}
		p := legacyPeriod(c.LookbackDays)
		return &p
	}
	p := Period{N: c.Lookback.N, Unit: strings.TrimSpace(c.Lookback.Unit)}
	if !p.valid() {
		ps.add(field+".lookback", "DISCRETION_CONDITION_INVALID", "回溯期应为1至10年、1至120个月或1至3650日（unit 为 year、month 或 day）", "")
	}
	return &p
}

// window is the condition's look-back period.
func (c Condition) window() Period {
	if c.Lookback == nil {
		return legacyPeriod(c.LookbackDays)
	}
	return *c.Lookback
}

func harmRank(h string) int {
	for i, o := range HarmLevels {
		if o.Code == h {
			return i
		}
	}
	return len(HarmLevels)
}

// equal reports two normalised conditions saying the same thing.
func (c Condition) equal(o Condition) bool {
	return c.Kind == o.Kind && c.Not == o.Not && eqPtr(c.MinCount, o.MinCount) && eqPtr(c.MaxCount, o.MaxCount) &&
		eqPtr(c.Lookback, o.Lookback) && slices.Equal(c.Harm, o.Harm) && c.WithinDays == o.WithinDays && c.Base == o.Base &&
		eqPtr(c.MinFen, o.MinFen) && eqPtr(c.MaxFen, o.MaxFen) && eqPtr(c.MinUnits, o.MinUnits) &&
		eqPtr(c.MaxUnits, o.MaxUnits) && slices.Equal(c.PartyTypes, o.PartyTypes) && c.Text == o.Text
}

// implies reports whether c holds whenever x does, beyond equality: a count in a narrower range
// over the same window (第三次 implies 两次以上).
func (c Condition) impliedBy(x Condition) bool {
	if c.equal(x) {
		return true
	}
	if c.Kind != CondPriorCount || x.Kind != CondPriorCount || c.Not || x.Not || c.window() != x.window() {
		return false
	}
	lo := func(p *int) int {
		if p == nil {
			return 0
		}
		return *p
	}
	loOK := lo(x.MinCount) >= lo(c.MinCount)
	hiOK := c.MaxCount == nil || (x.MaxCount != nil && *x.MaxCount <= *c.MaxCount)
	return loOK && hiOK
}

func eqPtr[T comparable](a, b *T) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// Describe says the condition in Chinese, as the officer and the party read it.
func (c Condition) Describe() string {
	s := c.describe()
	if c.Not {
		return "不属于以下情形：" + s
	}
	return s
}

func (c Condition) describe() string {
	within := c.window().Describe()
	switch c.Kind {
	case CondFirstOffence:
		return "初次违法（违法行为发生前" + within + "内未因同一违法行为受过行政处罚）"
	case CondPriorCount:
		return "违法行为发生前" + within + "内因同一违法行为受过行政处罚" + countText(c.MinCount, c.MaxCount)
	case CondHarm:
		names := make([]string, len(c.Harm))
		for i, h := range c.Harm {
			names[i] = optionName(HarmLevels, h)
		}
		return "危害后果：" + strings.Join(names, "或")
	case CondCorrectedPromptly:
		return "及时改正违法行为"
	case CondRefusedCorrection:
		if c.WithinDays > 0 {
			return fmt.Sprintf("拒不改正（经责令改正后%d日内再次实施同一违法行为的，视为拒不改正）", c.WithinDays)
		}
		return "拒不改正违法行为"
	case CondThreatenedStaff:
		return "以暴力、威胁等方法阻碍执法人员依法执行职务"
	case CondSeriousConsequences:
		return "造成严重后果或者恶劣社会影响"
	case CondIllegalGains:
		return "违法所得" + boundsText(c.MinFen, c.MaxFen, yuanText)
	case CondGoodsValue:
		return "货值金额" + boundsText(c.MinFen, c.MaxFen, yuanText)
	case CondAmount:
		return c.Base + boundsText(c.MinFen, c.MaxFen, yuanText)
	case CondPartyType:
		return "当事人为" + partiesText(c.PartyTypes)
	case CondUnits:
		return "数量" + boundsText(c.MinUnits, c.MaxUnits, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) })
	case CondNote:
		return c.Text
	}
	return c.Kind
}

func countText(lo, hi *int) string {
	switch {
	case lo != nil && hi != nil && *lo == *hi:
		return strconv.Itoa(*lo) + "次"
	case lo != nil && hi != nil:
		return strconv.Itoa(*lo) + "至" + strconv.Itoa(*hi) + "次"
	case hi != nil && *hi == 0:
		return "0次"
	case hi != nil:
		return strconv.Itoa(*hi) + "次以下"
	case lo != nil:
		return strconv.Itoa(*lo) + "次以上"
	}
	return ""
}

func boundsText[T any](lo, hi *T, f func(T) string) string {
	switch {
	case lo != nil && hi != nil:
		return f(*lo) + "以上、不足" + f(*hi)
	case lo != nil:
		return f(*lo) + "以上"
	case hi != nil:
		return "不足" + f(*hi)
	}
	return ""
}

// holds decides a condition on the facts. It answers DISCRETION_FACT_REQUIRED, naming the fact,
// when the facts given cannot decide it.
func (c Condition) holds(ev *evaluation) (bool, error) {
	ok, err := c.holdsPositive(ev)
	if err != nil {
		return false, err
	}
	return ok != c.Not, nil
}

func (c Condition) holdsPositive(ev *evaluation) (bool, error) {
	f := ev.facts
	switch c.Kind {
	case CondFirstOffence:
		zero := 0
		return ev.countHolds(c.window(), nil, &zero)
	case CondPriorCount:
		return ev.countHolds(c.window(), c.MinCount, c.MaxCount)
	case CondHarm:
		if f.Harm == "" {
			return false, factRequired("harm", "请认定危害后果（none 无、minor 轻微、general 一般、serious 严重）")
		}
		return slices.Contains(c.Harm, f.Harm), nil
	case CondCorrectedPromptly:
		return f.CorrectedPromptly, nil
	case CondRefusedCorrection:
		return f.RefusedCorrection || (c.WithinDays > 0 && f.RecurrenceDays != nil && *f.RecurrenceDays <= c.WithinDays), nil
	case CondThreatenedStaff:
		return f.ThreatenedStaff, nil
	case CondSeriousConsequences:
		return f.SeriousConsequences, nil
	case CondIllegalGains, CondGoodsValue, CondAmount:
		base := c.Base
		switch c.Kind {
		case CondIllegalGains:
			base = BaseIllegalGains
		case CondGoodsValue:
			base = BaseGoodsValue
		}
		v, ok := f.Bases[base]
		if !ok {
			return false, baseRequired(base, "该情形按"+base+"认定，请填写"+base+"（分）")
		}
		return within(v, c.MinFen, c.MaxFen), nil
	case CondUnits:
		if f.Units == nil {
			return false, factRequired("units", "该情形按数量认定，请填写数量")
		}
		return within(*f.Units, c.MinUnits, c.MaxUnits), nil
	case CondPartyType:
		if f.PartyType == "" {
			return false, factRequired("partyType", "该情形按当事人类型认定，请选择当事人类型（自然人、法人或其他组织）")
		}
		return slices.Contains(c.PartyTypes, f.PartyType), nil
	case CondNote:
		return slices.Contains(f.Circumstances, c.Text), nil
	}
	return false, nil
}

func within[T int64 | float64](v T, lo, hi *T) bool {
	return (lo == nil || v >= *lo) && (hi == nil || v < *hi)
}

func factRequired(fact, msg string) error {
	return apperr.InvalidField("facts."+fact, "DISCRETION_FACT_REQUIRED", msg)
}

// baseRequired asks for the amount of a base, naming the fact facts.bases.<base>.
func baseRequired(base, msg string) error { return factRequired("bases."+base, msg) }
