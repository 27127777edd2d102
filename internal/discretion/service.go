package discretion

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/region"
)

// Service keeps the discretion benchmarks and applies them. Every change is written to the audit
// log in the same transaction. Statutes is the catalogue, set by whoever wires the platform; the
// catalogue is called outside this package's transactions.
type Service struct {
	DB       *db.DB
	Audit    *audit.Log
	Clock    clock.Clock
	Statutes Statutes
}

// Audited entity names.
const (
	entityBenchmark = "discretion_benchmark"
	entityRules     = "discretion_rule"
)

// today is the calendar date in China: benchmark dates are China's calendar dates.
func (s *Service) today() string { return civil.Today(s.Clock).String() }

// statute asks the catalogue for an item's statute on a day. An unknown item is bad input; an
// item without a version in force that day returns ErrNotInForce for the caller to word.
func (s *Service) statute(ctx context.Context, itemID, day string) (Statute, error) {
	if s.Statutes == nil {
		return Statute{}, apperr.Internal(errors.New("discretion: Service.Statutes is not set"))
	}
	st, err := s.Statutes.Statute(ctx, itemID, day)
	switch {
	case err == nil:
		if st.ItemID == "" {
			st.ItemID = itemID
		}
		return st, nil
	case errors.Is(err, ErrNotInForce):
		return Statute{}, ErrNotInForce
	case errors.Is(err, ErrItemUnknown) || apperr.Is(err, "NOT_FOUND"):
		return Statute{}, apperr.InvalidField("itemId", "DISCRETION_ITEM_UNKNOWN", "权责清单中没有该事项："+itemID)
	}
	return Statute{}, err
}

// regionFor normalises a region code inside the caller's jurisdiction (default: its root) and
// checks that it exists.
func (s *Service) regionFor(ctx context.Context, c db.Conn, p *access.Principal, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		raw = p.Scope().Root()
		if raw == "" {
			return "", apperr.InvalidField("regionCode", "DISCRETION_REGION_REQUIRED", "请指定区划代码")
		}
	}
	return region.InScope(ctx, c, p.Scope(), raw)
}

// rules returns the splitting rules in force for a region and names the region they come from.
func (s *Service) rules(ctx context.Context, c db.Conn, code string) (EffectiveRules, error) {
	rows, err := ruleRows(ctx, c, code)
	if err != nil {
		return EffectiveRules{}, err
	}
	eff := LookupRules(code, rows)
	if eff.Source != SourceNational {
		name, err := region.Name(ctx, c, eff.Source)
		if err != nil {
			return EffectiveRules{}, err
		}
		eff.SourceName = name
	}
	return eff, nil
}

func (s *Service) reload(ctx context.Context, c db.Conn, id string) (Benchmark, error) {
	r, err := getRow(ctx, c, access.Everywhere, id, false)
	if err != nil {
		return Benchmark{}, err
	}
	return r.benchmark(s.today())
}

// Get returns one version the caller may read, with the history of its series.
func (s *Service) Get(ctx context.Context, p *access.Principal, id string) (Detail, error) {
	r, err := getRow(ctx, s.DB.R, p.Scope(), id, false)
	if err != nil {
		return Detail{}, err
	}
	day := s.today()
	b, err := r.benchmark(day)
	if err != nil {
		return Detail{}, err
	}
	hist, err := seriesRows(ctx, s.DB.R, p.Scope(), r.RegionCode, r.ItemID, day)
	if err != nil {
		return Detail{}, err
	}
	return Detail{Benchmark: b, History: hist}, nil
}

// List returns one page of versions the caller may read: its jurisdiction's own, and the
// published ones of the regions above it.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Summary, int, error) {
	day, err := dateOr("date", "日期", f.Date, s.today())
	if err != nil {
		return nil, 0, err
	}
	return listRows(ctx, s.DB.R, p.Scope(), f, day, page)
}

// Rules returns the splitting rules in force for a region inside the caller's jurisdiction
// (default its root; the national defaults for the system without a region).
func (s *Service) Rules(ctx context.Context, p *access.Principal, regionCode string) (EffectiveRules, error) {
	code := ""
	if regionCode != "" || p.Scope().Root() != "" {
		var err error
		if code, err = s.regionFor(ctx, s.DB.R, p, regionCode); err != nil {
			return EffectiveRules{}, err
		}
	}
	return s.rules(ctx, s.DB.R, code)
}

// SetRules sets the splitting rules of a region inside the caller's jurisdiction; the region and
// those below it use them unless they set their own. Published benchmarks are not re-checked: a
// benchmark is validated when it is saved and published.
func (s *Service) SetRules(ctx context.Context, p *access.Principal, regionCode string, in Rules) (EffectiveRules, error) {
	if err := in.Check(); err != nil {
		return EffectiveRules{}, err
	}
	var out EffectiveRules
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		code, err := s.regionFor(ctx, tx, p, regionCode)
		if err != nil {
			return err
		}
		before, err := s.rules(ctx, tx, code)
		if err != nil {
			return err
		}
		if err := upsertRules(ctx, tx, code, in, clock.Stamp(s.Clock.Now())); err != nil {
			return err
		}
		if out, err = s.rules(ctx, tx, code); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityRules, EntityID: code, RegionCode: code,
			EntityName: out.SourceName, Summary: fmt.Sprintf("设置裁量阶次划分规则：至少%d档；分界%d%%/%d%%；只规定最高额的，从轻≤%d%%，一般%d%%–%d%%",
				in.MinSteps, in.RangeLowPct, in.RangeHighPct, in.LighterMaxPct, in.GeneralMinPct, in.GeneralMaxPct),
			Detail: map[string]any{"before": before, "after": in}})
	})
	return out, err
}
