package people

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/catalog"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/secret"
	"zhifa/internal/region"
)

// Codes of the seeded regions: Yanggu county with two townships.
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
`

// fixture is a seeded store: a county bureau with a brigade, and one township office in each of
// two townships, with callers at province and township level.
type fixture struct {
	d       *db.DB
	svc     *Service
	clock   *clock.Fixed
	admin   *access.Principal // staffing administrator of the province
	townA   *access.Principal // staffing administrator of township A
	viewer  *access.Principal // dispatcher of the county: may read people, not their full data
	bureau  org.Org
	brigade org.Org
	officeA org.Org
	officeB org.Org
	seq     int
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock.Fixed{T: time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC)} // 10:00 in China
	log := audit.New(clk, audit.TestKeys())
	box, err := secret.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	regions := &region.Service{DB: d, Audit: log, Clock: clk}
	if _, err := regions.Import(ctx, access.System(), strings.NewReader(regionsCSV), nil); err != nil {
		t.Fatal(err)
	}
	// The enforcement domains are the catalogue's domain table, as the server wires them.
	domains := &catalog.Service{DB: d}
	f := &fixture{d: d, clock: clk, svc: &Service{DB: d, Audit: log, Clock: clk, Box: box, Domains: domains},
		admin:  access.NewPrincipal("acc-admin", "admin", "省编制管理员", "", "370000000000", []access.Role{access.Staffing}),
		townA:  access.NewPrincipal("acc-town-a", "towna", "阿城镇编制管理员", "", codeTownA, []access.Role{access.Staffing}),
		viewer: access.NewPrincipal("acc-viewer", "viewer", "县调度员", "", codeCounty, []access.Role{access.Dispatcher}),
	}
	orgs := &org.Service{DB: d, Audit: log, Clock: clk, Posts: f.svc, Domains: domains}
	mk := func(in org.Input) org.Org {
		o, err := orgs.Create(ctx, f.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	f.bureau = mk(org.Input{Name: "阳谷县综合行政执法局", Kind: org.KindBureau, RegionCode: codeCounty, Domains: []string{"城市管理"}})
	f.brigade = mk(org.Input{Name: "城区执法大队", Kind: org.KindBrigade, RegionCode: codeCounty, ParentID: f.bureau.ID})
	f.officeA = mk(org.Input{Name: "阿城镇综合行政执法办公室", Kind: org.KindTownshipOffice, RegionCode: codeTownA, TownshipClass: org.TownshipKey})
	f.officeB = mk(org.Input{Name: "七级镇综合行政执法办公室", Kind: org.KindTownshipOffice, RegionCode: codeTownB})
	return f
}

// nextID returns a new valid resident ID number of Yanggu county (male when the sequence is odd).
func (f *fixture) nextID() string {
	f.seq++
	first17 := fmt.Sprintf("37152119850312%03d", f.seq)
	return first17 + string(IDCheckChar(first17))
}

// person creates a person as the province administrator.
func (f *fixture) person(t *testing.T, name string, post, work org.Org, frontline bool) Person {
	t.Helper()
	p, err := f.svc.Create(context.Background(), f.admin, Input{Name: name, IDNumber: f.nextID(), Phone: "13812345678",
		PostOrgID: post.ID, WorkOrgID: work.ID, PostType: "admin", Position: "执法队员", Frontline: frontline})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), f.d.R, &n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantCode(t *testing.T, err error, code string) *apperr.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	e := apperr.As(err)
	if e.Code != code {
		t.Fatalf("error %v, want %s", err, code)
	}
	return e
}

func names(ps []Person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}
