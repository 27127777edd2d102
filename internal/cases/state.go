package cases

import (
	"slices"
	"time"

	"zhifa/internal/platform/civil"
)

// State is what the rules need to know of a case: the facts of every step taken so far. It is
// kept with the case and changed only by the steps (steps.go), in the same transaction as the
// step's record.
type State struct {
	Procedure Procedure `json:"procedure"`
	Stage     Stage     `json:"stage"`

	// The act and the power exercised (行政处罚法 第三十六条、第三十七条).
	ActDate    civil.Date `json:"actDate"`
	ActEndDate civil.Date `json:"actEndDate,omitempty"` // a continuing act: the day it ended
	Discovered civil.Date `json:"discovered"`           // the day the agency learned of it (线索登记)
	// SeriousHarm: the act harmed life, health or financial safety with consequences (第三十六条:
	// 五年).
	SeriousHarm bool     `json:"seriousHarm,omitempty"`
	Exercise    Exercise `json:"exercise"`

	Opened civil.Date `json:"opened"`
	Filing *Approval  `json:"filing,omitempty"` // 立案审批
	Filed  civil.Date `json:"filed,omitempty"`  // 立案日期 (the approval's day)
	// SimpleFiled is the day an on-the-spot decision was filed with the agency (备案, 第五十二条).
	SimpleFiled civil.Date `json:"simpleFiled,omitempty"`

	Officers  []CaseOfficer `json:"officers"`
	Recusals  []Recusal     `json:"recusals,omitempty"`
	Records   []Record      `json:"records,omitempty"`   // 询问笔录、现场检查（勘验）笔录 …
	Suspended []Suspension  `json:"suspended,omitempty"` // 中止、检测、检验、鉴定、公告等不计入办案期限的期间
	Extended  []Extension   `json:"extended,omitempty"`  // 办案期限延长

	Report     *Report     `json:"report,omitempty"`     // 调查终结报告
	Review     *Review     `json:"review,omitempty"`     // 负责人审查（第五十七条）
	Discussion *Discussion `json:"discussion,omitempty"` // 集体讨论

	Notice     *Notice     `json:"notice,omitempty"`     // 行政处罚事先告知
	Statements []Statement `json:"statements,omitempty"` // 陈述、申辩及复核
	Waived     *Waiver     `json:"waived,omitempty"`     // 放弃陈述申辩、听证
	Hearing    *Hearing    `json:"hearing,omitempty"`

	LegalReview *LegalReview `json:"legalReview,omitempty"`

	Decision *Decision   `json:"decision,omitempty"`
	Service  *Served     `json:"service,omitempty"`
	Payments []Payment   `json:"payments,omitempty"`
	Deferral *Deferral   `json:"deferral,omitempty"`
	Remedies []Remedy    `json:"remedies,omitempty"`
	OnSpot   *OnSpotFine `json:"onSpot,omitempty"` // 当场收缴罚款（第六十八条、第七十一条）
	Enforced *Enforced   `json:"enforced,omitempty"`

	Measures []Measure   `json:"measures,omitempty"` // 查封、扣押等行政强制措施
	Reminder *Reminder   `json:"reminder,omitempty"` // 催告（行政强制法 第三十五条）
	Court    *CourtApply `json:"court,omitempty"`    // 申请人民法院强制执行
	Transfer *Transfer   `json:"transfer,omitempty"` // 移送涉嫌犯罪案件

	Closed   *Closure   `json:"closed,omitempty"`
	Archived civil.Date `json:"archived,omitempty"`
}

