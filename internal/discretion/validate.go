package discretion

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/civil"
)

// Limits on one benchmark.
const (
	MaxProvisions  = 10
	MaxTiers       = 50
	MaxNoPenalty   = 20
	MaxLabelLen    = 100
	MaxDescribeLen = 500
)

// Validate checks a benchmark's content and normalises it in place: first its structure (known
// levels, kinds and conditions, amounts not negative, ranges not inverted, 减轻 with a stated
// condition, tiers neither overlapping nor out of order, no tier that can never apply, a fallback
// 一般 tier, no-penalty entries no weaker than 行政处罚法 第三十三条), then, when the structure is
// sound, against the statute (every tier inside the statutory range, 减轻 never above the statutory
// minimum; 国办发〔2022〕27号) and the jurisdiction's splitting rules. Every problem is reported
// in one error; the first gives its code, field and rule.
func Validate(c *Content, s Statute, r Rules) error {
	var ps problems
	c.check(&ps)
	if ps.first == nil {
		c.checkStatute(s, r, &ps)
		c.checkConsistency(&ps)
	}
	return ps.err()
}

// CheckStructure validates the content without a statute, as far as that is possible.
func CheckStructure(c *Content) error {
	var ps problems
	c.check(&ps)
	if ps.first == nil {
		c.checkConsistency(&ps)
	}
	return ps.err()
}

// checkConsistency checks the tiers of each provision against each other: a fallback 一般 tier,
// rising amounts, no tier that can never apply.
func (c *Content) checkConsistency(ps *problems) {
	for _, g := range c.groups() {
		c.checkFallback(g, ps)
		c.checkOrder(g, ps)
		c.checkReach(g, ps)
	}
}

// group is the tiers under one provision (or all tiers when there are no provisions).
type group struct {
	key   string
	field string // where to report problems of the group as a whole
	idx   []int
}

func (c *Content) groups() []group {
	if len(c.Provisions) == 0 {
		g := group{field: "tiers"}
		for i := range c.Tiers {
			g.idx = append(g.idx, i)
		}
		return []group{g}
	}
	out := make([]group, len(c.Provisions))
	for pi, p := range c.Provisions {
		out[pi] = group{key: p.Key, field: "provisions[" + strconv.Itoa(pi) + "]"}
		for i, t := range c.Tiers {
			if t.Provision == p.Key {
				out[pi].idx = append(out[pi].idx, i)
			}
		}
	}
	return out
}

func (c *Content) check(ps *problems) {
	if c.Provisions == nil {
		c.Provisions = []Provision{}
	}
	if c.Tiers == nil {
		c.Tiers = []Tier{}
	}
	if c.NoPenalty == nil {
		c.NoPenalty = []NoPenaltyEntry{}
	}
	c.checkProvisions(ps)
	switch {
	case len(c.Tiers) == 0:
		ps.add("tiers", "DISCRETION_TIERS_REQUIRED", "裁量基准至少应有一个裁量阶次", ruleGuidance)
	case len(c.Tiers) > MaxTiers:
		ps.add("tiers", "DISCRETION_TOO_MANY", "裁量阶次不能超过50个", "")
		return
	}
	for i := range c.Tiers {
		c.checkTier(i, ps)
	}
	if len(c.NoPenalty) > MaxNoPenalty {
		ps.add("noPenalty", "DISCRETION_TOO_MANY", "不予处罚清单每个事项不能超过20条", "")
	} else {
		for i := range c.NoPenalty {
			c.NoPenalty[i].check("noPenalty["+strconv.Itoa(i)+"]", ps)
		}
	}
}

