package account

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"sync"
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
	"zhifa/internal/region"
)

// pw is a password that meets every rule.
const pw = "Kq7#vLm2-Tz"

func setup(t testing.TB, d *db.DB) (*Service, *clock.Fixed, string) {
	t.Helper()
	ctx := context.Background()
	c := &clock.Fixed{T: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)}
	log := audit.New(c, audit.TestKeys())
	rs := &region.Service{DB: d, Audit: log, Clock: c}
	if _, err := rs.Import(ctx, access.System(), strings.NewReader("code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n"), nil); err != nil {
		t.Fatal(err)
	}
	os := &org.Service{DB: d, Audit: log, Clock: c, Domains: &catalog.Service{DB: d}}
	bureau, err := os.Create(ctx, access.System(), org.Input{Name: "阳谷县综合行政执法局", Kind: org.KindBureau, RegionCode: "371521000000"})
	if err != nil {
		t.Fatal(err)
	}
	return &Service{DB: d, Audit: log, Clock: c, Policy: DefaultPolicy}, c, bureau.ID
}

// make creates an account as the system (no approval needed) and returns it.
func makeAccount(t testing.TB, s *Service, username string, orgID string, roles ...access.Role) Account {
	t.Helper()
	a, err := s.Create(context.Background(), access.System(), Input{Username: username, DisplayName: username, Password: pw, OrgID: orgID, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func countAudit(t *testing.T, d *db.DB, action string) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), d.R, &n, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, action); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoginLockoutAndExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, c, orgID := setup(t, d)
		makeAccount(t, s, "leader", orgID, access.Leader)
		sess, err := s.Login(ctx, "leader", pw, "10.1.1.1", "test")
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
		if _, err := s.Login(ctx, "leader", pw, "10.1.1.1", "test"); !apperr.Is(err, "ACCOUNT_LOCKED") {
			t.Fatalf("locked account logged in: %v", err)
		}
		a, _ := s.get(ctx, d.R, "a.username = ?", "leader")
		if !a.Locked || a.FailedLogins != DefaultPolicy.MaxFailures {
			t.Fatalf("account shows locked %v after %d failures", a.Locked, a.FailedLogins)
		}
		c.Advance(DefaultPolicy.LockFor + time.Second)
		if _, err := s.Login(ctx, "leader", pw, "10.1.1.1", "test"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		if a, _ := s.get(ctx, d.R, "a.username = ?", "leader"); a.Locked || a.FailedLogins != 0 {
			t.Fatalf("a success leaves %d failures", a.FailedLogins)
		}
		if n := countAudit(t, d, audit.ActionDenied); n != DefaultPolicy.MaxFailures {
			t.Fatalf("audited failures = %d", n)
		}
	})
}

// 40 simultaneous wrong passwords must not buy 40 guesses: exactly MaxFailures passwords are
// checked and counted, the rest find the name locked.
func TestConcurrentGuessesAreCountedExactly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		makeAccount(t, s, "leader", orgID, access.Leader)
		for burst := 0; burst < 3; burst++ {
			var wg sync.WaitGroup
			var mu sync.Mutex
			codes := map[string]int{}
			for range 40 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := s.Login(ctx, "leader", "Wrong#Guess1", "10.9.9.9", "burst")
					mu.Lock()
					codes[apperr.As(err).Code]++
					mu.Unlock()
				}()
			}
			wg.Wait()
			if codes["INTERNAL"] > 0 {
				t.Fatalf("burst %d: internal errors %v", burst, codes)
			}
		}
		if n := countAudit(t, d, audit.ActionDenied); n != DefaultPolicy.MaxFailures {
			t.Fatalf("three bursts of 40 tried %d passwords, want %d", n, DefaultPolicy.MaxFailures)
		}
		a, _ := s.get(ctx, d.R, "a.username = ?", "leader")
		if a.FailedLogins != DefaultPolicy.MaxFailures || !a.Locked {
			t.Fatalf("failure count %d, locked %v", a.FailedLogins, a.Locked)
		}
	})
}

