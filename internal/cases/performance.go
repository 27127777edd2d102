package cases

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Service of the decision, performance, remedies, closure and archive.

// ServeInput records the service of the decision.
type ServeInput struct {
	Date      civil.Date `json:"date,omitempty"`
	Method    string     `json:"method" required:"true" text:"20"`
	Recipient string     `json:"recipient" required:"true" text:"100"`
	Note      string     `json:"note,omitempty" text:"1000,multiline"`
}

// Serve records the service of the decision (第六十一条): electronic service only with the party's
// written consent. A service later than 7 working days after the decision is recorded as late.
func (s *Service) Serve(ctx context.Context, p *access.Principal, id string, in ServeInput) (Detail, error) {
	return s.do(ctx, p, id, StepServe, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Decision.Date, w.env, "送达"); err != nil {
			return err
		}
		if serviceNames[in.Method] == "" {
			return apperr.InvalidField("method", "CASE_SERVICE_METHOD_UNKNOWN", "送达方式应为 direct、left、mail、electronic、entrusted 或 public")
		}
		if err := w.checkElectronic(in.Method); err != nil {
			return err
		}
		sv := Served{Date: w.date, Method: in.Method, Recipient: strings.TrimSpace(in.Recipient), Note: strings.TrimSpace(in.Note)}
		w.st.Service = &sv
		w.data = sv
		w.sum = "送达决定书（" + serviceNames[in.Method] + "，签收人 " + sv.Recipient + "）"
		due, err := w.env.cal.AddWorkdays(w.st.Decision.Date, 7)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) {
			w.sum += "；超过七个工作日的送达期限（" + due.Due.Chinese() + "）"
		}
		return nil
	})
}

// PayInput records a payment made at the bank (罚缴分离): the reference of the bank's receipt.
type PayInput struct {
	Date      civil.Date `json:"date,omitempty"`
	PartyID   string     `json:"partyId" required:"true" text:"64"`
	AmountFen civil.Fen  `json:"amountFen" required:"true"`
	Reference string     `json:"reference" required:"true" text:"64"`
	Bank      string     `json:"bank" required:"true" text:"100"`
}

// Pay records a fine paid at the bank. Past the 15 days (or the approved deferral), the
// late-payment penalty of 3 % a day, capped at the fine and paused while a reconsideration or
// lawsuit is pending, is due with it (第七十二条、第七十三条).
func (s *Service) Pay(ctx context.Context, p *access.Principal, id string, in PayInput) (Detail, error) {
	return s.do(ctx, p, id, StepPay, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Service.Date, w.env, "缴款"); err != nil {
			return err
		}
		pen, ok := w.st.penaltyFor(in.PartyID)
		if !ok || pen.FineFen == 0 {
			return apperr.InvalidField("partyId", "CASE_PARTY_NOT_FINED", "该当事人没有被处以罚款")
		}
		if in.AmountFen <= 0 {
			return apperr.InvalidField("amountFen", "CASE_AMOUNT_INVALID", "缴款金额应大于零")
		}
		late, err := w.latePenalty(w.date)
		if err != nil {
			return err
		}
		owed := Outstanding(w.st)
		if in.AmountFen > owed+late {
			return apperr.InvalidField("amountFen", "CASE_OVERPAID", fmt.Sprintf("缴款%s超过应缴金额%s（罚款余额%s，加处罚款%s）",
				in.AmountFen.Yuan(), (owed+late).Yuan(), owed.Yuan(), late.Yuan()))
		}
		// What is paid goes to the late-payment penalty only beyond the fine still owed.
		lateFen := max(in.AmountFen-owed, 0)
		pay := Payment{ID: newID(), PartyID: in.PartyID, Date: w.date, AmountFen: in.AmountFen, LateFen: lateFen,
			Reference: strings.TrimSpace(in.Reference), Bank: strings.TrimSpace(in.Bank)}
		w.st.Payments = append(w.st.Payments, pay)
		w.data = pay
		w.sum = "登记缴款 " + in.AmountFen.Yuan() + "（银行回执 " + pay.Reference + "）"
		if late > 0 {
			w.sum += fmt.Sprintf("；逾期加处罚款%s", late.Yuan())
		}
		return nil
	})
}

// latePenalty is the late-payment penalty accrued on the outstanding fine by day.
func (w *work) latePenalty(day civil.Date) (civil.Fen, error) {
	st := w.st
	if st.Service == nil {
		return 0, nil
	}
	due := st.Service.Date
	if st.Deferral != nil {
		due = st.Deferral.Until
	} else {
		d, err := w.env.cal.AddDays(st.Service.Date, 15)
		if err != nil {
			return 0, err
		}
		due = d.Due
	}
	paused := 0
	for _, r := range st.Remedies {
		end := r.Decided
		if end.IsZero() || end.After(day) {
			end = day
		}
		if end.After(r.Filed) {
			paused += end.Sub(r.Filed)
		}
	}
	return LatePenalty(Outstanding(st), due, day, paused), nil
}

