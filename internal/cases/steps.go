package cases

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
)

// The steps of the ordinary and simple procedures. Each checks its input with the rules, changes
// the state and says what happened; do (service.go) checks who may take it and whether the
// procedure allows it now, and writes everything in one transaction.

// Approve is a leader's decision with an opinion.
type Approve struct {
	Date     civil.Date `json:"date,omitempty"`
	Approved bool       `json:"approved"`
	Opinion  string     `json:"opinion" text:"1000,multiline"`
}

// ApproveFiling decides the request to file: approved, the case is filed that day and numbered;
// refused, it is not filed (不予立案) with the reason.
func (s *Service) ApproveFiling(ctx context.Context, p *access.Principal, id string, in Approve) (Detail, error) {
	return s.do(ctx, p, id, StepApproveFiling, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Opened, w.env, "审批"); err != nil {
			return err
		}
		if !in.Approved && strings.TrimSpace(in.Opinion) == "" {
			return apperr.InvalidField("opinion", "CASE_REASON_REQUIRED", "不予立案的，须写明理由")
		}
		a := approvalBy(w.p, w.date, in.Approved, in.Opinion)
		w.st.Filing = &a
		w.data = in
		if !in.Approved {
			w.st.Closed = &Closure{Date: w.date, Reason: "不予立案", Note: a.Opinion, By: w.p.AccountID, ByName: w.p.DisplayName}
			w.sum = "不予立案：" + a.Opinion
			return nil
		}
		// Two qualified officers on the day the case is filed (第四十二条).
		officers, err := w.s.officersOn(w.ctx, w.tx, w.r.RegionCode, w.st, w.date)
		if err != nil {
			return err
		}
		if err := CheckOfficers("officers", officers, w.st.Exercise.Domain, w.date); err != nil {
			return err
		}
		number, err := w.number(NumFiling)
		if err != nil {
			return err
		}
		w.st.Filed, w.r.Number = w.date, number
		w.sum = "批准立案，立案编号 " + number
		return nil
	})
}

// OfficersInput sets the officers of a case from a day (调整承办人).
type OfficersInput struct {
	Date       civil.Date `json:"date,omitempty"`
	OfficerIDs []string   `json:"officerIds" required:"true"` // 第一位为主办人
	Reason     string     `json:"reason" required:"true" text:"500"`
}

// SetOfficers replaces the case's officers from a day; at least two qualified remain (第四十二条).
func (s *Service) SetOfficers(ctx context.Context, p *access.Principal, id string, in OfficersInput) (Detail, error) {
	return s.do(ctx, p, id, StepOfficers, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Opened, w.env, "调整"); err != nil {
			return err
		}
		officers, err := w.s.officers(w.ctx, w.tx, w.r.RegionCode, dedupe(in.OfficerIDs))
		if err != nil {
			return err
		}
		if err := CheckOfficers("officerIds", officers, w.st.Exercise.Domain, w.date); err != nil {
			return err
		}
		for _, r := range w.st.Recusals {
			if r.Decided != nil && r.Decided.Approved && slices.ContainsFunc(officers, func(o OfficerInfo) bool { return o.PersonID == r.PersonID }) {
				return apperr.InvalidField("officerIds", "CASE_OFFICER_RECUSED", r.Name+"已决定回避，不能再承办本案").WithRule(art43)
			}
		}
		w.st.Officers = replaceOfficers(w.st.Officers, officers, w.date)
		w.data, w.reason = in, strings.TrimSpace(in.Reason)
		names := make([]string, len(officers))
		for i, o := range officers {
			names[i] = o.Name
		}
		w.sum = "承办人调整为：" + strings.Join(names, "、")
		return nil
	})
}

// replaceOfficers ends the current officers' assignment on day and starts the new list, keeping
// those on both.
func replaceOfficers(cur []CaseOfficer, next []OfficerInfo, day civil.Date) []CaseOfficer {
	keep := map[string]bool{}
	for _, o := range next {
		keep[o.PersonID] = true
	}
	out := make([]CaseOfficer, 0, len(cur)+len(next))
	active := map[string]bool{}
	for _, o := range cur {
		if o.Active(day) && !keep[o.PersonID] {
			o.To = day
		}
		if o.Active(day) {
			active[o.PersonID] = true
		}
		o.Lead = false
		out = append(out, o)
	}
	for i, o := range next {
		if active[o.PersonID] {
			for j := range out {
				if out[j].PersonID == o.PersonID && out[j].Active(day) {
					out[j].Lead = i == 0
				}
			}
			continue
		}
		out = append(out, CaseOfficer{PersonID: o.PersonID, Name: o.Name, Lead: i == 0, From: day})
	}
	return out
}

// RecusalInput records a request that an officer step aside.
type RecusalInput struct {
	Date     civil.Date `json:"date,omitempty"`
	PersonID string     `json:"personId" required:"true" text:"64"`
	By       string     `json:"by" required:"true" text:"20"` // 当事人申请 | 本人申请
	Reason   string     `json:"reason" required:"true" text:"1000,multiline"`
}

// RequestRecusal records a recusal request; the investigation goes on until it is decided
// (第四十三条第三款: 决定作出之前，不停止调查).
func (s *Service) RequestRecusal(ctx context.Context, p *access.Principal, id string, in RecusalInput) (Detail, error) {
	return s.do(ctx, p, id, StepRecusal, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Opened, w.env, "申请"); err != nil {
			return err
		}
		i := slices.IndexFunc(w.st.Officers, func(o CaseOfficer) bool { return o.PersonID == in.PersonID && o.Active(w.date) })
		if i < 0 {
			return apperr.InvalidField("personId", "CASE_OFFICER_NOT_ON_CASE", "该人员不是本案承办人")
		}
		if strings.TrimSpace(in.Reason) == "" {
			return apperr.InvalidField("reason", "CASE_REASON_REQUIRED", "请写明申请回避的理由")
		}
		rec := Recusal{ID: ids.New(), PersonID: in.PersonID, Name: w.st.Officers[i].Name, Requested: w.date, By: in.By,
			Reason: strings.TrimSpace(in.Reason)}
		w.st.Recusals = append(w.st.Recusals, rec)
		w.data, w.sum = rec, in.By+"：申请"+rec.Name+"回避"
		return nil
	})
}

