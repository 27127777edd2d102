package people

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

// headerAuth picks the caller named in the X-Test-User header.
type headerAuth map[string]*access.Principal

func (a headerAuth) Authenticate(r *http.Request) (*access.Principal, error) {
	return a[r.Header.Get("X-Test-User")], nil
}

func TestRoutesNamePermissions(t *testing.T) {
	for _, rt := range (&Service{}).Routes() {
		if rt.Public || rt.Perm == "" {
			t.Errorf("%s has no permission", rt.Pattern())
		}
	}
}

func TestHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		mux := http.NewServeMux()
		httpx.Mount(mux, headerAuth{"admin": f.admin, "viewer": f.viewer}, f.svc.Routes())
		call := func(user, method, path, contentType string, body []byte) (int, map[string]any) {
			t.Helper()
			req := httptest.NewRequest(method, path, bytes.NewReader(body))
			req.Header.Set("X-Test-User", user)
			if contentType != "" {
				req.Header.Set("Content-Type", contentType)
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			var out map[string]any
			json.Unmarshal(rec.Body.Bytes(), &out)
			return rec.Code, out
		}
		in, _ := json.Marshal(Input{Name: "张三", IDNumber: f.nextID(), Phone: "13812345678", PostOrgID: f.bureau.ID,
			WorkOrgID: f.officeA.ID, PostType: "admin", Frontline: true})
		code, created := call("admin", "POST", "/api/v1/people", "application/json", in)
		if code != http.StatusCreated || created["sunk"] != true {
			t.Fatalf("create: %d %v", code, created)
		}
		id := created["id"].(string)
		if code, _ := call("viewer", "POST", "/api/v1/people", "application/json", in); code != http.StatusForbidden {
			t.Fatalf("create without people.write: %d", code)
		}
		cert, _ := json.Marshal(CertInput{Number: "鲁A001", Domains: []string{"城市管理"}, ValidFrom: "2024-01-01", ValidTo: "2020-01-01"})
		if code, body := call("admin", "POST", "/api/v1/people/"+id+"/certificates", "application/json", cert); code != http.StatusBadRequest ||
			body["error"].(map[string]any)["code"] != "CERT_DATES_INVERTED" {
			t.Fatalf("inverted certificate: %d %v", code, body)
		}
		code, detail := call("viewer", "GET", "/api/v1/people/"+id, "", nil)
		if code != http.StatusOK || detail["phone"] != "138****5678" || detail["certificate"] != nil {
			t.Fatalf("detail for viewer: %d %v", code, detail)
		}
		if code, _ := call("viewer", "POST", "/api/v1/people/"+id+"/reveal-id", "", nil); code != http.StatusForbidden {
			t.Fatalf("reveal without people.pii: %d", code)
		}
		if code, body := call("admin", "POST", "/api/v1/people/"+id+"/reveal-id", "", nil); code != http.StatusOK ||
			len(body["idNumber"].(string)) != 18 {
			t.Fatalf("reveal: %d %v", code, body)
		}
		if code, _ := call("viewer", "GET", "/api/v1/people?certStatus=soon", "", nil); code != http.StatusBadRequest {
			t.Fatalf("bad certStatus: %d", code)
		}
		code, list := call("viewer", "GET", "/api/v1/people?orgId="+f.bureau.ID+"&subtree=true&frontline=true&certStatus=none", "", nil)
		if code != http.StatusOK || list["total"] != float64(1) {
			t.Fatalf("list: %d %v", code, list)
		}

		upload := func(content string) (int, map[string]any) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "people.csv")
			fw.Write([]byte(content))
			mw.Close()
			return call("admin", "POST", "/api/v1/imports/people", mw.FormDataContentType(), buf.Bytes())
		}
		code, body := upload(importHeader + "李四,371521198503121234,,阳谷县综合行政执法局,,行政编,,否,,,,\n")
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("bad import: %d %v", code, body)
		}
		details := body["error"].(map[string]any)["details"].([]any)
		if msg := details[0].(map[string]any)["message"].(string); !strings.HasPrefix(msg, "第2行：") {
			t.Fatalf("row message = %s", msg)
		}
		code, body = upload(importHeader + fmt.Sprintf("李四,%s,,阳谷县综合行政执法局,,行政编,,否,,,,\n", f.nextID()))
		if code != http.StatusOK || body["kind"] != "people" || body["imported"] != float64(1) {
			t.Fatalf("good import: %d %v", code, body)
		}
		if code, _ := call("admin", "POST", "/api/v1/imports/people", "application/json", []byte(`{}`)); code != http.StatusBadRequest {
			t.Fatalf("import without a file: %d", code)
		}
	})
}
