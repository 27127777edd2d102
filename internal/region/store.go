package region

import (
	"context"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/query"
)

const regionColumns = `r.code, r.name, r.level, r.parent_code,
	(SELECT COUNT(*) FROM regions c WHERE c.parent_code = r.code) AS child_count`

const selectRegion = `SELECT ` + regionColumns + ` FROM regions r`

// Get returns one region inside scope, or its ancestors (a township officer may see the county
// that contains them, not its siblings).
func Get(ctx context.Context, d *db.DB, scope access.Scope, code string) (Detail, error) {
	var r Region
	if err := db.Get(ctx, d.R, &r, selectRegion+` WHERE r.code = ?`, code); err != nil {
		if db.IsNoRows(err) {
			return Detail{}, apperr.NotFound("行政区划")
		}
		return Detail{}, err
	}
	// The regions above a jurisdiction are public: a township officer sees the county that
	// contains it, not its siblings.
	if !scope.Sees(r.Code, true) {
		return Detail{}, apperr.NotFound("行政区划")
	}
	path, err := Path(ctx, d, r.Code)
	if err != nil {
		return Detail{}, err
	}
	return Detail{Region: r, Path: path}, nil
}

// Path returns the region and its ancestors, top first.
func Path(ctx context.Context, d *db.DB, code string) ([]Ref, error) {
	codes := append(Ancestors(code), code)
	q, args, err := db.In(`SELECT code, name FROM regions WHERE code IN (?) ORDER BY code`, codes)
	if err != nil {
		return nil, err
	}
	var out []Ref
	if err := db.Select(ctx, d.R, &out, q, args...); err != nil {
		return nil, err
	}
	// Codes order the path top-down only by level; sort explicitly by level for safety.
	byLevel := make([]Ref, 0, len(out))
	for l := LevelProvince; l <= LevelVillage; l++ {
		for _, r := range out {
			if LevelOf(r.Code) == l {
				byLevel = append(byLevel, r)
			}
		}
	}
	return byLevel, nil
}

// Names returns the names of the given codes.
func Names(ctx context.Context, d *db.DB, codes []string) (map[string]string, error) {
	return namesIn(ctx, d.R, codes)
}

// Directory names regions for the platform's settings per jurisdiction (settings.Regions).
type Directory struct{}

// Names returns the names of those of codes that are regions, read through c (a transaction's
// own connection inside one).
func (Directory) Names(ctx context.Context, c db.Conn, codes []string) (map[string]string, error) {
	return namesIn(ctx, c, codes)
}

func namesIn(ctx context.Context, c db.Conn, codes []string) (map[string]string, error) {
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT code, name FROM regions WHERE code IN (?)`, codes)
	if err != nil {
		return nil, err
	}
	var refs []Ref
	if err := db.Select(ctx, c, &refs, q, args...); err != nil {
		return nil, err
	}
	for _, r := range refs {
		out[r.Code] = r.Name
	}
	return out, nil
}

// Exists reports whether a region exists.
func Exists(ctx context.Context, c db.Conn, code string) (bool, error) {
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM regions WHERE code = ?`, code)
	return n > 0, err
}

// Filter narrows a listing.
type Filter struct {
	Parent string `query:"parent" doc:"上级区划代码；为空且无检索词时返回本辖区根节点"`
	Query  string `query:"q" doc:"名称或代码检索"`
	Level  int    `query:"level" doc:"层级：1省 2市 3县 4乡镇 5村"`
}

// List returns one page of regions inside scope. With neither parent nor query it returns the root
// of the caller's jurisdiction.
func List(ctx context.Context, d *db.DB, scope access.Scope, rootCode string, f Filter, p httpx.Page) ([]Region, int, error) {
	var w query.Where
	w.Add(scope.In("r.code"))
	switch {
	case f.Parent != "":
		w.And("r.parent_code = ?", f.Parent)
	case f.Query == "" && f.Level == 0 && rootCode != "":
		w.And("r.code = ?", rootCode)
	case f.Query == "" && f.Level == 0:
		w.And("r.parent_code IS NULL")
	}
	w.If(f.Query != "", "(r.name LIKE ?"+db.LikeEscape+" OR r.code LIKE ?)", db.Like(f.Query), strings.TrimSpace(f.Query)+"%")
	w.If(f.Level != 0, "r.level = ?", f.Level)
	order, err := query.Order{"code": "r.code", "name": db.Pinyin(d.R, "r.name"), "level": "r.level"}.SQL(p, "code", "r.code")
	if err != nil {
		return nil, 0, err
	}
	out, total, err := query.List[Region](ctx, d.R, regionColumns, "regions r", &w, order, p)
	if err != nil {
		return nil, 0, err
	}
	if f.Query != "" {
		if err := fillPathNames(ctx, d, out); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

func fillPathNames(ctx context.Context, d *db.DB, rs []Region) error {
	var codes []string
	for _, r := range rs {
		codes = append(codes, Ancestors(r.Code)...)
	}
	names, err := Names(ctx, d, codes)
	if err != nil {
		return err
	}
	for i, r := range rs {
		var parts []string
		for _, a := range Ancestors(r.Code) {
			if n, ok := names[a]; ok {
				parts = append(parts, n)
			}
		}
		rs[i].PathName = strings.Join(append(parts, r.Name), " / ")
	}
	return nil
}

// InScope normalises a region code given by a caller and checks that the region exists inside
// scope; a region outside it is reported as not found, so jurisdiction boundaries do not leak.
func InScope(ctx context.Context, c db.Conn, scope access.Scope, raw string) (string, error) {
	code, _, err := NormalizeCode(raw)
	if err != nil {
		return "", apperr.As(err).WithField("regionCode")
	}
	if !scope.Contains(code) {
		return "", apperr.NotFound("行政区划")
	}
	if ok, err := Exists(ctx, c, code); err != nil {
		return "", err
	} else if !ok {
		return "", apperr.NotFound("行政区划")
	}
	return code, nil
}

// Name returns a region's name, or "" when there is no such region.
func Name(ctx context.Context, c db.Conn, code string) (string, error) {
	var name string
	if err := db.Get(ctx, c, &name, `SELECT name FROM regions WHERE code = ?`, code); err != nil && !db.IsNoRows(err) {
		return "", err
	}
	return name, nil
}
