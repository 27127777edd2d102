package cases

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
)

// Coercive measures and enforcement (行政强制法), and the transfer of suspected crimes
// (行政执法机关移送涉嫌犯罪案件的规定).

const (
	artC18 = "行政强制法 第十八条：实施前须向行政机关负责人报告并经批准；由两名以上行政执法人员实施；当场交付查封、扣押决定书和清单"
	artC19 = "行政强制法 第十九条：情况紧急，需要当场实施行政强制措施的，行政执法人员应当在二十四小时内向行政机关负责人报告，并补办批准手续。行政机关负责人认为不应当采取行政强制措施的，应当立即解除"
	artC25 = "行政强制法 第二十五条：查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。法律、行政法规另有规定的除外。延长查封、扣押的决定应当及时书面告知当事人，并说明理由"
	artC28 = "行政强制法 第二十八条：有下列情形之一的，行政机关应当及时作出解除查封、扣押决定"
	artC35 = "行政强制法 第三十五条：行政机关作出强制执行决定前，应当事先催告当事人履行义务"
	artC43 = "行政强制法 第四十三条：行政机关不得在夜间或者法定节假日实施行政强制执行。但是，情况紧急的除外"
	artC53 = "行政强制法 第五十三条：当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的行政机关可以自期限届满之日起三个月内，依照本章规定申请人民法院强制执行"
	artC54 = "行政强制法 第五十四条：催告书送达十日后当事人仍未履行义务的，行政机关可以向所在地有管辖权的人民法院申请强制执行"
	art310 = "行政执法机关移送涉嫌犯罪案件的规定"
)

// MeasureInput records a sealing or seizure. An ordinary measure waits for the head's approval
// (第十八条); an emergency one was taken on the spot at TakenAt and is approved afterwards, within
// 24 hours (第十九条).
type MeasureInput struct {
	Kind       string    `json:"kind" required:"true" text:"10"`
	Emergency  bool      `json:"emergency,omitempty"`
	TakenAt    time.Time `json:"takenAt,omitempty"`
	Place      string    `json:"place" required:"true" text:"200"`
	Reason     string    `json:"reason" required:"true" text:"2000,multiline"`
	Inventory  []string  `json:"inventory" required:"true"`
	Days       int       `json:"days" required:"true"`
	OfficerIDs []string  `json:"officerIds" required:"true"`
}

// TakeMeasure records a sealing or seizure by at least two of the case's certified officers.
func (s *Service) TakeMeasure(ctx context.Context, p *access.Principal, id string, in MeasureInput) (Detail, error) {
	day := civil.Date{}
	if in.Emergency && !in.TakenAt.IsZero() {
		day = civil.DateOf(in.TakenAt)
	}
	return s.do(ctx, p, id, StepMeasure, day, func(w *work) error {
		if measureNames[in.Kind] == "" {
			return apperr.InvalidField("kind", "CASE_MEASURE_KIND_UNKNOWN", "强制措施应为 seal（查封）或 seize（扣押）")
		}
		if in.Emergency {
			if in.TakenAt.IsZero() {
				return apperr.InvalidField("takenAt", "CASE_DATE_REQUIRED", "当场实施的，请填写实施时间").WithRule(artC19)
			}
			if in.TakenAt.After(w.s.Clock.Now()) {
				return apperr.InvalidField("takenAt", "CASE_DATE_IN_FUTURE", "实施时间晚于现在，不能登记尚未发生的事项")
			}
		}
		if err := checkDate("date", w.date, w.st.Opened, w.env, "实施"); err != nil {
			return err
		}
		inv := trimAll(in.Inventory)
		if len(inv) == 0 {
			return apperr.InvalidField("inventory", "CASE_INVENTORY_REQUIRED", "请填写查封、扣押清单").WithRule("行政强制法 第二十四条：查封、扣押清单一式二份，由当事人和行政机关分别保存")
		}
		if in.Days < 1 || in.Days > 30 {
			return apperr.InvalidField("days", "CASE_MEASURE_DAYS", "查封、扣押的期限为一至三十日").WithRule(artC25)
		}
		if strings.TrimSpace(in.Reason) == "" || strings.TrimSpace(in.Place) == "" {
			return apperr.InvalidField("reason", "CASE_REASON_REQUIRED", "请填写实施的理由和地点")
		}
		if err := w.checkActing("officerIds", in.OfficerIDs, artC18); err != nil {
			return err
		}
		m := Measure{ID: newID(), Kind: in.Kind, Officers: dedupe(in.OfficerIDs), Inventory: inv, Place: strings.TrimSpace(in.Place),
			Reason: strings.TrimSpace(in.Reason), Days: in.Days, Emergency: in.Emergency}
		if in.Emergency {
			m.TakenAt, m.Decided = in.TakenAt.UTC(), w.date
		}
		w.st.Measures = append(w.st.Measures, m)
		w.data, w.place = m, m.Place
		w.sum = measureNames[m.Kind] + "：" + strings.Join(inv, "、")
		if in.Emergency {
			w.sum = "当场实施" + w.sum + "（须二十四小时内报告负责人并补办批准手续）"
		} else {
			w.sum += "（报负责人批准）"
		}
		return nil
	})
}

