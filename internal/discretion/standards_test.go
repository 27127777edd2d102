package discretion

import (
	"encoding/json"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/lifecycle"
)

// Real-shaped standards: how a large city's 2023 city-management discretion standard writes its
// rules, entered as they are written.

// localRules are the national rules with the catalogue's vocabulary of bases of a city that adds
// 赔偿额 and 销售额.
func localRules() Rules {
	r := National()
	r.Bases = testBases
	return r
}

// strictRules are localRules with every splitting check an error (浙江做法).
func strictRules() Rules {
	r := Strict()
	r.Bases = testBases
	return r
}

// published validates content and returns it as a published benchmark.
func published(t *testing.T, c Content, s Statute, r Rules) *Benchmark {
	t.Helper()
	if _, err := Validate(&c, s, r); err != nil {
		t.Fatalf("%v: %+v", err, apperr.As(err).Details)
	}
	s.ItemID, s.VersionID = "item", "v1"
	return &Benchmark{ID: "bm", RegionName: "某市", ItemID: "item", Record: lifecycle.Record{Version: 1, Status: lifecycle.Published,
		DocNo: "某城管规〔2023〕5号", EffectiveFrom: "2023-06-01"}, Title: "城市管理行政处罚裁量基准", Statute: &s, Content: c}
}

func prior(lo, hi int) Condition {
	p := OneYear()
	c := Condition{Kind: CondPriorCount, Lookback: &p}
	if lo >= 0 {
		c.MinCount = &lo
	}
	if hi >= 0 {
		c.MaxCount = &hi
	}
	return c
}

func forParty(t Tier, ps ...string) Tier { t.PartyTypes = ps; return t }

func fixed(y int64, ms ...Measure) Standard {
	return Standard{Kind: StdFixed, MinFen: yuan(y), MaxFen: yuan(y), Measures: ms}
}

func perUnitStd(unit string, lo, hi, capYuan int64) Standard {
	return Standard{Kind: StdPerUnit, Unit: unit, PerUnitMinFen: yuan(lo), PerUnitMaxFen: yuan(hi), MaxFen: yuan(capYuan)}
}

func mustEvaluate(t *testing.T, b *Benchmark, c Case) Result {
	t.Helper()
	r, err := Evaluate(b, *b.Statute, c)
	if err != nil {
		t.Fatalf("%+v: %v", c.Facts, err)
	}
	return r
}

