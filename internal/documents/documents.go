// Package documents makes the documents (文书) an agency issues: from templates that each
// jurisdiction may adjust (its wording, the order of its parts) without a rebuild, rendered as
// PDF with the product's Chinese fonts, numbered, digested with SM3 (GB/T 32905), the digest
// signed with the issuing agency's SM2 key (GB/T 32918), and carrying a QR code that leads to a
// public page where anyone checks that a document is genuine and unaltered.
//
// The package knows nothing of cases: the feature that issues a document gives the data, the
// issuing body, the number and the kind; it renders, signs, stores and records it in the
// caller's transaction.
package documents

import (
	"zhifa/internal/audit"
)

// Kind is a kind of document of the standard set.
type Kind struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Stage says when the kind is made, for the console (立案、调查取证、告知、听证、审核、决定、送达执行、强制措施、移送、结案).
	Stage string `json:"stage"`
}

// The standard set of penalty and coercion documents (参照《综合行政执法文书格式》与
// 行政处罚法、行政强制法规定的文书).
const (
	FilingApproval   = "filing_approval"   // 立案审批表
	InspectionRecord = "inspection_record" // 现场检查（勘验）笔录
	InquiryRecord    = "inquiry_record"    // 询问笔录
	CorrectionOrder  = "correction_order"  // 责令改正通知书
	PenaltyNotice    = "penalty_notice"    // 行政处罚事先告知书
	HearingRights    = "hearing_rights"    // 听证告知书
	HearingNotice    = "hearing_notice"    // 听证通知书
	HearingRecord    = "hearing_record"    // 听证笔录
	LegalOpinion     = "legal_opinion"     // 法制审核意见书
	DiscussionRecord = "discussion_record" // 集体讨论记录
	PenaltyDecision  = "penalty_decision"  // 行政处罚决定书
	SpotDecision     = "spot_decision"     // 当场行政处罚决定书
	MeasureDecision  = "measure_decision"  // 查封扣押决定书
	MeasureList      = "measure_list"      // 查封扣押物品清单
	ServiceReceipt   = "service_receipt"   // 送达回证
	Reminder         = "reminder"          // 催告书
	CourtApplication = "court_application" // 强制执行申请书
	CrimeTransfer    = "crime_transfer"    // 涉嫌犯罪案件移送书
	ClosingApproval  = "closing_approval"  // 结案审批表
)

// Kinds lists the standard set in the order a case file holds them.
var Kinds = []Kind{
	{FilingApproval, "立案审批表", "立案"},
	{InspectionRecord, "现场检查（勘验）笔录", "调查取证"},
	{InquiryRecord, "询问笔录", "调查取证"},
	{CorrectionOrder, "责令改正通知书", "调查取证"},
	{MeasureDecision, "查封扣押决定书", "强制措施"},
	{MeasureList, "查封扣押物品清单", "强制措施"},
	{DiscussionRecord, "集体讨论记录", "审查"},
	{PenaltyNotice, "行政处罚事先告知书", "告知"},
	{HearingRights, "听证告知书", "告知"},
	{HearingNotice, "听证通知书", "听证"},
	{HearingRecord, "听证笔录", "听证"},
	{LegalOpinion, "法制审核意见书", "法制审核"},
	{PenaltyDecision, "行政处罚决定书", "决定"},
	{SpotDecision, "当场行政处罚决定书", "决定"},
	{ServiceReceipt, "送达回证", "送达执行"},
	{Reminder, "催告书", "送达执行"},
	{CourtApplication, "强制执行申请书", "送达执行"},
	{CrimeTransfer, "涉嫌犯罪案件移送书", "移送"},
	{ClosingApproval, "结案审批表", "结案"},
}

// KindOf returns a kind of the standard set.
func KindOf(code string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Code == code {
			return k, true
		}
	}
	return Kind{}, false
}

// Document is an issued document as lists and pages show it.
type Document struct {
	ID          string `db:"id" json:"id"`
	CaseID      string `db:"case_id" json:"caseId"`
	RegionCode  string `db:"region_code" json:"regionCode"`
	IssuerOrgID string `db:"issuer_org_id" json:"issuerOrgId"`
	Issuer      string `db:"issuer" json:"issuer"`
	Kind        string `db:"kind" json:"kind"`
	Title       string `db:"title" json:"title"`
	Number      string `db:"number" json:"number"`
	Ref         string `db:"ref" json:"ref"`           // the record, measure or party it is made for
	Template    string `db:"template" json:"template"` // which template: 全国默认 or a region's version
	SM3         string `db:"sm3" json:"sm3"`
	SHA256      string `db:"sha256" json:"sha256"`
	Size        int64  `db:"size" json:"size"`
	Signature   string `db:"signature" json:"signature"` // SM2 signature of the SM3 digest, base64 DER
	KeyID       string `db:"key_id" json:"keyId"`        // SM3 fingerprint of the agency's public key
	Facts       string `db:"facts" json:"-"`             // key facts shown on the public page, JSON
	Pages       int    `db:"pages" json:"pages"`
	IssuedAt    string `db:"issued_at" json:"issuedAt"`
	IssuedBy    string `db:"issued_by" json:"-"`
	IssuerName  string `db:"issued_by_name" json:"issuedByName"`
	// Electronic service (电子送达): only with the party's written consent.
	ServedAt      string `db:"served_at" json:"servedAt,omitempty"`
	ServedTo      string `db:"served_to" json:"servedTo,omitempty"`
	ServedAddress string `db:"served_address" json:"servedAddress,omitempty"`
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: entityDocument, Name: "文书"}, {Code: entityTemplate, Name: "文书模板"},
	{Code: entityKey, Name: "文书签名密钥"}}

const (
	entityDocument = "document"
	entityTemplate = "document_template"
	entityKey      = "document_key"
)
