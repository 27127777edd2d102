package cases

import (
	"context"
	"strconv"
	"strings"

	"zhifa/internal/platform/db"
)

// Document kinds that are numbered.
const (
	NumFiling    = "filing"
	NumNotice    = "notice"
	NumDecision  = "decision"
	NumNoPenalty = "no_penalty"
	NumSimple    = "simple"
	NumMeasure   = "measure"
)

// word is the kind's word in the jurisdiction's numbering.
func (n Numbering) word(kind string) string {
	switch kind {
	case NumFiling:
		return n.Filing
	case NumNotice:
		return n.Notice
	case NumDecision:
		return n.Decision
	case NumNoPenalty:
		return n.NoPenalty
	case NumSimple:
		return n.Simple
	case NumMeasure:
		return n.Measure
	}
	return ""
}

// Format writes a document number from the jurisdiction's pattern: 阳综执罚〔2026〕12号.
func (n Numbering) Format(kind string, year, seq int) string {
	return strings.NewReplacer("{简称}", n.ShortName, "{类别}", n.word(kind), "{年}", strconv.Itoa(year),
		"{号}", strconv.Itoa(seq)).Replace(n.Pattern)
}

// nextNumber takes the next number of a kind for an issuing body in a year, in the caller's
// transaction: the counter row is created at 0 if missing, then raised by one under the row's
// lock, so concurrent filings each get their own number and a rolled-back step gives its number
// back (no gaps).
func nextNumber(ctx context.Context, tx *db.Tx, orgID, kind string, year int) (int, error) {
	if _, err := db.Exec(ctx, tx, `INSERT INTO case_counters (org_id, kind, year, last) VALUES (?, ?, ?, 0)
		ON CONFLICT (org_id, kind, year) DO NOTHING`, orgID, kind, year); err != nil {
		return 0, err
	}
	var last int
	if err := db.Get(ctx, tx, &last, `UPDATE case_counters SET last = last + 1 WHERE org_id = ? AND kind = ? AND year = ?
		RETURNING last`, orgID, kind, year); err != nil {
		return 0, err
	}
	return last, nil
}
