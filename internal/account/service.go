package account

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
)

// Service manages accounts and sessions.
type Service struct {
	DB     *db.DB
	Audit  *audit.Log
	Clock  clock.Clock
	Policy Policy
	// SecureCookies marks the session cookie Secure although this server speaks plain HTTP,
	// because a TLS-terminating proxy in front of it serves the users over HTTPS.
	SecureCookies bool
}

// CookieName is the session cookie.
const CookieName = "zhifa_session"

const (
	accountColumns = `a.id, a.username, a.display_name, a.org_id, COALESCE(o.name, '') AS org_name,
	a.region_code, COALESCE(r.name, '') AS region_name, COALESCE(a.person_id, '') AS person_id,
	COALESCE(pp.name, '') AS person_name, a.roles,
	COALESCE(t.failures, 0) AS failed_logins, COALESCE(t.locked_until, '') AS locked_until,
	a.must_change_password, a.disabled, a.last_login_at, a.password_changed_at, a.password_hash`
	accountFrom = `accounts a
	LEFT JOIN organizations o ON o.id = a.org_id
	LEFT JOIN regions r ON r.code = a.region_code
	LEFT JOIN people pp ON pp.id = a.person_id
	LEFT JOIN login_throttle t ON t.username = a.username`
	selectAccount = `SELECT ` + accountColumns + ` FROM ` + accountFrom
)

func (s *Service) get(ctx context.Context, c db.Conn, where string, arg any) (Account, error) {
	var a Account
	err := db.Get(ctx, c, &a, selectAccount+" WHERE "+where, arg)
	if db.IsNoRows(err) {
		return Account{}, apperr.NotFound("账号")
	}
	if err != nil {
		return Account{}, err
	}
	a.finish(s.Clock.Now())
	return a, nil
}

// Me returns the caller's own account.
func (s *Service) Me(ctx context.Context, p *access.Principal) (Account, error) {
	return s.get(ctx, s.DB.R, "a.id = ?", p.AccountID)
}

// Get returns an account inside the caller's jurisdiction.
func (s *Service) Get(ctx context.Context, p *access.Principal, id string) (Account, error) {
	a, err := s.get(ctx, s.DB.R, "a.id = ?", id)
	if err != nil {
		return Account{}, err
	}
	if !p.Scope().Contains(a.RegionCode) {
		return Account{}, apperr.NotFound("账号")
	}
	return a, nil
}

// Filter narrows a listing.
type Filter struct {
	Query string      `query:"q" doc:"用户名或姓名"`
	Role  access.Role `query:"role" doc:"角色代码"`
}

// List returns one page of accounts inside the caller's jurisdiction.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, pg httpx.Page) ([]Account, int, error) {
	var w query.Where
	w.Add(p.Scope().In("a.region_code"))
	w.If(f.Query != "", "(a.username LIKE ?"+db.LikeEscape+" OR a.display_name LIKE ?"+db.LikeEscape+")", db.Like(f.Query), db.Like(f.Query))
	w.If(f.Role != "", "a.roles LIKE ?", `%"`+string(f.Role)+`"%`)
	order, err := query.Order{"username": "a.username", "displayName": db.Pinyin(s.DB.R, "a.display_name"),
		"lastLoginAt": "a.last_login_at"}.SQL(pg, "username", "a.id")
	if err != nil {
		return nil, 0, err
	}
	out, total, err := query.List[Account](ctx, s.DB.R, accountColumns, accountFrom, &w, order, pg)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].finish(s.Clock.Now())
	}
	return out, total, nil
}

// Create adds an account in an organisation inside the caller's jurisdiction. Its jurisdiction is
// the organisation's region. An administrator account (系统管理员、安全管理员、安全审计员) is
// created only through an approved request.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (Account, error) {
	if err := in.check(); err != nil {
		return Account{}, err
	}
	if err := s.needsApproval(p, nil, in.Roles); err != nil {
		return Account{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return Account{}, err
	}
	var id string
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		// A new account must change the password an administrator chose, except the accounts the
		// system makes itself (the demo's).
		id, err = s.insertAccount(ctx, tx, p, p, in, hash, !p.IsSystem(), "")
		return err
	})
	if err != nil {
		return Account{}, err
	}
	return s.get(ctx, s.DB.R, "a.id = ?", id)
}

