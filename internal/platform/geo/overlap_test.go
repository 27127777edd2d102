package geo

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func rect(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestOverlap(t *testing.T) {
	unit := rect(0, 0, 1, 1)
	donut := orb.Polygon{square(0, 0, 6), square(2, 2, 2)}
	cases := []struct {
		name string
		a, b orb.Geometry
		want bool
	}{
		{"adjacent squares", unit, rect(1, 0, 2, 1), false},
		{"adjacent, offset", unit, rect(1, 0.5, 2, 1.5), false},
		{"adjacent, border split differently", orb.Polygon{{{0, 0}, {1, 0}, {1, 0.3}, {1, 0.7}, {1, 1}, {0, 1}, {0, 0}}},
			orb.Polygon{{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0.5}, {1, 0}}}, false},
		{"adjacent along a slanted border", orb.Polygon{{{0, 0}, {3, 1}, {0, 2}, {0, 0}}},
			orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 2}, {3, 1}, {0, 0}}}, false},
		{"touching at a corner", unit, rect(1, 1, 2, 2), false},
		{"apart", unit, rect(3, 3, 4, 4), false},
		{"overlapping squares", unit, rect(0.5, 0.5, 1.5, 1.5), true},
		{"one inside another", rect(0, 0, 10, 10), rect(2, 2, 3, 3), true},
		{"inside, sharing part of the border", rect(0, 0, 10, 10), rect(0, 2, 3, 3), true},
		{"identical", unit, rect(0, 0, 1, 1), true},
		{"identical, other start vertex", unit, orb.Polygon{{{1, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 1}}}, true},
		{"strip overlap without proper crossings", rect(0, 0, 4, 2), rect(3, 0, 6, 2), true},
		{"cross shape", rect(0, 1, 3, 2), rect(1, 0, 2, 3), true},
		{"in the hole of a donut", donut, rect(2, 2, 4, 4), false},
		{"inside the hole of a donut", donut, rect(2.5, 2.5, 3, 3), false},
		{"covering the hole of a donut", donut, rect(1, 1, 5, 5), true},
		{"multipolygon, one part overlaps", orb.MultiPolygon{rect(10, 10, 11, 11), rect(0.5, 0, 1.5, 1)}, unit, true},
		{"multipolygon, parts adjacent", orb.MultiPolygon{rect(10, 10, 11, 11), rect(1, 0, 2, 1)}, unit, false},
		{"not a polygon", unit, orb.Point{0.5, 0.5}, false},
		{"nil", unit, nil, false},
	}
	for _, c := range cases {
		if got := Overlap(c.a, c.b); got != c.want {
			t.Errorf("%s: Overlap(a, b) = %v; want %v", c.name, got, c.want)
		}
		if got := Overlap(c.b, c.a); got != c.want {
			t.Errorf("%s: Overlap(b, a) = %v; want %v", c.name, got, c.want)
		}
	}
}

func TestInteriorPoint(t *testing.T) {
	cases := map[string]orb.Polygon{
		"square":   rect(0, 0, 1, 1),
		"U shape":  {{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}},
		"donut":    {square(0, 0, 6), square(1, 1, 4)},
		"triangle": {{{0, 0}, {2, 1}, {0, 2}, {0, 0}}},
		"C shape":  {{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 2}, {3, 2}, {3, 3}, {0, 3}, {0, 0}}},
		"diamond":  {{{1, 0}, {2, 1}, {1, 2}, {0, 1}, {1, 0}}},
		"sliver":   {{{116.4, 39.9}, {116.4001, 39.9}, {116.4001, 39.9000001}, {116.4, 39.9}}},
		"lattice":  lattice(1, 1)[0],
	}
	for name, p := range cases {
		pt := InteriorPoint(p)
		if !strictlyInside(p, pt) && !(name == "sliver" && planar.PolygonContains(p, pt)) {
			t.Errorf("%s: InteriorPoint = %v is not strictly inside", name, pt)
		}
	}
	if got := InteriorPoint(orb.Polygon{}); got != (orb.Point{}) {
		t.Errorf("InteriorPoint(empty) = %v", got)
	}
}

// TestLatticeTiles checks that the benchmark lattice is made of valid polygons that tile the
// plane without overlapping, so the benchmarks measure lookups in a realistic grid layer.
func TestLatticeTiles(t *testing.T) {
	const cols, rows = 12, 9
	polys := lattice(cols, rows)
	vertices := map[int]bool{}
	for i, p := range polys {
		if err := ValidatePolygon(p); err != nil {
			t.Fatalf("cell %d: %v", i, err)
		}
		vertices[len(p[0])-1] = true
	}
	for n := range vertices {
		if n < 5 || n > 12 {
			t.Errorf("a cell has %d vertices; want 5 to 12", n)
		}
	}
	if len(vertices) < 4 {
		t.Errorf("cells have only %d different vertex counts", len(vertices))
	}
	var area float64
	for i, p := range polys {
		area += planar.Area(p)
		for j := i + 1; j < len(polys); j++ {
			if Overlap(p, polys[j]) {
				t.Errorf("cells %d and %d overlap", i, j)
			}
		}
	}
	want := cols * rows
	if got := area / (latticeCellLng * latticeCellLat); got < float64(want)-0.5 || got > float64(want)+0.5 {
		t.Errorf("total area is %.3f cells; want about %d", got, want)
	}
}
