package catalog

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

var firstPage = httpx.Page{Page: 1, PageSize: 100}

func TestPublishRequiresLegalBasis(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.penaltyInput("CSGL-001", "对擅自搭建建筑物的行政处罚")
		in.PenaltyBasis = nil
		draft, err := f.s.Create(ctx, legal(), in)
		if err != nil {
			t.Fatal(err)
		}
		if draft.Item.Status != lifecycle.Draft || !draft.Item.PendingDraft || draft.InForce || draft.Version.Revision != 1 ||
			draft.Version.State != lifecycle.StateDraft {
			t.Fatalf("draft: %+v", draft.Item)
		}
		_, err = f.s.Publish(ctx, legal(), draft.Item.ID, lifecycle.PublishInput{Revision: 1})
		e := apperr.As(err)
		if e.Code != "CATALOG_BASIS_REQUIRED" || e.Field != "penaltyBasis" || !strings.Contains(e.Rule, "第四条") ||
			!strings.Contains(e.Rule, "未经公布的，不得作为行政处罚的依据") || !strings.Contains(e.Message, "CSGL-001") {
			t.Fatalf("publish without basis: %+v", e)
		}
		if again, _ := f.s.Get(ctx, legal(), draft.Item.ID, ""); again.Item.Status != lifecycle.Draft || again.Version.Revision != 1 {
			t.Fatalf("a refused publication changed the item: %+v", again.Item)
		}
		// The officer fixes the draft and publishes it.
		in = f.penaltyInput("CSGL-001", "对擅自搭建建筑物的行政处罚")
		fixed, err := f.s.UpdateDraft(ctx, legal(), draft.Item.ID, DraftInput{Input: in, Revision: 1})
		if err != nil || fixed.Version.Revision != 2 {
			t.Fatalf("update: %+v %v", fixed.Version, err)
		}
		pub, err := f.s.Publish(ctx, legal(), draft.Item.ID, lifecycle.PublishInput{Revision: 2})
		if err != nil || pub.Item.Status != lifecycle.Published || pub.Item.PendingDraft || pub.Version.Status != lifecycle.Published ||
			pub.Version.State != lifecycle.StateInForce || pub.Version.Revision != 3 || pub.Version.PublishedAt == "" {
			t.Fatalf("publish: %+v %v", pub.Item, err)
		}
		// Bad input: unknown domain, an owner that is not a department, a duplicate code, a bad date.
		bad := f.penaltyInput("CSGL-002", "x")
		bad.Domain = "太空管理"
		if _, err := f.s.Create(ctx, legal(), bad); !apperr.Is(err, "CATALOG_DOMAIN_UNKNOWN") || apperr.As(err).Field != "domain" {
			t.Fatalf("unknown domain: %v", err)
		}
		bad = f.penaltyInput("CSGL-002", "x")
		bad.OwnerOrgID = f.bureau
		if _, err := f.s.Create(ctx, legal(), bad); !apperr.Is(err, "CATALOG_OWNER_NOT_DEPARTMENT") {
			t.Fatalf("bureau as owner: %v", err)
		}
		if _, err := f.s.Create(ctx, legal(), f.penaltyInput("CSGL-001", "重复")); !apperr.Is(err, "CATALOG_CODE_DUPLICATE") {
			t.Fatalf("duplicate code: %v", err)
		}
		bad = f.penaltyInput("CSGL-002", "x")
		bad.EffectiveFrom = "2021/01/01"
		if _, err := f.s.Create(ctx, legal(), bad); !apperr.Is(err, "DATE_INVALID") || apperr.As(err).Field != "effectiveFrom" {
			t.Fatalf("bad date: %v", err)
		}
		// A new domain, once added, is accepted.
		if _, err := f.s.AddDomain(ctx, legal(), DomainInput{Name: "太空管理"}); err != nil {
			t.Fatal(err)
		}
		bad = f.penaltyInput("CSGL-002", "x")
		bad.Domain = "太空管理"
		if _, err := f.s.Create(ctx, legal(), bad); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "catalog_items"); n != 2 {
			t.Fatalf("items = %d", n)
		}
	})
}

