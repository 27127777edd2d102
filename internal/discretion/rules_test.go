package discretion

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestLookupRules(t *testing.T) {
	province := National()
	province.MinSteps = 2
	county := National()
	county.GeneralMinPct = 30
	rows := []RuleRow{{RegionCode: "370000000000", Rules: province}, {RegionCode: "371521000000", Rules: county}}
	cases := []struct {
		code, source string
		minSteps     int
		generalMin   int
	}{
		{"371521100000", "371521000000", 3, 30}, // a township: its county's rules
		{"371521000000", "371521000000", 3, 30},
		{"371522000000", "370000000000", 2, 40}, // another county: the province's
		{"440000000000", SourceNational, 3, 40}, // another province: national defaults
		{"", SourceNational, 3, 40},
	}
	for _, c := range cases {
		got := LookupRules(c.code, rows)
		if got.Source != c.source || got.MinSteps != c.minSteps || got.GeneralMinPct != c.generalMin || got.RegionCode != c.code {
			t.Errorf("LookupRules(%q) = %+v", c.code, got)
		}
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
