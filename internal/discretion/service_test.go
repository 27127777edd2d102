package discretion

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

var firstPage = httpx.Page{Page: 1, PageSize: 50}

func mustCode(t *testing.T, err error, code string) *apperr.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	e := apperr.As(err)
	if e.Code != code {
		t.Fatalf("error %v, want %s", err, code)
	}
	return e
}

func TestCreatePublishVersionsAndAsOf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		v1, err := f.svc.Create(ctx, f.legal, oilInput())
		if err != nil {
			t.Fatal(err)
		}
		if v1.Status != lifecycle.Draft || v1.State != lifecycle.StateDraft || v1.Version != 1 || v1.Revision != 1 || v1.RegionCode != codeCounty || v1.RegionName != "阳谷县" ||
			v1.ItemCode != "C-118-1" || v1.Statute == nil || v1.Statute.VersionID != "oil-v1" || len(v1.Tiers) != 4 ||
			*v1.Tiers[1].Conditions[0].Lookback != OneYear() || v1.Warnings == nil {
			t.Fatalf("draft: %+v", v1)
		}
		_, err = f.svc.Create(ctx, f.legal, oilInput())
		mustCode(t, err, "VERSION_DRAFT_EXISTS")

		// Not yet published: nothing to apply.
		req := EvaluateRequest{ItemID: "item-oil", ActDate: "2025-07-01", Facts: Facts{PriorCount: 1, Harm: HarmGeneral}}
		_, err = f.svc.Evaluate(ctx, f.legal, req)
		mustCode(t, err, "DISCRETION_NONE")

		v1, err = f.svc.Publish(ctx, f.legal, v1.ID, lifecycle.PublishInput{EffectiveFrom: "2025-06-01", DocNo: "阳综执发〔2025〕7号", Revision: 1})
		if err != nil {
			t.Fatal(err)
		}
		if v1.Status != lifecycle.Published || v1.State != lifecycle.StateInForce || v1.DocNo != "阳综执发〔2025〕7号" || v1.PublishedAt == "" ||
			v1.Revision != 2 {
			t.Fatalf("published: %+v", v1)
		}
		r, err := f.svc.Evaluate(ctx, f.legal, req)
		if err != nil || r.BenchmarkID != v1.ID || r.Version != 1 || r.Tier != LevelHeavier || r.MinFen != yuan(36000) || r.MaxFen != yuan(50000) {
			t.Fatalf("evaluate v1: %+v, %v", r, err)
		}
		// Before the benchmark took effect there was none.
		_, err = f.svc.Evaluate(ctx, f.legal, EvaluateRequest{ItemID: "item-oil", ActDate: "2025-05-31"})
		mustCode(t, err, "DISCRETION_NONE")

		// A township officer applies the county's benchmark.
		r, err = f.svc.Evaluate(ctx, f.officer, req)
		if err != nil || r.BenchmarkID != v1.ID {
			t.Fatalf("township officer: %+v, %v", r, err)
		}

		// Version 2: revised from version 1, 从重 raised, in force from 2026-03-01.
		v2, err := f.svc.Revise(ctx, f.legal, v1.ID)
		if err != nil || v2.Version != 2 || v2.Status != lifecycle.Draft || v2.Revision != 1 || len(v2.Tiers) != 4 {
			t.Fatalf("revise: %+v, %v", v2, err)
		}
		in := oilInput()
		in.Tiers[2].Standard.MaxFen = yuan(40000)
		in.Tiers[3].Standard.MinFen = yuan(40000)
		if v2, err = f.svc.Update(ctx, f.legal, v2.ID, UpdateInput{Input: in, Revision: 1}); err != nil || v2.Revision != 2 {
			t.Fatal(v2.Revision, err)
		}
		_, err = f.svc.Update(ctx, f.legal, v2.ID, UpdateInput{Input: in, Revision: 1})
		mustCode(t, err, "STALE")
		_, err = f.svc.Publish(ctx, f.legal, v2.ID, lifecycle.PublishInput{EffectiveFrom: "2026-03-01", DocNo: "阳综执发〔2026〕2号", Revision: 1})
		mustCode(t, err, "STALE")
		_, err = f.svc.Publish(ctx, f.legal, v2.ID, lifecycle.PublishInput{EffectiveFrom: "2025-06-01", DocNo: "阳综执发〔2026〕2号", Revision: 2})
		mustCode(t, err, "VERSION_DATE_ORDER")
		if v2, err = f.svc.Publish(ctx, f.legal, v2.ID, lifecycle.PublishInput{EffectiveFrom: "2026-03-01", DocNo: "阳综执发〔2026〕2号", Revision: 2}); err != nil {
			t.Fatal(err)
		}
		detail, err := f.svc.Get(ctx, f.legal, v1.ID)
		if err != nil || detail.EffectiveTo != "2026-03-01" || detail.State != lifecycle.StateExpired || detail.Revision != 3 || len(detail.History) != 2 ||
			detail.History[0].Version != 2 || detail.History[0].State != lifecycle.StateInForce || detail.History[1].Revision != 3 {
			t.Fatalf("v1 after v2: %+v, %v", detail, err)
		}
		// The act's date picks the version.
		for _, c := range []struct {
			day     string
			version int
			min     int64
		}{{"2026-02-28", 1, yuan(36000)}, {"2026-03-01", 2, yuan(40000)}, {"2026-05-10", 2, yuan(40000)}} {
			req.ActDate = c.day
			r, err := f.svc.Evaluate(ctx, f.legal, req)
			if err != nil || r.Version != c.version || r.MinFen != c.min {
				t.Errorf("act on %s: version %d min %d (%v), want %d %d", c.day, r.Version, r.MinFen, err, c.version, c.min)
			}
		}
		_, err = f.svc.Evaluate(ctx, f.legal, EvaluateRequest{ItemID: "item-oil", ActDate: "2026-05-11"})
		mustCode(t, err, "DISCRETION_DATE_ORDER")

		// A township's own benchmark is nearer than the county's for that township only.
		town := oilInput()
		town.Tiers[3].Standard.MinFen = yuan(45000)
		town.Tiers[2].Standard.MaxFen = yuan(45000)
		tb, err := f.svc.Create(ctx, f.townLaw, town)
		if err != nil || tb.RegionCode != codeTownA || tb.Version != 1 {
			t.Fatalf("township draft: %+v, %v", tb, err)
		}
		if _, err := f.svc.Publish(ctx, f.townLaw, tb.ID, lifecycle.PublishInput{EffectiveFrom: "2026-04-01", DocNo: "阿城执发〔2026〕1号", Revision: 1}); err != nil {
			t.Fatal(err)
		}
		req.ActDate = "2026-04-15"
		if r, _ := f.svc.Evaluate(ctx, f.officer, req); r.BenchmarkID != tb.ID || r.MinFen != yuan(45000) {
			t.Errorf("township officer after the township's own benchmark: %+v", r)
		}
		if r, _ := f.svc.Evaluate(ctx, f.legal, req); r.BenchmarkID != v2.ID {
			t.Errorf("county case: %+v", r)
		}
		req.RegionCode = codeTownA
		if r, _ := f.svc.Evaluate(ctx, f.legal, req); r.BenchmarkID != tb.ID {
			t.Errorf("county officer on a township case: %+v", r)
		}
		req.RegionCode = ""

		// Jurisdiction: the neighbouring county sees none of this and has no benchmark.
		_, err = f.svc.Get(ctx, f.other, v1.ID)
		mustCode(t, err, "NOT_FOUND")
		_, err = f.svc.Evaluate(ctx, f.other, req)
		mustCode(t, err, "DISCRETION_NONE")
		// The township reads the county's published versions but cannot change them.
		if _, err := f.svc.Get(ctx, f.officer, v2.ID); err != nil {
			t.Errorf("township reads the county's benchmark: %v", err)
		}
		_, err = f.svc.Revise(ctx, f.townLaw, v2.ID)
		mustCode(t, err, "NOT_FOUND")
		items, total, err := f.svc.List(ctx, f.officer, Filter{}, firstPage)
		if err != nil || total != 3 || len(items) != 3 {
			t.Fatalf("township list: %d %+v %v", total, items, err)
		}
		draft, err := f.svc.Revise(ctx, f.legal, v2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, total, _ := f.svc.List(ctx, f.officer, Filter{}, firstPage); total != 3 {
			t.Errorf("township sees the county's draft: %d", total)
		}
		_, err = f.svc.Get(ctx, f.officer, draft.ID)
		mustCode(t, err, "NOT_FOUND")
		if items, total, err := f.svc.List(ctx, f.legal, Filter{Status: lifecycle.Draft}, firstPage); total != 1 {
			t.Errorf("county drafts: %d %+v %v", total, items, err)
		}
		if _, total, _ := f.svc.List(ctx, f.legal, Filter{InForce: true, Date: "2026-05-10"}, firstPage); total != 2 {
			t.Errorf("in force in the county's subtree: %d", total)
		}
		if err := f.svc.Discard(ctx, f.legal, draft.ID); err != nil {
			t.Fatal(err)
		}
		mustCode(t, f.svc.Discard(ctx, f.legal, v2.ID), "VERSION_NOT_DRAFT")

		// Repeal from today: acts from today have no benchmark, earlier acts keep theirs.
		_, err = f.svc.Repeal(ctx, f.legal, v2.ID, lifecycle.RepealInput{Revision: v2.Revision})
		mustCode(t, err, "VERSION_REASON_REQUIRED")
		_, err = f.svc.Repeal(ctx, f.legal, v1.ID, lifecycle.RepealInput{Reason: "已被替代", Revision: 3})
		mustCode(t, err, "VERSION_ALREADY_ENDED")
		_, err = f.svc.Repeal(ctx, f.legal, v2.ID, lifecycle.RepealInput{Reason: "上位法修改，重新制定", Revision: v2.Revision - 1})
		mustCode(t, err, "STALE")
		rep, err := f.svc.Repeal(ctx, f.legal, v2.ID, lifecycle.RepealInput{Reason: "上位法修改，重新制定", Revision: v2.Revision})
		if err != nil || rep.Status != lifecycle.Repealed || rep.State != lifecycle.StateRepealed || rep.EffectiveTo != "2026-05-10" ||
			rep.RepealReason != "上位法修改，重新制定" || rep.Revision != v2.Revision+1 {
			t.Fatalf("repeal: %+v, %v", rep, err)
		}
		req.ActDate = "2026-05-10"
		_, err = f.svc.Evaluate(ctx, f.legal, req)
		mustCode(t, err, "DISCRETION_NONE")
		req.ActDate = "2026-04-01"
		if r, err := f.svc.Evaluate(ctx, f.legal, req); err != nil || r.Version != 2 {
			t.Errorf("act before the repeal: %+v, %v", r, err)
		}

		// Every change left one audit entry: county v1 create+publish, v2 revise+update+publish,
		// v3 revise+discard, v2 repeal; township create+publish.
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE entity = ?`, entityBenchmark); n != 10 {
			t.Errorf("audit entries = %d, want 10", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE entity = ? AND entity_id = ? AND actor_id = 'acc-legal'`, entityBenchmark, v2.ID); n != 4 {
			t.Errorf("audit entries of v2 = %d, want 4", n)
		}
	})
}

func TestRefusedChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		rows := func() int { return f.count(t, `SELECT COUNT(*) FROM discretion_benchmarks`) }
		audits := func() int { return f.count(t, `SELECT COUNT(*) FROM audit_log WHERE entity = ?`, entityBenchmark) }

		bad := oilInput()
		bad.Tiers[3].Standard.MaxFen = yuan(80000)
		_, err := f.svc.Create(ctx, f.legal, bad)
		e := mustCode(t, err, "DISCRETION_TIER_OUT_OF_RANGE")
		if e.Field != "tiers[3].standard" || e.Rule == "" {
			t.Errorf("out of range: %+v", e)
		}
		bad = oilInput()
		bad.Tiers[0].Conditions = nil
		_, err = f.svc.Create(ctx, f.legal, bad)
		mustCode(t, err, "DISCRETION_MITIGATION_CONDITION_REQUIRED")
		bad = oilInput()
		bad.ItemID = "item-none"
		_, err = f.svc.Create(ctx, f.legal, bad)
		mustCode(t, err, "DISCRETION_ITEM_UNKNOWN")
		bad = oilInput()
		bad.RegionCode = codeOther
		_, err = f.svc.Create(ctx, f.legal, bad)
		mustCode(t, err, "NOT_FOUND")
		if rows() != 0 || audits() != 0 {
			t.Fatalf("refused creates left %d rows, %d audit entries", rows(), audits())
		}

		b, err := f.svc.Create(ctx, f.legal, oilInput())
		if err != nil {
			t.Fatal(err)
		}
		before, _ := f.svc.Get(ctx, f.legal, b.ID)
		// The law changes on 2026-04-01: 从重 up to 50,000 no longer fits a 40,000 maximum.
		f.statutes.add("2026-04-01", Statute{ItemID: "item-oil", ItemCode: "C-118-1", ItemName: "超标排放油烟", VersionID: "oil-v2",
			PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(5000), FineMaxFen: yuan(40000)})
		_, err = f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026-04-15", DocNo: "阳综执发〔2026〕3号", Revision: 1})
		e = mustCode(t, err, "DISCRETION_TIER_OUT_OF_RANGE")
		if e.Rule == "" || len(e.Details) == 0 {
			t.Errorf("publish out of range: %+v", e)
		}
		_, err = f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2024-06-01", DocNo: "阳综执发〔2026〕3号", Revision: 1})
		mustCode(t, err, "DISCRETION_EFFECTIVE_BEFORE_ITEM")
		_, err = f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026-01-01", Revision: 1})
		mustCode(t, err, "VERSION_DOC_NO_REQUIRED")
		_, err = f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026/01/01", DocNo: "x", Revision: 1})
		mustCode(t, err, "DATE_INVALID")
		_, err = f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "x", Revision: 2})
		mustCode(t, err, "STALE")
		_, err = f.svc.Publish(ctx, f.other, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "x", Revision: 1})
		mustCode(t, err, "NOT_FOUND")
		after, _ := f.svc.Get(ctx, f.legal, b.ID)
		if after.Status != lifecycle.Draft || after.EffectiveFrom != "" || after.DocNo != "" || after.UpdatedAt != before.UpdatedAt || after.Revision != 1 ||
			rows() != 1 || audits() != 1 {
			t.Fatalf("refused publishes changed the draft: %+v (rows %d, audits %d)", after, rows(), audits())
		}
		bad = oilInput()
		bad.Tiers[2].Standard.MinFen = yuan(40000)
		_, err = f.svc.Update(ctx, f.legal, b.ID, UpdateInput{Input: bad, Revision: 1})
		mustCode(t, err, "DISCRETION_RANGE_INVERTED")
		bad = oilInput()
		bad.ItemID = "item-road"
		_, err = f.svc.Update(ctx, f.legal, b.ID, UpdateInput{Input: bad, Revision: 1})
		mustCode(t, err, "DISCRETION_ITEM_FIXED")
		if x, _ := f.svc.Get(ctx, f.legal, b.ID); x.UpdatedAt != before.UpdatedAt || x.Revision != 1 || audits() != 1 {
			t.Fatal("refused update changed the draft")
		}

		// Published under the old law it is valid; a published version cannot be edited.
		p, err := f.svc.Publish(ctx, f.legal, b.ID, lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "阳综执发〔2026〕3号", Revision: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Update(ctx, f.legal, p.ID, UpdateInput{Input: oilInput(), Revision: p.Revision})
		mustCode(t, err, "VERSION_NOT_DRAFT")
		_, err = f.svc.Publish(ctx, f.legal, p.ID, lifecycle.PublishInput{EffectiveFrom: "2026-02-01", DocNo: "x", Revision: p.Revision})
		mustCode(t, err, "VERSION_NOT_DRAFT")
		// Acts after the law changed are held to the new maximum, with a note.
		r, err := f.svc.Evaluate(ctx, f.legal, EvaluateRequest{ItemID: "item-oil", ActDate: "2026-05-01", Facts: Facts{PriorCount: 1, Harm: HarmGeneral}})
		if err != nil || r.MaxFen != yuan(40000) || len(r.Notes) != 2 || !strings.Contains(r.Notes[0], "第三十七条") ||
			!strings.Contains(r.Notes[1], "平台尚未接入处罚记录") || r.PriorSource != PriorFromOfficer {
			t.Errorf("evaluate under the new law: %+v, %v", r, err)
		}
		_, err = f.svc.Evaluate(ctx, f.legal, EvaluateRequest{ItemID: "item-none", ActDate: "2026-05-01"})
		mustCode(t, err, "DISCRETION_ITEM_UNKNOWN")
		_, err = f.svc.Evaluate(ctx, f.legal, EvaluateRequest{ItemID: "item-oil", ActDate: "2024-05-01"})
		mustCode(t, err, "DISCRETION_ITEM_NOT_IN_FORCE")
		_, err = f.svc.Evaluate(ctx, f.legal, EvaluateRequest{ItemID: "item-oil", ActDate: "2026-05-01", RegionCode: codeOther})
		mustCode(t, err, "NOT_FOUND")
	})
}

