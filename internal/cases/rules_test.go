package cases

import (
	"strings"
	"testing"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
)

func d(s string) civil.Date {
	v, ok := civil.Parse(s)
	if !ok {
		panic(s)
	}
	return v
}

var table = calendar.NewTable(calendar.Builtin()...)

func TestSimpleProcedureLimits(t *testing.T) {
	cases := []struct {
		name  string
		party PartyType
		p     Penalty
		code  string
	}{
		{"warning", NaturalPerson, Penalty{Kinds: []string{KindWarning}}, ""},
		{"200 yuan on a citizen", NaturalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 200_00}, ""},
		{"200.01 yuan on a citizen", NaturalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 200_01}, "CASE_SIMPLE_LIMIT"},
		{"3,000 yuan on a company", LegalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 3000_00}, ""},
		{"3,000 yuan on an individual business", OtherOrg, Penalty{Kinds: []string{KindFine}, FineFen: 3000_00}, ""},
		{"3,001 yuan on a company", LegalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 3001_00}, "CASE_SIMPLE_LIMIT"},
		{"confiscation is not for the spot", NaturalPerson, Penalty{Kinds: []string{KindConfiscate}}, "CASE_SIMPLE_KIND"},
		{"a fine without an amount", NaturalPerson, Penalty{Kinds: []string{KindFine}}, "CASE_FINE_MISMATCH"},
	}
	for _, c := range cases {
		err := CheckSimple(c.party, c.p)
		if c.code == "" && err != nil || c.code != "" && !apperr.Is(err, c.code) {
			t.Errorf("%s: %v, want %q", c.name, err, c.code)
		}
		if err != nil && !strings.Contains(apperr.As(err).Rule, "第五十一条") && c.code != "CASE_FINE_MISMATCH" {
			t.Errorf("%s: rule %q does not cite art. 51", c.name, apperr.As(err).Rule)
		}
	}
	if err := CheckOnSpotCollection(100_00, ""); err != nil {
		t.Errorf("100 yuan on the spot: %v", err)
	}
	if err := CheckOnSpotCollection(100_01, ""); !apperr.Is(err, "CASE_ON_SPOT_NOT_ALLOWED") {
		t.Errorf("100.01 yuan on the spot without hardship: %v", err)
	}
	if err := CheckOnSpotCollection(150_00, "边远地区，当事人提出"); err != nil {
		t.Errorf("hardship: %v", err)
	}
}

func TestHearingRight(t *testing.T) {
	th := NationalHearing()
	cases := []struct {
		name  string
		party PartyType
		p     Penalty
		want  bool
	}{
		{"4,999.99 yuan on a citizen", NaturalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 4999_99}, false},
		{"5,000 yuan on a citizen", NaturalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 5000_00}, true},
		{"50,000 yuan on a company", LegalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 50000_00}, false},
		{"100,000 yuan on a company", LegalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 100000_00}, true},
		{"licence revoked", LegalPerson, Penalty{Kinds: []string{"吊销许可证件"}}, true},
		{"suspension of business", OtherOrg, Penalty{Kinds: []string{KindFine, "责令停产停业"}, FineFen: 100}, true},
		{"5,000 yuan of illegal gains from a citizen", NaturalPerson, Penalty{Kinds: []string{KindConfiscate}, ConfiscateFen: 5000_00}, true},
		{"warning", NaturalPerson, Penalty{Kinds: []string{KindWarning}}, false},
	}
	for _, c := range cases {
		if got, why := HearingRight(c.party, c.p, th); got != c.want || got && why == "" {
			t.Errorf("%s: %v %q, want %v", c.name, got, why, c.want)
		}
	}
	// A province that sets 10,000 yuan for citizens.
	local := th
	local.PersonFineFen = 10000_00
	if got, _ := HearingRight(NaturalPerson, Penalty{Kinds: []string{KindFine}, FineFen: 5000_00}, local); got {
		t.Error("5,000 yuan under a 10,000 yuan threshold gave a hearing right")
	}
}