func TestVersionsAsOfRepealAndStatute(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		item := f.published("AQSC-001", "对未按照规定对从业人员进行安全生产教育和培训的行政处罚")
		id := item.Item.ID
		in := f.penaltyInput("", "对未按照规定对从业人员进行安全生产教育和培训的行政处罚（2021年修正）")
		in.Fine = Fine{MaxFen: fen(200000)}
		in.EffectiveFrom = "2020-06-01"
		if _, err := f.s.AddVersion(ctx, legal(), id, in); !apperr.Is(err, "CATALOG_DATE_BEFORE_ITEM") {
			t.Fatalf("before the item: %v", err)
		}
		in.EffectiveFrom = "2021-01-01"
		if _, err := f.s.AddVersion(ctx, legal(), id, in); !apperr.Is(err, "VERSION_DATE_ORDER") {
			t.Fatalf("same day as the current version: %v", err)
		}
		in.EffectiveFrom = "2021-09-01"
		in.DocNo = "阳政办发〔2021〕30号"
		v2, err := f.s.AddVersion(ctx, legal(), id, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.AddVersion(ctx, legal(), id, in); !apperr.Is(err, "VERSION_DRAFT_EXISTS") {
			t.Fatalf("second draft: %v", err)
		}
		if _, err := f.s.Publish(ctx, legal(), id, lifecycle.PublishInput{Revision: v2.Version.Revision}); err != nil {
			t.Fatal(err)
		}
		for date, seq := range map[string]int{"2020-12-31": 0, "2021-01-01": 1, "2021-08-31": 1, "2021-09-01": 2, "2025-01-01": 2} {
			det, err := f.s.Get(ctx, legal(), id, date)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			if det.Version != nil {
				got = det.Version.Version
			}
			if got != seq || det.InForce != (seq > 0) {
				t.Errorf("as of %s: version %d, want %d", date, got, seq)
			}
		}
		// 行政处罚法 第三十七条: an act in 2021-06 decided in 2021-10 gets the old, lighter rule.
		c, err := f.s.Applicable(ctx, legal(), id, "2021-06-15", "2021-10-15")
		if err != nil || c.Applied != AppliedAct || c.Version.Version != 1 {
			t.Fatalf("art. 37: %+v %v", c, err)
		}
		diff, err := f.s.DiffItem(ctx, legal(), id, "2021-06-01", "2022-01-01")
		if err != nil || diff.FromVersion.Version != 1 || diff.ToVersion.Version != 2 || len(diff.Changes) != 2 {
			t.Fatalf("diff: %+v %v", diff, err)
		}
		// The discretion benchmarks read the statutory range through Statute.
		st, err := f.s.Statute(ctx, id, "2022-01-01")
		if err != nil || st.Version != 2 || *st.Fine.MaxFen != 20000000 || st.ItemCode != "AQSC-001" {
			t.Fatalf("statute: %+v %v", st, err)
		}
		_, err = f.s.Statute(ctx, id, "2020-01-01")
		if !apperr.Is(err, "NOT_FOUND") || !errors.Is(err, ErrNotInForce) {
			t.Fatalf("statute before the item: %v", err)
		}
		if _, err := f.s.Statute(ctx, "no-such-item", "2022-01-01"); !apperr.Is(err, "NOT_FOUND") || errors.Is(err, ErrNotInForce) {
			t.Fatalf("unknown item: %v", err)
		}
		// Repeal from 2024-01-01: the version in force is repealed, with the document and the reason.
		cur, _ := f.s.Get(ctx, legal(), id, "")
		rev := cur.Version.Revision
		if _, err := f.s.Repeal(ctx, legal(), id, lifecycle.RepealInput{EffectiveTo: "2021-09-01", DocNo: "阳政办发〔2023〕9号", Reason: "法律依据调整", Revision: rev}); !apperr.Is(err, "VERSION_DATE_ORDER") {
			t.Fatalf("repeal on the version's first day: %v", err)
		}
		if _, err := f.s.Repeal(ctx, legal(), id, lifecycle.RepealInput{EffectiveTo: "2024-01-01", Reason: "法律依据调整", Revision: rev}); !apperr.Is(err, "VERSION_DOC_NO_REQUIRED") {
			t.Fatalf("repeal without a document: %v", err)
		}
		if _, err := f.s.Repeal(ctx, legal(), id, lifecycle.RepealInput{EffectiveTo: "2024-01-01", DocNo: "阳政办发〔2023〕9号", Revision: rev}); !apperr.Is(err, "VERSION_REASON_REQUIRED") {
			t.Fatalf("repeal without a reason: %v", err)
		}
		rep, err := f.s.Repeal(ctx, legal(), id, lifecycle.RepealInput{EffectiveTo: "2024-01-01", DocNo: "阳政办发〔2023〕9号", Reason: "法律依据调整", Revision: rev})
		if err != nil || rep.Item.Status != lifecycle.Repealed || len(rep.Versions) != 2 || rep.InForce {
			t.Fatalf("repeal: %+v %v", rep.Item, err)
		}
		if v := rep.Version; v.Version != 2 || v.Status != lifecycle.Repealed || v.State != lifecycle.StateRepealed || v.EffectiveTo != "2024-01-01" ||
			v.RepealDocNo != "阳政办发〔2023〕9号" || v.RepealReason != "法律依据调整" || v.Revision != rev+1 || v.DocNo != "阳政办发〔2021〕30号" {
			t.Fatalf("repealed version: %+v", v.Record)
		}
		if det, _ := f.s.Get(ctx, legal(), id, "2023-12-31"); det.Version == nil || det.Version.Version != 2 || det.Version.EffectiveTo != "2024-01-01" {
			t.Fatalf("the day before the repeal: %+v", det.Version)
		}
		c, _ = f.s.Applicable(ctx, legal(), id, "2023-06-01", "2024-02-01")
		if c.Applied != AppliedRepealed {
			t.Fatalf("art. 37 after repeal: %+v", c)
		}
		if _, err := f.s.Repeal(ctx, legal(), id, lifecycle.RepealInput{EffectiveTo: "2025-01-01", DocNo: "x", Reason: "x", Revision: rev + 1}); !apperr.Is(err, "VERSION_NOT_PUBLISHED") {
			t.Fatalf("repeal twice: %v", err)
		}
		if _, err := f.s.AddVersion(ctx, legal(), id, in); !apperr.Is(err, "CATALOG_REPEALED") {
			t.Fatalf("a version after the repeal: %v", err)
		}
		// The list shows the version in force on a date and leaves out what is not in force.
		items, total, err := f.s.List(ctx, legal(), Filter{AsOf: "2021-10-01"}, firstPage)
		if err != nil || total != 1 || items[0].Version != 2 || items[0].OwnerOrgName != "阳谷县住房和城乡建设局" {
			t.Fatalf("list as of: %+v %v", items, err)
		}
		if _, total, _ := f.s.List(ctx, legal(), Filter{AsOf: "2024-06-01"}, firstPage); total != 0 {
			t.Fatalf("repealed item listed as in force")
		}
		if _, total, _ := f.s.List(ctx, legal(), Filter{Status: lifecycle.Repealed}, firstPage); total != 1 {
			t.Fatalf("status filter")
		}
	})
}

