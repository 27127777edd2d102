package cases

import (
	"fmt"
	"slices"
	"time"

	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
)

// Deadline is one statutory or configured limit of a case, with how it was counted.
type Deadline struct {
	Key         string     `json:"key"`
	Label       string     `json:"label"`
	Due         civil.Date `json:"due"`
	DueAt       *time.Time `json:"dueAt,omitempty"` // limits in hours (行政强制法 第十九条)
	Explain     string     `json:"explain"`
	Basis       string     `json:"basis"`
	Met         bool       `json:"met"`             // the step it limits was taken
	MetOn       civil.Date `json:"metOn,omitempty"` //
	Late        bool       `json:"late,omitempty"`  // met, but after the limit
	Provisional bool       `json:"provisional,omitempty"`
	// Status on the day asked: met, overdue, due_soon (within 3 days), open.
	Status string `json:"status"`
	// DaysLeft to the limit on the day asked (negative when overdue); 0 when met.
	DaysLeft int `json:"daysLeft"`
}

// Deadline statuses.
const (
	DueMet     = "met"
	DueOverdue = "overdue"
	DueSoon    = "due_soon"
	DueOpen    = "open"
)

// dueSoonDays: a limit this close is shown in amber.
const dueSoonDays = 3

// Deadlines counts every limit that applies to the case on day: the decision limit with its
// extensions and the periods that do not count, the party's periods after notice, service,
// payment, on-the-spot fines, coercive measures and the transfer of a suspected crime. Limits of
// 2, 3, 5 and 7 days are working days (行政处罚法 第八十五条, 行政强制法 第六十九条); others are
// calendar days whose last day moves past a day of rest (民法典 第二百零三条).
func Deadlines(st *State, cal *calendar.Table, lim Limits, day civil.Date) ([]Deadline, error) {
	b := deadlines{cal: cal, day: day}
	if st.Procedure == Simple {
		b.simple(st, lim)
	} else {
		b.ordinary(st, lim)
	}
	b.measures(st)
	b.transfer(st)
	if b.err != nil {
		return nil, b.err
	}
	slices.SortStableFunc(b.out, func(x, y Deadline) int { return x.Due.Compare(y.Due) })
	return b.out, nil
}

type deadlines struct {
	cal *calendar.Table
	day civil.Date
	out []Deadline
	err error
}

// add counts a limit: workdays or days from a day; met is the day the limited step was taken.
func (b *deadlines) add(key, label, basis string, from civil.Date, n int, workdays bool, met civil.Date) {
	if b.err != nil || from.IsZero() || n <= 0 {
		return
	}
	var due calendar.Due
	var err error
	if workdays {
		due, err = b.cal.AddWorkdays(from, n)
	} else {
		due, err = b.cal.AddDays(from, n)
	}
	if err != nil {
		b.err = err
		return
	}
	b.push(Deadline{Key: key, Label: label, Due: due.Due, Explain: due.Explain, Basis: basis, Provisional: due.Provisional}, met)
}

func (b *deadlines) push(d Deadline, met civil.Date) {
	if !met.IsZero() {
		d.Met, d.MetOn, d.Status = true, met, DueMet
		d.Late = met.After(d.Due)
	} else {
		d.DaysLeft = d.Due.Sub(b.day)
		switch {
		case d.DaysLeft < 0:
			d.Status = DueOverdue
		case d.DaysLeft <= dueSoonDays:
			d.Status = DueSoon
		default:
			d.Status = DueOpen
		}
	}
	b.out = append(b.out, d)
}

const (
	art60 = "行政处罚法 第六十条：行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定"
	art61 = "行政处罚法 第六十一条：行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，行政机关应当在七日内依照民事诉讼法的有关规定送达当事人"
	art64 = "行政处罚法 第六十四条：当事人要求听证的，应当在行政机关告知后五日内提出；行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点"
	art67 = "行政处罚法 第六十七条：当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款"
	art71 = "行政处罚法 第七十一条：执法人员当场收缴的罚款，应当自收缴罚款之日起二日内，交至行政机关"
	art52 = "行政处罚法 第五十二条：执法人员当场作出的行政处罚决定，应当报所属行政机关备案"
)

