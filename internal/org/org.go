// Package org keeps organisations (机构): governments, line departments, the comprehensive
// enforcement bureau and its brigades and squadrons, township enforcement offices, and the police,
// procuratorate, court and credit bodies the bureau works with. Each has a region, a parent,
// enforcement domains and an approved staffing quota (编制) by post type.
package org

import (
	"slices"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
)

// Kind is the kind of an organisation.
type Kind string

const (
	KindGovernment     Kind = "government"      // 人民政府
	KindDepartment     Kind = "department"      // 业务主管部门
	KindBureau         Kind = "bureau"          // 综合行政执法局
	KindBrigade        Kind = "brigade"         // 执法大队
	KindSquadron       Kind = "squadron"        // 执法中队
	KindTownshipOffice Kind = "township_office" // 乡镇（街道）综合行政执法办公室
	KindStationed      Kind = "stationed"       // 派驻机构
	KindPolice         Kind = "police"          // 公安机关
	KindProcuratorate  Kind = "procuratorate"   // 检察院
	KindCourt          Kind = "court"           // 人民法院
	KindCredit         Kind = "credit"          // 信用管理机构
	// KindPartyOrgan (党委工作机关) is a working organ of the Party committee, such as the
	// committee's staffing office (机构编制委员会办公室, 编办) that approves staffing quotas: not a
	// people's government nor one of its departments.
	KindPartyOrgan Kind = "party_organ"
)

// Option is a code with its Chinese name, for selects.
type Option struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Kinds lists the organisation kinds in display order.
var Kinds = []Option{
	{string(KindGovernment), "人民政府"},
	{string(KindPartyOrgan), "党委工作机关"},
	{string(KindDepartment), "业务主管部门"},
	{string(KindBureau), "综合行政执法局"},
	{string(KindBrigade), "执法大队"},
	{string(KindSquadron), "执法中队"},
	{string(KindTownshipOffice), "乡镇（街道）综合行政执法办公室"},
	{string(KindStationed), "派驻机构"},
	{string(KindPolice), "公安机关"},
	{string(KindProcuratorate), "检察院"},
	{string(KindCourt), "人民法院"},
	{string(KindCredit), "信用管理机构"},
}

// KindName returns the Chinese name of a kind, or "" for an unknown kind.
func KindName(k Kind) string {
	for _, o := range Kinds {
		if o.Code == string(k) {
			return o.Name
		}
	}
	return ""
}

// EnforcementKinds are the kinds whose staff count as the comprehensive enforcement force.
var EnforcementKinds = []Kind{KindBureau, KindBrigade, KindSquadron, KindTownshipOffice}

// CheckDomains validates the enforcement domains (执法领域) an organisation or certificate covers,
// for the named field: each one of the known domains (see DomainList), none twice.
func CheckDomains(field string, ds, known []string) error {
	seen := map[string]bool{}
	for _, d := range ds {
		if !slices.Contains(known, d) {
			return apperr.InvalidField(field, "DOMAIN_UNKNOWN", "未知执法领域："+d)
		}
		if seen[d] {
			return apperr.InvalidField(field, "DOMAIN_DUPLICATE", "执法领域重复："+d)
		}
		seen[d] = true
	}
	return nil
}

// PostType is a kind of staffing post.
type PostType string

const (
	PostAdmin       PostType = "admin"       // 行政编
	PostCivil       PostType = "civil"       // 参公事业编（参照公务员法管理）
	PostInstitution PostType = "institution" // 事业编
	PostOther       PostType = "other"       // 编外（协管等）
)

// PostTypes lists post types in display order.
var PostTypes = []Option{
	{string(PostAdmin), "行政编"},
	{string(PostCivil), "参公事业编"},
	{string(PostInstitution), "事业编"},
	{string(PostOther), "编外"},
}

// PostTypeName returns the Chinese name of a post type.
func PostTypeName(t PostType) string {
	for _, o := range PostTypes {
		if o.Code == string(t) {
			return o.Name
		}
	}
	return ""
}

// ParsePostType accepts a code or Chinese name.
func ParsePostType(s string) (PostType, bool) {
	s = strings.TrimSpace(s)
	for _, o := range PostTypes {
		if o.Code == s || o.Name == s {
			return PostType(o.Code), true
		}
	}
	return "", false
}

// Quota is the approved staffing (核定编制) by post type.
type Quota struct {
	Admin       int `json:"admin"`
	Civil       int `json:"civil"`
	Institution int `json:"institution"`
}

// Filled counts the posts actually held, by post type.
type Filled struct {
	Admin       int `json:"admin"`
	Civil       int `json:"civil"`
	Institution int `json:"institution"`
	Other       int `json:"other"`
}