// checkActing checks that the officers acting are on the case and at least two hold valid
// certificates for its domain on the day (行政处罚法 第四十二条, 行政强制法 第十八条).
func (w *work) checkActing(field string, ids []string, rule string) error {
	ids = dedupe(ids)
	for _, o := range ids {
		if !w.st.hasOfficer(o, w.date) {
			return apperr.InvalidField(field, "CASE_OFFICER_NOT_ON_CASE", "实施人员须为本案承办人").WithRule(rule)
		}
	}
	officers, err := w.s.officers(w.ctx, w.tx, w.r.RegionCode, ids)
	if err != nil {
		return err
	}
	return CheckOfficers(field, officers, w.st.Exercise.Domain, w.date)
}

// MeasureApproval is the head's approval of a measure, before it is taken or, for an emergency
// measure, afterwards.
type MeasureApproval struct {
	Date      civil.Date `json:"date,omitempty"`
	MeasureID string     `json:"measureId" required:"true" text:"64"`
	Approved  bool       `json:"approved"`
	Opinion   string     `json:"opinion" required:"true" text:"2000,multiline"`
}

// ApproveMeasure records the head's approval. An ordinary measure takes effect on approval with a
// numbered 查封（扣押）决定书; an emergency measure the head does not approve is lifted at once
// (第十九条).
func (s *Service) ApproveMeasure(ctx context.Context, p *access.Principal, id string, in MeasureApproval) (Detail, error) {
	return s.do(ctx, p, id, StepMeasureOK, in.Date, func(w *work) error {
		m, err := w.measure(in.MeasureID)
		if err != nil {
			return err
		}
		if m.Approval != nil {
			return apperr.InvalidField("measureId", "CASE_STEP_OUT_OF_ORDER", "该措施已经审批").WithRule(artC18)
		}
		earliest := w.st.Opened
		if m.Emergency {
			earliest = civil.DateOf(m.TakenAt)
		}
		if err := checkDate("date", w.date, earliest, w.env, "审批"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Opinion) == "" {
			return apperr.InvalidField("opinion", "CASE_REASON_REQUIRED", "请填写审批意见")
		}
		a := approvalBy(w.p, w.date, in.Approved, in.Opinion)
		m.Approval, m.ApprovedAt = &a, w.s.Clock.Now().UTC()
		name := measureNames[m.Kind]
		switch {
		case !in.Approved && m.Emergency:
			m.Lifted, m.LiftNote = w.date, "负责人认为不应当采取，立即解除"
			w.sum = "不批准当场实施的" + name + "，立即解除"
		case !in.Approved:
			m.Lifted, m.LiftNote = w.date, "未获批准，不予实施"
			w.sum = "不批准" + name
		default:
			no, err := w.number(NumMeasure)
			if err != nil {
				return err
			}
			m.DecisionNo = no
			if !m.Emergency {
				m.Decided = w.date
			}
			w.sum = "批准" + name + "（" + no + "）"
			if m.Emergency && m.ApprovedAt.After(m.TakenAt.Add(24*time.Hour)) {
				w.sum += "；补办批准超过二十四小时"
			}
		}
		w.data = map[string]any{"measureId": m.ID, "approval": a, "decisionNo": m.DecisionNo}
		return nil
	})
}

