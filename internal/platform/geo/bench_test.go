package geo

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// The benchmark lattice: 400 × 250 = 100,000 cells of about 100 m × 100 m near Beijing.
const (
	latticeCols    = 400
	latticeRows    = 250
	latticeLng0    = 116.0
	latticeLat0    = 39.7
	latticeCellLng = 0.00117 // about 100 m at 39.8° N
	latticeCellLat = 0.0009  // about 100 m
	benchPoints    = 1_000_000
)

// Seeds of the query points; TestWriteBenchLattice writes the same points the batch benchmark
// looks up.
const (
	pointSeed1 = 20240601
	pointSeed2 = 42
)

// latticeCorner returns the corner in column i, row j of the lattice.
func latticeCorner(i, j int) orb.Point {
	return orb.Point{latticeLng0 + float64(i)*latticeCellLng, latticeLat0 + float64(j)*latticeCellLat}
}

// mix is a deterministic hash of small integers (SplitMix64 finaliser).
func mix(vals ...int) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, v := range vals {
		h ^= uint64(v) + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
		h ^= h >> 30
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 27
		h *= 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// latticeEdge returns the points inside the lattice edge that starts at corner (i, j) and runs
// east (horizontal) or north, ordered from that corner. Both cells beside an edge use these same
// points, so neighbouring cells share their border exactly. Horizontal edges get one or two
// points and vertical edges none to two, each pushed sideways by up to 15% of a cell (or left on
// the straight line), which keeps every cell simple.
func latticeEdge(i, j int, horizontal bool) []orb.Point {
	dir := 0
	if horizontal {
		dir = 1
	}
	h := mix(i, j, dir)
	n := int(h % 3)
	if horizontal {
		n = 1 + int(h%2)
	}
	start := latticeCorner(i, j)
	pts := make([]orb.Point, 0, n)
	for k := range n {
		along := float64(k+1) / float64(n+1)
		hk := mix(i, j, dir, k)
		side := 0.0
		if hk%4 != 0 {
			side = (float64(hk>>8%61) - 30) / 200
		}
		if horizontal {
			pts = append(pts, orb.Point{start[0] + along*latticeCellLng, start[1] + side*latticeCellLat})
		} else {
			pts = append(pts, orb.Point{start[0] + side*latticeCellLng, start[1] + along*latticeCellLat})
		}
	}
	return pts
}

// lattice returns cols × rows cells, row by row from the south-west, each a closed
// counter-clockwise ring of 6 to 12 vertices.
func lattice(cols, rows int) []orb.Polygon {
	polys := make([]orb.Polygon, 0, cols*rows)
	for j := range rows {
		for i := range cols {
			ring := orb.Ring{latticeCorner(i, j)}
			ring = append(ring, latticeEdge(i, j, true)...)
			ring = append(ring, latticeCorner(i+1, j))
			ring = append(ring, latticeEdge(i+1, j, false)...)
			ring = append(ring, latticeCorner(i+1, j+1))
			top := latticeEdge(i, j+1, true)
			for k := len(top) - 1; k >= 0; k-- {
				ring = append(ring, top[k])
			}
			ring = append(ring, latticeCorner(i, j+1))
			left := latticeEdge(i, j, false)
			for k := len(left) - 1; k >= 0; k-- {
				ring = append(ring, left[k])
			}
			ring = append(ring, ring[0])
			polys = append(polys, orb.Polygon{ring})
		}
	}
	return polys
}

// latticePoint returns a uniformly random point in the lattice's rectangle.
func latticePoint(rnd *rand.Rand, cols, rows int) orb.Point {
	return orb.Point{
		latticeLng0 + rnd.Float64()*float64(cols)*latticeCellLng,
		latticeLat0 + rnd.Float64()*float64(rows)*latticeCellLat,
	}
}

// latticePoints returns n query points from the fixed seed.
func latticePoints(n int) []orb.Point {
	rnd := rand.New(rand.NewPCG(pointSeed1, pointSeed2))
	pts := make([]orb.Point, n)
	for k := range pts {
		pts[k] = latticePoint(rnd, latticeCols, latticeRows)
	}
	return pts
}

var (
	benchOnce  sync.Once
	benchIndex *Index[int]
	benchPts   []orb.Point
)

// benchSetup builds the 100,000-cell index and the query points once per test binary. Cell ids
// are 1-based, as written by TestWriteBenchLattice.
func benchSetup() (*Index[int], []orb.Point) {
	benchOnce.Do(func() {
		benchIndex = NewIndex[int]()
		for k, p := range lattice(latticeCols, latticeRows) {
			benchIndex.Insert(p, k+1)
		}
		benchPts = latticePoints(benchPoints)
	})
	return benchIndex, benchPts
}

// BenchmarkLocateSingle looks up one random point per operation in 100,000 grid cells.
func BenchmarkLocateSingle(b *testing.B) {
	ix, pts := benchSetup()
	found := 0
	k := 0
	for b.Loop() {
		found += len(ix.Locate(pts[k%len(pts)]))
		k++
	}
	if found == 0 {
		b.Fatal("no point was found in any cell")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
}

// BenchmarkLocateBatch1M looks up 1,000,000 random points per operation, split evenly across one
// worker per available CPU. matches/op counts (point, cell) pairs, for comparison with the PostGIS
// join in scripts/bench-grids.sh.
func BenchmarkLocateBatch1M(b *testing.B) {
	ix, pts := benchSetup()
	workers := runtime.GOMAXPROCS(0)
	found := 0
	for b.Loop() {
		counts := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			part := pts[w*len(pts)/workers : (w+1)*len(pts)/workers]
			wg.Go(func() {
				for _, p := range part {
					counts[w] += len(ix.Locate(p))
				}
			})
		}
		wg.Wait()
		found = 0
		for _, c := range counts {
			found += c
		}
	}
	if found < len(pts)*9/10 {
		b.Fatalf("only %d of %d points were found in a cell", found, len(pts))
	}
	b.ReportMetric(float64(b.N)*float64(len(pts))/b.Elapsed().Seconds(), "points/s")
	b.ReportMetric(float64(found), "matches/op")
}

// TestWriteBenchLattice writes the benchmark lattice for loading into PostGIS
// (scripts/bench-grids.sh). It runs only when GEO_BENCH_LATTICE_OUT names the polygon file
// ("id<TAB>WKT" lines); GEO_BENCH_POINTS_OUT, if set, receives the 1,000,000 query points of
// BenchmarkLocateBatch1M as "lng<TAB>lat" lines.
func TestWriteBenchLattice(t *testing.T) {
	polyPath := os.Getenv("GEO_BENCH_LATTICE_OUT")
	if polyPath == "" {
		t.Skip("set GEO_BENCH_LATTICE_OUT to write the benchmark lattice")
	}
	writeLines(t, polyPath, func(w *bufio.Writer) {
		for k, p := range lattice(latticeCols, latticeRows) {
			fmt.Fprintf(w, "%d\t%s\n", k+1, wkt.MarshalString(p))
		}
	})
	if ptsPath := os.Getenv("GEO_BENCH_POINTS_OUT"); ptsPath != "" {
		writeLines(t, ptsPath, func(w *bufio.Writer) {
			for _, p := range latticePoints(benchPoints) {
				fmt.Fprintf(w, "%v\t%v\n", p[0], p[1])
			}
		})
	}
}

func writeLines(t *testing.T, path string, write func(*bufio.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	write(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
