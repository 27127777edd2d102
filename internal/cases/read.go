package cases

import (
	"context"
	"encoding/json"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/query"
)

// Summary is a case as lists show it.
type Summary struct {
	ID           string     `db:"id" json:"id"`
	RegionCode   string     `db:"region_code" json:"regionCode"`
	OrgID        string     `db:"org_id" json:"orgId"`
	OrgName      string     `db:"org_name" json:"orgName"`
	SubjectOrgID string     `db:"subject_org_id" json:"subjectOrgId"`
	SubjectName  string     `db:"subject_name" json:"subjectName"`
	Procedure    Procedure  `db:"procedure" json:"procedure"`
	Stage        Stage      `db:"stage" json:"stage"`
	StageName    string     `db:"-" json:"stageName"`
	Number       string     `db:"number" json:"number"`
	DecisionNo   string     `db:"decision_no" json:"decisionNo"`
	Title        string     `db:"title" json:"title"`
	ItemID       string     `db:"item_id" json:"itemId"`
	ItemCode     string     `db:"item_code" json:"itemCode"`
	ItemName     string     `db:"item_name" json:"itemName"`
	ActDate      civil.Date `db:"act_date" json:"actDate"`
	PlaceCode    string     `db:"place_code" json:"placeCode"`
	Address      string     `db:"address" json:"address"`
	Parties      string     `db:"parties" json:"parties"`
	Opened       civil.Date `db:"opened" json:"opened"`
	Filed        civil.Date `db:"filed" json:"filed"`
	Decided      civil.Date `db:"decided" json:"decided"`
	Closed       civil.Date `db:"closed" json:"closed"`
	FineFen      civil.Fen  `db:"fine_fen" json:"fineFen"`
	Outcome      string     `db:"outcome" json:"outcome"` // penalty, no_penalty_minor, …; revoked when a remedy revoked it
	NextDue      civil.Date `db:"next_due" json:"nextDue"`
	NextDueLabel string     `db:"next_due_label" json:"nextDueLabel"`
	DueStatus    string     `db:"-" json:"dueStatus"` // overdue | due_soon | open | ""
	Revision     int        `db:"revision" json:"revision"`
	UpdatedAt    string     `db:"updated_at" json:"updatedAt"`
}

const (
	summaryColumns = `c.id, c.region_code, c.org_id, COALESCE((SELECT o.name FROM organizations o WHERE o.id = c.org_id), '') AS org_name,
	c.subject_org_id, COALESCE((SELECT o.name FROM organizations o WHERE o.id = c.subject_org_id), '') AS subject_name, c.procedure, c.stage, c.number, c.decision_no, c.title, c.item_id, c.item_code,
	c.item_name, c.act_date, c.place_code, c.address, c.parties, c.opened, c.filed, c.decided, c.closed, c.fine_fen, c.outcome, c.next_due,
	c.next_due_label, c.revision, c.updated_at`
	// The organisations' names are read for the rows of the page only, so counting reads the cases alone.
	summaryFrom = `cases c`
)

func (c *Summary) finish(today civil.Date) {
	c.StageName = StageName(c.Stage)
	if c.NextDue.IsZero() || !c.Stage.Open() {
		return
	}
	switch left := c.NextDue.Sub(today); {
	case left < 0:
		c.DueStatus = DueOverdue
	case left <= dueSoonDays:
		c.DueStatus = DueSoon
	default:
		c.DueStatus = DueOpen
	}
}

// PartyView is a party as the case page shows it: a natural person's ID number masked.
type PartyView struct {
	ID                string    `json:"id"`
	Type              PartyType `json:"type"`
	TypeName          string    `json:"typeName"`
	Name              string    `json:"name"`
	IDNumberMasked    string    `json:"idNumberMasked,omitempty"`
	CreditCode        string    `json:"creditCode,omitempty"`
	Representative    string    `json:"representative,omitempty"`
	Address           string    `json:"address,omitempty"`
	ElectronicConsent bool      `json:"electronicConsent"`
	ServiceAddress    string    `json:"serviceAddress,omitempty"`
}

func (r partyRow) view() PartyView {
	return PartyView{ID: r.ID, Type: r.Type, TypeName: PartyTypeName(r.Type), Name: r.Name, IDNumberMasked: r.IDMasked,
		CreditCode: r.CreditCode, Representative: r.Representative, Address: r.Address, ElectronicConsent: r.ElectronicConsent,
		ServiceAddress: r.ServiceAddress}
}

