package cases

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	calrules "zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
	"zhifa/internal/platform/settings"
)

// Publicity (行政执法公示): penalty decisions are published on the portal within 7 working days of
// the decision, other enforcement decisions (查封、扣押) within 20 (国办发〔2018〕118号); a
// published decision that is varied or revoked is withdrawn within 3 working days with the reason
// (行政处罚法 第四十八条). Natural persons' names are reduced to the surname, their identity numbers,
// telephone numbers and addresses left out, the place reduced to the township: nothing from which
// the hidden part could be rebuilt. Each jurisdiction sets its limits; the queue shows what is due
// and overdue.

// PublicityLimits are the working days within which decisions are published and withdrawn.
type PublicityLimits struct {
	PenaltyDays  int `json:"penaltyDays" required:"true"`
	OtherDays    int `json:"otherDays" required:"true"`
	WithdrawDays int `json:"withdrawDays" required:"true"`
	// Simple: decisions made on the spot (简易程序) are published too. Not by default: departmental
	// rules publish the decisions of the ordinary procedure (e.g. 市场监督管理行政处罚信息公示规定).
	Simple bool `json:"simple"`
}

// PublicityKey is the key of the publicity limits.
const PublicityKey = "cases.publicity"

// PublicitySetting is the kind of setting behind PublicityLimits.
var PublicitySetting = settings.Define(settings.Kind{
	Key: PublicityKey, Name: "执法决定公示期限", Description: "行政处罚决定、其他行政执法决定公示的期限，及决定被变更、撤销后撤回公示的期限（工作日）",
	Read: access.CaseRead, Write: access.CaseSettings,
	Fields: []settings.Field{
		{Name: "penaltyDays", Label: "行政处罚决定公示", Type: settings.Integer, Unit: "个工作日内", Min: 1, Max: 20},
		{Name: "otherDays", Label: "其他执法决定公示", Type: settings.Integer, Unit: "个工作日内", Min: 1, Max: 30},
		{Name: "withdrawDays", Label: "变更、撤销后撤回", Type: settings.Integer, Unit: "个工作日内", Min: 1, Max: 3},
		{Name: "simple", Label: "简易程序决定也公示", Type: settings.Boolean},
	},
	NationalBasis: "国办发〔2018〕118号：行政处罚决定7个工作日内公开，其他执法决定20个工作日内；行政处罚法 第四十八条：变更、撤销等后三日内撤回",
}, PublicityLimits{PenaltyDays: 7, OtherDays: 20, WithdrawDays: 3}, nil)

// Publication statuses.
const (
	PubDue          = "due"          // 待公示
	PubPublished    = "published"    // 已公示
	PubNotPublic    = "not_public"   // 依法不予公开
	PubWithdrawDue  = "withdraw_due" // 待撤回
	PubWithdrawn    = "withdrawn"    // 已撤回
	PubKindPenalty  = "penalty"      // 行政处罚决定
	PubKindOther    = "other"        // 其他行政执法决定
	art48           = "行政处罚法 第四十八条：具有一定社会影响的行政处罚决定应当依法公开；公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由"
	rule118         = "国办发〔2018〕118号：行政处罚决定信息原则上应在执法决定作出之日起7个工作日内公开，其他行政执法决定信息20个工作日内公开"
	publicityNoName = "PUBLICITY_NOT_MASKED"
)

var pubStatusNames = map[string]string{PubDue: "待公示", PubPublished: "已公示", PubNotPublic: "依法不予公开", PubWithdrawDue: "待撤回", PubWithdrawn: "已撤回"}

// PublicDecision is a decision as the portal shows it: masked.
type PublicDecision struct {
	Kind           string `json:"kind"`
	KindName       string `json:"kindName"`
	DecisionNo     string `json:"decisionNo"`
	Title          string `json:"title"`
	Party          string `json:"party"`
	PartyType      string `json:"partyType"`
	CreditCode     string `json:"creditCode,omitempty"`
	Representative string `json:"representative,omitempty"`
	Place          string `json:"place"`
	Facts          string `json:"facts"`
	Basis          string `json:"basis"`
	Content        string `json:"content"`
	Subject        string `json:"subject"`
	Decided        string `json:"decided"`
}

