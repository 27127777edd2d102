package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/client"
	"zhifa/internal/cases"
	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

// caseKit finds in the demo county what a case needs: an item, officers with certificates and
// the days of the scenario, counted back from today.
type caseKit struct {
	e         *env
	today     civil.Date
	item      func(code string) string
	officer   string // 张伟 (officer), brigade
	colleague string // a brigade colleague whose certificate covers 城市管理
	leader    *client.Client
	legal     *client.Client
	me        *client.Client
}

func newCaseKit(t *testing.T, e *env) *caseKit {
	k := &caseKit{e: e, today: civil.Today(clock.System{})}
	items, _, err := e.app.Catalog.List(context.Background(), access.System(), catalog.Filter{}, httpx.Page{Page: 1, PageSize: httpx.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	k.item = func(code string) string {
		for _, it := range items {
			if it.Code == code {
				return it.ID
			}
		}
		t.Fatalf("no demo item %s", code)
		return ""
	}
	k.officer = lookup(t, e.app.DB, `SELECT person_id FROM accounts WHERE username = 'officer'`)
	k.colleague = lookup(t, e.app.DB, `SELECT p.id FROM people p JOIN certificates c ON c.person_id = p.id
		JOIN accounts a ON a.username = 'officer' WHERE p.work_org_id = a.org_id AND p.id <> a.person_id
		AND c.valid_from <= ? AND c.valid_to >= ? AND c.domains LIKE '%城市管理%' ORDER BY p.name LIMIT 1`,
		k.today.AddDays(-200).String(), k.today.AddDays(30).String())
	k.me, k.leader, k.legal = e.as("officer"), e.as("leader"), e.as("legal")
	return k
}

func (k *caseKit) day(n int) string { return k.today.AddDays(n).String() }

type caseAnswer struct {
	ID       string `json:"id"`
	Number   string `json:"number"`
	Stage    string `json:"stage"`
	Decision string `json:"decisionNo"`
	Parties  []struct {
		ID string `json:"id"`
	} `json:"parties"`
	Deadlines []struct {
		Key     string `json:"key"`
		Due     string `json:"due"`
		Explain string `json:"explain"`
		Status  string `json:"status"`
		Late    bool   `json:"late"`
	} `json:"deadlines"`
	Actions []struct {
		Kind    string `json:"kind"`
		Allowed bool   `json:"allowed"`
		Rule    string `json:"rule"`
	} `json:"actions"`
	State struct {
		Notice *struct {
			HearingRight bool   `json:"hearingRight"`
			Number       string `json:"number"`
		} `json:"notice"`
		Exercise struct {
			SubjectName string `json:"subjectName"`
			VersionID   string `json:"versionId"`
		} `json:"exercise"`
	} `json:"state"`
	Steps []struct {
		Kind string `json:"kind"`
	} `json:"steps"`
}

func post(t *testing.T, c *client.Client, path string, body any, out any) error {
	t.Helper()
	return c.Do(ctx, http.MethodPost, "/api/v1"+path, body, out)
}

func mustPost(t *testing.T, c *client.Client, path string, body any) caseAnswer {
	t.Helper()
	var out caseAnswer
	if err := post(t, c, path, body, &out); err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return out
}

func (a caseAnswer) deadline(key string) (due, status, explain string) {
	for _, d := range a.Deadlines {
		if d.Key == key {
			return d.Due, d.Status, d.Explain
		}
	}
	return "", "", ""
}

var numberPattern = regexp.MustCompile(`^综执(立|告|罚|不罚|简罚)〔\d{4}〕\d+号$`)

func TestOrdinaryCaseFromLeadToArchive(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		item := k.item("CSGL-CF-018") // 运输车辆未密闭：2000元以上2万元以下
		var lead struct {
			ID  string `json:"id"`
			Due string `json:"due"`
		}
		if err := post(t, k.me, "/leads", map[string]any{"source": "complaint", "sourceNote": "12345工单 2026-0001",
			"received": k.day(-88), "summary": "渣土车沿途遗撒", "placeCode": "371521001000"}, &lead); err != nil {
			t.Fatal(err)
		}
		party := map[string]any{"type": "natural", "name": "王某", "idNumber": validID("371521", "19800101", 11),
			"address": "阳谷县博济桥街道"}
		open := map[string]any{"leadId": lead.ID, "date": k.day(-85), "itemId": item, "title": "王某运输渣土未密闭案",
			"actDate": k.day(-90), "placeCode": "371521001000", "address": "谷山路", "parties": []any{party},
			"officerIds": []string{k.officer, k.colleague}}

		// One officer is not enough (第四十二条); a wrong check character is refused.
		bad := clone(open)
		bad["officerIds"] = []string{k.officer}
		apiErr(t, post(t, k.me, "/cases", bad, nil), http.StatusBadRequest, "CASE_OFFICERS_UNQUALIFIED")
		bad = clone(open)
		bad["parties"] = []any{map[string]any{"type": "natural", "name": "王某", "idNumber": "371521198001010110"}}
		apiErr(t, post(t, k.me, "/cases", bad, nil), http.StatusBadRequest, "CASE_PARTY_ID_INVALID")
		bad = clone(open)
		bad["parties"] = []any{map[string]any{"type": "legal", "name": "某公司", "creditCode": "91110000802100433C", "representative": "李某"}}
		apiErr(t, post(t, k.me, "/cases", bad, nil), http.StatusBadRequest, "CASE_PARTY_CODE_INVALID")
		// An act discovered more than two years later is out of time (第三十六条).
		bad = clone(open)
		bad["actDate"], bad["discovered"] = k.today.AddYears(-3).String(), k.day(-88)
		delete(bad, "leadId")
		apiErr(t, post(t, k.me, "/cases", bad, nil), http.StatusBadRequest, "CASE_LIMITATION_EXPIRED")
		bad = clone(open)
		bad["actDate"] = k.day(3)
		apiErr(t, post(t, k.me, "/cases", bad, nil), http.StatusBadRequest, "CASE_DATE_IN_FUTURE")

		c := mustPost(t, k.me, "/cases", open)
		if c.Stage != "filing" || c.State.Exercise.SubjectName != "阳谷县综合行政执法局" || c.State.Exercise.VersionID == "" {
			t.Fatalf("opened: %+v", c)
		}
		// The township's officer does not see the bureau's case.
		apiErr(t, e.as("officer.zhangqiu").Get(ctx, "/api/v1/cases/"+c.ID, nil, nil), http.StatusNotFound, "NOT_FOUND")
		// Only a leader approves the filing; an officer may not record before it.
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/approve-filing", map[string]any{"approved": true}, nil), http.StatusForbidden, "FORBIDDEN")
		record := map[string]any{"date": k.day(-80), "from": "09:30", "to": "10:10", "kind": "inquiry", "place": "执法大队询问室",
			"officerIds": []string{k.officer, k.colleague}, "recorderId": k.colleague, "subject": "王某", "relation": "party",
			"qa": []any{map[string]any{"q": "我们是阳谷县综合行政执法局的执法人员，这是我们的执法证件，你是否看清？", "a": "看清了。"},
				map[string]any{"q": "车辆为何未采取密闭措施？", "a": "篷布坏了，没来得及修。"}},
			"summary": "王某承认未密闭运输"}
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/records", record, nil), http.StatusConflict, "CASE_NOT_FILED")
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/approve-filing", map[string]any{"date": k.day(-84), "approved": true, "opinion": "同意立案"})
		if c.Stage != "investigating" || !numberPattern.MatchString(c.Number) {
			t.Fatalf("filed: %s %q", c.Stage, c.Number)
		}
		if due, _, explain := c.deadline("decision"); due == "" || !strings.Contains(explain, "办案期限90日") {
			t.Fatalf("decision limit: %s %s", due, explain)
		}
		// A report needs an investigation record first.
		report := map[string]any{"date": k.day(-70), "facts": "王某驾驶渣土车未密闭遗撒", "evidence": "询问笔录、照片", "outcome": "penalty",
			"proposed": []any{map[string]any{"partyId": c.Parties[0].ID, "kinds": []string{"罚款"}, "fineFen": 25000_00}}}
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/report", report, nil), http.StatusConflict, "CASE_RECORD_REQUIRED")
		one := clone(record)
		one["officerIds"] = []string{k.officer}
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/records", one, nil), http.StatusBadRequest, "CASE_OFFICERS_UNQUALIFIED")
		outsider := clone(record)
		outsider["recorderId"] = k.officer + "x"
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/records", outsider, nil), http.StatusBadRequest, "CASE_RECORDER_NOT_PRESENT")
		var recorded struct {
			State struct {
				Records []cases.Record `json:"records"`
			} `json:"state"`
		}
		if err := post(t, k.me, "/cases/"+c.ID+"/records", record, &recorded); err != nil {
			t.Fatal(err)
		}
		if r := recorded.State.Records; len(r) != 1 || len(r[0].QA) != 2 || r[0].Recorder == "" || r[0].Relation != "party" || r[0].From != "09:30" {
			t.Fatalf("the inquiry record as structured: %+v", r)
		}
		// Above the statutory maximum of 20,000 yuan.
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/report", report, nil), http.StatusBadRequest, "CASE_FINE_ABOVE_STATUTE")
		report["proposed"] = []any{map[string]any{"partyId": c.Parties[0].ID, "kinds": []string{"罚款"}, "fineFen": 4000_00}}
		c = mustPost(t, k.me, "/cases/"+c.ID+"/report", report)
		if c.Stage != "review" {
			t.Fatalf("after the report: %s", c.Stage)
		}
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/review", map[string]any{"date": k.day(-69), "approved": true, "opinion": "同意给予行政处罚"})
		if c.Stage != "notice" {
			t.Fatalf("after the review: %s", c.Stage)
		}
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-68)}, nil), http.StatusConflict, "CASE_NOT_NOTIFIED")
		c = mustPost(t, k.me, "/cases/"+c.ID+"/notice", map[string]any{"date": k.day(-66), "method": "direct"})
		// 4,000 yuan on a citizen is below the 5,000 yuan of 较大数额: no right to a hearing.
		if c.State.Notice == nil || c.State.Notice.HearingRight || !numberPattern.MatchString(c.State.Notice.Number) {
			t.Fatalf("notice: %+v", c.State.Notice)
		}
		// During the statement period the leader may not decide (第六十二条).
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-65)}, nil), http.StatusConflict, "CASE_DEFENCE_PERIOD_OPEN")
		mustPost(t, k.me, "/cases/"+c.ID+"/statements", map[string]any{"date": k.day(-64), "content": "初次违法，请求从轻", "adopted": false,
			"reply": "违法事实清楚，拟处罚款已考虑初次违法情节"})
		// Never heavier than notified (第四十五条).
		heavier := map[string]any{"date": k.day(-50), "penalties": []any{map[string]any{"partyId": c.Parties[0].ID, "kinds": []string{"罚款"}, "fineFen": 5000_00}}}
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/decision", heavier, nil), http.StatusBadRequest, "CASE_HEAVIER_THAN_NOTICE")
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-50), "opinion": "同意"})
		if c.Stage != "service" || !numberPattern.MatchString(c.Decision) {
			t.Fatalf("decided: %s %q", c.Stage, c.Decision)
		}
		c = mustPost(t, k.me, "/cases/"+c.ID+"/service", map[string]any{"date": k.day(-48), "method": "direct", "recipient": "王某"})
		if due, _, _ := c.deadline("payment"); due == "" {
			t.Fatalf("no payment limit: %+v", c.Deadlines)
		}
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/close", map[string]any{"date": k.day(-47)}, nil), http.StatusConflict, "CASE_NOT_PERFORMED")
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/payments", map[string]any{"date": k.day(-40), "partyId": c.Parties[0].ID, "amountFen": 20000_00,
			"reference": "B1", "bank": "农业银行"}, nil), http.StatusBadRequest, "CASE_OVERPAID")
		mustPost(t, k.me, "/cases/"+c.ID+"/payments", map[string]any{"date": k.day(-40), "partyId": c.Parties[0].ID, "amountFen": 4000_00,
			"reference": "B1", "bank": "农业银行阳谷支行"})
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/close", map[string]any{"date": k.day(-35)})
		if c.Stage != "closed" {
			t.Fatalf("closed: %s", c.Stage)
		}
		c = mustPost(t, k.me, "/cases/"+c.ID+"/archive", map[string]any{"date": k.day(-30)})
		if c.Stage != "archived" || len(c.Steps) < 12 {
			t.Fatalf("archived: %s, %d steps", c.Stage, len(c.Steps))
		}
		// Every step is in the audit log.
		var n int
		if err := db.Get(ctx, e.app.DB.R, &n, `SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = ?`, c.ID); err != nil || n < len(c.Steps) {
			t.Fatalf("audit entries %d for %d steps: %v", n, len(c.Steps), err)
		}
		// The decision counts as a prior penalty of the party for the item (the look-back of a
		// discretion benchmark), keyed by the party's ID number, not by the case.
		key := lookup(t, e.app.DB, `SELECT party_key FROM case_parties WHERE case_id = ?`, c.ID)
		if n, err := e.app.Cases.CountPenalties(ctx, key, item, k.today.AddYears(-1).String(), k.day(1)); err != nil || n != 1 {
			t.Fatalf("prior penalties %d: %v", n, err)
		}
		if n, _ := e.app.Cases.CountPenalties(ctx, key, item, k.day(-49), k.day(1)); n != 0 {
			t.Fatalf("a window after the decision counts %d", n)
		}
		// The discretion benchmarks ask by the party's ID number.
		if n, err := e.app.Discretion.Priors.Count(ctx, validID("371521", "19800101", 11), item, k.today.AddYears(-1).String(), k.day(1)); err != nil || n != 1 {
			t.Fatalf("prior penalties by ID number %d: %v", n, err)
		}
		var lead2 struct {
			Status string `json:"status"`
		}
		if err := k.me.Get(ctx, "/api/v1/leads/"+lead.ID, nil, &lead2); err != nil || lead2.Status != "filed" {
			t.Fatalf("lead: %+v %v", lead2, err)
		}
	})
}

