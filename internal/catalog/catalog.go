// Package catalog keeps the enforcement catalogue (权责清单 / 执法事项目录): every enforcement item
// with its code, name, type, domain, level, owning line department (业务主管部门), legal basis,
// penalty kinds, statutory fine range and boundary duties (职责边界), versioned over time; the
// government decisions that transfer items to the comprehensive bureau (划转) or delegate them to
// township people's governments and street offices (下放, exercised in their own name with their
// comprehensive enforcement office as the working body) and later revoke them (收回); and the one
// question cases, dispatch and
// inspections ask of it: on this date, which body may exercise this item here, under which basis?
// That question is answered from an immutable in-memory snapshot (see resolver.go).
package catalog

import (
	"slices"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/law"
	"zhifa/internal/platform/lifecycle"
)

// Option is a code with its Chinese name, for selects.
type Option struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ItemType is the kind of power an item grants (事项类型).
type ItemType string

const (
	TypePenalty    ItemType = "penalty"    // 行政处罚
	TypeCoercion   ItemType = "coercion"   // 行政强制
	TypeInspection ItemType = "inspection" // 行政检查
	TypeLevy       ItemType = "levy"       // 行政征收
	TypeOther      ItemType = "other"      // 其他
)

// ItemTypes lists the item types in display order.
var ItemTypes = []Option{
	{string(TypePenalty), "行政处罚"},
	{string(TypeCoercion), "行政强制"},
	{string(TypeInspection), "行政检查"},
	{string(TypeLevy), "行政征收"},
	{string(TypeOther), "其他"},
}

// Category tells general items from professional ones (一般性/专业性), as Nansha splits them.
type Category string

const (
	CategoryGeneral      Category = "general"      // 一般性
	CategoryProfessional Category = "professional" // 专业性
)

// Categories lists the categories in display order.
var Categories = []Option{
	{string(CategoryGeneral), "一般性"},
	{string(CategoryProfessional), "专业性"},
}

// Level is the level of government that exercises an item (行使层级).
type Level string

const (
	LevelProvince Level = "province" // 省级
	LevelCity     Level = "city"     // 市级
	LevelCounty   Level = "county"   // 县级
	LevelTownship Level = "township" // 乡级
)

// Levels lists the levels from the top.
var Levels = []Option{
	{string(LevelProvince), "省级"},
	{string(LevelCity), "市级"},
	{string(LevelCounty), "县级"},
	{string(LevelTownship), "乡级"},
}

// Statuses lists the statuses of a version (草稿, 已发布, 已废止: internal/platform/lifecycle) in
// lifecycle order. An item's status is its latest version's that is not a draft, or draft when it
// was never published.
var Statuses = func() []Option {
	out := make([]Option, len(lifecycle.Statuses))
	for i, s := range lifecycle.Statuses {
		out[i] = Option{string(s), lifecycle.StatusName(s)}
	}
	return out
}()

// Mode is how a body comes to exercise an item.
type Mode string

const (
	ModeOwner    Mode = "owner"    // 业务主管部门自行行使
	ModeTransfer Mode = "transfer" // 划转至综合行政执法部门
	ModeDelegate Mode = "delegate" // 下放至乡镇人民政府、街道办事处，以其自己的名义行使（行政处罚法 第二十四条）
)

// Modes lists the modes.
var Modes = []Option{
	{string(ModeOwner), "主管部门行使"},
	{string(ModeTransfer), "划转"},
	{string(ModeDelegate), "下放"},
}

// PenaltyKinds are the kinds of administrative penalty (行政处罚法 第九条, plus 责令停产停业 and
// 责令关闭 written separately as catalogues do), from the lightest to the heaviest; the order is
// the severity used by the art. 37 comparison. A kind outside the list is written "其他" or "其他…"
// (e.g. 其他（责令限期拆除）).
var PenaltyKinds = []string{
	"警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
	"吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留",
}

