package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

// Jurisdictions used below: two counties of Liaocheng and townships in them.
const (
	townA = "371521112000" // 阳谷县 某镇
	townB = "371522101000" // 莘县 某镇
)

func newLog() *Log {
	return New(&clock.Fixed{T: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}, TestKeys())
}

// appendN appends n reads of people in the region, numbered from 0.
func appendN(t testing.TB, d *db.DB, l *Log, region string, n int) {
	t.Helper()
	p := access.NewPrincipal("acc-1", "leader", "孙志强", "org-1", "371500000000", []access.Role{access.Leader})
	p.IP = "10.0.0.8"
	for i := range n {
		err := d.Tx(context.Background(), func(tx *db.Tx) error {
			return l.Append(context.Background(), tx, p, Event{Action: ActionRead, Entity: "person", EntityID: fmt.Sprint(i),
				EntityName: fmt.Sprintf("人员%d", i), RegionCode: region, Summary: fmt.Sprintf("查看人员 %d", i), Detail: map[string]int{"i": i}})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func exec(t *testing.T, d *db.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), d.W, q, args...); err != nil {
		t.Fatal(err)
	}
}

func verify(t *testing.T, d *db.DB, l *Log) Report {
	t.Helper()
	rep, err := l.Verify(context.Background(), d, access.Everywhere, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func chainReport(t *testing.T, rep Report, chain string) ChainReport {
	t.Helper()
	for _, c := range rep.Chains {
		if c.Chain == chain {
			return c
		}
	}
	t.Fatalf("no report for chain %q in %+v", chain, rep)
	return ChainReport{}
}

// wantBroken checks that chain is reported broken at seq with problem, and every other chain OK.
func wantBroken(t *testing.T, rep Report, chain string, seq int64, problem string) ChainReport {
	t.Helper()
	if rep.OK {
		t.Fatalf("tampering with %s not detected: %+v", chain, rep)
	}
	for _, c := range rep.Chains {
		if c.Chain != chain && !c.OK {
			t.Fatalf("chain %s reported broken by tampering with %s: %+v", c.Chain, chain, c)
		}
	}
	c := chainReport(t, rep, chain)
	if c.OK || c.BrokenSeq != seq || c.Problem != problem || c.Reason == "" {
		t.Fatalf("chain %s: want broken at %d (%s), got %+v", chain, seq, problem, c)
	}
	return c
}

// forgeFrom is what someone who can write the database but lacks the key can do after changing
// entries: recompute every MAC from seq on, with a plain hash, and move the head to match.
func forgeFrom(t *testing.T, d *db.DB, chain string, seq int64) {
	t.Helper()
	ctx := context.Background()
	var rows []Entry
	if err := db.Select(ctx, d.W, &rows, `SELECT `+entryColumns+` FROM audit_log WHERE chain = ? ORDER BY seq`, chain); err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, e := range rows {
		if e.Seq >= seq {
			sum := sha256.Sum256([]byte(prev + "\n" + strings.Join([]string{e.Chain, fmt.Sprint(e.Seq), e.At, e.ActorID, e.Summary, e.Detail}, "|")))
			e.PrevMAC, e.MAC, e.BodyMAC = prev, hex.EncodeToString(sum[:]), hex.EncodeToString(sum[:])
			exec(t, d, `UPDATE audit_log SET prev_mac = ?, mac = ?, body_mac = ? WHERE chain = ? AND seq = ?`, e.PrevMAC, e.MAC, e.BodyMAC, chain, e.Seq)
		}
		prev = e.MAC
	}
	exec(t, d, `UPDATE audit_heads SET seq = ?, mac = ? WHERE chain = ?`, rows[len(rows)-1].Seq, prev, chain)
}

// removeAndRenumber deletes an entry and moves every later one up, keeping the numbers contiguous.
func removeAndRenumber(t *testing.T, d *db.DB, chain string, seq int64) {
	t.Helper()
	exec(t, d, `DELETE FROM audit_log WHERE chain = ? AND seq = ?`, chain, seq)
	var last int64
	db.Get(context.Background(), d.W, &last, `SELECT MAX(seq) FROM audit_log WHERE chain = ?`, chain)
	for s := seq + 1; s <= last+1; s++ {
		exec(t, d, `UPDATE audit_log SET seq = ? WHERE chain = ? AND seq = ?`, s-1, chain, s)
	}
	exec(t, d, `UPDATE audit_heads SET seq = seq - 1 WHERE chain = ?`, chain)
}

func TestChainOf(t *testing.T) {
	for code, want := range map[string]string{
		"":             "",
		"370000000000": "37",
		"371500000000": "3715",
		"371521000000": "371521",
		"371521112000": "371521",
		"371521112201": "371521",
	} {
		if got := ChainOf(code); got != want {
			t.Errorf("ChainOf(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestEachJurisdictionHasItsOwnChain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLog()
		appendN(t, d, l, townA, 3)
		appendN(t, d, l, townB, 2)
		appendN(t, d, l, "", 1)
		appendN(t, d, l, "371500000000", 1)
		rep := verify(t, d, l)
		if !rep.OK || rep.Count != 7 || len(rep.Chains) != 4 {
			t.Fatalf("intact log: %+v", rep)
		}
		for chain, n := range map[string]int64{"": 1, "3715": 1, "371521": 3, "371522": 2} {
			c := chainReport(t, rep, chain)
			if !c.OK || c.Count != n || c.HeadSeq != n || len(c.HeadMAC) != 64 {
				t.Fatalf("chain %q: %+v", chain, c)
			}
		}
		var seqs []int64
		db.Select(context.Background(), d.R, &seqs, `SELECT seq FROM audit_log WHERE chain = '371521' ORDER BY seq`)
		if fmt.Sprint(seqs) != "[1 2 3]" {
			t.Fatalf("county chain numbered %v", seqs)
		}
	})
}

func TestAlteredEntryIsDetectedAfterRecomputingPlainHashes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLog()
		appendN(t, d, l, townA, 10)
		appendN(t, d, l, townB, 5)
		exec(t, d, `UPDATE audit_log SET summary = '篡改' WHERE chain = '371521' AND seq = 4`)
		forgeFrom(t, d, "371521", 4)
		c := wantBroken(t, verify(t, d, l), "371521", 4, ProblemAltered)
		if !strings.Contains(c.Reason, "篡改") || c.Count != 10 {
			t.Fatalf("reason: %+v", c)
		}
		// Changing the name of the record touched is caught too: it is covered by the MAC.
		exec(t, d, `UPDATE audit_log SET entity_name = '别人' WHERE chain = '371522' AND seq = 2`)
		rep := verify(t, d, l)
		if c := chainReport(t, rep, "371522"); c.OK || c.BrokenSeq != 2 || c.Problem != ProblemAltered {
			t.Fatalf("entity name altered: %+v", c)
		}
	})
}

func TestRemovedMiddleEntryIsDetected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLog()
		appendN(t, d, l, townA, 10)
		appendN(t, d, l, townB, 5)

		// A plain removal leaves a gap.
		exec(t, d, `DELETE FROM audit_log WHERE chain = '371521' AND seq = 7`)
		wantBroken(t, verify(t, d, l), "371521", 7, ProblemMissing)

		// Renumbering the rest to close the gap does not hide it.
		removeAndRenumber(t, d, "371522", 3)
		rep := verify(t, d, l)
		c := chainReport(t, rep, "371522")
		if c.OK || c.BrokenSeq != 3 || c.Problem != ProblemMissing || !strings.Contains(c.Reason, "原为第4条") {
			t.Fatalf("renumbered after removal: %+v", c)
		}
	})
}

