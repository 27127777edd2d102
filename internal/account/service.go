package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
)

// Service manages accounts and sessions.
type Service struct {
	DB     *db.DB
	Audit  *audit.Log
	Clock  clock.Clock
	Policy Policy
}

// CookieName is the session cookie.
const CookieName = "zhifa_session"

const selectAccount = `SELECT a.id, a.username, a.display_name, a.org_id, COALESCE(o.name, '') AS org_name,
	a.region_code, COALESCE(r.name, '') AS region_name, a.roles, a.failed_logins, a.locked_until,
	a.must_change_password, a.disabled, a.last_login_at, a.password_changed_at, a.password_hash
	FROM accounts a
	LEFT JOIN organizations o ON o.id = a.org_id
	LEFT JOIN regions r ON r.code = a.region_code`

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

// Session is the answer to a successful sign-in.
type Session struct {
	Token     string  `json:"token"`
	ExpiresAt string  `json:"expiresAt"`
	Account   Account `json:"account"`
}

// Login checks a user name and password. Failures count towards a lock-out; both outcomes are
// audited. The error never tells whether the user name exists.
func (s *Service) Login(ctx context.Context, username, password, ip, userAgent string) (Session, error) {
	username = strings.TrimSpace(strings.ToLower(username))
	if username == "" || password == "" {
		return Session{}, apperr.Invalid("LOGIN_REQUIRED", "请输入用户名和密码")
	}
	now := s.Clock.Now()
	a, err := s.get(ctx, s.DB.R, "a.username = ?", username)
	bad := apperr.Unauthorized("LOGIN_FAILED", "用户名或密码错误")
	if apperr.Is(err, "NOT_FOUND") {
		return Session{}, bad
	}
	if err != nil {
		return Session{}, err
	}
	if a.Disabled {
		return Session{}, apperr.Unauthorized("ACCOUNT_DISABLED", "账号已停用，请联系安全管理员")
	}
	if a.Locked {
		until, _ := clock.ParseStamp(a.LockedUntil)
		return Session{}, apperr.Locked("ACCOUNT_LOCKED", fmt.Sprintf("连续登录失败次数过多，账号已锁定，请于 %s 后重试或联系安全管理员解锁",
			until.In(chinaTime).Format("15:04")))
	}
	actor := a.Principal()
	actor.IP = ip
	if !passwordMatches(a.PasswordHash, password) {
		failures := a.FailedLogins + 1
		lockedUntil := ""
		if failures >= s.Policy.MaxFailures {
			lockedUntil = clock.Stamp(now.Add(s.Policy.LockFor))
		}
		err := s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
			if _, err := db.Exec(ctx, tx, `UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE id = ?`,
				failures, lockedUntil, a.ID); err != nil {
				return err
			}
			summary := fmt.Sprintf("登录失败（第%d次）", failures)
			if lockedUntil != "" {
				summary += "，账号已锁定"
			}
			return s.Audit.Append(ctx, tx, actor, audit.Event{Action: audit.ActionDenied, Entity: "account", EntityID: a.ID,
				EntityName: a.Username + "（" + a.DisplayName + "）", RegionCode: a.RegionCode, Summary: summary})
		})
		if err != nil {
			return Session{}, err
		}
		if lockedUntil != "" {
			return Session{}, apperr.Locked("ACCOUNT_LOCKED", fmt.Sprintf("连续%d次登录失败，账号已锁定%d分钟", failures, int(s.Policy.LockFor.Minutes())))
		}
		return Session{}, bad
	}
	token, hash := newToken()
	expires := now.Add(s.Policy.SessionLifetime)
	err = s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := db.Exec(ctx, tx, `UPDATE accounts SET failed_logins = 0, locked_until = '', last_login_at = ? WHERE id = ?`,
			clock.Stamp(now), a.ID); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, hash, a.ID, clock.Stamp(now), clock.Stamp(expires), clock.Stamp(now), ip, truncate(userAgent, 200)); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, actor, audit.Event{Action: audit.ActionLogin, Entity: "account", EntityID: a.ID,
			EntityName: a.Username + "（" + a.DisplayName + "）", RegionCode: a.RegionCode, Summary: "登录系统"})
	})
	if err != nil {
		return Session{}, err
	}
	a.LastLoginAt = clock.Stamp(now)
	a.FailedLogins = 0
	return Session{Token: token, ExpiresAt: clock.Stamp(expires), Account: a}, nil
}

var chinaTime = time.FixedZone("CST", 8*3600)

func newToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Token finds the session token of a request: the session cookie, or an Authorization: Bearer header.
func Token(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimPrefix(h, "Bearer ")
	}
	if c, err := r.Cookie(CookieName); err == nil {
		return c.Value
	}
	return ""
}