func (c *Content) checkProvisions(ps *problems) {
	if len(c.Provisions) > MaxProvisions {
		ps.add("provisions", "DISCRETION_TOO_MANY", "处罚条款不能超过10个", "")
		return
	}
	seen := map[string]bool{}
	for i := range c.Provisions {
		p := &c.Provisions[i]
		f := "provisions[" + strconv.Itoa(i) + "]"
		p.Key, p.Label = strings.TrimSpace(p.Key), strings.TrimSpace(p.Label)
		switch {
		case p.Key == "" || utf8.RuneCountInString(p.Key) > 20:
			ps.add(f+".key", "DISCRETION_PROVISION_INVALID", "处罚条款须有不超过20个字的标识", "")
		case seen[p.Key]:
			ps.add(f+".key", "DISCRETION_PROVISION_INVALID", "处罚条款标识重复："+p.Key, "")
		}
		seen[p.Key] = true
		if p.Label == "" || utf8.RuneCountInString(p.Label) > MaxLabelLen {
			ps.add(f+".label", "DISCRETION_PROVISION_INVALID", "处罚条款须写明名称（不超过100个字），如“第一款 货值金额不足一万元”", "")
		}
		if p.When == nil {
			p.When = []Condition{}
		}
		checkConditions(f+".when", p.When, ps)
		checkRange(f+".range", &p.Range, ps)
		if i > 0 && len(c.Provisions[i-1].When) == 0 {
			ps.add(f, "DISCRETION_PROVISION_UNREACHABLE", "前一处罚条款没有适用条件，总是适用，本条款永远不会适用", "")
		}
	}
}

func checkRange(f string, r *Range, ps *problems) {
	r.MultipleBase = strings.TrimSpace(r.MultipleBase)
	switch {
	case r.FineMinFen < 0 || r.FineMaxFen < 0 || r.MultipleMinPct < 0 || r.MultipleMaxPct < 0:
		ps.add(f, "DISCRETION_AMOUNT_NEGATIVE", "法定幅度不能为负数", "")
	case r.FineMaxFen > MaxAmountFen || r.FineMinFen > MaxAmountFen || r.MultipleMaxPct > MaxMultiplePct:
		ps.add(f, "DISCRETION_AMOUNT_TOO_LARGE", "法定幅度超出可登记的范围", "")
	case r.FineMaxFen > 0 && r.FineMinFen > r.FineMaxFen:
		ps.add(f+".fineMinFen", "DISCRETION_RANGE_INVERTED", "法定罚款最低额不能高于最高额", "")
	case r.MultipleMinPct > r.MultipleMaxPct:
		ps.add(f+".multipleMinPct", "DISCRETION_RANGE_INVERTED", "法定最低倍数不能高于最高倍数", "")
	case r.HasMultiple() && !knownBase(r.MultipleBase):
		ps.add(f+".multipleBase", "DISCRETION_STANDARD_INVALID", "倍数罚款的计算基数应为"+strings.Join(Bases, "、")+"之一", "")
	case !r.HasFine():
		ps.add(f, "DISCRETION_PROVISION_INVALID", "处罚条款须写明法定罚款幅度（金额或倍数）", "")
	}
	if !r.HasMultiple() {
		r.MultipleBase = ""
	}
}

func (c *Content) checkTier(i int, ps *problems) {
	t := &c.Tiers[i]
	f := "tiers[" + strconv.Itoa(i) + "]"
	t.Level = Level(strings.TrimSpace(string(t.Level)))
	t.Provision = strings.TrimSpace(t.Provision)
	t.Description = strings.TrimSpace(t.Description)
	if rank(t.Level) < 0 {
		ps.add(f+".level", "DISCRETION_LEVEL_UNKNOWN", "未知裁量阶次："+string(t.Level)+"（可选 no_penalty、mitigated、lighter、general、heavier）", "")
		return
	}
	switch t.Match = strings.TrimSpace(t.Match); t.Match {
	case "":
		t.Match = MatchAll
	case MatchAll, MatchAny:
	default:
		ps.add(f+".match", "DISCRETION_MATCH_INVALID", "条件组合方式应为 all（同时具备）或 any（具备其一）", "")
	}
	if len(c.Provisions) == 0 && t.Provision != "" {
		ps.add(f+".provision", "DISCRETION_PROVISION_UNKNOWN", "未设处罚条款，档次不应指定条款："+t.Provision, "")
	}
	if len(c.Provisions) > 0 && !c.hasProvision(t.Provision) {
		ps.add(f+".provision", "DISCRETION_PROVISION_UNKNOWN", "请为档次选择所属处罚条款（现为“"+t.Provision+"”）", "")
	}
	if utf8.RuneCountInString(t.Description) > MaxDescribeLen {
		ps.add(f+".description", "DISCRETION_TEXT_TOO_LONG", "适用情形说明不能超过500个字", "")
	}
	if t.Conditions == nil {
		t.Conditions = []Condition{}
	}
	checkConditions(f+".conditions", t.Conditions, ps)
	t.Standard.check(f+".standard", t.Level, ps)
	if len(t.Conditions) == 0 {
		switch t.Level {
		case LevelMitigated:
			ps.add(f+".conditions", "DISCRETION_MITIGATION_CONDITION_REQUIRED", "减轻处罚须写明适用条件", ruleMitigation)
		case LevelNoPenalty, LevelLighter, LevelHeavier:
			ps.add(f+".conditions", "DISCRETION_CONDITION_REQUIRED", "“"+LevelName(t.Level)+"”档次须写明适用条件", ruleGuidance)
		}
	}
}

