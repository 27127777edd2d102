package account

import (
	"context"
	"net/http"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/httpx"
)

// LoginInput is a sign-in request.
type LoginInput struct {
	Username string `json:"username" text:"64"`
	Password string `json:"password" text:"128"`
}

// Me is the caller's account and permissions.
type Me struct {
	Account     Account             `json:"account"`
	Permissions []access.Permission `json:"permissions"`
}

// ResetInput sets a password chosen by an administrator.
type ResetInput struct {
	Password string `json:"password" text:"128"`
}

// Routes returns the sign-in and accounts API.
func (s *Service) Routes() []httpx.Route {
	return append(httpx.Tagged("登录",
		httpx.Post("/api/v1/auth/login", "", "登录，返回会话令牌并设置会话 Cookie",
			httpx.Raw(s.handleLogin, httpx.Doc{Body: LoginInput{}, Response: Session{}})).AsPublic(),
		httpx.Post("/api/v1/auth/logout", "", "退出登录", httpx.Raw(s.handleLogout, httpx.Doc{Response: httpx.Done{}})).Anytime(),
		httpx.Get("/api/v1/auth/me", "", "当前账号、所属机构、辖区与权限", httpx.Fetch(s.me)).Anytime(),
		httpx.Post("/api/v1/auth/password", "", "修改本人密码（结束本账号的其他会话）",
			httpx.Raw(s.handlePassword, httpx.Doc{Body: PasswordInput{}, Response: httpx.Done{}})).Anytime(),
	), httpx.Tagged("账号与角色",
		httpx.Get("/api/v1/accounts", access.AccountRead, "查询账号", httpx.Listing(s.List)),
		httpx.Get("/api/v1/accounts/{id}", access.AccountRead, "账号详情", httpx.ByID(s.Get)),
		httpx.Post("/api/v1/accounts", access.AccountWrite, "新增账号（管理员账号须提交变更申请）", httpx.WithBody(s.Create).Created()),
		httpx.Put("/api/v1/accounts/{id}", access.AccountWrite, "修改账号（姓名、机构、角色、停用）", httpx.ByIDWithBody(s.Update)),
		httpx.Post("/api/v1/accounts/{id}/unlock", access.AccountWrite, "解锁账号", httpx.ByID(s.Unlock)),
		httpx.Post("/api/v1/accounts/{id}/reset-password", access.AccountWrite, "重置密码（下次登录须修改）",
			httpx.ByIDWithBody(s.resetPassword)),
		httpx.Get("/api/v1/account-requests", access.AccountApprove, "管理员账号变更申请（三员分立，双人审批）", httpx.Listing(s.ListRequests)),
		httpx.Post("/api/v1/account-requests", access.AccountWrite, "申请新增、变更管理员账号或重置其密码（须由另一名管理员审批）",
			httpx.WithBody(s.RequestChange).Created()),
		httpx.Post("/api/v1/account-requests/{id}/approve", access.AccountApprove,
			"审批通过变更申请（申请人以外的管理员；新账号或重置的一次性密码仅此一次显示）", httpx.ByID(s.Approve)),
		httpx.Post("/api/v1/account-requests/{id}/reject", access.AccountApprove, "不予批准变更申请", httpx.ByIDWithBody(s.Reject)),
	)...)
}

func (s *Service) handleLogin(w http.ResponseWriter, r *http.Request) error {
	var in LoginInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	sess, err := s.Login(r.Context(), in.Username, in.Password, httpx.ClientIP(r), r.UserAgent())
	if err != nil {
		return err
	}
	expires, _ := clock.ParseStamp(sess.ExpiresAt)
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: sess.Token, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies || r.TLS != nil})
	return httpx.OK(w, sess)
}

func (s *Service) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if err := s.Logout(r.Context(), httpx.Principal(r), Token(r)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies || r.TLS != nil})
	return httpx.OK(w, httpx.Done{OK: true})
}

// handlePassword changes the caller's password; it needs the request's own session token to
// keep that session while ending the others.
func (s *Service) handlePassword(w http.ResponseWriter, r *http.Request) error {
	var in PasswordInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := s.ChangePassword(r.Context(), httpx.Principal(r), Token(r), in); err != nil {
		return err
	}
	return httpx.OK(w, httpx.Done{OK: true})
}

func (s *Service) me(ctx context.Context, p *access.Principal) (Me, error) {
	a, err := s.Me(ctx, p)
	return Me{Account: a, Permissions: p.Permissions()}, err
}

func (s *Service) resetPassword(ctx context.Context, p *access.Principal, id string, in ResetInput) (httpx.Done, error) {
	return httpx.Done{OK: true}, s.ResetPassword(ctx, p, id, in.Password)
}