func TestRemovedMiddleEntryIsDetectedAfterRenumberingAndRecomputing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLog()
		appendN(t, d, l, townA, 10)
		appendN(t, d, l, townB, 5)
		removeAndRenumber(t, d, "371521", 5)
		forgeFrom(t, d, "371521", 5)
		// Recomputing every MAC column wipes what told a moved entry from an altered one: the
		// entry is reported as not matching its MAC, at the right position.
		c := wantBroken(t, verify(t, d, l), "371521", 5, ProblemAltered)
		if !strings.Contains(c.Reason, "删除") {
			t.Fatalf("reason: %s", c.Reason)
		}
	})
}

func TestReorderedEntriesAreDetected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLog()
		appendN(t, d, l, townA, 6)
		appendN(t, d, l, townB, 3)
		exec(t, d, `UPDATE audit_log SET seq = 100 WHERE chain = '371521' AND seq = 3`)
		exec(t, d, `UPDATE audit_log SET seq = 3 WHERE chain = '371521' AND seq = 4`)
		exec(t, d, `UPDATE audit_log SET seq = 4 WHERE chain = '371521' AND seq = 100`)
		c := wantBroken(t, verify(t, d, l), "371521", 3, ProblemReordered)
		if !strings.Contains(c.Reason, "第3条记录原为第4条，原第3条记录现位于第4条") {
			t.Fatalf("reason: %s", c.Reason)
		}
		// Moving one entry further down reads as a removal until the moved entry turns up.
		exec(t, d, `UPDATE audit_log SET seq = 100 WHERE chain = '371522' AND seq = 1`)
		exec(t, d, `UPDATE audit_log SET seq = 1 WHERE chain = '371522' AND seq = 2`)
		exec(t, d, `UPDATE audit_log SET seq = 2 WHERE chain = '371522' AND seq = 3`)
		exec(t, d, `UPDATE audit_log SET seq = 3 WHERE chain = '371522' AND seq = 100`)
		c = chainReport(t, verify(t, d, l), "371522")
		if c.OK || c.BrokenSeq != 1 || c.Problem != ProblemReordered {
			t.Fatalf("moved down: %+v", c)
		}
	})
}

