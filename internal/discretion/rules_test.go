package discretion

import (
	"testing"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

// The rules in force say where they come from, as validation cites them.
func TestEffectiveRules(t *testing.T) {
	national := settings.Value[Splitting]{Value: NationalSplitting(), Source: settings.Source{RegionName: settings.NationalName}, Basis: NationalBasis}
	eff := effectiveRules("371521100000", national)
	if eff.Source != SourceNational || eff.SourceName != "全国默认" || eff.Rules != National() || eff.RegionCode != "371521100000" ||
		eff.ruleText() != "裁量阶次划分规则："+NationalBasis {
		t.Fatalf("national: %+v", eff)
	}
	county := NationalSplitting()
	county.GeneralMinPct = 30
	eff = effectiveRules("371521100000", settings.Value[Splitting]{Value: county,
		Source: settings.Source{RegionCode: "371521000000", RegionName: "阳谷县"}, Basis: "阳谷县裁量基准制定规则"})
	if eff.Source != "371521000000" || eff.SourceName != "阳谷县" || eff.GeneralMinPct != 30 || eff.ruleText() != "裁量阶次划分规则：阳谷县裁量基准制定规则" {
		t.Fatalf("county: %+v", eff)
	}
	if (Rules{Splitting: county}).ruleText() != "裁量阶次划分规则（本辖区配置）" {
		t.Error("rules without a basis")
	}
}

func TestRulesCheck(t *testing.T) {
	ok := National()
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		change func(r *Rules)
		field  string
	}{
		{func(r *Rules) { r.MinSteps = 0 }, "minSteps"},
		{func(r *Rules) { r.MinSteps = 4 }, "minSteps"},
		{func(r *Rules) { r.RangeLowPct = 60 }, "rangeLowPct"},
		{func(r *Rules) { r.RangeHighPct = 40 }, "rangeHighPct"},
		{func(r *Rules) { r.RangeHighPct = 100 }, "rangeHighPct"},
		{func(r *Rules) { r.LighterMaxPct = -1 }, "lighterMaxPct"},
		{func(r *Rules) { r.GeneralMinPct = 10 }, "generalMinPct"},
		{func(r *Rules) { r.GeneralMaxPct = 30 }, "generalMaxPct"},
	}
	for _, c := range cases {
		r := National()
		c.change(&r)
		err := r.Check()
		if e := apperr.As(err); err == nil || e.Field != c.field || e.Code != "DISCRETION_RULES_INVALID" {
			t.Errorf("%+v: %v, want an error on %s", r, err, c.field)
		}
	}
}
