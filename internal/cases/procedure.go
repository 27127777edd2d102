package cases

import (
	"slices"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
)

// StepKind names a step of the procedure.
type StepKind string

// Steps of the ordinary procedure, the simple procedure, coercive measures and transfer.
const (
	StepOpen           StepKind = "open"                // 立案申请（普通程序）
	StepSimple         StepKind = "simple"              // 当场作出行政处罚决定（简易程序）
	StepApproveFiling  StepKind = "approve_filing"      // 立案审批
	StepOfficers       StepKind = "officers"            // 调整承办人
	StepRecusal        StepKind = "recusal"             // 回避申请
	StepRecusalDecide  StepKind = "recusal_decide"      // 回避决定
	StepRecord         StepKind = "record"              // 调查记录（询问、检查）
	StepSuspend        StepKind = "suspend"             // 不计入办案期限的期间开始
	StepResume         StepKind = "resume"              // 该期间结束
	StepExtend         StepKind = "extend"              // 延长办案期限
	StepReport         StepKind = "report"              // 调查终结报告
	StepReview         StepKind = "review"              // 负责人审查（第五十七条）
	StepDiscussion     StepKind = "discussion"          // 集体讨论
	StepNotice         StepKind = "notice"              // 行政处罚事先告知
	StepStatement      StepKind = "statement"           // 陈述、申辩及复核
	StepWaive          StepKind = "waive"               // 放弃陈述申辩、听证
	StepHearingAsk     StepKind = "hearing_request"     // 要求听证
	StepHearingNotice  StepKind = "hearing_notice"      // 听证通知
	StepHearingHold    StepKind = "hearing_hold"        // 举行听证
	StepHearingDrop    StepKind = "hearing_drop"        // 撤回听证申请或无正当理由不参加
	StepLegalSubmit    StepKind = "legal_submit"        // 提交法制审核
	StepLegalOpinion   StepKind = "legal_opinion"       // 法制审核意见
	StepDecide         StepKind = "decide"              // 作出决定
	StepServe          StepKind = "serve"               // 送达
	StepPay            StepKind = "pay"                 // 缴纳罚款（银行回执）
	StepDefer          StepKind = "defer"               // 延期、分期缴纳
	StepRemedy         StepKind = "remedy"              // 行政复议、行政诉讼
	StepRemedyResult   StepKind = "remedy_result"       // 复议、诉讼结果
	StepHandIn         StepKind = "hand_in"             // 当场收缴罚款交至行政机关
	StepSimpleFile     StepKind = "simple_file"         // 当场处罚决定备案
	StepClose          StepKind = "close"               // 结案
	StepArchive        StepKind = "archive"             // 归档
	StepMeasure        StepKind = "measure"             // 查封、扣押
	StepMeasureOK      StepKind = "measure_approve"     // 补办批准（当场实施的）
	StepMeasureExtend  StepKind = "measure_extend"      // 延长查封、扣押
	StepMeasureTest    StepKind = "measure_testing"     // 检测、检验期间
	StepMeasureLift    StepKind = "measure_lift"        // 解除查封、扣押
	StepReminder       StepKind = "reminder"            // 催告
	StepCourt          StepKind = "court"               // 申请法院强制执行
	StepEnforced       StepKind = "enforced"            // 执行完毕
	StepTransferAsk    StepKind = "transfer_report"     // 涉嫌犯罪移送报告
	StepTransferDecide StepKind = "transfer_decide"     // 移送决定
	StepTransferSend   StepKind = "transfer_send"       // 移送公安机关
	StepPoliceAnswer   StepKind = "police_answer"       // 公安机关立案或不予立案
	StepReconsider     StepKind = "transfer_reconsider" // 提请复议
	StepExhibits       StepKind = "exhibits"            // 移交涉案物品
	// The full-process record (全过程记录): evidence files registered and withdrawn.
	StepEvidence         StepKind = "evidence"          // 登记证据
	StepEvidenceWithdraw StepKind = "evidence_withdraw" // 撤回证据
	// Documents issued and served electronically.
	StepDocument      StepKind = "document"       // 出具文书
	StepDocumentServe StepKind = "document_serve" // 电子送达文书
	// Publicity of decisions (行政执法公示).
	StepPublish   StepKind = "publish"    // 公示执法决定
	StepUnpublish StepKind = "unpublish"  // 撤回公示
	StepNotPublic StepKind = "not_public" // 决定不予公开
)