func nameOf(opts []Option, code string) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Name
		}
	}
	return ""
}

// parseOption accepts a code or its Chinese name.
func parseOption(opts []Option, s string) (string, bool) {
	for _, o := range opts {
		if o.Code == s || o.Name == s {
			return o.Code, true
		}
	}
	return "", false
}

// TypeName is the Chinese name of an item type.
func TypeName(t ItemType) string { return nameOf(ItemTypes, string(t)) }

// CategoryName is the Chinese name of a category.
func CategoryName(c Category) string { return nameOf(Categories, string(c)) }

// LevelName is the Chinese name of a level.
func LevelName(l Level) string { return nameOf(Levels, string(l)) }

// ModeName is the Chinese name of a mode.
func ModeName(m Mode) string { return nameOf(Modes, string(m)) }

// kindRank is the severity of a penalty kind: its place in PenaltyKinds, and "其他…" kinds rank
// just above 罚款 (they are usually orders with an economic effect); unknown kinds rank 0.
func kindRank(k string) int {
	if i := slices.Index(PenaltyKinds, k); i >= 0 {
		return i + 1
	}
	if isOtherKind(k) {
		return 3
	}
	return 0
}

func isOtherKind(k string) bool { return strings.HasPrefix(k, "其他") }

// Fine is the statutory fine range (法定罚款幅度): fixed amounts in fen, and/or multiples of a base
// in percent (1倍 = 100, 百分之五 = 5), and/or an amount per unit (按每处设施、每平方米、每日、每辆 …
// 计罚). A per-unit fine names its Unit and the per-unit range PerUnitMinFen–PerUnitMaxFen (equal for
// "每平方米一千元"); MinFen and MaxFen are then the floor and cap of the total, absent when the law
// sets none. Absent bounds are null.
type Fine struct {
	MinFen        *int64 `json:"minFen"`
	MaxFen        *int64 `json:"maxFen"`
	MultipleMin   *int   `json:"multipleMin"`
	MultipleMax   *int   `json:"multipleMax"`
	MultipleBase  string `json:"multipleBase"`
	Unit          string `json:"unit"` // 计罚单位: 处, 平方米, 日, 辆, 件 … (Units), or one written in; "" when not per unit
	PerUnitMinFen *int64 `json:"perUnitMinFen"`
	PerUnitMaxFen *int64 `json:"perUnitMaxFen"`
}

// Empty reports a fine range with no bound at all.
func (f Fine) Empty() bool {
	return f.MinFen == nil && f.MaxFen == nil && f.MultipleMin == nil && f.MultipleMax == nil &&
		f.PerUnitMinFen == nil && f.PerUnitMaxFen == nil
}

// Version is one version of an item: everything but the code, as in force from EffectiveFrom
// until EffectiveTo ("" while open) once published. Its number, status, window, approving
// document and revision follow the lifecycle of versioned records (internal/platform/lifecycle).
type Version struct {
	ID         string `json:"id"`
	ItemID     string `json:"itemId"`
	RegionCode string `json:"regionCode"`
	lifecycle.Record
	StatusName      string         `json:"statusName"`
	Name            string         `json:"name"`
	Type            ItemType       `json:"type"`
	TypeName        string         `json:"typeName"`
	Domain          string         `json:"domain"`
	Category        Category       `json:"category"`
	CategoryName    string         `json:"categoryName"`
	Level           Level          `json:"level"`
	LevelName       string         `json:"levelName"`
	OwnerOrgID      string         `json:"ownerOrgId"`
	OwnerOrgName    string         `json:"ownerOrgName"`
	ViolatedBasis   []law.Citation `json:"violatedBasis"`
	PenaltyBasis    []law.Citation `json:"penaltyBasis"`
	PenaltyKinds    []string       `json:"penaltyKinds"`
	Fine            Fine           `json:"fine"`
	SuperviseDuties []string       `json:"superviseDuties"`
	EnforceDuties   []string       `json:"enforceDuties"`
	Note            string         `json:"note"`
	CreatedAt       string         `json:"createdAt"`
	CreatedBy       string         `json:"createdBy"`
}

