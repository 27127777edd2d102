package open311

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"zhifa/internal/event"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

const county = "371521000000"

var testNow = time.Date(2026, 12, 1, 4, 0, 0, 0, time.UTC) // 12:00 in Beijing

// newEnv serves the endpoint over a fresh store with one county. The event service has no grids:
// only what is answered before an intake can be exercised here.
func newEnv(t *testing.T, d *db.DB) (*Service, string) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Exec(ctx, d.W, `INSERT INTO regions (code, name, level, parent_code, created_at) VALUES (?, ?, ?, NULL, ?)`,
		county, "测试县", 3, "2026-01-01T00:00:00.000Z"); err != nil {
		t.Fatal(err)
	}
	clk := &clock.Fixed{T: testNow}
	svc := &Service{DB: d, Events: &event.Service{DB: d, Clock: clk}, Clock: clk}
	mux := http.NewServeMux()
	httpx.Mount(mux, nil, svc.Routes())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return svc, srv.URL
}

func get(t *testing.T, u string) (int, string, string) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), string(b)
}

func post(t *testing.T, u, contentType string, body io.Reader) (int, string) {
	t.Helper()
	res, err := http.Post(u, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func postForm(t *testing.T, u string, form url.Values) (int, string) {
	t.Helper()
	return post(t, u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

// errorsOf reads a JSON error answer, which must be a one-element array with the status as code.
func errorsOf(t *testing.T, status int, body string) Error {
	t.Helper()
	var list []Error
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list) != 1 {
		t.Fatalf("error answer %q is not a one-element array: %v", body, err)
	}
	if list[0].Code != status || list[0].Description == "" {
		t.Fatalf("error %+v under status %d", list[0], status)
	}
	return list[0]
}

var han = regexp.MustCompile(`\p{Han}`)

func TestRoutesArePublicAndDescribedInChinese(t *testing.T) {
	svc := &Service{}
	seen := map[string]bool{}
	for _, rt := range svc.Routes() {
		if !rt.Public || rt.Tag != "Open311" || !han.MatchString(rt.Summary) || rt.Handler == nil || rt.Response == nil {
			t.Errorf("%s: public=%v tag=%q summary=%q", rt.Pattern(), rt.Public, rt.Tag, rt.Summary)
		}
		seen[rt.Pattern()] = true
	}
	for _, p := range []string{"GET /open311/v2/discovery.json", "GET /open311/v2/discovery.xml", "GET /open311/v2/services.json",
		"GET /open311/v2/services.xml", "GET /open311/v2/services/{file}", "POST /open311/v2/requests.json",
		"POST /open311/v2/requests.xml", "GET /open311/v2/requests.json", "GET /open311/v2/requests.xml",
		"GET /open311/v2/requests/{file}", "GET /open311/v2/tokens/{file}"} {
		if !seen[p] {
			t.Errorf("route %s missing", p)
		}
	}
	if len(seen) != 11 {
		t.Errorf("%d routes", len(seen))
	}
	doc := httpx.OpenAPI("test", svc.Routes())
	if paths := doc["paths"].(map[string]map[string]any); len(paths) != 9 {
		t.Errorf("OpenAPI paths: %d", len(paths))
	}
}

func TestDiscovery(t *testing.T) {
	_, base := newEnv(t, dbtest.SQLite(t))
	status, ct, body := get(t, base+"/open311/v2/discovery.json")
	if status != 200 || !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%d %s %s", status, ct, body)
	}
	var d Discovery
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Endpoints) != 1 || d.Endpoints[0].URL != base+"/open311/v2" || d.Endpoints[0].Specification != Specification ||
		d.Endpoints[0].Type != "production" || strings.Join(d.Endpoints[0].Formats, ",") != "application/json,text/xml" {
		t.Errorf("discovery %+v", d)
	}
	status, ct, body = get(t, base+"/open311/v2/discovery.xml")
	if status != 200 || !strings.HasPrefix(ct, "text/xml") || !strings.HasPrefix(body, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<discovery><changeset>") ||
		!strings.Contains(body, "<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>"+base+"/open311/v2</url>") ||
		!strings.Contains(body, "<formats><format>application/json</format><format>text/xml</format></formats>") {
		t.Errorf("discovery.xml: %d %s %s", status, ct, body)
	}
}

func TestServicesFromTheNationalTree(t *testing.T) {
	_, base := newEnv(t, dbtest.SQLite(t))
	status, _, body := get(t, base+"/open311/v2/services.json")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	const first = `{"service_code":"BJ0101","service_name":"上水井盖","description":"公用设施：上水井盖（处置时限8个工作时）",` +
		`"metadata":false,"type":"realtime","keywords":"","group":"公用设施"}`
	if !strings.HasPrefix(body, "["+first+",") {
		t.Errorf("services.json starts %.300s", body)
	}
	var list []ServiceType
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	leaves := 0
	for _, c := range event.NationalCategories() {
		if c.Leaf() {
			leaves++
		}
	}
	if len(list) != leaves {
		t.Errorf("%d services, national tree has %d subclasses", len(list), leaves)
	}
	status, ct, body := get(t, base+"/open311/v2/services.xml?jurisdiction_id="+county)
	const firstXML = `<services><service><service_code>BJ0101</service_code><service_name>上水井盖</service_name>` +
		`<description>公用设施：上水井盖（处置时限8个工作时）</description><metadata>false</metadata><type>realtime</type>` +
		`<keywords></keywords><group>公用设施</group></service><service>`
	if status != 200 || !strings.HasPrefix(ct, "text/xml") || !strings.HasPrefix(body, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+firstXML) ||
		!strings.HasSuffix(body, "</service></services>\n") {
		t.Errorf("services.xml: %d %s %.400s", status, ct, body)
	}
	// A bad jurisdiction and an unknown key are refused in the specification's error format.
	status, _, body = get(t, base+"/open311/v2/services.json?jurisdiction_id=abc")
	errorsOf(t, 400, body)
	if status != 400 {
		t.Errorf("bad jurisdiction: %d", status)
	}
	status, _, body = get(t, base+"/open311/v2/services.xml?api_key=nope")
	if status != 403 || !strings.Contains(body, "<errors><error><code>403</code><description>") {
		t.Errorf("unknown key: %d %s", status, body)
	}
}

func TestServiceDefinition(t *testing.T) {
	_, base := newEnv(t, dbtest.SQLite(t))
	status, _, body := get(t, base+"/open311/v2/services/SJ0102.json")
	if status != 200 || body != `{"service_code":"SJ0102","attributes":[]}`+"\n" {
		t.Errorf("definition: %d %s", status, body)
	}
	status, _, body = get(t, base+"/open311/v2/services/SJ0102.xml")
	if status != 200 || body != `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<service_definition><service_code>SJ0102</service_code><attributes></attributes></service_definition>`+"\n" {
		t.Errorf("definition.xml: %d %s", status, body)
	}
	for _, code := range []string{"SJ01", "XX9999"} { // a major class is no service either
		status, _, body = get(t, base+"/open311/v2/services/"+code+".json")
		if e := errorsOf(t, 404, body); status != 404 || !strings.Contains(e.Description, "service_code") {
			t.Errorf("%s: %d %s", code, status, body)
		}
	}
	status, _, body = get(t, base+"/open311/v2/services/SJ0102.html")
	errorsOf(t, 404, body)
	if status != 404 {
		t.Errorf("unknown format: %d", status)
	}
}

func TestRequestsEmpty(t *testing.T) {
	_, base := newEnv(t, dbtest.SQLite(t))
	if status, _, body := get(t, base+"/open311/v2/requests.json"); status != 200 || body != "[]\n" {
		t.Errorf("requests.json: %d %q", status, body)
	}
	if status, _, body := get(t, base+"/open311/v2/requests.xml?status=open,closed"); status != 200 ||
		body != `<?xml version="1.0" encoding="UTF-8"?>`+"\n<service_requests></service_requests>\n" {
		t.Errorf("requests.xml: %d %q", status, body)
	}
	for _, path := range []string{"/open311/v2/requests/SJ371521202612010001.json", "/open311/v2/tokens/SJ371521202612010001.json"} {
		status, _, body := get(t, base+path)
		errorsOf(t, 404, body)
		if status != 404 {
			t.Errorf("%s: %d", path, status)
		}
	}
	status, _, body := get(t, base+"/open311/v2/requests/SJ371521202612010001.xml")
	if status != 404 || !strings.Contains(body, "<errors><error><code>404</code>") {
		t.Errorf("unknown request xml: %d %s", status, body)
	}
}

// insertEvent stores an event as the event service would, with the columns given.
func insertEvent(t *testing.T, d *db.DB, set map[string]any) {
	t.Helper()
	row := map[string]any{"id": set["no"], "no": set["no"], "region_code": county, "township_code": "", "village_code": "", "grid_code": "",
		"channel": "grid", "external_no": "", "hotline_kind": "", "category_code": "SJ0102", "category_name": "暴露垃圾",
		"category_kind": "event", "item_code": "", "description": "路口垃圾堆积", "address": "人民路1号", "lng": 118.5, "lat": 36.25,
		"urgent": false, "reporter_name": "张三", "reporter_phone": "13800000000", "reporter_protected": false,
		"reporter_account": "", "state": "dispatched", "team_org_id": "", "route": "", "suggestion": "", "suggested_category": "",
		"suggested_team": "", "reported_at": "2026-11-30T01:00:00.000Z", "register_due": "", "registered_at": "",
		"dispatched_at": "", "handle_due": "", "handle_limit": "", "return_due": "", "accepted_at": "", "accepted_by": "",
		"feedback_at": "", "result": "", "closed_at": "", "close_kind": "", "handled_on_time": nil, "reply_due": "",
		"replied_at": "", "reply": "", "callback_at": "", "satisfaction": "", "suspended_at": "", "remaining_minutes": 0,
		"extension_request": "", "extensions": 0, "reworks": 0, "returns": 0, "misrouted": false, "escalation": 0, "reminded": 0,
		"duplicate_of": "", "case_lead_id": "", "updated_at": "2026-11-30T02:00:00.000Z", "version": 1}
	for k, v := range set {
		if _, ok := row[k]; !ok {
			t.Fatalf("no column %s", k)
		}
		row[k] = v
	}
	var cols []string
	var args []any
	for k, v := range row {
		cols = append(cols, k)
		args = append(args, v)
	}
	q := `INSERT INTO events (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	if _, err := db.Exec(context.Background(), d.W, q, args...); err != nil {
		t.Fatal(err)
	}
}

func TestRequestsReadEventsWithoutTheReporter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		_, base := newEnv(t, d)
		ctx := context.Background()
		if _, err := db.Exec(ctx, d.W, `INSERT INTO organizations (id, region_code, name, kind, created_at, updated_at)
			VALUES ('org1', ?, '测试县城市管理局', 'agency', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`, county); err != nil {
			t.Fatal(err)
		}
		insertEvent(t, d, map[string]any{"no": "SJ371521202611300001", "team_org_id": "org1", "handle_limit": "4个工作时",
			"handle_due": "2026-11-30T06:00:00.000Z"})
		insertEvent(t, d, map[string]any{"no": "SJ371521202611300002", "state": "closed", "result": "已清运",
			"reported_at": "2026-11-30T03:00:00.000Z", "category_code": "SJ0501", "category_name": "占道经营"})
		insertEvent(t, d, map[string]any{"no": "SJ371521202611300003", "state": "rejected", "duplicate_of": "SJ371521202611300001",
			"reported_at": "2026-11-30T04:00:00.000Z", "reporter_protected": true, "description": "举报人自述的细节"})
		insertEvent(t, d, map[string]any{"no": "SJ110101202608010001", "region_code": "110101000000",
			"reported_at": "2026-08-01T04:00:00.000Z"}) // another jurisdiction, over 90 days ago

		status, _, body := get(t, base+"/open311/v2/requests/SJ371521202611300001.json")
		const want = `[{"service_request_id":"SJ371521202611300001","status":"open","status_notes":"待报到",` +
			`"service_name":"暴露垃圾","service_code":"SJ0102","description":"路口垃圾堆积","agency_responsible":"测试县城市管理局",` +
			`"service_notice":"处置时限4个工作时","requested_datetime":"2026-11-30T09:00:00+08:00",` +
			`"updated_datetime":"2026-11-30T10:00:00+08:00","expected_datetime":"2026-11-30T14:00:00+08:00",` +
			`"address":"人民路1号","address_id":"","zipcode":"","lat":36.25,"long":118.5,"media_url":""}]` + "\n"
		if status != 200 || body != want {
			t.Errorf("request json:\n got %d %s\nwant %s", status, body, want)
		}
		status, _, body = get(t, base+"/open311/v2/requests/SJ371521202611300002.xml")
		const wantXML = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<service_requests><request>` +
			`<service_request_id>SJ371521202611300002</service_request_id><status>closed</status>` +
			`<status_notes>已结案：已清运</status_notes><service_name>占道经营</service_name><service_code>SJ0501</service_code>` +
			`<description>路口垃圾堆积</description><agency_responsible></agency_responsible><service_notice></service_notice>` +
			`<requested_datetime>2026-11-30T11:00:00+08:00</requested_datetime><updated_datetime>2026-11-30T10:00:00+08:00</updated_datetime>` +
			`<address>人民路1号</address><address_id></address_id><zipcode></zipcode><lat>36.25</lat><long>118.5</long>` +
			`<media_url></media_url></request></service_requests>` + "\n"
		if status != 200 || body != wantXML {
			t.Errorf("request xml:\n got %d %s\nwant %s", status, body, wantXML)
		}

		status, _, body = get(t, base+"/open311/v2/requests.json")
		if status != 200 || strings.Contains(body, "张") || strings.Contains(body, "13800000000") || strings.Contains(body, "举报人自述") {
			t.Errorf("the list shows the reporter or a protected report: %s", body)
		}
		var list []Request
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range list {
			ids = append(ids, r.ID)
		}
		if strings.Join(ids, ",") != "SJ371521202611300003,SJ371521202611300002,SJ371521202611300001" {
			t.Errorf("last 90 days, newest first: %v", ids)
		}
		if list[0].Status != "closed" || list[0].StatusNotes != "不予立案：与事件 SJ371521202611300001 重复" ||
			list[0].Description != protectedText || list[0].ExpectedDatetime != nil {
			t.Errorf("rejected duplicate: %+v", list[0])
		}

		for query, want := range map[string]string{
			"status=open":                       "SJ371521202611300001",
			"status=closed&service_code=SJ0102": "SJ371521202611300003",
			"service_code=SJ0501,SJ0102&status=closed&status=open&start_date=2026-11-30T10:30:00%2B08:00": "SJ371521202611300003,SJ371521202611300002",
			"end_date=2026-11-30T09:30:00+08:00":                                       "SJ371521202611300001",
			"start_date=2026-07-30&end_date=2026-08-02":                                "SJ110101202608010001",
			"jurisdiction_id=110101000000&start_date=2026-07-30":                       "SJ110101202608010001",
			"jurisdiction_id=110101000000":                                             "",
			"service_request_id=SJ110101202608010001,SJ371521202611300002&status=open": "SJ371521202611300002,SJ110101202608010001",
			"service_request_id=SJ110101202608010001&jurisdiction_id=" + county:        "",
		} {
			status, _, body := get(t, base+"/open311/v2/requests.json?"+query)
			var list []Request
			if err := json.Unmarshal([]byte(body), &list); status != 200 || err != nil {
				t.Errorf("%s: %d %s", query, status, body)
				continue
			}
			var ids []string
			for _, r := range list {
				ids = append(ids, r.ID)
			}
			if got := strings.Join(ids, ","); got != want {
				t.Errorf("%s: %q, want %q", query, got, want)
			}
		}

		status, _, body = get(t, base+"/open311/v2/tokens/SJ371521202611300002.json")
		if status != 200 || body != `[{"service_request_id":"SJ371521202611300002","token":"SJ371521202611300002"}]`+"\n" {
			t.Errorf("token: %d %s", status, body)
		}
		status, _, body = get(t, base+"/open311/v2/tokens/SJ371521202611300002.xml")
		if status != 200 || !strings.HasSuffix(body, `<service_requests><request><service_request_id>SJ371521202611300002</service_request_id>`+
			`<token>SJ371521202611300002</token></request></service_requests>`+"\n") {
			t.Errorf("token xml: %d %s", status, body)
		}
	})
}

func TestRequestsRefuseBadCriteria(t *testing.T) {
	_, base := newEnv(t, dbtest.SQLite(t))
	for _, query := range []string{"status=pending", "start_date=yesterday", "start_date=2026-01-01&end_date=2026-06-01",
		"start_date=2026-06-01&end_date=2026-05-01", "jurisdiction_id=3715"} {
		status, _, body := get(t, base+"/open311/v2/requests.json?"+query)
		if e := errorsOf(t, 400, body); status != 400 || !han.MatchString(e.Description) {
			t.Errorf("%s: %d %s", query, status, body)
		}
	}
}

func TestStatus(t *testing.T) {
	for state, want := range map[string]string{event.Reported: "open", event.Registered: "open", event.Dispatched: "open",
		event.Accepted: "open", event.Feedback: "open", event.Returned: "open", event.Suspended: "open",
		event.Closed: "closed", event.Rejected: "closed", event.ToCase: "closed"} {
		if got := Status(state); got != want {
			t.Errorf("%s: %s, want %s", state, got, want)
		}
	}
	if got := statusNotes(row{State: event.Accepted, Result: "未完"}); got != "处置中" {
		t.Errorf("notes of an open event: %s", got)
	}
	if got := statusNotes(row{State: event.ToCase}); got != "已转立案" {
		t.Errorf("notes of a case: %s", got)
	}
}

func TestErrorFormat(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
	}{
		{apperr.InvalidField("lat", "X", "缺少 lat"), 400},
		{apperr.Rows("X", "多处错误", []apperr.Detail{{Code: "Y", Message: "m"}}), 400},
		{apperr.Forbidden("api_key 无效"), 403},
		{intakeError(apperr.InvalidField("categoryCode", "EVENT_CATEGORY_UNKNOWN", "事件分类不存在或不是小类：ZZ01"), "ZZ01"), 404},
		{intakeError(apperr.InvalidField("location", "EVENT_LOCATION_OUT_OF_SCOPE", "事发位置不在本辖区内"), "SJ0102"), 400},
		{apperr.Conflict("X", "冲突"), 409},
		{errors.New("boom"), 500},
	} {
		status, e := ErrorOf(c.err)
		if status != c.status || e.Code != c.status || !han.MatchString(e.Description) {
			t.Errorf("%v: %d %+v", c.err, status, e)
		}
	}
	if _, e := ErrorOf(intakeError(apperr.InvalidField("categoryCode", "EVENT_CATEGORY_UNKNOWN", "事件分类不存在或不是小类：ZZ01"), "ZZ01")); e.Description != "service_code 不存在或不是事件小类：ZZ01" {
		t.Errorf("unknown service: %s", e.Description)
	}
	if _, e := ErrorOf(intakeError(apperr.InvalidField("reporterPhone", "EVENT_PHONE_INVALID", "联系电话格式不正确"), "SJ0102")); e.Description != "联系电话格式不正确（参数 phone）" {
		t.Errorf("phone: %s", e.Description)
	}

	rec := httptest.NewRecorder()
	writeError(rec, httptest.NewRequest("GET", "/", nil), formatXML, apperr.InvalidField("lat", "X", "缺少 lat & long"))
	if rec.Code != 400 || rec.Body.String() != `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<errors><error><code>400</code><description>缺少 lat &amp; long</description></error></errors>`+"\n" {
		t.Errorf("xml error: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	writeError(rec, httptest.NewRequest("GET", "/", nil), formatJSON, apperr.Forbidden("api_key 无效"))
	if rec.Code != 403 || rec.Body.String() != `[{"code":403,"description":"api_key 无效"}]`+"\n" ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("json error: %d %s", rec.Code, rec.Body)
	}
}

func TestPostRefusedBeforeIntake(t *testing.T) {
	svc, base := newEnv(t, dbtest.SQLite(t))
	key, err := svc.CreateKey(context.Background(), "测试客户端", county)
	if err != nil {
		t.Fatal(err)
	}
	full := func(drop ...string) url.Values {
		v := url.Values{"api_key": {key}, "service_code": {"SJ0102"}, "lat": {"36.25"}, "long": {"118.5"},
			"description": {"路口垃圾"}, "first_name": {"三"}, "last_name": {"张"}}
		for _, d := range drop {
			v.Del(d)
		}
		return v
	}
	u := base + "/open311/v2/requests.json"
	cases := []struct {
		name   string
		form   url.Values
		status int
		says   string
	}{
		{"no api_key", full("api_key"), 403, "api_key"},
		{"unknown api_key", func() url.Values { v := full(); v.Set("api_key", "0123456789abcdef0123456789abcdef"); return v }(), 403, "api_key"},
		{"no service_code", full("service_code"), 400, "service_code"},
		{"no lat", full("lat"), 400, "lat"},
		{"address only", func() url.Values {
			v := full("lat", "long")
			v.Set("address_string", "人民路1号")
			v.Set("address_id", "42")
			return v
		}(), 400, "address_string"},
		{"bad long", func() url.Values { v := full(); v.Set("long", "east"); return v }(), 400, "long"},
		{"long out of range", func() url.Values { v := full(); v.Set("long", "181"); return v }(), 400, "long"},
		{"description too long", func() url.Values { v := full(); v.Set("description", strings.Repeat("脏", 2001)); return v }(), 400, "2000"},
		{"control character", func() url.Values { v := full(); v.Set("address_string", "人民路\x00"); return v }(), 400, "address_string"},
		{"foreign jurisdiction", func() url.Values { v := full(); v.Set("jurisdiction_id", "110101000000"); return v }(), 403, "110101000000"},
	}
	for _, c := range cases {
		status, body := postForm(t, u, c.form)
		if e := errorsOf(t, c.status, body); status != c.status || !strings.Contains(e.Description, c.says) {
			t.Errorf("%s: %d %s", c.name, status, body)
		}
	}

	// The XML resource answers in XML.
	status, body := postForm(t, base+"/open311/v2/requests.xml", full("service_code"))
	if status != 400 || !strings.Contains(body, "<errors><error><code>400</code><description>缺少 service_code") {
		t.Errorf("xml: %d %s", status, body)
	}
	// A multipart form is read as well.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range full("lat", "long") {
		mw.WriteField(k, vs[0])
	}
	mw.Close()
	if status, body := post(t, u, mw.FormDataContentType(), &buf); status != 400 || !strings.Contains(errorsOf(t, 400, body).Description, "lat") {
		t.Errorf("multipart: %d %s", status, body)
	}
	mw = multipart.NewWriter(&buf)
	mw.WriteField("service_code", "SJ0102")
	mw.Close()
	if status, body := post(t, u, mw.FormDataContentType(), &buf); status != 403 {
		t.Errorf("multipart without key: %d %s", status, body)
	}
	// Not a form; too large.
	if status, body := post(t, u, "application/json", strings.NewReader(`{"api_key":"`+key+`"}`)); status != 415 {
		t.Errorf("json body: %d %s", status, body)
	} else {
		errorsOf(t, 415, body)
	}
	big := full()
	big.Set("description", strings.Repeat("a", MaxBody))
	if status, body := postForm(t, u, big); status != 413 {
		t.Errorf("large body: %d %s", status, body)
	} else {
		errorsOf(t, 413, body)
	}
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	mw.WriteField("api_key", key)
	fw, _ := mw.CreateFormFile("media", "photo.jpg")
	fw.Write(bytes.Repeat([]byte{0xff}, MaxBody))
	mw.Close()
	if status, body := post(t, u, mw.FormDataContentType(), &buf); status != 413 {
		t.Errorf("large multipart: %d %s", status, body)
	}
}

