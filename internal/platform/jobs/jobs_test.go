package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/jobs"
)

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTasksRunAtStartAndSurviveARestart: a task runs when the runner starts; a run scheduled for
// later is stored, not held in memory, so a runner stopped before it was due works it after a
// restart; a failing run is retried.
func TestTasksRunAtStartAndSurviveARestart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var runs, failures atomic.Int32
		tasks := []jobs.Task{
			{Name: "sweep", Every: time.Hour, Run: func(context.Context) error { runs.Add(1); return nil }},
			{Name: "flaky", Every: time.Hour, Run: func(context.Context) error {
				if failures.Add(1) == 1 {
					return context.DeadlineExceeded
				}
				return nil
			}},
		}
		opts := jobs.Options{Poll: 50 * time.Millisecond}
		r, err := jobs.Start(ctx, d, tasks, opts)
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the run at start", func() bool { return runs.Load() >= 1 })
		if err := r.RunAt(ctx, "sweep", time.Now().Add(1500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := r.Stop(stopCtx); err != nil {
			t.Fatal(err)
		}
		before := runs.Load()
		var stored int
		if err := db.Get(ctx, d.R, &stored, `SELECT COUNT(*) FROM river_job WHERE state = 'scheduled'`); err != nil {
			t.Fatal(err)
		}
		if stored < 1 {
			t.Fatalf("%d scheduled runs stored, want the one due later", stored)
		}
		r, err = jobs.Start(ctx, d, tasks, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Stop(context.Background())
		waitFor(t, "the scheduled run after the restart", func() bool { return runs.Load() >= before+1 })
		var done int
		waitFor(t, "the scheduled run completed", func() bool {
			return db.Get(ctx, d.R, &done, `SELECT COUNT(*) FROM river_job WHERE state = 'scheduled'`) == nil && done == 0
		})
		if failures.Load() < 1 {
			t.Fatal("the flaky task never ran")
		}
	})
}
