package geo

import (
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/rtree"
)

// Index finds which of many polygons (grids, jurisdictions) contain a point. Bounding boxes sit
// in an R-tree and candidates are then tested exactly.
//
// An Index is built once and then only read: Insert must not run concurrently with anything,
// while Locate, Overlapping and Len may be called from any number of goroutines once building
// is finished. To change the polygons, build a new Index and swap it in whole.
type Index[T any] struct {
	tree    rtree.RTreeG[int]
	entries []indexEntry[T]
}

// indexEntry is one inserted geometry with its value; its position in entries is its insertion
// order.
type indexEntry[T any] struct {
	geom  orb.Geometry
	value T
}

// NewIndex returns an empty index.
func NewIndex[T any]() *Index[T] {
	return &Index[T]{}
}

// Insert adds a WGS-84 orb.Polygon or orb.MultiPolygon with its value. Any other geometry is
// kept and counted by Len but never contains a point nor overlaps anything; validate imported
// boundaries with ValidatePolygon first.
func (ix *Index[T]) Insert(g orb.Geometry, v T) {
	if g != nil {
		b := g.Bound()
		ix.tree.Insert([2]float64(b.Min), [2]float64(b.Max), len(ix.entries))
	}
	ix.entries = append(ix.entries, indexEntry[T]{geom: g, value: v})
}

// Len returns the number of geometries inserted.
func (ix *Index[T]) Len() int {
	return len(ix.entries)
}

// Locate returns the values of every geometry containing p, in insertion order. Holes are
// respected; a point on a boundary belongs to every geometry sharing that boundary.
func (ix *Index[T]) Locate(p orb.Point) []T {
	var hits []int
	ix.tree.Search([2]float64(p), [2]float64(p), func(_, _ [2]float64, i int) bool {
		if contains(ix.entries[i].geom, p) {
			hits = append(hits, i)
		}
		return true
	})
	return ix.values(hits)
}

// Overlapping returns the values of every geometry that overlaps g as defined by Overlap, in
// insertion order.
func (ix *Index[T]) Overlapping(g orb.Geometry) []T {
	if len(polygonsOf(g)) == 0 {
		return nil
	}
	b := g.Bound()
	var hits []int
	ix.tree.Search([2]float64(b.Min), [2]float64(b.Max), func(_, _ [2]float64, i int) bool {
		if Overlap(ix.entries[i].geom, g) {
			hits = append(hits, i)
		}
		return true
	})
	return ix.values(hits)
}

// values returns the values of the given entries in insertion order.
func (ix *Index[T]) values(hits []int) []T {
	if len(hits) == 0 {
		return nil
	}
	slices.Sort(hits)
	out := make([]T, len(hits))
	for k, i := range hits {
		out[k] = ix.entries[i].value
	}
	return out
}

// contains reports whether a Polygon or MultiPolygon contains p, boundary included.
func contains(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	default:
		return false
	}
}
