package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/rtree"
)

// boundaryTolerance is the distance, in degrees (about 10 µm), within which a point counts as
// lying on a polygon's boundary. It absorbs rounding when a shared border is split at different
// vertices by the two polygons that share it.
const boundaryTolerance = 1e-10

// Overlap reports whether two polygons or multipolygons share area: an edge of one properly
// crosses an edge of the other, part of one boundary runs through the other's interior, or one
// lies inside the other (which includes identical polygons). Polygons that only share border
// segments or corners, as neighbouring grids do, do not overlap. Geometries that are not
// polygons or multipolygons never overlap anything.
func Overlap(a, b orb.Geometry) bool {
	for _, p := range polygonsOf(a) {
		for _, q := range polygonsOf(b) {
			if polygonsOverlap(p, q) {
				return true
			}
		}
	}
	return false
}

// InteriorPoint returns a point strictly inside p (inside the shell, outside every hole). It
// draws a horizontal line through the middle of the bounding box, nudged off any vertex, and
// takes the middle of the widest stretch of that line lying inside the polygon. For an empty or
// degenerate polygon it falls back to the centre of the bounding box.
func InteriorPoint(p orb.Polygon) orb.Point {
	if len(p) == 0 || len(p[0]) == 0 {
		return orb.Point{}
	}
	bound := p[0].Bound()
	mid := (bound.Min[1] + bound.Max[1]) / 2
	below, above := math.Inf(-1), math.Inf(1)
	for _, r := range p {
		for _, v := range r {
			if v[1] <= mid && v[1] > below {
				below = v[1]
			}
			if v[1] > mid && v[1] < above {
				above = v[1]
			}
		}
	}
	if math.IsInf(below, 0) || math.IsInf(above, 0) {
		return bound.Center()
	}
	y := (below + above) / 2

	var xs []float64
	for _, r := range p {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a[1] < y) != (b[1] < y) {
				xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	best, width := bound.Center(), 0.0
	for k := 0; k+1 < len(xs); k += 2 {
		if w := xs[k+1] - xs[k]; w > width {
			best, width = orb.Point{(xs[k] + xs[k+1]) / 2, y}, w
		}
	}
	return best
}

// polygonsOf returns the polygons of a Polygon or MultiPolygon, and nil for anything else.
func polygonsOf(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	default:
		return nil
	}
}

// polygonsOverlap reports whether the interiors of p and q intersect.
func polygonsOverlap(p, q orb.Polygon) bool {
	if len(p) == 0 || len(q) == 0 || len(p[0]) == 0 || len(q[0]) == 0 {
		return false
	}
	if !p.Bound().Intersects(q.Bound()) {
		return false
	}
	if boundaryEnters(p, q) || boundaryEnters(q, p) {
		return true
	}
	return planar.PolygonContains(q, InteriorPoint(p)) || planar.PolygonContains(p, InteriorPoint(q))
}

// boundaryEnters reports whether some part of p's boundary lies in q's interior. Each edge of p
// that meets q's boundary is cut where it does, and the middle of every piece is tested; a ring
// of p that never meets q's boundary is either wholly inside q or wholly outside, so one vertex
// decides it.
func boundaryEnters(p, q orb.Polygon) bool {
	edges := newSegmentSet(polygonSegments(q))
	for _, r := range p {
		touched := false
		for _, s := range ringSegments(r) {
			cuts := []float64{0, 1}
			met := false
			crossed := false
			lo, hi := s.bound()
			edges.search(lo, hi, func(t segment) bool {
				if _, ok := crossing(s, t); ok {
					crossed = true
					return false
				}
				for _, v := range [2]orb.Point{t.a, t.b} {
					if orient(s.a, s.b, v) == 0 && withinBox(s.a, s.b, v) {
						cuts = append(cuts, position(s, v))
						met = true
					}
				}
				for _, v := range [2]orb.Point{s.a, s.b} {
					if orient(t.a, t.b, v) == 0 && withinBox(t.a, t.b, v) {
						met = true
					}
				}
				return true
			})
			if crossed {
				return true
			}
			if !met {
				continue
			}
			touched = true
			slices.Sort(cuts)
			for k := 0; k+1 < len(cuts); k++ {
				if cuts[k+1] <= cuts[k] {
					continue
				}
				m := (cuts[k] + cuts[k+1]) / 2
				at := orb.Point{s.a[0] + m*(s.b[0]-s.a[0]), s.a[1] + m*(s.b[1]-s.a[1])}
				if strictlyInside(q, at) {
					return true
				}
			}
		}
		if !touched && len(r) > 0 && strictlyInside(q, r[0]) {
			return true
		}
	}
	return false
}

// position returns where along s the point v (known to lie on s) falls, from 0 at s.a to 1 at s.b.
func position(s segment, v orb.Point) float64 {
	dx, dy := s.b[0]-s.a[0], s.b[1]-s.a[1]
	return ((v[0]-s.a[0])*dx + (v[1]-s.a[1])*dy) / (dx*dx + dy*dy)
}

// strictlyInside reports whether pt is inside q and not on (or within boundaryTolerance of) its
// boundary.
func strictlyInside(q orb.Polygon, pt orb.Point) bool {
	if !planar.PolygonContains(q, pt) {
		return false
	}
	for _, r := range q {
		for i := 0; i+1 < len(r); i++ {
			if planar.DistanceFromSegmentSquared(r[i], r[i+1], pt) <= boundaryTolerance*boundaryTolerance {
				return false
			}
		}
	}
	return true
}

// polygonSegments returns the edges of every ring of p.
func polygonSegments(p orb.Polygon) []segment {
	var segs []segment
	for _, r := range p {
		segs = append(segs, ringSegments(r)...)
	}
	return segs
}

// segmentSet finds the segments whose bounding boxes meet a box: by scanning when there are few,
// through an R-tree when there are many.
type segmentSet struct {
	segs []segment
	tree *rtree.RTreeG[int]
}

func newSegmentSet(segs []segment) segmentSet {
	set := segmentSet{segs: segs}
	if len(segs) >= bruteForceLimit {
		set.tree = &rtree.RTreeG[int]{}
		for i, s := range segs {
			lo, hi := s.bound()
			set.tree.Insert(lo, hi, i)
		}
	}
	return set
}

// search calls fn for every segment whose bounding box meets [lo, hi] until fn returns false.
func (set segmentSet) search(lo, hi [2]float64, fn func(segment) bool) {
	if set.tree != nil {
		set.tree.Search(lo, hi, func(_, _ [2]float64, i int) bool { return fn(set.segs[i]) })
		return
	}
	for _, s := range set.segs {
		slo, shi := s.bound()
		if slo[0] <= hi[0] && shi[0] >= lo[0] && slo[1] <= hi[1] && shi[1] >= lo[1] {
			if !fn(s) {
				return
			}
		}
	}
}
