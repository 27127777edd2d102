package cases

import (
	"strings"
	"testing"
)

func TestAnnualFiguresCountTheYearsEventsOnly(t *testing.T) {
	st := &State{Procedure: Ordinary, Filed: mustDate("2025-12-20"), Exercise: Exercise{Domain: "城市管理"},
		Decision: &Decision{Date: mustDate("2026-01-10"), Outcome: OutcomePenalty, Penalties: []Penalty{
			{Kinds: []string{KindWarning, KindFine}, FineFen: 5000_00},
			{Kinds: []string{KindFine, KindConfiscate}, FineFen: 2000_00, ConfiscateFen: 300_00}}},
		Measures: []Measure{{Kind: MeasureSeize, Decided: mustDate("2025-12-22")}, {Kind: MeasureSeal, Decided: mustDate("2026-02-01")}},
		Records:  []Record{{Kind: RecordInspection, Date: mustDate("2025-12-21")}, {Kind: RecordInquiry, Date: mustDate("2026-01-02")}},
		Remedies: []Remedy{{Kind: RemedyReconsideration, Filed: mustDate("2026-02-01"), Decided: mustDate("2026-03-01"), Outcome: RemedyVaried}},
	}
	count := func(year int) Annual {
		a := Annual{Year: year}
		kinds, domains, bodies := map[string]*Count{}, map[string]*Count{}, map[string]*Count{}
		countYear(&a, st, "阳谷县综合行政执法局", kinds, domains, bodies)
		a.ByKind, a.ByDomain, a.ByBody = sorted(kinds), sorted(domains), sorted(bodies)
		return a
	}
	y25, y26 := count(2025), count(2026)
	if y25.Totals.Filed != 1 || y25.Totals.Penalties != 0 || y25.Totals.Seized != 1 || y25.Totals.Inspections != 1 {
		t.Errorf("2025: %+v", y25.Totals)
	}
	tt := y26.Totals
	if tt.Penalties != 1 || tt.FineFen != 7000_00 || tt.ConfiscateFen != 300_00 || tt.Sealed != 1 || tt.Inspections != 0 ||
		tt.Reconsiderations != 1 || tt.Changed != 1 || tt.Filed != 0 {
		t.Errorf("2026: %+v", tt)
	}
	// a decision with two parties fined counts once per kind
	var fine Count
	for _, c := range y26.ByKind {
		if c.Name == KindFine {
			fine = c
		}
	}
	if fine.Count != 1 || fine.FineFen != 7000_00 || len(y26.ByBody) != 1 || y26.ByBody[0].FineFen != 7000_00 || y26.ByDomain[0].Name != "城市管理" {
		t.Errorf("breakdowns: %+v %+v %+v", y26.ByKind, y26.ByBody, y26.ByDomain)
	}
}

func TestTheConsoleWarnsFromFirstJanuaryUntilPublished(t *testing.T) {
	for _, c := range []struct {
		day       string
		published bool
		want      string
	}{
		{"2026-12-31", false, ""},
		{"2027-01-01", false, "须于2027年1月31日前公开"},
		{"2027-01-31", false, "须于2027年1月31日前公开"},
		{"2027-02-01", false, "已逾期"},
		{"2027-01-15", true, ""},
	} {
		got := AnnualWarning(2026, mustDate(c.day), c.published)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s published=%v: %q, want %q", c.day, c.published, got, c.want)
		}
	}
}