func TestHearingCaseNeedsLegalReview(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		item := k.item("CSGL-CF-017") // 施工工地未防尘：1万元以上10万元以下，责令停工整治
		firm := map[string]any{"type": "legal", "name": "阳谷某建筑公司", "creditCode": "91110000802100433B", "representative": "赵某"}
		c := mustPost(t, k.me, "/cases", map[string]any{"date": k.day(-100), "itemId": item, "title": "某建筑公司工地未采取防尘措施案",
			"actDate": k.day(-101), "placeCode": "371521002000", "parties": []any{firm}, "officerIds": []string{k.officer, k.colleague}})
		mustPost(t, k.leader, "/cases/"+c.ID+"/approve-filing", map[string]any{"date": k.day(-99), "approved": true})
		mustPost(t, k.me, "/cases/"+c.ID+"/records", map[string]any{"date": k.day(-98), "kind": "inspection", "place": "工地",
			"officerIds": []string{k.officer, k.colleague}, "subject": "施工现场", "summary": "裸土未覆盖"})
		pen := []any{map[string]any{"partyId": c.Parties[0].ID, "kinds": []string{"罚款", "责令停产停业"}, "fineFen": 50000_00}}
		mustPost(t, k.me, "/cases/"+c.ID+"/report", map[string]any{"date": k.day(-90), "facts": "未防尘", "evidence": "检查笔录", "outcome": "penalty", "proposed": pen})
		mustPost(t, k.leader, "/cases/"+c.ID+"/review", map[string]any{"date": k.day(-89), "approved": true, "opinion": "同意"})
		c = mustPost(t, k.me, "/cases/"+c.ID+"/notice", map[string]any{"date": k.day(-88), "method": "direct"})
		if c.State.Notice == nil || !c.State.Notice.HearingRight {
			t.Fatalf("责令停产停业 gives a hearing right: %+v", c.State.Notice)
		}
		// A request after 5 working days is late; one in time stops the decision limit.
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/hearing-request", map[string]any{"date": k.day(-70)}, nil), http.StatusBadRequest, "CASE_HEARING_REQUEST_LATE")
		c = mustPost(t, k.me, "/cases/"+c.ID+"/hearing-request", map[string]any{"date": k.day(-87)})
		if c.Stage != "hearing" {
			t.Fatalf("after the request: %s", c.Stage)
		}
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-86)}, nil), http.StatusConflict, "CASE_HEARING_PENDING")
		host := lookup(t, e.app.DB, `SELECT person_id FROM accounts WHERE username = 'legal'`)
		notice := map[string]any{"date": k.day(-85), "hearingDate": k.day(-82), "hostId": host, "clerk": "书记员", "place": "听证室"}
		apiErr(t, post(t, k.legal, "/cases/"+c.ID+"/hearing-notice", notice, nil), http.StatusBadRequest, "CASE_HEARING_NOTICE_SHORT")
		notice["hearingDate"], notice["hostId"] = k.day(-70), k.officer
		apiErr(t, post(t, k.legal, "/cases/"+c.ID+"/hearing-notice", notice, nil), http.StatusBadRequest, "CASE_HEARING_HOST_INVESTIGATOR")
		notice["hostId"] = host
		mustPost(t, k.legal, "/cases/"+c.ID+"/hearing-notice", notice)
		c = mustPost(t, k.legal, "/cases/"+c.ID+"/hearing", map[string]any{"date": k.day(-70), "attended": true, "record": "听证笔录", "opinion": "维持拟处罚意见"})
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-69)}, nil), http.StatusConflict, "CASE_LEGAL_REVIEW_REQUIRED")
		mustPost(t, k.me, "/cases/"+c.ID+"/legal-review", map[string]any{"date": k.day(-69)})
		incomplete := map[string]any{"date": k.day(-68), "passed": true, "checklist": map[string]bool{"competent": true}, "opinion": "同意"}
		apiErr(t, post(t, k.legal, "/cases/"+c.ID+"/legal-opinion", incomplete, nil), http.StatusBadRequest, "CASE_CHECKLIST_INCOMPLETE")
		all := map[string]bool{}
		for _, o := range cases.LegalChecklist {
			all[o.Code] = true
		}
		mustPost(t, k.legal, "/cases/"+c.ID+"/legal-opinion", map[string]any{"date": k.day(-68), "passed": true, "checklist": all, "opinion": "审核通过"})
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-67)})
		if c.Stage != "service" {
			t.Fatalf("decided after the hearing and review: %s", c.Stage)
		}
		// The hearing's days do not count toward the decision limit.
		if _, _, explain := c.deadline("decision"); !strings.Contains(explain, "不计入") {
			t.Fatalf("decision limit: %s", explain)
		}
	})
}

