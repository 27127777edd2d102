package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zhifa/client"
	"zhifa/internal/demo"
	"zhifa/internal/platform/access"
)

var ctx = context.Background()

func TestEveryDemoRoleSignsInWithItsPermissions(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		for _, l := range demo.Logins {
			me, err := e.as(l.Username).Me(ctx)
			if err != nil {
				t.Fatal(err)
			}
			role, _ := access.LookupRole(l.Role)
			want := make([]client.Permission, len(role.Permissions))
			for i, p := range role.Permissions {
				want[i] = client.Permission(p)
			}
			slices.Sort(want)
			if !slices.Equal(me.Permissions, want) || !slices.Equal(me.Account.Roles, []client.Role{client.Role(l.Role)}) {
				t.Errorf("%s: permissions %v, want %v", l.Username, me.Permissions, want)
			}
			if me.Account.OrgName != l.Org {
				t.Errorf("%s: org %q, want %q", l.Username, me.Account.OrgName, l.Org)
			}
		}
		// Deny by default: the system administrator may not read the audit log, the auditor may.
		_, err := e.as("admin").Audit(ctx, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		if _, err := e.as("auditor").Audit(ctx, nil); err != nil {
			t.Fatal(err)
		}
		_, err = e.anon().Regions(ctx, nil)
		apiErr(t, err, http.StatusUnauthorized, "SESSION_REQUIRED")
		_, err = e.anon().Login(ctx, "admin", "wrong")
		apiErr(t, err, http.StatusUnauthorized, "LOGIN_FAILED")
	})
}

func TestTownshipOfficerSeesOnlyItsTownship(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("admin")
		all, err := admin.People(ctx, url.Values{"pageSize": {"500"}})
		if err != nil {
			t.Fatal(err)
		}
		var yanlou *client.Person
		for i, p := range all.Items {
			if strings.HasPrefix(p.WorkOrgName, "阎楼镇") {
				yanlou = &all.Items[i]
			}
		}
		if yanlou == nil || all.Total < 334 {
			t.Fatalf("demo county: %d people, a 阎楼镇 person: %v", all.Total, yanlou)
		}

		zq := e.as("officer.zhangqiu")
		mine, err := zq.People(ctx, url.Values{"pageSize": {"500"}})
		if err != nil {
			t.Fatal(err)
		}
		if mine.Total == 0 || mine.Total >= all.Total {
			t.Fatalf("township officer sees %d of %d", mine.Total, all.Total)
		}
		for _, p := range mine.Items {
			if p.WorkOrgName != "张秋镇综合行政执法办公室" {
				t.Fatalf("township officer sees %s of %s", p.Name, p.WorkOrgName)
			}
		}
		_, err = zq.Person(ctx, yanlou.ID)
		apiErr(t, err, http.StatusNotFound, "NOT_FOUND")
		orgs, err := zq.Orgs(ctx, url.Values{"pageSize": {"100"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs.Items {
			if !strings.HasPrefix(o.RegionCode, "371521112") {
				t.Fatalf("township officer sees org %s in %s", o.Name, o.RegionCode)
			}
		}
		var region map[string]any
		err = zq.Get(ctx, "/api/v1/regions/371521101000", nil, &region)
		apiErr(t, err, http.StatusNotFound, "NOT_FOUND")
	})
}

func TestRegionImportIsAllOrNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("admin")
		before, _ := admin.Regions(ctx, url.Values{"parent": {"371521101000"}})
		// Row 3 names a township that does not exist (阳谷 has no 371521110).
		bad := "code,name,parentCode\n371521101901,新村一,371521101\n371521110902,新村二,371521110\n371521101903,新村三,371521101\n"
		_, err := admin.ImportRegions(ctx, "regions.csv", []byte(bad))
		ce := apiErr(t, err, http.StatusUnprocessableEntity, "IMPORT_INVALID")
		if len(ce.Details) != 1 || ce.Details[0].Row != 3 || ce.Details[0].Code != "REGION_PARENT_UNKNOWN" || !strings.Contains(ce.Details[0].Message, "第3行") {
			t.Fatalf("details: %+v", ce.Details)
		}
		after, _ := admin.Regions(ctx, url.Values{"parent": {"371521101000"}})
		if after.Total != before.Total {
			t.Fatalf("a failed import changed the tree: %d → %d", before.Total, after.Total)
		}
		good := strings.Replace(strings.Replace(bad, "371521110902", "371521101902", 1), ",371521110\n", ",371521101\n", 1)
		res, err := admin.ImportRegions(ctx, "regions.csv", []byte(good))
		if err != nil || res.Imported != 3 {
			t.Fatalf("good import: %+v %v", res, err)
		}
		// Outside the jurisdiction: a county administrator cannot import another county's regions.
		_, err = admin.ImportRegions(ctx, "regions.csv", []byte("code,name,parentCode\n371522101,某镇,371522\n"))
		apiErr(t, err, http.StatusUnprocessableEntity, "IMPORT_INVALID")
		// The officer has no import permission.
		_, err = e.as("officer").ImportRegions(ctx, "regions.csv", []byte(good))
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
	})
}