// stepInfo is who may take a step: the permission, and whether only the case's own officers may.
type stepInfo struct {
	Name     string
	Perm     access.Permission
	Assigned bool // only an officer on the case
}

var steps = map[StepKind]stepInfo{
	StepOpen:             {"立案申请", access.CaseHandle, false},
	StepSimple:           {"当场作出行政处罚决定", access.CaseHandle, false},
	StepApproveFiling:    {"立案审批", access.CaseApprove, false},
	StepOfficers:         {"调整承办人", access.CaseApprove, false},
	StepRecusal:          {"回避申请", access.CaseHandle, true},
	StepRecusalDecide:    {"回避决定", access.CaseApprove, false},
	StepRecord:           {"调查记录", access.CaseHandle, true},
	StepSuspend:          {"不计入办案期限的期间", access.CaseHandle, true},
	StepResume:           {"期间结束", access.CaseHandle, true},
	StepExtend:           {"延长办案期限", access.CaseApprove, false},
	StepReport:           {"调查终结报告", access.CaseHandle, true},
	StepReview:           {"负责人审查", access.CaseApprove, false},
	StepDiscussion:       {"集体讨论", access.CaseApprove, false},
	StepNotice:           {"行政处罚事先告知", access.CaseHandle, true},
	StepStatement:        {"陈述、申辩及复核", access.CaseHandle, true},
	StepWaive:            {"放弃陈述申辩、听证", access.CaseHandle, true},
	StepHearingAsk:       {"要求听证", access.CaseHandle, true},
	StepHearingNotice:    {"听证通知", access.CaseReview, false},
	StepHearingHold:      {"举行听证", access.CaseReview, false},
	StepHearingDrop:      {"听证终止", access.CaseReview, false},
	StepLegalSubmit:      {"提交法制审核", access.CaseHandle, true},
	StepLegalOpinion:     {"法制审核意见", access.CaseReview, false},
	StepDecide:           {"作出决定", access.CaseApprove, false},
	StepServe:            {"送达决定书", access.CaseHandle, true},
	StepPay:              {"登记缴款", access.CaseHandle, true},
	StepDefer:            {"延期、分期缴纳", access.CaseApprove, false},
	StepRemedy:           {"行政复议、行政诉讼", access.CaseHandle, true},
	StepRemedyResult:     {"复议、诉讼结果", access.CaseHandle, true},
	StepHandIn:           {"当场收缴罚款上交", access.CaseHandle, true},
	StepSimpleFile:       {"当场处罚决定备案", access.CaseApprove, false},
	StepClose:            {"结案", access.CaseApprove, false},
	StepArchive:          {"归档", access.CaseHandle, true},
	StepMeasure:          {"查封、扣押", access.CaseHandle, true},
	StepMeasureOK:        {"补办批准", access.CaseApprove, false},
	StepMeasureExtend:    {"延长查封、扣押", access.CaseApprove, false},
	StepMeasureTest:      {"检测、检验期间", access.CaseHandle, true},
	StepMeasureLift:      {"解除查封、扣押", access.CaseHandle, true},
	StepReminder:         {"催告", access.CaseHandle, true},
	StepCourt:            {"申请法院强制执行", access.CaseApprove, false},
	StepEnforced:         {"执行完毕", access.CaseHandle, true},
	StepTransferAsk:      {"涉嫌犯罪移送报告", access.CaseHandle, true},
	StepTransferDecide:   {"移送决定", access.CaseApprove, false},
	StepTransferSend:     {"移送公安机关", access.CaseHandle, true},
	StepPoliceAnswer:     {"公安机关答复", access.CaseHandle, true},
	StepReconsider:       {"提请复议", access.CaseHandle, true},
	StepExhibits:         {"移交涉案物品", access.CaseHandle, true},
	StepEvidence:         {"登记证据", access.CaseHandle, true},
	StepEvidenceWithdraw: {"撤回证据", access.CaseHandle, true},
	StepDocument:         {"出具文书", access.CaseHandle, false},
	StepDocumentServe:    {"电子送达文书", access.CaseHandle, false},
	StepPublish:          {"公示执法决定", access.CaseReview, false},
	StepUnpublish:        {"撤回公示", access.CaseReview, false},
	StepNotPublic:        {"决定不予公开", access.CaseReview, false},
}

