// Package access holds who the caller is (Principal), what they may do (roles and permissions)
// and where (Scope, a region subtree). Routes name a permission; stores filter by Scope.
package access

import (
	"context"
	"slices"

	"zhifa/internal/platform/apperr"
)

// Permission is one thing a route lets a caller do.
type Permission string

const (
	RegionRead   Permission = "region.read"
	RegionWrite  Permission = "region.write"
	OrgRead      Permission = "org.read"
	OrgWrite     Permission = "org.write"
	PeopleRead   Permission = "people.read"
	PeopleWrite  Permission = "people.write"
	PeoplePII    Permission = "people.pii" // see full resident ID numbers and phones; every use is audited
	ReformRead   Permission = "reform.read"
	ReformWrite  Permission = "reform.write"
	AccountRead  Permission = "account.read"
	AccountWrite Permission = "account.write"
	// AccountApprove carries out or refuses a change to an administrator account that another
	// administrator asked for (双人审批); nobody approves their own request.
	AccountApprove Permission = "account.approve"
	AuditRead      Permission = "audit.read"
	CatalogRead    Permission = "catalog.read"   // 权责清单与裁量基准：查看、查询行使主体、计算裁量档次
	CatalogWrite   Permission = "catalog.write"  // 编制、修订、发布权责清单事项，登记划转下放决定，制定裁量基准
	CalendarRead   Permission = "calendar.read"  // 查看工作日历、计算期限
	CaseRead       Permission = "case.read"      // 查看本辖区的案件线索与案件
	CaseHandle     Permission = "case.handle"    // 登记线索、立案申请、承办案件（仅限本人承办的案件）
	CaseApprove    Permission = "case.approve"   // 审批立案、调查终结审查、集体讨论、作出决定、延期与回避决定
	CaseReview     Permission = "case.review"    // 法制审核
	CaseSettings   Permission = "case.settings"  // 设置办案期限、听证标准与文书编号
	CalendarWrite  Permission = "calendar.write" // 导入每年的节假日安排（工作日历）
	GridRead       Permission = "grid.read"      // 查看网格、定位所在网格
	GridWrite      Permission = "grid.write"     // 导入网格与辖区边界
	EventRead      Permission = "event.read"     // 查看本辖区的事件、处置指标
	EventReport    Permission = "event.report"   // 上报事件（网格员、执法队员、调度员）
	EventDispatch  Permission = "event.dispatch" // 受理立案、派遣、核查结案、退回改派、批准延期
	EventHandle    Permission = "event.handle"   // 处置单位：报到、处置反馈、申请退回与延期（仅限派给本单位的事件）
	EventSettings  Permission = "event.settings" // 设置事件分类、处置时限与办公时间
)

// PermissionInfo names a permission for the console and the API.
type PermissionInfo struct {
	Code Permission `json:"code"`
	Name string     `json:"name"`
}

// permissions names every permission, in display order.
var permissions = []PermissionInfo{
	{RegionRead, "查看行政区划"},
	{RegionWrite, "维护行政区划"},
	{OrgRead, "查看组织机构"},
	{OrgWrite, "维护组织机构"},
	{PeopleRead, "查看执法人员"},
	{PeopleWrite, "维护执法人员"},
	{PeoplePII, "查看完整身份证号与手机号"},
	{ReformRead, "查看改革指标"},
	{ReformWrite, "设置改革指标阈值"},
	{AccountRead, "查看账号"},
	{AccountWrite, "管理账号与角色"},
	{AccountApprove, "审批管理员账号变更"},
	{AuditRead, "查看审计日志"},
	{CatalogRead, "查看权责清单与裁量基准"},
	{CatalogWrite, "编制权责清单与裁量基准"},
	{CalendarRead, "查看工作日历与计算期限"},
	{CalendarWrite, "导入节假日安排"},
	{CaseRead, "查看案件"},
	{CaseHandle, "承办案件"},
	{CaseApprove, "审批案件"},
	{CaseReview, "法制审核"},
	{CaseSettings, "设置办案期限与文书编号"},
	{GridRead, "查看网格"},
	{GridWrite, "导入网格"},
	{EventRead, "查看事件"},
	{EventReport, "上报事件"},
	{EventDispatch, "受理派遣事件"},
	{EventHandle, "处置事件"},
	{EventSettings, "设置事件分类与时限"},
}

// AllPermissions returns every permission with its Chinese name, in display order.
func AllPermissions() []PermissionInfo { return slices.Clone(permissions) }

// Role is a named bundle of permissions.
type Role string

const (
	SysAdmin   Role = "sysadmin"   // 系统管理员
	SecAdmin   Role = "secadmin"   // 安全管理员
	Auditor    Role = "auditor"    // 安全审计员
	Leader     Role = "leader"     // 领导
	Dispatcher Role = "dispatcher" // 调度员
	Officer    Role = "officer"    // 执法队员
	Legal      Role = "legal"      // 法制审核员
	Liaison    Role = "liaison"    // 部门联络员
	Grid       Role = "grid"       // 网格员
	Staffing   Role = "staffing"   // 编制管理员
)