// measure returns the case's measure with the id.
func (w *work) measure(id string) (*Measure, error) {
	for i := range w.st.Measures {
		if w.st.Measures[i].ID == id {
			return &w.st.Measures[i], nil
		}
	}
	return nil, apperr.InvalidField("measureId", "CASE_MEASURE_NOT_FOUND", "本案没有该查封、扣押措施")
}

// inForce is a measure approved and not lifted.
func (m *Measure) inForce() bool {
	return m.Approval != nil && m.Approval.Approved && m.Lifted.IsZero()
}

// MeasureExtendInput extends a measure once, by at most 30 days, with written reasons.
type MeasureExtendInput struct {
	Date      civil.Date `json:"date,omitempty"`
	MeasureID string     `json:"measureId" required:"true" text:"64"`
	Days      int        `json:"days" required:"true"`
	Reason    string     `json:"reason" required:"true" text:"2000,multiline"`
}

// ExtendMeasure records the head's extension of a measure in force (第二十五条): once, at most 30
// days, before the period ends, with reasons told to the party in writing.
func (s *Service) ExtendMeasure(ctx context.Context, p *access.Principal, id string, in MeasureExtendInput) (Detail, error) {
	return s.do(ctx, p, id, StepMeasureExtend, in.Date, func(w *work) error {
		m, err := w.measure(in.MeasureID)
		if err != nil {
			return err
		}
		if !m.inForce() {
			return apperr.InvalidField("measureId", "CASE_MEASURE_NOT_IN_FORCE", "该措施未经批准或已解除").WithRule(artC25)
		}
		if m.Extension != nil {
			return apperr.InvalidField("measureId", "CASE_MEASURE_EXTENDED", "查封、扣押只能延长一次").WithRule(artC25)
		}
		if err := checkDate("date", w.date, m.Decided, w.env, "延长"); err != nil {
			return err
		}
		if in.Days < 1 || in.Days > 30 {
			return apperr.InvalidField("days", "CASE_MEASURE_DAYS", "延长期限不得超过三十日").WithRule(artC25)
		}
		if strings.TrimSpace(in.Reason) == "" {
			return apperr.InvalidField("reason", "CASE_REASON_REQUIRED", "延长查封、扣押应当说明理由").WithRule(artC25)
		}
		due, err := measureDue(m, w.env.cal, w.date)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) {
			return apperr.InvalidField("date", "CASE_MEASURE_EXPIRED", "查封、扣押期限已于"+due.Due.Chinese()+"届满，不能再延长，应当解除").WithRule(artC25)
		}
		m.Extension = &MeasureExt{Date: w.date, Days: in.Days, Reason: strings.TrimSpace(in.Reason), Approval: approvalBy(w.p, w.date, true, in.Reason)}
		w.data, w.sum = map[string]any{"measureId": m.ID, "extension": m.Extension}, "延长"+measureNames[m.Kind]+"期限"+strconv.Itoa(in.Days)+"日"
		return nil
	})
}

// measureDue is the last day of a measure in force: its days, the extension, and the testing time
// up to the day asked, which does not count.
func measureDue(m *Measure, cal *calendar.Table, day civil.Date) (calendar.Due, error) {
	days := m.Days
	if m.Extension != nil {
		days += m.Extension.Days
	}
	for _, t := range m.Testing {
		end := t.To
		if end.IsZero() || end.After(day) {
			end = day
		}
		if !end.Before(t.From) {
			days += end.Sub(t.From)
		}
	}
	return cal.AddDays(m.Decided, days)
}

