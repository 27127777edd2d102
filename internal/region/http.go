package region

import (
	"context"
	"io"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

// Routes returns the region tree's API.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("行政区划",
		httpx.Get("/api/v1/regions", access.RegionRead, "查询行政区划（按上级、名称、层级）", httpx.Listing(s.List)),
		httpx.Get("/api/v1/regions/{code}", access.RegionRead, "行政区划详情及上级路径", httpx.ByID(s.Get)),
		httpx.Post("/api/v1/regions", access.RegionWrite, "新增行政区划", httpx.WithBody(s.Create).Created()),
		httpx.Put("/api/v1/regions/{code}", access.RegionWrite, "修改行政区划名称", httpx.ByIDWithBody(s.Rename)),
		// An import needs the permission of the write it performs, never a separate one.
		httpx.Post("/api/v1/imports/regions", access.RegionWrite, "导入行政区划（CSV 或 Excel，全部成功或全部不导入）",
			httpx.Upload(s.importFile)),
	)
}

func (s *Service) importFile(ctx context.Context, p *access.Principal, f io.Reader) (ImportResult, error) {
	return s.Import(ctx, p, f, nil)
}

// RenameInput renames a region.
type RenameInput struct {
	Name string `json:"name" text:"50"`
}

// Get returns a region inside the caller's jurisdiction or above it, with its path.
func (s *Service) Get(ctx context.Context, p *access.Principal, code string) (Detail, error) {
	return Get(ctx, s.DB, p.Scope(), code)
}

// List returns one page of regions inside the caller's jurisdiction; with neither parent nor
// query, the root of it.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Region, int, error) {
	if f.Level != 0 && (f.Level < LevelProvince || f.Level > LevelVillage) {
		return nil, 0, apperr.InvalidField("level", "REGION_LEVEL_INVALID", "层级应为1到5")
	}
	return List(ctx, s.DB, p.Scope(), p.RegionCode, f, page)
}