func TestSimpleProcedureOnTheSpot(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		in := map[string]any{"itemId": k.item("CSGL-CF-032"), "title": "李某使用高音喇叭", "actDate": k.day(-3), "date": k.day(-3),
			"placeCode": "371521001000", "facts": "当场查获", "officerIds": []string{k.officer, k.colleague},
			"party":   map[string]any{"type": "natural", "name": "李某", "idNumber": validID("371521", "19900101", 21)},
			"penalty": map[string]any{"kinds": []string{"罚款"}, "fineFen": 201_00}}
		// Over 200 yuan for a citizen is not for the simple procedure (第五十一条).
		apiErr(t, post(t, k.me, "/cases/simple", in, nil), http.StatusBadRequest, "CASE_SIMPLE_LIMIT")
		in["penalty"] = map[string]any{"kinds": []string{"罚款"}, "fineFen": 200_00}
		// Collected on the spot: above 100 yuan only where it would be hard to collect later (第六十八条).
		in["onSpot"], in["receipt"] = true, "鲁财罚0012345"
		apiErr(t, post(t, k.me, "/cases/simple", in, nil), http.StatusBadRequest, "CASE_ON_SPOT_NOT_ALLOWED")
		in["hardship"] = "当事人系外地货车司机，事后难以执行"
		c := mustPost(t, k.me, "/cases/simple", in)
		if c.Stage != "performance" || !numberPattern.MatchString(c.Number) {
			t.Fatalf("simple: %s %q", c.Stage, c.Number)
		}
		if due, status, _ := c.deadline("simple_file"); due == "" || status == "met" {
			t.Fatalf("filing with the agency: %s %s", due, status)
		}
		if _, status, _ := c.deadline("hand_in"); status == "met" {
			t.Fatalf("hand-in already met: %+v", c.Deadlines)
		}
		mustPost(t, k.leader, "/cases/"+c.ID+"/simple-filing", map[string]any{"date": k.day(-2)})
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/close", map[string]any{"date": k.day(-1)}, nil), http.StatusConflict, "CASE_HAND_IN_PENDING")
		mustPost(t, k.me, "/cases/"+c.ID+"/hand-in", map[string]any{"date": k.day(-2)})
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/close", map[string]any{"date": k.day(-1)})
		if c.Stage != "closed" {
			t.Fatalf("closed: %s", c.Stage)
		}
	})
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// filedCase opens and files an ordinary case n days ago, with one natural-person party.
func (k *caseKit) filedCase(t *testing.T, n int, title string) caseAnswer {
	t.Helper()
	c := mustPost(t, k.me, "/cases", map[string]any{"date": k.day(-n), "itemId": k.item("CSGL-CF-018"), "title": title,
		"actDate": k.day(-n - 1), "placeCode": "371521001000",
		"parties":    []any{map[string]any{"type": "natural", "name": "孙某", "idNumber": validID("371521", "19850505", 31)}},
		"officerIds": []string{k.officer, k.colleague}})
	return mustPost(t, k.leader, "/cases/"+c.ID+"/approve-filing", map[string]any{"date": k.day(-n), "approved": true, "opinion": "同意"})
}

