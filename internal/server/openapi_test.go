package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"zhifa/internal/platform/dbtest"
)

// TestOpenAPIMatchesRealRoutes checks the published document against the server: every route of
// the table is in the document and answers (no unknown-route error), and the document names no
// route the server does not have.
func TestOpenAPIMatchesRealRoutes(t *testing.T) {
	a := newApp(dbtest.SQLite(t))
	e := start(t, a)
	resp, err := http.Get(e.url + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	inDoc := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			inDoc[strings.ToUpper(method)+" "+path] = true
			if op["summary"] == "" || op["operationId"] == "" {
				t.Errorf("%s %s lacks a summary or operationId", method, path)
			}
		}
	}
	var missing []string
	for _, rt := range a.Routes() {
		key := rt.Method + " " + rt.Path
		if !inDoc[key] {
			missing = append(missing, key)
		}
		delete(inDoc, key)
		if !rt.Public && rt.Perm == "" && rt.PermOf == "" && !strings.HasPrefix(rt.Path, "/api/v1/auth/") &&
			rt.Path != "/api/v1/meta" && rt.Path != "/api/v1/settings" {
			t.Errorf("%s names no permission", key)
		}
		// Call the real route without a session: protected routes must answer 401, proving the
		// server has them (an unknown path answers ROUTE_NOT_FOUND).
		path := rt.Path
		for _, p := range rt.PathParams() {
			path = strings.ReplaceAll(path, "{"+p+"}", "x")
		}
		req, _ := http.NewRequest(rt.Method, e.url+path, strings.NewReader("{}"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Error struct{ Code string } `json:"error"`
		}
		json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if body.Error.Code == "ROUTE_NOT_FOUND" || res.StatusCode == http.StatusMethodNotAllowed {
			t.Errorf("%s is in the table but the server does not serve it (%d %s)", key, res.StatusCode, body.Error.Code)
		}
		if !rt.Public && (res.StatusCode != http.StatusUnauthorized || body.Error.Code != "SESSION_REQUIRED") {
			t.Errorf("%s without a session answered %d %s", key, res.StatusCode, body.Error.Code)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("route %s is not in the OpenAPI document", m)
	}
	for extra := range inDoc {
		t.Errorf("OpenAPI document names %s, which the server does not route", extra)
	}
}

func TestHealthReadinessMetricsAndConsole(t *testing.T) {
	e := start(t, newApp(dbtest.SQLite(t)))
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 404, "/people/deep/link": 200, "/": 200} {
		res, err := http.Get(e.url + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
		if strings.HasPrefix(path, "/people") && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("deep link served %s", res.Header.Get("Content-Type"))
		}
	}
	// The separate metrics listener serves them without a token.
	metrics := httptest.NewServer(e.app.MetricsHandler())
	defer metrics.Close()
	res, err := http.Get(metrics.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	buf := new(strings.Builder)
	b := make([]byte, 1<<16)
	for {
		n, err := res.Body.Read(b)
		buf.Write(b[:n])
		if err != nil {
			break
		}
	}
	if !strings.Contains(buf.String(), `zhifa_http_requests_total{route="GET /healthz",status="200"}`) {
		t.Error("metrics do not count requests by route")
	}
}
