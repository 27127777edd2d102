package demo

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// sharedGeo is the public boundary file the demo county's grids are cut from.
const sharedGeo = "../../../shared/data/geo/371500_full.json"

func countyBoundary(t *testing.T) orb.MultiPolygon {
	raw, err := os.ReadFile(sharedGeo)
	if err != nil {
		t.Skip("公共边界数据不可用：", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if fmt.Sprint(f.Properties["adcode"]) == "371521" {
			return f.Geometry.(orb.MultiPolygon)
		}
	}
	t.Fatal("371521 not found")
	return nil
}

// TestDemoOutlineIsTheCountyBoundary checks the outline the demo carries against the public
// boundary it was taken from, position by position.
func TestDemoOutlineIsTheCountyBoundary(t *testing.T) {
	want := countyBoundary(t)
	fc, err := geojson.UnmarshalFeatureCollection(gridsGeoJSON)
	if err != nil {
		t.Fatal(err)
	}
	var got orb.Geometry
	basic := 0
	for _, f := range fc.Features {
		switch f.Properties["kind"] {
		case "boundary":
			got = f.Geometry
		case "basic":
			basic++
		}
	}
	if got == nil || !orb.Equal(got, want) {
		t.Fatal("the demo outline differs from the county boundary in ../shared/data/geo")
	}
	if basic < 500 {
		t.Fatalf("%d basic grids, want the county covered", basic)
	}
}

// TestWriteDemoGrids writes data/grids.geojson when ZHIFA_WRITE_DEMO_GRIDS is set: the county cut
// into cells of about one square kilometre (those touching the boundary), grouped into the
// townships by nearness and, inside each township, into its villages; GCJ-02 as published.
func TestWriteDemoGrids(t *testing.T) {
	if os.Getenv("ZHIFA_WRITE_DEMO_GRIDS") == "" {
		t.Skip("set ZHIFA_WRITE_DEMO_GRIDS=1 to regenerate data/grids.geojson")
	}
	county := countyBoundary(t)
	b := county.Bound()
	const dx, dy = 0.0112, 0.009
	type cell struct {
		poly    orb.Polygon
		c       orb.Point
		town    int
		village string
	}
	var cells []*cell
	for x := b.Min[0]; x < b.Max[0]; x += dx {
		for y := b.Min[1]; y < b.Max[1]; y += dy {
			ring := orb.Ring{{x, y}, {x + dx, y}, {x + dx, y + dy}, {x, y + dy}, {x, y}}
			for i := range ring {
				ring[i] = orb.Point{math.Round(ring[i][0]*1e6) / 1e6, math.Round(ring[i][1]*1e6) / 1e6}
			}
			inside := false
			for _, p := range []orb.Point{{x + dx/2, y + dy/2}, {x, y}, {x + dx, y}, {x, y + dy}, {x + dx, y + dy}} {
				if planar.MultiPolygonContains(county, p) {
					inside = true
				}
			}
			if inside {
				cells = append(cells, &cell{poly: orb.Polygon{ring}, c: orb.Point{x + dx/2, y + dy/2}})
			}
		}
	}
	// Townships and zones of the demo with their villages.
	type town struct {
		code, name string
		villages   []string
		seed       orb.Point
	}
	f, err := os.Open("data/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var towns []*town
	byCode := map[string]*town{}
	for _, r := range rows[1:] {
		if len(r[0]) == 9 && r[2] == "371521" && !strings.HasSuffix(r[1], "区") {
			tw := &town{code: r[0] + "000", name: r[1]}
			towns = append(towns, tw)
			byCode[r[0]] = tw
		}
	}
	for _, r := range rows[1:] {
		if len(r[0]) == 12 {
			if tw := byCode[r[2]]; tw != nil {
				tw.villages = append(tw.villages, r[0])
			}
		}
	}
	// k-means over the cells, seeded on a spread of cells.
	sort.Slice(cells, func(i, j int) bool {
		return cells[i].c[0] < cells[j].c[0] || cells[i].c[0] == cells[j].c[0] && cells[i].c[1] < cells[j].c[1]
	})
	seeds := make([]orb.Point, len(towns))
	for i := range seeds {
		seeds[i] = cells[(i*len(cells))/len(seeds)+len(cells)/(2*len(seeds))].c
	}
	for iter := 0; iter < 30; iter++ {
		sum := make([]orb.Point, len(seeds))
		n := make([]int, len(seeds))
		for _, c := range cells {
			best := 0
			for k := range seeds {
				if dist(c.c, seeds[k]) < dist(c.c, seeds[best]) {
					best = k
				}
			}
			c.town = best
			sum[best][0] += c.c[0]
			sum[best][1] += c.c[1]
			n[best]++
		}
		for k := range seeds {
			if n[k] > 0 {
				seeds[k] = orb.Point{sum[k][0] / float64(n[k]), sum[k][1] / float64(n[k])}
			}
		}
	}
	// The three streets and two zones are the clusters nearest the county seat.
	centre := orb.Point{115.784287, 36.113708}
	order := make([]int, len(seeds))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return dist(seeds[order[i]], centre) < dist(seeds[order[j]], centre) })
	urban, rural := []*town{}, []*town{}
	for _, tw := range towns {
		if strings.HasSuffix(tw.name, "街道") {
			urban = append(urban, tw)
		} else {
			rural = append(rural, tw)
		}
	}
	assigned := append(urban, rural...)
	clusterTown := map[int]*town{}
	for i, k := range order {
		clusterTown[k] = assigned[i]
	}
	out := geojson.NewFeatureCollection()
	out.ExtraMembers = geojson.Properties{"crs": map[string]any{"type": "name", "properties": map[string]string{"name": "GCJ02"}}}
	bf := geojson.NewFeature(county)
	bf.Properties = geojson.Properties{"kind": "boundary", "name": "阳谷县"}
	out.Append(bf)
	for k := range seeds {
		tw := clusterTown[k]
		var mine []*cell
		for _, c := range cells {
			if c.town == k {
				mine = append(mine, c)
			}
		}
		sort.Slice(mine, func(i, j int) bool {
			return mine[i].c[1] > mine[j].c[1] || mine[i].c[1] == mine[j].c[1] && mine[i].c[0] < mine[j].c[0]
		})
		serial := map[string]int{}
		for i, c := range mine {
			v := tw.villages[(i*len(tw.villages))/len(mine)]
			serial[v]++
			gf := geojson.NewFeature(c.poly)
			team := tw.name + "综合行政执法办公室"
			props := geojson.Properties{"code": fmt.Sprintf("%s%03d", v, serial[v]), "name": fmt.Sprintf("%s第%d网格", villageName(rows, v), serial[v]),
				"kind": "basic", "township": tw.code, "village": v, "team": team}
			if tw.code == "371521001000" {
				props["workers"] = []string{"grid"}
			}
			gf.Properties = props
			out.Append(gf)
		}
	}
	// Special-purpose grids: the two development zones, served by their squadrons, and the county
	// seat's central market, laid over the basic grids.
	for _, sp := range []struct {
		code, name, purpose, township, team string
		at                                  orb.Point
		size                                float64
	}{
		{"371521400000001", "阳谷经济开发区专属网格", "开发区", "371521400000", "阳谷经济开发区中队", orb.Point{115.835, 36.115}, 0.03},
		{"371521401000001", "阳谷祥光生态工业园区专属网格", "工业园区", "371521401000", "阳谷祥光生态工业园区中队", orb.Point{115.80, 36.16}, 0.025},
		{"371521001000901", "县城中心市场专属网格", "农贸市场", "371521001000", "博济桥街道综合行政执法办公室", orb.Point{115.785, 36.112}, 0.006},
	} {
		h := sp.size / 2
		ring := orb.Ring{{sp.at[0] - h, sp.at[1] - h}, {sp.at[0] + h, sp.at[1] - h}, {sp.at[0] + h, sp.at[1] + h}, {sp.at[0] - h, sp.at[1] + h}, {sp.at[0] - h, sp.at[1] - h}}
		gf := geojson.NewFeature(orb.Polygon{ring})
		gf.Properties = geojson.Properties{"code": sp.code, "name": sp.name, "kind": "special", "purpose": sp.purpose,
			"township": sp.township, "team": sp.team}
		out.Append(gf)
	}
	raw, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("data/grids.geojson", raw, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d basic grids written", len(cells))
}

func dist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func villageName(rows [][]string, code string) string {
	for _, r := range rows {
		if r[0] == code {
			return strings.TrimSuffix(strings.TrimSuffix(r[1], "村民委员会"), "居民委员会")
		}
	}
	return code
}
