package geo

import (
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"zhifa/internal/platform/apperr"
)

// CRS names a coordinate reference system that imported coordinates may be expressed in.
type CRS string

// The coordinate systems the platform accepts. Everything is stored in WGS-84.
const (
	// WGS84 is the GPS datum (EPSG:4326), the platform's internal system.
	WGS84 CRS = "WGS84"
	// GCJ02 is the obfuscated datum required for published maps in China (AMap, Tencent).
	GCJ02 CRS = "GCJ02"
	// BD09 is Baidu's datum, a further offset applied on top of GCJ-02.
	BD09 CRS = "BD09"
	// CGCS2000 is the national geodetic system (EPSG:4490). Its difference from WGS-84 is a few
	// centimetres, far below the accuracy of grid boundaries, so it is treated as identical.
	CGCS2000 CRS = "CGCS2000"
)

// crsAliases maps normalised names (upper case, no spaces, hyphens or underscores) to systems.
var crsAliases = map[string]CRS{
	"WGS84":     WGS84,
	"EPSG:4326": WGS84,
	"GCJ02":     GCJ02,
	"BD09":      BD09,
	"BD09LL":    BD09,
	"CGCS2000":  CGCS2000,
	"EPSG:4490": CGCS2000,
}

// ParseCRS reads a coordinate system name such as "WGS84", "wgs-84", "EPSG:4326", "gcj-02",
// "bd-09", "CGCS2000" or "EPSG:4490", ignoring case. Unknown names give GEO_CRS_UNKNOWN.
func ParseCRS(s string) (CRS, error) {
	key := strings.ToUpper(strings.TrimSpace(s))
	key = strings.NewReplacer("-", "", "_", "", " ", "").Replace(key)
	if c, ok := crsAliases[key]; ok {
		return c, nil
	}
	return "", apperr.Invalid("GEO_CRS_UNKNOWN",
		"不支持的坐标系“"+s+"”，可选 WGS84、GCJ02、BD09、CGCS2000")
}

// ToWGS84 converts a point (lng, lat) from crs to WGS-84. Unknown systems leave it unchanged.
func ToWGS84(crs CRS, p orb.Point) orb.Point {
	switch crs {
	case GCJ02:
		return gcj02ToWGS84(p)
	case BD09:
		return gcj02ToWGS84(bd09ToGCJ02(p))
	default:
		return p
	}
}

// FromWGS84 converts a WGS-84 point (lng, lat) to crs. Unknown systems leave it unchanged.
func FromWGS84(crs CRS, p orb.Point) orb.Point {
	switch crs {
	case GCJ02:
		return wgs84ToGCJ02(p)
	case BD09:
		return gcj02ToBD09(wgs84ToGCJ02(p))
	default:
		return p
	}
}

// TransformGeometry returns a copy of g with every point converted from crs to WGS-84. g itself
// is not changed.
func TransformGeometry(crs CRS, g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point { return ToWGS84(crs, p) })
}

// FromWGS84Geometry returns a copy of the WGS-84 geometry g with every point converted to crs,
// for handing coordinates back to a map that works in crs. g itself is not changed.
func FromWGS84Geometry(crs CRS, g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point { return FromWGS84(crs, p) })
}

// Parameters of the published GCJ-02 offset: the Krasovsky 1940 ellipsoid.
const (
	krasovskyA  = 6378245.0
	krasovskyEE = 0.00669342162296594323
	// xPi is the constant of Baidu's BD-09 transform.
	xPi = math.Pi * 3000.0 / 180.0
	// inverseTolerance is the accuracy, in degrees, that iterative inverses reach.
	inverseTolerance = 1e-9
	// inverseMaxSteps bounds the iterative inverses; they converge in a handful of steps.
	inverseMaxSteps = 30
)

// outOfChina reports whether a point lies outside the rough bounding box where GCJ-02 applies.
// Outside it GCJ-02 equals WGS-84.
func outOfChina(p orb.Point) bool {
	return p[0] < 72.004 || p[0] > 137.8347 || p[1] < 0.8293 || p[1] > 55.8271
}

func gcjTransformLat(x, y float64) float64 {
	r := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	r += (160.0*math.Sin(y/12.0*math.Pi) + 320.0*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	return r
}

func gcjTransformLng(x, y float64) float64 {
	r := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	r += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	return r
}

// wgs84ToGCJ02 applies the published GCJ-02 offset.
func wgs84ToGCJ02(p orb.Point) orb.Point {
	if outOfChina(p) {
		return p
	}
	lng, lat := p[0], p[1]
	dLat := gcjTransformLat(lng-105.0, lat-35.0)
	dLng := gcjTransformLng(lng-105.0, lat-35.0)
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - krasovskyEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = (dLat * 180.0) / ((krasovskyA * (1 - krasovskyEE)) / (magic * sqrtMagic) * math.Pi)
	dLng = (dLng * 180.0) / (krasovskyA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return orb.Point{lng + dLng, lat + dLat}
}

// gcj02ToWGS84 inverts wgs84ToGCJ02 by fixed-point iteration: the offset changes slowly with
// position, so subtracting the error of the current guess converges quickly.
func gcj02ToWGS84(p orb.Point) orb.Point {
	if outOfChina(p) {
		return p
	}
	return invert(wgs84ToGCJ02, p, p)
}

// gcj02ToBD09 applies Baidu's BD-09 transform to a GCJ-02 point.
func gcj02ToBD09(p orb.Point) orb.Point {
	x, y := p[0], p[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*xPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*xPi)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// bd09ToGCJ02 inverts gcj02ToBD09. The published closed-form inverse is only approximate, so it
// serves as the first guess of an iteration.
func bd09ToGCJ02(p orb.Point) orb.Point {
	x, y := p[0]-0.0065, p[1]-0.006
	z := math.Sqrt(x*x+y*y) - 0.00002*math.Sin(y*xPi)
	theta := math.Atan2(y, x) - 0.000003*math.Cos(x*xPi)
	guess := orb.Point{z * math.Cos(theta), z * math.Sin(theta)}
	return invert(gcj02ToBD09, p, guess)
}

// invert finds q with forward(q) == target, starting from guess, to within inverseTolerance.
func invert(forward func(orb.Point) orb.Point, target, guess orb.Point) orb.Point {
	q := guess
	for range inverseMaxSteps {
		f := forward(q)
		dx, dy := f[0]-target[0], f[1]-target[1]
		q = orb.Point{q[0] - dx, q[1] - dy}
		if math.Abs(dx) < inverseTolerance && math.Abs(dy) < inverseTolerance {
			break
		}
	}
	return q
}