// TestingInput opens or closes a period of testing, inspection, quarantine or appraisal of seized
// goods, which does not count toward the measure's period and is told to the party in writing.
type TestingInput struct {
	MeasureID string     `json:"measureId" required:"true" text:"64"`
	From      civil.Date `json:"from" required:"true"`
	To        civil.Date `json:"to,omitempty"`
	Told      civil.Date `json:"told" required:"true"`
	What      string     `json:"what" required:"true" text:"200"`
}

// RecordTesting records testing time of a measure (第二十五条第三款). A period with no end is closed by
// recording it again with the same start and its end.
func (s *Service) RecordTesting(ctx context.Context, p *access.Principal, id string, in TestingInput) (Detail, error) {
	return s.do(ctx, p, id, StepMeasureTest, in.Told, func(w *work) error {
		m, err := w.measure(in.MeasureID)
		if err != nil {
			return err
		}
		if !m.inForce() {
			return apperr.InvalidField("measureId", "CASE_MEASURE_NOT_IN_FORCE", "该措施未经批准或已解除").WithRule(artC25)
		}
		if err := checkDate("from", in.From, m.Decided, w.env, "检测开始"); err != nil {
			return err
		}
		if !in.To.IsZero() {
			if err := checkDate("to", in.To, in.From, w.env, "检测结束"); err != nil {
				return err
			}
		}
		if err := checkDate("told", in.Told, m.Decided, w.env, "书面告知"); err != nil {
			return err
		}
		if strings.TrimSpace(in.What) == "" {
			return apperr.InvalidField("what", "CASE_REASON_REQUIRED", "请写明检测、检验、检疫或者技术鉴定的事项")
		}
		t := TestingTime{From: in.From, To: in.To, Told: in.Told, What: strings.TrimSpace(in.What)}
		if i := slices.IndexFunc(m.Testing, func(x TestingTime) bool { return x.From == in.From }); i >= 0 {
			m.Testing[i] = t
		} else {
			for _, x := range m.Testing {
				if x.To.IsZero() {
					return apperr.InvalidField("from", "CASE_TESTING_OPEN", "上一检测期间尚未结束").WithRule(artC25)
				}
			}
			m.Testing = append(m.Testing, t)
		}
		w.data = map[string]any{"measureId": m.ID, "testing": t}
		w.sum = "检测期间：" + t.What + "，自" + t.From.Chinese()
		if !t.To.IsZero() {
			w.sum += "至" + t.To.Chinese()
		}
		w.sum += "（不计入查封、扣押期限，已书面告知当事人）"
		return nil
	})
}

// LiftInput lifts a measure (第二十八条).
type LiftInput struct {
	Date      civil.Date `json:"date,omitempty"`
	MeasureID string     `json:"measureId" required:"true" text:"64"`
	Reason    string     `json:"reason" required:"true" text:"1000,multiline"`
}

// LiftMeasure lifts a measure in force: no illegal act, no longer needed, period ended, or the
// goods dealt with by the decision.
func (s *Service) LiftMeasure(ctx context.Context, p *access.Principal, id string, in LiftInput) (Detail, error) {
	return s.do(ctx, p, id, StepMeasureLift, in.Date, func(w *work) error {
		m, err := w.measure(in.MeasureID)
		if err != nil {
			return err
		}
		if !m.inForce() {
			return apperr.InvalidField("measureId", "CASE_MEASURE_NOT_IN_FORCE", "该措施未经批准或已解除").WithRule(artC28)
		}
		if err := checkDate("date", w.date, m.Decided, w.env, "解除"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Reason) == "" {
			return apperr.InvalidField("reason", "CASE_REASON_REQUIRED", "请写明解除的理由").WithRule(artC28)
		}
		m.Lifted, m.LiftNote = w.date, strings.TrimSpace(in.Reason)
		w.data, w.sum = map[string]any{"measureId": m.ID, "lifted": m.Lifted, "reason": m.LiftNote}, "解除"+measureNames[m.Kind]+"："+m.LiftNote
		return nil
	})
}