// RecusalDecision decides a recusal request.
type RecusalDecision struct {
	Date      civil.Date `json:"date,omitempty"`
	RecusalID string     `json:"recusalId" required:"true" text:"64"`
	Approved  bool       `json:"approved"`
	Opinion   string     `json:"opinion" required:"true" text:"1000,multiline"`
}

// DecideRecusal decides a recusal request (第四十三条第二款: 由行政机关负责人决定); an officer who
// must step aside leaves the case that day, and two qualified officers must remain.
func (s *Service) DecideRecusal(ctx context.Context, p *access.Principal, id string, in RecusalDecision) (Detail, error) {
	return s.do(ctx, p, id, StepRecusalDecide, in.Date, func(w *work) error {
		i := slices.IndexFunc(w.st.Recusals, func(r Recusal) bool { return r.ID == in.RecusalID })
		if i < 0 || w.st.Recusals[i].Decided != nil {
			return apperr.InvalidField("recusalId", "CASE_RECUSAL_NOT_FOUND", "没有待决定的回避申请")
		}
		rec := &w.st.Recusals[i]
		if err := checkDate("date", w.date, rec.Requested, w.env, "决定"); err != nil {
			return err
		}
		a := approvalBy(w.p, w.date, in.Approved, in.Opinion)
		rec.Decided = &a
		w.data = in
		if !in.Approved {
			w.sum = "决定" + rec.Name + "不予回避：" + a.Opinion
			return nil
		}
		for j := range w.st.Officers {
			if w.st.Officers[j].PersonID == rec.PersonID && w.st.Officers[j].Active(w.date) {
				w.st.Officers[j].To = w.date
			}
		}
		officers, err := w.s.officersOn(w.ctx, w.tx, w.r.RegionCode, w.st, w.date)
		if err != nil {
			return err
		}
		if err := CheckOfficers("recusalId", officers, w.st.Exercise.Domain, w.date); err != nil {
			return apperr.As(err).WithMessage("决定" + rec.Name + "回避后，承办人不足两名持证人员，请先调整承办人")
		}
		w.sum = "决定" + rec.Name + "回避：" + a.Opinion
		return nil
	})
}

// RecordInput is an investigation record (询问笔录、现场检查（勘验）笔录) as its form has it: when
// (the day, and the times it began and ended), where, who inquired or inspected and who wrote it
// down, whom (and, for an inquiry, their relation to the case), who else was present, the
// questions and answers in order, and the summary or findings.
type RecordInput struct {
	Date       civil.Date `json:"date,omitempty"`
	From       string     `json:"from,omitempty" text:"5"` // HH:MM
	To         string     `json:"to,omitempty" text:"5"`
	Kind       string     `json:"kind" required:"true" text:"20"`
	Place      string     `json:"place" required:"true" text:"200"`
	OfficerIDs []string   `json:"officerIds" required:"true"`
	RecorderID string     `json:"recorderId,omitempty" text:"64"`
	Subject    string     `json:"subject" required:"true" text:"100"`
	Relation   string     `json:"relation,omitempty" text:"20"`
	Present    string     `json:"present,omitempty" text:"200"`
	QA         []QA       `json:"qa,omitempty"`
	Summary    string     `json:"summary,omitempty" text:"4000,multiline"`
}

var clockTime = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

// checkRecord validates the structure of a record and normalises its texts: an inquiry names the
// person's relation to the case and holds its questions and answers or a summary; an inspection
// its findings; the times, when given, are HH:MM with the end after the start.
func checkRecord(in *RecordInput) error {
	in.Place, in.Subject, in.Summary = strings.TrimSpace(in.Place), strings.TrimSpace(in.Subject), strings.TrimSpace(in.Summary)
	in.From, in.To, in.Relation, in.Present = strings.TrimSpace(in.From), strings.TrimSpace(in.To), strings.TrimSpace(in.Relation), strings.TrimSpace(in.Present)
	if in.Kind != RecordInquiry && in.Kind != RecordInspection && in.Kind != RecordOther {
		return apperr.InvalidField("kind", "CASE_RECORD_KIND_UNKNOWN", "调查记录类型应为 inquiry（询问笔录）、inspection（现场检查、勘验笔录）或 other")
	}
	if in.Subject == "" || in.Place == "" {
		return apperr.InvalidField("subject", "CASE_RECORD_INCOMPLETE", "调查记录须写明地点与对象")
	}
	for _, t := range []struct{ field, v string }{{"from", in.From}, {"to", in.To}} {
		if t.v != "" && !clockTime.MatchString(t.v) {
			return apperr.InvalidField(t.field, "CASE_RECORD_TIME_INVALID", "时间应为 时:分，如 09:30")
		}
	}
	if in.From != "" && in.To != "" && in.To <= in.From {
		return apperr.InvalidField("to", "CASE_RECORD_TIME_INVALID", "结束时间应晚于开始时间")
	}
	if len(in.QA) > MaxQA {
		return apperr.InvalidField("qa", "CASE_RECORD_TOO_LONG", fmt.Sprintf("一份笔录的问答不能超过%d组", MaxQA))
	}
	qa := in.QA[:0]
	for i, x := range in.QA {
		x.Q, x.A = strings.TrimSpace(x.Q), strings.TrimSpace(x.A)
		switch {
		case x.Q == "" && x.A == "":
			continue
		case x.Q == "" || x.A == "":
			return apperr.InvalidField(fmt.Sprintf("qa[%d]", i), "CASE_RECORD_QA_INCOMPLETE", "每组问答须有问有答（被询问人拒绝回答的，如实记明）")
		}
		qa = append(qa, x)
	}
	in.QA = qa
	if in.Kind == RecordInquiry {
		if relationNames[in.Relation] == "" && in.Relation != "" {
			return apperr.InvalidField("relation", "CASE_RECORD_RELATION_UNKNOWN", "与本案关系应为 party、representative、agent、witness 或 other")
		}
		if len(in.QA) == 0 && in.Summary == "" {
			return apperr.InvalidField("qa", "CASE_RECORD_INCOMPLETE", "询问笔录须记录问答或询问内容")
		}
	} else {
		if len(in.QA) > 0 {
			return apperr.InvalidField("qa", "CASE_RECORD_QA_NOT_INQUIRY", "问答只记入询问笔录")
		}
		if in.Summary == "" {
			return apperr.InvalidField("summary", "CASE_RECORD_INCOMPLETE", "请写明检查、勘验情况")
		}
	}
	return nil
}

