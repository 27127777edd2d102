// Package grid keeps the county's grids (网格): basic grids (基础网格) that tile the county without
// gaps or overlaps, each owned by a village or community and a township and served by a team and
// its grid workers, and special-purpose grids (专属网格) laid over them for schools, markets, parks,
// industrial parks and the like. A place is located in its grids by an in-memory R-tree built from
// the stored polygons (WGS-84); the jurisdiction's outline, imported with the grids, tells a place
// in the county from one outside it.
package grid

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/geo"
)

// Kind says what a grid is.
type Kind string

// Kinds of grid.
const (
	Basic    Kind = "basic"    // 基础网格: tiles the county; every place lies in exactly one
	Special  Kind = "special"  // 专属网格: laid over basic grids for one purpose
	Boundary Kind = "boundary" // 辖区边界: the outline of the jurisdiction the grids divide
)

// KindName is the Chinese name of a kind.
func KindName(k Kind) string {
	switch k {
	case Basic:
		return "基础网格"
	case Special:
		return "专属网格"
	case Boundary:
		return "辖区边界"
	}
	return string(k)
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "grid", Name: "网格"}}

// Grid is one stored grid.
type Grid struct {
	ID           string   `json:"id" db:"id"`
	Code         string   `json:"code" db:"code"`
	Name         string   `json:"name" db:"name"`
	Kind         Kind     `json:"kind" db:"kind"`
	KindName     string   `json:"kindName" db:"-"`
	Purpose      string   `json:"purpose" db:"purpose"`
	RegionCode   string   `json:"regionCode" db:"region_code"`
	TownshipCode string   `json:"townshipCode" db:"township_code"`
	TownshipName string   `json:"townshipName" db:"township_name"`
	VillageCode  string   `json:"villageCode" db:"village_code"`
	VillageName  string   `json:"villageName" db:"village_name"`
	TeamOrgID    string   `json:"teamOrgId" db:"team_org_id"`
	TeamName     string   `json:"teamName" db:"team_name"`
	AreaM2       float64  `json:"areaM2" db:"area_m2"`
	SourceCRS    string   `json:"sourceCrs" db:"source_crs"`
	ImportedAt   string   `json:"importedAt" db:"imported_at"`
	Workers      []Worker `json:"workers" db:"-"`
}

// Worker is a grid worker (网格员) of a grid.
type Worker struct {
	AccountID string `json:"accountId" db:"account_id"`
	Username  string `json:"username" db:"username"`
	Name      string `json:"name" db:"display_name"`
}

// Ref names a grid in an answer.
type Ref struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Kind    Kind   `json:"kind"`
	Purpose string `json:"purpose,omitempty"`
}

// Place is where a point lies: its basic grid with the village, township and team that own it,
// the special-purpose grids over it, and what is wrong with the grid data there, if anything.
type Place struct {
	Lng          float64 `json:"lng"`
	Lat          float64 `json:"lat"`
	RegionCode   string  `json:"regionCode"`
	Grid         *Ref    `json:"grid"`
	TownshipCode string  `json:"townshipCode"`
	TownshipName string  `json:"townshipName"`
	VillageCode  string  `json:"villageCode"`
	VillageName  string  `json:"villageName"`
	TeamOrgID    string  `json:"teamOrgId"`
	TeamName     string  `json:"teamName"`
	Special      []Ref   `json:"special"`
	// Problem is a grid data error at the point: in no basic grid although inside the outline
	// (GRID_GAP) or in more than one (GRID_OVERLAP). The event is still taken and routed by
	// township where one is known; the problem is listed for the grid administrator.
	Problem string `json:"problem,omitempty"`
}

// PlaceCode is the most precise region code of the place: village, else township, else county.
func (p Place) PlaceCode() string {
	switch {
	case p.VillageCode != "":
		return p.VillageCode
	case p.TownshipCode != "":
		return p.TownshipCode
	}
	return p.RegionCode
}

// Service keeps the grids.
type Service struct {
	DB    *db.DB
	Audit *audit.Log
	Clock clock.Clock

	mu      sync.Mutex
	index   *located
	checked time.Time
}

// located is the index of every stored grid with the stamp of the import it was built from.
type located struct {
	stamp    string
	basic    *geo.Index[*Grid]
	special  *geo.Index[*Grid]
	boundary *geo.Index[*Grid]
	outlines map[string]bool // region codes with an outline
}

// refreshEvery bounds how long another process's import may go unseen by this one.
const refreshEvery = 5 * time.Second

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now().UTC()
	}
	return s.Clock.Now()
}

// loaded returns the index, rebuilding it when the stored grids changed.
func (s *Service) loaded(ctx context.Context) (*located, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.index != nil && time.Since(s.checked) < refreshEvery {
		return s.index, nil
	}
	var stamp struct {
		N    int    `db:"n"`
		Last string `db:"last"`
	}
	if err := db.Get(ctx, s.DB.R, &stamp, `SELECT COUNT(*) AS n, COALESCE(MAX(imported_at), '') AS last FROM grids`); err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%d/%s", stamp.N, stamp.Last)
	if s.index != nil && s.index.stamp == key {
		s.checked = time.Now()
		return s.index, nil
	}
	ix, err := build(ctx, s.DB.R, key)
	if err != nil {
		return nil, err
	}
	s.index, s.checked = ix, time.Now()
	return ix, nil
}

// forget drops the index so that the next lookup rebuilds it.
func (s *Service) forget() {
	s.mu.Lock()
	s.index = nil
	s.mu.Unlock()
}

