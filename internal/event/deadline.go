package event

import (
	"context"
	"fmt"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// MaxEscalation is the highest level an overdue event is escalated to: 1 the lead body's superior,
// 2 the county's command centre (指挥中心), 3 the county government's supervision (督查).
const MaxEscalation = 3

var escalationNames = map[int]string{1: "处置单位上级督办", 2: "指挥中心督办", 3: "政府督查"}

// SweepResult counts what one pass over the clocks did.
type SweepResult struct {
	Reminded  int `json:"reminded"`
	Escalated int `json:"escalated"`
}

// Sweep reminds the teams of events whose limit is nearly used up and escalates those past it, one
// level for every further limit's length that passes. It is idempotent: what was done is on the
// event (reminded, escalation), so a pass repeated after a restart does nothing twice.
func (s *Service) Sweep(ctx context.Context) (SweepResult, error) {
	now := s.now()
	var res SweepResult
	var due []Event
	if err := db.Select(ctx, s.DB.R, &due, `SELECT `+eventColumns+` FROM `+eventFrom+`
		WHERE e.state IN ('dispatched', 'accepted') AND e.handle_due <> '' AND e.escalation < ? AND (e.reminded = 0 OR e.handle_due < ?)
		ORDER BY e.handle_due LIMIT 5000`, MaxEscalation, clock.Stamp(now)); err != nil {
		return res, err
	}
	type clockOf struct {
		lim   Limits
		tab   *calendar.Table
		hours calendar.OfficeHours
	}
	clocks := map[string]clockOf{}
	for _, e := range due {
		ck, ok := clocks[e.RegionCode]
		if !ok {
			v, err := settings.Get[Limits](ctx, s.DB.R, s.Settings, LimitsKey, e.RegionCode)
			if err != nil {
				return res, err
			}
			tab, hours, err := s.clock(ctx, s.DB.R, v.Value)
			if err != nil {
				return res, err
			}
			ck = clockOf{v.Value, tab, hours}
			clocks[e.RegionCode] = ck
		}
		lim, tab, hours := ck.lim, ck.tab, ck.hours
		start, err1 := clock.ParseStamp(e.DispatchedAt)
		end, err2 := clock.ParseStamp(e.HandleDue)
		if err1 != nil || err2 != nil || !end.After(start) {
			continue
		}
		total, err := tab.WorkingMinutes(hours, start, end)
		if err != nil {
			return res, err
		}
		if now.Before(end) {
			if e.Reminded > 0 {
				continue
			}
			at, err := tab.AddWorkingMinutes(hours, start, total*lim.RemindPercent/100)
			if err != nil {
				return res, err
			}
			if now.Before(at) {
				continue
			}
			left, _ := tab.WorkingMinutes(hours, now, end)
			err = s.DB.Tx(ctx, func(tx *db.Tx) error {
				if err := s.update(ctx, tx, &e, e.State, map[string]any{"reminded": 1}, now); err != nil {
					return err
				}
				return appendHistory(ctx, tx, e.ID, "remind", e.State, e.State, systemActor(),
					fmt.Sprintf("处置时限（%s）将届满，剩余约%d个工作分钟", e.HandleLimit, left), map[string]any{"handleDue": e.HandleDue}, now)
			})
			if err != nil && !isChanged(err) {
				return res, err
			}
			if err == nil {
				res.Reminded++
			}
			continue
		}
		over, err := tab.WorkingMinutes(hours, end, now)
		if err != nil {
			return res, err
		}
		level := 1
		if total > 0 {
			level += over / total
		}
		if level > MaxEscalation {
			level = MaxEscalation
		}
		if level <= e.Escalation {
			continue
		}
		err = s.DB.Tx(ctx, func(tx *db.Tx) error {
			if err := s.update(ctx, tx, &e, e.State, map[string]any{"escalation": level, "reminded": 1}, now); err != nil {
				return err
			}
			return appendHistory(ctx, tx, e.ID, "escalate", e.State, e.State, systemActor(),
				fmt.Sprintf("已超过处置时限（%s，%s届满），升级为%s", e.HandleLimit, localTime(end), escalationNames[level]),
				map[string]any{"level": level, "overMinutes": over}, now)
		})
		if err != nil && !isChanged(err) {
			return res, err
		}
		if err == nil {
			res.Escalated++
		}
	}
	return res, nil
}

func isChanged(err error) bool { return apperr.Is(err, "EVENT_CHANGED") }

func localTime(t time.Time) string { return t.In(civil.Zone).Format("1月2日15:04") }
