package discretion

import (
	"context"
	"errors"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/settings"
	"zhifa/internal/region"
)

// Service keeps the discretion benchmarks and applies them. Every change is written to the audit
// log in the same transaction. Statutes is the catalogue, set by whoever wires the platform; the
// catalogue is called outside this package's transactions. Settings holds each jurisdiction's
// splitting rules (Setting).
type Service struct {
	DB       *db.DB
	Audit    *audit.Log
	Clock    clock.Clock
	Statutes Statutes
	Settings *settings.Service
	// Priors counts prior penalties from the record; nil until case handling provides it, and
	// then the officer's count is the fallback (marked in the result).
	Priors PriorPenalties
}

// Audited entity names: benchmarks, and the splitting rules as they were logged before they moved
// to the settings per jurisdiction (now logged as SettingKey).
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

// rules returns what a region's benchmarks are checked against: the splitting rules and labels in
// force (the region's own, else the nearest ancestor's, else the national defaults), each with its
// source, and the catalogue's vocabulary of bases.
func (s *Service) rules(ctx context.Context, c db.Conn, code string) (Rules, error) {
	split, err := settings.Get[Splitting](ctx, c, s.Settings, SettingKey, code)
	if err != nil {
		return Rules{}, err
	}
	labels, err := settings.Get[Labels](ctx, c, s.Settings, LabelsKey, code)
	if err != nil {
		return Rules{}, err
	}
	bases, err := s.bases(ctx, code)
	if err != nil {
		return Rules{}, err
	}
	return rulesFrom(split, labels, bases), nil
}

// bases is the vocabulary of bases of multiple- and percentage-based fines of a region, as the
// catalogue sets it; DefaultBases where it gives none.
func (s *Service) bases(ctx context.Context, code string) ([]string, error) {
	if s.Statutes == nil {
		return append([]string(nil), DefaultBases...), nil
	}
	bs, err := s.Statutes.FineBases(ctx, code)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		return append([]string(nil), DefaultBases...), nil
	}
	return bs, nil
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
