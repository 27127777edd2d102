package grid

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	pgeo "zhifa/internal/platform/geo"
	"zhifa/internal/platform/ids"
)

// Limits on an import: the file, the grids in it and the positions of one grid.
const (
	MaxFileBytes     = 64 << 20
	MaxGrids         = 200_000
	MaxGridPositions = 20_000
	maxReported      = 200 // problems listed in one refusal
)

var codePattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z-]{3,31}$`)

// ImportInput says what an import is: the jurisdiction whose grids it replaces and the coordinate
// system of its positions (or the file's own "crs" member).
type ImportInput struct {
	RegionCode string
	CRS        string
	DryRun     bool
}

// ImportResult reports an import.
type ImportResult struct {
	RegionCode string         `json:"regionCode"`
	CRS        string         `json:"crs"`
	Basic      int            `json:"basic"`
	Special    int            `json:"special"`
	Boundary   bool           `json:"boundary"`
	Workers    int            `json:"workers"`
	AreaKm2    float64        `json:"areaKm2"`
	ByTownship map[string]int `json:"byTownship"`
	Replaced   int            `json:"replaced"`
	DryRun     bool           `json:"dryRun"`
}

// properties are the fields a grid feature carries.
type properties struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Purpose  string `json:"purpose"`
	Township string `json:"township"`
	Village  string `json:"village"`
	Team     string `json:"team"`
	Workers  any    `json:"workers"`
}

type parsed struct {
	props    properties
	kind     Kind
	geometry orb.Geometry
	team     string
	workers  []string
	township string
	village  string
	row      int
}

// Import replaces the grids of a jurisdiction with those of a GeoJSON FeatureCollection: all of
// them or, when any is wrong, none (every problem is listed, up to 200, with the feature's number).
func (s *Service) Import(ctx context.Context, p *access.Principal, file io.Reader, in ImportInput) (ImportResult, error) {
	region := strings.TrimSpace(in.RegionCode)
	if region == "" {
		region = p.RegionCode
	}
	if len(region) != 12 || !p.Scope().Contains(region) {
		return ImportResult{}, apperr.InvalidField("regionCode", "GRID_REGION_OUT_OF_SCOPE", "只能导入本辖区的网格")
	}
	raw, err := io.ReadAll(io.LimitReader(file, MaxFileBytes+1))
	if err != nil {
		return ImportResult{}, err
	}
	if len(raw) > MaxFileBytes {
		return ImportResult{}, apperr.InvalidField("file", "GRID_FILE_TOO_LARGE", "网格文件不能超过64MB")
	}
	if !utf8.Valid(raw) {
		return ImportResult{}, apperr.InvalidField("file", "GRID_FILE_ENCODING", "网格文件应为 UTF-8 编码的 GeoJSON")
	}
	crs, err := declaredCRS(raw, in.CRS)
	if err != nil {
		return ImportResult{}, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		return ImportResult{}, apperr.InvalidField("file", "GRID_FILE_INVALID", "不是有效的 GeoJSON 要素集合（FeatureCollection）："+shorten(err.Error()))
	}
	if len(fc.Features) == 0 {
		return ImportResult{}, apperr.InvalidField("file", "GRID_FILE_EMPTY", "文件中没有网格")
	}
	if len(fc.Features) > MaxGrids {
		return ImportResult{}, apperr.InvalidField("file", "GRID_TOO_MANY", fmt.Sprintf("一次最多导入 %d 个网格", MaxGrids))
	}
	ref, err := s.references(ctx, region)
	if err != nil {
		return ImportResult{}, err
	}
	var problems []apperr.Detail
	add := func(row int, field, code, msg string) {
		if len(problems) < maxReported {
			problems = append(problems, apperr.Detail{Row: row, Field: field, Code: code, Message: msg})
		}
	}
	var grids []parsed
	seen := map[string]int{}
	boundaries := 0
	for i, f := range fc.Features {
		row := i + 1
		g, ok := parseFeature(f, row, crs, ref, add)
		if !ok {
			continue
		}
		if g.kind == Boundary {
			boundaries++
			if boundaries > 1 {
				add(row, "kind", "GRID_BOUNDARY_TWICE", "辖区边界只能有一个")
				continue
			}
		} else if first, dup := seen[g.props.Code]; dup {
			add(row, "code", "GRID_CODE_DUPLICATE", fmt.Sprintf("网格编码 %s 与第 %d 个要素重复", g.props.Code, first))
			continue
		} else {
			seen[g.props.Code] = row
		}
		grids = append(grids, g)
	}
	checkOverlaps(grids, add)
	if len(problems) > 0 {
		return ImportResult{}, apperr.Rows("GRID_IMPORT_INVALID",
			fmt.Sprintf("网格文件有 %d 处错误，未导入任何网格", len(problems)), problems)
	}
	res := ImportResult{RegionCode: region, CRS: string(crs), ByTownship: map[string]int{}, DryRun: in.DryRun}
	for _, g := range grids {
		switch g.kind {
		case Basic:
			res.Basic++
			res.AreaKm2 += geo.Area(g.geometry) / 1e6
			res.ByTownship[ref.regionNames[g.township]]++
		case Special:
			res.Special++
		case Boundary:
			res.Boundary = true
		}
		res.Workers += len(g.workers)
	}
	if res.Basic == 0 {
		return ImportResult{}, apperr.InvalidField("file", "GRID_NO_BASIC", "文件中没有基础网格：基础网格应覆盖整个辖区")
	}
	if err := db.Get(ctx, s.DB.R, &res.Replaced, `SELECT COUNT(*) FROM grids WHERE region_code = ? AND kind <> 'boundary'`, region); err != nil {
		return ImportResult{}, err
	}
	if in.DryRun {
		return res, nil
	}
	importID := ids.New()
	now := clock.Stamp(s.now())
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `DELETE FROM grids WHERE region_code = ?`, region); err != nil {
			return err
		}
		for _, g := range grids {
			id := ids.New()
			body, err := geojson.NewGeometry(g.geometry).MarshalJSON()
			if err != nil {
				return err
			}
			b := g.geometry.Bound()
			code, name := g.props.Code, strings.TrimSpace(g.props.Name)
			if g.kind == Boundary {
				code, name = "boundary-"+region, ref.regionNames[region]+"辖区边界"
			}
			if _, err := db.Exec(ctx, tx, `INSERT INTO grids (id, code, name, kind, purpose, region_code, township_code, village_code,
				team_org_id, geometry, min_lng, min_lat, max_lng, max_lat, area_m2, source_crs, imported_at, import_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, code, name, g.kind, strings.TrimSpace(g.props.Purpose), region, g.township, g.village, g.team, string(body),
				b.Min[0], b.Min[1], b.Max[0], b.Max[1], geo.Area(g.geometry), string(crs), now, importID); err != nil {
				if db.IsUniqueViolation(err) {
					return apperr.Rows("GRID_IMPORT_INVALID", "网格编码已被其他辖区使用，未导入任何网格",
						[]apperr.Detail{{Row: g.row, Field: "code", Code: "GRID_CODE_TAKEN", Message: "网格编码 " + code + " 已被其他辖区使用"}})
				}
				return err
			}
			for _, w := range g.workers {
				if _, err := db.Exec(ctx, tx, `INSERT INTO grid_workers (grid_id, account_id) VALUES (?, ?)`, id, w); err != nil {
					return err
				}
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionImport, Entity: "grid", EntityID: region,
			EntityName: ref.regionNames[region], RegionCode: region,
			Summary: fmt.Sprintf("导入网格：基础网格 %d 个，专属网格 %d 个（%s 坐标），替换原有 %d 个", res.Basic, res.Special, crs, res.Replaced),
			Detail:  res})
	})
	if err != nil {
		return ImportResult{}, err
	}
	s.forget()
	return res, nil
}

