package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/calendar"
	"zhifa/internal/documents"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/blob"
	calrules "zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/secret"
	"zhifa/internal/platform/settings"
)

// Catalogue is the enforcement catalogue as case handling asks it: on the act's date, may this
// organisation handle this item at this place, in whose name, under which version and statute?
// A refusal is a coded error naming the rule (行政处罚法 第十八条、第二十四条、第三十七条).
type Catalogue interface {
	Exercise(ctx context.Context, p *access.Principal, itemID, placeCode, orgID string, actDate civil.Date) (Exercise, error)
}

// Service handles leads and cases.
type Service struct {
	DB        *db.DB
	Audit     *audit.Log
	Clock     clock.Clock
	Box       *secret.Box
	Settings  *settings.Service
	Calendar  *calendar.Service
	Catalogue Catalogue
	// Benchmarks applies the discretion benchmarks (internal/discretion); without it the
	// statute alone bounds a fine.
	Benchmarks Benchmarks
	// Blobs keeps the evidence files by their SM3 digest; without it evidence cannot be uploaded.
	Blobs *blob.Store
	// Paperwork makes the documents (文书) of a case.
	Paperwork *documents.Service
}

func (s *Service) today() civil.Date { return civil.Today(s.Clock) }

// env is what the rules of one case need: the calendar (provisional for years not yet
// published), the limits and thresholds of the case's jurisdiction, and the day.
type env struct {
	cal     *calrules.Table
	limits  Limits
	hearing HearingThresholds
	number  Numbering
	day     civil.Date
}

func (s *Service) env(ctx context.Context, c db.Conn, regionCode string) (env, error) {
	t, err := s.Calendar.Table(ctx)
	if err != nil {
		return env{}, err
	}
	lim, err := settings.Get[Limits](ctx, c, s.Settings, LimitsKey, regionCode)
	if err != nil {
		return env{}, err
	}
	hr, err := settings.Get[HearingThresholds](ctx, c, s.Settings, HearingKey, regionCode)
	if err != nil {
		return env{}, err
	}
	num, err := settings.Get[Numbering](ctx, c, s.Settings, NumberingKey, regionCode)
	if err != nil {
		return env{}, err
	}
	return env{cal: t.Provisional(), limits: lim.Value, hearing: hr.Value, number: num.Value, day: s.today()}, nil
}

// checkDate refuses a step dated in the future or before the case (or another given day).
func checkDate(field string, d, earliest civil.Date, e env, what string) error {
	if d.IsZero() {
		return apperr.InvalidField(field, "CASE_DATE_REQUIRED", "请填写"+what+"日期")
	}
	if d.After(e.day) {
		return apperr.InvalidField(field, "CASE_DATE_IN_FUTURE", what+"日期"+d.Chinese()+"晚于今天，不能登记尚未发生的事项")
	}
	if !earliest.IsZero() && d.Before(earliest) {
		return apperr.InvalidField(field, "CASE_DATE_TOO_EARLY", what+"日期"+d.Chinese()+"早于"+earliest.Chinese()+"，与案件进程不符")
	}
	return nil
}

// PartyInput is a party as entered.
type PartyInput struct {
	Type              PartyType `json:"type" required:"true" text:"16"`
	Name              string    `json:"name" required:"true" text:"100"`
	IDNumber          string    `json:"idNumber,omitempty" text:"32"`   // 自然人：居民身份证号码
	CreditCode        string    `json:"creditCode,omitempty" text:"32"` // 法人、其他组织：统一社会信用代码
	Representative    string    `json:"representative,omitempty" text:"50"`
	Address           string    `json:"address,omitempty" text:"200"`
	ElectronicConsent bool      `json:"electronicConsent,omitempty"` // 书面同意电子送达（第六十一条）
	ServiceAddress    string    `json:"serviceAddress,omitempty" text:"200"`
}

// MaxParties bounds the parties of one case.
const MaxParties = 20

