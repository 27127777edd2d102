// Package jobs runs the platform's durable background work with River (riverqueue/river) on the
// platform's own store: SQLite through the single writer connection, PostgreSQL through the pool.
// A task is a named piece of idempotent work run at an interval; its runs are rows in River's
// tables, so a run scheduled before a restart is worked after it, and a run that was cut off is
// rescued and retried. The tasks themselves keep what they did in the feature's own tables.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"zhifa/internal/platform/db"
)

// Task is one kind of background work.
type Task struct {
	Name  string        // stable name, stored with each run
	Every time.Duration // interval between runs; the first runs at start
	Run   func(ctx context.Context) error
}

// taskArgs is the stored form of a run.
type taskArgs struct {
	Task string `json:"task"`
}

func (taskArgs) Kind() string { return "zhifa_task" }

type worker struct {
	river.WorkerDefaults[taskArgs]
	tasks map[string]Task
}

func (w *worker) Work(ctx context.Context, job *river.Job[taskArgs]) error {
	t, ok := w.tasks[job.Args.Task]
	if !ok {
		return river.JobCancel(fmt.Errorf("unknown task %q", job.Args.Task))
	}
	return t.Run(ctx)
}

// Timeout bounds one run of a task.
func (w *worker) Timeout(*river.Job[taskArgs]) time.Duration { return 10 * time.Minute }

func driver(d *db.DB) riverdriver.Driver[*sql.Tx] {
	if d.Dialect == db.SQLite {
		return riversqlite.New(d.W.DB)
	}
	return riverdatabasesql.New(d.W.DB)
}

// Migrate creates or updates River's tables in the store.
func Migrate(ctx context.Context, d *db.DB) error {
	m, err := rivermigrate.New(driver(d), nil)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("后台任务表迁移失败: %w", err)
	}
	return nil
}

// Runner works the tasks until stopped.
type Runner struct {
	client *river.Client[*sql.Tx]
}

// Options tune a runner; the zero value serves production.
type Options struct {
	// Poll is how often the store is asked for due runs (SQLite and database/sql have no
	// notifications); 0 means one second.
	Poll time.Duration
}

// Start migrates River's tables, then starts working the tasks: each one at start and then at its
// interval, one run at a time across every process sharing the store (the leader schedules).
func Start(ctx context.Context, d *db.DB, tasks []Task, opts Options) (*Runner, error) {
	if err := Migrate(ctx, d); err != nil {
		return nil, err
	}
	w := &worker{tasks: map[string]Task{}}
	var periodic []*river.PeriodicJob
	for _, t := range tasks {
		if t.Name == "" || t.Every <= 0 || t.Run == nil {
			return nil, errors.New("jobs: a task needs a name, an interval and a function")
		}
		w.tasks[t.Name] = t
		name, every := t.Name, t.Every
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(every),
			func() (river.JobArgs, *river.InsertOpts) {
				return taskArgs{Task: name}, &river.InsertOpts{MaxAttempts: 5,
					UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: every}}
			}, &river.PeriodicJobOpts{RunOnStart: true, ID: name}))
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	poll := opts.Poll
	if poll <= 0 {
		poll = time.Second
	}
	client, err := river.NewClient(driver(d), &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}},
		Workers:           workers,
		PeriodicJobs:      periodic,
		FetchPollInterval: poll,
		FetchCooldown:     min(poll, 100*time.Millisecond),
		PollOnly:          true,
		Logger:            slog.Default(),
	})
	if err != nil {
		return nil, err
	}
	if err := client.Start(ctx); err != nil {
		return nil, err
	}
	return &Runner{client: client}, nil
}

// RunAt stores a run of a task due at a moment: it is worked then, by whichever process runs.
func (r *Runner) RunAt(ctx context.Context, task string, at time.Time) error {
	_, err := r.client.Insert(ctx, taskArgs{Task: task}, &river.InsertOpts{ScheduledAt: at, MaxAttempts: 5})
	return err
}

// Stop lets running work finish (within ctx) and stops.
func (r *Runner) Stop(ctx context.Context) error { return r.client.Stop(ctx) }