// StepName is the Chinese name of a step.
func StepName(k StepKind) string { return steps[k].Name }

// Conclusion is the outcome the case is heading for: the collective discussion's conclusion, else
// the leader's review, else "" while neither has spoken.
func (st *State) Conclusion() Outcome {
	if st.Discussion != nil {
		return st.Discussion.Conclusion
	}
	if st.Review != nil && st.Review.Approved {
		return st.Review.Outcome
	}
	return ""
}

// periods is what the party's periods after notice look like on a day.
type periods struct {
	statementDue, hearingDue civil.Date
	statementOver            bool // the party stated, waived, or the period ran out
	hearingOver              bool // no right, waived, held or dropped, or the period ran out unused
	hearingPending           bool // requested and not yet held or dropped
	provisional              bool
}

func partyPeriods(st *State, cal *calendar.Table, lim Limits, day civil.Date) (periods, error) {
	var p periods
	n := st.Notice
	if n == nil {
		return p, nil
	}
	sd, err := cal.AddWorkdays(n.Date, lim.StatementWorkdays)
	if err != nil {
		return p, err
	}
	p.statementDue, p.provisional = sd.Due, sd.Provisional
	p.statementOver = day.After(sd.Due) || len(st.Statements) > 0 || (st.Waived != nil && st.Waived.Statement)
	if !n.HearingRight {
		p.hearingOver = true
		return p, nil
	}
	hd, err := cal.AddWorkdays(n.Date, 5)
	if err != nil {
		return p, err
	}
	p.hearingDue = hd.Due
	p.provisional = p.provisional || hd.Provisional
	switch h := st.Hearing; {
	case h != nil && (!h.Held.IsZero() || !h.Withdrawn.IsZero()):
		p.hearingOver = true
	case h != nil:
		p.hearingPending = true
	case st.Waived != nil && st.Waived.Hearing:
		p.hearingOver = true
	default:
		p.hearingOver = day.After(hd.Due)
	}
	return p, nil
}

// DeriveStage says where the case stands on a day, from its facts alone.
func DeriveStage(st *State, cal *calendar.Table, lim Limits, day civil.Date) (Stage, error) {
	switch {
	case !st.Archived.IsZero():
		return StageArchived, nil
	case st.Closed != nil:
		if st.Filing != nil && !st.Filing.Approved {
			return StageNotFiled, nil
		}
		return StageClosed, nil
	}
	if st.Procedure == Simple {
		if st.Decision != nil && st.Service == nil {
			return StageService, nil
		}
		return StagePerformance, nil
	}
	switch {
	case st.Filing == nil:
		return StageFiling, nil
	case !st.Filing.Approved:
		return StageNotFiled, nil
	case st.Decision != nil && st.Service == nil:
		return StageService, nil
	case st.Decision != nil:
		return StagePerformance, nil
	case st.Transfer != nil && !st.Transfer.declined():
		return StageTransfer, nil
	case st.Report == nil:
		return StageInvestigating, nil
	case st.Review == nil:
		return StageReview, nil
	case st.Report.Complex && st.Discussion == nil:
		return StageDiscussion, nil
	}
	switch st.Conclusion() {
	case OutcomeTransfer:
		if st.Transfer != nil && st.Transfer.declined() {
			// The police did not open a case: the head reviews it again as an administrative case.
			return StageReview, nil
		}
		return StageTransfer, nil
	case OutcomePenalty:
		if st.Notice == nil {
			return StageNotice, nil
		}
		p, err := partyPeriods(st, cal, lim, day)
		if err != nil {
			return "", err
		}
		if p.hearingPending {
			return StageHearing, nil
		}
		if !p.statementOver || !p.hearingOver {
			return StageDefence, nil
		}
	}
	if len(LegalReviewReasons(st)) > 0 && !st.LegalReview.Passed() {
		return StageLegalReview, nil
	}
	return StageDeciding, nil
}

