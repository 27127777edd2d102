package region

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestNormalizeCode(t *testing.T) {
	cases := []struct {
		in    string
		code  string
		level int
		err   string
	}{
		{"37", "370000000000", LevelProvince, ""},
		{"3715", "371500000000", LevelCity, ""},
		{"371521", "371521000000", LevelCounty, ""},
		{"371521112", "371521112000", LevelTownship, ""},
		{"371521112201", "371521112201", LevelVillage, ""},
		{" 371521 ", "371521000000", LevelCounty, ""},
		{"", "", 0, "REGION_CODE_REQUIRED"},
		{"37152a", "", 0, "REGION_CODE_INVALID"},
		{"3715211", "", 0, "REGION_CODE_INVALID"},
		{"000000", "", 0, "REGION_CODE_INVALID"},
	}
	for _, c := range cases {
		code, level, err := NormalizeCode(c.in)
		if c.err != "" {
			if !apperr.Is(err, c.err) {
				t.Errorf("NormalizeCode(%q) error = %v, want %s", c.in, err, c.err)
			}
			continue
		}
		if err != nil || code != c.code || level != c.level {
			t.Errorf("NormalizeCode(%q) = %q, %d, %v; want %q, %d", c.in, code, level, err, c.code, c.level)
		}
	}
}

func TestCheckParent(t *testing.T) {
	cases := []struct {
		code, parent string
		err          string
	}{
		{"370000000000", "", ""},
		{"371500000000", "370000000000", ""},
		{"371521112000", "371521000000", ""},
		{"371521112201", "371521112000", ""},
		{"371521112000", "", "REGION_PARENT_REQUIRED"},
		{"371521112000", "371500000000", "REGION_PARENT_MISMATCH"}, // skips a level
		{"371521112000", "371522000000", "REGION_PARENT_MISMATCH"}, // another county
		{"370000000000", "110000000000", "REGION_PARENT_MISMATCH"},
	}
	for _, c := range cases {
		err := CheckParent(c.code, LevelOf(c.code), c.parent)
		if c.err == "" && err != nil || c.err != "" && !apperr.Is(err, c.err) {
			t.Errorf("CheckParent(%s, %s) = %v, want %q", c.code, c.parent, err, c.err)
		}
	}
}

func TestAncestors(t *testing.T) {
	got := Ancestors("371521112201")
	want := []string{"370000000000", "371500000000", "371521000000", "371521112000"}
	if len(got) != len(want) {
		t.Fatalf("Ancestors = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Ancestors = %v, want %v", got, want)
		}
	}
	if got := Ancestors("441900003000"); len(got) != 2 || got[1] != "441900000000" {
		t.Fatalf("Ancestors of a Dongguan town = %v", got)
	}
	if len(Ancestors("370000000000")) != 0 {
		t.Fatal("a province has no ancestors")
	}
}