// TestConcurrentChangesOneWins: two officers change the same draft from the same revision at
// once; one change is kept and the other answers STALE, on both engines.
func TestConcurrentChangesOneWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		b, err := f.svc.Create(ctx, f.legal, oilInput())
		if err != nil {
			t.Fatal(err)
		}
		results := make(chan error, 2)
		var start sync.WaitGroup
		start.Add(1)
		for i := range 2 {
			go func() {
				start.Wait()
				in := oilInput()
				in.Title = fmt.Sprintf("第%d位法制员的修改", i+1)
				_, err := f.svc.Update(ctx, f.legal, b.ID, UpdateInput{Input: in, Revision: 1})
				results <- err
			}()
		}
		start.Done()
		var ok, stale int
		for range 2 {
			switch err := <-results; {
			case err == nil:
				ok++
			case apperr.Is(err, "STALE"):
				stale++
			default:
				t.Errorf("concurrent update: %v", err)
			}
		}
		got, _ := f.svc.Get(ctx, f.legal, b.ID)
		if ok != 1 || stale != 1 || got.Revision != 2 {
			t.Fatalf("%d kept, %d stale, revision %d", ok, stale, got.Revision)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE entity = ? AND action = ?`, entityBenchmark, "update"); n != 1 {
			t.Errorf("update audit entries = %d", n)
		}
	})
}

func TestRulesPerJurisdiction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		eff, err := f.svc.rules(ctx, d.R, codeTownA)
		if err != nil || eff.Source != SourceNational || eff.Splitting != NationalSplitting() || !slices.Equal(eff.Bases, testBases) ||
			!slices.Contains(eff.Labels, "情节严重") {
			t.Fatalf("national: %+v, %v", eff, err)
		}
		// A road benchmark with 一般 at 30–50 % of the maximum: the national default only warns,
		// since 国办发〔2022〕27号 sets no percentages …
		road := Input{ItemID: "item-road", Content: Content{Tiers: []Tier{
			tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), warning(), ""),
			tier(LevelGeneral, MatchAll, nil, fine(6000, 10000), ""),
			tier(LevelHeavier, MatchAny, conds(priorAtLeast(1), refusedWithin(30)), fine(10000, 20000), ""),
		}}}
		b, err := f.svc.Create(ctx, f.legal, road)
		if err != nil || len(b.Warnings) != 1 || b.Warnings[0].Code != "DISCRETION_TIER_RULE" || b.Warnings[0].Field != "tiers[1].standard" ||
			!strings.Contains(b.Warnings[0].Message, "全国默认值") || !strings.Contains(b.Warnings[0].Rule, "国办发〔2022〕27号") {
			t.Fatalf("national warning: %+v, %v", b.Warnings, err)
		}
		if got, _ := f.svc.Get(ctx, f.legal, b.ID); len(got.Warnings) != 1 {
			t.Errorf("warnings not kept: %+v", got.Warnings)
		}
		if err := f.svc.Discard(ctx, f.legal, b.ID); err != nil {
			t.Fatal(err)
		}
		// … a county that enforces the Zhejiang-style rules refuses it, citing its own setting …
		strict := Strict()
		strict.Basis = "阳政办发〔2024〕3号"
		bad := strict
		bad.GeneralMaxPct = 10
		_, err = f.setRules(f.legal, codeCounty, bad)
		if e := mustCode(t, err, "DISCRETION_RULES_INVALID"); e.Field != "value.generalMaxPct" {
			t.Errorf("field %q", e.Field)
		}
		_, err = f.setRules(f.legal, codeOther, strict)
		mustCode(t, err, "NOT_FOUND")
		v, err := f.setRules(f.legal, "371521", strict)
		if err != nil || v.Effective.RegionCode != codeCounty || v.Effective.RegionName != "阳谷县" || v.Own == nil ||
			!strings.Contains(string(v.Effective.Value), `"midpoint":"error"`) {
			t.Fatalf("set: %+v, %v", v, err)
		}
		_, err = f.svc.Create(ctx, f.legal, road)
		if e := mustCode(t, err, "DISCRETION_TIER_RULE"); !strings.Contains(e.Rule, "阳谷县设置") || !strings.Contains(e.Rule, "阳政办发〔2024〕3号") ||
			!strings.Contains(e.Message, "阳谷县的设置") {
			t.Errorf("the error does not cite the county's setting: %+v", e)
		}
		// … until it relaxes the percentage; the township follows the county.
		relaxed := strict
		relaxed.GeneralMinPct = 30
		if _, err := f.setRules(f.legal, codeCounty, relaxed); err != nil {
			t.Fatal(err)
		}
		if eff, _ := f.svc.rules(ctx, d.R, codeTownA); eff.Source != codeCounty || eff.SourceName != "阳谷县" || eff.Splitting != relaxed.Splitting {
			t.Errorf("township inherits: %+v", eff)
		}
		b, err = f.svc.Create(ctx, f.legal, road)
		if err != nil || len(b.Warnings) != 0 {
			t.Fatalf("with the county's rules: %+v, %v", b.Warnings, err)
		}
		if b.Title != "擅自占用城市道路行政处罚裁量基准" {
			t.Errorf("default title %q", b.Title)
		}
		// Proposals follow the rules in force for the caller.
		p, err := f.svc.Propose(ctx, f.legal, ProposeRequest{ItemID: "item-road"})
		if err != nil || p.Rules.GeneralMinPct != 30 || p.Tiers[1].Standard.MinFen != yuan(6000) {
			t.Fatalf("propose: %+v, %v", p, err)
		}
		_, err = f.svc.Propose(ctx, f.legal, ProposeRequest{ItemID: "item-road", Date: "2019-01-01"})
		mustCode(t, err, "DISCRETION_ITEM_NOT_IN_FORCE")
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE entity = ?`, SettingKey); n != 2 {
			t.Errorf("rule audit entries = %d", n)
		}
	})
}

