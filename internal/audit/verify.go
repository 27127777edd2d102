package audit

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
)

// Problems verification names.
const (
	ProblemAltered   = "altered"   // an entry's content or link does not match its MAC
	ProblemMissing   = "missing"   // entries were removed (a gap, or renumbered after removal)
	ProblemReordered = "reordered" // an authentic entry stands at another position than it was written
	ProblemTruncated = "truncated" // the chain ends before its head or before an anchored entry
	ProblemRewritten = "rewritten" // the chain no longer holds an anchored (seq, mac)
)

// ChainReport is the outcome of checking one chain.
type ChainReport struct {
	Chain      string  `json:"chain"`
	Count      int64   `json:"count"`   // entries in the chain
	HeadSeq    int64   `json:"headSeq"` // as the head row records it
	HeadMAC    string  `json:"headMac"`
	OK         bool    `json:"ok"`
	BrokenSeq  int64   `json:"brokenSeq,omitempty"`                                                                                   // the first position found broken
	Problem    string  `json:"problem,omitempty" jsonschema:"enum=altered,enum=missing,enum=reordered,enum=truncated,enum=rewritten"` // one of the Problem… codes
	Reason     string  `json:"reason,omitempty"`                                                                                      // in Chinese, for the auditor
	Anchors    int     `json:"anchors"`                                                                                               // anchors of the chain checked
	LastAnchor *Anchor `json:"lastAnchor,omitempty"`
}

// Report is the outcome of checking every chain in view.
type Report struct {
	OK        bool          `json:"ok"`
	Count     int64         `json:"count"` // entries checked, all chains together
	Chains    []ChainReport `json:"chains"`
	Anchored  bool          `json:"anchored"`  // whether an anchor directory was checked
	AnchorDir string        `json:"anchorDir"` // where the anchors are
	AnchorKey string        `json:"anchorKey"` // fingerprint of the key anchors must be signed with
	// Problems of the anchor file itself: lines that are not anchors, or whose signature fails.
	Problems []string `json:"problems,omitempty"`
}

// ChainName is how messages name a chain.
func ChainName(chain string) string {
	if chain == "" {
		return "系统级链"
	}
	return "链 " + chain
}

// Verify checks, in one consistent snapshot, every chain inside scope (or only the chain *only)
// against its MACs, its head row and the anchors outside the database. For each chain it reports
// the count, the head and either OK or the first broken position with the reason.
func (l *Log) Verify(ctx context.Context, d *db.DB, scope access.Scope, only *string) (Report, error) {
	rep := Report{OK: true, Chains: []ChainReport{}, AnchorKey: l.keys.Fingerprint()}
	inView := func(chain string) bool {
		return visible(scope, chain) && (only == nil || *only == chain)
	}
	checks := map[string]*checker{}
	chainOf := func(chain string) *checker {
		c := checks[chain]
		if c == nil {
			c = &checker{keys: l.keys, rep: ChainReport{Chain: chain}}
			checks[chain] = c
		}
		return c
	}

	// Anchors first: a forged or damaged line is a problem of the file, and is not used.
	l.mu.Lock()
	af := l.anchors
	var anchors []Anchor
	var problems []string
	var err error
	if af != nil {
		rep.Anchored, rep.AnchorDir = true, af.dir
		anchors, problems, err = readAnchors(af.path)
	}
	l.mu.Unlock()
	if err != nil {
		return rep, err
	}
	for _, a := range anchors {
		if !inView(a.Chain) {
			continue
		}
		if a.Key != rep.AnchorKey || !l.keys.verifySig(a.message(), a.Sig) {
			problems = append(problems, fmt.Sprintf("锚点文件第%d行（%s第%d条）的签名无效：锚点文件被改动", a.Line, ChainName(a.Chain), a.Seq))
			continue
		}
		c := chainOf(a.Chain)
		c.anchors = append(c.anchors, a)
		last := a
		c.rep.LastAnchor = &last
	}
	rep.Problems = problems
	for _, c := range checks {
		slices.SortStableFunc(c.anchors, func(a, b Anchor) int { return cmp.Compare(a.Seq, b.Seq) })
	}

	// Heads and entries from one snapshot, so that appends going on meanwhile do not look like a
	// truncated chain.
	tx, err := d.R.BeginTxx(ctx, readSnapshot(d))
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	cond, args := chainsIn(scope)
	if only != nil {
		cond += " AND chain = ?"
		args = append(args, *only)
	}
	var heads []Head
	if err := db.Select(ctx, tx, &heads, `SELECT chain, seq, mac FROM audit_heads WHERE `+cond, args...); err != nil {
		return rep, err
	}
	for _, h := range heads {
		c := chainOf(h.Chain)
		c.head = &h
		c.rep.HeadSeq, c.rep.HeadMAC = h.Seq, h.MAC
	}
	rows, err := tx.QueryxContext(ctx, tx.Rebind(`SELECT `+entryColumns+` FROM audit_log WHERE `+cond+` ORDER BY chain, seq`), args...)
	if err != nil {
		return rep, err
	}
	defer rows.Close()
	for rows.Next() {
		var e Entry
		if err := rows.StructScan(&e); err != nil {
			return rep, err
		}
		chainOf(e.Chain).add(e)
	}
	if err := rows.Err(); err != nil {
		return rep, err
	}

	names := make([]string, 0, len(checks))
	for name := range checks {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		c := checks[name]
		c.finish()
		rep.Chains = append(rep.Chains, c.rep)
		rep.Count += c.rep.Count
		rep.OK = rep.OK && c.rep.OK
	}
	rep.OK = rep.OK && len(rep.Problems) == 0
	return rep, nil
}