// "第一次被处罚的，处二千元以上五千元以下罚款；第二次被处罚的，处一万元罚款；第三次及以上被处罚的，处二万元罚款"
// under a statutory 2,000–20,000: the second offence is the 一般 tier and does not hold the
// midpoint (11,000). 国办发〔2022〕27号 sets no midpoint rule, so the national default accepts it; a
// jurisdiction that enforces the Zhejiang-style midpoint refuses it, citing its own setting.
func TestFixedPerOffenceCountRelaxedAndStrict(t *testing.T) {
	s := Statute{ItemName: "擅自设置户外广告", PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(2000), FineMaxFen: yuan(20000)}
	content := Content{Tiers: []Tier{
		labelled("情节较轻", tier(LevelLighter, MatchAll, nil, fine(2000, 5000), "第一次被处罚的")),
		labelled("情节一般", tier(LevelGeneral, MatchAll, conds(prior(1, 1)), fixed(10000), "第二次被处罚的")),
		labelled("情节严重", tier(LevelHeavier, MatchAll, conds(prior(2, -1)), fixed(20000), "第三次及以上被处罚的")),
	}}
	strict := clone(content)
	_, err := Validate(&strict, s, strictRules())
	wantProblem(t, "strict midpoint", err, "DISCRETION_TIER_RULE", "tiers[1].standard")
	if e := apperr.As(err); !strings.Contains(e.Rule, "浙江省设置") || !strings.Contains(e.Message, "中间值1.1万元") {
		t.Errorf("strict error does not cite its source: %+v", e)
	}
	b := published(t, content, s, localRules())

	// One prior penalty 13 months before the act: outside the one-year window (2025-05-01 to
	// 2026-05-01), so this is a first offence by the record.
	r := mustEvaluate(t, b, Case{ActDate: "2026-05-01", Recorded: map[string]int{"2025-05-01": 0}})
	wantRange(t, "13-month-old prior", r, LevelLighter, yuan(2000), yuan(5000))
	if r.TierName != "情节较轻" || r.LevelName != "从轻处罚" || r.PriorSource != PriorFromRecord || len(r.PriorCounts) != 1 ||
		r.PriorCounts[0].From != "2025-05-01" || r.PriorCounts[0].Count != 0 || !strings.Contains(r.Reason, "“情节较轻”（从轻处罚）") {
		t.Errorf("first offence by the record: %+v", r)
	}
	for _, n := range r.Notes {
		if strings.Contains(n, "执法人员填报") {
			t.Errorf("a recorded count is not marked as the officer's: %v", r.Notes)
		}
	}
	// The record counts one in the window: the second offence, 10,000.
	r = mustEvaluate(t, b, Case{ActDate: "2026-05-01", Recorded: map[string]int{"2025-05-01": 1}})
	wantRange(t, "second offence", r, LevelGeneral, yuan(10000), yuan(10000))
	// Three: 情节严重.
	r = mustEvaluate(t, b, Case{ActDate: "2026-05-01", Recorded: map[string]int{"2025-05-01": 3}})
	wantRange(t, "fourth offence", r, LevelHeavier, yuan(20000), yuan(20000))
	// The record wins over a typed "first offence", and says so.
	r = mustEvaluate(t, b, Case{ActDate: "2026-05-01", Facts: Facts{FirstOffence: true}, Recorded: map[string]int{"2025-05-01": 1}})
	if r.Tier != LevelGeneral || !strings.Contains(strings.Join(r.Notes, ""), "与填报的“初次违法”不一致") {
		t.Errorf("record against a typed first offence: %+v", r)
	}
	// No record: the officer's count decides, and the result says it was the officer's.
	r = mustEvaluate(t, b, Case{ActDate: "2026-05-01", Facts: Facts{PriorCount: 1}, RecordNote: noteNoParty})
	if r.Tier != LevelGeneral || r.PriorSource != PriorFromOfficer || !strings.Contains(strings.Join(r.Notes, ""), "执法人员填报") ||
		!strings.Contains(strings.Join(r.Notes, ""), "未提供当事人证件号码") {
		t.Errorf("officer's count: %+v", r)
	}
	// A count the officer made over 365 days (as requests gave it) is a count over one year.
	r = mustEvaluate(t, b, Case{ActDate: "2026-05-01", Facts: Facts{PriorCount: 1, LookbackDays: 365}})
	if r.Tier != LevelGeneral || r.PriorCounts[0].Lookback != OneYear() {
		t.Errorf("365 days: %+v", r)
	}
	// Over two years one prior cannot tell whether it fell within the year: the officer is asked.
	_, err = Evaluate(b, *b.Statute, Case{ActDate: "2026-05-01", Facts: Facts{PriorCount: 1, Lookback: &Period{N: 2, Unit: PeriodYear}}})
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.priorCount")
}

