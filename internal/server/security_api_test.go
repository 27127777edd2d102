package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhifa/client"
	"zhifa/internal/demo"
	"zhifa/internal/server"
)

// raw sends a request with the given headers and returns the status, the error code and the
// response headers.
func raw(t *testing.T, method, u, body string, header map[string]string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var env struct {
		Error struct{ Code string } `json:"error"`
	}
	json.NewDecoder(res.Body).Decode(&env)
	return res.StatusCode, env.Error.Code, res.Header
}

// A page on another site must not be able to make a signed-in user's browser change data.
func TestCrossSiteWritesAreRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		c := e.as("staffing")
		cookie := "zhifa_session=" + c.Token
		body := `{"name":"跨站","idNumber":"","postOrgId":"x","workOrgId":"x","postType":"编外"}`
		status, code, _ := raw(t, "POST", e.url+"/api/v1/people", body, map[string]string{
			"Cookie": cookie, "Content-Type": "text/plain", "Origin": "https://evil.example"})
		if status != http.StatusForbidden || code != "CROSS_ORIGIN_REFUSED" {
			t.Errorf("cross-origin text/plain POST: %d %s", status, code)
		}
		status, code, _ = raw(t, "POST", e.url+"/api/v1/people", body, map[string]string{
			"Cookie": cookie, "Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site"})
		if status != http.StatusForbidden || code != "CROSS_ORIGIN_REFUSED" {
			t.Errorf("cross-site fetch: %d %s", status, code)
		}
		// Even without Origin, a body that is not JSON is refused before anything is read.
		status, code, _ = raw(t, "POST", e.url+"/api/v1/people", body, map[string]string{"Cookie": cookie, "Content-Type": "text/plain"})
		if status != http.StatusUnsupportedMediaType || code != "BODY_NOT_JSON" {
			t.Errorf("text/plain POST: %d %s", status, code)
		}
		// Same-origin requests from the console still work.
		status, _, h := raw(t, "GET", e.url+"/api/v1/people?pageSize=1", "", map[string]string{"Cookie": cookie, "Sec-Fetch-Site": "same-origin"})
		if status != http.StatusOK {
			t.Fatalf("same-origin read: %d", status)
		}
		if h.Get("Cache-Control") != "no-store" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Strict-Transport-Security") != "" {
			t.Errorf("API headers: %v", h)
		}
		var people client.List[client.Person]
		if err := c.Get(ctx, "/api/v1/people", url.Values{"q": {"跨站"}}, &people); err != nil || people.Total != 0 {
			t.Errorf("a refused write changed data: %d %v", people.Total, err)
		}
	})
}

func TestHTTPSBehindAProxy(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		u, _ := url.Parse("https://zhifa.example.gov.cn/")
		e.app.SetSecurity(server.Security{PublicURL: u})
		_, _, h := raw(t, "GET", e.url+"/healthz", "", nil)
		if !strings.HasPrefix(h.Get("Strict-Transport-Security"), "max-age=") {
			t.Errorf("no HSTS behind an https public URL: %v", h)
		}
		req, _ := http.NewRequest("POST", e.url+"/api/v1/auth/login", strings.NewReader(`{"username":"leader","password":"`+demo.Password+`"}`))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		cookies := res.Cookies()
		if len(cookies) != 1 || !cookies[0].Secure || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
			t.Errorf("session cookie: %+v", cookies)
		}
	})
}

func TestAnAccountMustChangeItsPasswordBeforeUsingTheSystem(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		sec := e.as("security")
		var me client.Me
		if err := e.as("officer").Do(ctx, "GET", "/api/v1/auth/me", nil, &me); err != nil {
			t.Fatal(err)
		}
		var created client.Account
		if err := sec.Do(ctx, "POST", "/api/v1/accounts", map[string]any{"username": "new.officer", "displayName": "新队员",
			"password": "Init#4827-qX", "orgId": me.Account.OrgID, "roles": []string{"officer"}}, &created); err != nil {
			t.Fatal(err)
		}
		fresh := e.anon()
		if _, err := fresh.Login(ctx, "new.officer", "Init#4827-qX"); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/api/v1/people", "/api/v1/orgs", "/api/v1/catalog/items"} {
			err := fresh.Do(ctx, "GET", path, nil, nil)
			apiErr(t, err, http.StatusForbidden, "PASSWORD_CHANGE_REQUIRED")
		}
		if err := fresh.Do(ctx, "GET", "/api/v1/auth/me", nil, nil); err != nil {
			t.Fatalf("me before the change: %v", err)
		}
		if err := fresh.Do(ctx, "POST", "/api/v1/auth/password", map[string]string{"oldPassword": "Init#4827-qX",
			"newPassword": "Mine#5930-wR"}, nil); err != nil {
			t.Fatal(err)
		}
		if err := fresh.Do(ctx, "GET", "/api/v1/people", nil, nil); err != nil {
			t.Fatalf("after the change: %v", err)
		}
	})
}

