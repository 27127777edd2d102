package discretion

import (
	"strconv"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

// The rules in force say where they come from, as validation cites them.
func TestRulesFrom(t *testing.T) {
	nationalLabels := settings.Value[Labels]{Value: Labels{Labels: NationalLabels}, Source: settings.Source{RegionName: settings.NationalName}, Basis: LabelsBasis}
	national := settings.Value[Splitting]{Value: NationalSplitting(), Source: settings.Source{RegionName: settings.NationalName}, Basis: NationalBasis}
	r := rulesFrom(national, nationalLabels, DefaultBases)
	if r.Source != SourceNational || r.SourceName != "全国默认" || r.Splitting != NationalSplitting() || r.sourceText() != "全国默认值" ||
		r.ruleText() != "裁量阶次划分规则，"+NationalBasis || len(r.Labels) != 11 || !strings.HasPrefix(r.LabelsSource, "全国默认") {
		t.Fatalf("national: %+v", r)
	}
	if r.Midpoint != ModeOff {
		t.Error("国办发〔2022〕27号 sets no midpoint rule: the national default must not check it")
	}
	county := StrictSplitting()
	r = rulesFrom(settings.Value[Splitting]{Value: county, Source: settings.Source{RegionCode: "371521000000", RegionName: "阳谷县"},
		Basis: "阳政办发〔2024〕3号"}, settings.Value[Labels]{Value: Labels{Labels: "情节较轻、情节严重"},
		Source: settings.Source{RegionCode: "371500000000", RegionName: "聊城市"}, Basis: "聊政办发〔2023〕9号"}, []string{"违法所得", "赔偿额"})
	if r.Source != "371521000000" || r.SourceName != "阳谷县" || r.Midpoint != ModeError ||
		r.ruleText() != "裁量阶次划分规则（阳谷县设置，依据：阳政办发〔2024〕3号）" || r.sourceText() != "阳谷县的设置，依据：阳政办发〔2024〕3号" ||
		r.LabelsSource != "聊城市（依据：聊政办发〔2023〕9号）" || len(r.Bases) != 2 {
		t.Fatalf("county: %+v", r)
	}
}

func TestSplittingCheck(t *testing.T) {
	ok := NationalSplitting()
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	// The modes may be typed in Chinese; they are kept as codes.
	words := NationalSplitting()
	words.Midpoint, words.OrderCheck = "拒绝", " 提醒 "
	if err := words.Check(); err != nil || words.Midpoint != ModeError || words.OrderCheck != ModeWarning {
		t.Fatalf("%+v, %v", words, err)
	}
	cases := []struct {
		change func(r *Splitting)
		field  string
	}{
		{func(r *Splitting) { r.Midpoint = "maybe" }, "midpoint"},
		{func(r *Splitting) { r.MinStepsCheck = "" }, "minStepsCheck"},
		{func(r *Splitting) { r.MaxOnlyCheck = "strict" }, "maxOnlyCheck"},
		{func(r *Splitting) { r.OrderCheck = "on" }, "orderCheck"},
		{func(r *Splitting) { r.MinSteps = 0 }, "minSteps"},
		{func(r *Splitting) { r.MinSteps = 4 }, "minSteps"},
		{func(r *Splitting) { r.RangeLowPct = 60 }, "rangeLowPct"},
		{func(r *Splitting) { r.RangeHighPct = 40 }, "rangeHighPct"},
		{func(r *Splitting) { r.RangeHighPct = 100 }, "rangeHighPct"},
		{func(r *Splitting) { r.LighterMaxPct = -1 }, "lighterMaxPct"},
		{func(r *Splitting) { r.GeneralMinPct = 10 }, "generalMinPct"},
		{func(r *Splitting) { r.GeneralMaxPct = 30 }, "generalMaxPct"},
	}
	for _, c := range cases {
		r := NationalSplitting()
		c.change(&r)
		err := r.Check()
		if e := apperr.As(err); err == nil || e.Field != c.field || e.Code != "DISCRETION_RULES_INVALID" {
			t.Errorf("%+v: %v, want an error on %s", r, err, c.field)
		}
	}
}

func TestLabelsCheck(t *testing.T) {
	l := Labels{Labels: " 情节轻微，情节较重、情节较重;情节严重\n从重处罚 "}
	if err := l.Check(); err != nil || l.Labels != "情节轻微、情节较重、情节严重、从重处罚" || len(l.List()) != 4 {
		t.Fatalf("%+v, %v", l, err)
	}
	var many []string
	for i := range 41 {
		many = append(many, "情节"+strconv.Itoa(i))
	}
	for _, bad := range []string{"", "、、", strings.Repeat("长", 21), strings.Join(many, "、")} {
		l := Labels{Labels: bad}
		if err := l.Check(); !apperr.Is(err, "DISCRETION_RULES_INVALID") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