// Sub-bands by offence count inside 情节严重, and a band that can never apply.
func TestSubBandsInsideATier(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(5000), FineMaxFen: yuan(50000)}
	bands := Content{Tiers: []Tier{
		labelled("情节较轻", tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), fine(5000, 10000), "")),
		tier(LevelGeneral, MatchAll, nil, fine(10000, 20000), ""),
		labelled("情节严重", tier(LevelHeavier, MatchAll, conds(prior(1, 1)), fine(20000, 30000), "第二次")),
		labelled("情节严重", tier(LevelHeavier, MatchAll, conds(prior(2, 2)), fine(30000, 40000), "第三次")),
		labelled("情节严重", tier(LevelHeavier, MatchAll, conds(prior(3, -1)), fine(40000, 50000), "第四次及以上")),
	}}
	b := published(t, bands, s, localRules())
	for n, want := range map[int][2]int64{1: {20000, 30000}, 2: {30000, 40000}, 3: {40000, 50000}, 5: {40000, 50000}} {
		r := mustEvaluate(t, b, at(Facts{PriorCount: n}))
		wantRange(t, "prior "+string(rune('0'+n)), r, LevelHeavier, yuan(want[0]), yuan(want[1]))
		if r.TierName != "情节严重" {
			t.Errorf("label %q", r.TierName)
		}
		// Lists are never null for the console, even when nothing was computed or matched.
		raw, _ := json.Marshal(r)
		for _, k := range []string{`"computation":[]`, `"measures":[]`, `"priorCounts":[{`, `"notes":[`} {
			if !strings.Contains(string(raw), k) {
				t.Errorf("result JSON lacks %s: %s", k, raw)
			}
		}
	}
	// "Two or more" tried before "three or more" in the same level takes every third offence.
	shadowed := clone(bands)
	shadowed.Tiers[3].Conditions = conds(prior(1, -1))
	shadowed.Tiers[2], shadowed.Tiers[3] = shadowed.Tiers[3], shadowed.Tiers[2]
	shadowed.Tiers[4].Conditions = conds(prior(2, -1))
	_, err := Validate(&shadowed, s, localRules())
	wantProblem(t, "shadowed band", err, "DISCRETION_TIER_UNREACHABLE", "tiers[4].conditions")
	// A label outside the jurisdiction's vocabulary is refused, citing where the vocabulary comes from.
	odd := clone(bands)
	odd.Tiers[4].Label = "情节恶劣"
	_, err = Validate(&odd, s, localRules())
	wantProblem(t, "unknown label", err, "DISCRETION_LABEL_UNKNOWN", "tiers[4].label")
	if e := apperr.As(err); !strings.Contains(e.Rule, "全国默认") {
		t.Errorf("label rule %q", e.Rule)
	}
	withLabel := localRules()
	withLabel.Labels = append(withLabel.Labels, "情节恶劣")
	if _, err := Validate(&odd, s, withLabel); err != nil {
		t.Errorf("label in the vocabulary: %v", err)
	}
}

// "按照每处设施处五千元以上二万元以下罚款": a per-facility range without a total cap, and the same
// with a cap of 20,000 in total.
func TestPerFacilityWithAndWithoutCap(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine}, Unit: "处", PerUnitMinFen: yuan(5000), PerUnitMaxFen: yuan(20000)}
	content := Content{Tiers: []Tier{
		tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), perUnitStd("处", 5000, 8000, 0), ""),
		tier(LevelGeneral, MatchAll, nil, perUnitStd("处", 10000, 10000, 0), "每处一万元"),
		tier(LevelHeavier, MatchAny, conds(priorAtLeast(1), refusedWithin(30)), perUnitStd("处", 15000, 20000, 0), ""),
	}}
	b := published(t, content, s, localRules())
	// 3 facilities at 10,000 each: 30,000, not capped (the law sets no total cap).
	r := mustEvaluate(t, b, at(Facts{Units: f64(3)}))
	wantRange(t, "3 facilities", r, LevelGeneral, yuan(30000), yuan(30000))
	if r.Clamped || r.Unit != "处" || !strings.Contains(r.Reason, "按3处×每处1万元计算为3万元") {
		t.Errorf("3 facilities: %+v", r)
	}

	capped := s
	capped.FineMaxFen = yuan(20000)
	bc := published(t, clone(content), capped, localRules())
	r = mustEvaluate(t, bc, at(Facts{Units: f64(3)}))
	wantRange(t, "3 facilities capped", r, LevelGeneral, yuan(20000), yuan(20000))
	if !r.Clamped || len(r.Computation) != 2 || !strings.Contains(r.Reason, "按3处×每处1万元计算为3万元") ||
		!strings.Contains(r.Reason, "超过法定最高额2万元") {
		t.Errorf("the cap must be explained, naming the quantity and unit: %+v", r)
	}
	// Under the cap nothing moves.
	r = mustEvaluate(t, bc, at(Facts{Units: f64(1)}))
	wantRange(t, "1 facility capped", r, LevelGeneral, yuan(10000), yuan(10000))

	// A standard per a different unit than the statute's, or a total where the law fines per
	// facility, is refused.
	other := clone(content)
	other.Tiers[1].Standard.Unit = "个"
	_, err := Validate(&other, s, localRules())
	wantProblem(t, "unit mismatch", err, "DISCRETION_UNIT_MISMATCH", "tiers[1].standard.unit")
	total := clone(content)
	total.Tiers[1].Standard = fine(10000, 15000)
	_, err = Validate(&total, s, localRules())
	wantProblem(t, "total where the law fines per facility", err, "DISCRETION_UNIT_REQUIRED", "tiers[1].standard.kind")
	above := clone(content)
	above.Tiers[2].Standard.PerUnitMaxFen = yuan(25000)
	_, err = Validate(&above, s, localRules())
	wantProblem(t, "rate above the statute", err, "DISCRETION_TIER_OUT_OF_RANGE", "tiers[2].standard")
	// The officer typing the quantity in another unit is told.
	_, err = Evaluate(b, *b.Statute, at(Facts{Units: f64(3), Unit: "个"}))
	wantCode(t, err, "DISCRETION_UNIT_MISMATCH", "facts.unit")
}