// AddRecord records an investigation step taken by at least two qualified officers of the case,
// who showed their certificates (第四十二条、第五十五条).
func (s *Service) AddRecord(ctx context.Context, p *access.Principal, id string, in RecordInput) (Detail, error) {
	return s.do(ctx, p, id, StepRecord, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Filed, w.env, "调查"); err != nil {
			return err
		}
		if err := checkRecord(&in); err != nil {
			return err
		}
		ids := dedupe(in.OfficerIDs)
		for _, o := range ids {
			if !w.st.hasOfficer(o, w.date) {
				return apperr.InvalidField("officerIds", "CASE_OFFICER_NOT_ON_CASE", "调查人员须为本案承办人").WithRule(art55)
			}
		}
		officers, err := w.s.officers(w.ctx, w.tx, w.r.RegionCode, ids)
		if err != nil {
			return err
		}
		if err := CheckOfficers("officerIds", officers, w.st.Exercise.Domain, w.date); err != nil {
			return err
		}
		recorder := ""
		if in.RecorderID != "" {
			if !slices.Contains(ids, in.RecorderID) {
				return apperr.InvalidField("recorderId", "CASE_RECORDER_NOT_PRESENT", "记录人应为参加本次调查的执法人员之一").WithRule(art55)
			}
			for _, o := range officers {
				if o.PersonID == in.RecorderID {
					recorder = o.Name
				}
			}
		}
		rec := Record{ID: newID(), Kind: in.Kind, Date: w.date, From: in.From, To: in.To, Place: in.Place, Officers: ids, Recorder: recorder,
			Subject: in.Subject, Relation: in.Relation, Present: in.Present, QA: in.QA, Summary: in.Summary}
		w.st.Records = append(w.st.Records, rec)
		w.data, w.place = rec, rec.Place
		w.sum = recordNames[in.Kind] + "：" + rec.Subject
		if rec.Relation != "" {
			w.sum += "（" + relationNames[rec.Relation] + "）"
		}
		if len(rec.QA) > 0 {
			w.sum += fmt.Sprintf("，问答%d组", len(rec.QA))
		}
		return nil
	})
}

var recordNames = map[string]string{RecordInquiry: "询问笔录", RecordInspection: "现场检查（勘验）笔录", RecordOther: "调查记录"}

func newID() string { return ids.New() }

// SuspendInput starts a period that does not count toward the decision limit.
type SuspendInput struct {
	Date   civil.Date `json:"date,omitempty"`
	Kind   string     `json:"kind" required:"true" text:"20"`
	Reason string     `json:"reason" required:"true" text:"1000,multiline"`
}

// Suspend starts a period of testing, appraisal, public notice or suspension of the case, which
// does not count toward the decision limit.
func (s *Service) Suspend(ctx context.Context, p *access.Principal, id string, in SuspendInput) (Detail, error) {
	return s.do(ctx, p, id, StepSuspend, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Filed, w.env, "开始"); err != nil {
			return err
		}
		if _, ok := suspensionNames[in.Kind]; !ok || in.Kind == SuspendHearing {
			return apperr.InvalidField("kind", "CASE_SUSPENSION_KIND_UNKNOWN", "期间类型应为 testing（检测、检验、检疫）、appraisal（鉴定、评估）、notice（公告）或 suspend（案件中止）；听证期间由听证步骤自动计算")
		}
		for _, sp := range w.st.Suspended {
			if sp.To.IsZero() {
				return apperr.Conflict("CASE_ALREADY_SUSPENDED", suspensionNames[sp.Kind]+"期间尚未结束").WithRule(art60)
			}
		}
		sp := Suspension{ID: newID(), Kind: in.Kind, From: w.date, Reason: strings.TrimSpace(in.Reason)}
		w.st.Suspended = append(w.st.Suspended, sp)
		w.data, w.reason, w.sum = sp, sp.Reason, suspensionNames[in.Kind]+"期间开始（不计入办案期限）"
		return nil
	})
}

// Resume ends the open period.
func (s *Service) Resume(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepResume, in.Date, func(w *work) error {
		for i := range w.st.Suspended {
			sp := &w.st.Suspended[i]
			if sp.To.IsZero() && sp.Kind != SuspendHearing {
				if err := checkDate("date", w.date, sp.From, w.env, "结束"); err != nil {
					return err
				}
				sp.To = w.date
				w.data = sp
				w.sum = fmt.Sprintf("%s期间结束，共%d日不计入办案期限", suspensionNames[sp.Kind], sp.Days(w.date))
				return nil
			}
		}
		return apperr.Conflict("CASE_NOT_SUSPENDED", "没有正在进行的检测、鉴定、公告或中止期间").WithRule(art60)
	})
}

// DateInput is a step that needs only its date.
type DateInput struct {
	Date civil.Date `json:"date,omitempty"`
	Note string     `json:"note,omitempty" text:"1000,multiline"`
}

// ExtendInput extends the decision limit.
type ExtendInput struct {
	Date   civil.Date `json:"date,omitempty"`
	Reason string     `json:"reason" required:"true" text:"1000,multiline"`
}