// parties checks and seals the parties of a case: a natural person by resident ID number (GB
// 11643), a legal person by unified social credit code (GB 32100); other organisations give their
// code when they have one.
func (s *Service) parties(caseID string, in []PartyInput, today civil.Date) ([]partyRow, error) {
	if len(in) == 0 {
		return nil, apperr.InvalidField("parties", "CASE_PARTY_REQUIRED", "请填写当事人")
	}
	if len(in) > MaxParties {
		return nil, apperr.InvalidField("parties", "CASE_TOO_MANY_PARTIES", fmt.Sprintf("一个案件的当事人不能超过%d个", MaxParties))
	}
	out := make([]partyRow, 0, len(in))
	seen := map[string]bool{}
	for i, p := range in {
		field := fmt.Sprintf("parties[%d]", i)
		r := partyRow{ID: ids.New(), CaseID: caseID, Seq: i + 1, Type: p.Type, Name: strings.TrimSpace(p.Name),
			Representative: strings.TrimSpace(p.Representative), Address: strings.TrimSpace(p.Address),
			ElectronicConsent: p.ElectronicConsent, ServiceAddress: strings.TrimSpace(p.ServiceAddress)}
		if r.Name == "" {
			return nil, apperr.InvalidField(field+".name", "CASE_PARTY_NAME_REQUIRED", "请填写当事人姓名或名称")
		}
		switch p.Type {
		case NaturalPerson:
			id, err := identResident(p.IDNumber, today)
			if err != nil {
				return nil, apperr.InvalidField(field+".idNumber", "CASE_PARTY_ID_INVALID", err.Error()).WithRule("GB 11643-1999 公民身份号码")
			}
			r.IDSealed, r.IDMasked, r.Key = s.Box.Seal(id), people.MaskIDNumber(id), "P:"+s.Box.Index(id)
		case LegalPerson, OtherOrg:
			if strings.TrimSpace(p.CreditCode) == "" && p.Type == OtherOrg {
				r.Key = "N:" + r.Name
				break
			}
			code, err := identCredit(p.CreditCode)
			if err != nil {
				return nil, apperr.InvalidField(field+".creditCode", "CASE_PARTY_CODE_INVALID", err.Error()).WithRule("GB 32100-2015 法人和其他组织统一社会信用代码编码规则")
			}
			r.CreditCode, r.Key = code, "C:"+code
			if r.Representative == "" {
				return nil, apperr.InvalidField(field+".representative", "CASE_PARTY_REPRESENTATIVE_REQUIRED", "请填写法定代表人或负责人")
			}
		default:
			return nil, apperr.InvalidField(field+".type", "CASE_PARTY_TYPE_UNKNOWN", "当事人类型应为 natural（自然人）、legal（法人）或 other（其他组织）")
		}
		if p.ElectronicConsent && r.ServiceAddress == "" {
			return nil, apperr.InvalidField(field+".serviceAddress", "CASE_SERVICE_ADDRESS_REQUIRED", "同意电子送达的，须填写电子送达地址（电子邮箱、传真号码或即时通讯账号）").
				WithRule(art61e)
		}
		if seen[r.Key] {
			return nil, apperr.InvalidField(field, "CASE_PARTY_DUPLICATE", "当事人重复："+r.Name)
		}
		seen[r.Key] = true
		out = append(out, r)
	}
	return out, nil
}

const art61e = "行政处罚法 第六十一条第二款：当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等方式，将行政处罚决定书等送达当事人"

// officers loads the officers named for a case, with their certificates, from the jurisdiction
// of the handling organisation.
func (s *Service) officers(ctx context.Context, c db.Conn, regionCode string, personIDs []string) ([]OfficerInfo, error) {
	if len(personIDs) == 0 {
		return nil, nil
	}
	found, err := people.Officers(ctx, c, access.ScopeOf(regionCode), personIDs, s.today())
	if apperr.Is(err, "NOT_FOUND") {
		return nil, apperr.InvalidField("officerIds", "CASE_OFFICER_NOT_FOUND", "执法人员不存在或不在承办机构的辖区内")
	}
	if err != nil {
		return nil, err
	}
	out := make([]OfficerInfo, 0, len(personIDs))
	for _, id := range personIDs {
		o := found[id]
		info := OfficerInfo{PersonID: o.ID, Name: o.Name, WorkOrgID: o.WorkOrgID}
		for _, c := range o.Certificates {
			from, _ := civil.Parse(c.ValidFrom)
			to, _ := civil.Parse(c.ValidTo)
			info.Certificates = append(info.Certificates, Certificate{Number: c.Number, Domains: c.Domains, From: from, To: to})
		}
		out = append(out, info)
	}
	return out, nil
}

