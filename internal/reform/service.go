package reform

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// Service runs the reform checks with each jurisdiction's thresholds, which the settings per
// jurisdiction keep (Setting).
type Service struct {
	DB       *db.DB
	Clock    clock.Clock
	Settings *settings.Service
}

// Check runs the reform checks of one organisation inside the caller's jurisdiction, with the
// thresholds of the organisation's region. It reports aggregate counts only, so it is not audited.
func (s *Service) Check(ctx context.Context, p *access.Principal, orgID string) (Report, error) {
	o, err := org.Get(ctx, s.DB.R, p.Scope(), orgID)
	if err != nil {
		return Report{}, err
	}
	return s.report(ctx, o, map[string]Effective{})
}

// report runs the checks of one organisation; rules caches the thresholds by region.
func (s *Service) report(ctx context.Context, o org.Org, rules map[string]Effective) (Report, error) {
	eff, ok := rules[o.RegionCode]
	if !ok {
		var err error
		if eff, err = s.effective(ctx, s.DB.R, o.RegionCode); err != nil {
			return Report{}, err
		}
		rules[o.RegionCode] = eff
	}
	c, err := s.counts(ctx, o)
	if err != nil {
		return Report{}, err
	}
	checks := Evaluate(o.Kind, o.TownshipClass, c, eff)
	return Report{OrgID: o.ID, OrgName: o.Name, Kind: o.Kind, KindName: o.KindName, RegionCode: o.RegionCode,
		RegionName: o.RegionName, Checks: checks, Failing: Failing(checks)}, nil
}

// counts gathers the figures of the checks that apply to an organisation.
func (s *Service) counts(ctx context.Context, o org.Org) (Counts, error) {
	c := Counts{OwnQuota: o.Quota.Admin + o.Quota.Civil + o.Quota.Institution}
	var err error
	frontline, township, sunk := Applicable(o.Kind)
	if frontline || sunk {
		if c.Quota, err = quotaOf(ctx, s.DB.R, o.ID); err != nil {
			return Counts{}, err
		}
		if c.Force, c.FrontlinePosted, c.Sunk, err = postedCounts(ctx, s.DB.R, o.ID); err != nil {
			return Counts{}, err
		}
	}
	if township {
		day := civil.Today(s.Clock).String()
		if c.Enforcers, err = enforcerCount(ctx, s.DB.R, o.ID, day); err != nil {
			return Counts{}, err
		}
	}
	return c, nil
}

// Overview is the reform checks of every county bureau and township office inside a
// jurisdiction: what the reform page lists and the workbench counts.
type Overview struct {
	RegionCode  string   `json:"regionCode"`  // the root of the caller's jurisdiction ("" for everywhere)
	Reports     []Report `json:"reports"`     // one per organisation, in region order
	Failing     int      `json:"failing"`     // applicable checks not met, over all organisations
	FailingOrgs int      `json:"failingOrgs"` // organisations with at least one check not met
}

// Summary runs the reform checks of the county bureaus and township offices inside the caller's
// jurisdiction. Like Check it reports aggregate counts only and is not audited.
func (s *Service) Summary(ctx context.Context, p *access.Principal) (Overview, error) {
	scope := p.Scope()
	all, err := org.All(ctx, s.DB.R, scope)
	if err != nil {
		return Overview{}, err
	}
	out := Overview{RegionCode: scope.Root(), Reports: []Report{}}
	rules := map[string]Effective{}
	for _, o := range all {
		if o.Kind != org.KindBureau && o.Kind != org.KindTownshipOffice {
			continue
		}
		rep, err := s.report(ctx, o, rules)
		if err != nil {
			return Overview{}, err
		}
		out.Reports = append(out.Reports, rep)
		out.Failing += rep.Failing
		if rep.Failing > 0 {
			out.FailingOrgs++
		}
	}
	return out, nil
}

// effective looks up the thresholds in force for a region and names the region they come from.
func (s *Service) effective(ctx context.Context, c db.Conn, code string) (Effective, error) {
	v, err := settings.Get[Thresholds](ctx, c, s.Settings, SettingKey, code)
	if err != nil {
		return Effective{}, err
	}
	return effectiveOf(code, v), nil
}