// StepView is one entry of the case's history.
type StepView struct {
	Seq       int             `json:"seq"`
	Kind      StepKind        `json:"kind"`
	Name      string          `json:"name"`
	Date      civil.Date      `json:"date"`
	At        string          `json:"at"`
	ActorName string          `json:"actorName"`
	Place     string          `json:"place,omitempty"`
	Summary   string          `json:"summary"`
	Reason    string          `json:"reason,omitempty"`
	Data      json.RawMessage `json:"data" tstype:"unknown"`
}

// Detail is a case with everything its page shows: parties, the procedural facts, every deadline
// with its explanation, the steps offered (and those refused, with the article), and the history.
type Detail struct {
	Summary
	Parties     []PartyView `json:"parties"`
	State       State       `json:"state"`
	Deadlines   []Deadline  `json:"deadlines"`
	Actions     []Action    `json:"actions"`
	Steps       []StepView  `json:"steps"`
	Limitation  civil.Date  `json:"limitation"`  // 追责时效届满日（第三十六条）
	LegalReview []string    `json:"legalReview"` // why legal review is required (第五十八条)
	Assigned    bool        `json:"assigned"`    // the caller is an officer on the case
}

// Get returns a case the caller may read.
func (s *Service) Get(ctx context.Context, p *access.Principal, id string) (Detail, error) {
	cond, args := visible(p, "c.")
	var sum Summary
	err := db.Get(ctx, s.DB.R, &sum, `SELECT `+summaryColumns+` FROM `+summaryFrom+` WHERE c.id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return Detail{}, apperr.NotFound("案件")
	}
	if err != nil {
		return Detail{}, err
	}
	r, err := getRow(ctx, s.DB.R, p, id)
	if err != nil {
		return Detail{}, err
	}
	e, err := s.env(ctx, s.DB.R, r.RegionCode)
	if err != nil {
		return Detail{}, err
	}
	st := &r.State.V
	// The stage is derived afresh: periods may have run out since the last step.
	if stage, err := DeriveStage(st, e.cal, e.limits, e.day); err == nil {
		sum.Stage, st.Stage = stage, stage
	}
	sum.finish(e.day)
	d := Detail{Summary: sum, State: *st, Limitation: LimitationEnd(st.ActDate, st.ActEndDate, st.SeriousHarm),
		LegalReview: LegalReviewReasons(st), Assigned: st.hasOfficer(p.PersonID, e.day)}
	if d.LegalReview == nil {
		d.LegalReview = []string{}
	}
	if d.Deadlines, err = Deadlines(st, e.cal, e.limits, e.day); err != nil {
		return Detail{}, err
	}
	if d.Deadlines == nil {
		d.Deadlines = []Deadline{}
	}
	if d.Actions, err = Actions(st, e.cal, e.limits, e.day, p); err != nil {
		return Detail{}, err
	}
	if d.Actions == nil {
		d.Actions = []Action{}
	}
	ps, err := partiesOf(ctx, s.DB.R, []string{id})
	if err != nil {
		return Detail{}, err
	}
	d.Parties = []PartyView{}
	for _, pr := range ps[id] {
		d.Parties = append(d.Parties, pr.view())
	}
	rows, err := stepsOf(ctx, s.DB.R, id)
	if err != nil {
		return Detail{}, err
	}
	d.Steps = make([]StepView, len(rows))
	for i, sr := range rows {
		d.Steps[i] = StepView{Seq: sr.Seq, Kind: sr.Kind, Name: StepName(sr.Kind), Date: sr.Date, At: sr.At, ActorName: sr.ActorName,
			Place: sr.Place, Summary: sr.Summary, Reason: sr.Reason, Data: json.RawMessage(sr.Data)}
	}
	return d, nil
}

// Filter filters the case list.
type Filter struct {
	Q         string    `query:"q" doc:"案由、案号、当事人名称"`
	Stage     string    `query:"stage" doc:"办理阶段，多个以逗号分隔"`
	Procedure Procedure `query:"procedure" doc:"simple 简易程序 | ordinary 普通程序"`
	OrgID     string    `query:"orgId" doc:"承办机构"`
	ItemID    string    `query:"itemId" doc:"执法事项"`
	Mine      bool      `query:"mine" doc:"只看本人承办的"`
	Open      bool      `query:"open" doc:"只看未结案的"`
	Overdue   bool      `query:"overdue" doc:"只看已逾期的"`
	Due       bool      `query:"due" doc:"只看有进行中期限的（工作台）"`
	From      string    `query:"from" doc:"立案（登记）日期起"`
	To        string    `query:"to" doc:"立案（登记）日期止"`
}

var caseOrder = query.Order{"nextDue": "c.next_due", "opened": "c.opened", "number": "c.number", "decided": "c.decided",
	"updatedAt": "c.updated_at", "fineFen": "c.fine_fen"}

// listWhere builds the list's conditions: what the caller may read, then the filter.
func (s *Service) listWhere(ctx context.Context, p *access.Principal, f Filter) (*query.Where, error) {
	w := &query.Where{}
	switch {
	case f.Mine:
		// The caller's own cases: being assigned is what makes them readable.
		w.And(`c.id IN (`+assignedTo+`)`, p.PersonID)
	default:
		outside, err := assignedOutside(ctx, s.DB.R, p)
		if err != nil {
			return nil, err
		}
		if outside {
			cond, args := visible(p, "c.")
			w.Add(cond, args)
		} else {
			cond, args := p.Scope().In("c.region_code")
			w.Add(cond, args)
		}
	}
	if f.Stage != "" {
		var stages []any
		for _, st := range strings.Split(f.Stage, ",") {
			if StageName(Stage(strings.TrimSpace(st))) == "" {
				return nil, apperr.InvalidField("stage", "CASE_STAGE_UNKNOWN", "未知办理阶段："+st)
			}
			stages = append(stages, strings.TrimSpace(st))
		}
		q, a, err := db.In(`c.stage IN (?)`, stages)
		if err != nil {
			return nil, err
		}
		w.Add(q, a)
	}
	w.If(f.Procedure != "", "c.procedure = ?", f.Procedure)
	w.If(f.OrgID != "", "c.org_id = ?", f.OrgID)
	w.If(f.ItemID != "", "c.item_id = ?", f.ItemID)
	w.If(f.Open, "c.closed = ''")
	w.If(f.Due, "c.closed = '' AND c.next_due <> ''")
	w.If(f.Overdue, "c.closed = '' AND c.next_due <> '' AND c.next_due < ?", s.today())
	for _, b := range []struct {
		v, field, op string
	}{{f.From, "from", ">="}, {f.To, "to", "<="}} {
		if b.v == "" {
			continue
		}
		d, err := civil.ParseDate(b.field, "日期", b.v)
		if err != nil {
			return nil, err
		}
		w.And("c.opened "+b.op+" ?", d)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		like := "%" + db.Like(q) + "%"
		w.And(`(c.title LIKE ? ESCAPE '\' OR c.number LIKE ? ESCAPE '\' OR c.decision_no LIKE ? ESCAPE '\' OR c.parties LIKE ? ESCAPE '\')`,
			like, like, like, like)
	}
	return w, nil
}