// DeferInput approves a deferral or instalments.
type DeferInput struct {
	Date        civil.Date   `json:"date,omitempty"`
	Until       civil.Date   `json:"until" required:"true"`
	Instalments []Instalment `json:"instalments,omitempty"`
	Reason      string       `json:"reason" required:"true" text:"1000,multiline"`
}

// Defer approves, on the party's application, a deferral or payment by instalments for economic
// hardship (第六十六条第二款).
func (s *Service) Defer(ctx context.Context, p *access.Principal, id string, in DeferInput) (Detail, error) {
	return s.do(ctx, p, id, StepDefer, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Service.Date, w.env, "批准"); err != nil {
			return err
		}
		if !in.Until.After(w.date) {
			return apperr.InvalidField("until", "CASE_DEFERRAL_DATE", "延期缴纳的截止日期应晚于批准日期").WithRule(art66)
		}
		if len(in.Instalments) > 24 {
			return apperr.InvalidField("instalments", "CASE_TOO_MANY_INSTALMENTS", "分期不能超过24期")
		}
		var sum civil.Fen
		last := w.date
		for i, ins := range in.Instalments {
			if ins.AmountFen <= 0 || !ins.Due.After(last) || ins.Due.After(in.Until) {
				return apperr.InvalidField(fmt.Sprintf("instalments[%d]", i), "CASE_INSTALMENT_INVALID", "各期金额应大于零，日期依次递增且不晚于截止日期")
			}
			sum += ins.AmountFen
			last = ins.Due
		}
		if owed := Outstanding(w.st); len(in.Instalments) > 0 && sum != owed {
			return apperr.InvalidField("instalments", "CASE_INSTALMENT_SUM", fmt.Sprintf("各期合计%s，应等于未缴罚款%s", sum.Yuan(), owed.Yuan()))
		}
		d := Deferral{Until: in.Until, Instalments: in.Instalments, Approval: approvalBy(w.p, w.date, true, in.Reason), Reason: strings.TrimSpace(in.Reason)}
		w.st.Deferral = &d
		w.data = d
		w.sum = "批准延期缴纳至" + in.Until.Chinese()
		if len(in.Instalments) > 0 {
			w.sum = fmt.Sprintf("批准分%d期缴纳，至%s缴清", len(in.Instalments), in.Until.Chinese())
		}
		return nil
	})
}

// RemedyInput records a reconsideration or lawsuit.
type RemedyInput struct {
	Date  civil.Date `json:"date,omitempty"` // 申请或起诉之日
	Kind  string     `json:"kind" required:"true" text:"20"`
	Organ string     `json:"organ" required:"true" text:"100"`
	Note  string     `json:"note,omitempty" text:"1000,multiline"`
}

// FileRemedy records that the party applied for reconsideration or sued; the late-payment
// penalty pauses meanwhile (第七十三条第三款).
func (s *Service) FileRemedy(ctx context.Context, p *access.Principal, id string, in RemedyInput) (Detail, error) {
	return s.do(ctx, p, id, StepRemedy, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Service.Date, w.env, "申请复议或起诉"); err != nil {
			return err
		}
		if in.Kind != RemedyReconsideration && in.Kind != RemedyLitigation {
			return apperr.InvalidField("kind", "CASE_REMEDY_KIND_UNKNOWN", "应为 reconsideration（行政复议）或 litigation（行政诉讼）")
		}
		if w.st.pendingRemedy() {
			return apperr.Conflict("CASE_REMEDY_PENDING", "已有尚未审结的行政复议或行政诉讼")
		}
		r := Remedy{ID: newID(), Kind: in.Kind, Filed: w.date, Organ: strings.TrimSpace(in.Organ), Note: strings.TrimSpace(in.Note)}
		w.st.Remedies = append(w.st.Remedies, r)
		w.data = r
		w.sum = map[string]string{RemedyReconsideration: "当事人申请行政复议（", RemedyLitigation: "当事人提起行政诉讼（"}[in.Kind] + r.Organ + "）"
		return nil
	})
}

// RemedyResultInput records the outcome of a reconsideration or lawsuit.
type RemedyResultInput struct {
	Date      civil.Date `json:"date,omitempty"`
	Outcome   string     `json:"outcome" required:"true" text:"20"`
	VariedFen civil.Fen  `json:"variedFen,omitempty"`
	Note      string     `json:"note,omitempty" text:"1000,multiline"`
}

