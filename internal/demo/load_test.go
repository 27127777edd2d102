package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"zhifa/internal/account"
	"zhifa/internal/cases"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/secret"
	"zhifa/internal/server"
)

// Characters that mark a given name as a woman's or a man's, chosen independently of the
// generator's lists.
const (
	femaleMarks = "芳娜静敏丽艳霞燕玲红梅英婷倩雪慧洁琳颖娟芬兰琴瑶欣怡秀"
	maleMarks   = "伟强磊军勇杰涛鹏刚波辉斌峰凯国栋豪胜浩"
)

func loaded(t *testing.T, d *db.DB) *server.App {
	t.Helper()
	box, err := secret.New(bytes.Repeat([]byte{0x5a}, 32))
	if err != nil {
		t.Fatal(err)
	}
	a := server.New(d, box, clock.System{}, account.DefaultPolicy, "test")
	if err := Load(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestLoadedCounty checks the loaded demo county as a user sees it: every person's given name
// fits the gender of their ID number, every certificate names its issuing authority, and the
// staffing office is a Party committee organ, not a people's government.
func TestLoadedCounty(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a := loaded(t, d)
		var all []people.Person
		for page := 1; ; page++ {
			ps, total, err := a.People.List(ctx, access.System(), people.Filter{}, httpx.Page{Page: page, PageSize: httpx.MaxPageSize})
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, ps...)
			if len(all) >= total {
				break
			}
		}
		women, certs := 0, 0
		for _, p := range all {
			given := string([]rune(p.Name)[1:])
			wrong := maleMarks
			if p.Gender == people.GenderFemale {
				women++
			} else {
				wrong = femaleMarks
			}
			if strings.ContainsAny(given, wrong) {
				t.Errorf("%s (%s, %s): given name of the other gender", p.Name, p.Gender, p.IDNumberMasked)
			}
			if p.Certificate != nil {
				certs++
				if p.Certificate.Issuer != CertIssuer {
					t.Errorf("%s: certificate %s issued by %q", p.Name, p.Certificate.Number, p.Certificate.Issuer)
				}
			}
		}
		staff, withCert := generateStaff(a.Clock.Now()), 0
		for _, m := range staff {
			if m.cert != nil {
				withCert++
			}
		}
		// The generated register, and the people of the demo accounts that belong to staff.
		if len(all) != len(staff)+len(accountStaff) || certs != withCert+len(accountStaff) || women == 0 || women == len(all) {
			t.Fatalf("%d people, %d women, %d certificates", len(all), women, certs)
		}
		orgs, _, err := org.List(ctx, a.DB, access.Everywhere, org.Filter{Query: "机构编制委员会办公室"}, httpx.Page{Page: 1, PageSize: 10})
		if err != nil || len(orgs) != 1 {
			t.Fatalf("staffing office: %v %v", orgs, err)
		}
		if o := orgs[0]; o.Kind != org.KindPartyOrgan || o.KindName != "党委工作机关" || o.ParentID != nil {
			t.Fatalf("staffing office is %s (%s) under %v", o.Kind, o.KindName, o.ParentID)
		}
	})
}

// TestDemoCasesInEveryState checks that the demo county has cases in every state of the
// procedures, with the overdue one flagged and the township's in its government's name.
func TestDemoCasesInEveryState(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a := loaded(t, d)
		list, _, err := a.Cases.List(ctx, access.System(), cases.Filter{}, httpx.Page{Page: 1, PageSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		stages := map[cases.Stage]int{}
		overdue := 0
		for _, c := range list {
			stages[c.Stage]++
			if c.DueStatus == cases.DueOverdue {
				overdue++
			}
		}
		for _, s := range []cases.Stage{cases.StageFiling, cases.StageInvestigating, cases.StageReview, cases.StageDefence, cases.StageHearing,
			cases.StageLegalReview, cases.StageTransfer, cases.StagePerformance, cases.StageClosed, cases.StageArchived} {
			if stages[s] == 0 {
				t.Errorf("no demo case at %s (%v)", s, stages)
			}
		}
		if overdue == 0 {
			t.Error("no overdue demo case")
		}
		leads, _, err := a.Cases.ListLeads(ctx, access.System(), cases.LeadFilter{Status: "pending"}, httpx.Page{Page: 1, PageSize: 10})
		if err != nil || len(leads) < 2 {
			t.Fatalf("pending leads %d: %v", len(leads), err)
		}
	})
}
