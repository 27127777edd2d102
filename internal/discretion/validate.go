package discretion

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/civil"
)

// Limits on one benchmark.
const (
	MaxProvisions      = 10
	MaxTiers           = 50
	MaxNoPenalty       = 20
	MaxLabelLen        = 100
	MaxDescribeLen     = 500
	MaxPreconditionLen = 200
)

// Validate checks a benchmark's content and normalises it in place: first its structure (known
// levels, labels, party types, kinds, bases and conditions, amounts not negative, ranges not
// inverted, 减轻 with a stated condition, a fallback rule per provision and party type, no rule
// that can never apply, no precondition repeated as a condition, no-penalty entries no weaker
// than 行政处罚法 第三十三条), then, when the structure is sound, against the statute (every tier
// inside the statutory range and in its unit, measures the law provides, 减轻 never above the
// statutory minimum; 国办发〔2022〕27号) and the jurisdiction's splitting checks (midpoint, steps,
// maximum-only percentages, order), each off, a warning or an error as the jurisdiction sets it.
// Every error is reported in one error, the first giving its code, field and rule; the warnings
// are returned.
func Validate(c *Content, s Statute, r Rules) ([]Problem, error) {
	var ps problems
	c.check(&ps, r)
	if ps.first == nil {
		c.checkStatute(s, r, &ps)
		c.checkConsistency(r, &ps)
	}
	return ps.warnings, ps.err()
}

// checkConsistency checks the tiers of each provision against each other: a fallback rule for
// every party type, rising amounts, no rule that can never apply.
func (c *Content) checkConsistency(r Rules, ps *problems) {
	for _, g := range c.groups() {
		c.checkReach(g, ps)
	}
	for _, v := range c.views() {
		c.checkFallback(v, ps)
		c.checkOrder(v, r, ps)
	}
}

// group is the tiers under one provision (or all tiers when there are no provisions), and within
// it, when rules are limited to party types, the view of one party type: the rules that apply to
// it.
type group struct {
	key   string
	field string // where to report problems of the group as a whole
	idx   []int
	party string // the party type of a view, "" for all
}

