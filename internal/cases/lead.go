package cases

import (
	"context"
	"fmt"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
	"zhifa/internal/region"
)

// Lead sources (案件来源).
const (
	SourceComplaint  = "complaint"  // 投诉、举报（含12345热线）
	SourceReferral   = "referral"   // 部门移送、交办
	SourceInspection = "inspection" // 监督检查发现
	SourceSuperior   = "superior"   // 上级交办
	SourceDiscovered = "discovered" // 执法人员巡查发现
	SourceReturned   = "returned"   // 公安机关、人民法院退回
)

var sourceNames = map[string]string{SourceComplaint: "投诉举报", SourceReferral: "部门移送", SourceInspection: "检查发现",
	SourceSuperior: "上级交办", SourceDiscovered: "巡查发现", SourceReturned: "司法机关退回"}

// Lead statuses.
const (
	LeadPending   = "pending"   // 待核查
	LeadFiled     = "filed"     // 已立案
	LeadDismissed = "dismissed" // 不予立案
)

var leadStatusNames = map[string]string{LeadPending: "待核查", LeadFiled: "已立案", LeadDismissed: "不予立案"}

// Lead is a lead as the API shows it.
type Lead struct {
	ID         string     `db:"id" json:"id"`
	RegionCode string     `db:"region_code" json:"regionCode"`
	OrgID      string     `db:"org_id" json:"orgId"`
	OrgName    string     `db:"org_name" json:"orgName"`
	Source     string     `db:"source" json:"source"`
	SourceName string     `db:"-" json:"sourceName"`
	SourceNote string     `db:"source_note" json:"sourceNote"`
	Received   civil.Date `db:"received" json:"received"`
	Summary    string     `db:"summary" json:"summary"`
	PlaceCode  string     `db:"place_code" json:"placeCode"`
	Address    string     `db:"address" json:"address"`
	ItemID     string     `db:"item_id" json:"itemId"`
	Status     string     `db:"status" json:"status"`
	StatusName string     `db:"-" json:"statusName"`
	Due        civil.Date `db:"due" json:"due"`
	Extended   bool       `db:"extended" json:"extended"`
	Outcome    string     `db:"outcome" json:"outcome"`
	Decided    civil.Date `db:"decided" json:"decided"`
	CaseID     string     `db:"case_id" json:"caseId"`
	Revision   int        `db:"revision" json:"revision"`
	CreatedAt  string     `db:"created_at" json:"createdAt"`
	Overdue    bool       `db:"-" json:"overdue"`
	DueExplain string     `db:"-" json:"dueExplain"`
}

type leadRow = Lead

const (
	leadColumns = `l.id, l.region_code, l.org_id, COALESCE(o.name, '') AS org_name, l.source, l.source_note, l.received,
	l.summary, l.place_code, l.address, l.item_id, l.status, l.due, l.extended, l.outcome, l.decided, l.case_id, l.revision,
	l.created_at`
	leadFrom = `case_leads l LEFT JOIN organizations o ON o.id = l.org_id`
)

func (l *Lead) finish(today civil.Date) {
	l.SourceName, l.StatusName = sourceNames[l.Source], leadStatusNames[l.Status]
	l.Overdue = l.Status == LeadPending && today.After(l.Due)
}

// LeadInput registers a lead.
type LeadInput struct {
	OrgID      string     `json:"orgId,omitempty" text:"64"`
	Source     string     `json:"source" required:"true" text:"20"`
	SourceNote string     `json:"sourceNote,omitempty" text:"200"` // 来源说明：工单号、移送函文号 …
	Received   civil.Date `json:"received,omitempty"`              // 收到之日；默认今天
	Summary    string     `json:"summary" required:"true" text:"2000,multiline"`
	PlaceCode  string     `json:"placeCode,omitempty" text:"12"`
	Address    string     `json:"address,omitempty" text:"200"`
	ItemID     string     `json:"itemId,omitempty" text:"64"`
}

const leadRule = "市场监督管理行政处罚程序规定 第十八条：自发现线索或者收到材料之日起十五个工作日内予以核查，由市场监督管理部门负责人决定是否立案；特殊情况下，经负责人批准，可以延长十五个工作日（本辖区可另行设置）"