// DecisionDue is the last day to decide: the limit from filing, plus approved extensions and the
// days of testing, appraisal, hearing, public notice and suspension (which do not count).
func DecisionDue(st *State, cal *calendar.Table, lim Limits, day civil.Date) (calendar.Due, error) {
	days := lim.DecisionDays
	for _, e := range st.Extended {
		days += e.Days
	}
	paused := 0
	for _, s := range st.Suspended {
		paused += s.Days(day)
	}
	due, err := cal.AddDays(st.Filed, days+paused)
	if err != nil {
		return due, err
	}
	extra := fmt.Sprintf("办案期限%d日", lim.DecisionDays)
	if len(st.Extended) > 0 {
		extra += fmt.Sprintf("，经批准延长%d日", days-lim.DecisionDays)
	}
	if paused > 0 {
		extra += fmt.Sprintf("，检测、检验、鉴定、听证、公告、中止等%d日不计入", paused)
	}
	due.Explain = extra + "：" + due.Explain
	return due, nil
}

func (b *deadlines) ordinary(st *State, lim Limits) {
	if !st.Filed.IsZero() && st.Closed == nil {
		due, err := DecisionDue(st, b.cal, lim, b.day)
		if err != nil {
			b.err = err
			return
		}
		met := civil.Date{}
		if st.Decision != nil {
			met = st.Decision.Date
		} else if st.Transfer != nil && st.Transfer.Decision != nil && st.Transfer.Decision.Approved {
			met = st.Transfer.Decision.Date
		}
		b.push(Deadline{Key: "decision", Label: "作出处理决定", Due: due.Due, Explain: due.Explain, Basis: art60,
			Provisional: due.Provisional}, met)
	}
	if n := st.Notice; n != nil {
		met := civil.Date{}
		if st.Waived != nil && st.Waived.Statement {
			met = st.Waived.Date
		} else if len(st.Statements) > 0 {
			met = st.Statements[len(st.Statements)-1].Date
		}
		// The statement period ends by itself: it is "met" once it has passed.
		b.addPeriod("statement", "当事人陈述、申辩", "行政处罚法 第四十五条、第六十二条：当事人有权进行陈述和申辩", n.Date,
			lim.StatementWorkdays, met)
		if n.HearingRight {
			hm := civil.Date{}
			if h := st.Hearing; h != nil {
				hm = h.Requested
			} else if st.Waived != nil && st.Waived.Hearing {
				hm = st.Waived.Date
			}
			b.addPeriod("hearing_request", "当事人要求听证", art64, n.Date, 5, hm)
		}
	}
	if h := st.Hearing; h != nil && !h.Date.IsZero() {
		// The notice must reach the party seven working days before the hearing: count back.
		if latest, err := b.workdaysBefore(h.Date, 7); err != nil {
			b.err = err
		} else {
			b.push(Deadline{Key: "hearing_notice", Label: "送达听证通知", Due: latest.Due, Explain: latest.Explain, Basis: art64,
				Provisional: latest.Provisional}, h.Notified)
		}
	}
	if d := st.Decision; d != nil {
		met := civil.Date{}
		if st.Service != nil {
			met = st.Service.Date
		}
		b.add("service", "送达决定书", art61, d.Date, 7, true, met)
		b.payment(st)
	}
}

// addPeriod is a period given to the party: it is over when the party acted or when it ran out.
func (b *deadlines) addPeriod(key, label, basis string, from civil.Date, n int, acted civil.Date) {
	before := len(b.out)
	b.add(key, label, basis, from, n, true, acted)
	if len(b.out) > before {
		d := &b.out[len(b.out)-1]
		if !d.Met && b.day.After(d.Due) {
			d.Met, d.MetOn, d.Status, d.DaysLeft = true, d.Due, DueMet, 0
			d.Explain += "；期限已届满，当事人未行使"
		}
	}
}