// who names the party type of a view in a message: "（个人）".
func (g group) who() string {
	if g.party == "" {
		return ""
	}
	return "（" + PartyTypeName(g.party) + "）"
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

// partyViews are the party types the rules distinguish: none when no rule names one, else each
// type some rule names.
func (c *Content) partyViews() []string {
	seen := map[string]bool{}
	for _, t := range c.Tiers {
		for _, p := range t.PartyTypes {
			seen[p] = true
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

// views splits each group by party type when rules are limited to party types: the rules that
// apply to a natural person form one view, those for a legal person another. A party type no rule
// of a provision applies to has no view there (evaluating for it is refused).
func (c *Content) views() []group {
	parties := c.partyViews()
	if len(parties) == 0 {
		return c.groups()
	}
	var out []group
	for _, g := range c.groups() {
		for _, p := range parties {
			v := group{key: g.key, field: g.field, party: p}
			for _, i := range g.idx {
				if appliesTo(c.Tiers[i].PartyTypes, p) {
					v.idx = append(v.idx, i)
				}
			}
			if len(v.idx) > 0 {
				out = append(out, v)
			}
		}
	}
	return out
}

func (c *Content) check(ps *problems, r Rules) {
	if c.Provisions == nil {
		c.Provisions = []Provision{}
	}
	if c.Tiers == nil {
		c.Tiers = []Tier{}
	}
	if c.NoPenalty == nil {
		c.NoPenalty = []NoPenaltyEntry{}
	}
	c.checkPrecondition(ps)
	c.checkProvisions(ps, r.Bases)
	switch {
	case len(c.Tiers) == 0:
		ps.add("tiers", "DISCRETION_TIERS_REQUIRED", "裁量基准至少应有一个裁量阶次", ruleGuidance)
	case len(c.Tiers) > MaxTiers:
		ps.add("tiers", "DISCRETION_TOO_MANY", "裁量阶次不能超过50个", "")
		return
	}
	for i := range c.Tiers {
		c.checkTier(i, r, ps)
	}
	if len(c.NoPenalty) > MaxNoPenalty {
		ps.add("noPenalty", "DISCRETION_TOO_MANY", "不予处罚清单每个事项不能超过20条", "")
	} else {
		for i := range c.NoPenalty {
			c.NoPenalty[i].check("noPenalty["+strconv.Itoa(i)+"]", r.Bases, ps)
		}
	}
	c.checkPreconditionNotCondition(ps)
}

// checkPrecondition normalises the precondition of the violation.
func (c *Content) checkPrecondition(ps *problems) {
	p := c.Precondition
	if p == nil {
		return
	}
	p.Kind, p.Text = strings.TrimSpace(p.Kind), strings.TrimSpace(p.Text)
	if p.Kind == "" {
		p.Kind = PreconditionOrderIgnored
	}
	if p.Kind != PreconditionOrderIgnored {
		ps.add("precondition.kind", "DISCRETION_PRECONDITION_INVALID", "未知的违法行为要件："+p.Kind+"（可选 order_ignored 经责令改正拒不改正）", "")
	}
	if p.Text == "" {
		p.Text = "经责令改正，拒不改正的"
	}
	if utf8.RuneCountInString(p.Text) > MaxPreconditionLen {
		ps.add("precondition.text", "DISCRETION_TEXT_TOO_LONG", "违法行为要件的表述不能超过200个字", "")
	}
}

// checkPreconditionNotCondition refuses refusal to correct as a condition where it is already an
// element of the violation: it always holds for such an item, so a rule or provision keyed on it
// either always or never applies.
func (c *Content) checkPreconditionNotCondition(ps *problems) {
	if c.Precondition == nil {
		return
	}
	scan := func(field string, cs []Condition) {
		for i, cd := range cs {
			if cd.Kind == CondRefusedCorrection {
				ps.add(field+"["+strconv.Itoa(i)+"]", "DISCRETION_PRECONDITION_AS_CONDITION",
					"“"+c.Precondition.Text+"”是本事项违法行为的要件，已在适用前确认，不能再作为条件", rulePrecondition)
			}
		}
	}
	for i, p := range c.Provisions {
		scan("provisions["+strconv.Itoa(i)+"].when", p.When)
	}
	for i, t := range c.Tiers {
		scan("tiers["+strconv.Itoa(i)+"].conditions", t.Conditions)
	}
	for i, e := range c.NoPenalty {
		scan("noPenalty["+strconv.Itoa(i)+"].conditions", e.Conditions)
	}
}

func (c *Content) checkProvisions(ps *problems, bases []string) {
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
		checkConditions(f+".when", p.When, bases, ps)
		checkRange(f+".range", &p.Range, bases, ps)
		if i > 0 && len(c.Provisions[i-1].When) == 0 {
			ps.add(f, "DISCRETION_PROVISION_UNREACHABLE", "前一处罚条款没有适用条件，总是适用，本条款永远不会适用", "")
		}
	}
}

func checkRange(f string, r *Range, bases []string, ps *problems) {
	r.MultipleBase, r.Unit = strings.TrimSpace(r.MultipleBase), strings.TrimSpace(r.Unit)
	switch {
	case r.FineMinFen < 0 || r.FineMaxFen < 0 || r.MultipleMinPct < 0 || r.MultipleMaxPct < 0 || r.PerUnitMinFen < 0 || r.PerUnitMaxFen < 0:
		ps.add(f, "DISCRETION_AMOUNT_NEGATIVE", "法定幅度不能为负数", "")
	case r.FineMaxFen > MaxAmountFen || r.FineMinFen > MaxAmountFen || r.MultipleMaxPct > MaxMultiplePct || r.PerUnitMaxFen > MaxRateFen:
		ps.add(f, "DISCRETION_AMOUNT_TOO_LARGE", "法定幅度超出可登记的范围", "")
	case r.FineMaxFen > 0 && r.FineMinFen > r.FineMaxFen:
		ps.add(f+".fineMinFen", "DISCRETION_RANGE_INVERTED", "法定罚款最低额不能高于最高额", "")
	case r.MultipleMinPct > r.MultipleMaxPct:
		ps.add(f+".multipleMinPct", "DISCRETION_RANGE_INVERTED", "法定最低倍数不能高于最高倍数", "")
	case r.PerUnitMinFen > r.PerUnitMaxFen:
		ps.add(f+".perUnitMinFen", "DISCRETION_RANGE_INVERTED", "法定每单位最低额不能高于最高额", "")
	case r.Unit != "" && (r.PerUnitMaxFen == 0 || utf8.RuneCountInString(r.Unit) > MaxUnitLen):
		ps.add(f+".perUnitMaxFen", "DISCRETION_PROVISION_INVALID", "按单位计算的法定幅度须写明计量单位（不超过20个字）和每单位最高额", "")
	case r.HasPerUnit() && r.HasMultiple():
		ps.add(f, "DISCRETION_PROVISION_INVALID", "一个处罚条款不能既按单位又按倍数计算罚款，请分为两个处罚条款", "")
	case r.HasMultiple() && !slices.Contains(bases, r.MultipleBase):
		ps.add(f+".multipleBase", "DISCRETION_BASE_UNKNOWN", "计算基数“"+r.MultipleBase+"”不在本辖区的计算基数目录中（"+strings.Join(bases, "、")+"）", ruleBases)
	case !r.HasFine():
		ps.add(f, "DISCRETION_PROVISION_INVALID", "处罚条款须写明法定罚款幅度（金额、倍数或每单位金额）", "")
	}
	if !r.HasMultiple() {
		r.MultipleBase = ""
	}
	if r.Unit == "" {
		r.PerUnitMinFen, r.PerUnitMaxFen = 0, 0
	}
}

func (c *Content) checkTier(i int, r Rules, ps *problems) {
	t := &c.Tiers[i]
	f := "tiers[" + strconv.Itoa(i) + "]"
	t.Level = Level(strings.TrimSpace(string(t.Level)))
	t.Label = strings.TrimSpace(t.Label)
	t.Provision = strings.TrimSpace(t.Provision)
	t.Description = strings.TrimSpace(t.Description)
	if rank(t.Level) < 0 {
		ps.add(f+".level", "DISCRETION_LEVEL_UNKNOWN", "未知裁量阶次："+string(t.Level)+"（可选 no_penalty、mitigated、lighter、general、heavier）", "")
		return
	}
	if t.Label != "" && !slices.Contains(r.Labels, t.Label) {
		ps.add(f+".label", "DISCRETION_LABEL_UNKNOWN", "情节名称“"+t.Label+"”不在本辖区的裁量情节用语中（"+strings.Join(r.Labels, "、")+"）",
			ruleLabels+"："+r.LabelsSource)
	}
	t.PartyTypes = checkParties(f+".partyTypes", t.PartyTypes, ps)
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
	checkConditions(f+".conditions", t.Conditions, r.Bases, ps)
	t.Standard.check(f+".standard", t.Level, r.Bases, ps)
	if len(t.Conditions) == 0 {
		switch t.Level {
		case LevelMitigated:
			ps.add(f+".conditions", "DISCRETION_MITIGATION_CONDITION_REQUIRED", "减轻处罚须写明适用条件", ruleMitigation)
		case LevelNoPenalty:
			ps.add(f+".conditions", "DISCRETION_CONDITION_REQUIRED", "“"+LevelName(t.Level)+"”档次须写明适用条件", ruleNoPenalty)
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

// fallback reports a rule without conditions: it applies when no other rule does.
func fallback(t Tier) bool {
	return len(t.Conditions) == 0 && t.Level != LevelNoPenalty && t.Level != LevelMitigated
}

// checkFallback requires exactly one rule without conditions per provision and party type: it
// applies when no other rule does. It is usually 一般; where a standard's first offence is the
// ordinary case and the second is 一般, it may be 从轻.
func (c *Content) checkFallback(g group, ps *problems) {
	n := 0
	for _, i := range g.idx {
		if fallback(c.Tiers[i]) {
			if n++; n > 1 {
				ps.add("tiers["+strconv.Itoa(i)+"]", "DISCRETION_TIER_UNREACHABLE", "同一处罚条款"+g.who()+"只能有一个无附加条件的兜底档次", "")
			}
		}
	}
	if n == 0 {
		ps.add(g.field, "DISCRETION_GENERAL_REQUIRED", "须设一个无附加条件的兜底档次（通常为“一般”）"+g.who()+"，在不具备其他档次情形时适用", ruleGuidance)
	}
}

// checkOrder requires the rules of one provision and party type to rise with their level without
// overlapping: 减轻 ≤ 从轻 ≤ 一般 ≤ 从重, adjacent rules touching at most at one amount; rules of the
// same level (sub-bands) are not compared with each other, nor standards of different kinds (an
// amount against a multiple, different units). The jurisdiction's OrderCheck decides whether a
// problem is an error, a warning or nothing.
func (c *Content) checkOrder(g group, r Rules, ps *problems) {
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
				ps.by(r.OrderCheck, "tiers["+strconv.Itoa(b)+"].standard", "DISCRETION_TIER_ORDER",
					"“"+tb.name()+"”档次（tiers["+strconv.Itoa(b)+"]）"+g.who()+msg+"（“"+ta.name()+"”档次 tiers["+strconv.Itoa(a)+
						"]），档次之间不得重叠或颠倒（"+r.sourceText()+"）", r.ruleText())
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

// checkReach reports a rule that can never apply because a rule tried before it always holds when
// it does, for every party it is for: its conditions imply all of an earlier "all" rule's, or one
// of an earlier "any" rule's (a third offence implies "two or more").
func (c *Content) checkReach(g group, ps *problems) {
	for _, m := range g.idx {
		tm := c.Tiers[m]
		if len(tm.Conditions) == 0 || (tm.Match == MatchAny && len(tm.Conditions) > 1) {
			continue
		}
		for _, s := range g.idx {
			ts := c.Tiers[s]
			if s == m || len(ts.Conditions) == 0 || !c.before(s, m) || !covers(ts, tm) || !partiesCover(ts.PartyTypes, tm.PartyTypes) {
				continue
			}
			ps.add("tiers["+strconv.Itoa(m)+"].conditions", "DISCRETION_TIER_UNREACHABLE",
				"具备本档次条件时必然具备先行适用的“"+ts.name()+"”档次（tiers["+strconv.Itoa(s)+"]）的条件，本档次永远不会适用；请调整条件（可使用“不属于”，或把次数多的档次排在前面）", "")
			break
		}
	}
}

// covers reports whether s holds whenever m (an "all" tier, or one with a single condition) holds.
func covers(s, m Tier) bool {
	in := func(c Condition) bool {
		for _, x := range m.Conditions {
			if c.impliedBy(x) {
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
		if code, msg := outside(p.Range, sr); msg != "" {
			bad = true
			ps.add("provisions["+strconv.Itoa(i)+"].range", code, "处罚条款“"+p.Label+"”的幅度"+msg+"（法定幅度："+s.Describe()+"）", ruleGuidance)
		}
	}
	if bad {
		return
	}
	ranges := map[string]Range{"": sr}
	for _, p := range c.Provisions {
		ranges[p.Key] = p.Range
	}
	for _, g := range c.groups() {
		for _, i := range g.idx {
			checkTierRange("tiers["+strconv.Itoa(i)+"].standard", c.Tiers[i], ranges[g.key], s, ps)
		}
	}
	for _, v := range c.views() {
		c.checkRules(v, ranges[v.key], r, ps)
	}
}

// outside says how a provision's range leaves the statute's, or "" when it lies inside, with the
// code to report it under.
func outside(p, s Range) (string, string) {
	const oor = "DISCRETION_PROVISION_OUT_OF_RANGE"
	if p.HasPerUnit() {
		switch {
		case !s.HasPerUnit():
			return oor, "按每" + p.Unit + "计算，而法定处罚不按单位计算"
		case p.Unit != s.Unit:
			return "DISCRETION_UNIT_MISMATCH", "按每" + p.Unit + "计算，而法定罚款按每" + s.Unit + "计算，计量单位应一致"
		case p.PerUnitMinFen < s.PerUnitMinFen || p.PerUnitMaxFen > s.PerUnitMaxFen:
			return oor, "超出法定的每" + s.Unit + "金额"
		case s.FineMaxFen > 0 && (p.FineMaxFen == 0 || p.FineMaxFen > s.FineMaxFen):
			return oor, "超出法定的最高总额"
		}
		return "", ""
	}
	if p.HasFixed() || p.FineMinFen > 0 {
		if !s.HasFixed() {
			return oor, "以金额表示，而法定处罚没有金额罚款"
		}
		if p.FineMinFen < s.FineMinFen || p.FineMaxFen > s.FineMaxFen || p.FineMinFen > s.FineMaxFen {
			return oor, "超出法定罚款幅度"
		}
	}
	if p.HasMultiple() {
		if !s.HasMultiple() {
			return oor, "以倍数表示，而法定处罚没有倍数罚款"
		}
		if p.MultipleBase != s.MultipleBase {
			return "DISCRETION_BASE_MISMATCH", "的计算基数与法定基数（" + s.MultipleBase + "）不同"
		}
		if p.MultipleMinPct < s.MultipleMinPct || p.MultipleMaxPct > s.MultipleMaxPct {
			return oor, "超出法定倍数"
		}
	}
	return "", ""
}

// Describe says a statutory range in Chinese.
func (r Range) Describe() string {
	switch {
	case r.HasPerUnit():
		s := "按每" + r.Unit + spanText(yuanText(r.PerUnitMinFen), yuanText(r.PerUnitMaxFen)) + "罚款"
		if r.PerUnitMinFen == 0 {
			s = "按每" + r.Unit + yuanText(r.PerUnitMaxFen) + "以下罚款"
		}
		return s + capText(r.FineMinFen, r.FineMaxFen)
	case r.HasMultiple():
		s := "处" + r.MultipleBase + Times(r.MultipleMinPct, false) + "至" + Times(r.MultipleMaxPct, false) + "的罚款"
		if r.MultipleMinPct == 0 {
			s = "处" + r.MultipleBase + Times(r.MultipleMaxPct, false) + "以下的罚款"
		}
		return s + capText(r.FineMinFen, r.FineMaxFen)
	case r.HasFixed():
		return rangeText(r.FineMinFen, r.FineMaxFen)
	}
	return "无罚款"
}

func checkTierRange(f string, t Tier, r Range, s Statute, ps *problems) {
	std := t.Standard
	name := "“" + t.name() + "”档次"
	oor := func(msg, rule string) {
		ps.add(f, "DISCRETION_TIER_OUT_OF_RANGE", name+msg+"（法定幅度："+r.Describe()+"）", rule)
	}
	for j, m := range std.Measures {
		if !s.provides(m) {
			ps.add(f+".measures["+strconv.Itoa(j)+"]", "DISCRETION_MEASURE_NOT_PROVIDED",
				name+"的并处措施“"+m.Describe()+"”不在该事项的法定处罚种类（"+strings.Join(s.PenaltyKinds, "、")+"）中", ruleLegality)
		}
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
	if r.HasPerUnit() {
		checkPerUnitStatute(f, name, t, r, ps, oor, notApplicable)
		return
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

// checkPerUnitStatute checks a tier against a statute that fines per unit: a per-unit standard in
// the statute's unit, its rates inside the statutory rates (减轻: at or below the statutory
// minimum rate) and its floor and cap inside the statutory total, if any.
func checkPerUnitStatute(f, name string, t Tier, r Range, ps *problems, oor func(msg, rule string), notApplicable func(string)) {
	std := t.Standard
	mit := t.Level == LevelMitigated
	switch std.Kind {
	case StdPerUnit:
	case StdMultiple, StdPercent:
		oor("按倍数设定罚款，但法定罚款按每"+r.Unit+"计算", ruleGuidance)
		return
	default:
		ps.add(f+".kind", "DISCRETION_UNIT_REQUIRED", name+"按总额设定罚款，但法定罚款按每"+r.Unit+"计算，请按每"+r.Unit+"写明金额", ruleGuidance)
		return
	}
	switch {
	case std.Unit != r.Unit:
		ps.add(f+".unit", "DISCRETION_UNIT_MISMATCH", name+"按每"+std.Unit+"计算，而法定罚款按每"+r.Unit+"计算，计量单位应一致", ruleGuidance)
		return
	case mit && r.PerUnitMinFen == 0:
		notApplicable("每" + r.Unit + "罚款")
	case mit && std.PerUnitMaxFen > r.PerUnitMinFen:
		oor("的每"+r.Unit+"金额"+yuanText(std.PerUnitMaxFen)+"高于法定最低额"+yuanText(r.PerUnitMinFen)+"，减轻处罚不得超出法定最低处罚", ruleMitigation)
	case !mit && (std.PerUnitMinFen < r.PerUnitMinFen || std.PerUnitMaxFen > r.PerUnitMaxFen):
		oor("的每"+r.Unit+spanText(yuanText(std.PerUnitMinFen), yuanText(std.PerUnitMaxFen))+"超出法定幅度", ruleGuidance)
	}
	if r.FineMaxFen > 0 && std.MaxFen > r.FineMaxFen || !mit && std.MinFen > 0 && std.MinFen < r.FineMinFen {
		oor("的计算限额（"+capText(std.MinFen, std.MaxFen)+"）超出法定幅度", ruleGuidance)
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

// checkRules applies the jurisdiction's splitting checks to the rules of one provision and party
// type, each as its mode says: the number of steps, the midpoint, the percentages of a
// maximum-only fine, for amounts, multiples and per-unit rates alike.
func (c *Content) checkRules(g group, r Range, rules Rules, ps *problems) {
	fixedSpan := r.HasFixed() && !r.HasMultiple() && r.FineMaxFen > r.FineMinFen
	multSpan := r.HasMultiple() && r.MultipleMaxPct > r.MultipleMinPct
	unitSpan := r.HasPerUnit() && r.PerUnitMaxFen > r.PerUnitMinFen
	if fixedSpan || multSpan || unitSpan {
		levels := map[Level]bool{}
		for _, i := range g.idx {
			t := c.Tiers[i]
			if t.Standard.Kind != "" && (t.Level == LevelLighter || t.Level == LevelGeneral || t.Level == LevelHeavier) {
				levels[t.Level] = true
			}
		}
		if len(levels) < rules.MinSteps {
			ps.by(rules.MinStepsCheck, g.field, "DISCRETION_TIER_RULE", "罚款幅度"+g.who()+"应至少划分为"+strconv.Itoa(rules.MinSteps)+
				"个阶次（从轻、一般、从重），现有"+strconv.Itoa(len(levels))+"个（"+rules.sourceText()+"）", rules.ruleText())
		}
	}
	for _, i := range g.idx {
		t := c.Tiers[i]
		f := "tiers[" + strconv.Itoa(i) + "].standard"
		std := t.Standard
		switch {
		case fixedSpan && (std.Kind == StdFixed || std.Kind == StdRange):
			checkSplit(f, t, std.MinFen, std.MaxFen, r.FineMinFen, r.FineMaxFen, rules, yuanText, ps)
		case multSpan && std.multiple():
			times := func(v int64) string { return Times(int(v), false) }
			checkSplit(f, t, int64(std.MultipleMinPct), int64(std.MultipleMaxPct), int64(r.MultipleMinPct), int64(r.MultipleMaxPct), rules, times, ps)
		case unitSpan && std.Kind == StdPerUnit && std.Unit == r.Unit:
			perUnitText := func(v int64) string { return "每" + r.Unit + yuanText(v) }
			checkSplit(f, t, std.PerUnitMinFen, std.PerUnitMaxFen, r.PerUnitMinFen, r.PerUnitMaxFen, rules, perUnitText, ps)
		}
	}
}

// checkSplit checks one rule's [lo, hi] against the splitting checks for a statutory [min, max]:
// with a minimum, 一般 includes the middle (Midpoint); with only a maximum, 从轻 stays under
// LighterMaxPct of it and 一般 within GeneralMinPct–GeneralMaxPct (MaxOnlyCheck).
func checkSplit(f string, t Tier, lo, hi, min, max int64, rules Rules, say func(int64) string, ps *problems) {
	src, rule := rules.sourceText(), rules.ruleText()
	if min > 0 {
		mid := (min + max) / 2
		if t.Level == LevelGeneral && (lo > mid || hi < mid) {
			ps.by(rules.Midpoint, f, "DISCRETION_TIER_RULE", "“"+t.name()+"”档次应包含法定幅度的中间值"+say(mid)+"（现为"+spanText(say(lo), say(hi))+
				"；"+src+"）", rule)
		}
		return
	}
	switch t.Level {
	case LevelLighter:
		if top := max * int64(rules.LighterMaxPct) / 100; hi > top {
			ps.by(rules.MaxOnlyCheck, f, "DISCRETION_TIER_RULE", "法定只规定最高额的，“"+t.name()+"”不应超过最高额的"+strconv.Itoa(rules.LighterMaxPct)+
				"%（"+say(top)+"），现为"+say(hi)+"（"+src+"）", rule)
		}
	case LevelGeneral:
		bottom, top := max*int64(rules.GeneralMinPct)/100, max*int64(rules.GeneralMaxPct)/100
		if lo < bottom || hi > top {
			ps.by(rules.MaxOnlyCheck, f, "DISCRETION_TIER_RULE", "法定只规定最高额的，“"+t.name()+"”档次应在最高额的"+strconv.Itoa(rules.GeneralMinPct)+"%至"+
				strconv.Itoa(rules.GeneralMaxPct)+"%之间（"+say(bottom)+"至"+say(top)+"），现为"+spanText(say(lo), say(hi))+"（"+src+"）", rule)
		}
	}
}
