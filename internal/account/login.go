package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

// Session is the answer to a successful sign-in.
type Session struct {
	Token     string  `json:"token"`
	ExpiresAt string  `json:"expiresAt"`
	Account   Account `json:"account"`
}

// errLoginFailed is the one answer to a wrong user name or password: it never tells which.
func errLoginFailed(p Policy) error {
	return apperr.Unauthorized("LOGIN_FAILED",
		fmt.Sprintf("用户名或密码错误（连续失败%d次将锁定%d分钟）", p.MaxFailures, int(p.LockFor.Minutes())))
}

func errLocked(until time.Time) error {
	return apperr.Locked("ACCOUNT_LOCKED", fmt.Sprintf("连续登录失败次数过多，已锁定至 %s，请届时重试或联系安全管理员解锁",
		until.In(civil.Zone).Format("15:04"))).WithRule("GB/T 22239-2019 8.1.4.1 身份鉴别：登录失败处理")
}

// Login checks a user name and password (网络安全等级保护 身份鉴别: 登录失败处理).
//
// Every attempt is first counted as a failure, in one atomic update keyed by the user name, and
// only then is the password checked; a success clears the count. However many attempts arrive at
// once, no more than Policy.MaxFailures passwords are tried before the name locks.
//
// The answer never tells whether a user name exists: an unknown name is counted and locked
// exactly like a known one, its password is checked against a decoy hash so that it takes as long,
// and a disabled account says so only after the right password.
func (s *Service) Login(ctx context.Context, username, password, ip, userAgent string) (Session, error) {
	username = strings.TrimSpace(strings.ToLower(username))
	if username == "" || password == "" {
		return Session{}, apperr.Invalid("LOGIN_REQUIRED", "请输入用户名和密码")
	}
	now := s.Clock.Now()
	a, err := s.get(ctx, s.DB.R, "a.username = ?", username)
	known := err == nil
	if err != nil && !apperr.Is(err, "NOT_FOUND") {
		return Session{}, err
	}
	failures, lockedUntil, err := s.reserveAttempt(ctx, username, now)
	if err != nil {
		return Session{}, err
	}
	if failures == 0 {
		return Session{}, errLocked(lockedUntil)
	}
	hash := decoyHash
	if known {
		hash = a.PasswordHash
	}
	if !passwordMatches(hash, password) || !known {
		if err := s.recordFailure(ctx, a, known, username, ip, failures); err != nil {
			return Session{}, err
		}
		if failures >= s.Policy.MaxFailures {
			return Session{}, errLocked(now.Add(s.Policy.LockFor))
		}
		return Session{}, errLoginFailed(s.Policy)
	}
	if _, err := db.Exec(ctx, s.DB.W, `DELETE FROM login_throttle WHERE username = ?`, username); err != nil {
		return Session{}, err
	}
	if a.Disabled {
		return Session{}, apperr.Unauthorized("ACCOUNT_DISABLED", "账号已停用，请联系安全管理员")
	}
	actor := a.Principal()
	actor.IP = ip
	token, tokenHash := newToken()
	expires := now.Add(s.Policy.SessionLifetime)
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `UPDATE accounts SET last_login_at = ? WHERE id = ?`, clock.Stamp(now), a.ID); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, tokenHash, a.ID, clock.Stamp(now), clock.Stamp(expires), clock.Stamp(now), ip,
			truncate(userAgent, 200)); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, actor, audit.Event{Action: audit.ActionLogin, Entity: "account", EntityID: a.ID,
			EntityName: a.label(), RegionCode: a.RegionCode, Summary: "登录系统"})
	})
	if err != nil {
		return Session{}, err
	}
	a.LastLoginAt, a.FailedLogins, a.LockedUntil, a.Locked = clock.Stamp(now), 0, "", false
	return Session{Token: token, ExpiresAt: clock.Stamp(expires), Account: a}, nil
}

