package server_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"zhifa/client"
	"zhifa/internal/people"
)

// TestImportsNeedTheWritePermission checks that each import asks for exactly the permission of
// the single-record write it performs: regions → region.write, people → people.write, the
// catalogue → catalog.write. A role refused the write is refused the import and nothing changes.
func TestImportsNeedTheWritePermission(t *testing.T) {
	first17 := "37152119850312901"
	id := first17 + string(people.IDCheckChar(first17))
	personFile := []byte("name,idNumber,postOrgName,postType\n导入测试," + id + ",阳谷县综合行政执法局,行政编\n")
	regionFile := []byte("code,name,parentCode\n371521101901,导入测试村,371521101\n")
	catalogFile := []byte("事项编码,事项名称,事项类型,执法领域,业务主管部门\nIMP-PERM-1,对导入测试行为的行政处罚,行政处罚,城市管理,阳谷县住房和城乡建设局\n")
	person := map[string]any{"name": "导入测试", "idNumber": id, "postOrgId": "x", "workOrgId": "x", "postType": "admin"}
	region := map[string]any{"code": "371521101901", "name": "导入测试村", "parentCode": "371521101000"}

	eachStore(t, func(t *testing.T, e *env) {
		legal, staffing, admin := e.as("legal"), e.as("staffing"), e.as("admin")

		// 法制审核员 may write the catalogue only: people and regions are refused, by import as by
		// the single-record write.
		apiErr(t, legal.Do(ctx, http.MethodPost, "/api/v1/people", person, nil), http.StatusForbidden, "FORBIDDEN")
		_, err := legal.ImportPeople(ctx, "people.csv", personFile)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		apiErr(t, legal.Do(ctx, http.MethodPost, "/api/v1/regions", region, nil), http.StatusForbidden, "FORBIDDEN")
		_, err = legal.ImportRegions(ctx, "regions.csv", regionFile)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")

		// 编制管理员 writes people but not regions.
		apiErr(t, staffing.Do(ctx, http.MethodPost, "/api/v1/regions", region, nil), http.StatusForbidden, "FORBIDDEN")
		_, err = staffing.ImportRegions(ctx, "regions.csv", regionFile)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		found, _ := admin.People(ctx, url.Values{"q": {"导入测试"}})
		if found.Total != 0 {
			t.Fatalf("a refused import registered %d people", found.Total)
		}
		if err := admin.Get(ctx, "/api/v1/regions/371521101901", nil, nil); err == nil {
			t.Fatal("a refused import added a region")
		}
		if res, err := staffing.ImportPeople(ctx, "people.csv", personFile); err != nil || res.Imported != 1 {
			t.Fatalf("staffing imports people: %+v %v", res, err)
		}

		// 系统管理员 writes regions and people but not the catalogue.
		err = admin.Upload(ctx, "/api/v1/imports/catalog", "catalog.csv", catalogFile, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		if res, err := admin.ImportRegions(ctx, "regions.csv", regionFile); err != nil || res.Imported != 1 {
			t.Fatalf("admin imports regions: %+v %v", res, err)
		}
		var imported struct {
			Imported int `json:"imported"`
		}
		if err := legal.Upload(ctx, "/api/v1/imports/catalog", "catalog.csv", catalogFile, &imported); err != nil || imported.Imported != 1 {
			t.Fatalf("legal imports the catalogue: %+v %v", imported, err)
		}
		for _, c := range []*client.Client{legal, staffing, admin} {
			me, err := c.Me(ctx)
			if err != nil || slices.Contains(me.Permissions, "import.run") {
				t.Fatalf("%s: permissions %v, %v", me.Account.Username, me.Permissions, err)
			}
		}
	})
}
