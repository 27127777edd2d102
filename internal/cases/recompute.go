package cases

import (
	"context"
	"strings"

	"zhifa/internal/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// recomputeBatch is how many open cases are read at a time when their deadlines are counted again.
const recomputeBatch = 2000

type projection struct {
	ID           string         `db:"id"`
	RegionCode   string         `db:"region_code"`
	Stage        Stage          `db:"stage"`
	NextDue      civil.Date     `db:"next_due"`
	NextDueLabel string         `db:"next_due_label"`
	State        db.JSON[State] `db:"state"`
}

// CalendarChanged counts every open case's deadlines again after a year's holidays were imported,
// inside the import's transaction: a limit counted in working days across the year may move, and
// with it the workbench's order and the overdue flags.
func (s *Service) CalendarChanged(ctx context.Context, tx *db.Tx, _ calendar.Changed) error {
	_, err := s.Recompute(ctx, tx)
	return err
}

// Recompute counts the stage and the next deadline of every open case again, with the calendar
// as the transaction sees it and each jurisdiction's limits, and writes those that changed. It
// answers how many changed.
func (s *Service) Recompute(ctx context.Context, tx *db.Tx) (int, error) {
	t, err := s.Calendar.TableIn(ctx, tx)
	if err != nil {
		return 0, err
	}
	cal := t.Provisional()
	limits := map[string]Limits{}
	day := s.today()
	changed, after := 0, ""
	for {
		var batch []projection
		if err := db.Select(ctx, tx, &batch, `SELECT id, region_code, stage, next_due, next_due_label, state FROM cases
			WHERE closed = '' AND id > ? ORDER BY id LIMIT ?`, after, recomputeBatch); err != nil {
			return changed, err
		}
		var moved []projection
		for _, p := range batch {
			lim, ok := limits[p.RegionCode]
			if !ok {
				v, err := settings.Get[Limits](ctx, tx, s.Settings, LimitsKey, p.RegionCode)
				if err != nil {
					return changed, err
				}
				lim, limits[p.RegionCode] = v.Value, v.Value
			}
			r := row{State: p.State}
			if err := project(&r, env{cal: cal, limits: lim, day: day}); err != nil {
				return changed, err
			}
			if r.Stage != p.Stage || r.NextDue != p.NextDue || r.NextDueLabel != p.NextDueLabel {
				moved = append(moved, projection{ID: p.ID, Stage: r.Stage, NextDue: r.NextDue, NextDueLabel: r.NextDueLabel})
			}
		}
		if err := writeProjections(ctx, tx, moved); err != nil {
			return changed, err
		}
		changed += len(moved)
		if len(batch) < recomputeBatch {
			return changed, nil
		}
		after = batch[len(batch)-1].ID
	}
}

// writeProjections writes the projected columns of many cases in statements of a few hundred
// rows each (the state, which holds the facts, is unchanged).
func writeProjections(ctx context.Context, tx *db.Tx, ps []projection) error {
	const per = 250
	for len(ps) > 0 {
		n := min(per, len(ps))
		var rows []string
		var args []any
		for _, p := range ps[:n] {
			rows = append(rows, "SELECT ? AS id, ? AS stage, ? AS next_due, ? AS next_due_label")
			args = append(args, p.ID, string(p.Stage), p.NextDue, p.NextDueLabel)
		}
		if _, err := db.Exec(ctx, tx, `UPDATE cases SET stage = v.stage, next_due = v.next_due, next_due_label = v.next_due_label
			FROM (`+strings.Join(rows, " UNION ALL ")+`) v WHERE cases.id = v.id`, args...); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}
