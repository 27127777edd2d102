package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOpen311RequestsFollowTheLoop: a GeoReport v2 client posts a form with its key, gets the
// request's id, reads it back in both formats, and gets the specification's errors for a request
// without service_code or location, with nothing stored.
func TestOpen311RequestsFollowTheLoop(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		key, err := e.app.Open311.CreateKey(ctx, "测试客户端", "371521000000")
		if err != nil {
			t.Fatal(err)
		}
		lng, lat := gridPoint(t, e, "371521112000")
		form := func(v url.Values, path string) (int, string) {
			res, err := http.PostForm(e.url+path, v)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		status, body := form(url.Values{"api_key": {key}, "service_code": {"SJ0501"}, "lat": {fmt.Sprint(lat)}, "long": {fmt.Sprint(lng)},
			"description": {"路口有流动摊贩占道经营"}, "first_name": {"明"}, "last_name": {"王"}, "phone": {"13800001111"}}, "/open311/v2/requests.json")
		if status != http.StatusOK {
			t.Fatalf("%d %s", status, body)
		}
		var created []struct {
			ID string `json:"service_request_id"`
		}
		if err := json.Unmarshal([]byte(body), &created); err != nil || len(created) != 1 || created[0].ID == "" {
			t.Fatalf("%s %v", body, err)
		}
		res, err := http.Get(e.url + "/open311/v2/requests/" + created[0].ID + ".json")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(b), `"status":"open"`) || strings.Contains(string(b), "13800001111") {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
		res, err = http.Get(e.url + "/open311/v2/requests/" + created[0].ID + ".xml")
		if err != nil {
			t.Fatal(err)
		}
		b, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), "<service_requests>") || !strings.Contains(string(b), created[0].ID) {
			t.Fatalf("%s", b)
		}
		before := countEvents(t, e)
		for _, bad := range []url.Values{
			{"api_key": {key}, "lat": {fmt.Sprint(lat)}, "long": {fmt.Sprint(lng)}},
			{"api_key": {key}, "service_code": {"SJ0501"}, "address_string": {"张秋镇"}},
		} {
			status, body := form(bad, "/open311/v2/requests.json")
			var errs []struct {
				Code        int    `json:"code"`
				Description string `json:"description"`
			}
			if status != http.StatusBadRequest || json.Unmarshal([]byte(body), &errs) != nil || len(errs) == 0 || errs[0].Code != 400 {
				t.Errorf("%v: %d %s", bad, status, body)
			}
		}
		if status, _ := form(url.Values{"service_code": {"SJ0501"}, "lat": {"36"}, "long": {"115.9"}}, "/open311/v2/requests.json"); status != http.StatusForbidden {
			t.Errorf("without api_key: %d", status)
		}
		if after := countEvents(t, e); after != before {
			t.Fatalf("events %s → %s", before, after)
		}
	})
}
