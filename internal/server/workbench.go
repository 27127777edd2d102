package server

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// WorkbenchSummary is what the console's workbench counts in the caller's jurisdiction: the
// organisations, the people and their certificate warnings, and the reform checks not met. It
// names no one, so reading it is not audited (the lists behind each figure are). A figure the
// caller may not read is null.
type WorkbenchSummary struct {
	RegionCode string        `json:"regionCode"` // the root of the caller's jurisdiction
	Orgs       int           `json:"orgs"`
	People     *people.Tally `json:"people"` // with people.read
	Reform     *ReformTally  `json:"reform"` // with reform.read
}

// ReformTally counts the reform checks of the county bureaus and township offices in a
// jurisdiction.
type ReformTally struct {
	Orgs        int `json:"orgs"`        // organisations checked
	Failing     int `json:"failing"`     // applicable checks not met
	FailingOrgs int `json:"failingOrgs"` // organisations with at least one check not met
}

func (a *App) workbenchRoutes() []httpx.Route {
	return httpx.Tagged("工作台",
		httpx.Get("/api/v1/workbench/summary", access.OrgRead,
			"工作台计数：本辖区机构数、人员数与执法证预警（需 people.read）、改革指标未达标项（需 reform.read）；只含计数，不记审计",
			httpx.Fetch(a.workbench)),
	)
}

// workbench counts, each in the store query, inside the caller's jurisdiction.
func (a *App) workbench(ctx context.Context, p *access.Principal) (WorkbenchSummary, error) {
	scope := p.Scope()
	out := WorkbenchSummary{RegionCode: scope.Root()}
	var err error
	if out.Orgs, err = org.Count(ctx, a.DB.R, scope); err != nil {
		return out, err
	}
	if p.Can(access.PeopleRead) {
		t, err := a.People.Tally(ctx, scope)
		if err != nil {
			return out, err
		}
		out.People = &t
	}
	if p.Can(access.ReformRead) {
		ov, err := a.Reform.Summary(ctx, p)
		if err != nil {
			return out, err
		}
		out.Reform = &ReformTally{Orgs: len(ov.Reports), Failing: ov.Failing, FailingOrgs: ov.FailingOrgs}
	}
	return out, nil
}
