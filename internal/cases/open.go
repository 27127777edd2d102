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
	"zhifa/internal/platform/ident"
	"zhifa/internal/platform/ids"
	"zhifa/internal/region"
)

func identResident(raw string, today civil.Date) (string, error) {
	id, err := ident.ParseResidentID(raw, today)
	return id.Number, err
}

func identCredit(raw string) (string, error) { return ident.ParseCreditCode(raw) }

// OpenInput opens a case under the ordinary procedure: a request to file (立案), for the leader's
// approval.
type OpenInput struct {
	LeadID      string       `json:"leadId,omitempty" text:"64"`
	Date        civil.Date   `json:"date,omitempty"`            // 立案申请之日；默认今天
	OrgID       string       `json:"orgId,omitempty" text:"64"` // 承办机构；默认本人所在机构
	ItemID      string       `json:"itemId" required:"true" text:"64"`
	Title       string       `json:"title" required:"true" text:"100"` // 案由
	ActDate     civil.Date   `json:"actDate" required:"true"`
	ActEndDate  civil.Date   `json:"actEndDate,omitempty"`  // 违法行为有连续或者继续状态的，终了之日
	Discovered  civil.Date   `json:"discovered,omitempty"`  // 发现之日；默认线索登记日或今天
	SeriousHarm bool         `json:"seriousHarm,omitempty"` // 涉及公民生命健康安全、金融安全且有危害后果
	PlaceCode   string       `json:"placeCode" required:"true" text:"12"`
	Address     string       `json:"address,omitempty" text:"200"`
	Facts       string       `json:"facts,omitempty" text:"4000,multiline"` // 案情摘要
	Parties     []PartyInput `json:"parties" required:"true"`
	OfficerIDs  []string     `json:"officerIds" required:"true"` // 承办人，第一位为主办人
}

// opening is what opening a case of either procedure checks and builds.
type opening struct {
	r       row
	parties []partyRow
	env     env
}

// prepare checks what both procedures check when a case opens: the handling organisation, the
// place, the item and who may exercise it there on the act's date (the catalogue), the parties,
// two qualified officers, and the limitation period.
func (s *Service) prepare(ctx context.Context, p *access.Principal, orgID, itemID, title, placeCode, address string,
	act, actEnd, discovered civil.Date, serious bool, parties []PartyInput, officerIDs []string, opened civil.Date) (opening, error) {
	o, err := handlingOrg(ctx, s.DB.R, p, orgID)
	if err != nil {
		return opening{}, err
	}
	e, err := s.env(ctx, s.DB.R, o.RegionCode)
	if err != nil {
		return opening{}, err
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return opening{}, apperr.InvalidField("title", "CASE_TITLE_REQUIRED", "请填写案由")
	}
	place, _, err := region.NormalizeCode(placeCode)
	if err != nil {
		return opening{}, apperr.InvalidField("placeCode", "CASE_PLACE_INVALID", "违法行为发生地的区划代码无效")
	}
	if err := checkDate("actDate", act, civil.Date{}, e, "违法行为发生"); err != nil {
		return opening{}, err
	}
	if !actEnd.IsZero() {
		if err := checkDate("actEndDate", actEnd, act, e, "违法行为终了"); err != nil {
			return opening{}, err
		}
	}
	if discovered.IsZero() {
		discovered = opened
	}
	if err := checkDate("discovered", discovered, act, e, "发现违法行为"); err != nil {
		return opening{}, err
	}
	if err := checkDate("date", opened, discovered, e, "立案申请"); err != nil {
		return opening{}, err
	}
	if err := CheckLimitation(act, actEnd, discovered, serious); err != nil {
		return opening{}, err
	}
	ex, err := s.Catalogue.Exercise(ctx, p, itemID, place, o.ID, act)
	if err != nil {
		return opening{}, err
	}
	ex.HandlingOrgID, ex.HandlingOrgName = o.ID, o.Name
	id := ids.New()
	ps, err := s.parties(id, parties, e.day)
	if err != nil {
		return opening{}, err
	}
	if len(officerIDs) > 10 {
		return opening{}, apperr.InvalidField("officerIds", "CASE_TOO_MANY_OFFICERS", "承办人不能超过10人")
	}
	officers, err := s.officers(ctx, s.DB.R, o.RegionCode, dedupe(officerIDs))
	if err != nil {
		return opening{}, err
	}
	if err := CheckOfficers("officerIds", officers, ex.Domain, opened); err != nil {
		return opening{}, err
	}
	st := State{ActDate: act, ActEndDate: actEnd, Discovered: discovered, SeriousHarm: serious, Exercise: ex, Opened: opened}
	for i, of := range officers {
		st.Officers = append(st.Officers, CaseOfficer{PersonID: of.PersonID, Name: of.Name, Lead: i == 0, From: opened})
	}
	r := row{ID: id, RegionCode: o.RegionCode, OrgID: o.ID, SubjectOrgID: ex.SubjectOrgID, Title: title, ItemID: ex.ItemID,
		ItemCode: ex.ItemCode, ItemName: ex.ItemName, ActDate: act, PlaceCode: place, Address: strings.TrimSpace(address),
		Parties: partyNames(ps), Opened: opened, Revision: 1, CreatedBy: p.AccountID}
	r.State.V = st
	return opening{r: r, parties: ps, env: e}, nil
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Open files a request to open a case under the ordinary procedure (立案申请). The first agency
// to file a case keeps it (行政处罚法 第二十五条): a case another body already opened for the same
// party, item and act is refused.
func (s *Service) Open(ctx context.Context, p *access.Principal, in OpenInput) (Detail, error) {
	if !p.Can(access.CaseHandle) {
		return Detail{}, apperr.Forbidden("没有承办案件的权限")
	}
	today := s.today()
	if !in.Date.IsZero() {
		today = in.Date
	}
	var lead *leadRow
	if in.LeadID != "" {
		l, err := s.leadForCase(ctx, s.DB.R, p, in.LeadID)
		if err != nil {
			return Detail{}, err
		}
		lead = &l
		if in.Discovered.IsZero() {
			in.Discovered = l.Received
		}
	}
	op, err := s.prepare(ctx, p, in.OrgID, in.ItemID, in.Title, in.PlaceCode, in.Address, in.ActDate, in.ActEndDate,
		in.Discovered, in.SeriousHarm, in.Parties, in.OfficerIDs, today)
	if err != nil {
		return Detail{}, err
	}
	op.r.Procedure, op.r.State.V.Procedure = Ordinary, Ordinary
	if lead != nil {
		op.r.LeadID = lead.ID
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if err := firstToFile(ctx, tx, op.r, op.parties); err != nil {
			return err
		}
		if lead != nil {
			if err := markLeadFiled(ctx, tx, lead.ID, op.r.ID, today, clock.Stamp(s.Clock.Now())); err != nil {
				return err
			}
		}
		return s.insert(ctx, tx, p, op, StepOpen, in.Facts, "立案申请："+op.r.Title)
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, op.r.ID)
}

// insert writes a new case with its parties, officers, first step and audit entry.
func (s *Service) insert(ctx context.Context, tx *db.Tx, p *access.Principal, op opening, kind StepKind, facts, summary string) error {
	now := clock.Stamp(s.Clock.Now())
	op.r.CreatedAt, op.r.UpdatedAt = now, now
	if err := project(&op.r, op.env); err != nil {
		return err
	}
	if err := insertCase(ctx, tx, op.r); err != nil {
		return err
	}
	if err := insertParties(ctx, tx, op.parties); err != nil {
		return err
	}
	if err := syncOfficers(ctx, tx, op.r.ID, op.r.State.V.Officers); err != nil {
		return err
	}
	w := &work{s: s, ctx: ctx, tx: tx, p: p, r: op.r, env: op.env, kind: kind, date: op.r.Opened,
		data: map[string]any{"facts": strings.TrimSpace(facts)}, sum: summary}
	w.st = &w.r.State.V
	if err := s.appendStep(w, now); err != nil {
		return err
	}
	return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityCase, EntityID: op.r.ID,
		EntityName: caseLabel(op.r), RegionCode: op.r.RegionCode, Summary: summary,
		Detail: map[string]any{"item": op.r.ItemCode, "parties": op.r.Parties, "procedure": op.r.Procedure}})
}