// ReminderInput records the service of the written reminder (催告书).
type ReminderInput struct {
	Served civil.Date `json:"served" required:"true"`
	Method string     `json:"method" required:"true" text:"20"`
	Days   int        `json:"days" required:"true"`
	Note   string     `json:"note,omitempty" text:"1000,multiline"`
}

// Remind records the written reminder served before enforcement (第三十五条); the procedure allows
// it once the time to pay has run out and no reconsideration or lawsuit is pending.
func (s *Service) Remind(ctx context.Context, p *access.Principal, id string, in ReminderInput) (Detail, error) {
	return s.do(ctx, p, id, StepReminder, in.Served, func(w *work) error {
		if err := checkDate("served", w.date, w.st.Service.Date, w.env, "催告书送达"); err != nil {
			return err
		}
		if serviceNames[in.Method] == "" {
			return apperr.InvalidField("method", "CASE_SERVICE_METHOD_UNKNOWN", "送达方式应为 direct、left、mail、electronic、entrusted 或 public")
		}
		if err := w.checkElectronic(in.Method); err != nil {
			return err
		}
		if in.Days < 1 {
			return apperr.InvalidField("days", "CASE_REMINDER_DAYS", "请写明催告当事人履行义务的期限").WithRule("行政强制法 第三十六条")
		}
		r := Reminder{Served: w.date, Method: in.Method, Days: in.Days, Note: strings.TrimSpace(in.Note)}
		w.st.Reminder = &r
		w.data, w.sum = r, "送达催告书（"+serviceNames[in.Method]+"），限"+strconv.Itoa(in.Days)+"日内履行"
		return nil
	})
}

// CourtInput records the application to the people's court for enforcement.
type CourtInput struct {
	Date  civil.Date `json:"date,omitempty"`
	Court string     `json:"court" required:"true" text:"100"`
	Note  string     `json:"note,omitempty" text:"1000,multiline"`
}

// ApplyCourt records the application for enforcement: at least 10 working days after the reminder
// was served (第五十四条), after the time to seek reconsideration or sue has run out with none
// pending, and within 3 months of that (第五十三条).
func (s *Service) ApplyCourt(ctx context.Context, p *access.Principal, id string, in CourtInput) (Detail, error) {
	return s.do(ctx, p, id, StepCourt, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Reminder.Served, w.env, "申请"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Court) == "" {
			return apperr.InvalidField("court", "CASE_COURT_REQUIRED", "请填写受理申请的人民法院")
		}
		earliest, err := w.env.cal.AddWorkdays(w.st.Reminder.Served, 10)
		if err != nil {
			return err
		}
		if !w.date.After(earliest.Due) {
			return apperr.InvalidField("date", "CASE_REMINDER_PERIOD_OPEN", "催告书送达满十个工作日（"+earliest.Due.Chinese()+"）后方可申请").WithRule(artC54)
		}
		if w.st.pendingRemedy() {
			return apperr.InvalidField("date", "CASE_REMEDY_PENDING", "行政复议或行政诉讼尚未审结，不得申请强制执行").WithRule(artC53)
		}
		win, err := CourtWindow(w.st, w.env.cal)
		if err != nil {
			return err
		}
		if !w.date.After(win.From) {
			return apperr.InvalidField("date", "CASE_APPEAL_PERIOD_OPEN", "当事人申请行政复议、提起行政诉讼的期限至"+win.From.Chinese()+"届满，期满后方可申请（"+win.Explain+"）").WithRule(artC53)
		}
		if w.date.After(win.To) {
			return apperr.InvalidField("date", "CASE_COURT_APPLY_LATE", "申请期限已于"+win.To.Chinese()+"届满（"+win.Explain+"）").WithRule(artC53)
		}
		c := CourtApply{Date: w.date, Court: strings.TrimSpace(in.Court), Result: strings.TrimSpace(in.Note)}
		w.st.Court = &c
		w.data, w.sum = c, "申请"+c.Court+"强制执行"
		return nil
	})
}

