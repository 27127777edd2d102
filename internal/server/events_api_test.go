package server_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"zhifa/client"
	"zhifa/internal/platform/access"
	calrules "zhifa/internal/platform/calendar"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

type eventAnswer struct {
	ID           string `json:"id"`
	No           string `json:"no"`
	State        string `json:"state"`
	TeamOrgID    string `json:"teamOrgId"`
	TeamName     string `json:"teamName"`
	GridCode     string `json:"gridCode"`
	TownshipName string `json:"townshipName"`
	ReportedAt   string `json:"reportedAt"`
	DispatchedAt string `json:"dispatchedAt"`
	HandleDue    string `json:"handleDue"`
	ReplyDue     string `json:"replyDue"`
	CaseLeadID   string `json:"caseLeadId"`
	Version      int    `json:"version"`
	Misrouted    bool   `json:"misrouted"`
	ReporterName string `json:"reporterName"`
	Route        struct {
		Explanation string `json:"explanation"`
		Teams       []struct {
			OrgID, Name, Role string
		} `json:"teams"`
	} `json:"route"`
	History []struct {
		Action, Reason, From, To string
	} `json:"history"`
	Actions []string `json:"actions"`
}

// gridPoint is the centre of a basic grid of a township (WGS-84).
func gridPoint(t *testing.T, e *env, township string) (float64, float64) {
	t.Helper()
	var pt struct {
		Lng float64 `db:"lng"`
		Lat float64 `db:"lat"`
	}
	if err := db.Get(ctx, e.app.DB.R, &pt, `SELECT (min_lng + max_lng) / 2 AS lng, (min_lat + max_lat) / 2 AS lat FROM grids
		WHERE kind = 'basic' AND township_code = ? ORDER BY code LIMIT 1 OFFSET 3`, township); err != nil {
		t.Fatal(err)
	}
	return pt.Lng, pt.Lat
}

func countEvents(t *testing.T, e *env) string {
	return lookup(t, e.app.DB, `SELECT CAST(COUNT(*) AS TEXT) FROM events WHERE 1 = ?`, 1)
}