// workdaysBefore finds the latest day that leaves n working days before day (the day itself not
// counted): the last day a notice may be served.
func (b *deadlines) workdaysBefore(day civil.Date, n int) (calendar.Due, error) {
	d := day
	count := 0
	for count < n {
		d = d.AddDays(-1)
		rest, _, err := b.cal.Rest(d)
		if err != nil {
			return calendar.Due{}, err
		}
		if !rest {
			count++
		}
	}
	// d is the n-th working day before the hearing; the notice must be served before it.
	latest := d.AddDays(-1)
	return calendar.Due{Due: latest, Explain: fmt.Sprintf("听证定于%s举行，听证通知应在其七个工作日前（即不晚于%s）送达", day.Chinese(), latest.Chinese())}, nil
}

// payment adds the fine's payment limit: 15 days from service, or the approved deferral.
func (b *deadlines) payment(st *State) {
	d := st.Decision
	if d.FineTotal() == 0 || st.Service == nil {
		return
	}
	paid := civil.Date{}
	if owed := Outstanding(st); owed == 0 && len(st.Payments) > 0 {
		paid = st.Payments[len(st.Payments)-1].Date
	}
	if st.Deferral != nil {
		b.push(Deadline{Key: "payment", Label: "缴纳罚款（经批准延期或分期）", Due: st.Deferral.Until,
			Explain: "经批准延期（分期）缴纳至" + st.Deferral.Until.Chinese(), Basis: "行政处罚法 第六十六条"}, paid)
		return
	}
	b.add("payment", "缴纳罚款", art67, st.Service.Date, 15, false, paid)
}

func (b *deadlines) simple(st *State, lim Limits) {
	d := st.Decision
	if d == nil {
		return
	}
	b.add("simple_file", "当场处罚决定报所属机关备案", art52, d.Date, lim.SimpleFileWorkdays, true, st.SimpleFiled)
	if o := st.OnSpot; o != nil {
		b.add("hand_in", "当场收缴的罚款交至行政机关", art71, o.Date, 2, true, o.HandedIn)
	} else if d.FineTotal() > 0 && st.Service != nil {
		b.payment(st)
	}
}

func (b *deadlines) measures(st *State) {
	for _, m := range st.Measures {
		name := measureNames[m.Kind]
		if m.Emergency && !m.TakenAt.IsZero() {
			due := m.TakenAt.Add(24 * time.Hour)
			met := civil.Date{}
			if m.Approval != nil {
				met = m.Approval.Date
			}
			d := Deadline{Key: "measure_approval:" + m.ID, Label: "当场实施" + name + "后报告并补办批准手续", Due: civil.DateOf(due), DueAt: &due,
				Explain: "自" + m.TakenAt.In(civil.Zone).Format("2006年1月2日15时04分") + "起二十四小时内（按小时计算，不因节假日顺延）",
				Basis:   "行政强制法 第十九条：情况紧急，需要当场实施行政强制措施的，行政执法人员应当在二十四小时内向行政机关负责人报告，并补办批准手续"}
			b.push(d, met)
			if m.Approval != nil && !m.ApprovedAt.IsZero() && m.ApprovedAt.After(due) {
				b.out[len(b.out)-1].Late = true
			}
		}
		if m.Decided.IsZero() || m.Days <= 0 {
			continue
		}
		days := m.Days
		if m.Extension != nil {
			days += m.Extension.Days
		}
		for _, t := range m.Testing {
			end := t.To
			if end.IsZero() || end.After(b.day) {
				end = b.day
			}
			if !end.Before(t.From) {
				days += end.Sub(t.From)
			}
		}
		b.add("measure:"+m.ID, name+"期限届满（解除或延长）",
			"行政强制法 第二十五条：查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。检测、检验、检疫或者技术鉴定的期间不包括在内",
			m.Decided, days, false, m.Lifted)
	}
	if r := st.Reminder; r != nil && st.Court == nil {
		// The court may be applied to no sooner than 10 working days after the reminder was served
		// (行政强制法 第五十四条); shown as the day from which the application is possible.
		due, err := b.cal.AddWorkdays(r.Served, 10)
		if err != nil {
			b.err = err
			return
		}
		b.out = append(b.out, Deadline{Key: "court_earliest", Label: "可申请人民法院强制执行（催告书送达满十个工作日）", Due: due.Due,
			Explain: due.Explain, Basis: "行政强制法 第五十四条：行政机关申请人民法院强制执行前，应当催告当事人履行义务。催告书送达十日后当事人仍未履行义务的，行政机关可以向所在地有管辖权的人民法院申请强制执行",
			Status: DueOpen, Provisional: due.Provisional})
	}
}

