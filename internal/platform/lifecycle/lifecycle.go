// Package lifecycle holds the rules and the vocabulary of a versioned record (版本化记录): a record
// kept as a series of numbered versions, each a draft (草稿) until it is published (发布) under the
// number of the document that approves it (文号), in force over a window of dates, and ended either
// by the next version or by a repeal (废止). The catalogue's item versions and the discretion
// benchmarks use it; so does any other versioned setting (document templates, time-limit tables).
//
// The package is pure: the features keep their rows, SQL and content, and ask it which change is
// allowed, what the change makes of a version, and what a version means on a day.
//
// Vocabulary (the same JSON names in every API):
//
//	version        the number of the version within its series, from 1
//	status         draft | published | repealed (what was done to it)
//	state          draft | pending | in_force | expired | repealed (what it means on a day, derived)
//	effectiveFrom  first day in force (inclusive), YYYY-MM-DD
//	effectiveTo    first day no longer in force (exclusive); "" while open
//	docNo          文号 of the approving document; docTitle its title (optional)
//	revision       incremented by every change; update, publish and repeal must present it
//	publishedAt    when it was published
//	repealReason   why it was repealed; repealDocNo the repealing document, where the kind needs one
package lifecycle

import "zhifa/internal/platform/apperr"

// Status is what has been done to a version.
type Status string

// Statuses, in lifecycle order.
const (
	Draft     Status = "draft"     // 草稿: never in force, may be changed or deleted
	Published Status = "published" // 已发布: in force over its window
	Repealed  Status = "repealed"  // 已废止: in force until the repeal date, never after
)

// Statuses lists the statuses in lifecycle order.
var Statuses = []Status{Draft, Published, Repealed}

var statusNames = map[Status]string{Draft: "草稿", Published: "已发布", Repealed: "已废止"}

// StatusName is the Chinese name of a status ("" for an unknown one).
func StatusName(s Status) string { return statusNames[s] }

// State is what a version means on a given day, derived from its status and window by StateOf.
type State string

// States.
const (
	StateDraft    State = "draft"    // 草稿
	StatePending  State = "pending"  // 已发布，待施行: published, its window not yet begun
	StateInForce  State = "in_force" // 现行有效
	StateExpired  State = "expired"  // 已失效: a later version took over
	StateRepealed State = "repealed" // 已废止: repealed, the repeal date reached
)

// States lists the states in lifecycle order.
var States = []State{StateDraft, StatePending, StateInForce, StateExpired, StateRepealed}

var stateNames = map[State]string{StateDraft: "草稿", StatePending: "已发布，待施行", StateInForce: "现行有效",
	StateExpired: "已被新版本替代", StateRepealed: "已废止"}

// StateName is the Chinese name of a state ("" for an unknown one).
func StateName(s State) string { return stateNames[s] }

// Record is the part of a version that the lifecycle governs. Features embed it in their version
// types and rows; State is derived (StateOf) and never stored.
type Record struct {
	Version       int    `json:"version" db:"version"`
	Status        Status `json:"status" db:"status"`
	State         State  `json:"state" db:"-"`
	Revision      int    `json:"revision" db:"revision"`
	EffectiveFrom string `json:"effectiveFrom" db:"effective_from"`
	EffectiveTo   string `json:"effectiveTo" db:"effective_to"`
	DocNo         string `json:"docNo" db:"doc_no"`
	DocTitle      string `json:"docTitle" db:"doc_title"`
	PublishedAt   string `json:"publishedAt" db:"published_at"`
	RepealReason  string `json:"repealReason" db:"repeal_reason"`
	RepealDocNo   string `json:"repealDocNo" db:"repeal_doc_no"`
}

// Lifecycle returns the record itself, so that any type embedding a Record is Versioned.
func (r Record) Lifecycle() Record { return r }

// Versioned is a version of some kind of record: anything that embeds a Record.
type Versioned interface{ Lifecycle() Record }

// Limits on the texts the lifecycle keeps.
const (
	MaxDocNoLen    = 100
	MaxDocTitleLen = 200
	MaxReasonLen   = 500
)

// NewDraft is the record of a new draft: the given number, revision 1.
func NewDraft(version int) Record {
	return Record{Version: version, Status: Draft, State: StateDraft, Revision: 1}
}

// Stale is the answer to a change that presented a revision other than the record's current one:
// someone changed the record since the caller read it, or the caller's copy is old.
func Stale() *apperr.Error {
	return apperr.Conflict("STALE", "该记录已被他人修改、发布或废止，您看到的不是最新内容；请刷新后重试")
}

// CheckRevision refuses a change presented with another revision than the record's (409 STALE).
// Every change also writes only where the stored revision is still the one read (the store's
// compare-and-set), so two concurrent changes of one record never both succeed.
func CheckRevision(r Record, presented int) error {
	if presented != r.Revision {
		return Stale()
	}
	return nil
}

// Touch is the record after a change: the next revision.
func Touch(r Record) Record {
	r.Revision++
	return r
}