// Publication is a decision's publicity as the queue shows it.
type Publication struct {
	ID          string          `db:"id" json:"id"`
	CaseID      string          `db:"case_id" json:"caseId"`
	RegionCode  string          `db:"region_code" json:"regionCode"`
	Kind        string          `db:"kind" json:"kind"`
	Ref         string          `db:"ref" json:"ref"`
	DecisionNo  string          `db:"decision_no" json:"decisionNo"`
	CaseTitle   string          `db:"case_title" json:"caseTitle"`
	Decided     civil.Date      `db:"decided" json:"decided"`
	Due         civil.Date      `db:"due" json:"due"`
	DueExplain  string          `db:"due_explain" json:"dueExplain"`
	Status      string          `db:"status" json:"status"`
	StatusName  string          `db:"-" json:"statusName"`
	Overdue     bool            `db:"-" json:"overdue"`
	ContentRaw  string          `db:"content" json:"-"`
	Content     *PublicDecision `db:"-" json:"content"`
	PublishedAt string          `db:"published_at" json:"publishedAt,omitempty"`
	PublishedBy string          `db:"published_by" json:"publishedBy,omitempty"`
	WithdrawDue civil.Date      `db:"withdraw_due" json:"withdrawDue,omitempty"`
	WithdrawnAt string          `db:"withdrawn_at" json:"withdrawnAt,omitempty"`
	Reason      string          `db:"reason" json:"reason,omitempty"` // why withdrawn or not public
}

const publicationColumns = `p.id, p.case_id, p.region_code, p.kind, p.ref, p.decision_no, p.case_title, p.decided, p.due, p.due_explain,
	p.status, p.content, p.published_at, p.published_by, p.withdraw_due, p.withdrawn_at, p.reason`

func (p *Publication) finish(today civil.Date) {
	p.StatusName = pubStatusNames[p.Status]
	p.Content = decodeContent(p.ContentRaw)
	switch p.Status {
	case PubDue:
		p.Overdue = p.Due.Before(today)
	case PubWithdrawDue:
		p.Overdue = p.WithdrawDue.Before(today)
	}
}

// publicize opens the publicity a step calls for, in the step's transaction: a penalty decision
// (ordinary or on the spot), a seizure or sealing; a varied or revoked decision's withdrawal.
func (s *Service) publicize(w *work) error {
	st := w.st
	lim, err := settings.Get[PublicityLimits](w.ctx, w.tx, s.Settings, PublicityKey, w.r.RegionCode)
	if err != nil {
		return err
	}
	open := func(kind, ref, number string, decided civil.Date) error {
		due, err := PublicityDue(w.env.cal, lim.Value, kind, decided)
		if err != nil {
			return err
		}
		_, err = db.Exec(w.ctx, w.tx, `INSERT INTO case_publications (id, case_id, region_code, kind, ref, decision_no, case_title, decided, due,
			due_explain, status, content, published_at, published_by, withdraw_due, withdrawn_at, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'due', 'null', '', '', '', '', '') ON CONFLICT (case_id, kind, ref) DO NOTHING`,
			ids.New(), w.r.ID, w.r.RegionCode, kind, ref, number, w.r.Title, decided, due.Due, "公示期限："+due.Explain+"。"+ruleFor(kind))
		return err
	}
	switch w.kind {
	case StepDecide, StepSimple:
		if w.kind == StepSimple && !lim.Value.Simple {
			return nil
		}
		if st.Decision != nil && st.Decision.Outcome == OutcomePenalty {
			return open(PubKindPenalty, "decision", st.Decision.Number, st.Decision.Date)
		}
	case StepMeasure, StepMeasureOK:
		// a measure taken on the spot is a decision once approved and numbered
		for _, m := range st.Measures {
			if m.DecisionNo != "" && !m.Decided.IsZero() && (m.Approval == nil || m.Approval.Approved) {
				if err := open(PubKindOther, m.ID, m.DecisionNo, m.Decided); err != nil {
					return err
				}
			}
		}
	case StepRemedyResult:
		var last *Remedy
		for i := range st.Remedies {
			if !st.Remedies[i].Decided.IsZero() && st.Remedies[i].Decided == w.date {
				last = &st.Remedies[i]
			}
		}
		if last == nil || (last.Outcome != RemedyRevoked && last.Outcome != RemedyVaried) {
			return nil
		}
		due, err := WithdrawalDue(w.env.cal, lim.Value, w.date)
		if err != nil {
			return err
		}
		reason := "行政处罚决定经" + map[string]string{RemedyReconsideration: "行政复议", RemedyLitigation: "行政诉讼"}[last.Kind] +
			map[string]string{RemedyRevoked: "被依法撤销", RemedyVaried: "被依法变更"}[last.Outcome]
		// published: to be withdrawn within the limit; not yet published: never to be
		if _, err := db.Exec(w.ctx, w.tx, `UPDATE case_publications SET status = 'withdraw_due', withdraw_due = ?, reason = ?
			WHERE case_id = ? AND kind = 'penalty' AND status = 'published'`, due.Due, reason, w.r.ID); err != nil {
			return err
		}
		if _, err := db.Exec(w.ctx, w.tx, `UPDATE case_publications SET status = 'not_public', reason = ?
			WHERE case_id = ? AND kind = 'penalty' AND status = 'due'`, reason+"，公示前已失效", w.r.ID); err != nil {
			return err
		}
		if last.Outcome == RemedyVaried {
			return open(PubKindPenalty, "varied:"+last.ID, st.Decision.Number+"（变更后）", w.date)
		}
	}
	return nil
}

