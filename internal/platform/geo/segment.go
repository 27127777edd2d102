package geo

import (
	"github.com/paulmach/orb"
)

// segment is one edge of a ring, from a to b.
type segment struct {
	a, b orb.Point
}

// bound returns the segment's bounding box as rtree corners.
func (s segment) bound() (lo, hi [2]float64) {
	return [2]float64{min(s.a[0], s.b[0]), min(s.a[1], s.b[1])},
		[2]float64{max(s.a[0], s.b[0]), max(s.a[1], s.b[1])}
}

// orient is twice the signed area of the triangle a, b, c: positive when c lies to the left of
// the line a→b, negative to the right and zero when the three points are collinear.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// withinBox reports whether p lies in the bounding box of a and b. For a point known to be
// collinear with a and b this means it lies on the segment.
func withinBox(a, b, p orb.Point) bool {
	return min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
}

// oppositeSides reports whether two orientation values have strictly opposite signs.
func oppositeSides(d1, d2 float64) bool {
	return (d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)
}

// crossing reports whether s and t cross properly: each passes through the other's interior at a
// single point that is not an endpoint of either. The point is returned.
func crossing(s, t segment) (orb.Point, bool) {
	d1 := orient(t.a, t.b, s.a)
	d2 := orient(t.a, t.b, s.b)
	d3 := orient(s.a, s.b, t.a)
	d4 := orient(s.a, s.b, t.b)
	if !oppositeSides(d1, d2) || !oppositeSides(d3, d4) {
		return orb.Point{}, false
	}
	k := d1 / (d1 - d2)
	return orb.Point{s.a[0] + k*(s.b[0]-s.a[0]), s.a[1] + k*(s.b[1]-s.a[1])}, true
}

// intersection reports whether s and t have any point in common, including touching at an
// endpoint and overlapping collinearly, and returns one such point.
func intersection(s, t segment) (orb.Point, bool) {
	if p, ok := crossing(s, t); ok {
		return p, true
	}
	switch {
	case orient(t.a, t.b, s.a) == 0 && withinBox(t.a, t.b, s.a):
		return s.a, true
	case orient(t.a, t.b, s.b) == 0 && withinBox(t.a, t.b, s.b):
		return s.b, true
	case orient(s.a, s.b, t.a) == 0 && withinBox(s.a, s.b, t.a):
		return t.a, true
	case orient(s.a, s.b, t.b) == 0 && withinBox(s.a, s.b, t.b):
		return t.b, true
	}
	return orb.Point{}, false
}

// ringSegments returns the edges of a closed ring, leaving out zero-length edges produced by
// repeated positions.
func ringSegments(r orb.Ring) []segment {
	segs := make([]segment, 0, len(r))
	for i := 0; i+1 < len(r); i++ {
		if r[i] != r[i+1] {
			segs = append(segs, segment{r[i], r[i+1]})
		}
	}
	return segs
}