// readSnapshot asks PostgreSQL for one snapshot over several statements; an SQLite read
// transaction has one anyway (WAL).
func readSnapshot(d *db.DB) *sql.TxOptions {
	if d.Dialect == db.Postgres {
		return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return nil
}

// checker walks one chain in order and keeps the first problem found.
type checker struct {
	keys    Keys
	rep     ChainReport
	head    *Head
	anchors []Anchor // by sequence number
	next    int      // anchors before it are checked
	prev    Entry    // the last entry found sound (Seq 0 before the first)
	broken  bool
	// An authentic entry found at an earlier position than it was written: either entries before
	// it were removed and the rest renumbered, or the entry written at that position was moved
	// further down. The rest of the chain is searched for the latter.
	lookFor, movedFrom int64
}

func (c *checker) fail(seq int64, problem, reason string) {
	c.broken = true
	c.rep.BrokenSeq, c.rep.Problem, c.rep.Reason = seq, problem, reason
}

func (c *checker) add(e Entry) {
	c.rep.Count++
	if c.lookFor > 0 {
		if c.keys.bodyAt(e, c.lookFor) == e.BodyMAC {
			c.fail(c.lookFor, ProblemReordered, fmt.Sprintf("第%d条记录原为第%d条，原第%d条记录现位于第%d条：记录顺序被调换",
				c.lookFor, c.movedFrom, c.lookFor, e.Seq))
			c.lookFor = 0
		}
		return
	}
	if c.broken {
		return
	}
	want := c.prev.Seq + 1
	switch {
	case e.Seq != want:
		gap := fmt.Sprintf("第%d条", want)
		if e.Seq-1 > want {
			gap = fmt.Sprintf("第%d至%d条", want, e.Seq-1)
		}
		c.fail(want, ProblemMissing, fmt.Sprintf("%s记录缺失（序号从%d跳到%d）：记录被删除", gap, c.prev.Seq, e.Seq))
		return
	case c.keys.bodyAt(e, e.Seq) != e.BodyMAC:
		c.diagnose(e)
		return
	case e.PrevMAC != c.prev.MAC:
		c.fail(e.Seq, ProblemAltered, fmt.Sprintf("第%d条记录的前序MAC与第%d条记录的MAC不符：记录之间的链接被改动", e.Seq, c.prev.Seq))
		return
	}
	if mac, _ := c.keys.seal(e); mac != e.MAC {
		c.fail(e.Seq, ProblemAltered, fmt.Sprintf("第%d条记录的链MAC与其内容不符：记录被篡改", e.Seq))
		return
	}
	for ; c.next < len(c.anchors) && c.anchors[c.next].Seq <= e.Seq; c.next++ {
		if a := c.anchors[c.next]; a.MAC != e.MAC {
			c.fail(e.Seq, ProblemRewritten, fmt.Sprintf("第%d条记录与 %s 的锚点（锚点文件第%d行）不符：该链在锚点之后被改写",
				e.Seq, a.At, a.Line))
			return
		}
		c.rep.Anchors++
	}
	c.prev = e
}

// diagnose explains an entry whose body MAC fails at its position: altered if it matches at no
// position, otherwise moved from the position where it matches.
func (c *checker) diagnose(e Entry) {
	orig := c.originalSeq(e)
	switch {
	case orig == 0:
		c.fail(e.Seq, ProblemAltered, fmt.Sprintf("第%d条记录的内容与其MAC不符：记录被篡改，或其前后的记录被删除、调换后有人改写了MAC", e.Seq))
	case orig < e.Seq:
		c.fail(e.Seq, ProblemReordered, fmt.Sprintf("第%d条记录原为第%d条：记录顺序被调换", e.Seq, orig))
	default:
		c.broken, c.lookFor, c.movedFrom = true, e.Seq, orig
	}
}

// originalSeq finds the position at which an entry's body MAC matches, 0 when none does. It
// looks after the entry first (removals and renumbering move entries up), then before it.
func (c *checker) originalSeq(e Entry) int64 {
	upper := e.Seq
	if c.head != nil {
		upper = max(upper, c.head.Seq)
	}
	if n := len(c.anchors); n > 0 {
		upper = max(upper, c.anchors[n-1].Seq)
	}
	upper += 10000
	for s := e.Seq + 1; s <= upper; s++ {
		if c.keys.bodyAt(e, s) == e.BodyMAC {
			return s
		}
	}
	for s := e.Seq - 1; s >= 1; s-- {
		if c.keys.bodyAt(e, s) == e.BodyMAC {
			return s
		}
	}
	return 0
}

// finish checks the end of the chain against its head and its anchors.
func (c *checker) finish() {
	if c.lookFor > 0 {
		n := c.movedFrom - c.lookFor
		c.fail(c.lookFor, ProblemMissing, fmt.Sprintf("第%d条记录原为第%d条：其前%d条记录被删除，其后的记录被重新编号", c.lookFor, c.movedFrom, n))
		c.lookFor = 0
	}
	defer func() { c.rep.OK = !c.broken }()
	if c.broken {
		return
	}
	last := c.prev
	switch {
	case c.head == nil && last.Seq > 0:
		c.fail(last.Seq+1, ProblemTruncated, fmt.Sprintf("链头记录缺失，日志止于第%d条：链头被删除，末尾记录可能随之被删除", last.Seq))
		return
	case c.head != nil && c.head.Seq > last.Seq:
		what := fmt.Sprintf("日志止于第%d条，链头为第%d条：末尾%d条记录被删除", last.Seq, c.head.Seq, c.head.Seq-last.Seq)
		if last.Seq == 0 {
			what = fmt.Sprintf("链头为第%d条，日志中却没有该链的记录：整条链被删除", c.head.Seq)
		}
		c.fail(last.Seq+1, ProblemTruncated, what)
		return
	case c.head != nil && c.head.Seq < last.Seq:
		c.fail(c.head.Seq+1, ProblemAltered, fmt.Sprintf("链头为第%d条，日志却有%d条：链头被改动", c.head.Seq, last.Seq))
		return
	case c.head != nil && c.head.MAC != last.MAC:
		c.fail(last.Seq, ProblemAltered, fmt.Sprintf("链头的MAC与第%d条记录不符：链头被改动", last.Seq))
		return
	}
	if c.next < len(c.anchors) {
		a := c.anchors[len(c.anchors)-1]
		what := fmt.Sprintf("日志止于第%d条，而 %s 的锚点（锚点文件第%d行）记录到第%d条：该链被截回到锚点之前，末尾记录被删除",
			last.Seq, a.At, a.Line, a.Seq)
		if last.Seq == 0 {
			what = fmt.Sprintf("日志中没有该链的记录，而 %s 的锚点（锚点文件第%d行）记录到第%d条：整条链被删除", a.At, a.Line, a.Seq)
		}
		c.fail(last.Seq+1, ProblemTruncated, what)
	}
}

// visible reports whether a chain lies inside scope, as chainsIn selects it.
func visible(scope access.Scope, chain string) bool {
	return chain != legacyChain && (chain == "" || strings.HasPrefix(chain, scope.Prefix))
}
