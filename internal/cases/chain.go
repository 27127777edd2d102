package cases

import (
	"context"
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/emmansun/gmsm/sm3"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
)

// The full-process record (全过程记录) of a case is its steps in order, each sealed into one chain:
// a step's mac is HMAC-SM3 (GB/T 32905) over the previous step's mac and the step's content,
// keyed with a key derived from the platform's master key, which is kept outside the database. The
// chain's length and head are kept in case_chains in the same transaction. Whoever can write to
// the database but not read the key cannot alter, remove, reorder or cut steps without Verify
// naming the first one that breaks; evidence registrations are steps too, and Verify also checks
// each registered file against its digest.

const chainKeyLabel = "zhifa case record chain v1"

// stepMAC seals one step after the mac before it. The content is every column a reader relies on,
// in a fixed order, as JSON, so that no two different steps encode alike.
func stepMAC(key []byte, prev string, s stepRow) string {
	content, _ := json.Marshal([]any{s.CaseID, s.Seq, string(s.Kind), s.Date.String(), s.At, s.ActorID, s.ActorName, s.Place,
		s.Summary, s.Reason, s.Data})
	m := hmac.New(sm3.New, key)
	m.Write([]byte(prev))
	m.Write([]byte{0})
	m.Write(content)
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Service) chainKey() []byte { return s.Box.Derive(chainKeyLabel) }

