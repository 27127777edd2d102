package geo

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

func TestIndexLocate(t *testing.T) {
	ix := NewIndex[string]()
	if ix.Len() != 0 || ix.Locate(orb.Point{0, 0}) != nil {
		t.Fatalf("a new index must be empty")
	}
	ix.Insert(rect(0, 0, 1, 1), "A")
	ix.Insert(rect(1, 0, 2, 1), "B")
	ix.Insert(orb.Polygon{square(0, 1, 3), square(1, 2, 1)}, "donut")
	ix.Insert(orb.MultiPolygon{rect(5, 5, 6, 6), rect(8, 8, 9, 9)}, "islands")
	ix.Insert(rect(1.5, 2.5, 5.5, 5.5), "special")
	ix.Insert(orb.LineString{{0, 0}, {9, 9}}, "line")
	if ix.Len() != 6 {
		t.Fatalf("Len = %d; want 6", ix.Len())
	}
	cases := []struct {
		p    orb.Point
		want []string
	}{
		{orb.Point{0.5, 0.5}, []string{"A"}},
		{orb.Point{1.5, 0.5}, []string{"B"}},
		{orb.Point{1, 0.5}, []string{"A", "B"}},
		{orb.Point{0.5, 1.5}, []string{"donut"}},
		{orb.Point{1.5, 2.2}, nil},
		{orb.Point{1.7, 2.7}, []string{"special"}},
		{orb.Point{2.5, 2.7}, []string{"donut", "special"}},
		{orb.Point{5.5, 5.2}, []string{"islands", "special"}},
		{orb.Point{8.5, 8.5}, []string{"islands"}},
		{orb.Point{7, 7}, nil},
		{orb.Point{-1, -1}, nil},
	}
	for _, c := range cases {
		if got := ix.Locate(c.p); !slices.Equal(got, c.want) {
			t.Errorf("Locate(%v) = %v; want %v", c.p, got, c.want)
		}
	}
}

func TestIndexOverlapping(t *testing.T) {
	ix := NewIndex[int]()
	for k := range 5 {
		ix.Insert(rect(float64(k), 0, float64(k+1), 1), k)
	}
	cases := []struct {
		g    orb.Geometry
		want []int
	}{
		{rect(5, 0, 6, 1), nil},
		{rect(0, 1, 5, 2), nil},
		{rect(1.5, 0.2, 3.5, 0.8), []int{1, 2, 3}},
		{rect(2, 0, 3, 1), []int{2}},
		{rect(-1, -1, 10, 10), []int{0, 1, 2, 3, 4}},
		{orb.MultiPolygon{rect(4.5, 0, 4.6, 1), rect(0.2, 0.2, 0.3, 0.3)}, []int{0, 4}},
		{orb.Point{0.5, 0.5}, nil},
	}
	for _, c := range cases {
		if got := ix.Overlapping(c.g); !slices.Equal(got, c.want) {
			t.Errorf("Overlapping(%v) = %v; want %v", c.g, got, c.want)
		}
	}
}

func TestIndexLattice(t *testing.T) {
	const cols, rows = 40, 30
	ix := NewIndex[int]()
	polys := lattice(cols, rows)
	for i, p := range polys {
		ix.Insert(p, i)
	}
	rnd := rand.New(rand.NewPCG(3, 5))
	for range 3000 {
		p := latticePoint(rnd, cols, rows)
		got := ix.Locate(p)
		inside := 0
		for i, poly := range polys {
			if contains(poly, p) {
				inside++
				if !slices.Contains(got, i) {
					t.Fatalf("Locate(%v) = %v misses cell %d", p, got, i)
				}
			}
		}
		if len(got) != inside {
			t.Fatalf("Locate(%v) = %v; %d cells contain it", p, got, inside)
		}
	}
}

// TestIndexConcurrentReaders runs lookups from many goroutines on a built index; run with -race.
func TestIndexConcurrentReaders(t *testing.T) {
	const cols, rows = 30, 30
	ix := NewIndex[int]()
	for i, p := range lattice(cols, rows) {
		ix.Insert(p, i)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(w), 1))
			for range 2000 {
				p := latticePoint(rnd, cols, rows)
				if len(ix.Locate(p)) == 0 && p[0] > latticeLng0+latticeCellLng && p[1] > latticeLat0+latticeCellLat &&
					p[0] < latticeLng0+float64(cols-1)*latticeCellLng && p[1] < latticeLat0+float64(rows-1)*latticeCellLat {
					t.Errorf("no cell contains inner point %v", p)
				}
				_ = ix.Overlapping(rect(p[0], p[1], p[0]+latticeCellLng/2, p[1]+latticeCellLat/2))
			}
		})
	}
	wg.Wait()
}