// TestRevisionRefusesStaleChanges: update, publish and repeal present the revision they read; an
// older one is refused with STALE and changes nothing, and of two concurrent changes presenting
// the same revision exactly one succeeds, on both engines.
func TestRevisionRefusesStaleChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		audits := func() int {
			var n int
			if err := db.Get(ctx, d.R, &n, `SELECT COUNT(*) FROM audit_log WHERE entity = ?`, entityItem); err != nil {
				t.Fatal(err)
			}
			return n
		}
		in := f.penaltyInput("CSGL-010", "对擅自搭建建筑物的行政处罚")
		draft, err := f.s.Create(ctx, legal(), in)
		if err != nil {
			t.Fatal(err)
		}
		id := draft.Item.ID
		in.Name = "对擅自搭建建筑物、构筑物的行政处罚"
		if d, err := f.s.UpdateDraft(ctx, legal(), id, DraftInput{Input: in, Revision: 1}); err != nil || d.Version.Revision != 2 {
			t.Fatalf("update: %+v %v", d.Version, err)
		}
		before := audits()
		in.Name = "旧页面上的修改"
		if _, err := f.s.UpdateDraft(ctx, legal(), id, DraftInput{Input: in, Revision: 1}); !apperr.Is(err, "STALE") || apperr.As(err).Kind != apperr.KindConflict {
			t.Fatalf("update from a stale copy: %v", err)
		}
		if _, err := f.s.Publish(ctx, legal(), id, lifecycle.PublishInput{Revision: 1}); !apperr.Is(err, "STALE") {
			t.Fatalf("publish from a stale copy: %v", err)
		}
		if got, _ := f.s.Get(ctx, legal(), id, ""); got.Version.Name != "对擅自搭建建筑物、构筑物的行政处罚" || got.Version.Revision != 2 ||
			got.Item.Status != lifecycle.Draft || audits() != before {
			t.Fatalf("a stale change changed the draft: %+v", got.Version)
		}
		v1, err := f.s.Publish(ctx, legal(), id, lifecycle.PublishInput{Revision: 2, DocTitle: "阳谷县人民政府关于公布权责清单的通知"})
		if err != nil || v1.Version.Revision != 3 || v1.Version.DocTitle != "阳谷县人民政府关于公布权责清单的通知" {
			t.Fatalf("publish: %+v %v", v1.Version, err)
		}
		// Publishing version 2 closes version 1, which is a change of version 1 too.
		in.Name, in.EffectiveFrom, in.DocNo = "对擅自搭建建筑物、构筑物的行政处罚（修订）", "2023-01-01", "阳政办发〔2022〕41号"
		v2, err := f.s.AddVersion(ctx, legal(), id, in)
		if err != nil || v2.Version.Version != 2 || v2.Version.Revision != 1 {
			t.Fatalf("version 2: %+v %v", v2.Version, err)
		}
		// Two officers publish the same draft at once: one publishes, the other is told it changed.
		results := make(chan error, 2)
		var start sync.WaitGroup
		start.Add(1)
		for range 2 {
			go func() {
				start.Wait()
				_, err := f.s.Publish(ctx, legal(), id, lifecycle.PublishInput{Revision: 1})
				results <- err
			}()
		}
		start.Done()
		var ok, refused int
		for range 2 {
			switch err := <-results; {
			case err == nil:
				ok++
			case apperr.Is(err, "STALE") || apperr.Is(err, "CATALOG_NO_DRAFT"):
				refused++
			default:
				t.Errorf("concurrent publication: %v", err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Fatalf("concurrent publications: %d succeeded, %d refused", ok, refused)
		}
		got, _ := f.s.Get(ctx, legal(), id, "")
		if len(got.Versions) != 2 || got.Versions[0].EffectiveTo != "2023-01-01" || got.Versions[0].Revision != 4 ||
			got.Versions[0].State != lifecycle.StateExpired || got.Versions[1].Revision != 2 || got.Versions[1].State != lifecycle.StateInForce {
			t.Fatalf("after version 2: %+v", got.Versions)
		}
		var published int
		if err := db.Get(ctx, d.R, &published, `SELECT COUNT(*) FROM audit_log WHERE entity = ? AND entity_id = ? AND summary LIKE ?`,
			entityItem, id, "发布%"); err != nil || published != 2 {
			t.Fatalf("publication audit entries: %d %v", published, err)
		}
		// Repeal presents the revision of the version in force.
		rep := lifecycle.RepealInput{EffectiveTo: "2024-01-01", DocNo: "阳政办发〔2023〕9号", Reason: "法律依据调整", Revision: 1}
		if _, err := f.s.Repeal(ctx, legal(), id, rep); !apperr.Is(err, "STALE") {
			t.Fatalf("repeal from a stale copy: %v", err)
		}
		rep.Revision = 2
		if r, err := f.s.Repeal(ctx, legal(), id, rep); err != nil || r.Version.Status != lifecycle.Repealed || r.Version.Revision != 3 {
			t.Fatalf("repeal: %+v %v", r.Version, err)
		}
	})
}

