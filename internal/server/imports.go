package server

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/region"
)

// importRoutes serves the region import. Every import asks for the permission of the write it
// performs (region.write here, people.write and catalog.write for the people and catalogue imports),
// never a separate one, so that no role can import what it may not enter by hand.
func (a *App) importRoutes() []httpx.Route {
	return []httpx.Route{
		{Method: "POST", Path: "/api/v1/imports/regions", Perm: access.RegionWrite, Tag: "数据导入", Upload: true,
			Summary: "导入行政区划（CSV 或 Excel，全部成功或全部不导入）", Response: region.ImportResult{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				f, err := httpx.UploadedFile(w, r)
				if err != nil {
					return err
				}
				defer f.Close()
				res, err := a.Regions.Import(r.Context(), httpx.Principal(r), f, nil)
				if err != nil {
					return err
				}
				return httpx.OK(w, res)
			}},
	}
}