// refuse is a step refused by the order of the procedure, citing the rule.
func refuse(code, msg, rule string) error {
	return apperr.Conflict(code, msg).WithRule(rule)
}

const (
	art54   = "行政处罚法 第五十四条：符合立案标准的，行政机关应当及时立案"
	art57   = "行政处罚法 第五十七条：调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出决定；对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定"
	art44   = "行政处罚法 第四十四条：行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利"
	art62   = "行政处罚法 第六十二条：行政机关及其执法人员在作出行政处罚决定之前，未依照本法第四十四条、第四十五条的规定向当事人告知拟作出的行政处罚内容及事实、理由、依据，或者拒绝听取当事人的陈述、申辩，不得作出行政处罚决定；当事人明确放弃陈述或者申辩权利的除外"
	art65   = "行政处罚法 第六十五条：听证结束后，行政机关应当根据听证笔录，依照本法第五十七条的规定，作出决定"
	art55   = "行政处罚法 第五十五条：执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件"
	art43   = "行政处罚法 第四十三条：执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避"
	art66   = "行政处罚法 第六十六条：当事人确有经济困难，需要延期或者分期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓或者分期缴纳"
	artFile = "行政处罚法 第五十四条、第五十五条：立案后调查取证，调查终结后依法处理"
)

// Allowed tells whether a step may be taken now, by the order of the procedure alone (the
// inputs' own rules are checked when the step is taken); the error cites the article.
func Allowed(k StepKind, st *State, cal *calendar.Table, lim Limits, day civil.Date) error {
	stage, err := DeriveStage(st, cal, lim, day)
	if err != nil {
		return err
	}
	if !stage.Open() && k != StepArchive && k != StepRemedy && k != StepRemedyResult && k != StepDocument && k != StepDocumentServe &&
		k != StepPublish && k != StepUnpublish && k != StepNotPublic {
		return refuse("CASE_NOT_OPEN", "案件"+StageName(stage)+"，不能再办理“"+StepName(k)+"”", artFile)
	}
	simpleOnly := []StepKind{StepHandIn, StepSimpleFile}
	if st.Procedure == Simple {
		switch k {
		case StepServe, StepPay, StepDefer, StepRemedy, StepRemedyResult, StepHandIn, StepSimpleFile, StepClose, StepArchive,
			StepReminder, StepCourt, StepEnforced, StepEvidence, StepEvidenceWithdraw, StepDocument, StepDocumentServe,
			StepPublish, StepUnpublish, StepNotPublic:
		default:
			return refuse("CASE_STEP_NOT_IN_PROCEDURE", "简易程序案件不办理“"+StepName(k)+"”", art51)
		}
	} else if slices.Contains(simpleOnly, k) {
		return refuse("CASE_STEP_NOT_IN_PROCEDURE", "“"+StepName(k)+"”只适用于简易程序", art51)
	}
	filed := st.Filing != nil && st.Filing.Approved
	needFiled := func() error {
		if !filed {
			return refuse("CASE_NOT_FILED", "案件尚未立案，不能办理“"+StepName(k)+"”", art54)
		}
		return nil
	}
	switch k {
	case StepApproveFiling:
		if st.Filing != nil {
			return refuse("CASE_ALREADY_FILED", "立案审批已经办理", art54)
		}
	case StepOfficers, StepRecusal, StepRecusalDecide:
		if st.Procedure == Ordinary && st.Filing != nil && !st.Filing.Approved {
			return refuse("CASE_NOT_FILED", "案件不予立案", art54)
		}
	case StepRecord, StepSuspend, StepResume, StepExtend:
		if err := needFiled(); err != nil {
			return err
		}
		if st.Decision != nil {
			return refuse("CASE_ALREADY_DECIDED", "案件已作出决定，不能再办理“"+StepName(k)+"”", art57)
		}
	case StepReport:
		if err := needFiled(); err != nil {
			return err
		}
		if st.Report != nil {
			return refuse("CASE_REPORT_EXISTS", "已提交调查终结报告；负责人退回的，方可重新提交", art57)
		}
		if len(st.Records) == 0 {
			return refuse("CASE_RECORD_REQUIRED", "尚无询问笔录、现场检查（勘验）笔录等调查记录，不能调查终结", artFile)
		}
	case StepReview:
		if stage != StageReview {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待审查的调查终结报告（当前："+StageName(stage)+"）", art57)
		}
	case StepDiscussion:
		if st.Review == nil || st.Discussion != nil || st.Decision != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "负责人审查后、作出决定前方可集体讨论（当前："+StageName(stage)+"）", art57)
		}
	case StepNotice:
		if stage != StageNotice {
			return refuse("CASE_STEP_OUT_OF_ORDER", "当前不能告知（"+StageName(stage)+"）：须经负责人审查决定给予行政处罚", art44)
		}
	case StepStatement, StepWaive:
		if st.Notice == nil || st.Decision != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "告知后、作出决定前方可记录陈述申辩", art44)
		}
	case StepHearingAsk:
		if st.Notice == nil || !st.Notice.HearingRight {
			return refuse("CASE_NO_HEARING_RIGHT", "本案拟作出的处罚不属于应当告知听证权利的情形", art63)
		}
		if st.Hearing != nil {
			return refuse("CASE_HEARING_EXISTS", "当事人已经要求听证", art64)
		}
		if st.Waived != nil && st.Waived.Hearing {
			return refuse("CASE_HEARING_WAIVED", "当事人已书面放弃听证", art64)
		}
	case StepHearingNotice:
		if st.Hearing == nil || !st.Hearing.Held.IsZero() || !st.Hearing.Withdrawn.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待举行的听证", art64)
		}
	case StepHearingHold, StepHearingDrop:
		if st.Hearing == nil || st.Hearing.Notified.IsZero() || !st.Hearing.Held.IsZero() || !st.Hearing.Withdrawn.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "须先送达听证通知", art64)
		}
	case StepLegalSubmit:
		if stage != StageLegalReview && stage != StageDeciding {
			return refuse("CASE_STEP_OUT_OF_ORDER", "当前不能提交法制审核（"+StageName(stage)+"）", art58)
		}
		if st.LegalReview != nil && len(st.LegalReview.Opinions) == 0 {
			return refuse("CASE_LEGAL_PENDING", "已提交法制审核，尚待审核意见", art58)
		}
		if st.LegalReview.Passed() {
			return refuse("CASE_LEGAL_PASSED", "法制审核已通过", art58)
		}
	case StepLegalOpinion:
		if st.LegalReview == nil || len(st.LegalReview.Opinions) > 0 && !pendingResubmission(st.LegalReview) {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待审核的案件", art58)
		}
	case StepDecide:
		switch stage {
		case StageDeciding:
		case StageDefence:
			return refuse("CASE_DEFENCE_PERIOD_OPEN", "当事人陈述、申辩或要求听证的期限尚未届满，且未书面放弃，不能作出决定", art62)
		case StageHearing:
			return refuse("CASE_HEARING_PENDING", "当事人已要求听证，须举行听证后依据听证笔录作出决定", art65)
		case StageLegalReview:
			return refuse("CASE_LEGAL_REVIEW_REQUIRED", "本案须经法制审核且审核通过方可作出决定（"+joinReasons(LegalReviewReasons(st))+"）", art58)
		case StageNotice:
			return refuse("CASE_NOT_NOTIFIED", "尚未告知当事人拟作出的行政处罚，不能作出决定", art62)
		default:
			return refuse("CASE_STEP_OUT_OF_ORDER", "当前不能作出决定（"+StageName(stage)+"）", art57)
		}
	case StepServe:
		if stage != StageService {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待送达的决定书", art61)
		}
	case StepPay:
		if st.Decision == nil || st.Decision.FineTotal() == 0 || st.Service == nil {
			return refuse("CASE_NOTHING_TO_PAY", "决定书送达后方可登记缴纳罚款", art67)
		}
		if Outstanding(st) == 0 {
			return refuse("CASE_NOTHING_TO_PAY", "罚款已经缴清", art67)
		}
	case StepDefer:
		if st.Service == nil || Outstanding(st) == 0 || st.Deferral != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "罚款未缴清且未经批准延期时，方可批准延期或分期缴纳", art66)
		}
	case StepRemedy:
		if st.Decision == nil || st.Service == nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "决定书送达后方可登记行政复议或行政诉讼", "行政处罚法 第七十三条")
		}
	case StepRemedyResult:
		if !st.pendingRemedy() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有尚未审结的行政复议或行政诉讼", "行政处罚法 第七十三条")
		}
	case StepHandIn:
		if st.OnSpot == nil || !st.OnSpot.HandedIn.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待上交的当场收缴罚款", art71)
		}
	case StepSimpleFile:
		if !st.SimpleFiled.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "已经备案", art52)
		}
	case StepClose:
		return closable(st, stage)
	case StepArchive:
		if st.Closed == nil || !st.Archived.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "结案后方可归档", "行政处罚法 第五十七条")
		}
	case StepMeasure:
		// A measure may come before filing (an emergency on the spot, 行政强制法 第十九条), never
		// after the decision.
		if st.Decision != nil {
			return refuse("CASE_ALREADY_DECIDED", "案件已作出决定，不能再实施查封、扣押", artC18)
		}
		if st.Filing != nil && !st.Filing.Approved {
			return refuse("CASE_NOT_FILED", "案件不予立案", art54)
		}
	case StepMeasureOK:
		if !slices.ContainsFunc(st.Measures, func(m Measure) bool { return m.Approval == nil }) {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待审批的查封、扣押措施", artC18)
		}
	case StepMeasureExtend, StepMeasureTest, StepMeasureLift:
		if !slices.ContainsFunc(st.Measures, func(m Measure) bool { return m.inForce() }) {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有正在实施的查封、扣押措施", artC25)
		}
	case StepReminder:
		if st.Decision == nil || st.Service == nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "决定书送达后方可催告", artC35)
		}
		if st.Reminder != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "已经催告", artC35)
		}
		if Outstanding(st) == 0 {
			return refuse("CASE_NOTHING_TO_ENFORCE", "罚款已经缴清，无须催告", artC35)
		}
		due := st.Deferral.until()
		if due.IsZero() {
			d, err := cal.AddDays(st.Service.Date, 15)
			if err != nil {
				return err
			}
			due = d.Due
		}
		if !day.After(due) {
			return refuse("CASE_PERFORMANCE_PERIOD_OPEN", "履行期限至"+due.Chinese()+"，期满仍未履行的方可催告", artC35)
		}
		if st.pendingRemedy() {
			return refuse("CASE_REMEDY_PENDING", "行政复议或行政诉讼尚未审结", "行政处罚法 第七十三条：当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外")
		}
	case StepCourt:
		if st.Reminder == nil {
			return refuse("CASE_REMINDER_REQUIRED", "申请人民法院强制执行前，应当催告当事人履行义务", artC54)
		}
		if st.Court != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "已申请人民法院强制执行", artC53)
		}
	case StepEnforced:
		if st.Decision == nil || st.Service == nil || st.Enforced != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "决定书送达且尚未执行完毕时方可登记强制执行", artC35)
		}
		if st.Reminder == nil {
			return refuse("CASE_REMINDER_REQUIRED", "强制执行前应当催告当事人履行义务", artC35)
		}
	case StepTransferAsk:
		if err := needFiled(); err != nil {
			return err
		}
		if st.Decision != nil {
			return refuse("CASE_ALREADY_DECIDED", "案件已作出行政处罚决定；涉嫌犯罪的仍应移送，请在决定中注明折抵", art310+" 第十一条")
		}
		if st.Transfer != nil {
			return refuse("CASE_TRANSFER_EXISTS", "已提出移送报告", "行政执法机关移送涉嫌犯罪案件的规定 第五条")
		}
	case StepTransferDecide:
		if st.Transfer == nil || st.Transfer.Decision != nil {
			return refuse("CASE_STEP_OUT_OF_ORDER", "没有待决定的移送报告", "行政执法机关移送涉嫌犯罪案件的规定 第五条")
		}
	case StepTransferSend:
		if st.Transfer == nil || st.Transfer.Decision == nil || !st.Transfer.Decision.Approved || !st.Transfer.SentAt.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "负责人批准移送后方可移送", "行政执法机关移送涉嫌犯罪案件的规定 第五条")
		}
	case StepPoliceAnswer:
		t := st.Transfer
		awaiting := t != nil && !t.SentAt.IsZero() && (t.Answer == nil || !t.Answer.Accepted && !t.Reconsider.IsZero() && !t.Answer.Date.After(t.Reconsider))
		if !awaiting {
			return refuse("CASE_STEP_OUT_OF_ORDER", "移送后（或提请复议后）方可登记公安机关的决定", "行政执法机关移送涉嫌犯罪案件的规定 第八条")
		}
	case StepReconsider:
		if st.Transfer == nil || st.Transfer.Answer == nil || st.Transfer.Answer.Accepted || !st.Transfer.Reconsider.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "公安机关不予立案的，方可提请复议", "行政执法机关移送涉嫌犯罪案件的规定 第九条")
		}
	case StepExhibits:
		if st.Transfer == nil || st.Transfer.Answer == nil || !st.Transfer.Answer.Accepted || !st.Transfer.Exhibits.IsZero() {
			return refuse("CASE_STEP_OUT_OF_ORDER", "公安机关立案后方可移交涉案物品", "行政执法机关移送涉嫌犯罪案件的规定 第十一条")
		}
	}
	return nil
}

