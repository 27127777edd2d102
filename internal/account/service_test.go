package account

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/region"
)

func setup(t *testing.T, d *db.DB) (*Service, *clock.Fixed, string) {
	t.Helper()
	ctx := context.Background()
	c := &clock.Fixed{T: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)}
	log := audit.New(c, audit.TestKeys())
	rs := &region.Service{DB: d, Audit: log, Clock: c}
	if _, err := rs.Import(ctx, nil, strings.NewReader("code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n"), nil); err != nil {
		t.Fatal(err)
	}
	os := &org.Service{DB: d, Audit: log, Clock: c}
	bureau, err := os.Create(ctx, nil, org.Input{Name: "阳谷县综合行政执法局", Kind: org.KindBureau, RegionCode: "371521000000"})
	if err != nil {
		t.Fatal(err)
	}
	return &Service{DB: d, Audit: log, Clock: c, Policy: DefaultPolicy}, c, bureau.ID
}

func TestLoginLockoutAndExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, c, orgID := setup(t, d)
		if _, err := s.Create(ctx, nil, Input{Username: "leader", DisplayName: "孙志强", Password: "Zhifa@2026", OrgID: orgID,
			Roles: []access.Role{access.Leader}}); err != nil {
			t.Fatal(err)
		}
		sess, err := s.Login(ctx, "leader", "Zhifa@2026", "10.1.1.1", "test")
		if err != nil || sess.Token == "" || sess.Account.RegionCode != "371521000000" {
			t.Fatalf("login: %+v %v", sess, err)
		}
		req := httptest.NewRequest("GET", "/api/v1/auth/me", nil)
		req.Header.Set("Authorization", "Bearer "+sess.Token)
		p, err := s.Authenticate(req)
		if err != nil || !p.Can(access.PeopleRead) || p.Can(access.AuditRead) {
			t.Fatalf("authenticate: %+v %v", p, err)
		}

		// Idle past the limit: the session has ended.
		c.Advance(DefaultPolicy.SessionIdle + time.Second)
		if _, err := s.Authenticate(req); !apperr.Is(err, "SESSION_EXPIRED") {
			t.Fatalf("idle session: %v", err)
		}

		// Wrong passwords lock the account after the fifth; even the right one is then refused.
		for i := 1; i <= DefaultPolicy.MaxFailures; i++ {
			_, err := s.Login(ctx, "leader", "wrong", "10.1.1.1", "test")
			want := "LOGIN_FAILED"
			if i == DefaultPolicy.MaxFailures {
				want = "ACCOUNT_LOCKED"
			}
			if !apperr.Is(err, want) {
				t.Fatalf("failure %d: %v, want %s", i, err, want)
			}
		}
		if _, err := s.Login(ctx, "leader", "Zhifa@2026", "10.1.1.1", "test"); !apperr.Is(err, "ACCOUNT_LOCKED") {
			t.Fatalf("locked account logged in: %v", err)
		}
		c.Advance(DefaultPolicy.LockFor + time.Second)
		if _, err := s.Login(ctx, "leader", "Zhifa@2026", "10.1.1.1", "test"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		// An unknown user gets the same answer as a wrong password.
		if _, err := s.Login(ctx, "nobody", "Zhifa@2026", "", ""); !apperr.Is(err, "LOGIN_FAILED") {
			t.Fatalf("unknown user: %v", err)
		}
		var denied int
		db.Get(ctx, d.R, &denied, `SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'`)
		if denied != DefaultPolicy.MaxFailures {
			t.Fatalf("audited failures = %d", denied)
		}
	})
}

func TestAdministratorsManageAccounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		sec := access.NewPrincipal("sec", "security", "李红梅", orgID, "371521000000", []access.Role{access.SecAdmin})
		_, err := s.Create(ctx, sec, Input{Username: "boss", DisplayName: "x", Password: "Zhifa@2026", OrgID: orgID,
			Roles: []access.Role{access.SysAdmin, access.Auditor}})
		if !apperr.Is(err, "ROLE_SEPARATION") {
			t.Fatalf("three administrators in one account: %v", err)
		}
		a, err := s.Create(ctx, sec, Input{Username: "officer", DisplayName: "张伟", Password: "Zhifa@2026", OrgID: orgID,
			Roles: []access.Role{access.Officer}})
		if err != nil || !a.MustChangePassword {
			t.Fatalf("create: %+v %v", a, err)
		}
		if _, err := s.Create(ctx, sec, Input{Username: "officer", DisplayName: "重复", Password: "Zhifa@2026", OrgID: orgID,
			Roles: []access.Role{access.Officer}}); !apperr.Is(err, "USERNAME_EXISTS") {
			t.Fatalf("duplicate: %v", err)
		}
		if _, err := s.Create(ctx, sec, Input{Username: "weak", DisplayName: "x", Password: "12345678", OrgID: orgID,
			Roles: []access.Role{access.Officer}}); !apperr.Is(err, "PASSWORD_WEAK") {
			t.Fatalf("weak password: %v", err)
		}
		// Disabling ends sign-in.
		if _, err := s.Update(ctx, sec, a.ID, UpdateInput{DisplayName: "张伟", OrgID: orgID, Roles: []access.Role{access.Officer}, Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "officer", "Zhifa@2026", "", ""); !apperr.Is(err, "ACCOUNT_DISABLED") {
			t.Fatalf("disabled account: %v", err)
		}
		// The own password: old one checked, rules applied.
		self := a.Principal()
		s.Update(ctx, sec, a.ID, UpdateInput{DisplayName: "张伟", OrgID: orgID, Roles: []access.Role{access.Officer}})
		if err := s.ChangePassword(ctx, self, PasswordInput{OldPassword: "bad", NewPassword: "Newpass#2027"}); !apperr.Is(err, "PASSWORD_WRONG") {
			t.Fatalf("wrong old password: %v", err)
		}
		if err := s.ChangePassword(ctx, self, PasswordInput{OldPassword: "Zhifa@2026", NewPassword: "Newpass#2027"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "officer", "Newpass#2027", "", ""); err != nil {
			t.Fatal(err)
		}
	})
}
