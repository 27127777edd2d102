package discretion

import (
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/lifecycle"
)

// demoBenchmark returns a demo benchmark as published, validated against its statute.
func demoBenchmark(t testing.TB, key string) (*Benchmark, Statute) {
	t.Helper()
	for _, d := range DemoBenchmarks() {
		if d.Key != key {
			continue
		}
		s := d.Statute
		s.ItemID, s.ItemCode, s.VersionID = "item-"+key, "code-"+key, "v1"
		c := d.Input.Content
		if err := validate(&c, s, National()); err != nil {
			t.Fatal(err)
		}
		return &Benchmark{ID: "bm-" + key, RegionCode: DemoRegionCode, RegionName: "阳谷县", ItemID: s.ItemID, ItemCode: s.ItemCode,
			ItemName: s.ItemName, Record: lifecycle.Record{Version: 1, Status: lifecycle.Published, DocNo: d.DocNo,
				EffectiveFrom: d.EffectiveFrom}, Title: d.Input.Title, Statute: &s, Content: c}, s
	}
	t.Fatalf("no demo benchmark %s", key)
	return nil, Statute{}
}

func i64(v int64) *int64 { return &v }

func intp(v int) *int { return &v }

func f64(v float64) *float64 { return &v }

func evaluate(t *testing.T, b *Benchmark, s Statute, f Facts) Result {
	t.Helper()
	r, err := Evaluate(b, s, at(f))
	if err != nil {
		t.Fatalf("%+v: %v", f, err)
	}
	if !strings.Contains(r.Reason, b.DocNo) || !strings.Contains(r.Reason, r.TierName) {
		t.Errorf("reason %q does not cite %s and %s", r.Reason, b.DocNo, r.TierName)
	}
	return r
}

func wantRange(t *testing.T, name string, r Result, tier Level, lo, hi int64) {
	t.Helper()
	if r.Tier != tier || r.MinFen != lo || r.MaxFen != hi || !r.Penalise {
		t.Errorf("%s: tier %s %s–%s (penalise %v), want %s %s–%s; reason %s", name, r.Tier, civil.Fen(r.MinFen).Yuan(), civil.Fen(r.MaxFen).Yuan(), r.Penalise,
			tier, civil.Fen(lo).Yuan(), civil.Fen(hi).Yuan(), r.Reason)
	}
}

func wantCode(t *testing.T, err error, code, field string) {
	t.Helper()
	e := apperr.As(err)
	if err == nil || e.Code != code || (field != "" && e.Field != field) {
		t.Fatalf("error %v (field %q), want %s on %s", err, e.Field, code, field)
	}
}

const (
	keyLitter  = "城市市容和环境卫生管理条例#34#(一)"
	keyOilFume = "大气污染防治法#118#第一款"
	keyFood    = "食品安全法#122#第一款"
	keyRoad    = "城市道路管理条例#42#第二十七条(一)"
)