// decide records a decision or fails the test.
func (f *fixture) decide(in DecisionInput) DecisionDetail {
	f.t.Helper()
	d, err := f.s.CreateDecision(ctx, legal(), in)
	if err != nil {
		f.t.Fatalf("%s: %v %+v", in.DocNo, err, apperr.As(err).Details)
	}
	return d
}

func TestDecisionsDelegationAndRevocation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		x := f.published("CSGL-036", "对擅自搭建建筑物、构筑物的行政处罚").Item
		y := f.published("GHFL-064", "对未取得建设工程规划许可证进行建设的行政处罚").Item
		z := f.published("CSGL-042", "对擅自占用城市道路的行政处罚").Item
		f.decide(DecisionInput{DocNo: "阳政发〔2021〕12号", Title: "关于划转城市管理领域行政处罚权的决定", EffectiveFrom: "2021-07-01",
			Transfers: []MoveInput{{Items: []string{x.ID, "GHFL-064"}, Targets: []string{f.bureau}},
				{Items: []string{z.Code}, Targets: []string{f.bureau}, Partial: true, PartNote: "仅划转对占道经营的处罚"}}})
		d2 := f.decide(DecisionInput{DocNo: "阳政发〔2022〕8号", Title: "关于向乡镇下放部分行政执法事项的决定", EffectiveFrom: "2022-06-01",
			Delegations: []MoveInput{{Items: []string{x.Code, y.Code}, Targets: []string{f.zq, f.yl}}}})
		if len(d2.Made) != 4 || d2.Made[0].FromOrgName != "阳谷县综合行政执法局" || d2.Delegations != 4 {
			t.Fatalf("delegation decision: %+v", d2)
		}
		for _, a := range d2.Made {
			if (a.TargetOrgID == f.zq && a.WorkingOrgName != "张秋镇综合行政执法办公室") || (a.TargetOrgID == f.yl && a.WorkingOrgID != f.ylOffice) {
				t.Fatalf("working body of %s: %+v", a.TargetOrgName, a)
			}
		}

		// Bad decisions are refused whole, each problem named; nothing changes.
		before := count(t, d, "catalog_assignments")
		for _, c := range []struct {
			name string
			in   DecisionInput
			code string
		}{
			{"delegate to a squadron", DecisionInput{Delegations: []MoveInput{{Items: []string{z.Code}, Targets: []string{f.squadron}}}}, "CATALOG_DELEGATE_TARGET"},
			{"delegate to the enforcement office", DecisionInput{Delegations: []MoveInput{{Items: []string{z.Code}, Targets: []string{f.zqOffice}}}}, "CATALOG_DELEGATE_TARGET"},
			{"delegate to the county government", DecisionInput{Delegations: []MoveInput{{Items: []string{z.Code}, Targets: []string{f.gov}}}}, "CATALOG_DELEGATE_TARGET"},
			{"transfer to a department", DecisionInput{Transfers: []MoveInput{{Items: []string{z.Code}, Targets: []string{f.market}}}}, "CATALOG_TRANSFER_TARGET"},
			{"unknown items", DecisionInput{Transfers: []MoveInput{{Items: []string{"NOPE-1", x.Code, "NOPE-2"}, Targets: []string{f.bureau}}}}, "CATALOG_ITEM_UNKNOWN"},
			{"revoke nothing", DecisionInput{Revocations: []RevokeInput{{Items: []string{z.Code}, Kind: ModeDelegate}}}, "CATALOG_REVOKE_NOTHING"},
			{"overlapping delegation", DecisionInput{Delegations: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.zq}}}}, "CATALOG_DELEGATION_OVERLAP"},
			{"transfer again", DecisionInput{Transfers: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.bureau}}}}, "CATALOG_TRANSFER_OVERLAP"},
			{"partial without a note", DecisionInput{Delegations: []MoveInput{{Items: []string{z.Code}, Targets: []string{f.zq}, Partial: true}}}, "CATALOG_PART_NOTE_REQUIRED"},
		} {
			c.in.DocNo, c.in.Title, c.in.EffectiveFrom = "阳政发〔2023〕99号", "错误的决定", "2023-01-01"
			_, err := f.s.CreateDecision(ctx, legal(), c.in)
			e := apperr.As(err)
			if e.Code != c.code || len(e.Details) == 0 || !strings.Contains(e.Message, "未登记") {
				t.Errorf("%s: %v %+v", c.name, err, e.Details)
			}
			if c.name == "delegate to the enforcement office" && (!strings.Contains(e.Message, "请改为张秋镇人民政府") || !strings.Contains(e.Rule, "第二十四条")) {
				t.Errorf("%s: %s (%s)", c.name, e.Message, e.Rule)
			}
			if c.code == "CATALOG_ITEM_UNKNOWN" && (len(e.Details) != 2 || !strings.Contains(e.Message, "NOPE-1、NOPE-2")) {
				t.Errorf("unknown items not all listed: %s %+v", e.Message, e.Details)
			}
		}
		_, err := f.s.CreateDecision(ctx, legal(), DecisionInput{DocNo: "阳政发〔2020〕1号", Title: "早于事项", EffectiveFrom: "2020-06-01",
			Transfers: []MoveInput{{Items: []string{z.Code}, Targets: []string{f.bureau}}}})
		if !apperr.Is(err, "CATALOG_DATE_BEFORE_ITEM") {
			t.Errorf("before the item: %v", err)
		}
		_, err = f.s.CreateDecision(ctx, legal(), DecisionInput{DocNo: "阳政发〔2022〕8号", Title: "重复文号", EffectiveFrom: "2023-01-01",
			Revocations: []RevokeInput{{Items: []string{x.Code}}}})
		if !apperr.Is(err, "CATALOG_DOC_NO_EXISTS") {
			t.Errorf("duplicate document number: %v", err)
		}
		if _, err := f.s.CreateDecision(ctx, legal(), DecisionInput{DocNo: "x", Title: "x", EffectiveFrom: "2023-1-1"}); !apperr.Is(err, "DATE_INVALID") {
			t.Errorf("bad date: %v", err)
		}
		if n := count(t, d, "catalog_assignments"); n != before || count(t, d, "catalog_decisions") != 2 {
			t.Fatalf("refused decisions changed the store: %d assignments, was %d", n, before)
		}

		// 阳政发〔2024〕3号 takes 城乡规划法第六十四条 back from every township.
		rev, err := f.s.RevokeDecision(ctx, legal(), d2.ID, RevokeDecisionInput{DocNo: "阳政发〔2024〕3号", Title: "关于收回部分下放事项的决定",
			EffectiveFrom: "2024-03-01", Items: []string{y.Code}})
		if err != nil || len(rev.Revoked) != 2 || rev.Revocations != 2 {
			t.Fatalf("revocation: %+v %v", rev, err)
		}
		if _, err := f.s.RevokeDecision(ctx, legal(), d2.ID, RevokeDecisionInput{DocNo: "阳政发〔2024〕4号", Title: "再次收回",
			EffectiveFrom: "2024-06-01", Items: []string{y.Code}}); !apperr.Is(err, "CATALOG_REVOKE_NOTHING") {
			t.Fatalf("revoke twice: %v", err)
		}

		// Who exercises 城乡规划法第六十四条 in a 张秋 village, over time.
		village := "371521112203"
		for _, c := range []struct {
			date, body string
			mode       Mode
		}{
			{"2021-06-30", "阳谷县住房和城乡建设局", ModeOwner},
			{"2021-07-01", "阳谷县综合行政执法局", ModeTransfer},
			{"2022-06-01", "张秋镇人民政府", ModeDelegate},
			{"2024-02-29", "张秋镇人民政府", ModeDelegate},
			{"2024-03-01", "阳谷县综合行政执法局", ModeTransfer},
		} {
			x, err := f.s.Exercise(ctx, legal(), ExerciseQuery{ItemCode: y.Code, Place: village, Date: c.date})
			if err != nil || x.Body.Name != c.body || x.Mode != c.mode {
				t.Errorf("%s: %+v %v; want %s", c.date, x, err, c.body)
			}
			if err == nil && !strings.Contains(x.Explanation, "张秋镇张秋第3村") {
				t.Errorf("explanation does not name the place: %s", x.Explanation)
			}
			// A delegated item is exercised in the township government's name, its office handling it.
			if err == nil && c.mode == ModeDelegate && (x.WorkingBody == nil || x.WorkingBody.ID != f.zqOffice ||
				!strings.Contains(x.Explanation, "张秋镇综合行政执法办公室作为其工作机构具体承办")) {
				t.Errorf("%s: working body %+v, %s", c.date, x.WorkingBody, x.Explanation)
			}
		}
		if _, err := f.s.Exercise(ctx, legal(), ExerciseQuery{ItemID: y.ID, Place: "37152111220", Date: "2024-01-01"}); !apperr.Is(err, "REGION_CODE_INVALID") {
			t.Errorf("bad place: %v", err)
		}

		// Items per organisation, from the snapshot and from SQL, agree.
		for _, c := range []struct {
			org, date string
			n         int
		}{{f.zq, "2023-01-01", 2}, {f.zq, "2024-03-01", 1}, {f.zqOffice, "2023-01-01", 2}, {f.zqOffice, "2024-03-01", 1}, {f.bureau, "2023-01-01", 3}, {f.dept, "2021-06-30", 3}, {f.dept, "2023-01-01", 1}} {
			oi, err := f.s.OrgItems(ctx, legal(), c.org, c.date, firstPage)
			if err != nil || oi.Total != c.n {
				t.Errorf("%s on %s: %d items (%v), want %d", oi.Org.Name, c.date, oi.Total, err, c.n)
			}
			_, total, err := f.s.List(ctx, legal(), Filter{OrgID: c.org, AsOf: c.date}, firstPage)
			if err != nil || total != c.n {
				t.Errorf("list of %s on %s: %d (%v), want %d", oi.Org.Name, c.date, total, err, c.n)
			}
		}
		diff, err := f.s.DiffOrg(ctx, legal(), f.zq, "2024-01-01", "2024-12-31")
		if err != nil || len(diff.Lost) != 1 || diff.Lost[0].Code != y.Code || len(diff.Gained) != 0 {
			t.Fatalf("张秋 in 2024: %+v %v", diff, err)
		}
		det, _ := f.s.Get(ctx, legal(), y.ID, "")
		if len(det.Assignments) != 3 || det.Assignments[1].RevokedByDocNo != "阳政发〔2024〕3号" || det.Assignments[1].EffectiveTo != "2024-03-01" {
			t.Fatalf("history: %+v", det.Assignments)
		}
		idiff, _ := f.s.DiffItem(ctx, legal(), y.ID, "2024-01-01", "2024-12-31")
		if len(idiff.Assignments) != 2 || idiff.Assignments[0].Change != "ended" {
			t.Fatalf("item diff: %+v", idiff.Assignments)
		}
		// A township officer sees the county's catalogue but may not change it.
		zqOfficer := access.NewPrincipal("acc-zq", "officer.zq", "陈磊", f.zqOffice, zhangqiu, []access.Role{access.Officer})
		if _, total, err := f.s.List(ctx, zqOfficer, Filter{}, firstPage); err != nil || total != 3 {
			t.Fatalf("township officer list: %d %v", total, err)
		}
		if _, err := f.s.Repeal(ctx, zqOfficer, x.ID, lifecycle.RepealInput{EffectiveTo: "2025-01-01", DocNo: "x", Reason: "x", Revision: 2}); !apperr.Is(err, "OUT_OF_WRITE_SCOPE") {
			t.Fatalf("township officer repealed a county item: %v", err)
		}
		decs, total, err := f.s.ListDecisions(ctx, legal(), DecisionFilter{}, firstPage)
		if err != nil || total != 3 || decs[0].DocNo != "阳政发〔2024〕3号" {
			t.Fatalf("decisions: %+v %v", decs, err)
		}
	})
}