// firstToFile refuses a case when another organisation already has an open case for one of the
// same parties, the same item and the same act (行政处罚法 第二十五条).
func firstToFile(ctx context.Context, c db.Conn, r row, ps []partyRow) error {
	keys := make([]any, 0, len(ps))
	for _, p := range ps {
		if !strings.HasPrefix(p.Key, "N:") {
			keys = append(keys, p.Key)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	q, args, err := db.In(`SELECT c.number, c.title, o.name AS org FROM cases c JOIN case_parties cp ON cp.case_id = c.id
		JOIN organizations o ON o.id = c.subject_org_id
		WHERE cp.party_key IN (?) AND c.item_id = ? AND c.act_date = ? AND c.subject_org_id <> ? AND c.stage <> 'not_filed'
		AND NOT (c.closed <> '' AND c.fine_fen = 0 AND c.decided = '') LIMIT 1`, keys, r.ItemID, r.ActDate, r.SubjectOrgID)
	if err != nil {
		return err
	}
	var other []struct {
		Number string `db:"number"`
		Title  string `db:"title"`
		Org    string `db:"org"`
	}
	if err := db.Select(ctx, c, &other, q, args...); err != nil {
		return err
	}
	if len(other) > 0 {
		return apperr.Conflict("CASE_ALREADY_FILED_ELSEWHERE", fmt.Sprintf("%s已就同一当事人的同一违法行为立案（%s %s），由最先立案的行政机关管辖",
			other[0].Org, other[0].Number, other[0].Title)).WithRule(art25)
	}
	return nil
}

// SimpleInput is an on-the-spot decision under the simple procedure (行政处罚法 第五十一条至
// 第五十三条): the party, the facts, the penalty, the officers present, and whether the fine was
// collected on the spot.
type SimpleInput struct {
	OrgID      string     `json:"orgId,omitempty" text:"64"`
	ItemID     string     `json:"itemId" required:"true" text:"64"`
	Title      string     `json:"title" required:"true" text:"100"`
	ActDate    civil.Date `json:"actDate" required:"true"`
	Date       civil.Date `json:"date,omitempty"` // 决定日期；默认今天
	PlaceCode  string     `json:"placeCode" required:"true" text:"12"`
	Address    string     `json:"address,omitempty" text:"200"`
	Facts      string     `json:"facts" required:"true" text:"2000,multiline"`
	Party      PartyInput `json:"party"`
	OfficerIDs []string   `json:"officerIds" required:"true"`
	Penalty    Penalty    `json:"penalty"`
	// Collected on the spot (当场收缴): the receipt number of the provincial finance department's
	// form, and the hardship when the fine exceeds 100 yuan (第六十八条、第六十九条).
	OnSpot   bool   `json:"onSpot,omitempty"`
	Receipt  string `json:"receipt,omitempty" text:"50"`
	Hardship string `json:"hardship,omitempty" text:"500"`
}

// Simple records an on-the-spot decision: numbered in the jurisdiction's series of simple
// decisions, handed to the party at once (第五十二条), to be filed with the agency within the
// configured limit; a fine collected on the spot must be handed in within 2 working days (第七十一条).
func (s *Service) Simple(ctx context.Context, p *access.Principal, in SimpleInput) (Detail, error) {
	if !p.Can(access.CaseHandle) {
		return Detail{}, apperr.Forbidden("没有承办案件的权限")
	}
	today := s.today()
	date := in.Date
	if date.IsZero() {
		date = today
	}
	op, err := s.prepare(ctx, p, in.OrgID, in.ItemID, in.Title, in.PlaceCode, in.Address, in.ActDate, civil.Date{}, date, false,
		[]PartyInput{in.Party}, in.OfficerIDs, date)
	if err != nil {
		return Detail{}, err
	}
	if err := checkDate("date", date, in.ActDate, op.env, "决定"); err != nil {
		return Detail{}, err
	}
	party := op.parties[0]
	pen := in.Penalty
	pen.PartyID = party.ID
	if err := CheckSimple(party.Type, pen); err != nil {
		return Detail{}, err
	}
	pen.ConfiscateText, pen.Departure = strings.TrimSpace(pen.ConfiscateText), strings.TrimSpace(pen.Departure)
	if err := s.applyBenchmark(ctx, "penalty", &pen, party, &op.r.State.V, op.r.RegionCode, nil); err != nil {
		return Detail{}, err
	}
	if err := CheckFine("penalty", pen, op.r.State.V.Exercise); err != nil {
		return Detail{}, err
	}
	st := &op.r.State.V
	st.Procedure, op.r.Procedure = Simple, Simple
	if in.OnSpot {
		if pen.FineFen == 0 {
			return Detail{}, apperr.InvalidField("onSpot", "CASE_ON_SPOT_NOT_ALLOWED", "没有罚款，无需当场收缴")
		}
		if err := CheckOnSpotCollection(pen.FineFen, in.Hardship); err != nil {
			return Detail{}, err
		}
		if strings.TrimSpace(in.Receipt) == "" {
			return Detail{}, apperr.InvalidField("receipt", "CASE_RECEIPT_REQUIRED", "当场收缴罚款的，必须向当事人出具省级财政部门统一制发的专用票据，请填写票据号").
				WithRule("行政处罚法 第七十条：行政机关及其执法人员当场收缴罚款的，必须向当事人出具国务院财政部门或者省、自治区、直辖市人民政府财政部门统一制发的专用票据")
		}
		st.OnSpot = &OnSpotFine{Date: date, AmountFen: pen.FineFen, Receipt: strings.TrimSpace(in.Receipt), Hardship: strings.TrimSpace(in.Hardship)}
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		w := &work{s: s, ctx: ctx, tx: tx, p: p, r: op.r, st: st, env: op.env, date: date}
		number, err := w.number(NumSimple)
		if err != nil {
			return err
		}
		op.r.Number = number
		st.Decision = &Decision{Date: date, Number: number, Outcome: OutcomePenalty, Penalties: []Penalty{pen},
			Performance: performanceText(pen, st.OnSpot != nil), Approval: approvalBy(p, date, true, "当场作出")}
		// Handed to the party on the spot (第五十二条).
		st.Service = &Served{Date: date, Method: ServeDirect, Recipient: party.Name, Note: "当场交付"}
		if err := s.insert(ctx, tx, p, op, StepSimple, in.Facts, "当场作出行政处罚决定 "+number+"："+describePenalty(pen)); err != nil {
			return err
		}
		w.kind = StepSimple
		return s.publicize(w)
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, op.r.ID)
}

// performanceText says how and by when to perform (第五十九条第一款第（四）项).
func performanceText(p Penalty, onSpot bool) string {
	switch {
	case p.FineFen == 0:
		return "无需缴纳罚款"
	case onSpot:
		return "罚款已当场收缴"
	}
	return "自收到本决定书之日起十五日内到指定银行或者通过电子支付系统缴纳罚款；到期不缴纳的，每日按罚款数额的百分之三加处罚款（行政处罚法第六十七条、第七十二条）"
}