// Exercise is the catalogue's answer kept with the case: the item and the version in force on the
// act's date, who decides in whose name, and the statutory penalty of that version.
type Exercise struct {
	ItemID          string    `json:"itemId"`
	ItemCode        string    `json:"itemCode"`
	ItemName        string    `json:"itemName"`
	VersionID       string    `json:"versionId"`
	Version         int       `json:"version"`
	Domain          string    `json:"domain"`
	ViolatedBasis   string    `json:"violatedBasis"`
	PenaltyBasis    string    `json:"penaltyBasis"`
	PenaltyKinds    []string  `json:"penaltyKinds"`
	FineMinFen      civil.Fen `json:"fineMinFen"`
	FineMaxFen      civil.Fen `json:"fineMaxFen"` // 0: no fixed maximum (per-unit or multiple fines)
	FineRange       string    `json:"fineRange"`  // the statutory fine in words
	SubjectOrgID    string    `json:"subjectOrgId"`
	SubjectName     string    `json:"subjectName"` // 以谁的名义作出决定
	Mode            string    `json:"mode"`        // owner | transfer | delegate
	ModeName        string    `json:"modeName"`
	DecisionDocNo   string    `json:"decisionDocNo,omitempty"` // the transfer or delegation decision
	Explanation     string    `json:"explanation"`
	HandlingOrgID   string    `json:"handlingOrgId"`
	HandlingOrgName string    `json:"handlingOrgName"`
}

// Approval is a leader's decision on a request.
type Approval struct {
	Date     civil.Date `json:"date"`
	Approved bool       `json:"approved"`
	By       string     `json:"by"`     // account id
	ByName   string     `json:"byName"` //
	Opinion  string     `json:"opinion"`
}

// CaseOfficer is an officer assigned to the case (承办人).
type CaseOfficer struct {
	PersonID string     `json:"personId"`
	Name     string     `json:"name"`
	Lead     bool       `json:"lead"` // 主办人
	From     civil.Date `json:"from"`
	To       civil.Date `json:"to,omitempty"` // withdrawn (回避、调整) from this day
}

// Active reports whether the officer is on the case on a day.
func (o CaseOfficer) Active(d civil.Date) bool {
	return !d.Before(o.From) && (o.To.IsZero() || d.Before(o.To))
}

// Recusal is a request that an officer step aside and its decision (行政处罚法 第四十三条).
type Recusal struct {
	ID        string     `json:"id"`
	PersonID  string     `json:"personId"`
	Name      string     `json:"name"`
	Requested civil.Date `json:"requested"`
	By        string     `json:"by"` // 当事人申请 | 本人申请 | 负责人决定
	Reason    string     `json:"reason"`
	Decided   *Approval  `json:"decided,omitempty"`
}

// Record kinds.
const (
	RecordInquiry    = "inquiry"    // 询问笔录
	RecordInspection = "inspection" // 现场检查（勘验）笔录
	RecordOther      = "other"      // 其他调查记录
)

// Record is one investigation record: who took it, when and where, with whom, what it says.
type Record struct {
	ID       string     `json:"id"`
	Kind     string     `json:"kind"`
	Date     civil.Date `json:"date"`
	From     string     `json:"from,omitempty"` // 起止时间 HH:MM, as the record's form has them
	To       string     `json:"to,omitempty"`
	Place    string     `json:"place"`
	Officers []string   `json:"officers"`           // person ids, at least two (第四十二条、第五十五条)
	Recorder string     `json:"recorder,omitempty"` // 记录人: one of the officers
	Subject  string     `json:"subject"`            // 被询问人、检查对象
	Relation string     `json:"relation,omitempty"` // 被询问人与本案的关系 (inquiry)
	Present  string     `json:"present,omitempty"`  // 在场人 (inspection)
	QA       []QA       `json:"qa,omitempty"`       // 问答 (inquiry), in order
	Summary  string     `json:"summary"`            // 内容摘要、检查情况
}

// QA is one question put and the answer given, as an inquiry record writes them (问：…… 答：……).
type QA struct {
	Q string `json:"q" text:"1000,multiline"`
	A string `json:"a" text:"4000,multiline"`
}

// Relations of a person inquired to the case.
const (
	RelationParty          = "party"          // 当事人
	RelationRepresentative = "representative" // 法定代表人、负责人
	RelationAgent          = "agent"          // 委托代理人
	RelationWitness        = "witness"        // 证人
	RelationOther          = "other"          // 其他有关人员
)

var relationNames = map[string]string{RelationParty: "当事人", RelationRepresentative: "法定代表人（负责人）", RelationAgent: "委托代理人",
	RelationWitness: "证人", RelationOther: "其他有关人员"}