func TestChecksReportFindsSeededOverlap(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		x := f.published("CSGL-036", "对擅自搭建建筑物、构筑物的行政处罚").Item
		draft := f.penaltyInput("CSGL-099", "无依据的事项")
		draft.ViolatedBasis, draft.PenaltyBasis = nil, nil
		if _, err := f.s.Create(ctx, legal(), draft); err != nil {
			t.Fatal(err)
		}
		dec := f.decide(DecisionInput{DocNo: "阳政发〔2022〕8号", Title: "下放", EffectiveFrom: "2022-06-01",
			Delegations: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.zq}}}})
		rep, err := f.s.Checks(ctx, legal())
		if err != nil || rep.ByCode["CATALOG_BASIS_REQUIRED"] != 2 || rep.ByCode["CATALOG_DELEGATION_OVERLAP"] != 0 {
			t.Fatalf("report: %+v %v", rep, err)
		}
		// Another process (or an old migration) wrote a second delegation for the same township
		// behind the service's back, bumping the generation as every writer must.
		office, err := f.orgs.Create(ctx, access.System(), orgInput("张秋镇便民服务中心执法室", zhangqiu))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, d.W, `INSERT INTO catalog_assignments (id, region_code, item_id, decision_id, kind, from_org_id,
			target_org_id, place_code, partial, part_note, effective_from, effective_to, revoked_by, created_at)
			VALUES ('seeded', ?, ?, ?, 'delegate', ?, ?, ?, ?, '', '2023-01-01', '', '', '2023-01-01T00:00:00.000Z')`,
			county, x.ID, dec.ID, f.bureau, office.ID, zhangqiu, false); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, d.W, `UPDATE catalog_generation SET gen = gen + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err = f.s.Checks(ctx, legal())
		if err != nil || rep.ByCode["CATALOG_DELEGATION_OVERLAP"] != 1 || rep.Errors < 3 {
			t.Fatalf("report after the overlap: %+v %v", rep, err)
		}
		for _, p := range rep.Problems {
			if p.Code == "CATALOG_DELEGATION_OVERLAP" && (p.ItemCode != "CSGL-036" || !strings.Contains(p.Message, "重叠")) {
				t.Fatalf("overlap problem: %+v", p)
			}
		}
	})
}

func TestGenerationCounterAcrossProcesses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		other := newService(d) // a second process on the same store
		other.Recheck = time.Hour
		first, err := other.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		x := f.published("CSGL-036", "对擅自搭建建筑物、构筑物的行政处罚").Item
		// Within the recheck interval the other process keeps its snapshot …
		if s, _ := other.Snapshot(ctx); s != first || s.item(access.Everywhere, x.ID) != nil {
			t.Fatal("the other process rebuilt without a check")
		}
		// … and sees the change at its next check of the generation counter.
		s, err := other.Refresh(ctx)
		if err != nil || s.Gen() <= first.Gen() || s.item(access.Everywhere, x.ID) == nil {
			t.Fatalf("after refresh: gen %d → %d, %v", first.Gen(), s.Gen(), err)
		}
		if again, _ := other.Refresh(ctx); again != s {
			t.Fatal("an unchanged generation rebuilt the snapshot")
		}
		other.Recheck = time.Millisecond
		f.decide(DecisionInput{DocNo: "阳政发〔2021〕12号", Title: "划转", EffectiveFrom: "2021-07-01",
			Transfers: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.bureau}}}})
		time.Sleep(5 * time.Millisecond)
		x2, err := other.Exercise(ctx, access.System(), ExerciseQuery{ItemID: x.ID, Place: county, Date: "2022-01-01"})
		if err != nil || x2.Mode != ModeTransfer {
			t.Fatalf("the other process after its periodic check: %+v %v", x2, err)
		}
		// The writing process reads its own writes at once.
		x3, err := f.s.Exercise(ctx, access.System(), ExerciseQuery{ItemID: x.ID, Place: county, Date: "2022-01-01"})
		if err != nil || x3.Mode != ModeTransfer {
			t.Fatalf("own write: %+v %v", x3, err)
		}
	})
}

// TestDomainNamesAreTheOneList: the domain table, seeded with the national domains and grown by
// a jurisdiction's own, in display order, is the list organisations are checked against.
func TestDomainNamesAreTheOneList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		names, err := f.s.DomainNames(ctx)
		if err != nil || len(names) != 16 || names[0] != "城市管理" || names[15] != "综合" {
			t.Fatalf("seeded domains: %v %v", names, err)
		}
		bureau := org.Input{Name: "阳谷县新区综合行政执法局", Kind: org.KindBureau, RegionCode: "371521000000", Domains: []string{"城市管理", "太空管理"}}
		if _, err := f.orgs.Create(ctx, access.System(), bureau); !apperr.Is(err, "DOMAIN_UNKNOWN") || apperr.As(err).Field != "domains" {
			t.Fatalf("a domain not in the table: %v", err)
		}
		if _, err := f.s.AddDomain(ctx, legal(), DomainInput{Name: "太空管理"}); err != nil {
			t.Fatal(err)
		}
		if names, _ = f.s.DomainNames(ctx); len(names) != 17 || names[16] != "太空管理" {
			t.Fatalf("after adding: %v", names)
		}
		if o, err := f.orgs.Create(ctx, access.System(), bureau); err != nil || len(o.Domains) != 2 {
			t.Fatalf("a domain added to the table: %+v %v", o, err)
		}
	})
}
