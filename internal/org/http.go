package org

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Routes returns the organisations API.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("组织机构",
		httpx.Get("/api/v1/orgs", access.OrgRead, "查询机构", httpx.Listing(s.List)),
		httpx.Get("/api/v1/orgs/tree", access.OrgRead, "本辖区机构树", httpx.Fetch(s.Tree)),
		httpx.Get("/api/v1/orgs/{id}", access.OrgRead, "机构详情（含编制与实有人数）", httpx.ByID(s.Get)),
		httpx.Post("/api/v1/orgs", access.OrgWrite, "新增机构", httpx.WithBody(s.Create).Created()),
		httpx.Put("/api/v1/orgs/{id}", access.OrgWrite, "修改机构", httpx.ByIDWithBody(s.Update)),
	)
}

// List returns one page of organisations inside the caller's jurisdiction, with their filled posts.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Org, int, error) {
	items, total, err := List(ctx, s.DB, p.Scope(), f, page)
	if err != nil {
		return nil, 0, err
	}
	return items, total, s.fillPosts(ctx, items)
}

// Tree returns the organisations of the caller's jurisdiction as a tree.
func (s *Service) Tree(ctx context.Context, p *access.Principal) ([]*Node, error) {
	all, err := All(ctx, s.DB.R, p.Scope())
	if err != nil {
		return nil, err
	}
	return Tree(all), nil
}