// List lists the cases the caller may read.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Summary, int, error) {
	w, err := s.listWhere(ctx, p, f)
	if err != nil {
		return nil, 0, err
	}
	order, err := caseOrder.SQL(page, "-opened", "c.id")
	if err != nil {
		return nil, 0, err
	}
	out, total, err := query.List[Summary](ctx, s.DB.R, summaryColumns, summaryFrom, w, order, page)
	today := s.today()
	for i := range out {
		out[i].finish(today)
	}
	return out, total, err
}

// RevealedID is a party's full resident ID number.
type RevealedID struct {
	IDNumber string `json:"idNumber"`
}

// RevealParty discloses a natural-person party's full ID number to an officer on the case or an
// approver of the deciding body, and records the disclosure in the audit log (个人信息保护法).
func (s *Service) RevealParty(ctx context.Context, p *access.Principal, caseID, partyID string) (RevealedID, error) {
	r, err := getRow(ctx, s.DB.R, p, caseID)
	if err != nil {
		return RevealedID{}, err
	}
	if !r.State.V.hasOfficer(p.PersonID, s.today()) && !p.Can(access.CaseApprove) {
		return RevealedID{}, apperr.Forbidden("只有本案承办人或审批人可以查看当事人完整身份证号码").WithCode("CASE_NOT_ASSIGNED")
	}
	ps, err := partiesOf(ctx, s.DB.R, []string{caseID})
	if err != nil {
		return RevealedID{}, err
	}
	for _, pr := range ps[caseID] {
		if pr.ID != partyID {
			continue
		}
		if pr.IDSealed == "" {
			return RevealedID{}, apperr.Conflict("CASE_PARTY_NO_ID", "该当事人没有登记身份证号码")
		}
		id, err := s.Box.Open(pr.IDSealed)
		if err != nil {
			return RevealedID{}, err
		}
		err = s.DB.Tx(ctx, func(tx *db.Tx) error {
			return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityParty, EntityID: pr.ID,
				EntityName: pr.Name, RegionCode: r.RegionCode, Summary: "查看案件当事人 " + pr.Name + " 的完整身份证号码（" + caseLabel(r) + "）",
				Detail: map[string]any{"caseId": caseID, "disclosed": []string{"idNumber"}}})
		})
		if err != nil {
			return RevealedID{}, err
		}
		return RevealedID{IDNumber: id}, nil
	}
	return RevealedID{}, apperr.NotFound("当事人")
}