// CreateLead registers a lead, due for verification within the jurisdiction's limit.
func (s *Service) CreateLead(ctx context.Context, p *access.Principal, in LeadInput) (Lead, error) {
	if _, ok := sourceNames[in.Source]; !ok {
		return Lead{}, apperr.InvalidField("source", "CASE_LEAD_SOURCE_UNKNOWN", "线索来源应为 complaint、referral、inspection、superior、discovered 或 returned")
	}
	summary := strings.TrimSpace(in.Summary)
	if summary == "" {
		return Lead{}, apperr.InvalidField("summary", "CASE_LEAD_SUMMARY_REQUIRED", "请填写线索内容")
	}
	o, err := handlingOrg(ctx, s.DB.R, p, in.OrgID)
	if err != nil {
		return Lead{}, err
	}
	e, err := s.env(ctx, s.DB.R, o.RegionCode)
	if err != nil {
		return Lead{}, err
	}
	received := in.Received
	if received.IsZero() {
		received = e.day
	}
	if err := checkDate("received", received, civil.Date{}, e, "收到线索"); err != nil {
		return Lead{}, err
	}
	place := ""
	if in.PlaceCode != "" {
		if place, _, err = region.NormalizeCode(in.PlaceCode); err != nil {
			return Lead{}, apperr.InvalidField("placeCode", "CASE_PLACE_INVALID", "区划代码无效")
		}
	}
	due, err := e.cal.AddWorkdays(received, e.limits.LeadVerifyWorkdays)
	if err != nil {
		return Lead{}, err
	}
	now := clock.Stamp(s.Clock.Now())
	id := ids.New()
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_leads (id, region_code, org_id, source, source_note, received, summary,
			place_code, address, item_id, status, due, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, o.RegionCode, o.ID, in.Source, strings.TrimSpace(in.SourceNote), received, summary, place, strings.TrimSpace(in.Address),
			strings.TrimSpace(in.ItemID), LeadPending, due.Due, p.AccountID, now, now); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityLead, EntityID: id,
			EntityName: shorten(summary, 30), RegionCode: o.RegionCode,
			Summary: fmt.Sprintf("登记案件线索（%s）：%s，核查期限至%s", sourceNames[in.Source], shorten(summary, 30), due.Due.Chinese())})
	})
	if err != nil {
		return Lead{}, err
	}
	return s.GetLead(ctx, p, id)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// GetLead returns a lead of the caller's jurisdiction with how its due day was counted.
func (s *Service) GetLead(ctx context.Context, p *access.Principal, id string) (Lead, error) {
	l, err := s.leadRow(ctx, s.DB.R, p, id)
	if err != nil {
		return Lead{}, err
	}
	e, err := s.env(ctx, s.DB.R, l.RegionCode)
	if err != nil {
		return Lead{}, err
	}
	n := e.limits.LeadVerifyWorkdays
	if l.Extended {
		n += e.limits.LeadExtendWorkdays
	}
	if due, err := e.cal.AddWorkdays(l.Received, n); err == nil {
		l.DueExplain = "核查期限" + fmt.Sprint(n) + "个工作日：" + due.Explain
	}
	return l, nil
}

