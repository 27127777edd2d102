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
	"zhifa/internal/catalog"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/secret"
	"zhifa/internal/platform/settings"
	"zhifa/internal/region"
)

const (
	codeCounty = "371521000000" // 阳谷县
	codeTownA  = "371521100000" // 阿城镇
	codeTownB  = "371521101000" // 七级镇
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
	svc                       *Service
	settings                  *settings.Service
	orgs                      *org.Service
	admin, townA              *access.Principal
	bureau, brigade, squadron org.Org
	officeA, officeB          org.Org
	department, otherBureau   org.Org
	d                         *db.DB
}

// newFixture seeds Yanggu county: a bureau (核定 行政编 2, 参公 6) with a brigade and, under the
// brigade, a squadron stationed in 七级镇 with a quota of its own (参公 3); a key township office
// in 阿城镇 and an ordinary one in 七级镇, a line department, and a bureau in the neighbouring
// county. Today is 2026-05-10.
//
//	posted in     works in          post type  frontline  certificate  count
//	bureau        bureau            行政编     no         valid        2
//	bureau        office A (sunk)   参公       yes        valid        3
//	bureau        office A (sunk)   参公       yes        expired      1
//	brigade       brigade           参公       yes        valid        2
//	brigade       brigade           编外       yes        none         3  (assistants: no post, not enforcers)
//	squadron      squadron          参公       yes        valid        2  (at township level, not sunk)
//	office A      office A          事业编     yes        valid        1
//	office A      office A          编外       yes        none         2
//	office B      office B          事业编     yes        valid        1
//	department    department        行政编     no         none         1  (not enforcement force)
//	莘县 bureau   office A (sunk)   参公       yes        valid        1  (not this county's force)
func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock.Fixed{T: time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC)}
	log := audit.New(clk, audit.TestKeys())
	if _, err := (&region.Service{DB: d, Audit: log, Clock: clk}).Import(ctx, access.System(), strings.NewReader(regionsCSV), nil); err != nil {
		t.Fatal(err)
	}
	box, err := secret.New(bytes.Repeat([]byte{9}, 32))
	if err != nil {
		t.Fatal(err)
	}
	domains := &catalog.Service{DB: d} // the enforcement domains, as the server wires them
	st := &settings.Service{DB: d, Clock: clk, Regions: region.Directory{}, Audit: log}
	if err := st.Register(Settings...); err != nil {
		t.Fatal(err)
	}
	f := &fixture{d: d, settings: st, svc: &Service{DB: d, Clock: clk, Settings: st}, orgs: &org.Service{DB: d, Audit: log, Clock: clk, Domains: domains},
		admin: access.NewPrincipal("acc-admin", "admin", "省编制管理员", "", "370000000000", []access.Role{access.Staffing}),
		townA: access.NewPrincipal("acc-town-a", "towna", "阿城镇编制管理员", "", codeTownA, []access.Role{access.Staffing}),
	}
	mk := func(in org.Input) org.Org {
		o, err := f.orgs.Create(ctx, f.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	f.bureau = mk(org.Input{Name: "阳谷县综合行政执法局", Kind: org.KindBureau, RegionCode: codeCounty, Quota: org.Quota{Admin: 2, Civil: 6}})
	f.brigade = mk(org.Input{Name: "城区执法大队", Kind: org.KindBrigade, RegionCode: codeCounty, ParentID: f.bureau.ID})
	f.squadron = mk(org.Input{Name: "七级中队", Kind: org.KindSquadron, RegionCode: codeTownB, ParentID: f.brigade.ID, Quota: org.Quota{Civil: 3}})
	f.officeA = mk(org.Input{Name: "阿城镇综合行政执法办公室", Kind: org.KindTownshipOffice, RegionCode: codeTownA, TownshipClass: org.TownshipKey})
	f.officeB = mk(org.Input{Name: "七级镇综合行政执法办公室", Kind: org.KindTownshipOffice, RegionCode: codeTownB})
	f.department = mk(org.Input{Name: "阳谷县市场监督管理局", Kind: org.KindDepartment, RegionCode: codeCounty})
	f.otherBureau = mk(org.Input{Name: "莘县综合行政执法局", Kind: org.KindBureau, RegionCode: "371522000000"})

	ps := &people.Service{DB: d, Audit: log, Clock: clk, Box: box, Domains: domains}
	seq := 0
	add := func(n int, post, work org.Org, postType string, frontline bool, certValidTo string) {
		for i := 0; i < n; i++ {
			seq++
			first17 := fmt.Sprintf("37152119900101%03d", seq)
			p, err := ps.Create(ctx, f.admin, people.Input{Name: fmt.Sprintf("人员%d", seq), IDNumber: first17 + string(people.IDCheckChar(first17)),
				PostOrgID: post.ID, WorkOrgID: work.ID, PostType: postType, Frontline: frontline})
			if err != nil {
				t.Fatal(err)
			}
			if certValidTo == "" {
				continue
			}
			if _, err := ps.AddCertificate(ctx, f.admin, p.ID, people.CertInput{Number: fmt.Sprintf("鲁%05d", seq),
				Domains: []string{"综合"}, ValidFrom: "2022-01-01", ValidTo: certValidTo}); err != nil {
				t.Fatal(err)
			}
		}
	}
	const valid, expired, none = "2028-01-01", "2026-05-09", ""
	add(2, f.bureau, f.bureau, "行政编", false, valid)
	add(3, f.bureau, f.officeA, "参公事业编", true, valid)
	add(1, f.bureau, f.officeA, "参公事业编", true, expired)
	add(2, f.brigade, f.brigade, "参公事业编", true, valid)
	add(3, f.brigade, f.brigade, "编外", true, none)
	add(2, f.squadron, f.squadron, "参公事业编", true, valid)
	add(1, f.officeA, f.officeA, "事业编", true, valid)
	add(2, f.officeA, f.officeA, "编外", true, none)
	add(1, f.officeB, f.officeB, "事业编", true, valid)
	add(1, f.department, f.department, "行政编", false, none)
	add(1, f.otherBureau, f.officeA, "参公事业编", true, valid)
	return f
}

func (f *fixture) report(t *testing.T, p *access.Principal, o org.Org) map[string]Check {
	t.Helper()
	rep, err := f.svc.Check(context.Background(), p, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OrgID != o.ID || rep.OrgName != o.Name || rep.Kind != o.Kind || len(rep.Checks) != 3 || rep.Failing != Failing(rep.Checks) {
		t.Fatalf("report %+v", rep)
	}
	out := map[string]Check{}
	for _, c := range rep.Checks {
		out[c.Key] = c
	}
	return out
}

// set sets a region's thresholds as the console does, through the settings per jurisdiction.
func (f *fixture) set(p *access.Principal, code string, r Thresholds, basis string) (settings.View, error) {
	raw, err := json.Marshal(r)
	if err != nil {
		return settings.View{}, err
	}
	return f.settings.Set(context.Background(), p, SettingKey, code, settings.Input{Value: raw, Basis: basis})
}

func ratioOf(c Check) string {
	if c.Numerator == nil || c.Denominator == nil {
		return "none"
	}
	return fmt.Sprintf("%d/%d", *c.Numerator, *c.Denominator)
}

func TestReformChecks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()

		// Front line, bureau with brigade and squadron as one body: 3 + 1 sunk, 2 brigade, 2 squadron
		// = 8 front-line staff holding posts (the 3 编外 assistants do not count) over the approved
		// quota 2 + 6 + 3 = 11 → 72.7 %, below 85 %. Counted against the 13 people in post, with the
		// assistants as front line, it would have read 11/13 = 84.6 %.
		b := f.report(t, f.admin, f.bureau)
		if c := b[KeyFrontlineShare]; !c.Applies || ratioOf(c) != "8/11" || c.Value != 0.7273 || c.Pass ||
			c.NumeratorLabel != FrontlineNumeratorLabel || c.DenominatorLabel != FrontlineDenominatorLabel {
			t.Errorf("bureau frontline = %+v (%s)", c, ratioOf(c))
		}
		// Sunk: of the 10 staff holding posts in the bureau, brigade and squadron, the 4 posted in the
		// bureau and used by office A are sunk; the squadron's 2 work at township level but in their own
		// post organisation, and the township offices' own staff are not the county's force → 4/10.
		if c := b[KeySunkShare]; !c.Applies || ratioOf(c) != "4/10" || c.Value != 0.4 || c.Pass || c.Threshold != 0.8 ||
			c.NumeratorLabel != SunkNumeratorLabel || c.DenominatorLabel != SunkDenominatorLabel {
			t.Errorf("bureau sunk = %+v (%s)", c, ratioOf(c))
		}
		if c := b[KeyTownshipMinimum]; c.Applies {
			t.Errorf("township minimum applies to a bureau: %+v", c)
		}
		// The brigade has no quota of its own: the bureau answers for it (局队合一).
		if c := f.report(t, f.admin, f.brigade)[KeyFrontlineShare]; c.Applies || !strings.Contains(c.Note, "局队合一") {
			t.Errorf("brigade frontline = %+v", c)
		}
		// The squadron has a quota of its own: 2 front-line of 3 posts.
		if c := f.report(t, f.admin, f.squadron)[KeyFrontlineShare]; !c.Applies || ratioOf(c) != "2/3" || c.Pass {
			t.Errorf("squadron frontline = %+v (%s)", c, ratioOf(c))
		}
		// Key township A: 3 sunk with valid certificates + 1 own + 1 from the neighbouring county = 5;
		// the sunk officer whose certificate expired yesterday and the 2 uncertified assistants are
		// not enforcers. 5 < 8.
		if c := f.report(t, f.admin, f.officeA)[KeyTownshipMinimum]; !c.Applies || c.Value != 5 || c.Threshold != 8 || c.Pass ||
			c.NumeratorLabel != TownshipCountLabel {
			t.Errorf("office A minimum = %+v", c)
		}
		// Ordinary township B: its 1 own enforcer; the squadron stationed in 七级镇 does not work for the office.
		if c := f.report(t, f.admin, f.officeB)[KeyTownshipMinimum]; c.Value != 1 || c.Threshold != 3 || c.Pass {
			t.Errorf("office B minimum = %+v", c)
		}
		for key, c := range f.report(t, f.admin, f.department) {
			if c.Applies || c.Note == "" {
				t.Errorf("department %s = %+v", key, c)
			}
		}

		// Vacant posts count against the share: cutting the bureau's 参公 quota from 6 to 4 gives
		// 8/9 = 88.9 %, which passes.
		if _, err := f.orgs.Update(ctx, f.admin, f.bureau.ID, org.Input{Name: f.bureau.Name, Kind: org.KindBureau,
			RegionCode: codeCounty, Quota: org.Quota{Admin: 2, Civil: 4}}); err != nil {
			t.Fatal(err)
		}
		if c := f.report(t, f.admin, f.bureau)[KeyFrontlineShare]; ratioOf(c) != "8/9" || c.Value != 0.8889 || !c.Pass {
			t.Errorf("bureau frontline with a quota of 9 = %+v (%s)", c, ratioOf(c))
		}

		// The county lowers the sunk share to 40 % (4/10 passes exactly) and township A its key minimum to 5.
		if _, err := f.set(f.admin, "371521", Thresholds{FrontlineMinPct: 85, KeyTownshipMin: 8, OrdinaryTownshipMin: 3,
			SunkMinPct: 40}, "阳谷县综合行政执法改革实施方案"); err != nil {
			t.Fatal(err)
		}
		if c := f.report(t, f.admin, f.bureau)[KeySunkShare]; !c.Pass || c.Threshold != 0.4 ||
			c.Rule != "区级执法力量下沉乡镇比例不低于40%（武进经验，可按辖区配置）" ||
			c.Note != "阈值采用阳谷县（371521000000）的辖区配置，依据：阳谷县综合行政执法改革实施方案" {
			t.Errorf("bureau sunk with the county's rule = %+v", c)
		}
		v, err := f.set(f.townA, codeTownA, Thresholds{FrontlineMinPct: 85, KeyTownshipMin: 5, OrdinaryTownshipMin: 3, SunkMinPct: 60}, "阿城镇执法办公室组建方案")
		if err != nil || v.Effective.RegionCode != codeTownA || v.Own == nil {
			t.Fatalf("township rules: %+v, %v", v, err)
		}
		if c := f.report(t, f.townA, f.officeA)[KeyTownshipMinimum]; !c.Pass || c.Threshold != 5 {
			t.Errorf("office A with its own rule = %+v", c)
		}
		// Office B, a township without its own value, follows the county.
		if c := f.report(t, f.admin, f.officeB)[KeyTownshipMinimum]; c.Threshold != 3 {
			t.Errorf("office B threshold = %+v", c)
		}

		// A township officer may not see the bureau nor set the county's thresholds, which it
		// inherits and reads but does not change.
		_, err = f.svc.Check(ctx, f.townA, f.bureau.ID)
		if !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("township checks the bureau: %v", err)
		}
		_, err = f.set(f.townA, codeCounty, Thresholds{FrontlineMinPct: 10}, "越权")
		if !apperr.Is(err, "OUT_OF_WRITE_SCOPE") {
			t.Fatalf("township sets the county's rules: %v", err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM audit_log WHERE entity = ? AND action = ?`, SettingKey, audit.ActionUpdate); n != 2 {
			t.Fatalf("rule audit entries = %d, want 2", n)
		}
	})
}

func TestSummaryOfAJurisdiction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		before := count(t, d, `SELECT COUNT(*) FROM audit_log`)
		// The province sees both counties' bureaus and the two township offices, in region order.
		// Failing: bureau frontline and sunk, office A and office B minimums, and the 莘县 bureau,
		// which has no quota and so no front-line share (its one person is sunk: 1/1 passes).
		ov, err := f.svc.Summary(ctx, f.admin)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range ov.Reports {
			got = append(got, fmt.Sprintf("%s:%d", r.OrgName, r.Failing))
		}
		want := []string{"阳谷县综合行政执法局:2", "阿城镇综合行政执法办公室:1", "七级镇综合行政执法办公室:1", "莘县综合行政执法局:1"}
		if strings.Join(got, " ") != strings.Join(want, " ") || ov.Failing != 5 || ov.FailingOrgs != 4 || ov.RegionCode != "370000000000" {
			t.Fatalf("province summary: %v, failing %d in %d orgs (%s)", got, ov.Failing, ov.FailingOrgs, ov.RegionCode)
		}
		if r := ov.Reports[0]; r.RegionName != "阳谷县" || r.KindName != "综合行政执法局" {
			t.Fatalf("bureau row: %+v", r)
		}
		// Township A's officer gets township A's office only.
		ov, err = f.svc.Summary(ctx, f.townA)
		if err != nil || len(ov.Reports) != 1 || ov.Reports[0].OrgID != f.officeA.ID || ov.Failing != 1 || ov.RegionCode != codeTownA {
			t.Fatalf("township summary: %+v, %v", ov, err)
		}
		// Counts name no one: nothing is audited.
		if n := count(t, d, `SELECT COUNT(*) FROM audit_log`); n != before {
			t.Fatalf("the summary wrote %d audit entries", n-before)
		}
	})
}

func TestThresholdsAsSettings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		eff, err := f.svc.effective(ctx, d.R, codeTownA)
		if err != nil || eff.Source != SourceNational || eff.RegionCode != codeTownA || eff.FrontlineMinPct != 85 || eff.Basis != NationalBasis {
			t.Fatalf("national rules for township A: %+v, %v", eff, err)
		}
		_, err = f.set(f.admin, codeCounty, Thresholds{FrontlineMinPct: 101, SunkMinPct: 80}, "省定标准")
		if e := apperr.As(err); !apperr.Is(err, "REFORM_PCT_INVALID") || e.Field != "value.frontlineMinPct" {
			t.Fatalf("pct 101: %v", err)
		}
		_, err = f.set(f.admin, codeCounty, Thresholds{FrontlineMinPct: 85, KeyTownshipMin: -1}, "省定标准")
		if e := apperr.As(err); !apperr.Is(err, "REFORM_MIN_INVALID") || e.Field != "value.keyTownshipMin" {
			t.Fatalf("min -1: %v", err)
		}
		_, err = f.set(f.admin, "371599000000", Thresholds{FrontlineMinPct: 85}, "省定标准")
		if !apperr.Is(err, "NOT_FOUND") {
			t.Fatalf("unknown region: %v", err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM settings`); n != 0 {
			t.Fatalf("refused input wrote %d rule rows", n)
		}

		// Over HTTP: set the province's thresholds, then read them back from a township.
		mux := http.NewServeMux()
		httpx.Mount(mux, auth{"admin": f.admin, "towna": f.townA}, append(f.svc.Routes(), f.settings.Routes()...))
		body, _ := json.Marshal(map[string]any{"value": Thresholds{FrontlineMinPct: 90, KeyTownshipMin: 9, OrdinaryTownshipMin: 4, SunkMinPct: 85},
			"basis": "省定标准"})
		req := httptest.NewRequest("PUT", "/api/v1/settings/reform.thresholds/370000000000", bytes.NewReader(body))
		req.Header.Set("X-Test-User", "admin")
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("PUT rules: %d %s", rec.Code, rec.Body)
		}
		req = httptest.NewRequest("GET", "/api/v1/settings/reform.thresholds", nil)
		req.Header.Set("X-Test-User", "towna")
		rec = httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var got settings.View
		json.Unmarshal(rec.Body.Bytes(), &got)
		var value Thresholds
		json.Unmarshal(got.Effective.Value, &value)
		if rec.Code != http.StatusOK || got.Effective.RegionCode != "370000000000" || got.Effective.RegionName != "山东省" ||
			value.KeyTownshipMin != 9 || got.RegionCode != codeTownA || got.Own != nil || !got.Writable {
			t.Fatalf("GET rules: %d %s", rec.Code, rec.Body)
		}
		req = httptest.NewRequest("GET", "/api/v1/orgs/"+f.officeA.ID+"/reform", nil)
		req.Header.Set("X-Test-User", "towna")
		rec = httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var rep Report
		json.Unmarshal(rec.Body.Bytes(), &rep)
		if rec.Code != http.StatusOK || rep.OrgID != f.officeA.ID || rep.Checks[1].Threshold != 9 ||
			rep.Checks[1].Note != "阈值采用山东省（370000000000）的辖区配置，依据：省定标准" {
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
