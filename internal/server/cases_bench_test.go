package server_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"zhifa/internal/cases"
	"zhifa/internal/demo"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/server"
)

// benchSize reads a size from the environment, with a default.
func benchSize(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// eachBenchStore runs a benchmark on the demo county on each store.
func eachBenchStore(b *testing.B, fn func(b *testing.B, a *server.App)) {
	stores := map[string]func() *db.DB{"sqlite": func() *db.DB { return dbtest.SQLite(b) }}
	if os.Getenv(dbtest.EnvPostgres) != "" {
		stores["postgres"] = func() *db.DB { return dbtest.Postgres(b) }
	}
	for _, name := range []string{"sqlite", "postgres"} {
		open, ok := stores[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			a := newApp(open())
			if err := demo.Load(context.Background(), a); err != nil {
				b.Fatal(err)
			}
			fn(b, a)
		})
	}
}

// cloneCases adds n copies of a demo case with generated ids (prefix); closed copies carry the projected columns only (the measured queries never read their
// state).
func cloneCases(b *testing.B, a *server.App, templateID, prefix string, n int, closed bool) {
	b.Helper()
	ctx := context.Background()
	state, idExpr := "t.state", "'"+prefix+"' || n.i"
	if closed {
		state = `'{"procedure":"ordinary"}'`
	}
	seq := `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) `
	if a.DB.Dialect == db.Postgres {
		seq = `WITH n(i) AS (SELECT generate_series(1, ?)) `
	}
	start := time.Now()
	err := a.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `INSERT INTO cases (id, region_code, org_id, subject_org_id, lead_id, procedure, stage, number,
			decision_no, title, item_id, item_code, item_name, act_date, place_code, address, parties, opened, filed, decided, closed,
			fine_fen, next_due, next_due_label, state, revision, created_by, created_at, updated_at) `+seq+`
			SELECT `+idExpr+`, t.region_code, t.org_id, t.subject_org_id, '', t.procedure, t.stage, t.number || '-' || n.i, t.decision_no,
			t.title, t.item_id, t.item_code, t.item_name, t.act_date, t.place_code, t.address, t.parties, t.opened, t.filed, t.decided,
			t.closed, t.fine_fen, t.next_due, t.next_due_label, `+state+`, t.revision, t.created_by, t.created_at, t.updated_at
			FROM n CROSS JOIN cases t WHERE t.id = ?`, n, templateID); err != nil {
			return err
		}
		if closed {
			return nil
		}
		// The template's officers handle every hundredth copy; 300 other officers share the rest.
		_, err := db.Exec(ctx, tx, `INSERT INTO case_officers (case_id, person_id, name, lead, from_date, to_date) `+seq+`
			SELECT `+idExpr+`, CASE WHEN n.i % 100 = 0 THEN o.person_id ELSE 'officer-' || (n.i % 300) || '-' || o.person_id END,
			o.name, o.lead, o.from_date, o.to_date FROM n CROSS JOIN case_officers o WHERE o.case_id = ?`,
			n, templateID)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if a.DB.Dialect == db.Postgres {
		if _, err := a.DB.W.ExecContext(ctx, `ANALYZE cases; ANALYZE case_officers`); err != nil {
			b.Fatal(err)
		}
	} else if _, err := a.DB.W.ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d %s cases added in %s", n, map[bool]string{true: "closed", false: "open"}[closed], time.Since(start).Round(time.Millisecond))
}

// demoCase finds a demo case by its title.
func demoCase(b *testing.B, a *server.App, title string) string {
	b.Helper()
	var id string
	if err := db.Get(context.Background(), a.DB.R, &id, `SELECT id FROM cases WHERE title = ?`, title); err != nil {
		b.Fatal(title, err)
	}
	return id
}

