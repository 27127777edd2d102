package account

import (
	"regexp"
	"strings"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
)

// Account is a user account as the API shows it.
type Account struct {
	ID                 string                 `db:"id" json:"id"`
	Username           string                 `db:"username" json:"username"`
	DisplayName        string                 `db:"display_name" json:"displayName"`
	OrgID              string                 `db:"org_id" json:"orgId"`
	OrgName            string                 `db:"org_name" json:"orgName"`
	RegionCode         string                 `db:"region_code" json:"regionCode"`
	RegionName         string                 `db:"region_name" json:"regionName"`
	PersonID           string                 `db:"person_id" json:"personId"` // the member of staff the account belongs to, "" for none
	PersonName         string                 `db:"person_name" json:"personName"`
	RolesJSON          db.JSON[[]access.Role] `db:"roles" json:"-"`
	Roles              []access.Role          `db:"-" json:"roles"`
	FailedLogins       int                    `db:"failed_logins" json:"failedLogins"`
	LockedUntil        string                 `db:"locked_until" json:"lockedUntil"`
	Locked             bool                   `db:"-" json:"locked"`
	MustChangePassword bool                   `db:"must_change_password" json:"mustChangePassword"`
	Disabled           bool                   `db:"disabled" json:"disabled"`
	LastLoginAt        string                 `db:"last_login_at" json:"lastLoginAt"`
	PasswordChangedAt  string                 `db:"password_changed_at" json:"passwordChangedAt"`
	PasswordHash       string                 `db:"password_hash" json:"-"`
}

func (a *Account) finish(now time.Time) {
	a.Roles = a.RolesJSON.V
	if a.Roles == nil {
		a.Roles = []access.Role{}
	}
	a.Locked = a.LockedUntil != "" && a.LockedUntil > now.UTC().Format("2006-01-02T15:04:05.000Z")
}

// label names the account in the audit log: user name and the person's name.
func (a *Account) label() string { return a.Username + "（" + a.DisplayName + "）" }

// Principal turns the account into the caller of a request.
func (a *Account) Principal() *access.Principal {
	p := access.NewPrincipal(a.ID, a.Username, a.DisplayName, a.OrgID, a.RegionCode, a.Roles)
	p.MustChangePassword = a.MustChangePassword
	p.PersonID = a.PersonID
	return p
}

// Input creates an account.
type Input struct {
	Username    string        `json:"username" text:"32"`
	DisplayName string        `json:"displayName" text:"50"`
	Password    string        `json:"password" text:"128"`
	OrgID       string        `json:"orgId" text:"64"`
	Roles       []access.Role `json:"roles"`
	PersonID    string        `json:"personId,omitempty" text:"64"` // 对应的执法人员（实名），可空
}

// UpdateInput changes an account.
type UpdateInput struct {
	DisplayName string        `json:"displayName" text:"50"`
	OrgID       string        `json:"orgId" text:"64"`
	Roles       []access.Role `json:"roles"`
	Disabled    bool          `json:"disabled"`
	PersonID    *string       `json:"personId,omitempty" text:"64"` // 对应的执法人员（实名）：省略则不变，空串表示解除
}

var usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9._-]{2,31}$`)

// CheckUsername validates a login name: 3–32 lower-case letters, digits, dot, dash or underscore,
// starting with a letter.
func CheckUsername(u string) error {
	if !usernamePattern.MatchString(u) {
		return apperr.InvalidField("username", "USERNAME_INVALID", "用户名应为3到32位小写字母、数字、点、横线或下划线，并以字母开头")
	}
	return nil
}

func (in *Input) check() error {
	n := NewAccount{Username: in.Username, DisplayName: in.DisplayName, OrgID: in.OrgID, Roles: in.Roles}
	if err := n.check(); err != nil {
		return err
	}
	in.Username, in.DisplayName = n.Username, n.DisplayName
	if err := CheckPassword(in.Username, in.Password); err != nil {
		return err
	}
	return nil
}

// check validates and normalises an account's user name, name and roles.
func (n *NewAccount) check() error {
	n.Username = strings.TrimSpace(n.Username)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	if err := CheckUsername(n.Username); err != nil {
		return err
	}
	if n.DisplayName == "" {
		return apperr.InvalidField("displayName", "DISPLAY_NAME_REQUIRED", "姓名不能为空")
	}
	return access.CheckRoles(n.Roles)
}

// Policy holds the sign-in settings.
type Policy struct {
	MaxFailures     int           // failed sign-ins before the account locks
	LockFor         time.Duration // how long a lock lasts
	SessionIdle     time.Duration // a session ends after this long unused
	SessionLifetime time.Duration // and in any case after this long
}

// DefaultPolicy follows common 等保 practice: lock after 5 failures for 15 minutes, sessions end
// after 30 idle minutes or 12 hours.
var DefaultPolicy = Policy{MaxFailures: 5, LockFor: 15 * time.Minute, SessionIdle: 30 * time.Minute, SessionLifetime: 12 * time.Hour}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "account", Name: "账号"}, {Code: "account_request", Name: "管理员账号变更申请"}}
