package geo

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"zhifa/internal/platform/apperr"
)

func square(x0, y0, size float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}
}

// circle returns a closed ring of n vertices around (cx, cy).
func circle(cx, cy, r float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for k := range n {
		a := 2 * math.Pi * float64(k) / float64(n)
		ring = append(ring, orb.Point{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func wantCode(t *testing.T, name string, err error, code string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Errorf("%s: unexpected error %v", name, err)
		}
		return
	}
	if !apperr.Is(err, code) {
		t.Errorf("%s: error = %v; want %s", name, err, code)
	}
}

func TestValidatePolygon(t *testing.T) {
	cases := []struct {
		name string
		g    orb.Geometry
		code string
	}{
		{"square", orb.Polygon{square(116, 39, 0.01)}, ""},
		{"clockwise square", orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}, ""},
		{"square with hole", orb.Polygon{square(0, 0, 4), square(1, 1, 1)}, ""},
		{"repeated position", orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}, ""},
		{"multipolygon", orb.MultiPolygon{{square(0, 0, 1)}, {square(2, 0, 1)}}, ""},
		{"large circle", orb.Polygon{circle(116.4, 39.9, 0.05, 5000)}, ""},
		{"concave U", orb.Polygon{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}, ""},

		{"nil", nil, "GEO_NOT_POLYGON"},
		{"point", orb.Point{1, 2}, "GEO_NOT_POLYGON"},
		{"line", orb.LineString{{0, 0}, {1, 1}}, "GEO_NOT_POLYGON"},
		{"bare ring", square(0, 0, 1), "GEO_NOT_POLYGON"},

		{"open ring", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, "GEO_RING_OPEN"},
		{"three positions", orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, "GEO_RING_OPEN"},
		{"empty ring", orb.Polygon{{}}, "GEO_RING_OPEN"},
		{"open hole", orb.Polygon{square(0, 0, 4), {{1, 1}, {2, 1}, {2, 2}, {1, 2}}}, "GEO_RING_OPEN"},

		{"longitude out of range", orb.Polygon{square(179.5, 0, 1)}, "GEO_COORD_INVALID"},
		{"latitude out of range", orb.Polygon{square(0, -90.5, 1)}, "GEO_COORD_INVALID"},
		{"NaN", orb.Polygon{{{0, 0}, {1, 0}, {math.NaN(), 1}, {0, 1}, {0, 0}}}, "GEO_COORD_INVALID"},
		{"Inf", orb.Polygon{{{0, 0}, {math.Inf(1), 0}, {1, 1}, {0, 1}, {0, 0}}}, "GEO_COORD_INVALID"},

		{"bow tie", orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}, "GEO_SELF_INTERSECTION"},
		{"vertex touches edge", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}, {0, 0}}}, "GEO_SELF_INTERSECTION"},
		{"figure eight at a vertex", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}, {0, 1}, {0, 0}}}, "GEO_SELF_INTERSECTION"},
		{"spike", orb.Polygon{{{0, 0}, {2, 0}, {3, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}, "GEO_SELF_INTERSECTION"},
		{"closing edge runs back", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, -1}, {0, 0}}}, "GEO_SELF_INTERSECTION"},
		{"collinear ring", orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}}, "GEO_SELF_INTERSECTION"},
		{"crossing hole", orb.Polygon{square(0, 0, 4), {{1, 1}, {2, 2}, {2, 1}, {1, 2}, {1, 1}}}, "GEO_SELF_INTERSECTION"},

		{"there and back", orb.Polygon{{{0, 0}, {1, 1}, {0, 0}, {0, 0}}}, "GEO_EMPTY_AREA"},
		{"one point", orb.Polygon{{{1, 1}, {1, 1}, {1, 1}, {1, 1}}}, "GEO_EMPTY_AREA"},
		{"no rings", orb.Polygon{}, "GEO_EMPTY_AREA"},
		{"empty multipolygon", orb.MultiPolygon{}, "GEO_EMPTY_AREA"},
	}
	for _, c := range cases {
		wantCode(t, c.name, ValidatePolygon(c.g), c.code)
	}
}

func TestValidatePolygonMessages(t *testing.T) {
	err := ValidatePolygon(orb.Polygon{{{116, 39}, {116.002, 39.002}, {116.002, 39}, {116, 39.002}, {116, 39}}})
	if e := apperr.As(err); e.Code != "GEO_SELF_INTERSECTION" || !strings.Contains(e.Message, "116.001000,39.001000") {
		t.Errorf("bow tie error = %v; want the crossing 116.001000,39.001000 in the message", err)
	}
	err = ValidatePolygon(orb.MultiPolygon{{square(0, 0, 1)}, {{{0, 0}, {1, 0}, {1, 1}}}})
	if e := apperr.As(err); e.Code != "GEO_RING_OPEN" || !strings.Contains(e.Message, "第 2 个多边形的外边界") {
		t.Errorf("multipolygon error = %v; want it to name the second polygon's shell", err)
	}
	err = ValidatePolygon(orb.Polygon{square(0, 0, 4), square(1, 1, 1), {{2, 2}, {3, 3}, {3, 2}, {2, 3}, {2, 2}}})
	if e := apperr.As(err); e.Code != "GEO_SELF_INTERSECTION" || !strings.Contains(e.Message, "第 2 个内环") ||
		!strings.Contains(e.Message, "2.500000,2.500000") {
		t.Errorf("hole error = %v; want it to name the second hole and the crossing", err)
	}
	if e := apperr.As(ValidatePolygon(orb.Polygon{square(200, 0, 1)})); e.Kind != apperr.KindInvalid {
		t.Errorf("validation errors must be invalid input, got kind %v", e.Kind)
	}
}

// TestSelfIntersectionLargeRing checks that the R-tree path finds crossings and agrees with
// comparing every pair of edges.
func TestSelfIntersectionLargeRing(t *testing.T) {
	ring := circle(116.4, 39.9, 0.05, 4000)
	ring[2000] = orb.Point{116.4 + 0.06, 39.9}
	start := time.Now()
	err := ValidatePolygon(orb.Polygon{ring})
	if !apperr.Is(err, "GEO_SELF_INTERSECTION") {
		t.Fatalf("error = %v; want GEO_SELF_INTERSECTION", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("checking a 4000-vertex ring took %v", d)
	}

	rnd := rand.New(rand.NewPCG(7, 11))
	crossed := 0
	for trial := range 200 {
		n := bruteForceLimit + rnd.IntN(60)
		r := circle(0, 0, 1, n)
		for range 1 + rnd.IntN(3) {
			i := rnd.IntN(n)
			r[i] = orb.Point{r[i][0] * (0.2 + 1.6*rnd.Float64()), r[i][1] * (0.2 + 1.6*rnd.Float64())}
		}
		r[n] = r[0]
		segs := ringSegments(r)
		got, gotOK := selfIntersection(segs)
		want, wantOK := bruteSelfIntersection(segs)
		if gotOK != wantOK || got != want {
			t.Fatalf("trial %d: R-tree path = %v %v, every pair = %v %v", trial, got, gotOK, want, wantOK)
		}
		if gotOK {
			crossed++
		}
	}
	if crossed == 0 || crossed == 200 {
		t.Errorf("%d of 200 random rings cross themselves; the trials should include both kinds", crossed)
	}
}

func bruteSelfIntersection(segs []segment) (orb.Point, bool) {
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if at, ok := edgesClash(segs, i, j); ok {
				return at, true
			}
		}
	}
	return orb.Point{}, false
}