func TestEvaluateNoPenalty(t *testing.T) {
	b, s := demoBenchmark(t, keyLitter)

	// 首违不罚: a first offence with slight harm, promptly corrected, may go unpenalised; the
	// officer also sees the tier that applies if the agency penalises.
	r := evaluate(t, b, s, Facts{FirstOffence: true, Harm: HarmMinor, CorrectedPromptly: true})
	if r.Penalise || r.Tier != LevelNoPenalty || r.Mandatory || r.NoPenaltyKind != NoPenaltyFirst || !r.EducationRequired ||
		r.IfPenalised == nil || r.IfPenalised.Tier != LevelLighter || !r.IfPenalised.Warning || !strings.Contains(r.Reason, "可以不予行政处罚") {
		t.Fatalf("first offence: %+v", r)
	}
	// 轻微不罚: minor, corrected, no harm: must not be penalised, even when it is also a first offence.
	r = evaluate(t, b, s, Facts{FirstOffence: true, Harm: HarmNone, CorrectedPromptly: true, Circumstances: []string{"经劝阻当场拾起、清除废弃物"}})
	if r.Penalise || !r.Mandatory || r.NoPenaltyKind != NoPenaltyMinor || r.IfPenalised != nil || r.Education == "" ||
		!strings.Contains(r.Reason, "应当不予行政处罚") || !strings.Contains(r.Reason, "第三十三条") || len(r.Matched) != 3 {
		t.Fatalf("minor: %+v", r)
	}
	// Not corrected: no no-penalty, and not 从轻 either.
	r = evaluate(t, b, s, Facts{FirstOffence: true, Harm: HarmNone})
	wantRange(t, "not corrected", r, LevelGeneral, yuan(40), yuan(60))
	if len(r.Matched) != 0 || !strings.Contains(r.Reason, "不具有") {
		t.Errorf("fallback reason: %+v", r)
	}
	// Harm not determined: the no-penalty list cannot be decided, so the officer is asked.
	_, err := Evaluate(b, s, at(Facts{FirstOffence: true, CorrectedPromptly: true}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.harm")
}

func TestEvaluateRepeatAndRefusal(t *testing.T) {
	b, s := demoBenchmark(t, keyOilFume)
	// Second offence within a year (one prior penalty in the 365 days before the act): 从重.
	r := evaluate(t, b, s, Facts{PriorCount: 1, LookbackDays: 365, Harm: HarmGeneral})
	wantRange(t, "second offence", r, LevelHeavier, yuan(36000), yuan(50000))
	if len(r.Matched) != 1 || r.Matched[0].Condition != CondPriorCount || len(r.Measures) != 0 {
		t.Errorf("second offence matched %+v measures %v", r.Matched, r.Measures)
	}
	// A prior penalty counted over two years cannot tell whether it fell within the one-year window.
	_, err := Evaluate(b, s, at(Facts{PriorCount: 1, LookbackDays: 730, Harm: HarmGeneral}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.priorCount")
	// No prior penalty in two years decides the one-year window too.
	r = evaluate(t, b, s, Facts{PriorCount: 0, LookbackDays: 730, Harm: HarmGeneral, CorrectedPromptly: true})
	wantRange(t, "no prior in two years", r, LevelLighter, yuan(5000), yuan(14000))

	// Recurrence 20 days after a written order to correct counts as refusing to correct (30 days):
	// 从重 with 责令停业整治.
	r = evaluate(t, b, s, Facts{RecurrenceDays: intp(20), Harm: HarmGeneral})
	wantRange(t, "refused correction", r, LevelHeavier, yuan(36000), yuan(50000))
	if len(r.Measures) != 1 || r.Measures[0].Kind != MeasureSuspendBusiness || r.Measures[0].Text != "责令停业整治" || r.Matched[0].Condition != CondRefusedCorrection {
		t.Errorf("refused correction: measures %v matched %+v", r.Measures, r.Matched)
	}
	// 40 days later it does not.
	r = evaluate(t, b, s, Facts{RecurrenceDays: intp(40), Harm: HarmGeneral, PriorCount: 0, LookbackDays: 365})
	if r.Tier != LevelGeneral {
		t.Errorf("recurrence after 40 days: %s", r.Tier)
	}
	// Mitigation: a first offence, corrected, harm removed by the party.
	r = evaluate(t, b, s, Facts{FirstOffence: true, CorrectedPromptly: true, Harm: HarmGeneral,
		Circumstances: []string{"主动消除或者减轻违法行为危害后果"}})
	wantRange(t, "mitigation", r, LevelMitigated, yuan(2000), yuan(5000))
}

func TestEvaluatePerUnit(t *testing.T) {
	b, s := demoBenchmark(t, keyRoad)
	// 12 square metres for 10 days: 120 平方米·日 at 10–20 yuan.
	r := evaluate(t, b, s, Facts{Units: f64(120), Harm: HarmGeneral})
	wantRange(t, "120 units", r, LevelGeneral, yuan(1200), yuan(2400))
	// 2.5 square metres for 3 days.
	r = evaluate(t, b, s, Facts{Units: f64(7.5), Harm: HarmGeneral})
	wantRange(t, "7.5 units", r, LevelGeneral, yuan(75), yuan(150))
	// 2,000 units at the heavier rate would be 40,000–100,000: capped at the statutory 20,000.
	r = evaluate(t, b, s, Facts{Units: f64(2000), Harm: HarmGeneral})
	wantRange(t, "2000 units", r, LevelHeavier, yuan(20000), yuan(20000))
	if !r.Clamped || !strings.Contains(r.Reason, "已限定在法定幅度内") {
		t.Errorf("not clamped: %+v", r)
	}
	// A first offence corrected: the lighter rate (2,250–4,500 for 450 units), capped by the tier at 4,000.
	r = evaluate(t, b, s, Facts{FirstOffence: true, CorrectedPromptly: true, Harm: HarmGeneral, Units: f64(450)})
	wantRange(t, "lighter capped", r, LevelLighter, yuan(2250), yuan(4000))
	// 500 units or more is 从重 whatever else holds.
	r = evaluate(t, b, s, Facts{FirstOffence: true, CorrectedPromptly: true, Harm: HarmGeneral, Units: f64(500)})
	wantRange(t, "500 units", r, LevelHeavier, yuan(10000), yuan(20000))
	// Without the quantity the amount cannot be computed.
	_, err := Evaluate(b, s, at(Facts{Harm: HarmGeneral}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.units")
}

func TestEvaluateProvisionsByGoodsValue(t *testing.T) {
	b, s := demoBenchmark(t, keyFood)
	// Goods worth 5,000 yuan: the paragraph for less than 10,000, 一般 65,000–85,000.
	r := evaluate(t, b, s, Facts{GoodsValueFen: i64(yuan(5000)), Harm: HarmGeneral})
	wantRange(t, "goods 5000", r, LevelGeneral, yuan(65000), yuan(85000))
	if r.Provision != "lt10k" || len(r.Measures) != 2 || r.Measures[0].Kind != MeasureConfiscateGains || r.Measures[0].AmountFen != nil ||
		!strings.Contains(r.Reason, "货值金额不足一万元的") || !strings.Contains(r.Reason, "违法所得金额待查实后没收") {
		t.Errorf("goods 5000: %+v", r)
	}
	// Exactly 10,000 yuan: "一万元以上" includes it; 13–17 times.
	r = evaluate(t, b, s, Facts{GoodsValueFen: i64(yuan(10000)), Harm: HarmGeneral})
	wantRange(t, "goods 10000", r, LevelGeneral, yuan(130000), yuan(170000))
	if r.Provision != "ge10k" {
		t.Errorf("goods 10000 provision %s", r.Provision)
	}
	// 50,000 yuan, serious harm: 从重 17–20 times.
	r = evaluate(t, b, s, Facts{GoodsValueFen: i64(yuan(50000)), Harm: HarmSerious})
	wantRange(t, "goods 50000 serious", r, LevelHeavier, yuan(850000), yuan(1000000))
	// Without the goods value neither paragraph can be chosen.
	_, err := Evaluate(b, s, at(Facts{Harm: HarmGeneral}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.bases.货值金额")
}

func TestEvaluateMultipleClamped(t *testing.T) {
	// 违法所得一倍以上三倍以下，最高不超过三万元.
	s := Statute{ItemID: "i", VersionID: "v1", PenaltyKinds: []string{PenaltyFine}, MultipleMinPct: 100, MultipleMaxPct: 300,
		MultipleBase: BaseIllegalGains, FineMaxFen: yuan(30000)}
	c := Content{
		Provisions: []Provision{{Key: "p", Label: "违法所得一倍以上三倍以下，最高不超过三万元",
			Range: Range{MultipleMinPct: 100, MultipleMaxPct: 300, MultipleBase: BaseIllegalGains, FineMaxFen: yuan(30000)}}},
		Tiers: []Tier{
			under("p", tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), Standard{Kind: StdMultiple, MultipleMinPct: 100, MultipleMaxPct: 160, Base: BaseIllegalGains}, "")),
			under("p", tier(LevelGeneral, MatchAll, nil, Standard{Kind: StdMultiple, MultipleMinPct: 160, MultipleMaxPct: 240, Base: BaseIllegalGains}, "")),
			under("p", tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), Standard{Kind: StdMultiple, MultipleMinPct: 240, MultipleMaxPct: 300, Base: BaseIllegalGains, MaxFen: yuan(25000)}, "")),
		},
	}
	if err := validate(&c, s, National()); err != nil {
		t.Fatal(err)
	}
	b := &Benchmark{ID: "b", Record: lifecycle.Record{Version: 1, DocNo: "测〔2026〕1号"}, Title: "测试基准", Statute: &s, Content: c}
	// Illegal gains of 10,000: 16,000–24,000, inside the cap.
	r := evaluate(t, b, s, Facts{IllegalGainsFen: i64(yuan(10000))})
	wantRange(t, "gains 10000", r, LevelGeneral, yuan(16000), yuan(24000))
	// 20,000: 32,000–48,000 by the multiples, brought to the statutory cap of 30,000.
	r = evaluate(t, b, s, Facts{IllegalGainsFen: i64(yuan(20000))})
	wantRange(t, "gains 20000", r, LevelGeneral, yuan(30000), yuan(30000))
	if !r.Clamped {
		t.Error("not marked clamped")
	}
	// 从重 with its own cap of 25,000.
	r = evaluate(t, b, s, Facts{IllegalGainsFen: i64(yuan(10000)), PriorCount: 2})
	wantRange(t, "heavier capped", r, LevelHeavier, yuan(24000), yuan(25000))
	// Odd amounts: 333.33 yuan × 1.6–2.4 rounds the minimum up and the maximum down.
	r = evaluate(t, b, s, Facts{IllegalGainsFen: i64(33333)})
	wantRange(t, "odd gains", r, LevelGeneral, 53333, 79999)
	_, err := Evaluate(b, s, at(Facts{}))
	wantCode(t, err, "DISCRETION_FACT_REQUIRED", "facts.bases.违法所得")
}

func TestEvaluateFactsAndStatuteChange(t *testing.T) {
	b, s := demoBenchmark(t, keyOilFume)
	_, err := Evaluate(b, s, at(Facts{FirstOffence: true, PriorCount: 2}))
	wantCode(t, err, "DISCRETION_FACTS_INCONSISTENT", "facts.firstOffence")
	_, err = Evaluate(b, s, at(Facts{Harm: "huge"}))
	wantCode(t, err, "DISCRETION_FACT_INVALID", "facts.harm")
	_, err = Evaluate(b, s, at(Facts{GoodsValueFen: i64(-1)}))
	wantCode(t, err, "DISCRETION_FACT_INVALID", "facts.goodsValueFen")

	// The law changed after the benchmark was published: the new maximum bounds the result and a
	// note tells the officer to check.
	changed := s
	changed.VersionID, changed.FineMaxFen = "v2", yuan(40000)
	r := evaluate(t, b, changed, Facts{PriorCount: 1, Harm: HarmGeneral})
	wantRange(t, "statute changed", r, LevelHeavier, yuan(36000), yuan(40000))
	if len(r.Notes) != 2 || !r.Clamped || !strings.Contains(r.Notes[0], "第三十七条") || !strings.Contains(r.Reason, "超过法定最高额4万元") {
		t.Errorf("statute change: %+v", r)
	}
}

func TestEvaluateNoPenaltyTier(t *testing.T) {
	s := Statute{ItemID: "i", VersionID: "v1", PenaltyKinds: []string{PenaltyWarning, PenaltyFine}, FineMaxFen: yuan(1000)}
	c := Content{Tiers: []Tier{
		tier(LevelNoPenalty, MatchAll, conds(harmIn(HarmNone), note("未成年人")), Standard{}, ""),
		tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), warning(), ""),
		tier(LevelGeneral, MatchAll, nil, fine(400, 600), ""),
		tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), fine(600, 1000), ""),
	}}
	if err := validate(&c, s, National()); err != nil {
		t.Fatal(err)
	}
	b := &Benchmark{ID: "b", Record: lifecycle.Record{Version: 1, DocNo: "测〔2026〕2号"}, Title: "测试基准", Statute: &s, Content: c}
	// 从轻 (a first offence, corrected) is more severe than 不予处罚 and is tried first.
	r := evaluate(t, b, s, Facts{Harm: HarmNone, CorrectedPromptly: true, Circumstances: []string{"未成年人"}})
	if r.Tier != LevelLighter || !r.Warning {
		t.Fatalf("first offence with the no-penalty circumstance: %s", r.Tier)
	}
	// Not corrected: the benchmark's 不予处罚 tier, with the 一般 tier should the agency penalise.
	r = evaluate(t, b, s, Facts{Harm: HarmNone, Circumstances: []string{"未成年人"}})
	if r.Penalise || r.Tier != LevelNoPenalty || r.Mandatory || !r.EducationRequired || r.IfPenalised == nil ||
		r.IfPenalised.Tier != LevelGeneral || r.IfPenalised.MinFen != yuan(400) || len(r.IfPenalised.Matched) != 0 {
		t.Fatalf("no-penalty tier: %+v", r)
	}
}

func TestTimes(t *testing.T) {
	if Times(1000, false) != "10倍" || Times(150, false) != "1.5倍" || Times(125, false) != "1.25倍" || Times(50, true) != "50%" {
		t.Error("Times")
	}
}
