// Package discretion keeps the administrative penalty discretion benchmarks (行政处罚裁量基准) of
// each jurisdiction and applies them to the facts of a case.
//
// A benchmark is versioned per catalogue item and jurisdiction, carries the document number (文号)
// and effective date of the document that published it (行政处罚法 第三十四条: 裁量基准应当向社会公布),
// and holds tiers (裁量阶次: 不予处罚、减轻、从轻、一般、从重), each with structured conditions and a
// penalty standard inside the statutory range (国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见,
// 国办发〔2022〕27号), optional provisions when one violation has several penalty paragraphs, and the
// item's no-penalty list (轻微违法不予处罚、首违不罚、无主观过错; 行政处罚法 第三十三条).
//
// Rules are pure functions over plain types: Propose splits a statutory range by a jurisdiction's
// splitting rules, Validate checks a benchmark against the statute and the rules, Evaluate picks
// the tier for the facts. The statute comes from the catalogue through the Statutes interface.
package discretion

import (
	"zhifa/internal/audit"
	"zhifa/internal/platform/lifecycle"
)

// Level is a discretion tier (裁量阶次).
type Level string

// Tier levels, from the most lenient.
const (
	LevelNoPenalty Level = "no_penalty" // 不予处罚
	LevelMitigated Level = "mitigated"  // 减轻处罚: below the statutory minimum (行政处罚法 第三十二条)
	LevelLighter   Level = "lighter"    // 从轻处罚
	LevelGeneral   Level = "general"    // 一般
	LevelHeavier   Level = "heavier"    // 从重处罚
)

// Levels lists the levels from the most lenient to the most severe.
var Levels = []Level{LevelNoPenalty, LevelMitigated, LevelLighter, LevelGeneral, LevelHeavier}

var levelNames = map[Level]string{
	LevelNoPenalty: "不予处罚", LevelMitigated: "减轻处罚", LevelLighter: "从轻处罚", LevelGeneral: "一般", LevelHeavier: "从重处罚",
}

// LevelName is the Chinese name of a level.
func LevelName(l Level) string { return levelNames[l] }

// rank orders levels by severity.
func rank(l Level) int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// Provision (处罚条款) is one paragraph of a penalty article with its own statutory range, under one
// violation; the first provision whose conditions hold applies (e.g. 食品安全法 第一百二十二条第一款:
// 货值金额不足一万元的 / 货值金额一万元以上的).
type Provision struct {
	Key   string      `json:"key"`
	Label string      `json:"label"`
	When  []Condition `json:"when"`
	Range Range       `json:"range"`
}

// Tier is one rule of a benchmark (裁量规则): the level it belongs to, its own label from the
// jurisdiction's vocabulary (情节较重、情节严重 …; the level's name when empty), the parties it is
// for (none: every party; 单位 and 个人 often have their own amounts), when it applies and the
// penalty it sets. Several rules may share a level, e.g. sub-bands by offence count inside 情节严重
// (second, third, fourth offence). Match "all" (the default) needs every condition; "any" needs
// one of them, as standards written "有下列情形之一的" do.
type Tier struct {
	Level       Level       `json:"level"`
	Label       string      `json:"label,omitempty"`
	PartyTypes  []string    `json:"partyTypes,omitempty"`
	Provision   string      `json:"provision,omitempty"`
	Match       string      `json:"match,omitempty"`
	Conditions  []Condition `json:"conditions"`
	Standard    Standard    `json:"standard"`
	Description string      `json:"description,omitempty"`
}

// name is the rule's label, or its level's name.
func (t Tier) name() string {
	if t.Label != "" {
		return t.Label
	}
	return LevelName(t.Level)
}

// Match modes.
const (
	MatchAll = "all"
	MatchAny = "any"
)

// Content is what a benchmark says: the precondition of the violation, provisions, tiers and the
// no-penalty list.
type Content struct {
	Precondition *Precondition    `json:"precondition,omitempty"`
	Provisions   []Provision      `json:"provisions"`
	Tiers        []Tier           `json:"tiers"`
	NoPenalty    []NoPenaltyEntry `json:"noPenalty"`
}

// Precondition kinds.
const (
	// PreconditionOrderIgnored: the violation includes an order to correct that the party did not
	// obey (经责令改正拒不改正、责令限期改正逾期不改正), e.g. 城市市容和环境卫生管理条例 第三十六条.
	PreconditionOrderIgnored = "order_ignored"
)

// Precondition is part of the violation itself that must be established before any tier applies,
// asked once (Facts.OrderIgnored): where the law punishes only the party who did not correct after
// an order, the order and the refusal are elements of the act, not a circumstance of a tier. Text
// is the wording of the law ("经责令限期改正，逾期不改正的").
type Precondition struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Benchmark is one version of a jurisdiction's discretion benchmark for one catalogue item. Its
// number, status, window, publishing document and revision follow the lifecycle of versioned
// records (internal/platform/lifecycle); the series is the (regionCode, itemId) pair.
type Benchmark struct {
	ID         string `json:"id"`
	RegionCode string `json:"regionCode"`
	RegionName string `json:"regionName"`
	ItemID     string `json:"itemId"`
	ItemCode   string `json:"itemCode"`
	ItemName   string `json:"itemName"`
	lifecycle.Record
	Title   string   `json:"title"`
	Statute *Statute `json:"statute"` // the statutory penalty last validated against
	Content
	Warnings  []Problem `json:"warnings"` // what the jurisdiction's rules warn about, as last validated
	Note      string    `json:"note"`
	CreatedAt string    `json:"createdAt"`
	UpdatedAt string    `json:"updatedAt"`
}

// Summary is a benchmark version as lists show it.
type Summary struct {
	ID         string `json:"id" db:"id"`
	RegionCode string `json:"regionCode" db:"region_code"`
	RegionName string `json:"regionName" db:"region_name"`
	ItemID     string `json:"itemId" db:"item_id"`
	ItemCode   string `json:"itemCode" db:"item_code"`
	ItemName   string `json:"itemName" db:"item_name"`
	lifecycle.Record
	Title     string `json:"title" db:"title"`
	UpdatedAt string `json:"updatedAt" db:"updated_at"`
}

// Detail is one version with the history of its series (every version for the same item and
// jurisdiction, newest first).
type Detail struct {
	Benchmark
	History []Summary `json:"history"`
}

// Published is a benchmark as the public sees it (行政处罚法 第三十四条).
type Published struct {
	ID            string `json:"id"`
	RegionCode    string `json:"regionCode"`
	RegionName    string `json:"regionName"`
	ItemCode      string `json:"itemCode"`
	ItemName      string `json:"itemName"`
	Citation      string `json:"citation"`
	Version       int    `json:"version"`
	Title         string `json:"title"`
	DocNo         string `json:"docNo"`
	DocTitle      string `json:"docTitle,omitempty"`
	EffectiveFrom string `json:"effectiveFrom"`
	EffectiveTo   string `json:"effectiveTo"`
	Content
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: entityBenchmark, Name: "裁量基准"}, {Code: entityRules, Name: "裁量阶次划分规则（迁移前的记录）"}}
