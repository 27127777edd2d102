package people

import (
	"context"
	"slices"
	"strings"
	"testing"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

var firstPage = httpx.Page{Page: 1, PageSize: 50}

func TestCreateListAndJurisdiction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		county := f.person(t, "王县", f.bureau, f.bureau, true)
		sunk := f.person(t, "李下沉", f.bureau, f.officeA, true)
		other := f.person(t, "赵七级", f.officeB, f.officeB, false)

		if !sunk.Sunk || county.Sunk || other.Sunk {
			t.Fatalf("sunk flags: county %v, sunk %v, other %v", county.Sunk, sunk.Sunk, other.Sunk)
		}
		if sunk.IDNumberMasked != "371521********"+f.nextIDTail(2) || sunk.PhoneMasked != "138****5678" || sunk.Gender != GenderFemale {
			t.Fatalf("masked fields: %+v", sunk)
		}

		// A township officer sees the staff their township uses, and no one else.
		if _, err := f.svc.Get(ctx, f.townA, other.ID); err == nil {
			t.Fatal("township A read a person of township B")
		} else {
			wantCode(t, err, "NOT_FOUND")
		}
		if _, err := f.svc.Get(ctx, f.townA, county.ID); err == nil {
			t.Fatal("township A read a person of the county bureau")
		}
		got, err := f.svc.Get(ctx, f.townA, sunk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != "13812345678" || got.BirthDate != "1985-03-12" || got.Certificates == nil || got.Certificate != nil {
			t.Fatalf("detail for a caller with people.pii: %+v", got)
		}
		items, total, err := f.svc.List(ctx, f.townA, Filter{}, firstPage)
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || !slices.Equal(names(items), []string{"李下沉"}) {
			t.Fatalf("township A list = %v (total %d), want only 李下沉", names(items), total)
		}
		items, total, err = f.svc.List(ctx, f.admin, Filter{}, firstPage)
		if err != nil || total != 3 || len(items) != 3 {
			t.Fatalf("province list = %v (total %d), %v", names(items), total, err)
		}

		// Without people.pii the phone stays masked.
		masked, err := f.svc.Get(ctx, f.viewer, county.ID)
		if err != nil || masked.Phone != "138****5678" {
			t.Fatalf("detail without people.pii: phone %q, %v", masked.Phone, err)
		}

		// Each read of personal data left one audit entry: three details and two lists.
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity = 'person'`, audit.ActionRead); n != 4 {
			t.Fatalf("read audit entries = %d, want 4", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ? AND summary = ?`, audit.ActionRead, "查询人员列表，返回1人"); n != 1 {
			t.Fatalf("list audit entries for township A = %d, want 1", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ? AND summary = ?`, audit.ActionRead, "查看人员 李下沉 的信息"); n != 1 {
			t.Fatalf("detail audit entries = %d, want 1", n)
		}

		// A township officer cannot place anyone in another township.
		_, err = f.svc.Create(ctx, f.townA, Input{Name: "越权", IDNumber: f.nextID(), PostOrgID: f.officeA.ID, WorkOrgID: f.officeB.ID, PostType: "admin"})
		if e := wantCode(t, err, "PERSON_ORG_NOT_FOUND"); e.Field != "workOrgId" {
			t.Fatalf("field = %s, want workOrgId", e.Field)
		}
		if v, err := f.svc.Audit.Verify(ctx, d, access.Everywhere, nil); err != nil || !v.OK {
			t.Fatalf("audit chain: %+v, %v", v, err)
		}
	})
}

// nextIDTail is the last four characters of the n-th ID number the fixture hands out.
func (f *fixture) nextIDTail(n int) string {
	g := &fixture{seq: n - 1}
	id := g.nextID()
	return id[len(id)-4:]
}

func TestDuplicateIDChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.nextID()
		in := Input{Name: "张三", IDNumber: id, PostOrgID: f.bureau.ID, WorkOrgID: f.bureau.ID, PostType: "行政编"}
		first, err := f.svc.Create(ctx, f.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		people := f.count(t, `SELECT COUNT(*) FROM people`)
		entries := f.count(t, `SELECT COUNT(*) FROM audit_log`)

		in.Name = "张三（重复）"
		_, err = f.svc.Create(ctx, f.admin, in)
		if e := wantCode(t, err, "PERSON_ID_EXISTS"); e.Field != "idNumber" {
			t.Fatalf("field = %s", e.Field)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people`); n != people {
			t.Fatalf("people = %d after a refused duplicate, want %d", n, people)
		}
		// The only trace is the record that the caller learnt the number is registered.
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log`); n != entries+1 {
			t.Fatalf("audit entries = %d after a refused duplicate, want %d", n, entries+1)
		}

		// Another person may not take the number either, but a person keeps their own.
		second := f.person(t, "李四", f.bureau, f.bureau, false)
		_, err = f.svc.Update(ctx, f.admin, second.ID, Input{Name: "李四", IDNumber: id, PostOrgID: f.bureau.ID, WorkOrgID: f.bureau.ID, PostType: "admin"})
		wantCode(t, err, "PERSON_ID_EXISTS")
		upd, err := f.svc.Update(ctx, f.admin, first.ID, Input{Name: "张三", IDNumber: id, Phone: "0635-6212345",
			PostOrgID: f.bureau.ID, WorkOrgID: f.officeA.ID, PostType: "admin", Frontline: true})
		if err != nil {
			t.Fatal(err)
		}
		if !upd.Sunk || upd.PhoneMasked != "0635-***2345" || upd.WorkOrgName != f.officeA.Name {
			t.Fatalf("updated person: %+v", upd)
		}
		// Moving to township A's office moves the person into township A's jurisdiction.
		if _, err := f.svc.Get(ctx, f.townA, first.ID); err != nil {
			t.Fatalf("township A cannot see the person it now uses: %v", err)
		}
		// Bad input is refused before anything is written.
		_, err = f.svc.Update(ctx, f.admin, first.ID, Input{Name: "张三", IDNumber: id[:17], PostOrgID: f.bureau.ID, WorkOrgID: f.bureau.ID, PostType: "admin"})
		wantCode(t, err, "PERSON_ID_INVALID")
		_, err = f.svc.Update(ctx, f.townA, second.ID, Input{Name: "李四", IDNumber: f.nextID(), PostOrgID: f.officeA.ID, WorkOrgID: f.officeA.ID, PostType: "admin"})
		wantCode(t, err, "NOT_FOUND")
	})
}

func TestCertificates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		p := f.person(t, "张三", f.bureau, f.bureau, true)

		_, err := f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "鲁001", Domains: []string{"城市管理"},
			ValidFrom: "2029-01-01", ValidTo: "2024-01-01"})
		if e := wantCode(t, err, "CERT_DATES_INVERTED"); e.Message != "证件有效期截止日期早于起始日期" {
			t.Fatalf("message = %s", e.Message)
		}
		_, err = f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "鲁001", Domains: []string{"城管"},
			ValidFrom: "2024-01-01", ValidTo: "2029-01-01"})
		wantCode(t, err, "DOMAIN_UNKNOWN")
		if n := f.count(t, `SELECT COUNT(*) FROM certificates`); n != 0 {
			t.Fatalf("certificates = %d after refused input, want 0", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE cert_valid_to <> ''`); n != 0 {
			t.Fatalf("cert_valid_to changed by refused input")
		}

		// An old expired certificate and a current one: the current one shows and drives the filter.
		if _, err := f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "鲁000", Domains: []string{"城市管理"},
			ValidFrom: "2020-01-01", ValidTo: "2025-01-01"}); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "鲁001", Domains: []string{"城市管理", "市场监管"},
			Issuer: "阳谷县人民政府", ValidFrom: "2025-01-01", ValidTo: "2030-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		if c := got.Certificate; c == nil || c.Number != "鲁001" || c.Status != CertValid || len(c.Domains) != 2 {
			t.Fatalf("current certificate = %+v", got.Certificate)
		}
		_, err = f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "鲁001", ValidFrom: "2025-01-01", ValidTo: "2030-01-01"})
		wantCode(t, err, "CERT_NUMBER_EXISTS")
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE cert_valid_to = '2030-01-01'`); n != 1 {
			t.Fatal("cert_valid_to does not follow the latest certificate")
		}
		det, err := f.svc.Get(ctx, f.admin, p.ID)
		if err != nil || len(det.Certificates) != 2 || det.Certificates[1].Status != CertExpired {
			t.Fatalf("detail certificates = %+v, %v", det.Certificates, err)
		}
		// Certificates of a person outside the caller's jurisdiction cannot be added.
		_, err = f.svc.AddCertificate(ctx, f.townA, p.ID, CertInput{Number: "鲁002", ValidFrom: "2025-01-01", ValidTo: "2030-01-01"})
		wantCode(t, err, "NOT_FOUND")
	})
}

func TestListFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		// Today is 2026-05-10 in China.
		certs := map[string]string{"过期": "2026-05-09", "临期": "2026-06-09", "有效": "2026-06-10"}
		for name, to := range certs {
			p := f.person(t, name, f.bureau, f.bureau, true)
			if _, err := f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "证" + name, ValidFrom: "2020-01-01", ValidTo: to}); err != nil {
				t.Fatal(err)
			}
		}
		f.person(t, "无证", f.bureau, f.bureau, false)
		brig := f.person(t, "大队", f.brigade, f.brigade, false)

		list := func(flt Filter) []string {
			t.Helper()
			items, total, err := f.svc.List(ctx, f.admin, flt, firstPage)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(items) {
				t.Fatalf("total %d, items %d", total, len(items))
			}
			out := names(items)
			slices.Sort(out)
			return out
		}
		for status, want := range map[CertStatus][]string{
			CertExpired: {"过期"}, CertExpiring: {"临期"}, CertValid: {"有效"}, CertNone: {"大队", "无证"},
		} {
			if got := list(Filter{CertStatus: status}); !slices.Equal(got, want) {
				t.Errorf("certStatus=%s: %v, want %v", status, got, want)
			}
		}
		if got := list(Filter{OrgID: f.bureau.ID}); slices.Contains(got, "大队") || len(got) != 4 {
			t.Errorf("bureau without subtree: %v", got)
		}
		if got := list(Filter{OrgID: f.bureau.ID, Subtree: true}); !slices.Contains(got, "大队") || len(got) != 5 {
			t.Errorf("bureau with subtree: %v", got)
		}
		no := false
		if got := list(Filter{Frontline: &no}); !slices.Equal(got, []string{"大队", "无证"}) {
			t.Errorf("frontline=false: %v", got)
		}
		if got := list(Filter{Query: "过"}); !slices.Equal(got, []string{"过期"}) {
			t.Errorf("q by name: %v", got)
		}
		tail := brig.IDNumberMasked[len(brig.IDNumberMasked)-4:]
		if got := list(Filter{Query: strings.ToLower(tail)}); !slices.Equal(got, []string{"大队"}) {
			t.Errorf("q by ID tail %s: %v", tail, got)
		}
		if got := list(Filter{PostType: "行政编"}); len(got) != 5 {
			t.Errorf("postType=行政编: %v", got)
		}
		_, _, err := f.svc.List(ctx, f.admin, Filter{PostType: "临时工"}, firstPage)
		wantCode(t, err, "POST_TYPE_UNKNOWN")
		_, _, err = f.svc.List(ctx, f.admin, Filter{}, httpx.Page{Page: 1, PageSize: 10, Sort: "idNumber"})
		wantCode(t, err, "SORT_INVALID")
		items, total, err := f.svc.List(ctx, f.admin, Filter{}, httpx.Page{Page: 2, PageSize: 2, Sort: "certValidTo", Desc: true})
		if err != nil || total != 5 || len(items) != 2 || items[0].Name != "过期" {
			t.Fatalf("page 2 by certValidTo desc: %v (total %d), %v", names(items), total, err)
		}
	})
}

func TestFilledPosts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		f.person(t, "甲", f.bureau, f.bureau, true)
		f.person(t, "乙", f.bureau, f.officeA, true) // sunk: the post stays with the bureau
		for _, pt := range []string{"civil", "事业编", "编外"} {
			if _, err := f.svc.Create(ctx, f.admin, Input{Name: pt, IDNumber: f.nextID(), PostOrgID: f.officeA.ID,
				WorkOrgID: f.officeA.ID, PostType: pt}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := f.svc.FilledPosts(ctx, []string{f.bureau.ID, f.officeA.ID, f.officeB.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got[f.bureau.ID] != (org.Filled{Admin: 2}) || got[f.officeA.ID] != (org.Filled{Civil: 1, Institution: 1, Other: 1}) ||
			got[f.officeB.ID] != (org.Filled{}) {
			t.Fatalf("filled = %+v", got)
		}
		// org.Service shows the same counts through its PostCounter.
		o, err := (&org.Service{DB: d, Audit: f.svc.Audit, Clock: f.clock, Posts: f.svc}).Get(ctx, f.admin, f.bureau.ID)
		if err != nil || o.Filled.Admin != 2 {
			t.Fatalf("org filled = %+v, %v", o.Filled, err)
		}
	})
}

func TestRevealIDAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.nextID()
		p, err := f.svc.Create(ctx, f.admin, Input{Name: "张三", IDNumber: strings.ToLower(id), PostOrgID: f.bureau.ID,
			WorkOrgID: f.officeA.ID, PostType: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id_number_sealed LIKE ?`, "%"+id[6:14]+"%"); n != 0 {
			t.Fatal("the ID number is stored in clear")
		}
		got, err := f.svc.RevealID(ctx, f.townA, p.ID)
		if err != nil || got != id {
			t.Fatalf("RevealID = %q, %v; want %s", got, err, id)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ? AND actor_id = ? AND summary = ?`,
			audit.ActionRead, p.ID, f.townA.AccountID, "查看人员 张三 的完整身份证号"); n != 1 {
			t.Fatalf("reveal audit entries = %d, want 1", n)
		}
		before := f.count(t, `SELECT COUNT(*) FROM audit_log`)
		_, err = f.svc.RevealID(ctx, f.viewer, p.ID)
		wantCode(t, err, "FORBIDDEN")
		other := f.person(t, "李四", f.officeB, f.officeB, false)
		_, err = f.svc.RevealID(ctx, f.townA, other.ID)
		wantCode(t, err, "NOT_FOUND")
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log`); n != before+1 { // +1: creating 李四
			t.Fatalf("refused reveals wrote audit entries: %d, want %d", n, before+1)
		}
	})
}