// RecordRemedyResult records the outcome: upheld, varied (with the new fine), revoked, or
// withdrawn.
func (s *Service) RecordRemedyResult(ctx context.Context, p *access.Principal, id string, in RemedyResultInput) (Detail, error) {
	return s.do(ctx, p, id, StepRemedyResult, in.Date, func(w *work) error {
		i := slices.IndexFunc(w.st.Remedies, Remedy.Pending)
		r := &w.st.Remedies[i]
		if err := checkDate("date", w.date, r.Filed, w.env, "审结"); err != nil {
			return err
		}
		names := map[string]string{RemedyUpheld: "维持", RemedyVaried: "变更", RemedyRevoked: "撤销", RemedyWithdrawn: "撤回申请（起诉）"}
		if names[in.Outcome] == "" {
			return apperr.InvalidField("outcome", "CASE_REMEDY_OUTCOME_UNKNOWN", "结果应为 upheld、varied、revoked 或 withdrawn")
		}
		if in.Outcome == RemedyVaried && (in.VariedFen < 0 || in.VariedFen > w.st.Decision.FineTotal()) {
			return apperr.InvalidField("variedFen", "CASE_AMOUNT_INVALID", "变更后的罚款应在零与原罚款之间")
		}
		r.Outcome, r.Decided, r.VariedFen, r.Note = in.Outcome, w.date, in.VariedFen, strings.TrimSpace(in.Note)
		w.data = r
		w.sum = "复议、诉讼结果：" + names[in.Outcome]
		if in.Outcome == RemedyVaried {
			w.sum += "，罚款变更为" + in.VariedFen.Yuan()
		}
		return nil
	})
}

// HandIn records that a fine collected on the spot was handed in to the agency (第七十一条: 二日
// 内). A later hand-in is recorded as late.
func (s *Service) HandIn(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepHandIn, in.Date, func(w *work) error {
		o := w.st.OnSpot
		if err := checkDate("date", w.date, o.Date, w.env, "上交"); err != nil {
			return err
		}
		o.HandedIn = w.date
		w.data = in
		w.sum = "当场收缴的罚款" + o.AmountFen.Yuan() + "已交至行政机关"
		due, err := w.env.cal.AddWorkdays(o.Date, 2)
		if err != nil {
			return err
		}
		if w.date.After(due.Due) {
			w.sum += "；超过二个工作日的期限（" + due.Due.Chinese() + "）"
		}
		return nil
	})
}

// FileSimple records that an on-the-spot decision was filed with the agency (备案, 第五十二条).
func (s *Service) FileSimple(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepSimpleFile, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Decision.Date, w.env, "备案"); err != nil {
			return err
		}
		w.st.SimpleFiled = w.date
		w.data, w.sum = in, "当场处罚决定已备案"
		return nil
	})
}

// CloseInput closes a case.
type CloseInput struct {
	Date civil.Date `json:"date,omitempty"`
	Note string     `json:"note,omitempty" text:"2000,multiline"`
}

// Close closes a case whose decision was served and performed, or whose transfer the police
// accepted.
func (s *Service) Close(ctx context.Context, p *access.Principal, id string, in CloseInput) (Detail, error) {
	return s.do(ctx, p, id, StepClose, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Opened, w.env, "结案"); err != nil {
			return err
		}
		reason := "执行完毕"
		switch {
		case w.st.Transfer != nil && w.st.Transfer.Answer != nil && w.st.Transfer.Answer.Accepted:
			reason = "移送司法机关"
		case w.st.Decision != nil && w.st.Decision.Outcome != OutcomePenalty:
			reason = "不予行政处罚"
		case slices.ContainsFunc(w.st.Remedies, func(r Remedy) bool { return r.Outcome == RemedyRevoked }):
			reason = "决定被撤销"
		case w.st.Enforced != nil:
			reason = "强制执行完毕"
		}
		w.st.Closed = &Closure{Date: w.date, Reason: reason, Note: strings.TrimSpace(in.Note), By: w.p.AccountID, ByName: w.p.DisplayName}
		w.data, w.sum = w.st.Closed, "结案（"+reason+"）"
		return nil
	})
}

// Archive archives a closed case (立卷归档).
func (s *Service) Archive(ctx context.Context, p *access.Principal, id string, in DateInput) (Detail, error) {
	return s.do(ctx, p, id, StepArchive, in.Date, func(w *work) error {
		if err := checkDate("date", w.date, w.st.Closed.Date, w.env, "归档"); err != nil {
			return err
		}
		w.st.Archived = w.date
		w.data, w.sum = in, "立卷归档"
		return nil
	})
}
