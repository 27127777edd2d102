package region

import (
	"net/http"
	"strconv"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

// Routes returns the region tree's API.
func (s *Service) Routes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/regions", Perm: access.RegionRead, Tag: "行政区划", Summary: "查询行政区划（按上级、名称、层级）",
			Query: []httpx.Param{{Name: "parent", Description: "上级区划代码；为空且无检索词时返回本辖区根节点"}, {Name: "q", Description: "名称或代码检索"},
				{Name: "level", Type: "integer"}, {Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}},
			Response: httpx.List[Region]{}, Handler: s.handleList},
		{Method: "GET", Path: "/api/v1/regions/{code}", Perm: access.RegionRead, Tag: "行政区划", Summary: "行政区划详情及上级路径",
			Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := Get(r.Context(), s.DB, httpx.Principal(r).Scope(), r.PathValue("code"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "POST", Path: "/api/v1/regions", Perm: access.RegionWrite, Tag: "行政区划", Summary: "新增行政区划",
			Body: Input{}, Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.Create(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, d)
			}},
		{Method: "PUT", Path: "/api/v1/regions/{code}", Perm: access.RegionWrite, Tag: "行政区划", Summary: "修改行政区划名称",
			Body: RenameInput{}, Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in RenameInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.Rename(r.Context(), httpx.Principal(r), r.PathValue("code"), in.Name)
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
	}
}

// RenameInput renames a region.
type RenameInput struct {
	Name string `json:"name" text:"50"`
}

func (s *Service) handleList(w http.ResponseWriter, r *http.Request) error {
	p, err := httpx.PageOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{Parent: q.Get("parent"), Query: q.Get("q")}
	if l := q.Get("level"); l != "" {
		if f.Level, err = strconv.Atoi(l); err != nil || f.Level < LevelProvince || f.Level > LevelVillage {
			return apperr.InvalidField("level", "REGION_LEVEL_INVALID", "层级应为1到5")
		}
	}
	pr := httpx.Principal(r)
	items, total, err := List(r.Context(), s.DB, pr.Scope(), pr.RegionCode, f, p)
	if err != nil {
		return err
	}
	return httpx.OK(w, httpx.NewList(items, total, p))
}