func pendingResubmission(l *LegalReview) bool {
	if len(l.Opinions) == 0 {
		return true
	}
	last := l.Opinions[len(l.Opinions)-1]
	return !last.Passed && l.Submitted.After(last.Date)
}

func joinReasons(rs []string) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += "；"
		}
		out += r
	}
	return out
}

// closable says whether a case may be closed: the decision served and performed (paid, enforced,
// or revoked), a no-penalty decision served, a transfer the police accepted, or a lead not filed.
func closable(st *State, stage Stage) error {
	const rule = "案件办理完毕：决定已送达并履行（或依法强制执行、被撤销），或者移送司法机关后公安机关已立案"
	if st.Transfer != nil && st.Transfer.Answer != nil && st.Transfer.Answer.Accepted {
		if st.Transfer.Exhibits.IsZero() {
			return refuse("CASE_EXHIBITS_PENDING", "公安机关已立案，须先移交涉案物品", "行政执法机关移送涉嫌犯罪案件的规定 第十一条")
		}
		return nil
	}
	if st.Decision == nil || st.Service == nil {
		return refuse("CASE_NOT_CLOSABLE", "决定书送达前不能结案（当前："+StageName(stage)+"）", rule)
	}
	if slices.ContainsFunc(st.Measures, func(m Measure) bool { return m.inForce() }) && !st.Decision.confiscates() {
		return refuse("CASE_MEASURE_IN_FORCE", "查封、扣押尚未解除，也未决定没收", "行政强制法 第二十七条：行政机关采取查封、扣押措施后，应当及时查清事实，在本法第二十五条规定的期限内作出处理决定")
	}
	if st.OnSpot != nil && st.OnSpot.HandedIn.IsZero() {
		return refuse("CASE_HAND_IN_PENDING", "当场收缴的罚款尚未交至行政机关", art71)
	}
	if st.pendingRemedy() {
		return refuse("CASE_REMEDY_PENDING", "行政复议或行政诉讼尚未审结", "行政处罚法 第七十三条")
	}
	if Outstanding(st) > 0 && st.Enforced == nil {
		return refuse("CASE_NOT_PERFORMED", "罚款尚未缴清，也未强制执行完毕", art67)
	}
	return nil
}