// Window is a period in which a step may be taken.
type Window struct {
	From    civil.Date `json:"from"` // the day after which the step may be taken
	To      civil.Date `json:"to"`   // the last day
	Explain string     `json:"explain"`
}

// CourtWindow is when the agency may apply to the court (行政强制法 第五十三条): the three months
// after the party's periods to seek reconsideration (60 days, 行政复议法 第二十条) and to sue (six
// months, 行政诉讼法 第四十六条) from service have both run out; after a reconsideration decision,
// the 15 days to sue on it (行政诉讼法 第四十五条) take their place.
func CourtWindow(st *State, cal *calendar.Table) (Window, error) {
	sue, err := cal.AddMonths(st.Service.Date, 6)
	if err != nil {
		return Window{}, err
	}
	end := sue.Due
	explain := "决定书于" + st.Service.Date.Chinese() + "送达，起诉期限六个月至" + end.Chinese()
	for _, r := range st.Remedies {
		if r.Kind == RemedyReconsideration && !r.Decided.IsZero() {
			d, err := cal.AddDays(r.Decided, 15)
			if err != nil {
				return Window{}, err
			}
			end = d.Due
			explain = "复议决定于" + r.Decided.Chinese() + "作出，起诉期限十五日至" + end.Chinese()
		}
	}
	last, err := cal.AddMonths(end, 3)
	if err != nil {
		return Window{}, err
	}
	return Window{From: end, To: last.Due, Explain: explain + "，其后三个月内（至" + last.Due.Chinese() + "）可申请"}, nil
}

// EnforcedInput records that the decision was enforced.
type EnforcedInput struct {
	At        time.Time `json:"at" required:"true"`
	By        string    `json:"by" required:"true" text:"10"` // court, agency
	Emergency bool      `json:"emergency,omitempty"`
	Note      string    `json:"note" required:"true" text:"2000,multiline"`
}

// Enforcers of a decision.
const (
	EnforcedByCourt  = "court"
	EnforcedByAgency = "agency"
)

// RecordEnforced records that the decision was enforced by the court or, where a law gives the
// power, by the agency itself, never at night or on a statutory holiday outside emergencies
// (第四十三条); the night is the jurisdiction's setting.
func (s *Service) RecordEnforced(ctx context.Context, p *access.Principal, id string, in EnforcedInput) (Detail, error) {
	return s.do(ctx, p, id, StepEnforced, civil.DateOf(in.At), func(w *work) error {
		if in.At.IsZero() {
			return apperr.InvalidField("at", "CASE_DATE_REQUIRED", "请填写执行时间")
		}
		if in.At.After(w.s.Clock.Now()) {
			return apperr.InvalidField("at", "CASE_DATE_IN_FUTURE", "执行时间晚于现在，不能登记尚未发生的事项")
		}
		if err := checkDate("at", w.date, w.st.Service.Date, w.env, "执行"); err != nil {
			return err
		}
		switch in.By {
		case EnforcedByCourt:
			if w.st.Court == nil {
				return apperr.InvalidField("by", "CASE_COURT_NOT_APPLIED", "尚未申请人民法院强制执行").WithRule(artC53)
			}
		case EnforcedByAgency:
			if !in.Emergency {
				if err := CheckEnforcementTime(in.At, w.env.cal, w.env.limits); err != nil {
					return err
				}
			}
		default:
			return apperr.InvalidField("by", "CASE_ENFORCER_UNKNOWN", "执行主体应为 court（人民法院）或 agency（本机关依法强制执行）")
		}
		if strings.TrimSpace(in.Note) == "" {
			return apperr.InvalidField("note", "CASE_REASON_REQUIRED", "请写明执行情况")
		}
		e := Enforced{Date: w.date, Note: strings.TrimSpace(in.Note), By: in.By, At: in.At.UTC(), Emergency: in.Emergency}
		w.st.Enforced = &e
		who := "人民法院"
		if in.By == EnforcedByAgency {
			who = "本机关"
		}
		w.data, w.sum = e, who+"强制执行完毕："+e.Note
		return nil
	})
}