func TestLimitation(t *testing.T) {
	cases := []struct {
		name            string
		act, end, found string
		serious         bool
		ok              bool
	}{
		{"found on the last day of two years", "2022-03-15", "", "2024-03-15", false, true},
		{"found a day late", "2022-03-15", "", "2024-03-16", false, false},
		{"a continuing act counts from its end", "2021-01-10", "2023-05-01", "2025-04-30", false, true},
		{"five years where health was harmed", "2020-06-01", "", "2025-05-30", true, true},
		{"beyond five years", "2020-06-01", "", "2025-06-02", true, false},
		{"leap day", "2024-02-29", "", "2026-02-28", false, true},
	}
	for _, c := range cases {
		err := CheckLimitation(d(c.act), dateOr(c.end), d(c.found), c.serious)
		if c.ok != (err == nil) {
			t.Errorf("%s: %v", c.name, err)
		}
		if err != nil && !strings.Contains(apperr.As(err).Rule, "第三十六条") {
			t.Errorf("%s: rule %q", c.name, apperr.As(err).Rule)
		}
	}
}

func dateOr(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	return d(s)
}

func TestLatePenalty(t *testing.T) {
	due := d("2025-03-10")
	cases := []struct {
		day    string
		paused int
		want   civil.Fen
	}{
		{"2025-03-10", 0, 0},        // on the last day: nothing
		{"2025-03-11", 0, 300_00},   // one day: 3 % of 10,000
		{"2025-03-20", 0, 3000_00},  // ten days
		{"2025-04-30", 0, 10000_00}, // 51 days: capped at the fine
		{"2025-03-20", 10, 0},       // ten days under reconsideration: paused
		{"2025-03-25", 10, 1500_00}, // fifteen days, ten paused
	}
	for _, c := range cases {
		if got := LatePenalty(10000_00, due, d(c.day), c.paused); got != c.want {
			t.Errorf("%s paused %d: %s, want %s", c.day, c.paused, got.Yuan(), c.want.Yuan())
		}
	}
}