func TestReadsOfPersonalDataAreAuditedAndChainVerifies(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		leader := e.as("leader")
		list, err := leader.People(ctx, url.Values{"q": {""}, "pageSize": {"5"}})
		if err != nil || len(list.Items) == 0 {
			t.Fatal(err)
		}
		p, err := leader.Person(ctx, list.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Phone) != 11 || strings.Contains(p.Phone, "*") {
			t.Fatalf("leader holds people.pii and sees the full phone: %q", p.Phone)
		}
		var revealed struct {
			IDNumber string `json:"idNumber"`
		}
		if err := leader.Do(ctx, http.MethodPost, "/api/v1/people/"+p.ID+"/reveal-id", nil, &revealed); err != nil || len(revealed.IDNumber) != 18 {
			t.Fatalf("reveal: %+v %v", revealed, err)
		}
		// The officer lacks people.pii: masked phone, no reveal.
		op, err := e.as("officer").Person(ctx, p.ID)
		if err != nil || !strings.Contains(op.Phone, "****") || !strings.Contains(op.IDNumberMasked, "********") {
			t.Fatalf("officer view: %+v %v", op, err)
		}
		err = e.as("officer").Do(ctx, http.MethodPost, "/api/v1/people/"+p.ID+"/reveal-id", nil, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")

		auditor := e.as("auditor")
		reads, err := auditor.Audit(ctx, url.Values{"action": {"read"}, "entity": {"person"}, "pageSize": {"50"}})
		if err != nil {
			t.Fatal(err)
		}
		var leaderReads int
		for _, r := range reads.Items {
			if r.ActorName == "孙志强" {
				leaderReads++
			}
		}
		if leaderReads < 3 { // list, detail, reveal
			t.Fatalf("leader's reads in the audit log: %d of %+v", leaderReads, reads.Items)
		}
		v, err := auditor.VerifyAudit(ctx)
		if err != nil || !v.OK || v.Count < 100 {
			t.Fatalf("verify: %+v %v", v, err)
		}
	})
}

func TestBadRequestsGetCodedChineseErrors(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("admin")
		err := admin.Do(ctx, http.MethodPost, "/api/v1/orgs", map[string]any{"name": "x", "colour": "red"}, nil)
		if ce := apiErr(t, err, http.StatusBadRequest, "BODY_UNKNOWN_FIELD"); ce.Field != "colour" {
			t.Fatalf("field %q", ce.Field)
		}
		err = admin.Do(ctx, http.MethodGet, "/api/v1/nothing-here", nil, nil)
		apiErr(t, err, http.StatusNotFound, "ROUTE_NOT_FOUND")
		_, err = admin.Regions(ctx, url.Values{"pageSize": {"10000"}})
		apiErr(t, err, http.StatusBadRequest, "PAGE_SIZE_INVALID")
		_, err = admin.Regions(ctx, url.Values{"sort": {"password"}})
		apiErr(t, err, http.StatusBadRequest, "SORT_INVALID")
		err = admin.Do(ctx, http.MethodPost, "/api/v1/people", map[string]any{
			"name": "测试", "idNumber": "371521199001011234", "phone": "13800000000", "postOrgId": "x", "workOrgId": "x", "postType": "admin",
		}, nil)
		apiErr(t, err, http.StatusBadRequest, "PERSON_ID_INVALID")
		err = e.as("security").Do(ctx, http.MethodPost, "/api/v1/accounts", map[string]any{
			"username": "boss", "displayName": "x", "password": "Tq8#Lw3-vRz", "orgId": "x", "roles": []string{"sysadmin", "auditor"},
		}, nil)
		apiErr(t, err, http.StatusBadRequest, "ROLE_SEPARATION")
	})
}

