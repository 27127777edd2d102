package discretion

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"zhifa/internal/platform/apperr"
)

// oilFume is the statute of 大气污染防治法 第一百一十八条第一款: 5,000–50,000 yuan.
var oilFume = Statute{ItemID: "item-oil", ItemCode: "330217001", ItemName: "超标排放油烟", VersionID: "v1",
	Citation: "《中华人民共和国大气污染防治法》第一百一十八条第一款", PenaltyKinds: []string{PenaltyFine, "责令停业整治"},
	FineMinFen: yuan(5000), FineMaxFen: yuan(50000)}

// oilFumeContent is a valid benchmark for oilFume.
func oilFumeContent() Content {
	return Content{
		Tiers: []Tier{
			tier(LevelMitigated, MatchAll, conds(note("主动消除或者减轻违法行为危害后果")), fine(2000, 5000), ""),
			tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), fine(5000, 14000), ""),
			tier(LevelGeneral, MatchAll, nil, fine(14000, 36000), ""),
			tier(LevelHeavier, MatchAny, conds(priorAtLeast(1), refusedWithin(30)), fine(36000, 50000, Measure{Kind: MeasureOther, Text: "责令停业整治"}), ""),
		},
		NoPenalty: []NoPenaltyEntry{firstOffenceEntry()},
	}
}

// clone deep-copies content through JSON so that a case can change it freely.
func clone(c Content) Content {
	b, _ := json.Marshal(c)
	var out Content
	json.Unmarshal(b, &out)
	return out
}

func wantProblem(t *testing.T, name string, err error, code, field string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %s", name, code)
		return
	}
	e := apperr.As(err)
	found := false
	for _, d := range e.Details {
		if d.Code == code && (field == "" || d.Field == field) {
			found = true
		}
	}
	if !found {
		t.Errorf("%s: %v (details %+v), want %s on %s", name, err, e.Details, code, field)
	}
	if e.Kind != apperr.KindInvalid || !hasHan(e.Message) {
		t.Errorf("%s: error not a Chinese invalid-input error: %+v", name, e)
	}
}

func TestValidateAcceptsAGoodBenchmark(t *testing.T) {
	c := oilFumeContent()
	if err := validate(&c, oilFume, National()); err != nil {
		t.Fatal(err)
	}
	if c.Tiers[0].Match != MatchAll || *c.Tiers[1].Conditions[0].Lookback != OneYear() || c.NoPenalty[0].Education == "" {
		t.Fatalf("not normalised: %+v", c)
	}
}