func TestCertificatesOnTheDay(t *testing.T) {
	good := OfficerInfo{Name: "甲", Certificates: []Certificate{{Domains: []string{"城市管理"}, From: d("2024-01-01"), To: d("2028-12-31")}}}
	comp := OfficerInfo{Name: "乙", Certificates: []Certificate{{Domains: []string{DomainComprehensive}, From: d("2024-01-01"), To: d("2028-12-31")}}}
	expired := OfficerInfo{Name: "丙", Certificates: []Certificate{{Domains: []string{"城市管理"}, From: d("2020-01-01"), To: d("2025-05-31")}}}
	market := OfficerInfo{Name: "丁", Certificates: []Certificate{{Domains: []string{"市场监管"}, From: d("2024-01-01"), To: d("2028-12-31")}}}
	day := d("2025-06-01")
	if err := CheckOfficers("o", []OfficerInfo{good, comp}, "城市管理", day); err != nil {
		t.Errorf("two qualified: %v", err)
	}
	for name, os := range map[string][]OfficerInfo{"one": {good}, "expired": {good, expired}, "wrong domain": {good, market}} {
		err := CheckOfficers("o", os, "城市管理", day)
		if !apperr.Is(err, "CASE_OFFICERS_UNQUALIFIED") || !strings.Contains(apperr.As(err).Rule, "第四十二条") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The expired certificate was valid on the day of an earlier step.
	if err := CheckOfficers("o", []OfficerInfo{good, expired}, "城市管理", d("2025-05-31")); err != nil {
		t.Errorf("on the last day of validity: %v", err)
	}
}

func TestFineAgainstStatuteAndBenchmark(t *testing.T) {
	ex := Exercise{ItemName: "占道经营", PenaltyKinds: []string{KindWarning, KindFine}, FineMinFen: 2000_00, FineMaxFen: 20000_00}
	fine := func(f civil.Fen) Penalty { return Penalty{Kinds: []string{KindFine}, FineFen: f} }
	if err := CheckFine("p", fine(20000_00), ex); err != nil {
		t.Errorf("the statutory maximum: %v", err)
	}
	if err := CheckFine("p", fine(20000_01), ex); !apperr.Is(err, "CASE_FINE_ABOVE_STATUTE") {
		t.Errorf("above: %v", err)
	}
	if err := CheckFine("p", fine(1000_00), ex); !apperr.Is(err, "CASE_FINE_BELOW_STATUTE") {
		t.Errorf("below without a reason: %v", err)
	}
	mitigated := fine(1000_00)
	mitigated.Departure = "主动消除违法行为危害后果，依法减轻处罚（行政处罚法第三十二条第（一）项）"
	if err := CheckFine("p", mitigated, ex); err != nil {
		t.Errorf("mitigated with its reason: %v", err)
	}
	if err := CheckFine("p", Penalty{Kinds: []string{"吊销许可证件"}}, ex); !apperr.Is(err, "CASE_PENALTY_KIND_NOT_ALLOWED") {
		t.Errorf("a kind the statute does not give: %v", err)
	}
	tier := Penalty{Kinds: []string{KindFine}, FineFen: 9000_00, BenchmarkID: "b", Tier: "一般", TierMinFen: 5000_00, TierMaxFen: 8000_00}
	if err := CheckFine("p", tier, ex); !apperr.Is(err, "CASE_OUTSIDE_BENCHMARK") {
		t.Errorf("outside the tier without a reason: %v", err)
	}
	tier.Departure = "违法行为持续时间长，社会影响较大"
	if err := CheckFine("p", tier, ex); err != nil {
		t.Errorf("outside the tier with a reason: %v", err)
	}
	// A tier that only warns: any fine leaves it; a warning alone where the tier fines leaves it too.
	warn := Penalty{Kinds: []string{KindWarning, KindFine}, FineFen: 2000_00, BenchmarkID: "b", Tier: "从轻处罚"}
	if err := CheckFine("p", warn, ex); !apperr.Is(err, "CASE_OUTSIDE_BENCHMARK") || !strings.Contains(apperr.As(err).Message, "不处罚款") {
		t.Errorf("a fine in a tier without one: %v", err)
	}
	only := Penalty{Kinds: []string{KindWarning}, BenchmarkID: "b", Tier: "一般", TierMinFen: 5000_00, TierMaxFen: 8000_00}
	if err := CheckFine("p", only, ex); !apperr.Is(err, "CASE_OUTSIDE_BENCHMARK") {
		t.Errorf("no fine where the tier fines: %v", err)
	}
	inside := Penalty{Kinds: []string{KindFine}, FineFen: 8000_00, BenchmarkID: "b", Tier: "一般", TierMinFen: 5000_00, TierMaxFen: 8000_00}
	if err := CheckFine("p", inside, ex); err != nil {
		t.Errorf("the tier's maximum: %v", err)
	}
	// 警告，并处罚款: leaving out the warning departs from the tier too.
	inside.TierWarning = true
	if err := CheckFine("p", inside, ex); !apperr.Is(err, "CASE_OUTSIDE_BENCHMARK") || apperr.As(err).Field != "p.kinds" {
		t.Errorf("a fine without the tier's warning: %v", err)
	}
	inside.Kinds = []string{KindWarning, KindFine}
	if err := CheckFine("p", inside, ex); err != nil {
		t.Errorf("warning and fine: %v", err)
	}
}

func TestNotHeavierThanNotified(t *testing.T) {
	notified := []Penalty{{PartyID: "a", Kinds: []string{KindFine}, FineFen: 5000_00}}
	if err := CheckNotHeavier([]Penalty{{PartyID: "a", Kinds: []string{KindFine}, FineFen: 4000_00}}, notified); err != nil {
		t.Errorf("lighter: %v", err)
	}
	for name, p := range map[string]Penalty{
		"a larger fine":    {PartyID: "a", Kinds: []string{KindFine}, FineFen: 5000_01},
		"another kind":     {PartyID: "a", Kinds: []string{KindFine, "责令停产停业"}, FineFen: 5000_00},
		"a party not told": {PartyID: "b", Kinds: []string{KindWarning}},
	} {
		if err := CheckNotHeavier([]Penalty{p}, notified); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// filedState is a case filed on a day with one officer, for the deadline tables.
func filedState(filed string) *State {
	f := d(filed)
	return &State{Procedure: Ordinary, ActDate: f.AddDays(-3), Opened: f, Filed: f, Filing: &Approval{Date: f, Approved: true}}
}

func deadline(t *testing.T, st *State, key, day string) Deadline {
	t.Helper()
	ds, err := Deadlines(st, table, NationalLimits(), d(day))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ds {
		if x.Key == key {
			return x
		}
	}
	t.Fatalf("no deadline %s in %+v", key, ds)
	return Deadline{}
}

func TestDeadlinesAcrossHolidays(t *testing.T) {
	// Decision limit: 90 days from filing, the last day moved past a day of rest.
	st := filedState("2025-07-04") // + 90 days = 2025-10-02, inside the National Day holiday (10-01 to 10-08)
	dl := deadline(t, st, "decision", "2025-07-10")
	if dl.Due != d("2025-10-09") || !strings.Contains(dl.Explain, "顺延") {
		t.Errorf("decision limit across National Day: %s %s", dl.Due, dl.Explain)
	}
	// A testing period of 12 days does not count.
	st.Suspended = []Suspension{{ID: "s", Kind: SuspendTesting, From: d("2025-08-01"), To: d("2025-08-13")}}
	dl = deadline(t, st, "decision", "2025-09-01")
	if dl.Due != d("2025-10-14") || !strings.Contains(dl.Explain, "12日不计入") {
		t.Errorf("with 12 days of testing: %s %s", dl.Due, dl.Explain)
	}
	// Notice served on the Friday before the Spring Festival of 2025 (01-28 to 02-04, with the
	// Sundays 01-26 and 02-08 worked): statement 5 working days, hearing request 5 working days.
	st = filedState("2024-12-02")
	st.Report = &Report{Date: d("2025-01-20"), Outcome: OutcomePenalty}
	st.Review = &Review{Approval: Approval{Date: d("2025-01-21"), Approved: true}, Outcome: OutcomePenalty}
	st.Notice = &Notice{Date: d("2025-01-24"), HearingRight: true}
	dl = deadline(t, st, "hearing_request", "2025-01-24")
	// 01-26 (Sun, worked), 01-27, then 01-28…02-04 off, 02-05, 02-06, 02-07 → 5th working day 02-07.
	if dl.Due != d("2025-02-07") || !strings.Contains(dl.Explain, "春节") {
		t.Errorf("hearing request across the Spring Festival: %s %s", dl.Due, dl.Explain)
	}
	stage, err := DeriveStage(st, table, NationalLimits(), d("2025-02-06"))
	if err != nil || stage != StageDefence {
		t.Errorf("inside the period: %s %v", stage, err)
	}
	if err := Allowed(StepDecide, st, table, NationalLimits(), d("2025-02-06")); !apperr.Is(err, "CASE_DEFENCE_PERIOD_OPEN") {
		t.Errorf("decide inside the period: %v", err)
	}
	stage, _ = DeriveStage(st, table, NationalLimits(), d("2025-02-10"))
	if stage != StageDeciding {
		t.Errorf("after the periods ran out: %s", stage)
	}
	// Service within 7 working days of a decision made before National Day 2024 (10-01 to 10-07,
	// Sunday 09-29 and Saturday 10-12 worked).
	st.Decision = &Decision{Date: d("2024-09-27"), Outcome: OutcomePenalty, Penalties: []Penalty{{PartyID: "a", FineFen: 100}}}
	dl = deadline(t, st, "service", "2024-09-27")
	// 09-29 (Sun, worked), 09-30, then 10-08, 10-09, 10-10, 10-11, 10-12 (Sat, worked) → 10-12.
	if dl.Due != d("2024-10-12") {
		t.Errorf("service across National Day: %s %s", dl.Due, dl.Explain)
	}
	// Payment: 15 days from service, a last day on a Sunday moves to Monday.
	st.Service = &Served{Date: d("2024-10-16")}
	dl = deadline(t, st, "payment", "2024-10-20")
	if dl.Due != d("2024-10-31") {
		t.Errorf("payment: %s %s", dl.Due, dl.Explain)
	}
	st.Service = &Served{Date: d("2024-10-12")} // + 15 = 10-27, a Sunday
	dl = deadline(t, st, "payment", "2024-10-20")
	if dl.Due != d("2024-10-28") {
		t.Errorf("payment rolled past a Sunday: %s %s", dl.Due, dl.Explain)
	}
}

func TestEmergencyMeasureWithin24Hours(t *testing.T) {
	st := filedState("2025-05-01")
	taken := time.Date(2025, 5, 30, 22, 0, 0, 0, civil.Zone) // Friday evening before Dragon Boat (05-31 to 06-02)
	st.Measures = []Measure{{ID: "m", Kind: MeasureSeize, Emergency: true, TakenAt: taken}}
	dl := deadline(t, st, "measure_approval:m", "2025-05-30")
	if dl.DueAt == nil || !dl.DueAt.Equal(taken.Add(24*time.Hour)) || dl.Due != d("2025-05-31") {
		t.Errorf("24 hours run through the holiday: %+v", dl)
	}
}

func TestNumbering(t *testing.T) {
	n := NationalNumbering()
	n.ShortName = "阳综执"
	if got := n.Format(NumDecision, 2026, 12); got != "阳综执罚〔2026〕12号" {
		t.Errorf("decision number: %s", got)
	}
	bad := n
	bad.Pattern = "{简称}〔{年}〕"
	if err := bad.Check(); !apperr.Is(err, "CASE_NUMBERING_INVALID") {
		t.Errorf("a pattern without the number: %v", err)
	}
}

func TestEnforcementTimeRule(t *testing.T) {
	lim := NationalLimits()
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		at, code string
	}{
		{"2025-10-09T10:00:00+08:00", ""},                            // a Thursday after National Day
		{"2025-10-03T10:00:00+08:00", "CASE_ENFORCEMENT_ON_HOLIDAY"}, // National Day
		{"2025-09-28T10:00:00+08:00", ""},                            // an adjusted working Sunday
		{"2025-10-09T05:59:00+08:00", "CASE_ENFORCEMENT_AT_NIGHT"},
		{"2025-10-09T22:00:00+08:00", "CASE_ENFORCEMENT_AT_NIGHT"},
		{"2025-10-09T06:00:00+08:00", ""},
	} {
		err := CheckEnforcementTime(at(tc.at), table, lim)
		if got := code(err); got != tc.code {
			t.Errorf("%s: %q, want %q (%v)", tc.at, got, tc.code, err)
		}
	}
}

func code(err error) string {
	if err == nil {
		return ""
	}
	return apperr.As(err).Code
}

func TestCourtWindow(t *testing.T) {
	st := &State{Service: &Served{Date: d("2025-03-10")}}
	w, err := CourtWindow(st, table)
	if err != nil {
		t.Fatal(err)
	}
	// Six months to sue from 10 March 2025 end on 10 September (a Wednesday); three months more end
	// on 10 December 2025.
	if w.From != d("2025-09-10") || w.To != d("2025-12-10") {
		t.Fatalf("window %+v", w)
	}
	st.Remedies = []Remedy{{Kind: RemedyReconsideration, Filed: d("2025-04-01"), Outcome: RemedyUpheld, Decided: d("2025-05-20")}}
	if w, _ = CourtWindow(st, table); w.From != d("2025-06-04") {
		t.Fatalf("after reconsideration %+v", w)
	}
}

func TestRecordsAreStructured(t *testing.T) {
	inquiry := func(change func(*RecordInput)) RecordInput {
		in := RecordInput{Kind: RecordInquiry, Place: " 执法大队询问室 ", Subject: "王某", Relation: RelationParty, From: "09:30", To: "10:15",
			QA: []QA{{Q: "你是否知道运输渣土须密闭？", A: "知道。"}, {Q: " ", A: ""}, {Q: "车辆为何未密闭？", A: " 篷布坏了。 "}}}
		if change != nil {
			change(&in)
		}
		return in
	}
	ok := inquiry(nil)
	if err := checkRecord(&ok); err != nil {
		t.Fatal(err)
	}
	if len(ok.QA) != 2 || ok.QA[1].A != "篷布坏了。" || ok.Place != "执法大队询问室" {
		t.Errorf("normalised: %+v", ok)
	}
	cases := []struct {
		name   string
		in     RecordInput
		code   string
		field  string
		passes bool
	}{
		{"an inquiry with a summary and no questions", inquiry(func(in *RecordInput) { in.QA, in.Summary = nil, "当事人承认未密闭运输" }), "", "", true},
		{"an inquiry with neither", inquiry(func(in *RecordInput) { in.QA = nil }), "CASE_RECORD_INCOMPLETE", "qa", false},
		{"a question without its answer", inquiry(func(in *RecordInput) { in.QA = []QA{{Q: "姓名？"}} }), "CASE_RECORD_QA_INCOMPLETE", "qa[0]", false},
		{"an unknown relation", inquiry(func(in *RecordInput) { in.Relation = "friend" }), "CASE_RECORD_RELATION_UNKNOWN", "relation", false},
		{"a time not HH:MM", inquiry(func(in *RecordInput) { in.From = "9:30" }), "CASE_RECORD_TIME_INVALID", "from", false},
		{"an end before the start", inquiry(func(in *RecordInput) { in.To = "09:00" }), "CASE_RECORD_TIME_INVALID", "to", false},
		{"too many questions", inquiry(func(in *RecordInput) { in.QA = make([]QA, MaxQA+1) }), "CASE_RECORD_TOO_LONG", "qa", false},
		{"questions in an inspection", inquiry(func(in *RecordInput) { in.Kind, in.Summary = RecordInspection, "车厢未密闭" }), "CASE_RECORD_QA_NOT_INQUIRY", "qa", false},
		{"an inspection without findings", RecordInput{Kind: RecordInspection, Place: "谷山路", Subject: "渣土车"}, "CASE_RECORD_INCOMPLETE", "summary", false},
		{"an inspection with findings", RecordInput{Kind: RecordInspection, Place: "谷山路", Subject: "渣土车", Present: "驾驶员王某", Summary: "车厢未密闭"}, "", "", true},
		{"no place", RecordInput{Kind: RecordInspection, Subject: "渣土车", Summary: "x"}, "CASE_RECORD_INCOMPLETE", "subject", false},
		{"an unknown kind", RecordInput{Kind: "video", Place: "x", Subject: "y", Summary: "z"}, "CASE_RECORD_KIND_UNKNOWN", "kind", false},
	}
	for _, c := range cases {
		in := c.in
		err := checkRecord(&in)
		if c.passes {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !apperr.Is(err, c.code) || apperr.As(err).Field != c.field {
			t.Errorf("%s: %v (field %q), want %s on %q", c.name, err, apperr.As(err).Field, c.code, c.field)
		}
	}
}