func TestKeys(t *testing.T) {
	svc, _ := newEnv(t, dbtest.SQLite(t))
	ctx := context.Background()
	key, err := svc.CreateKey(ctx, " 随手拍 ", county)
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(key) {
		t.Fatalf("key %q: %v", key, err)
	}
	other, _ := svc.CreateKey(ctx, "另一客户端", county)
	if other == key {
		t.Error("keys repeat")
	}
	for _, c := range [][2]string{{"", county}, {"x", "3715"}, {"x", "110101000000"}} {
		if _, err := svc.CreateKey(ctx, c[0], c[1]); apperr.As(err).Kind != apperr.KindInvalid {
			t.Errorf("%q %q: %v", c[0], c[1], err)
		}
	}
	k, err := svc.key(ctx, key)
	if err != nil || k.Name != "随手拍" || k.RegionCode != county || k.CreatedAt != clock.Stamp(testNow) {
		t.Errorf("%+v %v", k, err)
	}
	keys, err := svc.Keys(ctx)
	if err != nil || len(keys) != 2 {
		t.Errorf("%v %v", keys, err)
	}
	if err := svc.RevokeKey(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.key(ctx, key); apperr.As(err).Kind != apperr.KindForbidden {
		t.Errorf("revoked key: %v", err)
	}
	if err := svc.RevokeKey(ctx, key); apperr.As(err).Kind != apperr.KindNotFound {
		t.Errorf("revoke twice: %v", err)
	}
}

func TestPeriodAndNames(t *testing.T) {
	from, to, err := period(url.Values{}, testNow)
	if err != nil || !to.Equal(testNow) || to.Sub(from) != Window {
		t.Errorf("default: %v %v %v", from, to, err)
	}
	// A "+" of an unescaped query string arrives as a space.
	from, _, err = period(url.Values{"start_date": {"2026-11-01T08:00:00 08:00"}}, testNow)
	if err != nil || !from.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("space for plus: %v %v", from, err)
	}
	_, to, err = period(url.Values{"end_date": {"2026-11-01"}}, testNow)
	if err != nil || clock.Stamp(to) != "2026-11-01T15:59:59.999Z" {
		t.Errorf("date alone ends its day: %v %v", to, err)
	}
	for first, want := range map[[2]string]string{{"三", "张"}: "张三", {"John", "Smith"}: "John Smith", {"", "Smith"}: "Smith"} {
		if got := fullName(first[0], first[1]); got != want {
			t.Errorf("%v: %q", first, got)
		}
	}
	if got := normalizePhone(" (0539) 123.4567 "); got != "05391234567" {
		t.Errorf("phone %q", got)
	}
}
