package people

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

func TestParseQuery(t *testing.T) {
	index := func(s string) string { return "idx:" + s }
	full, masked := Disclosure{Full: true}, Disclosure{}
	const n = "37152119850312001X"
	cases := []struct {
		q    string
		d    Disclosure
		want personQuery
		err  bool
	}{
		{"", masked, personQuery{}, false},
		{" 张三 ", masked, personQuery{name: "张三"}, false},
		{"001x", masked, personQuery{idTail: "001X"}, false},
		{"1X", masked, personQuery{idTail: "1X"}, false},
		{"x", masked, personQuery{name: "x"}, false}, // no digit: a name
		{n, full, personQuery{idIndex: "idx:" + n}, false},
		{strings.ToLower(n), full, personQuery{idIndex: "idx:" + n}, false},
		// Without people.pii nothing longer than the visible tail is searched, right or wrong.
		{n, masked, personQuery{}, true},
		{"19850312", masked, personQuery{}, true},
		{"0312001X", masked, personQuery{}, true},
		{"2001X", masked, personQuery{}, true},
		{"371521********001X", masked, personQuery{}, true},
		{"371521", full, personQuery{}, true}, // a partial number is no tail, with or without people.pii
		{"张3", masked, personQuery{}, true},
	}
	for _, c := range cases {
		got, err := parseQuery(c.q, c.d, index)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("parseQuery(%q, full=%v) = %+v, %v", c.q, c.d.Full, got, err)
		}
		if err != nil {
			wantCode(t, err, "PERSON_QUERY_TAIL_ONLY")
		}
	}
	if got := auditQuery(n); got != "371521********001X" {
		t.Errorf("a whole number is audited as %q", got)
	}
	if got := auditQuery("张三"); got != "张三" {
		t.Errorf("a name is audited as %q", got)
	}
}

func TestDisclosureByPermission(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		p := f.person(t, "王五", f.bureau, f.bureau, true)
		for _, c := range []struct {
			who   *access.Principal
			birth string
			phone string
			shown Shown
		}{
			{f.viewer, "", "138****5678", Shown{Disclosed: []string{"name", "gender", "certificates"}, Masked: []string{"idNumber", "phone"}, Withheld: []string{"birthDate"}}},
			{f.admin, "1985-03-12", "13812345678", Shown{Disclosed: []string{"name", "gender", "birthDate", "phone", "certificates"}, Masked: []string{"idNumber"}}},
		} {
			got, err := f.svc.Get(ctx, c.who, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.BirthDate != c.birth || got.Phone != c.phone {
				t.Errorf("%s: birth date %q, phone %q", c.who.Username, got.BirthDate, got.Phone)
			}
			raw, _ := json.Marshal(got)
			if has := strings.Contains(string(raw), `"birthDate"`); has != (c.birth != "") {
				t.Errorf("%s: birthDate in %s", c.who.Username, raw)
			}
			var detail string
			if err := db.Get(ctx, d.R, &detail, `SELECT detail FROM audit_log WHERE action = ? AND entity_id = ? AND actor_id = ?`,
				audit.ActionRead, p.ID, c.who.AccountID); err != nil {
				t.Fatal(err)
			}
			var s Shown
			json.Unmarshal([]byte(detail), &s)
			if !slices.Equal(s.Disclosed, c.shown.Disclosed) || !slices.Equal(s.Masked, c.shown.Masked) || !slices.Equal(s.Withheld, c.shown.Withheld) {
				t.Errorf("%s: audit detail %s", c.who.Username, detail)
			}
		}

		// A list, whoever asks, shows no birth date and records what it showed; a whole number
		// searched by a caller with people.pii is audited masked.
		items, _, err := f.svc.List(ctx, f.admin, Filter{Query: f.idOf(t, p.ID)}, firstPage)
		if err != nil || len(items) != 1 || items[0].ID != p.ID {
			t.Fatalf("search by the whole number: %+v, %v", items, err)
		}
		var detail string
		if err := db.Get(ctx, d.R, &detail, `SELECT detail FROM audit_log WHERE summary = ? AND actor_id = ?`,
			"查询人员列表，返回1人", f.admin.AccountID); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(detail, f.idOf(t, p.ID)) || !strings.Contains(detail, p.IDNumberMasked) ||
			!strings.Contains(detail, `"disclosed":["name","gender","certificates"]`) || !strings.Contains(detail, `"masked":["idNumber","phone"]`) {
			t.Fatalf("list audit detail: %s", detail)
		}
		_, _, err = f.svc.List(ctx, f.viewer, Filter{Query: f.idOf(t, p.ID)}, firstPage)
		wantCode(t, err, "PERSON_QUERY_TAIL_ONLY")
		for _, s := range []string{"birthDate", "idNumber", "idNumberMasked"} {
			_, _, err := f.svc.List(ctx, f.admin, Filter{}, httpx.Page{Page: 1, PageSize: 10, Sort: s})
			wantCode(t, err, "SORT_INVALID")
		}
	})
}