func TestDemoNoPenaltyListAndPublic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		demo := f.publishDemo(t)
		// A draft of another item is never public.
		if _, err := f.svc.Create(ctx, f.legal, oilInput()); err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.NoPenalty(ctx, f.officer, "", "", "")
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, l := range list {
			kinds[l.Kind]++
			if l.DocNo != DemoDocNo || len(l.ConditionText) != len(l.Conditions) || l.Education == "" || l.Mandatory != Mandatory(l.Kind) {
				t.Errorf("listing %+v", l)
			}
		}
		if kinds[NoPenaltyFirst] != 7 || kinds[NoPenaltyMinor] != 5 {
			t.Errorf("no-penalty kinds %v", kinds)
		}
		one, err := f.svc.NoPenalty(ctx, f.officer, "demo:"+keyRoad, "", "")
		if err != nil || len(one) != 2 {
			t.Fatalf("road no-penalty: %+v, %v", one, err)
		}

		items, total, err := f.svc.Public(ctx, PublicFilter{}, firstPage)
		if err != nil || total != len(demo) || len(items) != len(demo) {
			t.Fatalf("public: %d %v", total, err)
		}
		for _, p := range items {
			if p.DocNo != DemoDocNo || p.Citation == "" || len(p.Tiers) == 0 {
				t.Errorf("public benchmark %+v", p)
			}
		}
		if _, total, _ := f.svc.Public(ctx, PublicFilter{ItemID: "demo:" + keyFood}, firstPage); total != 1 {
			t.Errorf("public by item: %d", total)
		}
		if _, total, _ := f.svc.Public(ctx, PublicFilter{RegionCode: codeTownA}, firstPage); total != len(demo) {
			t.Errorf("public for a township of the county: %d", total)
		}
		if _, total, _ := f.svc.Public(ctx, PublicFilter{RegionCode: codeOther}, firstPage); total != 0 {
			t.Errorf("public for another county: %d", total)
		}

		// The demo benchmarks evaluate through the service.
		r, err := f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "demo:" + keyRoad, ActDate: "2026-05-01",
			Facts: Facts{Units: f64(120), Harm: HarmGeneral}})
		if err != nil || r.Tier != LevelGeneral || r.MinFen != yuan(1200) || r.MaxFen != yuan(2400) || r.ItemCode != "D-"+keyRoad {
			t.Fatalf("road: %+v, %v", r, err)
		}
		_, err = f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "demo:" + keyFood, ActDate: "2026-05-01", Facts: Facts{Harm: HarmGeneral}})
		mustCode(t, err, "DISCRETION_FACT_REQUIRED")
	})
}

