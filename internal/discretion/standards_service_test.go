package discretion

import (
	"context"
	"strings"
	"testing"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/lifecycle"
)

// fakePriors is the record of penalties case handling keeps: the days penalties were decided, by
// party and item.
type fakePriors map[string][]string

func (p fakePriors) Count(_ context.Context, partyKey, itemID, from, to string) (int, error) {
	n := 0
	for _, d := range p[partyKey+"|"+itemID] {
		if from <= d && d < to {
			n++
		}
	}
	return n, nil
}

// facilityInput is a per-facility benchmark with separate amounts for 个人 and 单位, labels and
// measures.
func facilityInput() Input {
	std := func(lo, hi int64, ms ...Measure) Standard {
		return Standard{Kind: StdPerUnit, Unit: "处", PerUnitMinFen: yuan(lo), PerUnitMaxFen: yuan(hi), Measures: ms}
	}
	demolish := Measure{Kind: MeasureDemolish, Text: "限期拆除违法设置的户外广告设施"}
	return Input{ItemID: "item-facility", Title: "擅自设置大型户外广告设施裁量基准", Content: Content{Tiers: []Tier{
		forParty(labelled("情节较轻", tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), std(5000, 6000), "")), PartyNatural),
		forParty(tier(LevelGeneral, MatchAll, nil, std(6000, 8000, demolish), ""), PartyNatural),
		forParty(labelled("情节严重", tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), std(8000, 10000, demolish), "")), PartyNatural),
		forParty(labelled("情节较轻", tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), std(5000, 10000), "")), PartyUnit),
		forParty(tier(LevelGeneral, MatchAll, nil, std(10000, 15000, demolish), ""), PartyUnit),
		forParty(labelled("情节严重", tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), std(15000, 20000, demolish), "")), PartyUnit),
	}}}
}