// Extend approves the jurisdiction's extension of the decision limit, before the limit runs out
// and no more often than its rules allow.
func (s *Service) Extend(ctx context.Context, p *access.Principal, id string, in ExtendInput) (Detail, error) {
	return s.do(ctx, p, id, StepExtend, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Filed, w.env, "批准"); err != nil {
			return err
		}
		lim := w.env.limits
		if lim.ExtensionDays == 0 || len(w.st.Extended) >= lim.MaxExtensions {
			return apperr.Conflict("CASE_EXTENSION_EXHAUSTED", fmt.Sprintf("办案期限最多可延长%d次，已延长%d次", lim.MaxExtensions, len(w.st.Extended))).
				WithRule(art60 + "；本辖区办案期限设置")
		}
		due, err := DecisionDue(w.st, w.env.cal, lim, w.date)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) {
			return apperr.Conflict("CASE_DECISION_OVERDUE", "办案期限已于"+due.Due.Chinese()+"届满，应在届满前批准延长").WithRule(art60)
		}
		if strings.TrimSpace(in.Reason) == "" {
			return apperr.InvalidField("reason", "CASE_REASON_REQUIRED", "请写明延长理由")
		}
		ext := Extension{Days: lim.ExtensionDays, Reason: strings.TrimSpace(in.Reason), Approval: approvalBy(w.p, w.date, true, in.Reason)}
		w.st.Extended = append(w.st.Extended, ext)
		w.data, w.reason = ext, ext.Reason
		w.sum = fmt.Sprintf("批准延长办案期限%d日", ext.Days)
		return nil
	})
}

// ReportInput is the investigation report.
type ReportInput struct {
	Date           civil.Date `json:"date,omitempty"`
	Facts          string     `json:"facts" required:"true" text:"8000,multiline"`
	Evidence       string     `json:"evidence" required:"true" text:"8000,multiline"`
	Outcome        Outcome    `json:"outcome" required:"true" text:"20"`
	Proposed       []Penalty  `json:"proposed,omitempty"`
	Education      string     `json:"education,omitempty" text:"2000,multiline"`
	Complex        bool       `json:"complex,omitempty"`
	PublicInterest bool       `json:"publicInterest,omitempty"`
	ManyRelations  bool       `json:"manyRelations,omitempty"`
	OtherReview    bool       `json:"otherReview,omitempty"`
}

// SubmitReport ends the investigation with a report proposing the outcome (第五十七条).
func (s *Service) SubmitReport(ctx context.Context, p *access.Principal, id string, in ReportInput) (Detail, error) {
	return s.do(ctx, p, id, StepReport, in.Date, func(w *work) error {
		last := w.st.Filed
		for _, r := range w.st.Records {
			if r.Date.After(last) {
				last = r.Date
			}
		}
		if err := checkDate("date", w.date, last, w.env, "调查终结"); err != nil {
			return err
		}
		if OutcomeName(in.Outcome) == "" {
			return apperr.InvalidField("outcome", "CASE_OUTCOME_UNKNOWN", "处理意见应为 penalty、no_penalty、not_established 或 transfer").WithRule(art57)
		}
		rep := Report{Date: w.date, Facts: strings.TrimSpace(in.Facts), Evidence: strings.TrimSpace(in.Evidence), Outcome: in.Outcome,
			Education: strings.TrimSpace(in.Education), Complex: in.Complex, PublicInterest: in.PublicInterest,
			ManyRelations: in.ManyRelations, OtherReview: in.OtherReview}
		if in.Outcome == OutcomePenalty {
			var earlier []Penalty
			if w.st.Report != nil {
				earlier = w.st.Report.Proposed
			}
			ps, err := w.penalties("proposed", in.Proposed, earlier)
			if err != nil {
				return err
			}
			rep.Proposed = ps
		}
		if in.Outcome == OutcomeNoPenaltyMinor && rep.Education == "" {
			return apperr.InvalidField("education", "CASE_EDUCATION_REQUIRED", "不予行政处罚的，应当对当事人进行教育，请写明教育情况").
				WithRule("行政处罚法 第三十三条第三款：对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育")
		}
		w.st.Report, w.st.Review, w.st.Discussion = &rep, nil, nil
		w.data = rep
		w.sum = "调查终结，拟" + OutcomeName(in.Outcome)
		if len(rep.Proposed) > 0 {
			w.sum += "：" + w.describe(rep.Proposed)
		}
		return nil
	})
}

// penalties checks the penalties proposed or decided: one per party of the case, the benchmark
// applied to the facts recorded with each (or with the party's penalty at the step before,
// earlier), each within the statute and the benchmark tier, or with the reason.
func (w *work) penalties(field string, in []Penalty, earlier []Penalty) ([]Penalty, error) {
	if len(in) == 0 {
		return nil, apperr.InvalidField(field, "CASE_PENALTY_REQUIRED", "请填写对当事人的处罚")
	}
	ps, err := partiesOf(w.ctx, w.tx, []string{w.r.ID})
	if err != nil {
		return nil, err
	}
	known := map[string]partyRow{}
	for _, pr := range ps[w.r.ID] {
		known[pr.ID] = pr
	}
	seen := map[string]bool{}
	out := make([]Penalty, 0, len(in))
	for i, p := range in {
		f := fmt.Sprintf("%s[%d]", field, i)
		party, ok := known[p.PartyID]
		if !ok {
			return nil, apperr.InvalidField(f+".partyId", "CASE_PARTY_NOT_FOUND", "处罚对象不是本案当事人")
		}
		if seen[p.PartyID] {
			return nil, apperr.InvalidField(f+".partyId", "CASE_PARTY_DUPLICATE", "同一当事人只能有一项处罚（多种处罚合并列明）")
		}
		seen[p.PartyID] = true
		p.Kinds = dedupe(p.Kinds)
		p.ConfiscateText, p.Departure = strings.TrimSpace(p.ConfiscateText), strings.TrimSpace(p.Departure)
		if err := w.s.applyBenchmark(w.ctx, f, &p, party, w.st, w.r.RegionCode, earlier); err != nil {
			return nil, err
		}
		if err := CheckFine(f, p, w.st.Exercise); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// describe says penalties with the parties' names.
func (w *work) describe(ps []Penalty) string {
	rows, err := partiesOf(w.ctx, w.tx, []string{w.r.ID})
	names := map[string]string{}
	if err == nil {
		for _, pr := range rows[w.r.ID] {
			names[pr.ID] = pr.Name
		}
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = names[p.PartyID] + "：" + describePenalty(p)
	}
	return strings.Join(parts, "；")
}

// ReviewInput is the leader's review of the investigation report.
type ReviewInput struct {
	Date     civil.Date `json:"date,omitempty"`
	Approved bool       `json:"approved"` // false: returned for further investigation
	Outcome  Outcome    `json:"outcome,omitempty" text:"20"`
	Opinion  string     `json:"opinion" required:"true" text:"2000,multiline"`
}

// Review records the leader's decision on the report (第五十七条): one of the four outcomes, or a
// return for further investigation; a complex or major case then goes to collective discussion.
func (s *Service) Review(ctx context.Context, p *access.Principal, id string, in ReviewInput) (Detail, error) {
	return s.do(ctx, p, id, StepReview, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Report.Date, w.env, "审查"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Opinion) == "" {
			return apperr.InvalidField("opinion", "CASE_REASON_REQUIRED", "请填写审查意见")
		}
		w.data = in
		if !in.Approved {
			w.st.Report = nil
			w.sum = "退回补充调查：" + strings.TrimSpace(in.Opinion)
			return nil
		}
		out := in.Outcome
		if out == "" {
			out = w.st.Report.Outcome
		}
		if OutcomeName(out) == "" {
			return apperr.InvalidField("outcome", "CASE_OUTCOME_UNKNOWN", "审查决定应为 penalty、no_penalty、not_established 或 transfer").WithRule(art57)
		}
		if out == OutcomePenalty && len(w.st.Report.Proposed) == 0 {
			return apperr.InvalidField("outcome", "CASE_PENALTY_REQUIRED", "调查终结报告未提出处罚意见，请退回补充").WithRule(art57)
		}
		if out == OutcomeNoPenaltyMinor && w.st.Report.Education == "" {
			return apperr.InvalidField("outcome", "CASE_EDUCATION_REQUIRED", "不予行政处罚的，应当写明对当事人的教育，请退回补充").
				WithRule("行政处罚法 第三十三条第三款")
		}
		if t := w.st.Transfer; t != nil && t.declined() {
			// Reviewed again after the police declined: the earlier conclusion to transfer is spent.
			w.st.Discussion = nil
		}
		w.st.Review = &Review{Approval: approvalBy(w.p, w.date, true, in.Opinion), Outcome: out}
		w.sum = "负责人审查：" + OutcomeName(out)
		if w.st.Report.Complex {
			w.sum += "（情节复杂或重大违法，须集体讨论）"
		}
		return nil
	})
}