// seal gives a new step its sequence number and mac and moves the case's chain head, in the
// step's transaction. Steps of one case are already serialised: each writes the case row first,
// under its revision check.
func (s *Service) seal(ctx context.Context, tx *db.Tx, st *stepRow) error {
	var head struct {
		Seq  int    `db:"seq"`
		Head string `db:"head"`
	}
	err := db.Get(ctx, tx, &head, `SELECT seq, head FROM case_chains WHERE case_id = ?`, st.CaseID)
	switch {
	case db.IsNoRows(err):
		if err := db.Get(ctx, tx, &head.Seq, `SELECT COALESCE(MAX(seq), 0) FROM case_steps WHERE case_id = ?`, st.CaseID); err != nil {
			return err
		}
		if head.Seq > 0 {
			// Steps recorded before the chain was kept are sealed first (SealAll does it at start).
			if head.Head, err = s.sealExisting(ctx, tx, st.CaseID); err != nil {
				return err
			}
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_chains (case_id, seq, head) VALUES (?, ?, ?)`, st.CaseID, head.Seq, head.Head); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	st.Seq = head.Seq + 1
	st.MAC = stepMAC(s.chainKey(), head.Head, *st)
	_, err = db.Exec(ctx, tx, `UPDATE case_chains SET seq = ?, head = ? WHERE case_id = ?`, st.Seq, st.MAC, st.CaseID)
	return err
}

// sealExisting seals the steps of a case recorded before chains were kept, in their order, and
// returns the head.
func (s *Service) sealExisting(ctx context.Context, tx *db.Tx, caseID string) (string, error) {
	steps, err := stepsOf(ctx, tx, caseID)
	if err != nil {
		return "", err
	}
	key, head := s.chainKey(), ""
	for i := range steps {
		steps[i].CaseID = caseID
		head = stepMAC(key, head, steps[i])
		if _, err := db.Exec(ctx, tx, `UPDATE case_steps SET mac = ? WHERE id = ?`, head, steps[i].ID); err != nil {
			return "", err
		}
	}
	return head, nil
}

// SealAll seals the cases whose steps were recorded before the chain was kept (an upgrade); it is
// run when the server starts and does nothing once every case has its chain.
func (s *Service) SealAll(ctx context.Context) (int, error) {
	var ids []string
	if err := db.Select(ctx, s.DB.R, &ids, `SELECT DISTINCT case_id FROM case_steps WHERE case_id NOT IN (SELECT case_id FROM case_chains)`); err != nil {
		return 0, err
	}
	for _, id := range ids {
		err := s.DB.Tx(ctx, func(tx *db.Tx) error {
			head, err := s.sealExisting(ctx, tx, id)
			if err != nil {
				return err
			}
			var n int
			if err := db.Get(ctx, tx, &n, `SELECT COUNT(*) FROM case_steps WHERE case_id = ?`, id); err != nil {
				return err
			}
			_, err = db.Exec(ctx, tx, `INSERT INTO case_chains (case_id, seq, head) VALUES (?, ?, ?)`, id, n, head)
			return err
		})
		if err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// Problem kinds of a chain.
const (
	ChainAltered   = "altered"   // a step's content or mac does not match
	ChainMissing   = "missing"   // a step is missing or the steps are out of order
	ChainTruncated = "truncated" // steps at the end were removed (the head does not match)
	ChainFile      = "file"      // an evidence file is missing or does not match its digest
	ChainEvidence  = "evidence"  // an evidence row does not match its registration step
)

// ChainReport is the result of verifying a case's full-process record.
type ChainReport struct {
	CaseID   string `json:"caseId"`
	Steps    int    `json:"steps"`
	Evidence int    `json:"evidence"`
	OK       bool   `json:"ok"`
	// The first problem found, by the order of the record: its kind, the step's number and a
	// sentence in Chinese.
	Problem string `json:"problem,omitempty"`
	Seq     int    `json:"seq,omitempty"`
	Message string `json:"message"`
}

// Verify re-computes a case's chain from its steps, checks the head, and checks each evidence
// registration against its row and its file. It names the first step that breaks.
func (s *Service) Verify(ctx context.Context, p *access.Principal, caseID string) (ChainReport, error) {
	r, err := getRow(ctx, s.DB.R, p, caseID)
	if err != nil {
		return ChainReport{}, err
	}
	return s.verify(ctx, r.ID)
}

// VerifyAll verifies every case's chain (zhifa evidence verify), calling report for each.
func (s *Service) VerifyAll(ctx context.Context, report func(ChainReport)) (bad int, err error) {
	var ids []string
	if err := db.Select(ctx, s.DB.R, &ids, `SELECT case_id FROM case_chains ORDER BY case_id`); err != nil {
		return 0, err
	}
	for _, id := range ids {
		rep, err := s.verify(ctx, id)
		if err != nil {
			return bad, err
		}
		if !rep.OK {
			bad++
		}
		report(rep)
	}
	return bad, nil
}

func (s *Service) verify(ctx context.Context, caseID string) (ChainReport, error) {
	rep := ChainReport{CaseID: caseID}
	steps, err := stepsOf(ctx, s.DB.R, caseID)
	if err != nil {
		return rep, err
	}
	var head struct {
		Seq  int    `db:"seq"`
		Head string `db:"head"`
	}
	if err := db.Get(ctx, s.DB.R, &head, `SELECT seq, head FROM case_chains WHERE case_id = ?`, caseID); err != nil && !db.IsNoRows(err) {
		return rep, err
	}
	evidence, err := evidenceRows(ctx, s.DB.R, caseID)
	if err != nil {
		return rep, err
	}
	byStep := map[string]evidenceRow{}
	for _, e := range evidence {
		byStep[e.StepID] = e
	}
	rep.Steps, rep.Evidence = len(steps), len(evidence)
	fail := func(kind string, seq int, msg string) (ChainReport, error) {
		rep.Problem, rep.Seq, rep.Message = kind, seq, msg
		return rep, nil
	}
	key, prev := s.chainKey(), ""
	registered := map[string]bool{}
	for i, st := range steps {
		st.CaseID = caseID
		if st.Seq != i+1 {
			return fail(ChainMissing, i+1, fmt.Sprintf("第%d项记录缺失或顺序被改动（此处为第%d项）", i+1, st.Seq))
		}
		if st.MAC != stepMAC(key, prev, st) {
			return fail(ChainAltered, st.Seq, fmt.Sprintf("第%d项记录（%s，%s）的内容被改动或顺序被调换", st.Seq, StepName(st.Kind), st.Date))
		}
		prev = st.MAC
		if st.Kind != StepEvidence {
			continue
		}
		var reg Evidence
		if err := json.Unmarshal([]byte(st.Data), &reg); err != nil {
			return fail(ChainAltered, st.Seq, fmt.Sprintf("第%d项记录（证据登记）无法读取", st.Seq))
		}
		row, ok := byStep[st.ID]
		if !ok || row.ID != reg.ID || row.SM3 != reg.SM3 || row.Size != reg.Size || row.Name != reg.Name || row.TakenAt != reg.TakenAt {
			return fail(ChainEvidence, st.Seq, fmt.Sprintf("第%d项记录登记的证据“%s”与证据清单不一致", st.Seq, reg.Name))
		}
		registered[row.ID] = true
		if s.Blobs == nil {
			continue
		}
		if err := s.Blobs.Check(reg.SM3, reg.Size); err != nil {
			return fail(ChainFile, st.Seq, fmt.Sprintf("第%d项记录登记的证据文件“%s”%s", st.Seq, reg.Name, apperr.As(err).Message))
		}
	}
	if len(steps) != head.Seq || prev != head.Head {
		return fail(ChainTruncated, len(steps)+1, fmt.Sprintf("记录共有%d项，链头记载为%d项：末尾的记录被删除或链头被改动", len(steps), head.Seq))
	}
	for _, e := range evidence {
		if !registered[e.ID] {
			return fail(ChainEvidence, 0, "证据“"+e.Name+"”没有登记记录，不是经平台登记的证据")
		}
	}
	rep.OK, rep.Message = true, fmt.Sprintf("全过程记录完整：%d项记录、%d份证据，均未被改动", len(steps), len(evidence))
	return rep, nil
}
