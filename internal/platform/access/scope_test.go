package access

import (
	"slices"
	"testing"
)

func TestScopeAboveAndSees(t *testing.T) {
	town := ScopeOf("371521112000") // 张秋镇
	if got := town.Above(); !slices.Equal(got, []string{"370000000000", "371500000000", "371521000000"}) {
		t.Fatalf("above 张秋镇: %v", got)
	}
	// 东莞 has no counties: its township's county-level code is the city itself, listed once.
	if got := ScopeOf("441900003000").Above(); !slices.Equal(got, []string{"440000000000", "441900000000"}) {
		t.Fatalf("above a township of 东莞: %v", got)
	}
	cases := []struct {
		code      string
		published bool
		sees      bool
	}{
		{"371521112201", false, true},  // its own village, even a draft
		{"371521000000", true, true},   // the county's published record
		{"371521000000", false, false}, // the county's draft
		{"371521101000", true, false},  // another township, even published
		{"371522000000", true, false},  // another county
		{"370000000000", true, true},   // the province's published record
	}
	for _, c := range cases {
		if town.Sees(c.code, c.published) != c.sees {
			t.Errorf("张秋镇 sees %s (published %v): %v", c.code, c.published, !c.sees)
		}
	}
	if Nowhere.Contains("371521000000") || Nowhere.Sees("370000000000", true) || Everywhere.Contains("") != true {
		t.Fatal("nowhere and everywhere")
	}
	if (*Principal)(nil).Scope() != Nowhere || !System().Scope().Contains("440000000000") || !System().Can(PeoplePII) {
		t.Fatal("a missing principal is nowhere, the system everywhere")
	}
}

func TestVisibleSQL(t *testing.T) {
	cond, args := ScopeOf("371521112000").Visible("b.region_code", "b.status <> 'draft'")
	want := "((b.region_code >= ? AND b.region_code < ?) OR (b.region_code IN (?, ?, ?) AND b.status <> 'draft'))"
	if cond != want || len(args) != 5 || args[0] != "371521112" {
		t.Fatalf("%s %v", cond, args)
	}
	if cond, args := Everywhere.Visible("r", "x"); cond != "(r >= ? AND r < ?)" || len(args) != 2 {
		t.Fatalf("everywhere: %s %v", cond, args)
	}
}
