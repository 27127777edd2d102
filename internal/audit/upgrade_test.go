package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// eachOld runs fn on every engine with a store migrated only as far as the release before the
// keyed chains (migration 00005), so that fn can write the log the way that release did.
func eachOld(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	open := func(t *testing.T, url, dir string) *db.DB {
		d, err := db.Open(context.Background(), url, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		if err := d.MigrateTo(context.Background(), 5); err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Run("sqlite", func(t *testing.T) { fn(t, open(t, "", t.TempDir())) })
	if base := os.Getenv(dbtest.EnvPostgres); base != "" {
		t.Run("postgres", func(t *testing.T) {
			url, drop, err := dbtest.NewSchema(base)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(drop)
			fn(t, open(t, url, ""))
		})
	}
}

// legacyAppend writes an entry exactly as the release before the keyed chains did: one chain for
// the whole province, SHA-256 over the previous hash and the entry, and a single head row.
func legacyAppend(t *testing.T, d *db.DB, region, summary string) {
	t.Helper()
	ctx := context.Background()
	err := d.Tx(ctx, func(tx *db.Tx) error {
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
		e := Entry{Seq: head.Seq, At: fmt.Sprintf("2026-05-10T02:00:%02d.000Z", head.Seq), ActorID: "acc-1", ActorName: "孙志强",
			IP: "10.0.0.8", Action: ActionUpdate, Entity: "person", EntityID: fmt.Sprint(head.Seq), RegionCode: region,
			Summary: summary, Detail: `{"n":1}`, PrevMAC: head.Hash}
		e.MAC = legacyHash(e)
		if _, err := db.Exec(ctx, tx, `INSERT INTO audit_log
			(seq, at, actor_id, actor_name, ip, action, entity, entity_id, region_code, summary, detail, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity,
			e.EntityID, e.RegionCode, e.Summary, e.Detail, e.PrevMAC, e.MAC); err != nil {
			return err
		}
		_, err := db.Exec(ctx, tx, `UPDATE audit_head SET hash = ? WHERE id = 1`, e.MAC)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// legacyLog writes nine entries across two counties, the province and the system, interleaved.
func legacyLog(t *testing.T, d *db.DB) string {
	regions := []string{townA, townB, townA, "", "370000000000", townB, townA, townA, ""}
	for i, r := range regions {
		legacyAppend(t, d, r, fmt.Sprintf("旧记录%d", i+1))
	}
	var head string
	db.Get(context.Background(), d.R, &head, `SELECT hash FROM audit_head WHERE id = 1`)
	return head
}

func TestUpgradeRechainsTheOldLogIntoKeyedChains(t *testing.T) {
	eachOld(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		oldHead := legacyLog(t, d)
		if _, err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		l := newLog()
		res, err := l.Upgrade(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if res.Entries != 9 || res.LegacyHeadSeq != 9 || res.LegacyHeadHash != oldHead ||
			fmt.Sprint(res.Chains) != "map[:2 37:1 371521:4 371522:2]" {
			t.Fatalf("upgrade: %+v", res)
		}
		rep := verify(t, d, l)
		if !rep.OK || rep.Count != 10 {
			t.Fatalf("after the upgrade: %+v", rep)
		}
		// Entries keep their old order inside each chain, and the system chain records the upgrade
		// with the old head's hash.
		var summaries []string
		db.Select(ctx, d.R, &summaries, `SELECT summary FROM audit_log WHERE chain = '371521' ORDER BY seq`)
		if strings.Join(summaries, ",") != "旧记录1,旧记录3,旧记录7,旧记录8" {
			t.Fatalf("county chain: %v", summaries)
		}
		var last Entry
		db.Get(ctx, d.R, &last, `SELECT `+entryColumns+` FROM audit_log WHERE chain = '' ORDER BY seq DESC LIMIT 1`)
		if last.Action != ActionRechain || last.Seq != 3 || !strings.Contains(last.Summary, oldHead) || !strings.Contains(last.Detail, oldHead) {
			t.Fatalf("upgrade entry: %+v", last)
		}
		// New appends continue the chains; a second upgrade finds nothing to do.
		appendN(t, d, l, townA, 1)
		if res, err := l.Upgrade(ctx, d); err != nil || res.Entries != 0 {
			t.Fatalf("second upgrade: %+v %v", res, err)
		}
		rep = verify(t, d, l)
		if c := chainReport(t, rep, "371521"); !rep.OK || c.Count != 5 {
			t.Fatalf("appending after the upgrade: %+v", rep)
		}
		// The re-chained entries are now under the key: altering one is caught like any other.
		exec(t, d, `UPDATE audit_log SET summary = '改' WHERE chain = '371522' AND seq = 2`)
		wantBroken(t, verify(t, d, l), "371522", 2, ProblemAltered)
	})
}

func TestUpgradeRefusesABrokenOldLog(t *testing.T) {
	cases := map[string]struct {
		tamper string
		seq    int64
	}{
		"altered":   {`UPDATE audit_log SET summary = '篡改' WHERE seq = 4`, 4},
		"removed":   {`DELETE FROM audit_log WHERE seq = 6`, 6},
		"truncated": {`DELETE FROM audit_log WHERE seq = 9`, 9},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			eachOld(t, func(t *testing.T, d *db.DB) {
				ctx := context.Background()
				legacyLog(t, d)
				exec(t, d, tc.tamper)
				if _, err := d.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				_, err := newLog().Upgrade(ctx, d)
				var broken *LegacyBrokenError
				if !errors.As(err, &broken) || broken.Seq != tc.seq || !strings.Contains(err.Error(), "已停止升级") {
					t.Fatalf("upgrade of a broken old log: %v", err)
				}
				// Nothing moved: the old chain is still there, as it was, for investigation.
				var n int
				db.Get(ctx, d.R, &n, `SELECT COUNT(*) FROM audit_log WHERE chain = 'legacy'`)
				var heads int
				db.Get(ctx, d.R, &heads, `SELECT COUNT(*) FROM audit_heads`)
				if n != 8 && n != 9 || heads != 1 {
					t.Fatalf("after the refusal: %d old entries, %d heads", n, heads)
				}
			})
		})
	}
}

func TestUpgradeOfAnEmptyOldLogDoesNothing(t *testing.T) {
	eachOld(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if res, err := newLog().Upgrade(ctx, d); err != nil || res.Entries != 0 {
			t.Fatalf("upgrade: %+v %v", res, err)
		}
		if rep, _ := newLog().Verify(ctx, d, access.Everywhere, nil); !rep.OK || rep.Count != 0 {
			t.Fatalf("empty log: %+v", rep)
		}
	})
}