// officersOn loads the case's officers active on a day with their certificates.
func (s *Service) officersOn(ctx context.Context, c db.Conn, regionCode string, st *State, d civil.Date) ([]OfficerInfo, error) {
	var ids []string
	for _, o := range st.activeOfficers(d) {
		ids = append(ids, o.PersonID)
	}
	return s.officers(ctx, c, regionCode, ids)
}

// handlingOrg returns the handling organisation inside the caller's jurisdiction.
func handlingOrg(ctx context.Context, c db.Conn, p *access.Principal, orgID string) (org.Org, error) {
	if orgID == "" {
		orgID = p.OrgID
	}
	o, err := org.Get(ctx, c, p.Scope(), orgID)
	if apperr.Is(err, "NOT_FOUND") {
		return org.Org{}, apperr.InvalidField("orgId", "CASE_ORG_NOT_FOUND", "承办机构不存在或不在本辖区内")
	}
	return o, err
}

// project writes the columns of a case that lists and the workbench read, from its state.
func project(r *row, e env) error {
	st := &r.State.V
	stage, err := DeriveStage(st, e.cal, e.limits, e.day)
	if err != nil {
		return err
	}
	st.Stage = stage
	r.Stage, r.Filed = stage, st.Filed
	r.Decided, r.Closed, r.FineFen, r.NextDue, r.NextDueLabel = civil.Date{}, civil.Date{}, 0, civil.Date{}, ""
	r.Outcome = ""
	if st.Decision != nil {
		r.Decided, r.DecisionNo, r.FineFen, r.Outcome = st.Decision.Date, st.Decision.Number, st.Decision.FineTotal(), string(st.Decision.Outcome)
		if slices.ContainsFunc(st.Remedies, func(x Remedy) bool { return x.Outcome == RemedyRevoked }) {
			r.Outcome = RemedyRevoked
		}
	}
	if st.Closed != nil {
		r.Closed = st.Closed.Date
	}
	if stage.Open() {
		ds, err := Deadlines(st, e.cal, e.limits, e.day)
		if err != nil {
			return err
		}
		if d, ok := Next(ds); ok {
			r.NextDue, r.NextDueLabel = d.Due, d.Label
		}
	}
	return nil
}

// work is one step being taken: the case as read, the state to change, the record to append.
type work struct {
	s      *Service
	ctx    context.Context
	tx     *db.Tx
	p      *access.Principal
	r      row
	st     *State
	env    env
	kind   StepKind
	date   civil.Date
	place  string
	reason string
	data   any
	sum    string
	stepID string // the step's id when the step's own rows refer to it (evidence); else a new one
}

// number takes the next document number of a kind for the case's subject, in the step's year.
func (w *work) number(kind string) (string, error) {
	year := w.date.Year()
	n, err := nextNumber(w.ctx, w.tx, w.r.SubjectOrgID, kind, year)
	if err != nil {
		return "", err
	}
	return w.env.number.Format(kind, year, n), nil
}