// PublicityDue is the last day to publish a decision: penalty decisions within the jurisdiction's
// working days (national: 7), other enforcement decisions within theirs (national: 20), counted
// on the working-day calendar from the day after the decision (国办发〔2018〕118号).
func PublicityDue(cal *calrules.Table, lim PublicityLimits, kind string, decided civil.Date) (calrules.Due, error) {
	days := lim.PenaltyDays
	if kind == PubKindOther {
		days = lim.OtherDays
	}
	return cal.AddWorkdays(decided, days)
}

// WithdrawalDue is the last day to withdraw a published decision that was varied or revoked:
// three days, which the Administrative Penalty Law counts as working days (第四十八条、第八十五条).
func WithdrawalDue(cal *calrules.Table, lim PublicityLimits, changed civil.Date) (calrules.Due, error) {
	return cal.AddWorkdays(changed, lim.WithdrawDays)
}

func ruleFor(kind string) string {
	if kind == PubKindPenalty {
		return "依据：国办发〔2018〕118号，行政处罚决定7个工作日内公开（本辖区设置）"
	}
	return "依据：国办发〔2018〕118号，其他行政执法决定20个工作日内公开（本辖区设置）"
}

// compound surnames keep both characters when a name is reduced to its surname.
var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "西门", "南宫"}

// MaskName reduces a natural person's name to the surname and 某: 王某, 欧阳某.
func MaskName(name string) string {
	name = strings.TrimSpace(name)
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) && utf8.RuneCountInString(name) > 2 {
			return c + "某"
		}
	}
	r, _ := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return "某"
	}
	return string(r) + "某"
}

var (
	residentIDPattern = regexp.MustCompile(`[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]`)
	phonePattern      = regexp.MustCompile(`1[3-9]\d{9}`)
	// a motor vehicle's plate (GA 36): province, issuing office letter, five or six characters
	platePattern = regexp.MustCompile(`([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-Z])[·•.\s]?[A-Z0-9]{5,6}`)
)

// maskText removes from a text what would identify a natural person: the full names given
// become their surname and 某, identity and telephone numbers are left out.
func maskText(s string, names []string) string {
	for _, n := range names {
		if utf8.RuneCountInString(n) >= 2 && n != MaskName(n) {
			s = strings.ReplaceAll(s, n, MaskName(n))
		}
	}
	s = residentIDPattern.ReplaceAllString(s, "（身份证号码已隐去）")
	s = platePattern.ReplaceAllString(s, "${1}${2}·*****")
	return phonePattern.ReplaceAllString(s, "（电话已隐去）")
}