// DiscussionInput is the record of the leaders' collective discussion.
type DiscussionInput struct {
	Date         civil.Date `json:"date,omitempty"`
	Participants []string   `json:"participants" required:"true"`
	Opinions     string     `json:"opinions" required:"true" text:"8000,multiline"`
	Conclusion   Outcome    `json:"conclusion" required:"true" text:"20"`
	Note         string     `json:"note,omitempty" text:"2000,multiline"`
}

// Discuss records the collective discussion of a complex or major case (第五十七条第二款).
func (s *Service) Discuss(ctx context.Context, p *access.Principal, id string, in DiscussionInput) (Detail, error) {
	return s.do(ctx, p, id, StepDiscussion, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Review.Date, w.env, "集体讨论"); err != nil {
			return err
		}
		parts := dedupe(in.Participants)
		if len(parts) < 3 {
			return apperr.InvalidField("participants", "CASE_DISCUSSION_PARTICIPANTS", "集体讨论应由行政机关负责人集体进行，参加人员不少于三人").WithRule(art57)
		}
		for _, n := range parts {
			if len([]rune(n)) > 50 {
				return apperr.InvalidField("participants", "CASE_DISCUSSION_PARTICIPANTS", "参加人员姓名不能超过50个字")
			}
		}
		if OutcomeName(in.Conclusion) == "" {
			return apperr.InvalidField("conclusion", "CASE_OUTCOME_UNKNOWN", "讨论结论应为 penalty、no_penalty、not_established 或 transfer").WithRule(art57)
		}
		if in.Conclusion == OutcomePenalty && len(w.st.Report.Proposed) == 0 {
			return apperr.InvalidField("conclusion", "CASE_PENALTY_REQUIRED", "调查终结报告未提出处罚意见").WithRule(art57)
		}
		d := Discussion{Date: w.date, Participants: parts, Opinions: strings.TrimSpace(in.Opinions), Conclusion: in.Conclusion,
			Note: strings.TrimSpace(in.Note)}
		w.st.Discussion = &d
		w.data, w.sum = d, "集体讨论决定："+OutcomeName(in.Conclusion)
		return nil
	})
}

// NoticeInput is the advance notice served on the parties.
type NoticeInput struct {
	Date     civil.Date `json:"date,omitempty"` // 送达之日
	Method   string     `json:"method" required:"true" text:"20"`
	Proposed []Penalty  `json:"proposed,omitempty"` // default: the report's proposal
}

// Notify serves the advance notice of the proposed penalty, its facts, reasons and basis, and the
// party's rights (第四十四条、第六十二条); the right to a hearing is worked out from the
// jurisdiction's thresholds (第六十三条).
func (s *Service) Notify(ctx context.Context, p *access.Principal, id string, in NoticeInput) (Detail, error) {
	return s.do(ctx, p, id, StepNotice, in.Date, func(w *work) error {
		start := w.st.Review.Date
		if w.st.Discussion != nil {
			start = w.st.Discussion.Date
		}
		if err := checkDate("date", w.date, start, w.env, "送达告知书"); err != nil {
			return err
		}
		if serviceNames[in.Method] == "" {
			return apperr.InvalidField("method", "CASE_SERVICE_METHOD_UNKNOWN", "送达方式应为 direct、left、mail、electronic、entrusted 或 public")
		}
		if err := w.checkElectronic(in.Method); err != nil {
			return err
		}
		proposed := in.Proposed
		if len(proposed) == 0 {
			proposed = w.st.Report.Proposed
		}
		ps, err := w.penalties("proposed", proposed, w.st.Report.Proposed)
		if err != nil {
			return err
		}
		parties, err := partiesOf(w.ctx, w.tx, []string{w.r.ID})
		if err != nil {
			return err
		}
		types := map[string]PartyType{}
		for _, pr := range parties[w.r.ID] {
			types[pr.ID] = pr.Type
		}
		n := Notice{Date: w.date, Method: in.Method, Proposed: ps}
		var why []string
		for _, pen := range ps {
			if ok, reason := HearingRight(types[pen.PartyID], pen, w.env.hearing); ok {
				n.HearingRight = true
				why = append(why, reason)
			}
		}
		n.HearingWhy = strings.Join(why, "；")
		number, err := w.number(NumNotice)
		if err != nil {
			return err
		}
		n.Number = number
		w.st.Notice = &n
		w.data = n
		w.sum = "送达行政处罚告知书 " + number + "（" + serviceNames[in.Method] + "）：" + w.describe(ps)
		if n.HearingRight {
			w.sum += "；告知听证权利（" + n.HearingWhy + "）"
		}
		return nil
	})
}