// fillNames sets the Chinese names of the codes and the version's state on day.
func (v *Version) fillNames(day string) {
	v.StatusName = lifecycle.StatusName(v.Status)
	v.State = lifecycle.StateOf(v.Record, day)
	v.TypeName = TypeName(v.Type)
	v.CategoryName = CategoryName(v.Category)
	v.LevelName = LevelName(v.Level)
}

// Item is one row of the catalogue list: the item and the version shown (in force on the date
// asked, or the latest one).
type Item struct {
	ID            string           `json:"id"`
	RegionCode    string           `json:"regionCode"`
	Code          string           `json:"code"`
	Status        lifecycle.Status `json:"status"`
	StatusName    string           `json:"statusName"`
	PendingDraft  bool             `json:"pendingDraft"`
	VersionID     string           `json:"versionId"`
	Version       int              `json:"version"`
	VersionStatus lifecycle.Status `json:"versionStatus"`
	Name          string           `json:"name"`
	Type          ItemType         `json:"type"`
	TypeName      string           `json:"typeName"`
	Domain        string           `json:"domain"`
	Category      Category         `json:"category"`
	CategoryName  string           `json:"categoryName"`
	Level         Level            `json:"level"`
	LevelName     string           `json:"levelName"`
	OwnerOrgID    string           `json:"ownerOrgId"`
	OwnerOrgName  string           `json:"ownerOrgName"`
	EffectiveFrom string           `json:"effectiveFrom"`
	EffectiveTo   string           `json:"effectiveTo"`
	DocNo         string           `json:"docNo"`
}

// Detail is an item with the version asked for, every version and its assignment history.
type Detail struct {
	Item        Item             `json:"item"`
	AsOf        string           `json:"asOf"`
	InForce     bool             `json:"inForce"`
	Version     *Version         `json:"version"`
	Versions    []VersionSummary `json:"versions"`
	Assignments []Assignment     `json:"assignments"`
}

// VersionSummary is a version in the history list.
type VersionSummary struct {
	ID string `json:"id"`
	lifecycle.Record
	StatusName string `json:"statusName"`
	Name       string `json:"name"`
	Note       string `json:"note"`
	CreatedAt  string `json:"createdAt"`
}

// Assignment is one transfer or delegation with its history.
type Assignment struct {
	ID             string `json:"id"`
	ItemID         string `json:"itemId"`
	ItemCode       string `json:"itemCode"`
	ItemName       string `json:"itemName"`
	DecisionID     string `json:"decisionId"`
	DecisionDocNo  string `json:"decisionDocNo"`
	Kind           Mode   `json:"kind"`
	KindName       string `json:"kindName"`
	FromOrgID      string `json:"fromOrgId"`
	FromOrgName    string `json:"fromOrgName"`
	TargetOrgID    string `json:"targetOrgId"`   // who exercises it: the bureau, or the township government or street office
	TargetOrgName  string `json:"targetOrgName"` //
	WorkingOrgID   string `json:"workingOrgId"`  // of a delegation: the township's enforcement office that handles it, or ""
	WorkingOrgName string `json:"workingOrgName"`
	PlaceCode      string `json:"placeCode"`
	Partial        bool   `json:"partial"`
	PartNote       string `json:"partNote"`
	EffectiveFrom  string `json:"effectiveFrom"`
	EffectiveTo    string `json:"effectiveTo"`
	RevokedByID    string `json:"revokedById"`
	RevokedByDocNo string `json:"revokedByDocNo"`
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: entityItem, Name: "权责清单事项"}, {Code: entityDecision, Name: "划转下放决定"},
	{Code: entityDomain, Name: "执法领域"}, {Code: entitySynonym, Name: "检索同义词"}}