// statutesFunc adapts a function to Statutes.
type statutesFunc func(ctx context.Context, itemID, date string) (Statute, error)

func (f statutesFunc) Statute(ctx context.Context, itemID, date string) (Statute, error) {
	return f(ctx, itemID, date)
}

func (f statutesFunc) FineBases(context.Context, string) ([]string, error) { return DefaultBases, nil }

// notInForceErr is how a catalogue may answer: a NOT_FOUND business error that also matches
// ErrNotInForce.
type notInForceErr struct{ err *apperr.Error }

func (e notInForceErr) Error() string        { return e.err.Error() }
func (e notInForceErr) Unwrap() error        { return e.err }
func (e notInForceErr) Is(target error) bool { return target == ErrNotInForce }

func TestStatuteErrors(t *testing.T) {
	ctx := context.Background()
	s := &Service{Statutes: statutesFunc(func(_ context.Context, itemID, _ string) (Statute, error) {
		if itemID == "old" {
			return Statute{}, notInForceErr{apperr.NotFound("事项版本")}
		}
		return Statute{}, apperr.NotFound("事项")
	})}
	if _, err := s.statute(ctx, "old", "2020-01-01"); err != ErrNotInForce {
		t.Errorf("not in force: %v", err)
	}
	_, err := s.statute(ctx, "x", "2020-01-01")
	mustCode(t, err, "DISCRETION_ITEM_UNKNOWN")
	_, err = (&Service{}).statute(ctx, "x", "2020-01-01")
	mustCode(t, err, "INTERNAL")
}