// Staffing is the approved posts against the posts held of an organisation together with every
// organisation below it. A county bureau holds the quota of its brigades and squadrons, which are
// one body with it (局队合一) and usually have none of their own, so its own row shows the quota
// against the few people posted in the bureau itself; the subtree shows the body as a whole.
type Staffing struct {
	OrgCount int    `json:"orgCount"` // organisations summed, the organisation itself included
	Quota    Quota  `json:"quota"`
	Filled   Filled `json:"filled"`
}

// Township classes for the township minimum (configurable thresholds; Shaoxing: key ≥ 8, ordinary ≥ 3).
const (
	TownshipKey      = "key"      // 重点乡镇
	TownshipOrdinary = "ordinary" // 一般乡镇
)

// Org is an organisation as the API shows it.
type Org struct {
	ID            string            `db:"id" json:"id"`
	RegionCode    string            `db:"region_code" json:"regionCode"`
	RegionName    string            `db:"region_name" json:"regionName"`
	ParentID      *string           `db:"parent_id" json:"parentId"`
	ParentName    string            `db:"parent_name" json:"parentName"`
	Name          string            `db:"name" json:"name"`
	ShortName     string            `db:"short_name" json:"shortName"`
	Kind          Kind              `db:"kind" json:"kind"`
	KindName      string            `db:"-" json:"kindName"`
	DomainsJSON   db.JSON[[]string] `db:"domains" json:"-"`
	Domains       []string          `db:"-" json:"domains"`
	TownshipClass string            `db:"township_class" json:"townshipClass" jsonschema:"enum=key,enum=ordinary,enum="`
	QuotaAdmin    int               `db:"quota_admin" json:"-"`
	QuotaCivil    int               `db:"quota_civil" json:"-"`
	QuotaInst     int               `db:"quota_institution" json:"-"`
	Quota         Quota             `db:"-" json:"quota"`
	Filled        Filled            `db:"-" json:"filled"`
	Subtree       *Staffing         `db:"-" json:"subtree,omitempty"` // with the organisations below it; detail only, when it has any
	ChildCount    int               `db:"child_count" json:"childCount"`
	SortOrder     int               `db:"sort_order" json:"sortOrder"`
}

// Input creates or changes an organisation.
type Input struct {
	Name          string   `json:"name" text:"100"`
	ShortName     string   `json:"shortName" text:"50"`
	Kind          Kind     `json:"kind" text:"32"`
	RegionCode    string   `json:"regionCode" text:"12"`
	ParentID      string   `json:"parentId" text:"64"`
	Domains       []string `json:"domains" text:"50"`
	TownshipClass string   `json:"townshipClass" text:"32"`
	Quota         Quota    `json:"quota"`
	SortOrder     int      `json:"sortOrder"`
}

// Check validates the fields that need no database; domains are the known enforcement domains.
func (in *Input) Check(domains []string) error {
	in.Name = strings.TrimSpace(in.Name)
	in.ShortName = strings.TrimSpace(in.ShortName)
	if in.Name == "" {
		return apperr.InvalidField("name", "ORG_NAME_REQUIRED", "机构名称不能为空")
	}
	if KindName(in.Kind) == "" {
		return apperr.InvalidField("kind", "ORG_KIND_UNKNOWN", "未知机构类型："+string(in.Kind))
	}
	if err := CheckDomains("domains", in.Domains, domains); err != nil {
		return err
	}
	if in.Quota.Admin < 0 || in.Quota.Civil < 0 || in.Quota.Institution < 0 {
		return apperr.InvalidField("quota", "ORG_QUOTA_NEGATIVE", "核定编制数不能为负数")
	}
	switch in.TownshipClass {
	case "", TownshipKey, TownshipOrdinary:
	default:
		return apperr.InvalidField("townshipClass", "ORG_TOWNSHIP_CLASS_INVALID", "乡镇类别应为 key（重点）或 ordinary（一般）")
	}
	if in.TownshipClass != "" && in.Kind != KindTownshipOffice {
		return apperr.InvalidField("townshipClass", "ORG_TOWNSHIP_CLASS_INVALID", "只有乡镇（街道）综合行政执法办公室才有乡镇类别")
	}
	if in.Kind == KindTownshipOffice && in.TownshipClass == "" {
		in.TownshipClass = TownshipOrdinary
	}
	if in.Domains == nil {
		in.Domains = []string{}
	}
	return nil
}

// WouldCycle reports whether making newParent the parent of id would create a cycle, given each
// organisation's current parent: the new parent may be neither id itself nor below it.
func WouldCycle(id, newParent string, parentOf map[string]string) bool {
	for cur, steps := newParent, 0; cur != "" && steps <= len(parentOf); steps++ {
		if cur == id {
			return true
		}
		cur = parentOf[cur]
	}
	return false
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "org", Name: "机构"}}
