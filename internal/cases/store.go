package cases

import (
	"context"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
)

// row is a cases row.
type row struct {
	ID           string         `db:"id"`
	RegionCode   string         `db:"region_code"`
	OrgID        string         `db:"org_id"`
	SubjectOrgID string         `db:"subject_org_id"`
	LeadID       string         `db:"lead_id"`
	Procedure    Procedure      `db:"procedure"`
	Stage        Stage          `db:"stage"`
	Number       string         `db:"number"`
	DecisionNo   string         `db:"decision_no"`
	Title        string         `db:"title"`
	ItemID       string         `db:"item_id"`
	ItemCode     string         `db:"item_code"`
	ItemName     string         `db:"item_name"`
	ActDate      civil.Date     `db:"act_date"`
	PlaceCode    string         `db:"place_code"`
	Address      string         `db:"address"`
	Parties      string         `db:"parties"` // the parties' names, for lists and search
	Opened       civil.Date     `db:"opened"`
	Filed        civil.Date     `db:"filed"`
	Decided      civil.Date     `db:"decided"`
	Closed       civil.Date     `db:"closed"`
	FineFen      civil.Fen      `db:"fine_fen"`
	Outcome      string         `db:"outcome"`
	NextDue      civil.Date     `db:"next_due"`
	NextDueLabel string         `db:"next_due_label"`
	State        db.JSON[State] `db:"state"`
	Revision     int            `db:"revision"`
	CreatedBy    string         `db:"created_by"`
	CreatedAt    string         `db:"created_at"`
	UpdatedAt    string         `db:"updated_at"`
}

const caseColumns = `id, region_code, org_id, subject_org_id, lead_id, procedure, stage, number, decision_no, title, item_id,
	item_code, item_name, act_date, place_code, address, parties, opened, filed, decided, closed, fine_fen, outcome,
	next_due, next_due_label, state, revision, created_by, created_at, updated_at`

// assignedTo selects the cases a person is an officer on now; as an IN list it is read once per
// query from the officers' index, not once per case.
const assignedTo = `SELECT co.case_id FROM case_officers co WHERE co.person_id = ? AND co.to_date = ''`

// assignedOutside reports whether the caller is an officer on a case outside their jurisdiction:
// only then must a list look beyond it (most callers are not, and their lists read one index).
func assignedOutside(ctx context.Context, c db.Conn, p *access.Principal) (bool, error) {
	if p.PersonID == "" {
		return false, nil
	}
	cond, args := p.Scope().In("c.region_code")
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE c.id IN (`+assignedTo+`) AND NOT `+cond+` LIMIT 1) x`,
		append([]any{p.PersonID}, args...)...)
	return n > 0, err
}

// visible is the condition for the cases a caller may read: those of their jurisdiction (the
// handling organisation's region), and those they are assigned to wherever they are.
func visible(p *access.Principal, alias string) (string, []any) {
	cond, args := p.Scope().In(alias + "region_code")
	if p.PersonID == "" {
		return cond, args
	}
	return "(" + cond + " OR " + alias + "id IN (" + assignedTo + "))", append(args, p.PersonID)
}

// getRow returns a case the caller may read; any other is not found.
func getRow(ctx context.Context, c db.Conn, p *access.Principal, id string) (row, error) {
	cond, args := visible(p, "")
	var r row
	err := db.Get(ctx, c, &r, `SELECT `+caseColumns+` FROM cases WHERE id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return row{}, apperr.NotFound("案件")
	}
	return r, err
}

func insertCase(ctx context.Context, tx *db.Tx, r row) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO cases (`+caseColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.RegionCode, r.OrgID, r.SubjectOrgID, r.LeadID, r.Procedure, r.Stage, r.Number,
		r.DecisionNo, r.Title, r.ItemID, r.ItemCode, r.ItemName, r.ActDate, r.PlaceCode, r.Address, r.Parties, r.Opened, r.Filed,
		r.Decided, r.Closed, r.FineFen, r.Outcome, r.NextDue, r.NextDueLabel, r.State, r.Revision, r.CreatedBy, r.CreatedAt, r.UpdatedAt)
	return err
}

// updateCase writes a case's state and projections if nobody changed it since it was read.
func updateCase(ctx context.Context, tx *db.Tx, r row, revision int) error {
	res, err := db.Exec(ctx, tx, `UPDATE cases SET stage = ?, number = ?, decision_no = ?, filed = ?, decided = ?, closed = ?,
		fine_fen = ?, outcome = ?, next_due = ?, next_due_label = ?, state = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?`,
		r.Stage, r.Number, r.DecisionNo, r.Filed, r.Decided, r.Closed, r.FineFen, r.Outcome, r.NextDue, r.NextDueLabel, r.State, r.Revision,
		r.UpdatedAt, r.ID, revision)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return apperr.Conflict("STALE", "案件已被他人更新，请刷新后重试")
	}
	return nil
}

// partyRow is a case_parties row.
type partyRow struct {
	ID                string    `db:"id"`
	CaseID            string    `db:"case_id"`
	Seq               int       `db:"seq"`
	Type              PartyType `db:"party_type"`
	Name              string    `db:"name"`
	IDSealed          string    `db:"id_sealed"`
	IDMasked          string    `db:"id_masked"`
	CreditCode        string    `db:"credit_code"`
	Key               string    `db:"party_key"`
	Representative    string    `db:"representative"`
	Address           string    `db:"address"`
	ElectronicConsent bool      `db:"electronic_consent"`
	ServiceAddress    string    `db:"service_address"`
}

const partyColumns = `id, case_id, seq, party_type, name, id_sealed, id_masked, credit_code, party_key, representative,
	address, electronic_consent, service_address`

func insertParties(ctx context.Context, tx *db.Tx, ps []partyRow) error {
	for _, p := range ps {
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_parties (`+partyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.CaseID, p.Seq, p.Type, p.Name, p.IDSealed, p.IDMasked, p.CreditCode, p.Key, p.Representative, p.Address,
			p.ElectronicConsent, p.ServiceAddress); err != nil {
			return err
		}
	}
	return nil
}