func TestRealStandardsThroughTheService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		rows := func() int { return f.count(t, `SELECT COUNT(*) FROM discretion_benchmarks`) }
		audits := func() int { return f.count(t, `SELECT COUNT(*) FROM audit_log`) }

		// Bad input changes nothing: a standard in another unit, a base outside the vocabulary, a
		// party type the platform does not know.
		before, auditBefore := rows(), audits()
		bad := facilityInput()
		bad.Tiers[1].Standard.Unit = "块"
		_, err := f.svc.Create(ctx, f.legal, bad)
		mustCode(t, err, "DISCRETION_UNIT_MISMATCH")
		bad = facilityInput()
		bad.Tiers[0].PartyTypes = []string{"个体户"}
		_, err = f.svc.Create(ctx, f.legal, bad)
		mustCode(t, err, "DISCRETION_PARTY_TYPE_UNKNOWN")
		comp := Input{ItemID: "item-comp", Content: Content{Tiers: []Tier{
			tier(LevelLighter, MatchAll, conds(firstOffence()), Standard{Kind: StdMultiple, MultipleMinPct: 100, MultipleMaxPct: 130, Base: "好处费"}, ""),
			tier(LevelGeneral, MatchAll, nil, Standard{Kind: StdMultiple, MultipleMinPct: 130, MultipleMaxPct: 170, Base: "赔偿额"}, ""),
			tier(LevelHeavier, MatchAll, conds(priorAtLeast(1)), Standard{Kind: StdMultiple, MultipleMinPct: 170, MultipleMaxPct: 200, Base: "赔偿额"}, ""),
		}}}
		_, err = f.svc.Create(ctx, f.legal, comp)
		mustCode(t, err, "DISCRETION_BASE_UNKNOWN")
		if rows() != before || audits() != auditBefore {
			t.Fatalf("refused input changed something: %d → %d benchmarks, %d → %d audit entries", before, rows(), auditBefore, audits())
		}
		comp.Tiers[0].Standard.Base = "赔偿额"
		if _, err := f.svc.Create(ctx, f.legal, comp); err != nil {
			t.Fatalf("compensation: %v", err)
		}

		b, err := f.svc.Create(ctx, f.legal, facilityInput())
		if err != nil {
			t.Fatal(err)
		}
		// A draft refused on update keeps its content and revision.
		bad = facilityInput()
		bad.Tiers[4].Standard = fine(10000, 15000)
		_, err = f.svc.Update(ctx, f.legal, b.ID, UpdateInput{Input: bad, Revision: b.Revision})
		mustCode(t, err, "DISCRETION_UNIT_REQUIRED")
		if got, _ := f.svc.Get(ctx, f.legal, b.ID); got.Revision != b.Revision || got.Tiers[4].Standard.Kind != StdPerUnit {
			t.Fatalf("refused update changed the draft: %+v", got)
		}
		if b, err = f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "阳综执发〔2026〕7号", Revision: b.Revision}); err != nil {
			t.Fatal(err)
		}
		if b.Tiers[4].PartyTypes[0] != PartyLegal || b.Tiers[1].Standard.Measures[0].Kind != MeasureDemolish || b.Tiers[2].Label != "情节严重" {
			t.Fatalf("stored: %+v", b.Tiers)
		}

		// Without a record of penalties the officer's count decides, marked as such.
		req := EvaluateRequest{ItemID: "item-facility", ActDate: "2026-05-01", Facts: Facts{PartyType: PartyLegal, PartyKey: "91371521MA3C000001",
			FirstOffence: true, CorrectedPromptly: true, Units: f64(3)}}
		r, err := f.svc.Evaluate(ctx, f.officer, req)
		if err != nil || r.Tier != LevelLighter || r.MinFen != yuan(15000) || r.MaxFen != yuan(30000) || r.PriorSource != PriorFromOfficer ||
			!strings.Contains(strings.Join(r.Notes, ""), noteNoRecord) {
			t.Fatalf("officer's count: %+v, %v", r, err)
		}
		// With the record: a penalty 13 months before the act is outside the one-year window, one
		// 11 months before is inside. The party typed "first offence"; the record decides.
		f.svc.Priors = fakePriors{"91371521MA3C000001|item-facility": {"2025-04-01"}}
		r, err = f.svc.Evaluate(ctx, f.officer, req)
		if err != nil || r.Tier != LevelLighter || r.PriorSource != PriorFromRecord || r.PriorCounts[0].Count != 0 || r.PriorCounts[0].From != "2025-05-01" {
			t.Fatalf("13-month-old penalty: %+v, %v", r, err)
		}
		f.svc.Priors = fakePriors{"91371521MA3C000001|item-facility": {"2025-04-01", "2025-06-01"}}
		r, err = f.svc.Evaluate(ctx, f.officer, req)
		if err != nil || r.Tier != LevelHeavier || r.TierName != "情节严重" || r.MinFen != yuan(45000) || r.MaxFen != yuan(60000) ||
			r.PriorSource != PriorFromRecord || r.PriorCounts[0].Count != 1 || len(r.Measures) != 1 || r.Measures[0].Kind != MeasureDemolish {
			t.Fatalf("second offence by the record: %+v, %v", r, err)
		}
		// A natural person's amounts; a party the record cannot identify falls back to the officer.
		req.Facts = Facts{PartyType: PartyNatural, PriorCount: 1, Units: f64(2)}
		r, err = f.svc.Evaluate(ctx, f.officer, req)
		if err != nil || r.Tier != LevelHeavier || r.MinFen != yuan(16000) || r.PriorSource != PriorFromOfficer ||
			!strings.Contains(strings.Join(r.Notes, ""), "未提供当事人证件号码") {
			t.Fatalf("individual: %+v, %v", r, err)
		}
		// Bad facts are refused with their codes.
		for _, c := range []struct {
			facts       Facts
			code, field string
		}{
			{Facts{PartyType: "enterprise", Units: f64(1)}, "DISCRETION_PARTY_TYPE_UNKNOWN", "facts.partyType"},
			{Facts{Units: f64(1)}, "DISCRETION_FACT_REQUIRED", "facts.partyType"},
			{Facts{PartyType: PartyNatural, Units: f64(1), Unit: "平方米"}, "DISCRETION_UNIT_MISMATCH", "facts.unit"},
			{Facts{PartyType: PartyNatural, Units: f64(1), Bases: map[string]int64{"好处费": 1}}, "DISCRETION_BASE_UNKNOWN", "facts.bases"},
		} {
			_, err := f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "item-facility", ActDate: "2026-05-01", Facts: c.facts})
			if e := mustCode(t, err, c.code); e.Field != c.field {
				t.Errorf("%+v: field %q, want %q", c.facts, e.Field, c.field)
			}
		}

		// A violation that includes an ignored order to correct: asked once; the ordinary case is 一般.
		order := Input{ItemID: "item-order", Content: Content{Precondition: &Precondition{Text: "经责令限期清除，逾期不清除的"}, Tiers: []Tier{
			tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), fine(5000, 15000), ""),
			tier(LevelGeneral, MatchAll, nil, fine(15000, 35000), ""),
			tier(LevelHeavier, MatchAny, conds(priorAtLeast(1), cond(CondSeriousConsequences)), fine(35000, 50000), ""),
		}}}
		ob, err := f.svc.Create(ctx, f.legal, order)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Publish(ctx, f.legal, ob.ID, lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "阳综执发〔2026〕8号", Revision: ob.Revision}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "item-order", ActDate: "2026-05-01"})
		if e := mustCode(t, err, "DISCRETION_FACT_REQUIRED"); e.Field != "facts.orderIgnored" {
			t.Errorf("field %q", e.Field)
		}
		yes := true
		r, err = f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "item-order", ActDate: "2026-05-01", Facts: Facts{OrderIgnored: &yes}})
		if err != nil || r.Tier != LevelGeneral || r.MinFen != yuan(15000) {
			t.Fatalf("ordinary case: %+v, %v", r, err)
		}
	})
}