// reserveAttempt counts one sign-in attempt against a user name before its password is checked.
// It returns the attempt's number in the current run of failures, or 0 and the end of the lock
// when the name is locked. A lock that has run out starts a new run. The row is created and
// bumped inside one transaction; the UPDATE holds the row lock on PostgreSQL (SQLite has a single
// writer), so concurrent attempts are numbered 1, 2, 3 … without gaps or repeats.
func (s *Service) reserveAttempt(ctx context.Context, username string, now time.Time) (int, time.Time, error) {
	stamp := clock.Stamp(now)
	lockUntil := clock.Stamp(now.Add(s.Policy.LockFor))
	var row struct {
		Failures    int    `db:"failures"`
		LockedUntil string `db:"locked_until"`
	}
	locked := false
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `INSERT INTO login_throttle (username, failures, locked_until, updated_at)
			VALUES (?, 0, '', ?) ON CONFLICT (username) DO NOTHING`, username, stamp); err != nil {
			return err
		}
		err := db.Get(ctx, tx, &row, `UPDATE login_throttle SET
			failures = CASE WHEN locked_until <> '' THEN 1 ELSE failures + 1 END,
			locked_until = CASE WHEN (CASE WHEN locked_until <> '' THEN 1 ELSE failures + 1 END) >= ? THEN ? ELSE '' END,
			updated_at = ?
			WHERE username = ? AND (locked_until = '' OR locked_until <= ?)
			RETURNING failures, locked_until`, s.Policy.MaxFailures, lockUntil, stamp, username, stamp)
		if db.IsNoRows(err) {
			locked = true
			return db.Get(ctx, tx, &row, `SELECT failures, locked_until FROM login_throttle WHERE username = ?`, username)
		}
		if err != nil {
			return err
		}
		// Forget names not tried for a day, so that guessed names do not pile up.
		_, err = db.Exec(ctx, tx, `DELETE FROM login_throttle WHERE updated_at < ? AND (locked_until = '' OR locked_until < ?)`,
			clock.Stamp(now.Add(-24*time.Hour)), stamp)
		return err
	})
	if err != nil {
		return 0, time.Time{}, err
	}
	if locked {
		until, _ := clock.ParseStamp(row.LockedUntil)
		return 0, until, nil
	}
	return row.Failures, time.Time{}, nil
}

// recordFailure writes a failed sign-in to the audit log: against the account when the name is
// known, as an attempt on an unknown name otherwise.
func (s *Service) recordFailure(ctx context.Context, a Account, known bool, username, ip string, failures int) error {
	summary := fmt.Sprintf("登录失败（连续第%d次）", failures)
	if failures >= s.Policy.MaxFailures {
		summary += fmt.Sprintf("，用户名锁定%d分钟", int(s.Policy.LockFor.Minutes()))
	}
	ev := audit.Event{Action: audit.ActionDenied, Entity: "account", EntityID: a.ID, EntityName: a.label(), RegionCode: a.RegionCode,
		Summary: summary}
	var actor *access.Principal
	if known {
		actor = a.Principal()
	} else {
		// Nobody is signed in: the entry names the attempt, not an account.
		actor = access.NewPrincipal("", username, "未登录用户", "", "", nil)
		ev.EntityName = username
		ev.Summary = "以不存在的用户名“" + username + "”" + summary
		ev.Detail = map[string]string{"username": username}
	}
	actor.IP = ip
	return s.DB.Tx(ctx, func(tx *db.Tx) error { return s.Audit.Append(ctx, tx, actor, ev) })
}

// decoyHash is checked against when a user name is unknown, so that a wrong name costs as much
// time as a wrong password (it is the bcrypt hash of a random value nobody knows).
var decoyHash = func() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	h, err := HashPassword(base64.RawStdEncoding.EncodeToString(b))
	if err != nil {
		panic(err)
	}
	return h
}()

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
	return s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionLogout, Entity: "account", EntityID: p.AccountID,
			EntityName: p.Username + "（" + p.DisplayName + "）", RegionCode: p.RegionCode, Summary: "退出系统"})
	})
}
