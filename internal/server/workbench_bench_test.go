package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"time"

	"zhifa/internal/demo"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/server"
)

// BenchmarkWorkbenchSummary answers the workbench's one request for the demo county's leader
// through the whole stack: organisations, people and certificate warnings, and the reform checks
// of the bureau and 18 township offices.
func BenchmarkWorkbenchSummary(b *testing.B) {
	eachBenchStore(b, func(b *testing.B, a *server.App) {
		sess, err := a.Accounts.Login(context.Background(), "leader", demo.Password, "127.0.0.1", "bench")
		if err != nil {
			b.Fatal(err)
		}
		h := a.Handler()
		var lat benchutil.Latencies
		for b.Loop() {
			req := httptest.NewRequest("GET", "/api/v1/workbench/summary", nil)
			req.Header.Set("Authorization", "Bearer "+sess.Token)
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, req)
			lat = append(lat, time.Since(start))
			if rec.Code != http.StatusOK {
				b.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
		}
		lat.Report(b)
	})
}
