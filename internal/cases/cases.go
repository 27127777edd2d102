// Package cases handles administrative penalty cases (行政处罚案件) from the lead (线索) to the
// archive: filing, investigation, the art. 57 review, notice, statement and defence, hearing,
// legal review, decision, service, performance, remedies, closure; the simple procedure; coercive
// measures (行政强制法); and the transfer of suspected crimes (国务院令第310号).
//
// Every step is an appended record (case_steps: who, when, where, what, why); the procedural
// facts the rules need are kept in the case's State, updated in the same transaction as the step,
// and the columns lists and the workbench sort by are projected from it. The rules are pure
// functions over State (rules.go, procedure.go, deadline.go), each citing the article it
// enforces; a step the law forbids is refused with that article. Deadlines are counted on the
// working-day calendar (行政处罚法 第八十五条) and explain themselves.
//
// Who acts in whose name: the handling organisation (a squadron, the brigade, a township office)
// works the case; the subject (the bureau, or the township people's government or street office
// for a delegated item) decides it in its own name. Both come from the catalogue's answer on the
// act's date, kept with the case with the catalogue version that applied (行政处罚法 第三十七条).
package cases

import (
	"zhifa/internal/audit"
	"zhifa/internal/discretion"
	"zhifa/internal/platform/civil"
)

// Procedure is the procedure a case follows.
type Procedure string

// Procedures.
const (
	Simple   Procedure = "simple"   // 简易程序（行政处罚法 第五十一条）
	Ordinary Procedure = "ordinary" // 普通程序
)

// Stage is where a case stands.
type Stage string

// Stages, in the order a case passes them.
const (
	StageFiling        Stage = "filing"        // 立案审批中
	StageNotFiled      Stage = "not_filed"     // 不予立案
	StageInvestigating Stage = "investigating" // 调查取证
	StageReview        Stage = "review"        // 调查终结，待负责人审查（第五十七条）
	StageDiscussion    Stage = "discussion"    // 待集体讨论
	StageNotice        Stage = "notice"        // 待告知
	StageDefence       Stage = "defence"       // 陈述申辩期
	StageHearing       Stage = "hearing"       // 听证
	StageLegalReview   Stage = "legal_review"  // 法制审核
	StageDeciding      Stage = "deciding"      // 待决定
	StageService       Stage = "service"       // 待送达
	StagePerformance   Stage = "performance"   // 履行中
	StageTransfer      Stage = "transfer"      // 移送司法机关
	StageClosed        Stage = "closed"        // 已结案
	StageArchived      Stage = "archived"      // 已归档
)

var stageNames = map[Stage]string{
	StageFiling: "立案审批中", StageNotFiled: "不予立案", StageInvestigating: "调查取证", StageReview: "待负责人审查",
	StageDiscussion: "待集体讨论", StageNotice: "待告知", StageDefence: "陈述申辩期", StageHearing: "听证",
	StageLegalReview: "法制审核", StageDeciding: "待决定", StageService: "待送达", StagePerformance: "履行中",
	StageTransfer: "移送司法机关", StageClosed: "已结案", StageArchived: "已归档",
}

// StageName is the Chinese name of a stage.
func StageName(s Stage) string { return stageNames[s] }

// Stages lists the stages with their Chinese names, for filters.
func Stages() []Option {
	order := []Stage{StageFiling, StageNotFiled, StageInvestigating, StageReview, StageDiscussion, StageNotice, StageDefence,
		StageHearing, StageLegalReview, StageDeciding, StageService, StagePerformance, StageTransfer, StageClosed, StageArchived}
	out := make([]Option, len(order))
	for i, s := range order {
		out[i] = Option{Code: string(s), Name: stageNames[s]}
	}
	return out
}

// Open reports whether a case is still being handled.
func (s Stage) Open() bool {
	return s != StageNotFiled && s != StageClosed && s != StageArchived
}

// Option is a code with its Chinese name.
type Option struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// PartyType is the kind of party (当事人类型).
type PartyType string

// Party types (行政处罚法 第四条: 公民、法人或者其他组织).
const (
	NaturalPerson PartyType = "natural" // 自然人（公民）
	LegalPerson   PartyType = "legal"   // 法人
	OtherOrg      PartyType = "other"   // 其他组织（个体工商户、分支机构 …）
)