// "每平方米一千元", no total cap: the quantity is multiplied as written, never rounded first.
func TestPerSquareMetreFractional(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine}, Unit: "平方米", PerUnitMinFen: yuan(1000), PerUnitMaxFen: yuan(1000)}
	b := published(t, Content{Tiers: []Tier{tier(LevelGeneral, MatchAll, nil, perUnitStd("平方米", 1000, 1000, 0), "")}}, s, localRules())
	for _, c := range []struct {
		m2   float64
		want int64
	}{{2.555, 255_500}, {1.005, 100_500}, {0.333, 33_300}, {12, 1_200_000}, {0.000001, 0}, {1234.567891, 123_456_789}} {
		r := mustEvaluate(t, b, at(Facts{Units: f64(c.m2)}))
		// 0.000001 m² × 1,000 yuan is 0.1 fen: the nearest fen below.
		if r.MinFen != c.want || r.MaxFen != c.want {
			t.Errorf("%v m²: %d–%d fen, want %d", c.m2, r.MinFen, r.MaxFen, c.want)
		}
	}
	r := mustEvaluate(t, b, at(Facts{Units: f64(2.555)}))
	if !strings.Contains(r.Reason, "2.555平方米") || !strings.Contains(r.Reason, "2555元") {
		t.Errorf("reason %q", r.Reason)
	}
	_, err := Evaluate(b, *b.Statute, at(Facts{Units: f64(1.0000001)}))
	wantCode(t, err, "DISCRETION_FACT_INVALID", "facts.units")
	_, err = Evaluate(b, *b.Statute, at(Facts{}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.units")
}

// "处赔偿额一至二倍罚款": a base the jurisdiction's vocabulary adds.
func TestMultipleOfCompensation(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine, "没收违法所得"}, MultipleMinPct: 100, MultipleMaxPct: 200, MultipleBase: "赔偿额"}
	times := func(lo, hi int, ms ...Measure) Standard {
		return Standard{Kind: StdMultiple, MultipleMinPct: lo, MultipleMaxPct: hi, Base: "赔偿额", Measures: ms}
	}
	content := Content{Tiers: []Tier{
		tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), times(100, 130), ""),
		tier(LevelGeneral, MatchAll, nil, times(130, 170, Measure{Kind: MeasureConfiscateGains}), ""),
		tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), times(170, 200), ""),
	}}
	// The national default vocabulary knows no 赔偿额: refused, nothing else changes.
	plain := clone(content)
	_, err := Validate(&plain, s, National())
	wantProblem(t, "base not in the vocabulary", err, "DISCRETION_BASE_UNKNOWN", "tiers[0].standard.base")
	b := published(t, content, s, localRules())
	r := mustEvaluate(t, b, at(Facts{Bases: map[string]int64{"赔偿额": yuan(50000), BaseIllegalGains: yuan(1200)}}))
	wantRange(t, "compensation 50,000", r, LevelGeneral, yuan(65000), yuan(85000))
	if len(r.Measures) != 1 || r.Measures[0].AmountFen == nil || *r.Measures[0].AmountFen != yuan(1200) ||
		!strings.Contains(r.Reason, "按赔偿额5万元的1.3倍至1.7倍计算为6.5万元至8.5万元") || !strings.Contains(r.Reason, "没收违法所得1200元") {
		t.Errorf("compensation: %+v", r)
	}
	_, err = Evaluate(b, *b.Statute, at(Facts{}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.bases.赔偿额")
	// A base amount the facts give twice, differently, is refused.
	_, err = Evaluate(b, *b.Statute, at(Facts{Bases: map[string]int64{BaseIllegalGains: 1}, IllegalGainsFen: i64(2)}))
	wantCode(t, err, "DISCRETION_FACTS_INCONSISTENT", "facts.illegalGainsFen")
	// The bases of the facts are checked against the vocabulary where it is known (the service).
	f := Facts{Bases: map[string]int64{"好处费": 1}}
	if err := f.CheckBases(testBases); !apperr.Is(err, "DISCRETION_BASE_UNKNOWN") {
		t.Errorf("fact base: %v", err)
	}
}

// Separate amounts for 单位 and 个人.
func TestUnitsAndIndividuals(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(200), FineMaxFen: yuan(20000)}
	content := Content{Tiers: []Tier{
		forParty(tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), fine(200, 500), ""), PartyNatural),
		forParty(tier(LevelGeneral, MatchAll, nil, fine(500, 1000), "对个人"), PartyNatural),
		forParty(tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), fine(1000, 2000), ""), PartyNatural),
		forParty(tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), fine(2000, 5000), ""), PartyUnit),
		forParty(tier(LevelGeneral, MatchAll, nil, fine(5000, 10000), "对单位"), PartyUnit),
		forParty(tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), fine(10000, 20000), ""), PartyUnit),
	}}
	b := published(t, content, s, localRules())
	if p := b.Tiers[4].PartyTypes; len(p) != 2 || p[0] != PartyLegal || p[1] != PartyOther {
		t.Fatalf("单位 is a legal person or another organisation: %v", p)
	}
	r := mustEvaluate(t, b, at(Facts{PartyType: PartyNatural}))
	wantRange(t, "individual", r, LevelGeneral, yuan(500), yuan(1000))
	if !strings.Contains(r.Reason, "当事人为自然人") {
		t.Errorf("reason %q", r.Reason)
	}
	for _, p := range []string{PartyLegal, PartyOther} {
		r = mustEvaluate(t, b, at(Facts{PartyType: p, PriorCount: 1}))
		wantRange(t, "unit "+p, r, LevelHeavier, yuan(10000), yuan(20000))
	}
	_, err := Evaluate(b, *b.Statute, at(Facts{}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.partyType")
	_, err = Evaluate(b, *b.Statute, at(Facts{PartyType: "company"}))
	wantCode(t, err, "DISCRETION_PARTY_TYPE_UNKNOWN", "facts.partyType")

	// Rules for 单位 only: a natural person is a party type the benchmark does not know.
	unitsOnly := Content{Tiers: content.Tiers[3:]}
	bu := published(t, unitsOnly, s, localRules())
	_, err = Evaluate(bu, *bu.Statute, at(Facts{PartyType: PartyNatural}))
	wantCode(t, err, "DISCRETION_PARTY_TYPE_NOT_COVERED", "facts.partyType")

	// Every party type needs its fallback; an unknown type is refused.
	noFallback := clone(content)
	noFallback.Tiers = append(noFallback.Tiers[:4], noFallback.Tiers[5])
	_, err = Validate(&noFallback, s, localRules())
	wantProblem(t, "no fallback for units", err, "DISCRETION_GENERAL_REQUIRED", "tiers")
	if !strings.Contains(apperr.As(err).Message, "法人") {
		t.Errorf("message does not name the party type: %v", err)
	}
	unknown := clone(content)
	unknown.Tiers[0].PartyTypes = []string{"企业"}
	_, err = Validate(&unknown, s, localRules())
	wantProblem(t, "unknown party type", err, "DISCRETION_PARTY_TYPE_UNKNOWN", "tiers[0].partyTypes")
	// Party type as a condition.
	cond := clone(content)
	cond.Tiers[5].PartyTypes = nil
	cond.Tiers[5].Conditions = conds(Condition{Kind: CondPartyType, PartyTypes: []string{PartyUnit}}, priorAtLeast(1))
	cond.Tiers[2].Conditions = conds(Condition{Kind: CondPartyType, PartyTypes: []string{PartyNatural}}, priorAtLeast(1))
	if _, err := Validate(&cond, s, localRules()); err != nil {
		t.Fatalf("party type as a condition: %v", err)
	}
	if d := cond.Tiers[5].Conditions[0].Describe(); d != "当事人为单位" {
		t.Errorf("describe %q", d)
	}
}

// "经责令限期改正，逾期不改正的，处五千元以上五万元以下罚款": the order to correct is part of the
// violation, asked once, not a tier condition.
func TestRefusalToCorrectIsAPrecondition(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(5000), FineMaxFen: yuan(50000)}
	content := Content{
		Precondition: &Precondition{Text: "经责令限期改正，逾期不改正的"},
		Tiers: []Tier{
			tier(LevelLighter, MatchAll, conds(firstOffence(), harmIn(HarmNone, HarmMinor)), fine(5000, 15000), ""),
			tier(LevelGeneral, MatchAll, nil, fine(15000, 35000), ""),
			tier(LevelHeavier, MatchAny, conds(priorAtLeast(1), cond(CondSeriousConsequences)), fine(35000, 50000), ""),
		},
	}
	b := published(t, content, s, localRules())
	if b.Precondition.Kind != PreconditionOrderIgnored {
		t.Fatalf("precondition not normalised: %+v", b.Precondition)
	}
	// Asked once, before anything else.
	_, err := Evaluate(b, *b.Statute, at(Facts{Harm: HarmGeneral}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.orderIgnored")
	// The ordinary case: the order was ignored, nothing else: 一般, never PROVISION_NONE.
	yes, no := true, false
	r := mustEvaluate(t, b, at(Facts{OrderIgnored: &yes, Harm: HarmGeneral}))
	wantRange(t, "ordinary", r, LevelGeneral, yuan(15000), yuan(35000))
	if !strings.Contains(r.Reason, "经责令限期改正，逾期不改正的") {
		t.Errorf("the precondition is not in the reason: %s", r.Reason)
	}
	// Corrected in time: not this violation at all.
	r = mustEvaluate(t, b, at(Facts{OrderIgnored: &no}))
	if r.Applicable || r.Penalise || r.Tier != "" || !strings.Contains(r.Reason, "不构成本项违法行为") {
		t.Errorf("corrected: %+v", r)
	}
	// Refusal to correct repeated as a condition is refused.
	twice := clone(content)
	twice.Tiers[2].Conditions = append(twice.Tiers[2].Conditions, cond(CondRefusedCorrection))
	_, err = Validate(&twice, s, localRules())
	wantProblem(t, "precondition as a condition", err, "DISCRETION_PRECONDITION_AS_CONDITION", "tiers[2].conditions[2]")
}

// Measures beside the fine are structured and must be penalties the law provides.
func TestMeasures(t *testing.T) {
	s := Statute{PenaltyKinds: []string{PenaltyFine, "没收违法所得", "没收非法财物"}, FineMinFen: yuan(500), FineMaxFen: yuan(20000)}
	content := Content{Tiers: []Tier{
		tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), fine(500, 6000,
			Measure{Kind: MeasureConfiscateProperty, Text: "烧烤工具"}), ""),
		tier(LevelGeneral, MatchAll, nil, fine(6000, 14000, Measure{Kind: MeasureConfiscateProperty, Text: "烧烤工具"},
			Measure{Kind: MeasureConfiscateGains}), ""),
		tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), fine(14000, 20000, Measure{Kind: MeasureRevokeLicence}), ""),
	}}
	_, err := Validate(&content, s, localRules())
	wantProblem(t, "revocation the law does not provide", err, "DISCRETION_MEASURE_NOT_PROVIDED", "tiers[2].standard.measures[0]")
	content.Tiers[2].Standard.Measures = []Measure{{Kind: "seize"}}
	_, err = Validate(&content, s, localRules())
	wantProblem(t, "unknown measure", err, "DISCRETION_MEASURE_INVALID", "tiers[2].standard.measures[0].kind")
	content.Tiers[2].Standard.Measures = []Measure{{Kind: MeasureOther}}
	_, err = Validate(&content, s, localRules())
	wantProblem(t, "other without text", err, "DISCRETION_MEASURE_INVALID", "tiers[2].standard.measures[0].text")
	content.Tiers[2].Standard.Measures = nil
	b := published(t, content, s, localRules())
	r := mustEvaluate(t, b, at(Facts{Bases: map[string]int64{BaseIllegalGains: 35_050}}))
	if len(r.Measures) != 2 || r.Measures[0].Name != "没收非法财物" || r.Measures[0].Text != "烧烤工具" ||
		*r.Measures[1].AmountFen != 35_050 || !strings.Contains(r.Standard, "没收非法财物（烧烤工具）；没收违法所得") {
		t.Errorf("measures: %+v", r)
	}
}

