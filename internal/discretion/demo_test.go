package discretion

import (
	"strings"
	"testing"
)

// TestDemoBenchmarksValid proves every demo benchmark obeys its statute and the national
// splitting rules, as publishing will check.
func TestDemoBenchmarksValid(t *testing.T) {
	demos := DemoBenchmarks()
	if len(demos) < 8 {
		t.Fatalf("%d demo benchmarks, want at least 8", len(demos))
	}
	keys := map[string]bool{}
	for _, d := range demos {
		if keys[d.Key] {
			t.Errorf("duplicate key %s", d.Key)
		}
		keys[d.Key] = true
		if strings.Count(d.Key, "#") != 2 || d.Label == "" || d.Law == "" || d.Article == 0 || d.Statute.Citation == "" ||
			!strings.Contains(d.Statute.Citation, "《"+d.Law+"》") || d.DocNo == "" || d.EffectiveFrom == "" {
			t.Errorf("%s: incomplete demo benchmark %+v", d.Key, d)
		}
		c := d.Input.Content
		if err := validate(&c, d.Statute, National()); err != nil {
			t.Errorf("%s: %v", d.Key, err)
		}
		if d.Input.ItemID != "" || d.Input.RegionCode != DemoRegionCode {
			t.Errorf("%s: item %q region %q", d.Key, d.Input.ItemID, d.Input.RegionCode)
		}
	}
	for _, k := range []string{"城市市容和环境卫生管理条例#34#(一)", "城市市容和环境卫生管理条例#34#(二)", "城市市容和环境卫生管理条例#34#(四)",
		"大气污染防治法#118#第一款", "大气污染防治法#118#第三款", "大气污染防治法#119#第一款", "食品安全法#122#第一款",
		"城市道路管理条例#42#第二十七条(一)", "城市建筑垃圾管理规定#23#"} {
		if !keys[k] {
			t.Errorf("missing demo benchmark %s", k)
		}
	}
}