// Authenticate resolves the request's session into a principal. It implements httpx.Authenticator.
func (s *Service) Authenticate(r *http.Request) (*access.Principal, error) {
	token := Token(r)
	if token == "" {
		return nil, apperr.Unauthorized("SESSION_REQUIRED", "请先登录")
	}
	ctx := r.Context()
	var sess struct {
		AccountID  string `db:"account_id"`
		ExpiresAt  string `db:"expires_at"`
		LastSeenAt string `db:"last_seen_at"`
	}
	hash := hashToken(token)
	err := db.Get(ctx, s.DB.R, &sess, `SELECT account_id, expires_at, last_seen_at FROM sessions WHERE token_hash = ?`, hash)
	expired := apperr.Unauthorized("SESSION_EXPIRED", "登录已过期，请重新登录")
	if db.IsNoRows(err) {
		return nil, expired
	}
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	lastSeen, _ := clock.ParseStamp(sess.LastSeenAt)
	if clock.Stamp(now) >= sess.ExpiresAt || now.Sub(lastSeen) > s.Policy.SessionIdle {
		return nil, expired
	}
	a, err := s.get(ctx, s.DB.R, "a.id = ?", sess.AccountID)
	if err != nil {
		return nil, err
	}
	if a.Disabled {
		return nil, apperr.Unauthorized("ACCOUNT_DISABLED", "账号已停用，请联系安全管理员")
	}
	// Touch the session at most once a minute so that reads do not each cost a write.
	if now.Sub(lastSeen) > time.Minute {
		if _, err := db.Exec(ctx, s.DB.W, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, clock.Stamp(now), hash); err != nil {
			return nil, err
		}
	}
	return a.Principal(), nil
}

// Logout ends the request's session.
func (s *Service) Logout(ctx context.Context, p *access.Principal, token string) error {
	return s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := db.Exec(ctx, tx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionLogout, Entity: "account", EntityID: p.AccountID,
			EntityName: p.Username + "（" + p.DisplayName + "）", RegionCode: p.RegionCode, Summary: "退出系统"})
	})
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
	if p != nil && !p.Scope().Contains(a.RegionCode) {
		return Account{}, apperr.NotFound("账号")
	}
	return a, nil
}

// Filter narrows a listing.
type Filter struct {
	Query string
	Role  access.Role
}

// List returns one page of accounts inside the caller's jurisdiction.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, pg httpx.Page) ([]Account, int, error) {
	lo, hi := p.Scope().Range()
	where := []string{"a.region_code >= ? AND a.region_code < ?"}
	args := []any{lo, hi}
	if f.Query != "" {
		where = append(where, "(a.username LIKE ?"+db.LikeEscape+" OR a.display_name LIKE ?"+db.LikeEscape+")")
		args = append(args, db.Like(f.Query), db.Like(f.Query))
	}
	if f.Role != "" {
		where = append(where, "a.roles LIKE ?")
		args = append(args, `%"`+string(f.Role)+`"%`)
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := db.Get(ctx, s.DB.R, &total, `SELECT COUNT(*) FROM accounts a`+cond, args...); err != nil {
		return nil, 0, err
	}
	order, err := httpx.OrderBy(pg, map[string]string{"username": "a.username", "displayName": "a.display_name",
		"lastLoginAt": "a.last_login_at"}, "a.username")
	if err != nil {
		return nil, 0, err
	}
	var out []Account
	if err := db.Select(ctx, s.DB.R, &out, selectAccount+cond+order+` LIMIT ? OFFSET ?`, append(args, pg.PageSize, pg.Offset())...); err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].finish(s.Clock.Now())
	}
	return out, total, nil
}