func TestSeizureAndTransferOfASuspectedCrime(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		c := k.filedCase(t, 40, "孙某非法倾倒渣土案")
		officers := []string{k.officer, k.colleague}
		seize := map[string]any{"kind": "seize", "emergency": true, "takenAt": k.today.AddDays(-38).String() + "T10:00:00+08:00",
			"place": "谷山路", "reason": "运输车辆涉嫌非法倾倒，不扣押可能灭失证据", "inventory": []string{"鲁P12345 自卸货车 1辆"}, "days": 30,
			"officerIds": officers}
		bad := clone(seize)
		bad["days"] = 31
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/measures", bad, nil), http.StatusBadRequest, "CASE_MEASURE_DAYS")
		bad = clone(seize)
		bad["officerIds"] = []string{k.officer}
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/measures", bad, nil), http.StatusBadRequest, "CASE_OFFICERS_UNQUALIFIED")
		bad = clone(seize)
		bad["inventory"] = []string{" "}
		apiErr(t, post(t, k.me, "/cases/"+c.ID+"/measures", bad, nil), http.StatusBadRequest, "CASE_INVENTORY_REQUIRED")
		c = mustPost(t, k.me, "/cases/"+c.ID+"/measures", seize)
		var m struct {
			State struct {
				Measures []struct {
					ID         string `json:"id"`
					DecisionNo string `json:"decisionNo"`
					Lifted     string `json:"lifted"`
				} `json:"measures"`
			} `json:"state"`
		}
		if err := k.me.Get(ctx, "/api/v1/cases/"+c.ID, nil, &m); err != nil || len(m.State.Measures) != 1 {
			t.Fatalf("measures: %+v %v", m, err)
		}
		mid := m.State.Measures[0].ID
		// The emergency measure must be approved within 24 hours (第十九条); the limit is shown in hours.
		if _, status, explain := c.deadline("measure_approval:" + mid); status != "overdue" || !strings.Contains(explain, "二十四小时") {
			t.Fatalf("approval limit: %s %s", status, explain)
		}
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/measure-approval", map[string]any{"date": k.day(-38), "measureId": mid, "approved": true, "opinion": "同意扣押"})
		if due, _, _ := c.deadline("measure:" + mid); due == "" {
			t.Fatalf("no seizure period: %+v", c.Deadlines)
		}
		// Testing time does not count and is told to the party; one extension only, at most 30 days.
		mustPost(t, k.me, "/cases/"+c.ID+"/measure-testing", map[string]any{"measureId": mid, "from": k.day(-30), "to": k.day(-20),
			"told": k.day(-30), "what": "车辆载重鉴定"})
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/measure-extension", map[string]any{"date": k.day(-15), "measureId": mid, "days": 31, "reason": "情况复杂"}, nil),
			http.StatusBadRequest, "CASE_MEASURE_DAYS")
		mustPost(t, k.leader, "/cases/"+c.ID+"/measure-extension", map[string]any{"date": k.day(-15), "measureId": mid, "days": 15, "reason": "情况复杂"})
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/measure-extension", map[string]any{"date": k.day(-14), "measureId": mid, "days": 5, "reason": "再延"}, nil),
			http.StatusBadRequest, "CASE_MEASURE_EXTENDED")

		// Suspected crime: the team reports, the head decides within 3 days, the police are sent the
		// case within 24 hours; a police refusal sends the case back to the administrative procedure.
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/transfer-decision", map[string]any{"date": k.day(-10), "approved": true, "opinion": "同意"}, nil),
			http.StatusConflict, "CASE_STEP_OUT_OF_ORDER")
		c = mustPost(t, k.me, "/cases/"+c.ID+"/transfer-report", map[string]any{"date": k.day(-12), "report": "倾倒数量巨大，涉嫌污染环境罪"})
		if c.Stage != "transfer" {
			t.Fatalf("after the report: %s", c.Stage)
		}
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/decision", map[string]any{"date": k.day(-11)}, nil), http.StatusConflict, "CASE_STEP_OUT_OF_ORDER")
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/transfer-decision", map[string]any{"date": k.day(-11), "approved": true, "opinion": "同意移送"})
		if due, _, _ := c.deadline("transfer_send"); due == "" {
			t.Fatalf("no 24-hour limit: %+v", c.Deadlines)
		}
		mustPost(t, k.me, "/cases/"+c.ID+"/transfer", map[string]any{"at": time.Now().Add(-time.Hour).Format(time.RFC3339), "police": "阳谷县公安局"})
		c = mustPost(t, k.me, "/cases/"+c.ID+"/police-answer", map[string]any{"accepted": false, "note": "阳公（刑）不立字〔2026〕3号"})
		// Reported during the investigation: it goes on as an administrative case.
		if c.Stage != "investigating" {
			t.Fatalf("after the police declined: %s", c.Stage)
		}
		c = mustPost(t, k.me, "/cases/"+c.ID+"/transfer-reconsideration", map[string]any{})
		if c.Stage != "transfer" {
			t.Fatalf("awaiting reconsideration: %s", c.Stage)
		}
		c = mustPost(t, k.me, "/cases/"+c.ID+"/police-answer", map[string]any{"accepted": true, "note": "阳公（刑）立字〔2026〕9号"})
		apiErr(t, post(t, k.leader, "/cases/"+c.ID+"/close", map[string]any{}, nil), http.StatusConflict, "CASE_EXHIBITS_PENDING")
		mustPost(t, k.me, "/cases/"+c.ID+"/exhibits", map[string]any{})
		c = mustPost(t, k.leader, "/cases/"+c.ID+"/close", map[string]any{})
		if c.Stage != "closed" {
			t.Fatalf("closed: %s", c.Stage)
		}
		if err := k.me.Get(ctx, "/api/v1/cases/"+c.ID, nil, &m); err != nil || m.State.Measures[0].Lifted == "" {
			t.Fatalf("the seized lorry went with the case: %+v %v", m, err)
		}
	})
}

