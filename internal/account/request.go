package account

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
)

// separationRule is cited wherever the separation of the three administrators blocks a change.
const separationRule = "GB/T 22239-2019 8.1.4.2 访问控制 / 8.1.10.3 安全管理中心：三员分立，特权账号变更双人审批"

// Kinds of request.
const (
	RequestCreate = "create"         // 新增管理员账号
	RequestUpdate = "update"         // 变更管理员账号的角色、机构或停用状态，或授予管理员角色
	RequestReset  = "reset_password" // 重置管理员账号的密码
)

var requestKindNames = map[string]string{RequestCreate: "新增账号", RequestUpdate: "变更账号", RequestReset: "重置密码"}

// Request statuses.
const (
	RequestPending  = "pending"
	RequestApproved = "approved"
	RequestRejected = "rejected"
)

// NewAccount is the account a create request asks for. It carries no password: the approver
// receives a one-time password when the account is made, so that the requester never knows it.
type NewAccount struct {
	Username    string        `json:"username" text:"32"`
	DisplayName string        `json:"displayName" text:"50"`
	OrgID       string        `json:"orgId" text:"64"`
	Roles       []access.Role `json:"roles" text:"32"`
}

// RequestInput asks for a change to an administrator account.
type RequestInput struct {
	Kind      string       `json:"kind" text:"32" required:"true"`
	AccountID string       `json:"accountId,omitempty" text:"64"` // update, reset_password
	Create    *NewAccount  `json:"create,omitempty"`              // create
	Update    *UpdateInput `json:"update,omitempty"`              // update
	Reason    string       `json:"reason" text:"500,multiline" required:"true"`
}

// Request is a change to an administrator account waiting for, or decided by, a second
// administrator.
type Request struct {
	ID              string       `db:"id" json:"id"`
	Kind            string       `db:"kind" json:"kind" jsonschema:"enum=create,enum=update,enum=reset_password"`
	KindName        string       `db:"-" json:"kindName"`
	AccountID       string       `db:"account_id" json:"accountId"`
	Username        string       `db:"username" json:"username"`
	RegionCode      string       `db:"region_code" json:"regionCode"`
	PayloadJSON     string       `db:"payload" json:"-"`
	Create          *NewAccount  `db:"-" json:"create,omitempty"`
	Update          *UpdateInput `db:"-" json:"update,omitempty"`
	Reason          string       `db:"reason" json:"reason"`
	Status          string       `db:"status" json:"status" jsonschema:"enum=pending,enum=approved,enum=rejected"`
	RequestedBy     string       `db:"requested_by" json:"requestedBy"`
	RequestedByName string       `db:"requested_by_name" json:"requestedByName"`
	RequestedAt     string       `db:"requested_at" json:"requestedAt"`
	DecidedBy       string       `db:"decided_by" json:"decidedBy"`
	DecidedByName   string       `db:"decided_by_name" json:"decidedByName"`
	DecidedAt       string       `db:"decided_at" json:"decidedAt"`
	DecisionReason  string       `db:"decision_reason" json:"decisionReason"`
}

// Approval is the outcome of approving a request. OneTimePassword is shown once, to the
// approver, for a new account or a reset password; the user must change it at first sign-in.
type Approval struct {
	Request         Request `json:"request"`
	Account         Account `json:"account"`
	OneTimePassword string  `json:"oneTimePassword,omitempty"`
}

// DecisionInput gives the reason for refusing a request.
type DecisionInput struct {
	Reason string `json:"reason" text:"500,multiline" required:"true"`
}

func privileged(roles []access.Role) bool {
	for _, r := range roles {
		if access.IsAdministrator(r) {
			return true
		}
	}
	return false
}

// needsApproval refuses a direct change that creates, changes or resets an administrator
// account: before and after are the account's roles before and after the change. The system
// itself (the demo loader and first installation) is not held to it.
func (s *Service) needsApproval(p *access.Principal, before, after []access.Role) error {
	if p.IsSystem() || !(privileged(before) || privileged(after)) {
		return nil
	}
	return apperr.Forbidden("管理员账号（系统管理员、安全管理员、安全审计员）的新增、角色与状态变更和密码重置，须提交变更申请并由另一名管理员审批").
		WithCode("ACCOUNT_APPROVAL_REQUIRED").WithRule(separationRule)
}

