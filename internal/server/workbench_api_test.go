package server_test

import (
	"net/url"
	"slices"
	"testing"

	"zhifa/client"
	"zhifa/internal/account"
	"zhifa/internal/demo"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
)

type (
	workbenchSummary struct {
		RegionCode string `json:"regionCode"`
		Orgs       int    `json:"orgs"`
		People     *struct {
			People       int `json:"people"`
			CertExpiring int `json:"certExpiring"`
			CertExpired  int `json:"certExpired"`
		} `json:"people"`
		Reform *struct {
			Orgs        int `json:"orgs"`
			Failing     int `json:"failing"`
			FailingOrgs int `json:"failingOrgs"`
		} `json:"reform"`
	}
	reformCheck struct {
		Key              string  `json:"key"`
		Value            float64 `json:"value"`
		Numerator        *int    `json:"numerator"`
		Denominator      *int    `json:"denominator"`
		NumeratorLabel   string  `json:"numeratorLabel"`
		DenominatorLabel string  `json:"denominatorLabel"`
		Threshold        float64 `json:"threshold"`
		Pass             bool    `json:"pass"`
		Applies          bool    `json:"applies"`
	}
	reformReport struct {
		OrgID   string        `json:"orgId"`
		OrgName string        `json:"orgName"`
		Kind    string        `json:"kind"`
		Checks  []reformCheck `json:"checks"`
		Failing int           `json:"failing"`
	}
	reformOverview struct {
		Reports     []reformReport `json:"reports"`
		Failing     int            `json:"failing"`
		FailingOrgs int            `json:"failingOrgs"`
	}
)

func (r reformReport) check(key string) reformCheck {
	for _, c := range r.Checks {
		if c.Key == key {
			return c
		}
	}
	return reformCheck{}
}

func auditRows(t *testing.T, e *env) int {
	t.Helper()
	var n int
	if err := db.Get(ctx, e.app.DB.R, &n, `SELECT COUNT(*) FROM audit_log`); err != nil {
		t.Fatal(err)
	}
	return n
}

// total returns the total of a people or organisation listing.
func total(t *testing.T, c *client.Client, path string, q url.Values) int {
	t.Helper()
	var l struct {
		Total int `json:"total"`
	}
	if err := c.Get(ctx, path, q, &l); err != nil {
		t.Fatal(err)
	}
	return l.Total
}

// TestWorkbenchCountsWithoutAuditInTheJurisdiction checks the workbench's one request: it counts
// what the lists behind it would return, inside the caller's jurisdiction, names no one and
// writes nothing to the audit log; figures the caller may not read are left out.
func TestWorkbenchCountsWithoutAuditInTheJurisdiction(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		summaries := map[string]workbenchSummary{}
		for _, l := range demo.Logins {
			c := e.as(l.Username)
			before := auditRows(t, e)
			var s workbenchSummary
			if err := c.Get(ctx, "/api/v1/workbench/summary", nil, &s); err != nil {
				t.Fatalf("%s: %v", l.Username, err)
			}
			if n := auditRows(t, e); n != before {
				t.Errorf("%s: the workbench wrote %d audit entries", l.Username, n-before)
			}
			role, _ := access.LookupRole(l.Role)
			if (s.People != nil) != slices.Contains(role.Permissions, access.PeopleRead) ||
				(s.Reform != nil) != slices.Contains(role.Permissions, access.ReformRead) {
				t.Errorf("%s: people %v, reform %v", l.Username, s.People, s.Reform)
			}
			if want := total(t, c, "/api/v1/orgs", url.Values{"pageSize": {"1"}}); s.Orgs != want {
				t.Errorf("%s: %d organisations, the list has %d", l.Username, s.Orgs, want)
			}
			if s.People != nil {
				for _, x := range []struct {
					got    int
					status string
				}{{s.People.People, ""}, {s.People.CertExpiring, "expiring"}, {s.People.CertExpired, "expired"}} {
					q := url.Values{"pageSize": {"1"}}
					if x.status != "" {
						q.Set("certStatus", x.status)
					}
					if want := total(t, c, "/api/v1/people", q); x.got != want {
						t.Errorf("%s: %d people with certStatus %q, the list has %d", l.Username, x.got, x.status, want)
					}
				}
			}
			summaries[l.Username] = s
		}
		county, town := summaries["leader"], summaries["officer.zhangqiu"]
		if county.RegionCode != "371521000000" || county.People.People < 334 || county.People.CertExpiring == 0 || county.People.CertExpired == 0 {
			t.Fatalf("county workbench: %+v %+v", county, county.People)
		}
		if town.RegionCode != "371521112000" || town.People.People == 0 || town.People.People >= county.People.People || town.Orgs >= county.Orgs {
			t.Fatalf("township workbench: %+v %+v", town, town.People)
		}

		// The reform card: one summary of the jurisdiction's bureau and 18 township offices.
		var ov reformOverview
		if err := e.as("leader").Get(ctx, "/api/v1/reform/summary", nil, &ov); err != nil {
			t.Fatal(err)
		}
		if len(ov.Reports) != 19 || county.Reform.Orgs != 19 || county.Reform.Failing != ov.Failing || county.Reform.FailingOrgs != ov.FailingOrgs {
			t.Fatalf("reform summary: %d reports, failing %d; workbench %+v", len(ov.Reports), ov.Failing, county.Reform)
		}

		// A staffing officer of 张秋镇 gets 张秋镇's office only.
		offices, err := e.as("admin").Orgs(ctx, url.Values{"q": {"张秋镇综合行政执法办公室"}})
		if err != nil || len(offices.Items) != 1 {
			t.Fatalf("office: %+v, %v", offices, err)
		}
		if _, err := e.app.Accounts.Create(ctx, access.System(), account.Input{Username: "staffing.zhangqiu", DisplayName: "张秋镇编制员",
			Password: demo.Password, OrgID: offices.Items[0].ID, Roles: []access.Role{access.Staffing}}); err != nil {
			t.Fatal(err)
		}
		zq := e.as("staffing.zhangqiu")
		var townOv reformOverview
		if err := zq.Get(ctx, "/api/v1/reform/summary", nil, &townOv); err != nil {
			t.Fatal(err)
		}
		if len(townOv.Reports) != 1 || townOv.Reports[0].OrgID != offices.Items[0].ID {
			t.Fatalf("township reform summary: %+v", townOv)
		}
		var s workbenchSummary
		if err := zq.Get(ctx, "/api/v1/workbench/summary", nil, &s); err != nil || s.Reform == nil || s.Reform.Orgs != 1 ||
			s.People.People != town.People.People || s.Orgs != town.Orgs {
			t.Fatalf("township staffing workbench: %+v %v", s, err)
		}
	})
}

