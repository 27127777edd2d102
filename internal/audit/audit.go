// Package audit keeps the append-only, tamper-evident log (审计日志) of every change and of every
// read of personal data: who, when, from where, what.
//
// The log is made of chains, one per county-level jurisdiction (see ChainOf). Each entry carries
// an HMAC-SM3 MAC over the previous entry's MAC and its own fields, under a key derived from the
// master key, which is kept outside the database: someone who can write the database cannot
// recompute the MACs after altering, removing or reordering an entry. Each chain has its own head
// row, so appends in different counties do not wait for each other. The heads are signed (SM2)
// and appended at intervals to an anchor file outside the database (see anchor.go), so that
// deleting the newest entries and rewinding a head is caught too.
package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

// Entry is one line of the log.
type Entry struct {
	Chain      string `db:"chain" json:"chain"` // "" for system-wide entries
	Seq        int64  `db:"seq" json:"seq"`     // position in the chain, from 1
	At         string `db:"at" json:"at"`
	ActorID    string `db:"actor_id" json:"actorId"`
	ActorName  string `db:"actor_name" json:"actorName"`
	IP         string `db:"ip" json:"ip"`
	Action     string `db:"action" json:"action"`
	Entity     string `db:"entity" json:"entity"`
	EntityID   string `db:"entity_id" json:"entityId"`
	EntityName string `db:"entity_name" json:"entityName"` // the record's name when it was touched
	RegionCode string `db:"region_code" json:"regionCode"`
	Summary    string `db:"summary" json:"summary"`
	Detail     string `db:"detail" json:"detail"`
	PrevMAC    string `db:"prev_mac" json:"prevMac"`
	MAC        string `db:"mac" json:"mac"`
	BodyMAC    string `db:"body_mac" json:"-"`
}

// Event is what a feature asks to record.
type Event struct {
	Action     string
	Entity     string // a kind listed in kinds.go, e.g. "region", "org", "person", "account"
	EntityID   string
	EntityName string // the record's display name (user name, person's name, organisation's name …)
	RegionCode string // owning region of the record touched; it chooses the chain
	Summary    string // a Chinese sentence for the reader of the log
	Detail     any    // changed fields and the like; encoded as JSON
}

// Log appends entries and keeps the anchors.
type Log struct {
	clock clock.Clock
	keys  Keys

	mu      sync.Mutex
	anchors *anchorFile     // nil until UseAnchorDir
	kinds   map[string]Kind // registered kinds of record; nil takes any (see Register)
	order   []Kind
}

// New returns a log that stamps entries with c and seals them with k.
func New(c clock.Clock, k Keys) *Log { return &Log{clock: c, keys: k} }

// ChainOf names the chain an entry of a region belongs to: the first 6 digits (the county) of a
// code at county level or below, the significant prefix of a city (4) or province (2) code, and
// "" for system-wide entries without a region.
func ChainOf(regionCode string) string {
	p := access.SignificantPrefix(regionCode)
	if len(p) > 6 {
		p = p[:6]
	}
	return p
}

// upsertHead bumps a chain's head, creating it on the chain's first entry, and returns the new
// sequence number and the MAC of the entry before it. On PostgreSQL the update takes the head
// row's lock, so appends to one chain queue here until the transaction ends while appends to other
// chains go on; SQLite has a single writer anyway.
const upsertHead = `INSERT INTO audit_heads (chain, seq, mac) VALUES (?, 1, '')
	ON CONFLICT (chain) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, mac`

// Append records ev by the principal p inside tx, so that the change and its record commit together.
// The platform acting on its own is access.System().
//
// A transaction that appends to several chains locks their heads in the order it appends; code
// that must do so appends in ascending chain order, so that two such transactions cannot deadlock.
func (l *Log) Append(ctx context.Context, tx *db.Tx, p *access.Principal, ev Event) error {
	if !l.knownEntity(ev.Entity) {
		return fmt.Errorf("audit: kind of record %q is not registered (its feature's AuditKinds)", ev.Entity)
	}
	detail := "{}"
	if ev.Detail != nil {
		b, err := json.Marshal(ev.Detail)
		if err != nil {
			return err
		}
		detail = string(b)
	}
	if p == nil {
		return errors.New("audit: an entry needs a principal (access.System() for the platform itself)")
	}
	e := Entry{
		Chain: ChainOf(ev.RegionCode), ActorID: p.AccountID, ActorName: p.DisplayName, IP: p.IP,
		Action: ev.Action, Entity: ev.Entity, EntityID: ev.EntityID, EntityName: ev.EntityName, RegionCode: ev.RegionCode,
		Summary: ev.Summary, Detail: detail,
	}
	var head struct {
		Seq int64  `db:"seq"`
		MAC string `db:"mac"`
	}
	if err := db.Get(ctx, tx, &head, upsertHead, e.Chain); err != nil {
		return err
	}
	// Stamped once the head is held, so that time does not run backwards along a chain.
	e.Seq, e.PrevMAC, e.At = head.Seq, head.MAC, clock.Stamp(l.clock.Now())
	e.MAC, e.BodyMAC = l.keys.seal(e)
	if err := insertEntry(ctx, tx, e); err != nil {
		return err
	}
	_, err := db.Exec(ctx, tx, `UPDATE audit_heads SET mac = ? WHERE chain = ?`, e.MAC, e.Chain)
	return err
}

func insertEntry(ctx context.Context, tx *db.Tx, e Entry) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO audit_log (chain, seq, at, actor_id, actor_name, ip, action, entity, entity_id,
		entity_name, region_code, summary, detail, prev_mac, mac, body_mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Chain, e.Seq, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity, e.EntityID, e.EntityName, e.RegionCode,
		e.Summary, e.Detail, e.PrevMAC, e.MAC, e.BodyMAC)
	return err
}