func TestSecurityAdministratorCannotWidenItsOwnRights(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		sec := e.as("security")
		var me client.Me
		if err := sec.Do(ctx, "GET", "/api/v1/auth/me", nil, &me); err != nil {
			t.Fatal(err)
		}
		for _, roles := range [][]string{{"secadmin", "leader", "staffing", "legal"}, {"auditor"}} {
			err := sec.Do(ctx, "PUT", "/api/v1/accounts/"+me.Account.ID, map[string]any{"displayName": me.Account.DisplayName,
				"orgId": me.Account.OrgID, "roles": roles, "disabled": false}, nil)
			apiErr(t, err, http.StatusForbidden, "ACCOUNT_SELF_CHANGE")
		}
		_, err := e.as("security").Audit(ctx, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		if err := sec.Do(ctx, "POST", "/api/v1/people/x/reveal-id", nil, nil); err == nil {
			t.Fatal("the security administrator revealed an ID number")
		}
		var list client.List[client.Account]
		if err := sec.Get(ctx, "/api/v1/accounts", url.Values{"q": {"auditor"}}, &list); err != nil || len(list.Items) == 0 {
			t.Fatalf("auditor account: %v", err)
		}
		err = sec.Do(ctx, "POST", "/api/v1/accounts/"+list.Items[0].ID+"/reset-password", map[string]string{"password": "Take#8301-over"}, nil)
		apiErr(t, err, http.StatusForbidden, "ACCOUNT_APPROVAL_REQUIRED")
		if _, err := e.anon().Login(ctx, "auditor", demo.Password); err != nil {
			t.Fatalf("the auditor's password changed: %v", err)
		}
	})
}

func TestMetricsNeedATokenOnTheMainAddress(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		if status, _, _ := raw(t, "GET", e.url+"/metrics", "", nil); status != http.StatusNotFound {
			t.Fatalf("metrics without configuration: %d", status)
		}
		token := strings.Repeat("m", 40)
		e.app.SetSecurity(server.Security{MetricsToken: token})
		if status, _, _ := raw(t, "GET", e.url+"/metrics", "", map[string]string{"Authorization": "Bearer wrong"}); status != http.StatusNotFound {
			t.Fatalf("metrics with a wrong token: %d", status)
		}
		if status, _, _ := raw(t, "GET", e.url+"/metrics", "", map[string]string{"Authorization": "Bearer " + token}); status != http.StatusOK {
			t.Fatalf("metrics with the token: %d", status)
		}
	})
}

// A township officer gets the same answer for another township's organisation on every route.
func TestCatalogueOfAnotherTownshipsOfficeIsNotFound(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		var orgs client.List[client.Org]
		if err := e.as("admin").Get(ctx, "/api/v1/orgs", url.Values{"q": {"阎楼镇综合行政执法办公室"}}, &orgs); err != nil || len(orgs.Items) == 0 {
			t.Fatalf("阎楼镇 office: %v", err)
		}
		other := orgs.Items[0].ID
		zq := e.as("officer.zhangqiu")
		for _, path := range []string{"/api/v1/orgs/" + other, "/api/v1/catalog/orgs/" + other + "/items", "/api/v1/catalog/orgs/" + other + "/diff?from=2022-01-01&to=2026-01-01"} {
			apiErr(t, zq.Do(ctx, "GET", path, nil, nil), http.StatusNotFound, "NOT_FOUND")
		}
	})
}
