// Package geo holds the planar geometry behind grid management: converting coordinates between
// the systems Chinese maps use (WGS-84, GCJ-02, BD-09, CGCS2000), checking uploaded grid
// boundaries, telling overlapping grids from neighbouring ones, and an in-memory index that
// finds the grids containing a point.
//
// Coordinates are (longitude, latitude) in degrees and are stored in WGS-84. Geometry types and
// planar operations come from github.com/paulmach/orb; the index is github.com/tidwall/rtree.
package geo