// BenchmarkCaseSteps takes one step (an investigation record, the commonest step) on open cases
// among ZHIFA_BENCH_CLOSED closed (default 1,000,000) and ZHIFA_BENCH_OPEN open (default 50,000)
// cases, and lists the workbench of an officer (own open cases by deadline: one in a hundred of
// the open cases, the rest shared by 300 other officers) and of the bureau's leader (every open
// case of the county by deadline).
func BenchmarkCaseSteps(b *testing.B) {
	closedN, openN := benchSize("ZHIFA_BENCH_CLOSED", 1_000_000), benchSize("ZHIFA_BENCH_OPEN", 50_000)
	eachBenchStore(b, func(b *testing.B, a *server.App) {
		ctx := context.Background()
		cloneCases(b, a, demoCase(b, a, "周某运输车辆未密闭案"), "closed-", closedN, true)
		cloneCases(b, a, demoCase(b, a, "王某运输渣土未密闭案"), "open-", openN, false)
		officer, leader := benchPrincipal(b, a, "officer"), benchPrincipal(b, a, "leader")
		var pair []string
		if err := db.Select(ctx, a.DB.R, &pair, `SELECT person_id FROM case_officers WHERE case_id = 'open-100' ORDER BY person_id`); err != nil {
			b.Fatal(err)
		}
		b.Run("step", func(b *testing.B) {
			var lat benchutil.Latencies
			i := 0
			for b.Loop() {
				i++
				id := fmt.Sprintf("open-%d", 100*(1+i%(openN/100)))
				start := time.Now()
				if _, err := a.Cases.AddRecord(ctx, officer, id, cases.RecordInput{Kind: cases.RecordInspection, Place: "现场",
					OfficerIDs: pair, Subject: "现场", Summary: "复查"}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			lat.Report(b)
		})
		for _, w := range []struct {
			name string
			p    *access.Principal
			f    cases.Filter
		}{{"workbench-officer", officer, cases.Filter{Mine: true, Open: true}}, {"workbench-leader", leader, cases.Filter{Open: true}}} {
			b.Run(w.name, func(b *testing.B) {
				var lat benchutil.Latencies
				for b.Loop() {
					start := time.Now()
					rows, total, err := a.Cases.List(ctx, w.p, w.f, httpx.Page{Page: 1, PageSize: 8, Sort: "nextDue"})
					if err != nil || len(rows) == 0 || total < openN/100 {
						b.Fatalf("%d of %d: %v", len(rows), total, err)
					}
					lat = append(lat, time.Since(start))
				}
				lat.Report(b)
			})
		}
	})
}

// BenchmarkRecomputeOpenCases counts again the deadlines of ZHIFA_BENCH_RECOMPUTE (default
// 100,000) open cases, as after a holiday-table import; every case's stored deadline is reset
// first so each one is written.
func BenchmarkRecomputeOpenCases(b *testing.B) {
	n := benchSize("ZHIFA_BENCH_RECOMPUTE", 100_000)
	eachBenchStore(b, func(b *testing.B, a *server.App) {
		ctx := context.Background()
		cloneCases(b, a, demoCase(b, a, "陈某渣土车未密闭案"), "open-", n, false)
		for b.Loop() {
			if _, err := a.DB.W.ExecContext(ctx, `UPDATE cases SET next_due = '' WHERE closed = ''`); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			var changed int
			err := a.DB.Tx(ctx, func(tx *db.Tx) error {
				var err error
				changed, err = a.Cases.Recompute(ctx, tx)
				return err
			})
			if err != nil || changed < n {
				b.Fatalf("%d changed: %v", changed, err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "s/recompute")
			b.ReportMetric(float64(changed)/time.Since(start).Seconds(), "cases/s")
		}
	})
}

func benchPrincipal(b *testing.B, a *server.App, username string) *access.Principal {
	b.Helper()
	var id string
	if err := db.Get(context.Background(), a.DB.R, &id, `SELECT id FROM accounts WHERE username = ?`, username); err != nil {
		b.Fatal(err)
	}
	acc, err := a.Accounts.Get(context.Background(), access.System(), id)
	if err != nil {
		b.Fatal(err)
	}
	return acc.Principal()
}