// checkElectronic refuses electronic service to a party who did not consent in writing (第六十一条).
func (w *work) checkElectronic(method string) error {
	if method != ServeElectronic {
		return nil
	}
	ps, err := partiesOf(w.ctx, w.tx, []string{w.r.ID})
	if err != nil {
		return err
	}
	for _, pr := range ps[w.r.ID] {
		if !pr.ElectronicConsent {
			return apperr.InvalidField("method", "CASE_ELECTRONIC_NOT_CONSENTED", pr.Name+"未书面同意电子送达，不能采用电子送达").WithRule(art61e)
		}
	}
	return nil
}

// StatementInput records the party's statement and defence and its review.
type StatementInput struct {
	Date    civil.Date `json:"date,omitempty"`
	Content string     `json:"content" required:"true" text:"8000,multiline"`
	Adopted bool       `json:"adopted"`
	Reply   string     `json:"reply" required:"true" text:"4000,multiline"` // 复核意见：采纳或不采纳的理由
}

// RecordStatement records what the party said and whether it was adopted; the agency must review
// it and adopt what holds (第四十五条).
func (s *Service) RecordStatement(ctx context.Context, p *access.Principal, id string, in StatementInput) (Detail, error) {
	return s.do(ctx, p, id, StepStatement, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Notice.Date, w.env, "陈述申辩"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Reply) == "" {
			return apperr.InvalidField("reply", "CASE_REPLY_REQUIRED", "应当对当事人提出的事实、理由和证据进行复核，请写明复核意见").
				WithRule("行政处罚法 第四十五条：行政机关必须充分听取当事人的意见，对当事人提出的事实、理由和证据，应当进行复核")
		}
		sm := Statement{Date: w.date, Content: strings.TrimSpace(in.Content), Adopted: in.Adopted, Reply: strings.TrimSpace(in.Reply)}
		w.st.Statements = append(w.st.Statements, sm)
		w.data = sm
		w.sum = "当事人陈述、申辩，复核意见：" + map[bool]string{true: "采纳", false: "不予采纳"}[in.Adopted]
		return nil
	})
}

// WaiveInput records the party's written waiver.
type WaiveInput struct {
	Date      civil.Date `json:"date,omitempty"`
	Statement bool       `json:"statement"`
	Hearing   bool       `json:"hearing"`
}

// Waive records that the party gave up, in writing, statement and defence and/or a hearing
// (第六十二条: 当事人明确放弃陈述或者申辩权利的除外).
func (s *Service) Waive(ctx context.Context, p *access.Principal, id string, in WaiveInput) (Detail, error) {
	return s.do(ctx, p, id, StepWaive, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Notice.Date, w.env, "放弃"); err != nil {
			return err
		}
		if !in.Statement && !in.Hearing {
			return apperr.InvalidField("statement", "CASE_WAIVER_EMPTY", "请选择放弃的权利")
		}
		if in.Hearing && (!w.st.Notice.HearingRight || w.st.Hearing != nil) {
			return apperr.InvalidField("hearing", "CASE_NO_HEARING_RIGHT", "本案没有可放弃的听证权利或已申请听证").WithRule(art63)
		}
		wv := Waiver{Date: w.date, Statement: in.Statement, Hearing: in.Hearing}
		w.st.Waived = &wv
		w.data = wv
		var what []string
		if in.Statement {
			what = append(what, "陈述、申辩")
		}
		if in.Hearing {
			what = append(what, "听证")
		}
		w.sum = "当事人书面放弃" + strings.Join(what, "、") + "权利"
		return nil
	})
}

// RequestHearing records the party's request for a hearing, which must come within 5 working days
// of the notice (第六十四条第（一）项). The hearing's time does not count toward the decision limit.
func (s *Service) RequestHearing(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepHearingAsk, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Notice.Date, w.env, "要求听证"); err != nil {
			return err
		}
		due, err := w.env.cal.AddWorkdays(w.st.Notice.Date, 5)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) && !due.Provisional {
			return apperr.InvalidField("date", "CASE_HEARING_REQUEST_LATE", "当事人应在告知后五个工作日内要求听证（"+due.Explain+"），"+
				w.date.Chinese()+"提出已逾期").WithRule(art64)
		}
		sp := Suspension{ID: newID(), Kind: SuspendHearing, From: w.date, Reason: "当事人要求听证"}
		w.st.Suspended = append(w.st.Suspended, sp)
		w.st.Hearing = &Hearing{Requested: w.date, SuspensionI: sp.ID}
		w.data, w.sum = in, "当事人要求听证（听证期间不计入办案期限）"
		return nil
	})
}

// HearingNoticeInput sets the hearing.
type HearingNoticeInput struct {
	Date        civil.Date `json:"date,omitempty"` // 通知送达之日
	HearingDate civil.Date `json:"hearingDate" required:"true"`
	HostID      string     `json:"hostId" required:"true" text:"64"` // 听证主持人（执法人员以外）
	Clerk       string     `json:"clerk" required:"true" text:"50"`
	Public      bool       `json:"public"`
	Place       string     `json:"place" required:"true" text:"200"`
}