func (c *Content) hasProvision(key string) bool {
	for _, p := range c.Provisions {
		if p.Key == key {
			return true
		}
	}
	return false
}

// checkFallback requires exactly one 一般 tier without conditions per provision: it applies when
// no other tier does.
func (c *Content) checkFallback(g group, ps *problems) {
	n := 0
	for _, i := range g.idx {
		t := c.Tiers[i]
		if t.Level == LevelGeneral && len(t.Conditions) == 0 {
			if n++; n > 1 {
				ps.add("tiers["+strconv.Itoa(i)+"]", "DISCRETION_TIER_UNREACHABLE", "同一处罚条款只能有一个无条件的“一般”档次", "")
			}
		}
	}
	if n == 0 {
		ps.add(g.field, "DISCRETION_GENERAL_REQUIRED", "须设一个无附加条件的“一般”档次，在不具备其他档次情形时适用", ruleGuidance)
	}
}

// checkOrder requires the tiers of one provision to rise with their level without overlapping:
// 减轻 ≤ 从轻 ≤ 一般 ≤ 从重, adjacent tiers touching at most at one amount. Standards of different
// kinds (an amount against a multiple, different units) are not compared.
func (c *Content) checkOrder(g group, ps *problems) {
	for _, a := range g.idx {
		for _, b := range g.idx {
			ta, tb := c.Tiers[a], c.Tiers[b]
			if ta.Level == LevelNoPenalty || rank(ta.Level) >= rank(tb.Level) {
				continue
			}
			sa, sb := ta.Standard, tb.Standard
			msg := ""
			switch {
			case sa.fines() && sb.Kind == StdWarning:
				msg = "仅给予警告，轻于较轻档次的罚款"
			case (sa.Kind == StdFixed || sa.Kind == StdRange) && (sb.Kind == StdFixed || sb.Kind == StdRange):
				if sa.MaxFen > sb.MinFen {
					msg = "的罚款下限" + civil.Fen(sb.MinFen).Yuan() + "低于较轻档次的上限" + civil.Fen(sa.MaxFen).Yuan()
				}
			case sa.multiple() && sb.multiple() && sa.Base == sb.Base:
				if sa.MultipleMaxPct > sb.MultipleMinPct {
					msg = "的最低倍数" + Times(sb.MultipleMinPct, false) + "低于较轻档次的最高倍数" + Times(sa.MultipleMaxPct, false)
				}
			case sa.Kind == StdPerUnit && sb.Kind == StdPerUnit && sa.Unit == sb.Unit:
				if sa.PerUnitMaxFen > sb.PerUnitMinFen {
					msg = "的每" + sb.Unit + "最低额" + civil.Fen(sb.PerUnitMinFen).Yuan() + "低于较轻档次的最高额" + civil.Fen(sa.PerUnitMaxFen).Yuan()
				}
			}
			if msg != "" {
				ps.add("tiers["+strconv.Itoa(b)+"].standard", "DISCRETION_TIER_ORDER",
					"“"+LevelName(tb.Level)+"”档次（tiers["+strconv.Itoa(b)+"]）"+msg+"（“"+LevelName(ta.Level)+"”档次 tiers["+strconv.Itoa(a)+"]），档次之间不得重叠或颠倒",
					ruleGuidance)
			}
		}
	}
}

// precedence is the order in which Evaluate tries tiers: the most severe first, the
// unconditioned 一般 tier last as the fallback.
var precedence = []Level{LevelHeavier, LevelGeneral, LevelLighter, LevelMitigated, LevelNoPenalty}