// MaxQA bounds the questions of one inquiry record.
const MaxQA = 200

// Suspension kinds: periods that do not count toward the decision limit.
const (
	SuspendTesting   = "testing"   // 检测、检验、检疫、技术鉴定
	SuspendAppraisal = "appraisal" // 鉴定、评估
	SuspendNotice    = "notice"    // 公告
	SuspendHearing   = "hearing"   // 听证
	SuspendCase      = "suspend"   // 案件中止
)

var suspensionNames = map[string]string{SuspendTesting: "检测、检验、检疫", SuspendAppraisal: "鉴定、评估", SuspendNotice: "公告",
	SuspendHearing: "听证", SuspendCase: "案件中止"}

// Suspension is a period that does not count toward the case-handling limit.
type Suspension struct {
	ID     string     `json:"id"`
	Kind   string     `json:"kind"`
	From   civil.Date `json:"from"`
	To     civil.Date `json:"to,omitempty"` // open while the period lasts; the day it ended
	Reason string     `json:"reason"`
}

// Days is the number of days the period took up to a day: from its first day to the day before
// it ended (or to day, while it lasts).
func (s Suspension) Days(day civil.Date) int {
	end := s.To
	if end.IsZero() || end.After(day) {
		end = day
	}
	if end.Before(s.From) {
		return 0
	}
	return end.Sub(s.From)
}

// Extension is an approved extension of the decision limit.
type Extension struct {
	Days     int      `json:"days"`
	Reason   string   `json:"reason"`
	Approval Approval `json:"approval"`
}

// Report is the investigation report (调查终结报告): facts, evidence and the proposed outcome.
type Report struct {
	Date     civil.Date `json:"date"`
	Facts    string     `json:"facts"`
	Evidence string     `json:"evidence"`
	Outcome  Outcome    `json:"outcome"`
	Proposed []Penalty  `json:"proposed,omitempty"`
	// Education given, for a no-penalty outcome (行政处罚法 第三十三条第三款: 应当对当事人进行教育).
	Education string `json:"education,omitempty"`
	// Complex or major: the case needs the leaders' collective discussion (第五十七条第二款).
	Complex bool `json:"complex,omitempty"`
	// Reasons legal review is required (第五十八条).
	PublicInterest bool `json:"publicInterest,omitempty"` // 涉及重大公共利益
	ManyRelations  bool `json:"manyRelations,omitempty"`  // 案件情况疑难复杂、涉及多个法律关系
	OtherReview    bool `json:"otherReview,omitempty"`    // 法律、法规规定应当进行法制审核的其他情形
}

// Review is the leader's review of the report (行政处罚法 第五十七条).
type Review struct {
	Approval
	Outcome Outcome `json:"outcome"`
}

// Discussion is the leaders' collective discussion of a complex or major case.
type Discussion struct {
	Date         civil.Date `json:"date"`
	Participants []string   `json:"participants"`
	Opinions     string     `json:"opinions"`
	Conclusion   Outcome    `json:"conclusion"`
	Note         string     `json:"note"`
}

// Notice is the advance notice of the proposed penalty (行政处罚法 第四十四条、第六十二条、第六十三条)
// and its service on the party.
type Notice struct {
	Date         civil.Date `json:"date"` // served on the party
	Number       string     `json:"number,omitempty"`
	Method       string     `json:"method"`
	Proposed     []Penalty  `json:"proposed"`
	HearingRight bool       `json:"hearingRight"`
	HearingWhy   string     `json:"hearingWhy,omitempty"`
}

// Statement is what the party said in their statement and defence, and whether it was adopted.
type Statement struct {
	Date    civil.Date `json:"date"`
	Content string     `json:"content"`
	Adopted bool       `json:"adopted"`
	Reply   string     `json:"reply"` // the review of what was said (复核意见)
}

// Waiver records that the party gave up statement and defence, or a hearing, in writing.
type Waiver struct {
	Date      civil.Date `json:"date"`
	Statement bool       `json:"statement"`
	Hearing   bool       `json:"hearing"`
}