// NotifyHearing sets the hearing and serves its notice at least 7 working days before it, with a
// host who did not investigate the case (第六十四条第（二）项、第（四）项).
func (s *Service) NotifyHearing(ctx context.Context, p *access.Principal, id string, in HearingNoticeInput) (Detail, error) {
	return s.do(ctx, p, id, StepHearingNotice, in.Date, func(w *work) error {
		h := w.st.Hearing
		if err := checkDate("date", w.date, h.Requested, w.env, "送达听证通知"); err != nil {
			return err
		}
		if !in.HearingDate.After(w.date) {
			return apperr.InvalidField("hearingDate", "CASE_HEARING_DATE", "听证日期应在通知送达之后").WithRule(art64)
		}
		due, err := w.env.cal.AddWorkdays(w.date, 7)
		if err != nil {
			return err
		}
		if !in.HearingDate.After(due.Due) {
			return apperr.InvalidField("hearingDate", "CASE_HEARING_NOTICE_SHORT", "应当在举行听证的七个工作日前通知当事人："+w.date.Chinese()+
				"送达通知的，听证最早于"+due.Due.AddDays(1).Chinese()+"举行（"+due.Explain+"）").WithRule(art64)
		}
		if slices.ContainsFunc(w.st.Officers, func(o CaseOfficer) bool { return o.PersonID == in.HostID }) {
			return apperr.InvalidField("hostId", "CASE_HEARING_HOST_INVESTIGATOR", "听证由行政机关指定的非本案调查人员主持").
				WithRule("行政处罚法 第六十四条第（四）项：听证由行政机关指定的非本案调查人员主持")
		}
		host, err := w.s.officers(w.ctx, w.tx, w.r.RegionCode, []string{in.HostID})
		if err != nil {
			return err
		}
		h.Notified, h.Date, h.Host, h.HostName, h.Clerk, h.Public = w.date, in.HearingDate, in.HostID, host[0].Name, strings.TrimSpace(in.Clerk), in.Public
		w.data, w.place = in, strings.TrimSpace(in.Place)
		w.sum = "送达听证通知：" + in.HearingDate.Chinese() + "举行听证，主持人" + host[0].Name
		return nil
	})
}

// HearingRecordInput is the record of the hearing.
type HearingRecordInput struct {
	Date     civil.Date `json:"date,omitempty"`
	Attended bool       `json:"attended"`
	Record   string     `json:"record" required:"true" text:"20000,multiline"` // 听证笔录（当事人核对签字）
	Opinion  string     `json:"opinion" required:"true" text:"4000,multiline"` // 听证主持人意见
}

// HoldHearing records the hearing held; the decision is then made on its record (第六十五条) and,
// as a case that went through a hearing, after legal review (第五十八条第一款第（二）项).
func (s *Service) HoldHearing(ctx context.Context, p *access.Principal, id string, in HearingRecordInput) (Detail, error) {
	return s.do(ctx, p, id, StepHearingHold, in.Date, func(w *work) error {
		h := w.st.Hearing
		if err := checkDate("date", w.date, h.Date, w.env, "举行听证"); err != nil {
			return apperr.As(err).WithMessage("听证应于通知的日期（" + h.Date.Chinese() + "）或之后举行，且不晚于今天")
		}
		h.Held, h.Attended, h.Record, h.Opinion = w.date, in.Attended, strings.TrimSpace(in.Record), strings.TrimSpace(in.Opinion)
		w.endHearingPeriod()
		w.data, w.sum = in, "举行听证"
		return nil
	})
}

// DropHearing records that the party withdrew the request or did not attend without good reason
// (第六十四条第（八）项: 视为放弃听证权利).
func (s *Service) DropHearing(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepHearingDrop, in.Date, func(w *work) error {
		h := w.st.Hearing
		if err := checkDate("date", w.date, h.Requested, w.env, "终止听证"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Note) == "" {
			return apperr.InvalidField("note", "CASE_REASON_REQUIRED", "请写明当事人撤回听证申请或无正当理由不参加的情况")
		}
		h.Withdrawn = w.date
		w.endHearingPeriod()
		w.data, w.reason, w.sum = in, strings.TrimSpace(in.Note), "听证终止："+strings.TrimSpace(in.Note)
		return nil
	})
}

func (w *work) endHearingPeriod() {
	for i := range w.st.Suspended {
		if w.st.Suspended[i].ID == w.st.Hearing.SuspensionI && w.st.Suspended[i].To.IsZero() {
			w.st.Suspended[i].To = w.date
		}
	}
}

// SubmitLegal submits the case for legal review before the decision (第五十八条).
func (s *Service) SubmitLegal(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepLegalSubmit, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Opened, w.env, "提交法制审核"); err != nil {
			return err
		}
		if w.st.LegalReview == nil {
			w.st.LegalReview = &LegalReview{}
		}
		w.st.LegalReview.Submitted = w.date
		reasons := LegalReviewReasons(w.st)
		w.data = map[string]any{"reasons": reasons, "note": in.Note}
		w.sum = "提交法制审核"
		if len(reasons) > 0 {
			w.sum += "（" + joinReasons(reasons) + "）"
		}
		return nil
	})
}

// LegalChecklist are the points of the legal review (司法部《关于全面推行行政执法公示制度执法全过程
// 记录制度重大执法决定法制审核制度的指导意见》国办发〔2018〕118号).
var LegalChecklist = []Option{
	{"competent", "执法主体合法、具有管辖权"}, {"qualified", "执法人员具备执法资格"}, {"procedure", "执法程序合法"},
	{"facts", "案件事实清楚，证据合法充分"}, {"law", "适用法律、法规、规章准确，裁量基准运用适当"},
	{"documents", "执法文书使用规范、完备"}, {"crime", "违法行为是否涉嫌犯罪、需要移送司法机关"},
}

// LegalOpinionInput is a written legal-review opinion.
type LegalOpinionInput struct {
	Date      civil.Date      `json:"date,omitempty"`
	Passed    bool            `json:"passed"`
	Checklist map[string]bool `json:"checklist"`
	Opinion   string          `json:"opinion" required:"true" text:"8000,multiline"`
}

