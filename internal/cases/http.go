package cases

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Meta are the code tables of case handling for the console.
type Meta struct {
	Stages         []Option `json:"stages"`
	Steps          []Option `json:"steps"`
	Outcomes       []Option `json:"outcomes"`
	PartyTypes     []Option `json:"partyTypes"`
	Sources        []Option `json:"sources"`
	ServiceMethods []Option `json:"serviceMethods"`
	Suspensions    []Option `json:"suspensions"`
	Records        []Option `json:"records"`
	Checklist      []Option `json:"checklist"`
	PenaltyKinds   []string `json:"penaltyKinds"`
}

// MetaOf returns the code tables.
func (s *Service) MetaOf(context.Context, *access.Principal) (Meta, error) {
	m := Meta{Stages: Stages(), Checklist: LegalChecklist,
		PenaltyKinds: []string{KindWarning, KindCriticism, KindFine, KindConfiscate, KindConfiscateIll, "暂扣许可证件", "降低资质等级",
			"吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业"}}
	for _, k := range stepOrder {
		m.Steps = append(m.Steps, Option{string(k), StepName(k)})
	}
	for _, o := range []Outcome{OutcomePenalty, OutcomeNoPenaltyMinor, OutcomeNotEstablished, OutcomeTransfer} {
		m.Outcomes = append(m.Outcomes, Option{string(o), OutcomeName(o)})
	}
	for _, t := range []PartyType{NaturalPerson, LegalPerson, OtherOrg} {
		m.PartyTypes = append(m.PartyTypes, Option{string(t), PartyTypeName(t)})
	}
	for _, k := range []string{SourceComplaint, SourceReferral, SourceInspection, SourceSuperior, SourceDiscovered, SourceReturned} {
		m.Sources = append(m.Sources, Option{k, sourceNames[k]})
	}
	for _, k := range []string{ServeDirect, ServeLeft, ServeMail, ServeElectronic, ServeEntrusted, ServePublic} {
		m.ServiceMethods = append(m.ServiceMethods, Option{k, serviceNames[k]})
	}
	for _, k := range []string{SuspendTesting, SuspendAppraisal, SuspendNotice, SuspendCase} {
		m.Suspensions = append(m.Suspensions, Option{k, suspensionNames[k]})
	}
	for _, k := range []string{RecordInquiry, RecordInspection, RecordOther} {
		m.Records = append(m.Records, Option{k, recordNames[k]})
	}
	return m, nil
}

var stepOrder = []StepKind{StepOpen, StepSimple, StepApproveFiling, StepOfficers, StepRecusal, StepRecusalDecide, StepRecord,
	StepSuspend, StepResume, StepExtend, StepReport, StepReview, StepDiscussion, StepNotice, StepStatement, StepWaive,
	StepHearingAsk, StepHearingNotice, StepHearingHold, StepHearingDrop, StepLegalSubmit, StepLegalOpinion, StepDecide,
	StepServe, StepPay, StepDefer, StepRemedy, StepRemedyResult, StepHandIn, StepSimpleFile, StepClose, StepArchive,
	StepMeasure, StepMeasureOK, StepMeasureExtend, StepMeasureTest, StepMeasureLift, StepReminder, StepCourt, StepEnforced,
	StepTransferAsk, StepTransferDecide, StepTransferSend, StepPoliceAnswer, StepReconsider, StepExhibits, StepEvidence, StepEvidenceWithdraw, StepDocument, StepDocumentServe, StepPublish, StepUnpublish, StepNotPublic}

// PartyRef names one party of a case.
type PartyRef struct {
	PartyID string `json:"partyId" required:"true" text:"64"`
}

func (s *Service) reveal(ctx context.Context, p *access.Principal, id string, in PartyRef) (RevealedID, error) {
	return s.RevealParty(ctx, p, id, in.PartyID)
}