// Content stored before the shapes grew still loads: plain-text measures, windows in days.
func TestStoredContentOfEarlierVersionsLoads(t *testing.T) {
	r := row{ID: "old", Provisions: `[]`, NoPenalty: `[{"kind":"first","conditions":[{"kind":"first_offence","lookbackDays":365},
		{"kind":"harm","harm":["none","minor"]},{"kind":"corrected_promptly"}],"education":"批评教育"}]`,
		Tiers: `[{"level":"lighter","match":"all","conditions":[{"kind":"first_offence","lookbackDays":365}],
		"standard":{"kind":"range","minFen":50000,"maxFen":600000,"multipleMinPct":0,"multipleMaxPct":0,"perUnitMinFen":0,"perUnitMaxFen":0,"measures":["没收烧烤工具和违法所得"]}},
		{"level":"general","match":"all","conditions":[],"standard":{"kind":"range","minFen":600000,"maxFen":1400000,"multipleMinPct":0,"multipleMaxPct":0,"perUnitMinFen":0,"perUnitMaxFen":0,"measures":["没收违法所得"]}},
		{"level":"heavier","match":"any","conditions":[{"kind":"prior_count","minCount":1,"lookbackDays":180}],"standard":{"kind":"range","minFen":1400000,"maxFen":2000000,"multipleMinPct":0,"multipleMaxPct":0,"perUnitMinFen":0,"perUnitMaxFen":0,"measures":[]}}]`}
	c, err := r.content()
	if err != nil {
		t.Fatal(err)
	}
	if *c.Tiers[0].Conditions[0].Lookback != OneYear() || *c.Tiers[2].Conditions[0].Lookback != (Period{N: 180, Unit: PeriodDay}) ||
		c.Tiers[0].Standard.Measures[0] != (Measure{Kind: MeasureOther, Text: "没收烧烤工具和违法所得"}) ||
		c.Tiers[1].Standard.Measures[0] != (Measure{Kind: MeasureConfiscateGains}) || c.Precondition != nil {
		t.Fatalf("upgraded: %+v", c)
	}
	s := Statute{PenaltyKinds: []string{PenaltyFine, "没收违法所得"}, FineMinFen: yuan(500), FineMaxFen: yuan(20000)}
	b := published(t, c, s, localRules())
	got := mustEvaluate(t, b, at(Facts{PriorCount: 1, Lookback: &Period{N: 180, Unit: PeriodDay}}))
	wantRange(t, "old content", got, LevelHeavier, yuan(14000), yuan(20000))
	// Written back, the new shape: no days, measures as objects.
	raw, _ := json.Marshal(b.Tiers)
	if strings.Contains(string(raw), "lookbackDays") || !strings.Contains(string(raw), `"kind":"other","text":"没收烧烤工具和违法所得"`) {
		t.Errorf("rewritten: %s", raw)
	}
}