func (b *deadlines) transfer(st *State) {
	t := st.Transfer
	if t == nil {
		return
	}
	met := civil.Date{}
	if t.Decision != nil {
		met = t.Decision.Date
	}
	b.add("transfer_decision", "负责人决定是否移送", "行政执法机关移送涉嫌犯罪案件的规定 第五条：行政执法机关正职负责人或者主持工作的负责人应当自接到报告之日起3日内作出批准移送或者不批准移送的决定",
		t.Reported, 3, false, met)
	if t.Decision != nil && t.Decision.Approved && !t.DecidedAt.IsZero() {
		due := t.DecidedAt.Add(24 * time.Hour)
		sent := civil.Date{}
		if !t.SentAt.IsZero() {
			sent = civil.DateOf(t.SentAt)
		}
		d := Deadline{Key: "transfer_send", Label: "向公安机关移送", Due: civil.DateOf(due), DueAt: &due,
			Explain: "自批准移送时起二十四小时内", Basis: "行政执法机关移送涉嫌犯罪案件的规定 第五条：决定批准的，应当在24小时内向同级公安机关移送"}
		b.push(d, sent)
		if !t.SentAt.IsZero() && t.SentAt.After(due) {
			b.out[len(b.out)-1].Late = true
		}
	}
	if a := t.Answer; a != nil && !a.Accepted {
		b.add("transfer_reconsider", "提请公安机关复议", "行政执法机关移送涉嫌犯罪案件的规定 第九条：行政执法机关接到公安机关不予立案的通知书后，认为依法应当由公安机关决定立案的，可以自接到不予立案通知书之日起3日内，提请作出不予立案决定的公安机关复议",
			a.Date, 3, false, t.Reconsider)
	}
	if a := t.Answer; a != nil && a.Accepted {
		b.add("transfer_exhibits", "移交涉案物品", "行政执法机关移送涉嫌犯罪案件的规定 第十一条：公安机关立案后，行政执法机关应当自接到立案通知书之日起3日内将涉案物品以及与案件有关的其他材料移交公安机关",
			a.Date, 3, false, t.Exhibits)
	}
}

// Outstanding is what the parties still owe of the fines: the fines decided (as varied by a
// reconsideration or court), less what was paid, not counting the late-payment penalty.
func Outstanding(st *State) civil.Fen {
	if st.Decision == nil {
		return 0
	}
	owed := st.Decision.FineTotal()
	for _, r := range st.Remedies {
		switch r.Outcome {
		case RemedyRevoked:
			return 0
		case RemedyVaried:
			owed = r.VariedFen
		}
	}
	for _, p := range st.Payments {
		owed -= p.AmountFen - p.LateFen
	}
	if st.OnSpot != nil {
		owed -= st.OnSpot.AmountFen
	}
	return max(owed, 0)
}

// Next is the most urgent open limit, for the workbench's ordering; ok is false when none is open.
func Next(ds []Deadline) (Deadline, bool) {
	for _, d := range ds {
		if !d.Met && d.Key != "court_earliest" {
			return d, true
		}
	}
	return Deadline{}, false
}
