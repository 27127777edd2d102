package reform

import (
	"testing"

	"zhifa/internal/org"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

func TestRatioChecks(t *testing.T) {
	r := National()
	cases := []struct {
		name     string
		check    Check
		value    float64
		pass     bool
		num, den int
	}{
		{"frontline exactly 85%", FrontlineShare(85, 100, r), 0.85, true, 85, 100},
		{"frontline 84%", FrontlineShare(84, 100, r), 0.84, false, 84, 100},
		{"frontline 17 of 20", FrontlineShare(17, 20, r), 0.85, true, 17, 20},
		{"frontline 6 of 7", FrontlineShare(6, 7, r), 0.8571, true, 6, 7},
		{"frontline 5 of 6", FrontlineShare(5, 6, r), 0.8333, false, 5, 6},
		{"frontline nobody", FrontlineShare(0, 0, r), 0, false, 0, 0},
		{"sunk exactly 80%", SunkShare(8, 10, r), 0.8, true, 8, 10},
		{"sunk 79 of 100", SunkShare(79, 100, r), 0.79, false, 79, 100},
		{"sunk all", SunkShare(3, 3, r), 1, true, 3, 3},
		{"sunk with a county threshold of 60%", SunkShare(6, 10, Thresholds{SunkMinPct: 60}), 0.6, true, 6, 10},
	}
	for _, c := range cases {
		ch := c.check
		if ch.Value != c.value || ch.Pass != c.pass || *ch.Numerator != c.num || *ch.Denominator != c.den ||
			ch.Unit != UnitRatio || !ch.Applies {
			t.Errorf("%s: %+v (num %d den %d)", c.name, ch, *ch.Numerator, *ch.Denominator)
		}
	}
	if ch := FrontlineShare(0, 0, r); ch.Note == "" {
		t.Error("an empty bureau gives no reason")
	}
	// The demo county's bureau (局队合一): 306 front-line people, 12 of them 编外 assistants, so 294
	// front-line staff holding posts, over an approved quota of 25 + 300 + 40 = 365 → 80.5 %, which
	// fails the 85 % rule. The old reading, 306 of the 346 people in post, passed at 88.4 %.
	if ch := FrontlineShare(294, 365, r); ch.Value != 0.8055 || ch.Pass || ch.NumeratorLabel == "" || ch.DenominatorLabel == "" {
		t.Errorf("demo bureau: %+v", ch)
	}
	if got := FrontlineShare(1, 1, r); got.Threshold != 0.85 ||
		got.Rule != "县级综合行政执法机构一线执法人员不低于编制总数的85%（绍兴经验，可按辖区配置）" {
		t.Errorf("frontline threshold %v, rule %q", got.Threshold, got.Rule)
	}
	if got := SunkShare(1, 1, r); got.Threshold != 0.8 || got.Rule != "区级执法力量下沉乡镇比例不低于80%（武进经验，可按辖区配置）" {
		t.Errorf("sunk threshold %v, rule %q", got.Threshold, got.Rule)
	}
}

func TestTownshipMinimum(t *testing.T) {
	r := National()
	cases := []struct {
		enforcers int
		class     string
		threshold float64
		pass      bool
	}{
		{8, org.TownshipKey, 8, true},
		{7, org.TownshipKey, 8, false},
		{3, org.TownshipOrdinary, 3, true},
		{2, org.TownshipOrdinary, 3, false},
		{3, "", 3, true}, // an unclassified township is ordinary
		{0, org.TownshipOrdinary, 3, false},
	}
	for _, c := range cases {
		ch := TownshipMinimum(c.enforcers, c.class, r)
		if ch.Value != float64(c.enforcers) || ch.Threshold != c.threshold || ch.Pass != c.pass || ch.Unit != UnitCount || ch.Numerator != nil ||
			ch.NumeratorLabel != TownshipCountLabel {
			t.Errorf("TownshipMinimum(%d, %q) = %+v", c.enforcers, c.class, ch)
		}
	}
	if ch := TownshipMinimum(5, org.TownshipKey, Thresholds{KeyTownshipMin: 5, OrdinaryTownshipMin: 2}); !ch.Pass || ch.Threshold != 5 {
		t.Errorf("configured key minimum of 5: %+v", ch)
	}
}

func TestEvaluateApplicability(t *testing.T) {
	eff := effectiveOf("371521000000", national())
	cases := []struct {
		kind                      org.Kind
		ownQuota                  int
		frontline, township, sunk bool
	}{
		{org.KindBureau, 10, true, false, true},
		{org.KindBureau, 0, true, false, true}, // a bureau answers for its subtree's quota even with none of its own
		{org.KindBrigade, 10, true, false, false},
		{org.KindBrigade, 0, false, false, false}, // 局队合一: no quota of its own, the bureau answers for it
		{org.KindSquadron, 10, true, false, false},
		{org.KindSquadron, 0, false, false, false},
		{org.KindTownshipOffice, 10, false, true, false},
		{org.KindDepartment, 10, false, false, false},
		{org.KindPolice, 10, false, false, false},
	}
	for _, c := range cases {
		checks := Evaluate(c.kind, "", Counts{OwnQuota: c.ownQuota, Quota: 10, FrontlinePosted: 9, Force: 10, Sunk: 9, Enforcers: 4}, eff)
		if len(checks) != 3 || checks[0].Key != KeyFrontlineShare || checks[1].Key != KeyTownshipMinimum || checks[2].Key != KeySunkShare {
			t.Fatalf("%s: checks %+v", c.kind, checks)
		}
		for i, want := range []bool{c.frontline, c.township, c.sunk} {
			ch := checks[i]
			if ch.Applies != want {
				t.Errorf("%s %s: applies %v, want %v", c.kind, ch.Key, ch.Applies, want)
			}
			if !ch.Applies && (ch.Note == "" || ch.Pass || ch.Rule == "") {
				t.Errorf("%s %s: not applicable without a note and rule: %+v", c.kind, ch.Key, ch)
			}
			if ch.Applies && !ch.Pass {
				t.Errorf("%s %s: should pass with these counts: %+v", c.kind, ch.Key, ch)
			}
		}
	}
}

func national() settings.Value[Thresholds] {
	return settings.Value[Thresholds]{Value: National(), Source: settings.Source{RegionName: settings.NationalName}, Basis: NationalBasis}
}

// The checks say where their thresholds come from, in the words they always used.
func TestEvaluateNamesTheSource(t *testing.T) {
	counts := Counts{OwnQuota: 10, Quota: 10, FrontlinePosted: 9, Force: 10, Sunk: 9}
	eff := effectiveOf("371521100000", national())
	if eff.Source != SourceNational || eff.SourceName != "全国默认" || eff.Thresholds != National() || eff.Basis != NationalBasis {
		t.Fatalf("national: %+v", eff)
	}
	if ch := Evaluate(org.KindBureau, "", counts, eff)[0]; ch.Note != "阈值采用全国默认值" {
		t.Errorf("national note %q", ch.Note)
	}
	county := settings.Value[Thresholds]{Value: Thresholds{FrontlineMinPct: 80, KeyTownshipMin: 6, OrdinaryTownshipMin: 3, SunkMinPct: 60},
		Source: settings.Source{RegionCode: "371521000000", RegionName: "阳谷县"}, Basis: "阳政办发〔2024〕3号", UpdatedAt: "2026-05-10T02:00:00.000Z"}
	eff = effectiveOf("371521100000", county)
	if eff.Source != "371521000000" || eff.SourceName != "阳谷县" || eff.RegionCode != "371521100000" || eff.FrontlineMinPct != 80 {
		t.Fatalf("county: %+v", eff)
	}
	ch := Evaluate(org.KindBureau, "", counts, eff)[0]
	if ch.Note != "阈值采用阳谷县（371521000000）的辖区配置，依据：阳政办发〔2024〕3号" || ch.Threshold != 0.8 ||
		ch.Rule != "县级综合行政执法机构一线执法人员不低于编制总数的80%（绍兴经验，可按辖区配置）" {
		t.Errorf("county check %+v", ch)
	}
}

func TestThresholdsCheck(t *testing.T) {
	ok := Thresholds{FrontlineMinPct: 100, KeyTownshipMin: 0, OrdinaryTownshipMin: 0, SunkMinPct: 0}
	if err := ok.Check(); err != nil {
		t.Fatalf("valid thresholds: %v", err)
	}
	cases := []struct {
		r     Thresholds
		code  string
		field string
	}{
		{Thresholds{FrontlineMinPct: 101}, "REFORM_PCT_INVALID", "frontlineMinPct"},
		{Thresholds{FrontlineMinPct: -1}, "REFORM_PCT_INVALID", "frontlineMinPct"},
		{Thresholds{SunkMinPct: 150}, "REFORM_PCT_INVALID", "sunkMinPct"},
		{Thresholds{KeyTownshipMin: -1}, "REFORM_MIN_INVALID", "keyTownshipMin"},
		{Thresholds{OrdinaryTownshipMin: -3}, "REFORM_MIN_INVALID", "ordinaryTownshipMin"},
		{Thresholds{KeyTownshipMin: MaxTownshipMin + 1}, "REFORM_MIN_INVALID", "keyTownshipMin"},
	}
	for _, c := range cases {
		err := c.r.Check()
		if e := apperr.As(err); err == nil || e.Code != c.code || e.Field != c.field {
			t.Errorf("%+v: %v, want %s on %s", c.r, err, c.code, c.field)
		}
	}
}