// insertAccount writes a new account and its first password, recorded by actor; scopeOf bounds
// the organisations allowed (the requester's jurisdiction when carrying out a request).
func (s *Service) insertAccount(ctx context.Context, tx *db.Tx, actor, scopeOf *access.Principal, in Input, hash string,
	mustChange bool, note string) (string, error) {
	o, err := s.orgInScope(ctx, tx, scopeOf, in.OrgID)
	if err != nil {
		return "", err
	}
	if err := s.checkPerson(ctx, tx, o, in.PersonID); err != nil {
		return "", err
	}
	id := ids.New()
	now := clock.Stamp(s.Clock.Now())
	roles, err := json.Marshal(in.Roles)
	if err != nil {
		return "", err
	}
	if _, err := db.Exec(ctx, tx, `INSERT INTO accounts (id, username, display_name, password_hash, org_id, region_code, roles,
		password_changed_at, must_change_password, created_at, updated_at, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, in.Username, in.DisplayName, hash, o.ID, o.RegionCode, string(roles), now, mustChange, now, now, nullable(in.PersonID)); err != nil {
		if db.IsUniqueViolation(err) {
			return "", uniqueViolation(err, in.Username)
		}
		return "", err
	}
	if _, err := db.Exec(ctx, tx, `INSERT INTO password_history (account_id, hash, changed_at) VALUES (?, ?, ?)`, id, hash, now); err != nil {
		return "", err
	}
	return id, s.Audit.Append(ctx, tx, actor, audit.Event{Action: audit.ActionCreate, Entity: "account", EntityID: id,
		EntityName: in.Username + "（" + in.DisplayName + "）", RegionCode: o.RegionCode,
		Summary: fmt.Sprintf("新增账号 %s（%s），角色 %s%s", in.Username, in.DisplayName, roleNames(in.Roles), note),
		Detail:  map[string]any{"username": in.Username, "orgId": o.ID, "roles": in.Roles}})
}

// checkPerson checks the member of staff an account is to belong to: a person inside the
// jurisdiction of the account's organisation.
func (s *Service) checkPerson(ctx context.Context, c db.Conn, o org.Org, personID string) error {
	if personID == "" {
		return nil
	}
	_, err := people.Officers(ctx, c, access.ScopeOf(o.RegionCode), []string{personID}, civil.Today(s.Clock))
	if apperr.Is(err, "NOT_FOUND") {
		return apperr.InvalidField("personId", "ACCOUNT_PERSON_NOT_FOUND", "对应的执法人员不存在或不在账号所属机构的辖区内")
	}
	return err
}

// uniqueViolation tells which unique rule a write broke: a person who already has an account
// (the index accounts_person on person_id), or else the user name.
func uniqueViolation(err error, username string) error {
	if strings.Contains(err.Error(), "person") {
		return personTaken()
	}
	return usernameExists(username)
}

func personTaken() error {
	return apperr.Conflict("ACCOUNT_PERSON_TAKEN", "该执法人员已有账号，一人只能对应一个账号").WithField("personId")
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func usernameExists(u string) error {
	return apperr.Conflict("USERNAME_EXISTS", "用户名已存在："+u).WithField("username")
}

func (s *Service) orgInScope(ctx context.Context, c db.Conn, p *access.Principal, orgID string) (org.Org, error) {
	o, err := org.Get(ctx, c, p.Scope(), orgID)
	if apperr.Is(err, "NOT_FOUND") {
		return org.Org{}, apperr.InvalidField("orgId", "ACCOUNT_ORG_NOT_FOUND", "所属机构不存在或不在本辖区内")
	}
	return o, err
}

func roleNames(rs []access.Role) string {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		info, _ := access.LookupRole(r)
		names = append(names, info.Name)
	}
	return strings.Join(names, "、")
}

// Update changes an account's name, organisation, roles and whether it is disabled. Nobody
// changes their own roles, organisation or status (that would let an administrator widen their
// own rights), and a change that touches an administrator account needs an approved request.
func (s *Service) Update(ctx context.Context, p *access.Principal, id string, in UpdateInput) (Account, error) {
	if err := in.check(); err != nil {
		return Account{}, err
	}
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		old, err := s.Get(ctx, p, id)
		if err != nil {
			return err
		}
		if err := checkSelfChange(p, old, in); err != nil {
			return err
		}
		if rolesChanged(old.Roles, in.Roles) || old.OrgID != in.OrgID || old.Disabled != in.Disabled {
			if err := s.needsApproval(p, old.Roles, in.Roles); err != nil {
				return err
			}
		}
		return s.applyUpdate(ctx, tx, p, p, old, in, "")
	})
	if err != nil {
		return Account{}, err
	}
	return s.get(ctx, s.DB.R, "a.id = ?", id)
}

func (in *UpdateInput) check() error {
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if in.DisplayName == "" {
		return apperr.InvalidField("displayName", "DISPLAY_NAME_REQUIRED", "姓名不能为空")
	}
	return access.CheckRoles(in.Roles)
}

// checkSelfChange refuses a change of one's own roles, organisation or status.
func checkSelfChange(p *access.Principal, old Account, in UpdateInput) error {
	if p.IsSystem() || old.ID != p.AccountID {
		return nil
	}
	if rolesChanged(old.Roles, in.Roles) || old.OrgID != in.OrgID || in.Disabled {
		return apperr.Forbidden("不能修改本人账号的角色、所属机构或停用状态，须由另一名安全管理员办理").
			WithCode("ACCOUNT_SELF_CHANGE").WithRule(separationRule)
	}
	return nil
}

func rolesChanged(a, b []access.Role) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return !slices.Equal(x, y)
}

// applyUpdate writes a checked change, recorded by actor; scopeOf bounds the organisations allowed.
func (s *Service) applyUpdate(ctx context.Context, tx *db.Tx, actor, scopeOf *access.Principal, old Account, in UpdateInput, note string) error {
	o, err := s.orgInScope(ctx, tx, scopeOf, in.OrgID)
	if err != nil {
		return err
	}
	person := old.PersonID
	if in.PersonID != nil {
		person = *in.PersonID
	}
	if err := s.checkPerson(ctx, tx, o, person); err != nil {
		return err
	}
	roles, err := json.Marshal(in.Roles)
	if err != nil {
		return err
	}
	if _, err := db.Exec(ctx, tx, `UPDATE accounts SET display_name = ?, org_id = ?, region_code = ?, roles = ?, disabled = ?, updated_at = ?,
		person_id = ? WHERE id = ?`, in.DisplayName, o.ID, o.RegionCode, string(roles), in.Disabled, clock.Stamp(s.Clock.Now()),
		nullable(person), old.ID); err != nil {
		if db.IsUniqueViolation(err) {
			return uniqueViolation(err, old.Username)
		}
		return err
	}
	if in.Disabled {
		// A disabled account signs out at once. Changed roles apply from the next request, since
		// every request reads the account afresh.
		if _, err := db.Exec(ctx, tx, `DELETE FROM sessions WHERE account_id = ?`, old.ID); err != nil {
			return err
		}
	}
	return s.Audit.Append(ctx, tx, actor, audit.Event{Action: audit.ActionUpdate, Entity: "account", EntityID: old.ID,
		EntityName: old.Username + "（" + in.DisplayName + "）", RegionCode: o.RegionCode,
		Summary: fmt.Sprintf("修改账号 %s：角色 %s%s%s", old.Username, roleNames(in.Roles), map[bool]string{true: "，已停用", false: ""}[in.Disabled], note),
		Detail:  map[string]any{"before": map[string]any{"orgId": old.OrgID, "roles": old.Roles, "disabled": old.Disabled}, "after": in}})
}

// Unlock clears a lock-out.
func (s *Service) Unlock(ctx context.Context, p *access.Principal, id string) (Account, error) {
	a, err := s.Get(ctx, p, id)
	if err != nil {
		return Account{}, err
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `DELETE FROM login_throttle WHERE username = ?`, a.Username); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account", EntityID: id, EntityName: a.label(),
			RegionCode: a.RegionCode, Summary: "解锁账号 " + a.Username})
	})
	if err != nil {
		return Account{}, err
	}
	return s.get(ctx, s.DB.R, "a.id = ?", id)
}

// ResetPassword sets a new password chosen by an administrator; the user must change it at the
// next sign-in, and every session of the account ends. An administrator account's password is
// reset only through an approved request (RequestChange), never by one administrator alone.
func (s *Service) ResetPassword(ctx context.Context, p *access.Principal, id, password string) error {
	a, err := s.Get(ctx, p, id)
	if err != nil {
		return err
	}
	if err := s.needsApproval(p, a.Roles, nil); err != nil {
		return err
	}
	return s.setPassword(ctx, p, a, password, passwordReset, "")
}

// PasswordInput changes one's own password.
type PasswordInput struct {
	OldPassword string `json:"oldPassword" text:"128"`
	NewPassword string `json:"newPassword" text:"128"`
}

// ChangePassword changes the caller's own password after checking the old one. Every other
// session of the account ends; the one making the change (keepToken) stays signed in.
func (s *Service) ChangePassword(ctx context.Context, p *access.Principal, keepToken string, in PasswordInput) error {
	a, err := s.get(ctx, s.DB.R, "a.id = ?", p.AccountID)
	if err != nil {
		return err
	}
	if !passwordMatches(a.PasswordHash, in.OldPassword) {
		return apperr.InvalidField("oldPassword", "PASSWORD_WRONG", "原密码不正确")
	}
	return s.setPassword(ctx, p, a, in.NewPassword, passwordChange, keepToken)
}

type passwordSetting int

const (
	passwordChange passwordSetting = iota // by the user: the old one was checked
	passwordReset                         // by an administrator: the user must change it
)

// setPassword checks and stores a new password, refusing the account's recent ones, and ends the
// account's sessions except keepToken's.
func (s *Service) setPassword(ctx context.Context, p *access.Principal, a Account, pw string, how passwordSetting, keepToken string) error {
	field := "newPassword"
	if how == passwordReset {
		field = "password"
	}
	if err := CheckPassword(a.Username, pw); err != nil {
		return apperr.As(err).WithField(field)
	}
	return s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.storePassword(ctx, tx, p, a, pw, how, keepToken, field)
	})
}

func (s *Service) storePassword(ctx context.Context, tx *db.Tx, p *access.Principal, a Account, pw string, how passwordSetting, keepToken, field string) error {
	var recent []string
	if err := db.Select(ctx, tx, &recent, `SELECT hash FROM password_history WHERE account_id = ?
		ORDER BY changed_at DESC LIMIT ?`, a.ID, PasswordHistory); err != nil {
		return err
	}
	for _, h := range recent {
		if passwordMatches(h, pw) {
			return apperr.InvalidField(field, "PASSWORD_REUSED", fmt.Sprintf("新密码不能与最近%d次使用过的密码相同", PasswordHistory)).
				WithRule(passwordRule)
		}
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	now := clock.Stamp(s.Clock.Now())
	mustChange := how == passwordReset
	if _, err := db.Exec(ctx, tx, `UPDATE accounts SET password_hash = ?, password_changed_at = ?, must_change_password = ?,
		updated_at = ? WHERE id = ?`, hash, now, mustChange, now, a.ID); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, tx, `INSERT INTO password_history (account_id, hash, changed_at) VALUES (?, ?, ?)`, a.ID, hash, now); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, tx, `DELETE FROM password_history WHERE account_id = ? AND changed_at NOT IN
		(SELECT changed_at FROM password_history WHERE account_id = ? ORDER BY changed_at DESC LIMIT ?)`, a.ID, a.ID, PasswordHistory); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, tx, `DELETE FROM login_throttle WHERE username = ?`, a.Username); err != nil {
		return err
	}
	ended, err := db.Exec(ctx, tx, `DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?`, a.ID, hashToken(keepToken))
	if err != nil {
		return err
	}
	n, _ := ended.RowsAffected()
	summary := "修改本人密码"
	if mustChange {
		summary = "重置账号 " + a.Username + " 的密码（下次登录须修改）"
	}
	if n > 0 {
		summary += fmt.Sprintf("，结束其他会话%d个", n)
	}
	return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account", EntityID: a.ID,
		EntityName: a.label(), RegionCode: a.RegionCode, Summary: summary})
}
