package catalog

import (
	"fmt"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestCheckUnit(t *testing.T) {
	for in, want := range map[string]string{"平方米": "平方米", "每平方米": "平方米", "㎡": "平方米", "m2": "平方米", "平米": "平方米",
		"天": "日", "每日": "日", "处": "处", "辆": "辆", " 件 ": "件", "立方": "立方米", "箱": "箱", "车次": "车次"} {
		if got, err := CheckUnit("unit", in); err != nil || got != want {
			t.Errorf("CheckUnit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "每", "1000元", "平方米2", "元", "倍", "处/日", "一二三四五六七", "%", "（处）"} {
		if _, err := CheckUnit("unit", bad); !apperr.Is(err, "CATALOG_FINE_UNIT_INVALID") {
			t.Errorf("CheckUnit(%q): %v, want CATALOG_FINE_UNIT_INVALID", bad, err)
		}
	}
}

func TestParseFineText(t *testing.T) {
	y := func(n int64) string { return fmt.Sprint(n * 100) }
	show := func(f Fine) string {
		p := func(v *int64) string {
			if v == nil {
				return "-"
			}
			return fmt.Sprint(*v)
		}
		return fmt.Sprintf("unit=%s per=%s..%s total=%s..%s", f.Unit, p(f.PerUnitMinFen), p(f.PerUnitMaxFen), p(f.MinFen), p(f.MaxFen))
	}
	for _, c := range []struct{ in, want string }{
		{"5000元以上2万元以下", "unit= per=-..- total=" + y(5000) + ".." + y(20000)},
		{"2万元以下", "unit= per=-..- total=-.." + y(20000)},
		{"5000元至2万元", "unit= per=-..- total=" + y(5000) + ".." + y(20000)},
		{"5000-20000元", "unit= per=-..- total=" + y(5000) + ".." + y(20000)},
		{"5-10万元", "unit= per=-..- total=" + y(50000) + ".." + y(100000)},
		{"处一千元罚款", "unit= per=-..- total=" + y(1000) + ".." + y(1000)},
		{"每处5000元以上20000元以下", "unit=处 per=" + y(5000) + ".." + y(20000) + " total=-..-"},
		{"按照每处设施处五千元以上二万元以下罚款", "unit=处 per=" + y(5000) + ".." + y(20000) + " total=-..-"},
		{"每平方米一千元", "unit=平方米 per=" + y(1000) + ".." + y(1000) + " total=-..-"},
		{"1000元/平方米", "unit=平方米 per=" + y(1000) + ".." + y(1000) + " total=-..-"},
		{"1000元/㎡", "unit=平方米 per=" + y(1000) + ".." + y(1000) + " total=-..-"},
		{"1000元每平方米", "unit=平方米 per=" + y(1000) + ".." + y(1000) + " total=-..-"},
		{"5000元至2万元/处", "unit=处 per=" + y(5000) + ".." + y(20000) + " total=-..-"},
		{"每日1万元以下", "unit=日 per=-.." + y(10000) + " total=-..-"},
		{"每辆车500元", "unit=辆 per=" + y(500) + ".." + y(500) + " total=-..-"},
		{"每处5000元以上2万元以下，总额不超过10万元", "unit=处 per=" + y(5000) + ".." + y(20000) + " total=-.." + y(100000)},
		{"每平方米1000元；最高不超过5万元；最低不少于一万元", "unit=平方米 per=" + y(1000) + ".." + y(1000) + " total=" + y(10000) + ".." + y(50000)},
	} {
		f, err := ParseFineText("fineText", c.in)
		if err != nil || show(f) != c.want {
			t.Errorf("ParseFineText(%q) = %s, %v; want %s", c.in, show(f), err, c.want)
		}
	}
	for in, code := range map[string]string{
		"每":              "CATALOG_FINE_TEXT_INVALID",
		"1000元/":         "CATALOG_FINE_TEXT_INVALID",
		"1000元/12":       "CATALOG_FINE_UNIT_INVALID",
		"每%1000元":        "CATALOG_FINE_UNIT_INVALID",
		"2万元以上5000元以下":   "CATALOG_FINE_TEXT_INVALID",
		"2万元以下，总额不超过3万元": "CATALOG_FINE_TEXT_INVALID",
		"若干元":            "AMOUNT_INVALID",
	} {
		if _, err := ParseFineText("fineText", in); !apperr.Is(err, code) {
			t.Errorf("ParseFineText(%q): %v, want %s", in, err, code)
		}
	}
}

// TestPerUnitTotals: the total of a per-unit fine is the exact product in fen, the quantity never
// rounded first (2.555 m² × 1000元 = 2555元, not 2560元), held to the total floor and cap with the
// reason said.
func TestPerUnitTotals(t *testing.T) {
	fen := func(yuan int64) *int64 { v := yuan * 100; return &v }
	perM2 := Fine{Unit: "平方米", PerUnitMinFen: fen(1000), PerUnitMaxFen: fen(1000)}
	perSite := Fine{Unit: "处", PerUnitMinFen: fen(5000), PerUnitMaxFen: fen(20000)}
	capped := perSite
	capped.MaxFen = fen(50000)
	for _, c := range []struct {
		name     string
		f        Fine
		quantity string
		min, max int64
		reason   string
	}{
		{"fractional area, no cap", perM2, "2.555", 255500, 255500, "2.555平方米×每平方米1000元=2555元"},
		{"a third of a square metre rounds only the product", perM2, "0.3333", 33330, 33330, ""},
		{"three facilities, no cap", perSite, "3", 1500000, 6000000, "3处×每处5000元=1.5万元；3处×每处2万元=6万元"},
		{"three facilities over the cap", capped, "3", 1500000, 5000000, "超过法定总额上限5万元，以5万元为限"},
	} {
		got, err := c.f.TotalFor("quantity", c.quantity)
		if err != nil || *got.MinFen != c.min || *got.MaxFen != c.max || (c.reason != "" && !strings.Contains(got.Reason, c.reason)) {
			t.Errorf("%s: %+v (%d..%d) %v; want %d..%d, %q", c.name, got, deref(got.MinFen), deref(got.MaxFen), err, c.min, c.max, c.reason)
		}
	}
	if _, err := perM2.TotalFor("quantity", "-1"); !apperr.Is(err, "CATALOG_QUANTITY_INVALID") {
		t.Errorf("negative quantity: %v", err)
	}
	if _, err := (Fine{MaxFen: fen(100)}).TotalFor("quantity", "1"); !apperr.Is(err, "CATALOG_FINE_NOT_PER_UNIT") {
		t.Errorf("not per unit: %v", err)
	}
	for f, want := range map[*Fine]string{&perM2: "每平方米1000元", &perSite: "每处5000元至2万元", &capped: "每处5000元至2万元（总额不超过5万元）"} {
		if got := f.Describe(); got != want {
			t.Errorf("Describe = %q, want %q", got, want)
		}
	}
}

func deref(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

func TestCheckFinePerUnit(t *testing.T) {
	fen := func(yuan int64) *int64 { v := yuan * 100; return &v }
	for _, c := range []struct {
		name string
		f    Fine
		code string
	}{
		{"per unit without a unit", Fine{PerUnitMinFen: fen(1000)}, "CATALOG_FINE_UNIT_REQUIRED"},
		{"a unit without an amount", Fine{Unit: "处"}, "CATALOG_FINE_PER_UNIT_REQUIRED"},
		{"a bad unit", Fine{Unit: "12", PerUnitMaxFen: fen(10)}, "CATALOG_FINE_UNIT_INVALID"},
		{"per-unit range upside down", Fine{Unit: "处", PerUnitMinFen: fen(2), PerUnitMaxFen: fen(1)}, "CATALOG_FINE_RANGE"},
		{"negative", Fine{Unit: "处", PerUnitMinFen: fen(-2)}, "CATALOG_FINE_INVALID"},
	} {
		f := c.f
		if err := checkFine(TypePenalty, &f); !apperr.Is(err, c.code) {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	f := Fine{Unit: "每㎡", PerUnitMinFen: fen(1000), PerUnitMaxFen: fen(1000)}
	if err := checkFine(TypePenalty, &f); err != nil || f.Unit != "平方米" {
		t.Errorf("normalised unit: %q %v", f.Unit, err)
	}
}
