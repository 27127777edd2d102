package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"zhifa/internal/platform/apperr"
)

func near(a, b orb.Point, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol
}

func TestParseCRS(t *testing.T) {
	cases := map[string]CRS{
		"WGS84":     WGS84,
		"wgs84":     WGS84,
		"wgs-84":    WGS84,
		"EPSG:4326": WGS84,
		"epsg:4326": WGS84,
		"GCJ02":     GCJ02,
		"gcj-02":    GCJ02,
		"BD09":      BD09,
		"bd-09":     BD09,
		"CGCS2000":  CGCS2000,
		"EPSG:4490": CGCS2000,
		" cgcs2000": CGCS2000,
	}
	for in, want := range cases {
		got, err := ParseCRS(in)
		if err != nil || got != want {
			t.Errorf("ParseCRS(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "EPSG:3857", "mercator", "GCJ"} {
		if _, err := ParseCRS(in); !apperr.Is(err, "GEO_CRS_UNKNOWN") {
			t.Errorf("ParseCRS(%q) error = %v; want GEO_CRS_UNKNOWN", in, err)
		}
	}
}

func TestKnownPairs(t *testing.T) {
	// Tiananmen, as commonly quoted.
	got := FromWGS84(GCJ02, orb.Point{116.397128, 39.916527})
	if !near(got, orb.Point{116.403364, 39.917930}, 1e-5) {
		t.Errorf("Tiananmen WGS84→GCJ02 = %.7f; want about 116.403364, 39.917930", got)
	}
	// Reference values of the eviltransform test suite.
	pairs := []struct{ wgs, gcj orb.Point }{
		{orb.Point{121.5272106, 31.1774276}, orb.Point{121.531541859215, 31.17530398364597}},
		{orb.Point{113.912316, 22.543847}, orb.Point{113.9171764808363, 22.540796131694766}},
		{orb.Point{116.377817, 39.911954}, orb.Point{116.38404722455657, 39.91334545536069}},
	}
	for _, p := range pairs {
		if got := FromWGS84(GCJ02, p.wgs); !near(got, p.gcj, 1e-9) {
			t.Errorf("WGS84→GCJ02 %v = %.10f; want %.10f", p.wgs, got, p.gcj)
		}
		if got := ToWGS84(GCJ02, p.gcj); !near(got, p.wgs, 1e-7) {
			t.Errorf("GCJ02→WGS84 %v = %.10f; want %.10f", p.gcj, got, p.wgs)
		}
	}
	// GCJ-02 to BD-09 reference value of the gcoord test suite.
	if got := gcj02ToBD09(orb.Point{123, 45}); !near(got, orb.Point{123.00636499, 45.00636899}, 1e-8) {
		t.Errorf("GCJ02→BD09 (123, 45) = %.8f", got)
	}
}

func TestRoundTrips(t *testing.T) {
	points := []orb.Point{
		{116.397128, 39.916527},
		{121.4737, 31.2304},
		{113.2644, 23.1291},
		{87.6177, 43.7928},
		{126.535, 45.8038},
		{109.5120, 18.2528},
		{91.1322, 29.6604},
	}
	for _, crs := range []CRS{WGS84, GCJ02, BD09, CGCS2000} {
		for _, p := range points {
			there := FromWGS84(crs, p)
			if back := ToWGS84(crs, there); !near(back, p, 1e-6) {
				t.Errorf("%s round trip of %v gave %.9f", crs, p, back)
			}
			if back := FromWGS84(crs, ToWGS84(crs, p)); !near(back, p, 1e-6) {
				t.Errorf("%s reverse round trip of %v gave %.9f", crs, p, back)
			}
			if crs == GCJ02 || crs == BD09 {
				if near(there, p, 1e-4) {
					t.Errorf("%s of %v = %v: expected an offset inside China", crs, p, there)
				}
			}
		}
	}
}

func TestOutsideChinaUnchanged(t *testing.T) {
	for _, p := range []orb.Point{{2.3522, 48.8566}, {-74.006, 40.7128}, {139.6917, 35.6895}, {0, 0}, {100, 60}} {
		if got := FromWGS84(GCJ02, p); got != p {
			t.Errorf("FromWGS84(GCJ02, %v) = %v; want unchanged", p, got)
		}
		if got := ToWGS84(GCJ02, p); got != p {
			t.Errorf("ToWGS84(GCJ02, %v) = %v; want unchanged", p, got)
		}
		if got := ToWGS84(BD09, FromWGS84(BD09, p)); !near(got, p, 1e-6) {
			t.Errorf("BD09 round trip of %v gave %v", p, got)
		}
	}
	for _, crs := range []CRS{WGS84, CGCS2000} {
		p := orb.Point{116.4, 39.9}
		if ToWGS84(crs, p) != p || FromWGS84(crs, p) != p {
			t.Errorf("%s must equal WGS84", crs)
		}
	}
}

func TestTransformGeometry(t *testing.T) {
	ring := orb.Ring{{116.39, 39.91}, {116.40, 39.91}, {116.40, 39.92}, {116.39, 39.92}, {116.39, 39.91}}
	in := orb.MultiPolygon{{ring}}
	out, ok := TransformGeometry(GCJ02, in).(orb.MultiPolygon)
	if !ok {
		t.Fatalf("TransformGeometry changed the geometry type")
	}
	if in[0][0][0] != (orb.Point{116.39, 39.91}) {
		t.Fatalf("TransformGeometry modified its input")
	}
	for i, p := range out[0][0] {
		if want := ToWGS84(GCJ02, ring[i]); p != want {
			t.Errorf("point %d = %v; want %v", i, p, want)
		}
	}
	if out[0][0][0] != out[0][0][len(ring)-1] {
		t.Errorf("ring no longer closed after transform")
	}
	back := FromWGS84Geometry(GCJ02, out).(orb.MultiPolygon)
	for i, p := range back[0][0] {
		if !near(p, ring[i], 1e-7) {
			t.Errorf("point %d after round trip = %v; want %v", i, p, ring[i])
		}
	}
	if TransformGeometry(BD09, nil) != nil {
		t.Errorf("TransformGeometry(nil) should be nil")
	}
}
