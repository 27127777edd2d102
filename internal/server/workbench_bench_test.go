package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"time"

	"zhifa/internal/demo"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// BenchmarkWorkbenchSummary answers the workbench's one request for the demo county's leader
// through the whole stack: organisations, people and certificate warnings, and the reform checks
// of the bureau and 18 township offices.
func BenchmarkWorkbenchSummary(b *testing.B) {
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
}