// Hearing is a hearing's request, notice and holding (行政处罚法 第六十四条、第六十五条).
type Hearing struct {
	Requested   civil.Date `json:"requested"`
	Notified    civil.Date `json:"notified,omitempty"`
	Date        civil.Date `json:"date,omitempty"` // the day set for the hearing
	Host        string     `json:"host,omitempty"` // person id of the presiding officer
	HostName    string     `json:"hostName,omitempty"`
	Clerk       string     `json:"clerk,omitempty"`
	Public      bool       `json:"public"`
	Held        civil.Date `json:"held,omitempty"`
	Attended    bool       `json:"attended"`
	Record      string     `json:"record,omitempty"`
	Opinion     string     `json:"opinion,omitempty"`
	Withdrawn   civil.Date `json:"withdrawn,omitempty"` // the party withdrew or did not attend without reason
	SuspensionI string     `json:"suspensionId,omitempty"`
}

// LegalReview is the legal review before the decision (行政处罚法 第五十八条) with the 118号
// checklist.
type LegalReview struct {
	Submitted civil.Date     `json:"submitted"`
	Opinions  []LegalOpinion `json:"opinions,omitempty"`
}

// Passed reports whether the latest opinion passed the case.
func (l *LegalReview) Passed() bool {
	return l != nil && len(l.Opinions) > 0 && l.Opinions[len(l.Opinions)-1].Passed
}

// LegalOpinion is one written legal-review opinion.
type LegalOpinion struct {
	Date      civil.Date      `json:"date"`
	Reviewer  string          `json:"reviewer"`
	Name      string          `json:"name"`
	Passed    bool            `json:"passed"`
	Checklist map[string]bool `json:"checklist"`
	Opinion   string          `json:"opinion"`
}

// Decision is the penalty decision (行政处罚法 第五十九条), or the decision not to penalise.
type Decision struct {
	Date      civil.Date `json:"date"`
	Number    string     `json:"number"`
	Outcome   Outcome    `json:"outcome"`
	Penalties []Penalty  `json:"penalties,omitempty"`
	// PayBy: how and by when to perform; for fines, 15 days from service (第六十七条).
	Performance string   `json:"performance"`
	Approval    Approval `json:"approval"`
	Education   string   `json:"education,omitempty"`
}

// FineTotal is the sum of the fines the decision imposes.
func (d *Decision) FineTotal() civil.Fen {
	if d == nil {
		return 0
	}
	var t civil.Fen
	for _, p := range d.Penalties {
		t += p.FineFen
	}
	return t
}

// until is the approved deferral's last day, or zero without one.
func (d *Deferral) until() civil.Date {
	if d == nil {
		return civil.Date{}
	}
	return d.Until
}

// confiscates reports a decision that confiscates goods, which then deals with the seized goods.
func (d *Decision) confiscates() bool {
	for _, p := range d.Penalties {
		if slices.Contains(p.Kinds, KindConfiscateIll) || p.ConfiscateText != "" {
			return true
		}
	}
	return false
}

// Served is the service of the decision (行政处罚法 第六十一条).
type Served struct {
	Date      civil.Date `json:"date"`
	Method    string     `json:"method"`
	Recipient string     `json:"recipient"`
	Note      string     `json:"note,omitempty"`
}

// Service methods.
const (
	ServeDirect     = "direct"     // 直接送达
	ServeLeft       = "left"       // 留置送达
	ServeMail       = "mail"       // 邮寄送达
	ServeElectronic = "electronic" // 电子送达（须当事人同意并签订确认书）
	ServeEntrusted  = "entrusted"  // 委托送达
	ServePublic     = "public"     // 公告送达
)

var serviceNames = map[string]string{ServeDirect: "直接送达", ServeLeft: "留置送达", ServeMail: "邮寄送达",
	ServeElectronic: "电子送达", ServeEntrusted: "委托送达", ServePublic: "公告送达"}

// Payment is a fine paid at the bank (罚缴分离, 行政处罚法 第六十七条): the reference, never money.
type Payment struct {
	ID        string     `json:"id"`
	PartyID   string     `json:"partyId"`
	Date      civil.Date `json:"date"`
	AmountFen civil.Fen  `json:"amountFen"`
	LateFen   civil.Fen  `json:"lateFen"` // of which, the late-payment penalty (加处罚款)
	Reference string     `json:"reference"`
	Bank      string     `json:"bank"`
}