var partyTypeNames = map[PartyType]string{NaturalPerson: "自然人", LegalPerson: "法人", OtherOrg: "其他组织"}

// PartyTypeName is the Chinese name of a party type.
func PartyTypeName(t PartyType) string { return partyTypeNames[t] }

// Organisation reports a party that is not a natural person: the law's 法人或者其他组织.
func (t PartyType) Organisation() bool { return t == LegalPerson || t == OtherOrg }

// Penalty is the penalty proposed to or imposed on one party: the kinds (行政处罚法 第九条), the
// fine and the confiscations in fen, and the discretion benchmark applied. Facts are what the
// officers found that the benchmark asks about (情节: harm, correction, amounts, quantity …); the
// server applies the benchmark in force to them at every step that proposes or decides a penalty
// and records the tier, its range, the reason and where the count of prior penalties came from
// (BenchmarkID to Notes: whatever a request says of them is replaced). Departure says why the
// fine leaves the tier's range, when it does (国办发〔2022〕27号: 说明理由).
type Penalty struct {
	PartyID        string            `json:"partyId" text:"64"`
	Kinds          []string          `json:"kinds"`
	FineFen        civil.Fen         `json:"fineFen"`
	ConfiscateFen  civil.Fen         `json:"confiscateFen"`             // 没收违法所得
	ConfiscateText string            `json:"confiscateText" text:"500"` // 没收的非法财物（清单）
	Facts          *discretion.Facts `json:"facts,omitempty"`
	Departure      string            `json:"departure,omitempty" text:"1000,multiline"`

	BenchmarkID      string    `json:"benchmarkId,omitempty" text:"64"`
	BenchmarkVersion int       `json:"benchmarkVersion,omitempty"`
	Tier             string    `json:"tier,omitempty" text:"100"` // the tier's label and level, as applied: 第二次违法（从重处罚）
	TierMinFen       civil.Fen `json:"tierMinFen"`                // the tier's range for these facts
	TierMaxFen       civil.Fen `json:"tierMaxFen"`                // 0 with TierMinFen 0: the tier imposes no fine
	TierWarning      bool      `json:"tierWarning,omitempty"`     // the tier gives a warning (警告, alone or with the fine)
	TierReason       string    `json:"tierReason,omitempty" text:"4000,multiline"`
	// PriorSource says where the count of prior penalties came from: "record" (the party's
	// decisions on the platform) or "officer" (the officers' count, when the party has no ID
	// number on the case); "" when the benchmark counts none.
	PriorSource string   `json:"priorSource,omitempty" text:"10"`
	Computation []string `json:"computation,omitempty"`
	Notes       []string `json:"notes,omitempty"`
}

// Kinds of penalty this package looks for.
const (
	KindWarning       = "警告"
	KindCriticism     = "通报批评"
	KindFine          = "罚款"
	KindConfiscate    = "没收违法所得"
	KindConfiscateIll = "没收非法财物"
)

// Outcome is the result of an investigation (行政处罚法 第五十七条).
type Outcome string

// Outcomes.
const (
	OutcomePenalty        Outcome = "penalty"         // 确有应受行政处罚的违法行为，作出行政处罚决定
	OutcomeNoPenaltyMinor Outcome = "no_penalty"      // 违法行为轻微，依法可以不予行政处罚（第三十三条）
	OutcomeNotEstablished Outcome = "not_established" // 违法事实不能成立，不予行政处罚
	OutcomeTransfer       Outcome = "transfer"        // 违法行为涉嫌犯罪，移送司法机关
)

var outcomeNames = map[Outcome]string{
	OutcomePenalty: "给予行政处罚", OutcomeNoPenaltyMinor: "不予行政处罚（违法行为轻微等）",
	OutcomeNotEstablished: "不予行政处罚（违法事实不能成立）", OutcomeTransfer: "移送司法机关",
}

// OutcomeName is the Chinese name of an outcome.
func OutcomeName(o Outcome) string { return outcomeNames[o] }

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: entityCase, Name: "案件"}, {Code: entityLead, Name: "案件线索"},
	{Code: entityParty, Name: "案件当事人"}, {Code: entityEvidence, Name: "案件证据"}}

const (
	entityCase     = "case"
	entityEvidence = "case_evidence"
	entityLead     = "case_lead"
	entityParty    = "case_party"
)