// RoleInfo describes a role for the console and the API.
type RoleInfo struct {
	Code        Role         `json:"code"`
	Name        string       `json:"name"`
	Permissions []Permission `json:"permissions"`
}

// Roles lists every role with its permissions. The three administrators are kept apart
// (三员分立, GB/T 22239 等级保护): the system administrator runs the system, the security
// administrator manages accounts and roles, the auditor alone reads the audit log.
var roles = []RoleInfo{
	{SysAdmin, "系统管理员", []Permission{RegionRead, RegionWrite, OrgRead, OrgWrite, PeopleRead, PeopleWrite, ReformRead, ReformWrite, CatalogRead, AccountApprove, CalendarWrite, CalendarRead, CaseSettings, GridRead, GridWrite, EventSettings}},
	{SecAdmin, "安全管理员", []Permission{RegionRead, OrgRead, AccountRead, AccountWrite, AccountApprove, CalendarRead}},
	{Auditor, "安全审计员", []Permission{RegionRead, OrgRead, AuditRead, CalendarRead, CaseRead}},
	{Leader, "领导", []Permission{RegionRead, OrgRead, PeopleRead, PeoplePII, ReformRead, CatalogRead, CalendarRead, CaseRead, CaseApprove, GridRead, EventRead, EventReport}},
	{Dispatcher, "调度员", []Permission{RegionRead, OrgRead, PeopleRead, CatalogRead, CalendarRead, CaseRead, CaseHandle, GridRead, EventRead, EventReport, EventDispatch}},
	{Officer, "执法队员", []Permission{RegionRead, OrgRead, PeopleRead, CatalogRead, CalendarRead, CaseRead, CaseHandle, GridRead, EventRead, EventReport, EventHandle}},
	{Legal, "法制审核员", []Permission{RegionRead, OrgRead, PeopleRead, CatalogRead, CatalogWrite, CalendarRead, CaseRead, CaseReview, CaseSettings}},
	{Liaison, "部门联络员", []Permission{RegionRead, OrgRead, CatalogRead, CalendarRead, GridRead, EventRead, EventReport, EventHandle}},
	{Grid, "网格员", []Permission{RegionRead, OrgRead, CatalogRead, CalendarRead, GridRead, EventReport}},
	{Staffing, "编制管理员", []Permission{RegionRead, OrgRead, PeopleRead, PeopleWrite, PeoplePII, ReformRead, ReformWrite, CatalogRead, CatalogWrite, CalendarRead}},
}

// AllRoles returns every role, in display order.
func AllRoles() []RoleInfo { return slices.Clone(roles) }

// LookupRole finds a role by code.
func LookupRole(code Role) (RoleInfo, bool) {
	for _, r := range roles {
		if r.Code == code {
			return r, true
		}
	}
	return RoleInfo{}, false
}

// threeAdmins are the roles that must never be held together (三员分立).
var threeAdmins = []Role{SysAdmin, SecAdmin, Auditor}

// IsAdministrator reports whether a role is one of the three administrators (三员).
func IsAdministrator(r Role) bool { return slices.Contains(threeAdmins, r) }

// CheckRoles validates a set of roles for one account: known codes, at least one, no repeats,
// and at most one of the three administrator roles.
func CheckRoles(rs []Role) error {
	if len(rs) == 0 {
		return apperr.InvalidField("roles", "ROLE_REQUIRED", "至少选择一个角色")
	}
	seen := map[Role]bool{}
	admins := 0
	for _, r := range rs {
		if _, ok := LookupRole(r); !ok {
			return apperr.InvalidField("roles", "ROLE_UNKNOWN", "未知角色："+string(r))
		}
		if seen[r] {
			return apperr.InvalidField("roles", "ROLE_DUPLICATE", "角色重复："+string(r))
		}
		seen[r] = true
		if slices.Contains(threeAdmins, r) {
			admins++
		}
	}
	if admins > 1 {
		return apperr.InvalidField("roles", "ROLE_SEPARATION",
			"系统管理员、安全管理员、安全审计员须由不同账号担任（三员分立）").WithRule("网络安全等级保护基本要求 GB/T 22239-2019 三员分立")
	}
	return nil
}

type ctxKey struct{}

// With returns a context carrying the principal.
func With(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the principal in the context, or nil.
func From(ctx context.Context) *Principal {
	p, _ := ctx.Value(ctxKey{}).(*Principal)
	return p
}

// Require returns a forbidden error unless the principal holds perm.
func Require(p *Principal, perm Permission) error {
	if p == nil {
		return apperr.Unauthorized("SESSION_REQUIRED", "请先登录")
	}
	if !p.Can(perm) {
		return apperr.Forbidden("当前账号无权执行此操作（需要权限 " + string(perm) + "）")
	}
	return nil
}