// Benchmarks stored before the model held local standards load and apply: measures as text,
// windows in days, no precondition or warnings columns written.
func TestBenchmarksStoredEarlierStillLoad(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		err := d.Tx(ctx, func(tx *db.Tx) error {
			_, err := db.Exec(ctx, tx, `INSERT INTO discretion_benchmarks (id, region_code, item_id, item_code, item_name, version, status,
				revision, title, doc_no, effective_from, effective_to, statute, provisions, tiers, no_penalty, note, created_at, updated_at, published_at)
				VALUES ('old-1', ?, 'item-oil', 'C-118-1', '超标排放油烟', 1, 'published', 1, '超标排放油烟行政处罚裁量基准', '阳综执发〔2025〕2号',
				'2025-06-01', '', '{}', '[]', ?, '[]', '', '2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z')`,
				codeCounty, `[{"level":"lighter","match":"all","conditions":[{"kind":"first_offence","lookbackDays":365},{"kind":"corrected_promptly"}],
				"standard":{"kind":"range","minFen":500000,"maxFen":1400000,"multipleMinPct":0,"multipleMaxPct":0,"perUnitMinFen":0,"perUnitMaxFen":0,"measures":[]}},
				{"level":"general","match":"all","conditions":[],"standard":{"kind":"range","minFen":1400000,"maxFen":3600000,"multipleMinPct":0,"multipleMaxPct":0,"perUnitMinFen":0,"perUnitMaxFen":0,"measures":[]}},
				{"level":"heavier","match":"any","conditions":[{"kind":"prior_count","minCount":1,"lookbackDays":365}],
				"standard":{"kind":"range","minFen":3600000,"maxFen":5000000,"multipleMinPct":0,"multipleMaxPct":0,"perUnitMinFen":0,"perUnitMaxFen":0,"measures":["责令停业整治"]}}]`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.Get(ctx, f.legal, "old-1")
		if err != nil || *got.Tiers[2].Conditions[0].Lookback != OneYear() || got.Tiers[2].Standard.Measures[0].Text != "责令停业整治" ||
			got.Precondition != nil || got.Warnings == nil {
			t.Fatalf("old benchmark: %+v, %v", got, err)
		}
		r, err := f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "item-oil", ActDate: "2026-05-01", Facts: Facts{PriorCount: 1}})
		if err != nil || r.Tier != LevelHeavier || r.Measures[0].Name != "责令停业整治" {
			t.Fatalf("evaluate: %+v, %v", r, err)
		}
		// Revised, it is written in the new shape and passes today's checks.
		nb, err := f.svc.Revise(ctx, f.legal, "old-1")
		if err != nil {
			t.Fatal(err)
		}
		in := Input{Title: nb.Title, Content: nb.Content}
		if _, err := f.svc.Update(ctx, f.legal, nb.ID, UpdateInput{Input: in, Revision: nb.Revision}); err != nil {
			t.Fatalf("update the revision: %v", err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM discretion_benchmarks WHERE id = ? AND tiers LIKE '%lookbackDays%'`, nb.ID); n != 0 {
			t.Error("revised content still keeps windows in days")
		}
	})
}