// GiveLegalOpinion records the reviewer's written opinion: a pass needs every point of the
// checklist confirmed; a return sends the case back to the officers.
func (s *Service) GiveLegalOpinion(ctx context.Context, p *access.Principal, id string, in LegalOpinionInput) (Detail, error) {
	return s.do(ctx, p, id, StepLegalOpinion, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.LegalReview.Submitted, w.env, "审核"); err != nil {
			return err
		}
		if w.st.hasOfficer(w.p.PersonID, w.date) {
			return apperr.Forbidden("承办人不能审核本人承办的案件").WithCode("CASE_REVIEWER_IS_OFFICER").WithRule(art58)
		}
		for k := range in.Checklist {
			if !slices.ContainsFunc(LegalChecklist, func(o Option) bool { return o.Code == k }) {
				return apperr.InvalidField("checklist", "CASE_CHECKLIST_UNKNOWN", "未知审核要点："+k)
			}
		}
		if in.Passed {
			for _, o := range LegalChecklist {
				if o.Code != "crime" && !in.Checklist[o.Code] {
					return apperr.InvalidField("checklist."+o.Code, "CASE_CHECKLIST_INCOMPLETE", "审核通过须确认：“"+o.Name+"”").WithRule(art58)
				}
			}
		}
		op := LegalOpinion{Date: w.date, Reviewer: w.p.AccountID, Name: w.p.DisplayName, Passed: in.Passed, Checklist: in.Checklist,
			Opinion: strings.TrimSpace(in.Opinion)}
		w.st.LegalReview.Opinions = append(w.st.LegalReview.Opinions, op)
		w.data = op
		w.sum = "法制审核：" + map[bool]string{true: "通过", false: "退回"}[in.Passed]
		return nil
	})
}

// DecideInput is the decision.
type DecideInput struct {
	Date      civil.Date `json:"date,omitempty"`
	Penalties []Penalty  `json:"penalties,omitempty"` // default: as notified
	Opinion   string     `json:"opinion" text:"2000,multiline"`
}

// Decide makes the decision the procedure has led to (第五十七条、第五十九条): a penalty no heavier
// than notified (第四十五条), inside the statute and the benchmark tier or with the reason, no
// second fine for the same act (第二十九条), within the decision limit (第六十条); or a decision not
// to penalise, with the education given.
func (s *Service) Decide(ctx context.Context, p *access.Principal, id string, in DecideInput) (Detail, error) {
	return s.do(ctx, p, id, StepDecide, in.Date, func(w *work) error {
		st := w.st
		earliest := st.Filed
		for _, d := range []civil.Date{reviewDate(st), noticeDate(st)} {
			if d.After(earliest) {
				earliest = d
			}
		}
		if st.Hearing != nil && !st.Hearing.Held.IsZero() && st.Hearing.Held.After(earliest) {
			earliest = st.Hearing.Held
		}
		if err := checkDate("date", w.date, earliest, w.env, "决定"); err != nil {
			return err
		}
		due, err := DecisionDue(st, w.env.cal, w.env.limits, w.date)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) {
			return apperr.Conflict("CASE_DECISION_OVERDUE", "已超过办案期限（"+due.Explain+"），应在期限届满前批准延长").WithRule(art60)
		}
		out := st.Conclusion()
		d := Decision{Date: w.date, Outcome: out, Approval: approvalBy(w.p, w.date, true, in.Opinion)}
		switch out {
		case OutcomePenalty:
			pens := in.Penalties
			if len(pens) == 0 {
				pens = st.Notice.Proposed
			}
			ps, err := w.penalties("penalties", pens, st.Notice.Proposed)
			if err != nil {
				return err
			}
			if err := CheckNotHeavier(ps, st.Notice.Proposed); err != nil {
				return err
			}
			if err := w.s.noSecondFine(w, ps); err != nil {
				return err
			}
			d.Penalties = ps
			d.Performance = performanceText(Penalty{FineFen: d.FineTotal()}, false)
			number, err := w.number(NumDecision)
			if err != nil {
				return err
			}
			d.Number = number
			w.sum = "作出行政处罚决定 " + number + "：" + w.describe(ps)
		case OutcomeNoPenaltyMinor, OutcomeNotEstablished:
			d.Education = st.Report.Education
			number, err := w.number(NumNoPenalty)
			if err != nil {
				return err
			}
			d.Number = number
			d.Performance = "无需履行"
			w.sum = "作出不予行政处罚决定 " + number + "（" + OutcomeName(out) + "）"
		default:
			return refuse("CASE_STEP_OUT_OF_ORDER", "负责人审查结论为移送司法机关，不作出行政处罚决定", art57)
		}
		st.Decision = &d
		w.data = d
		return nil
	})
}

func reviewDate(st *State) civil.Date {
	if st.Discussion != nil {
		return st.Discussion.Date
	}
	if st.Review != nil {
		return st.Review.Date
	}
	return civil.Date{}
}

func noticeDate(st *State) civil.Date {
	if st.Notice != nil {
		return st.Notice.Date
	}
	return civil.Date{}
}

// noSecondFine refuses a fine on a party already fined by any body for the same act: the same
// item on the same day (行政处罚法 第二十九条).
func (s *Service) noSecondFine(w *work, ps []Penalty) error {
	parties, err := partiesOf(w.ctx, w.tx, []string{w.r.ID})
	if err != nil {
		return err
	}
	keys := map[string]string{}
	for _, pr := range parties[w.r.ID] {
		keys[pr.ID] = pr.Key
	}
	for _, pen := range ps {
		key := keys[pen.PartyID]
		if pen.FineFen == 0 || strings.HasPrefix(key, "N:") {
			continue
		}
		var other []struct {
			Number string `db:"decision_no"`
		}
		if err := dbSelectFined(w, &other, key); err != nil {
			return err
		}
		if len(other) > 0 {
			return apperr.Conflict("CASE_SECOND_FINE", "该当事人的同一违法行为已被处以罚款（"+other[0].Number+"），不得再次罚款").WithRule(art29)
		}
	}
	return nil
}

// dbSelectFined finds decided fines of a party for the case's item and act day in other cases.
func dbSelectFined(w *work, dest any, key string) error {
	return db.Select(w.ctx, w.tx, dest, `SELECT c.decision_no FROM cases c JOIN case_parties cp ON cp.case_id = c.id
		WHERE cp.party_key = ? AND c.item_id = ? AND c.act_date = ? AND c.id <> ? AND c.fine_fen > 0 LIMIT 1`,
		key, w.r.ItemID, w.r.ActDate, w.r.ID)
}