func partiesOf(ctx context.Context, c db.Conn, caseIDs []string) (map[string][]partyRow, error) {
	out := map[string][]partyRow{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT `+partyColumns+` FROM case_parties WHERE case_id IN (?) ORDER BY case_id, seq`, caseIDs)
	if err != nil {
		return nil, err
	}
	var rows []partyRow
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.CaseID] = append(out[r.CaseID], r)
	}
	return out, nil
}

// syncOfficers writes the case's officers as the state lists them.
func syncOfficers(ctx context.Context, tx *db.Tx, caseID string, os []CaseOfficer) error {
	if _, err := db.Exec(ctx, tx, `DELETE FROM case_officers WHERE case_id = ?`, caseID); err != nil {
		return err
	}
	for _, o := range os {
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_officers (case_id, person_id, name, lead, from_date, to_date)
			VALUES (?, ?, ?, ?, ?, ?)`, caseID, o.PersonID, o.Name, o.Lead, o.From, o.To); err != nil {
			return err
		}
	}
	return nil
}

// stepRow is a case_steps row.
type stepRow struct {
	ID        string     `db:"id" json:"id"`
	CaseID    string     `db:"case_id" json:"-"`
	Seq       int        `db:"seq" json:"seq"`
	Kind      StepKind   `db:"kind" json:"kind"`
	Date      civil.Date `db:"on_date" json:"date"`
	At        string     `db:"at" json:"at"`
	ActorID   string     `db:"actor_id" json:"actorId"`
	ActorName string     `db:"actor_name" json:"actorName"`
	Place     string     `db:"place" json:"place"`
	Summary   string     `db:"summary" json:"summary"`
	Reason    string     `db:"reason" json:"reason"`
	Data      string     `db:"data" json:"-"`
	MAC       string     `db:"mac" json:"-"` // the step's seal in the case's chain (chain.go)
}

// insertStep writes a step sealed by seal (its Seq and MAC set).
func insertStep(ctx context.Context, tx *db.Tx, s stepRow) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO case_steps (id, case_id, seq, kind, on_date, at, actor_id, actor_name, place, summary,
		reason, data, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, s.CaseID, s.Seq, s.Kind, s.Date, s.At, s.ActorID,
		s.ActorName, s.Place, s.Summary, s.Reason, s.Data, s.MAC)
	return err
}

func stepsOf(ctx context.Context, c db.Conn, caseID string) ([]stepRow, error) {
	var out []stepRow
	err := db.Select(ctx, c, &out, `SELECT id, case_id, seq, kind, on_date, at, actor_id, actor_name, place, summary, reason, data, mac
		FROM case_steps WHERE case_id = ? ORDER BY seq`, caseID)
	return out, err
}

// partyNames joins the parties' names for the list column.
func partyNames(ps []partyRow) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, "、")
}

// CountPenalties counts the decisions imposing a penalty on a party (its key: the blind index of a
// resident ID number or the credit code) for an item, decided in [from, to): the prior penalties
// a discretion benchmark's look-back asks for, from the record rather than typed. Decisions
// revoked on reconsideration or by a court do not count.
func (s *Service) CountPenalties(ctx context.Context, partyKey, itemID, from, to string) (int, error) {
	var n int
	err := db.Get(ctx, s.DB.R, &n, `SELECT COUNT(DISTINCT c.id) FROM cases c JOIN case_parties cp ON cp.case_id = c.id
		WHERE cp.party_key = ? AND c.item_id = ? AND c.outcome = ? AND c.decided >= ? AND c.decided < ?`,
		partyKey, itemID, string(OutcomePenalty), from, to)
	return n, err
}

// recordedKey reports a party key as case_parties keeps it: "P:" and the blind index of a
// resident ID number, or "C:" and a credit code. A key "N:" (no ID recorded) names nobody.
func recordedKey(k string) bool {
	return len(k) > 2 && (strings.HasPrefix(k, "P:") || strings.HasPrefix(k, "C:"))
}

// Count counts a party's prior penalties for an item in [from, to) for the discretion
// benchmarks' look-back (discretion.PriorPenalties): the party is named by its resident ID
// number or unified social credit code, or by the key a case keeps for it (partyKey), which a
// case step passes on when the server applies the benchmark.
func (s *Service) Count(ctx context.Context, idOrCode, itemID, from, to string) (int, error) {
	key := ""
	if recordedKey(idOrCode) {
		key = idOrCode
	} else if id, err := identResident(idOrCode, s.today()); err == nil {
		key = "P:" + s.Box.Index(id)
	} else if code, err := identCredit(idOrCode); err == nil {
		key = "C:" + code
	} else {
		return 0, apperr.InvalidField("partyKey", "CASE_PARTY_KEY_INVALID", "当事人证件号码应为有效的公民身份号码或统一社会信用代码").
			WithRule("GB 11643-1999、GB 32100-2015")
	}
	return s.CountPenalties(ctx, key, itemID, from, to)
}