func TestTruncatedTailIsDetectedByHeadAndByAnchor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := newLog()
		if err := l.UseAnchorDir(t.TempDir()); err != nil {
			t.Fatal(err)
		}
		appendN(t, d, l, townA, 5)
		appendN(t, d, l, townB, 3)
		if n, err := l.Anchor(ctx, d); err != nil || n != 2 {
			t.Fatalf("anchored %d chains, %v", n, err)
		}

		// Deleting the newest entry but leaving its head is caught by the head.
		exec(t, d, `DELETE FROM audit_log WHERE chain = '371521' AND seq = 5`)
		wantBroken(t, verify(t, d, l), "371521", 5, ProblemTruncated)

		// Rewinding the head as well is caught by the anchor outside the database.
		exec(t, d, `UPDATE audit_heads SET seq = 4, mac = (SELECT mac FROM audit_log WHERE chain = '371521' AND seq = 4) WHERE chain = '371521'`)
		c := wantBroken(t, verify(t, d, l), "371521", 5, ProblemTruncated)
		if !strings.Contains(c.Reason, "锚点") || c.LastAnchor == nil || c.LastAnchor.Seq != 5 {
			t.Fatalf("truncation back before the anchor: %+v", c)
		}
		// Without its anchors the same log looks intact: that is what the anchors are for.
		if rep := verify(t, d, New(clock.System{}, TestKeys())); !rep.OK {
			t.Fatalf("without anchors: %+v", rep)
		}
	})
}

func TestRewrittenChainIsDetectedByAnchor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := newLog()
		if err := l.UseAnchorDir(t.TempDir()); err != nil {
			t.Fatal(err)
		}
		appendN(t, d, l, townA, 4)
		appendN(t, d, l, townB, 2)
		l.Anchor(ctx, d)
		// Someone holding the master key as well could recompute valid MACs after a change; the
		// anchor still holds the old MAC of the newest entry.
		var e Entry
		db.Get(ctx, d.W, &e, `SELECT `+entryColumns+` FROM audit_log WHERE chain = '371521' AND seq = 4`)
		e.Summary = "改写"
		e.MAC, e.BodyMAC = l.keys.seal(e)
		exec(t, d, `UPDATE audit_log SET summary = ?, mac = ?, body_mac = ? WHERE chain = ? AND seq = ?`, e.Summary, e.MAC, e.BodyMAC, e.Chain, e.Seq)
		exec(t, d, `UPDATE audit_heads SET mac = ? WHERE chain = ?`, e.MAC, e.Chain)
		wantBroken(t, verify(t, d, l), "371521", 4, ProblemRewritten)
	})
}