const (
	requestColumns = `q.id, q.kind, q.account_id, q.username, q.region_code, q.payload, q.reason, q.status,
	q.requested_by, COALESCE(a.display_name, '') AS requested_by_name, q.requested_at,
	q.decided_by, COALESCE(d.display_name, '') AS decided_by_name, q.decided_at, q.decision_reason`
	requestFrom = `account_requests q
	LEFT JOIN accounts a ON a.id = q.requested_by
	LEFT JOIN accounts d ON d.id = q.decided_by`
	selectRequest = `SELECT ` + requestColumns + ` FROM ` + requestFrom
)

func (q *Request) finish() error {
	q.KindName = requestKindNames[q.Kind]
	switch q.Kind {
	case RequestCreate:
		q.Create = &NewAccount{}
		return json.Unmarshal([]byte(q.PayloadJSON), q.Create)
	case RequestUpdate:
		q.Update = &UpdateInput{}
		return json.Unmarshal([]byte(q.PayloadJSON), q.Update)
	}
	return nil
}

// RequestChange records a change to an administrator account for another administrator to
// approve. It checks everything it can now, so that an approval fails only if the data changed
// in between.
func (s *Service) RequestChange(ctx context.Context, p *access.Principal, in RequestInput) (Request, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Reason == "" {
		return Request{}, apperr.InvalidField("reason", "ACCOUNT_REQUEST_REASON_REQUIRED", "请填写申请理由")
	}
	q := Request{ID: ids.New(), Kind: in.Kind, Reason: in.Reason, Status: RequestPending}
	var payload any
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		switch in.Kind {
		case RequestCreate:
			if in.Create == nil {
				return apperr.InvalidField("create", "BODY_FIELD_REQUIRED", "缺少必填字段：create")
			}
			c := *in.Create
			if err := c.check(); err != nil {
				return err
			}
			if !privileged(c.Roles) {
				return notPrivileged()
			}
			if _, err := s.get(ctx, tx, "a.username = ?", c.Username); err == nil {
				return usernameExists(c.Username)
			}
			o, err := s.orgInScope(ctx, tx, p, c.OrgID)
			if err != nil {
				return err
			}
			q.Username, q.RegionCode, payload = c.Username, o.RegionCode, c
		case RequestUpdate, RequestReset:
			target, err := s.Get(ctx, p, in.AccountID)
			if err != nil {
				return err
			}
			if target.ID == p.AccountID {
				return apperr.Forbidden("不能为本人账号提交变更申请，须由另一名安全管理员办理").WithCode("ACCOUNT_SELF_CHANGE").WithRule(separationRule)
			}
			q.AccountID, q.Username, q.RegionCode, payload = target.ID, target.Username, target.RegionCode, map[string]any{}
			if in.Kind == RequestUpdate {
				if in.Update == nil {
					return apperr.InvalidField("update", "BODY_FIELD_REQUIRED", "缺少必填字段：update")
				}
				u := *in.Update
				if err := u.check(); err != nil {
					return err
				}
				if !privileged(target.Roles) && !privileged(u.Roles) {
					return notPrivileged()
				}
				if _, err := s.orgInScope(ctx, tx, p, u.OrgID); err != nil {
					return err
				}
				payload = u
			} else if !privileged(target.Roles) {
				return notPrivileged()
			}
		default:
			return apperr.InvalidField("kind", "ACCOUNT_REQUEST_KIND_UNKNOWN", "申请类型应为 create、update 或 reset_password")
		}
		var open int
		if err := db.Get(ctx, tx, &open, `SELECT COUNT(*) FROM account_requests WHERE username = ? AND status = ?`,
			q.Username, RequestPending); err != nil {
			return err
		}
		if open > 0 {
			return apperr.Conflict("ACCOUNT_REQUEST_PENDING", "账号 "+q.Username+" 已有待审批的变更申请")
		}
		raw, err := json.Marshal(payload)
		if err != nil {
			return err
		}
		q.PayloadJSON, q.RequestedBy, q.RequestedAt = string(raw), p.AccountID, clock.Stamp(s.Clock.Now())
		if _, err := db.Exec(ctx, tx, `INSERT INTO account_requests (id, kind, account_id, username, region_code, payload, reason,
			status, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, q.ID, q.Kind, q.AccountID, q.Username,
			q.RegionCode, q.PayloadJSON, q.Reason, q.Status, q.RequestedBy, q.RequestedAt); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: "account_request", EntityID: q.ID,
			EntityName: requestKindNames[q.Kind] + "：" + q.Username, RegionCode: q.RegionCode, Summary: fmt.Sprintf("申请%s：%s（待另一名管理员审批）", requestKindNames[q.Kind], q.Username),
			Detail: map[string]any{"kind": q.Kind, "payload": payload, "reason": q.Reason}})
	})
	if err != nil {
		return Request{}, err
	}
	return s.getRequest(ctx, s.DB.R, p, q.ID)
}

func notPrivileged() error {
	return apperr.Invalid("ACCOUNT_REQUEST_NOT_NEEDED", "该变更不涉及管理员角色，请直接在账号管理中办理")
}

func (s *Service) getRequest(ctx context.Context, c db.Conn, p *access.Principal, id string) (Request, error) {
	var q Request
	err := db.Get(ctx, c, &q, selectRequest+` WHERE q.id = ?`, id)
	if db.IsNoRows(err) || err == nil && !p.Scope().Contains(q.RegionCode) {
		return Request{}, apperr.NotFound("变更申请")
	}
	if err != nil {
		return Request{}, err
	}
	return q, q.finish()
}

// RequestFilter narrows the list of requests.
type RequestFilter struct {
	Status string `query:"status" doc:"pending、approved、rejected"`
}

// ListRequests returns one page of requests inside the caller's jurisdiction, newest first;
// status narrows to pending, approved or rejected.
func (s *Service) ListRequests(ctx context.Context, p *access.Principal, f RequestFilter, pg httpx.Page) ([]Request, int, error) {
	var w query.Where
	w.Add(p.Scope().In("q.region_code"))
	w.If(f.Status != "", "q.status = ?", f.Status)
	out, total, err := query.List[Request](ctx, s.DB.R, requestColumns, requestFrom, &w, " ORDER BY q.requested_at DESC, q.id", pg)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		if err := out[i].finish(); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// decide loads a pending request for the approver p and checks that p may decide it: not the
// requester, not the account concerned.
func (s *Service) decide(ctx context.Context, tx *db.Tx, p *access.Principal, id string) (Request, error) {
	q, err := s.getRequest(ctx, tx, p, id)
	if err != nil {
		return Request{}, err
	}
	if q.Status != RequestPending {
		return Request{}, apperr.Conflict("ACCOUNT_REQUEST_DECIDED", "该申请已经处理")
	}
	if q.RequestedBy == p.AccountID {
		return Request{}, apperr.Forbidden("不能审批本人提交的申请，须由另一名管理员审批").WithCode("ACCOUNT_SELF_APPROVAL").WithRule(separationRule)
	}
	if q.AccountID != "" && q.AccountID == p.AccountID {
		return Request{}, apperr.Forbidden("不能审批涉及本人账号的申请").WithCode("ACCOUNT_SELF_APPROVAL").WithRule(separationRule)
	}
	return q, nil
}

// Approve carries out a pending request on behalf of its requester, recording the approver. A
// new account and a reset password get a one-time password, returned to the approver only.
func (s *Service) Approve(ctx context.Context, p *access.Principal, id string) (Approval, error) {
	var out Approval
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		q, err := s.decide(ctx, tx, p, id)
		if err != nil {
			return err
		}
		requester, err := s.get(ctx, tx, "a.id = ?", q.RequestedBy)
		if err != nil {
			return err
		}
		note := fmt.Sprintf("（%s 申请，%s 审批）", requester.DisplayName, p.DisplayName)
		// The change stays inside the requester's jurisdiction as well as the approver's.
		asRequester := requester.Principal()
		accountID := q.AccountID
		switch q.Kind {
		case RequestCreate:
			out.OneTimePassword = oneTimePassword(q.Username)
			hash, err := HashPassword(out.OneTimePassword)
			if err != nil {
				return err
			}
			c := q.Create
			in := Input{Username: c.Username, DisplayName: c.DisplayName, OrgID: c.OrgID, Roles: c.Roles, Password: out.OneTimePassword}
			if err := in.check(); err != nil {
				return err
			}
			if accountID, err = s.insertAccount(ctx, tx, p, asRequester, in, hash, true, note); err != nil {
				return err
			}
		case RequestUpdate:
			old, err := s.get(ctx, tx, "a.id = ?", q.AccountID)
			if err != nil {
				return err
			}
			in := *q.Update
			if err := in.check(); err != nil {
				return err
			}
			if err := s.applyUpdate(ctx, tx, p, asRequester, old, in, note); err != nil {
				return err
			}
		case RequestReset:
			target, err := s.get(ctx, tx, "a.id = ?", q.AccountID)
			if err != nil {
				return err
			}
			out.OneTimePassword = oneTimePassword(target.Username)
			if err := s.storePassword(ctx, tx, p, target, out.OneTimePassword, passwordReset, "", "password"); err != nil {
				return err
			}
		}
		now := clock.Stamp(s.Clock.Now())
		if _, err := db.Exec(ctx, tx, `UPDATE account_requests SET status = ?, account_id = ?, decided_by = ?, decided_at = ?
			WHERE id = ?`, RequestApproved, accountID, p.AccountID, now, q.ID); err != nil {
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account_request", EntityID: q.ID,
			EntityName: q.KindName + "：" + q.Username, RegionCode: q.RegionCode, Summary: fmt.Sprintf("审批通过%s：%s%s", q.KindName, q.Username, note)}); err != nil {
			return err
		}
		if out.Request, err = s.getRequest(ctx, tx, p, q.ID); err != nil {
			return err
		}
		out.Account, err = s.get(ctx, tx, "a.id = ?", accountID)
		return err
	})
	return out, err
}

// Reject refuses a pending request with a reason.
func (s *Service) Reject(ctx context.Context, p *access.Principal, id string, in DecisionInput) (Request, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Reason == "" {
		return Request{}, apperr.InvalidField("reason", "ACCOUNT_REQUEST_REASON_REQUIRED", "请填写不予批准的理由")
	}
	var out Request
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		q, err := s.decide(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `UPDATE account_requests SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
			WHERE id = ?`, RequestRejected, p.AccountID, clock.Stamp(s.Clock.Now()), in.Reason, q.ID); err != nil {
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "account_request", EntityID: q.ID,
			EntityName: q.KindName + "：" + q.Username, RegionCode: q.RegionCode, Summary: fmt.Sprintf("不予批准%s：%s（%s）", q.KindName, q.Username, in.Reason)}); err != nil {
			return err
		}
		out, err = s.getRequest(ctx, tx, p, q.ID)
		return err
	})
	return out, err
}

// oneTimePassword makes a random password that meets the password rules for username: 16
// characters from upper case, lower case, digits and symbols, with at least one of each.
func oneTimePassword(username string) string {
	for {
		if pw := randomPassword(); CheckPassword(username, pw) == nil {
			return pw
		}
	}
}

func randomPassword() string {
	sets := []string{"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+-=@^_"}
	all := strings.Join(sets, "")
	pick := func(from string) byte {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(from))))
		if err != nil {
			panic(err)
		}
		return from[n.Int64()]
	}
	b := make([]byte, 16)
	for i := range b {
		if i < len(sets) {
			b[i] = pick(sets[i])
		} else {
			b[i] = pick(all)
		}
	}
	// Shuffle so that the guaranteed classes are not always first.
	for i := len(b) - 1; i > 0; i-- {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		j := n.Int64()
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// FirstAccount is an account made when the platform is installed, with its one-time password.
type FirstAccount struct {
	Username        string      `json:"username"`
	Role            access.Role `json:"role"`
	OneTimePassword string      `json:"oneTimePassword"`
}

// Bootstrap makes the first accounts of a new installation, as the system: one account per
// username and role, in the organisation orgID, each with a one-time password that must be
// changed at the first sign-in. It refuses once any account exists; from then on accounts are
// managed in the console, administrator accounts by two administrators.
func (s *Service) Bootstrap(ctx context.Context, orgID string, roles map[string]access.Role) ([]FirstAccount, error) {
	var out []FirstAccount
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		var n int
		if err := db.Get(ctx, tx, &n, `SELECT COUNT(*) FROM accounts`); err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflict("BOOTSTRAP_DONE", "平台已有账号，初始账号只能在空库上创建；此后请由安全管理员在控制台管理账号")
		}
		names := make([]string, 0, len(roles))
		for u := range roles {
			names = append(names, u)
		}
		slices.Sort(names)
		for _, u := range names {
			pw := oneTimePassword(u)
			in := Input{Username: u, DisplayName: u, Password: pw, OrgID: orgID, Roles: []access.Role{roles[u]}}
			if err := in.check(); err != nil {
				return err
			}
			hash, err := HashPassword(pw)
			if err != nil {
				return err
			}
			if _, err := s.insertAccount(ctx, tx, access.System(), access.System(), in, hash, true, "（安装时创建，首次登录须修改密码）"); err != nil {
				return err
			}
			out = append(out, FirstAccount{Username: in.Username, Role: roles[u], OneTimePassword: pw})
		}
		return nil
	})
	return out, err
}
