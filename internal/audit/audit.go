// Package audit keeps the append-only, tamper-evident log (审计日志) of every change and of every
// read of personal data: who, when, from where, what. Each entry's hash covers the previous
// entry's hash, so altering, removing or reordering any entry breaks the chain from that point on.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/jmoiron/sqlx"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

// Actions recorded in the log.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionRead   = "read" // a read of personal data
	ActionImport = "import"
	ActionLogin  = "login"
	ActionLogout = "logout"
	ActionDenied = "login_failed"
)

// Entry is one line of the log.
type Entry struct {
	Seq        int64  `db:"seq" json:"seq"`
	At         string `db:"at" json:"at"`
	ActorID    string `db:"actor_id" json:"actorId"`
	ActorName  string `db:"actor_name" json:"actorName"`
	IP         string `db:"ip" json:"ip"`
	Action     string `db:"action" json:"action"`
	Entity     string `db:"entity" json:"entity"`
	EntityID   string `db:"entity_id" json:"entityId"`
	RegionCode string `db:"region_code" json:"regionCode"`
	Summary    string `db:"summary" json:"summary"`
	Detail     string `db:"detail" json:"detail"`
	PrevHash   string `db:"prev_hash" json:"prevHash"`
	Hash       string `db:"hash" json:"hash"`
}

// Event is what a feature asks to record.
type Event struct {
	Action     string
	Entity     string // e.g. "region", "org", "person", "account"
	EntityID   string
	RegionCode string // owning region of the record touched
	Summary    string // a Chinese sentence for the reader of the log
	Detail     any    // changed fields and the like; encoded as JSON
}

// Log appends entries.
type Log struct {
	clock clock.Clock
}

// New returns a log that stamps entries with c.
func New(c clock.Clock) *Log { return &Log{clock: c} }

// Append records ev by the principal p inside tx, so that the change and its record commit together.
// A nil principal records the system itself (migrations, the demo loader, command-line imports).
func (l *Log) Append(ctx context.Context, tx *sqlx.Tx, p *access.Principal, ev Event) error {
	detail := "{}"
	if ev.Detail != nil {
		b, err := json.Marshal(ev.Detail)
		if err != nil {
			return err
		}
		detail = string(b)
	}
	e := Entry{
		At: clock.Stamp(l.clock.Now()), ActorID: "system", ActorName: "系统",
		Action: ev.Action, Entity: ev.Entity, EntityID: ev.EntityID, RegionCode: ev.RegionCode,
		Summary: ev.Summary, Detail: detail,
	}
	if p != nil {
		e.ActorID, e.ActorName, e.IP = p.AccountID, p.DisplayName, p.IP
	}
	// Bumping the head row first takes its lock on PostgreSQL (and SQLite holds the write lock
	// already), so concurrent appends queue here and the chain stays linear.
	if _, err := db.Exec(ctx, tx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1`); err != nil {
		return err
	}
	var head struct {
		Seq  int64  `db:"seq"`
		Hash string `db:"hash"`
	}
	if err := db.Get(ctx, tx, &head, `SELECT seq, hash FROM audit_head WHERE id = 1`); err != nil {
		return err
	}
	e.Seq, e.PrevHash = head.Seq, head.Hash
	e.Hash = Hash(e)
	if _, err := db.Exec(ctx, tx, `INSERT INTO audit_log
		(seq, at, actor_id, actor_name, ip, action, entity, entity_id, region_code, summary, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity, e.EntityID, e.RegionCode,
		e.Summary, e.Detail, e.PrevHash, e.Hash); err != nil {
		return err
	}
	_, err := db.Exec(ctx, tx, `UPDATE audit_head SET hash = ? WHERE id = 1`, e.Hash)
	return err
}

// Hash computes an entry's chained hash: SHA-256 over the previous hash and the entry's fields in
// a fixed order.
func Hash(e Entry) string {
	body, _ := json.Marshal([]any{e.Seq, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity,
		e.EntityID, e.RegionCode, e.Summary, e.Detail})
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write([]byte{'\n'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