func TestAnchorsOnlyChainsThatMovedAndSignsThem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		l := newLog()
		if err := l.UseAnchorDir(dir); err != nil {
			t.Fatal(err)
		}
		appendN(t, d, l, townA, 2)
		appendN(t, d, l, townB, 2)
		if n, _ := l.Anchor(ctx, d); n != 2 {
			t.Fatalf("first anchor wrote %d", n)
		}
		if n, _ := l.Anchor(ctx, d); n != 0 {
			t.Fatalf("nothing moved, wrote %d", n)
		}
		appendN(t, d, l, townB, 1)
		// A log opened later on the same directory knows what is anchored already.
		again := newLog()
		if err := again.UseAnchorDir(dir); err != nil {
			t.Fatal(err)
		}
		if n, _ := again.Anchor(ctx, d); n != 1 {
			t.Fatalf("one chain moved, wrote %d", n)
		}
		rep := verify(t, d, again)
		if !rep.OK || !rep.Anchored || chainReport(t, rep, "371522").Anchors != 2 || chainReport(t, rep, "371521").Anchors != 1 {
			t.Fatalf("anchored log: %+v", rep)
		}
		// A line changed in the anchor file no longer carries a valid signature.
		path := filepath.Join(dir, AnchorFile(TestKeys()))
		raw, _ := os.ReadFile(path)
		forged := strings.Replace(string(raw), `"seq":3`, `"seq":9`, 1)
		if forged == string(raw) {
			t.Fatalf("anchor file: %s", raw)
		}
		os.WriteFile(path, []byte(forged+"not an anchor\n"), 0o600)
		rep = verify(t, d, again)
		if rep.OK || len(rep.Problems) != 2 || !strings.Contains(rep.Problems[1], "签名无效") {
			t.Fatalf("forged anchor: %+v", rep)
		}
		for _, c := range rep.Chains {
			if !c.OK {
				t.Fatalf("the chains themselves are intact: %+v", c)
			}
		}
	})
}

func TestVerifyOneChainOrOneJurisdiction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLog()
		appendN(t, d, l, townA, 3)
		appendN(t, d, l, townB, 3)
		appendN(t, d, l, "", 1)
		exec(t, d, `UPDATE audit_log SET detail = '{}' WHERE chain = '371521' AND seq = 2`)
		b := "371522"
		rep, err := l.Verify(context.Background(), d, access.Everywhere, &b)
		if err != nil || !rep.OK || len(rep.Chains) != 1 || rep.Chains[0].Count != 3 {
			t.Fatalf("the other county's chain alone: %+v %v", rep, err)
		}
		// A county's auditor sees the county's chain and the system-wide chain.
		rep, _ = l.Verify(context.Background(), d, access.ScopeOf("371522000000"), nil)
		if !rep.OK || len(rep.Chains) != 2 || rep.Chains[0].Chain != "" || rep.Chains[1].Chain != "371522" {
			t.Fatalf("county auditor: %+v", rep)
		}
		rep, _ = l.Verify(context.Background(), d, access.ScopeOf("371521000000"), nil)
		wantBroken(t, rep, "371521", 2, ProblemAltered)
	})
}

func TestConcurrentAppendsInTenCountiesKeepEveryChainLinear(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := New(clock.System{}, TestKeys())
		var wg sync.WaitGroup
		for _, county := range benchCounties {
			for range 2 {
				wg.Add(1)
				go func() { defer wg.Done(); appendN(t, d, l, county+"101000", 8) }()
			}
		}
		wg.Wait()
		rep := verify(t, d, l)
		if !rep.OK || rep.Count != 160 || len(rep.Chains) != 10 {
			t.Fatalf("after concurrent appends: %+v", rep)
		}
		for _, c := range rep.Chains {
			if c.Count != 16 || c.HeadSeq != 16 {
				t.Fatalf("chain %s: %+v", c.Chain, c)
			}
		}
	})
}

