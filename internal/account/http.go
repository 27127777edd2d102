package account

import (
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
	accountQuery := []httpx.Param{{Name: "q"}, {Name: "role"}, {Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}}
	return []httpx.Route{
		{Method: "POST", Path: "/api/v1/auth/login", Public: true, Tag: "登录", Summary: "登录，返回会话令牌并设置会话 Cookie",
			Body: LoginInput{}, Response: Session{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
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
			}},
		{Method: "POST", Path: "/api/v1/auth/logout", Tag: "登录", BeforePasswordChange: true, Summary: "退出登录",
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				if err := s.Logout(r.Context(), httpx.Principal(r), Token(r)); err != nil {
					return err
				}
				http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1, HttpOnly: true,
					SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies || r.TLS != nil})
				return httpx.OK(w, map[string]bool{"ok": true})
			}},
		{Method: "GET", Path: "/api/v1/auth/me", Tag: "登录", BeforePasswordChange: true, Summary: "当前账号、所属机构、辖区与权限",
			Response: Me{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				p := httpx.Principal(r)
				a, err := s.Me(r.Context(), p)
				if err != nil {
					return err
				}
				return httpx.OK(w, Me{Account: a, Permissions: p.Permissions()})
			}},
		{Method: "POST", Path: "/api/v1/auth/password", Tag: "登录", BeforePasswordChange: true, Summary: "修改本人密码",
			Body: PasswordInput{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in PasswordInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				if err := s.ChangePassword(r.Context(), httpx.Principal(r), Token(r), in); err != nil {
					return err
				}
				return httpx.OK(w, map[string]bool{"ok": true})
			}},
		{Method: "GET", Path: "/api/v1/accounts", Perm: access.AccountRead, Tag: "账号与角色", Summary: "查询账号",
			Query: accountQuery, Response: httpx.List[Account]{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				pg, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				items, total, err := s.List(r.Context(), httpx.Principal(r), Filter{Query: r.URL.Query().Get("q"), Role: access.Role(r.URL.Query().Get("role"))}, pg)
				if err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, pg))
			}},
		{Method: "GET", Path: "/api/v1/accounts/{id}", Perm: access.AccountRead, Tag: "账号与角色", Summary: "账号详情",
			Response: Account{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				a, err := s.Get(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, a)
			}},
		{Method: "POST", Path: "/api/v1/accounts", Perm: access.AccountWrite, Tag: "账号与角色", Summary: "新增账号",
			Body: Input{}, Response: Account{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				a, err := s.Create(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, a)
			}},
		{Method: "PUT", Path: "/api/v1/accounts/{id}", Perm: access.AccountWrite, Tag: "账号与角色", Summary: "修改账号（姓名、机构、角色、停用）",
			Body: UpdateInput{}, Response: Account{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in UpdateInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				a, err := s.Update(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, a)
			}},
		{Method: "POST", Path: "/api/v1/accounts/{id}/unlock", Perm: access.AccountWrite, Tag: "账号与角色", Summary: "解锁账号",
			Response: Account{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				a, err := s.Unlock(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, a)
			}},
		{Method: "POST", Path: "/api/v1/accounts/{id}/reset-password", Perm: access.AccountWrite, Tag: "账号与角色", Summary: "重置密码（下次登录须修改）",
			Body: ResetInput{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in ResetInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				if err := s.ResetPassword(r.Context(), httpx.Principal(r), r.PathValue("id"), in.Password); err != nil {
					return err
				}
				return httpx.OK(w, map[string]bool{"ok": true})
			}},
		{Method: "GET", Path: "/api/v1/account-requests", Perm: access.AccountApprove, Tag: "账号与角色",
			Summary: "管理员账号变更申请（三员分立，双人审批）", Query: []httpx.Param{{Name: "status", Description: "pending、approved、rejected"},
				{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}},
			Response: httpx.List[Request]{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				pg, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				items, total, err := s.ListRequests(r.Context(), httpx.Principal(r), r.URL.Query().Get("status"), pg)
				if err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, pg))
			}},
		{Method: "POST", Path: "/api/v1/account-requests", Perm: access.AccountWrite, Tag: "账号与角色",
			Summary: "申请新增、变更管理员账号或重置其密码（须由另一名管理员审批）", Body: RequestInput{}, Response: Request{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in RequestInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				q, err := s.RequestChange(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, q)
			}},
		{Method: "POST", Path: "/api/v1/account-requests/{id}/approve", Perm: access.AccountApprove, Tag: "账号与角色",
			Summary: "审批通过变更申请（申请人以外的管理员；新账号或重置的一次性密码仅此一次显示）", Response: Approval{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				out, err := s.Approve(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "POST", Path: "/api/v1/account-requests/{id}/reject", Perm: access.AccountApprove, Tag: "账号与角色",
			Summary: "不予批准变更申请", Body: DecisionInput{}, Response: Request{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in DecisionInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				q, err := s.Reject(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, q)
			}},
	}
}