const gridColumns = `g.id, g.code, g.name, g.kind, g.purpose, g.region_code, g.township_code, g.village_code, g.team_org_id,
	g.area_m2, g.source_crs, g.imported_at,
	COALESCE(t.name, '') AS township_name, COALESCE(v.name, '') AS village_name, COALESCE(o.name, '') AS team_name`

const gridFrom = `grids g LEFT JOIN regions t ON t.code = g.township_code LEFT JOIN regions v ON v.code = g.village_code
	LEFT JOIN organizations o ON o.id = g.team_org_id`

func build(ctx context.Context, c db.Conn, stamp string) (*located, error) {
	ix := &located{stamp: stamp, basic: geo.NewIndex[*Grid](), special: geo.NewIndex[*Grid](),
		boundary: geo.NewIndex[*Grid](), outlines: map[string]bool{}}
	rows, err := c.QueryxContext(ctx, `SELECT `+gridColumns+`, g.geometry FROM `+gridFrom+` ORDER BY g.code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r struct {
			Grid
			Geometry string `db:"geometry"`
		}
		if err := rows.StructScan(&r); err != nil {
			return nil, err
		}
		g, err := geojson.UnmarshalGeometry([]byte(r.Geometry))
		if err != nil {
			return nil, fmt.Errorf("网格 %s 的几何数据损坏: %w", r.Code, err)
		}
		grid := r.Grid
		grid.KindName = KindName(grid.Kind)
		switch grid.Kind {
		case Basic:
			ix.basic.Insert(g.Geometry(), &grid)
		case Special:
			ix.special.Insert(g.Geometry(), &grid)
		case Boundary:
			ix.boundary.Insert(g.Geometry(), &grid)
			ix.outlines[grid.RegionCode] = true
		}
	}
	return ix, rows.Err()
}

// Locate finds the grids at a point given in crs (WGS-84 when empty). A point outside every
// jurisdiction outline in scope — or, where no outline was imported, outside every basic grid — is
// refused with GRID_POINT_OUT_OF_SCOPE.
func (s *Service) Locate(ctx context.Context, scope access.Scope, crs geo.CRS, lng, lat float64) (Place, error) {
	if crs == "" {
		crs = geo.WGS84
	}
	if lng < -180 || lng > 180 || lat < -90 || lat > 90 || lng != lng || lat != lat {
		return Place{}, apperr.InvalidField("lng", "GRID_POINT_INVALID", "经纬度超出范围（经度 −180～180，纬度 −90～90）")
	}
	pt := geo.ToWGS84(crs, orb.Point{lng, lat})
	ix, err := s.loaded(ctx)
	if err != nil {
		return Place{}, err
	}
	return ix.locate(scope, pt)
}

func (ix *located) locate(scope access.Scope, pt orb.Point) (Place, error) {
	place := Place{Lng: pt[0], Lat: pt[1], Special: []Ref{}}
	var inside *Grid
	for _, b := range ix.boundary.Locate(pt) {
		if scope.Contains(b.RegionCode) {
			inside = b
			break
		}
	}
	// A grid belongs to the township that owns it: a township's staff locate in their own grids.
	var basics []*Grid
	for _, g := range ix.basic.Locate(pt) {
		if scope.Contains(g.TownshipCode) {
			basics = append(basics, g)
		}
	}
	if inside == nil && len(basics) == 0 {
		return Place{}, apperr.InvalidField("location", "GRID_POINT_OUT_OF_SCOPE",
			fmt.Sprintf("位置（%.6f, %.6f）不在本辖区内", pt[0], pt[1]))
	}
	if inside != nil {
		place.RegionCode = inside.RegionCode
	}
	switch len(basics) {
	case 0:
		place.Problem = "GRID_GAP"
	default:
		g := basics[0]
		if len(basics) > 1 {
			place.Problem = "GRID_OVERLAP"
		}
		place.Grid = &Ref{Code: g.Code, Name: g.Name, Kind: g.Kind}
		place.RegionCode = g.RegionCode
		place.TownshipCode, place.TownshipName = g.TownshipCode, g.TownshipName
		place.VillageCode, place.VillageName = g.VillageCode, g.VillageName
		place.TeamOrgID, place.TeamName = g.TeamOrgID, g.TeamName
	}
	for _, g := range ix.special.Locate(pt) {
		if scope.Contains(g.TownshipCode) {
			place.Special = append(place.Special, Ref{Code: g.Code, Name: g.Name, Kind: g.Kind, Purpose: g.Purpose})
		}
	}
	return place, nil
}

// Filter narrows a list of grids.
type Filter struct {
	Kind         string `query:"kind" text:"10" doc:"basic 基础网格 | special 专属网格"`
	TownshipCode string `query:"townshipCode" text:"12" doc:"乡镇（街道）代码"`
	Q            string `query:"q" text:"50" doc:"网格编码或名称"`
}

// Feature is one grid as GeoJSON for the dispatcher's map.
type Feature = geojson.Feature

// workersOf loads the grid workers of the given grids.
func workersOf(ctx context.Context, c db.Conn, ids []string) (map[string][]Worker, error) {
	out := map[string][]Worker{}
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT w.grid_id, w.account_id, COALESCE(a.username, '') AS username, COALESCE(a.display_name, '') AS display_name
		FROM grid_workers w LEFT JOIN accounts a ON a.id = w.account_id WHERE w.grid_id IN (?) ORDER BY a.username`, ids)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		GridID string `db:"grid_id"`
		Worker
	}
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.GridID] = append(out[r.GridID], r.Worker)
	}
	return out, nil
}

// geometryJSON is a stored geometry, for the map layer.
type geometryJSON = json.RawMessage