func precOf(l Level) int {
	for i, x := range precedence {
		if x == l {
			return i
		}
	}
	return len(precedence)
}

// before reports whether Evaluate tries tier a before tier b.
func (c *Content) before(a, b int) bool {
	pa, pb := precOf(c.Tiers[a].Level), precOf(c.Tiers[b].Level)
	return pa < pb || (pa == pb && a < b)
}

// checkReach reports a tier that can never apply because a tier tried before it always holds
// when it does: its conditions include all of an earlier "all" tier's, or one of an earlier "any"
// tier's.
func (c *Content) checkReach(g group, ps *problems) {
	for _, m := range g.idx {
		tm := c.Tiers[m]
		if len(tm.Conditions) == 0 || (tm.Match == MatchAny && len(tm.Conditions) > 1) {
			continue
		}
		for _, s := range g.idx {
			ts := c.Tiers[s]
			if s == m || len(ts.Conditions) == 0 || !c.before(s, m) || !covers(ts, tm) {
				continue
			}
			ps.add("tiers["+strconv.Itoa(m)+"].conditions", "DISCRETION_TIER_UNREACHABLE",
				"具备本档次条件时必然具备先行适用的“"+LevelName(ts.Level)+"”档次（tiers["+strconv.Itoa(s)+"]）的条件，本档次永远不会适用；请调整条件（可使用“不属于”）", "")
			break
		}
	}
}

// covers reports whether s holds whenever m (an "all" tier, or one with a single condition) holds.
func covers(s, m Tier) bool {
	in := func(c Condition) bool {
		for _, x := range m.Conditions {
			if c.equal(x) {
				return true
			}
		}
		return false
	}
	if s.Match == MatchAny {
		for _, c := range s.Conditions {
			if in(c) {
				return true
			}
		}
		return false
	}
	for _, c := range s.Conditions {
		if !in(c) {
			return false
		}
	}
	return true
}

func (c *Content) checkStatute(s Statute, r Rules, ps *problems) {
	sr := s.Range()
	if len(c.Provisions) == 0 && sr.HasFixed() && sr.HasMultiple() {
		ps.add("provisions", "DISCRETION_PROVISION_REQUIRED",
			"法定处罚同时规定了金额罚款和倍数罚款，请分处罚条款写明各自的适用条件和幅度", ruleGuidance)
		return
	}
	bad := false
	for i, p := range c.Provisions {
		if msg := outside(p.Range, sr); msg != "" {
			bad = true
			ps.add("provisions["+strconv.Itoa(i)+"].range", "DISCRETION_PROVISION_OUT_OF_RANGE",
				"处罚条款“"+p.Label+"”的幅度"+msg+"（法定幅度："+s.Describe()+"）", ruleGuidance)
		}
	}
	if bad {
		return
	}
	for gi, g := range c.groups() {
		rng := sr
		if len(c.Provisions) > 0 {
			rng = c.Provisions[gi].Range
		}
		for _, i := range g.idx {
			checkTierRange("tiers["+strconv.Itoa(i)+"].standard", c.Tiers[i], rng, s, ps)
		}
		c.checkRules(g, rng, r, ps)
	}
}

// outside says how a provision's range leaves the statute's, or "" when it lies inside.
func outside(p, s Range) string {
	if p.HasFixed() || p.FineMinFen > 0 {
		if !s.HasFixed() {
			return "以金额表示，而法定处罚没有金额罚款"
		}
		if p.FineMinFen < s.FineMinFen || p.FineMaxFen > s.FineMaxFen || p.FineMinFen > s.FineMaxFen {
			return "超出法定罚款幅度"
		}
	}
	if p.HasMultiple() {
		if !s.HasMultiple() {
			return "以倍数表示，而法定处罚没有倍数罚款"
		}
		if p.MultipleBase != s.MultipleBase {
			return "的计算基数与法定基数（" + s.MultipleBase + "）不同"
		}
		if p.MultipleMinPct < s.MultipleMinPct || p.MultipleMaxPct > s.MultipleMaxPct {
			return "超出法定倍数"
		}
	}
	return ""
}

