package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhifa/internal/cases"
	"zhifa/internal/platform/access"
	calrules "zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/settings"
)

type publication struct {
	ID          string `json:"id"`
	CaseID      string `json:"caseId"`
	DecisionNo  string `json:"decisionNo"`
	Status      string `json:"status"`
	Due         string `json:"due"`
	WithdrawDue string `json:"withdrawDue"`
	Draft       struct {
		Title, Party, Facts, Content, Place string
	} `json:"draft"`
}

// TestPublicityOfDecisions: a penalty decision waits in the queue with its due day; the draft is
// masked; a text that still names the person is refused and nothing changes; published, the
// portal shows it masked; revoked on reconsideration, it is due for withdrawal within three working
// days and, withdrawn with its reason, the portal keeps only the number and the reason.
func TestPublicityOfDecisions(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		// the county publishes on-the-spot decisions too; one made today, for a citizen with a full
		// name and an identity number, as real cases have
		if _, err := e.app.Settings.Set(ctx, access.System(), cases.PublicityKey, "371521000000", settings.Input{
			Value: json.RawMessage(`{"penaltyDays":7,"otherDays":20,"withdrawDays":3,"simple":true}`), Basis: "阳谷县行政执法公示办法"}); err != nil {
			t.Fatal(err)
		}
		idNumber := validID("371521", "19900101", 37)
		c := mustPost(t, k.me, "/cases/simple", map[string]any{"itemId": k.item("CSGL-CF-032"), "title": "周小明使用高音喇叭",
			"actDate": k.day(0), "placeCode": "371521001000", "facts": "周小明在商铺门前使用高音喇叭招揽顾客，当场查获", "officerIds": []string{k.officer, k.colleague},
			"party": map[string]any{"type": "natural", "name": "周小明", "idNumber": idNumber}, "penalty": map[string]any{"kinds": []string{"罚款"}, "fineFen": 200_00}})
		id := c.ID
		var queue struct {
			Items []publication `json:"items"`
		}
		if err := k.legal.Get(ctx, "/api/v1/publicity", url.Values{"status": {"due"}, "pageSize": {"100"}}, &queue); err != nil {
			t.Fatal(err)
		}
		var pub publication
		for _, p := range queue.Items {
			if p.CaseID == id {
				pub = p
			}
		}
		decided := lookup(t, e.app.DB, `SELECT decided FROM case_publications WHERE case_id = ?`, id)
		want, err := cases.PublicityDue(calendarTable(t, e), cases.PublicityLimits{PenaltyDays: 7, OtherDays: 20, WithdrawDays: 3}, "penalty", mustDay(t, decided))
		if err != nil {
			t.Fatal(err)
		}
		if pub.ID == "" || pub.Due != want.Due.String() {
			t.Fatalf("the decision in the queue: %+v, due %s", pub, want.Due)
		}
		var draft publication
		if err := k.legal.Get(ctx, "/api/v1/cases/"+id+"/publicity/"+pub.ID, nil, &draft); err != nil {
			t.Fatal(err)
		}
		if draft.Draft.Title != "周某使用高音喇叭" || draft.Draft.Party != "周某" || draft.Draft.Place == "" ||
			strings.Contains(draft.Draft.Facts, "周小明") {
			t.Fatalf("draft: %+v", draft.Draft)
		}
		steps := count(t, e.app.DB, `SELECT COUNT(*) FROM case_steps WHERE case_id = ?`, id)
		for _, facts := range []string{"周小明在商铺门前使用高音喇叭", "当事人（" + idNumber + "）使用高音喇叭", "当事人电话13812345678"} {
			err = k.legal.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/publish", map[string]any{"publicationId": pub.ID, "facts": facts}, nil)
			apiErr(t, err, http.StatusBadRequest, "PUBLICITY_NOT_MASKED")
		}
		if n := count(t, e.app.DB, `SELECT COUNT(*) FROM case_steps WHERE case_id = ?`, id); n != steps {
			t.Fatalf("a refused publication changed the record")
		}
		if err := k.legal.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/publish", map[string]any{"publicationId": pub.ID}, nil); err != nil {
			t.Fatal(err)
		}
		anon := e.anon()
		status, body := fetch(t, anon, http.MethodGet, "/api/v1/public/decisions?q="+url.QueryEscape("周某"), nil)
		if status != http.StatusOK || !strings.Contains(string(body), pub.DecisionNo) || strings.Contains(string(body), "周小明") ||
			strings.Contains(string(body), idNumber) {
			t.Fatalf("portal: %d %s", status, body)
		}
		// officers on the case record the reconsideration and its revoking the decision
		if err := k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/remedies", map[string]any{"kind": "reconsideration", "organ": "阳谷县人民政府"}, nil); err != nil {
			t.Fatal(err)
		}
		if err := k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/remedy-result", map[string]any{"outcome": "revoked"}, nil); err != nil {
			t.Fatal(err)
		}
		wd, err := cases.WithdrawalDue(calendarTable(t, e), cases.PublicityLimits{WithdrawDays: 3}, k.today)
		if err != nil {
			t.Fatal(err)
		}
		if err := k.legal.Get(ctx, "/api/v1/publicity", url.Values{"status": {"withdraw_due"}, "pageSize": {"100"}}, &queue); err != nil {
			t.Fatal(err)
		}
		if len(queue.Items) != 1 || queue.Items[0].ID != pub.ID || queue.Items[0].WithdrawDue != wd.Due.String() {
			t.Fatalf("withdrawal due: %+v, want %s", queue.Items, wd.Due)
		}
		err = k.legal.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/unpublish", map[string]any{"publicationId": pub.ID, "reason": " "}, nil)
		apiErr(t, err, http.StatusBadRequest, "PUBLICITY_REASON_REQUIRED")
		if err := k.legal.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/unpublish", map[string]any{"publicationId": pub.ID,
			"reason": "该决定经行政复议被撤销"}, nil); err != nil {
			t.Fatal(err)
		}
		var shown struct {
			Status  string `json:"status"`
			Reason  string `json:"reason"`
			Content struct {
				DecisionNo string `json:"decisionNo"`
				Facts      string `json:"facts"`
			} `json:"content"`
		}
		if err := anon.Get(ctx, "/api/v1/public/decisions/"+pub.ID, nil, &shown); err != nil {
			t.Fatal(err)
		}
		if shown.Status != "withdrawn" || shown.Reason != "该决定经行政复议被撤销" || shown.Content.DecisionNo != pub.DecisionNo || shown.Content.Facts != "" {
			t.Fatalf("withdrawn on the portal: %+v", shown)
		}
	})
}

// calendarTable is the working-day calendar the server counts with.
func calendarTable(t *testing.T, e *env) *calrules.Table {
	t.Helper()
	tab, err := e.app.Calendar.Table(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return tab.Provisional()
}

func mustDay(t *testing.T, s string) civil.Date {
	t.Helper()
	d, ok := civil.Parse(s)
	if !ok {
		t.Fatalf("date %q", s)
	}
	return d
}