// Action is a step offered on the case page, or refused with its reason.
type Action struct {
	Kind    StepKind `json:"kind"`
	Name    string   `json:"name"`
	Allowed bool     `json:"allowed"`
	Code    string   `json:"code,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	Rule    string   `json:"rule,omitempty"`
}

// offered are the steps the case page lists for each stage, in order; others remain possible
// through the API where Allowed lets them.
var offered = map[Stage][]StepKind{
	StageFiling:        {StepApproveFiling, StepOfficers},
	StageInvestigating: {StepRecord, StepMeasure, StepSuspend, StepResume, StepExtend, StepRecusal, StepReport, StepTransferAsk},
	StageReview:        {StepReview},
	StageDiscussion:    {StepDiscussion},
	StageNotice:        {StepNotice, StepDecide},
	StageDefence:       {StepStatement, StepWaive, StepHearingAsk, StepDecide},
	StageHearing:       {StepHearingNotice, StepHearingHold, StepHearingDrop, StepDecide},
	StageLegalReview:   {StepLegalSubmit, StepLegalOpinion, StepDecide},
	StageDeciding:      {StepLegalSubmit, StepDecide, StepExtend},
	StageService:       {StepServe},
	StagePerformance:   {StepPay, StepDefer, StepRemedy, StepRemedyResult, StepHandIn, StepSimpleFile, StepReminder, StepCourt, StepEnforced, StepMeasureLift, StepClose},
	StageTransfer:      {StepTransferAsk, StepTransferDecide, StepTransferSend, StepPoliceAnswer, StepReconsider, StepExhibits, StepClose},
	StageClosed:        {StepArchive},
}

// Actions lists the steps offered at the case's stage for a caller: allowed ones, and refused ones
// with the article that refuses them.
func Actions(st *State, cal *calendar.Table, lim Limits, day civil.Date, p *access.Principal) ([]Action, error) {
	stage, err := DeriveStage(st, cal, lim, day)
	if err != nil {
		return nil, err
	}
	var out []Action
	kinds := offered[stage]
	if stage.Open() && st.Procedure == Ordinary && st.Decision == nil {
		// Measures in progress are followed at every stage until the decision.
		for _, k := range []StepKind{StepMeasureOK, StepMeasureExtend, StepMeasureTest, StepMeasureLift} {
			if !slices.Contains(kinds, k) && Allowed(k, st, cal, lim, day) == nil {
				kinds = append(slices.Clone(kinds), k)
			}
		}
	}
	for _, k := range kinds {
		info := steps[k]
		if !p.Can(info.Perm) {
			continue
		}
		a := Action{Kind: k, Name: info.Name, Allowed: true}
		if info.Assigned && !st.hasOfficer(p.PersonID, day) {
			a.Allowed, a.Code, a.Reason = false, "CASE_NOT_ASSIGNED", "只有本案承办人可以办理"
		} else if err := Allowed(k, st, cal, lim, day); err != nil {
			e := apperr.As(err)
			if e.Code == "CASE_STEP_NOT_IN_PROCEDURE" {
				continue // not a step of this procedure at all: not offered
			}
			a.Allowed, a.Code, a.Reason, a.Rule = false, e.Code, e.Message, e.Rule
		}
		out = append(out, a)
	}
	return out, nil
}