// CheckEnforcementTime refuses an enforcement at night (the jurisdiction's night hours) or on a
// day of rest other than an adjusted working day (行政强制法 第四十三条).
func CheckEnforcementTime(at time.Time, cal *calendar.Table, lim Limits) error {
	local := at.In(civil.Zone)
	h := local.Hour()
	night := lim.NightFrom > lim.NightTo && (h >= lim.NightFrom || h < lim.NightTo) ||
		lim.NightFrom < lim.NightTo && h >= lim.NightFrom && h < lim.NightTo
	if night {
		return apperr.InvalidField("at", "CASE_ENFORCEMENT_AT_NIGHT",
			"不得在夜间（"+strconv.Itoa(lim.NightFrom)+"时至次日"+strconv.Itoa(lim.NightTo)+"时）实施行政强制执行，情况紧急的除外").WithRule(artC43)
	}
	rest, name, err := cal.Rest(civil.DateOf(at))
	if err != nil {
		return err
	}
	if rest {
		return apperr.InvalidField("at", "CASE_ENFORCEMENT_ON_HOLIDAY", "不得在法定节假日（"+name+"）实施行政强制执行，情况紧急的除外").WithRule(artC43)
	}
	return nil
}

// TransferReportInput is the case team's report that the facts suggest a crime.
type TransferReportInput struct {
	Date   civil.Date `json:"date,omitempty"`
	Report string     `json:"report" required:"true" text:"8000,multiline"`
}

// ReportTransfer records the case team's report to the head (第五条): suspected crime, with the
// facts, amounts and evidence.
func (s *Service) ReportTransfer(ctx context.Context, p *access.Principal, id string, in TransferReportInput) (Detail, error) {
	return s.do(ctx, p, id, StepTransferAsk, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Filed, w.env, "报告"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Report) == "" {
			return apperr.InvalidField("report", "CASE_REASON_REQUIRED", "请写明涉嫌犯罪的事实、情节和证据").WithRule(art310 + " 第五条")
		}
		var team []string
		for _, o := range w.st.activeOfficers(w.date) {
			team = append(team, o.PersonID)
		}
		t := Transfer{Reported: w.date, Team: team, Report: strings.TrimSpace(in.Report)}
		w.st.Transfer = &t
		w.data, w.sum = t, "涉嫌犯罪，报请移送"
		return nil
	})
}

// DecideTransfer records the head's decision on the report, due within 3 days (第五条).
func (s *Service) DecideTransfer(ctx context.Context, p *access.Principal, id string, in Approve) (Detail, error) {
	return s.do(ctx, p, id, StepTransferDecide, in.Date, func(w *work) error {
		t := w.st.Transfer
		if err := checkDate("date", w.date, t.Reported, w.env, "决定"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Opinion) == "" {
			return apperr.InvalidField("opinion", "CASE_REASON_REQUIRED", "请填写决定意见；不批准移送的应当写明理由").WithRule(art310 + " 第五条")
		}
		a := approvalBy(w.p, w.date, in.Approved, in.Opinion)
		t.Decision, t.DecidedAt = &a, w.s.Clock.Now().UTC()
		if !in.Approved {
			// Not transferred: the case goes on as an administrative case.
			w.st.Transfer = nil
			w.sum = "不批准移送：" + a.Opinion
		} else {
			w.sum = "批准移送公安机关"
		}
		w.data = a
		return nil
	})
}

// TransferSendInput records the transfer to the police.
type TransferSendInput struct {
	At     time.Time `json:"at" required:"true"`
	Police string    `json:"police" required:"true" text:"100"`
	Note   string    `json:"note,omitempty" text:"1000,multiline"`
}