func TestValidateRefusesBadBenchmarks(t *testing.T) {
	cases := []struct {
		name   string
		change func(c *Content)
		s      Statute
		code   string
		field  string
		rule   string
	}{
		{"tier above the statutory maximum", func(c *Content) { c.Tiers[3].Standard.MaxFen = yuan(60000) }, oilFume,
			"DISCRETION_TIER_OUT_OF_RANGE", "tiers[3].standard", "国办发〔2022〕27号"},
		{"lighter below the statutory minimum", func(c *Content) { c.Tiers[1].Standard.MinFen = yuan(3000) }, oilFume,
			"DISCRETION_TIER_OUT_OF_RANGE", "tiers[1].standard", "国办发〔2022〕27号"},
		{"mitigation above the statutory minimum", func(c *Content) { c.Tiers[0].Standard.MaxFen = yuan(6000) }, oilFume,
			"DISCRETION_TIER_OUT_OF_RANGE", "tiers[0].standard", "第三十二条"},
		{"mitigation without a condition", func(c *Content) { c.Tiers[0].Conditions = nil }, oilFume,
			"DISCRETION_MITIGATION_CONDITION_REQUIRED", "tiers[0].conditions", "第三十二条"},
		{"overlapping tiers", func(c *Content) { c.Tiers[1].Standard.MaxFen = yuan(20000) }, oilFume,
			"DISCRETION_TIER_ORDER", "tiers[2].standard", ""},
		{"disordered tiers", func(c *Content) {
			c.Tiers[3].Standard = fine(5000, 10000)
		}, oilFume, "DISCRETION_TIER_ORDER", "tiers[3].standard", ""},
		{"heavier only a warning", func(c *Content) { c.Tiers[3].Standard = warning() }, oilFume,
			"DISCRETION_TIER_ORDER", "tiers[3].standard", ""},
		{"unknown condition kind", func(c *Content) { c.Tiers[1].Conditions[0].Kind = "good_attitude" }, oilFume,
			"DISCRETION_CONDITION_UNKNOWN", "tiers[1].conditions[0].kind", ""},
		{"negative amount", func(c *Content) { c.Tiers[2].Standard.MinFen = -1 }, oilFume,
			"DISCRETION_AMOUNT_NEGATIVE", "tiers[2].standard.minFen", ""},
		{"min above max", func(c *Content) { c.Tiers[2].Standard.MinFen = yuan(40000) }, oilFume,
			"DISCRETION_RANGE_INVERTED", "tiers[2].standard.minFen", ""},
		{"unknown level", func(c *Content) { c.Tiers[2].Level = "严重" }, oilFume, "DISCRETION_LEVEL_UNKNOWN", "tiers[2].level", ""},
		{"unknown standard kind", func(c *Content) { c.Tiers[2].Standard.Kind = "daily" }, oilFume,
			"DISCRETION_STANDARD_KIND_UNKNOWN", "tiers[2].standard.kind", ""},
		{"harm condition without levels", func(c *Content) { c.Tiers[2].Conditions = conds(cond(CondHarm)) }, oilFume,
			"DISCRETION_CONDITION_INVALID", "tiers[2].conditions[0].harm", ""},
		{"general tier with conditions only", func(c *Content) { c.Tiers[2].Conditions = conds(harmIn(HarmGeneral)) }, oilFume,
			"DISCRETION_GENERAL_REQUIRED", "tiers", ""},
		{"a second rule without conditions", func(c *Content) { c.Tiers[3].Conditions = nil }, oilFume,
			"DISCRETION_TIER_UNREACHABLE", "tiers[3]", ""},
		{"no-penalty tier without a condition", func(c *Content) {
			c.Tiers = append(c.Tiers, tier(LevelNoPenalty, MatchAll, nil, Standard{}, ""))
		}, oilFume, "DISCRETION_CONDITION_REQUIRED", "tiers[4].conditions", "第三十三条"},
		{"a tier that can never apply", func(c *Content) {
			c.Tiers[0].Conditions = conds(firstOffence(), cond(CondCorrectedPromptly), note("主动消除或者减轻违法行为危害后果"))
		}, oilFume, "DISCRETION_TIER_UNREACHABLE", "tiers[0].conditions", ""},
		{"general not in the middle", func(c *Content) {
			c.Tiers[1].Standard.MaxFen = yuan(6000)
			c.Tiers[2].Standard = fine(6000, 20000)
		}, oilFume, "DISCRETION_TIER_RULE", "tiers[2].standard", "裁量阶次划分规则"},
		{"too few steps", func(c *Content) { c.Tiers = c.Tiers[2:3] }, oilFume, "DISCRETION_TIER_RULE", "tiers", ""},
		{"fine where the law has none", func(c *Content) {}, Statute{PenaltyKinds: []string{PenaltyWarning}},
			"DISCRETION_TIER_OUT_OF_RANGE", "tiers[0].standard", ""},
		{"warning where the law has none", func(c *Content) { c.Tiers[1].Standard = warning() }, oilFume,
			"DISCRETION_TIER_OUT_OF_RANGE", "tiers[1].standard", ""},
		{"mitigation under a maximum-only fine", func(c *Content) {
			c.Tiers = []Tier{tier(LevelMitigated, MatchAll, conds(note("x")), fine(10, 20), ""), tier(LevelGeneral, MatchAll, nil, fine(400, 600), "")}
		}, Statute{FineMaxFen: yuan(1000)}, "DISCRETION_MITIGATION_NOT_APPLICABLE", "tiers[0].standard", ""},
		{"multiple on the wrong base", func(c *Content) {
			c.Provisions = []Provision{{Key: "p", Label: "倍数", Range: Range{MultipleMinPct: 100, MultipleMaxPct: 300, MultipleBase: BaseIllegalGains}}}
			c.Tiers = []Tier{under("p", tier(LevelGeneral, MatchAll, nil, timesGoods(1, 3), ""))}
		}, Statute{MultipleMinPct: 100, MultipleMaxPct: 300, MultipleBase: BaseIllegalGains}, "DISCRETION_BASE_MISMATCH", "tiers[0].standard.base", ""},
		{"amount and multiple without provisions", func(c *Content) {}, Statute{FineMinFen: 1, FineMaxFen: 2, MultipleMaxPct: 100, MultipleBase: BaseGoodsValue},
			"DISCRETION_PROVISION_REQUIRED", "provisions", ""},
		{"provision outside the statute", func(c *Content) {
			c.Provisions = []Provision{{Key: "p", Label: "第一款", Range: Range{FineMinFen: yuan(1000), FineMaxFen: yuan(50000)}}}
			for i := range c.Tiers {
				c.Tiers[i].Provision = "p"
			}
		}, oilFume, "DISCRETION_PROVISION_OUT_OF_RANGE", "provisions[0].range", ""},
		{"tier of an unknown provision", func(c *Content) { c.Tiers[0].Provision = "p9" }, oilFume,
			"DISCRETION_PROVISION_UNKNOWN", "tiers[0].provision", ""},
		{"no-penalty weaker than the law", func(c *Content) { c.NoPenalty[0].Conditions = conds(firstOffence()) }, oilFume,
			"DISCRETION_NO_PENALTY_CONDITIONS", "noPenalty[0].conditions", "第三十三条"},
		{"minor no-penalty with harm", func(c *Content) {
			c.NoPenalty = []NoPenaltyEntry{{Kind: NoPenaltyMinor, Conditions: conds(cond(CondCorrectedPromptly), harmIn(HarmNone, HarmMinor))}}
		}, oilFume, "DISCRETION_NO_PENALTY_CONDITIONS", "noPenalty[0].conditions", ""},
		{"unknown no-penalty kind", func(c *Content) { c.NoPenalty[0].Kind = "轻微" }, oilFume,
			"DISCRETION_NO_PENALTY_KIND_UNKNOWN", "noPenalty[0].kind", ""},
		{"no-penalty tier with an amount", func(c *Content) {
			c.Tiers = append(c.Tiers, tier(LevelNoPenalty, MatchAll, conds(harmIn(HarmNone)), fine(10, 20), ""))
		}, oilFume, "DISCRETION_NO_PENALTY_AMOUNT", "tiers[4].standard.kind", ""},
		{"per-unit without a unit", func(c *Content) { c.Tiers[2].Standard = Standard{Kind: StdPerUnit, PerUnitMaxFen: 100} }, oilFume,
			"DISCRETION_STANDARD_INVALID", "tiers[2].standard.unit", ""},
		{"per-unit cap above the statute", func(c *Content) {
			c.Tiers[2].Standard = Standard{Kind: StdPerUnit, Unit: "平方米", PerUnitMinFen: 100, PerUnitMaxFen: 200, MaxFen: yuan(60000)}
		}, oilFume, "DISCRETION_TIER_OUT_OF_RANGE", "tiers[2].standard", ""},
		{"no tiers", func(c *Content) { c.Tiers = nil }, oilFume, "DISCRETION_TIERS_REQUIRED", "tiers", ""},
		{"bad harm level", func(c *Content) { c.Tiers[1].Conditions = conds(harmIn("catastrophic")) }, oilFume,
			"DISCRETION_CONDITION_INVALID", "tiers[1].conditions[0].harm", ""},
		{"inverted goods value", func(c *Content) {
			lo, hi := int64(500), int64(100)
			c.Tiers[1].Conditions = conds(Condition{Kind: CondGoodsValue, MinFen: &lo, MaxFen: &hi})
		}, oilFume, "DISCRETION_RANGE_INVERTED", "tiers[1].conditions[0].minFen", ""},
	}
	for _, tc := range cases {
		c := clone(oilFumeContent())
		tc.change(&c)
		err := validate(&c, tc.s, Strict())
		wantProblem(t, tc.name, err, tc.code, tc.field)
		if e := apperr.As(err); err != nil && tc.rule != "" && e.Code == tc.code && !strings.Contains(e.Rule, tc.rule) {
			t.Errorf("%s: rule %q does not cite %s", tc.name, e.Rule, tc.rule)
		}
	}
}