// An unknown name is answered exactly as a known one: the same code and message for a wrong
// password, and the same lock after the same number of failures.
func TestUnknownNamesAnswerLikeKnownOnes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		makeAccount(t, s, "leader", orgID, access.Leader)
		for i := 1; i <= DefaultPolicy.MaxFailures+1; i++ {
			_, known := s.Login(ctx, "leader", "Wrong#Guess1", "", "")
			_, unknown := s.Login(ctx, "nobody", "Wrong#Guess1", "", "")
			k, u := apperr.As(known), apperr.As(unknown)
			if k.Code != u.Code || k.Kind != u.Kind {
				t.Fatalf("attempt %d: known %s, unknown %s", i, k.Code, u.Code)
			}
			if i < DefaultPolicy.MaxFailures && (k.Code != "LOGIN_FAILED" || k.Message != u.Message) {
				t.Fatalf("attempt %d: %q vs %q", i, k.Message, u.Message)
			}
			if i >= DefaultPolicy.MaxFailures && k.Code != "ACCOUNT_LOCKED" {
				t.Fatalf("attempt %d: %s", i, k.Code)
			}
		}
		var entry struct {
			Summary string `db:"summary"`
		}
		db.Get(ctx, d.R, &entry, `SELECT summary FROM audit_log WHERE action = 'login_failed' AND entity_id = '' ORDER BY seq LIMIT 1`)
		if !strings.Contains(entry.Summary, "nobody") {
			t.Fatalf("failure on an unknown name not audited: %q", entry.Summary)
		}
	})
}

func TestDisabledAccountSaysSoOnlyAfterTheRightPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		a := makeAccount(t, s, "officer", orgID, access.Officer)
		if _, err := s.Update(ctx, access.System(), a.ID, UpdateInput{DisplayName: "x", OrgID: orgID, Roles: []access.Role{access.Officer}, Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "officer", "Wrong#Guess1", "", ""); !apperr.Is(err, "LOGIN_FAILED") {
			t.Fatalf("disabled, wrong password: %v", err)
		}
		if _, err := s.Login(ctx, "officer", pw, "", ""); !apperr.Is(err, "ACCOUNT_DISABLED") {
			t.Fatalf("disabled, right password: %v", err)
		}
	})
}

func TestAdministratorsManageAccounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		secAcc0 := makeAccount(t, s, "security", orgID, access.SecAdmin)
		sec := secAcc0.Principal()
		_, err := s.Create(ctx, sec, Input{Username: "boss", DisplayName: "x", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.SysAdmin, access.Auditor}})
		if !apperr.Is(err, "ROLE_SEPARATION") {
			t.Fatalf("three administrators in one account: %v", err)
		}
		a, err := s.Create(ctx, sec, Input{Username: "officer", DisplayName: "张伟", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.Officer}})
		if err != nil || !a.MustChangePassword {
			t.Fatalf("create: %+v %v", a, err)
		}
		if _, err := s.Create(ctx, sec, Input{Username: "officer", DisplayName: "重复", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.Officer}}); !apperr.Is(err, "USERNAME_EXISTS") {
			t.Fatalf("duplicate: %v", err)
		}
		for _, weak := range []string{"12345678", "P@ssw0rd", "Qwerty123", "Zhifa2026", "Zhifa@2026", "Admin@123", "Xy123456!", "1qaz@WSX"} {
			if _, err := s.Create(ctx, sec, Input{Username: "weak", DisplayName: "x", Password: weak, OrgID: orgID,
				Roles: []access.Role{access.Officer}}); !apperr.Is(err, "PASSWORD_WEAK") {
				t.Errorf("weak password %s: %v", weak, err)
			}
		}
		// Disabling ends sign-in.
		if _, err := s.Update(ctx, sec, a.ID, UpdateInput{DisplayName: "张伟", OrgID: orgID, Roles: []access.Role{access.Officer}, Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "officer", pw, "", ""); !apperr.Is(err, "ACCOUNT_DISABLED") {
			t.Fatalf("disabled account: %v", err)
		}
		if _, err := s.Update(ctx, sec, a.ID, UpdateInput{DisplayName: "张伟", OrgID: orgID, Roles: []access.Role{access.Officer}}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPasswordChangeEndsOtherSessionsAndRefusesRecentPasswords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		a := makeAccount(t, s, "officer", orgID, access.Officer)
		phone, _ := s.Login(ctx, "officer", pw, "", "phone")
		desk, _ := s.Login(ctx, "officer", pw, "", "desk")
		self := a.Principal()
		if err := s.ChangePassword(ctx, self, desk.Token, PasswordInput{OldPassword: "bad", NewPassword: "Nw7#pQ2x-Lk"}); !apperr.Is(err, "PASSWORD_WRONG") {
			t.Fatalf("wrong old password: %v", err)
		}
		if err := s.ChangePassword(ctx, self, desk.Token, PasswordInput{OldPassword: pw, NewPassword: pw}); !apperr.Is(err, "PASSWORD_REUSED") {
			t.Fatalf("same password again: %v", err)
		}
		if err := s.ChangePassword(ctx, self, desk.Token, PasswordInput{OldPassword: pw, NewPassword: "Nw7#pQ2x-Lk"}); err != nil {
			t.Fatal(err)
		}
		bearer := func(token string) error {
			req := httptest.NewRequest("GET", "/api/v1/auth/me", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			_, err := s.Authenticate(req)
			return err
		}
		if err := bearer(phone.Token); !apperr.Is(err, "SESSION_EXPIRED") {
			t.Fatalf("the other session survived a password change: %v", err)
		}
		if err := bearer(desk.Token); err != nil {
			t.Fatalf("the session that changed the password ended: %v", err)
		}
		// The five most recent passwords may not come back; the sixth may.
		history := []string{"Nw7#pQ2x-Lk", "Rt4%mV8c-Qs", "Hb6!zK3w-Pd", "Gy2&nX9f-Jm", "Wc5*tB7r-Ne"}
		for i := 1; i < len(history); i++ {
			if err := s.ChangePassword(ctx, self, desk.Token, PasswordInput{OldPassword: history[i-1], NewPassword: history[i]}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ChangePassword(ctx, self, desk.Token, PasswordInput{OldPassword: history[4], NewPassword: history[0]}); !apperr.Is(err, "PASSWORD_REUSED") {
			t.Fatalf("a password of four changes ago: %v", err)
		}
		if err := s.ChangePassword(ctx, self, desk.Token, PasswordInput{OldPassword: history[4], NewPassword: pw}); err != nil {
			t.Fatalf("the password of five changes ago: %v", err)
		}
	})
}

// 三员分立: the security administrator cannot widen its own rights, nor make or take over another
// administrator account alone.
func TestSecurityAdministratorCannotActAlone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _, orgID := setup(t, d)
		secAcc := makeAccount(t, s, "security", orgID, access.SecAdmin)
		sec := secAcc.Principal()
		adminAcc := makeAccount(t, s, "admin", orgID, access.SysAdmin)
		admin := adminAcc.Principal()
		auditor := makeAccount(t, s, "auditor", orgID, access.Auditor)

		for _, roles := range [][]access.Role{{access.SecAdmin, access.Leader, access.Staffing, access.Legal}, {access.Auditor}, {access.Officer}} {
			_, err := s.Update(ctx, sec, secAcc.ID, UpdateInput{DisplayName: "x", OrgID: orgID, Roles: roles})
			if !apperr.Is(err, "ACCOUNT_SELF_CHANGE") {
				t.Fatalf("own roles %v: %v", roles, err)
			}
		}
		if _, err := s.Create(ctx, sec, Input{Username: "auditor2", DisplayName: "x", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.Auditor}}); !apperr.Is(err, "ACCOUNT_APPROVAL_REQUIRED") {
			t.Fatalf("an auditor created alone: %v", err)
		}
		if err := s.ResetPassword(ctx, sec, auditor.ID, "Nw7#pQ2x-Lk"); !apperr.Is(err, "ACCOUNT_APPROVAL_REQUIRED") {
			t.Fatalf("the auditor's password reset alone: %v", err)
		}
		officer := makeAccount(t, s, "officer", orgID, access.Officer)
		if _, err := s.Update(ctx, sec, officer.ID, UpdateInput{DisplayName: "x", OrgID: orgID, Roles: []access.Role{access.Auditor}}); !apperr.Is(err, "ACCOUNT_APPROVAL_REQUIRED") {
			t.Fatalf("auditor role granted alone: %v", err)
		}

		// The same through a request: the requester cannot approve it, another administrator can,
		// and the one-time password goes to the approver.
		q, err := s.RequestChange(ctx, sec, RequestInput{Kind: RequestCreate, Reason: "审计科新进人员",
			Create: &NewAccount{Username: "auditor2", DisplayName: "周敏", OrgID: orgID, Roles: []access.Role{access.Auditor}}})
		if err != nil || q.Status != RequestPending {
			t.Fatalf("request: %+v %v", q, err)
		}
		if _, err := s.RequestChange(ctx, sec, RequestInput{Kind: RequestCreate, Reason: "重复",
			Create: &NewAccount{Username: "auditor2", DisplayName: "周敏", OrgID: orgID, Roles: []access.Role{access.Auditor}}}); !apperr.Is(err, "ACCOUNT_REQUEST_PENDING") {
			t.Fatalf("a second request for the same name: %v", err)
		}
		if _, err := s.Approve(ctx, sec, q.ID); !apperr.Is(err, "ACCOUNT_SELF_APPROVAL") {
			t.Fatalf("own approval: %v", err)
		}
		if _, err := s.Login(ctx, "auditor2", pw, "", ""); err == nil {
			t.Fatal("an account exists before approval")
		}
		ap, err := s.Approve(ctx, admin, q.ID)
		if err != nil || ap.Account.Username != "auditor2" || !ap.Account.MustChangePassword || ap.OneTimePassword == "" ||
			ap.Request.Status != RequestApproved || ap.Request.DecidedBy != admin.AccountID {
			t.Fatalf("approval: %+v %v", ap, err)
		}
		sess, err := s.Login(ctx, "auditor2", ap.OneTimePassword, "", "")
		if err != nil || !sess.Account.MustChangePassword {
			t.Fatalf("sign-in with the one-time password: %v", err)
		}
		if _, err := s.Approve(ctx, admin, q.ID); !apperr.Is(err, "ACCOUNT_REQUEST_DECIDED") {
			t.Fatalf("approved twice: %v", err)
		}

		// Resetting the auditor's password and granting an administrator role go the same way.
		r1, err := s.RequestChange(ctx, sec, RequestInput{Kind: RequestReset, AccountID: auditor.ID, Reason: "遗忘密码"})
		if err != nil {
			t.Fatal(err)
		}
		r2, err := s.RequestChange(ctx, sec, RequestInput{Kind: RequestUpdate, AccountID: officer.ID, Reason: "调岗",
			Update: &UpdateInput{DisplayName: "officer", OrgID: orgID, Roles: []access.Role{access.SysAdmin}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RequestChange(ctx, sec, RequestInput{Kind: RequestReset, AccountID: secAcc.ID, Reason: "x"}); !apperr.Is(err, "ACCOUNT_SELF_CHANGE") {
			t.Fatalf("request about oneself: %v", err)
		}
		if _, err := s.RequestChange(ctx, sec, RequestInput{Kind: RequestUpdate, AccountID: officer.ID, Reason: "x",
			Update: &UpdateInput{DisplayName: "officer", OrgID: orgID, Roles: []access.Role{access.Auditor}}}); !apperr.Is(err, "ACCOUNT_REQUEST_PENDING") {
			t.Fatalf("second request while one is pending: %v", err)
		}
		if _, err := s.Reject(ctx, admin, r1.ID, DecisionInput{Reason: "请本人到场核实"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "auditor", pw, "", ""); err != nil {
			t.Fatalf("a rejected reset changed the password: %v", err)
		}
		if _, err := s.Approve(ctx, admin, r2.ID); err != nil {
			t.Fatal(err)
		}
		if a, _ := s.get(ctx, d.R, "a.id = ?", officer.ID); len(a.Roles) != 1 || a.Roles[0] != access.SysAdmin {
			t.Fatalf("approved role change: %v", a.Roles)
		}
		list, total, err := s.ListRequests(ctx, admin, RequestFilter{}, httpx.Page{Page: 1, PageSize: 10})
		if err != nil || total != 3 || list[0].RequestedByName != "security" {
			t.Fatalf("requests: %d %+v %v", total, list, err)
		}
	})
}

func TestAccountBelongsToOnePerson(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, c, orgID := setup(t, d)
		box, err := secret.New(bytes.Repeat([]byte{7}, 32))
		if err != nil {
			t.Fatal(err)
		}
		ps := &people.Service{DB: d, Audit: s.Audit, Clock: c, Box: box, Domains: &catalog.Service{DB: d}}
		first17 := "37152119850312123"
		person, err := ps.Create(ctx, access.System(), people.Input{Name: "张伟", IDNumber: first17 + string(people.IDCheckChar(first17)),
			PostOrgID: orgID, WorkOrgID: orgID, PostType: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.Create(ctx, access.System(), Input{Username: "zhangwei", DisplayName: "张伟", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.Officer}, PersonID: person.ID})
		if err != nil || a.PersonID != person.ID || a.PersonName != "张伟" || a.Principal().PersonID != person.ID {
			t.Fatalf("linked account: %+v %v", a, err)
		}
		_, err = s.Create(ctx, access.System(), Input{Username: "zhangwei2", DisplayName: "张伟", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.Officer}, PersonID: person.ID})
		if !apperr.Is(err, "ACCOUNT_PERSON_TAKEN") {
			t.Fatalf("second account for the same person: %v", err)
		}
		_, err = s.Create(ctx, access.System(), Input{Username: "ghost", DisplayName: "x", Password: pw, OrgID: orgID,
			Roles: []access.Role{access.Officer}, PersonID: "no-such-person"})
		if !apperr.Is(err, "ACCOUNT_PERSON_NOT_FOUND") {
			t.Fatalf("unknown person: %v", err)
		}
		// An edit that does not name the person keeps the link; an empty one removes it.
		u, err := s.Update(ctx, access.System(), a.ID, UpdateInput{DisplayName: "张伟", OrgID: orgID, Roles: []access.Role{access.Officer}})
		if err != nil || u.PersonID != person.ID {
			t.Fatalf("edit without person: %+v %v", u, err)
		}
		none := ""
		u, err = s.Update(ctx, access.System(), a.ID, UpdateInput{DisplayName: "张伟", OrgID: orgID, Roles: []access.Role{access.Officer}, PersonID: &none})
		if err != nil || u.PersonID != "" {
			t.Fatalf("unlink: %+v %v", u, err)
		}
	})
}