// step is one route of a case step: POST /api/v1/cases/{id}/<path>.
func step[In any](path string, k StepKind, fn func(context.Context, *access.Principal, string, In) (Detail, error)) httpx.Route {
	info := steps[k]
	return httpx.Post("/api/v1/cases/{id}/"+path, info.Perm, info.Name, httpx.ByIDWithBody(fn))
}

// Routes returns the case-handling API.
func (s *Service) Routes() []httpx.Route {
	return append(httpx.Tagged("办案", append([]httpx.Route{
		httpx.Get("/api/v1/cases/meta", access.CaseRead, "办案代码表：办理阶段、步骤、处理结果、当事人类型、送达方式、法制审核要点", httpx.Fetch(s.MetaOf)),
		httpx.Get("/api/v1/leads", access.CaseRead, "案件线索列表（本辖区）", httpx.Listing(s.ListLeads)),
		httpx.Post("/api/v1/leads", access.CaseHandle, "登记案件线索，按本辖区核查期限计算届满日", httpx.WithBody(s.CreateLead).Created()),
		httpx.Get("/api/v1/leads/{id}", access.CaseRead, "案件线索详情", httpx.ByID(s.GetLead)),
		httpx.Post("/api/v1/leads/{id}/extend", access.CaseApprove, "批准延长线索核查期限（一次）", httpx.ByIDWithBody(s.ExtendLead)),
		httpx.Post("/api/v1/leads/{id}/dismiss", access.CaseApprove, "决定不予立案（写明理由）", httpx.ByIDWithBody(s.DismissLead)),
		httpx.Get("/api/v1/cases", access.CaseRead, "案件列表：本辖区及本人承办的案件", httpx.Listing(s.List)),
		httpx.Post("/api/v1/cases", access.CaseHandle, "立案申请（普通程序）：核对行使主体、执法人员资格与追责时效", httpx.WithBody(s.Open).Created()),
		httpx.Post("/api/v1/cases/simple", access.CaseHandle, "当场作出行政处罚决定（简易程序）", httpx.WithBody(s.Simple).Created()),
		httpx.Get("/api/v1/cases/{id}", access.CaseRead, "案件详情：当事人、期限及其计算说明、可办理与不可办理的步骤、办理记录", httpx.ByID(s.Get)),
		httpx.Post("/api/v1/cases/{id}/reveal-party", access.CaseRead, "查看当事人完整身份证号码（承办人或审批人；记审计日志）", httpx.ByIDWithBody(s.reveal)),
		step("approve-filing", StepApproveFiling, s.ApproveFiling),
		step("officers", StepOfficers, s.SetOfficers),
		step("recusals", StepRecusal, s.RequestRecusal),
		step("recusal-decisions", StepRecusalDecide, s.DecideRecusal),
		step("records", StepRecord, s.AddRecord),
		step("suspensions", StepSuspend, s.Suspend),
		step("resume", StepResume, s.Resume),
		step("extensions", StepExtend, s.Extend),
		step("report", StepReport, s.SubmitReport),
		step("review", StepReview, s.Review),
		step("discussion", StepDiscussion, s.Discuss),
		step("notice", StepNotice, s.Notify),
		step("statements", StepStatement, s.RecordStatement),
		step("waiver", StepWaive, s.Waive),
		step("hearing-request", StepHearingAsk, s.RequestHearing),
		step("hearing-notice", StepHearingNotice, s.NotifyHearing),
		step("hearing", StepHearingHold, s.HoldHearing),
		step("hearing-drop", StepHearingDrop, s.DropHearing),
		step("legal-review", StepLegalSubmit, s.SubmitLegal),
		step("legal-opinion", StepLegalOpinion, s.GiveLegalOpinion),
		step("decision", StepDecide, s.Decide),
		step("service", StepServe, s.Serve),
		step("payments", StepPay, s.Pay),
		step("deferral", StepDefer, s.Defer),
		step("remedies", StepRemedy, s.FileRemedy),
		step("remedy-result", StepRemedyResult, s.RecordRemedyResult),
		step("hand-in", StepHandIn, s.HandIn),
		step("simple-filing", StepSimpleFile, s.FileSimple),
		step("close", StepClose, s.Close),
		step("archive", StepArchive, s.Archive),
		step("measures", StepMeasure, s.TakeMeasure),
		step("measure-approval", StepMeasureOK, s.ApproveMeasure),
		step("measure-extension", StepMeasureExtend, s.ExtendMeasure),
		step("measure-testing", StepMeasureTest, s.RecordTesting),
		step("measure-lifting", StepMeasureLift, s.LiftMeasure),
		step("reminder", StepReminder, s.Remind),
		step("court-application", StepCourt, s.ApplyCourt),
		step("enforced", StepEnforced, s.RecordEnforced),
		step("transfer-report", StepTransferAsk, s.ReportTransfer),
		step("transfer-decision", StepTransferDecide, s.DecideTransfer),
		step("transfer", StepTransferSend, s.SendTransfer),
		step("police-answer", StepPoliceAnswer, s.RecordPoliceAnswer),
		step("transfer-reconsideration", StepReconsider, s.ReconsiderTransfer),
		step("exhibits", StepExhibits, s.HandOverExhibits),
		httpx.Get("/api/v1/cases/{id}/evidence", access.CaseRead, "案件的证据清单（含已撤回的），每份有SM3摘要、拍摄时间地点与设备", httpx.ByID(s.ListEvidence)),
		httpx.Post("/api/v1/cases/{id}/evidence", access.CaseHandle, "登记证据：请求体为文件本身，说明放在查询参数中；按SM3摘要存储并记入全过程记录",
			httpx.ByIDStream(s.AddEvidence).Created()),
		httpx.Get("/api/v1/cases/{id}/evidence/{evidenceId}/file", access.CaseRead, "查看证据文件（可分段读取；记审计日志）",
			httpx.Raw(s.handleEvidenceFile, httpx.Doc{})),
		httpx.Get("/api/v1/cases/{id}/evidence/{evidenceId}/thumbnail", access.CaseRead, "照片的缩略图（不超过320像素；记审计日志）",
			httpx.Raw(s.handleThumbnail, httpx.Doc{})),
		httpx.Post("/api/v1/cases/{id}/evidence-uploads", access.CaseHandle, "分段上传证据（断点续传）：先告知文件大小与说明", httpx.ByIDWithBody(s.StartUpload).Created()),
		httpx.Get("/api/v1/evidence-uploads/{id}", access.CaseHandle, "分段上传已收到的字节数（断线后从此继续）", httpx.ByID(s.GetUpload)),
		httpx.Put("/api/v1/evidence-uploads/{id}", access.CaseHandle, "上传一段：请求体为文件的这一段，offset 为其起始字节", httpx.ByIDStream(s.PutPiece)),
		httpx.Post("/api/v1/evidence-uploads/{id}/complete", access.CaseHandle, "文件收齐后登记为证据", httpx.ByID(s.CompleteUpload).Created()),
		step("evidence-withdrawal", StepEvidenceWithdraw, s.WithdrawEvidence),
		httpx.Get("/api/v1/cases/{id}/verification", access.CaseRead, "校验案件全过程记录：逐项核对记录链、链头与证据文件，指出第一处被改动、缺失或调换的记录", httpx.ByID(s.Verify)),
	}, append(append(s.documentRoutes(), s.publicityRoutes()...), s.statisticsRoutes()...)...)...,
	), httpx.Tagged("公众门户",
		httpx.Get("/api/v1/public/decisions", "", "公示的行政执法决定（已隐去个人信息；撤回的只显示文号与理由；无需登录）", httpx.Listing(s.PublicDecisions)).AsPublic(),
		httpx.Get("/api/v1/public/decisions/{id}", "", "公示的行政执法决定详情（无需登录）", httpx.ByID(s.PublicDecisionByID)).AsPublic(),
		httpx.Get("/api/v1/public/statistics/annual", "", "公开的年度行政执法数据（无需登录）", httpx.WithQuery(s.PublicAnnual)).AsPublic(),
	)...)
}