// Create adds an account in an organisation inside the caller's jurisdiction. Its jurisdiction is
// the organisation's region.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (Account, error) {
	if err := in.check(); err != nil {
		return Account{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return Account{}, err
	}
	id := ids.New()
	err = s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
		o, err := s.orgInScope(ctx, tx, p, in.OrgID)
		if err != nil {
			return err
		}
		now := clock.Stamp(s.Clock.Now())
		roles, _ := json.Marshal(in.Roles)
		// A new account must change the password an administrator chose, except the system's own
		// demo and bootstrap accounts (nil principal).
		mustChange := p != nil
		if _, err := db.Exec(ctx, tx, `INSERT INTO accounts (id, username, display_name, password_hash, org_id, region_code, roles,
			password_changed_at, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, in.Username, in.DisplayName, hash, o.ID, o.RegionCode, string(roles), now, mustChange, now, now); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Conflict("USERNAME_EXISTS", "用户名已存在："+in.Username).WithField("username")
			}
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: "account", EntityID: id, RegionCode: o.RegionCode, EntityName: in.Username + "（" + in.DisplayName + "）",
			Summary: fmt.Sprintf("新增账号 %s（%s），角色 %s", in.Username, in.DisplayName, roleNames(in.Roles)),
			Detail:  map[string]any{"username": in.Username, "orgId": o.ID, "roles": in.Roles}})
	})
	if err != nil {
		return Account{}, err
	}
	return s.get(ctx, s.DB.R, "a.id = ?", id)
}

func (s *Service) orgInScope(ctx context.Context, c db.Conn, p *access.Principal, orgID string) (org.Org, error) {
	scope := access.Everywhere
	if p != nil {
		scope = p.Scope()
	}
	o, err := org.Get(ctx, c, scope, orgID)
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

// Update changes an account's name, organisation, roles and whether it is disabled.
func (s *Service) Update(ctx context.Context, p *access.Principal, id string, in UpdateInput) (Account, error) {
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if in.DisplayName == "" {
		return Account{}, apperr.InvalidField("displayName", "DISPLAY_NAME_REQUIRED", "姓名不能为空")
	}
	if err := access.CheckRoles(in.Roles); err != nil {
		return Account{}, err
	}
	if p != nil && id == p.AccountID && in.Disabled {
		return Account{}, apperr.InvalidField("disabled", "ACCOUNT_SELF_DISABLE", "不能停用自己的账号")
	}
	err := s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
		old, err := s.Get(ctx, p, id)
		if err != nil {
			return err
		}
		o, err := s.orgInScope(ctx, tx, p, in.OrgID)
		if err != nil {
			return err
		}
		roles, _ := json.Marshal(in.Roles)
		if _, err := db.Exec(ctx, tx, `UPDATE accounts SET display_name = ?, org_id = ?, region_code = ?, roles = ?, disabled = ?, updated_at = ?
			WHERE id = ?`, in.DisplayName, o.ID, o.RegionCode, string(roles), in.Disabled, clock.Stamp(s.Clock.Now()), id); err != nil {
			return err
		}
		if in.Disabled {
			if _, err := db.Exec(ctx, tx, `DELETE FROM sessions WHERE account_id = ?`, id); err != nil {
				return err
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account", EntityID: id, RegionCode: o.RegionCode, EntityName: old.Username + "（" + in.DisplayName + "）",
			Summary: fmt.Sprintf("修改账号 %s：角色 %s%s", old.Username, roleNames(in.Roles), map[bool]string{true: "，已停用", false: ""}[in.Disabled]),
			Detail:  map[string]any{"before": map[string]any{"orgId": old.OrgID, "roles": old.Roles, "disabled": old.Disabled}, "after": in}})
	})
	if err != nil {
		return Account{}, err
	}
	return s.get(ctx, s.DB.R, "a.id = ?", id)
}

// Unlock clears a lock-out.
func (s *Service) Unlock(ctx context.Context, p *access.Principal, id string) (Account, error) {
	a, err := s.Get(ctx, p, id)
	if err != nil {
		return Account{}, err
	}
	err = s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := db.Exec(ctx, tx, `UPDATE accounts SET failed_logins = 0, locked_until = '' WHERE id = ?`, id); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account", EntityID: id, RegionCode: a.RegionCode,
			EntityName: a.Username + "（" + a.DisplayName + "）", Summary: "解锁账号 " + a.Username})
	})
	if err != nil {
		return Account{}, err
	}
	return s.get(ctx, s.DB.R, "a.id = ?", id)
}

// ResetPassword sets a new password chosen by an administrator; the user must change it at the
// next sign-in, and existing sessions end.
func (s *Service) ResetPassword(ctx context.Context, p *access.Principal, id, password string) error {
	a, err := s.Get(ctx, p, id)
	if err != nil {
		return err
	}
	return s.setPassword(ctx, p, a, password, true, "重置账号 "+a.Username+" 的密码")
}

// PasswordInput changes one's own password.
type PasswordInput struct {
	OldPassword string `json:"oldPassword" text:"128"`
	NewPassword string `json:"newPassword" text:"128"`
}

// ChangePassword changes the caller's own password after checking the old one.
func (s *Service) ChangePassword(ctx context.Context, p *access.Principal, in PasswordInput) error {
	a, err := s.get(ctx, s.DB.R, "a.id = ?", p.AccountID)
	if err != nil {
		return err
	}
	if !passwordMatches(a.PasswordHash, in.OldPassword) {
		return apperr.InvalidField("oldPassword", "PASSWORD_WRONG", "原密码不正确")
	}
	if in.OldPassword == in.NewPassword {
		return apperr.InvalidField("newPassword", "PASSWORD_UNCHANGED", "新密码不能与原密码相同")
	}
	return s.setPassword(ctx, p, a, in.NewPassword, false, "修改本人密码")
}

func (s *Service) setPassword(ctx context.Context, p *access.Principal, a Account, pw string, mustChange bool, summary string) error {
	if err := CheckPassword(a.Username, pw); err != nil {
		if e := apperr.As(err); e.Field == "password" && !mustChange {
			return e.WithField("newPassword")
		}
		return err
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sqlx.Tx) error {
		now := clock.Stamp(s.Clock.Now())
		if _, err := db.Exec(ctx, tx, `UPDATE accounts SET password_hash = ?, password_changed_at = ?, must_change_password = ?,
			failed_logins = 0, locked_until = '', updated_at = ? WHERE id = ?`, hash, now, mustChange, now, a.ID); err != nil {
			return err
		}
		if mustChange {
			if _, err := db.Exec(ctx, tx, `DELETE FROM sessions WHERE account_id = ?`, a.ID); err != nil {
				return err
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account", EntityID: a.ID,
			EntityName: a.Username + "（" + a.DisplayName + "）", RegionCode: a.RegionCode, Summary: summary})
	})
}
