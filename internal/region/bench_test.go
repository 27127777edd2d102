package region

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/tabular"
)

var divisionsDir = filepath.Join("..", "..", "..", "shared", "data", "divisions")

var nationalFiles = []string{"provinces.csv", "cities.csv", "areas.csv", "streets.csv"}

// eachStoreB runs a benchmark on SQLite and, when configured, PostgreSQL.
func eachStoreB(b *testing.B, fn func(b *testing.B, open func() *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, func() *db.DB { return dbtest.SQLite(b) }) })
	if os.Getenv(dbtest.EnvPostgres) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, func() *db.DB { return dbtest.Postgres(b) }) })
	}
}

func importNational(b *testing.B, s *Service) int {
	rows := 0
	for _, name := range nationalFiles {
		f, err := os.Open(filepath.Join(divisionsDir, name))
		if err != nil {
			b.Skip("reference data not present: ", err)
		}
		res, err := s.Import(context.Background(), access.System(), f, nil)
		f.Close()
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		rows += res.Imported + res.Skipped
	}
	return rows
}

// BenchmarkImportTownships imports China's provinces, cities, counties and 41,352 townships.
func BenchmarkImportTownships(b *testing.B) {
	eachStoreB(b, func(b *testing.B, open func() *db.DB) {
		var rows int
		var elapsed time.Duration
		var peak uint64
		for b.Loop() {
			b.StopTimer()
			s := newService(open())
			b.StartTimer()
			stop := benchutil.PeakHeap()
			start := time.Now()
			rows = importNational(b, s)
			elapsed += time.Since(start)
			peak = max(peak, stop())
		}
		b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
}

var villages struct {
	once sync.Once
	path string
	rows int
	err  error
}

// villageFile writes 600,000 villages spread over every township of China, in the layout of the
// statistics bureau's village file (code,name,streetCode,…), once per benchmark run.
func villageFile(b *testing.B) (string, int) {
	villages.once.Do(func() {
		in, err := os.Open(filepath.Join(divisionsDir, "streets.csv"))
		if err != nil {
			villages.err = err
			return
		}
		defer in.Close()
		r, err := tabular.Open(in)
		if err != nil {
			villages.err = err
			return
		}
		var towns []string
		for {
			row, _, err := r.Next()
			if err != nil {
				break
			}
			if row[0][6:] != "000" { // 金门县 repeats its county
				towns = append(towns, row[0])
			}
		}
		dir, _ := os.MkdirTemp("", "zhifa-villages-")
		villages.path = filepath.Join(dir, "villages.csv")
		out, err := os.Create(villages.path)
		if err != nil {
			villages.err = err
			return
		}
		w := bufio.NewWriter(out)
		fmt.Fprintln(w, "code,name,streetCode")
		const total = 600_000
		for i := 0; i < total; i++ {
			town := towns[i%len(towns)]
			fmt.Fprintf(w, "%s%03d,第%d村民委员会,%s\n", town, 1+i/len(towns), 1+i/len(towns), town)
		}
		w.Flush()
		out.Close()
		villages.rows = total
	})
	if villages.err != nil {
		b.Skip("reference data not present: ", villages.err)
	}
	return villages.path, villages.rows
}

// BenchmarkImportVillages imports 600,000 villages below the townships of China.
func BenchmarkImportVillages(b *testing.B) {
	path, rows := villageFile(b)
	eachStoreB(b, func(b *testing.B, open func() *db.DB) {
		var elapsed time.Duration
		var peak uint64
		for b.Loop() {
			b.StopTimer()
			s := newService(open())
			importNational(b, s)
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			stop := benchutil.PeakHeap()
			start := time.Now()
			res, err := s.Import(context.Background(), access.System(), f, nil)
			elapsed += time.Since(start)
			peak = max(peak, stop())
			f.Close()
			if err != nil || res.Imported != rows {
				b.Fatalf("imported %d: %v", res.Imported, err)
			}
		}
		b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
}