func TestValidateMaximumOnlyRules(t *testing.T) {
	road := Statute{PenaltyKinds: []string{PenaltyWarning, PenaltyFine}, FineMaxFen: yuan(1000)}
	ok := Content{Tiers: []Tier{
		tier(LevelLighter, MatchAll, conds(firstOffence()), fine(0, 200), ""),
		tier(LevelGeneral, MatchAll, nil, fine(400, 600), ""),
		tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), fine(600, 1000), ""),
	}}
	if err := validate(&ok, road, Strict()); err != nil {
		t.Fatal(err)
	}
	lighterTooHigh := clone(ok)
	lighterTooHigh.Tiers[0].Standard.MaxFen = yuan(300)
	wantProblem(t, "lighter above 20%", validate(&lighterTooHigh, road, Strict()), "DISCRETION_TIER_RULE", "tiers[0].standard")
	generalLow := clone(ok)
	generalLow.Tiers[1].Standard.MinFen = yuan(300)
	wantProblem(t, "general below 40%", validate(&generalLow, road, Strict()), "DISCRETION_TIER_RULE", "tiers[1].standard")
	// A county that relaxes the percentage accepts the same tiers.
	relaxed := Strict()
	relaxed.GeneralMinPct = 30
	if err := validate(&generalLow, road, relaxed); err != nil {
		t.Fatalf("relaxed rules: %v", err)
	}
	// The national default only warns: the tiers are kept with the warning, which cites its source.
	warnings, err := Validate(&generalLow, road, National())
	if err != nil || len(warnings) != 1 || warnings[0].Code != "DISCRETION_TIER_RULE" || warnings[0].Field != "tiers[1].standard" ||
		!strings.Contains(warnings[0].Message, "提醒") || !strings.Contains(warnings[0].Message, "全国默认值") {
		t.Fatalf("national: %+v, %v", warnings, err)
	}
	// A jurisdiction that turns the check off hears nothing.
	off := National()
	off.MaxOnlyCheck = ModeOff
	if warnings, err := Validate(&generalLow, road, off); err != nil || len(warnings) != 0 {
		t.Fatalf("off: %+v, %v", warnings, err)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := oilFumeContent()
	c.Tiers[0].Conditions = nil
	c.Tiers[2].Standard.MinFen = -5
	c.Tiers[1].Conditions[0].Kind = "nope"
	err := validate(&c, oilFume, Strict())
	e := apperr.As(err)
	if len(e.Details) != 3 || e.Code != "DISCRETION_MITIGATION_CONDITION_REQUIRED" || e.Field != "tiers[0].conditions" {
		t.Fatalf("%v: %+v", err, e.Details)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
