package audit

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// benchCounties are ten county-level jurisdictions of Liaocheng writing at the same time.
var benchCounties = []string{"371502", "371503", "371521", "371522", "371523", "371524", "371525", "371526", "371581", "371582"}

// BenchmarkConcurrentCountyWriters runs write transactions from 3 writers in each of 10 counties
// at once. Each transaction changes a row of its county (standing in for the feature's own write)
// and appends its audit entry, as every write of the platform does. One iteration is 1,200
// transactions; the benchmark reports transactions per second and the latency of one transaction.
func BenchmarkConcurrentCountyWriters(b *testing.B) {
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
			d := open()
			ctx := context.Background()
			if _, err := db.Exec(ctx, d.W, `CREATE TABLE bench_county (code TEXT PRIMARY KEY, n BIGINT NOT NULL)`); err != nil {
				b.Fatal(err)
			}
			for _, c := range benchCounties {
				if _, err := db.Exec(ctx, d.W, `INSERT INTO bench_county (code, n) VALUES (?, 0)`, c); err != nil {
					b.Fatal(err)
				}
			}
			l := benchLog()
			const writersPerCounty, txPerWriter = 3, 40
			var (
				mu   sync.Mutex
				lat  benchutil.Latencies
				took time.Duration
			)
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				var wg sync.WaitGroup
				for _, county := range benchCounties {
					for w := range writersPerCounty {
						wg.Add(1)
						go func() {
							defer wg.Done()
							p := access.NewPrincipal("acc-"+county, "officer", "执法队员", "org-"+county, county+"000000", []access.Role{access.Officer})
							mine := make(benchutil.Latencies, 0, txPerWriter)
							for i := range txPerWriter {
								t0 := time.Now()
								err := d.Tx(ctx, func(tx *db.Tx) error {
									if _, err := db.Exec(ctx, tx, `UPDATE bench_county SET n = n + 1 WHERE code = ?`, county); err != nil {
										return err
									}
									return l.Append(ctx, tx, p, Event{Action: ActionUpdate, Entity: "person", EntityID: fmt.Sprintf("%s-%d-%d", county, w, i),
										RegionCode: county + "101000", Summary: "修改人员信息", Detail: map[string]int{"writer": w, "i": i}})
								})
								if err != nil {
									b.Error(err)
									return
								}
								mine = append(mine, time.Since(t0))
							}
							mu.Lock()
							lat = append(lat, mine...)
							mu.Unlock()
						}()
					}
				}
				wg.Wait()
				took += time.Since(start)
			}
			b.StopTimer()
			b.ReportMetric(float64(len(lat))/took.Seconds(), "tx/s")
			lat.Report(b)
		})
	}
}

// benchLog is the log the benchmark writes through.
func benchLog() *Log { return New(clock.System{}, TestKeys()) }
