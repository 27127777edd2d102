package discretion

// Proposal is a starting set of tiers for a statute, split by a jurisdiction's rules (the
// console's "按规则生成档次"). The author adjusts the conditions and amounts before saving.
type Proposal struct {
	Statute Statute `json:"statute"`
	Rules   Rules   `json:"rules"`
	Content
	Notes []string `json:"notes"`
}

// Propose splits the statutory range of s into 从轻、一般、从重 by the rules r:
//   - a fine between a minimum and a maximum: steps at RangeLowPct and RangeHighPct of the span,
//     so that 一般 holds the middle;
//   - a fine with only a maximum ("N元以下"): 从轻 up to LighterMaxPct of it (a warning instead
//     when the law allows one), 一般 from GeneralMinPct to GeneralMaxPct, 从重 above;
//   - multiples of illegal gains or goods value: the same split of the multiples;
//   - a fixed fine: one 一般 tier; a warning only: one 一般 warning tier.
//
// Amounts are rounded to about a hundredth of the span (whole yuan at least), multiples to a
// tenth. When the law sets both an amount and a multiple, one provision is proposed for each and
// the author states when each applies. A 首违不罚 entry with the statutory conditions of 行政处罚法
// 第三十三条 is proposed as well.
func Propose(s Statute, r Rules) Proposal {
	p := Proposal{Statute: s, Rules: r, Notes: []string{},
		Content: Content{Provisions: []Provision{}, Tiers: []Tier{}, NoPenalty: []NoPenaltyEntry{firstOffenceEntry()}}}
	sr := s.Range()
	warn := s.allows(PenaltyWarning)
	switch {
	case sr.HasFixed() && sr.HasMultiple():
		amount := Range{FineMinFen: sr.FineMinFen, FineMaxFen: sr.FineMaxFen}
		mult := Range{MultipleMinPct: sr.MultipleMinPct, MultipleMaxPct: sr.MultipleMaxPct, MultipleBase: sr.MultipleBase}
		p.Provisions = []Provision{
			{Key: "amount", Label: "按金额罚款（" + amount.Describe() + "）", When: []Condition{}, Range: amount},
			{Key: "multiple", Label: "按" + sr.MultipleBase + "倍数罚款（" + mult.Describe() + "）", When: []Condition{}, Range: mult},
		}
		p.Tiers = append(splitAmount(amount, r, warn, "amount"), splitMultiple(mult, r, "multiple")...)
		p.Notes = append(p.Notes, "法定处罚同时规定了金额罚款和倍数罚款：请为各处罚条款填写适用条件（如货值金额不足一万元的、一万元以上的），否则后一条款不会适用")
	case sr.HasPerUnit():
		p.Tiers = splitPerUnit(sr, r)
		p.Notes = append(p.Notes, "法定罚款按每"+sr.Unit+"计算：各档次按每"+sr.Unit+"的金额设定，裁量计算时以数量乘以每"+sr.Unit+"金额"+
			map[bool]string{true: "，总额不超过" + yuanText(sr.FineMaxFen), false: "，法律未规定总额上限"}[sr.FineMaxFen > 0])
	case sr.HasMultiple():
		p.Tiers = splitMultiple(sr, r, "")
	case sr.HasFixed():
		p.Tiers = splitAmount(sr, r, warn, "")
	case warn:
		p.Tiers = []Tier{{Level: LevelGeneral, Conditions: []Condition{}, Standard: Standard{Kind: StdWarning, Measures: []Measure{}}}}
		p.Notes = append(p.Notes, "法定处罚只有警告，无需按金额分档")
	default:
		p.Notes = append(p.Notes, "法定处罚不含警告或罚款，无需按金额分档；请按处罚种类写明各档次的适用条件")
	}
	var others []string
	for _, k := range s.PenaltyKinds {
		if k != PenaltyWarning && k != PenaltyFine {
			others = append(others, k)
		}
	}
	if len(others) > 0 {
		p.Notes = append(p.Notes, "法定处罚种类还包括"+joinCN(others)+"，请在相应档次的并处措施中写明")
	}
	return p
}

func joinCN(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += "、"
		}
		s += x
	}
	return s
}

// lighterConditions are the usual conditions of 从轻: a first offence, promptly corrected.
func lighterConditions() []Condition {
	return []Condition{firstOffence(), {Kind: CondCorrectedPromptly}}
}

// heavierConditions are the usual conditions of 从重, any one of which suffices: a prior penalty
// for the same violation within a year, refusal to correct, obstructing officers, serious
// consequences.
func heavierConditions() []Condition {
	return []Condition{priorAtLeast(1), {Kind: CondRefusedCorrection}, {Kind: CondThreatenedStaff}, {Kind: CondSeriousConsequences}}
}

func firstOffenceEntry() NoPenaltyEntry {
	return NoPenaltyEntry{Kind: NoPenaltyFirst, Education: DefaultEducation, Basis: "行政处罚法 第三十三条第一款",
		Conditions: []Condition{firstOffence(), {Kind: CondHarm, Harm: []string{HarmNone, HarmMinor}}, {Kind: CondCorrectedPromptly}}}
}