// declaredCRS is the coordinate system the import declares: the form field, else the file's
// "crs" member (GeoJSON 2008 named CRS), else an error — positions of unknown system are refused.
func declaredCRS(raw []byte, field string) (pgeo.CRS, error) {
	if strings.TrimSpace(field) != "" {
		c, err := pgeo.ParseCRS(field)
		if err != nil {
			return "", apperr.InvalidField("crs", "GRID_CRS_UNKNOWN", "坐标系应为 WGS84、GCJ02、BD09 或 CGCS2000")
		}
		return c, nil
	}
	var head struct {
		CRS *struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"crs"`
	}
	if err := json.NewDecoder(bytes.NewReader(raw)).Decode(&head); err == nil && head.CRS != nil {
		name := head.CRS.Properties.Name
		if i := strings.LastIndex(name, "EPSG::"); i >= 0 {
			name = "EPSG:" + name[i+len("EPSG::"):]
		}
		if c, err := pgeo.ParseCRS(name); err == nil {
			return c, nil
		}
		return "", apperr.InvalidField("crs", "GRID_CRS_UNKNOWN", "文件声明的坐标系无法识别："+shorten(head.CRS.Properties.Name))
	}
	return "", apperr.InvalidField("crs", "GRID_CRS_REQUIRED", "请声明网格坐标所用的坐标系（WGS84、GCJ02、BD09 或 CGCS2000）")
}

// references are the regions, organisations and accounts of the jurisdiction an import may name.
type references struct {
	region      string
	regionNames map[string]string
	regionCodes map[string]string // name → code (township and village names are unique enough in a county)
	parents     map[string]string
	orgs        map[string]string // id and name → id
	accounts    map[string]string // username → id
}

func (s *Service) references(ctx context.Context, region string) (references, error) {
	ref := references{region: region, regionNames: map[string]string{}, regionCodes: map[string]string{}, parents: map[string]string{},
		orgs: map[string]string{}, accounts: map[string]string{}}
	scope := access.ScopeOf(region)
	cond, args := scope.In("code")
	var regions []struct {
		Code   string `db:"code"`
		Name   string `db:"name"`
		Parent string `db:"parent_code"`
	}
	if err := db.Select(ctx, s.DB.R, &regions, `SELECT code, name, COALESCE(parent_code, '') AS parent_code FROM regions WHERE `+cond, args...); err != nil {
		return ref, err
	}
	for _, r := range regions {
		ref.regionNames[r.Code], ref.parents[r.Code] = r.Name, r.Parent
		if _, taken := ref.regionCodes[r.Name]; !taken {
			ref.regionCodes[r.Name] = r.Code
		}
	}
	cond, args = scope.In("region_code")
	var orgs []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := db.Select(ctx, s.DB.R, &orgs, `SELECT id, name FROM organizations WHERE `+cond, args...); err != nil {
		return ref, err
	}
	for _, o := range orgs {
		ref.orgs[o.ID], ref.orgs[o.Name] = o.ID, o.ID
	}
	var accounts []struct {
		ID       string `db:"id"`
		Username string `db:"username"`
	}
	if err := db.Select(ctx, s.DB.R, &accounts, `SELECT id, username FROM accounts WHERE disabled = ? AND `+cond, append([]any{false}, args...)...); err != nil {
		return ref, err
	}
	for _, a := range accounts {
		ref.accounts[a.Username] = a.ID
	}
	return ref, nil
}

func (r references) regionCode(s string) string {
	s = strings.TrimSpace(s)
	if _, ok := r.regionNames[s]; ok {
		return s
	}
	return r.regionCodes[s]
}

func parseFeature(f *geojson.Feature, row int, crs pgeo.CRS, ref references, add func(int, string, string, string)) (parsed, bool) {
	var props properties
	raw, _ := json.Marshal(f.Properties)
	if err := json.Unmarshal(raw, &props); err != nil {
		add(row, "properties", "GRID_PROPERTIES_INVALID", "属性格式不正确："+shorten(err.Error()))
		return parsed{}, false
	}
	out := parsed{props: props, row: row}
	ok := true
	switch strings.TrimSpace(props.Kind) {
	case "", "basic", "基础网格":
		out.kind = Basic
	case "special", "专属网格":
		out.kind = Special
	case "boundary", "辖区边界":
		out.kind = Boundary
	default:
		add(row, "kind", "GRID_KIND_UNKNOWN", "网格类型应为 basic（基础网格）、special（专属网格）或 boundary（辖区边界）")
		return out, false
	}
	if f.Geometry == nil {
		add(row, "geometry", "GRID_GEOMETRY_REQUIRED", "缺少几何图形")
		return out, false
	}
	if n := positions(f.Geometry); n > MaxGridPositions && out.kind != Boundary {
		add(row, "geometry", "GRID_GEOMETRY_TOO_LARGE", fmt.Sprintf("网格边界点数 %d 超过上限 %d", n, MaxGridPositions))
		return out, false
	}
	if err := pgeo.ValidatePolygon(f.Geometry); err != nil {
		e := apperr.As(err)
		add(row, "geometry", e.Code, e.Message)
		return out, false
	}
	out.geometry = pgeo.TransformGeometry(crs, f.Geometry)
	if out.kind == Boundary {
		return out, true
	}
	if !codePattern.MatchString(strings.TrimSpace(props.Code)) {
		add(row, "code", "GRID_CODE_INVALID", "网格编码应为4至32位字母、数字或连字符")
		ok = false
	}
	out.props.Code = strings.TrimSpace(props.Code)
	if name := strings.TrimSpace(props.Name); name == "" || utf8.RuneCountInString(name) > 50 {
		add(row, "name", "GRID_NAME_INVALID", "网格名称不能为空，且不超过50个字")
		ok = false
	}
	if utf8.RuneCountInString(props.Purpose) > 50 {
		add(row, "purpose", "GRID_PURPOSE_TOO_LONG", "专属网格用途不超过50个字")
		ok = false
	}
	out.township = ref.regionCode(props.Township)
	if out.township == "" || ref.parents[out.township] != ref.region {
		add(row, "township", "GRID_TOWNSHIP_UNKNOWN", "乡镇（街道）不在本辖区："+shorten(props.Township))
		ok = false
	}
	if strings.TrimSpace(props.Village) != "" {
		out.village = ref.regionCode(props.Village)
		if out.village == "" || ref.parents[out.village] != out.township {
			add(row, "village", "GRID_VILLAGE_UNKNOWN", "村（社区）不在所填乡镇（街道）内："+shorten(props.Village))
			ok = false
		}
	} else if out.kind == Basic {
		add(row, "village", "GRID_VILLAGE_REQUIRED", "基础网格应填写所属村（社区）")
		ok = false
	}
	if strings.TrimSpace(props.Team) != "" {
		out.team = ref.orgs[strings.TrimSpace(props.Team)]
		if out.team == "" {
			add(row, "team", "GRID_TEAM_UNKNOWN", "责任队伍不是本辖区的机构："+shorten(props.Team))
			ok = false
		}
	}
	for _, u := range workerNames(props.Workers) {
		id := ref.accounts[u]
		if id == "" {
			add(row, "workers", "GRID_WORKER_UNKNOWN", "网格员账号不存在或已停用："+shorten(u))
			ok = false
			continue
		}
		out.workers = append(out.workers, id)
	}
	return out, ok
}

func workerNames(v any) []string {
	var out []string
	seen := map[string]bool{}
	addName := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	switch w := v.(type) {
	case string:
		for _, s := range strings.FieldsFunc(w, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' }) {
			addName(s)
		}
	case []any:
		for _, x := range w {
			if s, ok := x.(string); ok {
				addName(s)
			}
		}
	}
	return out
}

func positions(g orb.Geometry) int {
	n := 0
	switch v := g.(type) {
	case orb.Polygon:
		for _, r := range v {
			n += len(r)
		}
	case orb.MultiPolygon:
		for _, p := range v {
			n += positions(p)
		}
	}
	return n
}

// checkOverlaps reports basic grids whose interiors overlap: a place must lie in one basic grid.
func checkOverlaps(grids []parsed, add func(int, string, string, string)) {
	ix := pgeo.NewIndex[int]()
	for i, g := range grids {
		if g.kind != Basic {
			continue
		}
		for _, j := range ix.Overlapping(g.geometry) {
			add(g.row, "geometry", "GRID_OVERLAP",
				fmt.Sprintf("基础网格 %s 与 %s（第 %d 个要素）重叠：一个位置只能属于一个基础网格", g.props.Code, grids[j].props.Code, grids[j].row))
		}
		ix.Insert(g.geometry, i)
	}
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	return string([]rune(s)[:80]) + "…"
}