// Describe says a statutory range in Chinese.
func (r Range) Describe() string {
	var parts []string
	if r.HasMultiple() {
		s := "处" + r.MultipleBase + Times(r.MultipleMinPct, false) + "至" + Times(r.MultipleMaxPct, false) + "的罚款"
		if r.MultipleMinPct == 0 {
			s = "处" + r.MultipleBase + Times(r.MultipleMaxPct, false) + "以下的罚款"
		}
		parts = append(parts, s+capText(r.FineMinFen, r.FineMaxFen))
	} else if r.HasFixed() {
		parts = append(parts, rangeText(r.FineMinFen, r.FineMaxFen))
	}
	if len(parts) == 0 {
		return "无罚款"
	}
	return strings.Join(parts, "；")
}

func checkTierRange(f string, t Tier, r Range, s Statute, ps *problems) {
	std := t.Standard
	name := "“" + LevelName(t.Level) + "”档次"
	oor := func(msg, rule string) {
		ps.add(f, "DISCRETION_TIER_OUT_OF_RANGE", name+msg+"（法定幅度："+r.Describe()+"）", rule)
	}
	if (std.Kind == StdWarning || std.Warning) && !s.allows(PenaltyWarning) {
		oor("给予警告，但法定处罚种类不含警告", ruleGuidance)
	}
	if !std.fines() {
		return
	}
	if !s.allows(PenaltyFine) {
		oor("设定了罚款，但法定处罚种类不含罚款", ruleGuidance)
		return
	}
	mit := t.Level == LevelMitigated
	notApplicable := func(what string) {
		ps.add(f, "DISCRETION_MITIGATION_NOT_APPLICABLE", "法定"+what+"没有最低限度，不适用减轻处罚（可设从轻处罚）", ruleMitigation)
	}
	switch std.Kind {
	case StdFixed, StdRange:
		switch {
		case !r.HasFixed():
			oor("按金额设定罚款，但该处罚条款没有以金额表示的罚款幅度", ruleGuidance)
		case mit && r.FineMinFen == 0:
			notApplicable("罚款")
		case mit && std.MaxFen > r.FineMinFen:
			oor("的罚款"+civil.Fen(std.MaxFen).Yuan()+"高于法定最低额"+civil.Fen(r.FineMinFen).Yuan()+"，减轻处罚不得超出法定最低处罚", ruleMitigation)
		case !mit && (std.MinFen < r.FineMinFen || std.MaxFen > r.FineMaxFen):
			oor("的"+rangeText(std.MinFen, std.MaxFen)+"超出法定幅度", ruleGuidance)
		}
	case StdMultiple, StdPercent:
		switch {
		case !r.HasMultiple():
			oor("按倍数设定罚款，但该处罚条款没有倍数罚款", ruleGuidance)
			return
		case std.Base != r.MultipleBase:
			ps.add(f+".base", "DISCRETION_BASE_MISMATCH", name+"的计算基数（"+std.Base+"）与法定基数（"+r.MultipleBase+"）不同", ruleGuidance)
		case mit && r.MultipleMinPct == 0:
			notApplicable("倍数")
		case mit && std.MultipleMaxPct > r.MultipleMinPct:
			oor("的最高倍数"+Times(std.MultipleMaxPct, false)+"高于法定最低倍数"+Times(r.MultipleMinPct, false)+"，减轻处罚不得超出法定最低处罚", ruleMitigation)
		case !mit && (std.MultipleMinPct < r.MultipleMinPct || std.MultipleMaxPct > r.MultipleMaxPct):
			oor("的倍数"+Times(std.MultipleMinPct, false)+"至"+Times(std.MultipleMaxPct, false)+"超出法定倍数", ruleGuidance)
		}
		checkCapRange(std, r, mit, oor)
	case StdPerUnit:
		switch {
		case !r.HasFixed():
			oor("按单位计算罚款，须有以金额表示的法定幅度加以限定", ruleGuidance)
			return
		case mit && r.FineMinFen == 0:
			notApplicable("罚款")
		}
		checkCapRange(std, r, mit, oor)
	}
}