// TestEventClosedLoop: a report with a category is located in its grid, routed by the catalogue
// and dispatched at once with its clock on the working calendar; only the team reports in; the
// dispatcher cannot close before feedback; a misrouted event comes back and goes elsewhere; a
// 12345 order waits for a category and gets its hotline limit; one becomes a case lead; overdue
// events are escalated once per level; bad input changes nothing.
func TestEventClosedLoop(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		officer, town, dispatcher := e.as("officer"), e.as("officer.zhangqiu"), e.as("dispatcher")
		lng, lat := gridPoint(t, e, "371521112000") // 张秋镇
		var ev eventAnswer
		if err := post(t, town, "/events", map[string]any{"channel": "inspection", "categoryCode": "SJ0501",
			"description": "张秋镇主街有人占道摆摊卖水果", "lng": lng, "lat": lat}, &ev); err != nil {
			t.Fatal(err)
		}
		if ev.State != "dispatched" || ev.TeamName != "张秋镇综合行政执法办公室" || ev.GridCode == "" || ev.TownshipName != "张秋镇" {
			t.Fatalf("routed to %q in %q (%s), state %s", ev.TeamName, ev.TownshipName, ev.GridCode, ev.State)
		}
		for _, want := range []string{"网格 " + ev.GridCode, "张秋镇", "CSGL-CF-019", "阳政发〔2022〕8号"} {
			if !strings.Contains(ev.Route.Explanation, want) {
				t.Errorf("explanation %q lacks %q", ev.Route.Explanation, want)
			}
		}
		// 4 working hours within office hours on the working calendar
		dispatched, _ := clock.ParseStamp(ev.DispatchedAt)
		hours, _ := calrules.ParseOfficeHours(calrules.DefaultOfficeHours)
		want, err := calendarTable(t, e).AddWorkingMinutes(hours, dispatched, 240)
		if err != nil {
			t.Fatal(err)
		}
		if ev.HandleDue != clock.Stamp(want) {
			t.Errorf("handle due %s, want %s", ev.HandleDue, clock.Stamp(want))
		}
		// only the team reports in; the bureau's officer is not on it
		err = post(t, officer, "/events/"+ev.ID+"/accept", map[string]any{}, nil)
		apiErr(t, err, http.StatusForbidden, "EVENT_NOT_ON_TEAM")
		// no closing before feedback
		err = post(t, dispatcher, "/events/"+ev.ID+"/verify", map[string]any{}, nil)
		apiErr(t, err, http.StatusConflict, "EVENT_NOT_FED_BACK")
		// a return needs its reason
		err = post(t, town, "/events/"+ev.ID+"/return", map[string]any{}, nil)
		apiErr(t, err, http.StatusBadRequest, "EVENT_REASON_REQUIRED")
		var got eventAnswer
		if err := town.Get(ctx, "/api/v1/events/"+ev.ID, nil, &got); err != nil {
			t.Fatal(err)
		}
		if got.Version != ev.Version || got.State != "dispatched" {
			t.Fatalf("refused steps changed the event: %+v", got)
		}
		for _, step := range []struct {
			c    interface{}
			act  string
			body map[string]any
			want string
		}{
			{town, "accept", nil, "accepted"},
			{town, "feedback", map[string]any{"result": "已劝离摊贩，恢复通行"}, "feedback"},
			{dispatcher, "rework", map[string]any{"reason": "现场仍有摊位"}, "accepted"},
			{town, "feedback", map[string]any{"result": "摊位已全部清理"}, "feedback"},
			{dispatcher, "verify", nil, "closed"},
		} {
			c := town
			if step.c == dispatcher {
				c = dispatcher
			}
			body := step.body
			if body == nil {
				body = map[string]any{}
			}
			if err := post(t, c, "/events/"+ev.ID+"/"+step.act, body, &got); err != nil {
				t.Fatalf("%s: %v", step.act, err)
			}
			if got.State != step.want {
				t.Fatalf("%s: state %s, want %s", step.act, got.State, step.want)
			}
		}
		var detail eventAnswer
		if err := dispatcher.Get(ctx, "/api/v1/events/"+ev.ID, nil, &detail); err != nil {
			t.Fatal(err)
		}
		var acts []string
		for _, h := range detail.History {
			acts = append(acts, h.Action)
			if h.Action == "rework" && h.Reason != "现场仍有摊位" {
				t.Errorf("rework reason %q", h.Reason)
			}
		}
		if strings.Join(acts, ",") != "report,register,dispatch,accept,feedback,rework,feedback,verify" {
			t.Errorf("history %v", acts)
		}

		// a 12345 order without a category waits; dispatched, it gets the hotline's limit
		var order eventAnswer
		if err := post(t, dispatcher, "/events", map[string]any{"channel": "hotline", "hotlineKind": "complaint", "externalNo": "12345-20261201-0001",
			"description": "小区门口烧烤摊油烟大，晚上很吵", "lng": lng, "lat": lat, "reporterName": "欧阳明华", "reporterPhone": "13912345678"}, &order); err != nil {
			t.Fatal(err)
		}
		if order.State != "reported" || order.ReporterName != "欧阳某某" && !strings.HasPrefix(order.ReporterName, "欧阳") {
			t.Fatalf("order %+v", order)
		}
		if strings.Contains(order.ReporterName, "明华") {
			t.Fatalf("reporter not masked: %q", order.ReporterName)
		}
		if err := post(t, dispatcher, "/events/"+order.ID+"/dispatch", map[string]any{"categoryCode": "SJ0503"}, &order); err != nil {
			t.Fatal(err)
		}
		if order.State != "dispatched" || order.ReplyDue == "" {
			t.Fatalf("order after dispatch %+v", order)
		}
		due, err := calendarTable(t, e).AddWorkdays(mustDay(t, time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")), 15)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(order.ReplyDue, due.Due.String()) {
			t.Errorf("reply due %s, want 15 working days: %s", order.ReplyDue, due.Due)
		}
		// misrouted: returned with a reason, not sent back to the same team, then re-routed
		if err := post(t, town, "/events/"+order.ID+"/return", map[string]any{"reason": "该地点属开发区管理"}, &order); err != nil {
			t.Fatal(err)
		}
		if order.State != "returned" || !order.Misrouted {
			t.Fatalf("returned %+v", order)
		}
		err = post(t, dispatcher, "/events/"+order.ID+"/dispatch", map[string]any{}, nil)
		apiErr(t, err, http.StatusBadRequest, "EVENT_SAME_TEAM")
		brigade := lookup(t, e.app.DB, `SELECT id FROM organizations WHERE name = ?`, "阳谷县综合行政执法大队")
		if err := post(t, dispatcher, "/events/"+order.ID+"/dispatch", map[string]any{"teams": []string{brigade}}, &order); err != nil {
			t.Fatal(err)
		}
		if order.State != "dispatched" || order.TeamOrgID != brigade {
			t.Fatalf("re-dispatched %+v", order)
		}

		// handed over to a case: a lead opens with the event's facts
		var second eventAnswer
		if err := post(t, town, "/events", map[string]any{"channel": "inspection", "categoryCode": "SJ0104",
			"description": "道路两侧堆放建筑材料", "lng": lng, "lat": lat}, &second); err != nil {
			t.Fatal(err)
		}
		if err := post(t, town, "/events/"+second.ID+"/accept", map[string]any{}, &second); err != nil {
			t.Fatal(err)
		}
		photo := call2(t, e, http.MethodPost, "/api/v1/events/"+second.ID+"/photos?stage=feedback&name=现场", sealPNG(), town.Token)
		if photo != http.StatusCreated {
			t.Fatalf("feedback photo: %d", photo)
		}
		if err := post(t, town, "/events/"+second.ID+"/case", map[string]any{"reason": "拒不清理，需立案查处"}, &second); err != nil {
			t.Fatal(err)
		}
		if second.State != "case" || second.CaseLeadID == "" {
			t.Fatalf("handed over %+v", second)
		}
		var lead struct {
			Summary, SourceNote string
		}
		if err := town.Get(ctx, "/api/v1/leads/"+second.CaseLeadID, nil, &lead); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(lead.Summary, "建筑材料") || !strings.Contains(lead.SourceNote, second.No) || !strings.Contains(lead.Summary, "SM3") {
			t.Errorf("lead %+v", lead)
		}

		// overdue: escalated once per level, and a second pass does nothing
		past := time.Now().Add(-72 * time.Hour)
		if _, err := db.Exec(ctx, e.app.DB.W, `UPDATE events SET dispatched_at = ?, handle_due = ? WHERE id = ?`,
			clock.Stamp(past), clock.Stamp(past.Add(time.Hour)), order.ID); err != nil {
			t.Fatal(err)
		}
		res, err := e.app.Incidents.Sweep(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Escalated < 1 {
			t.Fatalf("sweep %+v", res)
		}
		again, err := e.app.Incidents.Sweep(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again.Escalated != 0 {
			t.Fatalf("second sweep escalated again: %+v", again)
		}
		if n := lookup(t, e.app.DB, `SELECT CAST(COUNT(*) AS TEXT) FROM event_history WHERE event_id = ? AND action = 'escalate'`, order.ID); n != "1" {
			t.Errorf("%s escalations recorded", n)
		}

		// bad input changes nothing
		before := countEvents(t, e)
		err = post(t, town, "/events", map[string]any{"channel": "inspection", "categoryCode": "SJ0501", "description": "x", "lng": 116.5, "lat": 35.2}, nil)
		apiErr(t, err, http.StatusBadRequest, "EVENT_LOCATION_OUT_OF_SCOPE")
		err = post(t, town, "/events", map[string]any{"channel": "inspection", "categoryCode": "XX9999", "description": "x", "lng": lng, "lat": lat}, nil)
		apiErr(t, err, http.StatusBadRequest, "EVENT_CATEGORY_UNKNOWN")
		err = post(t, town, "/events", map[string]any{"channel": "inspection", "description": "x", "lng": lng, "lat": lat}, nil)
		apiErr(t, err, http.StatusBadRequest, "EVENT_CATEGORY_REQUIRED")
		if after := countEvents(t, e); after != before {
			t.Fatalf("events %s → %s after refused reports", before, after)
		}
		req, _ := http.NewRequest(http.MethodPost, e.url+"/api/v1/events/"+second.ID+"/photos?"+url.Values{"stage": {"report"}}.Encode(),
			bytes.NewReader([]byte("%PDF-1.4 not a picture")))
		req.Header.Set("Authorization", "Bearer "+dispatcher.Token)
		req.Header.Set("Content-Type", "application/octet-stream")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusConflict && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("photo of a closed event or a non-image: %d", resp.StatusCode)
		}

		// the queue's filters and the locate query are read from the query string
		var listed struct {
			Items []eventAnswer `json:"items"`
			Total int           `json:"total"`
		}
		if err := dispatcher.Get(ctx, "/api/v1/events", url.Values{"q": {ev.No}}, &listed); err != nil || listed.Total != 1 || listed.Items[0].ID != ev.ID {
			t.Fatalf("search by number: %+v %v", listed, err)
		}
		if err := dispatcher.Get(ctx, "/api/v1/events", url.Values{"state": {"case"}}, &listed); err != nil || listed.Total < 1 {
			t.Fatalf("by state: %+v %v", listed, err)
		}
		for _, it := range listed.Items {
			if it.State != "case" {
				t.Fatalf("state filter let through %s", it.State)
			}
		}
		var located struct {
			Grid         struct{ Code string } `json:"grid"`
			TownshipName string                `json:"townshipName"`
		}
		if err := dispatcher.Get(ctx, "/api/v1/grids/locate", url.Values{"lng": {fmt.Sprint(lng)}, "lat": {fmt.Sprint(lat)}}, &located); err != nil ||
			located.Grid.Code != ev.GridCode || located.TownshipName != "张秋镇" {
			t.Fatalf("locate: %+v %v", located, err)
		}

		// indicators: counted with their formulas
		var ind struct {
			Total struct {
				Dispatched, Handled, Closed, Reworked, Misrouted int
				OnTimeHandleRate                                 *float64
			} `json:"total"`
			Formulas []struct{ Name, Formula string } `json:"formulas"`
		}
		if err := dispatcher.Get(ctx, "/api/v1/event-indicators", url.Values{"group": {"township"}}, &ind); err != nil {
			t.Fatal(err)
		}
		if ind.Total.Closed < 1 || ind.Total.Reworked < 1 || ind.Total.Misrouted < 1 || len(ind.Formulas) != 10 {
			t.Errorf("indicators %+v", ind)
		}
		var byTown struct {
			Group string                       `json:"group"`
			Rows  []struct{ Key, Name string } `json:"rows"`
		}
		if err := dispatcher.Get(ctx, "/api/v1/event-indicators", url.Values{"group": {"township"}}, &byTown); err != nil || byTown.Group != "township" {
			t.Fatalf("grouped by township: %+v %v", byTown, err)
		}
		if !slices.ContainsFunc(byTown.Rows, func(r struct{ Key, Name string }) bool { return r.Name == "张秋镇" }) {
			t.Errorf("no row for 张秋镇: %+v", byTown.Rows)
		}
		_ = access.System
	})
}

