package org

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Routes returns the organisations API.
func (s *Service) Routes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/orgs", Perm: access.OrgRead, Tag: "组织机构", Summary: "查询机构",
			Query: []httpx.Param{{Name: "q"}, {Name: "kind"}, {Name: "regionCode"}, {Name: "parentId"},
				{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}},
			Response: httpx.List[Org]{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				p, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				q := r.URL.Query()
				items, total, err := List(r.Context(), s.DB, httpx.Principal(r).Scope(), Filter{
					Query: q.Get("q"), Kind: Kind(q.Get("kind")), RegionCode: q.Get("regionCode"), ParentID: q.Get("parentId"),
				}, p)
				if err != nil {
					return err
				}
				if err := s.fillPosts(r.Context(), items); err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, p))
			}},
		{Method: "GET", Path: "/api/v1/orgs/tree", Perm: access.OrgRead, Tag: "组织机构", Summary: "本辖区机构树",
			Response: []*Node{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				all, err := All(r.Context(), s.DB.R, httpx.Principal(r).Scope())
				if err != nil {
					return err
				}
				return httpx.OK(w, Tree(all))
			}},
		{Method: "GET", Path: "/api/v1/orgs/{id}", Perm: access.OrgRead, Tag: "组织机构", Summary: "机构详情（含编制与实有人数）",
			Response: Org{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				o, err := s.Get(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, o)
			}},
		{Method: "POST", Path: "/api/v1/orgs", Perm: access.OrgWrite, Tag: "组织机构", Summary: "新增机构",
			Body: Input{}, Response: Org{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				o, err := s.Create(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, o)
			}},
		{Method: "PUT", Path: "/api/v1/orgs/{id}", Perm: access.OrgWrite, Tag: "组织机构", Summary: "修改机构",
			Body: Input{}, Response: Org{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				o, err := s.Update(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, o)
			}},
	}
}