func (f *fixture) idOf(t *testing.T, personID string) string {
	t.Helper()
	n, err := f.svc.RevealID(context.Background(), f.admin, personID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEditDoesNotEchoAKeptNumber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		p := f.person(t, "赵六", f.bureau, f.bureau, true)
		// Seen from a day before the holder was born, the kept number no longer passes its check;
		// the editor, who may not see it, is told so without its digits.
		f.clock.T = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
		_, err := f.svc.Edit(ctx, f.viewer, p.ID, EditInput{Name: "赵六", PostOrgID: f.bureau.ID, WorkOrgID: f.bureau.ID, PostType: "admin"})
		e := wantCode(t, err, "PERSON_ID_INVALID")
		if strings.Contains(e.Message, "1985") || strings.Contains(e.Message, "0312") {
			t.Fatalf("the error echoes the kept number: %s", e.Message)
		}
	})
}

func TestTally(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		// Today is 2026-05-10: expired yesterday, expiring within 30 days (through 2026-06-09), valid beyond.
		for name, to := range map[string]string{"过期": "2026-05-09", "今天到期": "2026-05-10", "临期": "2026-06-09", "有效": "2026-06-10"} {
			p := f.person(t, name, f.bureau, f.officeA, true)
			if _, err := f.svc.AddCertificate(ctx, f.admin, p.ID, CertInput{Number: "证" + name, ValidFrom: "2020-01-01", ValidTo: to}); err != nil {
				t.Fatal(err)
			}
		}
		f.person(t, "无证", f.bureau, f.bureau, true)
		f.person(t, "七级", f.officeB, f.officeB, true)
		before := f.count(t, `SELECT COUNT(*) FROM audit_log`)
		for _, c := range []struct {
			scope access.Scope
			want  Tally
		}{
			{f.admin.Scope(), Tally{People: 6, CertExpiring: 2, CertExpired: 1}},
			{f.townA.Scope(), Tally{People: 4, CertExpiring: 2, CertExpired: 1}},
			{access.ScopeOf(codeTownB), Tally{People: 1}},
		} {
			if got, err := f.svc.Tally(ctx, c.scope); err != nil || got != c.want {
				t.Errorf("tally of %s = %+v, %v; want %+v", c.scope.Root(), got, err, c.want)
			}
		}
		// The counts agree with the lists they stand for.
		for status, want := range map[CertStatus]int{CertExpiring: 2, CertExpired: 1} {
			if _, total, _ := f.svc.List(ctx, f.admin, Filter{CertStatus: status}, firstPage); total != want {
				t.Errorf("list of %s: %d, want %d", status, total, want)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log`); n != before+2 { // the two lists, not the tallies
			t.Fatalf("audit entries: %d, want %d", n, before+2)
		}
	})
}