func TestReformPanelAndPublicSummary(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		leader := e.as("leader")
		orgs, err := leader.Orgs(ctx, url.Values{"kind": {"bureau"}})
		if err != nil || orgs.Total != 1 {
			t.Fatalf("bureau: %+v %v", orgs, err)
		}
		bureau := orgs.Items[0]
		if bureau.Filled.Admin != 22 || bureau.Quota.Civil != 300 {
			t.Fatalf("staffing: quota %v filled %v", bureau.Quota, bureau.Filled)
		}
		rep, err := leader.Reform(ctx, bureau.ID)
		if err != nil {
			t.Fatal(err)
		}
		checks := map[string]client.ReformCheck{}
		for _, c := range rep.Checks {
			checks[c.Key] = c
		}
		fs := checks["frontline_share"]
		// 局队合一: front-line staff holding posts (编外 excluded) over the approved quota, 294/365.
		if !fs.Applies || fs.Numerator == nil || *fs.Numerator != 294 || fs.Denominator == nil || *fs.Denominator != 365 || fs.Pass || fs.Threshold != 0.85 {
			t.Fatalf("frontline share: %+v", fs)
		}
		if ss := checks["sunk_share"]; !ss.Applies || ss.Pass || ss.Numerator == nil || *ss.Numerator == 0 {
			t.Fatalf("sunk share: %+v", ss)
		}
		var summary struct {
			PlatformName string `json:"platformName"`
			OrgCount     int    `json:"orgCount"`
			OfficerCount int    `json:"officerCount"`
		}
		if err := e.anon().Get(ctx, "/api/v1/public/summary", nil, &summary); err != nil {
			t.Fatal(err)
		}
		if summary.PlatformName != "阳谷县综合行政执法一体化平台" || summary.OrgCount < 50 || summary.OfficerCount < 300 {
			t.Fatalf("summary: %+v", summary)
		}
	})
}

func TestMovingAnOrganisationMovesItsPeopleAndAccounts(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("admin")
		zq := e.as("officer.zhangqiu")
		before, err := zq.People(ctx, url.Values{"pageSize": {"100"}})
		if err != nil || before.Total == 0 {
			t.Fatal(err)
		}
		offices, _ := admin.Orgs(ctx, url.Values{"q": {"张秋镇综合行政执法办公室"}})
		o := offices.Items[0]
		body := map[string]any{"name": "张秋镇综合行政执法办公室", "kind": o.Kind, "regionCode": "371521101000",
			"parentId": *o.ParentID, "domains": o.Domains, "townshipClass": o.TownshipClass, "quota": o.Quota}
		if err := admin.Do(ctx, http.MethodPut, "/api/v1/orgs/"+o.ID, body, nil); err != nil {
			t.Fatal(err)
		}
		me, _ := zq.Me(ctx)
		if me.Account.RegionCode != "371521101000" {
			t.Fatalf("account jurisdiction did not follow its organisation: %s", me.Account.RegionCode)
		}
		after, err := zq.People(ctx, url.Values{"pageSize": {"100"}, "orgId": {o.ID}})
		if err != nil || after.Total != before.Total {
			t.Fatalf("people of the moved office: %d before, %d after (%v)", before.Total, after.Total, err)
		}
		// The leader of the county still sees them; nobody is lost from the county's view.
		all, _ := e.as("leader").People(ctx, url.Values{"pageSize": {"1"}})
		if all.Total < 334 {
			t.Fatalf("county sees %d", all.Total)
		}
	})
}