func TestReminderCourtAndEnforcementTimes(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		c := k.filedCase(t, 320, "孙某拒不缴纳罚款案")
		id := "/cases/" + c.ID
		mustPost(t, k.me, id+"/records", map[string]any{"date": k.day(-318), "kind": "inquiry", "place": "询问室",
			"officerIds": []string{k.officer, k.colleague}, "subject": "孙某", "summary": "承认"})
		pen := []any{map[string]any{"partyId": c.Parties[0].ID, "kinds": []string{"罚款"}, "fineFen": 3000_00}}
		mustPost(t, k.me, id+"/report", map[string]any{"date": k.day(-316), "facts": "事实", "evidence": "笔录", "outcome": "penalty", "proposed": pen})
		mustPost(t, k.leader, id+"/review", map[string]any{"date": k.day(-315), "approved": true, "opinion": "同意"})
		mustPost(t, k.me, id+"/notice", map[string]any{"date": k.day(-314), "method": "direct"})
		mustPost(t, k.me, id+"/waiver", map[string]any{"date": k.day(-314), "statement": true})
		mustPost(t, k.leader, id+"/decision", map[string]any{"date": k.day(-313)})
		mustPost(t, k.me, id+"/service", map[string]any{"date": k.day(-312), "method": "direct", "recipient": "孙某"})
		// No reminder while the 15 days to pay run.
		apiErr(t, post(t, k.me, id+"/reminder", map[string]any{"served": k.day(-305), "method": "direct", "days": 10}, nil),
			http.StatusConflict, "CASE_PERFORMANCE_PERIOD_OPEN")
		apiErr(t, post(t, k.leader, id+"/court-application", map[string]any{"date": k.day(-100), "court": "阳谷县人民法院"}, nil),
			http.StatusConflict, "CASE_REMINDER_REQUIRED")
		mustPost(t, k.me, id+"/reminder", map[string]any{"served": k.day(-290), "method": "direct", "days": 10})
		// Not before the six months to sue have run out (第五十三条).
		apiErr(t, post(t, k.leader, id+"/court-application", map[string]any{"date": k.day(-200), "court": "阳谷县人民法院"}, nil),
			http.StatusBadRequest, "CASE_APPEAL_PERIOD_OPEN")
		mustPost(t, k.leader, id+"/court-application", map[string]any{"date": k.day(-100), "court": "阳谷县人民法院"})
		// The agency itself never enforces at night (第四十三条).
		night := k.today.AddDays(-20).String() + "T23:30:00+08:00"
		apiErr(t, post(t, k.me, id+"/enforced", map[string]any{"at": night, "by": "agency", "note": "强制执行"}, nil),
			http.StatusBadRequest, "CASE_ENFORCEMENT_AT_NIGHT")
		mustPost(t, k.me, id+"/enforced", map[string]any{"at": k.today.AddDays(-20).String() + "T10:00:00+08:00", "by": "court", "note": "法院划扣罚款及加处罚款"})
		c = mustPost(t, k.leader, id+"/close", map[string]any{})
		if c.Stage != "closed" {
			t.Fatalf("closed: %s", c.Stage)
		}
	})
}

