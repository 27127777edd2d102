package grid

import (
	"context"
	"net/http"
	"strings"

	"github.com/paulmach/orb/geojson"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/geo"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/query"
)

// Routes returns the grids' API.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("网格",
		httpx.Get("/api/v1/grids", access.GridRead, "网格列表：基础网格与专属网格，附所属乡镇、村（社区）、责任队伍与网格员", httpx.Listing(s.List)),
		httpx.Get("/api/v1/grids/map", access.GridRead, "网格图层（GeoJSON，WGS-84）：无底图时也可显示；可按乡镇筛选", httpx.Raw(s.handleMap, httpx.Doc{
			Query: []httpx.Param{{Name: "townshipCode", Description: "乡镇（街道）代码"}, {Name: "kind", Description: "basic、special 或 boundary"},
				{Name: "crs", Description: "输出坐标系：WGS84（默认）、GCJ02、BD09"}}})),
		httpx.Get("/api/v1/grids/locate", access.GridRead, "定位：某一位置所在的基础网格、村（社区）、乡镇、责任队伍与专属网格", httpx.WithQuery(s.LocateQuery)),
		httpx.Post("/api/v1/grids/import", access.GridWrite, "导入网格（GeoJSON 要素集合；表单字段 crs 为坐标系，regionCode 为辖区，dryRun=true 只检查）：全部导入或全部不导入，替换该辖区原有网格",
			httpx.Raw(s.handleImport, httpx.Doc{Response: ImportResult{}, Upload: true})),
	)
}

// LocateQuery asks where a point is.
type LocateQuery struct {
	Lng float64 `query:"lng" doc:"经度"`
	Lat float64 `query:"lat" doc:"纬度"`
	CRS string  `query:"crs" text:"20" doc:"坐标系：WGS84（默认）、GCJ02、BD09、CGCS2000"`
}

// LocateQuery answers where a point is, in the caller's jurisdiction.
func (s *Service) LocateQuery(ctx context.Context, p *access.Principal, q LocateQuery) (Place, error) {
	crs, err := parseCRS(q.CRS)
	if err != nil {
		return Place{}, err
	}
	return s.Locate(ctx, p.Scope(), crs, q.Lng, q.Lat)
}

func parseCRS(s string) (geo.CRS, error) {
	if strings.TrimSpace(s) == "" {
		return geo.WGS84, nil
	}
	c, err := geo.ParseCRS(s)
	if err != nil {
		return "", apperr.InvalidField("crs", "GRID_CRS_UNKNOWN", "坐标系应为 WGS84、GCJ02、BD09 或 CGCS2000")
	}
	return c, nil
}

// List lists the grids of the caller's jurisdiction.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Grid, int, error) {
	w := &query.Where{}
	w.Add(p.Scope().In("g.township_code"))
	w.And("g.kind <> 'boundary'")
	if f.Kind != "" {
		w.And("g.kind = ?", f.Kind)
	}
	if f.TownshipCode != "" {
		w.And("g.township_code = ?", f.TownshipCode)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		w.And("(g.code LIKE ? OR g.name LIKE ?)", db.Like(q), db.Like(q))
	}
	out, total, err := query.List[Grid](ctx, s.DB.R, gridColumns, gridFrom, w, " ORDER BY g.code", page)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(out))
	for i := range out {
		ids[i] = out[i].ID
		out[i].KindName = KindName(out[i].Kind)
	}
	workers, err := workersOf(ctx, s.DB.R, ids)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].Workers = workers[out[i].ID]
		if out[i].Workers == nil {
			out[i].Workers = []Worker{}
		}
	}
	return out, total, nil
}

// handleMap writes the grids of the caller's jurisdiction as one GeoJSON FeatureCollection.
func (s *Service) handleMap(w http.ResponseWriter, r *http.Request) error {
	p := httpx.Principal(r)
	crs, err := parseCRS(r.URL.Query().Get("crs"))
	if err != nil {
		return err
	}
	inTown, townArgs := p.Scope().In("g.township_code")
	inRegion, regionArgs := p.Scope().In("g.region_code")
	cond := "(" + inTown + " OR (g.kind = 'boundary' AND " + inRegion + "))"
	args := append(townArgs, regionArgs...)
	if t := r.URL.Query().Get("townshipCode"); t != "" {
		cond += " AND (g.township_code = ? OR g.kind = 'boundary')"
		args = append(args, t)
	}
	if k := r.URL.Query().Get("kind"); k != "" {
		cond += " AND g.kind = ?"
		args = append(args, k)
	}
	rows, err := s.DB.R.QueryxContext(r.Context(), s.DB.R.Rebind(`SELECT `+gridColumns+`, g.geometry FROM `+gridFrom+` WHERE `+cond+` ORDER BY g.kind DESC, g.code`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	fc := geojson.NewFeatureCollection()
	for rows.Next() {
		var row struct {
			Grid
			Geometry string `db:"geometry"`
		}
		if err := rows.StructScan(&row); err != nil {
			return err
		}
		g, err := geojson.UnmarshalGeometry([]byte(row.Geometry))
		if err != nil {
			return err
		}
		f := geojson.NewFeature(geo.FromWGS84Geometry(crs, g.Geometry()))
		f.Properties = geojson.Properties{"code": row.Code, "name": row.Name, "kind": string(row.Kind), "kindName": KindName(row.Kind),
			"purpose": row.Purpose, "townshipCode": row.TownshipCode, "townshipName": row.TownshipName, "villageName": row.VillageName,
			"teamName": row.TeamName}
		fc.Append(f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return httpx.OK(w, fc)
}

func (s *Service) handleImport(w http.ResponseWriter, r *http.Request) error {
	f, err := httpx.UploadedFile(w, r)
	if err != nil {
		return err
	}
	defer f.Close()
	out, err := s.Import(r.Context(), httpx.Principal(r), f, ImportInput{RegionCode: r.FormValue("regionCode"),
		CRS: r.FormValue("crs"), DryRun: r.FormValue("dryRun") == "true"})
	if err != nil {
		return err
	}
	if out.DryRun {
		return httpx.OK(w, out)
	}
	return httpx.Created(w, out)
}