// Deferral is an approved deferral or instalment plan (行政处罚法 第六十六条).
type Deferral struct {
	Until       civil.Date   `json:"until"`
	Instalments []Instalment `json:"instalments,omitempty"`
	Approval    Approval     `json:"approval"`
	Reason      string       `json:"reason"`
}

// Instalment is one part of an instalment plan.
type Instalment struct {
	Due       civil.Date `json:"due"`
	AmountFen civil.Fen  `json:"amountFen"`
}

// Remedy kinds.
const (
	RemedyReconsideration = "reconsideration" // 行政复议
	RemedyLitigation      = "litigation"      // 行政诉讼
)

// Remedy outcomes.
const (
	RemedyUpheld    = "upheld"    // 维持 / 驳回诉讼请求
	RemedyVaried    = "varied"    // 变更
	RemedyRevoked   = "revoked"   // 撤销 / 确认违法
	RemedyWithdrawn = "withdrawn" // 申请人撤回
)

// Remedy is a reconsideration or lawsuit against the decision and its outcome.
type Remedy struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	Filed     civil.Date `json:"filed"`
	Organ     string     `json:"organ"` // 复议机关、人民法院
	Outcome   string     `json:"outcome,omitempty"`
	Decided   civil.Date `json:"decided,omitempty"`
	Note      string     `json:"note,omitempty"`
	VariedFen civil.Fen  `json:"variedFen,omitempty"` // the fine after a variation
}

// Pending reports a remedy not yet decided.
func (r Remedy) Pending() bool { return r.Decided.IsZero() }

// OnSpotFine is a fine collected on the spot and its hand-in (行政处罚法 第六十八条、第七十一条).
type OnSpotFine struct {
	Date      civil.Date `json:"date"`
	AmountFen civil.Fen  `json:"amountFen"`
	Receipt   string     `json:"receipt"` // 省级财政部门统一制发的专用票据号
	Hardship  string     `json:"hardship,omitempty"`
	HandedIn  civil.Date `json:"handedIn,omitempty"`
}

// Enforced records enforcement of the decision other than payment (强制执行完毕).
type Enforced struct {
	Date civil.Date `json:"date"`
	Note string     `json:"note"`
	// By is who enforced: the people's court on the agency's application, or the agency itself
	// where a law gives it the power (行政强制法 第十三条); At is when an agency enforced.
	By        string    `json:"by,omitempty"`
	At        time.Time `json:"at,omitempty"`
	Emergency bool      `json:"emergency,omitempty"`
}

// Closure is the closing of a case (结案).
type Closure struct {
	Date   civil.Date `json:"date"`
	Reason string     `json:"reason"`
	Note   string     `json:"note,omitempty"`
	By     string     `json:"by"`
	ByName string     `json:"byName"`
}

// activeOfficers are the officers on the case on a day.
func (st *State) activeOfficers(d civil.Date) []CaseOfficer {
	var out []CaseOfficer
	for _, o := range st.Officers {
		if o.Active(d) {
			out = append(out, o)
		}
	}
	return out
}

// hasOfficer reports whether a person is on the case on a day.
func (st *State) hasOfficer(personID string, d civil.Date) bool {
	return slices.ContainsFunc(st.Officers, func(o CaseOfficer) bool { return o.PersonID == personID && o.Active(d) })
}

// pendingRemedy reports a reconsideration or lawsuit under way: the late-payment penalty pauses
// and the decision is not enforced meanwhile (行政处罚法 第七十三条).
func (st *State) pendingRemedy() bool {
	return slices.ContainsFunc(st.Remedies, Remedy.Pending)
}

// penaltyFor returns the decided penalty of a party.
func (st *State) penaltyFor(partyID string) (Penalty, bool) {
	if st.Decision == nil {
		return Penalty{}, false
	}
	for _, p := range st.Decision.Penalties {
		if p.PartyID == partyID {
			return p, true
		}
	}
	return Penalty{}, false
}