func TestCountCertified(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		// Today is 2026-05-10: a certificate running through today still counts, yesterday's does not.
		for name, to := range map[string]string{"今天到期": "2026-05-10", "昨天到期": "2026-05-09"} {
			p := f.person(t, name, f.bureau, f.officeA, true)
			if _, err := f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: name, ValidFrom: "2021-01-01", ValidTo: to}); err != nil {
				t.Fatal(err)
			}
		}
		f.person(t, "无证", f.bureau, f.bureau, true)
		if n, err := f.svc.CountCertified(ctx, f.admin.Scope()); err != nil || n != 1 {
			t.Fatalf("certified in the province = %d, %v; want 1", n, err)
		}
		if n, err := f.svc.CountCertified(ctx, f.townA.Scope()); err != nil || n != 1 {
			t.Fatalf("certified in township A = %d, %v; want 1", n, err)
		}
		if n, err := f.svc.CountCertified(ctx, access.ScopeOf(codeTownB)); err != nil || n != 0 {
			t.Fatalf("certified in township B = %d, %v; want 0", n, err)
		}
	})
}

func TestEditKeepsWhatItLeavesOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.nextID()
		created, err := f.svc.Create(ctx, f.admin, Input{Name: "张三", IDNumber: id, Phone: "13800001111",
			PostOrgID: f.bureau.ID, WorkOrgID: f.bureau.ID, PostType: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Edit(ctx, f.admin, created.ID, EditInput{Name: "张三", PostOrgID: f.bureau.ID,
			WorkOrgID: f.bureau.ID, PostType: "civil", Position: "队长"}); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.RevealID(ctx, f.admin, created.ID)
		if err != nil || got != id {
			t.Fatalf("ID number after an edit without it: %q %v", got, err)
		}
		d1, _ := f.svc.Get(ctx, f.admin, created.ID)
		if d1.Phone != "13800001111" || d1.Position != "队长" || d1.PostType != "civil" {
			t.Fatalf("after edit: %+v", d1)
		}
		empty := ""
		f.svc.Edit(ctx, f.admin, created.ID, EditInput{Name: "张三", Phone: &empty, PostOrgID: f.bureau.ID,
			WorkOrgID: f.bureau.ID, PostType: "civil"})
		if d2, _ := f.svc.Get(ctx, f.admin, created.ID); d2.Phone != "" {
			t.Fatalf("an explicit empty phone clears it: %q", d2.Phone)
		}
	})
}
