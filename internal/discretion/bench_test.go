package discretion

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// benchFacts are the fact patterns the benchmarks cycle through: the no-penalty list, each tier,
// provisions and per-unit computation.
func benchFacts() []struct {
	key string
	f   Facts
} {
	return []struct {
		key string
		f   Facts
	}{
		{keyOilFume, Facts{FirstOffence: true, Harm: HarmMinor, CorrectedPromptly: true}},
		{keyOilFume, Facts{PriorCount: 1, Harm: HarmGeneral}},
		{keyOilFume, Facts{RecurrenceDays: intp(12), Harm: HarmGeneral}},
		{keyOilFume, Facts{Harm: HarmGeneral, CorrectedPromptly: true, PriorCount: 0}},
		{keyFood, Facts{GoodsValueFen: i64(yuan(5000)), Harm: HarmGeneral}},
		{keyFood, Facts{GoodsValueFen: i64(yuan(80000)), Harm: HarmSerious}},
		{keyRoad, Facts{Units: f64(120), Harm: HarmGeneral}},
		{keyLitter, Facts{Harm: HarmNone, CorrectedPromptly: true, Circumstances: []string{"经劝阻当场拾起、清除废弃物"}}},
	}
}

// BenchmarkEvaluatePure applies a published benchmark to facts in process: no store.
func BenchmarkEvaluatePure(b *testing.B) {
	type job struct {
		b *Benchmark
		s Statute
		f Facts
	}
	var jobs []job
	for _, c := range benchFacts() {
		bm, s := demoBenchmark(b, c.key)
		jobs = append(jobs, job{bm, s, c.f})
	}
	lat := make([]time.Duration, 0, 1<<16)
	i := 0
	for b.Loop() {
		j := jobs[i%len(jobs)]
		i++
		start := time.Now()
		if _, err := Evaluate(j.b, j.s, at(j.f)); err != nil {
			b.Fatal(err)
		}
		if len(lat) < cap(lat) {
			lat = append(lat, time.Since(start))
		}
	}
	reportMicros(b, lat)
}

// reportMicros adds p50 and p99 in microseconds, the scale of in-process evaluation.
func reportMicros(b *testing.B, l []time.Duration) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	at := func(q float64) float64 { return float64(s[int(q*float64(len(s)-1))].Nanoseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

// BenchmarkEvaluateService applies benchmarks through the service on each store: jurisdiction
// checks, the catalogue (an in-memory fake), the query for the version in force and evaluation.
func BenchmarkEvaluateService(b *testing.B) {
	run := func(b *testing.B, d *db.DB) {
		f := newFixture(b, d)
		f.publishDemo(b)
		ctx := context.Background()
		cases := benchFacts()
		var lat benchutil.Latencies
		i := 0
		for b.Loop() {
			c := cases[i%len(cases)]
			i++
			start := time.Now()
			if _, err := f.svc.Evaluate(ctx, f.officer, EvaluateRequest{ItemID: "demo:" + c.key, ActDate: "2026-05-01", Facts: c.f}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		lat.Report(b)
	}
	b.Run("sqlite", func(b *testing.B) { run(b, dbtest.SQLite(b)) })
	if os.Getenv(dbtest.EnvPostgres) != "" {
		b.Run("postgres", func(b *testing.B) { run(b, dbtest.Postgres(b)) })
	}
}