// unmasked names what a text still gives away: a natural person's full name, an identity
// number or a telephone number.
func unmasked(s string, names []string, ids []string) string {
	for _, n := range names {
		if utf8.RuneCountInString(n) >= 2 && n != MaskName(n) && strings.Contains(s, n) {
			return "当事人姓名“" + n + "”"
		}
	}
	for _, id := range ids {
		if id != "" && strings.Contains(s, id) {
			return "身份证号码"
		}
	}
	if residentIDPattern.MatchString(s) {
		return "身份证号码"
	}
	if phonePattern.MatchString(s) {
		return "电话号码"
	}
	if platePattern.MatchString(s) {
		return "机动车号牌"
	}
	return ""
}

// PublishInput publishes a decision: the facts as they will be shown, reviewed by the person
// publishing (the platform's masked draft when left empty).
type PublishInput struct {
	PublicationID string `json:"publicationId" required:"true" text:"64"`
	Facts         string `json:"facts,omitempty" text:"4000,multiline"`
}

// ReasonInput gives the reason for withdrawing a publication or not publishing a decision.
type ReasonInput struct {
	PublicationID string `json:"publicationId" required:"true" text:"64"`
	Reason        string `json:"reason" required:"true" text:"500"`
}

// draft composes a decision's public form from the case.
func (s *Service) draft(ctx context.Context, c db.Conn, r row, pub Publication) (PublicDecision, []string, []string, error) {
	st := &r.State.V
	ps, err := partiesOf(ctx, c, []string{r.ID})
	if err != nil {
		return PublicDecision{}, nil, nil, err
	}
	var natural, idNumbers, parties, codes, reps []string
	for _, p := range ps[r.ID] {
		if p.Type.Organisation() {
			parties = append(parties, p.Name)
			codes = append(codes, p.CreditCode)
			reps = append(reps, p.Representative)
			continue
		}
		natural = append(natural, p.Name)
		parties = append(parties, MaskName(p.Name))
		if p.IDSealed != "" {
			id, err := s.Box.Open(p.IDSealed)
			if err != nil {
				return PublicDecision{}, nil, nil, err
			}
			idNumbers = append(idNumbers, id)
		}
	}
	place := ""
	if r.PlaceCode != "" {
		codes := settings.Chain(r.PlaceCode)
		var names []string
		if err := db.Select(ctx, c, &names, `SELECT name FROM regions WHERE code IN (`+placeholders(len(codes))+`) ORDER BY code`, toAny(codes)...); err != nil {
			return PublicDecision{}, nil, nil, err
		}
		// county and township: the place reduced so that no house can be found
		if len(names) > 2 {
			names = names[2:min(4, len(names))]
		}
		place = strings.Join(names, "")
	}
	var subject string
	if err := db.Get(ctx, c, &subject, `SELECT name FROM organizations WHERE id = ?`, r.SubjectOrgID); err != nil {
		return PublicDecision{}, nil, nil, err
	}
	d := PublicDecision{Kind: pub.Kind, DecisionNo: pub.DecisionNo, Title: maskText(r.Title, natural), Party: strings.Join(parties, "、"),
		CreditCode: strings.Join(nonEmpty(codes), "、"), Representative: strings.Join(nonEmpty(reps), "、"), Place: place, Subject: subject,
		Decided: pub.Decided.Chinese(), Basis: strings.TrimSpace(st.Exercise.ViolatedBasis + "；" + st.Exercise.PenaltyBasis)}
	if len(natural) > 0 && len(codes) == 0 {
		d.PartyType = "自然人"
	} else {
		d.PartyType = "法人或其他组织"
	}
	switch pub.Kind {
	case PubKindPenalty:
		d.KindName = "行政处罚决定"
		if st.Report != nil {
			d.Facts = maskText(st.Report.Facts, natural)
		} else {
			d.Facts = maskText(r.Title, natural)
		}
		if st.Decision != nil {
			_, text := penaltiesData(st.Decision.Penalties, nil)
			d.Content = text
			if strings.HasPrefix(pub.Ref, "varied:") {
				for _, rm := range st.Remedies {
					if "varied:"+rm.ID == pub.Ref {
						d.Content = "经" + map[string]string{RemedyReconsideration: "行政复议", RemedyLitigation: "行政诉讼"}[rm.Kind] +
							"变更为：罚款" + yuan(rm.VariedFen)
					}
				}
			}
		}
	default:
		d.KindName = "行政强制措施决定"
		for _, m := range st.Measures {
			if m.ID == pub.Ref {
				d.Facts = maskText(m.Reason, natural)
				d.Content = measureNames[m.Kind] + "，期限" + itoa(m.Days) + "日"
			}
		}
	}
	return d, natural, idNumbers, nil
}

func nonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func toAny(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// publication reads a publication of a case.
func publication(ctx context.Context, c db.Conn, caseID, id string) (Publication, error) {
	var p Publication
	if err := db.Get(ctx, c, &p, `SELECT `+publicationColumns+` FROM case_publications p WHERE p.id = ? AND p.case_id = ?`, id, caseID); err != nil {
		if db.IsNoRows(err) {
			return Publication{}, apperr.NotFound("公示事项")
		}
		return Publication{}, err
	}
	return p, nil
}

// PublicityDraft is a publication with the masked text the platform proposes.
type PublicityDraft struct {
	Publication
	Draft PublicDecision `json:"draft"`
}

// Draft shows what would be published for a decision.
func (s *Service) Draft(ctx context.Context, p *access.Principal, caseID, id string) (PublicityDraft, error) {
	r, err := getRow(ctx, s.DB.R, p, caseID)
	if err != nil {
		return PublicityDraft{}, err
	}
	pub, err := publication(ctx, s.DB.R, caseID, id)
	if err != nil {
		return PublicityDraft{}, err
	}
	pub.finish(s.today())
	d, _, _, err := s.draft(ctx, s.DB.R, r, pub)
	return PublicityDraft{Publication: pub, Draft: d}, err
}

// Publish publishes a decision on the portal, masked. A text that still gives a natural person's
// full name, an identity number or a telephone number is refused and nothing is published.
func (s *Service) Publish(ctx context.Context, p *access.Principal, id string, in PublishInput) (Detail, error) {
	return s.do(ctx, p, id, StepPublish, civil.Date{}, func(w *work) error {
		pub, err := publication(w.ctx, w.tx, w.r.ID, in.PublicationID)
		if err != nil {
			return err
		}
		if pub.Status != PubDue {
			return apperr.Conflict("PUBLICITY_NOT_DUE", "该决定"+pubStatusNames[pub.Status]+"，不能公示")
		}
		d, natural, idNumbers, err := s.draft(w.ctx, w.tx, w.r, pub)
		if err != nil {
			return err
		}
		if f := strings.TrimSpace(in.Facts); f != "" {
			d.Facts = f
		}
		all := strings.Join([]string{d.Title, d.Party, d.Facts, d.Content, d.Place, d.Representative}, "\n")
		if what := unmasked(all, natural, idNumbers); what != "" {
			return apperr.InvalidField("facts", publicityNoName, "公示内容中仍有"+what+"，须隐去后再公示（个人信息保护法 第二十八条；"+
				"政府信息公开条例 第十五条）").WithRule(art48)
		}
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if _, err := db.Exec(w.ctx, w.tx, `UPDATE case_publications SET status = 'published', content = ?, published_at = ?, published_by = ?
			WHERE id = ?`, string(b), s.Clock.Now().UTC().Format("2006-01-02T15:04:05Z"), w.p.DisplayName, pub.ID); err != nil {
			return err
		}
		late := ""
		if pub.Due.Before(w.date) {
			late = "（超过公示期限 " + pub.Due.String() + "）"
		}
		w.data = map[string]any{"publicationId": pub.ID, "decisionNo": pub.DecisionNo}
		w.sum = "公示" + d.KindName + " " + pub.DecisionNo + late
		return nil
	})
}

// Withdraw takes a published decision off the portal and says why publicly (行政处罚法 第四十八条).
func (s *Service) Withdraw(ctx context.Context, p *access.Principal, id string, in ReasonInput) (Detail, error) {
	return s.do(ctx, p, id, StepUnpublish, civil.Date{}, func(w *work) error {
		pub, err := publication(w.ctx, w.tx, w.r.ID, in.PublicationID)
		if err != nil {
			return err
		}
		if pub.Status != PubPublished && pub.Status != PubWithdrawDue {
			return apperr.Conflict("PUBLICITY_NOT_PUBLISHED", "该决定"+pubStatusNames[pub.Status]+"，没有可撤回的公示")
		}
		reason := strings.TrimSpace(in.Reason)
		if reason == "" {
			return apperr.InvalidField("reason", "PUBLICITY_REASON_REQUIRED", "撤回公示须公开说明理由").WithRule(art48)
		}
		if _, err := db.Exec(w.ctx, w.tx, `UPDATE case_publications SET status = 'withdrawn', withdrawn_at = ?, reason = ? WHERE id = ?`,
			s.Clock.Now().UTC().Format("2006-01-02T15:04:05Z"), reason, pub.ID); err != nil {
			return err
		}
		w.data = map[string]any{"publicationId": pub.ID}
		w.sum = "撤回公示 " + pub.DecisionNo + "：" + reason
		return nil
	})
}

// KeepPrivate records that a decision is not published, with its legal reason (state secrets,
// trade secrets, personal privacy: 政府信息公开条例 第十四条、第十五条).
func (s *Service) KeepPrivate(ctx context.Context, p *access.Principal, id string, in ReasonInput) (Detail, error) {
	return s.do(ctx, p, id, StepNotPublic, civil.Date{}, func(w *work) error {
		pub, err := publication(w.ctx, w.tx, w.r.ID, in.PublicationID)
		if err != nil {
			return err
		}
		if pub.Status != PubDue {
			return apperr.Conflict("PUBLICITY_NOT_DUE", "该决定"+pubStatusNames[pub.Status]+"，不能改为不予公开")
		}
		reason := strings.TrimSpace(in.Reason)
		if utf8.RuneCountInString(reason) < 4 {
			return apperr.InvalidField("reason", "PUBLICITY_REASON_REQUIRED", "不予公开须写明依据（如涉及国家秘密、商业秘密、个人隐私，政府信息公开条例 第十四条、第十五条）")
		}
		if _, err := db.Exec(w.ctx, w.tx, `UPDATE case_publications SET status = 'not_public', reason = ? WHERE id = ?`, reason, pub.ID); err != nil {
			return err
		}
		w.data = map[string]any{"publicationId": pub.ID}
		w.sum = "决定 " + pub.DecisionNo + " 不予公开：" + reason
		return nil
	})
}

// PublicityFilter selects the queue.
type PublicityFilter struct {
	Status  string `query:"status" text:"20"`
	Overdue bool   `query:"overdue"`
}

// Publicity lists the jurisdiction's publications, those due first.
func (s *Service) Publicity(ctx context.Context, p *access.Principal, f PublicityFilter, page httpx.Page) ([]Publication, int, error) {
	w := &query.Where{}
	cond, args := p.Scope().In("p.region_code")
	w.Add(cond, args)
	if f.Status != "" {
		if pubStatusNames[f.Status] == "" {
			return nil, 0, apperr.InvalidField("status", "PUBLICITY_STATUS_UNKNOWN", "公示状态应为 due、published、not_public、withdraw_due 或 withdrawn")
		}
		w.And("p.status = ?", f.Status)
	}
	today := s.today()
	if f.Overdue {
		w.And("((p.status = 'due' AND p.due < ?) OR (p.status = 'withdraw_due' AND p.withdraw_due < ?))", today, today)
	}
	out, total, err := query.List[Publication](ctx, s.DB.R, publicationColumns, "case_publications p", w,
		" ORDER BY CASE p.status WHEN 'withdraw_due' THEN 0 WHEN 'due' THEN 1 ELSE 2 END, p.due, p.id", page)
	for i := range out {
		out[i].finish(today)
	}
	return out, total, err
}

// PublicDecisionView is a published (or withdrawn) decision on the portal.
type PublicDecisionView struct {
	ID          string          `db:"id" json:"id"`
	Status      string          `db:"status" json:"status"`
	ContentRaw  string          `db:"content" json:"-"`
	Content     *PublicDecision `db:"-" json:"content"`
	PublishedAt string          `db:"published_at" json:"publishedAt"`
	WithdrawnAt string          `db:"withdrawn_at" json:"withdrawnAt,omitempty"`
	Reason      string          `db:"reason" json:"reason,omitempty"`
}

// PublicQuery searches the published decisions.
type PublicQuery struct {
	Q string `query:"q" text:"50"`
}

// PublicDecisions lists the decisions published on the portal, newest first; withdrawn ones show
// only their number and the reason.
func (s *Service) PublicDecisions(ctx context.Context, _ *access.Principal, q PublicQuery, page httpx.Page) ([]PublicDecisionView, int, error) {
	w := &query.Where{}
	w.And("p.status IN ('published', 'withdraw_due', 'withdrawn')")
	if t := strings.TrimSpace(q.Q); t != "" {
		like := "%" + strings.NewReplacer("%", "", "_", "").Replace(t) + "%"
		w.And("(p.content LIKE ? OR p.decision_no LIKE ?)", like, like)
	}
	out, total, err := query.List[PublicDecisionView](ctx, s.DB.R, `p.id, p.status, p.content, p.published_at, p.withdrawn_at, p.reason`,
		"case_publications p", w, " ORDER BY p.published_at DESC, p.id", page)
	for i := range out {
		out[i].hide()
	}
	return out, total, err
}

// decodeContent reads a publication's stored content ("null" before it is published).
func decodeContent(raw string) *PublicDecision {
	var d *PublicDecision
	if json.Unmarshal([]byte(raw), &d) != nil {
		return nil
	}
	return d
}

// hide keeps of a withdrawn decision only its number, kind and body.
func (v *PublicDecisionView) hide() {
	v.Content = decodeContent(v.ContentRaw)
	if v.Status == PubWithdrawn && v.Content != nil {
		c := v.Content
		v.Content = &PublicDecision{Kind: c.Kind, KindName: c.KindName, DecisionNo: c.DecisionNo, Subject: c.Subject, Decided: c.Decided}
	}
	if v.Status == PubWithdrawDue {
		v.Status = PubPublished
		v.Reason = ""
	}
}

// PublicDecisionByID is one decision on the portal.
func (s *Service) PublicDecisionByID(ctx context.Context, _ *access.Principal, id string) (PublicDecisionView, error) {
	var v PublicDecisionView
	if err := db.Get(ctx, s.DB.R, &v, `SELECT p.id, p.status, p.content, p.published_at, p.withdrawn_at, p.reason FROM case_publications p
		WHERE p.id = ? AND p.status IN ('published', 'withdraw_due', 'withdrawn')`, id); err != nil {
		if db.IsNoRows(err) {
			return PublicDecisionView{}, apperr.NotFound("公示的决定")
		}
		return PublicDecisionView{}, err
	}
	v.hide()
	return v, nil
}

// publicityRoutes are the publicity queue and the portal's decisions.
func (s *Service) publicityRoutes() []httpx.Route {
	return []httpx.Route{
		httpx.Get("/api/v1/publicity", access.CaseRead, "执法决定公示队列：待公示、已逾期、待撤回、已公示、已撤回（本辖区）", httpx.Listing(s.Publicity)),
		httpx.Get("/api/v1/cases/{id}/publicity/{publicationId}", access.CaseRead, "公示稿：平台按规则隐去个人信息后的公示内容",
			httpx.Raw(s.handleDraft, httpx.Doc{Response: PublicityDraft{}})),
		step("publish", StepPublish, s.Publish),
		step("unpublish", StepUnpublish, s.Withdraw),
		step("not-public", StepNotPublic, s.KeepPrivate),
	}
}

func (s *Service) handleDraft(w http.ResponseWriter, r *http.Request) error {
	d, err := s.Draft(r.Context(), httpx.Principal(r), r.PathValue("id"), r.PathValue("publicationId"))
	if err != nil {
		return err
	}
	return httpx.OK(w, d)
}
