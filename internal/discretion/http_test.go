package discretion

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

// headerAuth picks the caller named in the X-Test-User header.
type headerAuth map[string]*access.Principal

func (a headerAuth) Authenticate(r *http.Request) (*access.Principal, error) {
	return a[r.Header.Get("X-Test-User")], nil
}

func TestRoutesNamePermissions(t *testing.T) {
	public := 0
	for _, rt := range (&Service{}).Routes() {
		switch {
		case rt.Public:
			public++
			if !strings.HasPrefix(rt.Path, "/api/v1/public/") {
				t.Errorf("%s is public outside /api/v1/public/", rt.Pattern())
			}
		case rt.Perm != access.CatalogRead && rt.Perm != access.CatalogWrite:
			t.Errorf("%s needs %q, want catalog.read or catalog.write", rt.Pattern(), rt.Perm)
		case rt.Method != "GET" && rt.Perm == access.CatalogRead && !strings.HasSuffix(rt.Path, "/propose") && !strings.HasSuffix(rt.Path, "/evaluate"):
			t.Errorf("%s changes data with catalog.read only", rt.Pattern())
		}
	}
	if public != 1 {
		t.Errorf("%d public routes, want 1", public)
	}
}

func TestHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		mux := http.NewServeMux()
		httpx.Mount(mux, headerAuth{"legal": f.legal, "officer": f.officer}, append(f.svc.Routes(), f.settings.Routes()...))
		call := func(user, method, path string, body any) (int, map[string]any) {
			t.Helper()
			var buf bytes.Buffer
			if body != nil {
				json.NewEncoder(&buf).Encode(body)
			}
			req := httptest.NewRequest(method, path, &buf)
			req.Header.Set("X-Test-User", user)
			if body != nil {
				req.Header.Set("Content-Type", "application/json")
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			var out map[string]any
			json.Unmarshal(rec.Body.Bytes(), &out)
			return rec.Code, out
		}
		errCode := func(body map[string]any) string {
			e, _ := body["error"].(map[string]any)
			s, _ := e["code"].(string)
			return s
		}

		if code, _ := call("officer", "POST", "/api/v1/discretion/benchmarks", oilInput()); code != http.StatusForbidden {
			t.Fatalf("officer creates: %d", code)
		}
		if code, _ := call("", "GET", "/api/v1/discretion/benchmarks", nil); code != http.StatusUnauthorized {
			t.Fatalf("anonymous list: %d", code)
		}
		bad := oilInput()
		bad.Tiers[3].Standard.MaxFen = yuan(99999)
		code, body := call("legal", "POST", "/api/v1/discretion/benchmarks", bad)
		if code != http.StatusUnprocessableEntity || errCode(body) != "DISCRETION_TIER_OUT_OF_RANGE" ||
			!strings.Contains(body["error"].(map[string]any)["rule"].(string), "国办发〔2022〕27号") {
			t.Fatalf("out of range: %d %v", code, body)
		}
		code, body = call("legal", "POST", "/api/v1/discretion/benchmarks", map[string]any{"itemId": "item-oil", "tiers": []any{}, "color": "red"})
		if code != http.StatusBadRequest || errCode(body) != "BODY_UNKNOWN_FIELD" {
			t.Fatalf("unknown field: %d %v", code, body)
		}
		code, body = call("legal", "POST", "/api/v1/discretion/benchmarks", oilInput())
		if code != http.StatusCreated || body["status"] != "draft" {
			t.Fatalf("create: %d %v", code, body)
		}
		id := body["id"].(string)
		code, body = call("legal", "POST", "/api/v1/discretion/benchmarks/"+id+"/publish", map[string]any{"effectiveFrom": "2026-01-01", "docNo": "阳综执发〔2026〕9号"})
		if code != http.StatusBadRequest || errCode(body) != "BODY_FIELD_REQUIRED" {
			t.Fatalf("publish without a revision: %d %v", code, body)
		}
		code, body = call("legal", "POST", "/api/v1/discretion/benchmarks/"+id+"/publish", lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "阳综执发〔2026〕9号", Revision: 7})
		if code != http.StatusConflict || errCode(body) != "STALE" {
			t.Fatalf("publish with another revision: %d %v", code, body)
		}
		code, body = call("legal", "POST", "/api/v1/discretion/benchmarks/"+id+"/publish", lifecycle.PublishInput{EffectiveFrom: "2026-01-01", DocNo: "阳综执发〔2026〕9号", Revision: 1})
		if code != http.StatusOK || body["state"] != "in_force" {
			t.Fatalf("publish: %d %v", code, body)
		}
		code, body = call("officer", "POST", "/api/v1/discretion/evaluate", EvaluateRequest{ItemID: "item-oil", ActDate: "2026-05-01",
			Facts: Facts{FirstOffence: true, Harm: HarmMinor, CorrectedPromptly: true}})
		if code != http.StatusOK || body["tier"] != "no_penalty" || body["penalise"] != false || body["ifPenalised"] == nil ||
			!strings.Contains(body["reason"].(string), "阳综执发〔2026〕9号") {
			t.Fatalf("evaluate: %d %v", code, body)
		}
		code, body = call("officer", "POST", "/api/v1/discretion/evaluate", EvaluateRequest{ItemID: "item-unknown", ActDate: "2026-05-01"})
		if code != http.StatusBadRequest || errCode(body) != "DISCRETION_ITEM_UNKNOWN" {
			t.Fatalf("unknown item: %d %v", code, body)
		}
		code, body = call("officer", "POST", "/api/v1/discretion/evaluate", EvaluateRequest{ItemID: "item-road", ActDate: "2026-05-01"})
		if code != http.StatusNotFound || errCode(body) != "DISCRETION_NONE" {
			t.Fatalf("no benchmark: %d %v", code, body)
		}
		code, body = call("officer", "POST", "/api/v1/discretion/propose", ProposeRequest{ItemID: "item-road"})
		if code != http.StatusOK || len(body["tiers"].([]any)) != 3 {
			t.Fatalf("propose: %d %v", code, body)
		}
		if code, _ := call("officer", "PUT", "/api/v1/settings/discretion.tiers/371521100000",
			map[string]any{"value": NationalSplitting(), "basis": "阿城镇规则"}); code != http.StatusForbidden {
			t.Fatalf("officer sets rules: %d", code)
		}
		if code, body := call("officer", "GET", "/api/v1/settings/discretion.tiers", nil); code != http.StatusOK ||
			body["effective"].(map[string]any)["regionCode"] != "" || body["regionCode"] != codeTownA {
			t.Fatalf("rules: %d %v", code, body)
		}
		if code, body := call("officer", "GET", "/api/v1/discretion/no-penalty?itemId=item-oil", nil); code != http.StatusOK {
			t.Fatalf("no-penalty: %d %v", code, body)
		}
		if code, body := call("officer", "GET", "/api/v1/discretion/benchmarks?inForce=true", nil); code != http.StatusOK || body["total"] != float64(1) {
			t.Fatalf("list: %d %v", code, body)
		}
		if code, body := call("officer", "GET", "/api/v1/discretion/vocabulary", nil); code != http.StatusOK || len(body["conditionKinds"].([]any)) != 13 ||
			len(body["bases"].([]any)) != len(testBases) || body["regionCode"] != codeTownA {
			t.Fatalf("vocabulary: %d %v", code, body)
		}
		// The public reads published benchmarks without signing in.
		code, body = call("", "GET", "/api/v1/public/discretion?itemId=item-oil", nil)
		if code != http.StatusOK || body["total"] != float64(1) {
			t.Fatalf("public: %d %v", code, body)
		}
		item := body["items"].([]any)[0].(map[string]any)
		if item["docNo"] != "阳综执发〔2026〕9号" || item["citation"] == "" || len(item["tiers"].([]any)) != 4 {
			t.Fatalf("public item: %v", item)
		}
		if code, _ := call("legal", "DELETE", "/api/v1/discretion/benchmarks/"+id, nil); code != http.StatusConflict {
			t.Fatalf("delete a published version: %d", code)
		}
	})
}

func TestOpenAPIDocument(t *testing.T) {
	doc := httpx.OpenAPI("test", (&Service{}).Routes())
	paths := doc["paths"].(map[string]map[string]any)
	for _, p := range []string{"/api/v1/discretion/evaluate", "/api/v1/discretion/benchmarks/{id}/publish", "/api/v1/public/discretion"} {
		if paths[p] == nil {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
	if _, err := json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
}