// ticking is a clock that moves on a millisecond each time it is read.
type ticking struct {
	mu sync.Mutex
	t  time.Time
}

func (c *ticking) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func TestListIsScopedAndNewestFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(&ticking{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}, TestKeys())
		appendN(t, d, l, townA, 3)
		appendN(t, d, l, townB, 2)
		appendN(t, d, l, "", 1)
		page := httpx.Page{Page: 1, PageSize: 10}
		in, total, err := List(ctx, d, access.ScopeOf(townA), Filter{Action: ActionRead}, page)
		if err != nil || total != 4 || in[0].Chain != "" || in[1].Seq != 3 || in[1].EntityName != "人员2" {
			t.Fatalf("own township and system entries, newest first: %d %+v %v", total, in, err)
		}
		if _, total, _ := List(ctx, d, access.ScopeOf("371521101000"), Filter{}, page); total != 1 {
			t.Fatalf("another township sees %d entries", total)
		}
		chain := "371522"
		if in, total, _ := List(ctx, d, access.Everywhere, Filter{Chain: &chain}, page); total != 2 || in[0].Seq != 2 {
			t.Fatalf("one chain: %d %+v", total, in)
		}
		all, _, _ := List(ctx, d, access.Everywhere, Filter{}, httpx.Page{Page: 1, PageSize: 10, Sort: "at"})
		for i := 1; i < len(all); i++ {
			if all[i-1].At > all[i].At {
				t.Fatalf("ascending by time: %+v", all)
			}
		}
	})
}

// TestListByChinaDays: a date in the filter is China's day, not UTC's.
func TestListByChinaDays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := &clock.Fixed{T: time.Date(2026, 3, 1, 15, 59, 59, 0, time.UTC)} // 2026-03-01 23:59:59 in China
		l := New(c, TestKeys())
		appendN(t, d, l, townA, 1)
		c.T = time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC) // 2026-03-02 00:00 in China
		appendN(t, d, l, townA, 1)
		page := httpx.Page{Page: 1, PageSize: 10}
		cases := []struct {
			from, to string
			want     []int64 // sequence numbers
		}{
			{"2026-03-02", "", []int64{2}},
			{"", "2026-03-02", []int64{1}},
			{"2026-03-01", "2026-03-02", []int64{1}},
			{"2026-03-01T16:00:00.000Z", "", []int64{2}}, // a timestamp is taken as given
		}
		for _, c := range cases {
			in, _, err := List(ctx, d, access.Everywhere, Filter{From: c.from, To: c.to}, page)
			var got []int64
			for _, e := range in {
				got = append(got, e.Seq)
			}
			if err != nil || fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("from %q to %q: %v %v, want %v", c.from, c.to, got, err, c.want)
			}
		}
	})
}

func TestUnknownKindIsRefusedOnceKindsAreRegistered(t *testing.T) {
	d := dbtest.SQLite(t)
	l := newLog()
	appendKind := func(kind string) error {
		return d.Tx(context.Background(), func(tx *db.Tx) error {
			return l.Append(context.Background(), tx, access.System(), Event{Action: ActionCreate, Entity: kind, Summary: "x"})
		})
	}
	if err := appendKind("widget"); err != nil {
		t.Fatalf("a log without registered kinds: %v", err)
	}
	l.Register(Kind{Code: "person", Name: "人员"})
	if err := appendKind("widget"); err == nil || !strings.Contains(err.Error(), "not registered") {
		t.Fatalf("unknown kind: %v", err)
	}
	if err := appendKind("person"); err != nil {
		t.Fatal(err)
	}
	kinds := l.Kinds().Entities
	if len(kinds) != 2 || kinds[0].Code != EntityLog || kinds[1].Name != "人员" {
		t.Fatalf("kinds %+v", kinds)
	}
}