// A new year's holidays move the deadlines of open cases counted across it: the case list and the
// workbench read the new day at once.
func TestHolidayImportMovesOpenDeadlines(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		c := k.filedCase(t, 1, "周某渣土车未密闭案")
		before, _, _ := c.deadline("decision")
		if before == "" {
			t.Fatalf("no decision limit: %+v", c.Deadlines)
		}
		due, _ := civil.Parse(before)
		file := fmt.Sprintf("日期,类型,名称\n%s,休,测试假日\n", due)
		if _, err := e.app.Calendar.Import(ctx, access.System(), strings.NewReader(file), "国办发明电〔2026〕99号"); err != nil {
			t.Fatal(err)
		}
		var after caseAnswer
		if err := k.me.Get(ctx, "/api/v1/cases/"+c.ID, nil, &after); err != nil {
			t.Fatal(err)
		}
		moved, _, explain := after.deadline("decision")
		if moved <= before || !strings.Contains(explain, "测试假日") {
			t.Fatalf("decision limit %s → %s (%s)", before, moved, explain)
		}
		var n int
		if err := db.Get(ctx, e.app.DB.R, &n, `SELECT COUNT(*) FROM cases WHERE id = ? AND next_due = ?`, c.ID, moved); err != nil || n != 1 {
			t.Fatalf("stored next deadline not recounted (%d): %v", n, err)
		}
	})
}

