package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhifa/internal/demo"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Shapes of the catalogue answers the tests read.
type (
	catalogBody struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	publicItem struct {
		ID          string       `json:"id"`
		Code        string       `json:"code"`
		Name        string       `json:"name"`
		Body        catalogBody  `json:"body"`
		WorkingBody *catalogBody `json:"workingBody"`
		Mode        string       `json:"mode"`
		DelegatedTo int          `json:"delegatedTo"`
	}
	exercise struct {
		Body        catalogBody  `json:"body"`
		WorkingBody *catalogBody `json:"workingBody"`
		Mode        string       `json:"mode"`
		Explanation string       `json:"explanation"`
		Decision    *struct {
			DocNo string `json:"docNo"`
		} `json:"decision"`
		Version struct {
			Version int `json:"version"`
		} `json:"version"`
	}
)

const zhangqiuVillage = "371521112252" // 张秋镇南街村

func TestCatalogIsPublishedWithoutLogin(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		anon := e.anon()
		var list struct {
			Items []publicItem `json:"items"`
			Total int          `json:"total"`
		}
		if err := anon.Get(ctx, "/api/v1/public/catalog", url.Values{"q": {"露天 烧烤"}}, &list); err != nil {
			t.Fatal(err)
		}
		if list.Total != 1 || list.Items[0].Code != "CSGL-CF-015" || list.Items[0].Body.Name != "阳谷县综合行政执法局" || list.Items[0].DelegatedTo != 18 {
			t.Fatalf("public search: %+v", list)
		}
		// In 张秋镇 the delegated items are exercised by its government, in its own name, its office
		// handling them; 城乡规划法第六十四条 is no longer among them.
		if err := anon.Get(ctx, "/api/v1/public/catalog", url.Values{"township": {"371521112000"}, "pageSize": {"100"}}, &list); err != nil {
			t.Fatal(err)
		}
		if list.Total != 14 {
			t.Fatalf("张秋镇 exercises %d items: %+v", list.Total, list.Items)
		}
		for _, it := range list.Items {
			if it.Body.Name != "张秋镇人民政府" || it.WorkingBody == nil || it.WorkingBody.Name != "张秋镇综合行政执法办公室" ||
				it.Mode != "delegate" || it.Code == demo.RevokedItemCode {
				t.Fatalf("township item: %+v", it)
			}
		}
		// Search runs over the legal basis too, with Arabic or Chinese article numbers.
		if err := anon.Get(ctx, "/api/v1/public/catalog", url.Values{"q": {"食品安全法 第122条"}}, &list); err != nil || list.Total != 1 {
			t.Fatalf("search by citation: %+v %v", list, err)
		}
		var detail struct {
			Item    publicItem `json:"item"`
			Version struct {
				PenaltyBasis []struct {
					Law     string `json:"law"`
					Article int    `json:"article"`
				} `json:"penaltyBasis"`
				FineText string `json:"fineText"`
			} `json:"version"`
			Delegations []struct {
				Subject     catalogBody  `json:"subject"`
				WorkingBody *catalogBody `json:"workingBody"`
			} `json:"delegations"`
		}
		if err := anon.Get(ctx, "/api/v1/public/catalog/"+list.Items[0].ID, nil, &detail); err != nil {
			t.Fatal(err)
		}
		if detail.Version.PenaltyBasis[0].Article != 122 || !strings.Contains(detail.Version.FineText, "货值金额10倍至20倍") {
			t.Fatalf("public detail: %+v", detail)
		}
		err := anon.Get(ctx, "/api/v1/public/catalog/no-such-item", nil, &detail)
		apiErr(t, err, http.StatusNotFound, "NOT_FOUND")
		// Everything else needs a login.
		err = anon.Get(ctx, "/api/v1/catalog/items", nil, nil)
		apiErr(t, err, http.StatusUnauthorized, "SESSION_REQUIRED")
	})
}