// checkCapRange keeps the floor and cap of a computed standard inside the statutory amounts.
func checkCapRange(std Standard, r Range, mit bool, oor func(msg, rule string)) {
	if !r.HasFixed() {
		return
	}
	if mit {
		if std.MaxFen > r.FineMinFen || std.MinFen > r.FineMinFen {
			oor("的计算限额高于法定最低额"+civil.Fen(r.FineMinFen).Yuan()+"，减轻处罚不得超出法定最低处罚", ruleMitigation)
		}
		return
	}
	if std.MaxFen > r.FineMaxFen || std.MinFen > r.FineMaxFen || (std.MinFen > 0 && std.MinFen < r.FineMinFen) {
		oor("的计算限额（"+capText(std.MinFen, std.MaxFen)+"）超出法定幅度", ruleGuidance)
	}
}

// checkRules applies the jurisdiction's splitting rules to the tiers of one provision.
func (c *Content) checkRules(g group, r Range, rules Rules, ps *problems) {
	rule := rules.ruleText()
	fixedSpan := !r.HasMultiple() && r.FineMaxFen > r.FineMinFen
	multSpan := r.HasMultiple() && r.MultipleMaxPct > r.MultipleMinPct
	if fixedSpan || multSpan {
		levels := map[Level]bool{}
		for _, i := range g.idx {
			t := c.Tiers[i]
			if t.Standard.Kind != "" && (t.Level == LevelLighter || t.Level == LevelGeneral || t.Level == LevelHeavier) {
				levels[t.Level] = true
			}
		}
		if len(levels) < rules.MinSteps {
			ps.add(g.field, "DISCRETION_TIER_RULE", "罚款幅度应至少划分为"+strconv.Itoa(rules.MinSteps)+"个阶次（从轻、一般、从重），现有"+strconv.Itoa(len(levels))+"个", rule)
		}
	}
	for _, i := range g.idx {
		t := c.Tiers[i]
		f := "tiers[" + strconv.Itoa(i) + "].standard"
		std := t.Standard
		switch {
		case fixedSpan && (std.Kind == StdFixed || std.Kind == StdRange):
			checkSplit(f, t.Level, std.MinFen, std.MaxFen, r.FineMinFen, r.FineMaxFen, rules, rule, yuanText, ps)
		case multSpan && std.multiple():
			times := func(v int64) string { return Times(int(v), false) }
			checkSplit(f, t.Level, int64(std.MultipleMinPct), int64(std.MultipleMaxPct), int64(r.MultipleMinPct), int64(r.MultipleMaxPct), rules, rule, times, ps)
		}
	}
}

// checkSplit checks one tier's [lo, hi] against the splitting rules for a statutory [min, max]:
// with a minimum, 一般 includes the middle; with only a maximum, 从轻 stays under LighterMaxPct of
// it and 一般 within GeneralMinPct–GeneralMaxPct.
func checkSplit(f string, l Level, lo, hi, min, max int64, rules Rules, rule string, say func(int64) string, ps *problems) {
	if min > 0 {
		mid := (min + max) / 2
		if l == LevelGeneral && (lo > mid || hi < mid) {
			ps.add(f, "DISCRETION_TIER_RULE", "“一般”档次应包含法定幅度的中间值"+say(mid)+"（现为"+say(lo)+"至"+say(hi)+"）", rule)
		}
		return
	}
	switch l {
	case LevelLighter:
		if top := max * int64(rules.LighterMaxPct) / 100; hi > top {
			ps.add(f, "DISCRETION_TIER_RULE", "法定只规定最高额的，“从轻处罚”不应超过最高额的"+strconv.Itoa(rules.LighterMaxPct)+"%（"+say(top)+"），现为"+say(hi), rule)
		}
	case LevelGeneral:
		bottom, top := max*int64(rules.GeneralMinPct)/100, max*int64(rules.GeneralMaxPct)/100
		if lo < bottom || hi > top {
			ps.add(f, "DISCRETION_TIER_RULE", "法定只规定最高额的，“一般”档次应在最高额的"+strconv.Itoa(rules.GeneralMinPct)+"%至"+
				strconv.Itoa(rules.GeneralMaxPct)+"%之间（"+say(bottom)+"至"+say(top)+"），现为"+say(lo)+"至"+say(hi), rule)
		}
	}
}