// Look-back windows count by the calendar: a year is the same date a year earlier, months end on
// the corresponding day or the month's last day.
func TestLookbackPeriods(t *testing.T) {
	for _, c := range []struct {
		p        Period
		act, day string
		text     string
	}{
		{OneYear(), "2026-05-01", "2025-05-01", "一年"},
		{OneYear(), "2028-02-29", "2027-02-28", "一年"},
		{Period{N: 6, Unit: PeriodMonth}, "2026-03-31", "2025-09-30", "六个月"},
		{Period{N: 30, Unit: PeriodDay}, "2026-03-01", "2026-01-30", "三十日"},
	} {
		act, _ := civil.Parse(c.act)
		d := c.p.Start(act)
		if d.String() != c.day || c.p.Describe() != c.text {
			t.Errorf("%+v before %s: %s %s, want %s %s", c.p, c.act, d, c.p.Describe(), c.day, c.text)
		}
	}
	bad := Content{Tiers: []Tier{tier(LevelGeneral, MatchAll, nil, fine(10, 20), ""),
		tier(LevelHeavier, MatchAll, conds(Condition{Kind: CondPriorCount, MinCount: intp(1), Lookback: &Period{N: 13, Unit: "week"}}), fine(20, 30), "")}}
	_, err := Validate(&bad, Statute{PenaltyKinds: []string{PenaltyFine}, FineMaxFen: yuan(100)}, localRules())
	wantProblem(t, "bad period", err, "DISCRETION_CONDITION_INVALID", "tiers[1].conditions[0].lookback")
}