func TestCatalogExerciseOnTheDemoCounty(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		officer := e.as("officer")
		ask := func(code, date string) exercise {
			t.Helper()
			var x exercise
			if err := officer.Get(ctx, "/api/v1/catalog/exercise", url.Values{"itemCode": {code}, "place": {zhangqiuVillage}, "date": {date}}, &x); err != nil {
				t.Fatal(err)
			}
			return x
		}
		x := ask(demo.DelegatedItemCode, "2025-01-01")
		if x.Body.Name != "张秋镇人民政府" || x.WorkingBody == nil || x.WorkingBody.Name != "张秋镇综合行政执法办公室" ||
			x.Mode != "delegate" || x.Decision.DocNo != "阳政发〔2022〕8号" || !strings.Contains(x.Explanation, "南街村") {
			t.Fatalf("delegated item: %+v", x)
		}
		if x := ask(demo.RevokedItemCode, "2023-06-01"); x.Body.Name != "张秋镇人民政府" {
			t.Fatalf("before the revocation: %+v", x)
		}
		// In a street (街道) the street office exercises the delegated item in its own name.
		var street exercise
		if err := officer.Get(ctx, "/api/v1/catalog/exercise", url.Values{"itemCode": {demo.DelegatedItemCode},
			"place": {"371521001000"}, "date": {"2025-01-01"}}, &street); err != nil {
			t.Fatal(err)
		}
		if street.Body.Name != "博济桥街道办事处" || street.WorkingBody == nil || street.WorkingBody.Name != "博济桥街道综合行政执法办公室" ||
			!strings.Contains(street.Explanation, "由博济桥街道办事处以自己的名义行使，博济桥街道综合行政执法办公室作为其工作机构具体承办") {
			t.Fatalf("street office: %+v", street)
		}
		x = ask(demo.RevokedItemCode, "2024-03-01")
		if x.Body.Name != "阳谷县综合行政执法局" || x.Mode != "transfer" || !strings.Contains(x.Explanation, "阳政发〔2024〕3号") {
			t.Fatalf("after the revocation: %+v", x)
		}
		if x := ask(demo.RevokedItemCode, "2021-03-01"); x.Body.Name != "阳谷县住房和城乡建设局" || x.Mode != "owner" {
			t.Fatalf("before the transfer: %+v", x)
		}
		// The 2021 安全生产法 replaced the first version on 2021-09-01.
		if x := ask("YJGL-CF-001", "2021-09-01"); x.Version.Version != 2 || x.Body.Name != "阳谷县综合行政执法局" {
			t.Fatalf("new version: %+v", x)
		}
		err := officer.Get(ctx, "/api/v1/catalog/exercise", url.Values{"itemCode": {demo.RevokedItemCode}, "place": {zhangqiuVillage}, "date": {"2024-3-1"}}, nil)
		if ce := apiErr(t, err, http.StatusBadRequest, "DATE_INVALID"); ce.Field != "date" {
			t.Fatalf("field %q", ce.Field)
		}

		// What 张秋镇's office handles for its government, and what it lost in 2024.
		orgs, err := officer.Orgs(ctx, url.Values{"q": {"张秋镇综合行政执法办公室"}})
		if err != nil || orgs.Total != 1 {
			t.Fatal(err)
		}
		var mine struct {
			Total    int `json:"total"`
			ByDomain []struct {
				Name  string `json:"name"`
				Count int    `json:"count"`
			} `json:"byDomain"`
		}
		if err := officer.Get(ctx, "/api/v1/catalog/orgs/"+orgs.Items[0].ID+"/items", url.Values{"date": {"2024-06-01"}}, &mine); err != nil {
			t.Fatal(err)
		}
		if mine.Total != 14 || mine.ByDomain[0].Name != "城市管理" {
			t.Fatalf("张秋镇 items: %+v", mine)
		}
		var diff struct {
			Lost []struct {
				Code string `json:"code"`
			} `json:"lost"`
		}
		if err := officer.Get(ctx, "/api/v1/catalog/orgs/"+orgs.Items[0].ID+"/diff", url.Values{"from": {"2024-01-01"}, "to": {"2024-12-31"}}, &diff); err != nil {
			t.Fatal(err)
		}
		if len(diff.Lost) != 1 || diff.Lost[0].Code != demo.RevokedItemCode {
			t.Fatalf("张秋镇 lost in 2024: %+v", diff)
		}
		// The checks report names the draft that has no legal basis.
		var rep struct {
			ByCode map[string]int `json:"byCode"`
		}
		if err := officer.Get(ctx, "/api/v1/catalog/checks", nil, &rep); err != nil || rep.ByCode["CATALOG_BASIS_REQUIRED"] != 2 || len(rep.ByCode) != 1 {
			t.Fatalf("checks: %+v %v", rep, err)
		}
	})
}

