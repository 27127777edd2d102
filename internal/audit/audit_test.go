package audit

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
)

func appendN(t *testing.T, d *db.DB, l *Log, n int) {
	t.Helper()
	p := access.NewPrincipal("acc-1", "leader", "孙志强", "org-1", "371521000000", []access.Role{access.Leader})
	p.IP = "10.0.0.8"
	for i := range n {
		err := d.Tx(context.Background(), func(tx *sqlx.Tx) error {
			return l.Append(context.Background(), tx, p, Event{Action: ActionRead, Entity: "person", EntityID: fmt.Sprint(i),
				RegionCode: "371521112000", Summary: fmt.Sprintf("查看人员 %d", i), Detail: map[string]int{"i": i}})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestChainVerifiesAndNamesFirstBrokenEntry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(&clock.Fixed{T: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)})
		appendN(t, d, l, 10)
		v, err := Verify(ctx, d)
		if err != nil || !v.OK || v.Count != 10 {
			t.Fatalf("intact chain: %+v %v", v, err)
		}

		// Altering an entry's content breaks the chain at that entry.
		if _, err := db.Exec(ctx, d.W, `UPDATE audit_log SET summary = '篡改' WHERE seq = 4`); err != nil {
			t.Fatal(err)
		}
		if v, _ := Verify(ctx, d); v.OK || v.BrokenSeq != 4 {
			t.Fatalf("altered entry: %+v", v)
		}
		db.Exec(ctx, d.W, `UPDATE audit_log SET summary = '查看人员 3' WHERE seq = 4`)
		if v, _ := Verify(ctx, d); !v.OK {
			t.Fatalf("restored entry: %+v", v)
		}

		// Removing an entry in the middle is a gap.
		db.Exec(ctx, d.W, `DELETE FROM audit_log WHERE seq = 7`)
		if v, _ := Verify(ctx, d); v.OK || v.BrokenSeq != 7 {
			t.Fatalf("removed entry: %+v", v)
		}
	})
}

func TestTruncatedTailIsDetected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		appendN(t, d, New(clock.System{}), 5)
		db.Exec(ctx, d.W, `DELETE FROM audit_log WHERE seq = 5`)
		if v, _ := Verify(ctx, d); v.OK || v.BrokenSeq != 5 {
			t.Fatalf("truncated tail: %+v", v)
		}
	})
}

func TestConcurrentAppendsStayLinear(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := New(clock.System{})
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() { defer wg.Done(); appendN(t, d, l, 10) }()
		}
		wg.Wait()
		v, err := Verify(context.Background(), d)
		if err != nil || !v.OK || v.Count != 40 {
			t.Fatalf("after concurrent appends: %+v %v", v, err)
		}
	})
}

func TestListIsScoped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		appendN(t, d, New(clock.System{}), 3)
		page := httpx.Page{Page: 1, PageSize: 10}
		in, total, err := List(ctx, d, access.ScopeOf("371521112000"), Filter{Action: ActionRead}, page)
		if err != nil || total != 3 || in[0].Seq != 3 {
			t.Fatalf("own township, newest first: %d %+v %v", total, in, err)
		}
		if _, total, _ := List(ctx, d, access.ScopeOf("371521101000"), Filter{}, page); total != 0 {
			t.Fatalf("another township sees %d entries", total)
		}
	})
}