func (s *Service) leadRow(ctx context.Context, c db.Conn, p *access.Principal, id string) (Lead, error) {
	cond, args := p.Scope().In("l.region_code")
	var l Lead
	err := db.Get(ctx, c, &l, `SELECT `+leadColumns+` FROM `+leadFrom+` WHERE l.id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return Lead{}, apperr.NotFound("线索")
	}
	if err != nil {
		return Lead{}, err
	}
	l.finish(s.today())
	return l, nil
}

// leadForCase returns a pending lead a case may be opened from.
func (s *Service) leadForCase(ctx context.Context, c db.Conn, p *access.Principal, id string) (Lead, error) {
	l, err := s.leadRow(ctx, c, p, id)
	if apperr.Is(err, "NOT_FOUND") {
		return Lead{}, apperr.InvalidField("leadId", "CASE_LEAD_NOT_FOUND", "线索不存在或不在本辖区内")
	}
	if err != nil {
		return Lead{}, err
	}
	if l.Status != LeadPending {
		return Lead{}, apperr.Conflict("CASE_LEAD_CLOSED", "线索已"+leadStatusNames[l.Status]+"，不能再立案")
	}
	return l, nil
}

func markLeadFiled(ctx context.Context, tx *db.Tx, leadID, caseID string, day civil.Date, now string) error {
	_, err := db.Exec(ctx, tx, `UPDATE case_leads SET status = ?, case_id = ?, decided = ?, outcome = '立案申请', revision = revision + 1,
		updated_at = ? WHERE id = ?`, LeadFiled, caseID, day, now, leadID)
	return err
}

// LeadDecision is a leader's decision on a lead: to extend its verification (with the reason), or
// not to file it (with the reason, 不予立案).
type LeadDecision struct {
	Date   civil.Date `json:"date,omitempty"`
	Reason string     `json:"reason" required:"true" text:"1000,multiline"`
}

// ExtendLead extends a lead's verification by the jurisdiction's extension, once, with approval.
func (s *Service) ExtendLead(ctx context.Context, p *access.Principal, id string, in LeadDecision) (Lead, error) {
	return s.decideLead(ctx, p, id, in, true)
}

// DismissLead decides not to file a lead, with the reason.
func (s *Service) DismissLead(ctx context.Context, p *access.Principal, id string, in LeadDecision) (Lead, error) {
	return s.decideLead(ctx, p, id, in, false)
}

func (s *Service) decideLead(ctx context.Context, p *access.Principal, id string, in LeadDecision, extend bool) (Lead, error) {
	if !p.Can(access.CaseApprove) {
		return Lead{}, apperr.Forbidden("延长核查期限或不予立案须由负责人决定")
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return Lead{}, apperr.InvalidField("reason", "CASE_REASON_REQUIRED", "请写明理由")
	}
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		l, err := s.leadRow(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if l.Status != LeadPending {
			return apperr.Conflict("CASE_LEAD_CLOSED", "线索已"+leadStatusNames[l.Status])
		}
		e, err := s.env(ctx, tx, l.RegionCode)
		if err != nil {
			return err
		}
		day := in.Date
		if day.IsZero() {
			day = e.day
		}
		if err := checkDate("date", day, l.Received, e, "决定"); err != nil {
			return err
		}
		now := clock.Stamp(s.Clock.Now())
		if extend {
			if l.Extended || e.limits.LeadExtendWorkdays == 0 {
				return apperr.Conflict("CASE_LEAD_EXTENDED", "核查期限已经延长过，不能再延长").WithRule(leadRule)
			}
			if day.After(l.Due) {
				return apperr.Conflict("CASE_LEAD_OVERDUE", "核查期限已于"+l.Due.Chinese()+"届满，应在期限届满前批准延长").WithRule(leadRule)
			}
			due, err := e.cal.AddWorkdays(l.Received, e.limits.LeadVerifyWorkdays+e.limits.LeadExtendWorkdays)
			if err != nil {
				return err
			}
			if _, err := db.Exec(ctx, tx, `UPDATE case_leads SET extended = TRUE, due = ?, revision = revision + 1, updated_at = ? WHERE id = ?`,
				due.Due, now, id); err != nil {
				return err
			}
			return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityLead, EntityID: id,
				EntityName: shorten(l.Summary, 30), RegionCode: l.RegionCode,
				Summary: "批准延长线索核查期限至" + due.Due.Chinese() + "：" + reason})
		}
		if _, err := db.Exec(ctx, tx, `UPDATE case_leads SET status = ?, outcome = ?, decided = ?, revision = revision + 1, updated_at = ?
			WHERE id = ?`, LeadDismissed, reason, day, now, id); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityLead, EntityID: id,
			EntityName: shorten(l.Summary, 30), RegionCode: l.RegionCode, Summary: "决定不予立案：" + reason})
	})
	if err != nil {
		return Lead{}, err
	}
	return s.GetLead(ctx, p, id)
}

// LeadFilter filters the leads list.
type LeadFilter struct {
	Status  string `query:"status" doc:"pending 待核查 | filed 已立案 | dismissed 不予立案"`
	Source  string `query:"source" doc:"线索来源"`
	Overdue bool   `query:"overdue" doc:"只看核查逾期的"`
	Q       string `query:"q" doc:"线索内容、地址"`
}

var leadOrder = query.Order{"received": "l.received", "due": "l.due", "createdAt": "l.created_at"}

// ListLeads lists the leads of the caller's jurisdiction.
func (s *Service) ListLeads(ctx context.Context, p *access.Principal, f LeadFilter, page httpx.Page) ([]Lead, int, error) {
	cond, args := p.Scope().In("l.region_code")
	var w query.Where
	w.Add(cond, args)
	w.If(f.Status != "", "l.status = ?", f.Status)
	w.If(f.Source != "", "l.source = ?", f.Source)
	w.If(f.Overdue, "l.status = 'pending' AND l.due < ?", s.today())
	if q := strings.TrimSpace(f.Q); q != "" {
		like := "%" + db.Like(q) + "%"
		w.And(`(l.summary LIKE ? ESCAPE '\' OR l.address LIKE ? ESCAPE '\')`, like, like)
	}
	order, err := leadOrder.SQL(page, "due", "l.id")
	if err != nil {
		return nil, 0, err
	}
	out, total, err := query.List[Lead](ctx, s.DB.R, leadColumns, leadFrom, &w, order, page)
	for i := range out {
		out[i].finish(s.today())
	}
	return out, total, err
}
