package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/rtree"

	"zhifa/internal/platform/apperr"
)

// bruteForceLimit is the edge count below which a ring is checked for self-intersection by
// comparing every pair of edges; larger rings go through an R-tree of their edges.
const bruteForceLimit = 64

// ValidatePolygon checks a grid boundary before import. g must be an orb.Polygon or an
// orb.MultiPolygon (otherwise GEO_NOT_POLYGON). Every ring must have at least 4 positions and
// end where it starts (GEO_RING_OPEN), hold finite coordinates with longitude in -180..180 and
// latitude in -90..90 (GEO_COORD_INVALID), not cross or touch itself (GEO_SELF_INTERSECTION,
// with the position in the message) and enclose a non-zero area (GEO_EMPTY_AREA).
//
// Rings are checked one at a time: whether holes lie inside their shell, or the parts of a
// multipolygon are disjoint, is not checked here.
func ValidatePolygon(g orb.Geometry) error {
	switch g := g.(type) {
	case orb.Polygon:
		return validatePolygon(g, "")
	case orb.MultiPolygon:
		if len(g) == 0 {
			return apperr.Invalid("GEO_EMPTY_AREA", "多边形集合为空")
		}
		for i, p := range g {
			if err := validatePolygon(p, fmt.Sprintf("第 %d 个多边形的", i+1)); err != nil {
				return err
			}
		}
		return nil
	case nil:
		return apperr.Invalid("GEO_NOT_POLYGON", "缺少图形，网格边界必须是 Polygon 或 MultiPolygon")
	default:
		return apperr.Invalid("GEO_NOT_POLYGON",
			"网格边界必须是 Polygon 或 MultiPolygon，收到的是 "+g.GeoJSONType())
	}
}

// validatePolygon checks the rings of one polygon; prefix names the polygon inside a
// multipolygon and is empty otherwise.
func validatePolygon(p orb.Polygon, prefix string) error {
	if len(p) == 0 {
		return apperr.Invalid("GEO_EMPTY_AREA", prefix+"多边形没有任何坐标")
	}
	for i, r := range p {
		name := prefix + "外边界"
		if i > 0 {
			name = prefix + fmt.Sprintf("第 %d 个内环", i)
		}
		if err := validateRing(r, name); err != nil {
			return err
		}
	}
	return nil
}

// validateRing checks one ring; name says which ring it is in messages.
func validateRing(r orb.Ring, name string) error {
	if len(r) < 4 || r[0] != r[len(r)-1] {
		return apperr.Invalid("GEO_RING_OPEN", name+"至少需要 4 个坐标点，且首尾坐标必须相同")
	}
	for _, p := range r {
		if !validCoord(p) {
			return apperr.Invalid("GEO_COORD_INVALID", fmt.Sprintf(
				"%s含有无效坐标 %v,%v（经度须在 -180 至 180 之间，纬度须在 -90 至 90 之间）",
				name, p[0], p[1]))
		}
	}
	segs := ringSegments(r)
	if len(segs) < 3 {
		return apperr.Invalid("GEO_EMPTY_AREA", name+"面积为零")
	}
	if at, ok := selfIntersection(segs); ok {
		return apperr.Invalid("GEO_SELF_INTERSECTION",
			fmt.Sprintf("%s自相交，交点位于 %.6f,%.6f", name, at[0], at[1]))
	}
	if planar.Area(r) == 0 {
		return apperr.Invalid("GEO_EMPTY_AREA", name+"面积为零")
	}
	return nil
}

// validCoord reports whether p is a finite longitude, latitude pair within range.
func validCoord(p orb.Point) bool {
	lng, lat := p[0], p[1]
	if math.IsNaN(lng) || math.IsNaN(lat) || math.IsInf(lng, 0) || math.IsInf(lat, 0) {
		return false
	}
	return lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90
}

// selfIntersection looks for two edges of a closed ring that meet where they should not and
// returns the first such point, ordered by the lower then the higher edge index.
func selfIntersection(segs []segment) (orb.Point, bool) {
	n := len(segs)
	if n < bruteForceLimit {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if at, ok := edgesClash(segs, i, j); ok {
					return at, true
				}
			}
		}
		return orb.Point{}, false
	}

	var tr rtree.RTreeG[int]
	for i, s := range segs {
		lo, hi := s.bound()
		tr.Insert(lo, hi, i)
	}
	for i, s := range segs {
		lo, hi := s.bound()
		best, found := orb.Point{}, -1
		tr.Search(lo, hi, func(_, _ [2]float64, j int) bool {
			if j <= i || (found >= 0 && j > found) {
				return true
			}
			if at, ok := edgesClash(segs, i, j); ok {
				best, found = at, j
			}
			return true
		})
		if found >= 0 {
			return best, true
		}
	}
	return orb.Point{}, false
}

// edgesClash reports whether edges i < j of a closed ring meet improperly. Edges that follow each
// other share a vertex, which is fine unless the second runs back along the first; any other
// pair must not meet at all.
func edgesClash(segs []segment, i, j int) (orb.Point, bool) {
	s, t := segs[i], segs[j]
	switch {
	case j == i+1:
		return doublesBack(s, t)
	case i == 0 && j == len(segs)-1:
		return doublesBack(t, s)
	default:
		return intersection(s, t)
	}
}

// doublesBack reports whether edge t, which starts where s ends, runs back over s. The shared
// vertex is returned as the position.
func doublesBack(s, t segment) (orb.Point, bool) {
	if orient(s.a, s.b, t.b) != 0 {
		return orb.Point{}, false
	}
	dot := (s.b[0]-s.a[0])*(t.b[0]-t.a[0]) + (s.b[1]-s.a[1])*(t.b[1]-t.a[1])
	if dot < 0 {
		return s.b, true
	}
	return orb.Point{}, false
}