// TestDemoReformFiguresFollowTheRules reads the demo county's reform summary and checks each
// figure against the definitions, with the demo's explicit numbers (internal/demo).
func TestDemoReformFiguresFollowTheRules(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		leader := e.as("leader")
		var ov reformOverview
		if err := leader.Get(ctx, "/api/v1/reform/summary", nil, &ov); err != nil {
			t.Fatal(err)
		}
		var bureau reformReport
		for _, r := range ov.Reports {
			if r.Kind == "bureau" {
				bureau = r
			}
		}
		// Front line: 306 front-line people in the bureau, its brigade, 6 professional teams and
		// 10 squadrons, less the brigade's 12 编外 assistants = 294; quota 25 + 300 + 40 = 365.
		// 294/365 = 80.5 % < 85 %: the demo county fails the front-line rule.
		fs := bureau.check("frontline_share")
		if !fs.Applies || fs.Numerator == nil || *fs.Numerator != 294 || *fs.Denominator != 365 || fs.Value != 0.8055 || fs.Pass ||
			fs.NumeratorLabel == "" || fs.DenominatorLabel == "" {
			t.Errorf("frontline share: %+v", fs)
		}
		// Sunk: of the 334 staff holding posts in the bureau and its subtree, the 5 × 12 posted in
		// the area squadrons and used by the township offices are sunk: 60/334 = 18.0 %.
		ss := bureau.check("sunk_share")
		if !ss.Applies || ss.Numerator == nil || *ss.Numerator != 60 || *ss.Denominator != 334 || ss.Pass || ss.NumeratorLabel == "" {
			t.Errorf("sunk share: %+v", ss)
		}
		// Township minimum of 张秋镇 (key): those working for its office with a certificate valid
		// today, sunk staff included — what the people list says of the office.
		var office reformReport
		for _, r := range ov.Reports {
			if r.OrgName == "张秋镇综合行政执法办公室" {
				office = r
			}
		}
		certified := 0
		for _, st := range []string{"valid", "expiring"} {
			certified += total(t, leader, "/api/v1/people", url.Values{"orgId": {office.OrgID}, "certStatus": {st}, "pageSize": {"1"}})
		}
		if tm := office.check("township_minimum"); !tm.Applies || tm.Value != float64(certified) || certified < 12 || tm.Threshold != 8 || !tm.Pass {
			t.Errorf("township minimum of 张秋镇: %+v, certified %d", tm, certified)
		}
		// The bureau's page: its own row and the body as a whole (局队合一).
		var org struct {
			Quota   map[string]int `json:"quota"`
			Filled  map[string]int `json:"filled"`
			Subtree *struct {
				OrgCount int            `json:"orgCount"`
				Quota    map[string]int `json:"quota"`
				Filled   map[string]int `json:"filled"`
			} `json:"subtree"`
		}
		if err := leader.Get(ctx, "/api/v1/orgs/"+bureau.OrgID, nil, &org); err != nil {
			t.Fatal(err)
		}
		if org.Filled["civil"] != 18 || org.Quota["civil"] != 300 || org.Subtree == nil || org.Subtree.OrgCount != 18 ||
			org.Subtree.Filled["admin"]+org.Subtree.Filled["civil"]+org.Subtree.Filled["institution"] != 334 ||
			org.Subtree.Filled["other"] != 12 || org.Subtree.Quota["civil"] != 300 {
			t.Errorf("bureau staffing: own %v/%v, subtree %+v", org.Quota, org.Filled, org.Subtree)
		}
	})
}
