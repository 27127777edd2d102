package reform

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/secret"
	"zhifa/internal/region"
)

const (
	codeCounty = "371521000000" // 阳谷县
	codeTownA  = "371521100000" // 阿城镇
)

const regionsCSV = `code,name,parentCode
370000000000,山东省,
371500000000,聊城市,370000000000
371521000000,阳谷县,371500000000
371521100000,阿城镇,371521000000
371521101000,七级镇,371521000000
371522000000,莘县,371500000000
`

type fixture struct {
	svc                               *Service
	admin, townA                      *access.Principal
	bureau, brigade, officeA, officeB org.Org
	department, otherBureau           org.Org
	d                                 *db.DB
}

// newFixture seeds Yanggu county: a bureau with a brigade, a key township office in 阿城镇 and an
// ordinary one in 七级镇, a line department, and a bureau in the neighbouring county.
//
//	posted in        works in          frontline  count
//	bureau           bureau            yes        2
//	bureau           office A (sunk)   yes        4
//	brigade          brigade           1 yes, 1 no 2
//	office A         office A          yes        1
//	office B         office B          yes        1
//	department       department        no         1  (not enforcement force)
//	other county's bureau → office A   yes        1  (not this county's force)
func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock.Fixed{T: time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC)}
	log := audit.New(clk, audit.TestKeys())
	if _, err := (&region.Service{DB: d, Audit: log, Clock: clk}).Import(ctx, nil, strings.NewReader(regionsCSV), nil); err != nil {
		t.Fatal(err)
	}
	box, err := secret.New(bytes.Repeat([]byte{9}, 32))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{d: d, svc: &Service{DB: d, Audit: log, Clock: clk},
		admin: access.NewPrincipal("acc-admin", "admin", "省编制管理员", "", "370000000000", []access.Role{access.Staffing}),
		townA: access.NewPrincipal("acc-town-a", "towna", "阿城镇编制管理员", "", codeTownA, []access.Role{access.Staffing}),
	}
	orgs := &org.Service{DB: d, Audit: log, Clock: clk}
	mk := func(in org.Input) org.Org {
		o, err := orgs.Create(ctx, f.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	f.bureau = mk(org.Input{Name: "阳谷县综合行政执法局", Kind: org.KindBureau, RegionCode: codeCounty})
	f.brigade = mk(org.Input{Name: "城区执法大队", Kind: org.KindBrigade, RegionCode: codeCounty, ParentID: f.bureau.ID})
	f.officeA = mk(org.Input{Name: "阿城镇综合行政执法办公室", Kind: org.KindTownshipOffice, RegionCode: codeTownA, TownshipClass: org.TownshipKey})
	f.officeB = mk(org.Input{Name: "七级镇综合行政执法办公室", Kind: org.KindTownshipOffice, RegionCode: "371521101000"})
	f.department = mk(org.Input{Name: "阳谷县市场监督管理局", Kind: org.KindDepartment, RegionCode: codeCounty})
	f.otherBureau = mk(org.Input{Name: "莘县综合行政执法局", Kind: org.KindBureau, RegionCode: "371522000000"})

	ps := &people.Service{DB: d, Audit: log, Clock: clk, Box: box}
	seq := 0
	add := func(n int, post, work org.Org, frontline bool) {
		for i := 0; i < n; i++ {
			seq++
			first17 := fmt.Sprintf("37152119900101%03d", seq)
			if _, err := ps.Create(ctx, f.admin, people.Input{Name: fmt.Sprintf("人员%d", seq), IDNumber: first17 + string(people.IDCheckChar(first17)),
				PostOrgID: post.ID, WorkOrgID: work.ID, PostType: "admin", Frontline: frontline}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(2, f.bureau, f.bureau, true)
	add(4, f.bureau, f.officeA, true)
	add(1, f.brigade, f.brigade, true)
	add(1, f.brigade, f.brigade, false)
	add(1, f.officeA, f.officeA, true)
	add(1, f.officeB, f.officeB, true)
	add(1, f.department, f.department, false)
	add(1, f.otherBureau, f.officeA, true)
	return f
}

func (f *fixture) report(t *testing.T, p *access.Principal, o org.Org) map[string]Check {
	t.Helper()
	rep, err := f.svc.Check(context.Background(), p, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OrgID != o.ID || rep.OrgName != o.Name || len(rep.Checks) != 3 {
		t.Fatalf("report %+v", rep)
	}
	out := map[string]Check{}
	for _, c := range rep.Checks {
		out[c.Key] = c
	}
	return out
}

func ratioOf(c Check) string { return fmt.Sprintf("%d/%d", *c.Numerator, *c.Denominator) }

func TestReformChecks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()

		// Bureau: 7 of the 8 posted in its subtree (bureau 6, brigade 2) are front-line.
		b := f.report(t, f.admin, f.bureau)
		if c := b[KeyFrontlineShare]; !c.Applies || ratioOf(c) != "7/8" || c.Value != 0.875 || !c.Pass {
			t.Errorf("bureau frontline = %+v (%s)", c, ratioOf(c))
		}
		// County force: bureau 6 + brigade 2 + office A 1 + office B 1 = 10; at township level 4 + 1 + 1 = 6.
		if c := b[KeySunkShare]; !c.Applies || ratioOf(c) != "6/10" || c.Value != 0.6 || c.Pass || c.Threshold != 0.8 {
			t.Errorf("bureau sunk = %+v (%s)", c, ratioOf(c))
		}
		if c := b[KeyTownshipMinimum]; c.Applies {
			t.Errorf("township minimum applies to a bureau: %+v", c)
		}
		// Brigade: its own subtree only.
		if c := f.report(t, f.admin, f.brigade)[KeyFrontlineShare]; ratioOf(c) != "1/2" || c.Pass {
			t.Errorf("brigade frontline = %+v", c)
		}
		// Key township A: 4 sunk from the county + 1 own + 1 from the neighbouring county = 6 < 8.
		if c := f.report(t, f.admin, f.officeA)[KeyTownshipMinimum]; !c.Applies || c.Value != 6 || c.Threshold != 8 || c.Pass {
			t.Errorf("office A minimum = %+v", c)
		}
		if c := f.report(t, f.admin, f.officeB)[KeyTownshipMinimum]; c.Value != 1 || c.Threshold != 3 || c.Pass {
			t.Errorf("office B minimum = %+v", c)
		}
		for key, c := range f.report(t, f.admin, f.department) {
			if c.Applies || c.Note == "" {
				t.Errorf("department %s = %+v", key, c)
			}
		}

		// The county lowers the sunk share to 60 % and township A its key minimum to 6.
		if _, err := f.svc.SetRules(ctx, f.admin, "371521", Rules{FrontlineMinPct: 85, KeyTownshipMin: 8, OrdinaryTownshipMin: 3,
			SunkMinPct: 60, Basis: "阳谷县综合行政执法改革实施方案"}); err != nil {
			t.Fatal(err)
		}
		if c := f.report(t, f.admin, f.bureau)[KeySunkShare]; !c.Pass || c.Threshold != 0.6 ||
			c.Rule != "区级执法力量下沉乡镇比例不低于60%（武进经验，可按辖区配置）" || !strings.Contains(c.Note, "阳谷县") {
			t.Errorf("bureau sunk with the county's rule = %+v", c)
		}
		eff, err := f.svc.SetRules(ctx, f.townA, codeTownA, Rules{FrontlineMinPct: 85, KeyTownshipMin: 6, OrdinaryTownshipMin: 3, SunkMinPct: 60})
		if err != nil || eff.Source != codeTownA {
			t.Fatalf("township rules: %+v, %v", eff, err)
		}
		if c := f.report(t, f.townA, f.officeA)[KeyTownshipMinimum]; !c.Pass || c.Threshold != 6 {
			t.Errorf("office A with its own rule = %+v", c)
		}
		// Office B, a township without its own row, follows the county.
		if c := f.report(t, f.admin, f.officeB)[KeyTownshipMinimum]; c.Threshold != 3 {
			t.Errorf("office B threshold = %+v", c)
		}

		// A township officer may not see the bureau nor set the county's rules.
		_, err = f.svc.Check(ctx, f.townA, f.bureau.ID)
		if !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("township checks the bureau: %v", err)
		}
		_, err = f.svc.SetRules(ctx, f.townA, codeCounty, Rules{FrontlineMinPct: 10})
		if !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("township sets the county's rules: %v", err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM audit_log WHERE entity = 'reform_rule' AND action = ?`, audit.ActionUpdate); n != 2 {
			t.Fatalf("rule audit entries = %d, want 2", n)
		}
	})
}

func TestRulesSettings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		eff, err := f.svc.Rules(ctx, f.townA, "")
		if err != nil || eff.Source != SourceNational || eff.RegionCode != codeTownA || eff.FrontlineMinPct != 85 {
			t.Fatalf("national rules for township A: %+v, %v", eff, err)
		}
		_, err = f.svc.SetRules(ctx, f.admin, codeCounty, Rules{FrontlineMinPct: 101, SunkMinPct: 80})
		if !apperr.Is(err, "REFORM_PCT_INVALID") {
			t.Fatalf("pct 101: %v", err)
		}
		_, err = f.svc.SetRules(ctx, f.admin, codeCounty, Rules{FrontlineMinPct: 85, KeyTownshipMin: -1})
		if !apperr.Is(err, "REFORM_MIN_INVALID") {
			t.Fatalf("min -1: %v", err)
		}
		_, err = f.svc.SetRules(ctx, f.admin, "371599000000", Rules{FrontlineMinPct: 85})
		if !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("unknown region: %v", err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM reform_rules`); n != 0 {
			t.Fatalf("refused input wrote %d rule rows", n)
		}

		// Over HTTP: set the province's rules, then read them back from a township.
		mux := http.NewServeMux()
		httpx.Mount(mux, auth{"admin": f.admin, "towna": f.townA}, f.svc.Routes())
		body, _ := json.Marshal(Rules{FrontlineMinPct: 90, KeyTownshipMin: 9, OrdinaryTownshipMin: 4, SunkMinPct: 85, Basis: "省定标准"})
		req := httptest.NewRequest("PUT", "/api/v1/reform-rules/370000000000", bytes.NewReader(body))
		req.Header.Set("X-Test-User", "admin")
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("PUT rules: %d %s", rec.Code, rec.Body)
		}
		req = httptest.NewRequest("GET", "/api/v1/reform-rules", nil)
		req.Header.Set("X-Test-User", "towna")
		rec = httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var got map[string]any
		json.Unmarshal(rec.Body.Bytes(), &got)
		if rec.Code != http.StatusOK || got["source"] != "370000000000" || got["sourceName"] != "山东省" || got["keyTownshipMin"] != float64(9) {
			t.Fatalf("GET rules: %d %v", rec.Code, got)
		}
		req = httptest.NewRequest("GET", "/api/v1/orgs/"+f.officeA.ID+"/reform", nil)
		req.Header.Set("X-Test-User", "towna")
		rec = httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var rep Report
		json.Unmarshal(rec.Body.Bytes(), &rep)
		if rec.Code != http.StatusOK || rep.OrgID != f.officeA.ID || rep.Checks[1].Threshold != 9 {
			t.Fatalf("GET reform: %d %s", rec.Code, rec.Body)
		}
		for _, rt := range f.svc.Routes() {
			if rt.Perm == "" || rt.Public {
				t.Errorf("%s has no permission", rt.Pattern())
			}
		}
	})
}

type auth map[string]*access.Principal

func (a auth) Authenticate(r *http.Request) (*access.Principal, error) {
	return a[r.Header.Get("X-Test-User")], nil
}

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), d.R, &n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}