func TestCatalogWritesNeedCatalogWrite(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		orgs, _ := e.as("admin").Orgs(ctx, url.Values{"q": {"阳谷县住房和城乡建设局"}})
		item := map[string]any{"code": "CSGL-CF-100", "name": "对在城市道路上洗车的行政处罚", "type": "penalty", "domain": "城市管理",
			"ownerOrgId": orgs.Items[0].ID, "penaltyKinds": []string{"罚款"}}
		err := e.as("officer").Do(ctx, http.MethodPost, "/api/v1/catalog/items", item, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		legal := e.as("legal")
		var created struct {
			Item struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"item"`
		}
		if err := legal.Do(ctx, http.MethodPost, "/api/v1/catalog/items", item, &created); err != nil || created.Item.Status != "draft" {
			t.Fatalf("create: %+v %v", created, err)
		}
		err = legal.Do(ctx, http.MethodPost, "/api/v1/catalog/items/"+created.Item.ID+"/publish", map[string]int{"revision": 1}, nil)
		if ce := apiErr(t, err, http.StatusUnprocessableEntity, "CATALOG_BASIS_REQUIRED"); !strings.Contains(ce.Rule, "行政处罚法") || len(ce.Details) != 4 {
			t.Fatalf("rule: %q", ce.Rule)
		}
		// A decision delegating to a squadron is refused, naming the problem.
		squadrons, _ := legal.Orgs(ctx, url.Values{"q": {"张秋镇中队"}})
		err = legal.Do(ctx, http.MethodPost, "/api/v1/catalog/decisions", map[string]any{"docNo": "阳政发〔2025〕1号", "title": "下放",
			"effectiveFrom": "2025-01-01", "delegations": []map[string]any{{"items": []string{"CSGL-CF-019"}, "targets": []string{squadrons.Items[0].ID}}}}, nil)
		if ce := apiErr(t, err, http.StatusUnprocessableEntity, "CATALOG_DELEGATE_TARGET"); len(ce.Details) != 1 {
			t.Fatalf("details: %+v", ce.Details)
		}
		// Import: one bad row refuses the file; the template downloads.
		file := "事项编码,事项名称,事项类型,执法领域,业务主管部门,状态\nCSGL-CF-101,对甲的行政处罚,行政处罚,城市管理,阳谷县住房和城乡建设局,草稿\nCSGL-CF-102,对乙的行政处罚,行政处罚,太空管理,阳谷县住房和城乡建设局,草稿\n"
		err = legal.Upload(ctx, "/api/v1/imports/catalog", "catalog.csv", []byte(file), nil)
		if ce := apiErr(t, err, http.StatusUnprocessableEntity, "IMPORT_INVALID"); ce.Details[0].Row != 3 || !strings.HasPrefix(ce.Details[0].Message, "第3行") {
			t.Fatalf("import: %+v", ce.Details)
		}
		err = e.as("officer").Upload(ctx, "/api/v1/imports/catalog", "catalog.csv", []byte(file), nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		req, _ := http.NewRequest(http.MethodGet, e.url+"/api/v1/catalog/template?format=xlsx", nil)
		req.Header.Set("Authorization", "Bearer "+legal.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.HasPrefix(string(body), "PK") || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("template: %d %s", res.StatusCode, res.Header)
		}
	})
}

// TestRenamedOfficeShowsInTheCatalogue renames a township office and expects the catalogue's
// answer to name the working body anew at once: organisation changes refresh the catalogue snapshot.
func TestRenamedOfficeShowsInTheCatalogue(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("admin")
		offices, _ := admin.Orgs(ctx, url.Values{"q": {"张秋镇综合行政执法办公室"}})
		o := offices.Items[0]
		body := map[string]any{"name": "张秋镇综合行政执法队", "kind": o.Kind, "regionCode": o.RegionCode,
			"parentId": *o.ParentID, "domains": o.Domains, "townshipClass": o.TownshipClass, "quota": o.Quota}
		if err := admin.Do(ctx, http.MethodPut, "/api/v1/orgs/"+o.ID, body, nil); err != nil {
			t.Fatal(err)
		}
		var x exercise
		if err := e.as("officer").Get(ctx, "/api/v1/catalog/exercise", url.Values{"itemCode": {demo.DelegatedItemCode},
			"place": {zhangqiuVillage}, "date": {"2025-01-01"}}, &x); err != nil {
			t.Fatal(err)
		}
		if x.Body.Name != "张秋镇人民政府" || x.WorkingBody == nil || x.WorkingBody.Name != "张秋镇综合行政执法队" {
			t.Fatalf("after the rename the catalogue names %+v", x)
		}
	})
}

// TestDomainsComeFromTheCatalogue: the enforcement domains the console offers (GET /meta) and
// against which organisations and certificates are checked are the catalogue's domain table, so a
// domain a jurisdiction adds there is offered and accepted everywhere at once.
func TestDomainsComeFromTheCatalogue(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin, staffing := e.as("admin"), e.as("staffing")
		var meta struct {
			Domains []string `json:"domains"`
		}
		var table []struct {
			Name string `json:"name"`
		}
		if err := admin.Get(ctx, "/api/v1/meta", nil, &meta); err != nil {
			t.Fatal(err)
		}
		if err := staffing.Get(ctx, "/api/v1/catalog/domains", nil, &table); err != nil {
			t.Fatal(err)
		}
		if len(meta.Domains) != len(table) || len(table) < 16 || meta.Domains[0] != table[0].Name || meta.Domains[0] != "城市管理" {
			t.Fatalf("meta %v, table %v", meta.Domains, table)
		}

		offices, err := admin.Orgs(ctx, url.Values{"q": {"张秋镇综合行政执法办公室"}})
		if err != nil || len(offices.Items) != 1 {
			t.Fatal(err)
		}
		o := offices.Items[0]
		put := func(domains []string) error {
			body := map[string]any{"name": o.Name, "kind": o.Kind, "regionCode": o.RegionCode, "parentId": o.ParentID,
				"domains": domains, "townshipClass": o.TownshipClass, "quota": o.Quota}
			return admin.Do(ctx, http.MethodPut, "/api/v1/orgs/"+o.ID, body, nil)
		}
		staff, err := staffing.People(ctx, url.Values{"orgId": {o.ID}, "pageSize": {"1"}})
		if err != nil || len(staff.Items) == 0 {
			t.Fatal(err)
		}
		cert := func(number string) error {
			return staffing.Do(ctx, http.MethodPost, "/api/v1/people/"+staff.Items[0].ID+"/certificates", map[string]any{
				"number": number, "domains": []string{"城市管理", "河湖管理"}, "issuer": "阳谷县人民政府",
				"validFrom": "2026-01-01", "validTo": "2030-12-31"}, nil)
		}
		if ce := apiErr(t, put([]string{"城市管理", "河湖管理"}), http.StatusBadRequest, "DOMAIN_UNKNOWN"); ce.Field != "domains" {
			t.Fatalf("field %q", ce.Field)
		}
		if ce := apiErr(t, cert("鲁聊执河001"), http.StatusBadRequest, "DOMAIN_UNKNOWN"); ce.Field != "domains" {
			t.Fatalf("field %q", ce.Field)
		}

		if err := staffing.Do(ctx, http.MethodPost, "/api/v1/catalog/domains", map[string]string{"name": "河湖管理"}, nil); err != nil {
			t.Fatal(err)
		}
		if err := admin.Get(ctx, "/api/v1/meta", nil, &meta); err != nil || meta.Domains[len(meta.Domains)-1] != "河湖管理" {
			t.Fatalf("meta after adding: %v %v", meta.Domains, err)
		}
		if err := put([]string{"城市管理", "河湖管理"}); err != nil {
			t.Fatal(err)
		}
		if err := cert("鲁聊执河001"); err != nil {
			t.Fatal(err)
		}
		after, err := admin.Orgs(ctx, url.Values{"q": {"张秋镇综合行政执法办公室"}})
		if err != nil || strings.Join(after.Items[0].Domains, "、") != "城市管理、河湖管理" {
			t.Fatalf("domains kept: %+v %v", after.Items, err)
		}
	})
}

// TestCaseUnderADelegatedItem: a case under an item delegated to a township is in the name of the
// township's government (or the street office), handled by its enforcement office; the county
// bureau is not competent there, nor is another township's office.
func TestCaseUnderADelegatedItem(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		itemID := lookup(t, e.app.DB, `SELECT id FROM catalog_items WHERE code = ?`, demo.DelegatedItemCode)
		org := func(name string) string {
			return lookup(t, e.app.DB, `SELECT id FROM organizations WHERE name = ?`, name)
		}
		act, _ := civil.ParseDate("date", "日期", "2025-01-01")
		for _, c := range []struct{ place, office, subject string }{
			{zhangqiuVillage, "张秋镇综合行政执法办公室", "张秋镇人民政府"},
			{"371521001000", "博济桥街道综合行政执法办公室", "博济桥街道办事处"},
		} {
			ex, err := e.app.Cases.Catalogue.Exercise(ctx, access.System(), itemID, c.place, org(c.office), act)
			if err != nil || ex.SubjectName != c.subject || ex.SubjectOrgID != org(c.subject) || ex.Mode != "delegate" {
				t.Fatalf("%s: %+v %v", c.office, ex, err)
			}
		}
		_, err := e.app.Cases.Catalogue.Exercise(ctx, access.System(), itemID, zhangqiuVillage, org("阳谷县综合行政执法局"), act)
		if !apperr.Is(err, "CASE_ORG_NOT_COMPETENT") || !strings.Contains(apperr.As(err).Message, "张秋镇人民政府") {
			t.Fatalf("the bureau in a delegated township: %v", err)
		}
		_, err = e.app.Cases.Catalogue.Exercise(ctx, access.System(), itemID, zhangqiuVillage, org("阎楼镇综合行政执法办公室"), act)
		if !apperr.Is(err, "CASE_ORG_NOT_COMPETENT") {
			t.Fatalf("another township's office: %v", err)
		}
	})
}