// do takes a step on a case: it checks the caller may (permission, jurisdiction, being on the
// case, for an approval being of the deciding body), that the procedure allows the step now, runs
// fn to check the input and change the state, then appends the step, writes the state and its
// projections and the audit entry in one transaction.
func (s *Service) do(ctx context.Context, p *access.Principal, caseID string, kind StepKind, date civil.Date,
	fn func(w *work) error) (Detail, error) {
	info := steps[kind]
	if !p.Can(info.Perm) {
		return Detail{}, apperr.Forbidden("没有办理“" + info.Name + "”的权限")
	}
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		r, err := getRow(ctx, tx, p, caseID)
		if err != nil {
			return err
		}
		e, err := s.env(ctx, tx, r.RegionCode)
		if err != nil {
			return err
		}
		if date.IsZero() {
			date = e.day
		}
		w := &work{s: s, ctx: ctx, tx: tx, p: p, r: r, env: e, kind: kind, date: date}
		st := &w.r.State.V
		w.st = st
		if info.Assigned && !st.hasOfficer(p.PersonID, e.day) {
			return apperr.Forbidden("只有本案承办人可以办理“" + info.Name + "”").WithCode("CASE_NOT_ASSIGNED")
		}
		if info.Perm == access.CaseApprove {
			if err := s.mayDecide(ctx, tx, p, r); err != nil {
				return err
			}
		}
		// The order of the procedure is judged on the step's own day (a period may have been open
		// then though it has run out since); a day in the future is refused by the step itself.
		at := date
		if at.After(e.day) {
			at = e.day
		}
		if err := Allowed(kind, st, e.cal, e.limits, at); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		if err := s.publicize(w); err != nil {
			return err
		}
		return s.save(w, r.Revision)
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, caseID)
}

// mayDecide checks that an approver belongs to the body that decides the case: the bureau for its
// own and its squadrons' cases, the township government or street office for a delegated item
// (行政处罚法 第二十四条: 以自己的名义). A county leader does not approve a township's cases.
func (s *Service) mayDecide(ctx context.Context, c db.Conn, p *access.Principal, r row) error {
	if p.IsSystem() {
		return nil
	}
	subject, err := org.Get(ctx, c, access.Everywhere, r.SubjectOrgID)
	if err != nil {
		return err
	}
	if !access.ScopeOf(subject.RegionCode).Sees(p.RegionCode, false) {
		return apperr.Forbidden("本案以" + subject.Name + "的名义作出决定，须由其负责人审批").WithCode("CASE_NOT_DECIDING_BODY").
			WithRule("行政处罚法 第二十四条：承接行政处罚权的乡镇人民政府、街道办事处以自己的名义实施行政处罚")
	}
	return nil
}

// save appends the step and writes the state, projections, officers and the audit entry.
func (s *Service) save(w *work, revision int) error {
	now := clock.Stamp(s.Clock.Now())
	w.r.Revision, w.r.UpdatedAt = revision+1, now
	if err := project(&w.r, w.env); err != nil {
		return err
	}
	if err := updateCase(w.ctx, w.tx, w.r, revision); err != nil {
		return err
	}
	if err := s.appendStep(w, now); err != nil {
		return err
	}
	return syncOfficers(w.ctx, w.tx, w.r.ID, w.st.Officers)
}

func (s *Service) appendStep(w *work, now string) error {
	data, err := json.Marshal(w.data)
	if err != nil {
		return fmt.Errorf("encode step: %w", err)
	}
	if w.sum == "" {
		w.sum = StepName(w.kind)
	}
	id := w.stepID
	if id == "" {
		id = ids.New()
	}
	st := stepRow{ID: id, CaseID: w.r.ID, Kind: w.kind, Date: w.date, At: now, ActorID: w.p.AccountID, ActorName: w.p.DisplayName,
		Place: w.place, Summary: w.sum, Reason: w.reason, Data: string(data)}
	if err := s.seal(w.ctx, w.tx, &st); err != nil {
		return err
	}
	if err := insertStep(w.ctx, w.tx, st); err != nil {
		return err
	}
	return s.Audit.Append(w.ctx, w.tx, w.p, audit.Event{Action: audit.ActionUpdate, Entity: entityCase, EntityID: w.r.ID,
		EntityName: caseLabel(w.r), RegionCode: w.r.RegionCode, Summary: StepName(w.kind) + "：" + caseLabel(w.r) + "；" + w.sum,
		Detail: map[string]any{"step": w.kind, "date": w.date, "data": w.data}})
}

func caseLabel(r row) string {
	if r.Number != "" {
		return r.Number + " " + r.Title
	}
	return r.Title
}

func approvalBy(p *access.Principal, d civil.Date, ok bool, opinion string) Approval {
	return Approval{Date: d, Approved: ok, By: p.AccountID, ByName: p.DisplayName, Opinion: strings.TrimSpace(opinion)}
}