// TestGridImportRefusesBadGeometry: an open ring and overlapping basic grids are refused row by
// row and the grids stay as they were.
func TestGridImportRefusesBadGeometry(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		before := lookup(t, e.app.DB, `SELECT CAST(COUNT(*) AS TEXT) FROM grids WHERE 1 = ?`, 1)
		village := lookup(t, e.app.DB, `SELECT code FROM regions WHERE parent_code = ? ORDER BY code LIMIT 1`, "371521112000")
		feature := func(code, ring string) string {
			return `{"type":"Feature","properties":{"code":"` + code + `","name":"测试网格","kind":"basic","township":"张秋镇","village":"` + village + `"},` +
				`"geometry":{"type":"Polygon","coordinates":[` + ring + `]}}`
		}
		for _, c := range []struct{ body, code string }{
			{feature("T0001", `[[115.9,36.0],[115.91,36.0],[115.91,36.01],[115.9,36.01]]`), "GEO_RING_OPEN"},
			{feature("T0001", `[[115.9,36.0],[115.91,36.0],[115.91,36.01],[115.9,36.01],[115.9,36.0]]`) + "," +
				feature("T0002", `[[115.905,36.005],[115.915,36.005],[115.915,36.015],[115.905,36.015],[115.905,36.005]]`), "GRID_OVERLAP"},
			{feature("T0001", `[[115.9,36.0],[115.91,36.01],[115.91,36.0],[115.9,36.01],[115.9,36.0]]`), "GEO_SELF_INTERSECTION"},
		} {
			file := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"features":[` + c.body + `]}`
			res := uploadFile(t, e, e.as("admin"), "/api/v1/grids/import", "grids.geojson", file)
			if res.status != http.StatusUnprocessableEntity || res.code != "GRID_IMPORT_INVALID" || !strings.Contains(res.body, c.code) {
				t.Errorf("%s: %d %s %s", c.code, res.status, res.code, res.body)
			}
		}
		if after := lookup(t, e.app.DB, `SELECT CAST(COUNT(*) AS TEXT) FROM grids WHERE 1 = ?`, 1); after != before {
			t.Fatalf("grids %s → %s", before, after)
		}
	})
}

type uploaded struct {
	status     int
	code, body string
}

// uploadFile posts a multipart form with one file as a signed-in client.
func uploadFile(t *testing.T, e *env, c *client.Client, path, name, content string) uploaded {
	t.Helper()
	status, code, body := call(t, e, http.MethodPost, request{path: path, file: &upload{name: name, content: content}}, c.Token)
	return uploaded{status, code, body}
}

// TestPortalReportsAndProgress: anyone reports from the portal without signing in and follows the
// report by its number, which shows no description or person; a burst of reports is refused.
func TestPortalReportsAndProgress(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		lng, lat := gridPoint(t, e, "371521001000")
		anon := e.anon()
		var rec struct {
			No, State, TownshipName string
		}
		if err := post(t, anon, "/public/events", map[string]any{"description": "小区门口有人占道摆摊，晚上还有烧烤油烟",
			"lng": lng, "lat": lat, "reporterName": "李四", "reporterPhone": "13700001111", "reporterProtected": true}, &rec); err != nil {
			t.Fatal(err)
		}
		if rec.No == "" || rec.State != "reported" || rec.TownshipName != "博济桥街道" {
			t.Fatalf("receipt %+v", rec)
		}
		var progress map[string]any
		if err := anon.Get(ctx, "/api/v1/public/events/"+rec.No, nil, &progress); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"description", "reporterName", "reporterPhone"} {
			if _, ok := progress[k]; ok {
				t.Errorf("progress shows %s", k)
			}
		}
		// the protected reporter is not disclosed even to a dispatcher with a reason
		id := lookup(t, e.app.DB, `SELECT id FROM events WHERE no = ?`, rec.No)
		err := post(t, e.as("dispatcher"), "/events/"+id+"/reporter", map[string]any{"reason": "回访"}, nil)
		apiErr(t, err, http.StatusForbidden, "EVENT_REPORTER_PROTECTED")
		var refused error
		for range 5 {
			if refused = post(t, anon, "/public/events", map[string]any{"description": "测试", "lng": lng, "lat": lat}, nil); refused != nil {
				break
			}
		}
		apiErr(t, refused, http.StatusTooManyRequests, "EVENT_REPORT_TOO_MANY")
	})
}

// call2 sends a raw body and returns the status.
func call2(t *testing.T, e *env, method, path string, body []byte, token string) int {
	t.Helper()
	req, _ := http.NewRequest(method, e.url+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/octet-stream")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestConcurrentReportsGetDistinctNumbers: reports arriving at once are all taken, each with its
// own number of the day.
func TestConcurrentReportsGetDistinctNumbers(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		town := e.as("officer.zhangqiu")
		lng, lat := gridPoint(t, e, "371521112000")
		const n = 24
		nos := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var ev eventAnswer
				errs[i] = post(t, town, "/events", map[string]any{"channel": "inspection", "categoryCode": "SJ0501",
					"description": fmt.Sprintf("并发上报第%d件", i), "lng": lng, "lat": lat}, &ev)
				nos[i] = ev.No
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("report %d: %v", i, errs[i])
			}
			if seen[nos[i]] {
				t.Fatalf("number %s given twice", nos[i])
			}
			seen[nos[i]] = true
		}
	})
}