// steps builds the three tiers from a lighter standard, a general one and a heavier one.
func steps(key string, lighter, general, heavier Standard) []Tier {
	return []Tier{
		{Level: LevelLighter, Provision: key, Match: MatchAll, Conditions: lighterConditions(), Standard: lighter,
			Description: "初次违法且及时改正的"},
		{Level: LevelGeneral, Provision: key, Match: MatchAll, Conditions: []Condition{}, Standard: general,
			Description: "不具有从轻、从重情形的"},
		{Level: LevelHeavier, Provision: key, Match: MatchAny, Conditions: heavierConditions(), Standard: heavier,
			Description: "一年内再次违法、拒不改正、阻碍执法或者造成严重后果的"},
	}
}

func rangeStd(lo, hi int64) Standard {
	return Standard{Kind: StdRange, MinFen: lo, MaxFen: hi, Measures: []Measure{}}
}

func splitAmount(r Range, rules Rules, warn bool, key string) []Tier {
	lo, hi := r.FineMinFen, r.FineMaxFen
	if lo == hi {
		return []Tier{{Level: LevelGeneral, Provision: key, Match: MatchAll, Conditions: []Condition{},
			Standard: Standard{Kind: StdFixed, MinFen: lo, MaxFen: hi, Measures: []Measure{}}}}
	}
	if lo > 0 {
		b1, b2 := split(lo, hi, rules, niceStep(hi-lo))
		return steps(key, rangeStd(lo, b1), rangeStd(b1, b2), rangeStd(b2, hi))
	}
	b1, _ := split(0, hi, rules, niceStep(hi))
	lighter := rangeStd(0, b1)
	if warn || b1 == 0 {
		lighter = Standard{Kind: StdWarning, Measures: []Measure{}}
	}
	g1, g2 := maxOnlyGeneral(hi, rules, niceStep(hi))
	return steps(key, lighter, rangeStd(g1, g2), rangeStd(g2, hi))
}

func splitMultiple(r Range, rules Rules, key string) []Tier {
	lo, hi := int64(r.MultipleMinPct), int64(r.MultipleMaxPct)
	kind := StdMultiple
	if hi < 100 {
		kind = StdPercent
	}
	std := func(a, b int64) Standard {
		return Standard{Kind: kind, MultipleMinPct: int(a), MultipleMaxPct: int(b), Base: r.MultipleBase, Measures: []Measure{}}
	}
	if lo == hi {
		return []Tier{{Level: LevelGeneral, Provision: key, Match: MatchAll, Conditions: []Condition{}, Standard: std(lo, hi)}}
	}
	step := int64(10)
	if hi-lo < 30 {
		step = 1
	}
	if lo > 0 {
		b1, b2 := split(lo, hi, rules, step)
		return steps(key, std(lo, b1), std(b1, b2), std(b2, hi))
	}
	b1, _ := split(0, hi, rules, step)
	g1, g2 := maxOnlyGeneral(hi, rules, step)
	return steps(key, std(0, b1), std(g1, g2), std(g2, hi))
}

// splitPerUnit splits a per-unit range like an amount range, rate by rate: "每处五千元以上二万元以
// 下" gives 从轻、一般、从重 per facility; one rate ("每平方米一千元") gives one 一般 tier.
func splitPerUnit(r Range, rules Rules) []Tier {
	std := func(a, b int64) Standard {
		return Standard{Kind: StdPerUnit, Unit: r.Unit, PerUnitMinFen: a, PerUnitMaxFen: b, Measures: []Measure{}}
	}
	lo, hi := r.PerUnitMinFen, r.PerUnitMaxFen
	if lo == hi {
		return []Tier{{Level: LevelGeneral, Match: MatchAll, Conditions: []Condition{}, Standard: std(lo, hi)}}
	}
	if lo > 0 {
		b1, b2 := split(lo, hi, rules, niceStep(hi-lo))
		return steps("", std(lo, b1), std(b1, b2), std(b2, hi))
	}
	b1, _ := split(0, hi, rules, niceStep(hi))
	g1, g2 := maxOnlyGeneral(hi, rules, niceStep(hi))
	return steps("", std(0, b1), std(g1, g2), std(g2, hi))
}

// split returns the two steps inside [lo, hi]. With a minimum they sit at RangeLowPct and
// RangeHighPct of the span, kept either side of the middle; with only a maximum the first is
// the cap of 从轻 (LighterMaxPct, rounded down).
func split(lo, hi int64, r Rules, step int64) (int64, int64) {
	span := hi - lo
	if lo == 0 {
		return hi * int64(r.LighterMaxPct) / 100 / step * step, 0
	}
	mid := (lo + hi) / 2
	b1 := min(roundTo(lo+span*int64(r.RangeLowPct)/100, step), mid)
	b2 := max(roundTo(lo+span*int64(r.RangeHighPct)/100, step), mid)
	if b1 <= lo {
		b1 = mid
	}
	if b2 >= hi {
		b2 = mid
	}
	return b1, b2
}

// maxOnlyGeneral returns 一般 for a maximum-only range: GeneralMinPct rounded up to GeneralMaxPct
// rounded down.
func maxOnlyGeneral(hi int64, r Rules, step int64) (int64, int64) {
	g1 := (hi*int64(r.GeneralMinPct)/100 + step - 1) / step * step
	g2 := hi * int64(r.GeneralMaxPct) / 100 / step * step
	if g1 > g2 {
		g1, g2 = hi*int64(r.GeneralMinPct)/100, hi*int64(r.GeneralMaxPct)/100
	}
	return g1, g2
}