// SendTransfer records the transfer to the police, due within 24 hours of approval (第五条).
func (s *Service) SendTransfer(ctx context.Context, p *access.Principal, id string, in TransferSendInput) (Detail, error) {
	return s.do(ctx, p, id, StepTransferSend, civil.DateOf(in.At), func(w *work) error {
		t := w.st.Transfer
		if in.At.IsZero() {
			return apperr.InvalidField("at", "CASE_DATE_REQUIRED", "请填写移送时间")
		}
		if in.At.After(w.s.Clock.Now()) {
			return apperr.InvalidField("at", "CASE_DATE_IN_FUTURE", "移送时间晚于现在，不能登记尚未发生的事项")
		}
		if w.date.Before(t.Decision.Date) {
			return apperr.InvalidField("at", "CASE_DATE_TOO_EARLY", "移送时间早于批准移送")
		}
		if strings.TrimSpace(in.Police) == "" {
			return apperr.InvalidField("police", "CASE_POLICE_REQUIRED", "请填写接受移送的公安机关")
		}
		t.SentAt, t.Police = in.At.UTC(), strings.TrimSpace(in.Police)
		w.data = map[string]any{"at": t.SentAt, "police": t.Police, "note": strings.TrimSpace(in.Note)}
		w.sum = "移送" + t.Police
		if t.SentAt.After(t.DecidedAt.Add(24 * time.Hour)) {
			w.sum += "；超过批准后二十四小时"
		}
		return nil
	})
}

// PoliceAnswerInput records the police's decision.
type PoliceAnswerInput struct {
	Date     civil.Date `json:"date,omitempty"`
	Accepted bool       `json:"accepted"`
	Note     string     `json:"note" required:"true" text:"1000,multiline"`
}

// RecordPoliceAnswer records whether the police opened a criminal case. When they did not, the
// agency may ask them to reconsider within 3 days and its head reviews the case again as an
// administrative one (第九条). An answer after a reconsideration request replaces the first.
func (s *Service) RecordPoliceAnswer(ctx context.Context, p *access.Principal, id string, in PoliceAnswerInput) (Detail, error) {
	return s.do(ctx, p, id, StepPoliceAnswer, in.Date, func(w *work) error {
		t := w.st.Transfer
		if err := checkDate("date", w.date, civil.DateOf(t.SentAt), w.env, "答复"); err != nil {
			return err
		}
		if strings.TrimSpace(in.Note) == "" {
			return apperr.InvalidField("note", "CASE_REASON_REQUIRED", "请填写公安机关的决定及文书编号")
		}
		a := PoliceAnswer{Date: w.date, Accepted: in.Accepted, Note: strings.TrimSpace(in.Note)}
		t.Answer = &a
		w.data = a
		if in.Accepted {
			w.sum = "公安机关立案：" + a.Note
		} else {
			w.sum = "公安机关不予立案：" + a.Note + "（可于三日内提请复议；本机关依法继续处理）"
		}
		return nil
	})
}

// ReconsiderTransfer records the request that the police reconsider, within 3 days of their
// refusal (第九条).
func (s *Service) ReconsiderTransfer(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepReconsider, in.Date, func(w *work) error {
		t := w.st.Transfer
		if err := checkDate("date", w.date, t.Answer.Date, w.env, "提请复议"); err != nil {
			return err
		}
		due, err := w.env.cal.AddDays(t.Answer.Date, 3)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) {
			return apperr.InvalidField("date", "CASE_RECONSIDER_LATE", "提请复议的期限已于"+due.Due.Chinese()+"届满").WithRule(art310 + " 第九条")
		}
		t.Reconsider = w.date
		w.data, w.sum = in, "提请公安机关复议不予立案决定"
		return nil
	})
}

// HandOverExhibits records the hand-over of exhibits and materials to the police, due within 3
// days of their decision to open a case (第十一条).
func (s *Service) HandOverExhibits(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepExhibits, in.Date, func(w *work) error {
		t := w.st.Transfer
		if err := checkDate("date", w.date, t.Answer.Date, w.env, "移交"); err != nil {
			return err
		}
		t.Exhibits = w.date
		for i := range w.st.Measures {
			if m := &w.st.Measures[i]; m.inForce() {
				m.Lifted, m.LiftNote = w.date, "随案移交公安机关"
			}
		}
		w.data, w.sum = in, "涉案物品及材料移交公安机关"
		return nil
	})
}

func trimAll(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