// publishBenchmark publishes, for CSGL-CF-018 (运输车辆未密闭: 2,000–20,000 yuan), the county's
// benchmark the way a real standard reads: 从轻 for a first offence corrected at once, 一般
// otherwise, 从重 for a repeat within a year or serious harm.
func (k *caseKit) publishBenchmark(t *testing.T) {
	t.Helper()
	one := 1
	in := discretion.Input{ItemID: k.item("CSGL-CF-018"), RegionCode: "371521000000", Title: "运输车辆未密闭行政处罚裁量基准",
		Content: discretion.Content{Provisions: []discretion.Provision{}, NoPenalty: []discretion.NoPenaltyEntry{{Kind: discretion.NoPenaltyMinor,
			Conditions: []discretion.Condition{{Kind: discretion.CondHarm, Harm: []string{discretion.HarmNone}}, {Kind: discretion.CondCorrectedPromptly}},
			Education:  discretion.DefaultEducation, Basis: "行政处罚法 第三十三条第一款"}}, Tiers: []discretion.Tier{
			{Level: discretion.LevelLighter, Match: discretion.MatchAll, Description: "初次违法且及时改正的",
				Conditions: []discretion.Condition{{Kind: discretion.CondFirstOffence}, {Kind: discretion.CondCorrectedPromptly}},
				Standard:   discretion.Standard{Kind: discretion.StdRange, MinFen: 2000_00, MaxFen: 5000_00, Measures: []discretion.Measure{}}},
			{Level: discretion.LevelGeneral, Description: "不具有从轻、从重情形的", Conditions: []discretion.Condition{},
				Standard: discretion.Standard{Kind: discretion.StdRange, MinFen: 5000_00, MaxFen: 12000_00, Measures: []discretion.Measure{}}},
			{Level: discretion.LevelHeavier, Label: "情节严重", Match: discretion.MatchAny, Description: "一年内因同一违法行为受过处罚又实施的，或者危害后果严重的",
				Conditions: []discretion.Condition{{Kind: discretion.CondPriorCount, MinCount: &one}, {Kind: discretion.CondHarm, Harm: []string{discretion.HarmSerious}}},
				Standard:   discretion.Standard{Kind: discretion.StdRange, MinFen: 12000_00, MaxFen: 20000_00, Measures: []discretion.Measure{}}},
		}}}
	b, err := k.e.app.Discretion.Create(ctx, access.System(), in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.e.app.Discretion.Publish(ctx, access.System(), b.ID, lifecycle.PublishInput{EffectiveFrom: k.today.AddYears(-2).String(),
		DocNo: "阳综执发〔2024〕1号", Revision: b.Revision}); err != nil {
		t.Fatal(err)
	}
}

// benchmarkCase drives an ordinary case on CSGL-CF-018 up to the report, the act n days ago,
// against the firm.
func (k *caseKit) benchmarkCase(t *testing.T, n int, firm map[string]any) caseAnswer {
	t.Helper()
	c := mustPost(t, k.me, "/cases", map[string]any{"date": k.day(n + 2), "itemId": k.item("CSGL-CF-018"), "title": "某运输公司车辆未密闭案",
		"actDate": k.day(n), "placeCode": "371521001000", "parties": []any{firm}, "officerIds": []string{k.officer, k.colleague}})
	mustPost(t, k.leader, "/cases/"+c.ID+"/approve-filing", map[string]any{"date": k.day(n + 3), "approved": true})
	return mustPost(t, k.me, "/cases/"+c.ID+"/records", map[string]any{"date": k.day(n + 4), "kind": "inspection", "place": "谷山路",
		"officerIds": []string{k.officer, k.colleague}, "subject": "渣土车", "summary": "车厢未密闭，沿途遗撒"})
}

type proposedAnswer struct {
	State struct {
		Report *struct {
			Proposed []cases.Penalty `json:"proposed"`
		} `json:"report"`
		Decision *struct {
			Penalties []cases.Penalty `json:"penalties"`
		} `json:"decision"`
	} `json:"state"`
}

func TestTheServerAppliesTheBenchmarkToTheRecordedFacts(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		k.publishBenchmark(t)
		firm := map[string]any{"type": "legal", "name": "阳谷某运输有限公司", "creditCode": "91110000802100433B", "representative": "钱某"}
		report := func(c caseAnswer, date string, pen map[string]any) map[string]any {
			pen["partyId"] = c.Parties[0].ID
			return map[string]any{"date": date, "facts": "车厢未密闭，沿途遗撒", "evidence": "检查笔录、照片",
				"outcome": "penalty", "proposed": []any{pen}}
		}

		// A first case against the firm, decided 250 days ago: the record the second one counts.
		first := k.benchmarkCase(t, -300, firm)
		// The benchmark asks for the facts it needs (whether the harm was serious); the request's
		// word on the tier counts for nothing.
		err := apiErr(t, post(t, k.me, "/cases/"+first.ID+"/report", report(first, k.day(-290),
			map[string]any{"kinds": []string{"罚款"}, "fineFen": 8000_00}), nil), http.StatusBadRequest, "DISCRETION_FACT_REQUIRED")
		if err.Field != "proposed[0].facts.harm" {
			t.Fatalf("the fact asked for: %+v", err)
		}
		// No harm and corrected at once: the law forbids the penalty (第三十三条第一款).
		minor := map[string]any{"kinds": []string{"罚款"}, "fineFen": 8000_00, "facts": map[string]any{"harm": "none", "correctedPromptly": true}}
		apiErr(t, post(t, k.me, "/cases/"+first.ID+"/report", report(first, k.day(-290), minor), nil), http.StatusBadRequest, "CASE_NO_PENALTY_REQUIRED")
		forged := map[string]any{"kinds": []string{"罚款"}, "fineFen": 15000_00, "facts": map[string]any{"harm": "general"},
			"benchmarkId": "forged", "tier": "从重处罚", "tierMinFen": 0, "tierMaxFen": 20000_00}
		err = apiErr(t, post(t, k.me, "/cases/"+first.ID+"/report", report(first, k.day(-290), forged), nil), http.StatusBadRequest, "CASE_OUTSIDE_BENCHMARK")
		if err.Field != "proposed[0].departure" || !strings.Contains(err.Message, "一般") {
			t.Fatalf("outside the tier the server worked out: %+v", err)
		}
		var got proposedAnswer
		if err := post(t, k.me, "/cases/"+first.ID+"/report", report(first, k.day(-290),
			map[string]any{"kinds": []string{"罚款"}, "fineFen": 8000_00, "facts": map[string]any{"harm": "general"}}), &got); err != nil {
			t.Fatal(err)
		}
		p := got.State.Report.Proposed[0]
		if p.BenchmarkID == "" || p.BenchmarkID == "forged" || p.Tier != "一般" || p.TierMinFen != 5000_00 || p.TierMaxFen != 12000_00 ||
			p.PriorSource != discretion.PriorFromRecord || p.Facts == nil || p.Facts.PartyType != "legal" || p.Facts.PartyKey != "" ||
			!strings.Contains(p.TierReason, "阳综执发〔2024〕1号") {
			t.Fatalf("the benchmark applied to the report: %+v", p)
		}
		mustPost(t, k.leader, "/cases/"+first.ID+"/review", map[string]any{"date": k.day(-289), "approved": true, "opinion": "同意"})
		mustPost(t, k.me, "/cases/"+first.ID+"/notice", map[string]any{"date": k.day(-288), "method": "direct"})
		mustPost(t, k.me, "/cases/"+first.ID+"/waiver", map[string]any{"date": k.day(-287), "statement": true})
		if err := post(t, k.leader, "/cases/"+first.ID+"/decision", map[string]any{"date": k.day(-250)}, &got); err != nil {
			t.Fatal(err)
		}
		if d := got.State.Decision.Penalties[0]; d.Tier != p.Tier || d.Facts == nil || d.Facts.Harm != "general" || d.BenchmarkID != p.BenchmarkID {
			t.Fatalf("the decision keeps the facts and the tier: %+v", d)
		}

		// The second act, within a year of the first decision: the officers type "first offence,
		// corrected at once", the record says otherwise and the heavier tier applies.
		second := k.benchmarkCase(t, -90, firm)
		light := map[string]any{"kinds": []string{"罚款"}, "fineFen": 3000_00,
			"facts": map[string]any{"harm": "minor", "firstOffence": true, "correctedPromptly": true}}
		err = apiErr(t, post(t, k.me, "/cases/"+second.ID+"/report", report(second, k.day(-80), light), nil), http.StatusBadRequest, "CASE_OUTSIDE_BENCHMARK")
		if !strings.Contains(err.Message, "情节严重") {
			t.Fatalf("the record's count decides the tier: %+v", err)
		}
		light["departure"] = "当事人已整改到位，经集体讨论从轻"
		if err := post(t, k.me, "/cases/"+second.ID+"/report", report(second, k.day(-80), light), &got); err != nil {
			t.Fatal(err)
		}
		p = got.State.Report.Proposed[0]
		if p.Tier != "情节严重（从重处罚）" || p.TierMinFen != 12000_00 || p.PriorSource != discretion.PriorFromRecord ||
			!slices.ContainsFunc(p.Notes, func(n string) bool { return strings.Contains(n, "与填报的“初次违法”不一致") }) {
			t.Fatalf("the heavier tier from the record: %+v", p)
		}
	})
}
