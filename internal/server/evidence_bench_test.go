package server_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"zhifa/internal/cases"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/server"
)

// video is size bytes of an MP4-looking stream (an ftyp box, then a repeating pattern), read
// without being held in memory.
type video struct{ n, size int64 }

func (v *video) Read(p []byte) (int, error) {
	if v.n >= v.size {
		return 0, io.EOF
	}
	head := []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42")
	i := 0
	for ; i < len(p) && v.n < v.size; i++ {
		if v.n < int64(len(head)) {
			p[i] = head[v.n]
		} else {
			p[i] = byte(v.n*7 + v.n>>9)
		}
		v.n++
	}
	return i, nil
}

// peakHeap samples the heap in use while fn runs.
func peakHeap(fn func()) uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// BenchmarkEvidenceUpload streams a video (ZHIFA_BENCH_EVIDENCE_MB, default 256 MB) into a case:
// through the SM3 and SHA-256 hashes to disk and registered in the case's chain. It reports the
// throughput and the peak heap in use during the upload.
func BenchmarkEvidenceUpload(b *testing.B) {
	mb := int64(benchSize("ZHIFA_BENCH_EVIDENCE_MB", 256))
	eachBenchStore(b, func(b *testing.B, a *server.App) {
		if err := a.UseEvidenceDir(b.TempDir()); err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		officer := benchPrincipal(b, a, "officer")
		var id string
		if err := db.Get(ctx, a.DB.R, &id, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		b.ResetTimer()
		var total time.Duration
		var peak uint64
		for i := 0; i < b.N; i++ {
			in := cases.EvidenceInput{Kind: cases.EvidenceVideo, Name: fmt.Sprintf("执法记录仪%d.mp4", i), TakenAt: time.Now().Add(-time.Hour).Format(time.RFC3339)}
			start := time.Now()
			p := peakHeap(func() {
				if _, err := a.Cases.AddEvidence(ctx, officer, id, in, &video{size: mb << 20, n: 0}); err != nil {
					b.Fatal(err)
				}
			})
			total += time.Since(start)
			peak = max(peak, p)
		}
		b.ReportMetric(float64(mb*int64(b.N))/total.Seconds(), "MB/s")
		b.ReportMetric(float64(peak-min(peak, base.HeapInuse))/(1<<20), "peak-heap-MB-over-idle")
	})
}

// BenchmarkCaseChainVerify verifies a case whose record holds 10,000 steps (written directly,
// then sealed as an upgrade seals them): every step's HMAC-SM3 re-computed and the head checked.
func BenchmarkCaseChainVerify(b *testing.B) {
	const n = 10_000
	eachBenchStore(b, func(b *testing.B, a *server.App) {
		ctx := context.Background()
		var id string
		if err := db.Get(ctx, a.DB.R, &id, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`); err != nil {
			b.Fatal(err)
		}
		err := a.DB.Tx(ctx, func(tx *db.Tx) error {
			var last int
			if err := db.Get(ctx, tx, &last, `SELECT MAX(seq) FROM case_steps WHERE case_id = ?`, id); err != nil {
				return err
			}
			now := clock.Stamp(time.Now())
			for i := 1; i <= n-last; i++ {
				if _, err := db.Exec(ctx, tx, `INSERT INTO case_steps (id, case_id, seq, kind, on_date, at, actor_id, actor_name, place,
					summary, reason, data) VALUES (?, ?, ?, 'record', '2026-11-01', ?, 'bench', '基准', '谷山路', ?, '', '{}')`,
					ids.New(), id, last+i, now, strings.Repeat("询问笔录", 10)); err != nil {
					return err
				}
			}
			_, err := db.Exec(ctx, tx, `DELETE FROM case_chains WHERE case_id = ?`, id)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := a.Cases.SealAll(ctx); err != nil {
			b.Fatal(err)
		}
		b.Logf("sealed %d steps in %s", n, time.Since(start).Round(time.Millisecond))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			rep, err := a.Cases.VerifyAll(ctx, func(cases.ChainReport) {})
			if err != nil || rep != 0 {
				b.Fatal(rep, err)
			}
		}
	})
}
